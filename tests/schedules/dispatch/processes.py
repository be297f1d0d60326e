"""Real processes for the dispatch reliability tests: workers to kill, a Redis to stop.

The shared Redis belongs to everyone on the machine, so a test that stops its broker
starts its own throwaway ``redis-server`` on a free port.
"""

import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

from kombu import pools as kombu_pools

from cms.celery import app as celery_app
from tests.integration.conftest import Worker, wait_until

# What a worker in these tests is told: short waits, so the suite stays quick.
FAST = {
    "DISPATCH_RETRY_BASE_SECONDS": "0.2",
    "DISPATCH_WEBHOOK_CONNECT_TIMEOUT": "1",
    "DISPATCH_WEBHOOK_READ_TIMEOUT": "1",
    "DISPATCH_LEASE_SECONDS": "8",
}


class DispatchWorker(Worker):
    """A worker told to wait briefly (``FAST``), so the dispatch suite stays quick."""

    def __init__(self, log_path: Path, name="dispatch", **options):
        # Options of the worker (concurrency, queues) and its environment together:
        # what a test gives overrides FAST.
        super().__init__(log_path, name=name, **{**FAST, **options})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A throwaway redis-server: nothing saved, so stopping it loses its queue."""

    def __init__(self, log_path: Path, port: int | None = None):
        self.port = port or free_port()
        self.log_path = log_path
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
            stdout=open(self.log_path, "a"),  # noqa: SIM115 - the child keeps it
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if not wait_until(self.answers, timeout=10, interval=0.05):
            raise AssertionError(f"redis-server did not start on {self.port}")

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def _reset_broker_pools():
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    # kombu keeps producer pools per connection process-wide; one made for a worker
    # ping (/healthz) would otherwise outlive the connections closed here.
    kombu_pools.reset()


@contextmanager
def broker(url: str):
    """Point this test process's Celery app at another broker for a while."""
    conf = celery_app.conf
    names = ("broker_url", "broker_read_url", "broker_write_url")
    saved = {name: conf[name] for name in (*names, "broker_transport_options")}
    conf.update(dict.fromkeys(names, url))
    conf.broker_transport_options = {"visibility_timeout": 3600}
    _reset_broker_pools()
    try:
        yield
    finally:
        conf.update(saved)
        _reset_broker_pools()


def queued_messages(queue="celery") -> int:
    """Messages waiting in the broker's queue, for any transport."""
    with celery_app.connection_for_write() as conn:
        return conn.default_channel.queue_declare(queue=queue)[1]


def purge():
    with celery_app.connection_for_write() as conn:
        try:
            conn.default_channel.queue_purge("celery")
        except Exception:  # noqa: BLE001 - a queue never declared has nothing in it
            pass


def settle(seconds: float):
    """Let a worker run on for a while, to see that nothing more happens."""
    time.sleep(seconds)
