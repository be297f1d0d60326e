"""Storing planned rows: each row keeps its own source, however the rows are made."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from campaigns.models import MessagePage
from schedules.models import Broadcast, BroadcastPlan
from schedules.planning.store import Source, broadcasts_bulk_create, broadcasts_copy
from tests import factories
from tests.conftest import require_service
from tests.schedules.planning.test_services import world  # noqa: F401

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def rows_made_one_by_one(channel, region):
    """Rows as a generator makes them: a fresh Source per row, let go after use."""
    page = MessagePage.objects.first()
    variant = page.variants.first()
    return _rows(channel, region, page, variant)


def _rows(channel, region, page, variant):
    start = datetime.datetime(2017, 8, 1, 5, 30, tzinfo=TZ)
    for number in range(6):
        yield (
            channel.pk,
            Source(page.pk, variant.pk, False, f"Bản tin số {number}"),
            region.pk,
            start + datetime.timedelta(days=number),
            start + datetime.timedelta(days=number, minutes=10),
        )


@pytest.mark.parametrize("store", [broadcasts_bulk_create, broadcasts_copy])
def test_each_row_keeps_its_own_text(world, store):  # noqa: F811
    if store is broadcasts_copy:
        require_service("PostgreSQL", connection.vendor == "postgresql")
    campaign, channels = world
    plan = BroadcastPlan.objects.create(campaign=campaign)
    store(plan_id=plan.pk, rows=rows_made_one_by_one(channels[0], factories.province()))
    texts = list(
        Broadcast.objects.filter(plan=plan)
        .order_by("starts_at")
        .values_list("text", flat=True)
    )
    assert texts == [f"Bản tin số {number}" for number in range(6)]
