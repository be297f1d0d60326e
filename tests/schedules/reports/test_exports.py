"""The XLSX and CSV carry the page's numbers as numbers, and text from people that
looks like a formula stays text."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from schedules.spreadsheets import formula_guard as guard


def workbook(client, **params):
    response = client.get(reverse("schedules_reports:xlsx"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    return openpyxl.load_workbook(io.BytesIO(response.content))


def sheet_rows(sheet):
    return list(sheet.iter_rows(min_row=2, values_only=True))


def test_the_xlsx_has_the_numbers_of_the_page(client, world, committee):
    page = client.get(reverse("schedules_reports:dashboard"))
    report = page.context["report"]
    html = page.content.decode()
    book = workbook(client)
    assert book.sheetnames == [
        "Summary",
        "By day",
        "By channel",
        "By unit",
        "By district",
        "By age band",
        "By method",
        "Activities by unit",
        "Gaps",
        "Compared with the year before",  # 2016 is the year before
    ]

    summary = {row[0]: row[1] for row in sheet_rows(book["Summary"])}
    assert summary["People reached"] == report.summary.reach == 1650
    assert summary["Broadcasts aired"] == report.broadcasts.aired == 2
    assert summary["Sessions held"] == 1 and summary["Attendance"] == 50
    assert summary["From"] == datetime.datetime(2017, 7, 1)
    # The page shows the same total.
    assert 'id="total-reach">1,650<' in html

    by_day = sheet_rows(book["By day"])
    assert len(by_day) == len(report.by_day) == 92
    anchor = [row for row in by_day if row[3]]
    assert anchor == [(datetime.datetime(2017, 7, 30), 1050, 2, "Yes")]
    assert book["By day"]["A2"].number_format == "DD/MM/YYYY"

    areas = {row[0]: row for row in sheet_rows(book["By district"])}
    assert areas["Huyện Một"][1:5] == (1000, "Yes", 683, 3)
    assert areas["Huyện Một"][5] == pytest.approx(0.683)
    assert "Whole province" not in areas  # shared among the districts
    assert [row.reach for row in report.by_area] == [
        row[3] for row in sheet_rows(book["By district"])
    ]

    units = sheet_rows(book["By unit"])
    assert [(row[0], row[2]) for row in units] == [
        (row.label, row.reach) for row in report.by_unit
    ]
    ages = {row[0]: row[1] for row in sheet_rows(book["By age band"])}
    assert 0 in ages.values()
    gaps = sheet_rows(book["Gaps"])
    assert [row[0] for row in gaps] == [
        gap.region.name for gap in report.gaps.below
    ] + ["Huyện Ba"]
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=2):
            for cell in row[1:]:
                if isinstance(cell.value, str):
                    assert not cell.value.replace(".", "").isdigit(), cell.coordinate


def test_the_csv_of_a_table(client, world, committee):
    response = client.get(reverse("schedules_reports:csv"), {"table": "channel"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Channel kind", "People reached", "Reach records"]
    assert ["Radio", "1000", "1"] in rows
    assert ["Press coverage", "300", "1"] in rows
    response = client.get(reverse("schedules_reports:csv"), {"table": "day"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["30/07/2017", "1050", "2", "Yes"] in rows
    assert client.get(reverse("schedules_reports:csv"), {"table": "x"}).status_code == (
        404
    )


@pytest.mark.parametrize(
    "text", ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "\rCR", "=HYPERLINK(x)"]
)
def test_the_guard_neutralises_formulas_and_leaves_numbers(text):
    assert guard(text) == "'" + text
    assert guard("Huyện Một") == "Huyện Một"
    assert guard(-5) == -5 and guard(2.5) == 2.5


def test_names_that_look_like_formulas_stay_text(client, world, committee):
    world["d1"].name = '=HYPERLINK("http://evil.example","x")'
    world["d1"].save()
    world["info"].name = "@SUM(1+1)"
    world["info"].short_name = ""
    world["info"].save()
    book = workbook(client)
    areas = book["By district"]
    cells = [
        row for row in areas.iter_rows(min_row=2) if "HYPERLINK" in str(row[0].value)
    ]
    assert len(cells) == 1
    name = cells[0][0]
    assert name.value == "'" + world["d1"].name and name.data_type == "s"
    assert cells[0][3].value == 683 and cells[0][3].data_type == "n"
    units = [row[0] for row in sheet_rows(book["By unit"])]
    assert "'@SUM(1+1)" in units

    response = client.get(reverse("schedules_reports:csv"), {"table": "area"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(row for row in rows if "HYPERLINK" in row[0])
    assert row[0].startswith("'=") and row[3] == "683"
    response = client.get(reverse("schedules_reports:csv"), {"table": "unit"})
    assert "'@SUM(1+1)" in response.content.decode("utf-8-sig")
