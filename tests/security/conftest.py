"""Fixtures shared with the suites of the surfaces these tests attack."""

from tests.campaigns.test_publishing import messages  # noqa: F401
from tests.schedules.sessions.conftest import world  # noqa: F401
