"""The image editor shows what each channel gets: its size, or the refusal."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from media.models import CampaignRendition, Consent

from .files import photo

pytestmark = pytest.mark.django_db


def channel_figures(response):
    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.select_one("#channel-sizes")
    assert section is not None
    return section, {
        item["data-channel"]: item for item in section.select("li.channel-size")
    }


def test_the_editor_lists_every_channel_size(admin_client, make_image, media_root):
    image = make_image(data=photo(size=(2400, 1800)))

    response = admin_client.get(reverse("wagtailimages:edit", args=[image.pk]))

    assert response.status_code == 200
    section, figures = channel_figures(response)
    assert list(figures) == ["tv", "square", "poster", "thumb"]
    assert "Kích thước theo kênh" in section.get_text()
    expected = {
        "tv": ("Truyền hình (16:9)", "fill-1920x1080", "1920 × 1080"),
        "square": ("Mạng xã hội (vuông)", "fill-1080x1080", "1080 × 1080"),
        "poster": ("Áp phích in (A4)", "max-1240x1754", "1240 × 930"),
        "thumb": ("Danh sách và hộp chọn ảnh", "max-400x400", "400 × 300"),
    }
    for name, texts in expected.items():
        text = " ".join(figures[name].get_text().split())
        for part in texts:
            assert part in text, (name, part, text)
        src = figures[name].img["src"]
        assert src.startswith("/media/images/")
        assert (media_root / src.removeprefix("/media/")).exists()
        assert admin_client.get(src).status_code == 200


def test_an_image_without_consent_shows_the_placeholder_and_why(
    admin_client, withheld_image, media_root
):
    response = admin_client.get(reverse("wagtailimages:edit", args=[withheld_image.pk]))

    assert response.status_code == 200
    section, figures = channel_figures(response)
    assert "đã từ chối đồng ý" in section.get_text()
    assert list(figures) == ["tv", "square", "poster", "thumb"]
    for figure in figures.values():
        assert figure.img["src"].endswith("media/withheld.svg")
        assert "không hiển thị" in figure.get_text()
    assert not CampaignRendition.objects.filter(image=withheld_image).exists()


def test_a_person_shown_without_consent_is_refused_with_its_own_reason(
    admin_client, make_image
):
    image = make_image(shows_identifiable_person=True, consent=Consent.NOT_NEEDED)

    response = admin_client.get(reverse("wagtailimages:edit", args=[image.pk]))

    section, _figures = channel_figures(response)
    assert "chưa có sự đồng ý" in section.get_text()
    assert not CampaignRendition.objects.filter(image=image).exists()


def test_an_image_whose_file_is_gone_opens_with_placeholders(admin_client, make_image):
    image = make_image()
    image.file.storage.delete(image.file.name)

    response = admin_client.get(reverse("wagtailimages:edit", args=[image.pk]))

    assert response.status_code == 200
    _section, figures = channel_figures(response)
    assert all(f.img["src"].endswith("media/withheld.svg") for f in figures.values())


def test_saving_the_editor_still_works(admin_client, make_image):
    image = make_image()
    url = reverse("wagtailimages:edit", args=[image.pk])

    response = admin_client.post(
        url,
        {
            "title": "Áp phích 30/7",
            "credit": "Sở Văn hóa",
            "licence": "CC BY 4.0",
            "consent": Consent.NOT_NEEDED,
            "collection": image.collection_id,
        },
    )

    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.title, image.credit, image.licence) == (
        "Áp phích 30/7",
        "Sở Văn hóa",
        "CC BY 4.0",
    )


def test_someone_without_image_rights_cannot_open_the_editor(client, make_image):
    from tests import factories

    image = make_image()
    user = factories.UserFactory(organiser=True)
    client.force_login(user)

    response = client.get(reverse("wagtailimages:edit", args=[image.pk]))

    assert response.status_code in (302, 403)
    assert not CampaignRendition.objects.filter(image=image).exists()


def test_a_refused_save_makes_no_size_of_a_withheld_image(
    admin_client, withheld_image, media_root
):
    # The editor ticks "consent obtained" but leaves the title empty: the form is
    # refused, nothing is saved, the image is still withheld in the database.
    response = admin_client.post(
        reverse("wagtailimages:edit", args=[withheld_image.pk]),
        {
            "title": "",
            "credit": "Báo Thanh Hóa",
            "consent": Consent.OBTAINED,
            "collection": withheld_image.collection_id,
        },
    )

    assert response.status_code == 200
    withheld_image.refresh_from_db()
    assert withheld_image.consent == Consent.WITHHELD
    # No size of it is made, nor written under the public media folder.
    assert not CampaignRendition.objects.filter(image=withheld_image).exists()
    assert not list(media_root.glob("images/*"))


def test_a_refused_upload_does_not_become_the_channel_sizes(admin_client, make_image):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from media.renditions import channel_rendition

    image = make_image(data=photo(size=(640, 480)))
    # A new, portrait file, but the title is left empty: the form is refused and
    # the stored image keeps its landscape file.
    response = admin_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": "",
            "credit": "Báo Thanh Hóa",
            "consent": Consent.NOT_NEEDED,
            "collection": image.collection_id,
            "file": SimpleUploadedFile("moi.jpg", photo(size=(300, 900))),
        },
    )
    assert response.status_code == 200
    stored = type(image).objects.get(pk=image.pk)
    assert (stored.width, stored.height) == (640, 480)

    # What a channel is sent is the stored file's size, not the refused upload's.
    thumb = channel_rendition(stored, "thumb")
    assert (thumb.width, thumb.height) == (400, 300)
