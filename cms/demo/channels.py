"""The 2017 channels of plan 109/KH-BCĐ and an approved broadcast plan around 30/7."""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from campaigns.models import (
    CampaignPage,
    Language,
    Organisation,
    OrganisationKind,
    Region,
)
from schedules.broadcasts import plan_approve
from schedules.models import BroadcastPlan, Channel, ChannelWindow
from schedules.planning import broadcast_plan_generate

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# The plan is made the day plan 109/KH-BCĐ was signed.
PLANNED_AT = datetime.datetime(2017, 6, 30, 8, 0, tzinfo=TZ)
SEED = 2017

# name, owner kind, kind, formats, languages, capacity, windows, slot, audience, how
PROVINCIAL = [
    (
        "Đài PT-TH Thanh Hóa – Phát thanh",
        OrganisationKind.MEDIA,
        "radio",
        ["loudspeaker_script"],
        ["vi", "blt", "mtq"],
        4,
        [("06:00", "07:00"), ("11:00", "12:00"), ("18:00", "19:00")],
        5,
        120000,
        "email",
    ),
    (
        "Đài PT-TH Thanh Hóa – Truyền hình",
        OrganisationKind.MEDIA,
        "television",
        ["loudspeaker_script", "poster_caption"],
        ["vi"],
        3,
        [("19:00", "20:00"), ("21:00", "22:30")],
        3,
        200000,
        "email",
    ),
    (
        "Báo Thanh Hóa",
        OrganisationKind.MEDIA,
        "newspaper",
        ["article"],
        ["vi"],
        1,
        [("05:00", "06:00")],
        60,
        45000,
        "email",
    ),
    (
        "Cổng thông tin điện tử tỉnh Thanh Hóa",
        OrganisationKind.INFORMATION,
        "web_portal",
        ["article", "short_text"],
        ["vi"],
        2,
        [("08:00", "17:00")],
        30,
        15000,
        "pull_feed",
    ),
    (
        "Trang Hội Liên hiệp Phụ nữ tỉnh",
        OrganisationKind.WOMENS_UNION,
        "social_page",
        ["social_post", "short_text"],
        ["vi"],
        1,
        [("20:00", "21:00")],
        15,
        8000,
        "email",
    ),
    (
        "Nhà văn hóa và điểm du lịch",
        OrganisationKind.CULTURE,
        "cultural_venue",
        ["poster_caption"],
        ["vi"],
        1,
        [("08:00", "17:00")],
        60,
        3000,
        "run_sheet",
    ),
]
LOUDSPEAKER_WINDOWS = [("05:30", "06:30"), ("17:00", "18:00")]


def _media_unit(province):
    unit, _ = Organisation.objects.get_or_create(
        name="Đài Phát thanh và Truyền hình Thanh Hóa",
        defaults={
            "short_name": "Đài PT-TH",
            "kind": OrganisationKind.MEDIA,
            "region": province,
            "parent": Organisation.objects.get(kind=OrganisationKind.INFORMATION),
            "plan_section": "III.3",
        },
    )
    return unit


def _channel(
    name,
    owner,
    kind,
    formats,
    languages,
    capacity,
    windows,
    slot,
    audience,
    delivery,
    regions,
):
    channel = Channel.objects.filter(name=name).first()
    if channel is not None:
        return channel
    slug = name.lower().encode("ascii", "ignore").decode().replace(" ", "")[:20]
    channel = Channel(
        name=name,
        owner=owner,
        kind=kind,
        formats=formats,
        daily_capacity=capacity,
        slot_minutes=slot,
        audience_per_airing=audience,
        delivery_method=delivery,
        contact_name="Bộ phận lịch phát sóng",
        contact_email=f"lichphatsong.{slug or 'kenh'}@example.vn",
        lead_minutes=60 if delivery == "email" else 0,
    )
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


def _channels():
    province = Region.objects.get(depth=1)
    owners = {
        kind: Organisation.objects.get(kind=kind, parent__isnull=True)
        for kind in (
            OrganisationKind.INFORMATION,
            OrganisationKind.WOMENS_UNION,
            OrganisationKind.CULTURE,
        )
    }
    owners[OrganisationKind.MEDIA] = _media_unit(province)
    for (
        name,
        owner,
        kind,
        formats,
        languages,
        capacity,
        windows,
        slot,
        audience,
        how,
    ) in PROVINCIAL:
        _channel(
            name,
            owners[owner],
            kind,
            formats,
            languages,
            capacity,
            windows,
            slot,
            audience,
            how,
            [province],
        )
    for district in Region.objects.filter(depth=2):
        languages = ["vi", "blt", "hmn"] if district.border else ["vi"]
        _channel(
            f"Loa truyền thanh cơ sở – {district.name}",
            Organisation.objects.get(name=f"UBND {district.name}"),
            "loudspeaker",
            ["loudspeaker_script"],
            languages,
            2,
            LOUDSPEAKER_WINDOWS,
            5,
            2500,
            "run_sheet",
            [district],
        )
    return Channel.objects.count()


def _plan():
    campaign = CampaignPage.objects.get(year=2017)
    plan = BroadcastPlan.objects.filter(campaign=campaign).first()
    if plan is None:
        plan, _count = broadcast_plan_generate(
            campaign=campaign, now=PLANNED_AT, seed=SEED
        )
        admin = get_user_model().objects.get(username="admin")
        plan_approve(plan=plan, user=admin)
    return plan


def load() -> str:
    count = _channels()
    plan = _plan()
    return (
        f"{count} channels; plan #{plan.pk}: {plan.broadcasts.count()} broadcasts, "
        f"{plan.coverage.get('gaps', 0)} coverage gaps"
    )


def reset():
    BroadcastPlan.objects.all().delete()
    Channel.objects.all().delete()
