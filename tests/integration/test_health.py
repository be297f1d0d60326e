"""/healthz and the admin's queue with a real worker, then with that worker stopped."""

import pytest
from django.contrib.auth.models import User

from cms.health import job_intervals
from cms.services import job_run_record
from tests.integration.conftest import wait_until

pytestmark = pytest.mark.integration


def test_healthz_turns_503_naming_the_worker_once_it_stops(
    celery_worker_process, client
):
    for name in job_intervals():
        job_run_record(name=name)

    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["database"], body["broker"], body["worker"], body["jobs"]) == (
        "ok",
        "ok",
        "ok",
        "ok",
    )
    admin = User.objects.create_superuser("quantri", "qt@example.vn", "x")
    client.force_login(admin)
    assert b'id="health-problems"' not in client.get("/admin/dispatch/").content

    celery_worker_process.stop()

    assert wait_until(lambda: client.get("/healthz").status_code == 503, 30)
    assert client.get("/healthz").json()["worker"].startswith("error: no worker")
    page = client.get("/admin/dispatch/").content.decode()
    assert 'id="health-problems"' in page
    assert "Không có worker Celery nào trả lời" in page
