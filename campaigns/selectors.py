"""Reads used by views, feeds, kits and the planner."""

import datetime
import functools
import operator
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from media.models import Language

from .models import (
    AgeBand,
    CampaignPage,
    Format,
    MessagePage,
    MessageVariant,
    Region,
    RegionKind,
)
from .models.campaigns import ANCHOR_MONTH_DAY
from .text import search_words
from .variant_rule import (
    FALLBACK_LANGUAGE,
    Choice,
    VariantOption,
    choose_for_reader,
    choose_variant,
)


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


def _inline(name: str) -> str:
    """A name as it reads inside a sentence: "Tiếng Thái" -> "tiếng Thái"."""
    return name[:1].lower() + name[1:]


def _where(choice: Choice, region: Region, target: Region | None) -> str:
    kind = _inline(str(RegionKind(region.kind).label))
    if choice.region_level == 0:
        return _("variant for %(region)s") % {"region": region}
    if target is None:
        if region.depth == 1:
            return str(_("province-wide variant"))
        return _("province-wide variant (none for the %(kind)s)") % {"kind": kind}
    return _("variant for %(region)s (none for the %(kind)s)") % {
        "region": target,
        "kind": kind,
    }


def _tongue(used: str, missing: list[str]) -> str:
    if not missing:
        return _inline(used)
    return _("%(used)s (none yet in %(missing)s)") % {
        "used": _inline(used),
        "missing": ", ".join(_inline(name) for name in missing),
    }


def _ages(bands: list[str]) -> str:
    return ", ".join(bands) if bands else str(_("every age"))


def describe(choice: Choice, region: Region, language: str) -> str:
    """Why this variant (or none) was chosen, in one short line an editor reads:
    region · language · age band."""
    if choice.variant is None:
        return {
            "no_variant": _("The message has no usable variant."),
            "no_format": _("The message has no variant in this format."),
            "no_match": _("No variant fits this region, language and age band."),
        }[choice.problem]
    names = dict(Language.objects.values_list("code", "name"))
    target = (
        Region.objects.get(pk=choice.region_id)
        if choice.region_id is not None and choice.region_level
        else None
    )
    used = names.get(choice.variant.language, choice.variant.language)
    missing = [names.get(language, language)] if choice.language_fallback else []
    bands = dict(AgeBand.objects.values_list("code", "name"))
    return " · ".join(
        [
            _where(choice, region, target),
            _tongue(used, missing),
            _ages([bands[code] for code in sorted(choice.variant.age_bands)]),
        ]
    )


class ChoiceExplainer:
    """Why each broadcast airs the content it does, in the words of `describe`, for
    many broadcasts in a fixed number of queries (calendar, run-sheet, dispatch).

    The planner picked the variant by the same rule (closest region, then language,
    then age band) among the message's usable variants; a variant the rule would not
    pick now was chosen by hand or before the message changed, and is said to be.
    """

    def __init__(self, message_ids):
        self.options: dict[int, list[VariantOption]] = {}
        self.bands: dict[int, list[str]] = {}
        for variant in variants_with_targeting().filter(page_id__in=set(message_ids)):
            option = variant_option(variant)
            self.options.setdefault(variant.page_id, []).append(option)
            self.bands[variant.pk] = sorted(
                str(band) for band in variant.age_bands.all()
            )
        self.regions = {region.pk: region for region in Region.objects.all()}
        self.by_path = {region.path: region for region in self.regions.values()}
        self.names = dict(Language.objects.values_list("code", "name"))
        self.memo: dict[tuple, str] = {}

    def lineage(self, region: Region) -> list[int]:
        step = Region.steplen
        paths = [region.path[:end] for end in range(len(region.path), 0, -step)]
        return [self.by_path[path].pk for path in paths if path in self.by_path]

    def explain(
        self,
        *,
        variant_id: int | None,
        message_id: int | None,
        region_id: int,
        languages: tuple[str, ...],
        from_page: bool = False,
    ) -> str:
        key = (variant_id, message_id, region_id, languages, from_page)
        if key not in self.memo:
            self.memo[key] = self._explain(*key)
        return self.memo[key]

    def _explain(self, variant_id, message_id, region_id, languages, from_page):
        vietnamese = _inline(self.names.get(FALLBACK_LANGUAGE, FALLBACK_LANGUAGE))
        if from_page:
            return " · ".join(
                [str(_("the message's own text (no article variant)")), vietnamese]
            )
        options = self.options.get(message_id, [])
        chosen = next((o for o in options if o.id == variant_id), None)
        region = self.regions.get(region_id)
        if chosen is None or region is None:
            return ""
        lineage = self.lineage(region)
        choice = choose_variant(
            options, lineage=lineage, language=chosen.language, format=chosen.format
        )
        if choice.variant is None or choice.variant.id != chosen.id:
            return str(_("chosen by hand (the rule would pick another variant now)"))
        target = self.regions.get(choice.region_id) if choice.region_level else None
        reaching = [
            o
            for o in options
            if o.usable
            and o.format == chosen.format
            and (not o.region_ids or o.region_ids & set(lineage))
        ]
        missing = []
        if chosen.language == FALLBACK_LANGUAGE:
            missing = [
                self.names.get(code, code)
                for code in languages
                if code != FALLBACK_LANGUAGE
                and not any(o.language == code for o in reaching)
            ]
        used = self.names.get(chosen.language, chosen.language)
        return " · ".join(
            [
                _where(choice, region, target),
                _tongue(used, missing),
                _ages(self.bands.get(chosen.id, [])),
            ]
        )


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


