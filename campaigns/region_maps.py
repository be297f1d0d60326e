"""Administrative maps over time: load a new map beside the old one, with successors.

`manage.py load_regions FILE --effective 2025-07-01 --successors SUCC.csv` reads the
new units (as region_import does) and a successor file ``old_code,new_code,share``
mapping each unit of the map in force the day before to its new unit(s). Everything
is checked before anything stays written: one transaction, errors name file and line.
Channels (registered by the app that owns them), organisers' areas and risk flags
are carried to the successors; old links stay, so earlier years read as they were.
"""

import csv
import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Membership, Region, RegionMap, RegionSuccessor
from .region_import import RegionImportError, parse_regions, regions_import

SUCCESSOR_COLUMNS = ("old_code", "new_code", "share")
# Shares are written with a few decimals (0.333…); a split adds up to 1 within this.
SHARE_TOLERANCE = Decimal("0.001")

# (model, many-to-many field to Region) pairs carried to successors on a new map;
# apps above campaigns register theirs in AppConfig.ready (campaigns imports none).
CARRIED_LINKS: list[tuple[type, str]] = []


def carry_region_links(model, field_name: str) -> None:
    if (model, field_name) not in CARRIED_LINKS:
        CARRIED_LINKS.append((model, field_name))


@dataclass
class SuccessorRow:
    line: int
    old_code: str
    new_code: str
    share: Decimal


@dataclass
class SplitUnit:
    """An old unit that went to several new ones: what followed it, to review."""

    old: Region
    successors: list[tuple[Region, Decimal]]
    links: list[str] = field(default_factory=list)


@dataclass
class MapLoadResult:
    region_map: RegionMap
    previous: RegionMap
    regions: int
    successors: int
    split: list[SplitUnit]
    carried: int


def _successor_error(line, message, **values) -> str:
    return _("Successor file, line %(line)s: ") % {"line": line} + message % values


