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
    help = "Load the demo data of the 2017 campaign; running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Remove the demo data first and start over.",
        )

    def handle(self, *args, reset=False, **options):
        for line in demo_load(reset=reset, admin_password=demo_admin_password()):
            self.stdout.write(line)
