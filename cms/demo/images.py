"""Campaign posters the demo draws itself, so every channel size has something to show.

Plain shapes in the campaign's colours with a slogan in a font that has Vietnamese
glyphs; no person and no face, nothing downloaded. Each carries its credit, licence
and consent. One stands for a photo of a commune meeting whose family withdrew
consent after it was published: the message keeps it in its text, the site and
every channel size refuse it.
"""

import io
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont

from media.models import CampaignImage, Consent

# Debian's DejaVu covers Vietnamese; Pillow's own font is the fallback elsewhere.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
BOLD, REGULAR = "DejaVuSans-Bold.ttf", "DejaVuSans.ttf"
CREDIT = "Ban Chỉ đạo 138 tỉnh Thanh Hóa (minh họa của bản demo)"
LICENCE = "CC BY 4.0"
WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Poster:
    """An image to draw, and where the demo's messages use it."""

    key: str
    title: str
    size: tuple[int, int]
    background: str
    accent: str
    ink: str
    headline: str
    footer: str
    shape: str
    credit: str = CREDIT
    licence: str = LICENCE
    consent: str = Consent.NOT_NEEDED
    shows_person: bool = False
    # message slug -> "lead", "related" or "body" (embedded in the rich text)
    used_by: dict[str, str] = field(default_factory=dict)


POSTERS = [
    Poster(
        key="chung-tay",
        title="Áp phích: Chung tay phòng, chống mua bán người",
        size=(1240, 1754),  # A4 portrait at 150 dpi
        background="#b3261e",
        accent="#f6c945",
        ink="#ffffff",
        headline="Chung tay phòng, chống mua bán người",
        footer="Ngày toàn dân phòng, chống mua bán người – 30/7",
        shape="rings",
        used_by={
            "chung-tay-phong-chong-mua-ban-nguoi": "lead",
            "canh-giac-vung-bien-gioi": "related",
        },
    ),
    Poster(
        key="viec-nhe-luong-cao",
        title="Áp phích: Cảnh giác “việc nhẹ lương cao”",
        size=(1920, 1080),  # a television slide
        background="#0f5257",
        accent="#f2a541",
        ink="#ffffff",
        headline="Cảnh giác với lời mời “việc nhẹ lương cao”",
        footer="Hỏi cán bộ xã trước khi đi làm ăn xa · Gọi 113",
        shape="warning",
        used_by={"canh-giac-viec-nhe-luong-cao": "lead"},
    ),
    Poster(
        key="bao-tin",
        title="Áp phích: Thấy dấu hiệu mua bán người, hãy báo ngay",
        size=(1080, 1080),  # a social media square
        background="#1d3557",
        accent="#a8dadc",
        ink="#ffffff",
        headline="Thấy dấu hiệu mua bán người, hãy báo ngay",
        footer="Công an 113 · Bảo vệ trẻ em 111",
        shape="call",
        used_by={"bao-tin-mua-ban-nguoi": "body", "an-toan-tren-mang": "lead"},
    ),
    Poster(
        key=WITHDRAWN,
        title="Ảnh buổi sinh hoạt ở bản (gia đình đã rút lại đồng ý)",
        size=(1600, 1200),
        background="#5c6b73",
        accent="#c2dfe3",
        ink="#ffffff",
        headline="Buổi sinh hoạt ở bản",
        footer="Hình vẽ thay cho ảnh thật trong bản demo",
        shape="meeting",
        credit="Hội LHPN huyện Mường Lát",
        licence="Chỉ dùng nội bộ",
        consent=Consent.OBTAINED,  # withdrawn once the message is live
        shows_person=True,
        used_by={"ho-tro-nguoi-tro-ve-hoa-nhap": "body"},
    ),
]
TITLES = [poster.title for poster in POSTERS]


