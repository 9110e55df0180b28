"""Compaction: merge a table's many small Parquet files into a few large ones.

Every batch of every run writes one file per table, so a warehouse fed every 15
minutes gathers thousands of small files, which other engines read slowly.
Compaction streams a table's committed files into new files of at most
:data:`TARGET_ROWS` rows, then swaps the ``staged_files`` manifest in one
transaction and deletes the old files. A crash at any step leaves either the
old files or the new ones registered; the others are orphans, which the next
run removes (``warehouse.parquet.remove_orphans``). Readers that glob the
folder may see both sets for the moment between the commit and the delete;
the manifest (``staged_files``) is always exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyarrow.parquet as pq

from warehouse import db
from warehouse.files import write_atomically
from warehouse.paths import WarehousePaths
from warehouse.schema import STAGED_TABLES

# A table is compacted once it has this many files…
MIN_FILES = 32
# …into files of at most this many rows (documents are ~10 KB each: ~500 MB uncompressed).
TARGET_ROWS = 50_000


@dataclass(frozen=True)
class Compacted:
    table: str
    files_before: int
    files_after: int
    rows: int


def _committed(paths: WarehousePaths) -> dict[str, list[tuple[str, int]]]:
    with db.reader(paths) as con:
        rows = con.execute("SELECT table_name, path, row_count FROM staged_files ORDER BY path").fetchall()
    found: dict[str, list[tuple[str, int]]] = {}
    for table, path, count in rows:
        found.setdefault(table, []).append((path, count))
    return found


def _groups(files: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    groups: list[list[tuple[str, int]]] = [[]]
    rows = 0
    for path, count in files:
        if groups[-1] and rows + count > TARGET_ROWS:
            groups.append([])
            rows = 0
        groups[-1].append((path, count))
        rows += count
    return groups


def _merge(paths: WarehousePaths, sources: list[str], target: Path) -> None:
    """Stream ``sources`` into ``target`` one row group at a time: memory stays at one batch."""
    schema = next(t for t in STAGED_TABLES if t.name == target.parent.parent.name).arrow_schema()

    def write(tmp: Path) -> None:
        with pq.ParquetWriter(tmp, schema, compression="zstd") as out:
            for source in sources:
                reader = pq.ParquetFile(paths.root / source)
                for group in range(reader.num_row_groups):
                    out.write_table(reader.read_row_group(group).cast(schema))

    write_atomically(target, write)


def compact(paths: WarehousePaths, run_id: str, min_files: int = MIN_FILES) -> list[Compacted]:
    """Compact every table with at least ``min_files`` committed files; call with the write lock held."""
    done = []
    for table, files in _committed(paths).items():
        if len(files) < min_files:
            continue
        new_rows = []
        for number, group in enumerate(_groups(files)):
            target = paths.parquet_file(table, f"compacted-{run_id}", number)
            _merge(paths, [path for path, _ in group], target)
            new_rows.append(
                {
                    "path": target.relative_to(paths.root).as_posix(),
                    "table_name": table,
                    "run_id": run_id,
                    "row_count": sum(count for _, count in group),
                    "written_at": datetime.now(),
                }
            )
        old = [path for path, _ in files]
        db.replace_staged_files(paths, table, new_rows)
        for path in old:
            (paths.root / path).unlink(missing_ok=True)
        _remove_empty_folders(paths.parquet / table)
        done.append(Compacted(table, len(files), len(new_rows), sum(r["row_count"] for r in new_rows)))
    return done


def _remove_empty_folders(folder: Path) -> None:
    for sub in sorted((p for p in folder.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(sub.iterdir()):
            sub.rmdir()
