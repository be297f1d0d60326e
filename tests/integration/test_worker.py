"""A real worker takes a task from the real broker and writes to the database."""

import pytest

from cms.models import JobRun
from cms.tasks import heartbeat
from tests.integration.conftest import wait_until

pytestmark = pytest.mark.integration


def test_a_real_worker_runs_a_task_that_writes_to_the_database(celery_worker_process):
    assert not JobRun.objects.filter(name="heartbeat").exists()
    heartbeat.delay()
    assert wait_until(lambda: JobRun.objects.filter(name="heartbeat").exists(), 60), (
        celery_worker_process.output()[-3000:]
    )
    assert "cms.tasks.heartbeat" in celery_worker_process.output()
