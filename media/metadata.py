"""Rebuild image files from what is known to be needed, dropping everything else.

A photo taken on a phone records where it was taken; published with a campaign
message it could lead someone to a victim or a shelter. Each accepted format is
rebuilt from an allow-list of the parts a decoder needs (JPEG segments, PNG and
WebP chunks, GIF blocks), wherever in the file other parts sit: between the scans
of a progressive JPEG, after the end of the image, in a GIF application
extension. The pixels are copied byte for byte, so nothing is re-encoded. Only the
EXIF tags in SAFE_EXIF_TAGS survive, rewritten into a fresh block; GPS, XMP, IPTC,
comments, text chunks, thumbnails and maker notes do not.
"""

import io
import zlib

from PIL import ExifTags, Image, UnidentifiedImageError

SAFE_EXIF_TAGS = (
    ExifTags.Base.Orientation,
    ExifTags.Base.XResolution,
    ExifTags.Base.YResolution,
    ExifTags.Base.ResolutionUnit,
)

JPEG_SOI, JPEG_EOI = b"\xff\xd8", b"\xff\xd9"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
EXIF_HEADER = b"Exif\x00\x00"

# JPEG: the frame, its tables and scans. Everything else (APP segments but those
# rebuilt below, comments, extensions) is dropped.
JPEG_SOS, JPEG_APP0, JPEG_APP1, JPEG_APP2, JPEG_APP14 = 0xDA, 0xE0, 0xE1, 0xE2, 0xEE
JPEG_FRAME_AND_TABLES = {
    *range(0xC0, 0xC4),  # SOF0-3
    0xC4,  # DHT
    *range(0xC5, 0xC8),  # SOF5-7
    *range(0xC9, 0xCC),  # SOF9-11
    0xCC,  # DAC
    *range(0xCD, 0xD0),  # SOF13-15
    0xDB,  # DQT
    0xDC,  # DNL
    0xDD,  # DRI
}
JPEG_FRAMES = JPEG_FRAME_AND_TABLES - {0xC4, 0xCC, 0xDB, 0xDC, 0xDD}
JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}
JFIF_HEADER_LENGTH = 14  # identifier, version, units, densities, thumbnail size
ADOBE_LENGTH = 12  # colour transform flag that CMYK decoders need

# PNG: critical chunks, colour and animation chunks. Text, eXIf (rebuilt), time
# stamps and private chunks are dropped.
PNG_KEPT_CHUNKS = {
    b"IHDR",
    b"PLTE",
    b"IDAT",
    b"IEND",
    b"tRNS",
    b"cHRM",
    b"gAMA",
    b"iCCP",
    b"sBIT",
    b"sRGB",
    b"cICP",
    b"bKGD",
    b"pHYs",
    b"acTL",
    b"fcTL",
    b"fdAT",
}
WEBP_KEPT_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
WEBP_EXIF_FLAG, WEBP_XMP_FLAG = 0x08, 0x04
GIF_KEPT_APPLICATIONS = {b"NETSCAPE2.0", b"ANIMEXTS1.0"}  # looping only


class MetadataError(ValueError):
    """The file's structure could not be followed, so it cannot be cleaned safely."""


def strip_metadata(data: bytes) -> bytes:
    """Return ``data`` rebuilt without location or identifying metadata.

    JPEG, PNG, WebP and GIF are rebuilt; any other image format is refused, and
    bytes that are no image at all come back unchanged (the upload checks refuse
    them).
    """
    try:
        if data.startswith(JPEG_SOI):
            return _rebuild_jpeg(data)
        if data.startswith(PNG_SIGNATURE):
            return _rebuild_png(data)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _rebuild_webp(data)
        if data[:6] in (b"GIF87a", b"GIF89a"):
            return _rebuild_gif(data)
    except (IndexError, ValueError) as exc:
        raise MetadataError(str(exc)) from exc
    if _is_other_image(data):
        raise MetadataError("image format that cannot be cleaned")
    return data


def safe_exif(raw: bytes | None) -> bytes:
    """The TIFF body of an EXIF block holding only SAFE_EXIF_TAGS, or ``b""``."""
    if not raw:
        return b""
    original = Image.Exif()
    original.load(raw)
    kept = Image.Exif()
    for tag in SAFE_EXIF_TAGS:
        if tag in original:
            kept[tag] = original[tag]
    if not len(kept):
        return b""
    return kept.tobytes().removeprefix(EXIF_HEADER)


def _is_other_image(data: bytes) -> bool:
    try:
        with Image.open(io.BytesIO(data)):
            return True
    except (UnidentifiedImageError, OSError, ValueError):
        return False


def _jpeg_segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + (len(payload) + 2).to_bytes(2, "big") + payload


