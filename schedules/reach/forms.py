"""The admin form for reach records: friendly errors before the database's own."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from schedules.models import ReachMethod, ReachRecord
from schedules.models.reach import SOURCES


class ReachRecordForm(WagtailAdminModelForm):
    """Exactly one source, one estimate per source; who recorded it is the user."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and "reached_at" in self.fields:
            self.fields["reached_at"].initial = timezone.now()

    def clean(self):
        cleaned = super().clean()
        sources = [name for name in SOURCES if cleaned.get(name)]
        if len(sources) != 1:
            raise forms.ValidationError(
                _("Give exactly one source: a broadcast, a session or a press article.")
            )
        source = sources[0]
        if cleaned.get("method") == ReachMethod.ESTIMATED:
            others = ReachRecord.objects.filter(
                method=ReachMethod.ESTIMATED, **{source: cleaned[source]}
            ).exclude(pk=self.instance.pk)
            if others.exists():
                raise forms.ValidationError(
                    _("This source already has an estimate; correct that one instead.")
                )
        return cleaned

    def save(self, commit=True):
        if self.instance.recorded_by_id is None and self.for_user is not None:
            self.instance.recorded_by = self.for_user
        if self.instance.pk is None:
            self.instance.recorded_at = timezone.now()
        return super().save(commit=commit)
