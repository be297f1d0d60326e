"""What a channel planner does in the admin: generate, review, edit, approve, cancel,
export the iCalendar and print the run-sheet."""

import datetime
import re
from decimal import Decimal

import icalendar
import pytest
from django.urls import reverse

from campaigns.models import Region, Role
from schedules.models import Broadcast, BroadcastEvent, BroadcastPlan, BroadcastStatus
from schedules.planning.edits import plan_approve
from schedules.planning.services import broadcast_plan_generate
from tests import factories
from tests.schedules.planning.test_services import BEFORE, TZ, world  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def planner(world):  # noqa: F811
    user = factories.UserFactory(username="laplich", role=Role.PLANNER)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def plan(world):  # noqa: F811
    campaign, _channels = world
    plan, _count = broadcast_plan_generate(campaign=campaign, now=BEFORE, seed=1)
    return plan


def test_only_planners_open_the_planning_screens(client, world):  # noqa: F811
    outsider = factories.UserFactory(username="khach")
    client.force_login(outsider)
    response = client.get(reverse("schedules_planning:plans"))
    assert response.status_code in (302, 403)


def test_the_plan_page_shows_coverage_gaps_first(client, planner, plan):
    client.force_login(planner)
    response = client.get(reverse("schedules_planning:plan", args=(plan.pk,)))
    assert response.status_code == 200
    rows = plan.coverage["pairs"]
    assert [row["covered"] for row in rows] == sorted(row["covered"] for row in rows)


def test_generating_from_the_admin_queues_a_task(client, planner, world, settings):  # noqa: F811
    campaign, _channels = world
    client.force_login(planner)
    response = client.post(
        reverse("schedules_planning:plans"), {"campaign": campaign.pk, "seed": 5}
    )
    plan = BroadcastPlan.objects.get(seed=5)
    assert response.status_code == 302
    assert plan.status == "pending"
    progress = client.get(reverse("schedules_planning:progress", args=(plan.pk,)))
    assert progress.json()["status"] == "pending"


def test_the_calendar_shows_a_week_and_approves_a_selection(client, planner, plan):
    client.force_login(planner)
    url = reverse("schedules_planning:calendar")
    response = client.get(url, {"view": "week", "date": "2017-07-30", "plan": plan.pk})
    assert response.status_code == 200
    week = Broadcast.objects.filter(
        plan=plan,
        starts_at__gte=datetime.datetime(2017, 7, 24, tzinfo=TZ),
        starts_at__lt=datetime.datetime(2017, 7, 31, tzinfo=TZ),
    )
    first = week.order_by("starts_at").first()
    assert first.channel.name in response.content.decode()
    chosen = list(week.order_by("starts_at")[:3])
    client.post(
        url + "?view=week&date=2017-07-30",
        {"broadcast": [b.pk for b in chosen]},
    )
    assert {
        b.status for b in Broadcast.objects.filter(pk__in=[b.pk for b in chosen])
    } == {BroadcastStatus.APPROVED}
    assert BroadcastEvent.objects.filter(to_status="approved").count() == 3
    month = client.get(url, {"date": "2017-07-01", "district": "", "kind": "radio"})
    assert month.status_code == 200


