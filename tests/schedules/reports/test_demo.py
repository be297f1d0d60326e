"""`make run`: the demo 2017 plan has illustrative results, and the dashboard and
the printable report show them, labelled as such."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from campaigns.models import Region
from cms.demo import reach as demo_reach
from schedules.models import Broadcast, ReachRecord


@pytest.mark.django_db
def test_the_demo_has_illustrative_reach_and_the_report_prints_it(monkeypatch, client):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "mat-khau-demo-2017")
    call_command("load_demo")
    records = ReachRecord.objects.all()
    assert records.exists() and not records.filter(illustrative=False).exists()
    assert not Region.objects.filter(depth=2, population__isnull=True).exists()
    assert Region.objects.filter(population_is_illustrative=True).exists()
    statuses = set(Broadcast.objects.values_list("status", flat=True))
    assert {"aired", "missed", "failed"} <= statuses
    # Every aired broadcast has its one estimate; loading again changes nothing.
    on_air = records.filter(broadcast__isnull=False)
    assert on_air.count() == Broadcast.objects.filter(status="aired").count()
    before = list(records.order_by("pk").values_list("pk", "count"))
    assert demo_reach.load() == "Illustrative reach: already loaded"
    assert list(records.order_by("pk").values_list("pk", "count")) == before

    client.force_login(get_user_model().objects.get(username="admin"))
    dashboard = client.get(reverse("schedules_reports:dashboard"))
    assert dashboard.status_code == 200
    report = dashboard.context["report"]
    assert report.illustrative and report.summary.reach > 0
    assert "Illustrative figures" in dashboard.content.decode()
    printed = client.get(reverse("schedules_reports:print"))
    assert printed.status_code == 200
    html = printed.content.decode()
    assert "Illustrative figures" in html
    assert "Huyện Mường Lát" in html and "II. ACTIVITIES BY UNIT" in html
