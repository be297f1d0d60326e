"""Playback logs in: each line matched to a broadcast, each match confirms it aired.

A line names its broadcast by key (what the feed and the webhook gave the software),
or else by cluster, time and title. A match is recorded as one play per (broadcast,
cluster), so the same log sent twice, or lines arriving out of order, end the same.
Confirmation goes through dispatch's own ``broadcast_confirm_aired``, with reach
measured from the clusters that played it instead of estimated.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.text import fold
from schedules.dispatch.services import broadcast_confirm_aired
from schedules.models import (
    CONFIRMABLE,
    Broadcast,
    BroadcastStatus,
    Channel,
    ClusterPlay,
    PlaybackIssue,
    PlaybackLog,
    RadioCluster,
    ReachMethod,
    ReachRecord,
    ReviewReason,
    SmartRadio,
    SmartRadioSettings,
)

from .logs import LogLine, log_read

# Candidates for a match by title: a day either side of the logged time.
TITLE_SEARCH = datetime.timedelta(days=1)
RECORDED, REPEATED = "recorded", "repeated"


@dataclass(frozen=True)
class Match:
    broadcast: Broadcast | None
    reason: str = ""


def _key(text: str) -> uuid.UUID | None:
    """The broadcast key in a log's item key: ``<key>`` or the feed's ``<key>:<n>``."""
    try:
        return uuid.UUID(text.split(":", 1)[0].strip())
    except ValueError:
        return None


def _window(broadcast: Broadcast) -> tuple[datetime.datetime, datetime.datetime]:
    tolerance = datetime.timedelta(minutes=broadcast.channel.late_tolerance_minutes)
    return broadcast.starts_at - tolerance, broadcast.ends_at + tolerance


def _in_window(broadcast: Broadcast, moment: datetime.datetime) -> bool:
    start, end = _window(broadcast)
    return start <= moment <= end


def item_title(broadcast: Broadcast) -> str:
    """The title a bulletin goes out under (the pull feed's item title)."""
    starts = timezone.localtime(broadcast.starts_at)
    return f"{starts:%d/%m/%Y %H:%M} – {broadcast.region.name}"


def _titles(broadcast: Broadcast) -> set[str]:
    """What the software may log as the item's title, folded."""
    titles = {item_title(broadcast)}
    if broadcast.message is not None:
        titles.add(broadcast.message.title)
    variant = broadcast.variant
    if variant is not None and variant.audio is not None:
        titles.add(variant.audio.title)
    return {fold(title) for title in titles if title}


def _status_ok(broadcast: Broadcast) -> bool:
    return broadcast.status in (*CONFIRMABLE, BroadcastStatus.AIRED)


def _match(channel: Channel, line: LogLine, broadcasts) -> Match:
    key = _key(line.key) if line.key else None
    if key is not None:
        broadcast = broadcasts.filter(key=key).first()
        if broadcast is None:
            return Match(None, ReviewReason.NO_MATCH)
        if not _in_window(broadcast, line.started_at):
            return Match(broadcast, ReviewReason.OUT_OF_WINDOW)
        if not _status_ok(broadcast):
            return Match(broadcast, ReviewReason.NOT_SENT)
        return Match(broadcast)
    title = fold(line.title or line.key)
    nearby = broadcasts.filter(
        starts_at__gte=line.started_at - TITLE_SEARCH,
        starts_at__lte=line.started_at + TITLE_SEARCH,
    ).exclude(status=BroadcastStatus.CANCELLED)
    named = [b for b in nearby if title in _titles(b)]
    timely = [b for b in named if _in_window(b, line.started_at)]
    if len(timely) > 1:
        return Match(None, ReviewReason.AMBIGUOUS)
    if not timely:
        if named:
            return Match(named[0], ReviewReason.OUT_OF_WINDOW)
        return Match(None, ReviewReason.NO_MATCH)
    if not _status_ok(timely[0]):
        return Match(timely[0], ReviewReason.NOT_SENT)
    return Match(timely[0])


def reach_measure_record(
    *, broadcast: Broadcast, user=None, now: datetime.datetime, illustrative=False
) -> ReachRecord:
    """The one measured reach of an airing: the households of the clusters that
    played it times persons per household. It replaces the estimate, which would
    otherwise count the same people twice."""
    plays = broadcast.plays.aggregate(
        households=Sum("households"), first=Min("started_at")
    )
    persons = SmartRadioSettings.load().persons_per_household
    count = int((plays["households"] or 0) * persons)
    record, _created = ReachRecord.objects.update_or_create(
        broadcast=broadcast,
        method=ReachMethod.MEASURED,
        defaults={
            "region": broadcast.region,
            "count": count,
            "recorded_by": user,
            "recorded_at": now,
            "reached_at": plays["first"] or broadcast.aired_at or broadcast.starts_at,
            "illustrative": illustrative,
            "note": _(
                "Measured from smart-radio playback: %(households)d households × "
                "%(persons)s persons."
            )
            % {"households": plays["households"] or 0, "persons": persons},
        },
    )
    ReachRecord.objects.filter(
        broadcast=broadcast, method=ReachMethod.ESTIMATED
    ).delete()
    return record


def _play_record(
    *,
    broadcast_id: int,
    cluster: RadioCluster,
    line: LogLine,
    log: PlaybackLog,
    now: datetime.datetime,
) -> str:
    """One play, once; the first play of a broadcast confirms it aired."""
    # Lock the broadcast first: two logs naming it count its plays one at a time.
    broadcast = (
        Broadcast.objects.select_for_update(of=("self",))
        .select_related("channel", "region")
        .get(pk=broadcast_id)
    )
    if not _status_ok(broadcast):
        return ReviewReason.NOT_SENT
    play, created = ClusterPlay.objects.get_or_create(
        broadcast=broadcast,
        cluster=cluster,
        defaults={
            "started_at": line.started_at,
            "duration_seconds": line.duration,
            "households": cluster.households,
            "log": log,
        },
    )
    if not created:
        if line.started_at < play.started_at:
            play.started_at = line.started_at
            play.save(update_fields=["started_at"])
        else:
            return REPEATED
    first = broadcast.plays.aggregate(first=Min("started_at"))["first"]

    def record(**kwargs):
        return reach_measure_record(illustrative=log.illustrative, **kwargs)

    broadcast_confirm_aired(
        broadcast_id=broadcast.pk,
        actor=_("playback log (%(channel)s)") % {"channel": broadcast.channel},
        aired_at=first,
        now=now,
        record_reach=record,
    )
    # Lines may come in any order: the airing is the first play logged.
    Broadcast.objects.filter(pk=broadcast.pk, aired_at__gt=first).update(aired_at=first)
    return RECORDED if created else REPEATED


def channel_radio(channel: Channel) -> SmartRadio:
    try:
        radio = channel.smart_radio
    except SmartRadio.DoesNotExist:
        radio = None
    if radio is None or not radio.active:
        raise ValidationError(
            _("%(channel)s is not a smart-radio channel.") % {"channel": channel}
        )
    return radio


def playback_log_ingest(
    *,
    channel: Channel,
    content: bytes,
    source: str,
    filename: str = "",
    user=None,
    now: datetime.datetime | None = None,
    illustrative: bool = False,
) -> PlaybackLog:
    """Read a playback log and confirm what it shows aired, all or nothing.

    A file that cannot be read raises ValidationError before anything is written.
    """
    now = now or timezone.now()
    radio = channel_radio(channel)
    lines = log_read(content)
    lines.sort(key=lambda line: (line.started_at, line.number))
    with transaction.atomic():
        clusters = {c.code.casefold(): c for c in radio.clusters.filter(active=True)}
        log = PlaybackLog.objects.create(
            channel=channel,
            source=source,
            filename=filename[:255],
            received_at=now,
            received_by=user,
            lines=len(lines),
            illustrative=illustrative,
        )
        broadcasts = Broadcast.objects.filter(channel=channel).select_related(
            "channel", "region", "message", "variant__audio"
        )
        issues = []
        counts = {RECORDED: 0, REPEATED: 0}
        for line in lines:
            cluster = clusters.get(line.cluster.casefold())
            match = _match(channel, line, broadcasts)
            reason = match.reason
            if cluster is None:
                reason = ReviewReason.UNKNOWN_CLUSTER
            if not reason:
                outcome = _play_record(
                    broadcast_id=match.broadcast.pk,
                    cluster=cluster,
                    line=line,
                    log=log,
                    now=now,
                )
                if outcome in counts:
                    counts[outcome] += 1
                    continue
                reason = outcome
            issues.append(
                PlaybackIssue(
                    log=log,
                    line_number=line.number,
                    cluster_code=line.cluster,
                    started_at=line.started_at,
                    item=line.key or line.title,
                    reason=reason,
                    broadcast=match.broadcast,
                )
            )
        PlaybackIssue.objects.bulk_create(issues)
        log.confirmed = counts[RECORDED]
        log.repeated = counts[REPEATED]
        log.to_review = len(issues)
        log.save(update_fields=["confirmed", "repeated", "to_review"])
    return log
