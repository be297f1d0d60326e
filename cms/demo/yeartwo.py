"""The next campaign after today, on the reformed map, started from 2017.

The map is the SYNTHETIC reform in data/ (illustrative, not the official list):
its 178 communes are loaded as in force from 01/07/2025, with successors from the
2017 map. The demo's 2017 map holds districts and eight communes, so each district
is given to the new communes of its former communes, each former commune counting
alike (a split commune by its share); Đông Sơn (405), merged into the city before
the 2025 list, is shared like the city. The campaign is started through the same
service as the admin's button, then announced (its page and slogans published): messages
in review (three approved), a draft plan, organisers' sessions planned. Loading twice
changes nothing.
"""

import csv
import datetime
from collections import defaultdict
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from campaigns.models import (
    CHECKLIST,
    CampaignPage,
    MessagePage,
    Organisation,
    Region,
    RegionMap,
    VictimSafetyTask,
)
from campaigns.region_maps import region_map_load
from campaigns.selectors import next_anchor_year
from campaigns.services import campaign_start_next
from schedules.models import BroadcastPlan, Session, SessionKind
from schedules.planning.services import broadcast_plan_generate

from .platform import history_regions

DATA = Path(__file__).resolve().parent / "data"
COMMUNES_2025 = DATA / "thanh_hoa_communes_2025.csv"
REFORM = DATA / "thanh_hoa_communes_reform_synthetic.csv"
SUCCESSORS = DATA / "thanh_hoa_reform_successors_synthetic.csv"
REFORM_DATE = datetime.date(2025, 7, 1)
MAP_NAME = "Bản đồ sau sắp xếp 01/07/2025 (minh họa, không chính thức)"
# 2017 districts absent from the 2025 list, and the district their communes joined.
MERGED_INTO = {"405": "380"}
APPROVED_MESSAGES = 3
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
SEED = 2027

# username, commune code on the new map, title, kind, day/month, venue
SESSIONS = [
    ("hlhpn_muonglat", "14845", "Nói chuyện chuyên đề: đi làm thuê bên kia biên giới",
     SessionKind.TALK, (24, 7), "Nhà văn hóa xã Mường Lát"),
    ("hlhpn_muonglat", "14857", "Họp bản: nhận diện kẻ môi giới lấy vợ, lấy chồng",
     SessionKind.MEETING, (28, 7), "Nhà sinh hoạt cộng đồng xã Pù Nhi"),
    ("hlhpn_hoanghoa", "16000", "Nói chuyện cho phụ nữ vùng biển năm 2027",
     SessionKind.TALK, (29, 7), "Nhà văn hóa xã Hoằng Phụ"),
    ("hlhpn_hoanghoa", "15865", "Hội nghị hưởng ứng Ngày toàn dân 30/7",
     SessionKind.CONFERENCE, (30, 7), "Hội trường UBND xã"),
]  # fmt: skip


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def successor_rows() -> list[tuple[str, str, Fraction]]:
    """(old code, new code, share) from the demo's 2017 map to the synthetic one."""
    by_old = defaultdict(list)
    for row in _read(SUCCESSORS):
        by_old[row["old_code"]].append((row["new_code"], Fraction(row["share"])))
    communes_of = defaultdict(list)
    for row in _read(COMMUNES_2025):
        communes_of[row["district_code"]].append(row["commune_code"])
    rows = []
    old = history_regions().exclude(depth=1).order_by("path")
    for region in old:
        if region.code in by_old:  # a commune: as the file says
            rows += [(region.code, new, share) for new, share in by_old[region.code]]
            continue
        olds = communes_of[MERGED_INTO.get(region.code, region.code)]
        shares = defaultdict(Fraction)
        for commune in olds:
            for new, share in by_old[commune]:
                shares[new] += share / len(olds)
        rows += [(region.code, new, share) for new, share in sorted(shares.items())]
    return rows


