"""Benchmarks print the machine they ran on and, at the end, every figure again.

Each benchmark starts from the migrated database whatever ran before it. One that
commits (``transaction=True``) is flushed at its end, taking the rows the data
migrations made (the site root and home page, the Site, locales, languages, age
bands) with it. Every committing benchmark here gets Django's serialized rollback,
which loads those rows back before it starts; one that rolls back finds them already
there (pytest-django runs those first) or, after a flush, loads them inside its own
transaction.
"""

import os
from pathlib import Path

import pytest

from tests.benchmarks.report import figures

HERE = Path(__file__).resolve().parent
# pytest-django's django_db marker, in the order its arguments may be given.
DJANGO_DB = (
    "transaction",
    "reset_sequences",
    "databases",
    "serialized_rollback",
    "available_apps",
)


def pytest_report_header(config):
    return f"machine: {os.cpu_count()} cores"


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE not in Path(item.path).resolve().parents:
            continue
        marker = item.get_closest_marker("django_db")
        options = {}
        if marker:
            options = dict(zip(DJANGO_DB, marker.args, strict=False))
            options.update(marker.kwargs)
        commits = (
            options.get("transaction")
            or options.get("reset_sequences")
            or "transactional_db" in getattr(item, "fixturenames", ())
        )
        if commits:
            options.update(transaction=True, serialized_rollback=True)
            # First among the test's own markers, so it is the one pytest-django reads.
            item.add_marker(pytest.mark.django_db(**options), append=False)


@pytest.fixture(autouse=True)
def migrated_data(request):
    marker = request.node.get_closest_marker("django_db")
    if marker is None or marker.kwargs.get("serialized_rollback"):
        return
    request.getfixturevalue("db")
    from django.db import connection

    from cms.models import HomePage

    snapshot = getattr(connection, "_test_serialized_contents", None)
    if snapshot and not HomePage.objects.exists():
        connection.creation.deserialize_db_from_string(snapshot)


def pytest_terminal_summary(terminalreporter):
    if not figures:
        return
    terminalreporter.section("benchmark figures")
    terminalreporter.write_line(f"machine: {os.cpu_count()} cores")
    for _name, line, met in figures:
        terminalreporter.write_line(line + ("" if met else "  MISSED"))
