"""Community sessions the Women's Union and other units hold, and who came."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
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
        "campaigns.Language",
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
        return f"{self.title} ({self.starts_at:%d/%m/%Y})"

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
