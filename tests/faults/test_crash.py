"""SIGKILL of a real ``jingji ingest`` at chosen moments; the next run completes and loads every file exactly once.

All the crashes start at once (they are independent warehouses), each freezes
at its moment (see faultpoint.py), the test records what is on disk at that
instant and SIGKILLs it. Each test then runs the ingest again and checks the
warehouse's invariants (``assert_loaded_once``). One crash uses no hook at all:
the real console script, killed by polling the warehouse until its archive is
complete and nothing is staged yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest

from tests.faults.conftest import (
    Jingji,
    assert_loaded_once,
    ingest_args,
    query,
    standard_inbox,
    temp_leftovers,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

BATCH = "4"  # 14 new files: three batches of articles, then [empty.txt, scan.txt]
NEW_FILES = 14
# name → fault point (None: the console script, killed from outside by polling)
SCENARIOS = {
    "outside": None,
    "archive": "archive:5",
    "decode": "decode:1",
    "parquet": "parquet:2",
    "load": "load:2",
    "committed": "committed:1",
    "ledger": "ledger:2",
}


@dataclass
class Crash:
    inbox: Path
    warehouse: Path
    files: dict[str, bytes]
    run: Jingji
    at_kill: dict = field(default_factory=dict)
    recovered: dict | None = None

    def recover(self) -> dict:
        """The next run (once per crash): the real flow, in-process on the session's Prefect server."""
        if self.recovered is None:
            from flows.ingest import ingest_flow

            self.recovered = ingest_flow(
                inbox=str(self.inbox), warehouse=str(self.warehouse), batch_size=int(BATCH), run_models=False
            )
        return self.recovered


def _raw_bins(warehouse: Path) -> list[Path]:
    return [p for p in (warehouse / "raw").glob("*/*.bin") if not p.name.startswith(".tmp-")]


