"""The query parameters a press outlet narrows a feed with, checked before any work.

An unknown value is an error, never an empty feed: an outlet that mistypes a district
code must learn it, not conclude that nothing was published.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from campaigns.models import AgeBand, CampaignPage, Format, Language, Region
from campaigns.selectors import region_by_code

PARAMETERS = ("campaign", "region", "age", "lang", "format")


class FeedFilterError(ValueError):
    """A parameter's value names nothing we know; the message says which and why."""


@dataclass(frozen=True)
class FeedFilters:
    campaign: CampaignPage | None = None
    region: Region | None = None
    age_band: AgeBand | None = None
    language: Language | None = None
    format: str | None = None

    @property
    def narrows_variants(self) -> bool:
        return bool(self.region or self.age_band or self.language or self.format)

    def variant_q(self) -> Q:
        """Variants that suit every given parameter at once (one variant, all of them).

        A region's feed carries what is written for the region itself, for any region
        containing it (the province-wide items: no target region, or the province
        named) and for any region inside it (a district's feed carries its communes').
        """
        q = Q(translation_needed=False)
        if self.region is not None:
            q &= (
                Q(target_regions__isnull=True)
                | Q(target_regions__path__in=lineage_paths(self.region))
                | Q(target_regions__path__startswith=self.region.path)
            )
        if self.age_band is not None:
            q &= Q(age_bands__isnull=True) | Q(age_bands=self.age_band)
        if self.language is not None:
            q &= Q(language=self.language)
        if self.format is not None:
            q &= Q(format=self.format)
        return q

    def describe(self) -> str:
        """The filters in words, for the feed's title."""
        parts = []
        if self.campaign is not None:
            parts.append(str(self.campaign.year))
        for value in (self.region, self.age_band, self.language):
            if value is not None:
                parts.append(str(value))
        if self.format is not None:
            parts.append(str(Format(self.format).label))
        return ", ".join(parts)


def lineage_paths(region: Region) -> list[str]:
    """Tree paths of the region and every region containing it."""
    step = Region.steplen
    return [region.path[:end] for end in range(step, len(region.path) + 1, step)]


def feed_filters_parse(params, *, campaigns) -> FeedFilters:
    """Turn query parameters into filters; raise FeedFilterError on an unknown value.

    ``campaigns`` are the visible campaign pages: a year whose campaign is a draft
    is as unknown as one that never existed.
    """
    values = {name: (params.get(name) or "").strip() for name in PARAMETERS}
    found = {}
    if values["campaign"]:
        by_year = {str(page.year): page for page in campaigns}
        found["campaign"] = _known(
            by_year.get(values["campaign"]),
            _("No published campaign for the year “%(value)s”."),
            values["campaign"],
        )
    if values["region"]:
        found["region"] = _known(
            region_by_code(values["region"]),
            _("Unknown region code “%(value)s”."),
            values["region"],
        )
    if values["age"]:
        found["age_band"] = _known(
            AgeBand.objects.filter(code=values["age"]).first(),
            _("Unknown age band “%(value)s”; use one of: %(known)s."),
            values["age"],
            known=AgeBand.objects.values_list("code", flat=True),
        )
    if values["lang"]:
        found["language"] = _known(
            Language.objects.filter(code=values["lang"]).first(),
            _("Unknown language “%(value)s”; use one of: %(known)s."),
            values["lang"],
            known=Language.objects.order_by("code").values_list("code", flat=True),
        )
    if values["format"]:
        found["format"] = _known(
            values["format"] if values["format"] in Format.values else None,
            _("Unknown format “%(value)s”; use one of: %(known)s."),
            values["format"],
            known=Format.values,
        )
    return FeedFilters(**found)


def _known(found, message, value, known=()):
    if found is None:
        raise FeedFilterError(
            message % {"value": value[:50], "known": ", ".join(known)}
        )
    return found
