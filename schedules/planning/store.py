"""Storing a plan's broadcasts as they stream out of the planner, none held for long.

On PostgreSQL the rows go through one ``COPY ... FROM STDIN`` on Django's own
connection (psycopg 3), which is several times faster than INSERTs; elsewhere
(SQLite in development and tests) through ``bulk_create`` in batches. Both store the
same columns: what the plan gives, and every other field's model default, so a row
reads the same whichever way it was stored, and the database's constraints still
check each one.
"""

from __future__ import annotations

import os
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.utils import timezone

from schedules.models import Broadcast

BATCH = 5000
# Rows of COPY text sent to the server at a time.
COPY_LINES = 2000
# The fields a planned row sets; every other column takes its model default.
PLANNED = (
    "plan",
    "channel",
    "message",
    "variant",
    "text",
    "from_page",
    "region",
    "starts_at",
    "ends_at",
)


@dataclass(frozen=True, slots=True)
class Source:
    """What an airing carries of its variant, or of a message's own article."""

    message_id: int
    variant_id: int | None
    from_page: bool
    text: str


# channel pk, source, region pk, starts_at, ends_at
PlannedRow = tuple[int, Source, int, datetime, datetime]


def broadcasts_store(*, plan_id: int, rows: Iterable[PlannedRow]) -> Counter:
    """Store the rows as draft broadcasts of the plan; returns how many each channel
    (by pk) got. Call inside the caller's transaction."""
    if connection.vendor == "postgresql" and _copy_template() is not None:
        return broadcasts_copy(plan_id=plan_id, rows=rows)
    return broadcasts_bulk_create(plan_id=plan_id, rows=rows)


def broadcasts_bulk_create(*, plan_id: int, rows: Iterable[PlannedRow]) -> Counter:
    """The ORM's way, a batch at a time: any database."""
    stored: Counter = Counter()
    batch: list[Broadcast] = []
    for channel_id, source, region_id, starts_at, ends_at in rows:
        stored[channel_id] += 1
        batch.append(
            Broadcast(
                plan_id=plan_id,
                channel_id=channel_id,
                message_id=source.message_id,
                variant_id=source.variant_id,
                from_page=source.from_page,
                text=source.text,
                region_id=region_id,
                starts_at=starts_at,
                ends_at=ends_at,
            )
        )
        if len(batch) >= BATCH:
            Broadcast.objects.bulk_create(batch)
            batch = []
    if batch:
        Broadcast.objects.bulk_create(batch)
    return stored


def broadcasts_copy(*, plan_id: int, rows: Iterable[PlannedRow]) -> Counter:
    """PostgreSQL's COPY, fed while the rows are still being planned.

    One COPY for the whole plan, so the database stores rows while the planner makes
    the next ones. The connection is busy until the last row: whatever runs inside
    ``rows`` (the planner, progress reports) must not use the database.
    """
    columns, template = _copy_template()
    table = connection.ops.quote_name(Broadcast._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    constant = {"plan": _copy_text(plan_id)}
    constant.update((name, _copy_text(value)) for name, value in _defaults().items())
    # One line template per source: its text is escaped once, not per airing.
    templates: dict[Source, str] = {}
    moments: dict[datetime, str] = {}
    stored: Counter = Counter()
    keys = _uuid4_texts()
    lines: list[str] = []
    # Django's wrapper turns psycopg's errors into django.db's, as for any query.
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
    ):
        for channel_id, source, region_id, starts_at, ends_at in rows:
            stored[channel_id] += 1
            line = templates.get(source)
            if line is None:
                line = templates[source] = _source_template(
                    template, constant, source
                )
            starts = moments.get(starts_at)
            if starts is None:
                starts = moments[starts_at] = starts_at.isoformat(" ")
            ends = moments.get(ends_at)
            if ends is None:
                ends = moments[ends_at] = ends_at.isoformat(" ")
            lines.append(
                line
                % {
                    "key": next(keys),
                    "channel": channel_id,
                    "region": region_id,
                    "starts_at": starts,
                    "ends_at": ends,
                }
            )
            if len(lines) >= COPY_LINES:
                copy.write("".join(lines).encode())
                lines = []
        if lines:
            copy.write("".join(lines).encode())
    return stored


def _defaults() -> dict[str, object]:
    """Every column a planned row does not set, at its model default as the ORM
    would store it (`auto_now` timestamps at this moment)."""
    now = timezone.now()
    values = {}
    for field in Broadcast._meta.concrete_fields:
        if field.primary_key or field.name in PLANNED or field.name == "key":
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        else:
            value = field.get_default()
        values[field.name] = field.get_db_prep_save(value, connection)
    return values


def _copy_template() -> tuple[list[str], str] | None:
    """Columns in model order and a line with a named slot for each value; None
    when some field's default must be computed per row in a way COPY does not
    reproduce (then the ORM stores the rows)."""
    columns, slots = [], []
    for field in Broadcast._meta.concrete_fields:
        if field.primary_key:
            continue
        if field.name == "key":
            if field.default is not uuid.uuid4:
                return None
        elif field.name not in PLANNED and field.has_default():
            if callable(field.default):
                return None
        columns.append(field.column)
        slots.append(f"%({field.name})s")
    return columns, "\t".join(slots) + "\n"


def _source_template(template: str, constant: dict[str, str], source: Source) -> str:
    """The line template with everything but the per-airing values filled in."""
    values = {
        **constant,
        "message": _copy_text(source.message_id),
        "variant": _copy_text(source.variant_id),
        "from_page": _copy_text(source.from_page),
        "text": _copy_text(source.text),
    }
    filled = {name: value.replace("%", "%%") for name, value in values.items()}
    for name in ("key", "channel", "region", "starts_at", "ends_at"):
        filled[name] = f"%({name})s"
    return template % filled


_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _copy_text(value) -> str:
    """A value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int | uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat(" ")
    if isinstance(value, str):
        return value.translate(_ESCAPES)
    raise TypeError(f"no COPY text for {type(value).__name__}")


# Hex digit -> the same digit with the two variant bits set to RFC 4122's 10.
_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}


def _uuid4_texts(chunk: int = 4096) -> Iterator[str]:
    """Random version 4 UUIDs as text, from the same source as `uuid.uuid4`
    (os.urandom), drawn a chunk at a time."""
    variant = _VARIANT
    while True:
        raw = os.urandom(16 * chunk).hex()
        for at in range(0, 32 * chunk, 32):
            h = raw[at : at + 32]
            yield f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant[h[16]]}{h[17:20]}-{h[20:]}"
