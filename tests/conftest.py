"""Shared fixtures: a real Prefect test server for the session, and where the shared seeds live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flows.settings import configure_prefect

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# Held-out sets are data and the scripts that build their inboxes, not tests; each set's make_inbox.py has the
# same module name, which pytest's doctest collection cannot import twice.
collect_ignore_glob = ["fixtures/*"]
SEEDS = SHARED / "seeds"
SAMPLES = ROOT / "samples"

configure_prefect()
# The lookup tables cached by transforms/tablecache.py: the tests' own folder (not the user's home), set
# here at import so that the processes tests start inherit it; kept between runs, like pytest's own cache.
os.environ.setdefault("JINGJI_CACHE_DIR", str(ROOT / ".pytest_cache" / "jingji-tables"))


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect server (with its own database) for every flow test."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    return SEEDS


def write_files(root: Path, files: dict[str, bytes]) -> Path:
    """Create an inbox with the given relative paths and bytes."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


os.environ.setdefault("PREFECT_API_ENABLE_HTTP2", "false")
