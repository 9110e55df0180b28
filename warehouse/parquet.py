"""Staged rows as immutable Parquet files, written atomically.

Layout: ``parquet/<table>/run=<run_id>/part-<batch>.parquet``. A file becomes
part of the warehouse only when the DuckDB transaction that loads its rows also
records it in ``staged_files``; anything else under ``parquet/`` is an orphan
of a crashed run and is removed by :func:`remove_orphans`.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from warehouse.files import write_atomically
from warehouse.paths import WarehousePaths


def write_parquet(path: Path, table: pa.Table) -> None:
    write_atomically(path, lambda tmp: pq.write_table(table, tmp, compression="zstd"))


def parquet_files(paths: WarehousePaths) -> list[Path]:
    return sorted(p for p in paths.parquet.rglob("*.parquet") if not p.name.startswith(".tmp-"))


def remove_orphans(paths: WarehousePaths, committed: set[str]) -> list[str]:
    """Delete Parquet files (and temp files) no committed load recorded; return what was removed.

    ``committed`` holds paths relative to the warehouse root, as ``staged_files`` stores them.
    """
    removed = []
    for path in sorted(paths.parquet.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(paths.root).as_posix()
        if path.name.startswith(".tmp-") or (path.suffix == ".parquet" and rel not in committed):
            path.unlink(missing_ok=True)
            removed.append(rel)
    return removed
