"""The DuckDB warehouse: schema, the writer's short transactions, and readers that wait.

DuckDB lets one process hold the file for writing and refuses every other
connection meanwhile, even read-only ones. Writers therefore open the database
only for the length of one batch's transaction, and readers retry with a
message instead of failing with a raw lock error.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from warehouse.parquet import write_parquet
from warehouse.paths import WarehousePaths
from warehouse.schema import (
    ALL_TABLES,
    DOCUMENT_SIGNATURES,
    INBOX_FILES,
    RECEIPTS,
    RUNS,
    SEARCH_DOCUMENTS,
    STAGED_FILES,
    STAGED_TABLES,
    Table,
)

# How long a reader or writer waits for another process to release the file.
DEFAULT_WAIT_SECONDS = 300.0
# DuckDB caches up to 80 % of the machine's memory by default and a writer's process keeps it: a
# loading run's memory then grew with the warehouse. Writers are held to this (spilling to disk
# beyond it); `jingji sql` readers are not.
WRITER_MEMORY_ENV = "JINGJI_DUCKDB_MEMORY_LIMIT"
DEFAULT_WRITER_MEMORY = "1GB"


def writer_memory_limit() -> str:
    """``$JINGJI_DUCKDB_MEMORY_LIMIT`` (a DuckDB size such as ``2GB``), else 1 GB."""
    return os.environ.get(WRITER_MEMORY_ENV) or DEFAULT_WRITER_MEMORY


class WarehouseBusy(RuntimeError):
    """Another process held the database longer than we were willing to wait."""


def sql_string(value: str) -> str:
    """A SQL string literal, for the few statements (ATTACH) that take no parameters.

    >>> print(sql_string("it's"))
    'it''s'
    """
    return "'" + value.replace("'", "''") + "'"


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc)
    return "lock" in text.lower() and ("Conflicting" in text or "Could not set lock" in text)


def open_database(
    path: Path,
    *,
    read_only: bool,
    wait_seconds: float = DEFAULT_WAIT_SECONDS,
    on_wait: Callable[[str], None] | None = None,
) -> duckdb.DuckDBPyConnection:
    """Connect, waiting (with one message) while another process holds the file."""
    deadline = time.monotonic() + wait_seconds
    delay = 0.05
    told = False
    while True:
        try:
            config = {} if read_only else {"memory_limit": writer_memory_limit()}
            con = duckdb.connect(str(path), read_only=read_only, config=config)
            if not read_only:
                # Closing a writer would checkpoint (fold the write-ahead log into the file): 0.1-0.5 s at
                # 10k documents, and a run opens about eight writers. Committed writes are durable in the
                # log; DuckDB checkpoints it once it outgrows `checkpoint_threshold` (16 MB), and each run
                # ends with one explicit checkpoint (`record_run(..., checkpoint=True)`).
                con.execute("PRAGMA disable_checkpoint_on_shutdown")
            return con
        except duckdb.IOException as exc:
            if not _is_lock_error(exc):
                raise
            if time.monotonic() >= deadline:
                raise WarehouseBusy(
                    f"{path} is being written by another process (an ingest?) and stayed busy for "
                    f"{wait_seconds:.0f} s; try again when it has finished."
                ) from exc
            if on_wait and not told:
                on_wait(f"{path.name} is busy (another process is writing); waiting up to {wait_seconds:.0f} s…")
                told = True
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


@contextmanager
def reader(paths: WarehousePaths, **kwargs) -> Iterator[duckdb.DuckDBPyConnection]:
    if not paths.database.exists():
        raise FileNotFoundError(f"no warehouse at {paths.database}; run `jingji ingest` first")
    con = open_database(paths.database, read_only=True, **kwargs)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def writer(paths: WarehousePaths, **kwargs) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived write connection; the schema is ensured on every open (cheap when present)."""
    paths.ensure()
    con = open_database(paths.database, read_only=False, **kwargs)
    try:
        ensure_schema(con)
        yield con
    finally:
        con.close()


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables and add missing columns, so an older warehouse upgrades in place."""
    for table in ALL_TABLES:
        con.execute(table.create_sql())
        have = {row[0] for row in con.execute(f'DESCRIBE "{table.name}"').fetchall()}
        for column in table.column_names:
            if column not in have:
                con.execute(f'ALTER TABLE "{table.name}" ADD COLUMN "{column}" {table.duckdb_type(column)}')
    _drop_unwanted_key_constraints(con)


def _drop_unwanted_key_constraints(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild, once, a table an older version created with a PRIMARY KEY the schema no longer declares.

    DuckDB cannot drop a constraint in place: the rows move to a new table (seconds at 10k documents, once).
    """
    unkeyed = [t.name for t in ALL_TABLES if t.key and not t.key_constraint]
    rows = con.execute(
        "SELECT DISTINCT table_name FROM duckdb_constraints() "
        "WHERE constraint_type = 'PRIMARY KEY' AND schema_name = 'main' AND database_name = current_database() "
        "AND list_contains(?, table_name)",
        [unkeyed],
    ).fetchall()
    for (name,) in rows:
        table = next(t for t in ALL_TABLES if t.name == name)
        with _transaction(con):
            con.execute(f'ALTER TABLE "{name}" RENAME TO "{name}__keyed"')
            con.execute(table.create_sql())
            con.execute(f'INSERT INTO "{name}" BY NAME SELECT * FROM "{name}__keyed"')
            con.execute(f'DROP TABLE "{name}__keyed"')


