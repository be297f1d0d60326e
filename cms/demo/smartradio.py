"""Smart radio in the demo: border districts whose commune loudspeakers became IP
clusters, with illustrative recordings and the playback logs their software exports.

Everything here is illustrative (households, recordings, logs): recordings are
synthetic tones labelled so, not anyone's voice. The logs go through the real
playback service, so the airings are confirmed the way a channel's would be.
"""

import csv
import datetime
import io
import random
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone

from campaigns.models import Format, MessageVariant, Region
from media.models import MediaClip
from schedules.dispatch.events import broadcast_event_log
from schedules.models import (
    Broadcast,
    BroadcastStatus,
    Channel,
    DeliveryMethod,
    PlaybackLog,
    PlaybackSource,
    RadioCluster,
    SmartRadio,
)
from schedules.smartradio.playback import item_title, playback_log_ingest

from .sounds import make_recording

SEED = 1930
DISTRICTS = 3
CLUSTERS_PER_DISTRICT = 3
# One variant in this many keeps no recording: the plan flags it "chưa có bản thu".
WITHOUT_RECORDING = 6
# Share of airings whose log line is lost (the follow-up list keeps them).
LOST = 0.04
LABEL = "Bản thu minh họa (âm báo tổng hợp, không phải lời đọc)"
NOTE = "Nhật ký phát minh họa (demo)"
SECRET = "demo-truyen-thanh-thong-minh"


def _districts() -> list[Region]:
    return list(
        Region.objects.filter(depth=2, border=True).order_by("path")[:DISTRICTS]
    )


def _radio(district: Region, rng: random.Random) -> Channel | None:
    channel = Channel.objects.filter(
        kind="loudspeaker", regions=district, name__endswith=district.name
    ).first()
    if channel is None:
        return None
    channel.delivery_method = DeliveryMethod.PULL_FEED
    channel.webhook_secret = SECRET
    channel.save(update_fields=["delivery_method", "webhook_secret"])
    radio, _created = SmartRadio.objects.get_or_create(channel=channel)
    communes = list(
        Region.objects.filter(path__startswith=district.path, depth=3).order_by("path")
    ) or [district]
    for number, commune in enumerate(communes[:CLUSTERS_PER_DISTRICT], start=1):
        RadioCluster.objects.get_or_create(
            radio=radio,
            code=f"{district.code}-C{number:02d}",
            defaults={
                "commune": commune,
                "households": rng.randrange(250, 1400, 10),
                "sort_order": number,
            },
        )
    return channel


def _recordings(channels: list[Channel]) -> int:
    """A short synthetic recording for most loudspeaker scripts these channels air."""
    variants = (
        MessageVariant.objects.filter(
            broadcasts__channel__in=channels,
            format=Format.LOUDSPEAKER_SCRIPT,
            audio__isnull=True,
        )
        .distinct()
        .select_related("page")
        .order_by("pk")
    )
    made = 0
    with tempfile.TemporaryDirectory(prefix="demo-audio-") as folder:
        for index, variant in enumerate(variants):
            if index % WITHOUT_RECORDING == WITHOUT_RECORDING - 1:
                continue
            path = make_recording(
                Path(folder) / f"{variant.pk}.wav",
                layout="mono",
                seconds=3,
                gain_db=-12 - index % 9,
                frequency=330 + 20 * (index % 12),
            )
            clip = MediaClip.objects.create(
                title=f"{LABEL} – {variant.page.title}"[:255],
                file=ContentFile(path.read_bytes(), name=f"minh-hoa-{variant.pk}.wav"),
                kind="audio",
                duration_seconds=3,
                language_id=variant.language_id,
                transcript=variant.text,
                credit="Demo – âm thanh tổng hợp",
            )
            # The live page reads its variants' rows: no new revision needed.
            MessageVariant.objects.filter(pk=variant.pk).update(audio=clip)
            made += 1
    return made


