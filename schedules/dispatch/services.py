"""What people do to broadcasts in dispatch: confirm aired, cancel, retry a failure."""

import datetime
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schedules.access import can_plan
from schedules.dispatch.events import broadcast_event_log
from schedules.models import (
    CANCELLABLE,
    CONFIRMABLE,
    Broadcast,
    BroadcastStatus,
    ReachMethod,
    ReachRecord,
)

from . import rules
from .claims import deliveries_enqueue


def reach_estimate_record(
    *, broadcast: Broadcast, user=None, now: datetime.datetime
) -> ReachRecord:
    """The one estimated reach of an aired broadcast, from the channel's audience.

    The database allows one estimate per source, so a second call returns the first;
    an airing already measured (smart-radio playback) keeps its measurement.
    """
    measured = broadcast.reach.filter(method=ReachMethod.MEASURED).first()
    if measured is not None:
        return measured
    population = broadcast.region.population
    record, _created = ReachRecord.objects.get_or_create(
        broadcast=broadcast,
        method=ReachMethod.ESTIMATED,
        defaults={
            "region": broadcast.region,
            "count": broadcast.channel.audience_for(population),
            "recorded_by": user,
            "recorded_at": now,
            "reached_at": broadcast.aired_at or broadcast.starts_at,
            "note": str(_("Estimated from the channel's audience per airing.")),
        },
    )
    return record


# A channel's clock may run a little ahead of ours.
AIRED_CLOCK_SKEW = datetime.timedelta(minutes=5)


def aired_at_check(
    *, broadcast: Broadcast, aired_at: datetime.datetime, now: datetime.datetime
) -> None:
    """Refuse an airing time that cannot be: before the broadcast's window opened,
    or in the future (reach would be counted on a day that has not come)."""
    if aired_at < broadcast.starts_at - AIRED_CLOCK_SKEW:
        raise ValidationError(
            _("aired_at %(aired)s is before the broadcast's window (%(starts)s).")
            % {
                "aired": aired_at.isoformat(),
                "starts": timezone.localtime(broadcast.starts_at).isoformat(),
            },
            code="implausible_time",
        )
    if aired_at > now + AIRED_CLOCK_SKEW:
        raise ValidationError(
            _("aired_at %(aired)s is in the future.") % {"aired": aired_at.isoformat()},
            code="implausible_time",
        )


def broadcast_confirm_aired(
    *,
    broadcast_id: int,
    user=None,
    actor: str = "",
    aired_at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
    record_reach: Callable[..., ReachRecord] = reach_estimate_record,
) -> ReachRecord:
    """Mark a broadcast aired (at ``aired_at``, else as planned) and record its
    reach, estimated unless ``record_reach`` measures it (smart-radio playback);
    confirming twice is harmless and returns the same record."""
    now = now or timezone.now()
    with transaction.atomic():
        broadcast = (
            Broadcast.objects.select_for_update(of=("self",))
            .select_related("channel", "region")
            .get(pk=broadcast_id)
        )
        if broadcast.status == BroadcastStatus.AIRED:
            return record_reach(broadcast=broadcast, user=user, now=now)
        if broadcast.status not in CONFIRMABLE:
            raise ValidationError(
                _("Only a broadcast that was sent can be confirmed as aired.")
            )
        if aired_at is not None:
            aired_at_check(broadcast=broadcast, aired_at=aired_at, now=now)
        previous = broadcast.status
        broadcast.status = BroadcastStatus.AIRED
        # Without a time from the channel, it aired as planned: a confirmation a
        # few days late must not move the reach to the day it was confirmed.
        broadcast.aired_at = aired_at or broadcast.starts_at
        broadcast.save(update_fields=["status", "aired_at"])
        broadcast_event_log(
            broadcast=broadcast,
            from_status=previous,
            to_status=BroadcastStatus.AIRED,
            at=now,
            user=user,
            actor=actor,
        )
        return record_reach(broadcast=broadcast, user=user, now=now)


def broadcast_cancel(
    *,
    broadcast_id: int,
    reason: str,
    user=None,
    now: datetime.datetime | None = None,
) -> Broadcast:
    """Cancel a broadcast not yet sent; its version changes, so a delivery task
    already enqueued for it finds nothing to do."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason for cancelling."))
    now = now or timezone.now()
    with transaction.atomic():
        broadcast = Broadcast.objects.select_for_update().get(pk=broadcast_id)
        if broadcast.status == BroadcastStatus.CANCELLED:
            return broadcast
        if broadcast.status not in CANCELLABLE:
            raise ValidationError(
                _(
                    "This broadcast has already gone to the channel; it cannot be "
                    "cancelled here."
                )
            )
        if broadcast.lease_until and broadcast.lease_until > now:
            raise ValidationError(
                _("This broadcast is being sent right now; try again in a minute.")
            )
        previous = broadcast.status
        broadcast.status = BroadcastStatus.CANCELLED
        broadcast.cancel_reason = reason[:500]
        broadcast.version += 1
        broadcast.next_attempt_at = None
        broadcast.save(
            update_fields=["status", "cancel_reason", "version", "next_attempt_at"]
        )
        broadcast_event_log(
            broadcast=broadcast,
            from_status=previous,
            to_status=BroadcastStatus.CANCELLED,
            at=now,
            user=user,
            note=reason,
        )
    return broadcast


def broadcast_retry(
    *, broadcast_id: int, user, now: datetime.datetime | None = None
) -> Broadcast:
    """A planner sends a failed broadcast again, with a fresh set of attempts."""
    if not can_plan(user):
        raise PermissionDenied
    now = now or timezone.now()
    with transaction.atomic():
        broadcast = (
            Broadcast.objects.select_for_update(of=("self",))
            .select_related("channel")
            .get(pk=broadcast_id)
        )
        if broadcast.status != BroadcastStatus.FAILED:
            raise ValidationError(_("Only a failed broadcast can be retried."))
        channel = broadcast.channel
        broadcast.late = broadcast.late or rules.is_late(
            starts_at=broadcast.starts_at,
            lead_minutes=channel.lead_minutes,
            tolerance_minutes=channel.late_tolerance_minutes,
            now=now,
        )
        broadcast.status = BroadcastStatus.DISPATCHING
        broadcast.attempts = 0
        broadcast.claimed_at = now
        broadcast.next_attempt_at = now
        broadcast.lease_until = None
        broadcast.lease_token = None
        broadcast.save(
            update_fields=[
                "status",
                "late",
                "attempts",
                "claimed_at",
                "next_attempt_at",
                "lease_until",
                "lease_token",
            ]
        )
        broadcast_event_log(
            broadcast=broadcast,
            from_status=BroadcastStatus.FAILED,
            to_status=BroadcastStatus.DISPATCHING,
            at=now,
            user=user,
            note=str(_("Sent again by a planner.")),
        )
        item = [(broadcast.pk, broadcast.version, broadcast.channel_id)]
        transaction.on_commit(lambda: deliveries_enqueue(item))
    return broadcast
