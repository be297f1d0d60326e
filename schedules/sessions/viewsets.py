"""The sessions admin: a ModelViewSet whose every view starts from the user's area.

Lists, exports and counts read scoping.sessions_visible_to; edit, delete, inspect,
history and usage look the object up in it too, so another area's session is a 404.
"""

from django import forms
from django.contrib.auth.models import Permission
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from campaigns.selectors import campaign_in_view
from schedules.models import Session

from . import views
from .forms import SessionForm
from .scoping import session_policy, sessions_visible_to
from .services import session_reach_sync
from .times import next_action, session_time


def local_datetime(value):
    return date_format(timezone.localtime(value), "d/m/Y H:i") if value else ""


class ScopedQuerysetMixin:
    """Edit and delete look the session up among the user's own only."""

    def get_queryset(self):
        return sessions_visible_to(self.request.user)


class ScopedObjectMixin:
    """History and usage list other things; their session comes from the area."""

    def get_base_object_queryset(self):
        return sessions_visible_to(self.request.user)


class NextActionColumn(Column):
    """The one thing to do next with the session, as a button a thumb can tap."""

    cell_template_name = "schedules/sessions/_next_action_cell.html"

    def get_value(self, instance):
        return next_action(instance, now=timezone.now())


def field_column(name, **kwargs):
    """A sortable column of a Session field, labelled as the field is."""
    label = capfirst(Session._meta.get_field(name).verbose_name)
    return Column(name, label=label, sort_key=name, **kwargs)


class SessionIndexView(generic.IndexView):
    # On a phone each row becomes a card (schedules/sessions/sessions.css).
    table_classname = "listing session-listing"

    def get_filterset_kwargs(self):
        """The list (and its export) opens on the campaign in view; choosing "all"
        in the filter (an empty value) shows every campaign."""
        kwargs = super().get_filterset_kwargs()
        if "campaign" not in self.request.GET:
            campaign = campaign_in_view(today=timezone.localdate())
            if campaign is not None:
                data = self.request.GET.copy()
                data["campaign"] = str(campaign.pk)
                kwargs["data"] = data
        return kwargs

    def get_base_queryset(self):
        return sessions_visible_to(self.request.user).select_related(
            "region", "organisation"
        )

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for name in ("kind", "status"):
            row[name] = getattr(item, f"get_{name}_display")()
        for name in ("starts_at", "ends_at"):
            row[name] = local_datetime(getattr(item, name))
        for name in ("organisation", "region"):
            row[name] = str(getattr(item, name))
        return row

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                _("Materials kit"),
                url=reverse("sessions:kit", args=[instance.pk]),
                icon_name="doc-full",
                priority=25,
            )
        )
        return buttons


class SessionSyncMixin:
    """After the form is saved, keep the session's reported reach in step."""

    def save_instance(self):
        instance = super().save_instance()
        session_reach_sync(session=instance, user=self.request.user, now=timezone.now())
        return instance


class SessionCreateView(SessionSyncMixin, generic.CreateView):
    pass


class SessionEditView(SessionSyncMixin, ScopedQuerysetMixin, generic.EditView):
    def get_header_more_buttons(self):
        kit = reverse("sessions:kit", args=[self.object.pk])
        return [
            *super().get_header_more_buttons(),
            Button(_("Materials kit"), url=kit, icon_name="doc-full", priority=50),
        ]


class SessionDeleteView(ScopedQuerysetMixin, generic.DeleteView):
    pass


class SessionInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(sessions_visible_to(self.request.user), pk=self.pk)

    def get_field_display_value(self, field_name, field):
        if field_name in ("starts_at", "ends_at"):
            return local_datetime(getattr(self.object, field_name))
        return super().get_field_display_value(field_name, field)


class SessionHistoryView(ScopedObjectMixin, HistoryView):
    pass


class SessionUsageView(ScopedObjectMixin, UsageView):
    pass


# Taller fields and checkbox rows on a phone (schedules/sessions/sessions.css).
FORM_CLASS = "session-form"
COUNTS = FieldRowPanel(
    [
        FieldPanel("attendance_total"),
        FieldPanel("attendance_women"),
        FieldPanel("attendance_men"),
        FieldPanel("attendance_children"),
        FieldPanel("attendance_ethnic_minority"),
    ]
)


