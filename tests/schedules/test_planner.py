"""The broadcast planner as plain Python: tables of cases around the campaign's edges
(30/6 23:59, 01/7 00:00, 30/7, 30/9 23:59) plus property tests on random inputs."""

from __future__ import annotations

import ast
import dataclasses
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schedules.planner import (
    NO_CHANNEL,
    NO_VARIANT,
    NO_WINDOW,
    PERIOD_OVER,
    ZERO_CAPACITY,
    Channel,
    IntensityCurve,
    PlannerInput,
    PlannerInputError,
    PlanRun,
    Region,
    RegionTree,
    Variant,
    daily_volume,
    intensity,
    pick_variant,
    plan,
    suits_channel,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
START = date(2017, 7, 1)
END = date(2017, 9, 30)
ANCHOR = date(2017, 7, 30)
# Every day at full capacity, so slot arithmetic is easy to read in the tables.
FLAT = IntensityCurve(base=1.0)
MORNING = ((time(5, 30), time(6, 30)),)

# P ─┬─ D1 (border, ethnic minority) ─┬─ C1
#    │                                └─ C2
#    ├─ D2 ─── C3
#    └─ C9   (a commune straight under the province, as after the 2025 reform)
REGIONS = (
    Region("P"),
    Region("D1", "P", 50_000, {"border", "ethnic_minority"}),
    Region("C1", "D1", 5_000),
    Region("C2", "D1", 4_000),
    Region("D2", "P", 60_000),
    Region("C3", "D2", 6_000),
    Region("C9", "P", 3_000),
)


def at(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2017, month, day, hour, minute, tzinfo=VN)


EVE = at(6, 30, 23, 59)


def loudspeaker(
    region: str = "C1",
    *,
    capacity: int = 2,
    windows=MORNING,
    slot: int = 15,
    languages=("vi",),
    formats=("loudspeaker_script",),
    channel_id: str | None = None,
) -> Channel:
    return Channel(
        channel_id or f"ls-{region}",
        "loudspeaker",
        (region,),
        languages,
        formats,
        capacity,
        windows,
        slot,
    )


def radio(regions=("D1", "D2"), *, capacity: int = 8, slot: int = 10) -> Channel:
    return Channel(
        "radio",
        "radio",
        regions,
        ("vi",),
        ("short_text",),
        capacity,
        ((time(6), time(9)), (time(18), time(21))),
        slot,
    )


def script(variant_id: str, message: str, *regions: str, language="vi", fmt=None):
    return Variant(
        variant_id, message, language, fmt or "loudspeaker_script", tuple(regions)
    )


def make(
    channels=None,
    variants=None,
    *,
    now: datetime = EVE,
    curve: IntensityCurve = FLAT,
    regions=REGIONS,
    **overrides,
) -> PlannerInput:
    return PlannerInput(
        start=overrides.pop("start", START),
        end=overrides.pop("end", END),
        anchor=ANCHOR,
        now=now,
        channels=tuple(channels if channels is not None else [loudspeaker()]),
        variants=tuple(variants if variants is not None else [script("v1", "m1")]),
        regions=regions,
        curve=curve,
        **overrides,
    )


def on(result, channel_id: str):
    return [b for b in result.broadcasts if b.channel_id == channel_id]


# --- the intensity curve (rule 7) -------------------------------------------------


def test_intensity_peaks_exactly_in_the_week_ending_on_the_anchor():
    curve = IntensityCurve(base=0.25, ramp_days=21, taper_days=28)
    days = [START + timedelta(days=i) for i in range(92)]
    levels = {day: intensity(day, ANCHOR, curve) for day in days}
    peak = [day for day, level in levels.items() if level == 1.0]
    assert peak == [date(2017, 7, d) for d in range(24, 31)]
    assert all(0 < level <= 1 for level in levels.values())
    before = [levels[d] for d in days if d < date(2017, 7, 24)]
    after = [levels[d] for d in days if d > ANCHOR]
    assert before == sorted(before) and after == sorted(after, reverse=True)
    # The documented formula, one step before the peak and far after it.
    assert levels[date(2017, 7, 23)] == pytest.approx(0.25 + 0.75 * (1 - 1 / 22))
    assert levels[date(2017, 9, 30)] == 0.25


@pytest.mark.parametrize(
    ("capacity", "level", "expected"),
    [
        (0, 1.0, 0),
        (10, 1.0, 10),
        (10, 0.25, 3),
        (10, 0.24, 2),
        (4, 0.05, 1),
        (3, 0.5, 2),
    ],
)
def test_daily_volume_rounds_half_up_and_never_drops_to_zero(capacity, level, expected):
    assert daily_volume(capacity, level) == expected


def test_each_day_uses_capacity_times_intensity_slots():
    channel = loudspeaker(capacity=10, windows=((time(6), time(12)),))
    inp = make([channel], curve=IntensityCurve(base=0.2, ramp_days=5, taper_days=5))
    per_day = Counter(b.day for b in plan(inp).broadcasts)
    for offset in range(92):
        day = START + timedelta(days=offset)
        assert per_day[day] == daily_volume(10, inp.intensity(day)), day
    assert {d for d, n in per_day.items() if n == 10} == {
        date(2017, 7, d) for d in range(24, 31)
    }


# --- period edges and now (rule 1) ------------------------------------------------

MIDNIGHT_WINDOW = ((time(22), time(1)),)


@pytest.mark.parametrize(
    ("now", "windows", "first_start"),
    [
        # The evening before: everything from 01/7 00:00 on is open.
        (at(6, 30, 23, 59), MORNING, at(7, 1, 5, 30)),
        (at(6, 30, 23, 59), ((time(0), time(1)),), at(7, 1, 0, 0)),
        # A slot starting exactly at now is still allowed.
        (at(7, 1, 0, 0), ((time(0), time(1)),), at(7, 1, 0, 0)),
        # Mid-period, mid-slot: the 12:00 slot has begun, so 12:15 is the first.
        (at(7, 30, 12, 10), ((time(12), time(13)),), at(7, 30, 12, 15)),
        (at(7, 30, 12, 15), ((time(12), time(13)),), at(7, 30, 12, 15)),
        # After the last evening window has started on 30/7, the next day is first.
        (at(7, 30, 23, 1), MIDNIGHT_WINDOW, at(7, 30, 23, 15)),
        (at(7, 31, 0, 50), MIDNIGHT_WINDOW, at(7, 31, 22, 0)),
        # Nothing left: the plan is empty.
        (at(9, 30, 23, 59), MORNING, None),
        (at(10, 1, 0, 0), MORNING, None),
    ],
)
def test_nothing_is_planned_before_now_or_outside_the_period(now, windows, first_start):
    channel = loudspeaker(capacity=8, windows=windows)
    broadcasts = plan(make([channel], now=now)).broadcasts
    if first_start is None:
        assert broadcasts == []
        return
    assert broadcasts[0].starts_at == first_start
    assert all(b.starts_at >= now for b in broadcasts)
    assert all(START <= b.day <= END for b in broadcasts)
    assert all(at(7, 1) <= b.starts_at and b.ends_at <= at(10, 1) for b in broadcasts)


@pytest.mark.parametrize("now", [at(9, 30, 23, 59), at(10, 1, 0, 0), at(12, 31)])
def test_once_the_period_is_over_coverage_says_so(now):
    result = plan(make([loudspeaker(), radio()], now=now))
    assert result.broadcasts == []
    assert result.coverage and not any(c.covered for c in result.coverage)
    assert all(c.reason.startswith("period is over") for c in result.coverage)
    if now >= at(10, 1):
        assert {c.reason for c in result.coverage} == {PERIOD_OVER}


def test_the_last_day_ends_at_midnight_even_for_a_window_crossing_it():
    channel = loudspeaker(capacity=6, windows=MIDNIGHT_WINDOW, slot=30)
    broadcasts = plan(make([channel], now=at(9, 30, 12))).broadcasts
    assert [b.starts_at.time() for b in broadcasts] == [
        time(22),
        time(22, 30),
        time(23),
        time(23, 30),
    ]
    assert broadcasts[-1].ends_at == at(10, 1)


# --- windows and slots (rules 1-3) ------------------------------------------------


def test_a_window_across_midnight_belongs_to_the_day_it_starts():
    channel = loudspeaker(capacity=6, windows=MIDNIGHT_WINDOW, slot=30)
    result = plan(make([channel]))
    of_day = [b for b in result.broadcasts if b.day == date(2017, 7, 10)]
    assert [b.starts_at for b in of_day] == [
        at(7, 10, 22),
        at(7, 10, 22, 30),
        at(7, 10, 23),
        at(7, 10, 23, 30),
        at(7, 11, 0),
        at(7, 11, 0, 30),
    ]
    assert not any(b.starts_at.time() == time(1) for b in result.broadcasts)
    assert all(b.ends_at - b.starts_at == timedelta(minutes=30) for b in of_day)


def test_overlapping_windows_never_double_book_a_channel():
    # 22:00-01:00 spills into the next day's 00:00-02:00 window; 06:00-07:00 and
    # 06:20-07:00 overlap within a day.
    windows = (
        (time(22), time(1)),
        (time(0), time(2)),
        (time(6), time(7)),
        (time(6, 20), time(7)),
    )
    channel = loudspeaker(capacity=20, windows=windows, slot=30)
    broadcasts = plan(make([channel])).broadcasts
    for earlier, later in zip(broadcasts, broadcasts[1:], strict=False):
        assert later.starts_at >= earlier.ends_at
    assert max(Counter(b.day for b in broadcasts).values()) <= 20


@pytest.mark.parametrize("capacity", [1, 3])
def test_capacity_caps_each_local_day(capacity):
    channel = loudspeaker(capacity=capacity, windows=MIDNIGHT_WINDOW)
    per_day = Counter(b.day for b in plan(make([channel])).broadcasts)
    assert set(per_day.values()) == {capacity}
    assert len(per_day) == 92


def test_capacity_zero_airs_nothing_and_coverage_says_why():
    channels = [loudspeaker("C1", capacity=0), loudspeaker("C3", capacity=2)]
    result = plan(make(channels))
    assert on(result, "ls-C1") == []
    assert len(on(result, "ls-C3")) == 184
    by_region = {c.region_id: c for c in result.coverage}
    assert by_region["C1"].reason == ZERO_CAPACITY
    assert by_region["C3"].covered


# --- languages, formats, closest region (rule 4) ----------------------------------


@pytest.mark.parametrize(
    ("languages", "variants", "fallback", "expected"),
    [
        (("tha",), [script("v-vi", "m1")], "vi", {"v-vi"}),
        # Region before language: the commune's own Vietnamese variant wins.
        (
            ("tha",),
            [script("v-vi", "m1", "C1"), script("v-tha", "m1", language="tha")],
            "vi",
            {"v-vi"},
        ),
        (
            ("tha",),
            [script("v-vi", "m1"), script("v-tha", "m1", language="tha")],
            "vi",
            {"v-tha"},
        ),
        (("tha", "vi"), [script("v-vi", "m1")], None, {"v-vi"}),
        (("tha",), [script("v-vi", "m1")], None, set()),
        (("tha",), [script("v-hmn", "m1", language="hmn")], "vi", set()),
    ],
)
def test_language_falls_back_to_vietnamese(languages, variants, fallback, expected):
    channel = loudspeaker(languages=languages)
    result = plan(make([channel], variants, fallback_language=fallback))
    assert {b.variant_id for b in result.broadcasts} == expected
    if not expected:
        assert [c.reason for c in result.coverage] == [NO_VARIANT]


def test_a_format_the_channel_does_not_accept_is_never_used():
    variants = [
        script("v-article", "m1", fmt="article"),
        script("v-poster", "m2", fmt="poster_caption"),
        script("v-script", "m2"),
    ]
    result = plan(make([loudspeaker()], variants))
    assert {b.variant_id for b in result.broadcasts} == {"v-script"}
    reasons = {c.message_id: (c.covered, c.reason) for c in result.coverage}
    assert reasons == {"m1": (False, NO_VARIANT), "m2": (True, "")}


def test_a_variant_longer_than_the_slot_is_not_used():
    variants = [
        Variant("long", "m1", "vi", "loudspeaker_script", (), duration_seconds=901),
        Variant("fits", "m1", "vi", "loudspeaker_script", (), duration_seconds=900),
    ]
    result = plan(make([loudspeaker(slot=15)], variants))
    assert {b.variant_id for b in result.broadcasts} == {"fits"}


PICK_VARIANTS = [
    script("p", "m"),
    script("d1", "m", "D1"),
    script("c1", "m", "C1"),
    script("c3", "m", "C3"),
    script("c1-tha", "m", "C1", language="tha"),
    script("p-tha", "m", language="tha"),
    script("d2-article", "m", "D2", fmt="article"),
    script("other-message", "x", "C2"),
]


@pytest.mark.parametrize(
    ("region", "language", "fmt", "variant", "reason"),
    [
        ("C1", "vi", "loudspeaker_script", "c1", "region itself"),
        ("C2", "vi", "loudspeaker_script", "d1", "ancestor region D1"),
        ("D1", "vi", "loudspeaker_script", "d1", "region itself"),
        ("C3", "vi", "loudspeaker_script", "c3", "region itself"),
        ("D2", "vi", "loudspeaker_script", "p", "province-wide"),
        ("C9", "vi", "loudspeaker_script", "p", "province-wide"),
        ("P", "vi", "loudspeaker_script", "p", "province-wide"),
        # The editors' rule: region first, then language.
        ("C1", "tha", "loudspeaker_script", "c1-tha", "region itself"),
        ("C2", "tha", "loudspeaker_script", "d1", "fell back to vi"),
        ("C9", "tha", "loudspeaker_script", "p-tha", "province-wide"),
        ("C2", "hmn", "loudspeaker_script", "d1", "fell back to vi"),
        ("D2", "vi", "article", "d2-article", "region itself"),
        ("D2", "vi", ("article", "loudspeaker_script"), "d2-article", "itself"),
        ("C3", "vi", ("article", "loudspeaker_script"), "c3", "region itself"),
        ("C2", "vi", "poster_caption", None, None),
    ],
)
def test_pick_variant_prefers_the_closest_region(
    region, language, fmt, variant, reason
):
    choice = pick_variant(PICK_VARIANTS, "m", region, language, fmt, REGIONS)
    if variant is None:
        assert choice is None
        return
    assert choice.variant.id == variant
    assert reason in choice.reason


def test_a_variant_aimed_at_several_regions_counts_its_closest_one():
    variants = [script("d1", "m", "D1"), script("c2-and-p", "m", "C2", "P")]
    assert (
        pick_variant(
            variants, "m", "C2", "vi", "loudspeaker_script", REGIONS
        ).variant.id
        == "c2-and-p"
    )
    assert (
        pick_variant(
            variants, "m", "C1", "vi", "loudspeaker_script", REGIONS
        ).variant.id
        == "d1"
    )


def test_a_variant_suits_a_channel_through_ancestors_and_descendants():
    tree = RegionTree(REGIONS)
    channel = loudspeaker("D1")
    assert suits_channel(script("a", "m", "C2"), channel, tree)
    assert suits_channel(script("b", "m", "P"), channel, tree)
    assert suits_channel(script("c", "m"), channel, tree)
    assert not suits_channel(script("d", "m", "C3"), channel, tree)


# --- rotation (rules 5 and 9) -----------------------------------------------------


def repeat_gaps(broadcasts) -> list[int]:
    last: dict[str, date] = {}
    gaps = []
    for b in broadcasts:
        if b.variant_id in last:
            gaps.append((b.day - last[b.variant_id]).days)
        last[b.variant_id] = b.day
    return gaps


@pytest.mark.parametrize(
    ("capacity", "messages", "smallest_gap"),
    [(1, 3, 3), (1, 4, 4), (2, 6, 3), (1, 2, 2), (3, 3, 1)],
)
def test_no_variant_repeats_within_three_days_when_another_is_available(
    capacity, messages, smallest_gap
):
    variants = [script(f"v{i}", f"m{i}") for i in range(messages)]
    result = plan(
        make([loudspeaker(capacity=capacity)], variants, end=date(2017, 7, 31))
    )
    assert min(repeat_gaps(result.broadcasts)) == smallest_gap


def airable(inp: PlannerInput, channel: Channel) -> set[str]:
    """Every variant the channel could air for some region it targets (rule 4)."""
    tree = RegionTree(inp.regions)
    accepted = [
        v
        for v in inp.variants
        if v.format in channel.formats
        and v.language in (*channel.languages, "vi")
        and v.duration_seconds <= channel.slot_minutes * 60
    ]
    targets = set(channel.region_ids) | {
        r
        for v in accepted
        for r in v.region_ids
        if any(tree.within(r, area) for area in channel.region_ids)
    }
    choices = (
        pick_variant(accepted, m, t, channel.languages, channel.formats, tree)
        for t in targets
        for m in {v.message_id for v in inp.variants}
    )
    return {c.variant.id for c in choices if c is not None}


def avoidable_repeats(inp: PlannerInput, result) -> list:
    """Airings repeating a variant of the last three days while another was fresh."""
    found = []
    for channel in inp.channels:
        candidates = airable(inp, channel)
        last: dict[str, date] = {}
        for b in on(result, channel.id):
            recent = {v for v, day in last.items() if (b.day - day).days < 3}
            if b.variant_id in recent and candidates - recent:
                found.append(b)
            last[b.variant_id] = b.day
    return found


def test_shared_variants_rotate_across_a_channel_s_regions():
    # Province-wide spots shared by four districts' airings, plus one district's own:
    # the province radio still never repeats a spot while another is fresh.
    variants = [script(f"v{i}", f"m{i}", fmt="short_text") for i in range(4)]
    variants.append(script("own-D2", "m0", "D2", fmt="short_text"))
    channel = radio(("D1", "D2", "C3", "C9"), capacity=2)
    inp = make([channel], variants, curve=IntensityCurve(), end=date(2017, 8, 15))
    result = plan(inp)
    assert len(result.broadcasts) > 50
    assert avoidable_repeats(inp, result) == []


def test_each_region_gets_every_message_before_any_repeats():
    # District-tailored variants, so each district's rotation is its own.
    variants = [
        script(f"{district}-m{i}", f"m{i}", district, fmt="short_text")
        for district in ("D1", "D2")
        for i in range(4)
    ]
    result = plan(make([radio(capacity=3)], variants, seed=7))
    for district in ("D1", "D2"):
        messages = [b.message_id for b in result.broadcasts if b.region_id == district]
        assert sorted(messages[:4]) == ["m0", "m1", "m2", "m3"]
    assert all(c.covered for c in result.coverage)


# --- high-risk regions (rule 8) ---------------------------------------------------


def per_head(result, region_id: str) -> float:
    return result.airings_by_region[region_id].airings_per_head


@pytest.mark.parametrize(("low_population", "capacity"), [(60_000, 8), (10_000, 4)])
def test_high_risk_regions_get_twice_the_airings_per_head(low_population, capacity):
    regions = (
        Region("P"),
        Region("HIGH", "P", 50_000, {"border", "ethnic_minority"}),
        Region("LOW", "P", low_population),
    )
    variants = [script(f"v{i}", f"m{i}", fmt="short_text") for i in range(3)]
    inp = make([radio(("HIGH", "LOW"), capacity=capacity)], variants, regions=regions)
    result = plan(inp)
    assert result.airings_by_region["HIGH"].weight == pytest.approx(2.6)
    assert per_head(result, "HIGH") >= 2 * per_head(result, "LOW")
    # Within one airing of the weighted quota.
    total = len(result.broadcasts)
    high_share = 2.6 * 50_000 / (2.6 * 50_000 + low_population)
    assert abs(result.airings_by_region["HIGH"].airings - total * high_share) <= 1


def test_coverage_comes_before_weighting_when_capacity_is_short():
    regions = (
        Region("P"),
        Region("HIGH", "P", 100_000, {"border", "poor"}),
        Region("TINY", "P", 10),
    )
    variants = [script(f"v{i}", f"m{i}", fmt="short_text") for i in range(5)]
    inp = make(
        [radio(("HIGH", "TINY"), capacity=1)],
        variants,
        regions=regions,
        end=date(2017, 7, 20),
    )
    result = plan(inp)
    assert all(c.covered for c in result.coverage)
    assert result.airings_by_region["TINY"].airings == 5


def test_a_channel_serving_one_region_alone_is_reported_as_capacity_bound():
    regions = (
        Region("P"),
        Region("HIGH", "P", 50_000, {"border", "ethnic_minority"}),
        Region("LOW", "P", 60_000),
        Region("ONLY", "P", 60_000, {"border"}),
    )
    variants = [script(f"v{i}", f"m{i}", fmt="short_text") for i in range(3)]
    variants.append(script("s1", "m1"))
    channels = [radio(("HIGH", "LOW")), loudspeaker("ONLY")]
    result = plan(make(channels, variants, regions=regions))
    rows = result.airings_by_region
    # The shared radio follows the weights; the loudspeaker gives ONLY all it has.
    assert not rows["HIGH"].capacity_bound and not rows["LOW"].capacity_bound
    assert rows["ONLY"].capacity_bound and rows["ONLY"].airings == 184


# --- coverage report ----------------------------------------------------------------


def test_every_channel_that_got_nothing_is_listed_with_its_reason():
    channels = [
        loudspeaker("C1"),
        loudspeaker("C3", capacity=0),
        loudspeaker("D2", formats=("article",), channel_id="paper"),
        loudspeaker("C9", windows=((time(5), time(5, 10)),), slot=15),
    ]
    result = plan(make(channels, [script("v1", "m1")]))
    assert [(c.channel_id, c.reason) for c in result.idle_channels] == [
        ("ls-C3", ZERO_CAPACITY),
        ("ls-C9", NO_WINDOW),
        ("paper", NO_VARIANT),
    ]
    assert result.gap_count() == len(result.gaps()) + 3
    after = plan(make(channels, [script("v1", "m1")], now=at(10, 1)))
    assert {c.reason for c in after.idle_channels} == {PERIOD_OVER}
    assert len(after.idle_channels) == 4



def test_coverage_names_regions_no_channel_reaches():
    variants = [script("v-c3", "m1", "C3"), script("v-p", "m1")]
    result = plan(make([loudspeaker("C1")], variants))
    rows = {(c.region_id, c.message_id): c for c in result.coverage}
    assert set(rows) == {("C1", "m1"), ("C3", "m1")}
    assert rows["C1", "m1"].covered and rows["C1", "m1"].airings == 184
    assert rows["C3", "m1"].reason == NO_CHANNEL


def test_a_region_a_channel_reaches_without_a_fitting_variant_says_so():
    # District radio reaches C3, but C3's only variant is a loudspeaker script.
    variants = [script("v-c3", "m1", "C3")]
    result = plan(make([loudspeaker("C1"), radio(("D2",))], variants))
    rows = {(c.region_id, c.message_id): c for c in result.coverage}
    assert rows["C3", "m1"].reason == NO_VARIANT
    # A message written for C3 only is no gap in C1.
    assert ("C1", "m1") not in rows
    assert result.broadcasts == []


def test_a_district_variant_counts_through_its_communes():
    variants = [script("v-d1", "m1", "D1"), script("v-p", "m2")]
    result = plan(make([loudspeaker("C1"), loudspeaker("C2")], variants))
    rows = {(c.region_id, c.message_id): c for c in result.coverage}
    assert rows["D1", "m1"].covered and rows["D1", "m2"].covered
    assert result.airings_by_region["D1"].airings == len(result.broadcasts)


def test_population_defaults_and_weights():
    regions = (
        Region("P"),
        Region("D", "P", None, {"coastal", "poor"}),
        Region("A", "D", 300),
        Region("B", "D", None),
    )
    tree = RegionTree(regions, default_population=7)
    assert tree.population == {"P": 307, "D": 307, "A": 300, "B": 7}
    assert tree.weight["D"] == pytest.approx(1.9)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"now": datetime(2017, 7, 1)}, "aware"),
        ({"channels": (loudspeaker("NOWHERE"),)}, "unknown region"),
        ({"channels": (loudspeaker(capacity=-1),)}, "negative capacity"),
        ({"variants": (script("v", "m", "ATLANTIS"),)}, "unknown region"),
        ({"regions": (Region("A", "B"), Region("B", "A"))}, "cycle"),
        ({"time_zone": "Mars/Olympus"}, "time zone"),
    ],
)
def test_inconsistent_input_is_refused(change, message):
    inp = dataclasses.replace(make(), **change)
    with pytest.raises(PlannerInputError, match=message):
        plan(inp)


