"""Times that say which end they are, and the one next step each session offers."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone, translation

from schedules.models import SessionStatus
from schedules.sessions.times import next_action, session_time
from tests import factories
from tests.factories import VN

pytestmark = pytest.mark.django_db

JULY_30 = datetime.datetime(2017, 7, 30, 8, 0, tzinfo=VN)


@pytest.mark.parametrize(
    "starts, hours, expected",
    [
        (JULY_30, 2, "Bắt đầu 30/07/2017 08:00 – kết thúc 10:00"),
        # Ends the next day: the end names its date.
        (
            datetime.datetime(2017, 7, 30, 20, 0, tzinfo=VN),
            5,
            "Bắt đầu 30/07/2017 20:00 – kết thúc 31/07/2017 01:00",
        ),
        # Stored in UTC, read in Vietnam's time: 30/6 23:59 is not 30/6 16:59.
        (
            datetime.datetime(2017, 6, 30, 16, 59, tzinfo=datetime.UTC),
            1,
            "Bắt đầu 30/06/2017 23:59 – kết thúc 01/07/2017 00:59",
        ),
    ],
)
def test_a_session_time_says_start_and_end(world, starts, hours, expected):
    session = world.sessions.pu_nhi
    session.starts_at = starts
    session.ends_at = starts + datetime.timedelta(hours=hours)
    with translation.override("vi"):
        assert session_time(session) == expected


def test_in_english_too(world):
    assert session_time(world.sessions.pu_nhi) == "Starts 30/07/2017 08:00 – ends 10:00"


@pytest.mark.parametrize(
    "status, attendance, ends_in_hours, label, url_name",
    [
        (SessionStatus.PLANNED, None, -1, "Record attendance", "attendance"),
        (SessionStatus.HELD, None, -1, "Record attendance", "attendance"),
        (SessionStatus.PLANNED, None, 1, "Materials kit", "kit"),
        (SessionStatus.HELD, 40, -1, "View", "inspect"),
        (SessionStatus.CANCELLED, None, -1, "View", "inspect"),
        (SessionStatus.CANCELLED, None, 1, "View", "inspect"),
    ],
)
def test_the_next_action(world, status, attendance, ends_in_hours, label, url_name):
    session = world.sessions.pu_nhi
    session.status = status
    session.attendance_total = attendance
    now = session.ends_at - datetime.timedelta(hours=ends_in_hours)

    action = next_action(session, now=now)

    assert action.label == label
    urls = {
        "attendance": reverse("sessions_attendance:index") + f"#session-{session.pk}",
        "kit": reverse("sessions:kit", args=[session.pk]),
        "inspect": reverse("sessions:inspect", args=[session.pk]),
    }
    assert action.url == urls[url_name]


def test_the_list_gives_each_session_its_card(client, world):
    client.force_login(world.people.district)
    soon = timezone.localtime() + datetime.timedelta(days=2)
    soon = soon.replace(hour=8, minute=0, second=0, microsecond=0)
    coming = factories.SessionFactory(
        campaign=world.campaign,
        organisation=world.ml_union,
        region=world.pu_nhi,
        starts_at=soon,
        title="Hội nghị tới",
    )

    response = client.get(reverse("sessions:index"), {"campaign": ""})

    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.select_one("table.session-listing")
    rows = {row.td.a.get_text(strip=True): row for row in table.select("tbody tr")}
    assert set(rows) >= {coming.title, world.sessions.pu_nhi.title}
    assert world.sessions.hoang_phu.title not in rows
    past = rows[world.sessions.pu_nhi.title]
    text = " ".join(past.get_text().split())
    assert "Xã Pù Nhi" in text
    assert "Starts 30/07/2017 08:00 – ends 10:00" in text
    assert "Planned" in text
    action = past.select_one("a.session-next-action")
    assert action.get_text(strip=True) == "Record attendance"
    upcoming = rows[coming.title].select_one("a.session-next-action")
    assert upcoming.get_text(strip=True) == "Materials kit"
    assert f"Starts {soon:%d/%m/%Y} 08:00 – ends 10:00" in rows[coming.title].get_text()


def test_the_attendance_rows_are_labelled_and_reachable(client, world):
    client.force_login(world.people.district)

    response = client.get(reverse("sessions_attendance:index"))

    soup = BeautifulSoup(response.content, "html.parser")
    row = soup.select_one(f"tr#session-{world.sessions.pu_nhi.pk}")
    assert "Starts 30/07/2017 08:00 – ends 10:00" in row.get_text()
    for field in row.select("input[type=number]"):
        label = row.select_one(f'label[for="{field["id"]}"]')
        assert label is not None and label.get_text(strip=True)


def test_the_home_panel_says_which_time_is_which(client, world):
    client.force_login(world.people.district)

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Starts 30/07/2017 08:00 – ends 10:00" in page


def test_the_kit_says_start_and_end_and_fits_a_phone(client, world):
    client.force_login(world.people.district)

    response = client.get(reverse("sessions:kit", args=[world.sessions.pu_nhi.pk]))

    page = response.content.decode()
    assert "Starts 30/07/2017 08:00 – ends 10:00" in page
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in page
