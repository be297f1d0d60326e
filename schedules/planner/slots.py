"""Where airings can go: a channel's slots on a local day, in wall-clock seconds.

Times are counted in seconds from local midnight of the day a window starts on, so a
slot of a window crossing midnight has an offset past 86 400 and still belongs to that
day.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time

DAY_SECONDS = 86_400


def _seconds(moment: time) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second


@dataclass(frozen=True, slots=True)
class DaySlots:
    """A channel's slots on any local day: sorted, never overlapping."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def between(self, earliest: float, latest_end: float) -> tuple[int, int]:
        """Index range of slots starting at or after `earliest` and ending by
        `latest_end` (both in seconds from this day's midnight)."""
        low = bisect_left(self.starts, earliest)
        high = bisect_right(self.ends, latest_end)
        return low, max(low, high)


def day_slots(windows: Iterable[tuple[time, time]], slot_seconds: int) -> DaySlots:
    """Slots aligned to each window's start every `slot_seconds`, fully inside it.

    Where windows overlap, the earlier-starting slot is kept and any slot overlapping it
    is dropped, so a channel is never double-booked whatever windows it was given.
    """
    if slot_seconds <= 0:
        raise ValueError("slot length must be positive")
    candidates: list[tuple[int, int]] = []
    for start, end in windows:
        first = _seconds(start)
        last = _seconds(end)
        if last <= first:
            last += DAY_SECONDS
        moment = first
        while moment + slot_seconds <= last:
            candidates.append((moment, moment + slot_seconds))
            moment += slot_seconds
    starts: list[int] = []
    ends: list[int] = []
    for slot_start, slot_end in sorted(candidates):
        if ends and slot_start < ends[-1]:
            continue
        starts.append(slot_start)
        ends.append(slot_end)
    return DaySlots(tuple(starts), tuple(ends))


def spread(count: int, available: int) -> list[int]:
    """Indices of `count` slots out of `available`, spaced evenly over the day.

    Picking the middle of each equal share keeps airings apart and uses every window.
    """
    if count >= available:
        return list(range(available))
    return [((2 * i + 1) * available) // (2 * count) for i in range(count)]
