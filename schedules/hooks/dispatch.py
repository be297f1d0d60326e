"""Admin wiring for dispatch: the queue screens and reach records (with history)."""

from django import forms
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from schedules.dispatch import admin_views
from schedules.dispatch.forms import ReachRecordForm
from schedules.models import Broadcast, ReachRecord

admin_urlpatterns = [
    path("", admin_views.QueueView.as_view(), name="queue"),
    path("broadcasts/<int:pk>/", admin_views.BroadcastView.as_view(), name="broadcast"),
    path("broadcasts/<int:pk>/retry/", admin_views.retry, name="retry"),
    path("broadcasts/<int:pk>/aired/", admin_views.confirm_aired, name="aired"),
]


@hooks.register("register_admin_urls")
def register_dispatch_urls():
    return [
        path(
            "dispatch/",
            include((admin_urlpatterns, "dispatch_admin"), namespace="dispatch_admin"),
        )
    ]


class DispatchMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.user_can_watch(request.user)


@hooks.register("register_admin_menu_item")
def register_dispatch_menu_item():
    return DispatchMenuItem(
        _("Dispatch queue"),
        reverse("dispatch_admin:queue"),
        name="dispatch-queue",
        icon_name="resubmit",
        order=320,
    )


class ReachRecordCreateView(CreateView):
    """Opened from a broadcast with ``?broadcast=<id>&region=<id>`` filled in."""

    def get_initial(self):
        initial = super().get_initial()
        for name in ("broadcast", "session", "coverage", "region"):
            value = self.request.GET.get(name, "")
            if value.isdigit():
                initial[name] = int(value)
        # People were reached when the source happened, not when this is typed in.
        broadcast = Broadcast.objects.filter(pk=initial.get("broadcast")).first()
        if broadcast is not None:
            initial["reached_at"] = broadcast.aired_at or broadcast.starts_at
        return initial


class ReachRecordViewSet(SnippetViewSet):
    model = ReachRecord
    icon = "group"
    menu_label = _("Reach")
    add_to_admin_menu = True
    menu_order = 330
    add_view_class = ReachRecordCreateView
    list_display = [
        "count",
        "method",
        "broadcast",
        "session",
        "coverage",
        "region",
        "reached_at",
        "recorded_by",
    ]
    list_filter = ["method"]
    ordering = ["-reached_at"]
    # Sources are entered by number: a select of every broadcast would be huge.
    edit_handler = ObjectList(
        [
            FieldPanel("broadcast", widget=forms.NumberInput),
            FieldPanel("session", widget=forms.NumberInput),
            FieldPanel("coverage", widget=forms.NumberInput),
            FieldPanel("region"),
            FieldPanel("age_band"),
            FieldPanel("count"),
            FieldPanel("method"),
            FieldPanel("reached_at"),
            FieldPanel("note"),
        ],
        base_form_class=ReachRecordForm,
    )

    def get_queryset(self, request):
        return ReachRecord.objects.select_related(
            "broadcast__channel", "session", "coverage", "region", "recorded_by"
        )


register_snippet(ReachRecordViewSet)
