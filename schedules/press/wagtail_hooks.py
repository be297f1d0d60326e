"""Admin wiring for press: outlets we poll, and the coverage editors review.

Coverage is found by the poller, never added by hand; an editor confirms or
rejects it (the edit form, or the list's quick actions), and the verdict goes
through ``coverage_review`` so a rejected article drops its reach.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from campaigns.panels import ReadOnlyPanel
from schedules.models import Coverage, CoverageStatus, PressOutlet

from .review import coverage_review

DECISIONS = {
    CoverageStatus.CONFIRMED: _("Confirm"),
    CoverageStatus.REJECTED: _("Reject"),
}

DONE = {
    CoverageStatus.CONFIRMED: _("“%(title)s” confirmed as coverage."),
    CoverageStatus.REJECTED: _("“%(title)s” rejected; its reach no longer counts."),
}


class PressOutletViewSet(ModelViewSet):
    model = PressOutlet
    icon = "globe"
    menu_label = _("Press outlets")
    url_namespace = "press_outlets"
    url_prefix = "press/outlets"
    list_display = [
        "name",
        "region",
        "readership",
        "active",
        DateColumn("last_polled_at", label=_("last polled")),
        "consecutive_failures",
        "last_error",
    ]
    list_filter = ["active"]
    search_fields = ["name", "website", "feed_url"]
    form_fields = ["name", "website", "feed_url", "readership", "region", "active"]


class NoAddPermissionPolicy(ModelPermissionPolicy):
    """Coverage comes from outlets' feeds; nobody types it in."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(Coverage, NoAddPermissionPolicy(Coverage))


class CoverageIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not self.permission_policy.user_has_permission(self.request.user, "change"):
            return buttons
        for decision, label in DECISIONS.items():
            if instance.status != decision:
                buttons.append(
                    MenuItem(
                        label,
                        url=reverse(
                            "press_coverage:review", args=(instance.pk, decision)
                        ),
                        icon_name="check" if decision == "confirmed" else "cross",
                        priority=5,
                    )
                )
        return buttons


class CoverageEditView(EditView):
    def save_instance(self):
        return coverage_review(
            coverage=self.object,
            status=self.form.cleaned_data["status"],
            user=self.request.user,
            now=timezone.now(),
        )


class CoverageReviewView(
    PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    """Confirm or reject one article: a question on GET, the verdict on POST."""

    permission_required = "change"
    template_name = "schedules/press/coverage_review.html"
    page_title = _("Review press coverage")
    header_icon = "doc-full"
    index_url_name = None

    def setup(self, request, *args, pk, decision, **kwargs):
        super().setup(request, *args, **kwargs)
        if decision not in DECISIONS:
            raise Http404
        self.decision = CoverageStatus(decision)
        self.object = get_object_or_404(
            Coverage.objects.select_related("outlet"), pk=pk
        )

    def get_page_subtitle(self):
        return DECISIONS[self.decision]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            coverage=self.object,
            decision_label=DECISIONS[self.decision],
            index_url=reverse(self.index_url_name),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        coverage_review(
            coverage=self.object,
            status=self.decision,
            user=request.user,
            now=timezone.now(),
        )
        messages.success(request, DONE[self.decision] % {"title": self.object.title})
        return redirect(self.index_url_name)


class CoverageViewSet(ModelViewSet):
    model = Coverage
    icon = "doc-full"
    menu_label = _("Press coverage")
    url_namespace = "press_coverage"
    url_prefix = "press/coverage"
    index_view_class = CoverageIndexView
    edit_view_class = CoverageEditView
    list_display = [
        "title",
        "outlet",
        "campaign",
        DateColumn("published_at", label=_("published")),
        Column(
            "matched_terms",
            label=_("matched terms"),
            accessor=lambda coverage: ", ".join(coverage.matched_terms),
        ),
        "status",
    ]
    list_filter = ["status", "outlet", "campaign"]
    search_fields = ["title", "summary"]
    ordering = ["-published_at", "-found_at"]
    inspect_view_enabled = True
    panels = [
        ReadOnlyPanel("title"),
        ReadOnlyPanel("outlet"),
        ReadOnlyPanel("link"),
        ReadOnlyPanel("published_at"),
        ReadOnlyPanel("summary"),
        ReadOnlyPanel("matched_terms"),
        FieldPanel("status"),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(
                "review/<int:pk>/<str:decision>/",
                self.construct_view(
                    CoverageReviewView, index_url_name=self.get_url_name("index")
                ),
                name="review",
            )
        ]


class PressGroup(ModelViewSetGroup):
    menu_label = _("Press")
    menu_icon = "globe"
    menu_order = 320
    items = (CoverageViewSet, PressOutletViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return PressGroup()
