"""The dashboard, the printable report, the committee's settings and the weekly
e-mail."""

import datetime
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from schedules.models import CommitteeReport, ReportSettings
from schedules.reports.services import weekly_report_send
from schedules.reports.tasks import email_weekly_report
from tests import factories as f


def charts(response):
    html = response.content.decode()
    start = html.index('<script id="report-charts" type="application/json">')
    body = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    return json.loads(body)


def test_the_dashboard_embeds_the_series_the_charts_draw(client, world, committee):
    response = client.get(reverse("schedules_reports:dashboard"))
    assert response.status_code == 200
    data = charts(response)
    assert len(data["days"]) == 92
    assert [day["label"] for day in data["days"] if day["anchor"]] == ["30/07"]
    assert {row["label"]: row["value"] for row in data["units"]} == {
        "Sở Thông tin và Truyền thông": 1300,
        "Hội LHPN tỉnh": 50,
        "Press coverage": 300,
    }
    # Districts with a centroid, placed on the map and coloured by risk.
    assert data["areas"] == [
        {"label": "Huyện Một", "value": 683, "lon": 104.6, "lat": 20.5, "risk": True},
        {"label": "Huyện Hai", "value": 967, "lon": 105.8, "lat": 19.8, "risk": False},
    ]
    html = response.content.decode()
    assert "schedules/reports/charts.js" in html
    assert "Illustrative figures" not in html


def test_the_filters_narrow_the_report(client, world, committee):
    response = client.get(
        reverse("schedules_reports:dashboard"),
        {
            "campaign": world["campaign"].year,
            "start": "30/07/2017",
            "end": "2017-07-30",
            "unit": world["info"].pk,
        },
    )
    report = response.context["report"]
    assert report.summary.reach == 1000
    assert len(report.by_day) == 1
    response = client.get(
        reverse("schedules_reports:dashboard"),
        {"campaign": "", "start": "", "end": ""},
    )
    assert response.context["report"].summary.reach == 1650 + 7777
    response = client.get(
        reverse("schedules_reports:dashboard"),
        {
            "campaign": world["campaign"].year,
            "start": "2017-08-01",
            "end": "2017-07-01",
        },
    )
    assert response.context["report"] is None
    assert "end" in response.context["form"].errors


def test_the_page_query_count_does_not_grow_with_the_data(client, world, committee):
    url = reverse("schedules_reports:dashboard")
    client.get(url)  # The first visit creates the settings row.
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    region = world["c1a"]
    for day in range(5, 25):
        f.ReachRecordFactory(
            session=f.SessionFactory(
                held=True,
                campaign=world["campaign"],
                organisation=world["branch"],
                region=region,
                starts_at=f.local_time(day),
            ),
            region=region,
            count=10,
            reached_at=f.local_time(day),
            method="reported",
        )
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert response.context["report"].summary.reach == 1650 + 200
    assert len(after) == len(before)


def test_a_recent_build_is_reused_but_the_proposals_are_fresh(
    client, world, committee, settings
):
    from django.core.cache import cache

    settings.REPORTS_CACHE_SECONDS = 300
    cache.clear()
    url = reverse("schedules_reports:dashboard")
    try:
        assert client.get(url).context["report"].summary.reach == 1650
        region = world["c1a"]
        session = f.SessionFactory(
            held=True,
            campaign=world["campaign"],
            organisation=world["branch"],
            region=region,
            starts_at=f.local_time(9),
        )
        f.ReachRecordFactory(
            session=session,
            region=region,
            count=10,
            reached_at=f.local_time(9),
            method="reported",
        )
        CommitteeReport.objects.create(campaign=world["campaign"], proposals="Mới.")
        with CaptureQueriesContext(connection) as queries:
            report = client.get(url).context["report"]
        assert report.summary.reach == 1650 and report.proposals == "Mới."
        assert len(queries) < 30
        cache.clear()
        assert client.get(url).context["report"].summary.reach == 1660
    finally:
        cache.clear()


