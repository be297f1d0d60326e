"""The demo's messages make valid feeds, and its press part loads once and is inert."""

import io
import json

import feedparser
import pytest
from django.core.cache import cache
from django.core.management import call_command

from schedules.models import Coverage, PressOutlet, ReachRecord

pytestmark = pytest.mark.django_db


def test_demo_feeds_and_press_outlets(client, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "mat-khau-demo-2017")
    call_command("load_demo", stdout=io.StringIO())

    def state():
        return (
            list(PressOutlet.objects.values_list("pk", "active", "readership")),
            list(Coverage.objects.values_list("pk", "status")),
            list(
                ReachRecord.objects.filter(coverage__isnull=False).values_list(
                    "pk", "count", "note"
                )
            ),
        )

    first = state()
    outlets, articles, reach = first
    assert len(outlets) == 2 and not any(active for _pk, active, _n in outlets)
    assert len(articles) == 3 and len(reach) == 2  # the rejected one has none
    assert all(note.startswith("Số liệu minh họa") for _pk, _count, note in reach)

    for kind in ("rss", "atom"):
        feed = feedparser.parse(client.get(f"/feeds/messages.{kind}").content)
        assert feed.bozo == 0 and len(feed.entries) >= 1
    items = json.loads(client.get("/feeds/messages.json").content)["items"]
    assert items and all(item["id"] and item["content_html"] for item in items)

    call_command("load_demo", stdout=io.StringIO())
    assert state() == first
