"""Media served safely: sizes of publishable images at public addresses, nothing of
an image that may not be shown, whatever asks for it (page, feed, admin, API)."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.images.models import SourceImageIOError

from media.models import CampaignRendition, Consent
from media.renditions import channel_rendition

from .helpers import stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production_serving(settings):
    """As a server runs it: no debug-only file serving."""
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]


def test_a_publishable_images_size_is_served_with_a_short_cache(client, make_image):
    image = make_image()
    rendition = channel_rendition(image, "thumb")

    assert rendition.url.startswith("/media/")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    assert response["Cache-Control"] == "public, max-age=300"


def test_no_size_is_made_of_an_image_that_may_not_be_shown(make_image, media_root):
    withheld = make_image(consent=Consent.WITHHELD)
    person = make_image(shows_identifiable_person=True, consent=Consent.NOT_NEEDED)

    for image in (withheld, person):
        with pytest.raises(SourceImageIOError):
            channel_rendition(image, "tv")
        with pytest.raises(SourceImageIOError):
            image.get_renditions("max-165x165", "fill-100x100")
    assert not CampaignRendition.objects.exists()
    assert stored_files(media_root) == []


def test_the_admin_shows_a_placeholder_and_stores_nothing(
    client, make_image, media_root
):
    image = make_image(consent=Consent.WITHHELD)
    admin = get_user_model().objects.create_superuser("quantri", "qt@example.org", "x")
    client.force_login(admin)

    for url in ("/admin/images/", f"/admin/images/{image.pk}/"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert "/media/not-found" in page.content.decode()
    assert stored_files(media_root) == []
    placeholder = client.get("/media/not-found")
    assert placeholder.status_code == 200
    assert placeholder["Content-Type"] == "image/svg+xml"


def test_a_size_made_before_consent_was_withdrawn_is_gone_from_its_address(
    client, make_image
):
    image = make_image()
    url = channel_rendition(image, "poster").url
    assert client.get(url).status_code == 200

    image.consent = Consent.WITHHELD
    image.save()

    assert client.get(url).status_code == 404


def test_a_size_left_on_disk_is_refused_when_consent_changed_behind_the_models_back(
    client, make_image
):
    """An update in bulk skips save(): the file stays, the address still refuses."""
    image = make_image()
    url = channel_rendition(image, "square").url
    type(image).objects.filter(pk=image.pk).update(consent=Consent.WITHHELD)

    assert client.get(url).status_code == 404


def test_only_known_files_are_served_and_originals_are_not_among_them(
    client, make_image, media_root
):
    image = make_image()
    stray = media_root / "images" / "stray.jpg"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"\xff\xd8 not ours")

    assert client.get("/media/images/stray.jpg").status_code == 404
    assert client.get(f"/media/{image.file.name}").status_code == 404
    assert client.get("/media/../private/x").status_code == 404
    original = client.get(image.file.url)
    assert original.status_code == 302  # the admin's login, not the file
