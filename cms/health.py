"""Health of what the system needs to work: the database, the broker, a worker that
answers, and periodic jobs that keep running.

``/healthz`` answers 503 naming the failing part; the admin's dispatch queue shows
the same problems in words (the ``system_health_problems`` hook).
"""

import datetime
import os
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from .celery import app as celery_app
from .jobs import JOBS
from .models import JobRun

# When this process started: a job that never ran is judged from here.
STARTED_AT = timezone.now()


def process_started(now=None):
    global STARTED_AT
    STARTED_AT = now or timezone.now()


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


def worker_status() -> str:
    """Whether at least one Celery worker answers a ping in time."""
    timeout = settings.HEALTH_WORKER_PING_TIMEOUT
    try:
        replies = celery_app.control.ping(timeout=timeout, limit=1)
    except Exception as exc:  # noqa: BLE001 - any failure means "not ok"
        return f"error: {exc.__class__.__name__}"
    if not replies:
        return f"error: no worker answered a ping within {timeout:g} s"
    return "ok"


def job_ages(now=None) -> dict[str, int]:
    """Seconds since each periodic job last finished."""
    now = now or timezone.now()
    return {
        run.name: int((now - run.finished_at).total_seconds())
        for run in JobRun.objects.all()
    }


def job_intervals() -> dict[str, float]:
    """Each periodic job's interval in seconds, from the beat schedule; jobs on a
    calendar (the weekly report) have none and are never called stale."""
    intervals = {}
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        schedule = entry["schedule"]
        if isinstance(schedule, datetime.timedelta):
            schedule = schedule.total_seconds()
        if isinstance(schedule, int | float) and entry["task"] in JOBS:
            intervals[JOBS[entry["task"]]] = float(schedule)
    return intervals


@dataclass(frozen=True)
class StaleJob:
    name: str
    interval: float
    age: int | None  # seconds since it last finished; None if it never ran
    waited: int  # seconds this process has waited for a first run

    def __str__(self):
        if self.age is None:
            return (
                f"{self.name} never ran in {self.waited} s (every {self.interval:g} s)"
            )
        return f"{self.name} last ran {self.age} s ago (every {self.interval:g} s)"


def jobs_stale(
    *, ages: dict[str, int], now: datetime.datetime, started_at: datetime.datetime
) -> list[StaleJob]:
    """Jobs older than a few of their intervals. A job that never ran counts only
    once this process has waited as long, so a fresh start is not unhealthy."""
    factor = settings.HEALTH_JOB_STALE_AFTER_INTERVALS
    waited = int((now - started_at).total_seconds())
    stale = []
    for name, interval in job_intervals().items():
        limit = factor * interval
        age = ages.get(name)
        if (age is None and waited > limit) or (age is not None and age > limit):
            stale.append(StaleJob(name, interval, age, waited))
    return stale


def _checks(now) -> tuple[dict, list[StaleJob]]:
    report = {"database": database_status(), "broker": broker_status()}
    report["worker"] = worker_status() if report["broker"] == "ok" else "unknown"
    stale = []
    if report["database"] == "ok":
        ages = job_ages(now)
        stale = jobs_stale(ages=ages, now=now, started_at=STARTED_AT)
        report["jobs"] = (
            "error: stale: " + "; ".join(map(str, stale)) if stale else "ok"
        )
        report["jobs_age_seconds"] = ages
    else:
        report["jobs"] = "unknown"
    return report, stale


def health_report(now=None) -> tuple[dict, bool]:
    """The parts and whether all are ok; ``jobs_age_seconds`` for the curious."""
    report, _stale = _checks(now or timezone.now())
    parts = ("database", "broker", "worker", "jobs")
    return report, all(report[part] == "ok" for part in parts)


def health_problems() -> list[str]:
    """What /healthz reports as failing, said to a person in the admin."""
    report, stale = _checks(timezone.now())
    problems = []
    if report["database"] != "ok":
        problems.append(
            _("The database does not answer (%(error)s).")
            % {"error": report["database"]}
        )
    if report["broker"] != "ok":
        problems.append(
            _("The Celery broker does not answer (%(error)s): nothing can be queued.")
            % {"error": report["broker"]}
        )
    elif report["worker"] != "ok":
        problems.append(
            _(
                "No Celery worker answered within %(seconds)s s: broadcasts and "
                "periodic jobs are not running."
            )
            % {"seconds": f"{settings.HEALTH_WORKER_PING_TIMEOUT:g}"}
        )
    for job in stale:
        if job.age is None:
            text = _(
                "The periodic job “%(job)s” has not run in %(waited)s s although it "
                "runs every %(interval)s s: check that beat and a worker are running."
            )
        else:
            text = _(
                "The periodic job “%(job)s” last finished %(age)s s ago although it "
                "runs every %(interval)s s: check that beat and a worker are running."
            )
        values = {"job": job.name, "age": job.age, "waited": job.waited}
        problems.append(text % {**values, "interval": f"{job.interval:g}"})
    return problems
