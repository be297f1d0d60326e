"""Run-sheet: loudspeaker operators read from a printed sheet, issued per day.

The dispatcher leaves these broadcasts alone; issuing the day's sheet is what sends
them (the printable sheet itself is the planning screens' job).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schedules.dispatch.events import broadcast_event_log
from schedules.models import Broadcast, BroadcastStatus, Channel, DeliveryMethod

from .. import rules
from .base import Content, PermanentError


def deliver(content: Content) -> None:
    raise PermanentError(_("Run-sheet broadcasts are sent when their sheet is issued."))


def run_sheet_issue(
    *,
    channel: Channel,
    day: datetime.date,
    user,
    now: datetime.datetime | None = None,
) -> list[Broadcast]:
    """Mark the day's approved broadcasts of a run-sheet channel sent (or missed).

    The late rule applies as for any dispatch: a sheet issued after a broadcast's
    time plus tolerance marks it late, or missed if the channel skips late ones.
    """
    if channel.delivery_method != DeliveryMethod.RUN_SHEET:
        raise ValidationError(
            _("%(channel)s does not take printed run-sheets.") % {"channel": channel}
        )
    now = now or timezone.now()
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    end = start + datetime.timedelta(days=1)
    note = _("Run-sheet of %(day)s issued.") % {"day": day.strftime("%d/%m/%Y")}
    issued = []
    with transaction.atomic():
        broadcasts = (
            Broadcast.objects.select_for_update()
            .filter(
                channel=channel,
                status=BroadcastStatus.APPROVED,
                starts_at__gte=start,
                starts_at__lt=end,
            )
            .order_by("starts_at", "pk")
        )
        for broadcast in broadcasts:
            late = rules.is_late(
                starts_at=broadcast.starts_at,
                lead_minutes=channel.lead_minutes,
                tolerance_minutes=channel.late_tolerance_minutes,
                now=now,
            )
            missed = late and channel.skip_when_late
            broadcast.status = (
                BroadcastStatus.MISSED if missed else BroadcastStatus.SENT
            )
            broadcast.late = late
            broadcast.claimed_at = now
            if not missed:
                broadcast.sent_at = now
                broadcast.delivered_version = broadcast.version
            broadcast.save(
                update_fields=[
                    "status",
                    "late",
                    "claimed_at",
                    "sent_at",
                    "delivered_version",
                ]
            )
            broadcast_event_log(
                broadcast=broadcast,
                from_status=BroadcastStatus.APPROVED,
                to_status=broadcast.status,
                at=now,
                user=user,
                note=note,
            )
            issued.append(broadcast)
    return issued
