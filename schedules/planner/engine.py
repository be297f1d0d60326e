"""The planner's entry point: channels x days x slots -> draft broadcasts.

Each channel is planned on its own (its state never depends on another channel), day by
day in time order; the results are merged and sorted. Work is linear in the number of
airings plus channels x days: candidate variants are chosen once per channel profile,
message and target region, and regions' ancestors are indexed once.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from schedules.planner.coverage import idle_channels, summarize
from schedules.planner.curve import daily_volume
from schedules.planner.inputs import (
    Channel,
    ChannelKind,
    PlannerInput,
    Variant,
    VariantFormat,
)
from schedules.planner.regions import RegionTree
from schedules.planner.results import PlannedBroadcast, PlanResult, PlanSummary
from schedules.planner.rotation import Rotation
from schedules.planner.slots import DAY_SECONDS, day_slots, spread
from schedules.planner.variants import VariantChoice, pick_variant

_KINDS = frozenset(ChannelKind)
_FORMATS = frozenset(VariantFormat)


class PlannerInputError(ValueError):
    """The input cannot be planned; the message lists every problem found."""


@dataclass
class ChannelPlan:
    """One channel's targets, what it can air for each, and the airings it got."""

    channel: Channel
    targets: tuple[str, ...]
    # Target region -> [(message id, variant)] the channel can air for it.
    options: dict[str, list[tuple[str, Variant]]]
    has_slots: bool = False
    has_slots_after_now: bool = False
    # (start, end, day index, region id, message id, variant id); seconds from the
    # period's first local midnight. Emptied once streamed (see PlanRun.channels).
    airings: list[tuple[int, int, int, str, str, str]] = field(default_factory=list)
    # How many airings the channel got, kept when `airings` is let go.
    aired: int = 0


class PlanRun:
    """One planning run, made one channel at a time so a caller can store each
    channel's airings while the next is planned, and hold none of them for long.

    `channels()` yields each channel's plan in channel id order; afterwards
    `summary()` gives the coverage, airings per region and idle channels, as `plan()`
    does. Raises PlannerInputError when the input is inconsistent.
    """

    def __init__(self, inp: PlannerInput) -> None:
        self.inp = inp
        self.tree = _validate(inp)
        zone = ZoneInfo(inp.time_zone)
        day_count = (inp.end - inp.start).days + 1
        self.days = [inp.start + timedelta(days=i) for i in range(day_count)]
        self.levels = [inp.intensity(day) for day in self.days]
        self.period_seconds = day_count * DAY_SECONDS
        midnight = datetime.combine(inp.start, time())
        self.now_offset = (
            inp.now.astimezone(zone).replace(tzinfo=None) - midnight
        ).total_seconds()
        # Aware local midnight of the first day: airings are seconds after it.
        self.midnight = datetime.combine(inp.start, time(), zone)
        self._moments: dict[int, datetime] = {}

        variants = sorted(inp.variants, key=lambda v: v.id)
        self.messages = sorted({v.message_id for v in variants})
        self.variant_regions = sorted({r for v in variants for r in v.region_ids})
        # Where each message is meant to be heard: None for the whole province.
        self.audience: dict[str, set[str] | None] = {}
        for v in variants:
            if not v.region_ids:
                self.audience[v.message_id] = None
            elif self.audience.get(v.message_id, set()) is not None:
                self.audience.setdefault(v.message_id, set()).update(v.region_ids)
        self.channel_list = sorted(inp.channels, key=lambda c: c.id)
        self.targets = _targets(inp, self.channel_list, variants, self.tree)
        self.by_message: dict[str, list[Variant]] = {m: [] for m in self.messages}
        for variant in variants:
            self.by_message[variant.message_id].append(variant)
        self.plans: list[ChannelPlan] = []
        # (target region, message) -> airings, tallied as each channel is planned.
        self.per_target: Counter[tuple[str, str]] = Counter()
        self._done = False

    def channels(self, *, keep: bool = False) -> Iterator[ChannelPlan]:
        """Plan each channel and yield it; its airings are let go when the caller
        asks for the next one, unless `keep`."""
        if self.plans:
            raise RuntimeError("a PlanRun plans its channels once")
        memo = _Memo()
        for channel in self.channel_list:
            targets = self.targets[channel.id]
            channel_plan = ChannelPlan(
                channel,
                targets,
                _options(self.inp, channel, targets, self.by_message, self.tree, memo),
            )
            _schedule(
                self.inp,
                channel_plan,
                self.tree,
                self.levels,
                self.now_offset,
                self.period_seconds,
            )
            channel_plan.aired = len(channel_plan.airings)
            self.per_target.update(
                (airing[3], airing[4]) for airing in channel_plan.airings
            )
            self.plans.append(channel_plan)
            yield channel_plan
            if not keep:
                channel_plan.airings = []
        self._done = True

    def moment(self, seconds: int) -> datetime:
        """The aware local moment `seconds` after the period's first midnight.

        Many channels share the same slot times, so each is built once. Adding to an
        aware datetime is wall-clock arithmetic, which is what local windows mean.
        """
        found = self._moments.get(seconds)
        if found is None:
            found = self._moments[seconds] = self.midnight + timedelta(seconds=seconds)
        return found

    def summary(self) -> PlanSummary:
        """Coverage, airings per region and idle channels of the whole run."""
        if not self._done:
            raise RuntimeError("plan every channel before asking for the summary")
        period_over = self.now_offset >= self.period_seconds
        coverage, airings = summarize(
            self.plans,
            self.messages,
            self.variant_regions,
            self.tree,
            self.per_target,
            period_over=period_over,
            audience=self.audience,
        )
        idle = idle_channels(self.plans, period_over=period_over)
        return PlanSummary(coverage, airings, idle)


