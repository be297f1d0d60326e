"""Admin screens for channel planners: plans, their coverage, a calendar, edits."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from campaigns.models import CampaignPage, MessageVariant
from campaigns.selectors import campaign_in_view, campaign_opening_day
from schedules import planner
from schedules.access import can_plan
from schedules.dispatch.services import broadcast_cancel
from schedules.models import (
    Broadcast,
    BroadcastPlan,
    BroadcastStatus,
    Channel,
    PlanStatus,
)

from . import edits as services
from .grid import CalendarFilter, month_grid, week_days
from .tasks import plan_broadcasts

# The planner speaks plain English codes; planners read these.
REASONS = {
    planner.PERIOD_OVER: gettext_lazy("The period is over."),
    planner.NO_SLOT_LEFT: gettext_lazy("No slot of its channels is left after now."),
    planner.NO_CHANNEL: gettext_lazy("No channel covers this region."),
    planner.NO_VARIANT: gettext_lazy(
        "No variant in a language and format its channels accept, fitting their slots."
    ),
    planner.ZERO_CAPACITY: gettext_lazy("Its channels air nothing (capacity 0)."),
    planner.NO_WINDOW: gettext_lazy(
        "No air window of its channels falls in the period."
    ),
    planner.NO_CAPACITY: gettext_lazy(
        "No capacity left: every slot went to other regions or messages."
    ),
}


class PlannerMixin(WagtailAdminTemplateMixin):
    header_icon = "date"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not can_plan(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class GenerateForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=gettext_lazy("Campaign"), queryset=CampaignPage.objects.order_by("-year")
    )
    seed = forms.IntegerField(label=gettext_lazy("Seed"), initial=0)


class PlanListView(PlannerMixin, FormView):
    template_name = "schedules/planning/plans.html"
    page_title = gettext_lazy("Broadcast plans")
    form_class = GenerateForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plans"] = BroadcastPlan.objects.select_related("campaign")[:50]
        return context

    def form_valid(self, form):
        plan = BroadcastPlan.objects.create(
            campaign=form.cleaned_data["campaign"],
            seed=form.cleaned_data["seed"],
            created_by=self.request.user,
        )
        transaction.on_commit(lambda: plan_broadcasts.delay(plan.pk))
        messages.success(self.request, _("Planning has started."))
        return redirect("schedules_planning:plan", plan.pk)


class PlanDetailView(PlannerMixin, TemplateView):
    template_name = "schedules/planning/plan.html"
    page_title = gettext_lazy("Broadcast plan")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = get_object_or_404(
            BroadcastPlan.objects.select_related("campaign"), pk=kwargs["pk"]
        )
        counts = dict.fromkeys(BroadcastStatus.values, 0)
        for status in plan.broadcasts.values_list("status", flat=True).order_by():
            counts[status] += 1
        coverage = dict(plan.coverage)
        coverage["pairs"] = [
            {**row, "reason": REASONS.get(row["reason"], row["reason"])}
            for row in coverage.get("pairs", [])
        ]
        context.update(
            plan=plan,
            counts=[(BroadcastStatus(s).label, n) for s, n in counts.items() if n],
            coverage=coverage,
            drafts=counts.get(BroadcastStatus.DRAFT, 0),
            running=plan.status in (PlanStatus.PENDING, PlanStatus.RUNNING),
        )
        return context

    def post(self, request, pk):
        plan = get_object_or_404(BroadcastPlan, pk=pk)
        count = services.plan_approve(plan=plan, user=request.user)
        messages.success(
            request, _("%(count)d broadcasts approved.") % {"count": count}
        )
        return redirect("schedules_planning:plan", plan.pk)


def plan_progress(request, pk):
    if not can_plan(request.user):
        raise PermissionDenied
    plan = get_object_or_404(BroadcastPlan, pk=pk)
    return JsonResponse(
        {"status": plan.status, "progress": plan.progress, "message": plan.message}
    )


class CalendarView(PlannerMixin, TemplateView):
    template_name = "schedules/planning/calendar.html"
    page_title = gettext_lazy("Broadcast calendar")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        view = "week" if params.get("view") == "week" else "month"
        try:
            day = datetime.date.fromisoformat(params.get("date", ""))
        except ValueError:
            day = self.default_day()
        filters = CalendarFilter(params, queryset=self.broadcasts())
        if view == "week":
            days = week_days(day)
            step = datetime.timedelta(days=7)
        else:
            days = month_grid(day)
            step = datetime.timedelta(days=31)
        start, end = days[0], days[-1]
        items = filters.qs.filter(
            starts_at__date__gte=start, starts_at__date__lte=end
        ).select_related("channel", "region")
        by_day = {d: [] for d in days}
        for item in items:
            by_day.setdefault(timezone.localtime(item.starts_at).date(), []).append(
                item
            )
        query = params.copy()
        context.update(
            view=view,
            day=day,
            days=[(d, by_day.get(d, [])) for d in days],
            filters=filters,
            previous=(day - step).isoformat(),
            following=(day + step).isoformat(),
            query=query.urlencode(),
            statuses=BroadcastStatus,
        )
        return context

    def default_day(self):
        """The chosen plan's first broadcast (or its period), else the campaign in
        view today: never an empty month of another year."""
        today = timezone.localdate()
        plan_id = self.request.GET.get("plan", "")
        plan = (
            BroadcastPlan.objects.select_related("campaign").filter(pk=plan_id).first()
            if plan_id.isdigit()
            else None
        )
        if plan is not None:
            first = (
                self.broadcasts()
                .filter(plan=plan)
                .order_by("starts_at")
                .values_list("starts_at", flat=True)
                .first()
            )
            if first:
                return timezone.localtime(first).date()
            return campaign_opening_day(plan.campaign, today=today)
        campaign = campaign_in_view(today=today)
        return campaign_opening_day(campaign, today=today) if campaign else today

    def broadcasts(self):
        return Broadcast.objects.exclude(status=BroadcastStatus.CANCELLED)

    def post(self, request):
        chosen = Broadcast.objects.filter(pk__in=request.POST.getlist("broadcast"))
        count = services.broadcasts_approve(broadcasts=chosen, user=request.user)
        messages.success(
            request, _("%(count)d broadcasts approved.") % {"count": count}
        )
        return redirect(request.get_full_path())


class BroadcastForm(forms.Form):
    starts_at = forms.DateTimeField(label=gettext_lazy("Starts at"))
    channel = forms.ModelChoiceField(
        label=gettext_lazy("Channel"), queryset=Channel.objects.filter(active=True)
    )
    variant = forms.ModelChoiceField(
        label=gettext_lazy("Variant"),
        queryset=MessageVariant.objects.filter(translation_needed=False).select_related(
            "page"
        ),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for cancelling"),
        max_length=500,
        widget=forms.Textarea,
    )


class BroadcastView(PlannerMixin, TemplateView):
    template_name = "schedules/planning/broadcast.html"
    page_title = gettext_lazy("Broadcast")

    def get_broadcast(self):
        return get_object_or_404(
            Broadcast.objects.select_related("channel", "plan__campaign", "variant"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        broadcast = self.get_broadcast()
        context.setdefault(
            "form",
            BroadcastForm(
                initial={
                    "starts_at": timezone.localtime(broadcast.starts_at),
                    "channel": broadcast.channel,
                    "variant": broadcast.variant,
                }
            ),
        )
        context.setdefault("cancel_form", CancelForm())
        context.update(
            broadcast=broadcast,
            events=broadcast.events.select_related("user"),
            editable=broadcast.status in services.EDITABLE,
        )
        return context

    def post(self, request, pk):
        broadcast = self.get_broadcast()
        if "cancel" in request.POST:
            form = CancelForm(request.POST)
            if form.is_valid():
                try:
                    broadcast_cancel(
                        broadcast_id=broadcast.pk,
                        reason=form.cleaned_data["reason"],
                        user=request.user,
                    )
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    messages.success(request, _("The broadcast was cancelled."))
                    return redirect("schedules_planning:broadcast", pk)
            return self.render_to_response(self.get_context_data(cancel_form=form))
        form = BroadcastForm(request.POST)
        if form.is_valid():
            try:
                services.broadcast_update(
                    broadcast=broadcast, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error)
            else:
                messages.success(request, _("The broadcast was changed."))
                return redirect(reverse("schedules_planning:broadcast", args=(pk,)))
        return self.render_to_response(self.get_context_data(form=form))
