from celery import shared_task
from django.utils import timezone

from .polling import outlets_poll


@shared_task(expires=25 * 60)
def poll_press_feeds():
    """Poll every active press outlet; beat runs it every 30 minutes."""
    results = outlets_poll(now=timezone.now())
    failed = sum(result.status == "failed" for result in results)
    return f"{len(results)} outlets, {failed} failed"