# What reads well on a web page, best first: the rule picks among these.
READING_FORMATS = (
    Format.ARTICLE,
    Format.SOCIAL_POST,
    Format.SHORT_TEXT,
    Format.POSTER_CAPTION,
    Format.LOUDSPEAKER_SCRIPT,
)


@dataclass
class Reading:
    """A published message and, when the reader said who they are, the variant
    written for them (None: the message's own summary speaks to everyone)."""

    message: MessagePage
    variant: MessageVariant | None = None
    choice: Choice | None = None

    @property
    def written_for(self) -> Region | None:
        """The region of the reader's the variant was written for (None: the
        whole province)."""
        if self.variant is None or self.choice is None:
            return None
        regions = self.variant.target_regions.all()
        return next((r for r in regions if r.pk == self.choice.region_id), None)

    @property
    def age_bands(self) -> list[str]:
        if self.variant is None:
            return []
        return [str(band) for band in self.variant.age_bands.all()]


def messages_for_reader(
    *,
    campaign: CampaignPage,
    now: datetime.datetime,
    lineage: list[int] | None = None,
    language: str = FALLBACK_LANGUAGE,
    age_band: str | None = None,
) -> list[Reading]:
    """The campaign's published messages in their order, each with the variant the
    planner's rule picks for the reader's region lineage, language and age band.
    Without a lineage nobody in particular is reading: no variant is picked."""
    messages = list(
        visible_messages(now=now, campaigns=[campaign])
        .select_related("hotline")
        .order_by("path")
    )
    if lineage is None:
        return [Reading(message) for message in messages]
    variants = variants_with_targeting().filter(page__in=messages)
    by_message: dict[int, dict[int, MessageVariant]] = {}
    for variant in variants:
        by_message.setdefault(variant.page_id, {})[variant.pk] = variant
    readings = []
    for message in messages:
        found = by_message.get(message.pk, {})
        choice = choose_for_reader(
            [variant_option(variant) for variant in found.values()],
            lineage=lineage,
            language=language,
            formats=[str(format) for format in READING_FORMATS],
            age_band=age_band,
        )
        variant = found[choice.variant.id] if choice.variant else None
        readings.append(Reading(message, variant, choice))
    return readings


def search_messages(query: str, *, limit: int = 50):
    """Published messages of published campaigns matching the query, typed with or
    without accents; any characters are searched as words, never as query syntax."""
    words = search_words(query)
    if not words:
        return []
    # The search backends filter on indexed fields only: narrow by id.
    visible = visible_messages(now=timezone.now()).values_list("pk", flat=True)
    pages = MessagePage.objects.filter(pk__in=list(visible)).specific()
    return list(pages.search(" ".join(words), operator="and")[:limit])


def published_q(now: datetime.datetime) -> Q:
    """Page fields that keep a live page out: expired, not yet due, or past due."""
    return Q(live=True, expired=False) & ~Q(go_live_at__gt=now) & ~Q(expire_at__lte=now)


def visible_campaigns(*, now: datetime.datetime) -> list[CampaignPage]:
    return list(
        CampaignPage.objects.live().public().filter(published_q(now)).order_by("-year")
    )


def under_campaigns_q(campaigns) -> Q:
    """Pages directly under one of these campaign pages (a message's parent)."""
    if not campaigns:
        return Q(pk__in=[])
    return functools.reduce(
        operator.or_,
        (Q(path__startswith=page.path, depth=page.depth + 1) for page in campaigns),
    )


def visible_messages(*, now: datetime.datetime, campaigns=None):
    """Published message pages under published campaigns."""
    if campaigns is None:
        campaigns = visible_campaigns(now=now)
    return (
        MessagePage.objects.live()
        .public()
        .filter(published_q(now))
        .filter(under_campaigns_q(campaigns))
    )


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
