from celery import shared_task

from .services import job_run_record


@shared_task
def heartbeat():
    """Proves that beat schedules and a worker runs: /healthz shows its age."""
    job_run_record(name="heartbeat")
