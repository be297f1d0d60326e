"""Province-scale planning: 549 commune loudspeakers plus 30 provincial and district
channels over the 92-day period, at least 40 variants, at least 100,000 broadcasts.

Prints planner time, persist time and peak memory, and in the same run the time of a
bare bulk_create of the same rows: (plan + persist) / bare insert should be at most 2.
Runs at 1/4, 1/2 and full size and prints the scaling exponent (at most 1.2).
"""

import datetime
import math
import resource
import time
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from campaigns.models import Format, Region
from campaigns.region_import import regions_import
from schedules.models import Broadcast, BroadcastPlan, Channel
from schedules.planning.services import broadcast_plan_generate
from tests import factories
from tests.conftest import require_service

pytestmark = pytest.mark.django_db(transaction=True)
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime.datetime(2017, 6, 30, 8, 0, tzinfo=TZ)
SCRIPT = "Kính thưa bà con, hãy cảnh giác với lời mời việc nhẹ lương cao ở nước ngoài. "


def build(shared_data, communes_share):
    regions_import(text=(shared_data / "thanh_hoa_2017_districts.csv").read_text())
    regions_import(text=(shared_data / "thanh_hoa_communes_2025.csv").read_text())
    province = Region.objects.get(depth=1)
    districts = list(Region.objects.filter(depth=2))
    communes = list(Region.objects.filter(depth=3).order_by("code"))
    communes = communes[: max(1, int(len(communes) * communes_share))]
    campaign = factories.CampaignPageFactory()
    for number in range(10):
        variants = [{"format": Format.LOUDSPEAKER_SCRIPT, "text": SCRIPT * 2}]
        variants += [
            {
                "format": Format.LOUDSPEAKER_SCRIPT,
                "text": SCRIPT,
                "target_regions": [district],
            }
            for district in districts[number * 2 : number * 2 + 3]
        ]
        factories.MessagePageFactory(
            campaign=campaign, title=f"Thông điệp {number + 1}", variants=variants
        )
    owner = factories.OrganisationFactory()
    for commune in communes:
        factories.ChannelFactory(
            name=f"Loa {commune.name} {commune.code}",
            regions=[commune],
            owner=owner,
            windows=(("05:30", "06:30"), ("17:00", "18:00")),
            daily_capacity=4,
            slot_minutes=5,
        )
    for number in range(30):
        area = [province] if number < 3 else [districts[number % len(districts)]]
        factories.ChannelFactory(
            name=f"Kênh {number}",
            regions=area,
            owner=owner,
            kind="radio",
            windows=(("06:00", "08:00"), ("18:00", "21:00")),
            daily_capacity=12,
            slot_minutes=5,
        )
    return campaign


def peak_rss_mib():
    # Linux reports ru_maxrss in KiB. tracemalloc would slow the timed code down.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(campaign):
    marks = {}

    def progress(percent, message):
        marks.setdefault(message or "done", time.perf_counter())

    started = time.perf_counter()
    plan, count = broadcast_plan_generate(
        campaign=campaign, now=NOW, seed=1, progress=progress
    )
    total = time.perf_counter() - started
    planner_time = marks["planned"] - marks["input"]
    rows = list(
        Broadcast.objects.filter(plan=plan).values(
            "channel_id",
            "message_id",
            "variant_id",
            "text",
            "region_id",
            "starts_at",
            "ends_at",
        )
    )
    bare_plan = BroadcastPlan.objects.create(campaign=campaign)
    Broadcast.objects.filter(plan=plan).delete()
    started = time.perf_counter()
    objects = [Broadcast(plan=bare_plan, **row) for row in rows]
    for start in range(0, len(objects), 5000):
        Broadcast.objects.bulk_create(objects[start : start + 5000])
    bare = time.perf_counter() - started
    return count, total, planner_time, bare


def clear():
    from wagtail.models import Page

    from campaigns.models import Organisation

    Broadcast.objects.all().delete()
    BroadcastPlan.objects.all().delete()
    Channel.objects.all().delete()
    Page.objects.filter(depth__gt=2).delete()
    Organisation.objects.all().delete()
    Region.objects.all().delete()


def test_planning_at_province_scale(shared_data):
    require_service("PostgreSQL", connection.vendor == "postgresql")
    results = []
    for share in (0.25, 0.5, 1.0):
        campaign = build(shared_data, share)
        count, total, planner_time, bare = measure(campaign)
        results.append((share, count, total, planner_time))
        print(
            f"\nsize {share:>4}: {count} broadcasts; planner {planner_time:.2f} s; "
            f"plan+persist {total:.2f} s; bare insert {bare:.2f} s; "
            f"ratio {total / bare:.2f} (target <= 2); peak RSS {peak_rss_mib():.0f} MiB"
        )
        clear()
    (_s1, n1, t1, p1), (_s3, n3, t3, p3) = results[0], results[-1]
    exponent = math.log(t3 / t1) / math.log(n3 / n1)
    planner_exponent = math.log(p3 / p1) / math.log(n3 / n1)
    print(
        f"scaling exponent (plan+persist vs broadcasts): {exponent:.2f}; "
        f"planner alone: {planner_exponent:.2f} (target <= 1.2)"
    )
    assert results[-1][1] >= 100_000, "the full size must plan at least 100,000"
