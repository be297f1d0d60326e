"""The broadcast planner: campaign period, channels, regions and variants in, a draft
plan of broadcasts and its coverage gaps out.

Plain Python with no Django import, so it can be tested and benchmarked alone; the
Django side turns rows into these dataclasses and saves what comes back.
"""

from schedules.planner.curve import IntensityCurve, daily_volume, intensity
from schedules.planner.engine import PlannerInputError, plan
from schedules.planner.inputs import (
    DEFAULT_RISK_WEIGHTS,
    VIETNAMESE,
    Channel,
    ChannelKind,
    PlannerInput,
    Region,
    RiskFlag,
    Variant,
    VariantFormat,
)
from schedules.planner.regions import RegionTree
from schedules.planner.results import (
    NO_CAPACITY,
    NO_CHANNEL,
    NO_SLOT_LEFT,
    NO_VARIANT,
    NO_WINDOW,
    PERIOD_OVER,
    ZERO_CAPACITY,
    Coverage,
    PlannedBroadcast,
    PlanResult,
    RegionAirings,
)
from schedules.planner.rotation import REPEAT_DAYS
from schedules.planner.variants import VariantChoice, pick_variant, suits_channel

__all__ = [
    "DEFAULT_RISK_WEIGHTS",
    "NO_CAPACITY",
    "NO_CHANNEL",
    "NO_SLOT_LEFT",
    "NO_VARIANT",
    "NO_WINDOW",
    "PERIOD_OVER",
    "REPEAT_DAYS",
    "VIETNAMESE",
    "ZERO_CAPACITY",
    "Channel",
    "ChannelKind",
    "Coverage",
    "IntensityCurve",
    "PlanResult",
    "PlannedBroadcast",
    "PlannerInput",
    "PlannerInputError",
    "Region",
    "RegionAirings",
    "RegionTree",
    "RiskFlag",
    "Variant",
    "VariantChoice",
    "VariantFormat",
    "daily_volume",
    "intensity",
    "pick_variant",
    "plan",
    "suits_channel",
]
