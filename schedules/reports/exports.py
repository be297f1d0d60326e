"""XLSX and CSV exports of a report: the same tables, numbers as numbers.

Text that came from people (names of regions, units, proposals) may start with a
character a spreadsheet reads as a formula; such cells pass the system's one guard
(``schedules.spreadsheets``), numbers stay numeric cells.
"""

import csv
import datetime
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..spreadsheets import formula_guard
from .comparison import comparison_rows
from .report import Report


@dataclass
class Table:
    name: str
    title: str
    headers: list[str]
    rows: list[list]


def _yes(flag: bool) -> str:
    return _("Yes") if flag else ""


def _filter_lines(report: Report) -> list[list]:
    chosen = report.filter
    areas = ", ".join(str(area) for area in chosen.areas) or _("Whole province")
    lines = [
        [_("Campaign"), chosen.campaign.title if chosen.campaign else _("All")],
        [_("From"), chosen.start],
        [_("To"), chosen.end],
        [_("Area"), areas],
        [_("Unit"), str(chosen.unit) if chosen.unit else _("All units")],
    ]
    if report.illustrative:
        lines.append([_("Note"), _("Illustrative figures (demo data)")])
    return lines


def summary_table(report: Report) -> Table:
    s, b, sessions, press = (
        report.summary,
        report.broadcasts,
        report.sessions,
        report.press,
    )
    rows = _filter_lines(report) + [
        [_("People reached"), s.reach],
        [_("by broadcasts"), s.broadcast_reach],
        [_("by community sessions"), s.session_reach],
        [_("by press articles"), s.press_reach],
        [_("Reach records"), s.records],
        [_("Broadcasts planned"), b.planned],
        [_("Broadcasts aired"), b.aired],
        [_("Broadcasts failed"), b.failed],
        [_("Broadcasts missed"), b.missed],
        [_("Broadcasts not yet confirmed"), b.pending],
        [_("Broadcasts cancelled"), b.cancelled],
        [_("Sessions held"), sessions["held"]],
        [_("Sessions planned"), sessions["planned"]],
        [_("Attendance"), sessions["attendance_total"]],
        [_("of whom women"), sessions["attendance_women"]],
        [_("of whom children under 16"), sessions["attendance_children"]],
        [_("of whom ethnic minority"), sessions["attendance_ethnic_minority"]],
        [_("Press articles confirmed"), press["confirmed"]],
        [_("Press articles to review"), press["pending"]],
        [_("Reach target per head"), float(report.gaps.target)],
        [_("Areas below the target"), len(report.gaps.below)],
    ]
    return Table("summary", _("Summary"), [_("Item"), _("Value")], rows)


def _reach_table(name, title, first, rows, extra=()):
    headers = [first, *[label for label, _get in extra], _("People reached")]
    headers.append(_("Reach records"))
    return Table(
        name,
        title,
        headers,
        [
            [row.label, *[get(row) for _label, get in extra], row.reach, row.records]
            for row in rows
        ],
    )


def report_tables(report: Report) -> list[Table]:
    area_title = _("By district") if report.depth <= 2 else _("By commune")
    day = Table(
        "day",
        _("By day"),
        [_("Date"), _("People reached"), _("Reach records"), _("Anchor day")],
        [
            [row.extra["date"], row.reach, row.records, _yes(row.extra["anchor"])]
            for row in report.by_day
        ],
    )
    per_head = [
        (_("Population"), lambda row: row.extra["population"]),
        (_("High-risk area"), lambda row: _yes(row.extra["high_risk"])),
    ]
    area = _reach_table("area", area_title, _("Area"), report.by_area, per_head)
    for line, row in zip(area.rows, report.by_area, strict=True):
        # The selector's figure: None for an unknown population or a part not shared.
        per_head = row.extra["per_head"]
        line.append(round(per_head, 4) if per_head is not None else None)
    area.headers.append(_("Reach per head"))
    return [
        summary_table(report),
        day,
        _reach_table("channel", _("By channel"), _("Channel kind"), report.by_channel),
        _reach_table(
            "unit",
            _("By unit"),
            _("Unit"),
            report.by_unit,
            [(_("Section of the plan"), lambda row: row.extra.get("section", ""))],
        ),
        area,
        _reach_table("age_band", _("By age band"), _("Age band"), report.by_age_band),
        _reach_table("method", _("By method"), _("Method"), report.by_method),
        activity_table(report),
        gaps_table(report),
        *comparison_tables(report),
    ]


def comparison_tables(report: Report) -> list[Table]:
    if report.comparison is None:
        return []
    headers, rows = comparison_rows(report.comparison)
    return [Table("comparison", _("Compared with the year before"), headers, rows)]


def activity_table(report: Report) -> Table:
    headers = [
        _("Unit"),
        _("Section of the plan"),
        _("Broadcasts planned"),
        _("Broadcasts aired"),
        _("Broadcasts failed"),
        _("Broadcasts missed"),
        _("Sessions held"),
        _("Attendance"),
        _("People reached"),
    ]
    rows = []
    for row in report.activity:
        b = row.extra["broadcasts"]
        rows.append(
            [row.label, row.extra["section"], b.planned, b.aired, b.failed, b.missed]
            + [row.extra["sessions_held"], row.extra["attendance"], row.reach]
        )
    return Table("activity", _("Activities by unit"), headers, rows)


def gaps_table(report: Report) -> Table:
    headers = [
        _("Area"),
        _("Risks"),
        _("Population"),
        _("People reached"),
        _("Reach per head"),
        _("Contacts short of the target"),
    ]
    rows = [
        [
            str(gap.region),
            ", ".join(gap.risks),
            gap.population,
            gap.reach,
            round(gap.per_head, 4),
            gap.shortfall,
        ]
        for gap in report.gaps.below
    ]
    rows += [
        [str(gap.region), ", ".join(gap.risks), None, gap.reach, None, None]
        for gap in report.gaps.unknown_population
    ]
    return Table("gaps", _("Gaps"), headers, rows)


def xlsx_build(report: Report) -> bytes:
    """One summary sheet and one sheet per breakdown."""
    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for table in report_tables(report):
        sheet = book.create_sheet(_sheet_title(table.title))
        sheet.append([formula_guard(header) for header in table.headers])
        for cell in sheet[1]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            sheet.append([formula_guard(value) for value in row])
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, datetime.date):
                    cell.number_format = "DD/MM/YYYY"
                elif isinstance(cell.value, float):
                    cell.number_format = "0.00##"
                elif isinstance(cell.value, int):
                    cell.number_format = "#,##0"
        sheet.freeze_panes = "A2"
        sheet.column_dimensions["A"].width = 42
        for index in range(2, len(table.headers) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 16
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _sheet_title(title: str) -> str:
    for bad in "[]:*?/\\":
        title = title.replace(bad, " ")
    return title[:31]


def csv_build(report: Report, name: str) -> str | None:
    """One table as CSV (dates as dd/mm/yyyy), or None for an unknown table."""
    tables = {table.name: table for table in report_tables(report)}
    table = tables.get(name)
    if table is None:
        return None
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow([formula_guard(header) for header in table.headers])
    for row in table.rows:
        writer.writerow([_csv_value(value) for value in row])
    return output.getvalue()


def _csv_value(value):
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if value is None:
        return ""
    return formula_guard(value)


TABLE_NAMES = ["summary", "day", "channel", "unit", "area", "age_band", "method"]
TABLE_NAMES += ["activity", "gaps", "comparison"]
