from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from campaigns.region_import import RegionImportError, regions_import


class Command(BaseCommand):
    help = "Import districts or communes from a statistics-office CSV (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc}
            ) from exc
        try:
            result = regions_import(text=text)
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
