"""Reach and activity breakdowns for the committee; each one is a GROUP BY query.

Python only merges the grouped rows with their labels (units, regions, age bands),
so the number of queries and the Python work do not grow with the reach records.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import BigIntegerField, Case, Count, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce, Substr, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import AgeBand, Organisation, Region
from schedules.models import (
    PENDING,
    PLANNED,
    Broadcast,
    BroadcastStatus,
    ChannelKind,
    Coverage,
    CoverageStatus,
    ReachMethod,
    ReachRecord,
    Session,
    SessionStatus,
)

from .areas import attributed, per_head, per_thousand
from .filters import (
    REACH_UNIT,
    ReportFilter,
    broadcast_q,
    coverage_q,
    reach_q,
    session_q,
)

DISTRICT_DEPTH = 2
SESSIONS_KEY = "session"
PRESS_KEY = "press"


@dataclass
class Row:
    """One line of a breakdown: what it is, people reached and reach records."""

    key: str
    label: str
    reach: int = 0
    records: int = 0
    extra: dict = field(default_factory=dict)


@dataclass
class Summary:
    reach: int
    records: int
    broadcast_reach: int
    session_reach: int
    press_reach: int
    illustrative: int


def reach_records(report: ReportFilter):
    return ReachRecord.objects.filter(reach_q(report)).order_by()


def _grouped(report: ReportFilter, expression) -> dict:
    if isinstance(expression, str):
        expression = F(expression)
    rows = (
        reach_records(report)
        .annotate(key=expression)
        .values("key")
        .annotate(reach=Sum("count"), records=Count("id"))
        .order_by()
    )
    return {row["key"]: (row["reach"] or 0, row["records"]) for row in rows}


def reach_summary(report: ReportFilter) -> Summary:
    totals = reach_records(report).aggregate(
        reach=Sum("count"),
        records=Count("id"),
        broadcast_reach=Sum("count", filter=Q(broadcast__isnull=False)),
        session_reach=Sum("count", filter=Q(session__isnull=False)),
        press_reach=Sum("count", filter=Q(coverage__isnull=False)),
        illustrative=Count("id", filter=Q(illustrative=True)),
    )
    return Summary(**{name: value or 0 for name, value in totals.items()})


def reach_by_day(report: ReportFilter) -> list[Row]:
    """Every day of the range (zero when nobody was reached), by the local date
    people were reached on, not the day it was confirmed or entered."""
    day = TruncDate("reached_at", tzinfo=timezone.get_current_timezone())
    found = _grouped(report, day)
    days = report.days or sorted(found)
    anchor = report.campaign.anchor_date if report.campaign else None
    return [
        Row(
            key=date.isoformat(),
            label=date.strftime("%d/%m/%Y"),
            reach=found.get(date, (0, 0))[0],
            records=found.get(date, (0, 0))[1],
            extra={"date": date, "anchor": date == anchor},
        )
        for date in days
    ]


def _source_key(kind_field):
    return Case(
        When(broadcast__isnull=False, then=F(kind_field)),
        When(session__isnull=False, then=Value(SESSIONS_KEY)),
        default=Value(PRESS_KEY),
    )


def reach_by_channel_kind(report: ReportFilter) -> list[Row]:
    """Broadcast reach by channel kind, then sessions and press as their own rows."""
    found = _grouped(report, _source_key("broadcast__channel__kind"))
    labels = [*ChannelKind.choices]
    labels += [
        (SESSIONS_KEY, _("Community sessions")),
        (PRESS_KEY, _("Press coverage")),
    ]
    return [Row(key, str(label), *found.get(key, (0, 0))) for key, label in labels]


def reach_by_unit(report: ReportFilter) -> list[Row]:
    """Reach by responsible unit (branches under their parent), most first; press
    articles have no unit and get a row of their own."""
    found = _grouped(report, REACH_UNIT)
    units = Organisation.objects.in_bulk([key for key in found if key is not None])
    rows = [
        Row(
            str(pk),
            str(units[pk]),
            *found[pk],
            extra={"section": units[pk].plan_section},
        )
        for pk in units
    ]
    rows.sort(key=lambda row: (-row.reach, row.label))
    if None in found:
        rows.append(Row(PRESS_KEY, str(_("Press coverage")), *found[None]))
    return rows


def breakdown_depth(areas) -> int:
    """Districts for the whole province; one level below the areas otherwise."""
    if not areas:
        return DISTRICT_DEPTH
    depth = min(area.depth for area in areas) + 1
    below = Q()
    for area in areas:
        below |= Q(path__startswith=area.path)
    if Region.objects.filter(below, depth=depth).exists():
        return depth
    return depth - 1


def _area_key(depth: int):
    return Substr("region__path", 1, Region.steplen * depth)


def areas_at(depth: int, areas, region_map=None) -> list[Region]:
    regions = Region.objects.filter(depth=depth)
    if region_map is not None:
        regions = regions.filter(map=region_map)
    if areas:
        inside = Q()
        for area in areas:
            inside |= Q(path__startswith=area.path)
        regions = regions.filter(inside)
    return list(regions.order_by("path"))


def area_counts(
    direct: dict[str, int], *, depth: int, areas=(), region_map=None
) -> list[tuple[Region, int, bool]]:
    """(region, count, whole) for every region at `depth` (within `areas`), counts
    shared down the tree by population (`areas.attribute`); then a `whole` row for
    each region above `depth` that kept a part no area below could take."""
    attribution = attributed(direct)
    regions = {
        region.path: region for region in areas_at(depth, areas, region_map)
    }
    above = [
        path
        for path, count in attribution.kept.items()
        if count and len(path) < Region.steplen * depth
    ]
    regions.update({r.path: r for r in Region.objects.filter(path__in=above)})
    return [
        (
            regions[path],
            attribution.total[path] if path not in above else attribution.kept[path],
            path in above,
        )
        for path in sorted(regions)
    ]


def _area_label(region: Region, whole: bool) -> str:
    if whole and region.depth == 1:
        return str(_("Whole province (not shared)"))
    if whole:
        return str(_("%(region)s (not shared)") % {"region": region})
    return str(region)


def reach_by_area(report: ReportFilter, *, depth: int = DISTRICT_DEPTH) -> list[Row]:
    """Reach of the regions at `depth`, with what was aimed at them or inside them
    and their population share of what was aimed above them (`areas`)."""
    found = _grouped(report, "region__path")
    direct = {path: reach for path, (reach, _records) in found.items()}
    rows = []
    for region, reach, whole in area_counts(
        direct, depth=depth, areas=report.areas, region_map=report.region_map
    ):
        records = sum(
            count
            for path, (_reach, count) in found.items()
            if (path == region.path if whole else path.startswith(region.path))
        )
        extra = _area_extra(region)
        extra["whole"] = whole
        extra["per_head"] = None if whole else per_head(reach, region.population)
        rows.append(
            Row(str(region.pk), _area_label(region, whole), reach, records, extra)
        )
    return rows


def broadcasts_by_area(
    broadcasts, *, depth: int = DISTRICT_DEPTH, areas=(), region_map=None
):
    """Broadcasts per region at `depth` and per 1,000 people, shared down the tree
    like reach: the plan's page and the dashboard both read this."""
    found = (
        broadcasts.order_by()
        .values("region__path")
        .annotate(n=Count("id"))
        .values_list("region__path", "n")
    )
    rows = []
    for region, count, whole in area_counts(
        dict(found), depth=depth, areas=areas, region_map=region_map
    ):
        extra = _area_extra(region)
        extra["whole"] = whole
        extra["per_thousand"] = (
            None if whole else per_thousand(count, region.population)
        )
        rows.append(Row(str(region.pk), _area_label(region, whole), count, 0, extra))
    return rows