def _rebuild_jpeg(data: bytes) -> bytes:
    head, body, exif = [], [], None
    pos, frames, scans = 2, 0, 0
    while pos < len(data):
        if data[pos] != 0xFF:
            raise MetadataError("JPEG marker expected")
        while data[pos] == 0xFF:
            pos += 1
        marker, pos = data[pos], pos + 1
        if marker == JPEG_EOI[1]:
            break  # anything after the end of the image goes
        if marker in JPEG_STANDALONE:
            continue
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2 or pos + length > len(data):
            raise MetadataError("JPEG segment runs past the end of the file")
        payload = data[pos + 2 : pos + length]
        pos += length
        if marker == JPEG_SOS:
            end = _jpeg_scan_end(data, pos)
            body.append(_jpeg_segment(marker, payload) + data[pos:end])
            pos, scans = end, scans + 1
        elif marker in JPEG_FRAME_AND_TABLES:
            body.append(_jpeg_segment(marker, payload))
            frames += marker in JPEG_FRAMES
        elif marker == JPEG_APP0 and payload.startswith(b"JFIF\x00") and not head:
            if len(payload) < JFIF_HEADER_LENGTH:
                raise MetadataError("JFIF header too short")
            # Without its embedded thumbnail: a small copy of the photo.
            header = payload[: JFIF_HEADER_LENGTH - 2] + b"\x00\x00"
            head.append(_jpeg_segment(marker, header))
        elif marker == JPEG_APP1 and payload.startswith(EXIF_HEADER) and exif is None:
            exif = payload[len(EXIF_HEADER) :]
        elif marker == JPEG_APP2 and payload.startswith(b"ICC_PROFILE\x00"):
            body.append(_jpeg_segment(marker, payload))
        elif marker == JPEG_APP14 and payload.startswith(b"Adobe"):
            body.append(_jpeg_segment(marker, payload[:ADOBE_LENGTH]))
    if not frames or not scans:
        raise MetadataError("JPEG without a frame or a scan")
    exif_body = safe_exif(exif)
    if exif_body:
        head.append(_jpeg_segment(JPEG_APP1, EXIF_HEADER + exif_body))
    return JPEG_SOI + b"".join(head) + b"".join(body) + JPEG_EOI


def _jpeg_scan_end(data: bytes, pos: int) -> int:
    """Where the entropy-coded data after a scan header ends: at the next marker."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos == -1 or pos + 1 >= len(data):
            return len(data)
        following = data[pos + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            pos += 2  # stuffed byte or restart marker: still image data
        elif following == 0xFF:
            pos += 1  # fill byte before a marker
        else:
            return pos


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body).to_bytes(4, "big")
    return len(body).to_bytes(4, "big") + kind + body + crc


def _rebuild_png(data: bytes) -> bytes:
    chunks, exif, pos = [], None, len(PNG_SIGNATURE)
    while pos < len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise MetadataError("PNG chunk runs past the end of the file")
        if kind == b"eXIf" and exif is None:
            exif = data[pos + 8 : pos + 8 + length]
        elif kind in PNG_KEPT_CHUNKS:
            chunks.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            break  # anything after the end of the image goes
    if not chunks or chunks[0][4:8] != b"IHDR":
        raise MetadataError("PNG without its header chunk")
    if chunks[-1][4:8] != b"IEND":
        chunks.append(_png_chunk(b"IEND", b""))
    exif_body = safe_exif(exif)
    if exif_body:
        # eXIf must come before the image data: right after IHDR.
        chunks.insert(1, _png_chunk(b"eXIf", exif_body))
    return PNG_SIGNATURE + b"".join(chunks)


def _rebuild_webp(data: bytes) -> bytes:
    riff_end = min(len(data), 8 + int.from_bytes(data[4:8], "little"))
    chunks, exif, pos = [], None, 12
    while pos + 8 <= riff_end:
        kind = data[pos : pos + 4]
        length = int.from_bytes(data[pos + 4 : pos + 8], "little")
        end = pos + 8 + length + (length & 1)
        if pos + 8 + length > riff_end:
            raise MetadataError("WebP chunk runs past the end of the file")
        if kind == b"EXIF" and exif is None:
            exif = data[pos + 8 : pos + 8 + length]
        elif kind in WEBP_KEPT_CHUNKS:
            chunks.append(bytearray(data[pos:end]))
        pos = end
    if not chunks:
        raise MetadataError("WebP without image data")
    exif_body = safe_exif(exif)
    for chunk in chunks:
        if chunk[:4] == b"VP8X":
            flags = chunk[8] & ~(WEBP_EXIF_FLAG | WEBP_XMP_FLAG)
            chunk[8] = flags | (WEBP_EXIF_FLAG if exif_body else 0)
            break
    else:
        exif_body = b""  # only the extended format (VP8X) may carry EXIF
    if exif_body:
        pad = b"\x00" * (len(exif_body) & 1)
        chunks.append(b"EXIF" + len(exif_body).to_bytes(4, "little") + exif_body + pad)
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + len(body).to_bytes(4, "little") + body


def _gif_sub_blocks_end(data: bytes, pos: int) -> int:
    while True:
        size = data[pos]
        pos += 1 + size
        if pos > len(data):
            raise MetadataError("GIF block runs past the end of the file")
        if size == 0:
            return pos


def _rebuild_gif(data: bytes) -> bytes:
    flags = data[10]
    pos = 13 + (3 << ((flags & 0x07) + 1) if flags & 0x80 else 0)
    if pos > len(data):
        raise MetadataError("GIF colour table runs past the end of the file")
    kept, images = [data[:pos]], 0
    while pos < len(data):
        introducer = data[pos]
        if introducer == 0x3B:  # trailer: anything after it goes
            break
        if introducer == 0x21:  # extension
            label = data[pos + 1]
            end = _gif_sub_blocks_end(data, pos + 2)
            application = data[pos + 3 : pos + 14] if label == 0xFF else b""
            if label == 0xF9 or application in GIF_KEPT_APPLICATIONS:
                kept.append(data[pos:end])
            # comments (0xFE), plain text (0x01), XMP and other applications go
            pos = end
        elif introducer == 0x2C:  # image descriptor, colour table, LZW data
            local = data[pos + 9]
            start = pos + 10 + (3 << ((local & 0x07) + 1) if local & 0x80 else 0)
            end = _gif_sub_blocks_end(data, start + 1)
            kept.append(data[pos:end])
            pos, images = end, images + 1
        else:
            raise MetadataError("GIF block expected")
    if not images:
        raise MetadataError("GIF without an image")
    return b"".join(kept) + b";"
