"""Press outlets whose feeds we poll, and their articles that cover the campaign."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PressOutlet(models.Model):
    """A newspaper or portal; its readership estimates the reach of an article."""

    name = models.CharField(_("name"), max_length=255)
    website = models.URLField(_("website"), blank=True)
    feed_url = models.URLField(_("feed URL"), max_length=1000)
    readership = models.PositiveIntegerField(_("estimated readership per article"))
    region = models.ForeignKey(
        "campaigns.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="press_outlets",
    )
    active = models.BooleanField(_("active"), default=True)
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True)
    etag = models.CharField(_("ETag"), max_length=255, blank=True)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True)
    consecutive_failures = models.PositiveIntegerField(
        _("consecutive failures"), default=0
    )
    last_error = models.TextField(_("last error"), blank=True)

    def __str__(self):
        return self.name

    class Meta:
        verbose_name = _("press outlet")
        verbose_name_plural = _("press outlets")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["feed_url"], name="press_outlet_unique_feed"
            )
        ]


class CoverageStatus(models.TextChoices):
    PENDING = "pending", _("To review")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class Coverage(models.Model):
    """An article of an outlet that mentions the campaign; stored as sanitised text."""

    outlet = models.ForeignKey(
        PressOutlet,
        verbose_name=_("outlet"),
        on_delete=models.CASCADE,
        related_name="coverage",
    )
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="coverage",
    )
    entry_id = models.CharField(_("entry id"), max_length=1000)
    link = models.URLField(_("link"), max_length=1000, blank=True)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    matched_terms = models.JSONField(_("matched terms"), default=list)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CoverageStatus.choices,
        default=CoverageStatus.PENDING,
    )
    found_at = models.DateTimeField(_("found at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    def __str__(self):
        return self.title

    class Meta:
        verbose_name = _("press coverage")
        verbose_name_plural = _("press coverage")
        ordering = ["-published_at", "-found_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["outlet", "entry_id"], name="coverage_unique_entry"
            )
        ]
