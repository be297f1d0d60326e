"""Forms of the sessions admin: every choice is limited to the user's area."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.forms.models import BaseModelFormSet, modelformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from campaigns.models import CampaignPage, MessagePage, Organisation
from schedules.models import Session
from schedules.models.sessions import ATTENDANCE_FIELDS, SessionStatus

from .scoping import organisations_for, organisers_for, regions_visible_to
from .selectors import current_campaign


class RegionChoiceField(forms.ModelChoiceField):
    """Regions indented under their district, so a commune is found by its place."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, **kwargs)
        self.top = min((region.depth for region in queryset), default=1)

    def label_from_instance(self, obj):
        return "— " * (obj.depth - self.top) + obj.name


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


def campaign_label(campaign: CampaignPage) -> str:
    return f"{campaign.year} · {campaign.title}"


class SessionForm(WagtailAdminModelForm):
    """The create and edit form; a region outside the user's area is not a choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        fields = self.fields
        if "region" in fields:
            fields["region"] = RegionChoiceField(
                queryset=regions_visible_to(user).order_by("path"),
                label=fields["region"].label,
                help_text=fields["region"].help_text,
            )
        # A session planned higher up keeps its unit and organiser when edited here.
        instance = self.instance
        if "organisation" in fields:
            fields["organisation"].queryset = Organisation.objects.filter(
                Q(pk__in=organisations_for(user).values("pk"))
                | Q(pk=instance.organisation_id)
            )
        if "organiser" in fields:
            fields["organiser"] = PersonChoiceField(
                queryset=organisers_for(user)
                | get_user_model().objects.filter(pk=instance.organiser_id),
                required=False,
                label=fields["organiser"].label,
            )
        if "campaign" in fields:
            fields["campaign"].queryset = CampaignPage.objects.order_by("-year")
            # The year first: a phone cuts the long title short, and every year's
            # title begins alike.
            fields["campaign"].label_from_instance = campaign_label
        if "messages_used" in fields:
            # Published messages, and any chosen before it was unpublished.
            chosen = [message.pk for message in self.instance.messages_used.all()]
            live = MessagePage.objects.live().public().values("pk")
            fields["messages_used"].queryset = MessagePage.objects.filter(
                Q(pk__in=live) | Q(pk__in=chosen)
            ).order_by("title")
        if not self.instance.pk and not self.is_bound:
            self._set_initial(user)

    def clean(self):
        cleaned = super().clean()
        campaign, region = cleaned.get("campaign"), cleaned.get("region")
        region_map = campaign.region_map if campaign else None
        if region and region_map and region.map_id != region_map.pk:
            # After a reform an organiser's area holds old and new units alike.
            self.add_error(
                "region",
                _("%(region)s is not on the map of the %(year)s campaign.")
                % {"region": region, "year": campaign.year},
            )
        # Whoever plans a session is its organiser unless someone else is named.
        if "organiser" in self.fields and not cleaned.get("organiser"):
            if not self.instance.pk:
                cleaned["organiser"] = self.for_user
        return cleaned

    def _set_initial(self, user):
        self.initial.setdefault("organiser", user.pk)
        campaign = current_campaign(now=timezone.now())
        if campaign is not None:
            self.initial.setdefault("campaign", campaign.pk)
        organisation = organisations_for(user).filter(memberships__user=user).first()
        if organisation is not None:
            self.initial.setdefault("organisation", organisation.pk)


class AttendanceForm(forms.ModelForm):
    """One row of the attendance list: entering counts marks the session held."""

    class Meta:
        model = Session
        fields = list(ATTENDANCE_FIELDS)
        widgets = {
            name: forms.NumberInput(attrs={"min": 0, "class": "attendance-count"})
            for name in ATTENDANCE_FIELDS
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("attendance_total") is not None:
            self.instance.status = SessionStatus.HELD
        return cleaned


class BaseAttendanceFormSet(BaseModelFormSet):
    """Rows may only name sessions of the user's area, never a new session."""

    def __init__(self, *args, scope=None, **kwargs):
        self.scope = scope
        super().__init__(*args, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # Django checks a posted id against every session; only the area's count.
        form.fields[self._pk_field.name].queryset = self.scope


AttendanceFormSet = modelformset_factory(
    Session,
    form=AttendanceForm,
    formset=BaseAttendanceFormSet,
    extra=0,
    edit_only=True,
)


class AttendanceImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One line per session: session id, total, women, men, children under 16, "
            "ethnic minority. A first line with column names is skipped."
        ),
    )
