"""A planner copies a channel's addresses from its admin page and makes a new token,
in a real browser, under the admin's Content-Security-Policy."""

import pytest
from django.contrib.auth.models import Permission

from campaigns.models import Role
from schedules.models import Channel
from tests import factories as f
from tests.e2e.conftest import login, screenshot
from tests.e2e.test_csp import violations, watched
from tests.e2e.test_dashboard import PASSWORD

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_planner_copies_the_addresses_and_makes_a_new_token(
    page, live_server, settings
):
    # Links name the address the site is served at: here, the live server's.
    settings.SITE_URL = live_server.url
    errors = watched(page)
    planner = f.UserFactory(username="laplich", role=Role.PLANNER)
    planner.user_permissions.add(Permission.objects.get(codename="access_admin"))
    channel = f.ChannelFactory(pull_feed=True, name="Đài PT-TH Thanh Hóa")
    old_feed = f"{live_server.url}/feeds/channels/{channel.feed_token}.rss"
    page.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url
    )

    login(page, live_server, planner.username, PASSWORD)
    page.goto(f"{live_server.url}/admin/channels/edit/{channel.pk}/")
    feed_field = page.locator(f"#channel-{channel.pk}-feed")
    assert feed_field.input_value() == old_feed
    page.click(f"[data-copy='channel-{channel.pk}-feed']")
    page.wait_for_function(
        "document.querySelector(\"[data-copy$='-feed']\").textContent"
        " !== document.querySelector(\"[data-copy$='-feed']\")"
        ".getAttribute('data-copy-idle')"
    )
    assert page.evaluate("navigator.clipboard.readText()") == old_feed
    screenshot(page, "channel-addresses")

    page.click(f"a[href='/admin/channels/feed-token/{channel.pk}/']")
    page.wait_for_url(f"{live_server.url}/admin/channels/feed-token/{channel.pk}/")
    screenshot(page, "channel-new-token")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/channels/edit/{channel.pk}/")
    rotated = Channel.objects.get(pk=channel.pk)
    new_feed = f"{live_server.url}/feeds/channels/{rotated.feed_token}.rss"
    assert rotated.feed_token != channel.feed_token
    assert page.locator(f"#channel-{channel.pk}-feed").input_value() == new_feed
    assert page.request.get(old_feed).status == 404
    assert page.request.get(new_feed).status == 200
    assert violations(page, errors) == []
