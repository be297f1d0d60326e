"""A real Celery worker process for integration tests, on the configured broker."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import ROOT


def database_url() -> str:
    """The URL of the test database, for processes outside pytest."""
    info = connection.settings_dict
    if info["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{info['NAME']}"
    user = info.get("USER") or "postgres"
    password = f":{info['PASSWORD']}" if info.get("PASSWORD") else ""
    host = info.get("HOST") or "127.0.0.1"
    port = info.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{info['NAME']}"


def process_env(**extra) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url(),
        # The channels' test endpoints listen on 127.0.0.1.
        "OUTBOUND_ALLOWED_NETWORKS": "127.0.0.1/32",
        **extra,
    }
    return env


class Worker:
    """A Celery worker of the project in its own process group, so SIGKILL takes it
    all (started through ``worker_main`` for a quicker filesystem broker)."""

    def __init__(
        self,
        log_path: Path,
        name="test",
        concurrency=1,
        queues="celery",
        include=(),
        **env,
    ):
        self.log_path = log_path
        self.nodename = f"{name}-{os.getpid()}@{socket.gethostname()}"
        self.log = open(log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.integration.worker_main",
                "--loglevel",
                "INFO",
                "--concurrency",
                str(concurrency),
                "--pool",
                "prefork",
                "--without-mingle",
                "--without-gossip",
                "--hostname",
                self.nodename,
                "--queues",
                queues,
                *(arg for module in include for arg in ("--include", module)),
            ],
            cwd=ROOT,
            env=process_env(**env),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_for("ready", timeout=60)

    def output(self) -> str:
        return self.log_path.read_text()

    def wait_for(self, text: str, timeout: float):
        if (
            not wait_until(
                lambda: text in self.output() or self.process.poll() is not None,
                timeout,
            )
            or text not in self.output()
        ):
            raise AssertionError(
                f"worker never said {text!r}:\n{self.output()[-3000:]}"
            )

    def kill(self):
        """SIGKILL the worker and its pool children: no warm shutdown, no acks."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.log.close()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if not self.log.closed:
            self.log.close()


@pytest.fixture(autouse=True)
def loopback_channels(settings):
    """As in the workers: the channels' test endpoints listen on 127.0.0.1."""
    settings.OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.1/32"]


@pytest.fixture
def celery_worker_process(django_db_serialized_rollback, transactional_db, tmp_path):
    # Serialized rollback keeps the rows migrations made (home page, site,
    # languages) for the next test, as the flush after a transactional test empties
    # every table.
    worker = Worker(tmp_path / "worker.log")
    yield worker
    worker.stop()


@pytest.fixture
def workers(transactional_db, django_db_serialized_rollback, tmp_path):
    """Start real dispatch workers on demand (to kill them); all are stopped after
    the test."""
    from tests.schedules.dispatch.processes import DispatchWorker, purge

    purge()
    started = []

    def start(**env):
        worker = DispatchWorker(
            tmp_path / f"worker{len(started)}.log", name=f"w{len(started)}", **env
        )
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def wait_until(predicate, timeout=30.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
