"""Pull-feed channels read their own RSS; run-sheet channels get theirs on paper."""

import datetime
import xml.etree.ElementTree as ET

import factory
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from schedules.dispatch.adapters.run_sheet import run_sheet_issue
from schedules.dispatch.claims import broadcasts_claim_due
from schedules.dispatch.delivery import broadcast_deliver
from schedules.dispatch.signing import aired_token_read
from schedules.models import Broadcast
from tests.factories import BroadcastFactory, ChannelFactory, UserFactory
from tests.schedules.dispatch.conftest import at

pytestmark = pytest.mark.django_db


def test_the_feed_lists_what_was_dispatched_to_the_channel_and_not_yet_aired(client):
    channel = ChannelFactory(pull_feed=True, lead_minutes=60)
    other = ChannelFactory(pull_feed=True, lead_minutes=60)
    now = timezone.now()
    due, not_yet, aired = BroadcastFactory.create_batch(
        3,
        approved=True,
        channel=channel,
        starts_at=factory.Iterator(
            [now + datetime.timedelta(minutes=m) for m in (30, 180, 10)]
        ),
    )
    BroadcastFactory(
        approved=True, channel=other, starts_at=now + datetime.timedelta(minutes=30)
    )
    broadcasts_claim_due(now=now)
    for broadcast in Broadcast.objects.filter(status="dispatching"):
        broadcast_deliver(broadcast_id=broadcast.pk, version=broadcast.version)
    Broadcast.objects.filter(pk=aired.pk).update(status="aired")

    response = client.get(f"/feeds/channels/{channel.feed_token}.rss")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    items = ET.fromstring(response.content).findall("./channel/item")
    assert [item.findtext("guid") for item in items] == [f"{due.key}:{due.version}"]
    assert items[0].findtext("description") == due.text
    token = items[0].findtext("link").rsplit("/", 1)[1]
    assert aired_token_read(token)["id"] == due.pk
    assert "no-cache" in response["Cache-Control"]


def test_an_unknown_feed_token_is_404(client):
    ChannelFactory(pull_feed=True)
    assert client.get("/feeds/channels/not-a-token.rss").status_code == 404


def test_issuing_a_run_sheet_sends_that_days_broadcasts():
    loudspeaker = ChannelFactory(station=True, late_tolerance_minutes=30)
    operator = UserFactory(username="truong-thon")
    morning, evening, next_day = BroadcastFactory.create_batch(
        3,
        approved=True,
        channel=loudspeaker,
        starts_at=factory.Iterator([at(30, 7, 6), at(30, 7, 17), at(31, 7, 6)]),
    )

    issued = run_sheet_issue(
        channel=loudspeaker,
        day=datetime.date(2017, 7, 30),
        user=operator,
        now=at(30, 7, 5),
    )

    assert [b.pk for b in issued] == [morning.pk, evening.pk]
    for broadcast in (morning, evening, next_day):
        broadcast.refresh_from_db()
    assert (morning.status, evening.status, next_day.status) == (
        "sent",
        "sent",
        "approved",
    )
    event = morning.events.get()
    assert (event.user, event.to_status) == (operator, "sent")
    assert "30/07/2017" in event.note


def test_a_sheet_issued_after_the_time_marks_late_or_missed():
    loudspeaker = ChannelFactory(station=True, late_tolerance_minutes=30)
    strict = ChannelFactory(
        station=True, late_tolerance_minutes=30, skip_when_late=True
    )
    late = BroadcastFactory(approved=True, channel=loudspeaker, starts_at=at(30, 7, 6))
    missed = BroadcastFactory(approved=True, channel=strict, starts_at=at(30, 7, 6))
    day = datetime.date(2017, 7, 30)
    user = UserFactory()
    run_sheet_issue(channel=loudspeaker, day=day, user=user, now=at(30, 7, 9))
    run_sheet_issue(channel=strict, day=day, user=user, now=at(30, 7, 9))
    late.refresh_from_db()
    missed.refresh_from_db()
    assert (late.status, late.late) == ("sent", True)
    assert (missed.status, missed.late) == ("missed", True)


def test_only_run_sheet_channels_issue_sheets():
    with pytest.raises(ValidationError):
        run_sheet_issue(
            channel=ChannelFactory(email=True),
            day=datetime.date(2017, 7, 30),
            user=UserFactory(),
        )
