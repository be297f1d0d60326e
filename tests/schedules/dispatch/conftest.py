import datetime
from zoneinfo import ZoneInfo

import pytest

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def loopback_channels(settings):
    """The channels' test endpoints listen on 127.0.0.1, opened by name only."""
    settings.OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.1/32"]


def at(day, month, hour, minute=0, second=0):
    return datetime.datetime(2017, month, day, hour, minute, second, tzinfo=VN)


@pytest.fixture
def planner(django_user_model):
    """A channel planner of the Department of Information and Communications."""
    from campaigns.models import Membership, Organisation, Role
    from tests.factories import UserFactory, province

    user = UserFactory(username="planner", first_name="Lan", last_name="Lê")
    unit = Organisation.objects.get_or_create(
        name="Sở Thông tin và Truyền thông",
        defaults={"kind": "information", "region": province()},
    )[0]
    Membership.objects.create(
        user=user, organisation=unit, region=province(), role=Role.PLANNER
    )
    return user
