"""CSV files that people made, read for an all-or-nothing import.

Bytes become text (UTF-8, with or without Excel's mark, or a named fallback), text
becomes rows with their line numbers, and anything that would end in a traceback
(a field past the limit, a NUL byte, a stray quote, the wrong encoding) becomes a
message naming the line. Nothing here writes.
"""

import csv
import io

from django.utils.translation import gettext as _

MAX_FIELD = 1000


class CsvInputError(Exception):
    """The file cannot be read; ``errors`` are messages naming the line."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_csv(data: bytes, *, fallback: str | None = None) -> str:
    """The file as text: UTF-8 (a BOM is dropped), UTF-16 with its BOM, else the
    `fallback` encoding if one is given; an undecodable byte names its line."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise CsvInputError([_("The file is not valid UTF-16 text.")]) from exc
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if fallback is None:
                raise CsvInputError(
                    [
                        _(
                            "Line %(line)d: the file is not UTF-8 text (byte "
                            "0x%(byte)02X); save it as “CSV UTF-8”."
                        )
                        % {
                            "line": _line_of(data, exc.start),
                            "byte": data[exc.start],
                        }
                    ]
                ) from exc
            text = data.decode(fallback, errors="replace")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise CsvInputError(
            [
                _(
                    "Line %(line)d: the file holds a NUL character; it is not a "
                    "CSV text file (wrong encoding?)."
                )
                % {"line": line}
            ]
        )
    return text.lstrip("\ufeff")


def read_rows(
    text: str, *, delimiter: str = ",", max_field: int = MAX_FIELD
) -> list[tuple[int, list[str]]]:
    """(first line number, stripped cells) of every record, or CsvInputError
    naming each line that cannot be read or holds a value past `max_field`."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows, errors, line = [], [], 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if "field larger" in str(exc):
                message = _("Line %(line)d: a value is longer than %(max)d characters.")
            else:
                message = _(
                    "Line %(line)d: the line cannot be read as CSV (%(error)s)."
                )
            errors.append(message % {"line": line, "max": max_field, "error": exc})
            break
        if any(len(cell) > max_field for cell in cells):
            errors.append(
                _("Line %(line)d: a value is longer than %(max)d characters.")
                % {"line": line, "max": max_field}
            )
        rows.append((line, [cell.strip() for cell in cells]))
        line = reader.line_num + 1
    if errors:
        raise CsvInputError(errors)
    return rows
