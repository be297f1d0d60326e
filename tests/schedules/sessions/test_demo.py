"""The sessions part of the demo: branches, organisers, sessions, loaded once only.

manage.py load_demo --reset (tests/cms/test_load_demo.py) removes them first.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from campaigns.models import Organisation, Region
from schedules.models import ReachRecord, Session, SessionStatus
from schedules.sessions.scoping import sessions_visible_to

pytestmark = pytest.mark.django_db


def state():
    return {
        "sessions": list(
            Session.objects.order_by("pk").values_list("pk", "title", "status")
        ),
        "reach": list(
            ReachRecord.objects.order_by("pk").values_list("pk", "session", "count")
        ),
        "regions": Region.objects.count(),
    }


def test_the_demo_has_two_branches_and_their_sessions(monkeypatch, client):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "mat-khau-demo-2017")
    call_command("load_demo")
    first = state()
    call_command("load_demo")
    assert state() == first

    branches = Organisation.objects.filter(parent__kind="womens_union")
    assert {b.region.code for b in branches} == {"384", "399"}
    assert Session.objects.count() == 8
    held = Session.objects.filter(status=SessionStatus.HELD)
    assert held.count() == 5
    assert ReachRecord.objects.filter(session__in=held).count() == 5
    assert client.login(username="hlhpn_muonglat", password="mat-khau-demo-2017")
    muong_lat = get_user_model().objects.get(username="hlhpn_muonglat")
    mine = sessions_visible_to(muong_lat)
    assert {s.region.get_parent().code for s in mine} == {"384"}
    assert mine.count() == 4
