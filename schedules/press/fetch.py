"""Fetch a press outlet's RSS/Atom feed without trusting the outlet's server.

`fetch_feed` never raises for network or content problems: it returns a FetchResult
whose reason an organiser can read. See network.py for how addresses are checked
and pinned, parsing.py for what is done to the entries.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urljoin

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..network import PinnedConnection, Refused, Resolver, Target, check_url
from .parsing import FeedEntry, FeedError, parse_feed

MB = 1024 * 1024
USER_AGENT = "PhongChongMuaBanNguoi-Press/1.0 (+theo doi tin bai 30/7)"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.1"
)
REDIRECTS = (301, 302, 303, 307, 308)
CHUNK = 64 * 1024


class FetchStatus(StrEnum):
    """Compares equal to its plain string, so callers may store "ok" as is."""

    OK = "ok"
    NOT_MODIFIED = "not_modified"
    FAILED = "failed"


@dataclass(frozen=True)
class FetchResult:
    """What one poll of a feed gave: entries, or why there are none.

    `etag` and `last_modified` are the validators to send next time (kept from the
    request when a 304 does not repeat them).
    """

    status: FetchStatus
    reason: str = ""
    warning: str = ""
    entries: list[FeedEntry] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    final_url: str = ""
    http_status: int | None = None


def fetch_feed(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    allow_private: bool = False,
    allow_loopback: bool = False,
    allowed_networks: Iterable = (),
    timeout: tuple[float, float] = (5, 10),
    total_timeout: float = 20,
    max_bytes: int = 5 * MB,
    max_redirects: int = 3,
    resolver: Resolver = socket.getaddrinfo,
    ssl_context: ssl.SSLContext | None = None,
) -> FetchResult:
    """GET `url` (conditionally) and parse it, within every limit given.

    `timeout` is (connect, read) per operation; `total_timeout` bounds the whole
    fetch, redirects included. `allow_loopback` lets tests use 127.0.0.1 while
    every other non-public address stays refused; `allow_private` opens private
    networks (RFC 1918, RFC 6598, fc00::/7) for an intranet deployment, and
    `allowed_networks` the networks named in ``OUTBOUND_ALLOWED_NETWORKS``.
    """
    deadline = time.monotonic() + total_timeout
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": ACCEPT,
        "Accept-Encoding": "gzip, deflate",
    }
    if _header_value(etag):
        headers["If-None-Match"] = etag
    if _header_value(last_modified):
        headers["If-Modified-Since"] = last_modified

    current, seen = url, set()
    try:
        for hop in range(max_redirects + 1):
            target = check_url(
                current,
                resolver=resolver,
                allow_private=allow_private,
                allow_loopback=allow_loopback,
                allowed_networks=allowed_networks,
            )
            seen.add(target.url)
            status, response_headers, body = _exchange(
                target, headers, deadline, timeout, max_bytes, ssl_context
            )
            if status not in REDIRECTS:
                break
            location = (response_headers.get("Location") or "").strip()
            if not location:
                raise Refused(
                    _("Redirect without a Location address"), http_status=status
                )
            current = urljoin(target.url, location).partition("#")[0]
            if current in seen:
                raise Refused(
                    _("Redirect loop at %(url)s") % {"url": current},
                    http_status=status,
                )
            if hop == max_redirects:
                raise Refused(
                    _("Too many redirects (at most %(limit)d)")
                    % {"limit": max_redirects},
                    http_status=status,
                )
    except Refused as exc:
        return FetchResult(
            status=FetchStatus.FAILED,
            reason=exc.reason,
            final_url=current,
            http_status=exc.http_status,
        )

    validators = {
        "etag": _header_value(response_headers.get("ETag")),
        "last_modified": _header_value(response_headers.get("Last-Modified")),
        "final_url": target.url,
        "http_status": status,
    }
    if status == 304:
        validators["etag"] = validators["etag"] or _header_value(etag)
        validators["last_modified"] = validators["last_modified"] or _header_value(
            last_modified
        )
        return FetchResult(status=FetchStatus.NOT_MODIFIED, **validators)
    if not 200 <= status < 300:
        return FetchResult(
            status=FetchStatus.FAILED,
            reason=_("The server returned error code %(status)d") % {"status": status},
            **validators,
        )
    try:
        entries, warning = parse_feed(body, base_url=target.url)
    except FeedError as exc:
        return FetchResult(status=FetchStatus.FAILED, reason=exc.reason, **validators)
    return FetchResult(
        status=FetchStatus.OK, warning=warning, entries=entries, **validators
    )


def _exchange(
    target: Target,
    headers: dict[str, str],
    deadline: float,
    timeout: tuple[float, float],
    max_bytes: int,
    ssl_context: ssl.SSLContext | None,
) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One request on a fresh pinned connection; the body is read only for a 2xx."""
    connection = PinnedConnection(
        target, deadline=deadline, timeout=timeout, ssl_context=ssl_context
    )
    response = None
    try:
        connection.request("GET", target.request_target, headers=headers)
        response = connection.getresponse()
        body = b""
        if 200 <= response.status < 300:
            body = _read_body(response, max_bytes)
        return response.status, response.headers, body
    except TimeoutError as exc:
        raise Refused(_("The server answered too slowly")) from exc
    except ssl.SSLCertVerificationError as exc:
        raise Refused(
            _("The TLS certificate of %(host)s is invalid: %(error)s")
            % {"host": target.host, "error": exc.verify_message}
        ) from exc
    except (OSError, http.client.HTTPException) as exc:
        raise Refused(
            _("Connection error to %(host)s: %(error)s")
            % {"host": target.host, "error": repr(exc)}
        ) from exc
    finally:
        if response is not None:
            response.close()
        connection.close()


