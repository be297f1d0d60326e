"""Reach records in the admin: entered from a broadcast, corrected with history."""

import pytest
from django.utils import timezone
from wagtail.models import Revision

from schedules.models import ReachRecord
from tests.factories import BroadcastFactory, ChannelFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent():
    """A broadcast the channel got and nobody has confirmed yet."""
    return BroadcastFactory(
        sent=True, channel=ChannelFactory(webhook=True), starts_at=timezone.now()
    )


def test_reach_is_entered_and_corrected_in_the_admin_with_history(client, sent):
    superuser = UserFactory(is_superuser=True, username="admin")
    client.force_login(superuser)
    add = "/admin/snippets/schedules/reachrecord/add/"
    form = client.get(f"{add}?broadcast={sent.pk}&region={sent.region_id}")
    assert form.context["form"].initial["broadcast"] == sent.pk
    # Reach entered later still counts on the day of the airing.
    assert form.context["form"].initial["reached_at"] == sent.starts_at
    data = {
        "broadcast": sent.pk,
        "region": sent.region_id,
        "count": "950",
        "method": "reported",
        "reached_at": "2017-07-30 09:00:00",
        "note": "Trưởng thôn báo cáo.",
    }
    assert client.post(add, data).status_code == 302
    record = ReachRecord.objects.get()
    assert (record.count, record.recorded_by) == (950, superuser)

    edit = f"/admin/snippets/schedules/reachrecord/edit/{record.pk}/"
    assert client.post(edit, {**data, "count": "1200"}).status_code == 302
    record.refresh_from_db()
    assert record.count == 1200
    revisions = Revision.objects.for_instance(record)
    assert [r.content["count"] for r in revisions.order_by("created_at")] == [950, 1200]
    history = client.get(f"/admin/snippets/schedules/reachrecord/history/{record.pk}/")
    assert history.status_code == 200


def test_a_reach_record_needs_exactly_one_source(client, sent):
    client.force_login(UserFactory(is_superuser=True, username="admin"))
    response = client.post(
        "/admin/snippets/schedules/reachrecord/add/",
        {
            "region": sent.region_id,
            "count": "10",
            "method": "reported",
            "reached_at": "2017-07-30 09:00:00",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not ReachRecord.objects.exists()
