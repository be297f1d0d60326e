"""GET /healthz: what a load balancer and an operator rely on.

No worker runs in these tests, so the worker is always named; the healthy answer
with a real worker, and its turning 503 when that worker stops, are in
tests/integration/test_health.py.
"""

import datetime

import pytest
from django.utils import timezone

from cms.celery import app as celery_app
from cms.health import jobs_stale
from cms.services import job_run_record

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2017, 7, 30, 7, 0))


def test_without_a_worker_it_answers_503_naming_the_worker(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"] == "ok"
    assert body["worker"].startswith("error: no worker answered a ping")


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


def test_a_dispatcher_minutes_old_is_named_with_503(client):
    job_run_record(
        name="dispatcher", now=timezone.now() - datetime.timedelta(minutes=5)
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "dispatcher last ran 3" in response.json()["jobs"]


@pytest.mark.parametrize(
    "ages, running_for, stale",
    [
        # A fresh start: nothing ran yet, nothing is due yet.
        ({}, 10, []),
        # Every 30 s: stale after three intervals.
        ({"heartbeat": 89, "dispatcher": 90}, 10, []),
        ({"heartbeat": 91, "dispatcher": 5}, 10, ["heartbeat"]),
        # Never ran although beat had three intervals to run it.
        (
            {"poll_press_feeds": 60},
            91,
            ["heartbeat", "publish_scheduled", "dispatcher"],
        ),
        # Press feeds every 30 min; the weekly report is on a calendar: never stale.
        (
            {
                "heartbeat": 1,
                "publish_scheduled": 1,
                "dispatcher": 1,
                "prepare_bulletins": 1,
            },
            3 * 1800 + 1,
            ["poll_press_feeds"],
        ),
        (
            {
                "heartbeat": 1,
                "publish_scheduled": 1,
                "dispatcher": 1,
                "poll_press_feeds": 1,
                "prepare_bulletins": 1,
                "weekly_report": 30 * 86400,
            },
            30 * 86400,
            [],
        ),
    ],
)
def test_a_job_is_stale_after_three_of_its_intervals(ages, running_for, stale):
    started_at = NOW - datetime.timedelta(seconds=running_for)
    found = jobs_stale(ages=ages, now=NOW, started_at=started_at)
    assert sorted(job.name for job in found) == sorted(stale)
