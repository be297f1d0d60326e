"""Admin wiring for reach records: a list with history, entry from a broadcast."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from schedules.models import Broadcast, ReachRecord

from .forms import ReachRecordForm


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
