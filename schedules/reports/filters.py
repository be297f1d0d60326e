"""The filter every report query shares: campaign, date range, areas, unit."""

import datetime
from dataclasses import dataclass

from django.db.models import BigIntegerField, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from campaigns.models import CampaignPage, Organisation, Region


@dataclass(frozen=True)
class ReportFilter:
    """Empty fields do not filter; `areas` limits to those regions and below."""

    campaign: CampaignPage | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    areas: tuple[Region, ...] = ()
    unit: Organisation | None = None

    @property
    def region_map(self):
        """The campaign's map: areas of other years' maps are not listed."""
        return self.campaign.region_map if self.campaign else None

    @property
    def days(self) -> list[datetime.date]:
        if not (self.start and self.end) or self.end < self.start:
            return []
        count = (self.end - self.start).days + 1
        return [self.start + datetime.timedelta(days=n) for n in range(count)]

    def since(self) -> datetime.datetime | None:
        return _midnight(self.start) if self.start else None

    def until(self) -> datetime.datetime | None:
        """The first moment after the range (local midnight after `end`)."""
        if not self.end:
            return None
        return _midnight(self.end + datetime.timedelta(days=1))


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _any(conditions: list[Q]) -> Q:
    combined = Q()
    for condition in conditions:
        combined |= condition
    return combined


def _in_areas(field: str, areas) -> Q:
    return _any([Q(**{f"{field}__path__startswith": area.path}) for area in areas])


def _time(field: str, report: ReportFilter) -> Q:
    condition = Q()
    if report.start:
        condition &= Q(**{f"{field}__gte": report.since()})
    if report.end:
        condition &= Q(**{f"{field}__lt": report.until()})
    return condition


def _of_unit(field: str, unit) -> Q:
    # A unit's reach includes its branches (one level), as the reports group them.
    return Q(**{field: unit}) | Q(**{f"{field}__parent": unit})


# The responsible unit of a reach record: the channel owner of a broadcast, the
# organiser of a session, rolled up one level to the parent unit. Press coverage
# has no unit (NULL) and is shown as its own row.
REACH_UNIT = Coalesce(
    "broadcast__channel__owner__parent_id",
    "broadcast__channel__owner_id",
    "session__organisation__parent_id",
    "session__organisation_id",
    output_field=BigIntegerField(),
)


def reach_q(report: ReportFilter) -> Q:
    """ReachRecord rows in the filter."""
    condition = _time("reached_at", report)
    if report.campaign:
        condition &= (
            Q(broadcast__plan__campaign=report.campaign)
            | Q(session__campaign=report.campaign)
            | Q(coverage__campaign=report.campaign)
        )
    if report.areas:
        condition &= _in_areas("region", report.areas)
    if report.unit:
        condition &= _of_unit("broadcast__channel__owner", report.unit) | _of_unit(
            "session__organisation", report.unit
        )
    return condition


def _source_q(report: ReportFilter, *, at: str, campaign: str, region: str, unit):
    """Rows of one kind of activity in the filter, given where each field lives."""
    condition = _time(at, report)
    if report.campaign:
        condition &= Q(**{campaign: report.campaign})
    if report.areas:
        condition &= _in_areas(region, report.areas)
    if report.unit:
        condition &= _of_unit(unit, report.unit) if unit else Q(pk__in=[])
    return condition


def broadcast_q(report: ReportFilter) -> Q:
    return _source_q(
        report,
        at="starts_at",
        campaign="plan__campaign",
        region="region",
        unit="channel__owner",
    )


def session_q(report: ReportFilter) -> Q:
    return _source_q(
        report,
        at="starts_at",
        campaign="campaign",
        region="region",
        unit="organisation",
    )


def coverage_q(report: ReportFilter) -> Q:
    """Press articles in the filter; articles have no unit, so a unit excludes them."""
    return _source_q(
        report,
        at="dated_at",
        campaign="campaign",
        region="outlet__region",
        unit=None,
    )
