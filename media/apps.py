from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    label = "media"
    verbose_name = _("Media library")

    def ready(self):
        from .consent import guard_page_going_live

        # Any sender: page types live in other apps, and a sender-less receiver
        # also covers page types added after this app is ready.
        pre_save.connect(guard_page_going_live, dispatch_uid="media_consent_guard")
