"""A district organiser in a real browser: plans a session in one of their communes,
records who came, and cannot open another district's session by its URL."""

import datetime

import pytest
from django.utils import timezone

from campaigns.models import OrganisationKind, RegionKind
from schedules.models import ReachRecord, Session, SessionStatus
from tests import factories
from tests.e2e.conftest import PHONE, login, page_overflow, screenshot

pytestmark = [
    pytest.mark.e2e,
    # The browser talks to a live server thread, which needs committed rows; the
    # rows migrations made (home page, languages, age bands) come back after.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "pw-for-tests-2017"  # tests.factories.UserFactory


@pytest.fixture
def district(transactional_db):
    """Mường Lát with two communes and its organiser; Hoằng Hóa with a session."""
    province = factories.province()
    muong_lat = factories.RegionFactory(
        parent=province, code="384", name="Huyện Mường Lát", border=True
    )
    hoang_hoa = factories.RegionFactory(
        parent=province, code="399", name="Huyện Hoằng Hóa", coastal=True
    )
    factories.RegionFactory(
        parent=muong_lat, code="14848", name="Xã Tam Chung", kind=RegionKind.COMMUNE
    )
    pu_nhi = factories.RegionFactory(
        parent=muong_lat, code="14863", name="Xã Pù Nhi", kind=RegionKind.COMMUNE
    )
    hoang_phu = factories.RegionFactory(
        parent=hoang_hoa, code="16003", name="Xã Hoằng Phụ", kind=RegionKind.COMMUNE
    )
    campaign = factories.CampaignPageFactory()
    union = factories.OrganisationFactory(
        name="Hội LHPN tỉnh Thanh Hóa",
        region=province,
        kind=OrganisationKind.WOMENS_UNION,
    )
    ml_union = factories.OrganisationFactory(
        name="Hội LHPN huyện Mường Lát",
        region=muong_lat,
        kind=OrganisationKind.WOMENS_UNION,
        parent=union,
    )
    hh_union = factories.OrganisationFactory(
        name="Hội LHPN huyện Hoằng Hóa",
        region=hoang_hoa,
        kind=OrganisationKind.WOMENS_UNION,
        parent=union,
    )
    user = factories.UserFactory(
        organiser=True, username="hlhpn_muonglat", unit=ml_union, area=muong_lat
    )
    other = factories.SessionFactory(
        campaign=campaign,
        organisation=hh_union,
        region=hoang_phu,
        title="Buổi ở Hoằng Phụ",
    )
    return {"user": user, "pu_nhi": pu_nhi, "other": other}


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def shot(page, name):
    screenshot(page, f"organiser-{name}")


def test_a_district_organiser_plans_records_and_stays_in_their_area(
    page, district, live_server
):
    base = live_server.url
    login(page, live_server, "hlhpn_muonglat", PASSWORD)
    page.wait_for_selector("#organiser-home-section")
    shot(page, "home")

    # Plan a session in Pù Nhi: the form offers only Mường Lát and its communes.
    page.goto(f"{base}/admin/sessions/new/")
    offered = page.eval_on_selector_all(
        "#id_region option", "options => options.map(o => o.textContent.trim())"
    )
    assert "Xã Hoằng Phụ" not in " ".join(offered)
    page.fill("#id_title", "Nói chuyện chuyên đề ở Pù Nhi")
    page.select_option("#id_kind", "talk")
    page.select_option("#id_region", str(district["pu_nhi"].pk))
    page.fill("#id_starts_at", "2017-07-28 14:00")
    page.fill("#id_ends_at", "2017-07-28 16:00")
    # Typing in the venue moves the focus away, which closes the date picker.
    page.click("#id_venue")
    page.fill("#id_venue", "Nhà văn hóa xã Pù Nhi")
    page.keyboard.press("Escape")
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    shot(page, "form")
    page.click("footer button.button-longrunning[type=submit]")
    page.wait_for_url(f"{base}/admin/sessions/")
    session = Session.objects.get(title="Nói chuyện chuyên đề ở Pù Nhi")
    assert session.region == district["pu_nhi"]
    assert session.organiser == district["user"]
    starts = timezone.localtime(session.starts_at)
    assert starts.strftime("%d/%m/%Y %H:%M") == "28/07/2017 14:00"

    # Record who came, in the attendance list of past sessions.
    page.goto(f"{base}/admin/sessions_attendance/")
    row = page.locator("tr", has_text="Nói chuyện chuyên đề ở Pù Nhi")
    row.locator("input[name$=attendance_total]").fill("60")
    row.locator("input[name$=attendance_women]").fill("42")
    row.locator("input[name$=attendance_men]").fill("18")
    row.locator("input[name$=attendance_ethnic_minority]").fill("55")
    shot(page, "attendance")
    page.click("#save-attendance")
    page.wait_for_load_state()
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD
    assert (session.attendance_total, session.attendance_women) == (60, 42)
    assert ReachRecord.objects.get(session=session).count == 60

    page.goto(f"{base}/admin/sessions_calendar/?month=2017-07")
    assert page.locator("a.session", has_text="Pù Nhi").count() == 1
    shot(page, "calendar")
    page.goto(f"{base}/admin/sessions/kit/{session.pk}/")
    shot(page, "kit")

    # Another district's session does not exist for this organiser.
    other = district["other"]
    for path in (f"edit/{other.pk}/", f"delete/{other.pk}/", f"kit/{other.pk}/"):
        response = page.goto(f"{base}/admin/sessions/{path}")
        assert response.status == 404
    page.goto(f"{base}/admin/sessions/")
    assert other.title not in page.content()
    shot(page, "list")


# Long Vietnamese words and a long title: what wrapped one word per line before.
UPCOMING_TITLE = "Tuyên truyền phòng, chống mua bán người cho phụ nữ và thanh niên"


def thumb_sized(locator):
    """Every element matched is at least 44 × 44 CSS pixels: a thumb can tap it."""
    count = locator.count()
    assert count, locator
    for index in range(count):
        box = locator.nth(index).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, (locator, box)


def fits(page, name, content):
    """No sideways scrolling of the whole page, nothing of ``content`` cut off at
    the screen's edge (Wagtail's main column hides what overflows it), and a
    screenshot to look at."""
    assert page_overflow(page) <= 0, name
    cut = page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .flatMap((root) => [root, ...root.querySelectorAll("*")])
            .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map((e) => `${e.tagName}#${e.id}.${e.className}`)""",
        content,
    )
    assert page.locator(content).count() and not cut, (name, cut)
    screenshot(page, f"organiser-phone-{name}")


def test_a_commune_officer_plans_and_records_on_a_phone(phone, district, live_server):
    base = live_server.url
    page = phone
    pu_nhi = district["pu_nhi"]
    starts = timezone.localtime().replace(microsecond=0) + datetime.timedelta(days=3)
    starts = starts.replace(hour=8, minute=0, second=0)
    factories.SessionFactory(
        campaign=district["other"].campaign,
        organisation=district["other"].organisation.parent.children.get(
            name="Hội LHPN huyện Mường Lát"
        ),
        region=pu_nhi,
        title=UPCOMING_TITLE,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    login(page, live_server, "hlhpn_muonglat", PASSWORD)
    home = page.locator("#organiser-home-section")
    home.wait_for()
    upcoming = home.locator(".session-card", has_text=UPCOMING_TITLE)
    expect(upcoming).to_contain_text(
        f"Bắt đầu {starts:%d/%m/%Y} 08:00 – kết thúc 10:00"
    )
    thumb_sized(upcoming.locator("a"))
    fits(page, "home", "#organiser-home-section")

    # Plan a session on the phone.
    page.goto(f"{base}/admin/sessions/new/")
    page.fill("#id_title", "Nói chuyện chuyên đề ở Pù Nhi")
    page.select_option("#id_kind", "talk")
    page.select_option("#id_region", str(pu_nhi.pk))
    page.fill("#id_starts_at", "2017-07-28 14:00")
    page.fill("#id_ends_at", "2017-07-28 16:00")
    page.click("#id_venue")
    page.fill("#id_venue", "Nhà văn hóa xã Pù Nhi")
    page.keyboard.press("Escape")
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    thumb_sized(page.locator("#id_title, #id_region, #id_starts_at, #id_ends_at"))
    fits(page, "form", "#w-editor-form .w-panel")
    page.click("footer button.button-longrunning[type=submit]")
    page.wait_for_url(f"{base}/admin/sessions/")
    session = Session.objects.get(title="Nói chuyện chuyên đề ở Pù Nhi")
    assert session.region == pu_nhi

    # The list is one card per session: title, commune, time, status, next action.
    card = page.locator(".session-listing tbody tr", has_text=session.title)
    expect(card).to_contain_text("Xã Pù Nhi")
    expect(card).to_contain_text("Bắt đầu 28/07/2017 14:00 – kết thúc 16:00")
    expect(card).to_contain_text("Đã lên kế hoạch")
    action = card.locator("a.session-next-action")
    expect(action).to_have_text("Nhập số người tham dự")
    thumb_sized(action)
    title_box = card.locator("td").first.bounding_box()
    assert title_box["width"] >= PHONE["width"] * 0.7  # not one word per line
    fits(page, "list", ".session-listing")

    # The next action leads to the attendance of past sessions.
    action.click()
    page.wait_for_url(f"{base}/admin/sessions_attendance/#session-{session.pk}")
    row = page.locator(".attendance-row", has_text=session.title)
    expect(row).to_contain_text("Bắt đầu 28/07/2017 14:00 – kết thúc 16:00")
    row.get_by_label("Số người tham dự").fill("60")
    row.get_by_label("Nữ").fill("42")
    row.get_by_label("Nam").fill("18")
    row.get_by_label("Dân tộc thiểu số").fill("55")
    thumb_sized(row.locator("input[type=number]"))
    thumb_sized(page.locator("#save-attendance"))
    fits(page, "attendance", ".attendance-listing")
    page.click("#save-attendance")
    page.wait_for_load_state()
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD
    assert (session.attendance_total, session.attendance_women) == (60, 42)
    assert ReachRecord.objects.get(session=session).count == 60
    expect(page.locator(".messages")).to_contain_text("1")

    # Held now: the list offers to look at it, no more to record it.
    page.goto(f"{base}/admin/sessions/")
    card = page.locator(".session-listing tbody tr", has_text=session.title)
    expect(card).to_contain_text("Đã tổ chức")
    expect(card.locator("a.session-next-action")).to_have_text("Xem")

    page.goto(f"{base}/admin/sessions/kit/{session.pk}/")
    expect(page.locator(".meta")).to_contain_text(
        "Bắt đầu 28/07/2017 14:00 – kết thúc 16:00"
    )
    thumb_sized(page.locator(".actions a, .actions button"))
    fits(page, "kit", "body")
