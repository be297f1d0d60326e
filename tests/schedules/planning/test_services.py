"""The planning service: database in, a stored draft plan out; re-planning keeps what
was approved, sent or aired."""

import datetime
import uuid
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from campaigns.models import Format, MessagePage, MessageVariant
from schedules import planner
from schedules.dispatch.adapters.base import content_for
from schedules.models import Broadcast, BroadcastPlan, BroadcastStatus
from schedules.planning.services import broadcast_plan_dry_run, broadcast_plan_generate
from schedules.planning.store import Source, broadcasts_bulk_create, broadcasts_copy
from tests import factories
from tests.conftest import require_service

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
BEFORE = datetime.datetime(2017, 6, 30, 23, 59, tzinfo=TZ)
SCRIPT = "Kính thưa bà con, hãy cảnh giác với lời mời việc nhẹ lương cao. " * 3


@pytest.fixture
def world():
    province = factories.province()
    muong_lat = factories.RegionFactory(
        parent=province, code="384", name="Huyện Mường Lát", border=True
    )
    hoang_hoa = factories.RegionFactory(
        parent=province, code="391", name="Huyện Hoằng Hóa", coastal=True
    )
    tam_chung = factories.RegionFactory(
        parent=muong_lat, code="14950", name="Xã Tam Chung", kind="commune"
    )
    hoang_phu = factories.RegionFactory(
        parent=hoang_hoa, code="15000", name="Xã Hoằng Phú", kind="commune"
    )
    campaign = factories.CampaignPageFactory()
    for title in ("Việc nhẹ lương cao", "Kết hôn với người nước ngoài"):
        factories.MessagePageFactory(
            campaign=campaign,
            title=title,
            variants=[
                {"format": Format.LOUDSPEAKER_SCRIPT, "text": SCRIPT},
                {"format": Format.SHORT_TEXT, "text": "Gọi 111"},
                {
                    "format": Format.LOUDSPEAKER_SCRIPT,
                    "text": "Bản tiếng H'Mông chờ dịch",
                    "language_id": "hmn",
                    "translation_needed": True,
                },
            ],
        )
    factories.MessagePageFactory(
        campaign=campaign,
        title="Bản nháp",
        live=False,
        variants=[{"format": Format.LOUDSPEAKER_SCRIPT, "text": "Nháp"}],
    )
    channels = [
        factories.ChannelFactory(name="Loa Tam Chung", regions=[tam_chung]),
        factories.ChannelFactory(name="Loa Hoằng Phú", regions=[hoang_phu]),
        factories.ChannelFactory(
            name="Đài tỉnh",
            regions=[province],
            kind="radio",
            windows=(("22:00", "01:00"),),
            daily_capacity=3,
            slot_minutes=15,
        ),
    ]
    return campaign, channels


def test_a_plan_is_stored_as_drafts_inside_the_period(world):
    campaign, channels = world
    plan, count = broadcast_plan_generate(campaign=campaign, now=BEFORE, seed=1)

    broadcasts = Broadcast.objects.filter(plan=plan)
    assert count == broadcasts.count() > 0
    assert set(broadcasts.values_list("status", flat=True)) == {BroadcastStatus.DRAFT}
    first = broadcasts.order_by("starts_at").first().starts_at.astimezone(TZ)
    last = broadcasts.order_by("starts_at").last().starts_at.astimezone(TZ)
    assert first.date() >= datetime.date(2017, 7, 1)
    assert last.date() <= datetime.date(2017, 9, 30)
    # Only published variants that need no translation are planned.
    assert set(broadcasts.values_list("text", flat=True)) == {SCRIPT}
    assert plan.status == "ready" and plan.progress == 100
    assert plan.coverage["pairs"]


def test_replanning_keeps_approved_sent_and_past_broadcasts(world):
    campaign, channels = world
    plan, _count = broadcast_plan_generate(campaign=campaign, now=BEFORE, seed=1)
    ordered = list(Broadcast.objects.filter(plan=plan).order_by("starts_at", "pk"))
    approved, sent, aired = ordered[40], ordered[41], ordered[42]
    Broadcast.objects.filter(pk=approved.pk).update(status=BroadcastStatus.APPROVED)
    Broadcast.objects.filter(pk=sent.pk).update(status=BroadcastStatus.SENT)
    Broadcast.objects.filter(pk=aired.pk).update(status=BroadcastStatus.AIRED)
    middle = datetime.datetime(2017, 7, 20, 12, 0, tzinfo=TZ)
    past_drafts = set(
        Broadcast.objects.filter(
            plan=plan, status=BroadcastStatus.DRAFT, starts_at__lte=middle
        ).values_list("pk", flat=True)
    )

    replan, count = broadcast_plan_generate(campaign=campaign, now=middle, seed=2)

    for kept in (approved, sent, aired):
        row = Broadcast.objects.get(pk=kept.pk)
        assert (row.starts_at, row.channel_id, row.plan_id) == (
            kept.starts_at,
            kept.channel_id,
            plan.pk,
        )
    assert past_drafts <= set(Broadcast.objects.values_list("pk", flat=True))
    assert not Broadcast.objects.filter(
        plan=plan, status=BroadcastStatus.DRAFT, starts_at__gt=middle
    ).exists()
    new = Broadcast.objects.filter(plan=replan)
    assert new.count() == count > 0
    assert not new.filter(starts_at__lt=middle).exists()
    # No two live broadcasts share a channel slot.
    for channel in channels:
        starts = list(
            Broadcast.objects.filter(channel=channel).values_list(
                "starts_at", flat=True
            )
        )
        assert len(starts) == len(set(starts))


