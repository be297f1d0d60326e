"""The signed "aired" callback is checked for sense (issue 16): an airing before the
broadcast's window or in the future is refused with 400 and nothing is recorded."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from schedules.dispatch.services import broadcast_confirm_aired
from schedules.dispatch.signing import webhook_signature
from schedules.models import Broadcast, ReachRecord
from tests.schedules.dispatch.test_confirm import SECRET, post_callback, sent_broadcast

pytestmark = pytest.mark.django_db


def nothing_recorded(broadcast):
    broadcast.refresh_from_db()
    assert broadcast.status == "sent"
    assert broadcast.aired_at is None
    assert not ReachRecord.objects.exists()
    assert not broadcast.events.exists()


@pytest.mark.parametrize(
    "aired_at",
    [
        "9999-12-31T23:59:59+07:00",
        "9999-12-31T23:59:59-12:00",
        "2100-01-01T00:00:00Z",
        "0001-01-01T00:00:00+14:00",
        "2017-07-30T08:02:00+07:00",
    ],
)
def test_an_impossible_airing_time_is_400_and_changes_nothing(client, aired_at):
    broadcast = sent_broadcast()
    response = post_callback(
        client, broadcast, {"key": str(broadcast.key), "aired_at": aired_at}
    )
    assert response.status_code == 400, response.content
    assert "aired_at" in response.json()["error"]
    nothing_recorded(broadcast)


@pytest.mark.parametrize(
    "aired_at", ["2017-13-45T99:00:00", "tomorrow", "2017-07-30T08:02:00+99:00", "1e99"]
)
def test_a_malformed_time_is_400(client, aired_at):
    broadcast = sent_broadcast()
    response = post_callback(
        client, broadcast, {"key": str(broadcast.key), "aired_at": aired_at}
    )
    assert response.status_code == 400
    nothing_recorded(broadcast)


def test_a_time_a_few_minutes_ahead_is_a_clock_difference_and_accepted(client):
    broadcast = sent_broadcast()
    ahead = timezone.now() + datetime.timedelta(minutes=3)
    response = post_callback(
        client, broadcast, {"key": str(broadcast.key), "aired_at": ahead.isoformat()}
    )
    assert response.status_code == 200
    broadcast.refresh_from_db()
    assert broadcast.aired_at == ahead


def test_the_service_refuses_it_on_every_path():
    broadcast = sent_broadcast()
    with pytest.raises(ValidationError):
        broadcast_confirm_aired(
            broadcast_id=broadcast.pk,
            aired_at=broadcast.starts_at - datetime.timedelta(days=1),
        )
    nothing_recorded(Broadcast.objects.get(pk=broadcast.pk))


def test_the_refusal_is_explained_in_vietnamese(client):
    broadcast = sent_broadcast()
    body = f'{{"key": "{broadcast.key}", "aired_at": "9999-01-01T00:00:00Z"}}'.encode()
    response = client.post(
        f"/api/broadcasts/{broadcast.pk}/aired",
        data=body,
        content_type="application/json",
        headers={"X-Signature": webhook_signature(SECRET, body)},
    )
    assert response.status_code == 400
    assert "tương lai" in response.json()["error"]