def test_the_printable_report_has_the_sections_of_an_administrative_report(
    client, world, committee
):
    CommitteeReport.objects.create(
        campaign=world["campaign"], proposals="Tăng cường loa ở xã biên giới."
    )
    response = client.get(reverse("schedules_reports:print"), {"campaign": 2017})
    assert response.status_code == 200
    assert response.context["report"].summary.reach == 1650
    html = response.content.decode()
    for heading in (
        "I. SUMMARY",
        "II. ACTIVITIES BY UNIT",
        "III. REACH",
        "IV. AREAS STILL SHORT OF REACH",
        "V. PROPOSALS AND RECOMMENDATIONS",
        "SOCIALIST REPUBLIC OF VIETNAM",
    ):
        assert heading in html
    assert "Tăng cường loa ở xã biên giới." in html
    assert "size: A4" in open_static("schedules/reports/print.css")
    assert charts(response)["days"]


def open_static(path):
    from django.contrib.staticfiles import finders

    with open(finders.find(path), encoding="utf-8") as handle:
        return handle.read()


def test_the_committee_sets_the_target_and_the_proposals(client, world, committee):
    url = reverse("schedules_reports:settings")
    response = client.post(
        url,
        {
            "reach_target_per_head": "0.5",
            "weekly_email_enabled": "on",
            "weekly_email_to": "vanphong@bcd138.example.vn, ubnd@example.vn",
            "proposals": "Đề xuất A.",
        },
    )
    assert response.status_code == 302
    row = ReportSettings.load()
    assert row.reach_target_per_head == Decimal("0.5")
    assert row.recipients == ["vanphong@bcd138.example.vn", "ubnd@example.vn"]
    assert CommitteeReport.objects.get(campaign=world["campaign"]).proposals == (
        "Đề xuất A."
    )
    report = client.get(reverse("schedules_reports:dashboard")).context["report"]
    assert len(report.gaps.below) == 3
    # The proposals of another year's report.
    client.post(
        f"{url}?campaign=2016",
        {"reach_target_per_head": "0.5", "proposals": "Năm 2016."},
    )
    assert CommitteeReport.objects.get(campaign=world["old"]).proposals == "Năm 2016."
    assert CommitteeReport.objects.get(campaign=world["campaign"]).proposals == (
        "Đề xuất A."
    )


@pytest.mark.parametrize(
    "data",
    [
        {"reach_target_per_head": "0", "weekly_email_to": ""},
        {"reach_target_per_head": "1", "weekly_email_to": "khong-phai-email"},
        {"reach_target_per_head": "1", "weekly_email_enabled": "on"},
    ],
)
def test_bad_settings_change_nothing(client, world, committee, data):
    response = client.post(reverse("schedules_reports:settings"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    row = ReportSettings.load()
    assert row.reach_target_per_head == Decimal("1.00")
    assert not row.weekly_email_enabled and row.weekly_email_to == ""


MONDAY = datetime.datetime(2017, 8, 7, 7, 0, tzinfo=datetime.UTC)


def test_the_weekly_email_is_off_unless_the_committee_turns_it_on(world):
    assert weekly_report_send(now=MONDAY) is None
    email_weekly_report()
    assert mail.outbox == []


def test_the_weekly_email_sends_the_summary_and_the_xlsx_once_a_week(world):
    ReportSettings.objects.update_or_create(
        pk=ReportSettings.load().pk,
        defaults={
            "weekly_email_enabled": True,
            "weekly_email_to": "vanphong@bcd138.example.vn",
        },
    )
    message = weekly_report_send(now=MONDAY)
    assert message is not None and len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["vanphong@bcd138.example.vn"]
    assert "2017" in sent.subject
    assert "People reached: 1650" in sent.body
    name, content, mimetype = sent.attachments[0]
    assert name.endswith(".xlsx") and "spreadsheetml" in mimetype
    book = openpyxl.load_workbook(io.BytesIO(content))
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True)}
    assert summary["People reached"] == 1650
    # The same week again (a second worker, a retry): nothing more is sent.
    assert weekly_report_send(now=MONDAY + datetime.timedelta(hours=3)) is None
    assert len(mail.outbox) == 1
    assert weekly_report_send(now=MONDAY + datetime.timedelta(days=7)) is not None
    assert len(mail.outbox) == 2


def test_the_beat_runs_the_weekly_email_on_monday_morning(settings):
    from celery.schedules import crontab

    from cms.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["weekly-report"]
    assert entry["task"] == "schedules.reports.tasks.email_weekly_report"
    assert entry["schedule"] == crontab(minute=0, hour=7, day_of_week="mon")
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
