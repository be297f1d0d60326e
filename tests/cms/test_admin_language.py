"""What staff read in the admin, checked without a browser: slugs, unit names,
ticks instead of True/False, a broadcast's history in words, one reports menu.

The browser walk of every role's menu pages is tests/e2e/test_admin_vietnamese.py.
"""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import override_settings
from django.urls import reverse

from campaigns.models import MessagePage, OrganisationKind, Role
from cms.demo.platform import peoples_committee
from schedules.dispatch.events import broadcast_event_log
from schedules.models import BroadcastStatus
from tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests-2017"


@pytest.fixture
def admin_client(client):
    user = factories.UserFactory(username="quantri", is_superuser=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Thử nghiệm", "thu-nghiem"),
        ("Đường dây nóng 111", "duong-day-nong-111"),
        ("Cảnh giác “việc nhẹ lương cao”!", "canh-giac-viec-nhe-luong-cao"),
    ],
)
def test_a_new_message_without_a_slug_gets_one_in_plain_ascii(title, slug):
    """Made in code or through the API; in the admin the editor's script fills the
    slug the same way as the title is typed (tests/e2e/test_admin_vietnamese.py)."""
    campaign = factories.CampaignPageFactory()
    message = MessagePage(title=title, summary="Tóm tắt.", body="<p>Nội dung.</p>")
    campaign.add_child(instance=message)
    assert MessagePage.objects.get(title=title).slug == slug


def test_a_second_message_of_the_same_title_gets_the_next_free_slug():
    campaign = factories.CampaignPageFactory()
    first = MessagePage(title="Thử nghiệm", summary="Tóm tắt.", body="<p>.</p>")
    second = MessagePage(title="Thử nghiệm", summary="Tóm tắt.", body="<p>.</p>")
    campaign.add_child(instance=first)
    campaign.add_child(instance=second)
    assert (first.slug, second.slug) == ("thu-nghiem", "thu-nghiem-2")


def test_an_existing_slug_is_kept(admin_client):
    message = factories.MessagePageFactory(slug="thử-nghiệm-cũ")
    message.title = "Thử nghiệm mới"
    message.save_revision()
    message.refresh_from_db()
    assert message.slug == "thử-nghiệm-cũ"


@override_settings(WAGTAIL_ALLOW_UNICODE_SLUGS=True)
def test_the_setting_is_what_keeps_slugs_ascii():
    from django.conf import settings

    # The project setting, not a test override, is what the site runs with.
    from cms.settings import base

    assert base.WAGTAIL_ALLOW_UNICODE_SLUGS is False
    assert settings.WAGTAIL_ALLOW_UNICODE_SLUGS is True


@pytest.mark.parametrize(
    ("code", "name", "short_name"),
    [
        ("380", "Thành phố Thanh Hóa", "UBND thành phố Thanh Hóa"),
        ("381", "Thị xã Bỉm Sơn", "UBND thị xã Bỉm Sơn"),
        ("384", "Huyện Mường Lát", "UBND huyện Mường Lát"),
    ],
)
def test_a_districts_peoples_committee_is_named_after_its_kind(code, name, short_name):
    district = factories.RegionFactory(
        parent=factories.province(), code=code, name=name
    )
    unit = peoples_committee(district)
    assert unit.short_name == short_name
    assert unit.name == short_name.replace("UBND", "Ủy ban nhân dân")
    assert unit.kind == OrganisationKind.PEOPLES_COMMITTEE
    # Loading again renames nothing and adds nothing.
    assert peoples_committee(district) == unit


def _cells(html: str) -> str:
    """The table's visible text, tags dropped but icon titles kept."""
    body = html[html.index("<table") :]
    return re.sub(r"<[^>]+>", " ", body)


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailsnippets_campaigns_slogan:list",
        "region:index",
        "regionmap:index",
        "organisation:index",
        "channels:index",
        "wagtailsnippets_schedules_smartradio:list",
        "press_outlets:index",
        "wagtailusers_users:index",
    ],
)
def test_lists_show_ticks_not_true_or_false(admin_client, url_name):
    campaign = factories.CampaignPageFactory()
    factories.SloganFactory(campaign=campaign)
    factories.border_district()
    factories.ChannelFactory(regions=[factories.province()])
    factories.SmartRadioFactory()
    factories.PressOutletFactory()
    response = admin_client.get(reverse(url_name))
    assert response.status_code == 200
    text = _cells(response.content.decode())
    assert not re.search(r"\b(True|False|None)\b", text), text[:3000]
    assert re.search(r"\b(Có|Không)\b", text)


def test_a_broadcasts_history_reads_in_words(admin_client):
    broadcast = factories.BroadcastFactory()
    broadcast_event_log(
        broadcast=broadcast,
        from_status=BroadcastStatus.APPROVED,
        to_status=BroadcastStatus.FAILED,
        actor="demo",
    )
    for url in (
        reverse("dispatch_admin:queue"),
        reverse("dispatch_admin:broadcast", args=(broadcast.pk,)),
    ):
        page = admin_client.get(url).content.decode()
        assert "Đã duyệt → Gửi thất bại" in page
        assert "approved → failed" not in page


def test_matched_terms_read_as_words(admin_client):
    coverage = factories.CoverageFactory(matched_terms=["mua bán người", "lừa đảo"])
    page = admin_client.get(reverse("press_coverage:edit", args=(coverage.pk,)))
    assert "mua bán người, lừa đảo" in page.content.decode()
    assert "[&#x27;" not in page.content.decode()


def test_reports_are_one_menu(rf):
    """The committee finds reach beside Wagtail's reports, under "Báo cáo", and no
    second reports menu beside it."""
    from wagtail.admin.menu import admin_menu, reports_menu

    user = factories.UserFactory(username="bcd138", role=Role.COMMITTEE)
    user.groups.add(_staff_group())
    request = rf.get("/admin/")
    request.user = user
    dashboard = reverse("schedules_reports:dashboard")
    top = admin_menu.menu_items_for_request(request)
    assert dashboard not in [getattr(item, "url", None) for item in top]
    assert [item.name for item in top].count("reports") == 1
    inside = reports_menu.menu_items_for_request(request)
    assert [item.url for item in inside][0] == dashboard


def _staff_group():
    group = Group.objects.create(name="Cán bộ")
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return group
