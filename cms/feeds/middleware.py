"""Serve a cached feed before sessions, authentication and messages run.

A feed reader has no session and a cached feed needs none of that work; skipping
it roughly doubles the feeds' throughput (tests/benchmarks/test_feed_throughput.py).
Anything not already cached goes on to the view, which renders and caches it.
"""

from django.urls import reverse

from .views import cached_response

KINDS = ("rss", "atom", "json")


class CachedFeedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.paths = None

    def __call__(self, request):
        if self.paths is None:
            self.paths = {reverse(f"feeds_messages_{kind}"): kind for kind in KINDS}
        kind = self.paths.get(request.path_info)
        if kind and request.method in ("GET", "HEAD"):
            response = cached_response(request, kind)
            if response is not None:
                return response
        return self.get_response(request)
