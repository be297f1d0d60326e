"""Public endpoints of dispatch: the one-click "it aired" link and the signed callback.

Neither needs a login: the link carries a token signed with the site's key, the
callback a body signed with the channel's webhook secret.
"""

import json

from django.core import signing
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from schedules.models import Broadcast, BroadcastStatus

from .services import broadcast_confirm_aired
from .signing import SIGNATURE_HEADER, aired_token_read, webhook_signature_valid

LINK_TEMPLATE = "schedules/dispatch/aired_link.html"


# The signed token is the credential, so a CSRF cookie adds nothing but a way to
# fail for an operator whose browser blocks cookies.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def aired_link(request, token):
    """GET shows the broadcast and one button; POST confirms it aired.

    Confirming on GET would let mail scanners that open every link confirm
    broadcasts nobody heard.
    """
    try:
        data = aired_token_read(token)
    except signing.BadSignature:
        context = {"error": _("This link is not valid or has expired.")}
        return render(request, LINK_TEMPLATE, context, status=403)
    broadcast = get_object_or_404(
        Broadcast.objects.select_related("channel", "region"),
        pk=data.get("id"),
        key=data.get("key"),
    )
    context = {"broadcast": broadcast, "token": token}
    status = 200
    if request.method == "POST":
        try:
            reach = broadcast_confirm_aired(
                broadcast_id=broadcast.pk,
                actor=_("one-click link (%(channel)s)")
                % {"channel": broadcast.channel},
            )
        except ValidationError as exc:
            context["error"] = " ".join(exc.messages)
            status = 409
        else:
            context["confirmed"] = True
            context["reach"] = reach
        broadcast.refresh_from_db()
    context["aired"] = broadcast.status == BroadcastStatus.AIRED
    return render(request, LINK_TEMPLATE, context, status=status)


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@csrf_exempt
@require_POST
def aired_callback(request, pk):
    """A channel's system reports that a broadcast aired.

    The raw body is signed with HMAC-SHA256 and the channel's webhook secret
    (``X-Signature: sha256=<hex>``) and names the broadcast's key, so a captured
    callback cannot confirm another broadcast.
    """
    broadcast = get_object_or_404(Broadcast.objects.select_related("channel"), pk=pk)
    body = request.body
    header = request.headers.get(SIGNATURE_HEADER, "")
    if not webhook_signature_valid(broadcast.channel.webhook_secret, body, header):
        return _error(_("Bad or missing signature; nothing was changed."), 403)
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return _error(_("The body must be a JSON object."), 400)
    if data.get("key") != str(broadcast.key):
        return _error(
            _("The signed body does not name this broadcast; nothing was changed."),
            403,
        )
    aired_at = None
    if data.get("aired_at"):
        try:
            aired_at = parse_datetime(str(data["aired_at"]))
        except (ValueError, OverflowError):
            aired_at = None
        if aired_at is None:
            return _error(_("aired_at is not a date and time."), 400)
        if timezone.is_naive(aired_at):
            aired_at = timezone.make_aware(aired_at)
    try:
        reach = broadcast_confirm_aired(
            broadcast_id=broadcast.pk,
            actor=_("webhook callback (%(channel)s)") % {"channel": broadcast.channel},
            aired_at=aired_at,
        )
    except ValidationError as exc:
        status = 400 if getattr(exc, "code", None) == "implausible_time" else 409
        return _error(" ".join(exc.messages), status)
    return JsonResponse(
        {"id": broadcast.pk, "status": BroadcastStatus.AIRED, "reach": reach.count}
    )
