"""Webhook: a JSON POST signed with HMAC-SHA256 of the body in ``X-Signature``.

2xx is success; 4xx fails at once (except 408 and 429, which ask us to come back);
5xx, timeouts and refused connections are retried. ``Idempotency-Key: key:version``
lets the channel drop the rare second copy (see ``delivery.py``). The endpoint passes
the outbound guard (``schedules.network``) first and the POST goes to the address it
vetted, so a channel's URL cannot reach our own machines unless allow-listed.
"""

import json
import os

import urllib3
from django.conf import settings
from django.utils.translation import gettext as _

from ...network import Refused, Target, Unresolved, check_url
from ..signing import SIGNATURE_HEADER, webhook_signature
from .base import Content, PermanentError, RetryableError

RETRY_STATUSES = {408, 429}
_pools: dict[int, dict[tuple, urllib3.HTTPConnectionPool]] = {}


def pool(target: Target) -> urllib3.HTTPConnectionPool:
    """Keep-alive connections per process and vetted address: a prefork child
    never shares a socket, and a name is never looked up again between the check
    and the connection (DNS rebinding).

    urllib3 rather than requests: no proxy or .netrc lookups from the environment
    on every call (a channel's endpoint is reached directly, as the press fetcher
    does), no redirects, no retries of its own: the task decides what to retry.
    """
    pid = os.getpid()
    if pid not in _pools:
        _pools.clear()
        _pools[pid] = {}
    address = target.addresses[0][1][0]
    key = (target.scheme, target.host, target.port, address)
    if key not in _pools[pid]:
        if target.scheme == "https":
            # TLS names and checks the channel's host, not the address.
            _pools[pid][key] = urllib3.HTTPSConnectionPool(
                address,
                target.port,
                retries=False,
                server_hostname=target.host,
                assert_hostname=target.host,
            )
        else:
            _pools[pid][key] = urllib3.HTTPConnectionPool(
                address, target.port, retries=False
            )
    return _pools[pid][key]


def endpoint(url: str) -> Target:
    """The channel's URL through the outbound guard, as a delivery error if refused."""
    try:
        return check_url(url, allowed_networks=settings.OUTBOUND_ALLOWED_NETWORKS)
    except Unresolved as exc:
        raise RetryableError(exc.reason) from exc
    except Refused as exc:
        raise PermanentError(exc.reason) from exc


def body_for(content: Content) -> bytes:
    return json.dumps(
        content.payload(), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode()


def deliver(content: Content) -> None:
    channel = content.broadcast.channel
    if not channel.webhook_url or not channel.webhook_secret:
        raise PermanentError(_("The channel has no webhook URL or secret."))
    body = body_for(content)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        SIGNATURE_HEADER: webhook_signature(channel.webhook_secret, body),
        "Idempotency-Key": content.idempotency_key,
        "User-Agent": "bcd138-dispatch/1",
    }
    # Vetted once for the broadcasts of a batch: the POST still goes to the
    # address vetted, so the name is never looked up between check and connection.
    vetted = ("endpoint", channel.webhook_url)
    if vetted not in content.shared:
        content.shared[vetted] = endpoint(channel.webhook_url)
    target = content.shared[vetted]
    default_port = target.port == (443 if target.scheme == "https" else 80)
    headers["Host"] = target.host if default_port else f"{target.host}:{target.port}"
    connect = settings.DISPATCH_WEBHOOK_CONNECT_TIMEOUT
    read = settings.DISPATCH_WEBHOOK_READ_TIMEOUT
    # The total bounds a channel that answers byte by byte, as well as a slow one.
    timeout = urllib3.Timeout(connect=connect, read=read, total=connect + read)
    try:
        response = pool(target).urlopen(
            "POST",
            target.request_target,
            body=body,
            headers=headers,
            timeout=timeout,
            redirect=False,
            preload_content=False,
        )
    # NewConnectionError (refused, unreachable) is a TimeoutError in urllib3 2; a
    # TLS handshake cut short or a proxy failing may work on the next attempt.
    except (
        urllib3.exceptions.NewConnectionError,
        urllib3.exceptions.ProtocolError,
        urllib3.exceptions.SSLError,
        urllib3.exceptions.ProxyError,
    ) as exc:
        raise RetryableError(f"connection failed: {exc.__class__.__name__}") from exc
    except urllib3.exceptions.TimeoutError as exc:
        raise RetryableError(f"timeout: {exc.__class__.__name__}") from exc
    except (urllib3.exceptions.HTTPError, ValueError) as exc:
        raise PermanentError(f"request refused: {exc}") from exc
    status = response.status
    text = _answer_start(response)
    if 200 <= status < 300:
        return
    reason = f"HTTP {status}: {text}".strip()
    if status >= 500 or status in RETRY_STATUSES:
        raise RetryableError(reason)
    raise PermanentError(reason)


def _answer_start(response) -> str:
    """The first 200 bytes of the answer, for the reason kept with a failure.

    The status decides; the body is never read further, and a connection whose
    answer was not read to the end is closed rather than reused. An error while
    reading it changes nothing: a 2xx already means the channel has the broadcast.
    """
    start = b""
    try:
        start = response.read(200)
    except (urllib3.exceptions.HTTPError, OSError):
        pass
    if response.length_remaining != 0:
        response.close()
    # Back to the pool either way: a closed connection is reopened when next used.
    response.release_conn()
    return start.decode("utf-8", "replace")
