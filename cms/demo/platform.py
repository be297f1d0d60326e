"""The campaign, its slogans, the 27 districts of 2017, the units, the admin."""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model

from campaigns.models import (
    CampaignPage,
    CampaignReference,
    Membership,
    Organisation,
    OrganisationKind,
    Region,
    RegionMap,
    Role,
    Slogan,
)
from campaigns.region_import import regions_import
from cms.models import HomePage

DISTRICTS_CSV = Path(__file__).resolve().parent.parent.parent / (
    "campaigns/fixtures/thanh_hoa_2017_districts.csv"
)

CAMPAIGN_TITLE = "Ngày toàn dân phòng, chống mua bán người – 30/7 năm 2017"
SLOGANS = [
    "Tích cực hưởng ứng ngày toàn dân phòng, chống mua bán người",
    "Chung tay phòng, chống mua bán người",
    "Phòng, chống mua bán người là trách nhiệm của mỗi cá nhân, gia đình và xã hội",
]
OBJECTIVES = (
    "<ol>"
    "<li>Tổ chức triển khai, tuyên truyền sâu rộng “Ngày toàn dân phòng, chống mua "
    "bán người” tạo sự chuyển biến cơ bản về nhận thức, hành động của toàn xã hội về "
    "phòng, chống mua bán người nhằm giảm các nguy cơ, tội phạm liên quan đến mua bán "
    "người.</li>"
    "<li>Phát huy sức mạnh tổng hợp của cả hệ thống chính trị, các cấp, các ngành, "
    "các đoàn thể, tổ chức xã hội chủ động phòng ngừa và tích cực tham gia đấu tranh "
    "chống tội phạm mua bán người và hỗ trợ nạn nhân bị mua bán.</li>"
    "<li>Tổ chức các hoạt động hưởng ứng “Ngày toàn dân phòng, chống mua bán người” "
    "năm 2017 đảm bảo thiết thực, hiệu quả, tránh phô trương hình thức.</li>"
    "</ol>"
)
REFERENCES = [
    (
        "135/KH-BCĐ",
        datetime.date(2017, 5, 17),
        "Ban Chỉ đạo 138/CP",
        "Kế hoạch hưởng ứng “Ngày toàn dân phòng, chống mua bán người – 30/7” năm 2017",
    ),
    (
        "793/QĐ-TTg",
        datetime.date(2016, 5, 10),
        "Thủ tướng Chính phủ",
        "Lấy ngày 30/7 hằng năm là “Ngày toàn dân phòng, chống mua bán người”",
    ),
    (
        "20/KH-BCĐ",
        datetime.date(2017, 1, 2),
        "Ban Chỉ đạo 138 tỉnh Thanh Hóa",
        "Chương trình phòng, chống tội phạm mua bán người năm 2017",
    ),
]
# (name, short name, kind, section of plan 109, standing body)
UNITS = [
    ("Công an tỉnh Thanh Hóa", "Công an tỉnh", OrganisationKind.POLICE, "III.1", True),
    (
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Thanh Hóa",
        "Biên phòng tỉnh",
        OrganisationKind.BORDER_GUARD,
        "III.2",
        False,
    ),
    (
        "Sở Thông tin và Truyền thông Thanh Hóa",
        "Sở TT&TT",
        OrganisationKind.INFORMATION,
        "III.3",
        False,
    ),
    (
        "Sở Văn hóa, Thể thao và Du lịch Thanh Hóa",
        "Sở VH-TT&DL",
        OrganisationKind.CULTURE,
        "III.4",
        False,
    ),
    (
        "Sở Lao động, Thương binh và Xã hội Thanh Hóa",
        "Sở LĐ-TB&XH",
        OrganisationKind.LABOUR,
        "III.5",
        False,
    ),
    (
        "Hội Liên hiệp Phụ nữ tỉnh Thanh Hóa",
        "Hội LHPN tỉnh",
        OrganisationKind.WOMENS_UNION,
        "III.6",
        False,
    ),
    (
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Thanh Hóa",
        "MTTQ tỉnh",
        OrganisationKind.FATHERLAND_FRONT,
        "III.7",
        False,
    ),
    (
        "Viện Kiểm sát nhân dân tỉnh Thanh Hóa",
        "VKSND tỉnh",
        OrganisationKind.PROCURACY,
        "III.8",
        False,
    ),
    (
        "Tòa án nhân dân tỉnh Thanh Hóa",
        "TAND tỉnh",
        OrganisationKind.COURT,
        "III.8",
        False,
    ),
]
ADMIN_USERNAME = "admin"


