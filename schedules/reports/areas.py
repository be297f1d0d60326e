"""Counts per area with real denominators: the one place that shares what was aimed
at a district (or the province) among the areas below it, and divides by people.

Method (named in the dashboard's and the printed report's footnote): a count aimed
at a region is shared among its sub-areas in proportion to their population, out of
the region's own population; the part for people in no listed sub-area (or in
sub-areas without a population) stays with the region. Shares are whole numbers by
largest remainder, so no count is lost or counted twice. Per-1,000 figures use the
area's own population; an area without one gets None ("—"), never a division by 1.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from campaigns.models import Region

PER = 1000


@dataclass(frozen=True)
class Area:
    path: str
    population: int | None


def per_thousand(count: int, population: int | None) -> Decimal | None:
    """Count per 1,000 people, one decimal; None when the population is unknown."""
    if not population:
        return None
    value = Decimal(count) * PER / Decimal(population)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def per_head(count: int, population: int | None) -> float | None:
    """Count per person; None when the population is unknown."""
    return count / population if population else None


def share(amount: int, parts: Mapping[str, int], whole: int) -> dict[str, int]:
    """`amount` split over `parts` in proportion to their weight out of `whole`
    (>= their sum; what is left stays unshared), whole numbers by largest remainder."""
    whole = max(whole, sum(parts.values()))
    if amount <= 0 or whole <= 0 or not parts:
        return {}
    exact = {key: amount * weight / whole for key, weight in parts.items()}
    result = {key: int(value) for key, value in exact.items()}
    shared = round(amount * sum(parts.values()) / whole)
    order = sorted(parts, key=lambda key: (result[key] - exact[key], key))
    for key in order[: max(0, shared - sum(result.values()))]:
        result[key] += 1
    return result


@dataclass(frozen=True)
class Attribution:
    """`total`: what was aimed at an area or inside it, plus its share of what was
    aimed above it. `kept`: what an area holds that none of its sub-areas took (all
    of it for an area without sub-areas). Both keyed by tree path."""

    total: dict[str, int]
    kept: dict[str, int]


def attribute(direct: Mapping[str, int], areas: Iterable[Area]) -> Attribution:
    """Share every count down the tree; see the module's docstring for the method."""
    by_path = {area.path: area for area in areas}
    paths = sorted(by_path)
    children: dict[str, list[str]] = {}
    for path in paths:
        parent = path[: -Region.steplen]
        if parent in by_path:
            children.setdefault(parent, []).append(path)
    inside = {path: direct.get(path, 0) for path in paths}
    for path in sorted(paths, key=len, reverse=True):
        parent = path[: -Region.steplen]
        if parent in inside:
            inside[parent] += inside[path]
    inherited = dict.fromkeys(paths, 0)
    kept = {}
    for path in sorted(paths, key=len):
        pool = direct.get(path, 0) + inherited[path]
        known = {
            child: by_path[child].population
            for child in children.get(path, ())
            if by_path[child].population
        }
        own = by_path[path].population or 0
        shares = share(pool, known, own)
        for child, amount in shares.items():
            inherited[child] += amount
        kept[path] = pool - sum(shares.values())
    total = {path: inside[path] + inherited[path] for path in paths}
    return Attribution(total, kept)


def region_areas() -> list[Area]:
    return [
        Area(path, population)
        for path, population in Region.objects.values_list("path", "population")
    ]


def attributed(direct_by_path: Mapping[str, int]) -> Attribution:
    """`attribute` over the whole region tree, as stored."""
    return attribute(direct_by_path, region_areas())
