"""Bad sessions are refused with a message on the field at fault, and nothing changes.

Messages are checked as their English msgids (the conftest switches to English).
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from schedules.models import Session, SessionStatus

from .helpers import edit_data, local

pytestmark = pytest.mark.django_db


def post(client, world, session, **changes):
    client.force_login(world.people.district)
    url = reverse("sessions:edit", args=[session.pk])
    return client.post(url, edit_data(session, **changes))


def errors(response):
    assert response.status_code == 200, "the form should have been refused"
    return {
        name: list(messages)
        for name, messages in response.context["form"].errors.items()
    }


def test_end_before_start(client, world):
    session = world.sessions.tam_chung
    before = local(session.starts_at - datetime.timedelta(hours=1))
    found = errors(post(client, world, session, ends_at=before))
    assert found == {"ends_at": ["The session must end after it starts."]}
    session.refresh_from_db()
    assert session.ends_at > session.starts_at


def test_far_outside_the_campaign_period(client, world):
    session = world.sessions.tam_chung
    found = errors(
        post(
            client,
            world,
            session,
            starts_at="2017-12-20 08:00",
            ends_at="2017-12-20 10:00",
        )
    )
    assert found["starts_at"][0].startswith(
        "The session must take place during the campaign period "
        "(01/07/2017 – 30/09/2017)"
    )


def test_near_the_period_is_fine(client, world):
    session = world.sessions.tam_chung
    response = post(
        client, world, session, starts_at="2017-06-25 08:00", ends_at="2017-06-25 10:00"
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    "field", ["attendance_total", "attendance_women", "attendance_children"]
)
def test_negative_counts(client, world, field):
    session = world.sessions.tam_chung
    counts = {"attendance_total": "40", field: "-3"}
    found = errors(post(client, world, session, status=SessionStatus.HELD, **counts))
    assert field in found
    session.refresh_from_db()
    assert session.attendance_total is None


def test_women_and_men_more_than_total(client, world):
    session = world.sessions.tam_chung
    found = errors(
        post(
            client,
            world,
            session,
            status=SessionStatus.HELD,
            attendance_total="50",
            attendance_women="40",
            attendance_men="20",
        )
    )
    assert found == {
        "attendance_total": [
            "Women and men together (60) are more than the total (50)."
        ]
    }


def test_children_more_than_total(client, world):
    session = world.sessions.tam_chung
    found = errors(
        post(
            client,
            world,
            session,
            status=SessionStatus.HELD,
            attendance_total="50",
            attendance_children="51",
        )
    )
    assert found == {
        "attendance_children": ["This cannot be more than the total (50)."]
    }


def test_attendance_needs_a_held_session(client, world):
    found = errors(post(client, world, world.sessions.tam_chung, attendance_total="30"))
    assert found == {"status": ["Mark the session as held to record its attendance."]}


def test_a_cancelled_session_needs_its_reason(client, world):
    session = world.sessions.tam_chung
    found = errors(post(client, world, session, status=SessionStatus.CANCELLED))
    assert found == {"cancel_reason": ["Give the reason for cancelling."]}
    response = post(
        client,
        world,
        session,
        status=SessionStatus.CANCELLED,
        cancel_reason="Mưa lũ, đường vào bản bị sạt lở",
    )
    assert response.status_code == 302


def test_a_future_session_cannot_be_held(world):
    session = world.sessions.tam_chung
    session.starts_at = datetime.datetime(2099, 7, 30, 8, tzinfo=datetime.UTC)
    session.ends_at = session.starts_at + datetime.timedelta(hours=2)
    session.status = SessionStatus.HELD
    session.attendance_total = 10
    with pytest.raises(ValidationError) as caught:
        session.full_clean()
    assert "status" in caught.value.message_dict


def test_the_database_refuses_what_the_form_would(world):
    session = world.sessions.tam_chung
    session.ends_at = session.starts_at
    with pytest.raises(IntegrityError), transaction.atomic():
        session.save()
    session.refresh_from_db()
    session.status = SessionStatus.HELD
    session.attendance_total, session.attendance_women = 5, 3
    session.attendance_men = 3
    with pytest.raises(IntegrityError), transaction.atomic():
        session.save()
    assert Session.objects.get(pk=session.pk).attendance_total is None
