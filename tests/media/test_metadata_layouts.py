"""Metadata goes whatever the file's layout: the stored bytes are checked.

Each file is built here with its metadata where a cleaner that looks only in the
usual place would miss it: between the scans of a progressive JPEG, in a Photoshop
(IPTC) segment, in a JFIF thumbnail, after the end of the image, in a private
PNG chunk, in unknown WebP chunks, in GIF comment and XMP extensions.
"""

import io
import struct

import pytest
from PIL import Image

from media.metadata import strip_metadata

from .files import LATITUDE, XMP, exif_with_gps, photo, pixels, png_chunk

pytestmark = pytest.mark.django_db

SECRET = b"Hau Loc, thon 3, nha ong A"


def exif_block() -> bytes:
    return exif_with_gps().tobytes()  # starts with "Exif\0\0"


def gps_rationals() -> list[bytes]:
    """The latitude's numbers as EXIF stores them, in either byte order."""
    return [
        b"".join(struct.pack(order + "II", a, b) for a, b in LATITUDE) for order in "<>"
    ]


def jpeg_segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def assert_clean(stored: bytes):
    # Only a rebuilt EXIF block may remain, holding the orientation and nothing
    # else: no GPS or camera directory, no maker or serial number.
    with Image.open(io.BytesIO(stored)) as image:
        exif = image.getexif()
        assert set(exif) <= {0x0112, 0x011A, 0x011B, 0x0128}, dict(exif)
    assert stored.count(b"Exif") <= 1
    assert b"xmpmeta" not in stored and b"Hau Loc" not in stored
    assert SECRET not in stored
    assert b"PhoneMaker" not in stored and b"SN-0042" not in stored
    for numbers in gps_rationals():
        assert numbers not in stored


def stored_bytes(make_image, data, name) -> bytes:
    image = make_image(data=data, name=name)
    with image.file.open("rb") as stored:
        return stored.read()


def progressive_with_metadata_between_scans() -> bytes:
    out = io.BytesIO()
    Image.open(io.BytesIO(photo())).save(out, "JPEG", progressive=True, quality=90)
    data = out.getvalue()
    second_scan = data.index(b"\xff\xda", data.index(b"\xff\xda") + 2)
    hidden = (
        jpeg_segment(0xE1, exif_block())
        + jpeg_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + XMP)
        + jpeg_segment(0xFE, SECRET)
    )
    return data[:second_scan] + hidden + data[second_scan:], data


def baseline_with_metadata_after_the_tables() -> bytes:
    data = photo()
    frame = data.index(b"\xff\xc0")
    photoshop = b"Photoshop 3.0\x00" + SECRET  # where IPTC lives
    hidden = jpeg_segment(0xE1, exif_block()) + jpeg_segment(0xED, photoshop)
    return data[:frame] + hidden + data[frame:], data


def jpeg_with_a_jfif_thumbnail_and_a_tail() -> bytes:
    data = photo()
    assert data[2:4] == b"\xff\xe0"
    length = struct.unpack(">H", data[4:6])[0]
    thumbnail = SECRET[:12]  # 2 × 2 RGB pixels
    jfif = data[6 : 6 + length - 2][:12] + b"\x02\x02" + thumbnail
    appended = photo(gps=True)  # a second picture, as multi-picture files carry
    crafted = data[:2] + jpeg_segment(0xE0, jfif) + data[4 + length :]
    return crafted + appended + SECRET, data


def png_with_private_chunks_and_a_tail() -> bytes:
    data = photo(image_format="PNG", gps=True)
    end = data.rindex(b"IEND") - 4
    hidden = (
        png_chunk(b"gpSm", SECRET)  # a private ancillary chunk
        + png_chunk(b"zTXt", b"Comment\x00\x00" + __import__("zlib").compress(SECRET))
        + png_chunk(b"tIME", b"\x07\xe1\x07\x1e\x0a\x00\x00")
    )
    return data[:end] + hidden + data[end:] + SECRET, data


def webp_with_unknown_chunks() -> bytes:
    data = photo(image_format="WEBP", gps=True)
    extra = b"META" + struct.pack("<I", len(SECRET)) + SECRET
    body = data[12:] + extra
    crafted = b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + body
    return crafted + SECRET, data


def gif_with_comment_and_xmp() -> bytes:
    out = io.BytesIO()
    Image.open(io.BytesIO(photo(size=(64, 48)))).convert("P").save(out, "GIF")
    data = out.getvalue()
    comment = b"\x21\xfe" + bytes([len(SECRET)]) + SECRET + b"\x00"
    xmp = b"\x21\xff\x0bXMP DataXMP" + bytes([len(XMP[:200])]) + XMP[:200] + b"\x00"
    descriptor = data.index(b"\x2c")
    crafted = data[:descriptor] + comment + xmp + data[descriptor:-1] + b";"
    return crafted + SECRET, data


LAYOUTS = {
    "progressive JPEG, metadata between scans": (
        progressive_with_metadata_between_scans,
        "anh.jpg",
    ),
    "baseline JPEG, metadata after the tables": (
        baseline_with_metadata_after_the_tables,
        "anh.jpg",
    ),
    "JPEG with JFIF thumbnail and data after the end": (
        jpeg_with_a_jfif_thumbnail_and_a_tail,
        "anh.jpg",
    ),
    "PNG with private chunks and data after IEND": (
        png_with_private_chunks_and_a_tail,
        "anh.png",
    ),
    "WebP with unknown chunks": (webp_with_unknown_chunks, "anh.webp"),
    "GIF with comment and XMP extensions": (gif_with_comment_and_xmp, "anh.gif"),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_stored_file_carries_no_metadata(make_image, layout):
    build, name = LAYOUTS[layout]
    crafted, plain = build()
    assert SECRET in crafted or b"Exif" in crafted  # the test file does carry it

    stored = stored_bytes(make_image, crafted, name)

    assert_clean(stored)
    assert pixels(stored) == pixels(plain)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_nothing_follows_the_end_of_the_image(layout):
    build, _name = LAYOUTS[layout]

    clean = strip_metadata(build()[0])

    if clean.startswith(b"\xff\xd8"):
        assert clean.endswith(b"\xff\xd9") and clean.count(b"\xff\xd8") == 1
    elif clean.startswith(b"\x89PNG"):
        assert clean.endswith(png_chunk(b"IEND", b""))
    elif clean.startswith(b"RIFF"):
        assert struct.unpack("<I", clean[4:8])[0] + 8 == len(clean)
    else:
        assert clean.endswith(b";") and SECRET not in clean


def test_a_progressive_jpeg_stays_progressive_with_its_orientation():
    data, _plain = progressive_with_metadata_between_scans()

    clean = strip_metadata(data)

    with Image.open(io.BytesIO(clean)) as image:
        assert image.getexif().get(0x0112) == 6  # orientation, still applied
        assert image.info.get("progressive") or image.info.get("progression")


def test_other_image_formats_are_refused():
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "TIFF")

    from media.metadata import MetadataError

    with pytest.raises(MetadataError):
        strip_metadata(out.getvalue())