def test_dry_run_writes_nothing(world, capsys, settings):
    settings.LANGUAGE_CODE = "en"
    campaign, _channels = world
    assert broadcast_plan_dry_run(campaign=campaign, now=BEFORE) > 0
    call_command("plan_broadcasts", "--campaign", "2017", "--dry-run")
    assert not Broadcast.objects.exists()
    assert "Dry run" in capsys.readouterr().out


def test_the_command_plans_with_a_progress_bar(world, capsys, settings):
    settings.LANGUAGE_CODE = "en"
    campaign, _channels = world
    # The 2017 period is over by now: the command plans nothing new, and says so.
    call_command("plan_broadcasts", "--campaign", "2017", "--seed", "3")
    out = capsys.readouterr().out
    assert "100%" in out
    assert "Plan #" in out


def newspaper():
    return factories.ChannelFactory(
        name="Báo Thanh Hóa",
        regions=[factories.province()],
        kind="newspaper",
        formats=("article",),
        windows=(("05:00", "06:00"),),
        daily_capacity=1,
        slot_minutes=60,
    )


def test_a_newspaper_airs_the_message_itself_until_it_has_an_article_variant(world):
    campaign, _channels = world
    paper = newspaper()
    plan, _count = broadcast_plan_generate(campaign=campaign, now=BEFORE, seed=1)
    printed = Broadcast.objects.filter(plan=plan, channel=paper)
    assert printed.count() == 92  # one a day, 01/7 to 30/9
    assert set(printed.values_list("from_page", "variant", flat=False)) == {
        (True, None)
    }
    first = printed.filter(message__title="Việc nhẹ lương cao").first()
    assert first.text.startswith("Việc nhẹ lương cao\n\nTóm tắt thông điệp.")
    assert first.text.endswith("Nội dung thông điệp.")
    assert not printed.filter(message__title="Bản nháp").exists()
    assert plan.coverage["idle_channels"] == []
    # What the paper receives: the article's parts, the body as HTML.
    payload = content_for(first).payload()
    assert payload["format"] == "article" and payload["title"] == "Việc nhẹ lương cao"
    assert payload["summary"] == "Tóm tắt thông điệp."
    assert payload["body"] == "<p>Nội dung thông điệp.</p>"

    # Once the message has its own article, that is what the paper prints.
    page = MessagePage.objects.get(title="Việc nhẹ lương cao")
    page.variants.add(
        MessageVariant(format=Format.ARTICLE, text="Bài viết riêng cho báo.")
    )
    factories.publish_checked(page.save_revision())
    replan, _count = broadcast_plan_generate(campaign=campaign, now=BEFORE, seed=1)
    printed = Broadcast.objects.filter(plan=replan, channel=paper)
    own = printed.filter(message=page)
    assert own.exists() and not own.filter(from_page=True).exists()
    assert set(own.values_list("text", flat=True)) == {"Bài viết riêng cho báo."}
    other = printed.exclude(message=page)
    assert other.exists() and not other.filter(from_page=False).exists()


def test_a_channel_that_gets_nothing_is_a_gap_with_its_reason(world):
    campaign, _channels = world
    venue = factories.ChannelFactory(
        name="Nhà văn hóa", regions=[factories.province()], formats=("poster_caption",)
    )
    silent = factories.ChannelFactory(
        name="Loa hỏng", regions=[factories.province()], daily_capacity=0
    )
    factories.ChannelFactory(
        name="Loa tạm nghỉ", regions=[factories.province()], active=False
    )
    plan, _count = broadcast_plan_generate(campaign=campaign, now=BEFORE, seed=1)
    idle = {row["channel"]: row["reason"] for row in plan.coverage["idle_channels"]}
    assert idle == {venue.name: planner.NO_VARIANT, silent.name: planner.ZERO_CAPACITY}
    pair_gaps = sum(1 for row in plan.coverage["pairs"] if not row["covered"])
    assert plan.coverage["gaps"] == pair_gaps + 2


