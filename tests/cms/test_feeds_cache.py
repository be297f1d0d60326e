"""Conditional GET and the feeds' cache: 304 while unchanged, fresh once anything is."""

import datetime
import time

import feedparser
import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import PageViewRestriction

from campaigns.models import MessagePage
from cms.feeds import cache as feed_cache
from media.models import Consent
from tests import factories

pytestmark = pytest.mark.django_db

FEEDS = ("rss", "atom", "json")


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    cache.clear()


@pytest.fixture
def campaign():
    return factories.CampaignPageFactory()


@pytest.fixture
def message(campaign):
    return factories.MessagePageFactory(
        campaign=campaign, title="Chung tay phòng, chống mua bán người", lead_image=None
    )


def get(client, kind="rss", **headers):
    return client.get(f"/feeds/messages.{kind}", headers=headers)


@pytest.mark.parametrize("kind", FEEDS)
def test_unchanged_feed_answers_304_to_either_validator(client, message, kind):
    first = get(client, kind)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    assert first["Cache-Control"] == "public, no-cache"

    by_etag = get(client, kind, if_none_match=etag)
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_etag["ETag"] == etag
    assert get(client, kind, if_modified_since=modified).status_code == 304
    assert get(client, kind, if_none_match='"something-else"').status_code == 200


def test_each_format_and_filter_has_its_own_etag(client, message):
    factories.province()
    etags = {get(client, kind)["ETag"] for kind in FEEDS}
    etags.add(client.get("/feeds/messages.rss", {"region": "38"})["ETag"])
    assert len(etags) == 4


def test_a_cached_feed_costs_one_query_for_the_generation(
    client, message, django_assert_num_queries
):
    first = get(client)
    with django_assert_num_queries(1):
        again = get(client)
    assert again.content == first.content


def titles(response):
    return [entry.title for entry in feedparser.parse(response.content).entries]


def changed_after(client, change, kind="rss"):
    """Read the feed (cached), make the change, read again as a reader would."""
    before = get(client, kind)
    change()
    after = get(client, kind, if_none_match=before["ETag"])
    assert after.status_code == 200, "a changed feed must not answer 304"
    assert after["ETag"] != before["ETag"]
    return after


@pytest.mark.parametrize("kind", FEEDS)
def test_publishing_a_message_shows_it_on_the_next_read(
    client, campaign, message, kind
):
    after = changed_after(
        client,
        lambda: factories.MessagePageFactory(
            campaign=campaign, title="Thông điệp mới xuất bản"
        ),
        kind,
    )
    assert "Thông điệp mới xuất bản" in after.content.decode()


def test_publishing_a_change_replaces_the_old_text(client, message):
    def edit():
        message.title = "Chung tay phòng, chống mua bán người (bản sửa)"
        factories.publish_checked(message.save_revision())

    assert titles(changed_after(client, edit)) == [
        "Chung tay phòng, chống mua bán người (bản sửa)"
    ]


def test_unpublishing_removes_it_on_the_next_read(client, message):
    assert titles(changed_after(client, message.unpublish)) == []


def test_a_new_view_restriction_removes_it(client, message):
    def restrict():
        PageViewRestriction.objects.create(
            page=message,
            restriction_type=PageViewRestriction.PASSWORD,
            password="mat-khau",
        )

    assert titles(changed_after(client, restrict)) == []


def test_a_group_restriction_on_the_campaign_removes_its_messages(
    client, campaign, message
):
    def restrict():
        restriction = PageViewRestriction.objects.create(
            page=campaign, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([Group.objects.create(name="Ban chỉ đạo")])

    assert titles(changed_after(client, restrict)) == []


def test_withdrawn_consent_removes_the_image(client, campaign):
    image = factories.CampaignImageFactory(
        title="Người dân ở Mường Lát", credit="Ảnh: Hội LHPN"
    )
    factories.MessagePageFactory(campaign=campaign, lead_image=image)
    assert b"enclosure" in get(client).content

    def withdraw():
        image.consent = Consent.WITHHELD
        image.save()

    after = changed_after(client, withdraw).content.decode()
    assert "enclosure" not in after and "Hội LHPN" not in after


def test_a_change_made_where_no_signal_reaches_shows_within_the_recheck(
    client, message, monkeypatch
):
    # The beat job expires pages in a worker; with a per-process cache its signals
    # never reach this one. The fingerprint read from the database catches it.
    monkeypatch.setattr(feed_cache, "RECHECK_SECONDS", 1)
    get(client)
    MessagePage.objects.filter(pk=message.pk).update(
        expire_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert len(titles(get(client))) == 1  # still within RECHECK_SECONDS
    time.sleep(1.1)
    assert titles(get(client)) == []


def test_a_process_keeps_few_feeds_in_memory_and_serves_the_rest_the_same(
    client, message, monkeypatch
):
    monkeypatch.setattr(feed_cache, "RECENT_ENTRIES", 2)
    first = {kind: get(client, kind).content for kind in FEEDS}
    assert len(feed_cache.recent.entries) == 2
    assert {kind: get(client, kind).content for kind in FEEDS} == first
    assert len(feed_cache.recent.entries) == 2
    assert feed_cache.recent.size <= feed_cache.RECENT_BYTES


def test_unpublishing_leaves_the_feed_kept_in_memory(client, message):
    get(client)
    assert feed_cache.recent.entries  # served from this process's memory next
    message.unpublish()
    assert titles(get(client)) == []
