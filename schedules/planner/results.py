"""What the planner returns: draft broadcasts, and what it could not cover and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

# Reasons a (region, key message) pair is left uncovered, most fundamental first.
PERIOD_OVER = "period is over (now is after the end)"
NO_SLOT_LEFT = "period is over (no slot of its channels starts after now)"
NO_CHANNEL = "no channel covers this region"
NO_VARIANT = "no variant in a language/format the channel accepts (and fits its slot)"
ZERO_CAPACITY = "no capacity left (channel capacity is 0)"
NO_WINDOW = "no time window of its channels fits in the period"
NO_CAPACITY = "no capacity left (every slot went to other regions or messages)"


@dataclass(frozen=True, slots=True)
class PlannedBroadcast:
    """One airing: which variant, on which channel, aimed at which region, when.

    `day` is the local day whose window holds the airing (a window crossing midnight
    belongs to the day it starts on); capacity is counted per `day`.
    """

    channel_id: str
    variant_id: str
    message_id: str
    region_id: str
    starts_at: datetime
    ends_at: datetime
    day: date


@dataclass(frozen=True, slots=True)
class Coverage:
    """Whether a target region gets a key message in this plan.

    Airings aimed at the region or at any region inside it count; `reason` says why not.
    """

    region_id: str
    message_id: str
    covered: bool
    reason: str = ""
    airings: int = 0


@dataclass(frozen=True, slots=True)
class RegionAirings:
    """Airings aimed at a region (or inside it) against its people and risk weight.

    `capacity_bound`: some channel airing here serves this region alone and used all
    its capacity, so its airings are set by that capacity, not by the risk weight
    (rule 8 cannot raise them; only more capacity or another channel can).
    """

    region_id: str
    airings: int
    people: int
    weight: float
    airings_per_head: float
    capacity_bound: bool = False


@dataclass(frozen=True, slots=True)
class IdleChannel:
    """A channel that got no airing at all, and the first reason that applies."""

    channel_id: str
    reason: str


@dataclass(frozen=True)
class PlanSummary:
    """What a plan covers, whether its broadcasts were kept or streamed away:
    coverage sorted by (region_id, message_id), airings keyed by region id in id
    order, and the channels that got nothing, in channel id order."""

    coverage: list[Coverage]
    airings_by_region: dict[str, RegionAirings]
    # Channels that got nothing: each is a gap of the plan.
    idle_channels: list[IdleChannel] = field(default_factory=list)

    def gaps(self) -> list[Coverage]:
        """The (region, message) pairs this plan leaves uncovered."""
        return [c for c in self.coverage if not c.covered]

    def gap_count(self) -> int:
        """Uncovered pairs plus channels that air nothing."""
        return len(self.gaps()) + len(self.idle_channels)


@dataclass(frozen=True)
class PlanResult(PlanSummary):
    """A draft plan: its summary, and its broadcasts sorted by (starts_at,
    channel_id)."""

    broadcasts: list[PlannedBroadcast] = field(default_factory=list)
