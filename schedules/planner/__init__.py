"""The broadcast planner: campaign period, channels, regions and variants in, a draft
plan of broadcasts and its coverage gaps out.

Plain Python with no Django import, so it can be tested and benchmarked alone; the
Django side turns rows into these dataclasses and saves what comes back.

The rules, numbered as the modules and tests cite them:

1. Every broadcast lies inside the campaign period, in one of its channel's air
   windows (a window crossing midnight belongs to the day it starts), and starts no
   earlier than ``now``.
2. A channel airs at most its daily capacity per local day.
3. No two broadcasts overlap on one channel.
4. A broadcast's variant is in a language and format its channel accepts, fits one
   slot, and is the one the editors' rule (``campaigns.variant_rule``) picks for the
   region: the closest region, then the language, then the age band.
5. No variant airs twice on one channel within REPEAT_DAYS days while another is fresh.
6. The same input and seed give the same plan.
7. Daily volume follows the intensity curve: highest in the week ending on the anchor
   day (30/7), tapering before and after.
8. Airings per head follow the regions' risk weights where capacity allows, so a
   high-risk region gets at least twice the airings per head of a low-risk one.
9. Every target region gets every key message its channels can carry before any region
   gets a second round; what cannot be covered is reported with the reason.
"""

from schedules.planner.curve import IntensityCurve, daily_volume, intensity
from schedules.planner.engine import ChannelPlan, PlannerInputError, PlanRun, plan
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
    IdleChannel,
    PlannedBroadcast,
    PlanResult,
    PlanSummary,
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
    "ChannelPlan",
    "Coverage",
    "IdleChannel",
    "IntensityCurve",
    "PlanResult",
    "PlanRun",
    "PlanSummary",
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
