"""The dispatch screens in the admin: the queue, a broadcast's log, the actions."""

import datetime

import factory
import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from campaigns.models import OrganisationKind, Role
from cms.services import job_run_record
from schedules.models import Broadcast, ReachRecord
from tests.factories import (
    BroadcastFactory,
    ChannelFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

QUEUE = "/admin/dispatch/"


def refused(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect home."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def admin_user(role=None, **fields):
    if role:
        station = OrganisationFactory(
            name="Đài Phát thanh – Truyền hình Thanh Hóa", kind=OrganisationKind.MEDIA
        )
        fields.update(role=role, unit=station)
    user = UserFactory(**fields)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def queue_rows():
    """One broadcast in each state the queue shows."""
    channel = ChannelFactory(webhook=True)
    now = timezone.now()
    due, dispatching, failed, unconfirmed, missed = BroadcastFactory.create_batch(
        5,
        approved=True,
        channel=channel,
        starts_at=factory.Iterator(
            [now - datetime.timedelta(hours=h) for h in (1, 2, 3, 30, 4)]
        ),
    )
    Broadcast.objects.filter(pk=missed.pk).update(status="missed", late=True)
    Broadcast.objects.filter(pk=dispatching.pk).update(status="dispatching")
    Broadcast.objects.filter(pk=failed.pk).update(
        status="failed", attempts=5, last_error="HTTP 500: lỗi máy chủ"
    )
    Broadcast.objects.filter(pk=unconfirmed.pk).update(status="sent", sent_at=now)
    return {
        "due": due,
        "dispatching": dispatching,
        "failed": failed,
        "sent": unconfirmed,
    }


def test_the_queue_shows_each_list_and_the_dispatchers_age(client, queue_rows):
    job_run_record(name="dispatcher")
    client.force_login(admin_user(Role.PLANNER))
    response = client.get(QUEUE)
    assert response.status_code == 200
    sections = {s["key"]: s for s in response.context["sections"]}
    assert {key: s["count"] for key, s in sections.items()} == {
        "due": 1,
        "dispatching": 1,
        "failed": 1,
        "missed": 1,
        "unconfirmed": 1,
    }
    assert sections["failed"]["items"] == [queue_rows["failed"]]
    assert response.context["dispatcher_age"] < 60
    assert b"HTTP 500" in response.content
    assert (
        f'action="/admin/dispatch/broadcasts/{queue_rows["failed"].pk}/retry/"'.encode()
        in response.content
    )


def test_the_queue_is_for_planners_operators_and_the_committee(client, queue_rows):
    client.force_login(admin_user())
    assert refused(client.get(QUEUE))
    client.force_login(admin_user(Role.OPERATOR))
    assert client.get(QUEUE).status_code == 200


def test_a_planner_retries_a_failed_broadcast(
    client, queue_rows, django_capture_on_commit_callbacks
):
    planner = admin_user(Role.PLANNER)
    client.force_login(planner)
    failed = queue_rows["failed"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            f"/admin/dispatch/broadcasts/{failed.pk}/retry/", {"next": QUEUE}
        )
    assert response.status_code == 302
    assert response["Location"] == QUEUE
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == ("dispatching", 0)
    assert failed.events.get().user == planner
    assert len(callbacks) == 1


def test_an_operator_cannot_retry(client, queue_rows):
    client.force_login(admin_user(Role.OPERATOR))
    failed = queue_rows["failed"]
    response = client.post(f"/admin/dispatch/broadcasts/{failed.pk}/retry/")
    assert refused(response)
    failed.refresh_from_db()
    assert failed.status == "failed"


def test_an_operator_confirms_aired_and_the_log_shows_who(client, queue_rows):
    operator = admin_user(Role.OPERATOR, first_name="Hùng", last_name="Trần")
    client.force_login(operator)
    sent = queue_rows["sent"]
    response = client.post(f"/admin/dispatch/broadcasts/{sent.pk}/aired/")
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.status == "aired"
    assert ReachRecord.objects.get(broadcast=sent).recorded_by == operator

    page = client.get(f"/admin/dispatch/broadcasts/{sent.pk}/")
    assert page.status_code == 200
    assert "Hùng Trần" in page.content.decode()
    assert list(page.context["events"]) == list(sent.events.all())
