"""Remove location and other identifying metadata from image files, losslessly.

A photo taken on a phone records where it was taken; published with a campaign
message it could lead someone to a victim or a shelter. The file's container is
rewritten (JPEG segments, PNG chunks, WebP RIFF chunks) and the pixels are copied
byte for byte, so nothing is re-encoded. Only the EXIF tags in SAFE_EXIF_TAGS
survive; GPS, XMP, IPTC, comments, text chunks and embedded extra images do not.
"""

import zlib

from PIL import ExifTags, Image

SAFE_EXIF_TAGS = (
    ExifTags.Base.Orientation,
    ExifTags.Base.XResolution,
    ExifTags.Base.YResolution,
    ExifTags.Base.ResolutionUnit,
    ExifTags.Base.Copyright,
)

JPEG_SOI = b"\xff\xd8"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
EXIF_HEADER = b"Exif\x00\x00"

# JPEG application segments kept: JFIF (APP0), the ICC colour profile (APP2) and
# Adobe's colour transform flag (APP14), which decoders need for CMYK images.
JPEG_KEPT_APP_PREFIXES = {
    0xE0: (b"JFIF\x00",),
    0xE2: (b"ICC_PROFILE\x00",),
    0xEE: (b"Adobe",),
}
JPEG_STANDALONE_MARKERS = {0x01, *range(0xD0, 0xD8)}
JPEG_SOS, JPEG_COM = 0xDA, 0xFE
PNG_TEXT_CHUNKS = {b"tEXt", b"zTXt", b"iTXt", b"eXIf"}
WEBP_EXIF_FLAG, WEBP_XMP_FLAG = 0x08, 0x04


class MetadataError(ValueError):
    """The file's structure could not be followed, so it cannot be cleaned safely."""


def strip_metadata(data: bytes) -> bytes:
    """Return ``data`` without location or identifying metadata.

    Formats other than JPEG, PNG and WebP (GIF has no EXIF) come back unchanged.
    """
    try:
        if data.startswith(JPEG_SOI):
            return _strip_jpeg(data)
        if data.startswith(PNG_SIGNATURE):
            return _strip_png(data)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _strip_webp(data)
    except (IndexError, ValueError) as exc:
        raise MetadataError(str(exc)) from exc
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


def _strip_jpeg(data: bytes) -> bytes:
    kept, exif, pos = [], None, 2
    while True:
        if data[pos] != 0xFF:
            raise MetadataError("JPEG marker expected")
        while data[pos] == 0xFF:
            pos += 1
        marker, pos = data[pos], pos + 1
        if marker in JPEG_STANDALONE_MARKERS:
            kept.append(bytes((0xFF, marker)))
            continue
        if marker == JPEG_SOS:
            # Entropy-coded data never contains FF D9, so the first one ends the
            # image; anything after it (multi-picture extras, appended files) goes.
            end = data.find(b"\xff\xd9", pos)
            scans = data[pos - 2 : end + 2] if end != -1 else data[pos - 2 :]
            break
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2 or pos + length > len(data):
            raise MetadataError("JPEG segment runs past the end of the file")
        payload = data[pos + 2 : pos + length]
        segment = data[pos - 2 : pos + length]
        pos += length
        if marker == 0xE1 and payload.startswith(EXIF_HEADER) and exif is None:
            exif = payload
        elif 0xE0 <= marker <= 0xEF:
            if payload.startswith(JPEG_KEPT_APP_PREFIXES.get(marker, ())):
                kept.append(segment)
        elif marker != JPEG_COM:
            kept.append(segment)
    exif_body = safe_exif(exif)
    if exif_body:
        app1 = EXIF_HEADER + exif_body
        segment = b"\xff\xe1" + (len(app1) + 2).to_bytes(2, "big") + app1
        at = 1 if kept and kept[0].startswith(b"\xff\xe0") else 0
        kept.insert(at, segment)
    return JPEG_SOI + b"".join(kept) + scans


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body).to_bytes(4, "big")
    return len(body).to_bytes(4, "big") + kind + body + crc


def _strip_png(data: bytes) -> bytes:
    chunks, exif, pos = [], None, len(PNG_SIGNATURE)
    while pos < len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise MetadataError("PNG chunk runs past the end of the file")
        if kind == b"eXIf":
            exif = data[pos + 8 : pos + 8 + length]
        if kind not in PNG_TEXT_CHUNKS:
            chunks.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            break
    exif_body = safe_exif(exif)
    if exif_body:
        # eXIf must come before the image data: right after IHDR.
        chunks.insert(1, _png_chunk(b"eXIf", exif_body))
    return PNG_SIGNATURE + b"".join(chunks)


def _strip_webp(data: bytes) -> bytes:
    riff_end = min(len(data), 8 + int.from_bytes(data[4:8], "little"))
    chunks, exif, pos = [], None, 12
    while pos + 8 <= riff_end:
        kind = data[pos : pos + 4]
        length = int.from_bytes(data[pos + 4 : pos + 8], "little")
        end = pos + 8 + length + (length & 1)
        if pos + 8 + length > riff_end:
            raise MetadataError("WebP chunk runs past the end of the file")
        if kind == b"EXIF":
            exif = data[pos + 8 : pos + 8 + length]
        elif kind != b"XMP ":
            chunks.append(bytearray(data[pos:end]))
        pos = end
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
