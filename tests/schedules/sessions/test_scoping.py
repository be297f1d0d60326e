"""The permission matrix: province, district, commune organisers; own and other areas.

Another area's session answers 404 (or 403 for the feed) and never shows in a list,
an export, the calendar or a count.
"""

import pytest
from django.urls import reverse
from icalendar import Calendar

from schedules.models import Session
from schedules.sessions.scoping import sessions_visible_to
from schedules.sessions.tokens import feed_token
from tests import factories

from .helpers import edit_data

pytestmark = pytest.mark.django_db

# (who, whose session, may they see and touch it)
MATRIX = [
    ("province", "tam_chung", True),
    ("province", "hoang_phu", True),
    ("district", "tam_chung", True),
    ("district", "pu_nhi", True),
    ("district", "hoang_phu", False),
    ("commune", "tam_chung", True),
    ("commune", "pu_nhi", False),
    ("commune", "hoang_phu", False),
]


def setup(client, world, who, which):
    user = getattr(world.people, who)
    client.force_login(user)
    return user, getattr(world.sessions, which)


def admin_url(name, session):
    return reverse(f"sessions:{name}", args=[session.pk])


def body(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


PAGES = ["inspect", "edit", "delete", "history", "usage", "kit", "kit_zip"]
# What lists sessions: the admin list, its CSV export, the calendar of July 2017.
LISTS = [
    ("sessions:index", ""),
    ("sessions:index", "?export=csv"),
    ("sessions_calendar:index", "?month=2017-07"),
]


@pytest.mark.parametrize(("who", "which", "allowed"), MATRIX)
def test_lists_counts_and_pages(client, world, who, which, allowed):
    user, session = setup(client, world, who, which)
    for name, query in LISTS:
        response = client.get(reverse(name) + query)
        assert response.status_code == 200, name
        assert (session.title in body(response)) is allowed, (name, query)
    assert sessions_visible_to(user).filter(pk=session.pk).exists() is allowed
    expected = {"province": 3, "district": 2, "commune": 1}[who]
    assert sessions_visible_to(user).count() == expected
    for view in PAGES:
        response = client.get(admin_url(view, session))
        assert response.status_code == (200 if allowed else 404), view


@pytest.mark.parametrize(("who", "which", "allowed"), MATRIX)
def test_edit_and_delete(client, world, who, which, allowed):
    _user, session = setup(client, world, who, which)
    data = edit_data(session, title="Đổi tên buổi nói chuyện")
    response = client.post(admin_url("edit", session), data)
    session.refresh_from_db()
    if allowed:
        assert response.status_code == 302, response.context["form"].errors
        assert session.title == "Đổi tên buổi nói chuyện"
    else:
        assert response.status_code == 404
        assert session.title != "Đổi tên buổi nói chuyện"
    response = client.post(admin_url("delete", session))
    assert response.status_code == (302 if allowed else 404)
    assert Session.objects.filter(pk=session.pk).exists() is not allowed


@pytest.mark.parametrize(("who", "which", "allowed"), MATRIX)
def test_personal_feed(client, world, who, which, allowed):
    user, session = setup(client, world, who, which)
    client.logout()
    url = reverse("sessions_feed")
    token = feed_token(user)
    whole = client.get(url, {"region": world.province.code, "token": token})
    assert whole.status_code == 200
    uids = {str(e["uid"]) for e in Calendar.from_ical(whole.content).walk("VEVENT")}
    assert (f"session-{session.pk}@bcd138.thanhhoa" in uids) is allowed
    own = client.get(url, {"region": session.region.code, "token": token})
    assert own.status_code == (200 if allowed else 403)


def test_an_organiser_cannot_plan_in_another_area(client, world):
    client.force_login(world.people.commune)
    data = edit_data(world.sessions.tam_chung, title="Buổi ở xã khác")
    data["region"] = world.pu_nhi.pk
    response = client.post(reverse("sessions:add"), data)
    assert response.status_code == 200
    assert "region" in response.context["form"].errors
    assert not Session.objects.filter(title="Buổi ở xã khác").exists()


def test_the_form_offers_only_the_area(client, world):
    client.force_login(world.people.district)
    form = client.get(reverse("sessions:add")).context["form"]
    offered = set(form.fields["region"].queryset.values_list("code", flat=True))
    assert offered == {"384", "14848", "14863"}
    assert form.initial["organiser"] == world.people.district.pk
    assert form.initial["campaign"] == world.campaign.pk


def test_a_district_organiser_plans_in_a_commune(client, world):
    client.force_login(world.people.district)
    data = edit_data(world.sessions.tam_chung, title="Hội nghị ở Pù Nhi")
    data.update(region=world.pu_nhi.pk, organisation=world.ml_union.pk)
    response = client.post(reverse("sessions:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    created = Session.objects.get(title="Hội nghị ở Pù Nhi")
    assert created.region == world.pu_nhi
    assert created.organiser == world.people.district


def test_a_commune_edits_what_the_district_planned_there(client, world):
    planned = factories.SessionFactory(
        campaign=world.campaign,
        organisation=world.ml_union,
        region=world.tam_chung,
        title="Hội nghị do huyện tổ chức",
        organiser=world.people.district,
    )
    client.force_login(world.people.commune)
    url = admin_url("edit", planned)
    response = client.post(url, edit_data(planned, venue="Hội trường xã"))
    assert response.status_code == 302, response.context["form"].errors
    planned.refresh_from_db()
    assert (planned.venue, planned.organiser) == (
        "Hội trường xã",
        world.people.district,
    )


def test_people_without_an_area_see_nothing(client, world):
    stranger = factories.UserFactory(username="nguoila")
    stranger.groups.add(world.organisers)
    client.force_login(stranger)
    for url in (
        reverse("sessions:index"),
        admin_url("edit", world.sessions.tam_chung),
        reverse("sessions_calendar:index"),
        reverse("sessions_attendance:index"),
    ):
        response = client.get(url)
        # The admin turns "permission denied" into a message on its home page.
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
    assert sessions_visible_to(stranger).count() == 0


def test_a_superuser_sees_everything(client, world):
    admin = factories.UserFactory(username="quantri", is_superuser=True)
    client.force_login(admin)
    page = body(client.get(reverse("sessions:index")))
    for session in vars(world.sessions).values():
        assert session.title in page
