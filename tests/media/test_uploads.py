"""Uploads through the real Wagtail admin pages: what is stored, and what is refused."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import ExifTags, Image
from wagtail.models import UploadedFile
from wagtail.utils.file import hash_filelike

from media.models import CampaignImage, Consent

from .files import SVG, gps_of, photo, pixels, png_bomb, png_with_text_location
from .helpers import add_image, add_multiple, stored_files, upload_form

pytestmark = pytest.mark.django_db


def file_errors(response):
    assert response.status_code == 200, "the form should be shown again"
    return response.context["form"].errors["file"]


def assert_nothing_stored(originals_root):
    assert CampaignImage.objects.count() == 0
    assert UploadedFile.objects.count() == 0
    assert stored_files(originals_root) == []
    assert stored_files(Path(settings.MEDIA_ROOT)) == []


@pytest.mark.parametrize(
    "data, name",
    [
        (photo(gps=True), "hau-loc.jpg"),
        (photo(image_format="PNG", gps=True), "hau-loc.png"),
        (png_with_text_location(), "hau-loc-xmp.png"),
        (photo(image_format="WEBP", gps=True), "hau-loc.webp"),
    ],
)
def test_the_stored_original_has_no_location(admin_client, originals_root, data, name):
    assert gps_of(data), "the test file must carry GPS to begin with"

    response = add_image(admin_client, data, name)

    assert response.status_code == 302
    image = CampaignImage.objects.get()
    [stored] = stored_files(originals_root)
    assert stored == originals_root / image.file.name
    assert gps_of(stored) == {}
    stored_bytes = stored.read_bytes()
    for secret in (b"Hau Loc", b"SN-0042", b"PhoneMaker"):
        assert secret not in stored_bytes
    assert pixels(stored) == pixels(data), "pixels are copied, not re-encoded"
    assert image.file_size == len(stored_bytes)
    assert (image.width, image.height) == (640, 480)


def test_orientation_survives_so_photos_stay_upright(admin_client, originals_root):
    add_image(admin_client, photo(gps=True), "portrait.jpg")

    [stored] = stored_files(originals_root)
    with Image.open(stored) as image:
        assert image.getexif()[ExifTags.Base.Orientation] == 6


def test_large_uploads_written_to_a_temporary_file_are_cleaned_too(
    admin_client, originals_root, settings
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every upload becomes a temp file

    response = add_image(admin_client, photo(gps=True), "big.jpg")

    assert response.status_code == 302
    [stored] = stored_files(originals_root)
    assert gps_of(stored) == {}


def test_multiple_upload_never_stores_location_even_while_credit_is_missing(
    admin_client, originals_root
):
    # Credit is required, so Wagtail parks the file as an UploadedFile first.
    response = add_multiple(admin_client, photo(gps=True), "hau-loc.jpg")

    body = response.json()
    assert body["success"] is True
    upload = UploadedFile.objects.get()
    assert CampaignImage.objects.count() == 0
    assert [gps_of(path) for path in stored_files(originals_root)] == [{}]

    prefix = f"uploaded-image-{upload.pk}"
    response = admin_client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload.pk]),
        {
            f"{prefix}-title": "Buổi nói chuyện",
            f"{prefix}-credit": "Đoàn Thanh niên xã",
            f"{prefix}-consent": Consent.NOT_NEEDED,
            f"{prefix}-collection": upload_form(b"", "x")["collection"],
        },
    )

    assert response.json()["success"] is True
    image = CampaignImage.objects.get()
    assert image.credit == "Đoàn Thanh niên xã"
    assert [gps_of(path) for path in stored_files(originals_root)] == [{}]


def test_multiple_upload_refuses_a_bomb_before_anything_is_stored(
    admin_client, originals_root
):
    response = add_multiple(admin_client, png_bomb(), "bomb.png")

    body = response.json()
    assert body["success"] is False
    assert "quá nhiều điểm ảnh" in body["error_message"]
    assert_nothing_stored(originals_root)


def test_a_decompression_bomb_is_refused_in_vietnamese(admin_client, originals_root):
    bomb = png_bomb()
    assert len(bomb) < 100_000, "tiny on disk, 400 million pixels when opened"

    response = add_image(admin_client, bomb, "bomb.png")

    assert file_errors(response) == [
        "Ảnh này có quá nhiều điểm ảnh, không thể mở an toàn. Tối đa được chấp "
        "nhận là 40.000.000; hãy thu nhỏ ảnh rồi tải lên lại."
    ]
    assert_nothing_stored(originals_root)


def test_more_pixels_than_the_setting_allows_is_refused(
    admin_client, originals_root, settings
):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 300_000

    response = add_image(admin_client, photo(), "wide.jpg")

    assert file_errors(response) == [
        "Ảnh này có quá nhiều điểm ảnh (307.200). Tối đa được chấp nhận là "
        "300.000; hãy thu nhỏ ảnh rồi tải lên lại."
    ]
    assert_nothing_stored(originals_root)


def test_an_oversize_file_is_refused(admin_client, originals_root, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024

    response = add_image(admin_client, photo(), "heavy.jpg")

    [error] = file_errors(response)
    assert error.startswith("Tệp này quá lớn (")
    assert error.endswith("Dung lượng tối đa được chấp nhận là 1,0\xa0KB.")
    assert_nothing_stored(originals_root)


def test_a_text_file_named_png_is_refused(admin_client, originals_root):
    response = add_image(admin_client, b"Not a picture at all.\n" * 20, "notes.png")

    assert file_errors(response) == [
        "Tệp này không phải là ảnh hoặc đã bị hỏng. Hãy tải lên ảnh ở một trong "
        "các định dạng: GIF, JPG, JPEG, PNG, WEBP."
    ]
    assert_nothing_stored(originals_root)


def test_a_broken_file_with_an_image_signature_is_refused(admin_client, originals_root):
    broken = photo()[:600]  # a JPEG cut off in its headers

    response = add_image(admin_client, broken, "broken.jpg")

    assert file_errors(response)[0].startswith("Tệp này không phải là ảnh")
    assert_nothing_stored(originals_root)


def test_svg_is_refused(admin_client, originals_root):
    response = add_image(admin_client, SVG, "logo.svg")

    assert file_errors(response) == [
        "Không chấp nhận loại tệp này. Định dạng được chấp nhận: "
        "GIF, JPG, JPEG, PNG, WEBP."
    ]
    assert_nothing_stored(originals_root)


def test_svg_renamed_to_png_is_refused(admin_client, originals_root):
    response = add_image(admin_client, SVG, "logo.png")

    assert file_errors(response) == [
        "Đây không phải là ảnh .png thật: nội dung tệp là svg. "
        "Không chấp nhận SVG và các định dạng khác."
    ]
    assert_nothing_stored(originals_root)


def test_credit_is_required(admin_client, originals_root):
    response = admin_client.post(
        reverse("wagtailimages:add"), upload_form(photo(), "a.jpg", credit="")
    )

    assert response.status_code == 200
    assert "credit" in response.context["form"].errors
    assert_nothing_stored(originals_root)


def test_the_upload_form_starts_with_consent_not_needed(admin_client):
    response = admin_client.get(reverse("wagtailimages:add"))

    form = response.context["form"]
    assert form["consent"].value() == Consent.NOT_NEEDED
    assert "Dữ liệu vị trí trong ảnh được xóa khi tải lên." in form["file"].help_text


def test_replacing_the_file_on_edit_strips_location(
    admin_client, originals_root, make_image
):
    image = make_image()
    data = upload_form(photo(gps=True), "replacement.jpg", title=image.title)

    response = admin_client.post(reverse("wagtailimages:edit", args=[image.pk]), data)

    assert response.status_code == 302
    image.refresh_from_db()
    assert gps_of(originals_root / image.file.name) == {}


def test_images_saved_in_code_are_cleaned_as_well(originals_root, make_image):
    image = make_image(data=photo(gps=True))

    stored = originals_root / image.file.name
    assert gps_of(stored) == {}
    assert image.file_size == stored.stat().st_size
    with stored.open("rb") as f:
        assert image.file_hash == hash_filelike(f)


def test_the_multiple_uploader_tells_the_browser_the_vietnamese_limits(
    admin_client,
):
    response = admin_client.get(reverse("wagtailimages:add_multiple"))

    assert response.context["error_max_file_size"] == (
        "Tệp này quá lớn. Dung lượng tối đa được chấp nhận là 15,0\xa0MB."
    )
