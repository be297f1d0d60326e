"""Admin wiring for channel planners: channels, plans, the calendar, run-sheets."""

import django_filters
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from campaigns.models import Region
from campaigns.widgets import RegionTree
from schedules.access import can_plan
from schedules.models import Channel

from . import runsheets, views
from .channels import (
    TOKEN_ACTION,
    ChannelAddressesPanel,
    ChannelCopyView,
    ChannelFeedTokenView,
    ChannelInspectView,
    ChannelPermissionPolicy,
)
from .forms import ChannelForm

register_permission_policy(Channel, ChannelPermissionPolicy(Channel))


class ChannelFilterSet(WagtailFilterSet):
    district = django_filters.ModelChoiceFilter(
        label=_("District"),
        queryset=Region.objects.filter(depth=2),
        method="in_district",
    )

    def in_district(self, queryset, name, value):
        return queryset.filter(regions__path__startswith=value.path).distinct()

    class Meta:
        model = Channel
        fields = ["kind", "owner", "district", "delivery_method", "active"]


class ChannelViewSet(ModelViewSet):
    model = Channel
    icon = "media"
    menu_label = _("Channels")
    menu_order = 300
    add_to_admin_menu = True
    list_display = [
        "name",
        "kind",
        "owner",
        "daily_capacity",
        "delivery_method",
        "active",
    ]
    filterset_class = ChannelFilterSet
    search_fields = ["name", "contact_name"]
    inspect_view_enabled = True
    inspect_view_class = ChannelInspectView
    copy_view_class = ChannelCopyView
    # The addresses carry the token; the webhook secret is for the edit form only.
    inspect_view_fields_exclude = ["feed_token", "webhook_secret"]
    panels = [
        ChannelAddressesPanel(heading=_("The channel's addresses")),
        FieldPanel("name"),
        FieldPanel("owner"),
        FieldPanel("kind"),
        FieldPanel("regions", widget=RegionTree),
        FieldPanel("languages"),
        FieldPanel("formats"),
        MultiFieldPanel(
            [
                FieldPanel("daily_capacity"),
                FieldPanel("slot_minutes"),
                InlinePanel("windows", label=_("Time window")),
            ],
            heading=_("When it airs"),
        ),
        MultiFieldPanel(
            [FieldPanel("audience_per_airing"), FieldPanel("audience_share")],
            heading=_("Audience"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("delivery_method"),
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("webhook_url"),
                FieldPanel("webhook_secret"),
                FieldPanel("lead_minutes"),
                FieldPanel("late_tolerance_minutes"),
                FieldPanel("skip_when_late"),
            ],
            heading=_("Delivery"),
        ),
        FieldPanel("active"),
    ]

    def get_form_class(self, for_update=False):
        return self.get_edit_handler().get_form_class()

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        handler.base_form_class = ChannelForm
        return handler

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(
                "feed-token/<int:pk>/",
                ChannelFeedTokenView.as_view(),
                name="feed_token",
            )
        ]


urlpatterns = [
    path("", views.PlanListView.as_view(), name="plans"),
    path("<int:pk>/", views.PlanDetailView.as_view(), name="plan"),
    path("<int:pk>/progress/", views.plan_progress, name="progress"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("broadcasts/<int:pk>/", views.BroadcastView.as_view(), name="broadcast"),
    path("run-sheet/", runsheets.RunSheetView.as_view(), name="run_sheet"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("planning/", include((urlpatterns, "schedules_planning")))]


@hooks.register("register_admin_viewset")
def register_channels():
    return ChannelViewSet("channels")


@hooks.register("register_log_actions")
def register_channel_log_actions(actions):
    actions.register_action(
        TOKEN_ACTION, _("New feed token"), _("New feed token: the old addresses closed")
    )


class PlannerMenuItem(MenuItem):
    def is_shown(self, request):
        return can_plan(request.user)


@hooks.register("register_admin_menu_item")
def register_plans_menu():
    return PlannerMenuItem(
        _("Broadcast plans"),
        reverse("schedules_planning:plans"),
        icon_name="date",
        order=310,
    )


@hooks.register("register_admin_menu_item")
def register_calendar_menu():
    return PlannerMenuItem(
        _("Broadcast calendar"),
        reverse("schedules_planning:calendar"),
        icon_name="calendar-alt",
        order=320,
    )
