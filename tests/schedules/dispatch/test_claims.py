"""The dispatcher claims what is due, once, and enqueues after commit only."""

import datetime

import factory
import pytest
from django.db import transaction
from django.utils import translation

from schedules.dispatch.claims import (
    broadcasts_claim_due,
    broadcasts_requeue_stale,
    dispatch_run,
)
from schedules.dispatch.tasks import dispatch_due
from schedules.models import Broadcast, BroadcastStatus
from tests.factories import BroadcastFactory, ChannelFactory
from tests.schedules.dispatch.conftest import at

pytestmark = pytest.mark.django_db

NOW = at(30, 7, 7, 30)


def statuses(*broadcasts):
    return [Broadcast.objects.get(pk=b.pk).status for b in broadcasts]


def test_claims_what_each_channels_lead_time_makes_due():
    radio = ChannelFactory(webhook=True, lead_minutes=0)
    paper = ChannelFactory(email=True, lead_minutes=60)
    now_radio = BroadcastFactory(
        approved=True, channel=radio, starts_at=at(30, 7, 7, 30)
    )
    later_radio = BroadcastFactory(approved=True, channel=radio, starts_at=at(30, 7, 8))
    paper_at_8 = BroadcastFactory(approved=True, channel=paper, starts_at=at(30, 7, 8))
    paper_at_9 = BroadcastFactory(approved=True, channel=paper, starts_at=at(30, 7, 9))

    batch = broadcasts_claim_due(now=NOW)

    assert sorted(batch.claimed) == sorted([now_radio.pk, paper_at_8.pk])
    assert statuses(now_radio, later_radio, paper_at_8, paper_at_9) == [
        "dispatching",
        "approved",
        "dispatching",
        "approved",
    ]


def test_leaves_drafts_inactive_channels_and_run_sheets_alone():
    radio = ChannelFactory(webhook=True)
    closed = ChannelFactory(webhook=True, active=False)
    loudspeaker = ChannelFactory(station=True)
    draft = BroadcastFactory(
        channel=radio, starts_at=at(30, 7, 7), status=BroadcastStatus.DRAFT
    )
    on_closed = BroadcastFactory(approved=True, channel=closed, starts_at=at(30, 7, 7))
    on_paper = BroadcastFactory(
        approved=True, channel=loudspeaker, starts_at=at(30, 7, 7)
    )

    assert broadcasts_claim_due(now=NOW).claimed == []
    assert statuses(draft, on_closed, on_paper) == ["draft", "approved", "approved"]


def test_a_claim_is_logged_and_enqueued_only_after_commit(
    django_capture_on_commit_callbacks,
):
    radio = ChannelFactory(webhook=True)
    due = BroadcastFactory(approved=True, channel=radio, starts_at=at(30, 7, 7, 25))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        broadcasts_claim_due(now=NOW)

    due.refresh_from_db()
    assert due.status == "dispatching"
    assert due.claimed_at == NOW
    assert due.late is False
    event = due.events.get()
    assert (event.from_status, event.to_status, event.actor, event.at) == (
        "approved",
        "dispatching",
        "dispatcher",
        NOW,
    )
    assert len(callbacks) == 1


def test_a_rolled_back_claim_enqueues_nothing(django_capture_on_commit_callbacks):
    radio = ChannelFactory(webhook=True)
    due = BroadcastFactory(approved=True, channel=radio, starts_at=at(30, 7, 7, 25))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            broadcasts_claim_due(now=NOW)
            raise RuntimeError("the surrounding work failed")

    assert callbacks == []
    due.refresh_from_db()
    assert due.status == "approved"


def test_a_second_run_over_the_same_rows_claims_nothing():
    radio = ChannelFactory(webhook=True)
    BroadcastFactory.create_batch(
        5,
        approved=True,
        channel=radio,
        starts_at=factory.Iterator([at(30, 7, 7, minute) for minute in range(5)]),
    )

    first = broadcasts_claim_due(now=NOW)
    second = broadcasts_claim_due(now=NOW)

    assert len(first.claimed) == 5
    assert second.claimed == []


def test_claimed_past_the_tolerance_is_sent_late_or_missed_never_dropped(
    django_capture_on_commit_callbacks,
):
    radio = ChannelFactory(webhook=True, late_tolerance_minutes=15)
    strict = ChannelFactory(
        webhook=True, late_tolerance_minutes=15, skip_when_late=True
    )
    in_time = BroadcastFactory(approved=True, channel=radio, starts_at=at(30, 7, 7, 15))
    late = BroadcastFactory(approved=True, channel=radio, starts_at=at(30, 7, 7, 14))
    skipped = BroadcastFactory(approved=True, channel=strict, starts_at=at(30, 7, 7, 0))

    with django_capture_on_commit_callbacks(execute=False), translation.override("en"):
        batch = broadcasts_claim_due(now=NOW)

    assert batch.late == [late.pk]
    assert batch.missed == [skipped.pk]
    assert sorted(batch.claimed) == sorted([in_time.pk, late.pk])
    late.refresh_from_db()
    skipped.refresh_from_db()
    assert (late.status, late.late) == ("dispatching", True)
    assert (skipped.status, skipped.late) == ("missed", True)
    assert late.events.get().note == "Claimed 16 minutes after it was due."
    assert skipped.events.get().to_status == "missed"


