"""Attendance of many sessions from a CSV file: every line is checked before any write.

Columns: session id, total, women, men, children under 16, ethnic minority. A bad line
is named by its number ("Dòng 4: ...") and nothing at all is written.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from campaigns.csv_input import CsvInputError, decode_csv, read_rows
from schedules.models import Session, SessionStatus

from .scoping import sessions_visible_to
from .services import Attendance, attendance_many_record

COLUMNS = 6
MAX_LINES = 5000
MAX_COUNT = 1_000_000  # more people than any commune hall holds
NUMBER = re.compile(r"[0-9]{1,12}")


@dataclass
class _Row:
    line: int
    cells: list[str]


def _rows(text: str) -> list[_Row]:
    sample = text.split("\n", 1)[0]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    try:
        rows = [
            _Row(line, cells) for line, cells in read_rows(text, delimiter=delimiter)
        ]
    except CsvInputError as exc:
        raise ValidationError(exc.errors) from exc
    # A header line (no number in it) is skipped, blank lines too.
    if rows and not any(NUMBER.fullmatch(cell) for cell in rows[0].cells):
        rows = rows[1:]
    return [row for row in rows if any(row.cells)]


def _count(value: str, label, line: int, errors: list, required=False):
    if value == "":
        if required:
            errors.append(
                _("Line %(line)d: %(column)s is required.")
                % {"line": line, "column": label}
            )
        return None
    if not NUMBER.fullmatch(value) or int(value) > MAX_COUNT:
        errors.append(
            _(
                "Line %(line)d: %(column)s must be a whole number from 0 to "
                "%(max)d (found “%(value)s”)."
            )
            % {"line": line, "column": label, "value": value, "max": MAX_COUNT}
        )
        return None
    return int(value)


def _attendance(row: _Row, errors: list) -> Attendance | None:
    labels = [
        _("the total"),
        _("women"),
        _("men"),
        _("children under 16"),
        _("ethnic minority"),
    ]
    before = len(errors)
    values = [
        _count(value, label, row.line, errors, required=index == 0)
        for index, (value, label) in enumerate(zip(row.cells[1:], labels, strict=True))
    ]
    if len(errors) > before:
        return None
    total, women, men, children, minority = values
    if (women or 0) + (men or 0) > total:
        errors.append(
            _(
                "Line %(line)d: women and men together (%(sum)d) are more than the "
                "total (%(total)d)."
            )
            % {"line": row.line, "sum": (women or 0) + (men or 0), "total": total}
        )
    for value, label in ((children, labels[3]), (minority, labels[4])):
        if value is not None and value > total:
            errors.append(
                _("Line %(line)d: %(column)s (%(value)d) is more than the total.")
                % {"line": row.line, "column": label, "value": value}
            )
    if len(errors) > before:
        return None
    return Attendance(total, women, men, children, minority)


def _session(row, sessions, seen, now, errors) -> Session | None:
    value = row.cells[0]
    if not NUMBER.fullmatch(value):
        errors.append(
            _("Line %(line)d: “%(value)s” is not a session number.")
            % {"line": row.line, "value": value}
        )
        return None
    session = sessions.get(int(value))
    # Another area's session is answered like one that does not exist.
    if session is None:
        errors.append(
            _("Line %(line)d: there is no session %(id)s in your area.")
            % {"line": row.line, "id": value}
        )
        return None
    if session.pk in seen:
        errors.append(
            _("Line %(line)d: session %(id)s is already on line %(first)d.")
            % {"line": row.line, "id": value, "first": seen[session.pk]}
        )
        return None
    seen[session.pk] = row.line
    if session.status == SessionStatus.CANCELLED:
        errors.append(
            _("Line %(line)d: session %(id)s was cancelled.")
            % {"line": row.line, "id": value}
        )
        return None
    if session.starts_at > now:
        errors.append(
            _("Line %(line)d: session %(id)s has not taken place yet.")
            % {"line": row.line, "id": value}
        )
        return None
    return session


def attendance_import(*, user, text: str, now: datetime.datetime) -> list[Session]:
    """Check every line, then record all of them in one transaction, or none.

    Raises ValidationError with one message per bad line.
    """
    rows = _rows(text)
    if not rows:
        raise ValidationError(_("The file has no attendance lines."))
    if len(rows) > MAX_LINES:
        raise ValidationError(
            _("The file has more than %(max)d lines.") % {"max": MAX_LINES}
        )
    ids = [int(row.cells[0]) for row in rows if NUMBER.fullmatch(row.cells[0])]
    sessions = sessions_visible_to(user).in_bulk(ids)
    errors, entries, seen = [], [], {}
    for row in rows:
        if len(row.cells) != COLUMNS:
            errors.append(
                _("Line %(line)d: expected %(expected)d columns, found %(found)d.")
                % {"line": row.line, "expected": COLUMNS, "found": len(row.cells)}
            )
            continue
        session = _session(row, sessions, seen, now, errors)
        attendance = _attendance(row, errors)
        if session is not None and attendance is not None:
            entries.append((session, attendance))
    if errors:
        raise ValidationError(errors)
    return attendance_many_record(entries=entries, user=user, now=now)


def decode(data: bytes) -> str:
    """CSV bytes as text: UTF-8 (with or without Excel's BOM) or UTF-16 with its
    BOM, else Windows-1258; a file that is not text at all is refused."""
    try:
        return decode_csv(data, fallback="cp1258")
    except CsvInputError as exc:
        raise ValidationError(exc.errors) from exc
