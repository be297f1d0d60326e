"""Celery tasks of dispatch: thin, they take ids and call one service each."""

import logging

from celery import shared_task
from django.conf import settings

from .claims import dispatch_run
from .delivery import broadcast_deliver, broadcasts_deliver

logger = logging.getLogger(__name__)

# The lease outlives the task: a hung send is killed before another can start.
TIME_LIMIT = max(1, settings.DISPATCH_LEASE_SECONDS * 3 // 4)


@shared_task(expires=25)
def dispatch_due():
    """The beat job (every 30 s): claim what is due, recover what was lost."""
    return str(dispatch_run())


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    time_limit=TIME_LIMIT,
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


def batch_budget_seconds() -> float:
    """How long a batch may keep taking broadcasts: a quarter of the lease, and
    never so long that one more send at its timeouts would outrun the time limit."""
    longest_send = (
        settings.DISPATCH_WEBHOOK_CONNECT_TIMEOUT
        + settings.DISPATCH_WEBHOOK_READ_TIMEOUT
    )
    return max(
        0.0, min(settings.DISPATCH_LEASE_SECONDS / 4, TIME_LIMIT - longest_send - 1)
    )


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    time_limit=TIME_LIMIT,
)
def deliver_broadcasts(items: list[list[int]]):
    """Deliver several broadcast versions of one channel, one after the other.

    A broadcast to try again later goes back to the broker on its own, as
    ``deliver_broadcast`` with its wait; those the batch had no time for go back
    together. If the broker refuses, they stay ``dispatching`` and the dispatcher
    enqueues them again (``broadcasts_requeue_stale``).
    """
    batch = broadcasts_deliver(
        items=[(pk, version) for pk, version in items],
        budget_seconds=batch_budget_seconds(),
    )
    try:
        for pk, version, result in batch.results:
            if result.retry_in is not None:
                deliver_broadcast.apply_async(
                    args=(pk, version), countdown=result.retry_in
                )
        if batch.left:
            deliver_broadcasts.apply_async(args=(batch.left,))
    except Exception:  # noqa: BLE001 - any broker error: recovered by the dispatcher
        logger.exception("Broker refused the rest of a batch; left for the dispatcher")
    return [result.outcome for _pk, _version, result in batch.results]
