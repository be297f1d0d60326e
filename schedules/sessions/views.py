"""Admin pages beside the session list: calendar, attendance, the materials kit.

Each page reads through scoping, so an organiser only ever meets their own area.
"""

import calendar as calendar_module
import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import selectors
from .forms import AttendanceFormSet, AttendanceImportForm
from .imports import attendance_import, decode
from .kit import kit_build, kit_filename, kit_zip
from .scoping import area_roots, session_policy, sessions_visible_to
from .services import Attendance, attendance_many_record
from .tokens import feed_token

ATTENDANCE_ROWS = 200
MAX_UPLOAD = 1024 * 1024


class AreaPermissionMixin:
    """Refuse users with no area or without the needed session permission."""

    actions = ("view", "change", "add", "delete")

    def dispatch(self, request, *args, **kwargs):
        if not session_policy().user_has_any_permission(request.user, self.actions):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AdminPageMixin(WagtailAdminTemplateMixin):
    """The admin's furniture, with this page's title as the last breadcrumb."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class CalendarView(AreaPermissionMixin, AdminPageMixin, TemplateView):
    page_title = gettext_lazy("Session calendar")
    header_icon = "date"
    template_name = "schedules/sessions/calendar.html"

    def month(self) -> datetime.date:
        value = self.request.GET.get("month", "")
        try:
            month = datetime.datetime.strptime(value, "%Y-%m").date()
        except ValueError:
            month = None
        if month is None or not 2000 <= month.year <= 2100:
            return selectors.default_month(user=self.request.user, now=timezone.now())
        return month

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        month = self.month()
        by_day = {}
        for session in selectors.sessions_in_month(
            user=user, year=month.year, month=month.month
        ):
            day = timezone.localtime(session.starts_at).date()
            last = timezone.localtime(session.ends_at).date()
            while day <= last:
                by_day.setdefault(day, []).append(session)
                day += datetime.timedelta(days=1)
        weeks = [
            [
                {
                    "date": day,
                    "in_month": day.month == month.month,
                    "sessions": by_day.get(day, []),
                }
                for day in week
            ]
            for week in calendar_module.Calendar().monthdatescalendar(
                month.year, month.month
            )
        ]
        previous = (month - datetime.timedelta(days=1)).replace(day=1)
        following = (month + datetime.timedelta(days=32)).replace(day=1)
        token = feed_token(user)
        feeds = [
            {
                "region": region,
                "public": feed_url(self.request, region.code),
                "personal": feed_url(self.request, region.code, token),
            }
            for region in area_roots(user)
        ]
        context.update(
            month=month,
            month_label=f"{MONTHS[month.month]} {month.year}",
            weekdays=[WEEKDAYS_ABBR[day] for day in range(7)],
            weeks=weeks,
            previous=previous.strftime("%Y-%m"),
            following=following.strftime("%Y-%m"),
            feeds=feeds,
            count=sum(len(day["sessions"]) for week in weeks for day in week),
        )
        return context


def feed_url(request, code, token=None):
    url = reverse("sessions_feed") + f"?region={code}"
    if token:
        url += f"&token={token}"
    return request.build_absolute_uri(url)


class AttendanceView(AreaPermissionMixin, AdminPageMixin, TemplateView):
    """Attendance of many past sessions at once, in an editable list."""

    actions = ("change",)
    page_title = gettext_lazy("Attendance of past sessions")
    header_icon = "tasks"
    template_name = "schedules/sessions/attendance.html"

    @property
    def show_all(self):
        return self.request.GET.get("all") == "1"

    def rows(self, now):
        user = self.request.user
        if self.show_all:
            found = selectors.past_sessions(user=user, now=now)
        else:
            found = selectors.sessions_without_attendance(user=user, now=now)
        return found[:ATTENDANCE_ROWS]

    def formset(self, data=None):
        now = timezone.now()
        scope = selectors.past_sessions(user=self.request.user, now=now)
        if data is None:
            queryset = self.rows(now)
        else:
            posted = [
                value
                for key, value in data.items()
                if key.startswith("form-") and key.endswith("-id") and value.isdigit()
            ]
            queryset = scope.filter(pk__in=posted)
        return AttendanceFormSet(data, queryset=queryset, scope=scope)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formset", self.formset())
        context["show_all"] = self.show_all
        return context

    def post(self, request, *args, **kwargs):
        formset = self.formset(request.POST)
        if formset.is_valid():
            entries = [
                (form.instance, _attendance(form.cleaned_data))
                for form in formset.forms
                if form.instance.pk
                and form.has_changed()
                and form.cleaned_data.get("attendance_total") is not None
            ]
            try:
                with transaction.atomic():
                    saved = attendance_many_record(
                        entries=entries, user=request.user, now=timezone.now()
                    )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("Attendance saved for %(count)d sessions.")
                    % {"count": len(saved)},
                )
                return redirect(request.get_full_path())
        else:
            messages.error(request, _("Some rows have errors; nothing was saved."))
        return self.render_to_response(self.get_context_data(formset=formset))


def _attendance(cleaned) -> Attendance:
    return Attendance(
        total=cleaned["attendance_total"],
        women=cleaned.get("attendance_women"),
        men=cleaned.get("attendance_men"),
        children=cleaned.get("attendance_children"),
        ethnic_minority=cleaned.get("attendance_ethnic_minority"),
    )


class AttendanceImportView(AreaPermissionMixin, AdminPageMixin, FormView):
    """A CSV of attendance: every line is checked first, then all or nothing."""

    actions = ("change",)
    page_title = gettext_lazy("Import attendance")
    header_icon = "upload"
    template_name = "schedules/sessions/attendance_import.html"
    form_class = AttendanceImportForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            form.add_error("file", _("The file is larger than 1 MB."))
            return self.form_invalid(form)
        try:
            saved = attendance_import(
                user=self.request.user,
                text=decode(upload.read()),
                now=timezone.now(),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Attendance imported for %(count)d sessions.") % {"count": len(saved)},
        )
        return redirect("sessions_attendance:index")


class KitMixin(AreaPermissionMixin):
    def session(self):
        return get_object_or_404(
            sessions_visible_to(self.request.user).select_related(
                "region", "campaign", "organisation"
            ),
            pk=self.kwargs["pk"],
        )

    def render_kit(self, kit, *, offline):
        return render_to_string(
            "schedules/sessions/kit.html",
            {"kit": kit, "session": kit.session, "offline": offline},
            request=None if offline else self.request,
        )


class KitView(KitMixin, View):
    """One page to print: scripts, texts, captions, slogans, images, questions."""

    def get(self, request, *args, **kwargs):
        kit = kit_build(session=self.session())
        return HttpResponse(self.render_kit(kit, offline=False))


class KitZipView(KitMixin, View):
    def get(self, request, *args, **kwargs):
        session = self.session()
        kit = kit_build(session=session)
        data = kit_zip(kit=kit, html=self.render_kit(kit, offline=True))
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = (
            f'attachment; filename="{kit_filename(session)}"'
        )
        return response