# --- determinism (rule 6) ----------------------------------------------------------


def busy_input(seed: int = 1) -> PlannerInput:
    channels = [radio(), loudspeaker("C1", capacity=3), loudspeaker("C3")]
    variants = [script(f"v{i}", f"m{i % 3}", fmt="short_text") for i in range(5)]
    variants += [script(f"ls{i}", f"m{i}", "D1") for i in range(3)]
    return make(channels, variants, seed=seed, curve=IntensityCurve())


def test_same_input_same_plan_whatever_the_order():
    inp = busy_input()
    shuffled = dataclasses.replace(
        inp,
        channels=inp.channels[::-1],
        variants=inp.variants[::-1],
        regions=inp.regions[::-1],
    )
    assert plan(inp) == plan(inp) == plan(shuffled)


def test_a_different_seed_changes_tie_breaks_only():
    first, second = plan(busy_input(1)), plan(busy_input(2))
    assert first != second
    slots = [(b.channel_id, b.starts_at) for b in first.broadcasts]
    # When airings go is never a tie-break: only what airs in them may change.
    assert slots == [(b.channel_id, b.starts_at) for b in second.broadcasts]


def test_a_run_streamed_channel_by_channel_is_the_same_plan():
    inp = busy_input()
    whole = plan(inp)
    run = PlanRun(inp)
    streamed = []
    for channel_plan in run.channels():
        assert channel_plan.aired == len(channel_plan.airings)
        streamed += [
            (
                run.moment(start),
                channel_plan.channel.id,
                run.moment(end),
                run.days[day],
                region,
                message,
                variant,
            )
            for start, end, day, region, message, variant in channel_plan.airings
        ]
    # A streamed channel's airings are let go once the next one is planned.
    assert not any(p.airings for p in run.plans)
    assert sum(p.aired for p in run.plans) == len(whole.broadcasts)
    assert sorted(streamed) == [
        (
            b.starts_at,
            b.channel_id,
            b.ends_at,
            b.day,
            b.region_id,
            b.message_id,
            b.variant_id,
        )
        for b in whole.broadcasts
    ]
    summary = run.summary()
    assert summary.coverage == whole.coverage
    assert summary.airings_by_region == whole.airings_by_region
    assert summary.idle_channels == whole.idle_channels


