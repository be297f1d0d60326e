"""Reads behind the feeds and the public API: what is published, never more.

"Published" is stricter than Wagtail's ``live``: not expired, not waiting for a
go-live time, not past its expiry while the beat job catches up, not private, and
for a message, under a campaign that is itself published. Variants are read from
the live rows (drafts live only in revisions) and skipped while a translation is
needed; a lead image shows only while its consent allows it.
"""

import datetime
import mimetypes
import re
from dataclasses import dataclass, field

from django.db.models import Count, Max, Prefetch
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.rich_text import expand_db_html

from campaigns.models import (
    VIETNAMESE,
    MessageVariant,
    Region,
)
from campaigns.selectors import (  # noqa: F401 (the API reads them from here)
    published_q,
    under_campaigns_q,
    visible_campaigns,
    visible_messages,
)

from .filters import FeedFilters

# Feeds carry the newest messages only; a year's campaign has far fewer than this.
FEED_LIMIT = 200
# Large enough for print and the web, never cropped: the photographer's framing.
FEED_RENDITION = "max-1200x1200"

_ROOT_RELATIVE = re.compile(r'(\s(?:src|href)=")/(?!/)')
_SPLIT = "\n<!--feed-item-split-->\n"


def feed_fingerprint(*, now: datetime.datetime, campaigns) -> str:
    """What the feeds show, summarised by the database in one cheap query.

    Any publish, change, unpublish, expiry or new restriction moves one of these
    numbers, in whichever process made the change (the beat job publishes in a
    worker, whose signals never reach the web server's memory).
    """
    summary = visible_messages(now=now, campaigns=campaigns).aggregate(
        count=Count("pk"),
        published=Max("last_published_at"),
        revised=Max("latest_revision_created_at"),
    )
    parts = [summary["count"], _stamp(summary["published"]), _stamp(summary["revised"])]
    parts += [f"{page.pk}:{_stamp(page.last_published_at)}" for page in campaigns]
    return "|".join(map(str, parts))


def _stamp(moment: datetime.datetime | None) -> str:
    return moment.isoformat() if moment else "-"


@dataclass
class FeedImage:
    url: str
    length: int
    mime_type: str
    credit: str
    alt: str


@dataclass
class FeedItem:
    """One message as every feed format carries it."""

    guid: str
    title: str
    link: str
    summary: str
    content: str
    published: datetime.datetime
    updated: datetime.datetime
    language: str
    campaign_year: int
    categories: list[str] = field(default_factory=list)
    image: FeedImage | None = None


def feed_items(
    *, filters: FeedFilters, campaigns, request, now: datetime.datetime
) -> list[FeedItem]:
    """The newest published messages matching the filters, ready to write.

    The number of queries does not depend on the number of messages: variants,
    their audiences and the images are prefetched, and every body's links and
    embeds are expanded in one pass.
    """
    if filters.campaign is not None:
        campaigns = [filters.campaign]
    pages = visible_messages(now=now, campaigns=campaigns)
    variants = (
        MessageVariant.objects.filter(filters.variant_q())
        .distinct()
        .select_related("language")
        .prefetch_related("age_bands", "target_regions")
        .order_by("sort_order", "pk")
    )
    if filters.narrows_variants:
        pages = pages.filter(pk__in=variants.values("page_id"))
    images = get_image_model().objects.prefetch_renditions(FEED_RENDITION)
    pages = list(
        pages.select_related("hotline")
        .prefetch_related(
            Prefetch("variants", queryset=variants, to_attr="feed_variants"),
            Prefetch("lead_image", queryset=images),
        )
        .order_by("-first_published_at", "-pk")[:FEED_LIMIT]
    )
    if not pages:
        return []
    campaign_by_path = {page.path: page for page in campaigns}
    province = Region.objects.filter(depth=1).first()
    bodies = _expand_bodies([page.body for page in pages], request)
    items = []
    for page, body in zip(pages, bodies, strict=True):
        campaign = campaign_by_path[page.path[: -page.steplen]]
        items.append(
            FeedItem(
                guid=f"urn:uuid:{page.translation_key}",
                title=page.title,
                link=page.get_url(request),
                summary=page.summary,
                content=_content(page, body),
                published=_local(page.first_published_at),
                updated=_local(page.last_published_at or page.first_published_at),
                language=VIETNAMESE,
                campaign_year=campaign.year,
                categories=_categories(page, campaign, province),
                image=_image(page.lead_image, request),
            )
        )
    return items


def _local(moment: datetime.datetime) -> datetime.datetime:
    """In the site's time zone (+07:00), to the second as feeds write it."""
    return timezone.localtime(moment).replace(microsecond=0)


def _expand_bodies(bodies: list[str], request) -> list[str]:
    """Expand rich text of every body in one pass; images without consent are
    dropped by the image handler (``media.rich_text``)."""
    joined = _SPLIT.join(body or "" for body in bodies)
    expanded = expand_db_html(joined)
    base = request.build_absolute_uri("/").rstrip("/")
    expanded = _ROOT_RELATIVE.sub(lambda m: f"{m.group(1)}{base}/", expanded)
    return expanded.split(_SPLIT)


def _content(page, body: str) -> str:
    """The full message: key points, body, call to action and its variants."""
    parts = []
    points = "".join(f"<li>{escape(block.value)}</li>" for block in page.key_points)
    if points:
        parts.append(f"<ul>{points}</ul>")
    parts.append(body)
    action = [escape(page.call_to_action)] if page.call_to_action else []
    if page.hotline:
        hotline = page.hotline
        action.append(
            f"<strong>{escape(hotline.name)}: {escape(hotline.number)}</strong> "
            f"({escape(hotline.hours)})"
        )
    if action:
        parts.append(f"<p>{' '.join(action)}</p>")
    if page.feed_variants:
        parts.append(f"<h2>{escape(_('Versions for each audience'))}</h2>")
    for variant in page.feed_variants:
        heading = " – ".join(
            [str(variant.get_format_display()), str(variant.language)]
            + [str(band) for band in variant.age_bands.all()]
            + [str(region) for region in variant.target_regions.all()]
        )
        parts.append(
            f'<section lang="{escape(variant.language_id)}">'
            f"<h3>{escape(heading)}</h3>{linebreaks(variant.text, autoescape=True)}"
            "</section>"
        )
    return "\n".join(parts)


def _categories(page, campaign, province) -> list[str]:
    """Campaign, audiences, regions, languages and formats, each named once."""
    names = [campaign.title]
    variants = page.feed_variants
    for variant in variants:
        bands = list(variant.age_bands.all())
        names.extend(str(band) for band in bands)
        if not bands:
            names.append(_("Every age"))
    for variant in variants:
        regions = list(variant.target_regions.all())
        names.extend(str(region) for region in regions)
        if not regions:
            names.append(str(province) if province else _("The whole province"))
    names.extend(str(variant.language) for variant in variants)
    names.extend(str(variant.get_format_display()) for variant in variants)
    return list(dict.fromkeys(names))


def _image(image, request) -> FeedImage | None:
    if image is None or not image.is_publishable:
        return None
    rendition = image.get_rendition(FEED_RENDITION)
    return FeedImage(
        url=request.build_absolute_uri(rendition.url),
        length=rendition.file.size,
        mime_type=mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg",
        credit=image.credit,
        alt=getattr(rendition, "alt", "") or image.title,
    )
