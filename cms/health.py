"""Health of what the system needs to work: the database, the broker, the beat jobs."""

import os

from django.db import connection
from django.utils import timezone

from .celery import app as celery_app
from .models import JobRun


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means "not ok"
        return f"error: {exc.__class__.__name__}"
    return "ok"


def broker_status() -> str:
    url = celery_app.conf.broker_url or ""
    if url.startswith("filesystem://"):
        folder = celery_app.conf.broker_transport_options.get("data_folder_in", "")
        if not (os.path.isdir(folder) and os.access(folder, os.W_OK)):
            return "error: broker folder is not writable"
        return "ok"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
            conn.default_channel.client  # noqa: B018 - opens the channel for real
            if hasattr(conn.default_channel.client, "ping"):
                conn.default_channel.client.ping()
    except Exception as exc:  # noqa: BLE001 - any failure means "not ok"
        return f"error: {exc.__class__.__name__}"
    return "ok"


def job_ages(now=None) -> dict[str, int]:
    """Seconds since each periodic job last finished."""
    now = now or timezone.now()
    return {
        run.name: int((now - run.finished_at).total_seconds())
        for run in JobRun.objects.all()
    }


def health_report() -> tuple[dict, bool]:
    report = {"database": database_status(), "broker": broker_status()}
    healthy = all(value == "ok" for value in report.values())
    if report["database"] == "ok":
        report["jobs_age_seconds"] = job_ages()
    return report, healthy