def plan(inp: PlannerInput) -> PlanResult:
    """Plan every channel's broadcasts for the period, from `inp.now` on.

    Raises PlannerInputError when the input is inconsistent (unknown regions, negative
    capacity, naive `now`, ...).
    """
    run = PlanRun(inp)
    plans = list(run.channels(keep=True))
    broadcasts = _broadcasts(plans, run)
    summary = run.summary()
    return PlanResult(
        summary.coverage,
        summary.airings_by_region,
        summary.idle_channels,
        broadcasts=broadcasts,
    )


def _accepts(inp: PlannerInput, channel: Channel, variant: Variant) -> bool:
    """Rule 4's language and format test, plus: the variant fits in one slot."""
    return (
        variant.format in channel.formats
        and inp.accepts_language(channel, variant.language)
        and variant.duration_seconds <= channel.slot_minutes * 60
    )


def _targets(
    inp: PlannerInput,
    channels: list[Channel],
    variants: list[Variant],
    tree: RegionTree,
) -> dict[str, tuple[str, ...]]:
    """A channel targets the regions it lists, plus every region named by a variant it
    can air that lies inside one of them (so district radio can air a commune's own
    variant, and that commune's coverage counts it)."""
    listed_by: dict[str, list[Channel]] = {}
    for channel in channels:
        for region_id in channel.region_ids:
            listed_by.setdefault(region_id, []).append(channel)
    found: dict[str, set[str]] = {c.id: set(c.region_ids) for c in channels}
    for variant in variants:
        for region_id in variant.region_ids:
            for area in (region_id, *tree.ancestors(region_id)):
                for channel in listed_by.get(area, ()):
                    if _accepts(inp, channel, variant):
                        found[channel.id].add(region_id)
    return {channel_id: tuple(sorted(ids)) for channel_id, ids in found.items()}


@dataclass
class _Memo:
    """Work shared by channels with the same languages, formats and slot length (all
    loudspeakers, say): accepted variants per message, and each region's choice."""

    accepted: dict[tuple, dict[str | None, list[Variant]]] = field(default_factory=dict)
    choices: dict[tuple, VariantChoice | None] = field(default_factory=dict)


def _options(
    inp: PlannerInput,
    channel: Channel,
    targets: tuple[str, ...],
    by_message: dict[str, list[Variant]],
    tree: RegionTree,
    memo: _Memo,
) -> dict[str, list[tuple[str, Variant]]]:
    profile = (channel.languages, channel.formats, channel.slot_minutes)
    choices = memo.choices
    options: dict[str, list[tuple[str, Variant]]] = {}
    for message_id, message_variants in by_message.items():
        if (profile, message_id) not in memo.accepted:
            memo.accepted[profile, message_id] = _by_region(
                [v for v in message_variants if _accepts(inp, channel, v)]
            )
        by_region = memo.accepted[profile, message_id]
        if not by_region:
            continue
        for target in targets:
            key = (profile, message_id, target)
            if key not in choices:
                # Only province-wide variants and those aimed at the target's own
                # chain can win, so pick among those: no scan of every commune's.
                candidates = [
                    v
                    for area in (None, target, *tree.ancestors(target))
                    for v in by_region.get(area, ())
                ]
                choices[key] = pick_variant(
                    candidates,
                    message_id,
                    target,
                    channel.languages,
                    channel.formats,
                    tree,
                    fallback_language=inp.fallback_language,
                )
            choice = choices[key]
            if choice is not None:
                options.setdefault(target, []).append((message_id, choice.variant))
    return options


