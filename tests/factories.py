"""Test data: one factory_boy factory per model, with traits for the states tests need.

Defaults are the 2017 campaign in Thanh Hóa, so a test names only what it checks:

    soon = timezone.now() + datetime.timedelta(minutes=5)
    BroadcastFactory(approved=True, channel__webhook=True, starts_at=soon)
    SessionFactory(held=True, organisation=union, region=commune)
    UserFactory(organiser=True, unit=union, area=district)

Several broadcasts at once: ``BroadcastFactory.create_batch(3, approved=True,
channel=channel, starts_at=factory.Iterator(starts))``. Never the whole demo.
"""

import datetime
from zoneinfo import ZoneInfo

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from campaigns.models import (
    AgeBand,
    CampaignPage,
    Format,
    Language,
    Membership,
    MessagePage,
    MessageVariant,
    Organisation,
    OrganisationKind,
    Region,
    RegionKind,
    Role,
    Slogan,
)
from cms.models import HomePage
from media.models import CampaignImage
from schedules.models import (
    Broadcast,
    BroadcastPlan,
    BroadcastStatus,
    Channel,
    ChannelKind,
    ChannelWindow,
    Coverage,
    CoverageStatus,
    DeliveryMethod,
    PlanStatus,
    PressOutlet,
    RadioCluster,
    ReachMethod,
    ReachRecord,
    Session,
    SessionKind,
    SessionStatus,
    SmartRadio,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")

# --- places and times: not factories, the fixed points the factories hang on ------


def home_page() -> HomePage:
    return HomePage.objects.get()


def province() -> Region:
    """The province, the root of the region tree (made once)."""
    found = Region.objects.filter(depth=1).first()
    return found or Region.add_root(
        code="38", name="Tỉnh Thanh Hóa", kind=RegionKind.PROVINCE
    )


def border_district() -> Region:
    """Mường Lát, on the Lao border: where a broadcast goes unless told (made once)."""
    found = Region.objects.filter(code="38.380").first()
    return found or RegionFactory(
        code="38.380", name="Huyện Mường Lát", population=200_000, border=True
    )


def local_time(day: int, month: int = 7, hour: int = 10, minute: int = 0, year=2017):
    """An aware local time of the campaign year."""
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


# --- campaigns --------------------------------------------------------------------


class RegionFactory(DjangoModelFactory):
    """A district of the province unless `parent` and `kind` say otherwise."""

    class Meta:
        model = Region

    parent = factory.LazyFunction(province)
    code = factory.Sequence(lambda n: f"99.{n:04d}")
    name = factory.LazyAttribute(lambda region: f"Huyện {region.code}")
    kind = RegionKind.DISTRICT

    @classmethod
    def _create(cls, model_class, *, parent, **fields):
        return parent.add_child(**fields)


class OrganisationFactory(DjangoModelFactory):
    """A unit, found by name if it exists: by default the Department of Information
    and Communications, which owns channels and employs planners."""

    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = "Sở Thông tin và Truyền thông"
    kind = OrganisationKind.INFORMATION
    region = factory.LazyFunction(province)


def _join_organisers(user, create, extracted, **kwargs):
    from schedules.sessions.services import organisers_setup

    if create:
        user.groups.add(organisers_setup())


class UserFactory(DjangoModelFactory):
    """A user; with a `role`, a member of `unit` (the information department unless
    given) for `area` (the province unless given). `organiser=True` is an organiser
    in the Organisers group, as the admin makes them."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    class Params:
        role = None
        unit = None
        area = None
        in_organisers_group = False
        organiser = factory.Trait(role=Role.ORGANISER, in_organisers_group=True)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    password = factory.django.Password("pw-for-tests-2017")
    membership = factory.Maybe(
        "role",
        factory.RelatedFactory(
            "tests.factories.MembershipFactory",
            factory_related_name="user",
            role=factory.SelfAttribute("..role"),
            organisation=factory.LazyAttribute(
                lambda m: m.factory_parent.unit or OrganisationFactory()
            ),
            region=factory.LazyAttribute(lambda m: m.factory_parent.area or province()),
        ),
    )

    organisers_group = factory.Maybe(
        "in_organisers_group", factory.PostGeneration(_join_organisers)
    )


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    region = factory.LazyFunction(province)
    role = Role.PLANNER


class CampaignPageFactory(DjangoModelFactory):
    """The campaign of a `year` under the home page, published unless `live=False`;
    the existing one if that year has a campaign already."""

    class Meta:
        model = CampaignPage

    year = 2017
    title = factory.LazyAttribute(
        lambda page: f"Ngày toàn dân phòng, chống mua bán người – 30/7 năm {page.year}"
    )
    slug = factory.LazyAttribute(lambda page: str(page.year))
    live = True

    @classmethod
    def _create(cls, model_class, **fields):
        found = model_class.objects.filter(year=fields["year"]).first()
        if found:
            return found
        page = model_class(**fields)
        home_page().add_child(instance=page)
        revision = page.save_revision()
        if page.live:
            revision.publish()
        return page


class SloganFactory(DjangoModelFactory):
    """A slogan of the campaign, published through a revision unless `live=False`."""

    class Meta:
        model = Slogan

    campaign = factory.SubFactory(CampaignPageFactory)
    text = "Chung tay phòng, chống mua bán người"
    sort_order = 1
    live = True

    @classmethod
    def _create(cls, model_class, *, live, **fields):
        slogan = model_class.objects.create(live=False, **fields)
        if live:
            slogan.save_revision().publish()
        return slogan


class CampaignImageFactory(DjangoModelFactory):
    """A small library photo with its credit; consent as given."""

    class Meta:
        model = CampaignImage

    class Params:
        filename = "photo.jpg"

    title = "Buổi nói chuyện ở Hậu Lộc"
    credit = "Báo Thanh Hóa"
    file = factory.LazyAttribute(lambda image: _photo_file(image.filename))


def _photo_file(name):
    from django.core.files.images import ImageFile
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.media.files import photo

    return ImageFile(SimpleUploadedFile(name, photo(size=(320, 240))), name=name)


SCRIPT = {
    "format": Format.LOUDSPEAKER_SCRIPT,
    "text": "Hãy cảnh giác với lời mời đi làm ăn xa nhẹ việc, lương cao.",
}


class MessagePageFactory(DjangoModelFactory):
    """A message of the campaign, published through a revision unless `live=False`.

    `variants` are dicts of MessageVariant fields (`age_bands` as codes).
    It goes live as a moderator publishes it, victim-safety checklist first
    (`publisher` names who ticks and publishes). `loudspeaker_script=True` gives it
    the one script a channel would air; `imported=True` puts it live with a
    confirmed checklist but without the publishing machinery, fast enough for
    hundreds.
    """

    class Meta:
        model = MessagePage

    class Params:
        loudspeaker_script = factory.Trait(variants=[SCRIPT])
        imported = factory.Trait(
            title=factory.Sequence(lambda n: f"Thông điệp số {n}"),
            slug=factory.Sequence(lambda n: f"thong-diep-{n}"),
            summary="Tóm tắt.",
            body="<p>Nội dung.</p>",
            variants=factory.Sequence(
                lambda n: [{"format": Format.SHORT_TEXT, "text": f"Mã tin {n}"}]
            ),
            revision=False,
        )

    campaign = factory.SubFactory(CampaignPageFactory)
    title = "Cảnh giác với lời mời việc làm nhẹ lương cao"
    summary = "Tóm tắt thông điệp."
    body = "<p>Nội dung thông điệp.</p>"
    live = True
    variants = ()
    revision = True
    publisher = None

    @classmethod
    def _create(
        cls, model_class, *, campaign, variants, revision, publisher, live, **fields
    ):
        page = model_class(live=False, **fields)
        for order, spec in enumerate(variants):
            spec = dict(spec)
            ages = spec.pop("age_bands", [])
            regions = spec.pop("target_regions", [])
            variant = MessageVariant(sort_order=order, **spec)
            variant.age_bands = AgeBand.objects.filter(code__in=ages)
            variant.target_regions = regions
            page.variants.add(variant)
        campaign.add_child(instance=page)
        saved = page.save_revision()
        if live and revision:
            publish_checked(saved, user=publisher)
            page.refresh_from_db()
        elif live:
            _put_live(page, saved)
        return page


def publish_checked(revision, user=None):
    """Publish a message's revision the way a moderator does: checklist first."""
    from campaigns.safety.services import checklist_confirm

    checklist_confirm(revision=revision, user=user)
    revision.publish(user=user)


def _put_live(page, revision):
    """Live with a confirmed checklist, as the guard requires, but without the
    publishing machinery (signals, logs, search), to stay quick."""
    from django.utils import timezone

    from campaigns.models import ChecklistConfirmation

    ChecklistConfirmation.objects.create(revision=revision, page=page)
    page.live, page.live_revision = True, revision
    page.first_published_at = page.last_published_at = timezone.now()
    page.has_unpublished_changes = False
    page.save()


# --- schedules --------------------------------------------------------------------


def _a_published_message():
    return MessagePage.objects.live().first() or MessagePageFactory(
        loudspeaker_script=True
    )


class ChannelFactory(DjangoModelFactory):
    """A channel of the information department: by default a loudspeaker on a paper
    run-sheet, twice a day in ten-minute slots, 05:30–06:30, scripts in Vietnamese.

    `webhook=True`, `email=True` or `pull_feed=True` make a radio station delivered
    that way (ten five-minute slots, 12,000 listeners an airing, no air windows, a
    contact e-mail); `station=True` the same station on a run-sheet.
    `smart_radio=True` is a commune loudspeaker run by smart radio: it pulls its
    feed, signs it, is late after fifteen minutes and has a SmartRadio with the
    clusters `radio__clusters` names.
    """

    class Meta:
        model = Channel
        skip_postgeneration_save = True

    class Params:
        station = factory.Trait(
            kind=ChannelKind.RADIO,
            daily_capacity=10,
            slot_minutes=5,
            audience_per_airing=12_000,
            contact_email="dai@example.vn",
            formats=(),
            windows=(),
            languages=(),
        )
        webhook = factory.Trait(
            station=True,
            delivery_method=DeliveryMethod.WEBHOOK,
            webhook_url="http://127.0.0.1:9/",
            webhook_secret="bí-mật-kênh",
        )
        email = factory.Trait(station=True, delivery_method=DeliveryMethod.EMAIL)
        pull_feed = factory.Trait(
            station=True, delivery_method=DeliveryMethod.PULL_FEED
        )
        smart_radio = factory.Trait(
            pull_feed=True,
            kind=ChannelKind.LOUDSPEAKER,
            webhook_secret="bí-mật-kênh",
            late_tolerance_minutes=15,
            radio=factory.RelatedFactory(
                "tests.factories.SmartRadioFactory", factory_related_name="channel"
            ),
        )

    name = factory.Sequence(lambda n: f"Kênh {n + 1}")
    owner = factory.SubFactory(OrganisationFactory)
    kind = ChannelKind.LOUDSPEAKER
    formats = ("loudspeaker_script",)
    daily_capacity = 2
    slot_minutes = 10
    delivery_method = DeliveryMethod.RUN_SHEET
    regions = ()
    windows = (("05:30", "06:30"),)
    languages = ("vi",)

    @classmethod
    def _create(cls, model_class, *, regions, windows, languages, formats, **fields):
        channel = model_class(formats=list(formats), **fields)
        for order, (start, end) in enumerate(windows):
            channel.windows.add(
                ChannelWindow(
                    sort_order=order,
                    start=datetime.time.fromisoformat(start),
                    end=datetime.time.fromisoformat(end),
                )
            )
        channel.regions = regions
        channel.languages = Language.objects.filter(code__in=languages)
        channel.save()
        return channel


class SmartRadioFactory(DjangoModelFactory):
    """The smart radio of a channel at 64 kbps, with `clusters` as (code,
    households) pairs of loudspeakers in Mường Lát."""

    class Meta:
        model = SmartRadio

    channel = factory.SubFactory(
        ChannelFactory, pull_feed=True, kind=ChannelKind.LOUDSPEAKER
    )
    bitrate_kbps = 64
    clusters = (("ML-01", 120), ("ML-02", 80))

    @classmethod
    def _create(cls, model_class, *, clusters, **fields):
        radio = model_class.objects.create(**fields)
        for order, (code, households) in enumerate(clusters):
            RadioCluster.objects.create(
                radio=radio,
                code=code,
                commune=border_district(),
                households=households,
                sort_order=order,
            )
        return radio


class BroadcastPlanFactory(DjangoModelFactory):
    class Meta:
        model = BroadcastPlan

    campaign = factory.SubFactory(CampaignPageFactory)
    status = PlanStatus.READY


class BroadcastFactory(DjangoModelFactory):
    """A draft airing of a published message's first variant in Mường Lát at 06:00
    on 30/7/2017, one slot long; `approved`, `sent`, `aired`, `cancelled` for those
    states (other statuses by `status=`)."""

    class Meta:
        model = Broadcast

    class Params:
        approved = factory.Trait(status=BroadcastStatus.APPROVED)
        sent = factory.Trait(
            status=BroadcastStatus.SENT,
            sent_at=factory.SelfAttribute("starts_at"),
            delivered_version=factory.SelfAttribute("version"),
        )
        aired = factory.Trait(status=BroadcastStatus.AIRED)
        cancelled = factory.Trait(
            status=BroadcastStatus.CANCELLED, cancel_reason="Trùng lịch"
        )

    plan = factory.SubFactory(BroadcastPlanFactory)
    channel = factory.SubFactory(ChannelFactory)
    message = factory.LazyFunction(_a_published_message)
    variant = factory.LazyAttribute(
        lambda b: b.message.variants.first() if b.message else None
    )
    text = factory.LazyAttribute(
        lambda b: (
            b.variant.text if b.variant else "Chung tay phòng, chống mua bán người"
        )
    )
    region = factory.LazyFunction(border_district)
    starts_at = datetime.datetime(2017, 7, 30, 6, 0, tzinfo=VN)
    ends_at = factory.LazyAttribute(
        lambda b: b.starts_at + datetime.timedelta(minutes=b.channel.slot_minutes)
    )
    version = 1
    status = BroadcastStatus.DRAFT


class SessionFactory(DjangoModelFactory):
    """A two-hour talk at the commune's cultural house at 08:00 on 30/7/2017,
    planned; `held` or `cancelled` for those states."""

    class Meta:
        model = Session

    class Params:
        held = factory.Trait(status=SessionStatus.HELD)
        cancelled = factory.Trait(
            status=SessionStatus.CANCELLED, cancel_reason="Mưa bão"
        )

    campaign = factory.SubFactory(CampaignPageFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    region = factory.LazyFunction(border_district)
    kind = SessionKind.TALK
    title = factory.LazyAttribute(lambda s: f"Nói chuyện chuyên đề ở {s.region.name}")
    venue = "Nhà văn hóa"
    starts_at = datetime.datetime(2017, 7, 30, 8, 0, tzinfo=VN)
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + datetime.timedelta(hours=2))
    status = SessionStatus.PLANNED


class PressOutletFactory(DjangoModelFactory):
    """Báo Thanh Hóa, found by its feed URL if it exists."""

    class Meta:
        model = PressOutlet
        django_get_or_create = ("feed_url",)

    name = "Báo Thanh Hóa"
    feed_url = "https://baothanhhoa.example.vn/rss"
    readership = 300
    region = factory.LazyFunction(province)


class CoverageFactory(DjangoModelFactory):
    """An article of the outlet about the campaign, waiting for review;
    `confirmed` or `rejected` for an editor's verdict."""

    class Meta:
        model = Coverage

    class Params:
        confirmed = factory.Trait(status=CoverageStatus.CONFIRMED)
        rejected = factory.Trait(status=CoverageStatus.REJECTED)

    outlet = factory.SubFactory(PressOutletFactory)
    campaign = factory.SubFactory(CampaignPageFactory)
    entry_id = factory.Sequence(lambda n: f"bai-{n}")
    title = "Hưởng ứng ngày 30/7"
    published_at = datetime.datetime(2017, 7, 30, 10, 0, tzinfo=VN)
    status = CoverageStatus.PENDING


class ReachRecordFactory(DjangoModelFactory):
    """People reached by a broadcast, session or article (give one), estimated."""

    class Meta:
        model = ReachRecord

    region = factory.LazyFunction(province)
    count = 100
    method = ReachMethod.ESTIMATED
    reached_at = datetime.datetime(2017, 7, 30, 10, 0, tzinfo=VN)
