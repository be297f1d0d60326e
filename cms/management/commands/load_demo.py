import os
import secrets

from django.conf import settings
from django.core.management.base import BaseCommand

from cms.demo import demo_load

PASSWORD_FILE = "demo-admin-password"


def demo_admin_password() -> str:
    """DEMO_ADMIN_PASSWORD, or one generated on the first run and kept under var/."""
    given = os.environ.get("DEMO_ADMIN_PASSWORD")
    if given:
        return given
    path = settings.VAR_DIR / PASSWORD_FILE
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    password = secrets.token_urlsafe(12)
    path.write_text(password + "\n", encoding="utf-8")
    path.chmod(0o600)
    return password


class Command(BaseCommand):
    help = (
        "Load the demo: 2017 as history and the next campaign on the reformed map; "
        "running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Remove the demo data first and start over.",
        )
        parser.add_argument(
            "--rehearsal",
            action="store_true",
            help="Add a small approved plan whose first broadcasts are due in minutes.",
        )

    def handle(self, *args, reset=False, rehearsal=False, **options):
        lines = demo_load(
            reset=reset,
            admin_password=demo_admin_password(),
            with_rehearsal=rehearsal,
        )
        for line in lines:
            self.stdout.write(line)
