"""The session list opens on the campaign in view, as every period-bound screen does."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_list_and_its_export_open_on_the_next_campaign(client, world):
    year = timezone.localdate().year + 1
    upcoming = factories.CampaignPageFactory(year=year)
    starts = datetime.datetime(year, 7, 30, 8, tzinfo=datetime.UTC)
    ahead = factories.SessionFactory(
        campaign=upcoming,
        organisation=world.ml_union,
        region=world.pu_nhi,
        starts_at=starts,
        title="Năm sau",
    )
    client.force_login(world.people.province)

    listed = client.get(reverse("sessions:index"))
    assert [s.pk for s in listed.context["object_list"]] == [ahead.pk]
    export = client.get(reverse("sessions:index"), {"export": "csv"})
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Năm sau" in text
    assert world.sessions.tam_chung.title not in text

    everything = client.get(reverse("sessions:index"), {"campaign": ""})
    assert len(everything.context["object_list"]) == 4
