from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulesConfig(AppConfig):
    name = "schedules"
    verbose_name = _("Schedules and reach")

    def ready(self):
        from .spreadsheets import guard_wagtail_exports

        guard_wagtail_exports()

        from campaigns.region_maps import carry_region_links

        from .models import Channel

        # A channel that covered an old unit covers its successors on a new map.
        carry_region_links(Channel, "regions")
