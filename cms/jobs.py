"""Periodic jobs stamp when they last finished; /healthz and the admin read the stamps.

A Celery signal does the stamping, so the features' tasks only return what they did
and never import the site (dependencies point one way: cms -> schedules).
"""

from celery.signals import task_success

from .services import job_run_record

# Celery task name -> the job's name in /healthz and the dispatch queue.
JOBS = {
    "cms.tasks.heartbeat": "heartbeat",
    "cms.tasks.publish_scheduled": "publish_scheduled",
    "schedules.dispatch.tasks.dispatch_due": "dispatcher",
    "schedules.press.tasks.poll_press_feeds": "poll_press_feeds",
    "schedules.reports.tasks.email_weekly_report": "weekly_report",
    "schedules.smartradio.tasks.prepare_due_bulletins": "prepare_bulletins",
}


def job_run_stamp(sender=None, result=None, **kwargs):
    """Record a periodic job's successful run, with what it returned as the detail."""
    name = JOBS.get(getattr(sender, "name", ""))
    if name is not None:
        job_run_record(name=name, detail="" if result is None else str(result)[:255])


def connect():
    task_success.connect(job_run_stamp, weak=False, dispatch_uid="cms.jobs")
