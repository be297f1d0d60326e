"""One million reach records on PostgreSQL: every dashboard selector against the
hand-written SQL GROUP BY that answers the same question, in the same run.

Reports each selector's time over the SQL's (target: at most 1.5) and the report
page's queries with 1,000,000 records over those with 1,000 (target: at most 1).
Data: 27 districts and 549 communes, 800,000 broadcasts, 50,000 sessions, 10,000
press articles, rows made by INSERT ... SELECT generate_series.
"""

import datetime
import time
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Region, Role
from campaigns.region_import import regions_import
from schedules.reports import selectors
from schedules.reports.filters import ReportFilter
from schedules.reports.gaps import coverage_gaps
from tests import factories
from tests.benchmarks.report import report as report_figure
from tests.conftest import require_service

pytestmark = pytest.mark.django_db
TZ = "Asia/Ho_Chi_Minh"
START = datetime.date(2017, 7, 1)
END = datetime.date(2017, 9, 30)
# Half the broadcasts aired: 400,000, each with one estimate and one measurement
# (the most the database allows), the 800,000 broadcast reach records.
BROADCASTS, SESSIONS, ARTICLES = 800_000, 50_000, 10_000
TARGET = 1.5


def build(shared_data):
    regions_import(text=(shared_data / "thanh_hoa_2017_districts.csv").read_text())
    regions_import(text=(shared_data / "thanh_hoa_communes_2025.csv").read_text())
    province = Region.objects.get(depth=1)
    campaign = factories.CampaignPageFactory()
    parent = factories.OrganisationFactory(name="Sở Thông tin và Truyền thông")
    units = [parent] + [
        factories.OrganisationFactory(
            name=f"Đơn vị {n}", parent=parent if n % 2 else None
        )
        for n in range(12)
    ]
    kinds = ["radio", "television", "loudspeaker", "web_portal", "social_page"]
    for n in range(60):
        factories.ChannelFactory(
            name=f"Kênh {n}",
            regions=[province],
            kind=kinds[n % 5],
            owner=units[n % len(units)],
        )
    factories.BroadcastPlanFactory(campaign=campaign)
    factories.CoverageFactory(
        confirmed=True,
        campaign=campaign,
        outlet__region=province,
        published_at=factories.local_time(1),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE campaigns_region SET population = 3000 + (id * 7919) % 20000 "
            "WHERE depth > 1 AND id % 11 <> 0"
        )
    return campaign, units


def insert_sources(campaign, units):
    """Broadcasts, sessions and articles, each spread over the 92 days."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH c AS (SELECT array_agg(id ORDER BY id) AS ids FROM schedules_channel),
                 r AS (SELECT array_agg(id ORDER BY id) AS ids FROM campaigns_region
                       WHERE depth >= 2)
            INSERT INTO schedules_broadcast (key, version, plan_id, channel_id, text,
                from_page, region_id, starts_at, ends_at, status, late, cancel_reason,
                attempts, last_error)
            SELECT gen_random_uuid(), 1, (SELECT id FROM schedules_broadcastplan),
                c.ids[1 + i %% 60], 'x', false,
                r.ids[1 + i %% array_length(r.ids, 1)],
                %(start)s::timestamptz + (i / 60) * interval '570 seconds',
                %(start)s::timestamptz + (i / 60) * interval '570 seconds'
                    + interval '5 minutes',
                (ARRAY['aired','aired','aired','aired','missed','failed','approved',
                       'cancelled'])[1 + i %% 8],
                false, CASE WHEN i %% 8 = 7 THEN 'x' ELSE '' END, 0, ''
            FROM generate_series(0, %(n)s - 1) AS i, c, r
            """,
            {"start": f"{START} 00:00+07", "n": BROADCASTS},
        )
        cursor.execute(
            """
            WITH u AS (SELECT array_agg(id ORDER BY id) AS ids
                       FROM campaigns_organisation),
                 r AS (SELECT array_agg(id ORDER BY id) AS ids FROM campaigns_region
                       WHERE depth = 3)
            INSERT INTO schedules_session (organisation_id, campaign_id, kind, title,
                region_id, venue, starts_at, ends_at, language_id, materials, status,
                cancel_reason, attendance_total, attendance_women, attendance_men)
            SELECT u.ids[1 + i %% array_length(u.ids, 1)], %(campaign)s, 'talk', 'x',
                r.ids[1 + i %% array_length(r.ids, 1)], 'x',
                %(start)s::timestamptz + (i %% 92) * interval '1 day',
                %(start)s::timestamptz + (i %% 92) * interval '1 day'
                    + interval '2 hours',
                'vi', '', CASE WHEN i %% 5 = 0 THEN 'planned' ELSE 'held' END, '',
                CASE WHEN i %% 5 = 0 THEN NULL ELSE 40 + i %% 50 END,
                CASE WHEN i %% 5 = 0 THEN NULL ELSE 20 END,
                CASE WHEN i %% 5 = 0 THEN NULL ELSE 15 END
            FROM generate_series(0, %(n)s - 1) AS i, u, r
            """,
            {"start": f"{START} 00:00+07", "n": SESSIONS, "campaign": campaign.pk},
        )
        cursor.execute(
            """
            INSERT INTO schedules_coverage (outlet_id, campaign_id, entry_id, link,
                title, summary, published_at, matched_terms, status, found_at)
            SELECT (SELECT min(id) FROM schedules_pressoutlet), %(campaign)s,
                'bench-' || i, '', 'x', '',
                %(start)s::timestamptz + (i %% 92) * interval '1 day', '[]',
                (ARRAY['confirmed','pending','rejected'])[1 + i %% 3], now()
            FROM generate_series(0, %(n)s - 1) AS i
            """,
            {"start": f"{START} 00:00+07", "n": ARTICLES, "campaign": campaign.pk},
        )


