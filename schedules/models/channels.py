"""Channels the campaign speaks through, with when and how much they can air."""

import secrets

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


class ChannelKind(models.TextChoices):
    RADIO = "radio", _("Radio")
    TELEVISION = "television", _("Television")
    NEWSPAPER = "newspaper", _("Newspaper")
    WEB_PORTAL = "web_portal", _("Web portal")
    LOUDSPEAKER = "loudspeaker", _("Commune loudspeakers")
    SOCIAL_PAGE = "social_page", _("Social page")
    CULTURAL_VENUE = "cultural_venue", _("Cultural venue")


class DeliveryMethod(models.TextChoices):
    EMAIL = "email", _("E-mail")
    WEBHOOK = "webhook", _("Signed webhook")
    PULL_FEED = "pull_feed", _("Pull feed")
    RUN_SHEET = "run_sheet", _("Printed run-sheet")


def new_feed_token():
    return secrets.token_urlsafe(24)


class Channel(ClusterableModel):
    """A radio, TV, paper, portal, loudspeaker network or venue that airs messages."""

    name = models.CharField(_("name"), max_length=255)
    owner = models.ForeignKey(
        "campaigns.Organisation",
        verbose_name=_("owner unit"),
        on_delete=models.PROTECT,
        related_name="channels",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ChannelKind.choices)
    regions = ParentalManyToManyField(
        "campaigns.Region", verbose_name=_("regions covered"), related_name="channels"
    )
    languages = ParentalManyToManyField(
        "media.Language", verbose_name=_("languages"), related_name="channels"
    )
    formats = models.JSONField(_("formats accepted"), default=list)
    daily_capacity = models.PositiveSmallIntegerField(
        _("airings a day"), help_text=_("0 means the channel airs nothing.")
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"), validators=[MinValueValidator(1)]
    )
    audience_per_airing = models.PositiveIntegerField(
        _("estimated audience per airing"), null=True, blank=True
    )
    audience_share = models.DecimalField(
        _("share of the covered population reached per airing"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Used when no audience per airing is given, e.g. 0.05 for 5%."),
    )
    delivery_method = models.CharField(
        _("delivery"), max_length=20, choices=DeliveryMethod.choices
    )
    contact_name = models.CharField(_("contact person"), max_length=255, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    webhook_url = models.URLField(_("webhook URL"), blank=True)
    webhook_secret = models.CharField(_("webhook secret"), max_length=128, blank=True)
    feed_token = models.CharField(
        _("feed token"), max_length=64, unique=True, default=new_feed_token
    )
    lead_minutes = models.PositiveSmallIntegerField(
        _("lead time (minutes)"),
        default=0,
        help_text=_("How long before airing the channel must receive a broadcast."),
    )
    late_tolerance_minutes = models.PositiveSmallIntegerField(
        _("late tolerance (minutes)"), default=15
    )
    skip_when_late = models.BooleanField(
        _("skip broadcasts claimed too late"),
        default=False,
        help_text=_("Otherwise they are still sent and marked late."),
    )
    active = models.BooleanField(_("active"), default=True)

    def audience_for(self, population: int | None) -> int:
        """Estimated people reached by one airing."""
        if self.audience_per_airing is not None:
            return self.audience_per_airing
        if self.audience_share is not None and population:
            return int(population * self.audience_share)
        return 0

    def __str__(self):
        return self.name

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(slot_minutes__gte=1), name="channel_slot_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(audience_share__isnull=True)
                | models.Q(audience_share__gte=0, audience_share__lte=1),
                name="channel_audience_share_fraction",
            ),
            models.CheckConstraint(
                condition=~models.Q(delivery_method="webhook")
                | ~models.Q(webhook_url=""),
                name="channel_webhook_has_url",
            ),
            models.CheckConstraint(
                condition=~models.Q(delivery_method="email")
                | ~models.Q(contact_email=""),
                name="channel_email_has_address",
            ),
        ]


class ChannelWindow(Orderable):
    """A daily time window; an end before the start means it crosses midnight."""

    channel = ParentalKey(Channel, on_delete=models.CASCADE, related_name="windows")
    start = models.TimeField(_("from"))
    end = models.TimeField(_("to"))

    def __str__(self):
        return f"{self.start:%H:%M}–{self.end:%H:%M}"

    class Meta(Orderable.Meta):
        verbose_name = _("time window")
        verbose_name_plural = _("time windows")
