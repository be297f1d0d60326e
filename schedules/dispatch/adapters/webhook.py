"""Webhook: a JSON POST signed with HMAC-SHA256 of the body in ``X-Signature``.

2xx is success; 4xx fails at once (except 408 and 429, which ask us to come back);
5xx, timeouts and refused connections are retried. ``Idempotency-Key: key:version``
lets the channel drop the rare second copy (see ``delivery.py``).
"""

import json
import os

import urllib3
from django.conf import settings
from django.utils.translation import gettext as _

from ..signing import SIGNATURE_HEADER, webhook_signature
from .base import Content, PermanentError, RetryableError

RETRY_STATUSES = {408, 429}
_pools: dict[int, urllib3.PoolManager] = {}


def pool() -> urllib3.PoolManager:
    """Keep-alive connections per process: a prefork child never shares a socket.

    urllib3 rather than requests: no proxy or .netrc lookups from the environment
    on every call (a channel's endpoint is reached directly, as the press fetcher
    does), no redirects, no retries of its own: the task decides what to retry.
    """
    pid = os.getpid()
    if pid not in _pools:
        _pools.clear()
        _pools[pid] = urllib3.PoolManager(retries=False)
    return _pools[pid]


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
    connect = settings.DISPATCH_WEBHOOK_CONNECT_TIMEOUT
    read = settings.DISPATCH_WEBHOOK_READ_TIMEOUT
    # The total bounds a channel that answers byte by byte, as well as a slow one.
    timeout = urllib3.Timeout(connect=connect, read=read, total=connect + read)
    try:
        response = pool().request(
            "POST",
            channel.webhook_url,
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
