"""Smoke test of the public site in a real browser: the home page shows the campaign
and its three official slogans, on a desktop and on a phone."""

import datetime

import pytest

from campaigns.models import Hotline
from cms.demo.platform import OBJECTIVES
from tests import factories
from tests.e2e.conftest import screenshot

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Plan 109/KH-BCĐ, verbatim.
SLOGANS = [
    "Tích cực hưởng ứng ngày toàn dân phòng, chống mua bán người",
    "Chung tay phòng, chống mua bán người",
    "Phòng, chống mua bán người là trách nhiệm của mỗi cá nhân, gia đình và xã hội",
]


@pytest.fixture
def campaign():
    page = factories.CampaignPageFactory(
        plan_number="109/KH-BCĐ",
        plan_date=datetime.date(2017, 6, 30),
        issuing_body="Ban Chỉ đạo 138 tỉnh Thanh Hóa",
        objectives=OBJECTIVES,
    )
    for order, text in enumerate(SLOGANS, start=1):
        factories.SloganFactory(campaign=page, text=text, sort_order=order)
    factories.SloganFactory(
        campaign=page, text="Khẩu hiệu nháp chưa duyệt", sort_order=9, live=False
    )
    return page


def test_the_home_page_shows_the_campaign_and_its_slogans(page, live_server, campaign):
    response = page.goto(live_server.url + "/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text() == campaign.title
    assert page.locator(".slogan").all_inner_texts() == SLOGANS
    # The stylesheet is served and applied (the header is not the browser default).
    header = page.locator(".site-header")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") != (
        "rgba(0, 0, 0, 0)"
    )
    screenshot(page, "public-2-home")

    page.set_viewport_size({"width": 375, "height": 812})
    # On a phone nothing is wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "public-3-home-phone")

    page.click(f"h1 a[href$='/{campaign.slug}/']")
    assert page.locator("h1").inner_text() == campaign.title
    assert page.locator(".slogan").all_inner_texts() == SLOGANS
    screenshot(page, "public-4-campaign-phone")


def test_a_message_reads_well_on_a_phone(page, live_server, campaign):
    message = factories.MessagePageFactory(
        campaign=campaign,
        summary="Những lời mời đi làm ở nước ngoài lương cao thường là bẫy.",
        body="<p>Hãy kiểm tra kỹ công ty tuyển dụng trước khi đi.</p>",
        key_points=[
            ("point", "Không giao giấy tờ tùy thân cho người lạ"),
            ("point", "Báo cho gia đình nơi làm việc và số điện thoại liên lạc"),
        ],
        call_to_action="Thấy dấu hiệu mua bán người, hãy gọi ngay",
        hotline=Hotline.objects.create(
            number="111", name="Tổng đài quốc gia bảo vệ trẻ em"
        ),
    )
    message.tags.add("việc làm", "xuất khẩu lao động")
    factories.publish_checked(message.save_revision())

    page.set_viewport_size({"width": 375, "height": 812})
    assert page.goto(live_server.url + message.url).status == 200
    assert page.locator("h1").inner_text() == message.title
    assert page.locator(".key-points li").count() == 2
    assert "111" in page.locator(".cta").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "public-5-message-phone")
