"""What the CLI does before a flow runs: launch Prefect's temporary server first, warm the pipeline meanwhile."""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from flows import warmup
from flows.server import TemporaryServer, needs_temporary_server


def test_the_warm_up_steps_run_and_never_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    for step in warmup.steps():
        step()

    def broken(raw: bytes, name: str) -> None:
        raise RuntimeError("a table could not be loaded")

    monkeypatch.setattr("transforms.pipeline.process", broken)
    for step in warmup.steps():
        step()  # logged at debug level, not raised: the run meets the fault itself


@pytest.mark.slow
def test_the_temporary_server_answers_while_and_after_warm_up_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))  # a database of its own, not the user's
    ran: list[int] = []

    def steps() -> Iterator[Callable[[], None]]:
        for i in range(100_000):  # 0.01 s each, more than a boot takes: the wait stops once the server answers
            yield lambda i=i: (time.sleep(0.01), ran.append(i))

    server = TemporaryServer().start()
    try:
        server.wait_until_ready(120, meanwhile=steps())
        assert 0 < len(ran) < 100_000
        with urllib.request.urlopen(f"{server.api_url}/health", timeout=5) as response:
            assert json.load(response) is True
        process = server.process
    finally:
        server.stop()
    assert process is not None and process.poll() is not None  # stopped with the run
    server.stop()  # twice is harmless (atexit calls it again)


def test_a_server_that_dies_while_booting_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("flows.server.sys.executable", "/bin/false")
    server = TemporaryServer().start()
    try:
        with pytest.raises(RuntimeError, match="exited with status 1"):
            server.wait_until_ready(30)
    finally:
        server.stop()


def test_no_temporary_server_when_an_api_is_configured() -> None:
    """A profile or PREFECT_API_URL pointing at a real server: nothing to launch."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: "http://127.0.0.1:4200/api"}):
        assert not needs_temporary_server()