def _successors_text() -> str:
    lines, by_old = ["old_code,new_code,share"], defaultdict(list)
    for old, new, share in successor_rows():
        by_old[old].append((new, share))
    for old, found in by_old.items():
        rounded = [round(Fraction(share), 6) for _new, share in found]
        # Six decimals each, the last one taking what rounding left.
        rounded[-1] = 1 - sum(rounded[:-1])
        lines += [
            f"{old},{new},{float(share):.6f}"
            for (new, _share), share in zip(found, rounded, strict=True)
        ]
    return "\n".join(lines) + "\n"


def reform_map() -> RegionMap:
    found = RegionMap.objects.filter(effective_from=REFORM_DATE).first()
    if found is not None:
        return found
    return region_map_load(
        text=REFORM.read_text(encoding="utf-8"),
        successors_text=_successors_text(),
        effective=REFORM_DATE,
        name=MAP_NAME,
        illustrative=True,
    ).region_map


def _approve(page: MessagePage, moderator) -> None:
    """Through the review workflow, as the moderator would: every task approved."""
    state = page.current_workflow_state
    while state is not None and state.status == state.STATUS_IN_PROGRESS:
        task_state = state.current_task_state
        task = task_state.task.specific
        ticks = dict.fromkeys(CHECKLIST, True)
        extra = ticks if isinstance(task, VictimSafetyTask) else {}
        task.on_action(task_state, moderator, "approve", **extra)
        state.refresh_from_db()


def campaign(year: int) -> CampaignPage:
    found = CampaignPage.objects.filter(year=year).first()
    if found is not None:
        return found
    users = get_user_model().objects
    started = campaign_start_next(
        source=CampaignPage.objects.get(year=2017),
        year=year,
        user=users.get(username="bientap"),
    )
    moderator = users.get(username="kiemduyet")
    for page in MessagePage.objects.child_of(started).order_by("path")[
        :APPROVED_MESSAGES
    ]:
        _approve(page, moderator)
    # The committee has announced the year: its page and the official slogans are
    # published (a message is public only while its campaign is).
    started.get_latest_revision().publish(user=moderator)
    for slogan in started.slogans.all():
        slogan.get_latest_revision().publish(user=moderator)
    return started


def _plan(started: CampaignPage, now: datetime.datetime) -> BroadcastPlan:
    plan = BroadcastPlan.objects.filter(campaign=started).first()
    if plan is None:
        plan, _count = broadcast_plan_generate(campaign=started, now=now, seed=SEED)
    return plan


def _sessions(started: CampaignPage, region_map: RegionMap) -> int:
    users = get_user_model().objects
    for username, code, title, kind, (day, month), venue in SESSIONS:
        region = Region.objects.get(map=region_map, code=code)
        if Session.objects.filter(campaign=started, title=title).exists():
            continue
        organiser = users.get(username=username)
        unit = Organisation.objects.filter(memberships__user=organiser).first()
        start = datetime.datetime(started.year, month, day, 8, tzinfo=ZONE)
        Session.objects.create(
            organisation=unit,
            organiser=organiser,
            campaign=started,
            kind=kind,
            title=title,
            region=region,
            venue=venue,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            language_id="vi",
            materials="Tờ rơi, áp phích năm " + str(started.year),
            expected_attendance=80,
            status="planned",
        )
    return Session.objects.filter(campaign=started).count()


def load(*, now: datetime.datetime | None = None) -> str:
    now = now or timezone.now()
    region_map = reform_map()
    started = campaign(next_anchor_year(timezone.localtime(now).date()))
    plan = _plan(started, now)
    sessions = _sessions(started, region_map)
    in_review = MessagePage.objects.child_of(started).filter(live=False).count()
    return (
        f"{started.title} (draft) on “{region_map.name}”: {in_review} messages in "
        f"review, draft plan #{plan.pk} of {plan.broadcasts.count()} broadcasts, "
        f"{sessions} sessions planned"
    )
