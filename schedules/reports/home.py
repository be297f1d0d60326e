"""The summary panel on the admin home of committee users."""

from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from schedules.access import report_scope

from .filters import ReportFilter
from .forms import latest_campaign
from .report import report_build_cached


class ReachSummaryPanel(Component):
    name = "reach_summary"
    template_name = "schedules/reports/home_panel.html"
    order = 50

    class Media:
        css = {"all": ["schedules/reports/report.css"]}

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        scope = report_scope(self.request.user)
        if scope is None or not scope.everywhere:
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        campaign = latest_campaign()
        report = report_build_cached(
            ReportFilter(
                campaign=campaign,
                start=campaign.period_start if campaign else None,
                end=campaign.period_end if campaign else None,
            )
        )
        heading = _("Reach of the campaign")
        if campaign is not None:
            heading = _("Reach: %(campaign)s") % {"campaign": campaign.title}
        return {"report": report, "heading": heading, "request": self.request}
