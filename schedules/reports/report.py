"""Everything the dashboard, the printable report, the exports and the e-mail show,
built once from a filter with a fixed number of queries."""

from dataclasses import dataclass
from decimal import Decimal

from schedules.models import CommitteeReport, ReportSettings

from . import selectors
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

    @property
    def illustrative(self) -> bool:
        return self.summary.illustrative > 0 or any(
            row.extra.get("illustrative_population") for row in self.by_area
        )

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


def report_build(
    report: ReportFilter, *, target: Decimal | None = None, with_proposals=True
) -> Report:
    depth = selectors.breakdown_depth(report.areas)
    by_unit = selectors.reach_by_unit(report)
    proposals = ""
    if with_proposals and report.campaign is not None:
        found = CommitteeReport.objects.filter(campaign=report.campaign).first()
        proposals = found.proposals if found else ""
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
        by_area=selectors.reach_by_area(report, depth=depth),
        by_age_band=selectors.reach_by_age_band(report),
        by_method=selectors.reach_by_method(report),
        activity=selectors.activity_by_unit(report, by_unit),
        gaps=coverage_gaps(report, target=target or report_target()),
        proposals=proposals,
    )
