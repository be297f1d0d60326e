"""The state log of broadcasts: every change, who or what made it, and when.

Planners' edits, approvals and cancellations, the dispatcher, delivery workers and
operators' confirmations all write here, and the admin shows it on the broadcast.
"""

import datetime

from django.utils import timezone

from schedules.models import Broadcast, BroadcastEvent

DISPATCHER = "dispatcher"
DELIVERY = "delivery worker"


def actor_label(user) -> str:
    """A person by name; the system when nobody is named."""
    if user is None:
        return "system"
    return user.get_full_name() or user.get_username()


def broadcast_event_log(
    *,
    broadcast: Broadcast,
    to_status: str,
    from_status: str | None = None,
    at: datetime.datetime | None = None,
    actor: str = "",
    user=None,
    note: str = "",
) -> BroadcastEvent:
    """Record one change; ``from_status`` defaults to the broadcast's status now."""
    return BroadcastEvent.objects.create(
        broadcast=broadcast,
        from_status=broadcast.status if from_status is None else from_status,
        to_status=to_status,
        at=at or timezone.now(),
        user=user,
        actor=actor or actor_label(user),
        note=note,
    )
