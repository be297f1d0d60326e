"""Public endpoints of smart radio: bulletin files, and playback logs posted back.

Neither needs a login: a bulletin's address holds a random token, and a posted log
is signed with the channel's secret and a timestamp.
"""

import re
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from campaigns.models import MessagePage
from media.models import Consent
from schedules.dispatch.signing import SIGNATURE_HEADER, webhook_signature_valid
from schedules.models import Bulletin, BulletinStatus, Channel, PlaybackSource

from .playback import playback_log_ingest

TIMESTAMP_HEADER = "X-Timestamp"
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
# The file at a token never changes (a new recording gets a new token).
CACHE_CONTROL = "public, max-age=31536000, immutable"
CHUNK = 64 * 1024


def _may_be_heard(bulletin: Bulletin) -> bool:
    """Only a recording used by a live, public message, with consent, goes out."""
    clip = bulletin.clip
    if clip.consent == Consent.WITHHELD:
        return False
    return MessagePage.objects.live().public().filter(variants__audio=clip).exists()


def _byte_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """(first, last) of a single ``bytes=`` range (RFC 9110 §14); None to send the
    whole file (no range, or several, which a server may ignore); False when it
    cannot be satisfied."""
    match = RANGE.match(header.replace(" ", ""))
    if not header or not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:
        length = int(last)
        if length == 0:
            return False
        return max(0, size - length), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        return False
    return start, end


def _chunks(handle, remaining: int):
    with handle:
        while remaining > 0:
            data = handle.read(min(CHUNK, remaining))
            if not data:
                return
            remaining -= len(data)
            yield data


@require_http_methods(["GET", "HEAD"])
def bulletin_file(request, token):
    """The bulletin's MP3, whole or by byte range, cached for a year."""
    bulletin = get_object_or_404(
        Bulletin.objects.select_related("clip"),
        token=token,
        status=BulletinStatus.READY,
    )
    if not bulletin.file or not _may_be_heard(bulletin):
        raise Http404
    try:
        handle = bulletin.file.open("rb")
        size = bulletin.file.size
    except OSError as exc:
        raise Http404 from exc
    headers = {
        "Accept-Ranges": "bytes",
        "Cache-Control": CACHE_CONTROL,
        "ETag": f'"{bulletin.token}"',
        "Last-Modified": http_date(bulletin.prepared_at.timestamp())
        if bulletin.prepared_at
        else None,
    }
    headers = {name: value for name, value in headers.items() if value}
    wanted = _byte_range(request.headers.get("Range", ""), size)
    if_range = request.headers.get("If-Range")
    if if_range and if_range != headers["ETag"]:
        wanted = None
    if wanted is False:
        handle.close()
        response = HttpResponse(status=416, headers=headers)
        response["Content-Range"] = f"bytes */{size}"
        return response
    if wanted is None:
        response = FileResponse(handle, content_type="audio/mpeg", headers=headers)
        response["Content-Length"] = str(size)
        return response
    first, last = wanted
    handle.seek(first)
    response = FileResponse(
        _chunks(handle, last - first + 1),
        status=206,
        content_type="audio/mpeg",
        headers=headers,
    )
    response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Content-Length"] = str(last - first + 1)
    return response


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _timestamp_fresh(value: str) -> bool:
    try:
        stamp = int(value)
    except (TypeError, ValueError):
        return False
    return abs(time.time() - stamp) <= settings.SMARTRADIO_SIGNATURE_MAX_AGE_SECONDS


def signed_message(timestamp: str, body: bytes) -> bytes:
    """What the channel signs: the timestamp, a dot, the raw body."""
    return timestamp.encode() + b"." + body


@csrf_exempt
@require_POST
def playback_post(request, pk):
    """A smart-radio server posts its playback log (JSON or CSV).

    Signed like the aired callback (HMAC-SHA256 with the channel's webhook secret,
    ``X-Signature: sha256=<hex>``), over ``<X-Timestamp>.<body>`` so a captured post
    cannot be replayed after a few minutes.
    """
    channel = get_object_or_404(Channel, pk=pk)
    body = request.body
    stamp = request.headers.get(TIMESTAMP_HEADER, "")
    header = request.headers.get(SIGNATURE_HEADER, "")
    signed = signed_message(stamp, body)
    if not webhook_signature_valid(channel.webhook_secret, signed, header):
        return _error(_("Bad or missing signature; nothing was changed."), 403)
    if not _timestamp_fresh(stamp):
        return _error(
            _("The timestamp is missing or too old; nothing was changed."), 403
        )
    try:
        log = playback_log_ingest(
            channel=channel, content=body, source=PlaybackSource.API
        )
    except ValidationError as exc:
        return _error(" ".join(exc.messages), 400)
    return JsonResponse(
        {
            "log": log.pk,
            "lines": log.lines,
            "confirmed": log.confirmed,
            "repeated": log.repeated,
            "to_review": [
                {
                    "line": issue.line_number,
                    "cluster": issue.cluster_code,
                    "reason": issue.reason,
                    "message": issue.get_reason_display(),
                }
                for issue in log.issues.all()
            ],
        }
    )
