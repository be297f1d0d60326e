from django.utils import timezone

from .models import JobRun


def job_run_record(*, name: str, detail: str = "", now=None) -> JobRun:
    """Stamp a periodic job as finished now."""
    run, _ = JobRun.objects.update_or_create(
        name=name, defaults={"finished_at": now or timezone.now(), "detail": detail}
    )
    return run
