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
def planner(db):
    """A channel planner of the Department of Information and Communications."""
    from campaigns.models import Role
    from tests.factories import UserFactory

    return UserFactory(
        username="planner", first_name="Lan", last_name="Lê", role=Role.PLANNER
    )
