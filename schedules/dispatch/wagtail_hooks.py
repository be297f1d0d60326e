"""Admin wiring for dispatch: the queue, a broadcast's history, retry and confirm."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from schedules.access import can_watch_dispatch
from schedules.dispatch import admin_views

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
        return can_watch_dispatch(request.user)


@hooks.register("register_admin_menu_item")
def register_dispatch_menu_item():
    return DispatchMenuItem(
        _("Dispatch queue"),
        reverse("dispatch_admin:queue"),
        name="dispatch-queue",
        icon_name="resubmit",
        order=320,
    )
