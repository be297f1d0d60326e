"""The channel form: a copy is a new channel, and no secret is printed back."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.urls import reverse

from campaigns.models import Role
from media.models import Language
from schedules.models import Channel
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def planner():
    user = factories.UserFactory(username="laplich", role=Role.PLANNER)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def form_data(html):
    soup = BeautifulSoup(html, "html.parser")
    form = soup.select_one("form[method=post]")
    data = {}
    for field in form.select("input, select, textarea"):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
            continue
        if field.name == "select":
            chosen = [o.get("value") for o in field.select("option[selected]")]
            if chosen:
                data[name] = chosen if field.has_attr("multiple") else chosen[0]
            continue
        if field.name == "textarea":
            data[name] = field.text
            continue
        data[name] = field.get("value", "")
    return data


def test_copying_a_channel_makes_a_new_one_with_its_own_token(client, planner):
    original = factories.ChannelFactory(pull_feed=True, name="Đài PT-TH Thanh Hóa")
    client.force_login(planner)
    url = reverse("channels:copy", args=[original.pk])

    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    data = form_data(body)
    data["name"] = "Bản sao"
    region = factories.RegionFactory() if not original.regions.exists() else None
    data["regions"] = [str(r.pk) for r in original.regions.all()] or [str(region.pk)]
    language = original.languages.first() or Language.objects.first()
    data["languages"] = [str(language.pk)]
    data["formats"] = original.formats or ["article"]
    form = BeautifulSoup(body, "html.parser").select_one("form[method=post]")
    action = form["action"]
    response = client.post(action, data)

    assert response.status_code == 302, (response.context["form"].errors, data)
    assert list(Channel.objects.values_list("pk", "name", "feed_token")) != [
        (original.pk, "Bản sao", original.feed_token)
    ], "the copy overwrote the original channel"
    assert Channel.objects.count() == 2
    copy = Channel.objects.exclude(pk=original.pk).get()
    assert copy.feed_token != original.feed_token
    assert Channel.objects.get(pk=original.pk).name == "Đài PT-TH Thanh Hóa"


def test_the_copy_form_does_not_offer_the_original_s_addresses(client, planner):
    # The form is for a channel not yet saved, with a token of its own once saved.
    original = factories.ChannelFactory(pull_feed=True)
    client.force_login(planner)
    page = client.get(reverse("channels:copy", args=[original.pk]))
    body = page.content.decode()
    assert original.feed_token not in body
    assert reverse("channels:feed_token", args=[original.pk]) not in body


def test_the_edit_page_does_not_print_the_webhook_secret(client, planner):
    channel = factories.ChannelFactory(webhook=True, webhook_secret="bí-mật-kênh-123")
    client.force_login(planner)
    body = client.get(reverse("channels:edit", args=[channel.pk])).content.decode()
    assert "bí-mật-kênh-123" not in body


def test_saving_the_form_without_a_secret_keeps_the_one_there_is(client, planner):
    channel = factories.ChannelFactory(webhook=True, webhook_secret="bí-mật-kênh-123")
    client.force_login(planner)
    url = reverse("channels:edit", args=[channel.pk])
    data = form_data(client.get(url).content.decode())
    data["name"] = "Đài đổi tên"
    data["regions"] = [str(factories.RegionFactory().pk)]
    data["languages"] = [str(Language.objects.first().pk)]
    data["formats"] = ["article"]
    assert data["webhook_secret"] == ""
    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    channel.refresh_from_db()
    assert (channel.name, channel.webhook_secret) == ("Đài đổi tên", "bí-mật-kênh-123")
    data["webhook_secret"] = "bí-mật-mới"
    client.post(url, data)
    channel.refresh_from_db()
    assert channel.webhook_secret == "bí-mật-mới"
