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
        live=False,
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
        publish_checked(revision)
        page.refresh_from_db()
    return page


def publish_checked(revision, user=None):
    """Publish a message's revision the way a moderator does: checklist first."""
    from campaigns.safety.services import checklist_confirm

    checklist_confirm(revision=revision, user=user)
    revision.publish(user=user)


# --- planning ---------------------------------------------------------------------


def information_department(
    name="Sở Thông tin và Truyền thông", kind="information", region=None
):
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
        owner=fields.pop("owner", None) or information_department(),
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


# dispatch: channels, and approved broadcasts ready to be dispatched.


def dispatch_campaign():
    from campaigns.models import CampaignPage

    return CampaignPage.objects.filter(year=2017).first() or campaign()


def dispatch_message(campaign_page=None, live=True):
    """A published message with one radio variant, as the planner would pick."""
    from campaigns.models import Format

    return message(
        campaign_page or dispatch_campaign(),
        live=live,
        variants=[
            {
                "format": Format.LOUDSPEAKER_SCRIPT,
                "text": "Hãy cảnh giác với lời mời đi làm ăn xa nhẹ việc, lương cao.",
            }
        ],
    )


def dispatch_region(population=200_000):
    from campaigns.models import Region

    found = Region.objects.filter(code="38.380").first()
    return found or region(
        province(), "38.380", "Huyện Mường Lát", population=population, border=True
    )


def dispatch_channel(method="webhook", name=None, **fields):
    from campaigns.models import Organisation, OrganisationKind
    from schedules.models import Channel, ChannelKind

    owner, _ = Organisation.objects.get_or_create(
        name="Sở Thông tin và Truyền thông",
        defaults={"kind": OrganisationKind.INFORMATION, "region": province()},
    )
    defaults = {
        "name": name or f"Kênh {method} {Channel.objects.count() + 1}",
        "owner": owner,
        "kind": ChannelKind.RADIO,
        "daily_capacity": 10,
        "slot_minutes": 5,
        "audience_per_airing": 12_000,
        "delivery_method": method,
        "contact_email": "dai@example.vn",
        "webhook_url": "http://127.0.0.1:9/" if method == "webhook" else "",
        "webhook_secret": "bí-mật-kênh" if method == "webhook" else "",
    }
    defaults.update(fields)
    return Channel.objects.create(**defaults)


def dispatch_plan(campaign_page=None):
    from schedules.models import BroadcastPlan, PlanStatus

    return BroadcastPlan.objects.create(
        campaign=campaign_page or dispatch_campaign(), status=PlanStatus.READY
    )


def dispatch_broadcasts(channel, starts, *, message_page=None, plan=None, **fields):
    """Approved broadcasts on ``channel``, one per start time, made in one query."""
    from campaigns.models import MessagePage
    from schedules.models import Broadcast, BroadcastStatus

    message_page = (
        message_page or MessagePage.objects.live().first() or dispatch_message()
    )
    variant = message_page.variants.first()
    plan = plan or dispatch_plan()
    place = fields.pop("region", None) or dispatch_region()
    values = {
        "status": BroadcastStatus.APPROVED,
        "text": variant.text if variant else "Nội dung phát thanh.",
        **fields,
    }
    made = Broadcast.objects.bulk_create(
        Broadcast(
            plan=plan,
            channel=channel,
            message=message_page,
            variant=variant,
            region=place,
            starts_at=start,
            ends_at=start + datetime.timedelta(minutes=channel.slot_minutes),
            **values,
        )
        for start in starts
    )
    return list(Broadcast.objects.filter(pk__in=[b.pk for b in made]).order_by("pk"))


def dispatch_broadcast(channel, starts_at, **fields):
    return dispatch_broadcasts(channel, [starts_at], **fields)[0]


# --- sessions ---------------------------------------------------------------------


def organisation(name, region, kind=None, parent=None):
    from campaigns.models import Organisation, OrganisationKind

    return Organisation.objects.create(
        name=name,
        kind=kind or OrganisationKind.WOMENS_UNION,
        region=region,
        parent=parent,
    )


def organiser(username, unit, area, **fields):
    """A user in the Organisers group with an organiser membership for ``area``."""
    from campaigns.models import Membership, Role
    from schedules.sessions.services import organisers_setup

    user = UserFactory(username=username, **fields)
    user.groups.add(organisers_setup())
    Membership.objects.create(
        user=user, organisation=unit, region=area, role=Role.ORGANISER
    )
    return user


