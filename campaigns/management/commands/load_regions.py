from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from campaigns.csv_input import CsvInputError, decode_csv
from campaigns.region_import import RegionImportError, regions_import


class Command(BaseCommand):
    help = "Import districts or communes from a statistics-office CSV (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--allow-moves",
            action="store_true",
            help="Let the file change the parent of regions that exist already; "
            "every move is printed before it is saved.",
        )

    def handle(self, *args, file: Path, allow_moves: bool, **options):
        try:
            text = decode_csv(file.read_bytes())
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc}
            ) from exc
        except CsvInputError as exc:
            raise CommandError(
                _("Nothing was imported.") + "\n" + "\n".join(exc.errors)
            ) from exc
        try:
            result = regions_import(
                text=text, allow_moves=allow_moves, report=self.stdout.write
            )
        except RegionImportError as exc:
            raise CommandError(
                _("Nothing was imported.") + "\n" + "\n".join(exc.errors)
            ) from exc
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
