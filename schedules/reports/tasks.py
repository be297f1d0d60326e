"""The weekly e-mail of the report (Celery beat, Monday 07:00; see settings)."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone, translation

from .services import weekly_report_send


@shared_task(acks_late=True)
def email_weekly_report():
    """Send the week's report if the committee turned it on; twice is harmless."""
    with translation.override(settings.LANGUAGE_CODE):
        message = weekly_report_send(now=timezone.now())
    return "sent" if message else "skipped"
