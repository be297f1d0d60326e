"""Review: editors write and submit; moderators approve, tick the victim-safety
checklist and publish. Editors never publish or schedule on their own."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from campaigns.models import Format, MessagePage
from campaigns.review import EDITORS, MODERATORS, SAFETY_TASK, review_setup
from tests import factories
from tests.campaigns.test_messages import page_form, variant_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    review_setup(site_root=factories.home_page())
    return factories.CampaignPageFactory()


def member(group_name, username):
    user = factories.UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(campaign):
    return member(EDITORS, "bientap")


@pytest.fixture
def moderator(campaign):
    return member(MODERATORS, "kiemduyet")


def add_url(campaign):
    return reverse(
        "wagtailadmin_pages:add", args=("campaigns", "messagepage", campaign.pk)
    )


def two_variants():
    return page_form(
        [
            variant_form(),
            variant_form(format=Format.LOUDSPEAKER_SCRIPT, text="Kính thưa bà con."),
        ]
    )


def test_an_editor_cannot_publish(client, campaign, editor):
    client.force_login(editor)
    response = client.post(add_url(campaign), {**two_variants(), "action-publish": "1"})
    assert response.status_code in (302, 403)
    page = MessagePage.objects.filter(slug="viec-lam-nhe-luong-cao").first()
    assert page is None or not page.live
    assert not MessagePage.objects.live().exists()


def test_an_editor_cannot_schedule(client, campaign, editor):
    client.force_login(editor)
    later = timezone.localtime() + datetime.timedelta(hours=1)
    client.post(
        add_url(campaign),
        {
            **two_variants(),
            "go_live_at": later.strftime("%Y-%m-%d %H:%M"),
            "action-publish": "1",
        },
    )
    page = MessagePage.objects.filter(slug="viec-lam-nhe-luong-cao").first()
    assert page is None or page.get_latest_revision().approved_go_live_at is None
    assert not MessagePage.objects.live().exists()
    assert not page or not page.permissions_for_user(editor).can_publish()


def test_a_moderator_can_publish(client, campaign, moderator):
    client.force_login(moderator)
    response = client.post(add_url(campaign), {**two_variants(), "action-publish": "1"})
    assert response.status_code == 302
    page = MessagePage.objects.get(slug="viec-lam-nhe-luong-cao")
    assert page.live
    assert page.variants.count() == 2
    assert client.get(page.url).status_code == 200


def test_submit_approve_then_checklist_publishes(client, campaign, editor, moderator):
    client.force_login(editor)
    client.post(add_url(campaign), {**two_variants(), "action-submit": "1"})
    page = MessagePage.objects.get(slug="viec-lam-nhe-luong-cao")
    state = WorkflowState.objects.get(object_id=page.pk)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not page.live

    client.force_login(moderator)
    approval = state.current_task_state
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, "approve", approval.pk),
        )
    )
    state.refresh_from_db()
    safety = state.current_task_state
    assert safety.task.name == SAFETY_TASK
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", safety.pk)
    )

    # Two ticks out of three: refused, nothing published.
    client.post(url, {"no_identifying_details": "on", "consent_checked": "on"})
    safety.refresh_from_db()
    assert safety.status == "in_progress"
    page.refresh_from_db()
    assert not page.live

    client.post(
        url,
        {
            "no_identifying_details": "on",
            "consent_checked": "on",
            "non_stigmatising": "on",
            "comment": "Đã rà soát",
        },
    )
    safety.refresh_from_db()
    assert safety.status == "approved"
    assert "Đã rà soát" in safety.comment
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200


def test_an_editor_cannot_approve_the_checklist(client, campaign, editor):
    client.force_login(editor)
    client.post(add_url(campaign), {**two_variants(), "action-submit": "1"})
    page = MessagePage.objects.get(slug="viec-lam-nhe-luong-cao")
    state = WorkflowState.objects.get(object_id=page.pk)
    approval = state.current_task_state
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, "approve", approval.pk),
        )
    )
    approval.refresh_from_db()
    assert approval.status == "in_progress"


def test_setup_is_idempotent():
    review_setup(site_root=factories.home_page())
    first = (
        Group.objects.get(name=EDITORS).permissions.count(),
        WorkflowState.objects.count(),
    )
    review_setup(site_root=factories.home_page())
    assert (
        Group.objects.get(name=EDITORS).permissions.count(),
        WorkflowState.objects.count(),
    ) == first
