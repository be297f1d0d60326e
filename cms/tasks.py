from celery import shared_task
from django.core.management import call_command

from .services import job_run_record


@shared_task
def heartbeat():
    """Proves that beat schedules and a worker runs: /healthz shows its age."""
    job_run_record(name="heartbeat")


@shared_task
def publish_scheduled():
    """Publish what reached its go-live time and unpublish what expired."""
    call_command("publish_scheduled")
    job_run_record(name="publish_scheduled")
