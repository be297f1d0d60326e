"""Redis stopped, then started again: nothing lost, the overdue marked late.

The issue asks for a minute without Redis; the suite stops it for OUTAGE_SECONDS
(20 s by default to keep the suite quick, the full 60 s with RELIABILITY_FULL=1).
The Redis here is a throwaway redis-server on a free port, never the shared one, and
it keeps nothing on disk: whatever was queued in it when it stops is gone.
"""

import datetime
import os
import shutil
import time

import factory
import pytest
from django.utils import timezone

from cms.models import JobRun
from schedules.dispatch.claims import dispatch_run
from schedules.dispatch.tasks import dispatch_due
from schedules.models import Broadcast
from tests.conftest import require_service
from tests.factories import BroadcastFactory, ChannelFactory
from tests.integration.conftest import wait_until
from tests.schedules.dispatch.processes import DispatchWorker, RedisServer, broker
from tests.schedules.dispatch.receiver import HOLD, Receiver

pytestmark = pytest.mark.integration

OUTAGE_SECONDS = 60 if os.environ.get("RELIABILITY_FULL") else 20
SECRET = "bí-mật-kênh"


@pytest.fixture
def own_redis(tmp_path):
    require_service("redis-server", shutil.which("redis-server") is not None)
    server = RedisServer(tmp_path / "redis.log")
    server.start()
    yield server
    server.stop()


def channel(receiver, **fields):
    return ChannelFactory(
        webhook=True, webhook_url=receiver.url, webhook_secret=SECRET, **fields
    )


def test_a_redis_outage_loses_nothing_and_marks_the_overdue_late(
    transactional_db, django_db_serialized_rollback, own_redis, tmp_path, settings
):
    settings.DISPATCH_REQUEUE_AFTER_SECONDS = 5
    hold_first = lambda index, key: HOLD if index == 0 else 200  # noqa: E731
    with broker(own_redis.url), Receiver(secret=SECRET, behaviour=hold_first) as rx:
        # Tolerant channels are never late here; a strict one is late at once.
        tolerant = channel(rx, late_tolerance_minutes=60)
        strict = channel(rx, late_tolerance_minutes=0)
        skipping = channel(rx, late_tolerance_minutes=0, skip_when_late=True)
        now = timezone.now()
        ago = [now - datetime.timedelta(seconds=s) for s in (120, 90, 80, 70)]
        in_flight, *queued = BroadcastFactory.create_batch(
            len(ago), approved=True, channel=tolerant, starts_at=factory.Iterator(ago)
        )
        # Due during the outage, when neither beat nor any worker can be reached.
        soon = now + datetime.timedelta(seconds=8)
        tolerated = BroadcastFactory(approved=True, channel=tolerant, starts_at=soon)
        late = BroadcastFactory(approved=True, channel=strict, starts_at=soon)
        skipped = BroadcastFactory(approved=True, channel=skipping, starts_at=soon)
        everything = [in_flight, *queued, tolerated, late, skipped]

        worker = DispatchWorker(
            tmp_path / "worker.log", name="outage", CELERY_BROKER_URL=own_redis.url
        )
        try:
            dispatch_run()
            # The worker is busy with the first; the other three wait in Redis.
            assert rx.holding.wait(30), worker.output()[-3000:]
            own_redis.stop()
            stopped_at = time.monotonic()
            rx.release()  # the held call drops; its retry cannot reach the broker
            time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - stopped_at)))
            own_redis.start()

            def settled():
                dispatch_due.apply()  # what beat does every 30 s, once it can again
                pending = Broadcast.objects.filter(
                    pk__in=[b.pk for b in everything],
                    status__in=["approved", "dispatching"],
                )
                return not pending.exists()

            assert wait_until(settled, 120, 1), worker.output()[-3000:]
            time.sleep(2)
        finally:
            worker.stop()

    for broadcast in everything:
        broadcast.refresh_from_db()
    sent = [in_flight, *queued, tolerated, late]
    assert [b.status for b in sent] == ["sent"] * len(sent)
    assert (skipped.status, skipped.late) == ("missed", True)
    # Each reached the channel once; the skipped one never did.
    assert rx.duplicates() == {}
    assert set(rx.accepted) == {f"{b.key}:{b.version}" for b in sent}
    # Past its tolerance when claimed after the outage: late. Within it: not.
    assert late.late is True
    assert [b.late for b in (in_flight, *queued, tolerated)] == [False] * 5
    # The ones lost with Redis were found and enqueued again by the dispatcher.
    for broadcast in queued:
        assert broadcast.events.filter(
            from_status="dispatching", to_status="dispatching"
        ).exists()
    assert JobRun.objects.filter(name="dispatcher").exists()