def _sent(channel: Channel, now: datetime.datetime) -> list[Broadcast]:
    """The channel's past broadcasts, delivered through its pull feed."""
    broadcasts = list(
        Broadcast.objects.filter(
            channel=channel, status=BroadcastStatus.APPROVED, ends_at__lt=now
        )
        .select_related("region", "message", "variant__audio")
        .order_by("starts_at", "pk")
    )
    for broadcast in broadcasts:
        broadcast.status = BroadcastStatus.SENT
        broadcast.sent_at = broadcast.claimed_at = (
            broadcast.starts_at - datetime.timedelta(hours=1)
        )
        broadcast.delivered_version = broadcast.version
    Broadcast.objects.bulk_update(
        broadcasts, ["status", "sent_at", "claimed_at", "delivered_version"]
    )
    for broadcast in broadcasts:
        broadcast_event_log(
            broadcast=broadcast,
            from_status=BroadcastStatus.APPROVED,
            to_status=BroadcastStatus.SENT,
            at=broadcast.sent_at,
            actor="demo",
            note=NOTE,
        )
    return broadcasts


def playback_export(
    channel: Channel, broadcasts: list[Broadcast], rng: random.Random
) -> bytes:
    """The CSV a smart-radio server exports: one line per cluster and item played,
    by key mostly, by title sometimes, with a few lines that match nothing."""
    clusters = list(channel.smart_radio.clusters.order_by("sort_order"))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["cluster", "started_at", "duration", "key", "title"])
    for broadcast in broadcasts:
        if rng.random() < LOST:
            continue
        for cluster in clusters:
            if rng.random() < 0.08:
                continue  # this cluster was off the air
            started = timezone.localtime(broadcast.starts_at) + datetime.timedelta(
                seconds=rng.randrange(0, 90)
            )
            by_title = rng.random() < 0.15
            writer.writerow(
                [
                    cluster.code,
                    started.strftime("%d/%m/%Y %H:%M:%S"),
                    rng.randrange(60, 180),
                    "" if by_title else f"{broadcast.key}:{broadcast.version}",
                    item_title(broadcast) if by_title else "",
                ]
            )
    if broadcasts:
        day = timezone.localtime(broadcasts[0].starts_at)
        writer.writerow(
            [
                clusters[0].code,
                day.replace(hour=5, minute=0).strftime("%d/%m/%Y %H:%M:%S"),
                30,
                "",
                "Nhạc hiệu đầu giờ",
            ]
        )
        writer.writerow(
            ["CUM-CU-99", day.strftime("%d/%m/%Y %H:%M:%S"), 95, broadcasts[0].key, ""]
        )
        late = timezone.localtime(broadcasts[-1].starts_at) + datetime.timedelta(
            hours=3
        )
        writer.writerow(
            [
                clusters[-1].code,
                late.strftime("%d/%m/%Y %H:%M:%S"),
                95,
                broadcasts[-1].key,
                "",
            ]
        )
    return out.getvalue().encode()


def load(now: datetime.datetime | None = None) -> str:
    """Before the illustrative results: these districts' airings are confirmed by
    their logs, not drawn at random."""
    if PlaybackLog.objects.filter(illustrative=True).exists():
        return "Smart radio: already loaded"
    now = now or timezone.now()
    rng = random.Random(SEED)
    channels = [c for c in (_radio(d, rng) for d in _districts()) if c is not None]
    recordings = _recordings(channels)
    confirmed = lines = review = 0
    for channel in channels:
        broadcasts = _sent(channel, now)
        log = playback_log_ingest(
            channel=channel,
            content=playback_export(channel, broadcasts, rng),
            source=PlaybackSource.UPLOAD,
            filename=f"nhat-ky-phat-minh-hoa-{channel.pk}.csv",
            now=now,
            illustrative=True,
        )
        lines += log.lines
        review += log.to_review
        confirmed += (
            Broadcast.objects.filter(Q(plays__isnull=False), channel=channel)
            .distinct()
            .count()
        )
    return (
        f"Smart radio (minh họa): {len(channels)} channels, {recordings} recordings, "
        f"{lines} log lines, {confirmed} airings confirmed by logs, "
        f"{review} lines to review"
    )


def reset():
    PlaybackLog.objects.all().delete()
    MediaClip.objects.filter(title__startswith=LABEL).delete()
