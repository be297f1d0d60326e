"""Admin and serving wiring of the site: periodic jobs' ages, documents' guard."""

from django.http import Http404
from wagtail import hooks

from .models import JobRun
from .selectors import document_is_public


@hooks.register("job_run_age")
def job_run_age(name, now):
    """Seconds since the named periodic job last finished, or None if it never ran."""
    run = JobRun.objects.filter(name=name).first()
    return int((now - run.finished_at).total_seconds()) if run else None


@hooks.register("before_serve_document")
def documents_of_public_pages_only(document, request):
    """Anonymous readers get a document only while a public page links to it."""
    if request.user.is_authenticated or document_is_public(document):
        return None
    raise Http404