def test_a_broadcast_of_the_message_itself_keeps_to_channels_taking_articles(world):
    from django.core.exceptions import ValidationError

    from schedules.planning.edits import broadcast_update

    campaign, channels = world
    paper = newspaper()
    plan, _count = broadcast_plan_generate(campaign=campaign, now=BEFORE, seed=1)
    printed = Broadcast.objects.filter(plan=plan, channel=paper).first()
    loud = channels[0]
    free = datetime.datetime(2017, 9, 30, 6, 0, tzinfo=TZ)
    Broadcast.objects.filter(channel=loud, starts_at__date=free.date()).delete()
    with pytest.raises(ValidationError) as refused:
        broadcast_update(
            broadcast=printed, starts_at=free, channel=loud, variant=None, user=None
        )
    assert "channel" in refused.value.error_dict
    assert Broadcast.objects.get(pk=printed.pk).channel == paper
    # Given a variant of its own, it is no longer the message's text.
    article = MessageVariant.objects.create(
        page=printed.message, format=Format.ARTICLE, text="Bài cho báo."
    )
    changed = broadcast_update(
        broadcast=printed,
        starts_at=printed.starts_at,
        channel=paper,
        variant=article,
        user=None,
    )
    assert not changed.from_page and changed.text == "Bài cho báo."


def test_replanning_never_passes_a_channel_s_daily_capacity(world):
    campaign, channels = world
    plan, _count = broadcast_plan_generate(campaign=campaign, now=BEFORE, seed=1)
    middle = datetime.datetime(2017, 8, 10, 6, 0, tzinfo=TZ)
    # Approve the rest of the day's airings and some of later days'.
    Broadcast.objects.filter(plan=plan, starts_at__gt=middle).filter(
        pk__in=Broadcast.objects.filter(plan=plan, starts_at__gt=middle)
        .order_by("starts_at")
        .values("pk")[:30]
    ).update(status=BroadcastStatus.APPROVED)
    approved = set(
        Broadcast.objects.filter(status=BroadcastStatus.APPROVED).values_list(
            "pk", flat=True
        )
    )

    broadcast_plan_generate(campaign=campaign, now=middle, seed=5)

    assert approved == set(
        Broadcast.objects.filter(status=BroadcastStatus.APPROVED).values_list(
            "pk", flat=True
        )
    )
    for channel in channels:
        per_day = Counter(
            starts_at.astimezone(TZ).date()
            for starts_at in Broadcast.objects.filter(channel=channel).values_list(
                "starts_at", flat=True
            )
        )
        assert max(per_day.values()) <= channel.daily_capacity


def planned_rows(channels, region):
    """Rows as the planner hands them to storage, with text COPY must escape."""
    page = MessagePage.objects.first()
    variant = page.variants.first()
    odd = "Tab\there, new line\nthere, \\ backslash, 100% {braces} \r and Hà Nội"
    sources = [
        Source(page.pk, variant.pk, False, variant.text),
        Source(page.pk, None, True, odd),
    ]
    start = datetime.datetime(2017, 8, 1, 5, 30, tzinfo=TZ)
    return [
        (
            channel.pk,
            sources[number % 2],
            region.pk,
            start + datetime.timedelta(days=number),
            start + datetime.timedelta(days=number, minutes=10),
        )
        for channel in channels
        for number in range(6)
    ]


def test_copy_stores_what_the_orm_stores(world):
    """On PostgreSQL a plan is stored with COPY; each row must read exactly as if
    the ORM had saved it: every default, the text byte for byte."""
    require_service("PostgreSQL", connection.vendor == "postgresql")
    campaign, channels = world
    region = factories.province()
    first = BroadcastPlan.objects.create(campaign=campaign)
    second = BroadcastPlan.objects.create(campaign=campaign)
    rows = planned_rows(channels, region)
    fields = [
        field.name
        for field in Broadcast._meta.concrete_fields
        if field.name not in ("id", "key", "plan")
    ]

    stored = broadcasts_copy(plan_id=first.pk, rows=rows)
    copied = list(Broadcast.objects.filter(plan=first).order_by("pk"))
    Broadcast.objects.filter(plan=first).delete()
    assert broadcasts_bulk_create(plan_id=second.pk, rows=rows) == stored
    created = list(Broadcast.objects.filter(plan=second).order_by("pk"))

    assert stored == Counter({channel.pk: 6 for channel in channels})
    assert len(copied) == len(created) == len(rows)
    for ours, orms in zip(copied, created, strict=True):
        assert [getattr(ours, name) for name in fields] == [
            getattr(orms, name) for name in fields
        ]
        assert ours.key.version == 4 and ours.key.variant == uuid.RFC_4122
    assert len({row.key for row in copied}) == len(copied)
    assert copied[1].text.startswith("Tab\there")
    assert copied[0].status == BroadcastStatus.DRAFT and copied[0].version == 1


def test_copy_is_refused_by_the_database_s_own_constraints(world):
    require_service("PostgreSQL", connection.vendor == "postgresql")
    campaign, channels = world
    plan = BroadcastPlan.objects.create(campaign=campaign)
    rows = planned_rows(channels[:1], factories.province())
    with pytest.raises(IntegrityError), transaction.atomic():
        broadcasts_copy(plan_id=plan.pk, rows=rows + rows[:1])
    assert not Broadcast.objects.filter(plan=plan).exists()
