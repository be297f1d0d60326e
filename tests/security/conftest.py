from tests.schedules.sessions.conftest import world  # noqa: F401 - a shared fixture
