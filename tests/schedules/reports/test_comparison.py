"""Years side by side: 2017's activity carried to the 2027 map through successors."""

import datetime

import pytest
from django.urls import reverse

from campaigns.models import Region, RegionKind
from campaigns.region_maps import region_map_load
from schedules.reports.comparison import campaigns_compare
from tests import factories as f

pytestmark = pytest.mark.django_db

REFORM = (
    "commune_code,name,type,province_code,former_district_code,population\n"
    "16396,Phường Đông Lĩnh,Phường,38,380,8000\n"
    "16405,Xã Đông Tiến,Xã,38,380,4000\n"
)
# Đông Thanh (16402) is split 0.6 / 0.4; the district's own reach by halves.
SUCCESSORS = (
    "old_code,new_code,share\n"
    "16402,16396,0.6\n"
    "16402,16405,0.4\n"
    "16405,16405,1\n"
    "380,16396,0.5\n"
    "380,16405,0.5\n"
)


@pytest.fixture
def years():
    province = f.province()
    city = f.RegionFactory(
        parent=province, code="380", name="Thành phố Thanh Hóa", population=20000
    )
    commune = RegionKind.COMMUNE
    split = f.RegionFactory(
        parent=city, code="16402", name="Xã Đông Thanh", kind=commune
    )
    whole = f.RegionFactory(
        parent=city, code="16405", name="Xã Đông Tiến", kind=commune
    )
    old = f.CampaignPageFactory(year=2017)
    new = f.CampaignPageFactory(year=2027, live=False)
    region_map_load(
        text=REFORM, successors_text=SUCCESSORS, effective=datetime.date(2025, 7, 1)
    )
    channel = f.ChannelFactory(name="Loa thành phố", regions=[city])
    t = f.local_time
    plan = f.BroadcastPlanFactory(campaign=old)

    def airing(region, starts_at, status="aired", on=plan):
        return f.BroadcastFactory(
            plan=on,
            channel=channel,
            region=region,
            message=None,
            starts_at=starts_at,
            status=status,
        )

    aired = airing(split, t(28))
    f.ReachRecordFactory(broadcast=aired, region=split, count=1000, reached_at=t(28))
    on_city = airing(city, t(29))
    f.ReachRecordFactory(broadcast=on_city, region=city, count=500, reached_at=t(29))
    airing(whole, t(30), status="missed")
    unit = f.OrganisationFactory(
        name="Hội LHPN thành phố", kind="womens_union", region=city
    )
    talk = f.SessionFactory(
        held=True, campaign=old, organisation=unit, region=split, starts_at=t(27)
    )
    f.ReachRecordFactory(
        session=talk, region=split, count=100, reached_at=t(27), method="reported"
    )
    new_map = new.region_map
    east = Region.objects.get(map=new_map, code="16396")
    new_plan = f.BroadcastPlanFactory(campaign=new)
    now = airing(east, t(28, year=2027), on=new_plan)
    f.ReachRecordFactory(
        broadcast=now, region=east, count=300, reached_at=t(28, year=2027)
    )
    return {"old": old, "new": new, "east": east}


def test_the_year_before_is_carried_through_the_split_commune(years):
    found = campaigns_compare(years["new"])
    assert found.previous == years["old"]
    rows = {area.region.code: area for area in found.areas}
    east, west = rows["16396"], rows["16405"]
    # By hand: Đông Thanh's 1,000 + 100 split 0.6 / 0.4, the city's 500 by halves.
    assert float(east.previous.reach) == pytest.approx(1100 * 0.6 + 500 * 0.5)  # 910
    assert float(west.previous.reach) == pytest.approx(1100 * 0.4 + 500 * 0.5)  # 690
    assert float(east.previous.broadcasts) == pytest.approx(0.6 + 0.5)
    assert float(west.previous.broadcasts) == pytest.approx(0.4 + 0.5)  # missed: none
    assert float(east.previous.sessions) == pytest.approx(0.6)
    assert float(east.previous_per_thousand) == pytest.approx(910 * 1000 / 8000)
    assert (east.current.reach, west.current.reach) == (300, 0)
    assert float(east.current_per_thousand) == pytest.approx(300 * 1000 / 8000)
    assert float(found.total.previous.reach) == pytest.approx(1600)
    assert found.total.current.reach == 300


def test_the_dashboard_and_export_show_the_comparison(client, years):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    query = {"campaign": "2027"}
    page = client.get(reverse("schedules_reports:dashboard"), query)
    comparison = page.context["report"].comparison
    assert comparison.previous.year == 2017
    html = page.content.decode()
    assert "Phường Đông Lĩnh" in html and 'id="comparison"' in html
    # The area list holds only the 2027 map's communes.
    areas = {str(r) for r in page.context["form"].fields["area"].queryset}
    assert areas == {"Phường Đông Lĩnh", "Xã Đông Tiến"}
    csv = client.get(
        reverse("schedules_reports:csv"), {**query, "table": "comparison"}
    ).content.decode("utf-8-sig")
    lines = csv.splitlines()
    assert "2017" in lines[0] and "2027" in lines[0]
    east = next(line for line in lines if line.startswith("Phường Đông Lĩnh"))
    assert ",910.0,300.0," in east


def test_the_2017_dashboard_is_unchanged_by_the_new_map(client, years):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    page = client.get(reverse("schedules_reports:dashboard"), {"campaign": "2017"})
    report = page.context["report"]
    assert report.summary.reach == 1600
    assert report.comparison is None  # nothing before 2017
    assert [row.label for row in report.by_area] == ["Thành phố Thanh Hóa"]
