"""Coverage gaps: districts and communes whose reach per head is below the target.

Reach aimed at a district or at the whole province is shared among the areas below
it by population (`areas`), so a commune whose district was covered does not show
0. High-risk areas (bordering Laos, poor, ethnic minority) come first; areas without
a population are listed apart, never divided by 1.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from campaigns.models import Region

from .areas import attributed
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


def _reach_per_region(report: ReportFilter) -> dict[str, int]:
    """Reach of every region with everything under it and its share from above."""
    rows = (
        reach_records(report)
        .values("region__path")
        .annotate(reach=Sum("count"))
        .values_list("region__path", "reach")
        .order_by()
    )
    return attributed({path: reach or 0 for path, reach in rows}).total


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
    reach = _reach_per_region(report)
    below, unknown = [], []
    for region in regions:
        count = reach.get(region.path, 0)
        if not region.population:
            unknown.append(Gap(region, count, None, None, None))
            continue
        per_head = count / region.population  # known population, never 0
        if per_head < target:
            missing = math.ceil(target * region.population - count)
            below.append(Gap(region, count, region.population, per_head, missing))
    below.sort(key=lambda gap: (not gap.high_risk, gap.per_head, gap.region.path))
    unknown.sort(key=lambda gap: (not gap.high_risk, gap.reach, gap.region.path))
    return Gaps(target, below, unknown, len(regions))
