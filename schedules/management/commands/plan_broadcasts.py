import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from campaigns.models import CampaignPage
from schedules.planning.services import broadcast_plan_dry_run, broadcast_plan_generate


def progress_bar(stream):
    def report(percent: int, message: str):
        filled = percent // 4
        stream.write(
            f"\r[{'#' * filled}{'.' * (25 - filled)}] {percent:3d}% {message:<10}"
        )
        if percent >= 100:
            stream.write("\n")
        stream.flush()

    return report


class Command(BaseCommand):
    help = "Plan the broadcasts of a campaign (replacing only future draft broadcasts)."

    def add_arguments(self, parser):
        parser.add_argument("--campaign", type=int, required=True, help="campaign year")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, campaign, seed, dry_run, **options):
        page = CampaignPage.objects.filter(year=campaign).first()
        if page is None:
            raise CommandError(
                _("No campaign for the year %(year)s.") % {"year": campaign}
            )
        if dry_run:
            count = broadcast_plan_dry_run(campaign=page, now=None, seed=seed)
            self.stdout.write(
                _("Dry run: %(count)d broadcasts would be planned.") % {"count": count}
            )
            return
        plan, count = broadcast_plan_generate(
            campaign=page, seed=seed, progress=progress_bar(sys.stdout)
        )
        self.stdout.write(
            _("Plan #%(plan)d: %(count)d broadcasts, %(gaps)d coverage gaps.")
            % {"plan": plan.pk, "count": count, "gaps": plan.coverage.get("gaps", 0)}
        )
