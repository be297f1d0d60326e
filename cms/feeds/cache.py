"""Rendered feeds in Django's cache, and what makes them stale.

A cached feed is keyed by what it shows: the request's parameters and host, the
language, a "generation" that signals bump when anything a feed shows is published,
changed or unpublished, and a fingerprint of the published pages read from the
database at most every ``RECHECK_SECONDS``.

The generation lives in the database (``cms.models.ContentGeneration``), bumped in
the same transaction as the change and read once per request: a consent withdrawn
in the shell, a page unpublished by the beat job's worker or in another gunicorn
worker makes every process's cached feeds stale at their next request, whether the
cache is per process (the embedded default) or shared. The fingerprint catches
what sends no signal at all (a queryset ``update()``) and pages crossing their
go-live or expiry time.
"""

import hashlib

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from campaigns.models import AgeBand, Hotline, Language, Region

from ..models import ContentGeneration

STATE_KEY = "feeds:state"
RECHECK_SECONDS = 10
RESPONSE_SECONDS = 24 * 60 * 60


def generation() -> str:
    """The current generation, read from the database: one cheap query."""
    value = ContentGeneration.objects.filter(pk=1).values_list("value", flat=True)
    return str(value.first() or 0)


def generation_bump(**kwargs) -> None:
    """Make every cached feed stale, in every process, once the change commits.

    The row is updated inside the change's own transaction, so the new number
    becomes visible exactly when the change does.
    """
    if not ContentGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        ContentGeneration.objects.get_or_create(pk=1, defaults={"value": 1})
    cache.delete(STATE_KEY)
    transaction.on_commit(lambda: cache.delete(STATE_KEY))


def state(compute) -> str:
    """The fingerprint of what is published, recomputed at most every few seconds."""
    found = cache.get(STATE_KEY)
    if found is None:
        found = compute()
        cache.set(STATE_KEY, found, timeout=RECHECK_SECONDS)
    return found


def response_key(*parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"feeds:response:{digest}"


def _page_changed(sender, instance, **kwargs):
    if isinstance(instance, Page):
        generation_bump()


def connect() -> None:
    """Called once from the cms app's ready(): web server, workers and commands."""
    page_published.connect(generation_bump, dispatch_uid="feeds_page_published")
    page_unpublished.connect(generation_bump, dispatch_uid="feeds_page_unpublished")
    post_page_move.connect(generation_bump, dispatch_uid="feeds_page_moved")
    post_delete.connect(_page_changed, dispatch_uid="feeds_page_deleted")
    # What a feed shows beside the pages: images (consent, credit), view
    # restrictions, hotlines, and the names of regions, audiences and languages.
    for model in (
        get_image_model(),
        PageViewRestriction,
        Site,
        Hotline,
        Region,
        AgeBand,
        Language,
    ):
        for signal in (post_save, post_delete):
            signal.connect(
                generation_bump,
                sender=model,
                dispatch_uid=f"feeds_{model._meta.label_lower}_{signal is post_save}",
            )
