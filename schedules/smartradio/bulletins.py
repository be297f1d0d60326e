"""Audio bulletins: each recording prepared once for the smart radios that air it.

The beat job finds recordings of broadcasts due soon on smart-radio channels and
makes one pending bulletin per (recording, loudness target, bitrate); a task
prepares each (``audio.prepare_bulletin``). Dispatch sends a broadcast once its
bulletin is ready (see ``schedules.dispatch.adapters.base``).
"""

import datetime
import logging
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from schedules.models import (
    PENDING,
    Broadcast,
    Bulletin,
    BulletinStatus,
)
from schedules.models.smartradio import bulletin_clip, bulletin_key, needs_bulletin

from .audio import AudioError, prepare_bulletin

logger = logging.getLogger(__name__)
# A preparation that has not finished in this long is taken over by another task.
TAKEN_FOR = datetime.timedelta(minutes=10)


def bulletins_due(*, now: datetime.datetime) -> list[int]:
    """Pending bulletins for broadcasts starting soon on smart-radio channels; the
    ids of those nobody is preparing right now."""
    horizon = now + datetime.timedelta(hours=settings.SMARTRADIO_PREPARE_HOURS)
    broadcasts = (
        Broadcast.objects.filter(
            status__in=PENDING,
            channel__smart_radio__active=True,
            variant__audio__isnull=False,
            starts_at__lte=horizon,
            starts_at__gte=now - datetime.timedelta(days=1),
        )
        .select_related("channel__smart_radio", "variant__audio")
        .order_by("starts_at")
    )
    wanted = {}
    for broadcast in broadcasts:
        if needs_bulletin(broadcast):
            clip = bulletin_clip(broadcast)
            wanted[(clip.pk, broadcast.channel.smart_radio.bitrate_kbps)] = clip
    for (_pk, bitrate), clip in wanted.items():
        Bulletin.objects.get_or_create(**bulletin_key(clip=clip, bitrate=bitrate))
    return list(
        Bulletin.objects.filter(status=BulletinStatus.PENDING)
        .filter(Q(started_at__isnull=True) | Q(started_at__lt=now - TAKEN_FOR))
        .values_list("pk", flat=True)
    )


def bulletin_prepare(
    *, bulletin_id: int, now: datetime.datetime | None = None
) -> Bulletin:
    """Prepare one bulletin; safe to run twice (a ready or failed one is left be)."""
    now = now or timezone.now()
    taken = (
        Bulletin.objects.filter(pk=bulletin_id, status=BulletinStatus.PENDING)
        .filter(Q(started_at__isnull=True) | Q(started_at__lt=now - TAKEN_FOR))
        .update(started_at=now)
    )
    bulletin = Bulletin.objects.select_related("clip").get(pk=bulletin_id)
    if not taken:
        return bulletin
    with tempfile.TemporaryDirectory(prefix="bulletin-") as folder:
        source = Path(folder) / "source"
        target = Path(folder) / "bulletin.mp3"
        try:
            with bulletin.clip.file.open("rb") as stored, open(source, "wb") as local:
                shutil.copyfileobj(stored, local)
            prepared = prepare_bulletin(
                source,
                target,
                target=float(bulletin.target_lufs),
                true_peak=settings.SMARTRADIO_TRUE_PEAK_DBTP,
                bitrate=bulletin.bitrate_kbps,
            )
        except (AudioError, OSError) as exc:
            message = (
                str(exc)
                if isinstance(exc, AudioError)
                else _("The recording's file cannot be opened.")
            )
            logger.warning("Bulletin %s not prepared: %s", bulletin.pk, exc)
            Bulletin.objects.filter(pk=bulletin.pk).update(
                status=BulletinStatus.FAILED, error=message[:500], prepared_at=now
            )
            bulletin.refresh_from_db()
            return bulletin
        with open(target, "rb") as handle:
            bulletin.file.save(f"{bulletin.token}.mp3", File(handle), save=False)
    with transaction.atomic():
        Bulletin.objects.filter(pk=bulletin.pk).update(
            file=bulletin.file.name,
            status=BulletinStatus.READY,
            error="",
            size_bytes=prepared.size,
            duration_seconds=prepared.duration,
            measured_lufs=prepared.measure.integrated,
            measured_true_peak=prepared.measure.true_peak,
            prepared_at=timezone.now(),
        )
    bulletin.refresh_from_db()
    return bulletin
