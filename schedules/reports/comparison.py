"""Years side by side: the chosen campaign against the one before, on today's map.

The earlier year's activity stood on the map of its own year; it is carried to the
chosen campaign's areas through the successors, a split unit by its population
shares, so both years are counted in the same areas. Whole campaigns are compared
(every date), each query a GROUP BY region.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import BigIntegerField, Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from campaigns.models import CampaignPage, Region
from campaigns.region_maps import successor_weights
from schedules.models import (
    Broadcast,
    BroadcastStatus,
    Coverage,
    CoverageStatus,
    ReachRecord,
    Session,
    SessionStatus,
)

from .filters import ReportFilter, reach_q

AREA_DEPTH = 2
MEASURES = ("reach", "broadcasts", "sessions", "coverage")


@dataclass
class Figures:
    """What a campaign did in one area; carried figures may be fractional."""

    reach: Decimal = Decimal(0)
    broadcasts: Decimal = Decimal(0)
    sessions: Decimal = Decimal(0)
    coverage: Decimal = Decimal(0)

    def add(self, measure: str, value: Decimal) -> None:
        setattr(self, measure, getattr(self, measure) + value)


@dataclass
class ComparedArea:
    region: Region | None  # None: the province as a whole
    label: str
    population: int | None
    current: Figures = field(default_factory=Figures)
    previous: Figures = field(default_factory=Figures)

    def per_thousand(self, figures: Figures) -> Decimal | None:
        if not self.population:
            return None
        return figures.reach * 1000 / self.population

    @property
    def active(self) -> bool:
        """Something happened here in either year."""
        return any(
            getattr(figures, measure)
            for figures in (self.current, self.previous)
            for measure in MEASURES
        )

    @property
    def current_per_thousand(self):
        return self.per_thousand(self.current)

    @property
    def previous_per_thousand(self):
        return self.per_thousand(self.previous)


@dataclass
class Comparison:
    campaign: CampaignPage
    previous: CampaignPage
    total: ComparedArea
    areas: list[ComparedArea]
    unmapped: Figures  # earlier activity in units nobody succeeded
    illustrative_population: bool


def previous_campaign(campaign: CampaignPage) -> CampaignPage | None:
    return CampaignPage.objects.filter(year__lt=campaign.year).order_by("-year").first()


def _by_region(campaigns: list[CampaignPage]) -> dict[int, dict]:
    """Each measure of the campaigns, by campaign and the region it was recorded
    in: one GROUP BY query per measure for both years."""
    found = {
        campaign.pk: {measure: {} for measure in MEASURES} for campaign in campaigns
    }

    def grouped(measure, queryset, campaign_field, region_field, value):
        rows = (
            queryset.annotate(of=campaign_field)
            .values("of", region_field)
            .annotate(n=value)
            .order_by()
        )
        for row in rows:
            if row["of"] in found:
                found[row["of"]][measure][row[region_field]] = row["n"] or 0

    reach = Q()
    for campaign in campaigns:
        reach |= reach_q(ReportFilter(campaign=campaign))
    grouped(
        "reach",
        ReachRecord.objects.filter(reach),
        Coalesce(
            "broadcast__plan__campaign_id",
            "session__campaign_id",
            "coverage__campaign_id",
            output_field=BigIntegerField(),
        ),
        "region_id",
        Sum("count"),
    )
    grouped(
        "broadcasts",
        Broadcast.objects.filter(
            plan__campaign__in=campaigns, status=BroadcastStatus.AIRED
        ),
        F("plan__campaign_id"),
        "region_id",
        Count("id"),
    )
    grouped(
        "sessions",
        Session.objects.filter(campaign__in=campaigns, status=SessionStatus.HELD),
        F("campaign_id"),
        "region_id",
        Count("id"),
    )
    grouped(
        "coverage",
        Coverage.objects.filter(
            campaign__in=campaigns, status=CoverageStatus.CONFIRMED
        ),
        F("campaign_id"),
        "outlet__region_id",
        Count("id"),
    )
    return found


def _spread(found, weights, paths, areas, total, side, unmapped=None, *, limited):
    """Add each region's figures to the areas its successors lie in (and to the
    total: only those inside the areas when the report is `limited` to some)."""
    steplen = Region.steplen
    for measure, by_region in found.items():
        for region_id, value in by_region.items():
            targets = weights.get(region_id) or {}
            if not targets and unmapped is not None:
                unmapped.add(measure, Decimal(value))
                continue
            for target, share in targets.items():
                part = Decimal(value) * share
                area = areas.get(paths[target][: steplen * AREA_DEPTH])
                if area is not None:
                    getattr(area, side).add(measure, part)
                if area is not None or not limited:
                    getattr(total, side).add(measure, part)


def campaigns_compare(
    campaign: CampaignPage, *, areas: tuple[Region, ...] = ()
) -> Comparison | None:
    """The campaign and the one before it, by the areas of the campaign's map (those
    under `areas` when given); None when there is no earlier campaign or no map."""
    previous = previous_campaign(campaign)
    region_map = campaign.region_map
    if previous is None or region_map is None:
        return None
    regions = list(region_map.regions.order_by("path"))
    paths = {region.pk: region.path for region in regions}
    root = next((region for region in regions if region.depth == 1), None)
    chosen = [
        region
        for region in regions
        if region.depth == AREA_DEPTH
        and (not areas or any(region.path.startswith(a.path) for a in areas))
    ]
    by_path = {
        region.path: ComparedArea(region, str(region), region.population)
        for region in chosen
    }
    total = ComparedArea(None, str(root) if root else "", root and root.population)
    found = _by_region([campaign, previous])
    current, earlier = found[campaign.pk], found[previous.pk]
    ids = {pk for measure in (*current.values(), *earlier.values()) for pk in measure}
    # Regions of the campaign's own map stand for themselves; others follow links.
    weights = {pk: {pk: Decimal(1)} for pk in ids if pk in paths}
    elsewhere = ids - set(weights) - {None}
    if elsewhere:
        weights.update(successor_weights(elsewhere, target=region_map))
    unmapped = Figures()
    limited = bool(areas)
    _spread(current, weights, paths, by_path, total, "current", limited=limited)
    _spread(
        earlier, weights, paths, by_path, total, "previous", unmapped, limited=limited
    )
    return Comparison(
        campaign=campaign,
        previous=previous,
        total=total,
        areas=[by_path[path] for path in sorted(by_path)],
        unmapped=unmapped,
        illustrative_population=any(r.population_is_illustrative for r in regions),
    )


def _number(value, places=1):
    return None if value is None else round(float(value), places)


def comparison_rows(comparison: Comparison) -> tuple[list[str], list[list]]:
    """The comparison as a table: a row per area, the province first."""
    this, before = comparison.campaign.year, comparison.previous.year
    headers = [_("Area"), _("Population")]
    for label in (
        _("People reached per 1,000"),
        _("People reached"),
        _("Broadcasts aired"),
        _("Sessions held"),
        _("Press articles confirmed"),
    ):
        headers += [f"{label} {before}", f"{label} {this}"]
    rows = []
    for area in [comparison.total, *comparison.areas]:
        row = [area.label, area.population]
        row += [
            _number(area.previous_per_thousand, 2),
            _number(area.current_per_thousand, 2),
        ]
        for measure in MEASURES:
            row += [
                _number(getattr(area.previous, measure)),
                _number(getattr(area.current, measure)),
            ]
        rows.append(row)
    return headers, rows
