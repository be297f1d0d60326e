"""Admin screens for channel planners: plans, their coverage, a calendar, edits."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from campaigns.models import KIND_BY_LABEL, CampaignPage, MessageVariant
from campaigns.selectors import campaign_in_view, campaign_opening_day
from schedules import planner
from schedules.access import can_plan
from schedules.dispatch.selectors import broadcasts_explained
from schedules.dispatch.services import broadcast_cancel
from schedules.models import (
    Broadcast,
    BroadcastPlan,
    BroadcastStatus,
    Channel,
    PlanStatus,
)
from schedules.models.smartradio import WITHOUT_RECORDING
from schedules.reports.selectors import broadcasts_by_area

from . import edits as services
from .grid import CalendarFilter, month_grid, week_days
from .tasks import plan_broadcasts

DEFAULT_SEED = 0

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


# Why a channel got nothing at all: each is a gap of the plan.
IDLE_REASONS = {
    planner.PERIOD_OVER: gettext_lazy("The period is over."),
    planner.NO_SLOT_LEFT: gettext_lazy("No slot of the channel is left after now."),
    planner.NO_VARIANT: gettext_lazy(
        "No published content in a format and language it accepts (or fitting its "
        "slot)."
    ),
    planner.ZERO_CAPACITY: gettext_lazy("It airs nothing (capacity 0)."),
    planner.NO_WINDOW: gettext_lazy("None of its air windows falls in the period."),
    planner.NO_CAPACITY: gettext_lazy(
        "No capacity left: broadcasts kept from earlier plans fill its slots."
    ),
}

# What the planning task is doing, as its progress message says.
STEPS = {
    "input": gettext_lazy("Reading channels and messages"),
    "planned": gettext_lazy("Plan made; saving the broadcasts"),
    "saving": gettext_lazy("Saving the broadcasts"),
}


def plan_status_text(plan: BroadcastPlan) -> str:
    """The status as the progress bar shows it: a plan with progress is under way,
    whatever its status row said when the page was drawn."""
    if plan.status == PlanStatus.PENDING and plan.progress:
        return str(PlanStatus.RUNNING.label)
    if plan.status == PlanStatus.RUNNING and plan.message in STEPS:
        return f"{PlanStatus.RUNNING.label}: {STEPS[plan.message]}"
    return str(plan.get_status_display())


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
    seed = forms.IntegerField(
        label=gettext_lazy("Seed"),
        initial=DEFAULT_SEED,
        required=False,
        help_text=gettext_lazy(
            "The same seed always gives the same plan; change it only to break ties "
            "another way."
        ),
    )


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
            seed=form.cleaned_data["seed"] or DEFAULT_SEED,
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
        without_recording = list(
            plan.broadcasts.filter(WITHOUT_RECORDING)
            .values("message__title", "variant__language")
            .annotate(count=Count("id"))
            .order_by("message__title")
        )
        unrecorded = {row["message__title"] for row in without_recording}
        coverage["pairs"] = [
            {
                **row,
                "reason": REASONS.get(row["reason"], row["reason"]),
                "no_recording": row.get("message") in unrecorded,
            }
            for row in coverage.get("pairs", [])
        ]
        coverage["idle_channels"] = [
            {**row, "reason": IDLE_REASONS.get(row["reason"], row["reason"])}
            for row in coverage.get("idle_channels", [])
        ]
        areas = plan_areas(plan) if any(counts.values()) else []
        context.update(
            plan=plan,
            status_text=plan_status_text(plan),
            areas=areas,
            unknown_population=[
                row.label
                for row in areas
                if not row.extra["whole"] and not row.extra["population"]
            ],
            illustrative_population=any(
                row.extra["illustrative_population"] for row in areas
            ),
            counts=[(BroadcastStatus(s).label, n) for s, n in counts.items() if n],
            coverage=coverage,
            without_recording=without_recording,
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
        {
            "status": plan.status,
            "label": plan_status_text(plan),
            "progress": plan.progress,
            "message": plan.message,
        }
    )


def plan_areas(plan: BroadcastPlan) -> list:
    """Broadcasts per district and per 1,000 people (the dashboard's selector), with
    the risk weight the planner used and whether a channel's capacity bound it."""
    planned = {row["region_id"]: row for row in plan.coverage.get("regions", [])}
    rows = broadcasts_by_area(
        plan.broadcasts.exclude(status=BroadcastStatus.CANCELLED),
        region_map=plan.campaign.region_map,
    )
    for row in rows:
        found = planned.get(int(row.key), {})
        row.extra["weight"] = found.get("weight")
        row.extra["capacity_bound"] = found.get("capacity_bound", False)
    rows.sort(key=lambda row: (-(row.extra["weight"] or 0), row.label))
    return rows


# Short names of channel kinds for calendar entries ("06:00 Mường Lát · Loa").
KIND_SHORT = {
    "radio": gettext_lazy("Radio"),
    "television": gettext_lazy("TV"),
    "newspaper": gettext_lazy("Paper"),
    "web_portal": gettext_lazy("Portal"),
    "loudspeaker": gettext_lazy("Loudspeaker"),
    "social_page": gettext_lazy("Social"),
    "cultural_venue": gettext_lazy("Venue"),
}


def short_area(region) -> str:
    """A region's name without its kind ("Huyện Mường Lát" -> "Mường Lát")."""
    if region.depth == 1:
        return str(gettext_lazy("province"))
    for label in sorted(KIND_BY_LABEL, key=len, reverse=True):
        if region.name.lower().startswith(label + " "):
            return region.name[len(label) + 1 :]
    return region.name


def channel_areas(channel_ids) -> dict[int, str]:
    """Each channel's area, short: the regions it covers, joined."""
    found: dict[int, list[str]] = {}
    for channel in Channel.objects.filter(pk__in=channel_ids).prefetch_related(
        "regions"
    ):
        found[channel.pk] = [short_area(region) for region in channel.regions.all()]
    return {pk: ", ".join(names) for pk, names in found.items()}


def entry_label(broadcast, area: str) -> str:
    kind = KIND_SHORT.get(broadcast.channel.kind, broadcast.channel.kind)
    return f"{area} · {kind}" if area else str(kind)


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
        ).select_related("channel", "region", "message")
        items = broadcasts_explained(items)
        areas = channel_areas({item.channel_id for item in items})
        by_day = {d: [] for d in days}
        for item in items:
            item.label = entry_label(item, areas.get(item.channel_id, ""))
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
        # Empty keeps the content: a broadcast of the message's own text has none.
        required=False,
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
            broadcast=broadcasts_explained([broadcast])[0],
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
