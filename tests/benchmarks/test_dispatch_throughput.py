"""Dispatch throughput on Redis against Celery's own, measured in the same run.

10,000 due broadcasts (DISPATCH_BENCH_N to change it) go to a local receiver with one
worker, then two. The baseline is Celery's built-in no-op task (``celery.accumulate``)
through the same broker, the same worker settings and the same worker count. The
target is a ratio of at least 0.5; the run also checks that no broadcast arrived
twice. Workers run without DEBUG and keep their database connections, as a
production deployment should.
"""

import datetime
import os
import time

import pytest
import redis
from django.db import connection
from django.utils import timezone

from cms.celery import app as celery_app
from schedules.dispatch.claims import dispatch_run
from schedules.models import Broadcast
from tests.conftest import require_service
from tests.factories import dispatch_broadcasts, dispatch_channel
from tests.schedules.dispatch.processes import DispatchWorker, purge
from tests.schedules.dispatch.receiver import Receiver

N = int(os.environ.get("DISPATCH_BENCH_N", "10000"))
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


def dispatch_rate(tmp_path, workers, receiver) -> tuple[float, float]:
    purge()
    channel = dispatch_channel(
        "webhook",
        webhook_url=receiver.url,
        webhook_secret=SECRET,
        late_tolerance_minutes=30_000,
    )
    now = timezone.now()
    starts = [now - datetime.timedelta(seconds=i + 1) for i in range(N)]
    dispatch_broadcasts(channel, starts)
    began = time.perf_counter()
    run = dispatch_run()
    claim_seconds = time.perf_counter() - began
    assert run.claimed == N

    def all_sent():
        return Broadcast.objects.filter(channel=channel, status="sent").count() == N

    seconds = measure(tmp_path, workers, f"dispatch{workers}-", all_sent)
    return N / seconds, N / claim_seconds


@pytest.mark.integration
def test_dispatch_throughput_against_celerys_own(
    transactional_db, django_db_serialized_rollback, tmp_path, settings
):
    require_service("PostgreSQL", connection.vendor == "postgresql")
    require_service("Redis", celery_app.conf.broker_url.startswith("redis"))
    settings.DISPATCH_BATCH_SIZE = 1000
    client = broker_client()
    lines = [f"dispatch throughput, {N} broadcasts, Redis, prefork concurrency 1"]
    with Receiver(secret=SECRET) as receiver:
        for workers in (1, 2):
            baseline = noop_rate(client, tmp_path, workers)
            rate, claim_rate = dispatch_rate(tmp_path, workers, receiver)
            lines.append(
                f"  {workers} worker(s): no-op {baseline:7.0f}/s, "
                f"broadcasts {rate:7.0f}/s, ratio {rate / baseline:.2f} "
                f"(target ≥ 0.50); dispatcher claimed {claim_rate:.0f}/s"
            )
    duplicates = receiver.duplicates()
    lines.append(
        f"  calls {receiver.total_calls} for {2 * N} broadcasts, "
        f"duplicates {len(duplicates)}, bad signatures {receiver.bad_signatures}"
    )
    print("\n" + "\n".join(lines))
    assert duplicates == {}
    assert receiver.total_calls == 2 * N
