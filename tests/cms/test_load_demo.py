"""manage.py load_demo: the 2017 campaign, idempotent, and --reset starts over."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Revision

from campaigns.models import CampaignPage, Organisation, Region, Slogan
from cms.demo.platform import SLOGANS

pytestmark = pytest.mark.django_db


def state():
    return {
        "pages": list(CampaignPage.objects.values_list("pk", "year", "live")),
        "slogans": list(Slogan.objects.values_list("pk", "text", "live")),
        "regions": list(Region.objects.values_list("pk", "code", "path")),
        "units": list(Organisation.objects.values_list("pk", "name")),
        "users": list(
            get_user_model().objects.values_list("pk", "username", "password")
        ),
        "revisions": Revision.objects.count(),
    }


def test_demo_loads_the_2017_campaign_and_twice_changes_nothing(monkeypatch, client):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "mat-khau-demo-2017")
    call_command("load_demo")
    first = state()
    call_command("load_demo")
    assert state() == first

    campaign = CampaignPage.objects.get(year=2017)
    assert campaign.live
    assert campaign.plan_number == "109/KH-BCĐ"
    assert [r.number for r in campaign.references.all()] == [
        "135/KH-BCĐ",
        "793/QĐ-TTg",
        "20/KH-BCĐ",
    ]
    assert list(campaign.slogans.live().values_list("text", flat=True)) == SLOGANS
    assert Region.objects.filter(depth=2).count() == 27
    assert Region.objects.get(code="384").border  # Mường Lát borders Laos
    assert (
        Organisation.objects.get(is_standing_body=True).name == "Công an tỉnh Thanh Hóa"
    )
    assert client.login(username="admin", password="mat-khau-demo-2017")
    body = client.get("/").content.decode()
    for text in SLOGANS:
        assert text in body


def test_reset_starts_over(monkeypatch):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "mat-khau-demo-2017")
    call_command("load_demo")
    Slogan.objects.filter(sort_order=1).delete()
    call_command("load_demo", "--reset")
    assert Slogan.objects.live().count() == 3
    assert CampaignPage.objects.count() == 1


def test_a_generated_password_is_kept_under_var(monkeypatch, settings, tmp_path):
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    settings.VAR_DIR = tmp_path
    call_command("load_demo")
    password = (tmp_path / "demo-admin-password").read_text().strip()
    assert len(password) >= 12
    assert get_user_model().objects.get(username="admin").check_password(password)
    call_command("load_demo")
    assert (tmp_path / "demo-admin-password").read_text().strip() == password
