import logging

from celery import shared_task
from django.core.management import call_command

from media.consent import PublicationRefused

logger = logging.getLogger(__name__)


@shared_task
def heartbeat():
    """Proves that beat schedules and a worker runs: /healthz shows its age."""


@shared_task(expires=25)
def publish_scheduled(max_blocked: int = 50):
    """Publish what reached its go-live time and unpublish what expired.

    A page that breaks a publication rule (consent, checklist) stays a draft
    (Wagtail clears its schedule), and the run goes on with the others.
    """
    for _attempt in range(max_blocked + 1):
        try:
            call_command("publish_scheduled")
            break
        except PublicationRefused as blocked:
            logger.warning("Scheduled publication refused: %s", blocked)


@shared_task(bind=True, max_retries=40)
def rehearsal_playback(self, broadcast_id: int):
    """The demo's smart-radio software: once a rehearsed airing reached the channel,
    its play log comes back and confirms it (`load_demo --rehearsal`)."""
    from cms.demo.rehearsal import playback_post

    if not playback_post(broadcast_id=broadcast_id):
        raise self.retry(countdown=15)
