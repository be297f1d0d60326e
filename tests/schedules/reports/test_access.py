"""Who sees the dashboard and exports: the committee and reporters everything, an
organiser their own area only, everyone else nothing."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from campaigns.models import Role
from tests import factories as f

URLS = ["dashboard", "print", "xlsx", "csv"]


def refused(response) -> bool:
    """Wagtail turns a PermissionDenied into a redirect to the admin home."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"] == reverse(
        "wagtailadmin_home"
    )


def admin_user(username, role=None, region=None):
    if role is None:
        user = f.UserFactory(username=username)
    else:
        user = f.UserFactory(username=username, role=role, area=region)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def committee(world):
    return admin_user("vanphong", Role.COMMITTEE, world["province"])


@pytest.fixture
def organiser(world):
    return admin_user("hoiphunu", Role.ORGANISER, world["d1"])


@pytest.mark.parametrize("name", URLS + ["settings"])
def test_others_are_refused(client, world, name):
    client.force_login(admin_user("bientap", Role.EDITOR, world["province"]))
    assert refused(client.get(reverse(f"schedules_reports:{name}")))
    client.force_login(admin_user("khach"))
    assert refused(client.get(reverse(f"schedules_reports:{name}")))


def test_anonymous_users_are_sent_to_the_login(client, world):
    response = client.get(reverse("schedules_reports:dashboard"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize("role", [Role.COMMITTEE, Role.REPORTER])
@pytest.mark.parametrize("name", URLS)
def test_committee_and_reporters_see_everything(client, world, role, name):
    client.force_login(admin_user("bcd", role, world["province"]))
    response = client.get(reverse(f"schedules_reports:{name}"))
    assert response.status_code == 200
    if name == "dashboard":
        assert response.context["report"].summary.reach == 1650


def test_only_the_committee_edits_the_settings(client, world, committee):
    client.force_login(admin_user("baocao", Role.REPORTER, world["province"]))
    assert refused(client.get(reverse("schedules_reports:settings")))
    client.force_login(committee)
    assert client.get(reverse("schedules_reports:settings")).status_code == 200


def test_an_organiser_sees_the_reach_of_their_area_only(client, world, organiser):
    client.force_login(organiser)
    response = client.get(reverse("schedules_reports:dashboard"))
    assert response.status_code == 200
    report = response.context["report"]
    assert report.summary.reach == 350
    assert [row.label for row in report.by_area] == ["Xã Một A", "Xã Một B"]
    assert {gap.region.name for gap in report.gaps.below} == {
        "Huyện Một",
        "Xã Một A",
        "Xã Một B",
    }
    # Another district is not even a choice.
    response = client.get(
        reverse("schedules_reports:dashboard"),
        {"campaign": world["campaign"].year, "area": world["d2"].pk},
    )
    assert response.context["report"] is None
    assert "area" in response.context["form"].errors
    response = client.get(
        reverse("schedules_reports:xlsx"),
        {"campaign": world["campaign"].year, "area": world["d2"].pk},
    )
    assert response.status_code == 404


def test_an_organisers_exports_are_limited_to_their_area(client, world, organiser):
    client.force_login(organiser)
    response = client.get(reverse("schedules_reports:csv"), {"table": "area"})
    text = response.content.decode("utf-8-sig")
    assert "Xã Một A" in text and "Huyện Hai" not in text and "Xã Hai A" not in text


def test_the_home_panel_is_for_committee_users(client, world, committee, organiser):
    client.force_login(committee)
    assert (
        'id="reach-summary-section"'
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    client.force_login(organiser)
    assert (
        'id="reach-summary-section"'
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_the_menu_item_shows_for_report_users_only(client, world, committee):
    client.force_login(committee)
    url = reverse("schedules_reports:dashboard")
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(admin_user("khach"))
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()
