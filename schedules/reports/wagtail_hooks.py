"""Admin wiring of the committee's reports: URLs, menu item, home panel."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from schedules.access import report_scope

from . import views
from .home import ReachSummaryPanel

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("print/", views.PrintView.as_view(), name="print"),
    path("export.xlsx", views.XlsxExportView.as_view(), name="xlsx"),
    path("export.csv", views.CsvExportView.as_view(), name="csv"),
    path("settings/", views.SettingsView.as_view(), name="settings"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("reports/", include((urlpatterns, "schedules_reports")))]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return report_scope(request.user) is not None


# In Wagtail's own Reports menu, first: staff find one reports menu, not two.
@hooks.register("register_reports_menu_item")
def register_menu():
    return ReportsMenuItem(
        _("Reach and activities"),
        reverse("schedules_reports:dashboard"),
        name="reach",
        icon_name="table",
        order=10,
    )


@hooks.register("construct_homepage_panels")
def add_reach_panel(request, panels):
    panels.insert(0, ReachSummaryPanel(request))
