"""The loader keeps each document once without a PRIMARY KEY, and upgrades warehouses that still have one."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

from warehouse import db
from warehouse.paths import WarehousePaths
from warehouse.schema import DOCUMENTS, SEARCH_DOCUMENTS


def _document(doc_id: str, title: str) -> dict:
    return {"doc_id": doc_id, "source_path": f"{doc_id}.txt", "title": title, "text": "正文", "run_id": "r"}


def _titles(paths: WarehousePaths) -> list[tuple[str, str]]:
    with db.reader(paths) as con:
        return con.execute("SELECT doc_id, title FROM documents ORDER BY doc_id").fetchall()


def test_a_document_is_loaded_once_across_batches_and_within_one(tmp_path: Path) -> None:
    paths = WarehousePaths(tmp_path)
    db.load_batch(paths, "r", 0, {"documents": [_document("a", "first"), _document("a", "again")]}, [])
    db.load_batch(paths, "r", 1, {"documents": [_document("a", "later"), _document("b", "other")]}, [])
    rows = _titles(paths)
    assert [doc for doc, _ in rows] == ["a", "b"]
    assert rows[1] == ("b", "other")
    assert rows[0][1] in {"first", "again"}  # the first batch's copy, never the later one


def test_the_large_keyed_tables_carry_no_primary_key(tmp_path: Path) -> None:
    # an append to a table with a PRIMARY KEY made every checkpoint rewrite its row group (bench/RESULTS.md)
    paths = WarehousePaths(tmp_path)
    with db.writer(paths) as con:
        rows = con.execute("SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'")
        keyed = {r[0] for r in rows.fetchall()}
    assert DOCUMENTS.name not in keyed and SEARCH_DOCUMENTS.name not in keyed
    assert "runs" in keyed  # small tables keep theirs


def test_an_older_warehouse_loses_the_primary_key_and_keeps_its_rows(tmp_path: Path) -> None:
    paths = WarehousePaths(tmp_path)
    paths.ensure()
    old = duckdb.connect(str(paths.database))
    columns = ", ".join(f'"{name}" {DOCUMENTS.duckdb_type(name)}' for name in DOCUMENTS.column_names)
    old.execute(f"CREATE TABLE documents ({columns}, PRIMARY KEY (doc_id))")
    old.execute("INSERT INTO documents (doc_id, title, received_at) VALUES ('a', '旧的', ?)", [datetime(2026, 1, 1)])
    old.close()

    db.load_batch(paths, "r", 0, {"documents": [_document("a", "new"), _document("b", "二")]}, [])

    assert _titles(paths) == [("a", "旧的"), ("b", "二")]
    with db.reader(paths) as con:
        constraints = con.execute(
            "SELECT count(*) FROM duckdb_constraints() "
            "WHERE table_name = 'documents' AND constraint_type = 'PRIMARY KEY'"
        ).fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert constraints == 0
    assert "documents__keyed" not in tables
