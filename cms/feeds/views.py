"""``/feeds/messages.rss|atom|json``: filtered, cached, answering 304 when unchanged."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, urlencode
from django.utils.translation import get_language_from_request
from django.views.decorators.http import require_safe

from . import cache as feed_cache
from .feeds import FEEDS, FeedDocument
from .filters import PARAMETERS, FeedFilterError, feed_filters_parse
from .selectors import feed_fingerprint, feed_items, visible_campaigns

# Readers and proxies may keep a copy but must ask again each time; the ETag makes
# asking cheap.
CACHE_CONTROL = "public, no-cache"


@require_safe
def messages_feed(request, kind: str):
    """The published messages in one format, narrowed by the query parameters."""
    parts = key_parts(request, kind)
    key, stored = cached(parts)
    if stored is None:
        try:
            stored = _render(request, kind)
        except FeedFilterError as error:
            return HttpResponse(
                str(error), status=400, content_type="text/plain; charset=utf-8"
            )
        feed_cache.cache.set(key, stored, timeout=feed_cache.RESPONSE_SECONDS)
        feed_cache.recent.put(parts, key, stored)
    return respond(request, key, stored)


def cached_response(request, kind: str) -> HttpResponse | None:
    """The cached feed for this request, or None when it must be rendered."""
    key, stored = cached(key_parts(request, kind))
    return None if stored is None else respond(request, key, stored)


def cached(parts: tuple) -> tuple[str, dict | None]:
    """The key and the stored feed: from this process's memory, else the cache."""
    found = feed_cache.recent.get(parts)
    if found is not None:
        return found
    key = feed_cache.response_key(*parts)
    stored = feed_cache.cache.get(key)
    if stored is not None:
        feed_cache.recent.put(parts, key, stored)
    return key, stored


def known_params(request) -> list[tuple[str, str]]:
    """The feed's own parameters, in a fixed order; others (utm_...) are ignored."""
    return [
        (name, value.strip())
        for name in PARAMETERS
        if (value := request.GET.get(name) or "").strip()
    ]


def key_parts(request, kind: str) -> tuple[str, ...]:
    """Everything a rendered feed depends on: same parts, same bytes.

    The generation is read first, then the fingerprint kept under it; both end
    the tuple (``Recent`` relies on it).
    """
    generation = feed_cache.generation()
    return (
        kind,
        repr(known_params(request)),
        request.scheme,
        request.get_host(),
        get_language_from_request(request),
        feed_cache.state(_fingerprint, generation),
        generation,
    )


def respond(request, key: str, stored: dict) -> HttpResponse:
    etag = f'"{key.rsplit(":", 1)[-1]}"'
    response = HttpResponse(stored["content"], content_type=stored["content_type"])
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(stored["last_modified"])
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.headers["Content-Language"] = stored["language"]
    patch_vary_headers(response, ["Accept-Language"])
    return get_conditional_response(
        request, etag=etag, last_modified=stored["last_modified"], response=response
    )


def _fingerprint() -> str:
    now = timezone.now()
    return feed_fingerprint(now=now, campaigns=visible_campaigns(now=now))


def _render(request, kind: str) -> dict:
    now = timezone.now()
    campaigns = visible_campaigns(now=now)
    filters = feed_filters_parse(request.GET, campaigns=campaigns)
    document = FeedDocument(
        filters=filters,
        items=feed_items(
            filters=filters, campaigns=campaigns, request=request, now=now
        ),
        # Only the parameters the key holds: a cached copy never repeats a stranger's
        # query string to the next reader.
        feed_url=request.build_absolute_uri(
            request.path
            + (f"?{urlencode(params)}" if (params := known_params(request)) else "")
        ),
    )
    feed = FEEDS[kind]()
    generator = feed.get_feed(document, request)
    return {
        "content": generator.writeString("utf-8").encode("utf-8"),
        "content_type": generator.content_type,
        "language": get_language_from_request(request),
        # When this copy was made: a later unpublish makes a later copy, so a reader
        # asking "changed since?" never gets a stale "no".
        "last_modified": int(now.timestamp()),
    }
