"""The admin's Safety report: consent changes, checklists, publications, refusals."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import LogContext

from campaigns.models import SafetyEvent, SafetyEventKind
from media.models import Consent
from tests import factories
from tests.campaigns.test_review import TICKS, two_variants

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/safety/"


@pytest.fixture
def events(client, campaign, moderator, admin_user):
    image = factories.CampaignImageFactory(title="Chân dung ở Mường Lát")
    with LogContext(user=admin_user):
        image.consent = Consent.WITHHELD
        image.save()
    draft = factories.MessagePageFactory(
        campaign=campaign, title="Thông điệp cần kiểm tra", live=False
    )
    client.force_login(moderator)
    checklist = reverse("campaigns_safety_checklist", args=[draft.pk])
    client.post(checklist, TICKS)
    other = factories.MessagePageFactory(
        campaign=campaign, title="Thông điệp bị từ chối", live=False
    )
    edit = reverse("wagtailadmin_pages:edit", args=[other.pk])
    client.post(edit, {**two_variants(), "action-publish": "1"})
    return {"image": image, "moderator": moderator, "admin": admin_user}


def test_every_kind_of_event_is_listed(admin_client, events):
    text = admin_client.get(REPORT).content.decode()

    assert "Chân dung ở Mường Lát" in text and "Thay đổi sự đồng ý" in text
    assert "Đã xác nhận danh mục kiểm tra" in text
    assert "Đã xuất bản" in text and "Thông điệp cần kiểm tra" in text
    assert "Từ chối xuất bản" in text
    published = SafetyEvent.objects.get(kind=SafetyEventKind.PUBLISHED)
    assert published.checked_by == events["moderator"]
    # Uploaded (by code: no user), then withheld by the admin.
    first, change = SafetyEvent.objects.filter(kind=SafetyEventKind.CONSENT).order_by(
        "pk"
    )
    assert first.user is None and change.user == events["admin"]
    assert change.detail.endswith("Từ chối đồng ý (không có người nhận diện được)")


def test_filtering_by_user_and_date(admin_client, events):
    by_admin = admin_client.get(REPORT, {"user": events["admin"].pk}).content.decode()
    assert "Chân dung ở Mường Lát" in by_admin
    assert "Thông điệp cần kiểm tra" not in by_admin

    today = timezone.localdate().isoformat()
    assert (
        "Chân dung ở Mường Lát"
        in admin_client.get(REPORT, {"at_from": today}).content.decode()
    )
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    later = admin_client.get(REPORT, {"at_from": tomorrow}).content.decode()
    assert "Chân dung ở Mường Lát" not in later
    assert "Thông điệp cần kiểm tra" not in later


def test_the_report_sits_in_the_reports_menu_for_moderators(client, events):
    # The moderator is signed in by the fixture.
    assert REPORT in client.get("/admin/").content.decode()


def test_editors_do_not_read_it(client, editor):
    client.force_login(editor)

    response = client.get(REPORT)

    assert response.status_code in (302, 403)
