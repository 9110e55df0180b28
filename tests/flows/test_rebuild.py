"""Rebuild: every table again from the raw archive, swapped in whole; also the way back from a lost database."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows.cli import main as jingji
from flows.ingest import ingest_flow
from flows.rebuild import rebuild_flow
from tests.flows.test_ingest import _inbox, _query
from warehouse import swap
from warehouse.paths import WarehousePaths

pytestmark = pytest.mark.usefixtures("prefect_harness")

TABLE_SNAPSHOT = {
    "documents": "SELECT doc_id, source_path, encoding, text, text_simplified, title, repairs, flags FROM documents",
    "quarantine": "SELECT sha256, source_path, reason, detail FROM quarantine",
    "indicators": "SELECT doc_id, indicator, region, value, yoy_pct, char_start FROM indicators",
    "projects": "SELECT doc_id, name, investment_base FROM projects",
}


def _snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    return {name: sorted(_query(warehouse, sql), key=repr) for name, sql in TABLE_SNAPSHOT.items()}


def _raw_files(warehouse: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (warehouse / "raw").rglob("*.bin")}


def test_rebuild_reproduces_a_fresh_ingest_and_keeps_the_archive(tmp_path: Path) -> None:
    inbox, warehouse = _inbox(tmp_path), tmp_path / "wh"
    ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    before, raw_before = _snapshot(warehouse), _raw_files(warehouse)

    report = rebuild_flow(warehouse=str(warehouse), run_models=False)

    assert report["documents_loaded"] == 4 and report["files_quarantined"] == 2
    assert _snapshot(warehouse) == before
    assert _raw_files(warehouse) == raw_before
    assert not (warehouse / ".rebuild").exists()
    # The ledger survives, and gains the rebuild's own row.
    assert _query(warehouse, "SELECT flow, status FROM runs ORDER BY started_at") == [
        ("ingest", "completed"),
        ("rebuild", "completed"),
    ]
    # Parquet holds exactly the new generation.
    assert _query(warehouse, "SELECT DISTINCT run_id FROM staged_files") == [(report["run_id"],)]
    assert all(report["run_id"] in p.as_posix() for p in (warehouse / "parquet").rglob("*.parquet"))
    # And the next ingest still finds nothing new.
    assert ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)["files_new"] == 0


def test_a_deleted_database_is_restored_from_the_archive(tmp_path: Path) -> None:
    inbox, warehouse = _inbox(tmp_path), tmp_path / "wh"
    ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    before = _snapshot(warehouse)
    (warehouse / "warehouse.duckdb").unlink()

    assert jingji(["rebuild", "--warehouse", str(warehouse)]) == 0
    assert _snapshot(warehouse) == before


def test_an_interrupted_swap_is_finished_and_an_unfinished_rebuild_discarded(tmp_path: Path) -> None:
    inbox, warehouse = _inbox(tmp_path), tmp_path / "wh"
    ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    paths = WarehousePaths(warehouse)

    # An unfinished rebuild (no READY marker) is thrown away by the next writer.
    paths.rebuild.ensure()
    (paths.rebuild.root / "junk").write_text("half a rebuild")
    assert swap.settle(paths) == "discarded an unfinished rebuild"
    assert not paths.rebuild.root.exists()

    # A ready rebuild whose swap was cut short is completed by the next writer.
    staged_db = paths.rebuild.ensure().database
    with duckdb.connect(str(staged_db)) as con:
        con.execute("CREATE TABLE marker AS SELECT 42 AS answer")
    swap.mark_ready(paths)
    report = ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    assert "put a rebuilt warehouse in place" in report["housekeeping"]
    assert _query(warehouse, "SELECT answer FROM marker") == [(42,)]


def test_rebuild_after_a_transform_change_updates_every_rows_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, warehouse = _inbox(tmp_path), tmp_path / "wh"
    ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    raw_before = _raw_files(warehouse)
    # What a release that changes a transform does: a new TRANSFORM_VERSION.
    for module in ("transforms.pipeline", "flows.tasks", "flows.report"):
        monkeypatch.setattr(f"{module}.TRANSFORM_VERSION", "9.9.9-test")

    rebuild_flow(warehouse=str(warehouse), run_models=False)

    for table in ("documents", "indicators", "projects", "quarantine"):
        versions = {v for (v,) in _query(warehouse, f"SELECT DISTINCT transform_version FROM {table}")}
        assert versions <= {"9.9.9-test"}, table
    assert _query(warehouse, "SELECT count(*) FROM documents") == [(4,)]
    assert _raw_files(warehouse) == raw_before
