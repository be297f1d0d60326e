from django.core.management.base import BaseCommand

from cms.demo.platform import ADMIN_USERNAME

from .load_demo import demo_admin_password


class Command(BaseCommand):
    help = "Print the demo administrator's login."

    def handle(self, *args, **options):
        self.stdout.write(f"{ADMIN_USERNAME} / {demo_admin_password()}")
