"""The site Lighthouse measures: the demo's 2017 campaign and messages, one message
with a consented photograph as its lead image; run as a script by the benchmark.

Prints, as JSON, the paths to measure and the audience cookie of a reader from the
Mường Lát district, aged 16–30, reading Vietnamese.
"""

import io
import json

import django

django.setup()

from django.core.files.images import ImageFile  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402

from campaigns.audience import COOKIE, Audience  # noqa: E402
from campaigns.models import MessagePage, Region  # noqa: E402
from cms.demo import editors, platform  # noqa: E402
from media.models import CampaignImage, Consent  # noqa: E402
from tests.factories import publish_checked  # noqa: E402

MESSAGE = "canh-giac-viec-nhe-luong-cao"


def photograph(size=(1600, 1067)) -> bytes:
    """A JPEG with a photograph's amount of detail: smooth shapes and some grain."""
    image = Image.effect_noise(size, 48).convert("RGB")
    image = image.filter(ImageFilter.GaussianBlur(2))
    gradient = Image.linear_gradient("L").resize(size).convert("RGB")
    image = Image.blend(image, gradient, 0.6)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


platform.load(admin_password="bench-only-password-2017")
editors.load(password="bench-only-password-2017")
message = MessagePage.objects.get(slug=MESSAGE)
if message.lead_image is None:
    image = CampaignImage.objects.create(
        title="Buổi nói chuyện về phòng, chống mua bán người",
        credit="Hội Liên hiệp Phụ nữ tỉnh Thanh Hóa",
        consent=Consent.OBTAINED,
        file=ImageFile(io.BytesIO(photograph()), name="buoi-noi-chuyen.jpg"),
    )
    message.lead_image = image
    publish_checked(message.save_revision())
district = Region.objects.get(name="Huyện Mường Lát")
reader = Audience(district.pk, "youth", "vi")
print(
    json.dumps(
        {
            "pages": {
                "home": "/",
                "message": message.url,
                "search": "/search/?q=mua+ban+nguoi",
            },
            "cookie": f"{COOKIE}={reader.cookie_value}",
        }
    )
)
