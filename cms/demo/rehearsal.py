"""A rehearsal: a small approved plan whose first broadcasts fall due in minutes.

`manage.py load_demo --rehearsal` (and `make run`) adds it to the next campaign, so
a newcomer watches the dispatcher send them, the queue change and, once an airing
is confirmed in the queue, reach appear. Each run replaces the earlier rehearsal's
broadcasts that were not sent yet.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from campaigns.models import CampaignPage
from schedules.dispatch.services import broadcast_cancel
from schedules.models import Broadcast, BroadcastPlan, BroadcastStatus, Channel
from schedules.planning.edits import plan_approve
from schedules.planning.services import published_variants

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
    approved = plan_approve(plan=plan, user=admin)
    first = timezone.localtime(now + datetime.timedelta(minutes=2))
    return (
        f"Rehearsal plan #{plan.pk}: {approved} broadcasts approved, the first due "
        f"at {first:%H:%M}"
    )
