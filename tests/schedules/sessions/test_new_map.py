"""After a reform an organiser's area holds old and new units: a session of the new
year goes on the new year's map."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from campaigns.models import Region
from campaigns.region_maps import region_map_load
from schedules.models import Session
from tests import factories

from .helpers import edit_data

pytestmark = pytest.mark.django_db

REFORM = "commune_code,name,type,province_code\n14848,Xã Mường Lát,Xã,38\n"


def test_a_next_year_session_is_planned_on_the_new_map(client, world):
    codes = set(Region.objects.exclude(depth=1).values_list("code", flat=True))
    successors = "old_code,new_code,share\n" + "".join(
        f"{code},14848,1\n" for code in sorted(codes)
    )
    region_map_load(
        text=REFORM, successors_text=successors, effective=datetime.date(2025, 7, 1)
    )
    upcoming = factories.CampaignPageFactory(year=2027, live=False)
    new = Region.objects.get(map=upcoming.region_map, code="14848")
    client.force_login(world.people.district)
    old = edit_data(
        world.sessions.tam_chung,
        title="Buổi năm 2027",
        campaign=upcoming.pk,
        starts_at="2027-07-25 08:00",
        ends_at="2027-07-25 10:00",
    )
    with translation.override("vi"):
        refused = client.post(reverse("sessions:add"), old, HTTP_ACCEPT_LANGUAGE="vi")
    assert refused.status_code == 200
    assert "không thuộc bản đồ" in str(refused.context["form"].errors["region"])
    assert not Session.objects.filter(title="Buổi năm 2027").exists()
    response = client.post(reverse("sessions:add"), {**old, "region": new.pk})
    assert response.status_code == 302, response.context["form"].errors
    assert Session.objects.get(title="Buổi năm 2027").region == new
