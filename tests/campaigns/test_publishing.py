"""Scheduled publishing by the beat job, and search with or without diacritics."""

import datetime
import time

import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.models import Revision

from campaigns.models import Format, MessagePage
from campaigns.selectors import search_messages
from cms.tasks import publish_scheduled
from tests import factories

pytestmark = pytest.mark.django_db


def scheduled_message(campaign, go_live_at, expire_at=None):
    page = factories.MessagePageFactory(campaign=campaign, live=False)
    page.go_live_at = go_live_at
    page.expire_at = expire_at
    factories.publish_checked(page.save_revision())
    page.refresh_from_db()
    return page


def test_the_beat_job_runs_at_least_every_minute():
    job = settings.CELERY_BEAT_SCHEDULE["publish-scheduled"]
    assert job["task"] == "cms.tasks.publish_scheduled"
    assert job["schedule"] <= 60


def test_a_scheduled_page_goes_live_on_the_beat_job():
    campaign = factories.CampaignPageFactory()
    page = scheduled_message(campaign, timezone.now() + datetime.timedelta(seconds=2))
    assert not page.live
    assert Revision.objects.filter(approved_go_live_at__isnull=False).exists()
    publish_scheduled()
    page.refresh_from_db()
    assert not page.live  # not yet due

    time.sleep(2.1)
    publish_scheduled()
    page.refresh_from_db()
    assert page.live


def test_an_expired_page_is_taken_down_by_the_beat_job():
    campaign = factories.CampaignPageFactory()
    page = factories.MessagePageFactory(campaign=campaign)
    MessagePage.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    publish_scheduled()
    page.refresh_from_db()
    assert not page.live
    assert page.expired


@pytest.fixture
def messages():
    campaign = factories.CampaignPageFactory()
    found = factories.MessagePageFactory(
        campaign=campaign,
        title="Phòng, chống mua bán người ở vùng biên giới",
        summary="Cảnh giác với kẻ xấu dụ dỗ sang Lào làm việc.",
        variants=[{"format": Format.SHORT_TEXT, "text": "Gọi 111"}],
    )
    other = factories.MessagePageFactory(
        campaign=campaign,
        title="An toàn cho trẻ em trên mạng",
        summary="Không kết bạn với người lạ.",
    )
    draft = factories.MessagePageFactory(
        campaign=campaign, title="Bản nháp về mua bán người", live=False
    )
    return found, other, draft


@pytest.mark.parametrize(
    "query",
    ["mua bán người", "mua ban nguoi", "MUA BAN NGUOI", "Biên giới", "bien gioi"],
)
def test_search_finds_messages_with_or_without_diacritics(messages, query):
    found, other, draft = messages
    results = search_messages(query)
    assert found in results
    assert other not in results
    assert draft not in results


def test_the_public_search_page(client, messages):
    found, other, draft = messages
    body = client.get("/search/", {"q": "mua ban nguoi"}).content.decode()
    assert found.title in body
    assert draft.title not in body