def known_hashes(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Content already in the warehouse: loaded as a document or quarantined."""
    rows = con.execute("SELECT doc_id FROM documents UNION SELECT sha256 FROM quarantine").fetchall()
    return {r[0] for r in rows}


def received_stamps(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, datetime]]:
    """Per inbox path, the size and mtime the file had when it was last hashed, if that content is in the warehouse.

    Discovery skips hashing a file still in that state (see ``flows.discover``).
    """
    rows = con.execute(
        """SELECT source_path, size_bytes, modified_at FROM inbox_files
           WHERE sha256 IN (SELECT doc_id FROM documents UNION ALL SELECT sha256 FROM quarantine)"""
    ).fetchall()
    return {path: (size, modified) for path, size, modified in rows}


def remember_hashed_files(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    """Record what discovery hashed (``inbox_files`` rows); a stamp counts only once its content is loaded."""
    if rows:
        with _transaction(con):
            con.register("_hashed", INBOX_FILES.to_arrow(rows))
            try:
                con.execute("INSERT OR REPLACE INTO inbox_files BY NAME SELECT * FROM _hashed")
            finally:
                con.unregister("_hashed")


def committed_parquet(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT path FROM staged_files").fetchall()}


def _insert(con: duckdb.DuckDBPyConnection, table: Table, arrow: pa.Table) -> None:
    if arrow.num_rows == 0:
        return
    con.register("_incoming", arrow)
    try:
        insert_new_rows(con, table, "_incoming")
    finally:
        con.unregister("_incoming")


def insert_new_rows(con: duckdb.DuckDBPyConnection, table: Table, relation: str) -> None:
    """Insert the rows of ``relation`` whose key the table does not hold yet (the first of equal keys).

    A keyed table without its PRIMARY KEY (see ``Table.key_constraint``) keeps the key here: the
    writer holds the warehouse lock, so nothing else inserts between the check and the insert.
    """
    if not table.key:
        con.execute(f'INSERT INTO "{table.name}" BY NAME SELECT * FROM {relation}')
    elif table.key_constraint:
        con.execute(f'INSERT OR IGNORE INTO "{table.name}" BY NAME SELECT * FROM {relation}')
    else:
        key = ", ".join(f'"{k}"' for k in table.key)
        con.execute(
            f'INSERT INTO "{table.name}" BY NAME SELECT * FROM {relation} AS incoming '
            f'WHERE ({key}) NOT IN (SELECT ({key}) FROM "{table.name}") '
            f"QUALIFY row_number() OVER (PARTITION BY {key}) = 1"
        )


def doc_ids(con: duckdb.DuckDBPyConnection, sql: str) -> list[str]:
    """The first column of ``sql``'s rows: ids to fetch wide rows for with :func:`rows_of`."""
    return [row[0] for row in con.execute(sql).fetchall()]


def rows_of(con: duckdb.DuckDBPyConnection, select: str, ids: list[str]) -> list[tuple]:
    """``select`` (whose first column is doc_id) for just these documents, in doc_id order.

    Ids first, wide columns for those only: a scan of every text costs ~1 s at 10k documents.
    """
    if not ids:
        return []
    return con.execute(f"{select} WHERE list_contains($ids, doc_id) ORDER BY doc_id", {"ids": ids}).fetchall()


def load_batch(
    paths: WarehousePaths,
    run_id: str,
    batch_no: int,
    staged: dict[str, list[dict]],
    receipts: list[dict],
) -> dict[str, int]:
    """Write one batch's rows as Parquet, then load them into DuckDB in one transaction.

    ``staged`` may also hold ``document_signatures`` and ``search_documents`` rows
    the workers computed: they go into DuckDB in the same transaction.

    Parquet first: if the process dies before the commit, the files are orphans
    (not in ``staged_files``) and the next run removes them and reprocesses the
    batch's files, which are still unknown to the warehouse.
    """
    arrow = {t.name: t.to_arrow(staged.get(t.name, [])) for t in STAGED_TABLES}
    now = datetime.now()
    written = []
    for table in STAGED_TABLES:
        if arrow[table.name].num_rows:
            path = paths.parquet_file(table.name, run_id, batch_no)
            write_parquet(path, arrow[table.name])
            written.append(
                {
                    "path": path.relative_to(paths.root).as_posix(),
                    "table_name": table.name,
                    "run_id": run_id,
                    "row_count": arrow[table.name].num_rows,
                    "written_at": now,
                }
            )
    with writer(paths) as con, _transaction(con):
        for table in STAGED_TABLES:
            _insert(con, table, arrow[table.name])
        # derived rows the workers computed (no Parquet: a rebuild recomputes them); imported here because
        # those modules pull in datasketch and the segmenter (~1 s), which `jingji sql` must not pay for
        from warehouse import near_duplicates, search

        near_duplicates.add_signatures(con, staged.get(DOCUMENT_SIGNATURES.name, []))
        search.add_documents(con, staged.get(SEARCH_DOCUMENTS.name, []))
        _insert(con, STAGED_FILES, STAGED_FILES.to_arrow(written))
        _insert(con, RECEIPTS, RECEIPTS.to_arrow(receipts))
    return {name: table.num_rows for name, table in arrow.items()}


# Statuses of a run in the ``runs`` ledger.
RUN_STATUSES = ("running", "completed", "failed", "interrupted")


def record_run(paths: WarehousePaths, run: dict, *, checkpoint: bool = False) -> None:
    """Insert or update the run's ledger row, in one transaction: a kill leaves the old row or the new one.

    ``checkpoint``: the run's last write, so fold the write-ahead log into the file (see ``open_database``):
    a warehouse at rest is one file, which a user may copy.
    """
    with writer(paths) as con:
        with _transaction(con):
            con.execute("DELETE FROM runs WHERE run_id = ?", [run["run_id"]])
            _insert(con, RUNS, RUNS.to_arrow([run]))
        if checkpoint:
            con.execute("CHECKPOINT")


def mark_interrupted_runs(paths: WarehousePaths, current_run_id: str, now: datetime) -> list[str]:
    """Mark every other run still ``running`` as ``interrupted`` (finished_at: ``now``); return their ids.

    Call with the write lock held: every writer holds it for its whole run, so
    another run still ``running`` then is a process that died (killed, power
    lost) without recording its end. Its committed batches stay loaded.
    """
    with writer(paths) as con, _transaction(con):
        rows = con.execute(
            "UPDATE runs SET status = 'interrupted', finished_at = ? WHERE status = 'running' AND run_id <> ? "
            "RETURNING run_id",
            [now, current_run_id],
        ).fetchall()
    return sorted(r[0] for r in rows)


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def carry_over_ledger(con: duckdb.DuckDBPyConnection, live_database: Path) -> None:
    """Copy the run ledger of the live database into a rebuilt one, so history survives a rebuild."""
    if not live_database.exists():
        return
    con.execute(f"ATTACH {sql_string(str(live_database))} AS live (READ_ONLY)")
    try:
        for table in (RUNS, RECEIPTS, INBOX_FILES):
            con.execute(f'INSERT INTO "{table.name}" BY NAME SELECT * FROM live."{table.name}"')
    finally:
        con.execute("DETACH live")


def names_by_hash(paths: WarehousePaths) -> dict[str, str]:
    """The name each content was loaded or quarantined under, from the live database (if any)."""
    if not paths.database.exists():
        return {}
    with reader(paths) as con:
        rows = con.execute(
            "SELECT doc_id, source_path FROM documents UNION ALL SELECT sha256, source_path FROM quarantine"
        )
        return dict(rows.fetchall())


def previous_run_failed(paths: WarehousePaths, current_run_id: str) -> bool:
    """Whether the run before ``current_run_id`` ended badly (its loads may be in, its models not)."""
    with reader(paths) as con:
        row = con.execute(
            "SELECT status FROM runs WHERE run_id <> ? ORDER BY started_at DESC LIMIT 1", [current_run_id]
        ).fetchone()
    return row is not None and row[0] != "completed"


def replace_staged_files(paths: WarehousePaths, table_name: str, new_files: list[dict]) -> None:
    """Swap one table's Parquet manifest for ``new_files`` in one transaction (compaction)."""
    with writer(paths) as con, _transaction(con):
        con.execute("DELETE FROM staged_files WHERE table_name = ?", [table_name])
        _insert(con, STAGED_FILES, STAGED_FILES.to_arrow(new_files))
