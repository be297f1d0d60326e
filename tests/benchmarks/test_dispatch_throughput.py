"""Dispatch throughput on PostgreSQL + Redis against the floor and Celery's no-op.

10,000 due broadcasts (DISPATCH_BENCH_N to change it) go to a local receiver with one
worker, then two (DISPATCH_BENCH_CONCURRENCY pool processes each, 1 by default). The
reference is the "floor" (``floor.py``): the steps no delivery can skip (lease
UPDATE, signed POST, "sent" UPDATE with its event INSERT) in bare SQL, one Celery
task per broadcast, measured in the same run with the same workers. The target is
at least 0.8 of the floor, with no broadcast arriving twice and none badly signed.
Celery's built-in no-op task (``celery.accumulate``) through the same broker is
reported beside it. Workers run without DEBUG and keep their database connections,
as production does.

Before that, one delivery's time is broken down in this process (cProfile, the
receiver in a process of its own): the database and its ORM, serialisation,
signing, HTTP; Celery's share is the no-op's time per task over the broadcasts a
task carries.
"""

import copy
import datetime
import os
import time
import uuid

import pytest
import redis
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

from cms.celery import app as celery_app
from schedules.dispatch.claims import dispatch_run
from schedules.dispatch.delivery import broadcasts_deliver
from schedules.models import Broadcast
from tests.benchmarks.breakdown import ReceiverProcess, profile
from tests.benchmarks.floor import NAME as FLOOR_TASK
from tests.benchmarks.floor import delivery_floor
from tests.benchmarks.report import report
from tests.conftest import require_service
from tests.factories import BroadcastFactory, ChannelFactory
from tests.schedules.dispatch.processes import DispatchWorker, purge
from tests.schedules.dispatch.receiver import Receiver

N = int(os.environ.get("DISPATCH_BENCH_N", "10000"))
CONCURRENCY = int(os.environ.get("DISPATCH_BENCH_CONCURRENCY", "1"))
# Deliveries timed, then profiled, in this process for the breakdown.
PROFILED = int(os.environ.get("DISPATCH_BENCH_PROFILED", "400"))
SECRET = "bí-mật-kênh"
# As in production: no debug bookkeeping, database connections kept.
WORKER_ENV = {"DEBUG": "0", "DATABASE_CONN_MAX_AGE": "60"}
SHOWN = ("orm", "serialisation", "signing", "http", "logging", "other")


@pytest.fixture
def migrated_rows_kept(django_db_blocker):
    """Put back what the data migrations made (the site, its home page) after the
    flush that ends this transactional test, for the benchmarks run after it.

    Requested before ``transactional_db``, so its teardown runs after that flush.
    """
    yield
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        with django_db_blocker.unblock():
            connection.creation.deserialize_db_from_string(contents)


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
        deadline = time.monotonic() + max(300, N / 5)
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


def due_broadcasts(url: str, count: int) -> tuple:
    """``count`` approved broadcasts of a new channel, due in the last hours: one
    made by the factory, the rest copies of it with their own key and time."""
    channel = ChannelFactory(
        webhook=True,
        webhook_url=url,
        webhook_secret=SECRET,
        late_tolerance_minutes=30_000,
    )
    now = timezone.now()
    first = BroadcastFactory(
        approved=True, channel=channel, starts_at=now - datetime.timedelta(seconds=1)
    )
    length = first.ends_at - first.starts_at
    copies = []
    for i in range(1, count):
        broadcast = copy.copy(first)
        broadcast.pk = None
        broadcast._state = copy.copy(first._state)
        broadcast._state.adding = True
        broadcast.key = uuid.uuid4()
        broadcast.starts_at = now - datetime.timedelta(seconds=i + 1)
        broadcast.ends_at = broadcast.starts_at + length
        copies.append(broadcast)
    Broadcast.objects.bulk_create(copies, batch_size=1000)
    return channel, [first, *copies]


def all_sent(channel):
    return lambda: Broadcast.objects.filter(channel=channel, status="sent").count() == N


def floor_rate(tmp_path, workers, receiver) -> float:
    purge()
    channel, broadcasts = due_broadcasts(receiver.url, N)
    Broadcast.objects.filter(channel=channel).update(status="dispatching")
    for broadcast in broadcasts:
        celery_app.send_task(FLOOR_TASK, args=(broadcast.pk, broadcast.version))
    seconds = measure(tmp_path, workers, f"floor{workers}-", all_sent(channel))
    return N / seconds


def dispatch_rate(tmp_path, workers, receiver) -> tuple[float, float]:
    purge()
    channel, _ = due_broadcasts(receiver.url, N)
    began = time.perf_counter()
    run = dispatch_run()
    claim_seconds = time.perf_counter() - began
    assert run.claimed == N
    seconds = measure(tmp_path, workers, f"dispatch{workers}-", all_sent(channel))
    return N / seconds, N / claim_seconds


