"""Dispatch under crashes and races, with a real worker, broker and database.

A local HTTP receiver plays the channel and counts every call. Runs on whatever the
environment names: PostgreSQL + Redis in CI, SQLite + the filesystem broker by default.
"""

import datetime
import json
import threading
import time

import factory
import pytest
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from schedules.dispatch.claims import broadcasts_claim_due, dispatch_run
from schedules.dispatch.services import broadcast_cancel
from schedules.dispatch.signing import webhook_signature
from schedules.models import Broadcast, ReachRecord
from tests.factories import BroadcastFactory, ChannelFactory
from tests.integration.conftest import wait_until
from tests.schedules.dispatch.processes import (
    DispatchWorker,
    purge,
    queued_messages,
    settle,
)
from tests.schedules.dispatch.receiver import HANG, HOLD, Receiver

pytestmark = pytest.mark.integration

SECRET = "bí-mật-kênh"


@pytest.fixture(scope="module")
def module_worker(django_db_setup, django_db_blocker, tmp_path_factory):
    """One worker for the tests that do not kill it: starting one takes seconds."""
    with django_db_blocker.unblock():
        purge()
        worker = DispatchWorker(
            tmp_path_factory.mktemp("dispatch") / "worker.log",
            name="shared",
            DISPATCH_MAX_ATTEMPTS="3",
            DISPATCH_WEBHOOK_READ_TIMEOUT="2",
        )
    yield worker
    worker.stop()


@pytest.fixture
def worker(module_worker, transactional_db, django_db_serialized_rollback):
    return module_worker


def due_broadcasts(receiver, count, **channel_fields):
    channel = ChannelFactory(
        webhook=True,
        webhook_url=receiver.url,
        webhook_secret=SECRET,
        late_tolerance_minutes=600,
        **channel_fields,
    )
    now = timezone.now()
    starts = [now - datetime.timedelta(minutes=i + 1) for i in range(count)]
    return BroadcastFactory.create_batch(
        len(starts), approved=True, channel=channel, starts_at=factory.Iterator(starts)
    )


def keys(broadcasts):
    return {f"{b.key}:{b.version}" for b in broadcasts}


def all_settled(broadcasts, rerun_dispatcher=False):
    def check():
        if rerun_dispatcher:
            dispatch_run()
        pending = Broadcast.objects.filter(
            pk__in=[b.pk for b in broadcasts], status__in=["approved", "dispatching"]
        )
        return not pending.exists()

    return check


def test_a_worker_killed_mid_delivery_still_delivers_each_broadcast_once(
    workers, settings, client
):
    """SIGKILL the worker while a delivery is in flight, then start another.

    The receiver holds the 11th call open, the worker is killed while waiting for
    the answer, and the call is dropped unanswered. The dispatcher enqueues that
    broadcast again once its lease has run out, and the ones the dead worker had
    taken from the broker but not run, well within the channel's late tolerance
    (two minutes, late ones skipped): on the five-minute wait of old, all were
    missed. The broker would only give the unacknowledged message back after its
    one-hour visibility timeout.
    """
    settings.DISPATCH_REQUEUE_AFTER_SECONDS = 120
    settings.DISPATCH_REQUEUE_MIN_SECONDS = 15
    count = 30
    behaviour = lambda index, key: HOLD if index == 10 else 200  # noqa: E731
    # A short lease, still longer than any send can take (1 s + 2 s timeouts).
    env = {"DISPATCH_LEASE_SECONDS": "4", "DISPATCH_WEBHOOK_READ_TIMEOUT": "2"}
    with Receiver(secret=SECRET, behaviour=behaviour) as receiver:
        channel = ChannelFactory(
            webhook=True,
            webhook_url=receiver.url,
            webhook_secret=SECRET,
            late_tolerance_minutes=2,
            skip_when_late=True,
        )
        now = timezone.now()
        broadcasts = BroadcastFactory.create_batch(
            count,
            approved=True,
            channel=channel,
            starts_at=factory.Iterator(
                [now - datetime.timedelta(seconds=i) for i in range(count)]
            ),
        )
        first = workers(**env)
        dispatch_run()
        assert receiver.holding.wait(60), first.output()[-3000:]
        first.kill()
        killed_at = time.monotonic()
        receiver.release()
        second = workers(**env)
        assert wait_until(all_settled(broadcasts, True), 110, 1), second.output()[
            -3000:
        ]
        delay = time.monotonic() - killed_at
        settle(2)

    print(f"all {count} broadcasts out {delay:.0f} s after the kill")
    assert not Broadcast.objects.filter(late=True).exists()
    assert Broadcast.objects.filter(status="sent").count() == count
    # What the channel aired: one 2xx answer per broadcast, none twice.
    assert receiver.duplicates() == {}
    assert set(receiver.accepted) == keys(broadcasts)
    # What went over the wire: every broadcast once, plus the one whose call was
    # cut by the kill and never answered, sent again with the same key.
    assert receiver.total_calls == count + 1
    assert receiver.bad_signatures == 0

    # The channel confirms each one, twice: still one reach record each.
    for broadcast in broadcasts:
        body = json.dumps({"key": str(broadcast.key)}).encode()
        for _ in range(2):
            response = client.post(
                f"/api/broadcasts/{broadcast.pk}/aired",
                data=body,
                content_type="application/json",
                headers={"X-Signature": webhook_signature(SECRET, body)},
            )
            assert response.status_code == 200
    per_broadcast = (
        ReachRecord.objects.values("broadcast").annotate(n=Count("pk")).values("n")
    )
    assert [row["n"] for row in per_broadcast] == [1] * count