# --- property tests -----------------------------------------------------------------

SMALL_START, SMALL_END = date(2017, 7, 26), date(2017, 8, 2)
REGION_IDS = [r.id for r in REGIONS]
FORMATS = ["loudspeaker_script", "short_text", "article"]
LANGUAGES = ["vi", "tha"]

times = st.builds(time, st.integers(0, 23), st.sampled_from([0, 5, 15, 30, 45, 50]))
channels = st.builds(
    lambda i, regions, languages, formats, capacity, windows, slot: Channel(
        f"ch{i}", "radio", regions, languages, formats, capacity, windows, slot
    ),
    st.integers(0, 9),
    st.lists(st.sampled_from(REGION_IDS), min_size=1, max_size=3, unique=True),
    st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=2, unique=True),
    st.lists(st.sampled_from(FORMATS), min_size=1, max_size=3, unique=True),
    st.integers(0, 5),
    st.lists(st.tuples(times, times), min_size=1, max_size=3),
    st.integers(5, 60),
)
variants = st.builds(
    lambda i, message, language, fmt, regions, duration: Variant(
        f"v{i}", f"m{message}", language, fmt, regions, (), (), duration
    ),
    st.integers(0, 20),
    st.integers(0, 2),
    st.sampled_from(["vi", "vi", "tha"]),
    st.sampled_from(FORMATS),
    st.lists(st.sampled_from(REGION_IDS), max_size=2, unique=True),
    st.sampled_from([0, 0, 0, 60, 600, 3600]),
)
small_inputs = st.builds(
    lambda chans, vars_, minutes, seed: PlannerInput(
        start=SMALL_START,
        end=SMALL_END,
        anchor=ANCHOR,
        now=datetime.combine(SMALL_START, time(), VN) + timedelta(minutes=minutes),
        channels=tuple({c.id: c for c in chans}.values()),
        variants=tuple({v.id: v for v in vars_}.values()),
        regions=REGIONS,
        curve=IntensityCurve(base=0.3, ramp_days=3, taper_days=2),
        seed=seed,
    ),
    st.lists(channels, min_size=1, max_size=4),
    st.lists(variants, min_size=1, max_size=5),
    st.integers(-24 * 60, 8 * 24 * 60),
    st.integers(0, 3),
)