def claimed(url: str, count: int) -> list[tuple[int, int]]:
    """Broadcasts as the dispatcher leaves them, without enqueueing anything."""
    channel, broadcasts = due_broadcasts(url, count)
    now = timezone.now()
    Broadcast.objects.filter(channel=channel).update(
        status="dispatching", claimed_at=now, next_attempt_at=now
    )
    return [(broadcast.pk, broadcast.version) for broadcast in broadcasts]


def deliver_in_batches(items):
    size = django_settings.DISPATCH_DELIVERY_BATCH_SIZE
    for start in range(0, len(items), size):
        batch = broadcasts_deliver(items=items[start : start + size])
        assert [r.outcome for _pk, _v, r in batch.results] == ["sent"] * len(
            batch.results
        )
        assert not batch.left


def in_process_ms() -> tuple[float, float, dict[str, float]]:
    """One delivery's milliseconds in this process, the floor's, and where a
    delivery's time goes (profiled shares scaled to the unprofiled time)."""
    with ReceiverProcess(SECRET) as receiver:
        timed, profiled, floor_items = (
            claimed(receiver.url, PROFILED) for _ in range(3)
        )
        began = time.perf_counter()
        deliver_in_batches(timed)
        per_delivery = (time.perf_counter() - began) * 1000 / PROFILED
        began = time.perf_counter()
        for pk, version in floor_items:
            delivery_floor(pk, version)
        per_floor = (time.perf_counter() - began) * 1000 / PROFILED
        seconds = profile(lambda: deliver_in_batches(profiled))
        calls, bad = receiver.close()
    assert (calls, bad) == (3 * PROFILED, 0)
    total = sum(seconds.values())
    shares = {name: per_delivery * part / total for name, part in seconds.items()}
    return per_delivery, per_floor, shares


@pytest.mark.integration
def test_dispatch_throughput_against_the_floor(
    migrated_rows_kept,
    transactional_db,
    django_db_serialized_rollback,
    tmp_path,
    settings,
):
    require_service("PostgreSQL", connection.vendor == "postgresql")
    require_service("Redis", celery_app.conf.broker_url.startswith("redis"))
    settings.DISPATCH_BATCH_SIZE = 1000
    settings.OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    batch = settings.DISPATCH_DELIVERY_BATCH_SIZE
    client = broker_client()
    print(
        f"\ndispatch throughput, {N} broadcasts, PostgreSQL + Redis, prefork "
        f"concurrency {CONCURRENCY}, {batch} broadcasts of a channel per task"
    )

    per_delivery, per_floor, shares = in_process_ms()
    print(f"  one delivery in-process, of {PROFILED} (cProfile shares, scaled):")
    for name in SHOWN:
        report(f"dispatch_ms_{name}", shares.get(name, 0.0), ">=", 0)
    rates = {}
    with Receiver(secret=SECRET) as receiver:
        for workers in (1, 2):
            noop = noop_rate(client, tmp_path, workers)
            floor = floor_rate(tmp_path, workers, receiver)
            rate, claim_rate = dispatch_rate(tmp_path, workers, receiver)
            rates[workers] = (noop, floor, rate)
            print(
                f"  {workers} worker(s): no-op {noop:5.0f}/s, floor {floor:5.0f}/s, "
                f"dispatch {rate:5.0f}/s; dispatcher claimed {claim_rate:.0f}/s"
            )
    duplicates = receiver.duplicates()

    celery_ms = 1000 / rates[1][0] / batch
    report("dispatch_ms_celery", celery_ms, ">=", 0, digits=3)
    report("dispatch_ms_total", per_delivery + celery_ms, ">=", 0)
    report("floor_ms_total", per_floor + 1000 / rates[1][0], ">=", 0)
    for workers, (noop, floor, rate) in rates.items():
        report(f"dispatch_per_second_{workers}w", rate, ">=", 0, digits=0)
        report(f"floor_per_second_{workers}w", floor, ">=", 0, digits=0)
        report(f"noop_per_second_{workers}w", noop, ">=", 0, digits=0)
    met = [
        report(f"dispatch_vs_floor_{workers}w", rate / floor, ">=", 0.8)
        for workers, (_noop, floor, rate) in rates.items()
    ]
    for workers, (noop, _floor, rate) in rates.items():
        report(f"dispatch_vs_noop_{workers}w", rate / noop, ">=", 0)
    report("dispatch_duplicates", len(duplicates), "<=", 0, digits=0)
    report("dispatch_bad_signatures", receiver.bad_signatures, "<=", 0, digits=0)
    print(f"  calls {receiver.total_calls} for {4 * N} broadcasts (half to the floor)")

    assert duplicates == {}
    assert receiver.bad_signatures == 0
    assert receiver.total_calls == 4 * N
    assert all(met), rates
