"""Webhook: a JSON POST signed with HMAC-SHA256 of the body in ``X-Signature``.

2xx is success; 4xx fails at once (except 408 and 429, which ask us to come back);
5xx, timeouts and refused connections are retried. ``Idempotency-Key: key:version``
lets the channel drop the rare second copy (see ``delivery.py``).
"""

import json
import os

import requests
from django.conf import settings
from django.utils.translation import gettext as _

from ..signing import SIGNATURE_HEADER, webhook_signature
from .base import Content, PermanentError, RetryableError

RETRY_STATUSES = {408, 429}
_sessions: dict[int, requests.Session] = {}


def session() -> requests.Session:
    """One keep-alive session per process: a prefork child never shares a socket."""
    pid = os.getpid()
    if pid not in _sessions:
        _sessions.clear()
        _sessions[pid] = requests.Session()
    return _sessions[pid]


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
    timeout = (
        settings.DISPATCH_WEBHOOK_CONNECT_TIMEOUT,
        settings.DISPATCH_WEBHOOK_READ_TIMEOUT,
    )
    try:
        response = session().post(
            channel.webhook_url,
            data=body,
            headers=headers,
            timeout=timeout,
            allow_redirects=False,
        )
    except requests.Timeout as exc:
        raise RetryableError(f"timeout: {exc.__class__.__name__}") from exc
    except requests.ConnectionError as exc:
        raise RetryableError(f"connection failed: {exc.__class__.__name__}") from exc
    except requests.RequestException as exc:
        raise PermanentError(f"request refused: {exc}") from exc
    if 200 <= response.status_code < 300:
        return
    reason = f"HTTP {response.status_code}: {response.text[:200]}".strip()
    if response.status_code >= 500 or response.status_code in RETRY_STATUSES:
        raise RetryableError(reason)
    raise PermanentError(reason)
