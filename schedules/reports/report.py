"""Everything the dashboard, the printable report, the exports and the e-mail show,
built once from a filter with a fixed number of queries."""

import hashlib
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from schedules.models import CommitteeReport, ReportSettings

from . import selectors
from .comparison import Comparison, campaigns_compare
from .filters import ReportFilter
from .gaps import Gaps, coverage_gaps
from .selectors import BroadcastCounts, Row, Summary


@dataclass
class Report:
    filter: ReportFilter
    depth: int
    summary: Summary
    broadcasts: BroadcastCounts
    sessions: dict
    press: dict
    by_day: list[Row]
    by_channel: list[Row]
    by_unit: list[Row]
    by_area: list[Row]
    by_age_band: list[Row]
    by_method: list[Row]
    activity: list[Row]
    gaps: Gaps
    proposals: str
    built_at: object = field(default_factory=timezone.now)
    comparison: Comparison | None = None

    @property
    def illustrative_population(self) -> bool:
        return any(row.extra.get("illustrative_population") for row in self.by_area)

    @property
    def unknown_population(self) -> list[str]:
        """Areas whose figures per head and per 1,000 people cannot be given."""
        return [
            row.label
            for row in self.by_area
            if not row.extra.get("whole") and not row.extra.get("population")
        ]

    @property
    def illustrative(self) -> bool:
        return self.summary.illustrative > 0 or self.illustrative_population

    def tables(self) -> dict[str, list[Row]]:
        return {
            "day": self.by_day,
            "channel": self.by_channel,
            "unit": self.by_unit,
            "area": self.by_area,
            "age_band": self.by_age_band,
            "method": self.by_method,
        }


def report_target() -> Decimal:
    return ReportSettings.load().reach_target_per_head


def _proposals(report: ReportFilter) -> str:
    if report.campaign is None:
        return ""
    found = CommitteeReport.objects.filter(campaign=report.campaign).first()
    return found.proposals if found else ""


def report_build(
    report: ReportFilter, *, target: Decimal | None = None, with_proposals=True
) -> Report:
    depth = selectors.breakdown_depth(report.areas)
    by_unit = selectors.reach_by_unit(report)
    by_area = selectors.reach_by_area(report, depth=depth)
    selectors.add_broadcasts_by_area(by_area, report, depth=depth)
    proposals = _proposals(report) if with_proposals else ""
    return Report(
        filter=report,
        depth=depth,
        summary=selectors.reach_summary(report),
        broadcasts=selectors.broadcast_counts(report),
        sessions=selectors.session_counts(report),
        press=selectors.press_counts(report),
        by_day=selectors.reach_by_day(report),
        by_channel=selectors.reach_by_channel_kind(report),
        by_unit=by_unit,
        by_area=by_area,
        by_age_band=selectors.reach_by_age_band(report),
        by_method=selectors.reach_by_method(report),
        activity=selectors.activity_by_unit(report, by_unit),
        gaps=coverage_gaps(report, target=target or report_target()),
        proposals=proposals,
        comparison=(
            campaigns_compare(report.campaign, areas=report.areas)
            if report.campaign
            else None
        ),
    )


def _cache_key(report: ReportFilter, target: Decimal) -> str:
    parts = (
        report.campaign.pk if report.campaign else None,
        report.start,
        report.end,
        tuple(area.pk for area in report.areas),
        report.unit.pk if report.unit else None,
        str(target),
        get_language(),
    )
    return "reports:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def report_build_cached(report: ReportFilter) -> Report:
    """The report, built at most every REPORTS_CACHE_SECONDS for the same filter.

    With a million reach records each breakdown scans them all (about a second on
    PostgreSQL), so the dashboard and the admin home reuse a recent build; the
    proposals are always read fresh.
    """
    target = report_target()
    seconds = getattr(settings, "REPORTS_CACHE_SECONDS", 300)
    if not seconds:
        return report_build(report, target=target)
    key = _cache_key(report, target)
    built = cache.get(key)
    if built is None:
        built = report_build(report, target=target, with_proposals=False)
        cache.set(key, built, seconds)
    return replace(built, proposals=_proposals(report))
