"""Demo data of the 2017 campaign (plan 109/KH-BCĐ of Thanh Hóa).

Loading it twice changes nothing.
"""

from django.db import transaction

from . import channels, editors, platform, press, reach, sessions, smartradio


@transaction.atomic
def demo_load(*, reset: bool = False, admin_password: str) -> list[str]:
    """Load every part of the demo in order; return a line per part for the console."""
    if reset:
        press.reset()
        sessions.reset()
        smartradio.reset()
        channels.reset()
        editors.reset()
        platform.reset()
    return [
        platform.load(admin_password=admin_password),
        editors.load(password=admin_password),
        channels.load(),
        sessions.load(password=admin_password),
        press.load(),
        smartradio.load(),
        reach.load(),
    ]
