"""Import regions from the statistics office's CSV lists, all rows or none.

Two shapes are read: districts (``district_code,name,type,border_laos,...``) attach
under the province, communes (``commune_code,name,type,district_code,...``) under
their district. Every row is checked before anything is written; errors name the line.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from .models import KIND_BY_LABEL, Region, RegionKind, RegionMap

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


def _shape(header):
    if "commune_code" in header and "district_code" in header:
        return "commune_code", "district_code"
    if "district_code" in header:
        return "district_code", None
    if "commune_code" in header:
        # After the 2025 reform: communes directly under the province.
        return "commune_code", None
    raise RegionImportError(
        [_("Line 1: unknown columns; expected district_code or commune_code.")]
    )


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
    if not raw.isdigit():
        errors.append(
            _("Line %(line)s: population must be a whole number, not “%(value)s”.")
            % {"line": line, "value": raw}
        )
        return None
    return int(raw)


def parse_regions(text: str) -> list[RegionRow]:
    """Read and check every row; raise RegionImportError listing all bad lines."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = reader.fieldnames or []
    code_column, parent_column = _shape(header)
    errors, rows, seen = [], [], {}
    for line, record in enumerate(reader, start=2):
        code = (record.get(code_column) or "").strip()
        name = (record.get("name") or "").strip()
        label = (record.get("type") or "").strip().lower()
        if not code.isdigit():
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


@transaction.atomic
def regions_import(*, text: str, region_map: RegionMap | None = None) -> ImportResult:
    """Upsert regions by code on a map (the newest one unless given); every row is
    valid or nothing is written."""
    rows = parse_regions(text)
    region_map = region_map or RegionMap.objects.current() or (
        RegionMap.objects.first_map()
    )
    existing = {r.code: r for r in Region.objects.filter(map=region_map)}
    file_codes = {row.code for row in rows}
    errors = [
        _("Line %(line)s: unknown district code %(code)s.")
        % {"line": row.line, "code": row.parent_code}
        for row in rows
        if row.parent_code
        and row.parent_code not in existing
        and row.parent_code not in file_codes
    ]
    if errors:
        raise RegionImportError(errors)

    result = ImportResult()
    province = _province(region_map)
    existing[province.code] = province
    for row in rows:
        parent_code = row.parent_code or province.code
        if parent_code == row.code:
            raise RegionImportError(
                [
                    _("Line %(line)s: a region cannot be its own parent.")
                    % {"line": row.line}
                ]
            )
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
            region.move(parent, pos="sorted-child")
        if changed or moved:
            result.updated += 1
        else:
            result.unchanged += 1
    return result