def _by_region(variants: list[Variant]) -> dict[str | None, list[Variant]]:
    """Variants keyed by each region they name; None holds the province-wide ones."""
    by_region: dict[str | None, list[Variant]] = {}
    for variant in variants:
        for region_id in variant.region_ids or (None,):
            by_region.setdefault(region_id, []).append(variant)
    return by_region


def _schedule(
    inp: PlannerInput,
    channel_plan: ChannelPlan,
    tree: RegionTree,
    levels: list[float],
    now_offset: float,
    period_seconds: int,
) -> None:
    channel = channel_plan.channel
    slots = day_slots(channel.windows, channel.slot_minutes * 60)
    shares = {t: tree.weight[t] * tree.population[t] for t in channel_plan.options}
    rotation = Rotation(
        channel_plan.options, shares, random.Random(f"{inp.seed}/{channel.id}")
    )
    # A day never starts before the previous day's last airing ends: that is how a
    # window crossing midnight keeps the next day's early windows from overlapping it.
    busy_until = float("-inf")
    for index, level in enumerate(levels):
        base = index * DAY_SECONDS
        latest_end = period_seconds - base
        low, high = slots.between(float("-inf"), latest_end)
        if high > low:
            channel_plan.has_slots = True
        low, high = slots.between(now_offset - base, latest_end)
        if high > low:
            channel_plan.has_slots_after_now = True
        low, high = slots.between(max(now_offset, busy_until) - base, latest_end)
        count = min(daily_volume(channel.capacity, level), high - low)
        if not rotation or count <= 0:
            continue
        for offset in spread(count, high - low):
            region_id, message_id, variant = rotation.next(index)
            start = base + slots.starts[low + offset]
            end = base + slots.ends[low + offset]
            channel_plan.airings.append(
                (start, end, index, region_id, message_id, variant.id)
            )
        busy_until = channel_plan.airings[-1][1]


def _broadcasts(plans: list[ChannelPlan], run: PlanRun) -> list[PlannedBroadcast]:
    rows = [
        (start, plan.channel.id, end, day, region_id, message_id, variant_id)
        for plan in plans
        for start, end, day, region_id, message_id, variant_id in plan.airings
    ]
    rows.sort(key=lambda row: (row[0], row[1]))
    moment, days = run.moment, run.days
    return [
        PlannedBroadcast(
            channel_id,
            variant_id,
            message_id,
            region_id,
            moment(start),
            moment(end),
            days[day],
        )
        for start, channel_id, end, day, region_id, message_id, variant_id in rows
    ]


def _validate(inp: PlannerInput) -> RegionTree:
    problems: list[str] = []
    if inp.end < inp.start:
        problems.append("period end is before its start")
    if inp.now.tzinfo is None or inp.now.utcoffset() is None:
        problems.append("now must be an aware datetime")
    try:
        ZoneInfo(inp.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"unknown time zone {inp.time_zone!r}")
    try:
        tree = RegionTree(inp.regions, inp.risk_weights, inp.default_population)
    except ValueError as error:
        raise PlannerInputError(str(error)) from error

    seen: set[str] = set()
    for channel in inp.channels:
        name = f"channel {channel.id!r}"
        if channel.id in seen:
            problems.append(f"{name} is listed twice")
        seen.add(channel.id)
        if channel.kind not in _KINDS:
            problems.append(f"{name} has unknown kind {channel.kind!r}")
        if channel.capacity < 0:
            problems.append(f"{name} has negative capacity")
        if channel.slot_minutes < 1:
            problems.append(f"{name} needs a slot length of at least one minute")
        if not channel.region_ids:
            problems.append(f"{name} covers no region")
        problems += [
            f"{name} covers unknown region {r!r}"
            for r in channel.region_ids
            if r not in tree
        ]
        problems += [
            f"{name} accepts unknown format {f!r}"
            for f in channel.formats
            if f not in _FORMATS
        ]
    seen = set()
    for variant in inp.variants:
        name = f"variant {variant.id!r}"
        if variant.id in seen:
            problems.append(f"{name} is listed twice")
        seen.add(variant.id)
        if variant.format not in _FORMATS:
            problems.append(f"{name} has unknown format {variant.format!r}")
        if variant.duration_seconds < 0:
            problems.append(f"{name} has a negative duration")
        problems += [
            f"{name} targets unknown region {r!r}"
            for r in variant.region_ids
            if r not in tree
        ]
    if problems:
        raise PlannerInputError("; ".join(problems))
    return tree
