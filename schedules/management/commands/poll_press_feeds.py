from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from schedules.models import PressOutlet
from schedules.press.polling import outlets_poll


class Command(BaseCommand):
    help = "Poll the active press outlets' feeds now, as the beat job does."

    def add_arguments(self, parser):
        parser.add_argument(
            "--outlet", type=int, action="append", help="Only this outlet (its id)."
        )

    def handle(self, *args, outlet=None, **options):
        outlets = PressOutlet.objects.filter(active=True)
        if outlet:
            outlets = outlets.filter(pk__in=outlet)
        for result in outlets_poll(now=timezone.now(), outlets=outlets):
            if result.reason:
                line = _("%(outlet)s: failed – %(reason)s")
            else:
                line = _("%(outlet)s: %(entries)d entries read, %(new)d new articles")
            self.stdout.write(
                line
                % {
                    "outlet": result.outlet,
                    "reason": result.reason,
                    "entries": result.entries,
                    "new": len(result.created),
                }
            )
