"""Admin screens of smart radio: upload a playback log, see what came of it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from schedules.access import can_confirm
from schedules.models import Channel, PlaybackLog, PlaybackSource

from .playback import playback_log_ingest

MAX_LOG_BYTES = 10 * 1024 * 1024


class ConfirmersOnly:
    def dispatch(self, request, *args, **kwargs):
        if not can_confirm(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PlaybackUploadForm(forms.Form):
    channel = forms.ModelChoiceField(
        label=gettext_lazy("Smart-radio channel"),
        queryset=Channel.objects.filter(smart_radio__active=True).order_by("name"),
    )
    file = forms.FileField(
        label=gettext_lazy("Playback log (CSV or JSON)"),
        help_text=gettext_lazy(
            "As the smart-radio software exports it: cluster code, start time, "
            "duration, the item's key or title."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_LOG_BYTES:
            raise ValidationError(_("A playback log is at most 10 MB."))
        return upload


class PlaybackLogsView(ConfirmersOnly, WagtailAdminTemplateMixin, FormView):
    """The upload form and the latest logs received, uploaded or posted."""

    template_name = "schedules/smartradio/logs.html"
    page_title = gettext_lazy("Playback logs")
    header_icon = "doc-full"
    form_class = PlaybackUploadForm

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["logs"] = PlaybackLog.objects.select_related("channel", "received_by")[
            :50
        ]
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            log = playback_log_ingest(
                channel=form.cleaned_data["channel"],
                content=upload.read(),
                source=PlaybackSource.UPLOAD,
                filename=upload.name,
                user=self.request.user,
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("file", message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "%(confirmed)d plays recorded, %(repeated)d already known, "
                "%(review)d lines to review."
            )
            % {
                "confirmed": log.confirmed,
                "repeated": log.repeated,
                "review": log.to_review,
            },
        )
        return redirect("smartradio_admin:log", log.pk)


class PlaybackLogView(ConfirmersOnly, WagtailAdminTemplateMixin, TemplateView):
    """One log: its counts, the plays it recorded and the lines to review."""

    template_name = "schedules/smartradio/log.html"
    page_title = gettext_lazy("Playback log")
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("smartradio_admin:logs"), "label": _("Playback logs")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        log = get_object_or_404(
            PlaybackLog.objects.select_related("channel", "received_by"),
            pk=kwargs["pk"],
        )
        context["log"] = log
        context["issues"] = log.issues.select_related("broadcast")
        context["plays"] = log.plays.select_related(
            "cluster", "broadcast__region"
        ).order_by("started_at")[:500]
        return context