def add_broadcasts_by_area(rows: list[Row], report: ReportFilter, *, depth: int):
    """Planned broadcasts per area and per 1,000 people, beside each area's reach:
    the same selector as the plan's page, so both show the same figure."""
    planned = Broadcast.objects.filter(broadcast_q(report), status__in=PLANNED)
    found = {
        row.key: row
        for row in broadcasts_by_area(
            planned, depth=depth, areas=report.areas, region_map=report.region_map
        )
    }
    for row in rows:
        counted = found.get(row.key)
        row.extra["broadcasts"] = counted.reach if counted else 0
        row.extra["per_thousand"] = (
            counted.extra["per_thousand"]
            if counted
            else per_thousand(
                0, None if row.extra["whole"] else row.extra["population"]
            )
        )


def _area_extra(region: Region) -> dict:
    return {
        "region": region,
        "population": region.population,
        "illustrative_population": region.population_is_illustrative,
        "high_risk": region.high_risk,
        "lon": float(region.centroid_lon) if region.centroid_lon is not None else None,
        "lat": float(region.centroid_lat) if region.centroid_lat is not None else None,
    }


def reach_by_age_band(report: ReportFilter) -> list[Row]:
    """Every age band, also those nobody reported; reach without a band last."""
    found = _grouped(report, "age_band_id")
    rows = [
        Row(band.code, str(band), *found.get(band.pk, (0, 0)))
        for band in AgeBand.objects.order_by("min_age")
    ]
    if None in found:
        rows.append(Row("", str(_("Age not recorded")), *found[None]))
    return rows


