"""Import regions from the statistics office's CSV lists, all rows or none.

Two shapes are read: districts (``district_code,name,type,border_laos,...``) attach
under the province, communes (``commune_code,name,type,district_code,...``) under
their district. Every row is checked before anything is written; errors name the line.
A region that exists keeps its parent unless moves are allowed explicitly: a file
that puts one district's code under another would otherwise hand its sessions to
the other district's organisers.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from .csv_input import CsvInputError, read_rows
from .models import KIND_BY_LABEL, Region, RegionKind, RegionMap

MAX_POPULATION = 100_000_000  # more than any province; guards the integer column
CODE_LENGTH = Region._meta.get_field("code").max_length
NAME_LENGTH = Region._meta.get_field("name").max_length
OPTIONAL_COLUMNS = {
    "border_laos",
    "coastal",
    "mountainous",
    "poor_30a",
    "main_ethnic_groups",
    "centroid_lon",
    "centroid_lat",
    "population",
    # The reform's list: communes directly under the province, and where they came from.
    "province_code",
    "former_district_code",
}
FLAG_COLUMNS = {
    "border_laos": "border",
    "coastal": "coastal",
    "mountainous": "mountainous",
    "poor_30a": "poor",
}


class RegionImportError(Exception):
    """The file cannot be imported; ``errors`` lists every bad line."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class RegionRow:
    line: int
    code: str
    name: str
    kind: str
    parent_code: str
    values: dict = field(default_factory=dict)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    moves: list[str] = field(default_factory=list)


