"""Key messages and their variants, each tailored to audience, region, language."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Orderable, Page
from wagtail.rich_text import expand_db_html
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock

from campaigns.panels import ReadOnlyPanel
from media.models import VIETNAMESE

from .. import text as text_rules
from ..forms import MessagePageForm
from ..widgets import CountedTextarea, RegionTree
from .public import ReaderPageMixin

# Where one paragraph, heading or list item of rich text ends.
BLOCK_END = re.compile(r"</(?:p|h2|h3|li)>|<br\s*/?>", re.IGNORECASE)
# Rich text without raw HTML, embeds or anything a press outlet's reader cannot show.
BODY_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "image"]


class Format(models.TextChoices):
    ARTICLE = "article", _("Article")
    SHORT_TEXT = "short_text", _("Short text (SMS/Zalo)")
    LOUDSPEAKER_SCRIPT = "loudspeaker_script", _("Loudspeaker script")
    POSTER_CAPTION = "poster_caption", _("Poster caption")
    SOCIAL_POST = "social_post", _("Social post")


class CopiedFromPanel(ReadOnlyPanel):
    """Read-only: the earlier year's message this one was started from ("–" if
    none)."""

    def format_value_for_display(self, value):
        if not isinstance(value, Page):
            return super().format_value_for_display(value)
        campaign = value.get_parent().specific
        return _("Copied from %(year)s: %(title)s") % {
            "year": getattr(campaign, "year", ""),
            "title": value.title,
        }


class MessagePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "campaigns.MessagePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class MessagePage(ReaderPageMixin, text_rules.AsciiSlugPage, Page):
    """A key message of the campaign; its variants say it to each audience."""

    summary = models.TextField(_("summary"), max_length=500)
    body = RichTextField(_("body"), features=BODY_FEATURES)
    key_points = StreamField(
        [("point", blocks.CharBlock(label=_("Key point"), max_length=300))],
        verbose_name=_("key points"),
        blank=True,
    )
    hotline = models.ForeignKey(
        "campaigns.Hotline",
        verbose_name=_("call to action: hotline"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    call_to_action = models.CharField(
        _("call to action"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Thấy dấu hiệu mua bán người, hãy gọi ngay”."),
    )
    tags = ClusterTaggableManager(
        through=MessagePageTag, blank=True, verbose_name=_("topics")
    )
    lead_image = models.ForeignKey(
        "media.CampaignImage",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    copied_from = models.ForeignKey(
        "campaigns.MessagePage",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The message of an earlier year this one was started from."),
    )
    related_media = StreamField(
        [
            ("image", ImageChooserBlock(label=_("Image"))),
            ("clip", SnippetChooserBlock("media.MediaClip", label=_("Audio or video"))),
            ("document", DocumentChooserBlock(label=_("Document"))),
        ],
        verbose_name=_("related media"),
        blank=True,
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("key_points"),
        MultiFieldPanel(
            [FieldPanel("call_to_action"), FieldPanel("hotline")],
            heading=_("Call to action"),
        ),
        FieldPanel("tags"),
        CopiedFromPanel("copied_from", read_only=True),
        FieldPanel("lead_image"),
        FieldPanel("related_media"),
        InlinePanel("variants", heading=_("Variants"), label=_("Variant")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("folded_text"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("key_points"),
        APIField("call_to_action"),
        APIField("hotline"),
        APIField("tags"),
    ]

    parent_page_types = ["campaigns.CampaignPage"]
    subpage_types = []
    base_form_class = MessagePageForm
    preview_modes = [("", _("Web page"))] + [
        (choice.value, choice.label) for choice in Format if choice != Format.ARTICLE
    ]

    @property
    def folded_text(self):
        """Title, summary and body without accents, for searches typed without."""
        return text_rules.fold(" ".join([self.title, self.summary, self.body or ""]))

    @property
    def article_text(self):
        """Title, summary and body as plain text: the message's own article, aired
        by newspapers and portals when it has no article variant."""
        html = BLOCK_END.sub("\n", expand_db_html(self.body or ""))
        body = "\n".join(
            line.strip() for line in strip_tags(html).splitlines() if line.strip()
        )
        return "\n\n".join(part for part in (self.title, self.summary, body) if part)

    @property
    def campaign(self):
        return self.get_parent().specific

    def reader_campaign(self):
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        campaign = self.reader_campaign()
        found = self.reader_context(request, campaign)
        readings = found.pop("readings")
        reading = next((r for r in readings if r.message.pk == self.pk), None)
        variant = reading.variant if reading else None
        images = [variant.image if variant else None, self.lead_image]
        context.update(
            found,
            campaign=campaign,
            reading=reading,
            variant=variant,
            choice=reading.choice if reading else None,
            image=next((i for i in images if i and i.is_publishable), None),
            others=[r.message for r in readings if r.message.pk != self.pk],
        )
        return context

    def usable_variants(self):
        return [variant for variant in self.variants.all() if variant.usable]

    def get_sitemap_urls(self, request=None):
        # Public only while its campaign is (see campaigns.safety.guard).
        from ..safety.guard import branch_hidden, past_expiry

        if branch_hidden(self) or past_expiry(self):
            return []
        return super().get_sitemap_urls(request)

    def get_preview_template(self, request, mode_name):
        if mode_name:
            return "campaigns/previews/channel.html"
        return super().get_preview_template(request, mode_name)

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        if mode_name:
            context["format"] = mode_name
            context["format_label"] = Format(mode_name).label
            context["preview_variants"] = [
                variant
                for variant in self.variants.all()
                if variant.format == mode_name
            ]
        return context

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")


class MessageVariant(Orderable, ClusterableModel):
    """The message as one audience hears it: age, region, language and format."""

    page = ParentalKey(MessagePage, on_delete=models.CASCADE, related_name="variants")
    age_bands = ParentalManyToManyField(
        "campaigns.AgeBand",
        verbose_name=_("age bands"),
        blank=True,
        help_text=_("None means every age."),
    )
    target_regions = ParentalManyToManyField(
        "campaigns.Region",
        verbose_name=_("target regions"),
        blank=True,
        help_text=_("Any level; none means the whole province."),
    )
    risk_groups = ParentalManyToManyField(
        "campaigns.RiskGroup", verbose_name=_("risk groups"), blank=True
    )
    language = models.ForeignKey(
        "media.Language",
        verbose_name=_("language"),
        on_delete=models.PROTECT,
        to_field="code",
        default=VIETNAMESE,
        related_name="variants",
    )
    translation_needed = models.BooleanField(
        _("translation needed"),
        default=False,
        help_text=_("A variant waiting for its translation is never used."),
    )
    format = models.CharField(_("format"), max_length=30, choices=Format.choices)
    text = models.TextField(_("text"))
    audio = models.ForeignKey(
        "media.MediaClip",
        verbose_name=_("audio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image = models.ForeignKey(
        "media.CampaignImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("format"),
        FieldPanel("language", widget=forms.Select),
        FieldPanel("translation_needed"),
        FieldPanel("text", widget=CountedTextarea),
        FieldPanel("age_bands", widget=forms.CheckboxSelectMultiple),
        FieldPanel("risk_groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("target_regions", widget=RegionTree),
        FieldPanel("image"),
        FieldPanel("audio"),
    ]

    @property
    def usable(self):
        return not self.translation_needed

    @property
    def reading_seconds(self):
        return text_rules.reading_seconds(self.text)

    @property
    def visible_length(self):
        return text_rules.visible_length(self.text)

    def clean(self):
        super().clean()
        text = (self.text or "").strip()
        if not text:
            raise ValidationError({"text": _("A variant needs its text.")})
        self.text = text
        hidden = (
            text_rules.invisible_characters(text)
            if self.format in (Format.SHORT_TEXT, Format.LOUDSPEAKER_SCRIPT)
            else []
        )
        if hidden:
            raise ValidationError(
                {
                    "text": _(
                        "The text holds invisible characters (%(codes)s) that hide "
                        "letters or words from the count; remove them."
                    )
                    % {"codes": ", ".join(hidden)}
                }
            )
        if (
            self.format == Format.SHORT_TEXT
            and self.visible_length > text_rules.SHORT_TEXT_LIMIT
        ):
            raise ValidationError(
                {
                    "text": _(
                        "A short text has at most %(limit)d characters; this one has "
                        "%(count)d."
                    )
                    % {
                        "limit": text_rules.SHORT_TEXT_LIMIT,
                        "count": self.visible_length,
                    }
                }
            )
        if (
            self.format == Format.LOUDSPEAKER_SCRIPT
            and self.reading_seconds > text_rules.SCRIPT_LIMIT_SECONDS
        ):
            raise ValidationError(
                {
                    "text": _(
                        "A loudspeaker script reads in at most 5 minutes; this one "
                        "takes %(minutes)d:%(seconds)02d at 130 words a minute."
                    )
                    % {
                        "minutes": self.reading_seconds // 60,
                        "seconds": self.reading_seconds % 60,
                    }
                }
            )

    def __str__(self):
        return f"{self.page.title} – {self.get_format_display()} ({self.language_id})"

    class Meta(Orderable.Meta):
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(text=""), name="variant_text_not_empty"
            ),
            models.CheckConstraint(
                condition=models.Q(format__in=[choice.value for choice in Format]),
                name="variant_format_known",
            ),
        ]