def in_a_window(b, channel: Channel) -> bool:
    slot = timedelta(minutes=channel.slot_minutes)
    for start, end in channel.windows:
        opens = datetime.combine(b.day, start, VN)
        closes = datetime.combine(b.day, end, VN)
        if end <= start:
            closes += timedelta(days=1)
        if (
            opens <= b.starts_at
            and b.ends_at <= closes
            and not (b.starts_at - opens) % slot
        ):
            return True
    return False


@settings(max_examples=60, deadline=None)
@given(small_inputs)
def test_any_small_plan_keeps_every_rule(inp):
    result = plan(inp)
    channel_of = {c.id: c for c in inp.channels}
    variant_of = {v.id: v for v in inp.variants}
    tree = RegionTree(inp.regions)
    period_opens = datetime.combine(SMALL_START, time(), VN)
    period_closes = datetime.combine(SMALL_END + timedelta(days=1), time(), VN)

    per_channel = defaultdict(list)
    for b in result.broadcasts:
        channel, variant = channel_of[b.channel_id], variant_of[b.variant_id]
        per_channel[b.channel_id].append(b)
        assert b.starts_at >= inp.now
        assert period_opens <= b.starts_at and b.ends_at <= period_closes
        assert SMALL_START <= b.day <= SMALL_END
        assert b.ends_at - b.starts_at == timedelta(minutes=channel.slot_minutes)
        assert in_a_window(b, channel)
        assert variant.format in channel.formats
        assert variant.language in (*channel.languages, "vi")
        assert variant.message_id == b.message_id
        assert suits_channel(variant, channel, tree)
        assert any(tree.within(b.region_id, area) for area in channel.region_ids)
    for channel_id, broadcasts in per_channel.items():
        capacity = channel_of[channel_id].capacity
        assert max(Counter(b.day for b in broadcasts).values()) <= capacity
        for earlier, later in zip(broadcasts, broadcasts[1:], strict=False):
            assert later.starts_at >= earlier.ends_at
    assert avoidable_repeats(inp, result) == []
    keys = [(b.starts_at, b.channel_id) for b in result.broadcasts]
    assert keys == sorted(keys)
    assert plan(inp) == result
    assert plan(dataclasses.replace(inp, channels=inp.channels[::-1])) == result


# --- no Django in the planner -------------------------------------------------------

FORBIDDEN = {"django", "wagtail", "campaigns", "cms", "media", "celery"}
# The one shared rule: the editors' selection, itself free of Django (checked below).
ALLOWED = {"campaigns.variant_rule"}
PLANNER = Path(__file__).resolve().parents[2] / "schedules" / "planner"


def test_the_planner_imports_nothing_from_django_or_the_apps():
    modules = sorted(PLANNER.glob("*.py"))
    assert len(modules) >= 5
    for module in modules:
        for node in ast.walk(ast.parse(module.read_text(), str(module))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""] if node.level == 0 else []
            else:
                continue
            for name in names:
                if name in ALLOWED:
                    continue
                assert name.split(".")[0] not in FORBIDDEN, f"{module.name}: {name}"


def test_the_shared_selection_rule_imports_nothing_from_django():
    source = PLANNER.parent.parent / "campaigns" / "variant_rule.py"
    for node in ast.walk(ast.parse(source.read_text())):
        if isinstance(node, ast.ImportFrom | ast.Import):
            names = (
                [node.module]
                if isinstance(node, ast.ImportFrom)
                else [alias.name for alias in node.names]
            )
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN | {"schedules"}, name
