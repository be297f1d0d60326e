"""Periodic jobs stamp their runs from a Celery signal, with what the task returned."""

import pytest
from celery import shared_task

from cms.jobs import JOBS
from cms.models import JobRun
from cms.tasks import heartbeat
from schedules.dispatch.tasks import dispatch_due

pytestmark = pytest.mark.django_db


@shared_task
def not_a_job():
    return "done"


@shared_task
def broken_job():
    raise RuntimeError("broken")


def test_every_periodic_job_in_the_beat_schedule_is_stamped(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks == set(JOBS)


def test_a_finished_job_is_stamped_with_what_it_returned():
    heartbeat.apply()
    dispatch_due.apply()

    assert JobRun.objects.get(name="heartbeat").detail == ""
    assert JobRun.objects.get(name="dispatcher").detail.startswith("claimed 0")


def test_other_tasks_and_failures_leave_no_stamp(settings):
    JOBS[broken_job.name] = "broken"
    try:
        not_a_job.apply()
        broken_job.apply()
    finally:
        del JOBS[broken_job.name]
    assert not JobRun.objects.exists()
