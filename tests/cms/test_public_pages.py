"""What every public page promises a visitor on a phone: one title without the site's
name twice, a description, hotlines to tap, share links that load nothing from
elsewhere, Vietnamese unless the visitor chose another language, and only images
that may be shown."""

import html
import re
from urllib.parse import quote

import pytest
from django.test import Client

from campaigns.audience import COOKIE
from campaigns.models import Format, Hotline
from campaigns.templatetags.public_site import page_title
from media.models import Consent, Language
from tests import factories

pytestmark = pytest.mark.django_db

SITE = "Ngày toàn dân phòng, chống mua bán người – 30/7"


@pytest.fixture
def message():
    hotline = Hotline.objects.create(number="111", name="Tổng đài quốc gia")
    return factories.MessagePageFactory(
        title="Thấy dấu hiệu mua bán người, hãy báo ngay",
        slug="bao-ngay",
        summary="Báo ngay cho công an xã hoặc gọi 111, miễn phí.",
        hotline=hotline,
        variants=[{"format": Format.SHORT_TEXT, "text": "Gọi 111 khi nghi ngờ."}],
    )


def urls(message):
    return ["/", message.get_parent().url, message.url, "/search/?q=bao+ngay"]


def title(page_html: str) -> str:
    return html.unescape(re.search(r"<title>(.*?)</title>", page_html, re.S)[1])


def description(page_html: str) -> str:
    found = re.search(r'<meta name="description" content="([^"]*)">', page_html)
    return html.unescape(found[1]) if found else ""


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("", SITE),
        ("Trang chủ", f"Trang chủ – {SITE}"),
        # The home page's title is the site's name, or a part of it.
        ("Ngày toàn dân phòng, chống mua bán người", SITE),
        # A campaign's title holds the name already.
        (f"{SITE} năm 2017", f"{SITE} năm 2017"),
        ("ngay toan dan phong, chong mua ban nguoi – 30/7 nam 2018", None),
    ],
)
def test_a_title_never_repeats_the_site_s_name(given, expected):
    found = page_title(given)
    if expected is not None:
        assert found == expected
    assert found.count("30/7") == 1


def test_every_page_has_one_title_and_a_description(client, message):
    for url in urls(message):
        page = client.get(url).content.decode()
        found = title(page)
        assert found.count("Ngày toàn dân") == 1, (url, found)
        assert found.count("30/7") == 1, (url, found)
        assert len(description(page)) > 20, url
    message_page = client.get(message.url).content.decode()
    assert title(message_page) == f"{message.title} – {SITE}"
    assert description(message_page) == message.summary


def test_hotlines_are_links_to_call(client, message):
    for url in urls(message):
        page = client.get(url).content.decode()
        assert '<a class="tel" href="tel:111">111</a>' in page, url
        assert '<a class="tel" href="tel:113">113</a>' in page, url
    assert 'class="call" href="tel:111"' in client.get("/").content.decode()
    assert 'class="call" href="tel:111"' in client.get(message.url).content.decode()


def test_share_links_carry_the_message_s_address_and_no_script_of_theirs(
    client, message
):
    address = message.get_full_url()
    assert address.endswith(message.url) and address.startswith("http")
    for url in ("/", message.url):
        page = client.get(url).content.decode()
        assert f'href="https://sp.zalo.me/share?url={quote(address, safe="")}"' in (
            page
        ), url
        assert (
            'href="https://www.facebook.com/sharer/sharer.php?u='
            f'{quote(address, safe="")}"'
        ) in page, url
        assert f'class="copy-link" value="{address}" readonly' in page, url
        scripts = re.findall(r"<script\b[^>]*>", page)
        assert scripts == ['<script src="/static/js/site.js" defer>'], url
        assert "<iframe" not in page


def test_pages_are_vietnamese_whatever_the_browser_asks(client, message):
    for url in urls(message):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        page = response.content.decode()
        assert '<html lang="vi">' in page, url
        assert "Tố giác mua bán người" in page, url
        assert response["Content-Language"] == "vi"


def test_a_reader_who_picked_a_translated_language_reads_the_site_in_it(client):
    Language.objects.get_or_create(code="en", defaults={"name": "English"})
    factories.MessagePageFactory(
        variants=[
            {"format": Format.SHORT_TEXT, "text": "Call 111.", "language_id": "en"}
        ]
    )
    response = client.get("/", {"ngon_ngu": "en"})
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Report trafficking: call" in page
    assert '<p class="variant-text" lang="en">Call 111.</p>' in page
    assert response.cookies[COOKIE].value == "::en"
    # Another visitor, and the browser's own wish, change nothing for the others.
    assert '<html lang="vi">' in Client().get("/").content.decode()


def test_the_home_page_has_a_search_box_that_finds_messages(client, message):
    page = client.get("/").content.decode()
    assert 'action="/search/"' in page
    found = client.get("/search/", {"q": "bao ngay"}).content.decode()
    assert f'href="{message.url}"' in found


def test_an_image_whose_consent_was_withdrawn_leaves_the_page(client, message):
    image = factories.CampaignImageFactory(consent=Consent.OBTAINED)
    message.lead_image = image
    factories.publish_checked(message.save_revision())
    page = client.get(message.url).content.decode()
    assert "<img" in page and image.credit in page
    assert 'loading="lazy"' in page
    image.consent = Consent.WITHHELD
    image.save()
    page = client.get(message.url).content.decode()
    assert "<img" not in page
    assert image.credit not in page
