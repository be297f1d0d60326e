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
