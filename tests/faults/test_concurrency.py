"""Real processes at once: two ingests, a query while an ingest holds the database, a rebuild during an ingest.

An ingest frozen at a chosen moment (faultpoint.py) makes the overlap certain
rather than a matter of timing: whatever runs beside it meets the lock, every
time.
"""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import pytest

from tests.faults.conftest import (
    JINGJI,
    Jingji,
    assert_loaded_once,
    ingest_args,
    standard_inbox,
    temp_leftovers,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


class Scene:
    def __init__(self, root: Path) -> None:
        self.root, self.inbox, self.warehouse = root, root / "inbox", root / "wh"
        self.files = standard_inbox(self.inbox)
        self.runs: list[Jingji] = []


@pytest.fixture(scope="module")
def scenes(tmp_path_factory: pytest.TempPathFactory, prefect_api: str) -> dict[str, Scene]:
    """Start every process the module needs at once; the tests then meet them where they stopped."""
    found = {name: Scene(tmp_path_factory.mktemp(name)) for name in ("pair", "query", "rebuild")}
    for name, fault in (("pair", "decode:1"), ("query", "load:2"), ("rebuild", "decode:1")):
        scene = found[name]
        args = ingest_args(scene.inbox, scene.warehouse, "--batch-size", "4")
        scene.runs.append(Jingji(args, scene.root / "ingest", prefect_api, fault=fault).start())
    return found


def _cli(args: list[str], workdir: Path) -> tuple[subprocess.Popen, Path]:
    workdir.mkdir(parents=True, exist_ok=True)
    err = workdir / "stderr"
    with open(workdir / "stdout", "wb") as out, open(err, "wb") as err_file:
        proc = subprocess.Popen([str(JINGJI), *args], stdout=out, stderr=err_file)
    return proc, err


def _wait(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"no {what} after {timeout} s"
        time.sleep(0.05)


def test_two_ingests_at_once_load_every_file_once(scenes: dict[str, Scene], prefect_api: str) -> None:
    scene = scenes["pair"]
    first = scene.runs[0]
    # The first is frozen inside its run, holding the lock, so the overlap is certain rather than a race
    # (two ingests merely started together on a busy 2-core machine may well not overlap at all).
    assert first.wait_at_fault() == "decode"
    args = ingest_args(scene.inbox, scene.warehouse, "--batch-size", "4")
    second = Jingji(args, scene.root / "second", prefect_api, console_script=True).start()
    said = "waiting for the warehouse lock held by ingest run "
    second.wait_for(lambda: said in (second.workdir / "stderr").read_text(errors="replace"), what="the waiting line")
    first.resume()
    results = [first.finish(), second.finish()]
    assert [r.returncode for r in results] == [0, 0], [r.err[-2000:] for r in results]
    loaded = [int(re.search(r"loaded (\d+) documents", r.out)[1]) for r in results]
    assert loaded == [12, 0], [r.out for r in results]  # the second found everything already loaded
    assert said not in results[0].err
    assert_loaded_once(scene.warehouse, scene.files)


def test_a_query_waits_for_the_writer_and_sees_whole_batches(
    scenes: dict[str, Scene], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    scene = scenes["query"]
    ingest = scene.runs[0]
    assert ingest.wait_at_fault() == "load"  # frozen inside batch 1's transaction, holding the database
    sql = (
        "SELECT (SELECT count(*) FROM documents) AS documents, "
        "(SELECT coalesce(sum(row_count), 0) FROM staged_files WHERE table_name = 'documents') AS staged"
    )
    query, err = _cli(["sql", sql, "--warehouse", str(scene.warehouse), "--format", "csv"], tmp_path / "sql")
    _wait(lambda: "busy" in err.read_text(), 60, "message that the query waits")
    assert query.poll() is None

    # Meanwhile a second ingest gives up after its wait, with exit 75 and a sentence saying so.
    import filelock

    import warehouse.lock
    from flows.cli import main as jingji

    class ShortWait(filelock.FileLock):
        def acquire(self, timeout: float | None = None, **kwargs):  # type: ignore[override]
            return super().acquire(timeout=1.0, **kwargs)

    monkeypatch.setattr(warehouse.lock, "FileLock", ShortWait)
    before = sorted(p.relative_to(scene.warehouse) for p in scene.warehouse.rglob("*"))
    assert jingji(ingest_args(scene.inbox, scene.warehouse)) == 75
    assert "another ingest or rebuild is writing" in capsys.readouterr().err
    assert sorted(p.relative_to(scene.warehouse) for p in scene.warehouse.rglob("*")) == before

    ingest.resume()
    assert query.wait(timeout=120) == 0, err.read_text()
    out = (err.parent / "stdout").read_text(encoding="utf-8")
    documents, staged = (int(v) for v in out.splitlines()[1].split(","))
    assert documents == staged and documents >= 8  # batch 1 committed before the query got in; never half
    assert ingest.finish().returncode == 0
    assert_loaded_once(scene.warehouse, scene.files)


def _flow_run_running(flow: str, warehouse: Path) -> bool:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName

    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=[flow])), limit=200)
    return any(r.parameters.get("warehouse") == str(warehouse) and r.state and r.state.is_running() for r in runs)


def test_a_rebuild_during_an_ingest_waits_for_it_then_rebuilds_everything(
    scenes: dict[str, Scene], tmp_path: Path, prefect_api: str
) -> None:
    scene = scenes["rebuild"]
    ingest = scene.runs[0]
    assert ingest.wait_at_fault() == "decode"  # holding the write lock, archive complete
    rebuild = Jingji(["rebuild", "--warehouse", str(scene.warehouse), "--skip-models"], tmp_path, prefect_api)
    rebuild.start()
    rebuild.wait_for(lambda: _flow_run_running("rebuild", scene.warehouse), what="rebuild flow run")
    time.sleep(1.0)
    assert rebuild.proc.poll() is None and not (scene.warehouse / ".rebuild").exists()

    ingest.resume()
    assert ingest.finish().returncode == 0
    done = rebuild.finish()
    assert done.returncode == 0, done.err[-3000:]
    assert "loaded 12 documents" in done.out  # it rebuilt what the ingest had loaded
    assert_loaded_once(scene.warehouse, scene.files)
    assert temp_leftovers(scene.warehouse) == [] and not (scene.warehouse / ".rebuild").exists()
