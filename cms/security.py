"""Password guessing is slowed and stopped on every password form.

django-axes counts failed logins (Wagtail admin, Django admin) per account and per
address and locks both after a few; the same counter guards a private page's
password form, whose "account" is the restriction. Password-reset requests are
limited per address and per e-mail with the cache. Every lockout is logged.
"""

import logging

from axes.backends import AxesStandaloneBackend
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address, get_lockout_response
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.shortcuts import render
from wagtail import views as wagtail_views
from wagtail.admin.views.account import PasswordResetView

logger = logging.getLogger("cms.security")

RESET_LIMIT = 5
RESET_WINDOW_SECONDS = 60 * 60


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the address the trusted reverse
    proxies (``TRUSTED_PROXY_COUNT`` of them) put in X-Forwarded-For."""
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


@receiver(user_locked_out)
def log_lockout(sender, request, username, ip_address, **kwargs):
    logger.warning(
        "Login locked out after repeated failures: account %r from %s (%s)",
        username,
        ip_address,
        getattr(request, "path", ""),
    )


class RequestAxesBackend(AxesStandaloneBackend):
    """Axes' check for logins that come with a request (every web form).

    A login without a request (a test client, a shell) has no address to count
    and no form to guess through; it goes on to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(
            request, username=username, password=password, **kwargs
        )


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page, in the reader's language, with the waiting time."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "cms/lockout.html",
        {"cooloff_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def page_password(request, page_view_restriction_id, page_id):
    """Wagtail's page-password form, counted like a login: the restriction is the
    account, so one page's password is not guessed from many addresses either."""
    credentials = {"username": f"page-password:{page_view_restriction_id}"}
    if request.method == "POST" and not AxesProxyHandler.is_allowed(
        request, credentials
    ):
        return get_lockout_response(request, credentials=credentials)
    response = wagtail_views.authenticate_with_password(
        request, page_view_restriction_id, page_id
    )
    if request.method == "POST" and response.status_code != 302:
        user_login_failed.send(
            sender=__name__, credentials=credentials, request=request
        )
        if getattr(request, "axes_locked_out", False):
            return get_lockout_response(request, credentials=credentials)
    return response


def _over_limit(key: str) -> bool:
    cache.add(key, 0, RESET_WINDOW_SECONDS)
    try:
        return cache.incr(key) > RESET_LIMIT
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RESET_WINDOW_SECONDS)
        return False


class LimitedPasswordResetView(PasswordResetView):
    """Wagtail's password reset, a few requests an hour per address and e-mail:
    the form sends mail and tells nothing, but must not be a mail cannon."""

    def post(self, request, *args, **kwargs):
        ip = get_client_ip_address(request) or "-"
        email = (request.POST.get("email") or "").strip().lower()[:254]
        over = [
            _over_limit(f"password-reset:ip:{ip}"),
            _over_limit(f"password-reset:email:{email}"),
        ]
        if any(over):
            logger.warning("Password reset refused: too many requests (%s)", ip)
            return render(
                request,
                "cms/lockout.html",
                {"reset": True},
                status=429,
            )
        return super().post(request, *args, **kwargs)
