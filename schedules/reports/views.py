"""The committee's dashboard, compiled report, exports and settings in the admin."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from campaigns.models import CampaignPage, Organisation
from schedules.access import report_scope
from schedules.dispatch.selectors import confirmations_by_channel
from schedules.models import Broadcast, CommitteeReport, ReportSettings

from .charts import chart_data
from .exports import TABLE_NAMES, csv_build, xlsx_build
from .filters import broadcast_q
from .forms import ReportFilterForm, ReportSettingsForm, latest_campaign
from .report import report_build_cached
from .services import XLSX_TYPE, report_settings_save


class ReportAccessMixin:
    """Refuses anyone without a reporting scope; organisers get their area only."""

    def dispatch(self, request, *args, **kwargs):
        self.scope = report_scope(request.user)
        if self.scope is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = ReportFilterForm(self.request.GET, scope=self.scope)
        return self._filter_form

    def get_report(self):
        form = self.get_filter_form()
        if not form.is_valid():
            return None
        return report_build_cached(form.report_filter())

    def query_string(self):
        return self.request.GET.urlencode()


class ReportAdminMixin(WagtailAdminTemplateMixin):
    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


class DashboardView(ReportAccessMixin, ReportAdminMixin, TemplateView):
    template_name = "schedules/reports/dashboard.html"
    page_title = gettext_lazy("Reach and activities")
    header_icon = "table"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.get_report()
        form = self.get_filter_form()
        context.update(
            form=form,
            report=report,
            scope=self.scope,
            charts=chart_data(report) if report else None,
            query=form.data.urlencode() if hasattr(form.data, "urlencode") else "",
            csv_tables=_csv_tables(),
            confirmations=confirmations_by_channel(
                now=timezone.now(),
                broadcasts=Broadcast.objects.filter(broadcast_q(report.filter)),
            )
            if report
            else None,
        )
        return context


def _csv_tables():
    titles = {
        "summary": _("Summary"),
        "day": _("By day"),
        "channel": _("By channel"),
        "unit": _("By unit"),
        "area": _("By area"),
        "age_band": _("By age band"),
        "method": _("By method"),
        "activity": _("Activities by unit"),
        "gaps": _("Gaps"),
        "comparison": _("Compared with the year before"),
    }
    return [(name, titles[name]) for name in TABLE_NAMES]


class PrintView(ReportAccessMixin, TemplateView):
    """The compiled report in the shape of an administrative report, A4."""

    template_name = "schedules/reports/print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.get_report()
        if report is None:
            raise Http404(_("The filter is not valid."))
        campaign = report.filter.campaign
        province = settings.PROVINCE_NAME
        context.update(
            report=report,
            charts=chart_data(report),
            today=timezone.localdate(),
            scope=self.scope,
            issuer=(campaign and campaign.issuing_body) or _("Steering Committee 138"),
            standing_body=Organisation.objects.filter(is_standing_body=True).first(),
            place=province.split(" ", 1)[-1] if " " in province else province,
        )
        return context


def _filename(report, extension):
    campaign = report.filter.campaign
    stem = f"bao-cao-{campaign.year}" if campaign else "bao-cao"
    return f"{stem}-{timezone.localdate():%Y%m%d}.{extension}"


class XlsxExportView(ReportAccessMixin, View):
    def get(self, request):
        report = self.get_report()
        if report is None:
            raise Http404(_("The filter is not valid."))
        response = HttpResponse(xlsx_build(report), content_type=XLSX_TYPE)
        name = _filename(report, "xlsx")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class CsvExportView(ReportAccessMixin, View):
    def get(self, request):
        report = self.get_report()
        if report is None:
            raise Http404(_("The filter is not valid."))
        table = request.GET.get("table", "summary")
        text = csv_build(report, table)
        if text is None:
            raise Http404(_("No such table."))
        # A byte order mark, so that spreadsheets read the Vietnamese letters.
        response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
        name = _filename(report, f"{table}.csv")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class SettingsView(ReportAccessMixin, ReportAdminMixin, FormView):
    """The committee sets the reach target, the weekly e-mail and the proposals."""

    template_name = "schedules/reports/settings.html"
    page_title = gettext_lazy("Report settings")
    header_icon = "cog"
    form_class = ReportSettingsForm

    def dispatch(self, request, *args, **kwargs):
        scope = report_scope(request.user)
        if scope is None or not scope.can_edit:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_campaign(self):
        year = self.request.GET.get("campaign")
        if year and year.isdigit():
            found = CampaignPage.objects.filter(year=year).first()
            if found:
                return found
        return latest_campaign()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = ReportSettings.load(self.request)
        campaign = self.get_campaign()
        found = CommitteeReport.objects.filter(campaign=campaign).first()
        kwargs["initial"] = {"proposals": found.proposals if found else ""}
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["campaign"] = self.get_campaign()
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            report_settings_save(
                user=self.request.user,
                reach_target_per_head=data["reach_target_per_head"],
                weekly_email_enabled=data["weekly_email_enabled"],
                weekly_email_to=data["weekly_email_to"],
                campaign=self.get_campaign(),
                proposals=data["proposals"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The report settings were saved."))
        return redirect(self.request.get_full_path())
