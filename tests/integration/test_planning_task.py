"""Planning from the admin runs in a real worker; the plan page follows its progress."""

import pytest
from django.urls import reverse

from campaigns.models import Role
from schedules.models import BroadcastPlan
from tests import factories
from tests.integration.conftest import wait_until

pytestmark = pytest.mark.integration


def test_a_plan_requested_in_the_admin_is_made_by_the_worker(
    celery_worker_process, client
):
    campaign = factories.CampaignPageFactory()
    planner = factories.UserFactory(
        username="laplich", is_superuser=True, role=Role.PLANNER
    )
    client.force_login(planner)
    client.post(
        reverse("schedules_planning:plans"), {"campaign": campaign.pk, "seed": 7}
    )
    plan = BroadcastPlan.objects.get(seed=7)
    progress_url = reverse("schedules_planning:progress", args=(plan.pk,))
    assert wait_until(
        lambda: client.get(progress_url).json()["status"] == "ready", timeout=60
    ), celery_worker_process.output()[-3000:]
    assert client.get(progress_url).json()["progress"] == 100
