"""The one guard for outbound HTTP(S): press feeds fetched, webhooks posted.

A URL is resolved once, every address it resolves to is vetted, and the socket is
opened to a vetted address; HTTP and TLS then name the original host (Host header,
SNI, certificate check). Every read gives up at one wall-clock deadline. Plain
Python: callers pass the allow-list (``OUTBOUND_ALLOWED_NETWORKS``) in.
"""

from __future__ import annotations

import http.client
import io
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from django.utils.translation import gettext as _

DEFAULT_PORTS = {"http": 80, "https": 443}

# RFC 1918 and RFC 6598 (carrier-grade NAT) IPv4, RFC 4193 unique local IPv6 and
# the site-local IPv6 it replaced (RFC 3879), which Python counts as global.
PRIVATE_NETWORKS = tuple(
    ipaddress.ip_network(net)
    for net in (
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "100.64.0.0/10",
        "fc00::/7",
        "fec0::/10",
    )
)

# RFC 6052: a NAT64 gateway carries these to the IPv4 address in the last 32 bits.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# RFC 8215: local-use NAT64, where the operator picks where the IPv4 address sits;
# whatever it leads to is on some network of ours, so the whole prefix is refused.
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
# RFC 4291 2.5.5.1: the deprecated IPv4-compatible form, ::a.b.c.d.
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")

# Characters left as they are in the request target; the rest is percent-encoded, so
# spaces, CR/LF or non-ASCII from a URL or a Location header never reach the wire raw.
_SAFE_TARGET = "!#$%&'()*+,/:;=?@[]~"

