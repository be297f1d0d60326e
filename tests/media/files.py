"""Image and clip files built in memory for the media tests."""

import io
import struct
import wave
import zlib

from PIL import ExifTags, Image

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Hậu Lộc district, Thanh Hóa: a place a photo must never give away.
LATITUDE = ((19, 1), (56, 1), (1234, 100))
LONGITUDE = ((105, 1), (53, 1), (4321, 100))
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description '
    b'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
    b'photoshop:City="Hau Loc"/></rdf:RDF></x:xmpmeta>'
)


def exif_with_gps(orientation=6):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.BodySerialNumber] = "SN-0042"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = tuple(a / b for a, b in LATITUDE)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = tuple(a / b for a, b in LONGITUDE)
    return exif


def photo(size=(640, 480), image_format="JPEG", gps=False):
    """A picture with some detail, optionally carrying GPS, a serial number and XMP."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image.paste((200, 30, 30), (size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2))
    options = {"JPEG": {"quality": 90}, "WEBP": {"quality": 90}}.get(image_format, {})
    if gps:
        options.update(exif=exif_with_gps(), xmp=XMP)
    out = io.BytesIO()
    image.save(out, image_format, **options)
    return out.getvalue()


def png_chunk(kind, body):
    crc = zlib.crc32(kind + body)
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def png_bomb(width=20_000, height=20_000):
    """A valid 1-bit PNG of width × height black pixels: kilobytes on disk."""
    row = b"\x00" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height))
    body += compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        PNG_SIGNATURE
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", body)
        + png_chunk(b"IEND", b"")
    )


def png_with_text_location():
    """A PNG whose location sits in an eXIf chunk and an XMP iTXt chunk."""
    data = photo(image_format="PNG", gps=True)
    xmp = png_chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + XMP)
    end = data.rindex(b"IEND") - 4
    return data[:end] + xmp + data[end:]


SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
    b'<script>alert("x")</script><rect width="100" height="100"/></svg>'
)


def wav(seconds=1, rate=8000):
    out = io.BytesIO()
    with wave.open(out, "wb") as clip:
        clip.setnchannels(1)
        clip.setsampwidth(2)
        clip.setframerate(rate)
        clip.writeframes(b"\x00\x00" * rate * seconds)
    return out.getvalue()


def gps_of(data_or_path):
    """The GPS IFD of an image file (bytes or path); empty when there is none."""
    source = (
        io.BytesIO(data_or_path) if isinstance(data_or_path, bytes) else data_or_path
    )
    with Image.open(source) as image:
        return dict(image.getexif().get_ifd(ExifTags.IFD.GPSInfo))


def pixels(data_or_path):
    source = (
        io.BytesIO(data_or_path) if isinstance(data_or_path, bytes) else data_or_path
    )
    with Image.open(source) as image:
        return image.convert("RGB").tobytes()
