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
    city = f.region(province, "380", "Thành phố Thanh Hóa", population=20000)
    split = f.region(city, "16402", "Xã Đông Thanh", RegionKind.COMMUNE)
    whole = f.region(city, "16405", "Xã Đông Tiến", RegionKind.COMMUNE)
    old, new = f.campaign(2017), f.campaign(2027, live=False)
    region_map_load(
        text=REFORM, successors_text=SUCCESSORS, effective=datetime.date(2025, 7, 1)
    )
    channel = f.channel("Loa thành phố", [city])
    t = f.report_time
    plan = f.report_plan(old)
    aired = f.report_broadcast(plan, channel, split, t(28))
    f.report_reach(aired, split, 1000, t(28))
    on_city = f.report_broadcast(plan, channel, city, t(29))
    f.report_reach(on_city, city, 500, t(29))
    f.report_broadcast(plan, channel, whole, t(30), status="missed")
    unit = f.report_unit("Hội LHPN thành phố", kind="womens_union", region=city)
    talk = f.report_session(old, unit, split, t(27))
    f.report_reach(talk, split, 100, t(27), method="reported")
    new_map = new.region_map
    east = Region.objects.get(map=new_map, code="16396")
    new_plan = f.report_plan(new)
    now = f.report_broadcast(new_plan, channel, east, t(28, year=2027))
    f.report_reach(now, east, 300, t(28, year=2027))
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
