"""Women's Union branches of Mường Lát and Hoằng Hóa, their organisers and sessions.

Communes are those of the statistics office's list (codes and names as of 2025; flags
approximate, for the demo); one in each district has no session yet. Sessions fall
around 30/7/2017; the held ones carry attendance and so their reported reach. Loading
twice changes nothing.
"""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from campaigns.models import (
    AgeBand,
    CampaignPage,
    Membership,
    Organisation,
    OrganisationKind,
    RegionKind,
    RiskGroup,
    Role,
)
from schedules.models import ReachRecord, Session, SessionKind, SessionStatus
from schedules.sessions.services import (
    Attendance,
    organisers_setup,
    session_attendance_record,
)

from .platform import history_regions

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
MUONG_LAT, HOANG_HOA = "384", "399"
# district code: (commune code, name, kind, extra flags)
COMMUNES = {
    MUONG_LAT: [
        ("14845", "Thị trấn Mường Lát", RegionKind.TOWNSHIP, {}),
        ("14848", "Xã Tam Chung", RegionKind.COMMUNE, {}),
        ("14863", "Xã Pù Nhi", RegionKind.COMMUNE, {}),
        ("14866", "Xã Mường Chanh", RegionKind.COMMUNE, {}),
    ],
    HOANG_HOA: [
        ("15865", "Thị trấn Bút Sơn", RegionKind.TOWNSHIP, {}),
        ("16003", "Xã Hoằng Phụ", RegionKind.COMMUNE, {"coastal": True}),
        ("15991", "Xã Hoằng Hải", RegionKind.COMMUNE, {"coastal": True}),
        ("16006", "Xã Hoằng Trường", RegionKind.COMMUNE, {"coastal": True}),
    ],
}
# district code: (unit name, short name)
BRANCHES = {
    MUONG_LAT: ("Hội Liên hiệp Phụ nữ huyện Mường Lát", "Hội LHPN Mường Lát"),
    HOANG_HOA: ("Hội Liên hiệp Phụ nữ huyện Hoằng Hóa", "Hội LHPN Hoằng Hóa"),
}
# username, first name, last name, district code ("" for the province)
ORGANISERS = [
    ("hlhpn_tinh", "Trần Thị", "Lan", ""),
    ("hlhpn_muonglat", "Hà Thị", "Xuân", MUONG_LAT),
    ("hlhpn_hoanghoa", "Lê Thị", "Hằng", HOANG_HOA),
]


def _at(day, month, hour, minute=0):
    return datetime.datetime(2017, month, day, hour, minute, tzinfo=ZONE)


# title, kind, district, commune code, venue, start, hours, age bands, status,
# attendance (total, women, men, children, ethnic minority) or cancel reason
# fmt: off
SESSIONS = [
    (
        "Nói chuyện chuyên đề: cảnh giác lời rủ sang Lào làm thuê",
        SessionKind.TALK, MUONG_LAT, "14848", "Nhà văn hóa xã Tam Chung",
        _at(25, 7, 8), 2, ["youth", "adults"], SessionStatus.HELD,
        (120, 85, 35, 20, 110),
    ),
    (
        "Họp bản: phòng, chống mua bán người qua biên giới",
        SessionKind.MEETING, MUONG_LAT, "14863", "Nhà sinh hoạt cộng đồng xã Pù Nhi",
        _at(28, 7, 14), 2, ["adults"], SessionStatus.HELD,
        (65, 40, 25, 5, 60),
    ),
    (
        "Hội nghị hưởng ứng Ngày toàn dân phòng, chống mua bán người",
        SessionKind.CONFERENCE, MUONG_LAT, "14845", "Hội trường UBND huyện Mường Lát",
        _at(30, 7, 8), 3, [], SessionStatus.HELD,
        (150, 90, 60, 0, 120),
    ),
    (
        "Đêm văn nghệ tuyên truyền phòng, chống mua bán người",
        SessionKind.CULTURAL_EVENT, MUONG_LAT, "14848", "Sân trường THCS Tam Chung",
        _at(5, 8, 19), 2, ["children", "youth"], SessionStatus.PLANNED, None,
    ),
    (
        "Nói chuyện chuyên đề cho phụ nữ vùng biển",
        SessionKind.TALK, HOANG_HOA, "16003", "Nhà văn hóa xã Hoằng Phụ",
        _at(27, 7, 8), 2, ["adults"], SessionStatus.HELD,
        (95, 70, 25, 10, 0),
    ),
    (
        "Tọa đàm: kết hôn với người nước ngoài – những điều cần biết",
        SessionKind.WORKSHOP, HOANG_HOA, "15991", "Hội trường xã Hoằng Hải",
        _at(29, 7, 14), 2, ["youth"], SessionStatus.HELD,
        (60, 45, 15, 0, 0),
    ),
    (
        "Hội nghị tuyên truyền ở thị trấn Bút Sơn",
        SessionKind.CONFERENCE, HOANG_HOA, "15865", "Hội trường thị trấn Bút Sơn",
        _at(31, 7, 8), 2, [], SessionStatus.PLANNED, None,
    ),
    (
        "Họp tổ phụ nữ các thôn ven biển",
        SessionKind.MEETING, HOANG_HOA, "15991", "Nhà văn hóa thôn",
        _at(2, 8, 14), 2, ["adults"], SessionStatus.CANCELLED,
        "Hoãn vì áp thấp nhiệt đới",
    ),
]
# fmt: on


