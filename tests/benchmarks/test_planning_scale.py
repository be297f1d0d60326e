"""Planning at the size of the whole country: 3,321 commune loudspeakers (Vietnam's
commune-level units since 01/07/2025) plus 30 provincial and district channels, over
the 92 days of the campaign, with the demo's key messages: at least 600,000
broadcasts.

The province is synthetic: the 27 districts of 2017, each with an equal share of the
3,321 made-up communes (illustrative populations, the district's flags). Planning runs
in a process of its own, so its peak memory is measured whole. In the same run,
PostgreSQL's own COPY of the same rows (already in COPY's text format, read from a
file, into the emptied table) is the reference: plan + persist at full size should
take at most 1.3 times as long. Sizes 1/4, 1/2 and 1 give the exponents of time and
of peak memory against broadcasts.
Then the full plan is made again from mid-August with some broadcasts approved: the
approved ones stay, the future drafts are replaced.
"""

import datetime
import json
import math
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction

from campaigns.models import Region, RegionKind, RegionMap
from campaigns.region_import import regions_import
from cms.demo import messages as demo_messages
from media.models import Language
from schedules.models import Broadcast, BroadcastStatus, Channel, ChannelWindow
from schedules.planning.store import _copy_template
from tests import factories
from tests.benchmarks.report import report
from tests.conftest import ROOT, require_service

# The data migrations' rows (home page, site, languages, audiences) come back at the
# start, whatever transactional test flushed them before.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime.datetime(2017, 6, 30, 8, 0, tzinfo=TZ)
MID_AUGUST = datetime.datetime(2017, 8, 15, 12, 0, tzinfo=TZ)
COMMUNES = 3321
SHARES = (0.25, 0.5, 1.0)
DISTRICTS_CSV = ROOT / "campaigns/fixtures/thanh_hoa_2017_districts.csv"


def province_build():
    """The 2017 province and its districts on the first map, the 2017 campaign with
    the demo's messages, and the 30 provincial and district channels."""
    regions_import(
        text=DISTRICTS_CSV.read_text(encoding="utf-8"),
        region_map=RegionMap.objects.first_map(),
    )
    campaign = factories.CampaignPageFactory(year=2017)
    demo_messages.load()
    province = Region.objects.get(depth=1)
    districts = list(Region.objects.filter(depth=2).order_by("path"))
    owner = factories.OrganisationFactory(name="Sở Thông tin và Truyền thông")
    for number in range(30):
        area = [province] if number < 3 else [districts[number % len(districts)]]
        factories.ChannelFactory(
            name=f"Đài {number}",
            regions=area,
            owner=owner,
            kind="radio",
            windows=(("06:00", "08:00"), ("18:00", "21:00")),
            daily_capacity=12,
            slot_minutes=5,
        )
    return campaign, districts, owner


def communes_add(districts, owner, upto: int, rng: random.Random) -> None:
    """Communes and their loudspeakers up to `upto`, spread over the districts; rows
    written in bulk (the tree's paths built as treebeard does)."""
    have = Region.objects.filter(depth=3).count()
    region_map = districts[0].map
    children = {
        d.pk: Region.objects.filter(depth=3, path__startswith=d.path).count()
        for d in districts
    }
    new = []
    for number in range(have, upto):
        district = districts[number % len(districts)]
        children[district.pk] += 1
        new.append(
            Region(
                map=region_map,
                path=Region._get_path(district.path, 3, children[district.pk]),
                depth=3,
                numchild=0,
                code=f"9{number:05d}",
                name=f"Xã Tổng Hợp {number + 1}",
                kind=RegionKind.COMMUNE,
                border=district.border,
                coastal=district.coastal,
                mountainous=district.mountainous,
                poor=district.poor,
                ethnic_groups=district.ethnic_groups,
                population=rng.randint(2_000, 20_000),
                population_is_illustrative=True,
            )
        )
    Region.objects.bulk_create(new, batch_size=1000)
    for district in districts:
        Region.objects.filter(pk=district.pk).update(numchild=children[district.pk])
    communes = list(Region.objects.filter(depth=3, code__in=[r.code for r in new]))
    channels = Channel.objects.bulk_create(
        [
            Channel(
                name=f"Loa {commune.name}",
                owner=owner,
                kind="loudspeaker",
                formats=["loudspeaker_script"],
                daily_capacity=4,
                slot_minutes=5,
                delivery_method="run_sheet",
            )
            for commune in communes
        ],
        batch_size=1000,
    )
    ChannelWindow.objects.bulk_create(
        [
            ChannelWindow(channel=channel, sort_order=order, start=start, end=end)
            for channel in channels
            for order, (start, end) in enumerate(
                (
                    (datetime.time(5, 30), datetime.time(6, 30)),
                    (datetime.time(17, 0), datetime.time(18, 0)),
                )
            )
        ],
        batch_size=2000,
    )
    through = Channel.regions.through
    through.objects.bulk_create(
        [
            through(channel_id=channel.pk, region_id=commune.pk)
            for channel, commune in zip(channels, communes, strict=True)
        ],
        batch_size=2000,
    )
    vietnamese = Language.objects.get_or_create(
        code="vi", defaults={"name": "Tiếng Việt"}
    )[0]
    spoken = Channel.languages.through
    spoken.objects.bulk_create(
        [spoken(channel_id=c.pk, language_id=vietnamese.pk) for c in channels],
        batch_size=2000,
    )


