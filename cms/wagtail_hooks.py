"""Admin wiring of the site: answers the features' questions about periodic jobs."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .models import JobRun


@hooks.register("job_run_age")
def job_run_age(name, now):
    """Seconds since the named periodic job last finished, or None if it never ran."""
    run = JobRun.objects.filter(name=name).first()
    return int((now - run.finished_at).total_seconds()) if run else None


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
