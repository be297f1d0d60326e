"""Signatures: the one-click "it aired" link and the channels' webhook HMACs."""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.core import signing
from django.urls import reverse

AIRED_SALT = "schedules.dispatch.aired"
SIGNATURE_HEADER = "X-Signature"


def aired_token(broadcast) -> str:
    """A token naming the broadcast, signed with the site's key and a timestamp."""
    signer = signing.TimestampSigner(salt=AIRED_SALT)
    return signer.sign_object({"id": broadcast.pk, "key": str(broadcast.key)})


def aired_token_read(token: str) -> dict:
    """The broadcast named by a token; raises ``signing.BadSignature`` if forged or
    expired (``SignatureExpired`` is a ``BadSignature``)."""
    signer = signing.TimestampSigner(salt=AIRED_SALT)
    max_age = datetime.timedelta(days=settings.DISPATCH_AIRED_LINK_MAX_AGE_DAYS)
    return signer.unsign_object(token, max_age=max_age)


def absolute_url(path: str) -> str:
    """``path`` at the address the site is served at: SITE_URL, which follows PORT
    in development, read when the link is made (not a copy taken at start-up)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL.rstrip("/") + path


def aired_url(broadcast) -> str:
    return absolute_url(reverse("dispatch_aired_link", args=[aired_token(broadcast)]))


def aired_callback_url(broadcast) -> str:
    return absolute_url(reverse("dispatch_aired_callback", args=[broadcast.pk]))


def webhook_signature(secret: str, body: bytes) -> str:
    """``sha256=<hex>``: HMAC-SHA256 of the raw body with the channel's secret."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def webhook_signature_valid(secret: str, body: bytes, header: str) -> bool:
    if not secret or not header:
        return False
    return hmac.compare_digest(webhook_signature(secret, body), header.strip())
