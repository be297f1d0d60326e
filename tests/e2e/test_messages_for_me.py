"""A visitor on a phone with JavaScript off says where they live, their age and
language, and reads the messages written for them; the hotline is a link to call
and each message has a link to share."""

import pytest

from campaigns.models import Format, Hotline, RegionKind
from tests import factories
from tests.e2e.conftest import TIMEOUT_MS, screenshot

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
FOR_YOUTH = "Bạn trẻ Mường Lát ơi, việc nhẹ lương cao bên kia biên giới là bẫy!"


@pytest.fixture
def phone(browser):
    """A phone-sized tab with JavaScript disabled: everything must work without."""
    context = browser.new_context(
        viewport=PHONE,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        java_script_enabled=False,
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    errors = []
    tab.on(
        "console",
        lambda line: errors.append(line.text) if line.type == "error" else None,
    )
    tab.console_errors = errors
    yield tab
    context.close()


@pytest.fixture
def site():
    district = factories.border_district()
    commune = factories.RegionFactory(
        parent=district,
        code="38.380.1",
        name="Thị trấn Mường Lát",
        kind=RegionKind.TOWNSHIP,
    )
    factories.RegionFactory(code="38.390", name="Huyện Hoằng Hóa")
    campaign = factories.CampaignPageFactory()
    factories.SloganFactory(
        campaign=campaign, text="Chung tay phòng, chống mua bán người"
    )
    child_line = Hotline.objects.create(
        number="111", name="Tổng đài quốc gia bảo vệ trẻ em", hours="24/7, miễn phí"
    )
    factories.MessagePageFactory(
        campaign=campaign,
        title="Cảnh giác với lời mời “việc nhẹ lương cao”",
        slug="viec-nhe-luong-cao",
        summary="Lời mời việc nhẹ lương cao ở nơi xa thường là bẫy.",
        hotline=child_line,
        call_to_action="Nghi ngờ, hãy gọi ngay",
        variants=[
            {"format": Format.SHORT_TEXT, "text": "Bản cho cả tỉnh, mọi lứa tuổi."},
            {
                "format": Format.SOCIAL_POST,
                "text": FOR_YOUTH,
                "target_regions": [district],
                "age_bands": ["youth"],
            },
            {
                "format": Format.SHORT_TEXT,
                "text": "Bản cho Hoằng Hóa.",
                "target_regions": [factories.RegionFactory(code="38.391")],
            },
        ],
    )
    factories.MessagePageFactory(
        campaign=campaign,
        title="Tỉnh táo trước môi giới hôn nhân",
        slug="moi-gioi-hon-nhan",
        summary="Đừng đi theo người mới quen hứa đưa đi lấy chồng xa.",
        variants=[
            {
                "format": Format.LOUDSPEAKER_SCRIPT,
                "text": "Kính thưa bà con thị trấn Mường Lát!",
                "target_regions": [commune],
            }
        ],
    )
    factories.MessagePageFactory(
        campaign=campaign, title="Bản nháp chưa duyệt", slug="nhap", live=False
    )
    return campaign


def test_a_reader_from_muong_lat_reads_the_messages_meant_for_them(
    phone, live_server, site
):
    assert phone.goto(live_server.url + "/").status == 200
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "public-6-for-me-phone")
    assert phone.locator(".message-card").count() == 2
    assert "Bản nháp" not in phone.locator("main").inner_text()

    phone.get_by_label("Nơi bạn sống").fill("muong lat")
    phone.get_by_label("Tuổi của bạn").select_option(label="Thanh niên 16–30 tuổi")
    phone.get_by_label("Ngôn ngữ bạn đọc").select_option(label="Tiếng Việt")
    phone.get_by_role("button", name="Xem thông điệp cho tôi").click()
    # Two places are called Mường Lát: the page lists them to pick from.
    phone.get_by_text("Có nhiều nơi tên “muong lat”").wait_for()
    phone.get_by_label("Thị trấn Mường Lát (Huyện Mường Lát)").check()
    phone.get_by_role("button", name="Xem thông điệp cho tôi").click()

    cards = phone.locator(".message-card")
    assert cards.count() == 2
    texts = phone.locator(".variant-text").all_inner_texts()
    assert texts == [
        FOR_YOUTH,
        "Kính thưa bà con thị trấn Mường Lát!",
    ]
    assert "Bản cho Hoằng Hóa" not in phone.locator("main").inner_text()
    assert "Thị trấn Mường Lát · Thanh niên 16–30 tuổi · Tiếng Việt" in (
        phone.locator(".chosen").inner_text()
    )
    screenshot(phone, "public-7-for-me-chosen-phone")

    # The hotline is a link to call, in the header and on the message.
    assert phone.locator("header a[href='tel:111']").count() == 1
    assert cards.first.locator("a[href='tel:111']").inner_text() == "Gọi 111"
    # Sharing opens without JavaScript and names the message's own address.
    cards.first.locator("summary", has_text="Chia sẻ").click()
    zalo = cards.first.get_by_role("link", name="Chia sẻ qua Zalo")
    assert zalo.is_visible()
    assert "viec-nhe-luong-cao" in zalo.get_attribute("href")
    link = cards.first.get_by_label("Đường link để sao chép")
    assert link.input_value().endswith("/2017/viec-nhe-luong-cao/")
    assert link.get_attribute("readonly") is not None
    screenshot(phone, "public-8-share-phone")

    # The choice is remembered: the message page shows the reader's version.
    cards.first.get_by_role(
        "link", name="Cảnh giác với lời mời “việc nhẹ lương cao”"
    ).click()
    assert (
        phone.locator(".for-you .variant-text")
        .inner_text()
        .startswith("Bạn trẻ Mường Lát ơi")
    )
    assert phone.locator("a[href='tel:111']").count() >= 2
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "public-9-message-for-me-phone")
    phone.goto(live_server.url + "/")
    assert phone.locator(".variant-text").count() == 2
    assert phone.console_errors == []


def test_the_home_page_on_a_desktop(page, live_server, site):
    page.goto(live_server.url + "/?noi=muong+lat&tuoi=youth&ngon_ngu=vi")
    page.get_by_label("Huyện Mường Lát", exact=True).check()
    page.get_by_role("button", name="Xem thông điệp cho tôi").click()
    # The district's youth version; the second message has nothing written for
    # the district as a whole (only for the township), so its summary shows.
    assert page.locator(".variant-text").all_inner_texts() == [FOR_YOUTH]
    assert "Đừng đi theo người mới quen" in page.locator(".messages").inner_text()
    screenshot(page, "public-10-for-me-desktop")
