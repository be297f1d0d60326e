"""Dispatch throughput on Redis against Celery's own, measured in the same run.

10,000 due broadcasts (DISPATCH_BENCH_N to change it) go to a local receiver with one
worker, then two (DISPATCH_BENCH_CONCURRENCY pool processes each, 1 by default). The
baseline is Celery's built-in no-op task (``celery.accumulate``) through the same
broker, the same worker settings and the same worker count. The target is a ratio of
at least 0.5; the run also checks that no broadcast arrived twice. A second
reference, the "floor" (``floor.py``), does only the three steps no delivery can
skip, in bare SQL: how close dispatch comes to it says how much of the gap is ours.
Workers run without DEBUG and keep their database connections, as production does.
"""

import datetime
import os
import time

import factory
import pytest
import redis
from django.db import connection
from django.utils import timezone

from cms.celery import app as celery_app
from schedules.dispatch.claims import dispatch_run
from schedules.models import Broadcast
from tests.benchmarks.floor import NAME as FLOOR_TASK
from tests.conftest import require_service
from tests.factories import BroadcastFactory, ChannelFactory
from tests.schedules.dispatch.processes import DispatchWorker, purge
from tests.schedules.dispatch.receiver import Receiver

N = int(os.environ.get("DISPATCH_BENCH_N", "10000"))
CONCURRENCY = int(os.environ.get("DISPATCH_BENCH_CONCURRENCY", "1"))
SECRET = "bí-mật-kênh"
# As in production: no debug bookkeeping, database connections kept.
WORKER_ENV = {"DEBUG": "0", "DATABASE_CONN_MAX_AGE": "60"}


def broker_client():
    return redis.Redis.from_url(celery_app.conf.broker_url)


def broker_idle(client, unacked_before: int) -> bool:
    """Nothing waiting and nothing in flight (kombu keeps unacked ones in a hash;
    one left by a worker killed in another test stays there for an hour)."""
    return client.llen("celery") == 0 and client.hlen("unacked") <= unacked_before


def start_workers(tmp_path, count, label):
    """Workers that listen to a queue nobody uses, until told to take "celery"."""
    return [
        DispatchWorker(
            tmp_path / f"{label}-{i}.log",
            name=f"{label}{i}",
            concurrency=CONCURRENCY,
            include=["tests.benchmarks.floor"],
            queues="bench-idle",
            **WORKER_ENV,
        )
        for i in range(count)
    ]


def measure(tmp_path, workers: int, label: str, done) -> float:
    """Seconds from the moment all workers are told to consume the filled queue to
    ``done()``: neither enqueueing nor worker start-up is part of it."""
    started_workers = start_workers(tmp_path, workers, label)
    try:
        started = time.perf_counter()
        replies = celery_app.control.add_consumer(
            "celery",
            destination=[worker.nodename for worker in started_workers],
            reply=True,
            timeout=5,
        )
        assert len(replies) == workers, replies
        deadline = time.monotonic() + max(120, N / 10)
        while not done():
            if time.monotonic() > deadline:
                raise AssertionError("benchmark run did not finish")
            # Polling lightly: this process also runs the receiver.
            time.sleep(0.05)
        return time.perf_counter() - started
    finally:
        for worker in started_workers:
            worker.stop()


def noop_rate(client, tmp_path, workers) -> float:
    purge()
    for i in range(N):
        celery_app.send_task("celery.accumulate", args=(i,))
    unacked = client.hlen("unacked")
    seconds = measure(
        tmp_path, workers, f"noop{workers}-", lambda: broker_idle(client, unacked)
    )
    return N / seconds


def due_broadcasts(receiver):
    channel = ChannelFactory(
        webhook=True,
        webhook_url=receiver.url,
        webhook_secret=SECRET,
        late_tolerance_minutes=30_000,
    )
    now = timezone.now()
    starts = [now - datetime.timedelta(seconds=i + 1) for i in range(N)]
    return channel, BroadcastFactory.create_batch(
        len(starts), approved=True, channel=channel, starts_at=factory.Iterator(starts)
    )


def all_sent(channel):
    return lambda: Broadcast.objects.filter(channel=channel, status="sent").count() == N


def floor_rate(tmp_path, workers, receiver) -> float:
    purge()
    channel, broadcasts = due_broadcasts(receiver)
    Broadcast.objects.filter(channel=channel).update(status="dispatching")
    for broadcast in broadcasts:
        celery_app.send_task(FLOOR_TASK, args=(broadcast.pk, broadcast.version))
    seconds = measure(tmp_path, workers, f"floor{workers}-", all_sent(channel))
    return N / seconds


def dispatch_rate(tmp_path, workers, receiver) -> tuple[float, float]:
    purge()
    channel, _ = due_broadcasts(receiver)
    began = time.perf_counter()
    run = dispatch_run()
    claim_seconds = time.perf_counter() - began
    assert run.claimed == N
    seconds = measure(tmp_path, workers, f"dispatch{workers}-", all_sent(channel))
    return N / seconds, N / claim_seconds


@pytest.mark.integration
def test_dispatch_throughput_against_celerys_own(
    transactional_db, django_db_serialized_rollback, tmp_path, settings
):
    require_service("PostgreSQL", connection.vendor == "postgresql")
    require_service("Redis", celery_app.conf.broker_url.startswith("redis"))
    settings.DISPATCH_BATCH_SIZE = 1000
    client = broker_client()
    lines = [
        f"dispatch throughput, {N} broadcasts, Redis, prefork concurrency {CONCURRENCY}"
    ]
    with Receiver(secret=SECRET) as receiver:
        for workers in (1, 2):
            baseline = noop_rate(client, tmp_path, workers)
            floor = floor_rate(tmp_path, workers, receiver)
            rate, claim_rate = dispatch_rate(tmp_path, workers, receiver)
            lines.append(
                f"  {workers} worker(s): no-op {baseline:5.0f}/s, "
                f"floor {floor:5.0f}/s ({floor / baseline:.2f} of no-op), "
                f"broadcasts {rate:5.0f}/s: {rate / baseline:.2f} of no-op "
                f"(target ≥ 0.50), {rate / floor:.2f} of floor; "
                f"dispatcher claimed {claim_rate:.0f}/s"
            )
    duplicates = receiver.duplicates()
    lines.append(
        f"  calls {receiver.total_calls} for {4 * N} broadcasts (half to the floor), "
        f"duplicates {len(duplicates)}, bad signatures {receiver.bad_signatures}"
    )
    print("\n" + "\n".join(lines))
    assert duplicates == {}
    assert receiver.bad_signatures == 0
    assert receiver.total_calls == 4 * N
