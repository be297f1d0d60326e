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


# --- planning ---------------------------------------------------------------------


def organisation(name="Sở Thông tin và Truyền thông", kind="information", region=None):
    from campaigns.models import Organisation

    unit, _ = Organisation.objects.get_or_create(
        name=name, defaults={"kind": kind, "region": region or province()}
    )
    return unit


def channel(
    name,
    regions,
    *,
    kind="loudspeaker",
    windows=(("05:30", "06:30"),),
    capacity=2,
    slot_minutes=10,
    formats=("loudspeaker_script",),
    languages=("vi",),
    **fields,
):
    import datetime

    from campaigns.models import Language
    from schedules.models import Channel, ChannelWindow

    item = Channel(
        name=name,
        owner=fields.pop("owner", None) or organisation(),
        kind=kind,
        formats=list(formats),
        daily_capacity=capacity,
        slot_minutes=slot_minutes,
        delivery_method=fields.pop("delivery_method", "run_sheet"),
        **fields,
    )
    for order, (start, end) in enumerate(windows):
        item.windows.add(
            ChannelWindow(
                sort_order=order,
                start=datetime.time.fromisoformat(start),
                end=datetime.time.fromisoformat(end),
            )
        )
    item.regions = regions
    item.languages = Language.objects.filter(code__in=languages)
    item.save()
    return item
