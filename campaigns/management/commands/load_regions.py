import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from campaigns.csv_input import CsvInputError, decode_csv
from campaigns.region_import import RegionImportError, regions_import
from campaigns.region_maps import region_map_load


def _read(file: Path) -> str:
    """The file as text, whatever its encoding problems: each named by its line."""
    try:
        return decode_csv(file.read_bytes())
    except OSError as exc:
        raise CommandError(
            _("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc}
        ) from exc
    except CsvInputError as exc:
        raise CommandError(
            _("Nothing was imported.") + "\n" + "\n".join(exc.errors)
        ) from exc


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}
        ) from exc


class Command(BaseCommand):
    help = (
        "Import districts or communes from a statistics-office CSV (all or nothing); "
        "with --effective and --successors, as a new map beside the old one."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--allow-moves",
            action="store_true",
            help="Let the file change the parent of regions that exist already; "
            "every move is printed before it is saved.",
        )
        parser.add_argument(
            "--effective", help="the new map is in force from this date (YYYY-MM-DD)"
        )
        parser.add_argument(
            "--successors",
            type=Path,
            help="CSV old_code,new_code,share: where each old unit went",
        )
        parser.add_argument("--name", default="", help="the new map's name")
        parser.add_argument(
            "--illustrative",
            action="store_true",
            help="the list is not the official one (tests, demo)",
        )

    def handle(
        self,
        *args,
        file: Path,
        effective=None,
        successors=None,
        allow_moves=False,
        **options,
    ):
        text = _read(file)
        if bool(effective) != bool(successors):
            raise CommandError(_("Give --effective and --successors together."))
        try:
            if effective:
                result = region_map_load(
                    text=text,
                    successors_text=_read(successors),
                    effective=_date(effective),
                    name=options["name"],
                    illustrative=options["illustrative"],
                )
            else:
                result = regions_import(
                    text=text, allow_moves=allow_moves, report=self.stdout.write
                )
        except RegionImportError as exc:
            raise CommandError(
                _("Nothing was imported.") + "\n" + "\n".join(exc.errors)
            ) from exc
        if effective:
            self._report_map(result)
            return
        self.stdout.write(
            _(
                "Regions: %(created)d created, %(updated)d updated, "
                "%(unchanged)d unchanged."
            )
            % {
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            }
        )

    def _report_map(self, result):
        self.stdout.write(
            _(
                "Map “%(map)s”: %(regions)d regions, %(links)d successor links; "
                "%(carried)d channels and areas carried to successors."
            )
            % {
                "map": result.region_map,
                "regions": result.regions,
                "links": result.successors,
                "carried": result.carried,
            }
        )
        if result.split:
            self.stdout.write(_("Split units to review:"))
        for unit in result.split:
            parts = ", ".join(
                f"{new.code} {new.name} ({share.normalize()})"
                for new, share in unit.successors
            )
            self.stdout.write(f"- {unit.old.code} {unit.old.name} → {parts}")
            for link in unit.links:
                self.stdout.write(f"    {link}")