def insert_reach(count, offset=0):
    """`count` reach records: 80% broadcasts, 15% sessions, 5% press; regions at
    every depth; some without an age band. Broadcast records go two by two to the
    aired broadcasts in turn, an estimate and a measurement: the database allows
    one of each."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH b AS (SELECT array_agg(id ORDER BY id) AS ids FROM schedules_broadcast
                       WHERE status = 'aired'),
                 s AS (SELECT array_agg(id ORDER BY id) AS ids FROM schedules_session),
                 c AS (SELECT array_agg(id ORDER BY id) AS ids FROM schedules_coverage),
                 r AS (SELECT array_agg(id ORDER BY path) AS ids FROM campaigns_region),
                 a AS (SELECT array_agg(id ORDER BY id) AS ids FROM campaigns_ageband)
            INSERT INTO schedules_reachrecord (broadcast_id, session_id, coverage_id,
                region_id, age_band_id, count, method, reached_at, recorded_at, note,
                illustrative)
            SELECT
                CASE WHEN i %% 20 < 16 THEN b.ids[
                    1 + (((i / 20) * 16 + i %% 20) / 2) %% array_length(b.ids, 1)]
                END,
                CASE WHEN i %% 20 BETWEEN 16 AND 18
                     THEN s.ids[1 + i %% array_length(s.ids, 1)] END,
                CASE WHEN i %% 20 = 19 THEN c.ids[1 + i %% array_length(c.ids, 1)] END,
                r.ids[1 + (i * 7) %% array_length(r.ids, 1)],
                CASE WHEN i %% 5 = 0 THEN NULL ELSE a.ids[1 + i %% 4] END,
                10 + i %% 990,
                CASE WHEN i %% 20 < 16 AND i %% 2 = 0 THEN 'estimated'
                     ELSE 'measured' END,
                %(start)s::timestamptz + (i %% 132480) * interval '1 minute',
                %(start)s::timestamptz + (i %% 132480) * interval '1 minute',
                '', false
            FROM generate_series(%(first)s, %(last)s) AS i, b, s, c, r, a
            """,
            {"start": f"{START} 00:00+07", "first": offset, "last": offset + count - 1},
        )
        cursor.execute("ANALYZE")


def best_of(first, second, repeat=3):
    """The best time of each, run in turns so that a busy machine slows both."""
    best = [None, None]
    for _ in range(repeat):
        for index, function in enumerate((first, second)):
            started = time.perf_counter()
            function()
            elapsed = time.perf_counter() - started
            if best[index] is None or elapsed < best[index]:
                best[index] = elapsed
    return best


def sql(query, params):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            return cursor.fetchall()

    return run


