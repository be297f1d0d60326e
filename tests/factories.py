"""Small builders for test data; never the whole demo."""

import datetime

import factory
from django.contrib.auth import get_user_model

from campaigns.models import AgeBand, CampaignPage, Region, RegionKind, Slogan
from cms.models import HomePage


def home_page() -> HomePage:
    return HomePage.objects.get()


def province() -> Region:
    found = Region.objects.filter(depth=1).first()
    return found or Region.add_root(
        code="38", name="Tỉnh Thanh Hóa", kind=RegionKind.PROVINCE
    )


def region(parent: Region, code: str, name: str, kind=RegionKind.DISTRICT, **flags):
    return parent.add_child(code=code, name=name, kind=kind, **flags)


def campaign(year=2017, live=True, **fields) -> CampaignPage:
    page = CampaignPage(
        title=f"Ngày toàn dân phòng, chống mua bán người – 30/7 năm {year}",
        slug=str(year),
        year=year,
        live=live,
        **fields,
    )
    home_page().add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def slogan(campaign_page: CampaignPage, text: str, order=1, live=True) -> Slogan:
    item = Slogan.objects.create(
        campaign=campaign_page, text=text, sort_order=order, live=False
    )
    if live:
        item.save_revision().publish()
    return item


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    password = factory.django.Password("pw-for-tests-2017")


DAY = datetime.date(2017, 7, 30)


def message(
    campaign_page,
    title="Cảnh giác với lời mời việc làm nhẹ lương cao",
    live=True,
    variants=(),
    **fields,
):
    """A message page with variants given as dicts of MessageVariant fields."""
    from campaigns.models import MessagePage, MessageVariant

    page = MessagePage(
        title=title,
        summary=fields.pop("summary", "Tóm tắt thông điệp."),
        body=fields.pop("body", "<p>Nội dung thông điệp.</p>"),
        live=live,
        **fields,
    )
    for order, spec in enumerate(variants):
        spec = dict(spec)
        ages = spec.pop("age_bands", [])
        regions = spec.pop("target_regions", [])
        variant = MessageVariant(sort_order=order, **spec)
        variant.age_bands = AgeBand.objects.filter(code__in=ages)
        variant.target_regions = regions
        page.variants.add(variant)
    campaign_page.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


# press: images for feeds, press outlets and their coverage.


def image(title="Buổi nói chuyện ở Hậu Lộc", name="photo.jpg", **fields):
    """A small library image with its credit; consent as given."""
    from django.core.files.images import ImageFile
    from django.core.files.uploadedfile import SimpleUploadedFile

    from media.models import CampaignImage
    from tests.media.files import photo

    fields.setdefault("credit", "Báo Thanh Hóa")
    return CampaignImage.objects.create(
        title=title,
        file=ImageFile(SimpleUploadedFile(name, photo(size=(320, 240))), name=name),
        **fields,
    )


def published_messages(campaign_page, count, images=(), start=0):
    """Many published messages at once (no revisions), each with a short text."""
    from django.utils import timezone

    from campaigns.models import Format, MessagePage, MessageVariant

    now = timezone.now()
    for number in range(start, start + count):
        page = MessagePage(
            title=f"Thông điệp số {number}",
            slug=f"thong-diep-{number}",
            summary="Tóm tắt.",
            body="<p>Nội dung.</p>",
            live=True,
            first_published_at=now,
            last_published_at=now,
            lead_image=images[number % len(images)] if images else None,
        )
        page.variants.add(
            MessageVariant(format=Format.SHORT_TEXT, text=f"Mã tin {number}")
        )
        campaign_page.add_child(instance=page)