def session(campaign_page, unit, place, starts_at=None, hours=2, **fields):
    from schedules.models import Session, SessionKind

    starts_at = starts_at or datetime.datetime(
        2017, 7, 30, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
    )
    fields.setdefault("title", f"Nói chuyện chuyên đề ở {place.name}")
    fields.setdefault("kind", SessionKind.TALK)
    fields.setdefault("venue", "Nhà văn hóa")
    return Session.objects.create(
        campaign=campaign_page,
        organisation=unit,
        region=place,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=hours),
        **fields,
    )


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
    """Many published messages at once, each with a short text.

    Each goes live with a confirmed checklist, as the guard requires, but without
    the publishing machinery, to stay quick.
    """
    from django.utils import timezone

    from campaigns.models import (
        ChecklistConfirmation,
        Format,
        MessagePage,
        MessageVariant,
    )

    now = timezone.now()
    for number in range(start, start + count):
        page = MessagePage(
            title=f"Thông điệp số {number}",
            slug=f"thong-diep-{number}",
            summary="Tóm tắt.",
            body="<p>Nội dung.</p>",
            live=False,
            lead_image=images[number % len(images)] if images else None,
        )
        page.variants.add(
            MessageVariant(format=Format.SHORT_TEXT, text=f"Mã tin {number}")
        )
        campaign_page.add_child(instance=page)
        revision = page.save_revision()
        ChecklistConfirmation.objects.create(revision=revision, page=page)
        page.live, page.live_revision = True, revision
        page.first_published_at = page.last_published_at = now
        page.has_unpublished_changes = False
        page.save()


# --- reports ----------------------------------------------------------------------


def report_time(day: int, month: int = 7, hour: int = 10, minute: int = 0, year=2017):
    """An aware local time of the campaign year."""
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def report_unit(name, *, kind="information", parent=None, region=None, **fields):
    from campaigns.models import Organisation

    return Organisation.objects.create(
        name=name, kind=kind, parent=parent, region=region or province(), **fields
    )


def report_plan(campaign_page):
    from schedules.models import BroadcastPlan

    return BroadcastPlan.objects.create(campaign=campaign_page, status="ready")


def report_broadcast(plan, channel_item, region_item, starts_at, status="aired", **kw):
    import datetime as dt

    from schedules.models import Broadcast

    if status == "cancelled":
        kw.setdefault("cancel_reason", "Trùng lịch")
    return Broadcast.objects.create(
        plan=plan,
        channel=channel_item,
        region=region_item,
        text="Chung tay phòng, chống mua bán người",
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=10),
        status=status,
        **kw,
    )


def report_session(campaign_page, unit, region_item, starts_at, status="held", **kw):
    import datetime as dt

    from schedules.models import Session

    if status == "cancelled":
        kw.setdefault("cancel_reason", "Mưa bão")
    return Session.objects.create(
        organisation=unit,
        campaign=campaign_page,
        kind="talk",
        title=kw.pop("title", "Nói chuyện chuyên đề"),
        region=region_item,
        venue="Nhà văn hóa",
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=2),
        status=status,
        **kw,
    )


def report_coverage(campaign_page, outlet_region, published_at, status="confirmed"):
    from schedules.models import Coverage, PressOutlet

    outlet, _ = PressOutlet.objects.get_or_create(
        feed_url="https://baothanhhoa.example.vn/rss",
        defaults={
            "name": "Báo Thanh Hóa",
            "readership": 300,
            "region": outlet_region,
        },
    )
    return Coverage.objects.create(
        outlet=outlet,
        campaign=campaign_page,
        entry_id=f"{status}-{published_at.isoformat()}",
        title="Hưởng ứng ngày 30/7",
        published_at=published_at,
        status=status,
    )


def report_reach(source, region_item, count, reached_at, **kw):
    """A reach record of a broadcast, session or press article (`source`)."""
    from schedules.models import Broadcast, ReachRecord, Session

    if isinstance(source, Broadcast):
        kw["broadcast"] = source
    elif isinstance(source, Session):
        kw["session"] = source
    else:
        kw["coverage"] = source
    kw.setdefault("method", "estimated")
    return ReachRecord.objects.create(
        region=region_item, count=count, reached_at=reached_at, **kw
    )


def report_member(username, role, region_item, unit=None, **fields):
    from campaigns.models import Membership

    user = UserFactory(username=username, **fields)
    Membership.objects.create(
        user=user,
        organisation=unit or information_department(),
        region=region_item,
        role=role,
    )
    return user
