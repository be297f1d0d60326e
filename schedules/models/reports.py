"""What the steering committee sets for its reports: the reach target, the weekly
e-mail, and each campaign's proposals."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting


class ReportSettings(BaseGenericSetting):
    """One row: the target the gap list measures against and who gets the e-mail."""

    reach_target_per_head = models.DecimalField(
        _("reach target per head"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_(
            "Contacts per inhabitant the committee aims for; areas below it are gaps."
        ),
    )
    weekly_email_enabled = models.BooleanField(
        _("send the weekly report by e-mail"), default=False
    )
    weekly_email_to = models.TextField(
        _("weekly report recipients"),
        blank=True,
        help_text=_("E-mail addresses, one a line or separated by commas."),
    )
    weekly_email_last_sent = models.DateTimeField(
        _("weekly report last sent"), null=True, blank=True, editable=False
    )

    @property
    def recipients(self) -> list[str]:
        text = self.weekly_email_to.replace(",", "\n").replace(";", "\n")
        return [line.strip() for line in text.splitlines() if line.strip()]

    class Meta:
        verbose_name = _("report settings")
        verbose_name_plural = _("report settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reach_target_per_head__gt=0),
                name="report_settings_target_positive",
            )
        ]


class CommitteeReport(models.Model):
    """The committee's own words in a campaign's compiled report (section V)."""

    campaign = models.OneToOneField(
        "campaigns.CampaignPage",
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="committee_report",
    )
    proposals = models.TextField(_("proposals and recommendations"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    def __str__(self):
        return str(self.campaign)

    class Meta:
        verbose_name = _("committee report")
        verbose_name_plural = _("committee reports")
