"""Year two from the admin: a planner starts 2027 from 2017, plans it, sees it on the
calendar at once and approves it; 2017's figures stay as they were."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import CampaignPage, MessagePage
from campaigns.review import review_setup
from schedules.models import Broadcast, BroadcastPlan, BroadcastStatus
from schedules.planning.edits import plan_approve
from schedules.planning.services import broadcast_plan_generate
from schedules.planning.tasks import plan_broadcasts
from schedules.reports.filters import ReportFilter
from schedules.reports.report import report_build
from tests import factories
from tests.schedules.planning.test_services import BEFORE, world  # noqa: F401
from tests.schedules.planning.test_views import planner  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(world):  # noqa: F811
    """2017 planned, approved and partly aired, with its reach."""
    review_setup(site_root=factories.home_page())
    campaign, _channels = world
    plan, _count = broadcast_plan_generate(campaign=campaign, now=BEFORE, seed=1)
    plan_approve(plan=plan, user=None)
    for broadcast in plan.broadcasts.order_by("starts_at")[:5]:
        broadcast.status = BroadcastStatus.AIRED
        broadcast.save()
        factories.ReachRecordFactory(
            broadcast=broadcast,
            region=broadcast.region,
            count=250,
            reached_at=broadcast.starts_at,
        )
    return campaign


def figures(campaign):
    report = report_build(
        ReportFilter(
            campaign=campaign, start=campaign.period_start, end=campaign.period_end
        ),
        with_proposals=False,
    )
    return (
        report.summary,
        report.broadcasts,
        [(row.label, row.reach) for row in report.by_area],
        [(gap.region.pk, gap.reach) for gap in report.gaps.below],
    )


def test_a_planner_starts_plans_sees_and_approves_2027(client, planner, history):  # noqa: F811
    before = figures(history)
    client.force_login(planner)
    start = reverse("campaigns_start_next", args=[history.pk])
    assert client.post(start, {"year": "2027"}).status_code == 302
    campaign = CampaignPage.objects.get(year=2027)
    # A moderator approves the copies (review is not the planner's part).
    for page in MessagePage.objects.child_of(campaign):
        factories.publish_checked(page.get_latest_revision())

    plans = reverse("schedules_planning:plans")
    assert client.post(plans, {"campaign": campaign.pk, "seed": 7}).status_code == 302
    plan = BroadcastPlan.objects.get(campaign=campaign)
    plan_broadcasts(plan.pk)  # what the worker runs
    assert plan.broadcasts.exists()

    # "Review on the calendar" opens on the plan's own period, not July 2017.
    calendar = client.get(reverse("schedules_planning:calendar"), {"plan": plan.pk})
    first = plan.broadcasts.order_by("starts_at").first()
    assert calendar.context["day"].year == 2027
    assert calendar.context["day"].month == 7
    shown = [item for _day, items in calendar.context["days"] for item in items]
    assert first in shown

    client.post(reverse("schedules_planning:plan", args=[plan.pk]))
    statuses = set(plan.broadcasts.values_list("status", flat=True))
    assert statuses == {BroadcastStatus.APPROVED}
    assert figures(history) == before


def test_screens_open_on_the_campaign_in_view(client, planner, history):  # noqa: F811
    client.force_login(planner)  # 2017 only: the latest one
    calendar = client.get(reverse("schedules_planning:calendar"))
    assert calendar.context["day"] == history.period_start
    start = reverse("campaigns_start_next", args=[history.pk])
    year = datetime.date.today().year + 1
    client.post(start, {"year": str(year)})
    upcoming = CampaignPage.objects.get(year=year)
    calendar = client.get(reverse("schedules_planning:calendar"))
    assert calendar.context["day"] == upcoming.period_start
    sheet = client.get(reverse("schedules_planning:run_sheet"))
    assert f'value="{upcoming.period_start:%Y-%m-%d}"' in sheet.content.decode()
    # An old plan still opens on its own first broadcast.
    old = BroadcastPlan.objects.get(campaign=history)
    calendar = client.get(reverse("schedules_planning:calendar"), {"plan": old.pk})
    first = Broadcast.objects.filter(plan=old).order_by("starts_at").first()
    assert calendar.context["day"].year == 2017
    assert calendar.context["day"] == timezone.localtime(first.starts_at).date()
