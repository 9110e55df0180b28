"""Putting a rebuilt warehouse in place of the live one, so that no crash leaves half of each.

A rebuild writes a complete database and Parquet set under ``.rebuild/`` while
readers keep using the live ones, then marks it ``READY`` and swaps: database
file first (one atomic rename), then the Parquet folder. Whoever next takes the
write lock finishes a swap that a crash interrupted, or discards a rebuild that
never became ready.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from warehouse.files import write_bytes_atomically
from warehouse.paths import WarehousePaths


def mark_ready(paths: WarehousePaths) -> None:
    write_bytes_atomically(paths.rebuild_ready, b"complete\n")


def settle(paths: WarehousePaths) -> str | None:
    """Finish an interrupted swap or drop an unfinished rebuild; call with the write lock held.

    Returns what was done (for the run report), or None.
    """
    staging = paths.rebuild
    if not staging.root.exists():
        return None
    if not paths.rebuild_ready.exists():
        shutil.rmtree(staging.root)
        return "discarded an unfinished rebuild"
    if staging.database.exists():
        # The rebuilt database's own log (committed writes not yet checkpointed) goes into its file before it moves.
        if _wal(staging.database).exists():
            duckdb.connect(str(staging.database)).execute("CHECKPOINT").close()
        # A WAL beside the live database belongs to the old one: never replay it onto the new one.
        _wal(paths.database).unlink(missing_ok=True)
        os.replace(staging.database, paths.database)
    if staging.parquet.exists():
        retired = paths.root / ".parquet-retired"
        shutil.rmtree(retired, ignore_errors=True)
        if paths.parquet.exists():
            os.replace(paths.parquet, retired)
        os.replace(staging.parquet, paths.parquet)
        shutil.rmtree(retired, ignore_errors=True)
    shutil.rmtree(staging.root)
    return "put a rebuilt warehouse in place"


def _wal(database: Path) -> Path:
    """DuckDB's write-ahead log beside a database file."""
    return database.with_name(database.name + ".wal")
