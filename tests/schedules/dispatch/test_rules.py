"""The dispatch rules as tables: due, late, and the retry wait."""

import datetime
import random
from zoneinfo import ZoneInfo

import pytest

from schedules.dispatch import rules

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day, month, hour, minute=0):
    return datetime.datetime(2017, month, day, hour, minute, tzinfo=VN)


@pytest.mark.parametrize(
    ("starts_at", "lead", "now", "due"),
    [
        # No lead time: due at its own time, to the minute.
        (at(30, 7, 8), 0, at(30, 7, 7, 59), False),
        (at(30, 7, 8), 0, at(30, 7, 8), True),
        # An hour's lead: due at 07:00 for 08:00.
        (at(30, 7, 8), 60, at(30, 7, 6, 59), False),
        (at(30, 7, 8), 60, at(30, 7, 7), True),
        # Across midnight at the campaign's edges: 01/7 00:00 with 1 minute's lead is
        # due at 30/6 23:59, before the campaign period starts.
        (at(1, 7, 0), 1, at(30, 6, 23, 58), False),
        (at(1, 7, 0), 1, at(30, 6, 23, 59), True),
        (at(30, 9, 23, 59), 0, at(30, 9, 23, 59), True),
    ],
)
def test_due_when_the_lead_time_has_come(starts_at, lead, now, due):
    assert (rules.due_at(starts_at=starts_at, lead_minutes=lead) <= now) is due


@pytest.mark.parametrize(
    ("starts_at", "lead", "tolerance", "now", "late"),
    [
        (at(30, 7, 8), 0, 15, at(30, 7, 8, 15), False),
        (at(30, 7, 8), 0, 15, at(30, 7, 8, 16), True),
        (at(30, 7, 8), 0, 0, at(30, 7, 8, 0), False),
        (at(30, 7, 8), 0, 0, at(30, 7, 8, 1), True),
        # Late is measured from when it was due (lead before airing), not airing.
        (at(30, 7, 8), 60, 15, at(30, 7, 7, 16), True),
        (at(30, 7, 8), 60, 15, at(30, 7, 7, 15), False),
        # Beat down over the night of 30/6: the 01/7 00:00 broadcast claimed at 00:30.
        (at(1, 7, 0), 0, 15, at(1, 7, 0, 30), True),
    ],
)
def test_late_after_the_channels_tolerance(starts_at, lead, tolerance, now, late):
    assert (
        rules.is_late(
            starts_at=starts_at,
            lead_minutes=lead,
            tolerance_minutes=tolerance,
            now=now,
        )
        is late
    )


@pytest.mark.parametrize(
    ("attempt", "low", "high"),
    [
        (1, 5, 15),
        (2, 10, 30),
        (3, 20, 60),
        (6, 160, 480),
        (7, 300, 900),
        (12, 300, 900),
    ],
)
def test_retry_waits_grow_exponentially_with_jitter_and_a_cap(attempt, low, high):
    rng = random.Random(1)
    waits = [rules.retry_delay(attempt=attempt, base=5, rng=rng) for _ in range(200)]
    assert all(low <= wait <= high for wait in waits)
    assert len({round(wait, 3) for wait in waits}) > 100  # jitter spreads them
