"""A page that shows an image without the needed consent never goes live."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.test.utils.form_data import querydict_from_html

from campaigns.models import CampaignPage
from media.consent import PublicationBlocked, images_blocking_publication
from media.models import Consent

pytestmark = pytest.mark.django_db

WITHHELD_MESSAGE = (
    "Không thể xuất bản: người liên quan đã từ chối đồng ý cho sử dụng ảnh "
    "“Nạn nhân trở về”."
)


def is_live(page):
    return CampaignPage.objects.get(pk=page.pk).live


def test_the_service_finds_images_embedded_in_rich_text(make_image, make_campaign_page):
    fine = make_image(title="Áp phích")
    person = make_image(title="Chân dung", shows_identifiable_person=True)
    withheld = make_image(title="Lời kể", consent=Consent.WITHHELD)
    page = make_campaign_page(images=[fine, person, withheld])

    assert images_blocking_publication(page) == [person, withheld]


@pytest.mark.parametrize(
    "consent, blocked",
    [
        (Consent.OBTAINED, False),
        (Consent.NOT_NEEDED, True),
        (Consent.WITHHELD, True),
    ],
)
def test_a_recognisable_person_needs_consent_obtained(
    make_image, make_campaign_page, consent, blocked
):
    image = make_image(
        title="Chân dung", shows_identifiable_person=True, consent=consent
    )
    page = make_campaign_page(images=[image])

    assert bool(images_blocking_publication(page)) is blocked


def test_publishing_a_revision_in_code_is_refused_with_the_image_named(
    withheld_image, make_campaign_page
):
    page = make_campaign_page(images=[withheld_image])
    revision = page.save_revision()

    with pytest.raises(PublicationBlocked) as refused:
        revision.publish()

    assert refused.value.messages == [WITHHELD_MESSAGE]
    assert refused.value.images == [withheld_image]
    assert not is_live(page)


def test_the_person_message_matches_what_editors_are_told(
    make_image, make_campaign_page
):
    image = make_image(title="Chân dung", shows_identifiable_person=True)
    page = make_campaign_page(images=[image])

    with pytest.raises(PublicationBlocked) as refused:
        page.save_revision().publish()

    assert refused.value.messages == [
        "Không thể xuất bản: ảnh “Chân dung” có người nhận diện được nhưng chưa "
        "có sự đồng ý."
    ]


def test_publishing_goes_ahead_once_consent_is_obtained(
    withheld_image, make_campaign_page
):
    page = make_campaign_page(images=[withheld_image])
    withheld_image.consent = Consent.OBTAINED
    withheld_image.save()

    page.save_revision().publish()

    assert is_live(page)


def test_drafts_and_unpublishing_are_never_blocked(
    make_image, withheld_image, make_campaign_page
):
    image = make_image()
    page = make_campaign_page(images=[image])
    page.save_revision().publish()
    image.consent = Consent.WITHHELD  # consent withdrawn after publication
    image.save()

    page.refresh_from_db()
    page.title = "Bản nháp mới"
    page.save_revision()  # saving a draft is fine
    page.unpublish()

    assert not is_live(page)


def test_creating_a_page_that_is_live_from_the_start_is_refused(
    withheld_image, make_campaign_page
):
    with pytest.raises(PublicationBlocked):
        make_campaign_page(images=[withheld_image], live=True)

    assert not CampaignPage.objects.exists()


def test_scheduled_publishing_refuses_the_page(withheld_image, make_campaign_page):
    page = make_campaign_page(images=[withheld_image])
    page.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))

    with pytest.raises(PublicationBlocked):
        call_command("publish_scheduled")

    assert not is_live(page)


def test_scheduled_publishing_goes_ahead_with_consent(make_image, make_campaign_page):
    page = make_campaign_page(images=[make_image(consent=Consent.OBTAINED)])
    page.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))

    call_command("publish_scheduled")

    assert is_live(page)


def test_workflow_approval_does_not_publish_the_page(
    admin_user, withheld_image, make_campaign_page
):
    page = make_campaign_page(images=[withheld_image])
    page.save_revision(user=admin_user)
    page.get_workflow().start(page, admin_user)
    task_state = page.current_workflow_task_state

    with pytest.raises(PublicationBlocked):
        task_state.task.specific.on_action(task_state, admin_user, "approve")

    assert not is_live(page)


def test_bulk_publishing_in_the_admin_names_the_image_and_publishes_nothing(
    admin_client, make_image, withheld_image, make_campaign_page
):
    clean = make_campaign_page(images=[make_image()], year=2025)
    blocked = make_campaign_page(images=[withheld_image], year=2026)
    for page in (clean, blocked):
        page.save_revision()
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    query = f"?id={clean.pk}&id={blocked.pk}&next=/admin/pages/"

    response = admin_client.post(url + query, {"include_descendants": ""})

    assert response.status_code == 302
    messages = [str(m.message) for m in get_messages(response.wsgi_request)]
    assert any(WITHHELD_MESSAGE in message for message in messages)
    assert not is_live(clean) and not is_live(blocked)


def test_the_admin_api_publish_action_answers_400_with_the_reason(
    admin_client, withheld_image, make_campaign_page
):
    page = make_campaign_page(images=[withheld_image])
    page.save_revision()

    response = admin_client.post(
        f"/admin/api/main/pages/{page.pk}/action/publish/",
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json() == {"__all__": [WITHHELD_MESSAGE]}
    assert not is_live(page)


def test_the_admin_publish_button_still_publishes_pages_without_such_images(
    admin_client, make_campaign_page
):
    page = make_campaign_page()
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = admin_client.get(edit_url).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    data["action-publish"] = "action-publish"

    response = admin_client.post(edit_url, data)

    assert response.status_code == 302
    assert is_live(page)


def test_the_admin_publish_hook_keeps_the_draft_and_links_to_the_image(
    admin_user, withheld_image, make_campaign_page
):
    # CampaignPage's editor offers no image button, so its form cannot carry an
    # embed; run the hook the edit view runs on the page it would publish.
    page = make_campaign_page(images=[withheld_image])
    request = RequestFactory().post("/admin/pages/")
    request.user = admin_user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)

    [response] = [
        response
        for hook in hooks.get_hooks("before_publish_page")
        if (response := hook(request, page)) is not None
    ]

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    [message] = get_messages(request)
    assert WITHHELD_MESSAGE in str(message)
    assert reverse("wagtailimages:edit", args=[withheld_image.pk]) in str(message)
    assert not is_live(page)


def test_consent_withdrawn_after_publishing_takes_the_image_off_the_page(
    client, make_image, make_campaign_page
):
    poster = make_image(title="Áp phích", name="ap-phich.jpg")
    portrait = make_image(
        title="Chân dung",
        name="chan-dung.jpg",
        shows_identifiable_person=True,
        consent=Consent.OBTAINED,
    )
    page = make_campaign_page(images=[poster, portrait])
    page.save_revision().publish()
    before = client.get(page.url).content.decode()
    assert "ap-phich" in before and "chan-dung" in before

    portrait.consent = Consent.WITHHELD
    portrait.save()

    after = client.get(page.url).content.decode()
    assert "ap-phich" in after
    assert "chan-dung" not in after


def test_withdrawing_consent_deletes_the_sizes_already_made(
    make_image, django_capture_on_commit_callbacks
):
    image = make_image(title="Chân dung", name="chan-dung.jpg")
    rendition = image.get_rendition("width-100")
    path = rendition.file.path
    assert image.renditions.count() == 1

    image.consent = Consent.WITHHELD
    with django_capture_on_commit_callbacks(execute=True):
        image.save()

    assert image.renditions.count() == 0
    assert not Path(path).exists()