def test_a_run_claims_every_due_broadcast_batch_by_batch(settings):
    settings.DISPATCH_BATCH_SIZE = 3
    radio = ChannelFactory(webhook=True, late_tolerance_minutes=600)
    BroadcastFactory.create_batch(
        7,
        approved=True,
        channel=radio,
        starts_at=factory.Iterator([at(30, 7, 7, minute) for minute in range(7)]),
    )

    run = dispatch_run(now=NOW)

    assert run.claimed == 7
    assert Broadcast.objects.filter(status="dispatching").count() == 7
    assert str(run).startswith("claimed 7")


def test_lost_deliveries_are_enqueued_again_once_nobody_holds_them(settings):
    settings.DISPATCH_REQUEUE_AFTER_SECONDS = 300
    radio = ChannelFactory(webhook=True)
    lost, in_flight, recent = BroadcastFactory.create_batch(
        3,
        approved=True,
        channel=radio,
        starts_at=factory.Iterator([at(30, 7, 6), at(30, 7, 6, 5), at(30, 7, 6, 10)]),
    )
    long_ago = NOW - datetime.timedelta(minutes=10)
    Broadcast.objects.filter(pk__in=[lost.pk, in_flight.pk]).update(
        status="dispatching", next_attempt_at=long_ago
    )
    Broadcast.objects.filter(pk=in_flight.pk).update(
        lease_until=NOW + datetime.timedelta(seconds=30)
    )
    Broadcast.objects.filter(pk=recent.pk).update(
        status="dispatching", next_attempt_at=NOW - datetime.timedelta(seconds=60)
    )

    assert broadcasts_requeue_stale(now=NOW) == [lost.pk]
    assert broadcasts_requeue_stale(now=NOW) == []
    note = lost.events.get().note
    assert note
    # Its lease expired: the holder died mid-send. Enqueued again after the wait.
    later = NOW + datetime.timedelta(minutes=6)
    assert sorted(broadcasts_requeue_stale(now=later)) == [
        lost.pk,
        in_flight.pk,
        recent.pk,
    ]


@pytest.mark.parametrize(
    "tolerance_minutes, requeued_after",
    [
        (2, 30),  # a quarter of the tolerance: a crash costs it 30 s, not 5 min
        (15, 120),  # capped by DISPATCH_REQUEUE_AFTER_SECONDS
        (1, 15),  # never sooner than DISPATCH_REQUEUE_MIN_SECONDS
        (0, 15),
    ],
)
def test_a_lost_delivery_is_enqueued_again_well_within_its_channels_tolerance(
    settings, tolerance_minutes, requeued_after
):
    settings.DISPATCH_REQUEUE_AFTER_SECONDS = 120
    settings.DISPATCH_REQUEUE_MIN_SECONDS = 15
    channel = ChannelFactory(webhook=True, late_tolerance_minutes=tolerance_minutes)
    lost = BroadcastFactory(approved=True, channel=channel, starts_at=NOW)
    Broadcast.objects.filter(pk=lost.pk).update(
        status="dispatching", next_attempt_at=NOW
    )

    just_before = NOW + datetime.timedelta(seconds=requeued_after - 1)
    assert broadcasts_requeue_stale(now=just_before) == []
    assert broadcasts_requeue_stale(
        now=NOW + datetime.timedelta(seconds=requeued_after)
    ) == [lost.pk]


def test_the_most_pressed_channel_sets_the_wait_for_all(settings):
    settings.DISPATCH_REQUEUE_AFTER_SECONDS = 120
    slow = ChannelFactory(webhook=True, late_tolerance_minutes=600)
    fast = ChannelFactory(webhook=True, late_tolerance_minutes=2)
    waiting = BroadcastFactory(approved=True, channel=slow, starts_at=NOW)
    pressed = BroadcastFactory(approved=True, channel=fast, starts_at=NOW)
    Broadcast.objects.filter(pk__in=[waiting.pk, pressed.pk]).update(
        status="dispatching", next_attempt_at=NOW
    )

    later = NOW + datetime.timedelta(seconds=30)
    assert sorted(broadcasts_requeue_stale(now=later)) == sorted(
        [waiting.pk, pressed.pk]
    )


def test_healthz_reports_the_age_of_the_last_dispatcher_run(client):
    dispatch_due.apply()
    body = client.get("/healthz").json()
    assert 0 <= body["jobs_age_seconds"]["dispatcher"] < 60
