"""A channel's calendar and feed addresses on its admin page, and a new token that
closes the old ones: only for who may edit the channel, and in its history."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from campaigns.models import Role
from campaigns.review import review_setup
from schedules.models import Channel
from schedules.planning.channels import TOKEN_ACTION
from tests import factories

pytestmark = pytest.mark.django_db


def _admin_user(**fields):
    user = factories.UserFactory(**fields)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def planner():
    return _admin_user(username="laplich", role=Role.PLANNER)


@pytest.fixture
def channel():
    return factories.ChannelFactory(pull_feed=True, name="Đài PT-TH Thanh Hóa")


def admin_refused(response) -> bool:
    """Wagtail's answer to a page the user may not open: back to the dashboard."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def addresses(channel):
    return (
        f"http://testserver/calendar/channels/{channel.pk}.ics?token={channel.feed_token}",
        f"http://testserver/feeds/channels/{channel.feed_token}.rss",
    )


@pytest.mark.parametrize("view", ["edit", "inspect"])
def test_a_planner_finds_the_addresses_on_the_channel_page(
    client, planner, channel, view
):
    client.force_login(planner)
    response = client.get(reverse(f"channels:{view}", args=[channel.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    calendar, feed = addresses(channel)
    assert f'value="{calendar.replace("&", "&amp;")}"' in body
    assert f'value="{feed}"' in body
    assert body.count("data-copy=") == 2
    assert "schedules/copy_address.js" in body
    assert reverse("channels:feed_token", args=[channel.pk]) in body


def test_the_inspect_page_keeps_the_webhook_secret_to_itself(client, planner):
    channel = factories.ChannelFactory(webhook=True, webhook_secret="bí-mật-kênh-123")
    client.force_login(planner)
    body = client.get(reverse("channels:inspect", args=[channel.pk])).content.decode()
    assert "bí-mật-kênh-123" not in body


def test_the_addresses_shown_open_the_calendar_and_the_feed(client, planner, channel):
    calendar, feed = addresses(channel)
    assert client.get(calendar).status_code == 200
    assert client.get(feed).status_code == 200


def test_a_new_token_closes_the_old_addresses_and_is_logged(client, planner, channel):
    old_calendar, old_feed = addresses(channel)
    url = reverse("channels:feed_token", args=[channel.pk])
    client.force_login(planner)

    question = client.get(url)
    assert question.status_code == 200
    assert Channel.objects.get(pk=channel.pk).feed_token == channel.feed_token

    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("channels:edit", args=[channel.pk])
    rotated = Channel.objects.get(pk=channel.pk)
    assert rotated.feed_token != channel.feed_token
    assert len(rotated.feed_token) >= 32

    client.logout()
    assert client.get(old_feed).status_code == 404
    assert client.get(old_calendar).status_code == 404
    new_calendar, new_feed = addresses(rotated)
    assert client.get(new_feed).status_code == 200
    assert client.get(new_calendar).status_code == 200

    entry = ModelLogEntry.objects.get(action=TOKEN_ACTION)
    assert entry.object_id == str(channel.pk)
    assert entry.user_id == planner.pk
    # The log names the channel, never a token.
    assert channel.feed_token not in str(entry.data)
    assert rotated.feed_token not in str(entry.data)

    client.force_login(planner)
    page = client.get(reverse("channels:edit", args=[channel.pk])).content.decode()
    assert new_feed in page and old_feed not in page
    history = client.get(reverse("channels:history", args=[channel.pk]))
    assert history.status_code == 200
    assert "laplich" in history.content.decode()


def _editor():
    review_setup(site_root=factories.home_page())
    from django.contrib.auth.models import Group

    from campaigns.review import EDITORS

    user = _admin_user(username="bientap", role=Role.EDITOR)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.mark.parametrize(
    "who",
    [
        lambda: _admin_user(username="tochuc", organiser=True),
        _editor,
        lambda: _admin_user(username="vanphong", role=Role.COMMITTEE),
        lambda: _admin_user(username="vanhanh", role=Role.OPERATOR),
    ],
    ids=["organiser", "editor", "committee", "operator"],
)
def test_who_may_not_edit_the_channel_cannot_make_a_new_token(client, channel, who):
    client.force_login(who())
    url = reverse("channels:feed_token", args=[channel.pk])

    asked = client.get(url)
    assert asked.status_code == 403
    assert channel.feed_token not in asked.content.decode()
    assert client.post(url).status_code == 403
    # The channel's own pages turn them away as the admin does, without addresses.
    for view in ("edit", "inspect"):
        page = client.get(reverse(f"channels:{view}", args=[channel.pk]))
        assert admin_refused(page)
    assert Channel.objects.get(pk=channel.pk).feed_token == channel.feed_token
    assert not ModelLogEntry.objects.filter(action=TOKEN_ACTION).exists()


def test_someone_signed_out_is_sent_to_sign_in(client, channel):
    response = client.post(reverse("channels:feed_token", args=[channel.pk]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert Channel.objects.get(pk=channel.pk).feed_token == channel.feed_token


def test_a_new_token_needs_the_form_s_csrf_token(planner, channel):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(planner)
    response = strict.post(reverse("channels:feed_token", args=[channel.pk]))
    assert response.status_code == 403
    assert Channel.objects.get(pk=channel.pk).feed_token == channel.feed_token


def test_an_unknown_channel_is_404(client, planner):
    client.force_login(planner)
    assert client.post(reverse("channels:feed_token", args=[999999])).status_code == 404


def test_a_planner_keeps_channels_but_does_not_delete_them(client, planner, channel):
    client.force_login(planner)
    assert client.get(reverse("channels:index")).status_code == 200
    assert client.get(reverse("channels:add")).status_code == 200
    assert admin_refused(client.get(reverse("channels:delete", args=[channel.pk])))


def test_the_addresses_name_the_port_the_site_is_served_on(
    client, planner, channel, settings
):
    settings.SITE_URL = "http://127.0.0.1:18100"
    client.force_login(planner)
    body = client.get(reverse("channels:edit", args=[channel.pk])).content.decode()
    served = "http://127.0.0.1:18100"
    assert f'value="{served}/feeds/channels/{channel.feed_token}.rss"' in body
    assert f'value="{served}/calendar/channels/{channel.pk}.ics?' in body
