"""Reading a smart-radio playback log: CSV or JSON, as the software exports it.

A log is read whole before anything is written: one line that cannot be read
refuses the file, with the line named, in the reader's language.
"""

import csv
import datetime
import io
import json
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

MAX_LINES = 50_000
# Column names the known exports use, first the canonical one.
COLUMNS = {
    "cluster": ("cluster", "cluster_code", "cum_loa", "device", "speaker_group"),
    "started_at": ("started_at", "start", "start_time", "played_at", "time"),
    "duration": ("duration", "duration_seconds", "seconds", "length"),
    "key": ("key", "item_key", "guid", "broadcast_key"),
    "title": ("title", "item_title", "name", "file"),
}
LOCAL_FORMATS = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True)
class LogLine:
    number: int
    cluster: str
    started_at: datetime.datetime
    duration: int
    key: str
    title: str


def _refuse(number: int, message: str):
    raise ValidationError(
        _("Line %(number)d: %(message)s") % {"number": number, "message": message}
    )


def _when(value: str, number: int) -> datetime.datetime:
    value = value.strip()
    moment = None
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None:
        for pattern in LOCAL_FORMATS:
            try:
                moment = datetime.datetime.strptime(value, pattern)
                break
            except ValueError:
                continue
    if moment is None:
        _refuse(number, _("“%(value)s” is not a date and time.") % {"value": value})
    if timezone.is_naive(moment):
        # The software runs on the commune's clock: Vietnam's time.
        moment = timezone.make_aware(moment)
    return moment


def _seconds(value, number: int) -> int:
    text = str(value if value is not None else "").strip()
    if not text:
        return 0
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return round(float(text))
    parts = text.split(":")
    if 2 <= len(parts) <= 3 and all(part.isdigit() for part in parts):
        total = 0
        for part in parts:
            total = total * 60 + int(part)
        return total
    _refuse(number, _("“%(value)s” is not a duration.") % {"value": text})
    return 0


def _column(row: dict, name: str) -> str:
    for alias in COLUMNS[name]:
        value = row.get(alias)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _line(row: dict, number: int) -> LogLine:
    if not isinstance(row, dict):
        _refuse(number, _("each entry must be an object."))
    row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    cluster = _column(row, "cluster")
    started = _column(row, "started_at")
    key, title = _column(row, "key"), _column(row, "title")
    if not cluster:
        _refuse(number, _("the cluster code is missing."))
    if not started:
        _refuse(number, _("the start time is missing."))
    if not key and not title:
        _refuse(number, _("neither the item's key nor its title is given."))
    duration = None
    for alias in COLUMNS["duration"]:
        if row.get(alias) not in (None, ""):
            duration = row[alias]
            break
    return LogLine(
        number=number,
        cluster=cluster[:64],
        started_at=_when(started, number),
        duration=_seconds(duration, number),
        key=key[:100],
        title=title[:500],
    )


def _rows_from_json(text: str) -> list:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ValidationError(_("The file is not valid JSON.")) from exc
    if isinstance(data, dict):
        for name in ("plays", "items", "log", "entries"):
            if isinstance(data.get(name), list):
                return data[name]
    if isinstance(data, list):
        return data
    raise ValidationError(_("The JSON holds no list of plays."))


def _rows_from_csv(text: str) -> list:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    headers = {str(name).strip().lower() for name in reader.fieldnames or []}
    if not headers & set(COLUMNS["cluster"]) or not headers & set(
        COLUMNS["started_at"]
    ):
        raise ValidationError(
            _(
                "The file has no header line naming the cluster and the start time "
                "(e.g. cluster,started_at,duration,key,title)."
            )
        )
    return list(reader)


def log_read(content: bytes) -> list[LogLine]:
    """Every line of a playback log, or a ValidationError naming what is wrong."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _("The file is not text in UTF-8: it cannot be a playback log.")
        ) from exc
    if "\x00" in text:
        raise ValidationError(_("The file is not text: it cannot be a playback log."))
    stripped = text.strip()
    if not stripped:
        raise ValidationError(_("The file is empty."))
    if stripped[0] in "[{":
        rows = _rows_from_json(stripped)
        first = 1
    else:
        rows = _rows_from_csv(stripped)
        first = 2  # line 1 is the header
    if len(rows) > MAX_LINES:
        raise ValidationError(
            _("A log has at most %(count)d lines; send it in parts.")
            % {"count": MAX_LINES}
        )
    if not rows:
        raise ValidationError(_("The log lists no plays."))
    return [_line(row, number) for number, row in enumerate(rows, start=first)]
