"""Pure rules of dispatch: when a broadcast is due, when late, how long to wait."""

import datetime
import random

RETRY_CAP_SECONDS = 600


def due_at(*, starts_at: datetime.datetime, lead_minutes: int) -> datetime.datetime:
    """When the channel must receive the broadcast: its lead time before airing."""
    return starts_at - datetime.timedelta(minutes=lead_minutes)


def is_late(
    *,
    starts_at: datetime.datetime,
    lead_minutes: int,
    tolerance_minutes: int,
    now: datetime.datetime,
) -> bool:
    """Late once more than the channel's tolerance has passed since it was due."""
    deadline = due_at(starts_at=starts_at, lead_minutes=lead_minutes)
    return now > deadline + datetime.timedelta(minutes=tolerance_minutes)


def retry_delay(
    *, attempt: int, base: float, rng: random.Random | None = None
) -> float:
    """Exponential backoff with jitter, so a channel that is down is not hammered."""
    rng = rng or random
    return min(RETRY_CAP_SECONDS, 2**attempt * base) * rng.uniform(0.5, 1.5)
