"""The messages feeds as a press outlet reads them: RSS, Atom, JSON Feed, filters."""

import datetime
import json

import factory
import feedparser
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.models import Format, Hotline, MessagePage, RegionKind
from cms.feeds import cache as feed_cache
from media.models import Consent
from tests import factories

pytestmark = pytest.mark.django_db

FEEDS = ("rss", "atom", "json")


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    cache.clear()  # rendered feeds and renditions are cached by ids that repeat


@pytest.fixture
def regions():
    province = factories.province()
    muong_lat = factories.RegionFactory(
        parent=province, code="384", name="Huyện Mường Lát", border=True
    )
    return {
        "province": province,
        "muong_lat": muong_lat,
        "trung_ly": factories.RegionFactory(
            parent=muong_lat, code="38401", name="Xã Trung Lý", kind=RegionKind.COMMUNE
        ),
        "quan_son": factories.RegionFactory(
            parent=province, code="385", name="Huyện Quan Sơn"
        ),
    }


@pytest.fixture
def published(regions):
    campaign = factories.CampaignPageFactory()
    hotline = Hotline.objects.create(number="111", name="Tổng đài 111")
    province_wide = factories.MessagePageFactory(
        campaign=campaign,
        title="Chung tay phòng, chống mua bán người",
        summary="Mỗi người dân là một tuyên truyền viên.",
        body='<p>Hãy cảnh giác. <a href="https://111.gov.vn/">Tổng đài 111</a></p>',
        key_points=[("point", "Không giao giấy tờ tùy thân cho người lạ")],
        call_to_action="Thấy dấu hiệu mua bán người, hãy gọi ngay",
        hotline=hotline,
        lead_image=factories.CampaignImageFactory(credit="Ảnh: Báo Thanh Hóa"),
        variants=[{"format": Format.ARTICLE, "text": "Bài viết cho mọi người."}],
    )
    district = factories.MessagePageFactory(
        campaign=campaign,
        title="Cảnh giác với lời mời sang Lào làm việc",
        variants=[
            {
                "format": Format.SHORT_TEXT,
                "text": "Đi Lào làm việc lương cao? Gọi 111 trước đã.",
                "target_regions": [regions["muong_lat"]],
                "age_bands": ["youth"],
            }
        ],
    )
    commune = factories.MessagePageFactory(
        campaign=campaign,
        title="Loa phát thanh xã Trung Lý",
        variants=[
            {
                "format": Format.LOUDSPEAKER_SCRIPT,
                "language_id": "blt",
                "text": "Bài đọc tiếng Thái cho người cao tuổi.",
                "target_regions": [regions["trung_ly"]],
                "age_bands": ["elders"],
            }
        ],
    )
    elsewhere = factories.MessagePageFactory(
        campaign=campaign,
        title="Tranh cổ động ở Quan Sơn",
        variants=[
            {
                "format": Format.POSTER_CAPTION,
                "text": "Trẻ em cần được bảo vệ.",
                "target_regions": [regions["quan_son"]],
                "age_bands": ["children"],
            }
        ],
    )
    later = factories.MessagePageFactory(
        campaign=factories.CampaignPageFactory(year=2018), title="Thông điệp năm 2018"
    )
    return {
        "province_wide": province_wide,
        "district": district,
        "commune": commune,
        "elsewhere": elsewhere,
        "later": later,
    }


def read(client, kind, **params):
    response = client.get(f"/feeds/messages.{kind}", params)
    assert response.status_code == 200, response.content
    return response


def titles(client, kind, **params):
    body = read(client, kind, **params).content
    if kind == "json":
        return {item["title"] for item in json.loads(body)["items"]}
    return {entry.title for entry in feedparser.parse(body).entries}


def local(moment):
    return timezone.localtime(moment).replace(microsecond=0)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feedparser_reads_every_field_back(client, published, kind):
    page = MessagePage.objects.get(pk=published["province_wide"].pk)
    response = read(client, kind)
    feed = feedparser.parse(response.content)

    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == {"rss": "rss20", "atom": "atom10"}[kind]
    assert feed.feed.title
    assert feed.feed.link == "http://testserver/"
    assert feed.feed.language == "vi"
    assert len(feed.entries) == 5
    entry = next(e for e in feed.entries if e.title == page.title)
    assert entry.id == f"urn:uuid:{page.translation_key}"
    assert entry.link == f"http://testserver{page.url}"
    assert entry.summary == "Mỗi người dân là một tuyên truyền viên."
    content = entry.content[0].value
    assert "Hãy cảnh giác." in content
    assert '<a href="https://111.gov.vn/">Tổng đài 111</a>' in content
    assert "<li>Không giao giấy tờ tùy thân cho người lạ</li>" in content
    assert "Tổng đài 111: 111" in content
    assert "Bài viết cho mọi người." in content
    assert entry.published.endswith("+0700" if kind == "rss" else "+07:00")
    assert entry.updated.endswith("+07:00")
    published_at = datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
    assert published_at == local(page.first_published_at)
    updated_at = datetime.datetime(*entry.updated_parsed[:6], tzinfo=datetime.UTC)
    assert updated_at == local(page.last_published_at)
    terms = [tag.term for tag in entry.tags]
    assert page.get_parent().title in terms
    assert "Tỉnh Thanh Hóa" in terms  # province-wide: the province is named
    assert "Tiếng Việt" in terms
    assert str(Format.ARTICLE.label) in terms
    enclosure = next(link for link in entry.links if link.rel == "enclosure")
    rendition = page.lead_image.get_rendition("max-1200x1200")
    assert enclosure.href == f"http://testserver{rendition.url}"
    assert int(enclosure.length) == rendition.file.size > 0
    assert enclosure.type == "image/jpeg"
    assert entry.media_credit[0]["content"] == "Ảnh: Báo Thanh Hóa"


