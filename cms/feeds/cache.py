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

Each process also keeps the last fingerprint and the feeds it served in its own
memory (``Recent``), keyed like the cache by everything above including the
generation just read: a cached feed then costs one small query and no trip to a
shared cache for a 200 kB payload, and a generation moved anywhere still misses.
"""

import hashlib
import threading
import time
from collections import OrderedDict

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
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


# Feeds one process keeps in memory: a few formats and filters, each about 200 kB.
RECENT_ENTRIES = 16
RECENT_BYTES = 16 * 1024 * 1024

_generation_sql = None


def generation() -> str:
    """The current generation, read from the database: one small query.

    Plain SQL on the request's connection (kept open in production,
    ``DATABASE_CONN_MAX_AGE``): this runs for every feed request. When Django
    would first check a kept connection with a query of its own
    (``CONN_HEALTH_CHECKS``), this query is the check: on a connection the
    database has dropped it reconnects and asks again, one round trip, not two.
    """
    if (
        connection.connection is not None
        and connection.health_check_enabled
        and not connection.health_check_done
        and not connection.in_atomic_block
    ):
        connection.health_check_done = True
        try:
            return _generation_read()
        except DatabaseError:
            connection.close()
    return _generation_read()


def _generation_read() -> str:
    global _generation_sql
    if _generation_sql is None:
        table = connection.ops.quote_name(ContentGeneration._meta.db_table)
        _generation_sql = f"SELECT value FROM {table} WHERE id = 1"
    with connection.cursor() as cursor:
        cursor.execute(_generation_sql)
        row = cursor.fetchone()
    return str(row[0] if row else 0)


def generation_bump(**kwargs) -> None:
    """Make every cached feed stale, in every process, once the change commits.

    The row is updated inside the change's own transaction, so the new number
    becomes visible exactly when the change does.
    """
    if not ContentGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        ContentGeneration.objects.get_or_create(pk=1, defaults={"value": 1})
    forget()
    transaction.on_commit(forget)


def forget() -> None:
    """Drop the shared fingerprint and this process's copies."""
    cache.delete(STATE_KEY)
    recent.clear()


def state(compute, generation: str) -> str:
    """The fingerprint of what is published, recomputed at most every few seconds.

    Shared through the cache with the time it was computed; this process keeps it
    until then plus ``RECHECK_SECONDS``, and only while the generation is the one
    it was read under.
    """
    held = recent.state
    if held and held[0] == generation and time.time() < held[2]:
        return held[1]
    found = cache.get(STATE_KEY)
    if not (isinstance(found, tuple) and len(found) == 2):
        found = (compute(), time.time())
        cache.set(STATE_KEY, found, timeout=RECHECK_SECONDS)
    fingerprint, computed = found
    # Never longer than RECHECK_SECONDS from now, whatever the clock that computed it.
    until = min(computed, time.time()) + RECHECK_SECONDS
    recent.state = (generation, fingerprint, until)
    return fingerprint


def response_key(*parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"feeds:response:{digest}"


class Recent:
    """Rendered feeds this process served lately, by their key's parts.

    Bounded in entries and bytes, least recently used out first; a new generation
    or fingerprint empties it, as nothing kept under the old ones can be asked for
    again.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        with self.lock:
            self.state = None
            self.entries = OrderedDict()
            self.size = 0
            self.version = None

    def get(self, parts: tuple):
        with self.lock:
            found = self.entries.get(parts)
            if found is not None:
                self.entries.move_to_end(parts)
            return found

    def put(self, parts: tuple, key: str, stored: dict) -> None:
        size = len(stored["content"])
        if size > RECENT_BYTES:
            return
        with self.lock:
            if self.version != parts[-2:]:
                self.entries.clear()
                self.size = 0
                self.version = parts[-2:]
            if parts in self.entries:
                self.size -= len(self.entries.pop(parts)[1]["content"])
            self.entries[parts] = (key, stored)
            self.size += size
            while len(self.entries) > RECENT_ENTRIES or self.size > RECENT_BYTES:
                _parts, (_key, dropped) = self.entries.popitem(last=False)
                self.size -= len(dropped["content"])


recent = Recent()


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
