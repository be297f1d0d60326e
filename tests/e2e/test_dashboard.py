"""The committee's dashboard in a real browser: the charts are drawn from the
project's own script and a screenshot is kept for a person to look at."""

import datetime
import math
import random

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from campaigns.models import AgeBand, Region, Role
from campaigns.region_import import regions_import
from cms.demo.platform import DISTRICTS_CSV
from schedules.models import Broadcast, ReachRecord
from tests import factories as f
from tests.e2e.conftest import SCREENSHOTS, login, screenshot

pytestmark = [
    pytest.mark.e2e,
    # The live server thread needs committed rows; migration rows come back after.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "pw-for-tests-2017"  # tests.factories.UserFactory


def _intensity(day: datetime.date) -> float:
    """More around 30/7, as the plan's curve."""
    offset = (day - datetime.date(2017, 7, 30)).days
    return 0.25 + math.exp(-((offset / 9) ** 2))


@pytest.fixture
def province_reach(transactional_db):
    """The 27 districts of 2017 with a loudspeaker each and a provincial radio,
    three months of broadcasts and their estimated reach."""
    regions_import(text=DISTRICTS_CSV.read_text(encoding="utf-8"))
    province = Region.objects.get(depth=1)
    rng = random.Random(30)
    districts = list(Region.objects.filter(depth=2).order_by("path"))
    for district in districts:
        district.population = rng.randrange(60_000, 300_000, 100)
    Region.objects.bulk_update(districts, ["population"])
    info = f.OrganisationFactory(
        name="Sở Thông tin và Truyền thông", plan_section="III.3"
    )
    media = f.OrganisationFactory(name="Đài PT-TH Thanh Hóa", kind="media", parent=info)
    committees = f.OrganisationFactory(name="UBND các huyện", kind="peoples_committee")
    campaign = f.CampaignPageFactory(year=2017)
    plan = f.BroadcastPlanFactory(campaign=campaign)
    radio = f.ChannelFactory(
        name="Đài PT-TH – Phát thanh", regions=[province], kind="radio", owner=media
    )
    loudspeakers = {
        d.pk: f.ChannelFactory(name=f"Loa {d.name}", regions=[d], owner=committees)
        for d in districts
    }
    bands = list(AgeBand.objects.all())
    broadcasts = []
    for offset in range(92):
        day = datetime.date(2017, 7, 1) + datetime.timedelta(days=offset)
        at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(6)))
        broadcasts.append((radio, province, at, 60_000 * _intensity(day)))
        for district in districts:
            if rng.random() < _intensity(day) * (1.2 if district.border else 0.7):
                audience = district.population * 0.02 * rng.uniform(0.5, 1.2)
                broadcasts.append((loudspeakers[district.pk], district, at, audience))
    rows = Broadcast.objects.bulk_create(
        Broadcast(
            plan=plan,
            channel=channel,
            region=region,
            text="Chung tay phòng, chống mua bán người",
            starts_at=at,
            ends_at=at + datetime.timedelta(minutes=10),
            status="aired" if rng.random() > 0.08 else "missed",
        )
        for channel, region, at, _audience in broadcasts
    )
    ReachRecord.objects.bulk_create(
        ReachRecord(
            broadcast=row,
            region=row.region,
            count=int(audience),
            method="estimated",
            reached_at=row.ends_at,
            age_band=rng.choice(bands + [None]),
        )
        for row, (_c, _r, _at, audience) in zip(rows, broadcasts, strict=True)
        if row.status == "aired"
    )
    user = f.UserFactory(username="vanphong", role=Role.COMMITTEE, area=province)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_the_committee_sees_the_charts(page, live_server, province_reach):
    page.set_viewport_size({"width": 1400, "height": 1000})
    login(page, live_server, province_reach.username, PASSWORD)
    assert page.locator("#reach-summary-section").is_visible()

    page.goto(f"{live_server.url}/admin/reports/")
    page.wait_for_selector("#chart-map svg circle")
    assert page.locator("#chart-timeline svg rect").count() > 92
    assert page.locator("#chart-map svg circle.bubble").count() == 27
    assert page.locator("#chart-units svg rect").count() >= 2
    assert page.locator("#gaps tbody tr").count() >= 1
    # The admin scrolls inside its layout, not the page: grow the window to fit.
    height = page.evaluate("document.querySelector('main').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": height + 120})
    screenshot(page, "dashboard")

    page.set_viewport_size({"width": 1000, "height": 1000})
    page.goto(f"{live_server.url}/admin/reports/print/")
    page.wait_for_selector("figure[data-chart=map] svg circle.bubble")
    screenshot(page, "report")
    page.emulate_media(media="print")
    page.pdf(
        path=str(SCREENSHOTS / "report.pdf"), format="A4", prefer_css_page_size=True
    )
    assert (SCREENSHOTS / "report.pdf").stat().st_size > 10_000


