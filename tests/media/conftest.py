import datetime

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from campaigns.models import CampaignPage
from cms.models import HomePage
from media.models import CampaignImage, Consent

from .files import photo


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores files in its own folders, so 'nothing written' can be
    checked: the public one (renditions, clips) is returned."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture
def originals_root(media_root, settings):
    """Where originals of images and documents are stored: never the public one."""
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def fresh_cache():
    """Wagtail caches renditions by image id, and ids repeat once a test rolls back."""
    cache.clear()


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def make_image(db):
    def make(title="Buổi nói chuyện ở Hậu Lộc", data=None, name="photo.jpg", **fields):
        fields.setdefault("credit", "Hội LHPN tỉnh Thanh Hóa")
        return CampaignImage.objects.create(
            title=title,
            file=ImageFile(SimpleUploadedFile(name, data or photo()), name=name),
            **fields,
        )

    return make


@pytest.fixture
def withheld_image(make_image):
    return make_image(title="Nạn nhân trở về", consent=Consent.WITHHELD)


@pytest.fixture
def home(db):
    return HomePage.objects.get()


@pytest.fixture
def make_campaign_page(home):
    def make(images=(), year=2026, **fields):
        embeds = "".join(
            f'<embed embedtype="image" id="{image.pk}" format="fullwidth"/>'
            for image in images
        )
        fields.setdefault("live", False)
        page = CampaignPage(
            title=f"Ngày toàn dân phòng, chống mua bán người {year}",
            year=year,
            anchor_date=datetime.date(year, 7, 30),
            period_start=datetime.date(year, 7, 1),
            period_end=datetime.date(year, 9, 30),
            objectives=f"<p>Chung tay phòng, chống mua bán người.</p>{embeds}",
            **fields,
        )
        home.add_child(instance=page)
        return page

    return make
