"""The container rewrite: location out, pixels and orientation untouched."""

import io

import pytest
from PIL import ExifTags, Image

from media.metadata import MetadataError, strip_metadata

from .files import gps_of, photo, pixels, png_with_text_location


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_location_goes_and_pixels_stay(image_format):
    original = photo(image_format=image_format, gps=True)

    clean = strip_metadata(original)

    assert gps_of(clean) == {}
    assert pixels(clean) == pixels(original)
    assert b"Hau Loc" not in clean and b"SN-0042" not in clean
    with Image.open(io.BytesIO(clean)) as image:
        assert dict(image.getexif()) == {ExifTags.Base.Orientation: 6}


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_cleaning_twice_changes_nothing(image_format):
    once = strip_metadata(photo(image_format=image_format, gps=True))

    assert strip_metadata(once) == once


def test_png_text_chunks_go():
    clean = strip_metadata(png_with_text_location())

    with Image.open(io.BytesIO(clean)) as image:
        image.load()
        assert "XML:com.adobe.xmp" not in image.info and "xmp" not in image.info


def test_jpeg_comments_and_data_after_the_image_go():
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), "navy").save(buffer, "JPEG", comment=b"Hau Loc")
    with_extra = buffer.getvalue() + b"second picture taken at Hau Loc"

    clean = strip_metadata(with_extra)

    assert b"Hau Loc" not in clean
    assert clean.endswith(b"\xff\xd9")


def test_cmyk_jpeg_keeps_the_adobe_segment_decoders_need():
    buffer = io.BytesIO()
    Image.new("CMYK", (16, 16), (0, 80, 80, 0)).save(buffer, "JPEG")
    original = buffer.getvalue()

    clean = strip_metadata(original)

    assert b"Adobe" in clean
    assert pixels(clean) == pixels(original)


def test_gif_and_other_formats_pass_through():
    buffer = io.BytesIO()
    Image.new("P", (8, 8)).save(buffer, "GIF")

    assert strip_metadata(buffer.getvalue()) == buffer.getvalue()
    assert strip_metadata(b"plain text") == b"plain text"


@pytest.mark.parametrize(
    "broken",
    [
        b"\xff\xd8\xff\xe1\xff\xff" + b"\x00" * 10,  # segment longer than the file
        b"\xff\xd8\x00\x00",  # no marker where one must be
        b"\x89PNG\r\n\x1a\n\x00\x00\xff\xffIHDR",  # chunk longer than the file
    ],
)
def test_files_whose_structure_cannot_be_followed_are_refused(broken):
    with pytest.raises(MetadataError):
        strip_metadata(broken)
