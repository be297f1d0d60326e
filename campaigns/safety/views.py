"""The admin's checklist screen (the only way a message is published by hand) and
the Safety report."""

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from media.consent import PublicationRefused

from ..models import SafetyEvent, SafetyEventKind
from ..review_forms import ChecklistForm
from .services import checklist_confirm_and_publish


class ChecklistView(WagtailAdminTemplateMixin, FormView):
    """Tick the checklist for the page's latest version, then it is published.

    Every publish button of a message page leads here when the version has no
    confirmed checklist; completing it confirms and publishes in one step.
    """

    template_name = "campaigns/safety/checklist.html"
    page_title = _("Victim-safety checklist")
    header_icon = "warning"
    form_class = ChecklistForm

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(Page, pk=kwargs["page_id"]).specific
        if not self.page.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        self.revision = self.page.get_latest_revision()
        if self.revision is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page=self.page,
            revision=self.revision,
            preview_url=reverse(
                "wagtailadmin_pages:revisions_view",
                args=[self.page.pk, self.revision.pk],
            ),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
        )
        return context

    def form_valid(self, form):
        try:
            page = checklist_confirm_and_publish(
                revision=self.revision, user=self.request.user
            )
        except PublicationRefused as refused:
            for message in refused.messages:
                messages.error(self.request, message)
            return redirect("wagtailadmin_pages:edit", self.page.pk)
        page.refresh_from_db()
        if page.live and page.live_revision_id == self.revision.pk:
            text = _("Checklist confirmed; “%(title)s” is published.")
        else:
            text = _("Checklist confirmed; “%(title)s” is scheduled for publishing.")
        messages.success(self.request, text % {"title": page.get_admin_display_title()})
        return redirect("wagtailadmin_pages:edit", self.page.pk)


def checklist_url(page) -> str:
    return reverse("campaigns_safety_checklist", args=[page.pk])


class SafetyEventFilterSet(WagtailFilterSet):
    at = django_filters.DateFromToRangeFilter(
        label=_("Date"), widget=DateRangePickerWidget
    )
    user = django_filters.ModelChoiceFilter(
        label=_("User"),
        empty_label=_("Anyone"),
        queryset=lambda request: get_user_model().objects.filter(
            pk__in=SafetyEvent.objects.values("user")
        ),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Event"), choices=SafetyEventKind.choices, empty_label=_("All")
    )

    class Meta:
        model = SafetyEvent
        fields = ["kind", "user", "at"]


class SafetyReportView(ReportView):
    """Consent changes, checklist confirmations, publications and refusals."""

    page_title = _("Safety")
    header_icon = "warning"
    results_template_name = "campaigns/safety/report_results.html"
    filterset_class = SafetyEventFilterSet
    index_url_name = "campaigns_safety_report"
    index_results_url_name = "campaigns_safety_report_results"
    list_export = ["at", "get_kind_display", "subject", "user", "checked_by", "detail"]
    export_headings = {
        "at": _("Time"),
        "get_kind_display": _("Event"),
        "subject": _("Subject"),
        "user": _("User"),
        "checked_by": _("Checklist ticked by"),
        "detail": _("Detail"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_read_safety_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return SafetyEvent.objects.select_related("user", "checked_by")

    def get_filename(self):
        return "bao-cao-an-toan"


def can_read_safety_report(user) -> bool:
    """Whoever may publish pages somewhere may read how publishing went."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    return user.is_active and (
        user.is_superuser
        or PagePermissionPolicy().user_has_permission(user, "publish")
    )
