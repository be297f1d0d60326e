"""Admin forms for schedules."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from campaigns.models import Format


class ChannelForm(WagtailAdminModelForm):
    formats = forms.MultipleChoiceField(
        label=_("formats accepted"),
        choices=Format.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    webhook_secret = forms.CharField(
        label=_("webhook secret"),
        required=False,
        max_length=128,
        # Never printed back into the page; left empty, the secret stays as it is.
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("Leave empty to keep the current secret."),
    )

    def clean_webhook_secret(self):
        return self.cleaned_data["webhook_secret"] or self.instance.webhook_secret

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("delivery_method")
        if method == "webhook" and not cleaned.get("webhook_url"):
            self.add_error("webhook_url", _("A webhook channel needs its URL."))
        if method == "email" and not cleaned.get("contact_email"):
            self.add_error("contact_email", _("An e-mail channel needs an address."))
        return cleaned
