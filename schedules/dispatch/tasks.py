"""Celery tasks of dispatch: thin, they take ids and call one service each."""

from celery import shared_task
from django.conf import settings

from .claims import dispatch_run
from .delivery import broadcast_deliver


@shared_task(expires=25)
def dispatch_due():
    """The beat job (every 30 s): claim what is due, recover what was lost."""
    return str(dispatch_run())


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    # The lease outlives the task: a hung send is killed before another can start.
    time_limit=max(1, settings.DISPATCH_LEASE_SECONDS * 3 // 4),
)
def deliver_broadcast(self, broadcast_id: int, version: int):
    """Deliver one broadcast version; a duplicate message finds nothing to do.

    Prefetch 1 is a worker setting (CELERY_WORKER_PREFETCH_MULTIPLIER = 1).
    """
    result = broadcast_deliver(broadcast_id=broadcast_id, version=version)
    if result.retry_in is not None:
        # Attempts are counted on the row, so Celery's own limit is off.
        raise self.retry(countdown=result.retry_in, max_retries=None)
    return result.outcome
