"""Demo data: the 2017 campaign (plan 109/KH-BCĐ of Thanh Hóa) as history, and the
next campaign after today on the reformed (illustrative) map, started from 2017.

Loading it twice changes nothing; a rehearsal adds broadcasts due in minutes.
"""

from django.db import transaction

from campaigns.models import CampaignPage

from . import (
    channels,
    editors,
    images,
    platform,
    press,
    reach,
    rehearsal,
    sessions,
    smartradio,
    yeartwo,
)


@transaction.atomic
def demo_load(
    *, reset: bool = False, admin_password: str, with_rehearsal: bool = False
) -> list[str]:
    """Load every part of the demo in order; return a line per part for the console."""
    if reset:
        press.reset()
        sessions.reset()
        smartradio.reset()
        channels.reset()
        editors.reset()
        platform.reset()
        images.reset()
    lines = [
        platform.load(admin_password=admin_password),
        editors.load(password=admin_password),
        channels.load(),
        sessions.load(password=admin_password),
        press.load(),
        smartradio.load(),
        reach.load(),
        yeartwo.load(),
    ]
    if with_rehearsal:
        upcoming = CampaignPage.objects.order_by("-year").first()
        lines.append(rehearsal.load(campaign=upcoming))
    return lines
