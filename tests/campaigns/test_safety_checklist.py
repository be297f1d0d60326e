"""The victim-safety checklist is a guard: no path publishes a message without it.

Each path a user, a script or the beat job can take to send a message's revision
live: the editor's publish button (also with a workflow in progress), bulk
publishing, copying with "publish", moving, scheduled go-live, the admin API and
``revision.publish()`` in code.
"""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.actions.copy_page import CopyPageAction
from wagtail.actions.move_page import MovePageAction
from wagtail.models import Page, WorkflowState

from campaigns.models import (
    ChecklistConfirmation,
    MessagePage,
    SafetyEvent,
    SafetyEventKind,
)
from campaigns.safety.guard import ChecklistMissing
from campaigns.safety.services import checklist_confirm
from cms.tasks import publish_scheduled
from tests import factories
from tests.campaigns.test_review import TICKS, add_url, two_variants

pytestmark = pytest.mark.django_db

MISSING = (
    "“Cảnh giác với lời mời việc làm nhẹ lương cao” không thể xuất bản: phiên bản "
    "này chưa hoàn thành danh mục kiểm tra an toàn cho nạn nhân."
)


def is_live(page):
    return Page.objects.get(pk=page.pk).live


@pytest.fixture
def draft(campaign):
    return factories.MessagePageFactory(campaign=campaign, live=False)


def checklist_url(page):
    return reverse("campaigns_safety_checklist", args=[page.pk])


