from django import forms
from wagtail.forms import TaskStateCommentForm

from .models.review import CHECKLIST


class ChecklistForm(forms.Form):
    """The victim-safety checklist: every box is required."""

    no_identifying_details = forms.BooleanField(
        label=CHECKLIST["no_identifying_details"], required=True
    )
    consent_checked = forms.BooleanField(
        label=CHECKLIST["consent_checked"], required=True
    )
    non_stigmatising = forms.BooleanField(
        label=CHECKLIST["non_stigmatising"], required=True
    )


class VictimSafetyForm(TaskStateCommentForm, ChecklistForm):
    """Approval requires all three ticks; Django refuses the form otherwise."""
