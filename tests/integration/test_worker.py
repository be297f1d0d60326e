"""A real worker takes a task from the real broker and writes to the database."""

import pytest
from django.db import connection

from cms.models import JobRun
from cms.tasks import heartbeat
from tests.conftest import require_service
from tests.integration.conftest import wait_until

pytestmark = pytest.mark.integration


def test_a_real_worker_runs_a_task_that_writes_to_the_database(celery_worker_process):
    assert not JobRun.objects.filter(name="heartbeat").exists()
    heartbeat.delay()
    assert wait_until(lambda: JobRun.objects.filter(name="heartbeat").exists(), 60), (
        celery_worker_process.output()[-3000:]
    )
    assert "cms.tasks.heartbeat" in celery_worker_process.output()


def test_a_worker_reconnects_after_the_database_drops_its_connections(
    celery_worker_process,
):
    """As after a PostgreSQL restart: the worker's kept connection is cut. A task
    may fail on it once; the ones after it reconnect, instead of failing until the
    connection's reuse count runs out."""
    require_service("PostgreSQL", connection.vendor == "postgresql")
    heartbeat.delay()
    assert wait_until(lambda: JobRun.objects.filter(name="heartbeat").exists(), 60), (
        celery_worker_process.output()[-3000:]
    )
    first = JobRun.objects.get(name="heartbeat").finished_at
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )

    def stamped_again():
        heartbeat.delay()
        return wait_until(
            lambda: JobRun.objects.get(name="heartbeat").finished_at > first, 5
        )

    assert any(stamped_again() for _ in range(4)), (
        celery_worker_process.output()[-3000:]
    )
