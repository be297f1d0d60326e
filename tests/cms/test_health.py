"""GET /healthz: what a load balancer and an operator rely on."""

import pytest

from cms.celery import app as celery_app
from cms.services import job_run_record

pytestmark = pytest.mark.django_db


def test_healthy_system_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"] == "ok"


def test_a_broker_that_is_down_is_named_with_503(client, monkeypatch):
    # Celery reads CELERY_BROKER_URL from the environment first; nothing listens on 1.
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
    assert celery_app.conf.broker_url == "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"].startswith("error")


def test_reports_the_age_of_periodic_jobs(client):
    job_run_record(name="heartbeat")
    body = client.get("/healthz").json()
    assert 0 <= body["jobs_age_seconds"]["heartbeat"] < 60
