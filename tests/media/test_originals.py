"""Originals are private: no public address, a checked download for the library's
users, documents only while a public page links to them."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from media.models import Consent
from tests import factories

pytestmark = pytest.mark.django_db


def files_under(root) -> list[bytes]:
    return [path.read_bytes() for path in Path(root).rglob("*") if path.is_file()]


@pytest.fixture
def withheld(make_image):
    return make_image(title="Nạn nhân trở về", consent=Consent.WITHHELD)


def test_the_original_is_stored_outside_the_public_media_folder(withheld):
    with withheld.file.open("rb") as stored:
        original = stored.read()

    assert original not in files_under(settings.MEDIA_ROOT)
    assert Path(withheld.file.path).is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not withheld.file.url.startswith(settings.MEDIA_URL)


def test_renditions_of_publishable_images_stay_public(make_image):
    image = make_image(title="Áp phích")

    rendition = image.get_rendition("width-100")

    assert rendition.url.startswith(settings.MEDIA_URL)
    assert Path(rendition.file.path).is_relative_to(settings.MEDIA_ROOT)


def test_an_anonymous_request_for_the_original_gets_no_bytes(client, withheld):
    response = client.get(withheld.file.url)

    assert response.status_code == 302  # to the admin's login page
    assert "/login/" in response["Location"]


def test_a_library_user_downloads_the_original(admin_client, withheld):
    response = admin_client.get(withheld.file.url)

    assert response.status_code == 200
    with withheld.file.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()


def test_an_admin_user_without_image_permissions_is_refused(client, withheld):
    user = factories.UserFactory(username="nguoi-to-chuc")
    group = Group.objects.create(name="Chỉ vào trang quản trị")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)

    response = client.get(withheld.file.url)

    assert response.status_code in (302, 403)
    assert not getattr(response, "streaming", False)


def test_a_file_name_that_is_no_original_is_not_found(admin_client):
    response = admin_client.get(
        settings.PRIVATE_MEDIA_URL + "../../cms/settings/base.py"
    )

    assert response.status_code == 404


@pytest.fixture
def document():
    return get_document_model().objects.create(
        title="Kế hoạch 109/KH-BCĐ",
        file=ContentFile(b"%PDF-1.4 noi bo", name="ke-hoach.pdf"),
    )


def document_url(document):
    return f"/documents/{document.pk}/{Path(document.file.name).name}"


def test_a_document_no_public_page_links_to_is_refused_to_the_public(client, document):
    with document.file.open("rb") as stored:
        content = stored.read()

    response = client.get(document_url(document))

    assert response.status_code == 404
    assert content not in files_under(settings.MEDIA_ROOT)


def test_a_logged_in_user_gets_such_a_document(admin_client, document):
    assert admin_client.get(document_url(document)).status_code == 200


def test_a_document_linked_from_a_live_message_is_public_until_unpublished(
    client, document
):
    campaign = factories.CampaignPageFactory()
    link = f'<p><a linktype="document" id="{document.pk}">Kế hoạch</a></p>'
    message = factories.MessagePageFactory(campaign=campaign, body=link)
    assert client.get(document_url(document)).status_code == 200

    message.unpublish()

    assert client.get(document_url(document)).status_code == 404


def test_a_document_of_a_draft_message_stays_private(client, document):
    campaign = factories.CampaignPageFactory()
    link = f'<p><a linktype="document" id="{document.pk}">Kế hoạch</a></p>'
    factories.MessagePageFactory(campaign=campaign, body=link, live=False)

    assert client.get(document_url(document)).status_code == 404
