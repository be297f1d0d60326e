"""What the plan covers: every target region x every key message, and airings per head.

Target regions are the regions channels list (the level each channel covers, not their
whole subtree) plus every region a variant names. A region gets a message when an airing
of it is aimed at the region or at a region inside it. A channel covers a region that
lies inside one it lists, or that holds one of its targets. An uncovered pair gets the
first reason that applies: the period is over (now past the end, or no channel has a
slot left), no channel covers it, no acceptable variant, zero capacity, no window in
the period, no slot left after now on its channels, no capacity left.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

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
    RegionAirings,
)

if TYPE_CHECKING:
    from schedules.planner.engine import ChannelPlan


def summarize(
    plans: Sequence[ChannelPlan],
    messages: Sequence[str],
    variant_regions: Sequence[str],
    tree: RegionTree,
    per_target: Counter[tuple[str, str]],
    *,
    period_over: bool,
    audience: dict[str, set[str] | None] | None = None,
) -> tuple[list[Coverage], dict[str, RegionAirings]]:
    """Coverage rows sorted by (region, message) and airings keyed by region id;
    `per_target` counts the airings aimed at each (target region, message).

    A message written only for some regions (`audience`) is reported only for regions
    related to them: a border district's message is no gap in a coastal one.
    """
    audience = audience or {}

    def meant_for(region_id: str, message_id: str) -> bool:
        targets = audience.get(message_id)
        return targets is None or any(tree.related(region_id, t) for t in targets)

    regions = sorted({t for p in plans for t in p.targets} | set(variant_regions))
    wanted = set(regions)

    def areas(region_id: str) -> list[str]:
        """The target regions that an airing aimed at `region_id` counts for."""
        chain = (region_id, *tree.ancestors(region_id))
        return [a for a in chain if a in wanted]

    inside: dict[str, list[str]] = {}
    for region_id in regions:
        for area in (region_id, *tree.ancestors(region_id)):
            inside.setdefault(area, []).append(region_id)

    # Which plans could serve a region at all, and which could carry each message there.
    covering: dict[str, list[ChannelPlan]] = {}
    able: dict[tuple[str, str], list[ChannelPlan]] = {}
    for plan in plans:
        for listed in plan.channel.region_ids:
            for region_id in inside.get(listed, ()):
                _add(covering.setdefault(region_id, []), plan)
        for target in plan.targets:
            for area in areas(target):
                _add(covering.setdefault(area, []), plan)
                for message_id, _ in plan.options.get(target, ()):
                    _add(able.setdefault((area, message_id), []), plan)

    pair_airings: Counter[tuple[str, str]] = Counter()
    region_airings: Counter[str] = Counter()
    for (target, message_id), count in sorted(per_target.items()):
        for area in areas(target):
            pair_airings[area, message_id] += count
            region_airings[area] += count

    # Once no channel has a slot left after now, that is the one reason for every gap.
    over = PERIOD_OVER if period_over else None
    if over is None and any(p.has_slots for p in plans):
        if not any(p.has_slots_after_now for p in plans):
            over = NO_SLOT_LEFT

    coverage = []
    for region_id in regions:
        for message_id in messages:
            if not meant_for(region_id, message_id):
                continue
            count = pair_airings[region_id, message_id]
            if count:
                coverage.append(Coverage(region_id, message_id, True, "", count))
                continue
            reason = over or _reason(
                covering.get(region_id, []), able.get((region_id, message_id), [])
            )
            coverage.append(Coverage(region_id, message_id, False, reason, 0))

    # A channel with one target gives it all its capacity: the weight cannot add more.
    bound = {
        area
        for plan in plans
        if plan.aired and len(plan.options) == 1
        for target in plan.options
        for area in areas(target)
    }
    airings = {}
    for region_id in regions:
        people = tree.population[region_id]
        count = region_airings[region_id]
        airings[region_id] = RegionAirings(
            region_id,
            count,
            people,
            tree.weight[region_id],
            count / people,
            region_id in bound,
        )
    return coverage, airings


def idle_channels(
    plans: Sequence[ChannelPlan], *, period_over: bool
) -> list[IdleChannel]:
    """Every channel without a single airing, with the first reason that applies:
    the period is over, nothing it can air, capacity 0, no window, no slot after now."""
    idle = []
    for plan in plans:
        if plan.aired:
            continue
        if period_over:
            reason = PERIOD_OVER
        elif not plan.options:
            reason = NO_VARIANT
        elif plan.channel.capacity <= 0:
            reason = ZERO_CAPACITY
        elif not plan.has_slots:
            reason = NO_WINDOW
        elif not plan.has_slots_after_now:
            reason = NO_SLOT_LEFT
        else:
            reason = NO_CAPACITY
        idle.append(IdleChannel(plan.channel.id, reason))
    return idle


def _add(plans: list[ChannelPlan], plan: ChannelPlan) -> None:
    # Plans arrive grouped, so checking the last one is enough to keep lists unique.
    if not plans or plans[-1] is not plan:
        plans.append(plan)


def _reason(covering: list[ChannelPlan], able: list[ChannelPlan]) -> str:
    if not covering:
        return NO_CHANNEL
    if not able:
        return NO_VARIANT
    with_capacity = [p for p in able if p.channel.capacity > 0]
    if not with_capacity:
        return ZERO_CAPACITY
    if not any(p.has_slots for p in with_capacity):
        return NO_WINDOW
    if not any(p.has_slots_after_now for p in with_capacity):
        return NO_SLOT_LEFT
    return NO_CAPACITY
