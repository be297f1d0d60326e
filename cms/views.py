from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from campaigns.audience import public_language, serve_in_language
from campaigns.selectors import search_messages

from .health import health_report


@never_cache
@require_GET
def healthz(request):
    report, healthy = health_report()
    return JsonResponse(report, status=200 if healthy else 503)


def search(request):
    """Public search over published messages; accents are optional in the query."""
    query = (request.GET.get("q") or "").strip()[:200]
    results = search_messages(query) if query else []
    return serve_in_language(
        request,
        public_language(request),
        lambda: render(
            request, "cms/search.html", {"query": query, "results": results}
        ),
    )