def reach_by_method(report: ReportFilter) -> list[Row]:
    found = _grouped(report, "method")
    return [
        Row(key, str(label), *found.get(key, (0, 0)))
        for key, label in ReachMethod.choices
    ]


@dataclass
class BroadcastCounts:
    planned: int = 0
    aired: int = 0
    failed: int = 0
    missed: int = 0
    pending: int = 0
    cancelled: int = 0


def _broadcast_counts(statuses: dict) -> BroadcastCounts:
    return BroadcastCounts(
        planned=sum(statuses.get(status, 0) for status in PLANNED),
        aired=statuses.get(BroadcastStatus.AIRED, 0),
        failed=statuses.get(BroadcastStatus.FAILED, 0),
        missed=statuses.get(BroadcastStatus.MISSED, 0),
        pending=sum(statuses.get(status, 0) for status in PENDING),
        cancelled=statuses.get(BroadcastStatus.CANCELLED, 0),
    )


def broadcast_counts(report: ReportFilter) -> BroadcastCounts:
    """Planned, aired, failed and missed broadcasts (by planned time)."""
    rows = (
        Broadcast.objects.filter(broadcast_q(report))
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    return _broadcast_counts({row["status"]: row["n"] for row in rows})


ATTENDANCE = ("total", "women", "men", "children", "ethnic_minority")


def _session_totals():
    held = Q(status=SessionStatus.HELD)
    totals = {
        "held": Count("id", filter=held),
        "planned": Count("id", filter=Q(status=SessionStatus.PLANNED)),
        "cancelled": Count("id", filter=Q(status=SessionStatus.CANCELLED)),
    }
    for name in ATTENDANCE:
        totals[f"attendance_{name}"] = Sum(f"attendance_{name}", filter=held)
    return totals


def session_counts(report: ReportFilter) -> dict:
    """Sessions held, planned and cancelled; attendance of those held."""
    totals = Session.objects.filter(session_q(report)).aggregate(**_session_totals())
    return {name: value or 0 for name, value in totals.items()}


def press_counts(report: ReportFilter) -> dict:
    """Articles found about the campaign: confirmed and still to review."""
    totals = (
        Coverage.objects.annotate(dated_at=Coalesce("published_at", "found_at"))
        .filter(coverage_q(report))
        .exclude(status=CoverageStatus.REJECTED)
        .aggregate(
            confirmed=Count("id", filter=Q(status=CoverageStatus.CONFIRMED)),
            pending=Count("id", filter=Q(status=CoverageStatus.PENDING)),
            outlets=Count("outlet", distinct=True),
        )
    )
    return {name: value or 0 for name, value in totals.items()}


def _top_unit(field: str):
    return Coalesce(
        f"{field}__parent_id", f"{field}_id", output_field=BigIntegerField()
    )


def activity_by_unit(report: ReportFilter, reach_rows: list[Row]) -> list[Row]:
    """What every unit did: its channels' broadcasts, its sessions, its reach.

    Units with nothing to show are listed too when the report covers the province.
    """
    broadcasts = {}
    for row in (
        Broadcast.objects.filter(broadcast_q(report))
        .annotate(unit=_top_unit("channel__owner"))
        .values("unit", "status")
        .annotate(n=Count("id"))
        .order_by()
    ):
        broadcasts.setdefault(row["unit"], {})[row["status"]] = row["n"]
    sessions = {
        row.pop("unit"): row
        for row in Session.objects.filter(session_q(report))
        .annotate(unit=_top_unit("organisation"))
        .values("unit")
        .annotate(**_session_totals())
        .order_by()
    }
    reach = {row.key: row for row in reach_rows}
    keys = (
        {int(key) for key in reach if key != PRESS_KEY}
        | set(broadcasts)
        | set(sessions)
    )
    units = Organisation.objects.filter(pk__in=keys)
    if not report.areas and not report.unit:
        units = Organisation.objects.filter(Q(pk__in=keys) | Q(parent__isnull=True))
    rows = []
    for unit in units.order_by("plan_section", "name"):
        held = sessions.get(unit.pk, {})
        row = reach.get(str(unit.pk)) or Row(str(unit.pk), str(unit))
        rows.append(
            Row(
                row.key,
                str(unit),
                row.reach,
                row.records,
                extra={
                    "section": unit.plan_section,
                    "broadcasts": _broadcast_counts(broadcasts.get(unit.pk, {})),
                    "sessions_held": held.get("held", 0),
                    "attendance": held.get("attendance_total") or 0,
                },
            )
        )
    return rows


def default_dates(campaign) -> tuple[datetime.date | None, datetime.date | None]:
    if campaign is None:
        return None, None
    return campaign.period_start, campaign.period_end
