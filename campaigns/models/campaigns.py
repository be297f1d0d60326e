"""The yearly campaign page and its official slogans."""

import datetime
from decimal import Decimal
from functools import cached_property

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    PreviewableMixin,
    RevisionMixin,
)
from wagtail.search import index

from media.models import VIETNAMESE

from ..forms import CampaignCopyForm
from .public import ReaderPageMixin

ANCHOR_MONTH_DAY = (7, 30)
PERIOD_START_MONTH_DAY = (7, 1)
PERIOD_END_MONTH_DAY = (9, 30)


class CampaignPage(ReaderPageMixin, Page):
    """One year's "Ngày toàn dân phòng, chống mua bán người – 30/7" and its plan."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(2016), MaxValueValidator(2100)],
    )
    anchor_date = models.DateField(
        _("anchor date"), blank=True, help_text=_("The day itself; 30/7 if left empty.")
    )
    period_start = models.DateField(
        _("peak period starts"), blank=True, help_text=_("1/7 if left empty.")
    )
    period_end = models.DateField(
        _("peak period ends"), blank=True, help_text=_("30/9 if left empty.")
    )
    plan_number = models.CharField(_("plan number"), max_length=50, blank=True)
    plan_date = models.DateField(_("plan date"), null=True, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=255, blank=True)
    intensity_base = models.DecimalField(
        _("volume outside the peak"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.25"),
        validators=[
            MinValueValidator(Decimal("0.01")),
            MaxValueValidator(Decimal("1")),
        ],
        help_text=_("Share of the peak week's daily volume on quiet days (0.01–1)."),
    )
    ramp_days = models.PositiveSmallIntegerField(
        _("days of build-up before the peak week"), default=21
    )
    taper_days = models.PositiveSmallIntegerField(
        _("days of taper after 30/7"), default=28
    )
    objectives = RichTextField(
        _("objectives"),
        blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
    )
    press_terms = models.TextField(
        _("press terms"),
        blank=True,
        help_text=_(
            "One per line: words that mark a press article as covering the campaign, "
            "such as “mua bán người”. The slogans and the campaign's name count "
            "already; accents are optional."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("year"),
        MultiFieldPanel(
            [
                FieldPanel("anchor_date"),
                FieldPanel("period_start"),
                FieldPanel("period_end"),
            ],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("plan_number"),
                FieldPanel("plan_date"),
                FieldPanel("issuing_body"),
                InlinePanel("references", label=_("References")),
            ],
            heading=_("The plan"),
        ),
        FieldPanel("objectives"),
        MultiFieldPanel(
            [
                FieldPanel("intensity_base"),
                FieldPanel("ramp_days"),
                FieldPanel("taper_days"),
            ],
            heading=_("Broadcast intensity"),
        ),
        FieldPanel("press_terms"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("objectives"),
        index.FilterField("year"),
    ]

    api_fields = [
        APIField("year"),
        APIField("anchor_date"),
        APIField("period_start"),
        APIField("period_end"),
        APIField("plan_number"),
        APIField("plan_date"),
        APIField("issuing_body"),
        APIField("objectives"),
    ]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["campaigns.MessagePage"]
    copy_form_class = CampaignCopyForm

    @cached_property
    def region_map(self):
        """The administrative map in force on the campaign's 30/7."""
        from .regions import RegionMap

        day = self.anchor_date or datetime.date(self.year, *ANCHOR_MONTH_DAY)
        return RegionMap.objects.in_force(day)

    @property
    def live_message_count(self) -> int:
        """Messages that go down with this page (the unpublish screen says so)."""
        return self.get_descendants().live().count()

    def fill_default_dates(self):
        """Fill empty dates with the campaign's usual ones: 30/7 within 1/7–30/9."""
        if not self.year:
            return
        year = self.year
        self.anchor_date = self.anchor_date or datetime.date(year, *ANCHOR_MONTH_DAY)
        self.period_start = self.period_start or datetime.date(
            year, *PERIOD_START_MONTH_DAY
        )
        self.period_end = self.period_end or datetime.date(year, *PERIOD_END_MONTH_DAY)

    def minimal_clean(self):
        # Drafts skip full validation in Wagtail, but the dates are never left empty.
        self.fill_default_dates()
        super().minimal_clean()

    def clean(self):
        super().clean()
        self.fill_default_dates()
        if not self.year:
            return
        errors = {}
        if self.period_end <= self.period_start:
            errors["period_end"] = _("The period must end after it starts.")
        elif not self.period_start <= self.anchor_date <= self.period_end:
            errors["anchor_date"] = _("The anchor date must fall inside the period.")
        if errors:
            raise ValidationError(errors)

    def reader_campaign(self):
        return self

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["slogans"] = self.slogans.live().order_by("sort_order")
        context.update(self.reader_context(request, self))
        return context

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gt=models.F("period_start")),
                name="campaign_period_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(intensity_base__gt=0, intensity_base__lte=1),
                name="campaign_intensity_base_fraction",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    anchor_date__gte=models.F("period_start"),
                    anchor_date__lte=models.F("period_end"),
                ),
                name="campaign_anchor_inside_period",
            ),
        ]


class CampaignReference(Orderable):
    """A document the plan implements, such as 135/KH-BCĐ or 793/QĐ-TTg."""

    page = ParentalKey(
        CampaignPage, on_delete=models.CASCADE, related_name="references"
    )
    number = models.CharField(_("number"), max_length=50)
    date = models.DateField(_("date"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)

    panels = [
        FieldPanel("number"),
        FieldPanel("date"),
        FieldPanel("issuer"),
        FieldPanel("title"),
    ]

    def __str__(self):
        return self.number

    class Meta(Orderable.Meta):
        verbose_name = _("reference")
        verbose_name_plural = _("references")


class SloganQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)


class Slogan(
    PreviewableMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    models.Model,
):
    """An official action slogan, quoted verbatim wherever the campaign speaks."""

    text = models.CharField(_("text"), max_length=300)
    campaign = models.ForeignKey(
        CampaignPage,
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="slogans",
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    language = models.ForeignKey(
        "media.Language",
        verbose_name=_("language"),
        on_delete=models.PROTECT,
        to_field="code",
        default=VIETNAMESE,
        related_name="+",
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("campaign"),
        FieldPanel("sort_order"),
        FieldPanel("language", widget=forms.Select),
    ]

    search_fields = [
        index.SearchField("text"),
        index.AutocompleteField("text"),
        index.FilterField("live"),
        index.FilterField("campaign"),
    ]

    api_fields = [APIField("text"), APIField("sort_order"), APIField("campaign_id")]

    objects = SloganQuerySet.as_manager()

    def get_preview_template(self, request, mode_name):
        return "campaigns/slogan_preview.html"

    def __str__(self):
        return self.text

    class Meta:
        verbose_name = _("slogan")
        verbose_name_plural = _("slogans")
        ordering = ["campaign", "sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "text"], name="slogan_unique_text_per_campaign"
            )
        ]