def database_url() -> str:
    """The test database, for the planning process."""
    db = connection.settings_dict
    user = quote(db["USER"] or "")
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def planning_run(campaign, now) -> dict:
    """Plan + persist in a process of its own; what it measured."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.benchmarks.planning_run",
            str(campaign.pk),
            now.isoformat(),
            "1",
        ],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url()},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def copy_reference(plan_id: int, dump: Path) -> float:
    """Seconds PostgreSQL takes to COPY in the plan's rows, given them in its text
    format: dumped, the table emptied, loaded back in one transaction."""
    columns, _template = _copy_template()
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    table = connection.ops.quote_name(Broadcast._meta.db_table)
    with connection.cursor() as cursor:
        with (
            dump.open("wb") as out,
            cursor.copy(
                f"COPY (SELECT {names} FROM {table} WHERE plan_id = {int(plan_id)} "
                "ORDER BY id) TO STDOUT"
            ) as copy,
        ):
            for data in copy:
                out.write(data)
        cursor.execute(f"TRUNCATE {table} CASCADE")
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        with (
            dump.open("rb") as data,
            cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            while chunk := data.read(1 << 20):
                copy.write(chunk)
    seconds = time.perf_counter() - started
    dump.unlink()
    return seconds


def exponent(points, value):
    first, last = points[0], points[-1]
    return math.log(value(last) / value(first)) / math.log(
        last["count"] / first["count"]
    )


def test_planning_at_the_size_of_the_country(tmp_path):
    require_service("PostgreSQL", connection.vendor == "postgresql")
    rng = random.Random(109)
    campaign, districts, owner = province_build()
    table = connection.ops.quote_name(Broadcast._meta.db_table)
    points = []
    for share in SHARES:
        communes_add(districts, owner, round(COMMUNES * share), rng)
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {table} CASCADE")
            cursor.execute(f"ANALYZE {table}")
        run = planning_run(campaign, NOW)
        points.append(run)
        print(
            f"\n{round(COMMUNES * share)} communes: {run['count']} broadcasts; "
            f"plan + persist {run['seconds']:.2f} s; peak {run['peak_mib']:.0f} MiB "
            f"({run['before_mib']:.0f} MiB before planning)",
            flush=True,
        )
    full = points[-1]
    # The reference at full size only: the target is about the full size.
    full["copy"] = copy_reference(full["plan"], tmp_path / "rows.copy")
    print(f"COPY of the same {full['count']} rows: {full['copy']:.2f} s", flush=True)
    ratio = full["seconds"] / full["copy"]
    time_exponent = exponent(points, lambda p: p["seconds"])
    memory_exponent = exponent(points, lambda p: p["peak_mib"])

    # Re-planning from mid-August: every seventh future broadcast approved first.
    kept = Broadcast.objects.filter(plan_id=full["plan"])
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = %s WHERE plan_id = %s AND starts_at > %s "
            "AND id %% 7 = 0",
            [BroadcastStatus.APPROVED, full["plan"], MID_AUGUST],
        )
    approved = set(
        kept.filter(status=BroadcastStatus.APPROVED).values_list("pk", flat=True)
    )
    past = kept.filter(starts_at__lte=MID_AUGUST).count()
    replan = planning_run(campaign, MID_AUGUST)
    print(
        f"re-plan from 15/08: {replan['count']} new broadcasts in "
        f"{replan['seconds']:.2f} s, peak {replan['peak_mib']:.0f} MiB",
        flush=True,
    )
    still = set(
        kept.filter(status=BroadcastStatus.APPROVED).values_list("pk", flat=True)
    )
    new = Broadcast.objects.filter(plan_id=replan["plan"])

    met = [
        report("planning_broadcasts", full["count"], ">=", 600_000, digits=0),
        report("planning_vs_copy", ratio, "<=", 1.3),
        report("planning_time_exponent", time_exponent, "<=", 1.1),
        report("planning_peak_mib", full["peak_mib"], "<=", 1536, digits=0),
        report("planning_memory_exponent", memory_exponent, "<=", 1.1),
        # What planning adds to the process beyond Python, Django and the input.
        report("planning_added_mib", full["peak_mib"] - full["before_mib"], "<=", 256),
        report("planning_replan_kept_approved", len(still), ">=", len(approved), 0),
    ]
    assert approved and still == approved
    assert kept.filter(starts_at__lte=MID_AUGUST).count() == past
    assert not kept.filter(
        status=BroadcastStatus.DRAFT, starts_at__gt=MID_AUGUST
    ).exists()
    assert replan["count"] == new.count() > 0
    assert not new.filter(starts_at__lte=MID_AUGUST).exists()
    assert all(met), "a planning figure missed its target"
