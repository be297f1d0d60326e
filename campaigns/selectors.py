"""Reads used by views, feeds, kits and the planner."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from .models import CampaignPage, MessagePage, MessageVariant, Region
from .models.campaigns import ANCHOR_MONTH_DAY
from .text import fold
from .variant_rule import Choice, VariantOption, choose_variant


@dataclass
class Selection:
    variant: MessageVariant | None
    reason: str


def region_lineage(region: Region) -> list[int]:
    """The region's id, then each ancestor's up to the province."""
    ancestors = list(region.get_ancestors().values_list("pk", flat=True))
    return [region.pk, *reversed(ancestors)]


def variants_with_targeting():
    return MessageVariant.objects.select_related("language").prefetch_related(
        Prefetch("age_bands"), Prefetch("target_regions")
    )


def variant_option(variant: MessageVariant) -> VariantOption:
    return VariantOption(
        id=variant.pk,
        message_id=variant.page_id,
        language=variant.language_id,
        format=variant.format,
        region_ids=frozenset(region.pk for region in variant.target_regions.all()),
        age_bands=frozenset(band.code for band in variant.age_bands.all()),
        usable=variant.usable,
    )


def describe(choice: Choice, region: Region, language: str) -> str:
    """Why this variant (or none) was chosen, in words an editor reads."""
    if choice.variant is None:
        return {
            "no_variant": _("The message has no usable variant."),
            "no_format": _("The message has no variant in this format."),
            "no_match": _("No variant fits this region, language and age band."),
        }[choice.problem]
    if choice.region_id is None:
        where = _("written for the whole province")
    elif choice.region_level == 0:
        where = _("written for %(region)s itself") % {"region": region}
    else:
        target = Region.objects.get(pk=choice.region_id)
        where = _("written for %(region)s, which contains %(place)s") % {
            "region": target,
            "place": region,
        }
    parts = [where]
    if choice.language_fallback:
        parts.append(
            _("in Vietnamese, as no variant in %(language)s fits")
            % {"language": language}
        )
    parts.append(
        {
            "band": _("for this age band"),
            "all_ages": _("for every age"),
            "other": _("for another age band"),
        }[choice.age_match]
    )
    return "; ".join(parts)


def variant_select(
    *,
    message: MessagePage,
    region: Region,
    language: str,
    format: str,
    age_band: str | None = None,
) -> Selection:
    """Which of the message's published variants fits this audience, and why."""
    variants = {
        variant.pk: variant
        for variant in variants_with_targeting().filter(page=message)
    }
    choice = choose_variant(
        [variant_option(variant) for variant in variants.values()],
        lineage=region_lineage(region),
        language=language,
        format=format,
        age_band=age_band,
    )
    chosen = variants[choice.variant.id] if choice.variant else None
    return Selection(chosen, describe(choice, region, language))


def search_messages(query: str, *, limit: int = 50):
    """Live, public messages matching the query, typed with or without accents."""
    pages = MessagePage.objects.live().public().specific()
    return list(pages.search(fold(query), operator="and")[:limit])


def campaign_in_view(*, today: datetime.date) -> CampaignPage | None:
    """The campaign whose period holds today, else the next to come, else the latest:
    the one every period-bound screen opens on."""
    campaigns = CampaignPage.objects.order_by("year")
    return (
        campaigns.filter(period_start__lte=today, period_end__gte=today).first()
        or campaigns.filter(period_start__gt=today).first()
        or campaigns.order_by("-year").first()
    )


def campaign_opening_day(campaign: CampaignPage, *, today: datetime.date):
    """Today while the campaign runs, else the first day of its period."""
    if campaign.period_start <= today <= campaign.period_end:
        return today
    return campaign.period_start


def next_anchor_year(today: datetime.date) -> int:
    """The year of the next 30/7 from today (this year's until it has passed)."""
    return today.year + (1 if (today.month, today.day) > ANCHOR_MONTH_DAY else 0)


def region_by_code(code: str) -> Region | None:
    """The region a code names today: codes repeat across maps (the 2025 reform gave
    old codes to new communes), and the newest map's unit is the one meant."""
    if not code:
        return None
    return (
        Region.objects.filter(code=code)
        .order_by("-map__effective_from", "path")
        .first()
    )
