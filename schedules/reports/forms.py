"""The dashboard's filters, limited to what the user's scope allows, and the
committee's settings form."""

from django import forms
from django.core.validators import validate_email
from django.db.models import Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import CampaignPage, Organisation, Region, RegionMap
from campaigns.selectors import campaign_in_view
from schedules.access import Scope
from schedules.models import ReportSettings

from .filters import ReportFilter
from .selectors import DISTRICT_DEPTH

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date_field(label):
    # A text field shows 30/07/2017 whatever the browser's language.
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(
            attrs={"placeholder": "dd/mm/yyyy", "size": 10}, format="%d/%m/%Y"
        ),
    )


def latest_campaign() -> CampaignPage | None:
    """The campaign running today, else the next one, else the latest."""
    return campaign_in_view(today=timezone.localdate())


class ReportFilterForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=CampaignPage.objects.order_by("-year"),
        to_field_name="year",  # ?campaign=2017 reads as what it means
        required=False,
        empty_label=_("All campaigns"),
    )
    start = _date_field(_("From"))
    end = _date_field(_("To"))
    area = forms.ModelChoiceField(
        label=_("District"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("Whole province"),
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Organisation.objects.filter(parent__isnull=True),
        required=False,
        empty_label=_("All units"),
    )

    def __init__(self, data, *, scope: Scope):
        self.scope = scope
        if "campaign" not in data:
            # First visit: the latest campaign over its peak period.
            data = data.copy()
            campaign = latest_campaign()
            if campaign is not None:
                data["campaign"] = str(campaign.year)
                data.setdefault("start", f"{campaign.period_start:%d/%m/%Y}")
                data.setdefault("end", f"{campaign.period_end:%d/%m/%Y}")
        super().__init__(data)
        if scope.everywhere:
            areas = Region.objects.filter(depth=DISTRICT_DEPTH)
            year = str(self.data.get("campaign") or "")
            if year.isdigit():  # the areas of the map in force on its 30/7
                anchor = CampaignPage.objects.filter(year=year).values("anchor_date")
                areas = areas.filter(
                    map=RegionMap.objects.filter(effective_from__lte=Subquery(anchor))
                    .order_by("-effective_from")
                    .values("pk")[:1]
                )
        else:
            inside = Q()
            for area in scope.areas:
                inside |= Q(path__startswith=area.path, depth__lte=area.depth + 1)
            areas = Region.objects.filter(inside)
            self.fields["area"].empty_label = _("All my areas")
        self.fields["area"].queryset = areas.order_by("path")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date must not be before the start date."))
        return cleaned

    def report_filter(self) -> ReportFilter:
        """The filter of valid input; dates left empty take the campaign's period."""
        data = self.cleaned_data
        campaign = data.get("campaign")
        start, end = data.get("start"), data.get("end")
        if campaign is not None:
            start = start or campaign.period_start
            end = end or campaign.period_end
        area = data.get("area")
        areas = (area,) if area is not None else self.scope.areas
        return ReportFilter(
            campaign=campaign,
            start=start,
            end=end,
            areas=tuple(areas),
            unit=data.get("unit"),
        )


class ReportSettingsForm(forms.ModelForm):
    proposals = forms.CharField(
        label=_("Proposals and recommendations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Section V of the compiled report of the chosen campaign."),
    )

    class Meta:
        model = ReportSettings
        fields = ["reach_target_per_head", "weekly_email_enabled", "weekly_email_to"]
        widgets = {"weekly_email_to": forms.Textarea(attrs={"rows": 3})}

    def clean_weekly_email_to(self):
        text = self.cleaned_data["weekly_email_to"]
        probe = ReportSettings(weekly_email_to=text)
        for address in probe.recipients:
            try:
                validate_email(address)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("“%(address)s” is not an e-mail address.") % {"address": address}
                ) from error
        return text

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("weekly_email_enabled")
            and not ReportSettings(
                weekly_email_to=cleaned.get("weekly_email_to", "")
            ).recipients
        ):
            self.add_error(
                "weekly_email_to", _("Give at least one address to send the report to.")
            )
        return cleaned
