"""A real Celery worker process for integration tests, on the configured broker."""

import os
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
        **extra,
    }
    return env


class Worker:
    def __init__(self, log_path: Path, **env):
        self.log_path = log_path
        self.log = open(log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "cms",
                "worker",
                "--loglevel",
                "INFO",
                "--concurrency",
                "1",
                "--pool",
                "prefork",
                "--without-mingle",
                "--without-gossip",
                "--hostname",
                f"test-{os.getpid()}@%h",
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
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.output():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise AssertionError(f"worker never said {text!r}:\n{self.output()[-3000:]}")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


@pytest.fixture
def celery_worker_process(django_db_serialized_rollback, transactional_db, tmp_path):
    # Serialized rollback keeps the rows migrations made (home page, site,
    # languages) for the next test, as the flush after a transactional test empties
    # every table.
    worker = Worker(tmp_path / "worker.log")
    yield worker
    worker.stop()


def wait_until(predicate, timeout=30.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
