"""Audit trails do not leak: another area's session never shows in site history."""

import pytest
from django.test import Client
from django.urls import reverse

from .helpers import edit_data

pytestmark = pytest.mark.django_db


def test_site_history_shows_no_session_of_another_area(client, world):
    other = world.sessions.hoang_phu
    client.force_login(world.people.other_district)
    url = reverse("sessions:edit", args=[other.pk])
    assert (
        client.post(url, edit_data(other, title="Buổi bí mật Hoằng Phụ")).status_code
        == 302
    )
    client = Client()  # a fresh browser: no message left over from the edit
    client.force_login(world.people.district)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert "Buổi bí mật Hoằng Phụ" not in response.content.decode()
    own = world.sessions.pu_nhi
    history = client.get(reverse("sessions:history", args=[own.pk]))
    assert history.status_code == 200