class SessionViewSet(ModelViewSet):
    model = Session
    name = "sessions"
    icon = "group"
    menu_label = _("Sessions")
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = SessionIndexView
    add_view_class = SessionCreateView
    edit_view_class = SessionEditView
    delete_view_class = SessionDeleteView
    inspect_view_class = SessionInspectView
    history_view_class = SessionHistoryView
    usage_view_class = SessionUsageView
    list_display = [
        "title",
        field_column("kind", accessor="get_kind_display", classname="wide-only"),
        field_column("region", classname="session-region"),
        Column(
            "starts_at",
            label=_("Time"),
            accessor=session_time,
            sort_key="starts_at",
            classname="session-time",
        ),
        field_column("status", accessor="get_status_display"),
        field_column("attendance_total", classname="wide-only"),
        NextActionColumn("next_action", label=_("Next step"), classname="session-next"),
    ]
    list_filter = ["status", "kind", "campaign"]
    search_fields = ["title", "venue"]
    ordering = ["-starts_at"]
    list_export = [
        "id",
        "title",
        "kind",
        "organisation",
        "region",
        "venue",
        "starts_at",
        "ends_at",
        "status",
        "expected_attendance",
        "attendance_total",
        "attendance_women",
        "attendance_men",
        "attendance_children",
        "attendance_ethnic_minority",
    ]
    export_filename = "buoi-sinh-hoat"
    inspect_view_fields = [
        "title",
        "kind",
        "organisation",
        "organiser",
        "campaign",
        "region",
        "venue",
        "starts_at",
        "ends_at",
        "age_bands",
        "risk_groups",
        "language",
        "messages_used",
        "materials",
        "expected_attendance",
        "status",
        "cancel_reason",
        "attendance_total",
        "attendance_women",
        "attendance_men",
        "attendance_children",
        "attendance_ethnic_minority",
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("title"),
                    FieldPanel("kind"),
                    FieldPanel("campaign", widget=forms.Select),
                    FieldPanel("organisation"),
                    FieldPanel("organiser"),
                ],
                heading=_("Session"),
                classname=FORM_CLASS,
            ),
            MultiFieldPanel(
                [
                    FieldPanel("region"),
                    FieldPanel("venue"),
                    FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                ],
                heading=_("Where and when"),
                classname=FORM_CLASS,
            ),
            MultiFieldPanel(
                [
                    FieldPanel("age_bands", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("risk_groups", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("language", widget=forms.Select),
                    FieldPanel("messages_used", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("materials"),
                    FieldPanel("expected_attendance"),
                ],
                heading=_("Audience and materials"),
                classname=FORM_CLASS,
            ),
            MultiFieldPanel(
                [FieldPanel("status"), FieldPanel("cancel_reason"), COUNTS],
                heading=_("Outcome and attendance"),
                classname=FORM_CLASS,
            ),
        ],
        base_form_class=SessionForm,
    )

    def get_permissions_to_register(self):
        # Session permissions in the group editor would grant nothing (memberships
        # decide) but would show every session in the site history.
        return Permission.objects.none()

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("kit/<int:pk>/", views.KitView.as_view(), name="kit"),
            path("kit/<int:pk>/zip/", views.KitZipView.as_view(), name="kit_zip"),
        ]


class SessionMenuItemMixin:
    """Shown to those who may see some session: organisers and superusers."""

    @property
    def menu_item_class(self):
        def is_shown(_self, request):
            return session_policy().user_has_any_permission(
                request.user, ["view", "change", "add"]
            )

        return type("SessionAreaMenuItem", (AdminMenuItem,), {"is_shown": is_shown})


class SessionCalendarViewSet(SessionMenuItemMixin, ViewSet):
    name = "sessions_calendar"
    icon = "date"
    menu_label = _("Calendar")

    def get_urlpatterns(self):
        return [path("", views.CalendarView.as_view(), name="index")]


class AttendanceViewSet(SessionMenuItemMixin, ViewSet):
    name = "sessions_attendance"
    icon = "tasks"
    menu_label = _("Attendance")

    def get_urlpatterns(self):
        return [
            path("", views.AttendanceView.as_view(), name="index"),
            path("import/", views.AttendanceImportView.as_view(), name="import"),
        ]


class CommunitySessionsGroup(ViewSetGroup):
    menu_label = _("Community sessions")
    menu_icon = "group"
    menu_order = 260
    items = (SessionViewSet, SessionCalendarViewSet, AttendanceViewSet)
