"""Channels in the admin: created with windows that may cross midnight, filtered."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from campaigns.models import Language
from schedules.models import Channel
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("quantri", "a@example.vn", "pw")
    client.force_login(user)
    return client


def channel_form(**overrides):
    province = factories.province()
    data = {
        "name": "Đài PT-TH Thanh Hóa – Phát thanh",
        "owner": factories.OrganisationFactory().pk,
        "kind": "radio",
        "daily_capacity": 4,
        "slot_minutes": 5,
        "delivery_method": "email",
        "contact_email": "lichphatsong@example.vn",
        "lead_minutes": 60,
        "late_tolerance_minutes": 15,
        "feed_token": "abc",
        "active": "on",
        "windows": inline_formset(
            [{"start": "05:30", "end": "06:30"}, {"start": "22:00", "end": "01:00"}]
        ),
    }
    data.update(overrides)
    flat = nested_form_data(data)
    flat["regions"] = [str(province.pk)]
    flat["languages"] = [str(Language.objects.get(code="vi").pk)]
    flat["formats"] = ["loudspeaker_script", "short_text"]
    return flat


def test_a_planner_creates_a_channel_with_a_window_across_midnight(admin_client):
    response = admin_client.post(reverse("channels:add"), channel_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    channel = Channel.objects.get()
    assert channel.formats == ["loudspeaker_script", "short_text"]
    windows = [(w.start, w.end) for w in channel.windows.all()]
    assert (datetime.time(22, 0), datetime.time(1, 0)) in windows
    assert list(channel.languages.values_list("code", flat=True)) == ["vi"]


def test_an_email_channel_without_an_address_is_refused(admin_client):
    response = admin_client.post(
        reverse("channels:add"), channel_form(contact_email="")
    )
    assert response.status_code == 200
    assert not Channel.objects.exists()


def test_the_channel_list_filters_by_kind_and_district(admin_client):
    province = factories.province()
    muong_lat = factories.RegionFactory(
        parent=province, code="384", name="Huyện Mường Lát"
    )
    tam_chung = factories.RegionFactory(
        parent=muong_lat, code="14950", name="Xã Tam Chung", kind="commune"
    )
    hoang_hoa = factories.RegionFactory(
        parent=province, code="391", name="Huyện Hoằng Hóa"
    )
    factories.ChannelFactory(name="Loa Tam Chung", regions=[tam_chung])
    factories.ChannelFactory(name="Loa Hoằng Hóa", regions=[hoang_hoa])
    factories.ChannelFactory(name="Đài tỉnh", regions=[province], kind="radio")
    url = reverse("channels:index")
    body = admin_client.get(url, {"district": muong_lat.pk}).content.decode()
    assert "Loa Tam Chung" in body and "Loa Hoằng Hóa" not in body
    body = admin_client.get(url, {"kind": "radio"}).content.decode()
    assert "Đài tỉnh" in body and "Loa Tam Chung" not in body
