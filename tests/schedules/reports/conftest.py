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
    d1 = f.RegionFactory(
        parent=p, code="401", name="Huyện Một", border=True, population=1000
    )
    d2 = f.RegionFactory(parent=p, code="402", name="Huyện Hai", population=2000)
    d3 = f.RegionFactory(parent=p, code="403", name="Huyện Ba")
    c1a = f.RegionFactory(
        parent=d1,
        code="40101",
        name="Xã Một A",
        kind=RegionKind.COMMUNE,
        population=400,
    )
    c1b = f.RegionFactory(
        parent=d1,
        code="40102",
        name="Xã Một B",
        kind=RegionKind.COMMUNE,
        population=600,
        poor=True,
    )
    c2a = f.RegionFactory(
        parent=d2,
        code="40201",
        name="Xã Hai A",
        kind=RegionKind.COMMUNE,
        population=2000,
    )
    for region, lon, lat in ((d1, 104.6, 20.5), (d2, 105.8, 19.8)):
        region.centroid_lon, region.centroid_lat = Decimal(lon), Decimal(lat)
        region.save()

    info = f.OrganisationFactory(
        name="Sở Thông tin và Truyền thông", plan_section="III.3"
    )
    media = f.OrganisationFactory(name="Đài PT-TH", kind="media", parent=info)
    union = f.OrganisationFactory(
        name="Hội LHPN tỉnh", kind="womens_union", plan_section="III.6"
    )
    branch = f.OrganisationFactory(
        name="Hội LHPN huyện Một", kind="womens_union", parent=union
    )
    police = f.OrganisationFactory(
        name="Công an tỉnh", kind="police", plan_section="III.1"
    )

    campaign = f.CampaignPageFactory(year=2017)
    old = f.CampaignPageFactory(year=2016)
    radio = f.ChannelFactory(
        name="Đài phát thanh", regions=[p], kind="radio", owner=media
    )
    loud = f.ChannelFactory(
        name="Loa huyện Một", regions=[d1], kind="loudspeaker", owner=info
    )
    plan = f.BroadcastPlanFactory(campaign=campaign)
    t = f.local_time
    b1 = f.BroadcastFactory(
        aired=True, plan=plan, channel=radio, region=p, starts_at=t(30)
    )
    b2 = f.BroadcastFactory(
        aired=True, plan=plan, channel=loud, region=c1a, starts_at=t(1, hour=6)
    )
    f.BroadcastFactory(
        status="failed", plan=plan, channel=loud, region=d1, starts_at=t(2, hour=6)
    )
    f.BroadcastFactory(
        status="missed", plan=plan, channel=loud, region=d1, starts_at=t(3, hour=6)
    )
    f.BroadcastFactory(
        approved=True, plan=plan, channel=loud, region=d1, starts_at=t(4, hour=6)
    )
    f.BroadcastFactory(
        status="draft", plan=plan, channel=loud, region=d1, starts_at=t(5, hour=6)
    )
    f.BroadcastFactory(
        cancelled=True, plan=plan, channel=loud, region=d1, starts_at=t(6, hour=6)
    )
    s1 = f.SessionFactory(
        held=True,
        campaign=campaign,
        organisation=branch,
        region=c1b,
        starts_at=t(29, hour=8),
        attendance_total=50,
        attendance_women=30,
        attendance_men=20,
    )
    f.SessionFactory(
        status="planned",
        campaign=campaign,
        organisation=branch,
        region=c1b,
        starts_at=t(20, month=8),
    )
    c1 = f.CoverageFactory(
        confirmed=True, campaign=campaign, outlet__region=d2, published_at=t(2)
    )
    f.CoverageFactory(
        status="pending", campaign=campaign, outlet__region=d2, published_at=t(3)
    )
    f.CoverageFactory(
        rejected=True, campaign=campaign, outlet__region=d2, published_at=t(4)
    )

    bands = {band.code: band for band in AgeBand.objects.all()}
    f.ReachRecordFactory(broadcast=b1, region=p, count=1000, reached_at=t(30))
    f.ReachRecordFactory(
        broadcast=b2,
        region=c1a,
        count=200,
        reached_at=t(1, hour=6),
        age_band=bands["adults"],
    )
    f.ReachRecordFactory(
        broadcast=b2,
        region=c1a,
        count=100,
        reached_at=t(1, hour=7),
        method="measured",
        age_band=bands["children"],
    )
    f.ReachRecordFactory(
        session=s1,
        region=c1b,
        count=50,
        reached_at=t(30, hour=0, minute=30),
        method="reported",
        age_band=bands["youth"],
    )
    f.ReachRecordFactory(coverage=c1, region=d2, count=300, reached_at=t(2))

    old_plan = f.BroadcastPlanFactory(campaign=old)
    old_b = f.BroadcastFactory(
        aired=True, plan=old_plan, channel=radio, region=p, starts_at=t(30, year=2016)
    )
    f.ReachRecordFactory(
        broadcast=old_b, region=p, count=7777, reached_at=t(30, year=2016)
    )

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
    user = f.UserFactory(
        username="vanphong", role=Role.COMMITTEE, area=world["province"]
    )
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    return user
