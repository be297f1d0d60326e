"""Reach: how many people a broadcast, a session or an article reached."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import RevisionMixin


class ReachMethod(models.TextChoices):
    MEASURED = "measured", _("Measured")
    REPORTED = "reported", _("Reported")
    ESTIMATED = "estimated", _("Estimated")


SOURCES = ("broadcast", "session", "coverage")


def _exactly_one_source():
    options = []
    for source in SOURCES:
        options.append(
            Q(**{f"{source}__isnull": False})
            & Q(**{f"{other}__isnull": True for other in SOURCES if other != source})
        )
    condition = options[0]
    for option in options[1:]:
        condition |= option
    return condition


class ReachRecord(RevisionMixin, models.Model):
    """People reached, counted or estimated, from exactly one source.

    Revisions keep the history of manual entries and corrections in the admin.
    """

    broadcast = models.ForeignKey(
        "schedules.Broadcast",
        verbose_name=_("broadcast"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reach",
    )
    session = models.ForeignKey(
        "schedules.Session",
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reach",
    )
    coverage = models.ForeignKey(
        "schedules.Coverage",
        verbose_name=_("press article"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reach",
    )
    region = models.ForeignKey(
        "campaigns.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="reach",
    )
    age_band = models.ForeignKey(
        "campaigns.AgeBand",
        verbose_name=_("age band"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reach",
    )
    count = models.PositiveIntegerField(_("people reached"))
    method = models.CharField(_("method"), max_length=20, choices=ReachMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reached_at = models.DateTimeField(
        _("reached at"),
        db_index=True,
        help_text=_(
            "When the people were reached: the airing, the session, the article. "
            "Reports count the reach on this day."
        ),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Generated for the demo; reports label it, never as real figures."),
    )

    def __str__(self):
        return f"{self.count} ({self.get_method_display()})"

    class Meta:
        verbose_name = _("reach record")
        verbose_name_plural = _("reach records")
        ordering = ["-reached_at"]
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_source(), name="reach_exactly_one_source"
            ),
            models.CheckConstraint(
                condition=Q(count__gte=0), name="reach_count_positive"
            ),
            # A held session reports its attendance once; corrections update it.
            models.UniqueConstraint(
                fields=["session"],
                condition=Q(method="reported", session__isnull=False),
                name="reach_one_report_per_session",
            ),
            # Smart-radio playback measures an airing once; more plays update it.
            models.UniqueConstraint(
                fields=["broadcast"],
                condition=Q(method="measured", broadcast__isnull=False),
                name="reach_one_measurement_per_broadcast",
            ),
        ] + [
            models.UniqueConstraint(
                fields=[source],
                condition=Q(method="estimated", **{f"{source}__isnull": False}),
                name=f"reach_one_estimate_per_{source}",
            )
            for source in SOURCES
        ]
