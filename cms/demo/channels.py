"""The 2017 channels of plan 109/KH-BCĐ and an approved broadcast plan around 30/7."""

import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from campaigns.models import (
    CampaignPage,
    Language,
    Organisation,
    OrganisationKind,
)
from schedules.models import BroadcastPlan, Channel, ChannelWindow
from schedules.planning.edits import plan_approve
from schedules.planning.services import broadcast_plan_generate

from . import reach
from .platform import history_regions, peoples_committee

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# The plan is made the day plan 109/KH-BCĐ was signed.
PLANNED_AT = datetime.datetime(2017, 6, 30, 8, 0, tzinfo=TZ)
SEED = 2017


class Spec(NamedTuple):
    name: str
    owner: str
    kind: str
    formats: list
    languages: list
    capacity: int
    windows: list
    slot: int
    audience: int
    delivery: str


# fmt: off
PROVINCIAL = [
    Spec("Đài PT-TH Thanh Hóa – Phát thanh", OrganisationKind.MEDIA, "radio",
         ["loudspeaker_script"], ["vi", "blt", "mtq"], 4,
         [("06:00", "07:00"), ("11:00", "12:00"), ("18:00", "19:00")], 5, 120000,
         "email"),
    Spec("Đài PT-TH Thanh Hóa – Truyền hình", OrganisationKind.MEDIA, "television",
         ["loudspeaker_script", "poster_caption"], ["vi"], 3,
         [("19:00", "20:00"), ("21:00", "22:30")], 3, 200000, "email"),
    Spec("Báo Thanh Hóa", OrganisationKind.MEDIA, "newspaper", ["article"], ["vi"], 1,
         [("05:00", "06:00")], 60, 45000, "email"),
    Spec("Cổng thông tin điện tử tỉnh Thanh Hóa", OrganisationKind.INFORMATION,
         "web_portal", ["article", "short_text"], ["vi"], 2, [("08:00", "17:00")], 30,
         15000, "pull_feed"),
    Spec("Trang Hội Liên hiệp Phụ nữ tỉnh", OrganisationKind.WOMENS_UNION,
         "social_page", ["social_post", "short_text"], ["vi"], 1, [("20:00", "21:00")],
         15, 8000, "email"),
    Spec("Nhà văn hóa và điểm du lịch", OrganisationKind.CULTURE, "cultural_venue",
         ["poster_caption"], ["vi"], 1, [("08:00", "17:00")], 60, 3000, "run_sheet"),
]
# fmt: on
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


def _channel(spec: Spec, owner, regions):
    channel = Channel.objects.filter(name=spec.name).first()
    if channel is not None:
        return channel
    channel = Channel(
        name=spec.name,
        owner=owner,
        kind=spec.kind,
        formats=spec.formats,
        daily_capacity=spec.capacity,
        slot_minutes=spec.slot,
        audience_per_airing=spec.audience,
        delivery_method=spec.delivery,
        contact_name="Bộ phận lịch phát sóng",
        contact_email="lichphatsong@example.vn",
        lead_minutes=60 if spec.delivery == "email" else 0,
    )
    for order, (start, end) in enumerate(spec.windows):
        channel.windows.add(
            ChannelWindow(
                sort_order=order,
                start=datetime.time.fromisoformat(start),
                end=datetime.time.fromisoformat(end),
            )
        )
    channel.regions = regions
    channel.languages = Language.objects.filter(code__in=spec.languages)
    channel.save()
    return channel


def _channels():
    province = history_regions().get(depth=1)
    owners = {
        kind: Organisation.objects.get(kind=kind, parent__isnull=True)
        for kind in (
            OrganisationKind.INFORMATION,
            OrganisationKind.WOMENS_UNION,
            OrganisationKind.CULTURE,
        )
    }
    owners[OrganisationKind.MEDIA] = _media_unit(province)
    for spec in PROVINCIAL:
        _channel(spec, owners[spec.owner], [province])
    for district in history_regions().filter(depth=2):
        spec = Spec(
            f"Loa truyền thanh cơ sở – {district.name}",
            OrganisationKind.PEOPLES_COMMITTEE,
            "loudspeaker",
            ["loudspeaker_script"],
            ["vi", "blt", "hmn"] if district.border else ["vi"],
            2,
            LOUDSPEAKER_WINDOWS,
            5,
            2500,
            "run_sheet",
        )
        owner = peoples_committee(district)
        _channel(spec, owner, [district])
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
    reach.populations()
    count = _channels()
    plan = _plan()
    return (
        f"{count} channels; plan #{plan.pk}: {plan.broadcasts.count()} broadcasts, "
        f"{plan.coverage.get('gaps', 0)} coverage gaps"
    )


def reset():
    BroadcastPlan.objects.all().delete()
    Channel.objects.all().delete()
