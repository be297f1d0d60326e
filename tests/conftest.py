import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"

# Benchmarks measure, they do not check: `make bench` runs them.
collect_ignore_glob = [] if os.environ.get("RUN_BENCHMARKS") else ["benchmarks/*"]


@pytest.fixture
def shared_data():
    """Reference data beside the project: tests may read it, the product may not."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"reference data missing: {SHARED_DATA}")
    return SHARED_DATA


def require_service(name: str, available: bool):
    """Skip, naming the missing service; in CI (REQUIRE_SERVICES=1) fail instead."""
    if available:
        return
    message = f"{name} is not available"
    if os.environ.get("REQUIRE_SERVICES"):
        pytest.fail(message + " (REQUIRE_SERVICES is set)")
    pytest.skip(message)


@pytest.fixture(autouse=True)
def no_cache_from_earlier_tests():
    """Rolled-back tests hand the same primary keys out again (SQLite): a report
    cached by an earlier test under the same campaign id must not be read back.
    Nor a feed kept in this process's memory under a generation number the
    rollback hands out again."""
    from django.core.cache import cache

    from cms.feeds.cache import recent

    cache.clear()
    recent.clear()
    yield
    cache.clear()
    recent.clear()


@pytest.fixture(autouse=True)
def no_refusals_from_earlier_tests():
    """A refusal raised in a test's transaction waits for the end of a request or
    task; one test's leftovers must not reach the next test's report."""
    from campaigns.safety.guard import pending_refusals_take

    pending_refusals_take()
    yield
    pending_refusals_take()