def _read_body(response: http.client.HTTPResponse, max_bytes: int) -> bytes:
    """The body, decompressed by us so the cap applies to what we would parse."""
    # http.client has parsed Content-Length (None if absent, chunked or nonsense).
    if response.length is not None and response.length > max_bytes:
        raise Refused(
            _("Response too large: %(length)d bytes, at most %(limit)s")
            % {"length": response.length, "limit": _size(max_bytes)},
            http_status=response.status,
        )
    encoding = response.getheader("Content-Encoding", "identity").strip().lower()
    decoder = _decoder(encoding)
    if decoder is None:
        too_large = _("Response larger than %(limit)s")
    else:
        too_large = _("Response larger than %(limit)s after decompression")
    too_large %= {"limit": _size(max_bytes)}

    body = bytearray()
    received = 0
    try:
        # read1 returns what has arrived instead of waiting for a full chunk; the
        # deadline itself is enforced on every recv (network._DeadlineSocket).
        while chunk := response.read1(CHUNK):
            received += len(chunk)
            if decoder is None:
                body += chunk
            else:
                # Ask for one byte more than the room left: getting it means "too
                # large", and a zip bomb never inflates beyond that in memory.
                body += decoder.decompress(chunk, max_bytes - len(body) + 1)
            if len(body) > max_bytes or received > max_bytes:
                raise Refused(too_large, http_status=response.status)
        if decoder is not None:
            body += decoder.flush()
            if len(body) > max_bytes:
                raise Refused(too_large, http_status=response.status)
            if not decoder.eof:
                raise zlib.error("truncated stream")
        if response.length:
            raise Refused(_("Response cut short"), http_status=response.status)
    except zlib.error as exc:
        raise Refused(
            _("Compressed content (%(encoding)s) is corrupt: %(error)s")
            % {"encoding": encoding, "error": exc},
            http_status=response.status,
        ) from exc
    return bytes(body)


def _decoder(encoding: str):
    """A zlib decompressor for the Content-Encoding, None for identity."""
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        # RFC 9110 section 8.4.1.2: "deflate" is the zlib format (RFC 1950).
        return zlib.decompressobj(zlib.MAX_WBITS)
    raise Refused(_("Unsupported compression: %(encoding)s") % {"encoding": encoding})


def _header_value(value: str | None) -> str | None:
    """A validator fit to send back: printable ASCII, else dropped (no CR/LF)."""
    if value and len(value) <= 1024 and value.isascii() and value.isprintable():
        return value
    return None


def _size(n: int) -> str:
    if n % MB == 0:
        return f"{n // MB} MB"
    return ngettext("%(count)d byte", "%(count)d bytes", n) % {"count": n}