# Hand-written equivalents: the same joins and filters (campaign through any of the
# three sources, the local date range), grouped in the database.
FROM = """
    FROM schedules_reachrecord r
    LEFT JOIN schedules_broadcast b ON b.id = r.broadcast_id
    LEFT JOIN schedules_broadcastplan p ON p.id = b.plan_id
    LEFT JOIN schedules_session s ON s.id = r.session_id
    LEFT JOIN schedules_coverage c ON c.id = r.coverage_id
"""
WHERE = """
    WHERE r.reached_at >= %(since)s AND r.reached_at < %(until)s
      AND (p.campaign_id = %(campaign)s OR s.campaign_id = %(campaign)s
           OR c.campaign_id = %(campaign)s)
"""
HAND = {
    "summary": "SELECT SUM(r.count), COUNT(*),"
    " SUM(r.count) FILTER (WHERE r.broadcast_id IS NOT NULL),"
    " SUM(r.count) FILTER (WHERE r.session_id IS NOT NULL),"
    " SUM(r.count) FILTER (WHERE r.coverage_id IS NOT NULL),"
    " COUNT(*) FILTER (WHERE r.illustrative)" + FROM + WHERE,
    "by day": f"SELECT (r.reached_at AT TIME ZONE '{TZ}')::date,"
    " SUM(r.count), COUNT(*)" + FROM + WHERE + " GROUP BY 1",
    "by channel kind": "SELECT CASE WHEN r.broadcast_id IS NOT NULL THEN ch.kind"
    " WHEN r.session_id IS NOT NULL THEN 'session' ELSE 'press' END, SUM(r.count),"
    " COUNT(*)"
    + FROM
    + " LEFT JOIN schedules_channel ch ON ch.id = b.channel_id"
    + WHERE
    + " GROUP BY 1",
    "by unit": "SELECT COALESCE(o.parent_id, o.id, so.parent_id, so.id), SUM(r.count),"
    " COUNT(*)" + FROM + " LEFT JOIN schedules_channel ch ON ch.id = b.channel_id"
    " LEFT JOIN campaigns_organisation o ON o.id = ch.owner_id"
    " LEFT JOIN campaigns_organisation so ON so.id = s.organisation_id"
    + WHERE
    + " GROUP BY 1",
    "by district": "SELECT SUBSTRING(g.path, 1, 8), SUM(r.count), COUNT(*)"
    + FROM
    + " JOIN campaigns_region g ON g.id = r.region_id"
    + WHERE
    + " GROUP BY 1",
    "by age band": "SELECT r.age_band_id, SUM(r.count), COUNT(*)"
    + FROM
    + WHERE
    + " GROUP BY 1",
    "by method": "SELECT r.method, SUM(r.count), COUNT(*)"
    + FROM
    + WHERE
    + " GROUP BY 1",
}


def test_selectors_against_hand_written_sql(shared_data, client, settings):
    require_service("PostgreSQL", connection.vendor == "postgresql")
    settings.REPORTS_CACHE_SECONDS = 0  # every page view runs every query
    campaign, units = build(shared_data)
    insert_sources(campaign, units)
    insert_reach(1_000)
    user = factories.UserFactory(
        username="vanphong", role=Role.COMMITTEE, area=Region.objects.get(depth=1)
    )
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    url = reverse("schedules_reports:dashboard")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)

    insert_reach(999_000, offset=1_000)
    report = ReportFilter(campaign=campaign, start=START, end=END)
    params = {"since": report.since(), "until": report.until(), "campaign": campaign.pk}
    orm = {
        "summary": lambda: selectors.reach_summary(report),
        "by day": lambda: selectors.reach_by_day(report),
        "by channel kind": lambda: selectors.reach_by_channel_kind(report),
        "by unit": lambda: selectors.reach_by_unit(report),
        "by district": lambda: selectors.reach_by_area(report, depth=2),
        "by age band": lambda: selectors.reach_by_age_band(report),
        "by method": lambda: selectors.reach_by_method(report),
    }
    total = selectors.reach_summary(report)
    assert total.records == 1_000_000
    ratios = {}
    for name, function in orm.items():
        ours, theirs = best_of(function, sql(HAND[name], params))
        ratios[name] = ours / theirs
        slug = name.replace(" ", "_")
        report_figure(f"report_selector_{slug}_vs_sql", ratios[name], "<=", TARGET)
    gaps = coverage_gaps(report, target=Decimal("1"))
    assert gaps.areas > 0
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.context["report"].summary.records == 1_000_000
    report_figure(
        "report_page_queries_1m_vs_1k",
        len(large) / len(small),
        "<=",
        1,
    )
    assert len(large) == len(small)
    slow = {name: round(ratio, 2) for name, ratio in ratios.items() if ratio > TARGET}
    assert not slow, f"selectors slower than {TARGET}x their SQL: {slow}"