Resolver = Callable[..., list]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class Refused(Exception):
    """A fetch stopped for a reason an organiser can read (translated)."""

    def __init__(self, reason: str, *, http_status: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.http_status = http_status


class Unresolved(Refused):
    """The name did not resolve: unlike a refused address, this may pass."""


@dataclass(frozen=True)
class Target:
    """A checked URL: the host to name, and the only addresses we may connect to."""

    url: str
    scheme: str
    host: str
    port: int
    request_target: str
    addresses: tuple[tuple[int, tuple], ...]


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address leads to: mapped, compatible, NAT64,
    6to4 and Teredo (both its server and its client)."""
    if ip.ipv4_mapped is not None:
        return [ip.ipv4_mapped]
    if ip.sixtofour is not None:
        return [ip.sixtofour]
    if ip.teredo is not None:
        return list(ip.teredo)
    if ip in _NAT64 or (ip in _IPV4_COMPATIBLE and int(ip) > 1):
        return [ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)]
    return []


def networks(entries: Iterable) -> tuple:
    """An allow-list as networks: "10.38.0.0/16", "2001:db8::/32", one address."""
    return tuple(ipaddress.ip_network(str(entry), strict=False) for entry in entries)


def address_problem(
    ip: IPAddress,
    *,
    allow_private: bool = False,
    allow_loopback: bool = False,
    allowed_networks: Iterable = (),
) -> str | None:
    """Why nothing may be fetched from or posted to `ip` (translated), or None.

    Link-local (cloud metadata at 169.254.169.254), multicast and reserved addresses
    are never allowed, nor in any IPv6 form that embeds them; the flags open only
    loopback (tests) or private networks, and `allowed_networks` opens the
    province's own networks, named one by one in the settings.
    """
    if ip.is_unspecified:
        return _("an unspecified address")
    if ip.is_multicast:
        return _("a multicast address")
    if any(ip in net for net in networks(allowed_networks)):
        return None
    if ip.version == 6:
        if ip in _NAT64_LOCAL:
            return _("a local-use NAT64 address, leading into a private network")
        for inner in embedded_ipv4(ip):
            problem = address_problem(
                inner,
                allow_private=allow_private,
                allow_loopback=allow_loopback,
                allowed_networks=allowed_networks,
            )
            if problem:
                return problem
        if ip in _IPV4_COMPATIBLE and int(ip) > 1:
            return _("a reserved address, not used on the Internet")
        if embedded_ipv4(ip):
            # Translation prefixes are not global in themselves; what they lead to
            # was judged above.
            return None
    if ip.is_loopback:
        return None if allow_loopback else _("a loopback address (this server itself)")
    if any(ip in net for net in PRIVATE_NETWORKS):
        return None if allow_private else _("a private network address")
    if ip.is_link_local:
        return _("a link-local address (such as a cloud metadata server)")
    if not ip.is_global:
        return _("a reserved address, not used on the Internet")
    return None


def check_url(
    url: str,
    *,
    resolver: Resolver = socket.getaddrinfo,
    allow_private: bool = False,
    allow_loopback: bool = False,
    allowed_networks: Iterable = (),
) -> Target:
    """Resolve `url` once and vet every address, before any byte is sent.

    One bad address refuses the whole name: with a mix, the choice of address would
    be the attacker's, not ours.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise Refused(_("Invalid address: %(url)s") % {"url": url}) from exc
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise Refused(
            _("Unsupported protocol: %(scheme)s") % {"scheme": scheme or _("(none)")}
        )
    if not parts.hostname:
        raise Refused(_("Invalid address, no host name: %(url)s") % {"url": url})
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise Refused(
            _("Invalid domain name: %(host)s") % {"host": parts.hostname}
        ) from exc
    port = port or DEFAULT_PORTS[scheme]
    unresolved = _("Could not resolve the domain name %(host)s")

    try:
        infos = resolver(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise Unresolved(unresolved % {"host": host}) from exc
    allowed = networks(allowed_networks)
    addresses = []
    for family, _type, _proto, _canonname, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        # An IPv6 scope ("fe80::1%eth0") is not part of the address.
        ip = ipaddress.ip_address(sockaddr[0].split("%")[0])
        problem = address_problem(
            ip,
            allow_private=allow_private,
            allow_loopback=allow_loopback,
            allowed_networks=allowed,
        )
        if problem:
            raise Refused(
                _("Address refused: %(address)s is %(problem)s")
                % {"address": sockaddr[0], "problem": problem}
            )
        addresses.append((family, sockaddr))
    if not addresses:
        raise Unresolved(unresolved % {"host": host})

    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return Target(
        url=parts._replace(fragment="").geturl(),
        scheme=scheme,
        host=host,
        port=port,
        request_target=quote(target, safe=_SAFE_TARGET),
        addresses=tuple(addresses),
    )


def remaining(deadline: float, limit: float) -> float:
    """Seconds the next network operation may take: `limit`, cut at the deadline."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("total deadline passed")
    return min(limit, left)


class PinnedConnection(http.client.HTTPConnection):
    """http.client over a socket we opened to a vetted address; it never resolves.

    http.client keeps the hostname for the Host header; we do the connecting, so
    there is no second DNS lookup between check and connect (DNS rebinding), and TLS
    verifies the certificate against the hostname, not the IP.
    """

    def __init__(
        self,
        target: Target,
        *,
        deadline: float,
        timeout: tuple[float, float],
        ssl_context: ssl.SSLContext | None = None,
    ):
        super().__init__(target.host, target.port)
        self.default_port = DEFAULT_PORTS[target.scheme]
        self._target = target
        self._deadline = deadline
        self._connect_timeout, self._read_timeout = timeout
        self._ssl_context = ssl_context

    def connect(self) -> None:
        error: OSError = ConnectionError("no address")
        for family, sockaddr in self._target.addresses:
            sock = socket.socket(family, socket.SOCK_STREAM)
            try:
                # Since Python 3.5 the timeout bounds the whole TLS handshake.
                sock.settimeout(remaining(self._deadline, self._connect_timeout))
                sock.connect(sockaddr)
                if self._target.scheme == "https":
                    context = self._ssl_context or ssl.create_default_context()
                    sock = context.wrap_socket(sock, server_hostname=self._target.host)
            except ssl.SSLCertVerificationError:
                sock.close()
                raise
            except OSError as exc:
                sock.close()
                error = exc
                continue
            self.sock = _DeadlineSocket(sock, self._deadline, self._read_timeout)
            return
        raise error


class _DeadlineSocket:
    """The socket methods http.client uses, each cut at the deadline.

    A server that drips a byte a second never trips a per-read timeout; checking the
    deadline before each recv bounds the status line, headers and body alike.
    """

    def __init__(self, sock: socket.socket, deadline: float, read_timeout: float):
        self._sock = sock
        self._deadline = deadline
        self._read_timeout = read_timeout
        # As with socket.makefile, http.client may close the connection while the
        # response is still being read: the socket closes when both are done.
        self._users = 1

    def sendall(self, data: bytes) -> None:
        self._sock.settimeout(remaining(self._deadline, self._read_timeout))
        self._sock.sendall(data)

    def recv_into(self, buffer) -> int:
        self._sock.settimeout(remaining(self._deadline, self._read_timeout))
        return self._sock.recv_into(buffer)

    def makefile(self, mode: str = "rb", *args, **kwargs) -> io.BufferedReader:
        self._users += 1
        return io.BufferedReader(_DeadlineReader(self))

    def close(self) -> None:
        self._users -= 1
        if self._users == 0:
            self._sock.close()


class _DeadlineReader(io.RawIOBase):
    def __init__(self, sock: _DeadlineSocket):
        super().__init__()
        self._sock = sock

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        return self._sock.recv_into(buffer)

    def close(self) -> None:
        if not self.closed:
            self._sock.close()
        super().close()