def test_district_entry_carries_its_audience_region_and_format(client, published):
    feed = feedparser.parse(read(client, "rss").content)
    entry = next(e for e in feed.entries if e.title == published["district"].title)
    assert [tag.term for tag in entry.tags][1:] == [
        "Thanh niên 16–30 tuổi",
        "Huyện Mường Lát",
        "Tiếng Việt",
        str(Format.SHORT_TEXT.label),
    ]
    assert not [link for link in entry.links if link.rel == "enclosure"]
    assert "media_credit" not in entry


def test_json_feed_has_the_fields_json_feed_1_1_requires(client, published):
    response = read(client, "json")
    assert response["Content-Type"] == "application/feed+json; charset=utf-8"
    document = json.loads(response.content)
    # Required by https://jsonfeed.org/version/1.1: version, title, items; each
    # item an id and content_html or content_text.
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(document["title"], str) and document["title"]
    assert isinstance(document["items"], list) and len(document["items"]) == 5
    for item in document["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert isinstance(item.get("content_html") or item.get("content_text"), str)
        for key in ("date_published", "date_modified"):
            moment = datetime.datetime.fromisoformat(item[key])
            assert moment.utcoffset() == datetime.timedelta(hours=7)
    assert document["home_page_url"] == "http://testserver/"
    assert document["feed_url"] == "http://testserver/feeds/messages.json"
    assert document["language"] == "vi"
    assert document["authors"][0]["name"]

    page = published["province_wide"]
    item = next(i for i in document["items"] if i["title"] == page.title)
    assert item["id"] == f"urn:uuid:{page.translation_key}"
    assert item["url"] == f"http://testserver{page.url}"
    assert item["summary"] == page.summary
    assert "Hãy cảnh giác." in item["content_html"]
    assert item["language"] == "vi"
    assert page.get_parent().title in item["tags"]
    rendition = page.lead_image.get_rendition("max-1200x1200")
    assert item["image"] == f"http://testserver{rendition.url}"
    assert item["attachments"] == [
        {
            "url": f"http://testserver{rendition.url}",
            "mime_type": "image/jpeg",
            "size_in_bytes": rendition.file.size,
        }
    ]
    assert item["_campaign"] == {"year": 2017, "image_credit": "Ảnh: Báo Thanh Hóa"}


@pytest.mark.parametrize("kind", FEEDS)
def test_guids_are_stable_across_edits(client, published, kind):
    page = published["district"]
    before = read(client, kind).content.decode()
    page.title = "Cảnh giác với lời mời sang Lào làm việc (cập nhật)"
    factories.publish_checked(page.save_revision())
    after = read(client, kind).content.decode()
    guid = f"urn:uuid:{page.translation_key}"
    assert guid in before and guid in after
    assert "(cập nhật)" in after


FILTERS = [
    # A district's feed: its own items, the province-wide ones and its communes'.
    ({"region": "384"}, {"province_wide", "district", "commune"}),
    # A commune's feed: its own, its district's and the province-wide items.
    ({"region": "38401"}, {"province_wide", "district", "commune"}),
    ({"region": "385"}, {"province_wide", "elsewhere"}),
    ({"region": "38"}, {"province_wide", "district", "commune", "elsewhere"}),
    ({"age": "youth"}, {"province_wide", "district"}),
    ({"age": "elders"}, {"province_wide", "commune"}),
    ({"lang": "blt"}, {"commune"}),
    ({"format": "short_text"}, {"district"}),
    ({"campaign": "2018"}, {"later"}),
    (
        {"campaign": "2017", "region": "384", "age": "youth"},
        {"province_wide", "district"},
    ),
    ({"region": "384", "format": "loudspeaker_script"}, {"commune"}),
    # One variant must suit every parameter at once.
    ({"region": "385", "lang": "blt"}, set()),
]


def test_filters_combine(client, published):
    for params, expected in FILTERS:
        want = {published[name].title for name in expected}
        for kind in FEEDS:
            assert titles(client, kind, **params) == want, (kind, params)


def test_a_language_feed_carries_that_language_s_text(client, published):
    feed = feedparser.parse(read(client, "atom", lang="blt").content)
    (entry,) = feed.entries
    assert '<section lang="blt">' in entry.content[0].value
    assert "Bài đọc tiếng Thái cho người cao tuổi." in entry.content[0].value


BAD = [
    ({"region": "999"}, "Unknown region code “999”."),
    ({"age": "toddlers"}, "Unknown age band “toddlers”; use one of:"),
    ({"lang": "xx"}, "Unknown language “xx”; use one of:"),
    ({"format": "fax"}, "Unknown format “fax”; use one of:"),
    ({"campaign": "1999"}, "No published campaign for the year “1999”."),
    ({"campaign": "abc"}, "No published campaign for the year “abc”."),
]


@pytest.mark.parametrize("params, message", BAD)
def test_an_unknown_value_is_a_400_not_an_empty_feed(client, regions, params, message):
    factories.CampaignPageFactory()
    for kind in FEEDS:
        # The English msgid, asked for in English: the Vietnamese text comes with
        # the compiled translations.
        response = client.get(
            f"/feeds/messages.{kind}",
            {"region": "384", **params},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert response.status_code == 400
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert message in response.content.decode()


def test_a_draft_campaign_s_year_is_unknown(client, published):
    factories.CampaignPageFactory(year=2019, live=False)
    response = client.get("/feeds/messages.rss", {"campaign": "2019"})
    assert response.status_code == 400
    assert "2019" in response.content.decode()


def test_empty_and_unrelated_parameters_are_ignored(client, published):
    everything = titles(client, "rss")
    assert titles(client, "rss", region="", utm_source="zalo") == everything
    # The self link names only the feed's own parameters, so a cached copy never
    # repeats someone else's query string.
    first = read(client, "json", region="384", utm_source="<b>zalo</b>")
    again = read(client, "json", region="384")
    assert first.content == again.content
    assert json.loads(again.content)["feed_url"] == (
        "http://testserver/feeds/messages.json?region=384"
    )


def test_public_pages_announce_the_feeds(client, published):
    body = client.get("/").content.decode()
    for kind, mime in [
        ("rss", "application/rss+xml"),
        ("atom", "application/atom+xml"),
        ("json", "application/feed+json"),
    ]:
        assert (
            f'<link rel="alternate" type="{mime}"' in body
            and f'href="/feeds/messages.{kind}"' in body
        )
    page_body = client.get(published["district"].url).content.decode()
    assert 'href="/feeds/messages.rss"' in page_body


def test_queries_to_render_do_not_grow_with_the_number_of_items(client):
    campaign = factories.CampaignPageFactory()
    images = [
        factories.CampaignImageFactory(title="Ảnh 1"),
        factories.CampaignImageFactory(title="Ảnh 2"),
    ]
    factories.MessagePageFactory.create_batch(
        10, campaign=campaign, imported=True, lead_image=factory.Iterator(images)
    )
    read(client, "rss")  # renditions are made once, on the first read

    def queries_uncached(kind):
        cache.clear()
        feed_cache.recent.clear()
        with CaptureQueriesContext(connection) as captured:
            response = read(client, kind)
        return len(captured), response.content.count("Mã tin ".encode())

    few = {kind: queries_uncached(kind) for kind in FEEDS}
    factories.MessagePageFactory.create_batch(
        190, campaign=campaign, imported=True, lead_image=factory.Iterator(images)
    )
    many = {kind: queries_uncached(kind) for kind in FEEDS}
    for kind in FEEDS:
        assert few[kind][1] == 10 and many[kind][1] == 200
        assert many[kind][0] == few[kind][0], kind


def test_images_in_the_body_are_absolute_and_only_with_consent(client):
    campaign = factories.CampaignPageFactory()
    shown = factories.CampaignImageFactory(title="Hội nghị", filename="hoi-nghi.jpg")
    withheld = factories.CampaignImageFactory(title="Nạn nhân", filename="nan-nhan.jpg")
    factories.MessagePageFactory(
        campaign=campaign,
        body=(
            f'<p>Ảnh:</p><embed embedtype="image" id="{shown.pk}" format="left"/>'
            f'<embed embedtype="image" id="{withheld.pk}" format="left"/>'
        ),
    )
    withheld.consent = Consent.WITHHELD
    withheld.save()
    content = feedparser.parse(read(client, "atom").content).entries[0].content[0]
    assert 'src="http://testserver/media/images/hoi-nghi' in content.value
    assert "nan-nhan" not in content.value
