"""Celery finds tasks in ``<app>.tasks``; each feature keeps its own beside it."""

from .dispatch.tasks import deliver_broadcast, dispatch_due
from .planning.tasks import plan_broadcasts
from .press.tasks import poll_press_feeds
from .reports.tasks import email_weekly_report
from .smartradio.tasks import prepare_bulletin, prepare_due_bulletins

__all__ = [
    "deliver_broadcast",
    "dispatch_due",
    "email_weekly_report",
    "plan_broadcasts",
    "poll_press_feeds",
    "prepare_bulletin",
    "prepare_due_bulletins",
]
