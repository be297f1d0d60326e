"""Every breakdown against the totals computed by hand in conftest.py."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from schedules.reports import selectors
from schedules.reports.filters import ReportFilter
from schedules.reports.gaps import coverage_gaps
from schedules.reports.report import report_build


def of(rows):
    return {row.label: row.reach for row in rows}


def campaign_filter(world, **fields):
    return ReportFilter(campaign=world["campaign"], **fields)


def test_summary_splits_reach_by_source(world):
    summary = selectors.reach_summary(campaign_filter(world))
    assert summary.reach == 1650
    assert summary.records == 5
    assert (summary.broadcast_reach, summary.session_reach, summary.press_reach) == (
        1300,
        50,
        300,
    )
    assert summary.illustrative == 0


def test_without_a_campaign_every_year_counts(world):
    assert selectors.reach_summary(ReportFilter()).reach == 1650 + 7777


def test_reach_by_day_in_local_time_marks_the_anchor_day(world):
    report = campaign_filter(
        world, start=datetime.date(2017, 6, 30), end=datetime.date(2017, 7, 31)
    )
    rows = selectors.reach_by_day(report)
    assert len(rows) == 32
    by_day = {row.key: (row.reach, row.records) for row in rows}
    assert by_day["2017-07-01"] == (300, 2)
    assert by_day["2017-07-02"] == (300, 1)
    # The session reach at 00:30 on 30/7 is 29/7 in UTC but counts on 30/7.
    assert by_day["2017-07-29"] == (0, 0)
    assert by_day["2017-07-30"] == (1050, 2)
    assert [row.key for row in rows if row.extra["anchor"]] == ["2017-07-30"]
    assert sum(row.reach for row in rows) == 1650


def test_the_date_range_includes_both_ends_in_local_time(world):
    report = campaign_filter(
        world, start=datetime.date(2017, 7, 2), end=datetime.date(2017, 7, 29)
    )
    assert selectors.reach_summary(report).reach == 300
    report = campaign_filter(
        world, start=datetime.date(2017, 7, 30), end=datetime.date(2017, 7, 30)
    )
    assert selectors.reach_summary(report).reach == 1050


def test_reach_by_channel_kind_with_sessions_and_press_apart(world):
    rows = {
        row.key: row.reach
        for row in selectors.reach_by_channel_kind(campaign_filter(world))
    }
    assert rows["radio"] == 1000
    assert rows["loudspeaker"] == 300
    assert rows["television"] == 0
    assert rows["session"] == 50
    assert rows["press"] == 300
    assert sum(rows.values()) == 1650


def test_reach_by_unit_rolls_branches_up_to_their_parent(world):
    rows = selectors.reach_by_unit(campaign_filter(world))
    assert [(row.label, row.reach, row.records) for row in rows] == [
        ("Sở Thông tin và Truyền thông", 1300, 3),
        ("Hội LHPN tỉnh", 50, 1),
        ("Press coverage", 300, 1),
    ]


def test_communes_roll_up_to_their_district(world):
    # The province has no population: its 1,000 go to the districts that have one,
    # 1,000 : 2,000 (333.3 and 666.7, the larger remainder rounds up).
    rows = selectors.reach_by_area(campaign_filter(world), depth=2)
    assert [(row.label, row.reach) for row in rows] == [
        ("Huyện Một", 350 + 333),
        ("Huyện Hai", 300 + 667),
        ("Huyện Ba", 0),
    ]
    assert sum(row.reach for row in rows) == 1650
    d1 = rows[0]
    assert d1.extra["high_risk"] and (d1.extra["lon"], d1.extra["lat"]) == (104.6, 20.5)


def test_the_rollup_works_at_any_depth(world):
    # Huyện Một's 333 split 400 : 600 of its 1,000 people (133.2 and 199.8);
    # Huyện Hai's 300 + 667 all go to its one commune, which holds all its people.
    rows = selectors.reach_by_area(campaign_filter(world), depth=3)
    assert of(rows) == {
        "Xã Một A": 300 + 133,
        "Xã Một B": 50 + 200,
        "Xã Hai A": 967,
    }
    assert sum(row.reach for row in rows) == 1650
    rows = selectors.reach_by_area(campaign_filter(world), depth=1)
    assert of(rows) == {"Tỉnh Thanh Hóa": 1650}


def test_every_age_band_is_listed_also_when_empty(world):
    rows = selectors.reach_by_age_band(campaign_filter(world))
    assert [(row.key, row.reach) for row in rows] == [
        ("children", 100),
        ("youth", 50),
        ("adults", 200),
        ("elders", 0),
        ("", 1300),
    ]


def test_reach_by_method(world):
    rows = selectors.reach_by_method(campaign_filter(world))
    assert {row.key: row.reach for row in rows} == {
        "measured": 100,
        "reported": 50,
        "estimated": 1500,
    }


def test_broadcasts_sessions_and_press_counts(world):
    report = campaign_filter(world)
    counts = selectors.broadcast_counts(report)
    assert (counts.planned, counts.aired, counts.failed, counts.missed) == (5, 2, 1, 1)
    assert (counts.pending, counts.cancelled) == (1, 1)
    sessions = selectors.session_counts(report)
    assert (sessions["held"], sessions["planned"], sessions["cancelled"]) == (1, 1, 0)
    assert sessions["attendance_total"] == 50
    assert (sessions["attendance_women"], sessions["attendance_men"]) == (30, 20)
    assert selectors.press_counts(report) == {
        "confirmed": 1,
        "pending": 1,
        "outlets": 1,
    }


def test_activity_by_unit_lists_every_top_unit(world):
    report = campaign_filter(world)
    rows = selectors.activity_by_unit(report, selectors.reach_by_unit(report))
    by_unit = {row.label: row for row in rows}
    assert set(by_unit) == {
        "Sở Thông tin và Truyền thông",
        "Hội LHPN tỉnh",
        "Công an tỉnh",
    }
    info = by_unit["Sở Thông tin và Truyền thông"]
    assert (info.extra["broadcasts"].planned, info.extra["broadcasts"].aired) == (5, 2)
    assert info.reach == 1300
    union = by_unit["Hội LHPN tỉnh"]
    assert (union.extra["sessions_held"], union.extra["attendance"]) == (1, 50)
    police = by_unit["Công an tỉnh"]
    assert (police.reach, police.extra["sessions_held"]) == (0, 0)


def test_filters_by_unit_and_area(world):
    report = campaign_filter(world, unit=world["union"])
    assert selectors.reach_summary(report).reach == 50
    assert selectors.press_counts(report)["confirmed"] == 0
    report = campaign_filter(world, unit=world["info"])
    assert selectors.reach_summary(report).reach == 1300
    report = campaign_filter(world, areas=(world["d1"],))
    assert selectors.reach_summary(report).reach == 350
    assert selectors.broadcast_counts(report).planned == 4
    assert selectors.breakdown_depth(report.areas) == 3
    assert of(selectors.reach_by_area(report, depth=3)) == {
        "Xã Một A": 300,
        "Xã Một B": 50,
    }


def test_gaps_put_high_risk_areas_first_then_the_lowest_reach_per_head(world):
    gaps = coverage_gaps(campaign_filter(world), target=Decimal("1.0"))
    assert [
        (gap.region.name, gap.reach, round(gap.per_head, 3), gap.shortfall)
        for gap in gaps.below
    ] == [
        ("Xã Một B", 250, 0.417, 350),
        ("Huyện Một", 683, 0.683, 317),
        ("Huyện Hai", 967, round(967 / 2000, 3), 1033),
        ("Xã Hai A", 967, round(967 / 2000, 3), 1033),
    ]
    assert [gap.region.name for gap in gaps.unknown_population] == ["Huyện Ba"]
    lower = coverage_gaps(campaign_filter(world), target=Decimal("0.5"))
    assert [gap.region.name for gap in lower.below] == [
        "Xã Một B",
        "Huyện Hai",
        "Xã Hai A",
    ]


def test_the_whole_report_takes_a_fixed_number_of_queries(world):
    report = campaign_filter(world)
    with CaptureQueriesContext(connection) as queries:
        built = report_build(report, target=Decimal("1"))
    assert built.summary.reach == 1650
    # 25, and the comparison with 2016: the year before, the map, one per measure.
    assert built.comparison.previous.year == 2016
    assert len(queries) <= 32


def test_reach_counts_on_the_day_people_were_reached_not_when_confirmed(world):
    """A broadcast of 31/7 confirmed on 3/8, a session of 31/7 whose attendance is
    entered on 4/8: both count on 31/7, and a range ending on 31/7 includes them."""
    from schedules.dispatch.services import broadcast_confirm_aired
    from schedules.sessions.services import session_reach_sync
    from tests import factories as f

    t = f.local_time
    channel = f.ChannelFactory(
        name="Loa xã Một A", regions=[world["c1a"]], kind="loudspeaker"
    )
    plan = f.BroadcastPlanFactory(campaign=world["campaign"])
    sent = f.BroadcastFactory(
        sent=True,
        plan=plan,
        channel=channel,
        region=world["c1a"],
        starts_at=t(31, hour=6),
    )
    broadcast_confirm_aired(broadcast_id=sent.pk, now=t(3, month=8))
    session = f.SessionFactory(
        held=True,
        campaign=world["campaign"],
        organisation=world["branch"],
        region=world["c1b"],
        starts_at=t(31, hour=8),
    )
    session.attendance_total = 40
    session.save()
    record = session_reach_sync(session=session, now=t(4, month=8))
    assert record.recorded_at == t(4, month=8)

    report = campaign_filter(
        world, start=datetime.date(2017, 7, 30), end=datetime.date(2017, 7, 31)
    )
    by_day = {row.key: row.records for row in selectors.reach_by_day(report)}
    assert by_day == {"2017-07-30": 2, "2017-07-31": 2}
