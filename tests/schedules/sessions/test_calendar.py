"""The session calendar in the admin and the iCalendar feed per area (RFC 5545)."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from schedules.models import SessionStatus
from schedules.sessions.tokens import feed_token

pytestmark = pytest.mark.django_db

FEED = "/calendar/sessions.ics"


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return calendar, {str(event["summary"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def detailed(world):
    session = world.sessions.tam_chung
    session.organiser = world.people.commune
    session.materials = "Tờ rơi, loa cầm tay"
    session.expected_attendance = 80
    session.save()
    world.people.commune.email = "tamchung@hlhpn.thanhhoa.vn"
    world.people.commune.save()
    return session


def test_the_public_feed_parses_and_keeps_details_private(client, world, detailed):
    assert FEED == reverse("sessions_feed")
    calendar, found = events(client.get(FEED, {"region": world.muong_lat.code}))
    assert set(found) == {world.sessions.tam_chung.title, world.sessions.pu_nhi.title}
    event = found[detailed.title]
    start = event["dtstart"]
    assert start.params["TZID"] == "Asia/Ho_Chi_Minh"
    assert start.dt.strftime("%d/%m/%Y %H:%M") == "30/07/2017 08:00"
    assert [zone["tzid"] for zone in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    assert str(event["location"]) == "Nhà văn hóa, Xã Tam Chung"
    description = str(event["description"])
    assert description == "Thematic talk\nXã Tam Chung"
    text = response_text(client.get(FEED, {"region": world.muong_lat.code}))
    for private in ("tamchung@", "Tờ rơi", "Expected attendance", "Organiser"):
        assert private not in text


def test_the_personal_feed_adds_contacts_and_notes(client, world, detailed):
    token = feed_token(world.people.commune)
    _calendar, found = events(
        client.get(FEED, {"region": world.muong_lat.code, "token": token})
    )
    assert set(found) == {detailed.title}  # the owner's commune only
    description = str(found[detailed.title]["description"])
    assert "tamchung@hlhpn.thanhhoa.vn" in description
    assert "Tờ rơi, loa cầm tay" in description


def test_a_cancelled_session_says_so(client, world):
    session = world.sessions.pu_nhi
    session.status, session.cancel_reason = SessionStatus.CANCELLED, "Mưa lũ"
    session.save()
    _calendar, found = events(client.get(FEED, {"region": world.pu_nhi.code}))
    assert str(found[session.title]["status"]) == "CANCELLED"


@pytest.mark.parametrize("query", [{}, {"region": "99999"}, {"region": ""}])
def test_an_unknown_region_is_a_bad_request(client, world, query):
    response = client.get(FEED, query)
    assert response.status_code == 400
    assert response.content.decode() == (
        "Unknown region code: give ?region= with an official code."
    )


@pytest.mark.parametrize("token", ["", "1:forged", "abc"])
def test_a_bad_token_is_refused(client, world, token):
    response = client.get(FEED, {"region": world.muong_lat.code, "token": token})
    assert response.status_code == 403


def test_a_token_of_someone_without_an_area_is_refused(client, world):
    world.people.commune.memberships.all().delete()
    token = feed_token(world.people.commune)
    response = client.get(FEED, {"region": world.tam_chung.code, "token": token})
    assert response.status_code == 403


def test_the_admin_calendar_opens_on_the_sessions_month(client, world):
    client.force_login(world.people.district)
    response = client.get(reverse("sessions_calendar:index"))
    assert response.status_code == 200
    assert response.context["month"].strftime("%m/%Y") == "07/2017"
    assert response.context["count"] == 2
    [feed] = response.context["feeds"]
    assert feed["public"].endswith(f"{FEED}?region=384")
    assert f"token={feed_token(world.people.district)}" in feed["personal"]


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "2017-13", "tháng 7"])
def test_a_strange_month_opens_the_default_one(client, world, month):
    client.force_login(world.people.district)
    response = client.get(reverse("sessions_calendar:index"), {"month": month})
    assert response.context["month"].strftime("%m/%Y") == "07/2017"


def test_the_admin_calendar_moves_by_month(client, world):
    client.force_login(world.people.district)
    response = client.get(reverse("sessions_calendar:index") + "?month=2017-08")
    assert response.context["count"] == 0
    assert response.context["previous"] == "2017-07"
    assert response.context["following"] == "2017-09"


def response_text(response):
    return Calendar.from_ical(response.content).to_ical().decode()
