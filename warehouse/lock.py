"""One writer per warehouse, whether the run came from the CLI, a deployment or a test.

DuckDB's own file lock is held only for the length of a transaction; this lock
is held for a whole run, so two ingests cannot interleave their batches and a
rebuild cannot swap a database under an ingest.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from filelock import FileLock, Timeout

from warehouse.paths import WarehousePaths


class WarehouseLocked(RuntimeError):
    """Another ingest or rebuild is writing this warehouse."""


@contextmanager
def write_lock(paths: WarehousePaths, wait_seconds: float) -> Iterator[None]:
    paths.ensure()
    lock = FileLock(str(paths.write_lock))
    try:
        lock.acquire(timeout=wait_seconds)
    except Timeout as exc:
        raise WarehouseLocked(
            f"another ingest or rebuild is writing {paths.root} and did not finish within "
            f"{wait_seconds:.0f} s; nothing was changed — run again later"
        ) from exc
    try:
        yield
    finally:
        lock.release()
