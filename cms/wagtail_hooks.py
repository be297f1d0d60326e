"""Admin and serving wiring of the site: periodic jobs' ages, the system's health,
documents' guard, login lockouts."""

from django.http import Http404
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Site
from wagtail.sites.views import IndexView as SiteIndexView

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


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    """Accounts and addresses locked after wrong passwords: django-axes' screens in
    the Django admin, where deleting an attempt unlocks it."""
    return LockoutsMenuItem(
        _("Login lockouts"),
        reverse("admin:axes_accessattempt_changelist"),
        icon_name="lock",
        order=900,
    )


@hooks.register("system_health_problems")
def system_health_problems():
    """What /healthz finds wrong, in words, for the admin's dispatch queue."""
    from .health import health_problems

    return health_problems()


# Wagtail's sites list heads three columns with their field names in English ("Site
# name"): they get the fields' own, translated, names.
for column in SiteIndexView.columns:
    if column.name in ("port", "site_name", "root_page"):
        field = Site._meta.get_field(column.name)
        column.label = lazy(capfirst, str)(field.verbose_name)
