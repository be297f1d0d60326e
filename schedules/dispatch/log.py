"""The state log of broadcasts: every change, who or what made it, and when."""

from schedules.models import Broadcast, BroadcastEvent

DISPATCHER = "dispatcher"
DELIVERY = "delivery worker"


def actor_label(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def broadcast_event_log(
    *,
    broadcast: Broadcast,
    from_status: str,
    to_status: str,
    at,
    actor: str = "",
    user=None,
    note: str = "",
) -> BroadcastEvent:
    return BroadcastEvent.objects.create(
        broadcast=broadcast,
        from_status=from_status,
        to_status=to_status,
        at=at,
        user=user,
        actor=actor or actor_label(user),
        note=note,
    )