def _font(name: str, size: int):
    path = FONT_DIR / name
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _lines(draw, text: str, font, width: int) -> list[str]:
    """Words to lines no wider than ``width`` pixels."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def _shape(draw, poster: Poster, box: tuple[int, int, int, int]):
    left, top, right, bottom = box
    cx, cy = (left + right) // 2, (top + bottom) // 2
    radius = min(right - left, bottom - top) // 2
    accent, ink = poster.accent, poster.ink
    if poster.shape == "rings":
        # Linked rings: people joining hands, drawn without any person.
        step = radius // 2
        for offset in (-step, 0, step):
            r = radius * 3 // 5
            draw.ellipse(
                (cx + offset - r, cy - r, cx + offset + r, cy + r),
                outline=accent if offset else ink,
                width=max(8, radius // 14),
            )
    elif poster.shape == "warning":
        points = [
            (cx, cy - radius),
            (cx + radius, cy + radius),
            (cx - radius, cy + radius),
        ]
        draw.polygon(points, fill=accent)
        bar = radius // 8
        draw.rectangle(
            (cx - bar // 2, cy - radius // 3, cx + bar // 2, cy + radius // 2),
            fill=poster.background,
        )
        draw.ellipse(
            (
                cx - bar // 2,
                cy + radius * 2 // 3,
                cx + bar // 2,
                cy + radius * 2 // 3 + bar,
            ),
            fill=poster.background,
        )
    elif poster.shape == "call":
        # A handset's outline and three waves.
        w, h = radius * 2 // 3, radius * 6 // 5
        draw.rounded_rectangle(
            (cx - w // 2, cy - h // 2, cx + w // 2, cy + h // 2),
            radius=w // 6,
            outline=ink,
            width=max(6, radius // 16),
        )
        for ring in (1, 2, 3):
            r = w // 2 + ring * radius // 7
            draw.arc(
                (cx - r, cy - r, cx + r, cy + r),
                -40,
                40,
                fill=accent,
                width=radius // 18,
            )
    else:  # "meeting": seated figures seen from behind, no faces
        for index in range(4):
            x = left + (right - left) * (2 * index + 1) // 8
            head = (right - left) // 22
            draw.ellipse((x - head, cy - 2 * head, x + head, cy), fill=accent)
            draw.rounded_rectangle(
                (x - 2 * head, cy + head // 2, x + 2 * head, cy + 5 * head),
                radius=head,
                fill=accent,
            )


def _fitted(draw, text: str, name: str, size: int, width: int, height: int):
    """The largest font from ``size`` down whose lines fit the box, and the lines."""
    while True:
        font = _font(name, size)
        lines = _lines(draw, text, font, width)
        fits = all(draw.textlength(line, font=font) <= width for line in lines)
        if size <= 16 or (fits and len(lines) * size * 1.25 <= height):
            return font, lines, size
        size -= 2


def poster_png(poster: Poster) -> bytes:
    """The poster as a PNG: a band for the shape, the slogan, a footer line."""
    width, height = poster.size
    image = Image.new("RGB", poster.size, poster.background)
    draw = ImageDraw.Draw(image)
    margin = min(width, height) // 12
    landscape = width > height
    if landscape:
        shape_box = (margin, margin, width * 2 // 5, height - margin)
        left = width * 2 // 5 + margin
        top = height // 5
    else:
        shape_box = (margin, margin, width - margin, height * 2 // 5)
        left = margin
        top = height * 2 // 5 + margin
    text_width = width - left - margin
    _shape(draw, poster, shape_box)
    small, footer, small_size = _fitted(
        draw, poster.footer, REGULAR, min(width, height) // 28, text_width, height // 8
    )
    footer_top = height - margin - len(footer) * int(small_size * 1.25)
    font, lines, size = _fitted(
        draw,
        poster.headline.upper(),
        BOLD,
        min(width, height) // 11,
        text_width,
        footer_top - top - 2 * margin,
    )
    y = top
    for line in lines:
        draw.text((left, y), line, font=font, fill=poster.ink)
        y += int(size * 1.25)
    bar = y + size // 3
    draw.rectangle(
        (left, bar, left + text_width // 4, bar + size // 6), fill=poster.accent
    )
    y = footer_top
    for line in footer:
        draw.text((left, y), line, font=small, fill=poster.ink)
        y += int(small_size * 1.25)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _image(poster: Poster) -> CampaignImage:
    image = CampaignImage.objects.filter(title=poster.title).first()
    if image is not None:
        return image
    image = CampaignImage(
        title=poster.title,
        credit=poster.credit,
        licence=poster.licence,
        consent=poster.consent,
        shows_identifiable_person=poster.shows_person,
        file=ImageFile(io.BytesIO(poster_png(poster)), name=f"demo-{poster.key}.png"),
    )
    image._set_image_file_metadata()
    width, height = poster.size
    if width < height:
        # The slogan sits below the shape: the television frame keeps it.
        image.focal_point_x, image.focal_point_y = width // 2, height * 3 // 5
        image.focal_point_width, image.focal_point_height = width, height * 2 // 5
    image.save()
    image.tags.add("demo", "áp phích" if not poster.shows_person else "ảnh")
    return image


def load() -> dict[str, CampaignImage]:
    """The demo's images by key, drawn and stored the first time only."""
    return {poster.key: _image(poster) for poster in POSTERS}


def attach(page, images: dict[str, CampaignImage]) -> None:
    """Put the images on a new message page before it is first published."""
    for poster in POSTERS:
        use = poster.used_by.get(page.slug)
        image = images.get(poster.key)
        if use is None or image is None or not image.is_publishable:
            continue
        if use == "lead":
            page.lead_image = image
        elif use == "related":
            page.related_media = [("image", image)]
        else:
            alt = poster.headline.replace('"', "")
            page.body = (
                f'{page.body}<embed alt="{alt}" embedtype="image" '
                f'format="fullwidth" id="{image.pk}"/>'
            )


def withdraw(images: dict[str, CampaignImage]) -> None:
    """The family of the meeting photo withdrew consent after publication."""
    image = images.get(WITHDRAWN)
    if image is not None and image.consent != Consent.WITHHELD:
        image.consent = Consent.WITHHELD
        image.save()


def reset():
    CampaignImage.objects.filter(title__in=TITLES).delete()
