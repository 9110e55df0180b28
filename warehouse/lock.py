"""One writer per warehouse, whether the run came from the CLI, a deployment or a test.

DuckDB's own file lock is held only for the length of a transaction; this lock
is held for a whole run, so two ingests cannot interleave their batches and a
rebuild cannot swap a database under an ingest.

The holder writes who it is (flow, run, pid, host, since when) into the lock
file, so a second writer can say whom it is waiting for.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from filelock import FileLock, Timeout

from warehouse.paths import WarehousePaths


class WarehouseLocked(RuntimeError):
    """Another ingest or rebuild is writing this warehouse."""


@contextmanager
def write_lock(
    paths: WarehousePaths,
    wait_seconds: float,
    holder: dict[str, str] | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the warehouse's write lock; wait up to ``wait_seconds`` for it, saying so once through ``on_wait``.

    ``holder`` (e.g. ``{"flow": "ingest", "run_id": …}``) is what a waiting writer is told about this one.
    """
    paths.ensure()
    lock = FileLock(str(paths.write_lock))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if on_wait:
            on_wait(
                f"waiting for the warehouse lock held by {describe_holder(paths)}; "
                f"up to {wait_seconds:.0f} s, then giving up"
            )
        try:
            lock.acquire(timeout=wait_seconds)
        except Timeout as exc:
            raise WarehouseLocked(
                f"another ingest or rebuild is writing {paths.root} and did not finish within "
                f"{wait_seconds:.0f} s; nothing was changed — run again later"
            ) from exc
    try:
        _write_holder(paths, holder or {})
        yield
    finally:
        _write_holder(paths, None)
        lock.release()


def _write_holder(paths: WarehousePaths, holder: dict[str, str] | None) -> None:
    """Who holds the lock, in the lock file itself (filelock never truncates it); emptied on release."""
    info = ""
    if holder is not None:
        since = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        info = json.dumps({**holder, "pid": os.getpid(), "host": socket.gethostname(), "since": since})
    try:
        with open(paths.write_lock, "w", encoding="utf-8") as f:
            f.write(info)
    except OSError:
        pass  # only informative


def describe_holder(paths: WarehousePaths) -> str:
    """What the lock file says about its holder, as a phrase: ``ingest run 2026… (pid 12, host h, since …)``."""
    try:
        info = json.loads(paths.write_lock.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        info = {}
    if not isinstance(info, dict) or not info:
        return "another process (an ingest or rebuild that did not say who it is)"
    what = str(info.get("flow") or "another process") + (f" run {info['run_id']}" if info.get("run_id") else "")
    details = ", ".join(f"{k} {info[k]}" for k in ("pid", "host", "since") if info.get(k))
    return f"{what} ({details})" if details else what
