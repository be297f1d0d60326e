"""Admin wiring for smart radio: channels and clusters, playback logs, settings."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.contrib.settings.registry import register_setting
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from schedules.access import can_confirm
from schedules.models import SmartRadio, SmartRadioSettings

from . import admin_views


class SmartRadioViewSet(SnippetViewSet):
    model = SmartRadio
    icon = "media"
    menu_label = _("Smart radio")
    menu_order = 305
    add_to_admin_menu = True
    list_display = ["channel", "bitrate_kbps", "active"]
    list_filter = ["active"]

    def get_queryset(self, request):
        return SmartRadio.objects.select_related("channel")


register_snippet(SmartRadioViewSet)
register_setting(SmartRadioSettings, icon="group")

admin_urlpatterns = [
    path("", admin_views.PlaybackLogsView.as_view(), name="logs"),
    path("<int:pk>/", admin_views.PlaybackLogView.as_view(), name="log"),
]


@hooks.register("register_admin_urls")
def register_smartradio_urls():
    return [
        path(
            "playback/",
            include(
                (admin_urlpatterns, "smartradio_admin"), namespace="smartradio_admin"
            ),
        )
    ]


class ConfirmerMenuItem(MenuItem):
    def is_shown(self, request):
        return can_confirm(request.user)


@hooks.register("register_admin_menu_item")
def register_playback_menu_item():
    return ConfirmerMenuItem(
        _("Playback logs"),
        reverse("smartradio_admin:logs"),
        name="playback-logs",
        icon_name="doc-full",
        order=325,
    )
