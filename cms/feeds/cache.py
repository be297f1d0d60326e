"""Rendered feeds in Django's cache, and what makes them stale.

A cached feed is keyed by what it shows: the request's parameters and host, the
language, a "generation" that signals bump when anything a feed shows is published,
changed or unpublished in this process (or any process sharing a Redis cache), and
a fingerprint of the published pages read from the database at most every
``RECHECK_SECONDS``, which also catches changes made where no signal reaches us
(the beat job's worker with a per-process cache) and pages crossing their
go-live or expiry time.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from campaigns.models import AgeBand, Hotline, Language, Region

GENERATION_KEY = "feeds:generation"
STATE_KEY = "feeds:state"
RECHECK_SECONDS = 10
RESPONSE_SECONDS = 24 * 60 * 60


def generation() -> str:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = uuid.uuid4().hex
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    return value


def generation_bump(**kwargs) -> None:
    """Make every cached feed stale now, and again once the change is committed.

    The second bump covers a request that read the database between the signal and
    the commit, and cached what it saw.
    """
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    cache.delete(STATE_KEY)


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