@pytest.mark.parametrize(
    ("when", "error"),
    [
        (datetime.datetime(2017, 10, 2, 5, 30), "outside the campaign period"),
        (datetime.datetime(2017, 7, 20, 9, 0), "outside the channel's air windows"),
    ],
)
def test_editing_checks_period_and_windows(
    client, planner, plan, settings, when, error
):
    settings.LANGUAGE_CODE = "en"
    client.force_login(planner)
    broadcast = Broadcast.objects.filter(plan=plan, channel__kind="loudspeaker").first()
    response = client.post(
        reverse("schedules_planning:broadcast", args=(broadcast.pk,)),
        {
            "starts_at": when.strftime("%Y-%m-%d %H:%M"),
            "channel": broadcast.channel_id,
            "variant": broadcast.variant_id,
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert error in response.content.decode().replace("&#x27;", "'")
    assert Broadcast.objects.get(pk=broadcast.pk).starts_at == broadcast.starts_at


def test_editing_refuses_an_overlap_and_accepts_a_free_slot(client, planner, plan):
    client.force_login(planner)
    on_channel = Broadcast.objects.filter(plan=plan, channel__kind="loudspeaker")
    first = on_channel.order_by("starts_at").first()
    other = on_channel.filter(channel=first.channel).exclude(pk=first.pk).first()
    url = reverse("schedules_planning:broadcast", args=(first.pk,))
    data = {"channel": first.channel_id, "variant": first.variant_id}
    client.post(
        url,
        {
            **data,
            "starts_at": other.starts_at.astimezone(TZ).strftime("%Y-%m-%d %H:%M"),
        },
    )
    assert Broadcast.objects.get(pk=first.pk).starts_at == first.starts_at

    # With room left on the day, a free slot inside the window is accepted.
    first.channel.daily_capacity = 10
    first.channel.save()
    taken = set(
        on_channel.filter(channel=first.channel).values_list("starts_at", flat=True)
    )
    day = first.starts_at.astimezone(TZ).date()
    slots = [
        datetime.datetime.combine(day, datetime.time(5, 30), TZ)
        + datetime.timedelta(minutes=10 * n)
        for n in range(6)
    ]
    free = next(moment for moment in slots if moment not in taken)
    response = client.post(url, {**data, "starts_at": free.strftime("%Y-%m-%d %H:%M")})
    assert response.status_code == 302
    moved = Broadcast.objects.get(pk=first.pk)
    assert moved.starts_at == free
    assert moved.ends_at == free + datetime.timedelta(minutes=10)
    assert moved.version == first.version + 1
    assert BroadcastEvent.objects.filter(broadcast=first).count() == 1


def test_cancelling_needs_a_reason_and_is_logged(client, planner, plan):
    client.force_login(planner)
    broadcast = Broadcast.objects.filter(plan=plan).first()
    url = reverse("schedules_planning:broadcast", args=(broadcast.pk,))
    client.post(url, {"cancel": "1", "reason": "   "})
    assert Broadcast.objects.get(pk=broadcast.pk).status == BroadcastStatus.DRAFT
    client.post(url, {"cancel": "1", "reason": "Mất điện ở xã"})
    cancelled = Broadcast.objects.get(pk=broadcast.pk)
    assert cancelled.status == BroadcastStatus.CANCELLED
    assert cancelled.cancel_reason == "Mất điện ở xã"
    assert cancelled.version == broadcast.version + 1
    event = BroadcastEvent.objects.get(broadcast=broadcast)
    assert (event.to_status, event.actor) == ("cancelled", "laplich")


def test_a_channel_calendar_parses_with_its_time_zone(client, plan):
    from schedules.planning.edits import plan_approve

    plan_approve(plan=plan, user=None)
    broadcast = Broadcast.objects.filter(plan=plan).select_related("channel").first()
    channel = broadcast.channel
    url = reverse("channel_calendar", args=(channel.pk,))
    assert client.get(url).status_code == 404
    assert client.get(url, {"token": "wrong"}).status_code == 404
    response = client.get(url, {"token": channel.feed_token})
    assert response.status_code == 200
    cal = icalendar.Calendar.from_ical(response.content)
    events = list(cal.walk("VEVENT"))
    assert len(events) == Broadcast.objects.filter(channel=channel).count()
    assert any(c.name == "VTIMEZONE" for c in cal.walk())
    start = events[0]["DTSTART"]
    assert start.params["TZID"] == "Asia/Ho_Chi_Minh"
    assert start.dt == broadcast.starts_at


def test_the_weekly_run_sheet_lists_approved_loudspeaker_broadcasts(
    client, planner, plan
):
    from schedules.planning.edits import plan_approve

    plan_approve(plan=plan, user=None)
    client.force_login(planner)
    response = client.get(
        reverse("schedules_planning:run_sheet"),
        {"district": "384", "week": "2017-07-27"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Loa Tam Chung" in body
    assert "Loa Hoằng Phú" not in body
    assert "@page" in body and "size: A4" in body
    assert "Kính thưa bà con" in body
    assert (
        client.get(
            reverse("schedules_planning:run_sheet"), {"district": "999", "week": "x"}
        ).status_code
        == 400
    )


def area_cells(html: str, table_id: str) -> dict[str, tuple[str, str]]:
    """Area -> (population cell, per-1,000 cell) of a rendered table."""
    table = html[html.index(f'id="{table_id}"') :]
    table = table[: table.index("</table>")]
    found = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S):
        cells = [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        per_thousand = re.search(r'class="num per-thousand">(.*?)</td>', row, re.S)
        if cells and per_thousand:
            found[re.sub(r"\s*●$", "", cells[0])] = (cells, per_thousand.group(1))
    return found


def test_the_plan_and_the_dashboard_agree_on_broadcasts_per_thousand(
    client,
    planner,
    world,  # noqa: F811
):
    campaign, _channels = world
    Region.objects.filter(code="38").update(population=400_000)
    Region.objects.filter(code="384").update(population=159_200)
    Region.objects.filter(code="14950").update(population=5_600)
    plan, _count = broadcast_plan_generate(campaign=campaign, now=BEFORE, seed=1)
    plan_approve(plan=plan, user=planner)
    boss = factories.UserFactory(username="truongban", is_superuser=True)

    client.force_login(planner)
    page = client.get(reverse("schedules_planning:plan", args=(plan.pk,)))
    planned = area_cells(page.content.decode(), "plan-areas")
    client.force_login(boss)
    dashboard = client.get(reverse("schedules_reports:dashboard"), {"campaign": 2017})
    reported = area_cells(dashboard.content.decode(), "area-table")

    muong_lat = Region.objects.get(code="384")
    broadcasts = Broadcast.objects.filter(plan=plan)
    aimed = broadcasts.filter(region__path__startswith=muong_lat.path).count()
    provincial = broadcasts.filter(region__depth=1).count()
    # Mường Lát: its own broadcasts, plus its population share of the province's.
    share = round(provincial * 159_200 / 400_000)
    expected = Decimal((aimed + share) * 1000) / 159_200
    digits = planned["Huyện Mường Lát"][1]
    assert digits == reported["Huyện Mường Lát"][1]
    assert digits.replace(",", ".") == str(expected.quantize(Decimal("0.1")))
    # Hoằng Hóa has no population: "—", listed apart, never divided by 1.
    assert planned["Huyện Hoằng Hóa"][1] == reported["Huyện Hoằng Hóa"][1] == "—"
    unknown = page.context["unknown_population"]
    assert unknown == ["Huyện Hoằng Hóa"]
    assert "Huyện Hoằng Hóa" in dashboard.context["report"].unknown_population


def test_a_planner_reads_why_each_broadcast_carries_its_content(
    client,
    planner,
    world,  # noqa: F811
):
    campaign, _channels = world
    province = factories.province()
    muong_lat = Region.objects.get(code="384")
    pu_nhi = factories.RegionFactory(
        parent=muong_lat, code="14953", name="Xã Pù Nhi", kind="commune"
    )
    factories.MessagePageFactory(
        campaign=campaign,
        title="Đi làm ăn xa an toàn",
        variants=[
            {
                "format": "loudspeaker_script",
                "text": "Bà con Mường Lát chú ý.",
                "target_regions": [muong_lat],
                "age_bands": ["youth"],
            },
            {"format": "short_text", "text": "Gọi 111."},
        ],
    )
    loud = factories.ChannelFactory(
        name="Loa Pù Nhi", regions=[pu_nhi], languages=("vi", "blt")
    )
    paper = factories.ChannelFactory(
        name="Báo tỉnh",
        regions=[province],
        kind="newspaper",
        formats=("article",),
        daily_capacity=1,
    )
    plan, _count = broadcast_plan_generate(campaign=campaign, now=BEFORE, seed=1)
    client.force_login(planner)

    aired = Broadcast.objects.filter(
        plan=plan, channel=loud, message__title="Đi làm ăn xa an toàn"
    ).first()
    why = (
        "biến thể cho Huyện Mường Lát (không có biến thể cho xã) · "
        "tiếng Việt (chưa có tiếng Thái) · Thanh niên 16–30 tuổi"
    )
    page = client.get(reverse("schedules_planning:broadcast", args=(aired.pk,)))
    assert why in page.content.decode()
    admin = client.get(reverse("dispatch_admin:broadcast", args=(aired.pk,)))
    assert why in admin.content.decode()
    calendar = client.get(
        reverse("schedules_planning:calendar"),
        {"view": "week", "date": "2017-07-30", "plan": plan.pk},
    )
    html = calendar.content.decode()
    assert why in html  # the entry's tooltip
    assert "Pù Nhi · Loa" in html and "toàn tỉnh · Báo" in html

    printed = Broadcast.objects.filter(plan=plan, channel=paper).first()
    page = client.get(reverse("schedules_planning:broadcast", args=(printed.pk,)))
    assert "nội dung chính của thông điệp (chưa có biến thể bài viết)" in (
        page.content.decode()
    )

    plan_approve(plan=plan, user=planner)
    sheet = client.get(
        reverse("schedules_planning:run_sheet"),
        {"district": "384", "week": "2017-07-24"},
    )
    assert why in sheet.content.decode()
