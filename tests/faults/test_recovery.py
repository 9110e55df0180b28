"""Recovery from the raw archive: a lost database is rebuilt with the same rows; a killed rebuild harms nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flows.ingest import ingest_flow
from tests.faults.conftest import (
    Jingji,
    article,
    assert_loaded_once,
    query,
    staged_table_names,
    standard_inbox,
    temp_leftovers,
    write_inbox,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

# Columns that name the run which loaded a row: a rebuild is a new run.
RUN_COLUMNS = {"run_id"}


def snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    """Every row of every staged table, all columns but the loading run's id, in a stable order."""
    tables = {}
    for table in staged_table_names():
        columns = [c for (c,) in query(warehouse, f'SELECT column_name FROM (DESCRIBE "{table}")')]
        kept = ", ".join(f'"{c}"' for c in columns if c not in RUN_COLUMNS)
        tables[table] = sorted(query(warehouse, f'SELECT {kept} FROM "{table}"'), key=repr)
    return tables


def _ingested(root: Path) -> tuple[Path, Path, dict[str, bytes]]:
    inbox, warehouse = root / "inbox", root / "wh '; DROP TABLE runs; --"
    files = standard_inbox(inbox)
    files |= write_inbox(inbox, {"gb-truncated.txt": article(20).rstrip("\n").encode("gb18030")[:-1]})
    ingest_flow(inbox=str(inbox), warehouse=str(warehouse), batch_size=4, run_models=False)
    return inbox, warehouse, files


@pytest.fixture(scope="module")
def rebuilds(tmp_path_factory: pytest.TempPathFactory, prefect_api: str) -> dict:
    """Three copies of one ingested warehouse, then at once: a rebuild after losing the database, two killed."""
    found = {}
    inbox, ingested, files = _ingested(tmp_path_factory.mktemp("ingested"))
    before = snapshot(ingested)
    for name, fault in (("lost", None), ("killed-ready", "ready"), ("killed-mid", "decode:3")):
        root = tmp_path_factory.mktemp(name)
        warehouse = root / ingested.name
        shutil.copytree(ingested, warehouse, symlinks=True)
        if fault is None:
            for lost in warehouse.glob("warehouse.duckdb*"):
                lost.unlink()
        args = ["rebuild", "--warehouse", str(warehouse), "--skip-models", "--batch-size", "4"]
        run = Jingji(args, root / "proc", prefect_api, fault=fault, console_script=fault is None).start()
        found[name] = {"inbox": inbox, "warehouse": warehouse, "files": files, "before": before, "run": run}
    return found


def test_a_deleted_database_is_rebuilt_from_the_archive_with_the_same_rows(rebuilds: dict) -> None:
    scene = rebuilds["lost"]
    done = scene["run"].finish()
    assert done.returncode == 0, done.err[-3000:]
    warehouse = scene["warehouse"]
    assert snapshot(warehouse) == scene["before"]
    assert temp_leftovers(warehouse) == [] and not (warehouse / ".rebuild").exists()
    # The ledger went with the database: only the rebuild's own run is recorded.
    assert query(warehouse, "SELECT flow, status FROM runs") == [("rebuild", "completed")]

    # A second rebuild with the database present carries the ledger over (ATTACH of a path with a quote).
    from flows.rebuild import rebuild_flow

    rebuild_flow(warehouse=str(warehouse), run_models=False)
    assert snapshot(warehouse) == scene["before"]
    assert query(warehouse, "SELECT flow, status FROM runs") == [("rebuild", "completed")] * 2
    # And the inbox is still all known: nothing is loaded twice.
    report = ingest_flow(inbox=str(scene["inbox"]), warehouse=str(warehouse), run_models=False)
    assert report["files_new"] == 0
    assert snapshot(warehouse) == scene["before"]


def test_a_rebuild_killed_once_complete_is_swapped_in_by_the_next_run(rebuilds: dict) -> None:
    scene = rebuilds["killed-ready"]
    assert scene["run"].wait_at_fault() == "ready"
    scene["run"].kill()
    warehouse = scene["warehouse"]
    assert snapshot(warehouse) == scene["before"]  # the live warehouse, untouched and readable
    report = ingest_flow(inbox=str(scene["inbox"]), warehouse=str(warehouse), run_models=False)
    assert "put a rebuilt warehouse in place" in report["housekeeping"] and report["files_new"] == 0
    assert snapshot(warehouse) == scene["before"]
    assert [f for (f,) in query(warehouse, "SELECT flow FROM runs ORDER BY started_at")] == [
        "ingest",
        "rebuild",
        "ingest",
    ]
    assert_loaded_once(warehouse, scene["files"])


def test_a_rebuild_killed_half_way_is_discarded_and_the_live_warehouse_kept(rebuilds: dict) -> None:
    scene = rebuilds["killed-mid"]
    assert scene["run"].wait_at_fault() == "decode"
    warehouse = scene["warehouse"]
    assert (warehouse / ".rebuild").exists()
    scene["run"].kill()
    assert snapshot(warehouse) == scene["before"]
    report = ingest_flow(inbox=str(scene["inbox"]), warehouse=str(warehouse), run_models=False)
    assert "discarded an unfinished rebuild" in report["housekeeping"]
    assert not (warehouse / ".rebuild").exists() and temp_leftovers(warehouse) == []
    assert snapshot(warehouse) == scene["before"]
    assert_loaded_once(warehouse, scene["files"])
