"""The Parquet lake: readable without DuckDB (pyarrow, polars), and compacted without losing or doubling a row."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pyarrow.dataset as ds
import pytest

from flows.ingest import ingest_flow
from tests.flows.test_ingest import _inbox, _query
from warehouse.compaction import compact
from warehouse.paths import WarehousePaths

pytestmark = pytest.mark.usefixtures("prefect_harness")


def _lake_doc_ids(warehouse: Path) -> list[str]:
    """Documents as another engine sees them: every committed file the manifest lists."""
    files = [
        str(warehouse / p) for (p,) in _query(warehouse, "SELECT path FROM staged_files WHERE table_name = 'documents'")
    ]
    return sorted(pl.read_parquet(files)["doc_id"].to_list())


def test_parquet_opens_in_pyarrow_and_polars_and_matches_duckdb(tmp_path: Path) -> None:
    inbox, warehouse = _inbox(tmp_path), tmp_path / "wh"
    ingest_flow(inbox=str(inbox), warehouse=str(warehouse), batch_size=2, run_models=False)
    in_duckdb = sorted(d for (d,) in _query(warehouse, "SELECT doc_id FROM documents"))

    dataset = ds.dataset(warehouse / "parquet" / "documents", format="parquet", partitioning="hive")
    assert sorted(dataset.to_table(columns=["doc_id"])["doc_id"].to_pylist()) == in_duckdb
    frame = pl.read_parquet(str(warehouse / "parquet" / "documents" / "**" / "*.parquet"), hive_partitioning=True)
    assert sorted(frame["doc_id"].to_list()) == in_duckdb
    assert set(frame["encoding"]) == {"utf-8", "gb18030", "big5hkscs", "utf-16"}
    assert _lake_doc_ids(warehouse) == in_duckdb


def test_compaction_merges_small_files_and_keeps_every_row_once(tmp_path: Path) -> None:
    inbox, warehouse = _inbox(tmp_path), tmp_path / "wh"
    ingest_flow(inbox=str(inbox), warehouse=str(warehouse), batch_size=1, run_models=False)
    paths = WarehousePaths(warehouse)
    before = _lake_doc_ids(warehouse)
    assert len(list((warehouse / "parquet" / "documents").rglob("*.parquet"))) == 4

    done = {c.table: c for c in compact(paths, "test", min_files=2)}

    assert done["documents"].files_before == 4 and done["documents"].files_after == 1
    assert done["documents"].rows == 4
    assert [p.name for p in (warehouse / "parquet" / "documents").rglob("*.parquet")] == ["part-00000.parquet"]
    assert _lake_doc_ids(warehouse) == before
    # The compacted files are committed: the next run keeps them, and loads nothing again.
    report = ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    assert report["files_new"] == 0 and not any("Parquet files left" in h for h in report["housekeeping"])
    assert _lake_doc_ids(warehouse) == before
