"""A message is public only while its campaign is: live, due, not expired, public.

Wagtail serves a live page under an unpublished parent; here the page's address,
search, the feeds, the sitemap and the API all leave it out, and unpublishing a
campaign takes its messages down with it, as the unpublish screen says first.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from campaigns.models import CampaignPage
from campaigns.selectors import search_messages
from tests import factories

pytestmark = pytest.mark.django_db

TITLE = "Cảnh giác với lời mời việc làm nhẹ lương cao"


@pytest.fixture
def campaign():
    return factories.CampaignPageFactory()


@pytest.fixture
def message(campaign):
    return factories.MessagePageFactory(campaign=campaign, title=TITLE)


def take_campaign_down_alone(campaign):
    """The campaign is not live while its message still is (data from before the
    cascade, or a change made straight in the database)."""
    CampaignPage.objects.filter(pk=campaign.pk).update(live=False)


def public_everywhere(client, message) -> dict:
    page = client.get(message.url)
    return {
        # A private page answers 200 too, with a password form instead.
        "page": page.status_code == 200
        and "Nội dung thông điệp" in page.content.decode(),
        "search": TITLE in {page.title for page in search_messages("loi moi viec lam")},
        "search page": TITLE
        in client.get("/search/", {"q": "lời mời"}).content.decode(),
        "rss": TITLE in client.get("/feeds/messages.rss").content.decode(),
        "json": TITLE in client.get("/feeds/messages.json").content.decode(),
        "sitemap": message.url in client.get("/sitemap.xml").content.decode(),
        "api": TITLE in client.get("/api/v2/pages/").content.decode(),
    }


def test_a_message_of_a_live_campaign_is_public_everywhere(client, message):
    assert all(public_everywhere(client, message).values())


def test_a_live_message_under_an_unpublished_campaign_is_public_nowhere(
    client, campaign, message
):
    take_campaign_down_alone(campaign)

    assert not any(public_everywhere(client, message).values())
    assert client.get(message.url).status_code == 404


def test_a_campaign_past_its_expiry_hides_its_messages_before_the_job_runs(
    client, campaign, message
):
    CampaignPage.objects.filter(pk=campaign.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert not any(public_everywhere(client, message).values())


def test_a_private_campaign_hides_its_messages(client, campaign, message):
    PageViewRestriction.objects.create(
        page=campaign, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    shown = public_everywhere(client, message)

    assert not any(shown.values()), shown


def test_unpublishing_a_campaign_unpublishes_its_messages(client, campaign, message):
    campaign.unpublish()

    assert not Page.objects.get(pk=message.pk).live
    assert client.get(message.url).status_code == 404


def test_the_admin_unpublish_screen_says_so_and_does_it(
    admin_client, campaign, message
):
    url = reverse("wagtailadmin_pages:unpublish", args=[campaign.pk])

    screen = admin_client.get(url).content.decode()
    # Without ticking "include subpages": the rule does not depend on it.
    admin_client.post(url, {})

    assert (
        "Các thông điệp đã xuất bản của chiến dịch (1) cũng sẽ bị gỡ xuất bản" in screen
    )
    assert not Page.objects.get(pk=message.pk).live


def test_the_unpublish_screen_of_a_message_says_nothing_of_the_kind(
    admin_client, message
):
    url = reverse("wagtailadmin_pages:unpublish", args=[message.pk])

    assert "data-campaign-cascade" not in admin_client.get(url).content.decode()
