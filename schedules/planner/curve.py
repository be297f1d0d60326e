"""The campaign's intensity curve: how much of each channel's capacity a day uses.

Formula, with P = the peak week (anchor - peak_days + 1 .. anchor, i.e. the week ending
on 30/7) and k = whole days between `day` and P:

    intensity(day) = 1                                             if day in P
                   = base + (1 - base) * (1 - k / (ramp_days + 1))  if k <= ramp_days,
                                                                    before P
                   = base + (1 - base) * (1 - k / (taper_days + 1)) if k <= taper_days,
                                                                    after P
                   = base                                           otherwise

so volume climbs linearly from `base` to the peak over `ramp_days`, holds the maximum
only in the peak week, and falls back to `base` over `taper_days`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class IntensityCurve:
    """Parameters of the curve; `base` is the share of peak volume outside the peak."""

    base: float = 0.25
    ramp_days: int = 21
    taper_days: int = 28
    peak_days: int = 7

    def __post_init__(self) -> None:
        if not 0 < self.base <= 1:
            raise ValueError(f"curve base must be in (0, 1], got {self.base}")
        if self.ramp_days < 0 or self.taper_days < 0 or self.peak_days < 1:
            raise ValueError("curve ramp/taper days must be >= 0 and peak_days >= 1")

    def at(self, day: date, anchor: date) -> float:
        peak_start = anchor - timedelta(days=self.peak_days - 1)
        if day < peak_start:
            return _slope(self.base, (peak_start - day).days, self.ramp_days)
        if day > anchor:
            return _slope(self.base, (day - anchor).days, self.taper_days)
        return 1.0


def _slope(base: float, distance: int, length: int) -> float:
    if distance > length:
        return base
    return base + (1.0 - base) * (1.0 - distance / (length + 1))


def intensity(day: date, anchor: date, curve: IntensityCurve | None = None) -> float:
    """Intensity of `day` for a campaign peaking in the week ending on `anchor`."""
    return (curve or IntensityCurve()).at(day, anchor)


def daily_volume(capacity: int, level: float) -> int:
    """Airings a channel uses on a day: capacity x intensity, rounded half up.

    At least one whenever the channel has capacity and the day has any intensity, so a
    quiet day still carries the campaign.
    """
    if capacity <= 0 or level <= 0:
        return 0
    return min(capacity, max(1, math.floor(capacity * level + 0.5)))
