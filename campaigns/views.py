"""Admin view: start next year's campaign from a campaign's page."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import CampaignPage, Role
from .selectors import next_anchor_year
from .services import CampaignStartError, campaign_start_next


def can_start_campaign(user) -> bool:
    """Planners and the committee's office start a year (the admins too)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.memberships.filter(
        role__in=[Role.PLANNER, Role.COMMITTEE]
    ).exists()


def next_campaign_year(source: CampaignPage) -> int:
    """The year of the next 30/7 from today, and after the source's year."""
    return max(next_anchor_year(timezone.localdate()), source.year + 1)


class StartForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Year of the new campaign"), min_value=2016, max_value=2100
    )


class StartNextView(WagtailAdminTemplateMixin, FormView):
    template_name = "campaigns/admin/start_next.html"
    form_class = StartForm
    page_title = gettext_lazy("Start next year's campaign")
    header_icon = "copy"

    def dispatch(self, request, *args, **kwargs):
        self.source = get_object_or_404(CampaignPage, pk=kwargs["page_id"])
        if not can_start_campaign(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"year": next_campaign_year(self.source)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["source"] = self.source
        return context

    def form_valid(self, form):
        try:
            campaign = campaign_start_next(
                source=self.source,
                year=form.cleaned_data["year"],
                user=self.request.user,
            )
        except CampaignStartError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(title)s was started: its messages wait for review.")
            % {"title": campaign.title},
        )
        return redirect("wagtailadmin_pages:edit", campaign.pk)
