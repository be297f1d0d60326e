"""A small world whose every total is computed by hand in the comments below.

Province P: district D1 (borders Laos, 1,000 people) with communes C1a (400) and
C1b (600, poor); district D2 (2,000) with commune C2a (2,000); district D3 (no
population figure). Units: Sở TT&TT with its child Đài PT-TH; the Women's Union with
its D1 branch; the police, which did nothing.

Reach (campaign 2017):
  r1 radio broadcast, whole province, 30/7 10:00, 1,000, estimated, no age band
  r2 loudspeaker broadcast, C1a, 01/7 06:00, 200, estimated, adults
  r5 same broadcast, C1a, 01/7 07:00, 100, measured, children
  r3 session of the D1 branch, C1b, 30/7 00:30 (29/7 in UTC), 50, reported, youth
  r4 press article, D2, 02/7, 300, estimated, no age band
  and one record of the 2016 campaign, which the 2017 filter leaves out.
"""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission

from campaigns.models import AgeBand, RegionKind, Role
from tests import factories as f


@pytest.fixture(autouse=True)
def english(settings):
    """Labels are asserted by their English msgid (translations are compiled later);
    reports are built afresh on every request unless a test turns the cache on."""
    settings.LANGUAGE_CODE = "en"
    settings.REPORTS_CACHE_SECONDS = 0


@pytest.fixture
def world(db):
    p = f.province()
    d1 = f.region(p, "401", "Huyện Một", border=True, population=1000)
    d2 = f.region(p, "402", "Huyện Hai", population=2000)
    d3 = f.region(p, "403", "Huyện Ba")
    c1a = f.region(d1, "40101", "Xã Một A", RegionKind.COMMUNE, population=400)
    c1b = f.region(
        d1, "40102", "Xã Một B", RegionKind.COMMUNE, population=600, poor=True
    )
    c2a = f.region(d2, "40201", "Xã Hai A", RegionKind.COMMUNE, population=2000)
    for region, lon, lat in ((d1, 104.6, 20.5), (d2, 105.8, 19.8)):
        region.centroid_lon, region.centroid_lat = Decimal(lon), Decimal(lat)
        region.save()

    info = f.report_unit("Sở Thông tin và Truyền thông", plan_section="III.3")
    media = f.report_unit("Đài PT-TH", kind="media", parent=info)
    union = f.report_unit("Hội LHPN tỉnh", kind="womens_union", plan_section="III.6")
    branch = f.report_unit("Hội LHPN huyện Một", kind="womens_union", parent=union)
    police = f.report_unit("Công an tỉnh", kind="police", plan_section="III.1")

    campaign = f.campaign(2017)
    old = f.campaign(2016)
    radio = f.channel("Đài phát thanh", [p], kind="radio", owner=media)
    loud = f.channel("Loa huyện Một", [d1], kind="loudspeaker", owner=info)
    plan = f.report_plan(campaign)
    t = f.report_time
    b1 = f.report_broadcast(plan, radio, p, t(30))
    b2 = f.report_broadcast(plan, loud, c1a, t(1, hour=6))
    f.report_broadcast(plan, loud, d1, t(2, hour=6), status="failed")
    f.report_broadcast(plan, loud, d1, t(3, hour=6), status="missed")
    f.report_broadcast(plan, loud, d1, t(4, hour=6), status="approved")
    f.report_broadcast(plan, loud, d1, t(5, hour=6), status="draft")
    f.report_broadcast(plan, loud, d1, t(6, hour=6), status="cancelled")
    s1 = f.report_session(
        campaign,
        branch,
        c1b,
        t(29, hour=8),
        attendance_total=50,
        attendance_women=30,
        attendance_men=20,
    )
    f.report_session(campaign, branch, c1b, t(20, month=8), status="planned")
    c1 = f.report_coverage(campaign, d2, t(2))
    f.report_coverage(campaign, d2, t(3), status="pending")
    f.report_coverage(campaign, d2, t(4), status="rejected")

    bands = {band.code: band for band in AgeBand.objects.all()}
    f.report_reach(b1, p, 1000, t(30))
    f.report_reach(b2, c1a, 200, t(1, hour=6), age_band=bands["adults"])
    f.report_reach(
        b2, c1a, 100, t(1, hour=7), method="measured", age_band=bands["children"]
    )
    f.report_reach(
        s1,
        c1b,
        50,
        t(30, hour=0, minute=30),
        method="reported",
        age_band=bands["youth"],
    )
    f.report_reach(c1, d2, 300, t(2))

    old_plan = f.report_plan(old)
    old_b = f.report_broadcast(old_plan, radio, p, t(30, year=2016))
    f.report_reach(old_b, p, 7777, t(30, year=2016))

    return {
        "province": p,
        "d1": d1,
        "d2": d2,
        "d3": d3,
        "c1a": c1a,
        "c1b": c1b,
        "c2a": c2a,
        "info": info,
        "media": media,
        "union": union,
        "branch": branch,
        "police": police,
        "campaign": campaign,
        "old": old,
    }


@pytest.fixture
def committee(world, client):
    """A member of the steering committee's office, signed in to the admin."""
    user = f.report_member("vanphong", Role.COMMITTEE, world["province"])
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    return user
