"""Celery finds tasks in ``<app>.tasks``; each area of schedules keeps its own."""

from .dispatch.tasks import deliver_broadcast, dispatch_due

__all__ = ["deliver_broadcast", "dispatch_due"]