def _communes():
    for district_code, communes in COMMUNES.items():
        district = history_regions().get(code=district_code)
        for code, name, kind, extra in communes:
            if history_regions().filter(code=code).exists():
                continue
            district.refresh_from_db()  # add_child needs the current numchild
            district.add_child(
                code=code,
                name=name,
                kind=kind,
                border=district.border,
                mountainous=district.mountainous,
                poor=district.poor,
                ethnic_groups=district.ethnic_groups,
                **extra,
            )


def _branches(union):
    branches = {}
    for code, (name, short_name) in BRANCHES.items():
        branches[code], _ = Organisation.objects.update_or_create(
            name=name,
            defaults={
                "short_name": short_name,
                "kind": OrganisationKind.WOMENS_UNION,
                "parent": union,
                "region": history_regions().get(code=code),
                "plan_section": union.plan_section,
            },
        )
    return branches


def _organisers(password, union, branches):
    User = get_user_model()
    group = organisers_setup()
    people = {}
    for username, first, last, code in ORGANISERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username,
                f"{username}@hoiphunu.thanhhoa.vn",
                password,
                first_name=first,
                last_name=last,
            )
        user.groups.add(group)
        unit = branches[code] if code else union
        Membership.objects.get_or_create(
            user=user, organisation=unit, region=unit.region, role=Role.ORGANISER
        )
        people[code] = user
    return people


def _sessions(campaign, branches, people):
    women = RiskGroup.objects.filter(code="women")
    count = 0
    for spec in SESSIONS:
        title, kind, district, code, venue, start, hours, bands, status, extra = spec
        region = history_regions().get(code=code)
        if Session.objects.filter(title=title, region=region).exists():
            continue
        session = Session.objects.create(
            organisation=branches[district],
            organiser=people[district],
            campaign=campaign,
            kind=kind,
            title=title,
            region=region,
            venue=venue,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=hours),
            language_id="vi",
            materials="Tờ rơi, áp phích, loa cầm tay",
            expected_attendance=80,
            # A held session starts as planned: recording attendance holds it.
            status=status if status == SessionStatus.CANCELLED else "planned",
            cancel_reason=extra if status == SessionStatus.CANCELLED else "",
        )
        session.age_bands.set(AgeBand.objects.filter(code__in=bands))
        session.risk_groups.set(women)
        session.save()
        if status == SessionStatus.HELD:
            session_attendance_record(
                session=session,
                attendance=Attendance(*extra),
                user=people[district],
                now=session.ends_at + datetime.timedelta(days=1),
            )
        count += 1
    return count


def load(*, password: str) -> str:
    campaign = CampaignPage.objects.get(year=2017)
    union = Organisation.objects.filter(
        kind=OrganisationKind.WOMENS_UNION, region__depth=1
    ).first()
    _communes()
    branches = _branches(union)
    people = _organisers(password, union, branches)
    _sessions(campaign, branches, people)
    demo = Session.objects.filter(organisation__in=branches.values())
    # The demo's attendance is made up: its reach is labelled so in every report.
    ReachRecord.objects.filter(session__in=demo).update(illustrative=True)
    held = demo.filter(status=SessionStatus.HELD).count()
    users = ", ".join(username for username, *_ in ORGANISERS)
    return f"Community sessions: {demo.count()} ({held} held); organisers {users}"


def reset():
    """Sessions protect their campaign, unit and region: they go before the rest."""
    Session.objects.all().delete()
    get_user_model().objects.filter(
        username__in=[username for username, *_ in ORGANISERS]
    ).delete()
