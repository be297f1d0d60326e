"""The organiser's home: coming sessions, missing attendance, empty communes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import RegionKind
from schedules.sessions.selectors import communes_without_session
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_district_organiser_sees_their_area(client, world):
    soon = timezone.now() + datetime.timedelta(days=2)
    coming = factories.SessionFactory(
        campaign=world.campaign,
        organisation=world.ml_union,
        region=world.pu_nhi,
        starts_at=soon,
        title="Hội nghị tới",
    )
    client.force_login(world.people.district)
    response = client.get(reverse("wagtailadmin_home"))
    page = response.content.decode()
    assert "My area&#x27;s sessions" in page or "My area's sessions" in page
    assert coming.title in page
    assert world.sessions.tam_chung.title in page  # ended, no attendance yet
    assert world.sessions.hoang_phu.title not in page


def test_no_panel_for_someone_without_an_organiser_membership(client, world):
    admin = factories.UserFactory(username="quantri", is_superuser=True)
    client.force_login(admin)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "organiser-home" not in page


def test_high_risk_communes_come_first(world):
    muong_chanh = factories.RegionFactory(
        parent=world.muong_lat,
        code="14866",
        name="Xã Mường Chanh",
        kind=RegionKind.COMMUNE,
    )
    found = communes_without_session(
        user=world.people.province, campaign=world.campaign
    )
    assert [(r.name, r.is_high_risk) for r in found] == [
        (muong_chanh.name, True),  # Mường Lát borders Laos
        (world.hoang_hai.name, False),
    ]
    mine = communes_without_session(user=world.people.commune, campaign=world.campaign)
    assert mine == []


def test_a_cancelled_session_leaves_the_commune_uncovered(world):
    session = world.sessions.hoang_phu
    session.status, session.cancel_reason = "cancelled", "Bão"
    session.save()
    found = communes_without_session(
        user=world.people.other_district, campaign=world.campaign
    )
    assert {r.name for r in found} == {"Xã Hoằng Phụ", "Xã Hoằng Hải"}
