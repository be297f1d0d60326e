"""Several broadcasts of one channel in one delivery task: each still on its own."""

import datetime

import factory
import pytest
from django.db import connection
from django.utils import timezone

from schedules.dispatch.claims import delivery_batches
from schedules.dispatch.delivery import broadcasts_deliver
from schedules.dispatch.services import broadcast_cancel
from schedules.dispatch.tasks import deliver_broadcasts
from schedules.models import Broadcast
from tests.factories import BroadcastFactory, ChannelFactory, MessagePageFactory
from tests.schedules.dispatch.processes import purge, queued_messages
from tests.schedules.dispatch.receiver import Receiver

SECRET = "bí-mật-kênh"


@pytest.fixture(autouse=True)
def fast_retries(settings):
    settings.DISPATCH_MAX_ATTEMPTS = 3
    settings.DISPATCH_WEBHOOK_READ_TIMEOUT = 0.5


def claimed_batch(receiver, count, **fields):
    """``count`` broadcasts of one webhook channel, as the dispatcher leaves them."""
    channel = ChannelFactory(
        webhook=True,
        webhook_url=receiver.url,
        webhook_secret=SECRET,
        late_tolerance_minutes=600,
    )
    now = timezone.now()
    broadcasts = BroadcastFactory.create_batch(
        count,
        approved=True,
        channel=channel,
        starts_at=factory.Iterator(
            [now - datetime.timedelta(minutes=i + 1) for i in range(count)]
        ),
        **fields,
    )
    Broadcast.objects.filter(pk__in=[b.pk for b in broadcasts]).update(
        status="dispatching", claimed_at=now, next_attempt_at=now
    )
    return broadcasts


def items(broadcasts):
    return [(b.pk, b.version) for b in broadcasts]


def outcomes(batch):
    return [result.outcome for _pk, _version, result in batch.results]


@pytest.mark.django_db
def test_a_batch_sends_each_broadcast_once_with_its_own_key_and_log():
    with Receiver(secret=SECRET) as receiver:
        broadcasts = claimed_batch(receiver, 4)
        batch = broadcasts_deliver(items=items(broadcasts))
        again = broadcasts_deliver(items=items(broadcasts))

    assert outcomes(batch) == ["sent"] * 4
    assert outcomes(again) == ["skipped"] * 4
    assert batch.left == []
    assert [call["key"] for call in receiver.calls] == [
        f"{b.key}:{b.version}" for b in broadcasts
    ]
    assert all(call["signed"] for call in receiver.calls)
    assert [call["body"]["id"] for call in receiver.calls] == [b.pk for b in broadcasts]
    for broadcast in broadcasts:
        broadcast.refresh_from_db()
        assert (broadcast.status, broadcast.attempts) == ("sent", 1)
        event = broadcast.events.get()
        assert (event.from_status, event.to_status) == ("dispatching", "sent")


@pytest.mark.django_db(transaction=True)
def test_each_broadcast_is_recorded_sent_before_the_next_one_goes(
    django_db_serialized_rollback,
):
    """What the channel has is committed as sent before the next call starts: a
    worker killed between two calls leaves nothing sent that the rows deny."""
    sent_when_called = []

    def behaviour(index, key):
        try:
            sent_when_called.append(Broadcast.objects.filter(status="sent").count())
        finally:
            connection.close()  # the receiver's thread, not the test's connection
        return 200

    with Receiver(secret=SECRET, behaviour=behaviour) as receiver:
        broadcasts = claimed_batch(receiver, 4)
        batch = broadcasts_deliver(items=items(broadcasts))

    assert outcomes(batch) == ["sent"] * 4
    assert sent_when_called == [0, 1, 2, 3]


@pytest.mark.django_db
def test_in_a_batch_the_cancelled_is_skipped_the_unpublished_failed_the_rest_sent():
    with Receiver(secret=SECRET) as receiver:
        first, cancelled, last = claimed_batch(receiver, 3)
        withdrawn = claimed_batch(
            receiver, 1, message=MessagePageFactory(loudspeaker_script=True)
        )[0]
        broadcast_cancel(broadcast_id=cancelled.pk, reason="Trùng giờ phát sóng.")
        withdrawn.message.unpublish()
        batch = broadcasts_deliver(items=items([first, cancelled, withdrawn, last]))

    assert outcomes(batch) == ["sent", "skipped", "failed", "sent"]
    assert receiver.keys == {f"{b.key}:{b.version}" for b in (first, last)}
    withdrawn.refresh_from_db()
    assert withdrawn.status == "failed"
    assert withdrawn.last_error


@pytest.mark.django_db
def test_a_failure_worth_retrying_hands_the_rest_back_untried():
    answers = [200, 503]
    with Receiver(secret=SECRET, behaviour=lambda i, key: answers[i]) as receiver:
        broadcasts = claimed_batch(receiver, 5)
        batch = broadcasts_deliver(items=items(broadcasts))

    assert outcomes(batch) == ["sent", "retry"]
    assert batch.results[1][2].retry_in > 0
    assert batch.left == items(broadcasts[2:])
    assert receiver.total_calls == 2
    retried = Broadcast.objects.get(pk=broadcasts[1].pk)
    assert (retried.status, retried.attempts) == ("dispatching", 1)
    assert "HTTP 503" in retried.last_error
    untried = Broadcast.objects.filter(pk__in=[b.pk for b in broadcasts[2:]])
    assert [(b.status, b.attempts) for b in untried] == [("dispatching", 0)] * 3


@pytest.mark.django_db
def test_a_batch_out_of_time_hands_the_rest_back():
    with Receiver(secret=SECRET) as receiver:
        broadcasts = claimed_batch(receiver, 3)
        batch = broadcasts_deliver(items=items(broadcasts), budget_seconds=0)

    assert outcomes(batch) == ["sent"]
    assert batch.left == items(broadcasts[1:])
    assert receiver.total_calls == 1


@pytest.mark.django_db
def test_the_task_enqueues_the_retry_alone_and_the_rest_together(settings):
    settings.DISPATCH_RETRY_BASE_SECONDS = 60
    answers = [503]
    purge()
    with Receiver(secret=SECRET, behaviour=lambda i, key: answers[i]) as receiver:
        broadcasts = claimed_batch(receiver, 3)
        deliver_broadcasts.apply(args=([list(item) for item in items(broadcasts)],))

    # The one that failed waits for its retry; the two untried go back as one task.
    assert receiver.total_calls == 1
    assert queued_messages() == 2
    purge()


def test_deliveries_are_batched_per_channel_in_the_order_they_were_due(settings):
    settings.DISPATCH_DELIVERY_BATCH_SIZE = 2
    radio, paper = 7, 9
    claimed = [
        (1, 1, radio),
        (2, 1, paper),
        (3, 2, radio),
        (4, 1, radio),
        (5, 1, paper),
        (6, 1, radio),
    ]
    assert delivery_batches(claimed) == [
        [(1, 1), (3, 2)],
        [(2, 1), (5, 1)],
        [(4, 1), (6, 1)],
    ]
