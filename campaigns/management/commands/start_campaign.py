from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from campaigns.models import CampaignPage
from campaigns.services import CampaignStartError, campaign_start_next

# Exit code of a refusal (the year exists, no such campaign): nothing was made.
REFUSED = 2


class Command(BaseCommand):
    help = (
        "Start a year's campaign from an earlier one: dates around 30/7, slogans "
        "and messages copied as drafts into review."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument(
            "--from", dest="source", type=int, required=True, help="earlier year"
        )
        parser.add_argument(
            "--user", help="who starts it (the first superuser if not given)"
        )

    def handle(self, *args, year, source, user=None, **options):
        found = CampaignPage.objects.filter(year=source).first()
        if found is None:
            raise CommandError(
                _("There is no campaign of %(year)s.") % {"year": source},
                returncode=REFUSED,
            )
        users = get_user_model().objects
        person = (
            users.filter(username=user).first()
            if user
            else users.filter(is_superuser=True).order_by("pk").first()
        )
        if user and person is None:
            raise CommandError(
                _("There is no user %(name)s.") % {"name": user}, returncode=REFUSED
            )
        try:
            campaign = campaign_start_next(source=found, year=year, user=person)
        except CampaignStartError as exc:
            raise CommandError(" ".join(exc.messages), returncode=REFUSED) from exc
        self.stdout.write(
            _(
                "%(title)s: started from %(source)s, %(messages)d messages in review, "
                "%(slogans)d slogans as drafts."
            )
            % {
                "title": campaign.title,
                "source": source,
                "messages": campaign.get_children().count(),
                "slogans": campaign.slogans.count(),
            }
        )
