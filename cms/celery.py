"""The Celery app: settings come from Django's, prefixed CELERY_."""

import logging.config
import os

from celery import Celery
from celery.signals import setup_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

app = Celery("cms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect(weak=False)
def use_the_site_logging(**kwargs):
    """Workers and beat log as the web does (LOG_LEVEL, LOG_FORMAT), not at
    Celery's own level and format."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
