"""Small builders for test data; never the whole demo."""

import datetime

import factory
from django.contrib.auth import get_user_model

from campaigns.models import CampaignPage, Region, RegionKind, Slogan
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
