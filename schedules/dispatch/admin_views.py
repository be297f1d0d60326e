"""Admin screens of dispatch: the queue, one broadcast with its log, and the actions
a planner or operator takes on them (retry a failure, confirm it aired)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from schedules.access import can_confirm, can_plan, can_watch_dispatch
from schedules.models import CONFIRMABLE, Broadcast, BroadcastEvent

from . import selectors
from .services import broadcast_confirm_aired, broadcast_retry

LIST_LIMIT = 100
DISPATCHER_JOB = "dispatcher"


class WatchersOnly:
    def dispatch(self, request, *args, **kwargs):
        if not can_watch_dispatch(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class QueueView(WatchersOnly, WagtailAdminTemplateMixin, TemplateView):
    """Due, dispatching, failed, missed and unconfirmed broadcasts; the dispatcher's
    age."""

    template_name = "schedules/dispatch/admin/queue.html"
    page_title = _("Dispatch queue")
    header_icon = "resubmit"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        lists = [
            ("due", _("Due, not yet claimed"), selectors.broadcasts_due(now=now)),
            ("dispatching", _("Dispatching"), selectors.broadcasts_dispatching()),
            ("failed", _("Failed"), selectors.broadcasts_failed()),
            (
                "missed",
                _("Skipped as too late (last 7 days)"),
                selectors.broadcasts_missed(now=now),
            ),
            (
                "unconfirmed",
                _("Sent a day ago or more, not confirmed as aired"),
                selectors.broadcasts_unconfirmed(now=now),
            ),
        ]
        context["sections"] = [
            {
                "key": key,
                "label": label,
                "count": queryset.count(),
                "items": list(queryset.order_by("starts_at", "pk")[:LIST_LIMIT]),
            }
            for key, label, queryset in lists
        ]
        # The site keeps the periodic jobs' stamps (cms.jobs) and answers this hook.
        ages = [age(DISPATCHER_JOB, now) for age in hooks.get_hooks("job_run_age")]
        context["dispatcher_age"] = next((a for a in ages if a is not None), None)
        # The site checks the workers and the periodic jobs, as /healthz does.
        context["health_problems"] = [
            problem
            for problems in hooks.get_hooks("system_health_problems")
            for problem in problems()
        ]
        context["recent_events"] = BroadcastEvent.objects.select_related(
            "broadcast__channel", "user"
        ).order_by("-at", "-pk")[:20]
        context["confirmations"] = selectors.confirmations_by_channel(now=now)
        context["can_retry"] = can_plan(self.request.user)
        context["can_confirm"] = can_confirm(self.request.user)
        return context


class BroadcastView(WatchersOnly, WagtailAdminTemplateMixin, TemplateView):
    """One broadcast: what it says, where it is, and every change of its state."""

    template_name = "schedules/dispatch/admin/broadcast.html"
    header_icon = "resubmit"

    def get_page_title(self):
        return _("Broadcast #%(id)s") % {"id": self.kwargs["pk"]}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("dispatch_admin:queue"), "label": _("Dispatch queue")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        broadcast = get_object_or_404(
            Broadcast.objects.select_related("channel", "region", "message", "plan"),
            pk=self.kwargs["pk"],
        )
        user = self.request.user
        context["broadcast"] = selectors.broadcasts_explained([broadcast])[0]
        context["events"] = broadcast.events.select_related("user")
        context["reach"] = broadcast.reach.select_related("recorded_by", "age_band")
        context["can_retry"] = broadcast.status == "failed" and can_plan(user)
        context["can_confirm"] = broadcast.status in CONFIRMABLE and can_confirm(user)
        return context


def _back(request, broadcast_id):
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("dispatch_admin:broadcast", args=[broadcast_id])
    return redirect(target)


@require_POST
def retry(request, pk):
    broadcast = get_object_or_404(Broadcast, pk=pk)
    try:
        broadcast_retry(broadcast_id=broadcast.pk, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Broadcast #%(id)s is being sent again.") % {"id": pk}
        )
    return _back(request, pk)


@require_POST
def confirm_aired(request, pk):
    if not can_confirm(request.user):
        raise PermissionDenied
    broadcast = get_object_or_404(Broadcast, pk=pk)
    try:
        reach = broadcast_confirm_aired(broadcast_id=broadcast.pk, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Broadcast #%(id)s confirmed as aired; estimated reach %(count)s.")
            % {"id": pk, "count": reach.count},
        )
    return _back(request, pk)
