"""A delivery task carrying many broadcasts, with a real worker killed in its middle."""

import datetime
import time

import factory
import pytest
from django.utils import timezone

from schedules.dispatch.claims import dispatch_run
from schedules.models import Broadcast
from tests.factories import BroadcastFactory, ChannelFactory
from tests.integration.conftest import wait_until
from tests.schedules.dispatch.processes import settle
from tests.schedules.dispatch.receiver import HOLD, Receiver

pytestmark = pytest.mark.integration

SECRET = "bí-mật-kênh"


def test_a_worker_killed_in_the_middle_of_a_batch_delivers_each_broadcast_once(
    workers, settings
):
    """Twenty broadcasts of one channel go out in one task; the receiver holds the
    eleventh call and the worker is SIGKILLed while it waits. The ten before it are
    recorded sent; the held one and the nine the task never reached are enqueued
    again by the dispatcher and sent once each by another worker."""
    settings.DISPATCH_REQUEUE_AFTER_SECONDS = 120
    settings.DISPATCH_REQUEUE_MIN_SECONDS = 15
    settings.DISPATCH_DELIVERY_BATCH_SIZE = 25
    count = 20
    behaviour = lambda index, key: HOLD if index == 10 else 200  # noqa: E731
    # A lease long enough for the batch to have time for all twenty (a quarter of
    # it, 3 s), still short enough to expire before the dispatcher looks again.
    env = {"DISPATCH_LEASE_SECONDS": "12", "DISPATCH_WEBHOOK_READ_TIMEOUT": "2"}
    with Receiver(secret=SECRET, behaviour=behaviour) as receiver:
        channel = ChannelFactory(
            webhook=True,
            webhook_url=receiver.url,
            webhook_secret=SECRET,
            late_tolerance_minutes=2,
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
        assert dispatch_run().claimed == count
        assert receiver.holding.wait(60), first.output()[-3000:]
        first.kill()
        receiver.release()
        # The kill came in the middle of the batch: ten recorded, ten not.
        statuses = list(
            Broadcast.objects.order_by("starts_at").values_list("status", flat=True)
        )
        assert statuses == ["sent"] * 10 + ["dispatching"] * 10

        killed_at = time.monotonic()
        second = workers(**env)

        def all_sent():
            dispatch_run()
            return Broadcast.objects.filter(status="sent").count() == count

        assert wait_until(all_sent, 110, 1), second.output()[-3000:]
        delay = time.monotonic() - killed_at
        settle(2)

    print(f"all {count} broadcasts out {delay:.0f} s after the kill")
    assert receiver.duplicates() == {}
    assert set(receiver.accepted) == {f"{b.key}:{b.version}" for b in broadcasts}
    # Every broadcast once, plus the held one again, with the same key.
    assert receiver.total_calls == count + 1
    assert receiver.bad_signatures == 0
    for broadcast in Broadcast.objects.all():
        assert list(broadcast.events.values_list("to_status", flat=True))[-1] == "sent"
        assert broadcast.events.filter(to_status="sent").count() == 1
