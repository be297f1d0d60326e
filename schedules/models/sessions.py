"""Community sessions the Women's Union and other units hold, and who came."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel


class SessionKind(models.TextChoices):
    TALK = "talk", _("Thematic talk")
    MEETING = "meeting", _("Meeting")
    CONFERENCE = "conference", _("Conference")
    WORKSHOP = "workshop", _("Workshop")
    MOBILE_TRIAL = "mobile_trial", _("Mobile public trial")
    CULTURAL_EVENT = "cultural_event", _("Cultural event")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


# A session may be held a little before or after the campaign's peak period.
NEAR_PERIOD = datetime.timedelta(days=31)
ATTENDANCE_FIELDS = (
    "attendance_total",
    "attendance_women",
    "attendance_men",
    "attendance_children",
    "attendance_ethnic_minority",
)


class Session(ClusterableModel):
    """A talk, meeting or conference in a commune; attendance is recorded after it."""

    organisation = models.ForeignKey(
        "campaigns.Organisation",
        verbose_name=_("organising unit"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_sessions",
    )
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=SessionKind.choices)
    title = models.CharField(_("title"), max_length=255)
    region = models.ForeignKey(
        "campaigns.Region",
        verbose_name=_("commune or area"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    venue = models.CharField(_("venue"), max_length=255)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    age_bands = ParentalManyToManyField(
        "campaigns.AgeBand", verbose_name=_("age bands"), blank=True
    )
    risk_groups = ParentalManyToManyField(
        "campaigns.RiskGroup", verbose_name=_("risk groups"), blank=True
    )
    language = models.ForeignKey(
        "media.Language",
        verbose_name=_("language"),
        on_delete=models.PROTECT,
        to_field="code",
        default="vi",
        related_name="+",
    )
    messages_used = ParentalManyToManyField(
        "campaigns.MessagePage", verbose_name=_("messages used"), blank=True
    )
    materials = models.TextField(_("materials"), blank=True)
    expected_attendance = models.PositiveIntegerField(
        _("expected attendance"), null=True, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SessionStatus.choices,
        default=SessionStatus.PLANNED,
    )
    cancel_reason = models.CharField(
        _("reason for cancelling"), max_length=500, blank=True
    )
    attendance_total = models.PositiveIntegerField(_("attended"), null=True, blank=True)
    attendance_women = models.PositiveIntegerField(_("women"), null=True, blank=True)
    attendance_men = models.PositiveIntegerField(_("men"), null=True, blank=True)
    attendance_children = models.PositiveIntegerField(
        _("children under 16"), null=True, blank=True
    )
    attendance_ethnic_minority = models.PositiveIntegerField(
        _("ethnic minority"), null=True, blank=True
    )

    def __str__(self):
        when = timezone.localtime(self.starts_at) if self.starts_at else None
        return f"{self.title} ({when:%d/%m/%Y})" if when else self.title

    @property
    def has_attendance(self):
        return self.attendance_total is not None

    def clean(self):
        """Say in words what the database constraints would refuse, field by field."""
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The session must end after it starts.")
        elif self.starts_at and self.ends_at and self.campaign_id:
            self._check_period(errors)
        if self.status == SessionStatus.CANCELLED and not self.cancel_reason.strip():
            errors["cancel_reason"] = _("Give the reason for cancelling.")
        self._check_attendance(errors)
        if errors:
            raise ValidationError(errors)

    def _check_period(self, errors):
        campaign = self.campaign
        if not (campaign.period_start and campaign.period_end):
            return
        first = campaign.period_start - NEAR_PERIOD
        last = campaign.period_end + NEAR_PERIOD
        starts = timezone.localtime(self.starts_at).date()
        ends = timezone.localtime(self.ends_at).date()
        if starts < first or ends > last:
            errors["starts_at"] = _(
                "The session must take place during the campaign period "
                "(%(start)s – %(end)s) or within a month of it."
            ) % {
                "start": date_format(campaign.period_start, "d/m/Y"),
                "end": date_format(campaign.period_end, "d/m/Y"),
            }

    def _check_attendance(self, errors):
        counts = {name: getattr(self, name) for name in ATTENDANCE_FIELDS}
        total = counts["attendance_total"]
        if total is None:
            if any(value is not None for value in counts.values()):
                errors["attendance_total"] = _("Enter the total attendance as well.")
            return
        if self.status == SessionStatus.CANCELLED:
            errors["status"] = _("A cancelled session has no attendance.")
        elif self.status == SessionStatus.PLANNED:
            errors["status"] = _("Mark the session as held to record its attendance.")
        elif self.starts_at and self.starts_at > timezone.now():
            errors["status"] = _("A session cannot be held before it starts.")
        women = counts["attendance_women"] or 0
        men = counts["attendance_men"] or 0
        if women + men > total:
            errors["attendance_total"] = _(
                "Women and men together (%(sum)d) are more than the total (%(total)d)."
            ) % {"sum": women + men, "total": total}
        for name in ("attendance_children", "attendance_ethnic_minority"):
            if counts[name] is not None and counts[name] > total:
                errors[name] = _("This cannot be more than the total (%(total)d).") % {
                    "total": total
                }

    class Meta:
        verbose_name = _("community session")
        verbose_name_plural = _("community sessions")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="session_cancel_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(attendance_women__isnull=True)
                | Q(attendance_men__isnull=True)
                | Q(attendance_total__gte=F("attendance_women") + F("attendance_men")),
                name="session_women_and_men_within_total",
            ),
            models.CheckConstraint(
                condition=Q(attendance_total__isnull=True)
                | (
                    Q(attendance_children__isnull=True)
                    | Q(attendance_children__lte=F("attendance_total"))
                )
                & (
                    Q(attendance_ethnic_minority__isnull=True)
                    | Q(attendance_ethnic_minority__lte=F("attendance_total"))
                ),
                name="session_groups_within_total",
            ),
        ]