# Every table of the dashboard against the card (.report-panel) that holds it: the
# part of the table a person sees (the table, or the scrolling box around it) stays
# inside the card, and a table wider than its card can be scrolled to its end.
TABLES_IN_CARDS = """() => Array.from(
  document.querySelectorAll(".reach-dashboard table")
).map((table) => {
  const card = table.closest(".report-panel");
  let shown = table;
  for (let node = table.parentElement; node && node !== card;
       node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowX;
    if (overflow === "auto" || overflow === "scroll") { shown = node; break; }
  }
  const box = shown.getBoundingClientRect();
  const inner = card.getBoundingClientRect();
  return {
    id: table.id || table.closest("section").querySelector("h2").textContent.trim(),
    left: box.left - inner.left,
    right: inner.right - box.right,
    scrolls: shown !== table,
    reachable: shown === table || shown.scrollWidth >= table.scrollWidth,
    cut: shown === table && table.scrollWidth > table.clientWidth + 1,
  };
})"""

# The map's names as drawn: only those shown, each one's box on the screen.
MAP_LABELS = """() => {
  const frame = document.querySelector("#chart-map svg .map-frame")
    .getBoundingClientRect();
  const labels = Array.from(document.querySelectorAll("#chart-map svg text.map-label"))
    .filter((node) => getComputedStyle(node).visibility !== "hidden"
      && getComputedStyle(node).display !== "none")
    .map((node) => {
      const r = node.getBoundingClientRect();
      return {text: node.textContent, left: r.left, top: r.top, right: r.right,
              bottom: r.bottom};
    });
  return {frame: {left: frame.left, top: frame.top, right: frame.right,
                  bottom: frame.bottom}, labels: labels,
          bubbles: document.querySelectorAll("#chart-map svg circle.bubble").length};
}"""


def _intersect(a, b):
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_the_dashboard_fits_its_cards(page, live_server, province_reach, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server, province_reach.username, PASSWORD)
    page.goto(f"{live_server.url}/admin/reports/")
    page.wait_for_selector("#chart-map svg circle.bubble")
    page.wait_for_selector("#chart-map svg text.map-label")
    height = page.evaluate("document.querySelector('main').scrollHeight")
    page.set_viewport_size({"width": width, "height": height + 120})
    # The charts are redrawn at their new size after a resize.
    page.wait_for_timeout(400)
    page.wait_for_selector("#chart-map svg text.map-label")
    screenshot(page, f"dashboard-{width}")

    tables = page.evaluate(TABLES_IN_CARDS)
    assert len(tables) >= 5
    for table in tables:
        assert table["left"] >= -0.5, table
        assert table["right"] >= -0.5, table
        assert table["reachable"], table
        assert not table["cut"], table
    assert any(t["id"] == "area-table" for t in tables)

    drawn = page.evaluate(MAP_LABELS)
    assert drawn["bubbles"] == 27
    labels = drawn["labels"]
    # Most districts are named; the rest keep their name in the bubble's tooltip.
    assert len(labels) >= (8 if width < 600 else 15)
    for i, one in enumerate(labels):
        assert drawn["frame"]["left"] - 0.5 <= one["left"], one
        assert one["right"] <= drawn["frame"]["right"] + 0.5, one
        assert drawn["frame"]["top"] - 0.5 <= one["top"], one
        assert one["bottom"] <= drawn["frame"]["bottom"] + 0.5, one
        for other in labels[i + 1 :]:
            assert not _intersect(one, other), (one, other)
    # Nothing of the page spills sideways out of the admin's main column.
    spill = page.evaluate(
        "document.querySelector('main').scrollWidth"
        " - document.querySelector('main').clientWidth"
    )
    assert spill <= 1