def _shape(header):
    if "commune_code" in header and "district_code" in header:
        code_column, parent_column = "commune_code", "district_code"
        known = {"commune_code", "district_code", "district_name"}
    elif "district_code" in header:
        code_column, parent_column = "district_code", None
        known = {"district_code"}
    elif "commune_code" in header:
        # After the 2025 reform: communes directly under the province.
        code_column, parent_column = "commune_code", None
        known = {"commune_code"}
    else:
        raise RegionImportError(
            [_("Line 1: unknown columns; expected district_code or commune_code.")]
        )
    known |= {"name", "type"} | OPTIONAL_COLUMNS
    errors = []
    missing = [column for column in ("name", "type") if column not in header]
    if missing:
        errors.append(
            _("Line 1: missing columns: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    extra = [column for column in header if column not in known]
    if extra:
        errors.append(
            _("Line 1: unknown columns: %(columns)s.")
            % {"columns": ", ".join(extra) or "“”"}
        )
    repeated = sorted({column for column in header if header.count(column) > 1})
    if repeated:
        errors.append(
            _("Line 1: repeated columns: %(columns)s.")
            % {"columns": ", ".join(repeated)}
        )
    if errors:
        raise RegionImportError(errors)
    return code_column, parent_column


def _parse_flag(raw, line, column, errors):
    raw = (raw or "").strip()
    if raw in ("0", "1", ""):
        return raw == "1"
    errors.append(
        _("Line %(line)s: column %(column)s must be 0 or 1, not “%(value)s”.")
        % {"line": line, "column": column, "value": raw}
    )
    return False


def _parse_decimal(raw, line, column, errors, low, high):
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or not low <= value <= high:
        errors.append(
            _("Line %(line)s: column %(column)s is not a valid number: “%(value)s”.")
            % {"line": line, "column": column, "value": raw}
        )
        return None
    return value.quantize(Decimal("0.000001"))


def _parse_population(raw, line, errors):
    raw = (raw or "").strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or int(raw) > MAX_POPULATION:
        errors.append(
            _(
                "Line %(line)s: population must be a whole number from 0 to "
                "%(max)s, not “%(value)s”."
            )
            % {"line": line, "value": raw[:40], "max": MAX_POPULATION}
        )
        return None
    return int(raw)


def _records(text: str):
    """The header and (line, record) pairs; a line whose cells do not match the
    header is named."""
    try:
        rows = read_rows(text)
    except CsvInputError as exc:
        raise RegionImportError(exc.errors) from exc
    rows = [(line, cells) for line, cells in rows if any(cells)]
    if not rows:
        raise RegionImportError([_("The file is empty.")])
    (_line, header), records, errors = rows[0], [], []
    for line, cells in rows[1:]:
        if len(cells) != len(header):
            errors.append(
                _("Line %(line)s: %(found)s values where the header has %(expected)s.")
                % {"line": line, "found": len(cells), "expected": len(header)}
            )
            continue
        records.append((line, dict(zip(header, cells, strict=True))))
    return header, records, errors


def parse_regions(text: str) -> list[RegionRow]:
    """Read and check every row; raise RegionImportError listing all bad lines."""
    header, records, errors = _records(text)
    code_column, parent_column = _shape(header)
    rows, seen = [], {}
    for line, record in records:
        code = (record.get(code_column) or "").strip()
        name = (record.get("name") or "").strip()
        label = (record.get("type") or "").strip().lower()
        if not (code.isascii() and code.isdigit()) or len(code) > CODE_LENGTH:
            errors.append(
                _("Line %(line)s: the code “%(code)s” is not a number.")
                % {"line": line, "code": code}
            )
            continue
        if code in seen:
            errors.append(
                _("Line %(line)s: code %(code)s already appears on line %(first)s.")
                % {"line": line, "code": code, "first": seen[code]}
            )
            continue
        seen[code] = line
        if not name:
            errors.append(_("Line %(line)s: the name is empty.") % {"line": line})
        elif len(name) > NAME_LENGTH:
            errors.append(
                _("Line %(line)s: the name is longer than %(max)s characters.")
                % {"line": line, "max": NAME_LENGTH}
            )
        kind = KIND_BY_LABEL.get(label)
        if kind is None:
            errors.append(
                _("Line %(line)s: unknown kind of region “%(kind)s”.")
                % {"line": line, "kind": record.get("type", "")}
            )
        values = {}
        for column, attribute in FLAG_COLUMNS.items():
            if column in record:
                values[attribute] = _parse_flag(record[column], line, column, errors)
        if "main_ethnic_groups" in record:
            values["ethnic_groups"] = [
                group.strip()
                for group in (record["main_ethnic_groups"] or "").split(";")
                if group.strip()
            ]
        if "centroid_lon" in record or "centroid_lat" in record:
            lon = _parse_decimal(
                record.get("centroid_lon"), line, "centroid_lon", errors, -180, 180
            )
            lat = _parse_decimal(
                record.get("centroid_lat"), line, "centroid_lat", errors, -90, 90
            )
            if (lon is None) != (lat is None):
                errors.append(
                    _("Line %(line)s: give both centroid coordinates or neither.")
                    % {"line": line}
                )
            values["centroid_lon"], values["centroid_lat"] = lon, lat
        if "population" in record:
            values["population"] = _parse_population(record["population"], line, errors)
        parent_code = (record.get(parent_column) or "").strip() if parent_column else ""
        if parent_column and not parent_code:
            errors.append(
                _("Line %(line)s: the district code is empty.") % {"line": line}
            )
        rows.append(RegionRow(line, code, name, kind, parent_code, values))
    if errors:
        raise RegionImportError(errors)
    return rows


def _province(region_map):
    province = Region.objects.filter(
        map=region_map, code=settings.PROVINCE_CODE
    ).first()
    if province is None:
        province = Region.add_root(
            map=region_map,
            code=settings.PROVINCE_CODE,
            name=settings.PROVINCE_NAME,
            kind=RegionKind.PROVINCE,
        )
    return province


def _plan_errors(rows, existing, province, allow_moves):
    """Every reference, cycle and move problem of the file against the tree."""
    lines = {row.code: row.line for row in rows}
    by_path = {region.path: region.code for region in existing.values()}
    parent_of = {
        code: by_path.get(region.path[: -region.steplen])
        for code, region in existing.items()
    }
    errors = []
    for row in rows:
        parent_code = row.parent_code or province.code
        if parent_code == row.code:
            errors.append(
                _("Line %(line)s: a region cannot be its own parent.")
                % {"line": row.line}
            )
        elif parent_code not in existing and parent_code not in lines:
            errors.append(
                _("Line %(line)s: unknown district code %(code)s.")
                % {"line": row.line, "code": parent_code}
            )
        elif parent_code not in existing and lines[parent_code] > row.line:
            errors.append(
                _(
                    "Line %(line)s: district %(code)s is only defined later, on line "
                    "%(later)s; put it before the regions under it."
                )
                % {"line": row.line, "code": parent_code, "later": lines[parent_code]}
            )
        parent_of[row.code] = parent_code
    if errors:
        return errors
    for row in rows:
        chain, code = [row.code], parent_of[row.code]
        while code is not None and code not in chain:
            chain.append(code)
            code = parent_of.get(code)
        if code == row.code:
            errors.append(
                _(
                    "Line %(line)s: region %(code)s would end up inside itself "
                    "(%(chain)s)."
                )
                % {
                    "line": row.line,
                    "code": row.code,
                    "chain": " → ".join(chain + [code]),
                }
            )
    if errors or allow_moves:
        return errors
    for row in rows:
        region = existing.get(row.code)
        if region is None or region.depth == 1:
            continue
        current = by_path.get(region.path[: -region.steplen])
        wanted = row.parent_code or province.code
        if current != wanted:
            errors.append(
                _(
                    "Line %(line)s: %(name)s (%(code)s) is under %(current)s; this "
                    "file would move it under %(wanted)s. Nothing is moved unless "
                    "the import is run with --allow-moves."
                )
                % {
                    "line": row.line,
                    "name": region.name,
                    "code": row.code,
                    "current": current,
                    "wanted": wanted,
                }
            )
    return errors


@transaction.atomic
def regions_import(
    *,
    text: str,
    allow_moves: bool = False,
    report: Callable[[str], None] | None = None,
    region_map: RegionMap | None = None,
) -> ImportResult:
    """Upsert regions by code on a map (the newest one unless given); every row is
    valid or nothing is written.

    An existing region keeps its parent unless `allow_moves`; then every move is
    described to `report` (and in the result) before the transaction commits.
    """
    rows = parse_regions(text)
    region_map = region_map or RegionMap.objects.current() or (
        RegionMap.objects.first_map()
    )
    province = _province(region_map)
    existing = {r.code: r for r in Region.objects.filter(map=region_map)}
    errors = _plan_errors(rows, existing, province, allow_moves)
    if errors:
        raise RegionImportError(errors)

    result = ImportResult()
    for row in rows:
        parent_code = row.parent_code or province.code
        parent = Region.objects.get(map=region_map, code=parent_code)
        fields = {"name": row.name, "kind": row.kind, **row.values}
        region = existing.get(row.code)
        if region is None:
            existing[row.code] = parent.add_child(
                map=region_map, code=row.code, **fields
            )
            result.created += 1
            continue
        region.refresh_from_db()
        changed = any(getattr(region, key) != value for key, value in fields.items())
        if changed:
            for key, value in fields.items():
                setattr(region, key, value)
            region.save()
        current_parent = region.get_parent()
        moved = current_parent is None or current_parent.code != parent_code
        if moved:
            move = _(
                "Line %(line)s: %(name)s (%(code)s) moves from %(old)s to %(new)s."
            ) % {
                "line": row.line,
                "name": region.name,
                "code": region.code,
                "old": f"{current_parent.name} ({current_parent.code})"
                if current_parent
                else "—",
                "new": f"{parent.name} ({parent.code})",
            }
            result.moves.append(move)
            if report is not None:
                report(move)
            region.move(parent, pos="sorted-child")
        if changed or moved:
            result.updated += 1
        else:
            result.unchanged += 1
    return result