def history_regions():
    """The regions of the first map, which 2017 (the demo's history) stands on."""
    return Region.objects.filter(
        map=RegionMap.objects.order_by("effective_from").first()
    )


def home_page() -> HomePage:
    return HomePage.objects.get()


def _regions():
    regions_import(
        text=DISTRICTS_CSV.read_text(encoding="utf-8"),
        region_map=RegionMap.objects.first_map(),
    )
    return history_regions().get(depth=1)


def _units(province):
    units = {}
    for name, short_name, kind, section, standing in UNITS:
        units[kind], _ = Organisation.objects.update_or_create(
            name=name,
            defaults={
                "short_name": short_name,
                "kind": kind,
                "region": province,
                "plan_section": section,
                "is_standing_body": standing,
            },
        )
    for district in history_regions().filter(depth=2):
        peoples_committee(district)
    return units


def peoples_committee(district) -> Organisation:
    """The district's People's Committee, named after the district's kind: "UBND
    thành phố Thanh Hóa", "UBND thị xã Bỉm Sơn", "UBND huyện Mường Lát"."""
    unit, _ = Organisation.objects.update_or_create(
        kind=OrganisationKind.PEOPLES_COMMITTEE,
        region=district,
        defaults={
            "name": f"Ủy ban nhân dân {district.name_after_title}",
            "short_name": f"UBND {district.name_after_title}",
            "plan_section": "III.9",
        },
    )
    return unit


def _campaign() -> CampaignPage:
    campaign = CampaignPage.objects.filter(year=2017).first()
    if campaign is None:
        campaign = CampaignPage(
            title=CAMPAIGN_TITLE,
            slug="2017",
            year=2017,
            plan_number="109/KH-BCĐ",
            plan_date=datetime.date(2017, 6, 30),
            issuing_body="Ban Chỉ đạo 138 tỉnh Thanh Hóa",
            objectives=OBJECTIVES,
        )
        for number, date, issuer, title in REFERENCES:
            campaign.references.add(
                CampaignReference(number=number, date=date, issuer=issuer, title=title)
            )
        home_page().add_child(instance=campaign)
        campaign.save_revision().publish()
    for order, text in enumerate(SLOGANS, start=1):
        slogan = Slogan.objects.filter(campaign=campaign, text=text).first()
        if slogan is None:
            slogan = Slogan.objects.create(
                campaign=campaign, text=text, sort_order=order, live=False
            )
            slogan.save_revision().publish()
    return campaign


def _admin(password, province, units):
    User = get_user_model()
    admin = User.objects.filter(username=ADMIN_USERNAME).first()
    if admin is None:
        admin = User.objects.create_superuser(
            ADMIN_USERNAME,
            "admin@bcd138.thanhhoa.gov.vn",
            password,
            first_name="Quản trị",
            last_name="hệ thống",
        )
    elif not admin.check_password(password):
        admin.set_password(password)
        admin.save(update_fields=["password"])
    Membership.objects.get_or_create(
        user=admin,
        organisation=units[OrganisationKind.POLICE],
        region=province,
        role=Role.COMMITTEE,
    )
    return admin


def load(*, admin_password: str) -> str:
    province = _regions()
    units = _units(province)
    campaign = _campaign()
    _admin(admin_password, province, units)
    return (
        f"{campaign.title}: {campaign.slogans.count()} slogans, "
        f"{Region.objects.count()} regions, {Organisation.objects.count()} units"
    )


def reset():
    """Remove what the demo loads, so that the next load starts over."""
    for campaign in CampaignPage.objects.all():
        campaign.delete()
    Membership.objects.all().delete()
    get_user_model().objects.filter(username=ADMIN_USERNAME).delete()
    Organisation.objects.filter(parent__isnull=False).delete()
    Organisation.objects.all().delete()
    Region.objects.all().delete()
    RegionMap.objects.all().delete()