def parse_successors(text: str) -> list[SuccessorRow]:
    """Read and check every row of a successor file; raise listing every bad line."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip() for name in reader.fieldnames or []]
    if not set(SUCCESSOR_COLUMNS) <= set(header):
        raise RegionImportError(
            [_("Successor file, line 1: the columns must be old_code,new_code,share.")]
        )
    errors, rows, seen = [], [], {}
    for line, record in enumerate(reader, start=2):
        old = (record.get("old_code") or "").strip()
        new = (record.get("new_code") or "").strip()
        raw = (record.get("share") or "").strip()
        if not old.isdigit() or not new.isdigit():
            errors.append(
                _successor_error(
                    line,
                    _("the codes “%(old)s”, “%(new)s” are not numbers."),
                    old=old,
                    new=new,
                )
            )
            continue
        try:
            share = Decimal(raw)
        except InvalidOperation:
            share = None
        if share is None or not share.is_finite() or not 0 < share <= 1:
            errors.append(
                _successor_error(
                    line,
                    _(
                        "the share must be a number above 0 and at most 1, "
                        "not “%(value)s”."
                    ),
                    value=raw,
                )
            )
            continue
        if (old, new) in seen:
            errors.append(
                _successor_error(
                    line,
                    _("%(old)s → %(new)s already appears on line %(first)s."),
                    old=old,
                    new=new,
                    first=seen[(old, new)],
                )
            )
            continue
        seen[(old, new)] = line
        rows.append(SuccessorRow(line, old, new, share.quantize(Decimal("0.000001"))))
    if errors:
        raise RegionImportError(errors)
    return rows


def _check_successors(rows, *, old_regions, new_regions, region_lines) -> list[str]:
    errors = []
    lines_by_old = defaultdict(list)
    total_by_old = defaultdict(Decimal)
    has_predecessor = set()
    for row in rows:
        if row.old_code not in old_regions:
            errors.append(
                _successor_error(
                    row.line,
                    _("unknown old code %(code)s (not on the map in force before)."),
                    code=row.old_code,
                )
            )
        if row.new_code not in new_regions:
            errors.append(
                _successor_error(
                    row.line,
                    _("unknown new code %(code)s (not in the new list)."),
                    code=row.new_code,
                )
            )
        lines_by_old[row.old_code].append(row.line)
        total_by_old[row.old_code] += row.share
        has_predecessor.add(row.new_code)
    for code, total in total_by_old.items():
        if abs(total - 1) > SHARE_TOLERANCE:
            errors.append(
                _(
                    "Successor file, lines %(lines)s: the shares of %(code)s add up to "
                    "%(total)s, not 1."
                )
                % {
                    "lines": ", ".join(str(n) for n in lines_by_old[code]),
                    "code": code,
                    "total": total.normalize(),
                }
            )
    for code, line in sorted(region_lines.items(), key=lambda item: item[1]):
        if code not in has_predecessor:
            errors.append(
                _(
                    "Region file, line %(line)s: the new unit %(code)s has no "
                    "predecessor in the successor file."
                )
                % {"line": line, "code": code}
            )
    return errors


def _inherit(new: Region, links: list[RegionSuccessor]) -> None:
    """Risk flags, ethnic groups and (when missing) population from predecessors."""
    olds = [link.old for link in links]
    new.border = new.border or any(old.border for old in olds)
    new.coastal = new.coastal or any(old.coastal for old in olds)
    new.mountainous = new.mountainous or any(old.mountainous for old in olds)
    new.poor = new.poor or any(old.poor for old in olds)
    groups = list(new.ethnic_groups)
    for old in olds:
        groups += [group for group in old.ethnic_groups if group not in groups]
    new.ethnic_groups = groups
    if new.population is None and olds and all(o.population for o in olds):
        new.population = round(sum(link.share * link.old.population for link in links))
        new.population_is_illustrative = any(
            old.population_is_illustrative for old in olds
        )
    new.save()


def _carry(old_map: RegionMap, successors: dict[int, list[Region]]) -> dict:
    """Add the successors wherever an old unit is linked; return what followed each."""
    followed = defaultdict(list)
    for membership in Membership.objects.filter(region__map=old_map).select_related(
        "user", "organisation"
    ):
        for new in successors.get(membership.region_id, []):
            Membership.objects.get_or_create(
                user=membership.user,
                organisation=membership.organisation,
                region=new,
                role=membership.role,
            )
        followed[membership.region_id].append(str(membership))
    for model, name in CARRIED_LINKS:
        for item in model.objects.filter(**{f"{name}__map": old_map}).distinct():
            manager = getattr(item, name)
            olds = [r.pk for r in manager.all() if r.map_id == old_map.pk]
            news = [new for pk in olds for new in successors.get(pk, [])]
            manager.add(*news)
            item.save()  # a ParentalManyToManyField writes its links on save
            for pk in olds:
                followed[pk].append(str(item))
    return followed


@transaction.atomic
def region_map_load(
    *,
    text: str,
    successors_text: str,
    effective: datetime.date,
    name: str = "",
    illustrative: bool = False,
) -> MapLoadResult:
    """A new map in force from `effective`, beside the one in force before it."""
    if RegionMap.objects.filter(effective_from=effective).exists():
        raise RegionImportError(
            [
                _("A map in force from %(date)s exists already.")
                % {"date": f"{effective:%d/%m/%Y}"}
            ]
        )
    previous = RegionMap.objects.in_force(effective - datetime.timedelta(days=1))
    if previous is None or not previous.regions.exists():
        raise RegionImportError(
            [
                _(
                    "There is no earlier map to follow: load the regions without "
                    "--effective first."
                )
            ]
        )
    rows = parse_successors(successors_text)
    region_lines = {row.code: row.line for row in parse_regions(text)}
    region_map = RegionMap.objects.create(
        name=name
        or _("Administrative map from %(date)s") % {"date": f"{effective:%d/%m/%Y}"},
        effective_from=effective,
        illustrative=illustrative,
    )
    result = regions_import(text=text, region_map=region_map)
    old_regions = {r.code: r for r in previous.regions.all()}
    new_regions = {r.code: r for r in region_map.regions.all()}
    errors = _check_successors(
        rows,
        old_regions=old_regions,
        new_regions=new_regions,
        region_lines=region_lines,
    )
    if errors:
        raise RegionImportError(errors)

    links = [
        RegionSuccessor(
            old=old_regions[r.old_code], new=new_regions[r.new_code], share=r.share
        )
        for r in rows
    ]
    # The province follows itself, whole.
    old_root, new_root = previous.regions.get(depth=1), region_map.regions.get(depth=1)
    if not any(link.old_id == old_root.pk for link in links):
        links.append(RegionSuccessor(old=old_root, new=new_root, share=Decimal(1)))
    RegionSuccessor.objects.bulk_create(links)
    by_new, by_old = defaultdict(list), defaultdict(list)
    for link in links:
        by_new[link.new_id].append(link)
        by_old[link.old_id].append(link)
    for new in region_map.regions.all():
        _inherit(new, by_new[new.pk])
    followed = _carry(
        previous, {pk: [link.new for link in found] for pk, found in by_old.items()}
    )
    split = [
        SplitUnit(
            old=found[0].old,
            successors=[(link.new, link.share) for link in found],
            links=followed.get(pk, []),
        )
        for pk, found in by_old.items()
        if len(found) > 1
    ]
    split.sort(key=lambda unit: unit.old.path)
    return MapLoadResult(
        region_map=region_map,
        previous=previous,
        regions=result.created,
        successors=len(links),
        split=split,
        carried=sum(len(found) for found in followed.values()),
    )


def successor_weights(
    region_ids, *, target: RegionMap
) -> dict[int, dict[int, Decimal]]:
    """Each region's share in the units of `target`, following successors across
    every reform between; a region of a later map, or one nobody succeeded, maps to
    nothing. Reads the links once."""
    maps = dict(Region.objects.filter(pk__in=region_ids).values_list("pk", "map_id"))
    dates = dict(RegionMap.objects.values_list("pk", "effective_from"))
    links = defaultdict(list)
    for old, new, share, new_map in RegionSuccessor.objects.filter(
        new__map__effective_from__lte=target.effective_from
    ).values_list("old_id", "new_id", "share", "new__map_id"):
        links[old].append((new, share, new_map))
    weights = {}
    for pk, map_id in maps.items():
        if dates.get(map_id) is None or dates[map_id] > target.effective_from:
            weights[pk] = {}
            continue
        current = {(pk, map_id): Decimal(1)}
        done = {}
        while current:
            following = defaultdict(Decimal)
            for (region, region_map), share in current.items():
                if region_map == target.pk:
                    done[region] = done.get(region, Decimal(0)) + share
                    continue
                for new, part, new_map in links.get(region, []):
                    following[(new, new_map)] += share * part
            current = following
        weights[pk] = done
    return weights