def test_two_dispatcher_runs_at_once_never_claim_the_same_broadcast(worker, settings):
    settings.DISPATCH_BATCH_SIZE = 10
    count = 120
    with Receiver(secret=SECRET) as receiver:
        broadcasts = due_broadcasts(receiver, count)
        now = timezone.now()
        barrier = threading.Barrier(2)
        claimed = [[], []]
        errors = []

        def dispatcher(index):
            try:
                barrier.wait()
                while batch := broadcasts_claim_due(now=now):
                    if not batch.claimed:
                        break
                    claimed[index].extend(batch.claimed)
            except Exception as exc:  # noqa: BLE001 - reported by the test below
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=dispatcher, args=(i,)) for i in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)

        assert errors == []
        assert set(claimed[0]).isdisjoint(claimed[1])
        assert sorted(claimed[0] + claimed[1]) == sorted(b.pk for b in broadcasts)

        assert wait_until(all_settled(broadcasts), 90), worker.output()[-3000:]

    assert receiver.total_calls == count
    assert receiver.duplicates() == {}


def test_retries_back_off_then_deliver_or_give_up_with_the_reason(worker):
    """503, 503, then 200: delivered once. Always 500: failed after the last
    attempt, and no more calls. Never answers: timeouts, retried, then failed."""
    answers = [503, 503, 200]
    with (
        Receiver(secret=SECRET, behaviour=lambda i, key: answers[i]) as flaky,
        Receiver(secret=SECRET, behaviour=lambda i, key: 500) as broken,
        Receiver(secret=SECRET, behaviour=lambda i, key: HANG, hang_seconds=3) as mute,
    ):
        (recovers,) = due_broadcasts(flaky, 1)
        (fails,) = due_broadcasts(broken, 1)
        (times_out,) = due_broadcasts(mute, 1)
        dispatch_run()
        everything = [recovers, fails, times_out]
        assert wait_until(all_settled(everything), 90), worker.output()[-3000:]
        settle(3)

    for broadcast in everything:
        broadcast.refresh_from_db()
    assert (recovers.status, recovers.attempts) == ("sent", 3)
    assert flaky.total_calls == 3
    assert flaky.accepted == {f"{recovers.key}:{recovers.version}": 1}

    assert (fails.status, fails.attempts) == ("failed", 3)
    assert "HTTP 500" in fails.last_error
    assert broken.total_calls == 3

    assert (times_out.status, times_out.attempts) == ("failed", 3)
    assert "timeout" in times_out.last_error
    assert mute.total_calls == 3
    # The claim, each failed attempt with its reason, and the end are in the log.
    log = list(fails.events.values_list("to_status", flat=True))
    assert log == ["dispatching", "dispatching", "dispatching", "failed"]


def hold_the_worker(receiver):
    """Keep the only worker busy on a held call, so what is queued stays queued.

    With prefetch 1 and late acks it takes nothing more until that call ends (at
    its read timeout, 2 s, or when the receiver lets go).
    """
    (blocker,) = due_broadcasts(receiver, 1)
    dispatch_run()
    assert receiver.holding.wait(30)
    return blocker


def test_a_broadcast_cancelled_after_its_claim_is_not_delivered(worker):
    hold_first = lambda index, key: HOLD if index == 0 else 200  # noqa: E731
    with Receiver(secret=SECRET, behaviour=hold_first) as receiver:
        blocker = hold_the_worker(receiver)
        cancelled, kept = due_broadcasts(receiver, 2)
        dispatch_run()  # both claimed and enqueued behind the held call
        broadcast_cancel(broadcast_id=cancelled.pk, reason="Đổi lịch phát sóng.")
        receiver.release()
        assert wait_until(all_settled([blocker, kept]), 60), worker.output()[-3000:]
        settle(1)
        assert queued_messages() == 0  # its task ran, and found nothing to send

    cancelled.refresh_from_db()
    assert cancelled.status == "cancelled"
    assert receiver.accepted == {f"{kept.key}:{kept.version}": 1} | {
        f"{blocker.key}:{blocker.version}": 1
    }


def test_a_rolled_back_transaction_enqueues_nothing(worker):
    hold_first = lambda index, key: HOLD if index == 0 else 200  # noqa: E731
    with Receiver(secret=SECRET, behaviour=hold_first) as receiver:
        blocker = hold_the_worker(receiver)
        (broadcast,) = due_broadcasts(receiver, 1)
        with pytest.raises(RuntimeError), transaction.atomic():
            broadcasts_claim_due(now=timezone.now())
            raise RuntimeError("the request failed after the claim")
        assert queued_messages() == 0
        broadcast.refresh_from_db()
        assert broadcast.status == "approved"

        dispatch_run()
        assert queued_messages() == 1
        receiver.release()
        assert wait_until(all_settled([blocker, broadcast]), 60), worker.output()[
            -3000:
        ]

    assert receiver.accepted[f"{broadcast.key}:{broadcast.version}"] == 1
