"""Coverage gaps: districts and communes whose reach per head is below the target.

Reach recorded for a district counts for the district only; reach recorded for the
whole province is not spread over districts, because nobody knows where its
listeners lived. High-risk areas (bordering Laos, poor, ethnic minority) come first.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from campaigns.models import Region

from .filters import ReportFilter
from .selectors import DISTRICT_DEPTH, reach_records

# Short names of the risks, for the gap list.
BORDER = _("border")
POOR = _("poor")
ETHNIC_MINORITY = _("ethnic minority")


@dataclass
class Gap:
    region: Region
    reach: int
    population: int | None
    per_head: float | None
    shortfall: int | None

    @property
    def high_risk(self) -> bool:
        return self.region.high_risk

    @property
    def risks(self) -> list[str]:
        region = self.region
        flags = [
            (region.border, BORDER),
            (region.poor, POOR),
            (region.ethnic_minority, ETHNIC_MINORITY),
        ]
        return [str(label) for present, label in flags if present]


@dataclass
class Gaps:
    target: Decimal
    below: list[Gap]
    unknown_population: list[Gap]
    areas: int


def _reach_per_region(report: ReportFilter, depths: set[int]) -> dict[str, int]:
    """Reach of every region at the given depths, with everything under it."""
    totals: dict[str, int] = {}
    for depth in sorted(depths):
        rows = (
            reach_records(report)
            .filter(region__depth__gte=depth)
            .annotate(key=Substr("region__path", 1, Region.steplen * depth))
            .values("key")
            .annotate(reach=Sum("count"), records=Count("id"))
            .order_by()
        )
        totals.update({row["key"]: row["reach"] or 0 for row in rows})
    return totals


def coverage_gaps(report: ReportFilter, *, target: Decimal) -> Gaps:
    """Areas below the target per head, high-risk first, then the lowest reach per
    head; areas without a population figure are listed apart."""
    regions = Region.objects.filter(depth__gte=DISTRICT_DEPTH)
    if report.region_map is not None:
        regions = regions.filter(map=report.region_map)
    if report.areas:
        inside = Q()
        for area in report.areas:
            inside |= Q(path__startswith=area.path)
        regions = regions.filter(inside)
    regions = list(regions.order_by("path"))
    reach = _reach_per_region(report, {region.depth for region in regions})
    below, unknown = [], []
    for region in regions:
        count = reach.get(region.path, 0)
        if not region.population:
            unknown.append(Gap(region, count, None, None, None))
            continue
        per_head = count / region.population
        if per_head < target:
            missing = math.ceil(target * region.population - count)
            below.append(Gap(region, count, region.population, per_head, missing))
    below.sort(key=lambda gap: (not gap.high_risk, gap.per_head, gap.region.path))
    unknown.sort(key=lambda gap: (not gap.high_risk, gap.reach, gap.region.path))
    return Gaps(target, below, unknown, len(regions))
