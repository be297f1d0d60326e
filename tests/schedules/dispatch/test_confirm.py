"""Operators confirm what aired: a signed link, a signed callback, or the admin."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from schedules.dispatch.selectors import broadcasts_unconfirmed
from schedules.dispatch.services import (
    broadcast_cancel,
    broadcast_confirm_aired,
    broadcast_retry,
)
from schedules.dispatch.signing import aired_token, webhook_signature
from schedules.models import Broadcast, ReachRecord
from tests.factories import BroadcastFactory, ChannelFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET = "bí-mật-kênh"


def sent_broadcast(channel=None, hours_ago=2, **fields):
    channel = channel or ChannelFactory(webhook=True, webhook_secret=SECRET)
    starts = timezone.now() - datetime.timedelta(hours=hours_ago)
    return BroadcastFactory(sent=True, channel=channel, starts_at=starts, **fields)


def test_confirming_records_one_estimated_reach_from_the_channels_audience():
    broadcast = sent_broadcast()
    operator = UserFactory()

    first = broadcast_confirm_aired(broadcast_id=broadcast.pk, user=operator)
    second = broadcast_confirm_aired(broadcast_id=broadcast.pk, user=operator)

    assert first == second
    assert ReachRecord.objects.filter(broadcast=broadcast).count() == 1
    assert (first.count, first.method, first.region) == (
        12_000,
        "estimated",
        broadcast.region,
    )
    assert first.recorded_by == operator
    broadcast.refresh_from_db()
    assert broadcast.status == "aired"
    assert broadcast.aired_at == broadcast.starts_at  # as planned, unless told
    event = broadcast.events.get()
    assert (event.from_status, event.to_status, event.user) == (
        "sent",
        "aired",
        operator,
    )


def test_an_audience_share_estimates_from_the_regions_population():
    channel = ChannelFactory(
        webhook=True,
        webhook_secret=SECRET,
        audience_per_airing=None,
        audience_share="0.05",
    )
    broadcast = sent_broadcast(channel)  # Mường Lát: 200,000 people
    assert broadcast_confirm_aired(broadcast_id=broadcast.pk).count == 10_000


def test_an_approved_broadcast_cannot_be_confirmed():
    broadcast = BroadcastFactory(
        approved=True, channel=ChannelFactory(webhook=True), starts_at=timezone.now()
    )
    with pytest.raises(ValidationError):
        broadcast_confirm_aired(broadcast_id=broadcast.pk)
    assert not ReachRecord.objects.exists()


def test_the_one_click_link_shows_a_button_and_confirms_on_post(client):
    broadcast = sent_broadcast()
    url = f"/broadcasts/aired/{aired_token(broadcast)}"

    page = client.get(url)
    assert page.status_code == 200
    assert b"<form" in page.content
    broadcast.refresh_from_db()
    assert broadcast.status == "sent"  # a mail scanner opening the link changes nothing

    done = client.post(url)
    assert done.status_code == 200
    broadcast.refresh_from_db()
    assert broadcast.status == "aired"
    assert ReachRecord.objects.filter(broadcast=broadcast).count() == 1
    assert broadcast.channel.name in broadcast.events.get().actor


def test_a_forged_or_expired_link_is_refused_and_changes_nothing(client, settings):
    broadcast = sent_broadcast()
    token = aired_token(broadcast)
    forged = client.post(f"/broadcasts/aired/{token[:-2]}xx")
    settings.DISPATCH_AIRED_LINK_MAX_AGE_DAYS = -1
    expired = client.post(f"/broadcasts/aired/{token}")
    assert (forged.status_code, expired.status_code) == (403, 403)
    broadcast.refresh_from_db()
    assert broadcast.status == "sent"


def post_callback(client, broadcast, body: dict, secret=SECRET):
    raw = json.dumps(body).encode()
    return client.post(
        f"/api/broadcasts/{broadcast.pk}/aired",
        data=raw,
        content_type="application/json",
        # English answers, so the test reads the msgid whatever is translated.
        headers={
            "X-Signature": webhook_signature(secret, raw),
            "Accept-Language": "en",
        },
    )


def test_a_signed_callback_confirms_with_the_channels_time(client):
    broadcast = sent_broadcast()
    aired = broadcast.starts_at + datetime.timedelta(minutes=2)
    aired_at = timezone.localtime(aired).isoformat()
    assert aired_at.endswith("+07:00")
    response = post_callback(
        client, broadcast, {"key": str(broadcast.key), "aired_at": aired_at}
    )
    assert response.status_code == 200
    assert response.json() == {"id": broadcast.pk, "status": "aired", "reach": 12_000}
    broadcast.refresh_from_db()
    assert broadcast.aired_at == aired


def test_a_bad_signature_is_403_and_changes_nothing(client):
    broadcast = sent_broadcast()
    response = post_callback(
        client, broadcast, {"key": str(broadcast.key)}, secret="not-the-secret"
    )
    assert response.status_code == 403
    assert response.json()["error"] == "Bad or missing signature; nothing was changed."
    unsigned = client.post(
        f"/api/broadcasts/{broadcast.pk}/aired",
        data=b"{}",
        content_type="application/json",
    )
    assert unsigned.status_code == 403
    broadcast.refresh_from_db()
    assert broadcast.status == "sent"
    assert not ReachRecord.objects.exists()


def test_a_signed_body_naming_another_broadcast_is_refused(client):
    channel = ChannelFactory(webhook=True, webhook_secret=SECRET)
    first = sent_broadcast(channel, hours_ago=2)
    other = sent_broadcast(channel, hours_ago=3)
    response = post_callback(client, other, {"key": str(first.key)})
    assert response.status_code == 403
    assert Broadcast.objects.filter(status="aired").count() == 0


def test_cancelling_needs_a_reason_and_changes_the_version():
    broadcast = BroadcastFactory(
        approved=True, channel=ChannelFactory(webhook=True), starts_at=timezone.now()
    )
    with pytest.raises(ValidationError):
        broadcast_cancel(broadcast_id=broadcast.pk, reason="  ")
    cancelled = broadcast_cancel(broadcast_id=broadcast.pk, reason="Mất điện.")
    assert (cancelled.status, cancelled.version) == ("cancelled", broadcast.version + 1)
    assert cancelled.events.get().note == "Mất điện."


def test_a_sent_broadcast_cannot_be_cancelled():
    broadcast = sent_broadcast()
    with pytest.raises(ValidationError):
        broadcast_cancel(broadcast_id=broadcast.pk, reason="Quá muộn.")


def test_a_planner_retries_a_failed_broadcast(
    planner, django_capture_on_commit_callbacks
):
    broadcast = sent_broadcast()
    Broadcast.objects.filter(pk=broadcast.pk).update(
        status="failed", attempts=5, last_error="HTTP 500"
    )
    with pytest.raises(PermissionDenied):
        broadcast_retry(broadcast_id=broadcast.pk, user=UserFactory())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        retried = broadcast_retry(broadcast_id=broadcast.pk, user=planner)
    assert (retried.status, retried.attempts, retried.late) == ("dispatching", 0, True)
    assert retried.events.get().user == planner
    assert len(callbacks) == 1


def test_sent_a_day_ago_and_not_confirmed_is_listed_for_follow_up():
    channel = ChannelFactory(webhook=True, webhook_secret=SECRET)
    old = sent_broadcast(channel, hours_ago=25)
    sent_broadcast(channel, hours_ago=23)
    confirmed = sent_broadcast(channel, hours_ago=30)
    broadcast_confirm_aired(broadcast_id=confirmed.pk)
    assert list(broadcasts_unconfirmed(now=timezone.now())) == [old]


def test_the_database_keeps_one_estimate_and_exactly_one_source():
    broadcast = sent_broadcast()
    record = broadcast_confirm_aired(broadcast_id=broadcast.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReachRecord.objects.create(
            broadcast=broadcast,
            region=record.region,
            count=5,
            method="estimated",
            reached_at=timezone.now(),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReachRecord.objects.create(
            region=record.region, count=5, method="reported", reached_at=timezone.now()
        )
    # A measured count beside the estimate is fine.
    ReachRecord.objects.create(
        broadcast=broadcast,
        region=record.region,
        count=9_500,
        method="measured",
        reached_at=timezone.now(),
    )
