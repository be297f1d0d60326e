"""Admin wiring of the site: answers the features' questions about periodic jobs
and the system's health."""

from wagtail import hooks

from .models import JobRun


@hooks.register("job_run_age")
def job_run_age(name, now):
    """Seconds since the named periodic job last finished, or None if it never ran."""
    run = JobRun.objects.filter(name=name).first()
    return int((now - run.finished_at).total_seconds()) if run else None


@hooks.register("system_health_problems")
def system_health_problems():
    """What /healthz finds wrong, in words, for the admin's dispatch queue."""
    from .health import health_problems

    return health_problems()