def edit_and_publish(client, page):
    """What the action menu's "Xuất bản" sends from the editor."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return client.post(url, {**two_variants(), "action-publish": "action-publish"})


def test_revision_publish_in_code_is_refused(draft):
    revision = draft.get_latest_revision()

    with pytest.raises(ChecklistMissing) as refused:
        revision.publish()

    assert refused.value.messages == [MISSING]
    assert not is_live(draft)


def test_a_confirmed_revision_publishes_and_an_edit_needs_a_new_check(draft):
    first = draft.get_latest_revision()
    checklist_confirm(revision=first, user=None)
    first.publish()
    assert is_live(draft)

    draft.refresh_from_db()
    draft.title = "Cảnh giác với lời mời việc làm nhẹ lương cao (sửa)"
    second = draft.save_revision()
    with pytest.raises(ChecklistMissing):
        second.publish()
    draft.refresh_from_db()
    assert draft.live_revision_id == first.pk


def test_a_page_created_live_in_code_is_stored_as_a_draft(campaign):
    page = MessagePage(title="Tạo thẳng", summary="Tóm tắt.", body="<p>Nội dung.</p>")
    assert page.live  # Wagtail's default

    campaign.add_child(instance=page)

    assert not is_live(page)
    assert MessagePage.objects.live().count() == 0


def test_the_editors_publish_button_shows_the_checklist(client, draft, moderator):
    client.force_login(moderator)

    response = edit_and_publish(client, draft)

    assert response.status_code == 302 and response.url == checklist_url(draft)
    assert not is_live(draft)
    refused = SafetyEvent.objects.get(kind=SafetyEventKind.REFUSED)
    assert refused.user == moderator and refused.page_id == draft.pk


def test_a_superuser_gets_the_checklist_too(admin_client, draft):
    response = edit_and_publish(admin_client, draft)

    assert response.url == checklist_url(draft)
    assert not is_live(draft)


def test_publishing_over_a_workflow_in_progress_shows_the_checklist(
    client, campaign, editor, moderator
):
    client.force_login(editor)
    client.post(add_url(campaign), {**two_variants(), "action-submit": "1"})
    page = MessagePage.objects.get(slug="viec-lam-nhe-luong-cao")
    client.force_login(moderator)

    response = edit_and_publish(client, page)

    assert response.url == checklist_url(page)
    assert not is_live(page)
    state = WorkflowState.objects.get(object_id=page.pk)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_completing_the_checklist_publishes_and_records_who(client, draft, moderator):
    client.force_login(moderator)
    page_html = client.get(checklist_url(draft)).content.decode()
    assert "Không có chi tiết nào làm lộ danh tính nạn nhân" in page_html

    response = client.post(checklist_url(draft), TICKS)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live
    confirmation = ChecklistConfirmation.objects.get(revision=draft.live_revision)
    assert confirmation.user == moderator
    published = SafetyEvent.objects.get(kind=SafetyEventKind.PUBLISHED)
    assert published.checked_by == moderator and published.user == moderator


def test_two_ticks_out_of_three_publish_nothing(client, draft, moderator):
    client.force_login(moderator)
    ticks = dict(TICKS)
    del ticks["non_stigmatising"]

    response = client.post(checklist_url(draft), ticks)

    assert response.status_code == 200
    assert not is_live(draft)
    assert not ChecklistConfirmation.objects.exists()


def test_an_editor_cannot_use_the_checklist_to_publish(client, draft, editor):
    client.force_login(editor)

    # The admin turns a refusal into a redirect to the dashboard.
    for response in (
        client.get(checklist_url(draft)),
        client.post(checklist_url(draft), TICKS),
    ):
        assert response.status_code in (302, 403)
        assert response.get("Location") != checklist_url(draft)
    assert not is_live(draft)


def test_bulk_publishing_publishes_nothing_without_checklists(
    admin_client, campaign, draft
):
    confirmed = factories.MessagePageFactory(
        campaign=campaign, title="Đã kiểm", live=False
    )
    checklist_confirm(revision=confirmed.get_latest_revision(), user=None)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    query = f"?id={confirmed.pk}&id={draft.pk}&next=/admin/pages/"

    response = admin_client.post(url + query, {"include_descendants": ""})

    assert response.status_code == 302
    shown = [str(m.message) for m in get_messages(response.wsgi_request)]
    assert any(MISSING in message for message in shown)
    assert not is_live(draft) and not is_live(confirmed)


def test_bulk_publishing_a_campaign_with_its_subpages_checks_them(
    admin_client, campaign, draft
):
    campaign.save_revision()
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    query = f"?id={campaign.pk}&next=/admin/pages/"

    admin_client.post(url + query, {"include_descendants": "on"})

    assert not is_live(draft)


def test_the_admin_api_publish_action_answers_400(admin_client, draft):
    response = admin_client.post(
        f"/admin/api/main/pages/{draft.pk}/action/publish/",
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json() == {"__all__": [MISSING]}
    assert not is_live(draft)


def test_copying_with_publish_in_the_admin_publishes_no_copy(admin_client, campaign):
    original = factories.MessagePageFactory(campaign=campaign)
    url = reverse("wagtailadmin_pages:copy", args=[original.pk])

    admin_client.post(
        url,
        {
            "new_title": "Bản sao",
            "new_slug": "ban-sao",
            "new_parent_page": campaign.pk,
            "publish_copies": "on",
        },
    )

    assert not MessagePage.objects.filter(slug="ban-sao", live=True).exists()


def test_copying_with_keep_live_in_code_makes_a_draft(campaign):
    original = factories.MessagePageFactory(campaign=campaign)

    copy = CopyPageAction(
        original, to=campaign, update_attrs={"slug": "ban-sao"}, keep_live=True
    ).execute()

    assert not is_live(copy)
    assert MessagePage.objects.live().count() == 1


def test_an_alias_of_a_confirmed_message_may_be_live(campaign):
    original = factories.MessagePageFactory(campaign=campaign)
    other = factories.CampaignPageFactory(year=2018)

    alias = original.create_alias(parent=other, update_slug="ban-dong-bo")

    assert is_live(alias)


def test_moving_a_live_message_never_checked_is_refused(campaign, draft):
    # A message published before the checklist was enforced.
    revision = draft.get_latest_revision()
    MessagePage.objects.filter(pk=draft.pk).update(live=True, live_revision=revision)
    other = factories.CampaignPageFactory(year=2018)

    with pytest.raises(ChecklistMissing):
        MovePageAction(Page.objects.get(pk=draft.pk), other, "last-child").execute()

    assert Page.objects.get(pk=draft.pk).get_parent().pk == campaign.pk


def test_moving_a_confirmed_message_is_fine(campaign):
    page = factories.MessagePageFactory(campaign=campaign)
    other = factories.CampaignPageFactory(year=2018)

    MovePageAction(Page.objects.get(pk=page.pk), other, "last-child").execute()

    assert Page.objects.get(pk=page.pk).get_parent().pk == other.pk


def test_a_revision_scheduled_without_the_checklist_never_goes_live(draft):
    draft.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(1))

    publish_scheduled.apply()  # as the worker runs it

    assert not is_live(draft)
    assert SafetyEvent.objects.filter(
        kind=SafetyEventKind.REFUSED, page_id=draft.pk
    ).exists()


def test_a_revision_scheduled_after_the_checklist_goes_live(draft):
    revision = draft.save_revision(
        approved_go_live_at=timezone.now() - datetime.timedelta(1)
    )
    checklist_confirm(revision=revision, user=None)

    publish_scheduled()

    assert is_live(draft)