def _parquet(warehouse: Path) -> list[str]:
    root = warehouse / "parquet"
    return sorted(p.relative_to(warehouse).as_posix() for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _locked(warehouse: Path) -> bool:
    try:
        query(warehouse, "SELECT 1")
    except duckdb.IOException as exc:
        return "lock" in str(exc).lower()
    return False


def _state(warehouse: Path) -> dict:
    state: dict = {"raw": len(_raw_bins(warehouse)), "parquet": _parquet(warehouse), "temp": temp_leftovers(warehouse)}
    state["locked"] = _locked(warehouse)
    if not state["locked"] and (warehouse / "warehouse.duckdb").exists():
        state["staged"] = sorted(p for (p,) in query(warehouse, "SELECT path FROM staged_files"))
        state["documents"] = query(warehouse, "SELECT count(*) FROM documents")[0][0]
        state["runs"] = query(warehouse, "SELECT status FROM runs")
    return state


@pytest.fixture(scope="module")
def crashes(tmp_path_factory: pytest.TempPathFactory, prefect_api: str) -> dict[str, Crash]:
    found: dict[str, Crash] = {}
    for name, fault in SCENARIOS.items():
        root = tmp_path_factory.mktemp(f"crash-{name}")
        inbox, warehouse = root / "inbox", root / "wh"
        files = standard_inbox(inbox)
        args = ingest_args(inbox, warehouse, "--batch-size", "100" if fault is None else BATCH)
        run = Jingji(args, root / "proc", prefect_api, fault=fault, console_script=fault is None).start()
        found[name] = Crash(inbox, warehouse, files, run)
    for name, crash in found.items():
        if SCENARIOS[name] is None:
            # Archive complete: the process is decoding (loading jieba's dictionary first takes seconds).
            crash.run.wait_for(lambda w=crash.warehouse: len(_raw_bins(w)) == NEW_FILES, what="a complete archive")
            crash.run.kill()
            crash.at_kill = _state(crash.warehouse)
        else:  # frozen: look first, then kill
            assert crash.run.wait_at_fault() == SCENARIOS[name].split(":")[0]
            crash.at_kill = _state(crash.warehouse)
            crash.run.kill()
    return found


def test_killed_mid_decode_from_outside(crashes: dict[str, Crash]) -> None:
    crash = crashes["outside"]
    assert crash.at_kill["parquet"] == [] and crash.at_kill["raw"] == NEW_FILES
    assert crash.run.proc.returncode == -9
    report = crash.recover()
    assert report["documents_loaded"] == 12 and report["files_quarantined"] == 2
    assert_loaded_once(crash.warehouse, crash.files)


def test_killed_mid_decode(crashes: dict[str, Crash]) -> None:
    crash = crashes["decode"]
    assert crash.at_kill["raw"] == NEW_FILES and crash.at_kill["parquet"] == []
    report = crash.recover()
    assert report["files_new"] == NEW_FILES
    assert_loaded_once(crash.warehouse, crash.files)


def test_killed_mid_archive(crashes: dict[str, Crash]) -> None:
    crash = crashes["archive"]
    # The fifth file half written; files are archived on several threads, so how many others were
    # complete (or also half written) at that moment varies — never all of them.
    assert crash.at_kill["temp"] and crash.at_kill["raw"] < len(crash.files)
    crash.recover()
    assert_loaded_once(crash.warehouse, crash.files)


def test_killed_mid_parquet_write(crashes: dict[str, Crash]) -> None:
    crash = crashes["parquet"]
    at_kill = crash.at_kill
    # Batch 0 committed; batch 1 left one complete Parquet file no transaction recorded, and half of another.
    orphans = set(at_kill["parquet"]) - set(at_kill["staged"]) - {t for t in at_kill["parquet"] if "/.tmp-" in t}
    assert at_kill["staged"] and all("part-00000" in p for p in at_kill["staged"])
    assert [p for p in orphans if "part-00001" in p] and len(at_kill["temp"]) == 1
    assert at_kill["documents"] == 4
    report = crash.recover()
    assert sorted(orphans | set(at_kill["temp"])) == sorted(
        p for h in report["housekeeping"] for p in h.split(": ", 1)[-1].split(", ") if p.startswith("parquet/")
    )
    assert_loaded_once(crash.warehouse, crash.files)


def test_killed_inside_the_load_transaction(crashes: dict[str, Crash]) -> None:
    crash = crashes["load"]
    assert crash.at_kill["locked"]  # it held the database, mid-transaction
    crash.recover()
    assert_loaded_once(crash.warehouse, crash.files)
    # Batch 0 committed before the kill and is not loaded again; batch 1's rows were rolled back.
    runs = query(crash.warehouse, "SELECT run_id, count(*) FROM documents GROUP BY ALL ORDER BY 2")
    assert [n for _, n in runs] == [4, 8]


def test_killed_between_two_committed_batches(crashes: dict[str, Crash]) -> None:
    crash = crashes["committed"]
    assert crash.at_kill["documents"] == 4 and crash.at_kill["runs"] == [("running",)]
    report = crash.recover()
    assert report["files_skipped"] == 5 and report["documents_loaded"] == 8
    assert_loaded_once(crash.warehouse, crash.files)


def test_killed_while_updating_the_ledger(crashes: dict[str, Crash]) -> None:
    crash = crashes["ledger"]
    report = crash.recover()
    assert report["files_new"] == 0  # the killed run had loaded everything
    assert_loaded_once(crash.warehouse, crash.files)


def test_a_killed_run_is_not_left_running_in_the_ledger(crashes: dict[str, Crash]) -> None:
    crash = crashes["committed"]
    crash.recover()
    assert query(crash.warehouse, "SELECT count(*) FROM runs WHERE status = 'running'") == [(0,)]


def test_every_loaded_row_names_a_run_in_the_ledger(crashes: dict[str, Crash]) -> None:
    crash = crashes["ledger"]
    crash.recover()
    orphans = query(
        crash.warehouse, "SELECT DISTINCT run_id FROM documents WHERE run_id NOT IN (SELECT run_id FROM runs)"
    )
    assert orphans == []


def test_rebuild_works_after_a_kill_mid_archive(crashes: dict[str, Crash]) -> None:
    from flows.rebuild import rebuild_flow

    crash = crashes["archive"]
    crash.recover()
    try:
        rebuild_flow(warehouse=str(crash.warehouse), batch_size=int(BATCH), run_models=False)
    finally:
        leftovers = temp_leftovers(crash.warehouse)
    assert leftovers == []
    assert_loaded_once(crash.warehouse, crash.files)
