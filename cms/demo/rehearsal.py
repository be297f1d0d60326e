"""A rehearsal: a small approved plan whose first broadcasts fall due in minutes.

`manage.py load_demo --rehearsal` (and `make run`) adds it to the next campaign, so
a newcomer watches the dispatcher send them, the queue change and, once an airing
is confirmed in the queue, reach appear. A smart-radio commune gets two airings
whose play log comes back by itself (`playback_post`, the demo's stand-in for the
commune's smart-radio software), so they are confirmed, with measured reach, without
a click. Each run replaces the earlier rehearsal's broadcasts that were not sent yet.
"""

import datetime
import json

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from campaigns.models import CampaignPage, Format
from schedules.dispatch.services import broadcast_cancel
from schedules.models import (
    Broadcast,
    BroadcastPlan,
    BroadcastStatus,
    Channel,
    ChannelKind,
    PlaybackSource,
)
from schedules.planning.edits import plan_approve
from schedules.planning.services import published_variants
from schedules.smartradio.playback import playback_log_ingest

from .channels import PROVINCIAL

MARK = "Diễn tập (demo)"
# channel name, minutes from now to the airing; the radio is e-mailed an hour
# ahead (its lead time), so its airings an hour away are due at once.
SLOTS = [
    (PROVINCIAL[3].name, 2),
    (PROVINCIAL[0].name, 63),
    (PROVINCIAL[3].name, 4),
    (PROVINCIAL[0].name, 66),
    (PROVINCIAL[3].name, 6),
    (PROVINCIAL[3].name, 8),
]
# Minutes from now to the smart-radio commune's two airings.
SMART_RADIO_MINUTES = (3, 5)


def _previous_cancelled(now):
    leftover = Broadcast.objects.filter(
        plan__message=MARK, status__in=[BroadcastStatus.DRAFT, BroadcastStatus.APPROVED]
    ).values_list("pk", flat=True)
    for pk in list(leftover):
        broadcast_cancel(broadcast_id=pk, reason="Thay bằng buổi diễn tập mới", now=now)


def load(*, campaign: CampaignPage, now: datetime.datetime | None = None) -> str:
    now = (now or timezone.now()).replace(second=0, microsecond=0)
    _previous_cancelled(now)
    variants = list(published_variants(campaign).select_related("page"))
    if not variants:
        return "Rehearsal: no published message to send"
    root = campaign.region_map.regions.get(depth=1)
    admin = get_user_model().objects.get(username="admin")
    plan = BroadcastPlan.objects.create(
        campaign=campaign,
        status="ready",
        progress=100,
        message=MARK,
        created_by=admin,
        planned_at=now,
    )
    for index, (name, minutes) in enumerate(SLOTS):
        channel = Channel.objects.get(name=name)
        variant = variants[index % len(variants)]
        starts = now + datetime.timedelta(minutes=minutes)
        Broadcast.objects.create(
            plan=plan,
            channel=channel,
            message=variant.page,
            variant=variant,
            text=variant.text,
            region=root,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(minutes=channel.slot_minutes),
            status=BroadcastStatus.DRAFT,
        )
    radio = _smart_radio_airings(plan=plan, campaign=campaign, now=now)
    approved = plan_approve(plan=plan, user=admin)
    for broadcast in radio:
        transaction.on_commit(lambda b=broadcast: _playback_later(b))
    first = timezone.localtime(now + datetime.timedelta(minutes=2))
    return (
        f"Rehearsal plan #{plan.pk}: {approved} broadcasts approved, the first due "
        f"at {first:%H:%M}"
    )


def _smart_radio_airings(*, plan, campaign, now) -> list[Broadcast]:
    """Two airings of a recorded script on the first active smart-radio channel."""
    channel = (
        Channel.objects.filter(
            active=True, kind=ChannelKind.LOUDSPEAKER, smart_radio__active=True
        )
        .order_by("name")
        .first()
    )
    scripts = published_variants(campaign).filter(format=Format.LOUDSPEAKER_SCRIPT)
    if channel is None:
        return []
    variant = scripts.filter(audio__isnull=False).first() or scripts.first()
    if variant is None:
        return []
    region = channel.regions.filter(map=campaign.region_map).first()
    made = []
    for minutes in SMART_RADIO_MINUTES:
        starts = now + datetime.timedelta(minutes=minutes)
        made.append(
            Broadcast.objects.create(
                plan=plan,
                channel=channel,
                message=variant.page,
                variant=variant,
                text=variant.text,
                region=region or campaign.region_map.regions.get(depth=1),
                starts_at=starts,
                ends_at=starts + datetime.timedelta(minutes=channel.slot_minutes),
                status=BroadcastStatus.DRAFT,
            )
        )
    return made


def _playback_later(broadcast: Broadcast) -> None:
    """The commune's software posts its log half a minute after the airing starts."""
    from cms.tasks import rehearsal_playback

    rehearsal_playback.apply_async(
        args=(broadcast.pk,), eta=broadcast.starts_at + datetime.timedelta(seconds=30)
    )


def playback_post(*, broadcast_id: int, now: datetime.datetime | None = None) -> bool:
    """Post the play log of a rehearsed smart-radio airing, as the commune's software
    would once it played; False while the broadcast has not reached the channel."""
    broadcast = Broadcast.objects.select_related("channel__smart_radio").get(
        pk=broadcast_id
    )
    if broadcast.status in (BroadcastStatus.APPROVED, BroadcastStatus.DISPATCHING):
        return False
    if broadcast.status != BroadcastStatus.SENT:
        return True  # aired already, cancelled or missed: nothing to post
    now = now or timezone.now()
    played = min(now, broadcast.starts_at + datetime.timedelta(seconds=20))
    plays = [
        {
            "cluster": cluster.code,
            "started_at": timezone.localtime(played).isoformat(),
            "duration": 60,
            "key": f"{broadcast.key}:{broadcast.version}",
        }
        for cluster in broadcast.channel.smart_radio.clusters.filter(active=True)
    ]
    playback_log_ingest(
        channel=broadcast.channel,
        content=json.dumps({"plays": plays}).encode(),
        source=PlaybackSource.API,
        filename="dien-tap.json",
        now=now,
        illustrative=True,
    )
    return True
