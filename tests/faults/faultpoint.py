"""``jingji`` with one fault point: ``python tests/faults/faultpoint.py ingest --inbox … --warehouse …``.

``$JINGJI_FAULT`` names the moment at which the process stops itself with
SIGSTOP, after writing the point's name to ``$JINGJI_FAULT_MARKER``. A test then
looks at the warehouse as it is at that exact moment and SIGKILLs the process
(or lets it go on with SIGCONT). The product knows nothing of this: functions
are wrapped from outside, as a debugger sets a breakpoint, and everything else
is the real ``jingji`` command (``flows.cli.main``, the console script's entry).

    archive:N    writing the N-th raw archive file, its temp file half written
    decode:N     the N-th file going into ``transforms.pipeline.process``
    parquet:N    the N-th batch's Parquet files: its first complete, its second half written
    load:N       inside the N-th batch's DuckDB transaction: every insert done, no COMMIT yet
    committed:N  just after the N-th batch's transaction committed
    ledger:N     the N-th ledger update, between deleting the run's row and inserting it again
    ready        a rebuild marked complete, not yet swapped in
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

POINTS = ("archive", "decode", "parquet", "load", "committed", "ledger", "ready")


def parse(fault: str) -> tuple[str, int]:
    """``"decode:3"`` → ``("decode", 3)``; the count defaults to 1.

    >>> parse("parquet:2"), parse("ready")
    (('parquet', 2), ('ready', 1))
    """
    point, _, count = fault.partition(":")
    if point not in POINTS:
        raise ValueError(f"unknown fault point {point!r}; choose one of {', '.join(POINTS)}")
    return point, int(count or 1)


def stop(point: str) -> None:
    """Say where we are, then freeze the whole process (every thread) until SIGCONT or SIGKILL."""
    marker = os.environ.get("JINGJI_FAULT_MARKER")
    if marker:
        Path(marker).write_text(point, encoding="utf-8")
    os.kill(os.getpid(), signal.SIGSTOP)


class _Nth:
    """True on the N-th call only; thread-safe (batches are processed on a thread pool)."""

    def __init__(self, n: int) -> None:
        self.n, self.seen, self.lock = n, 0, threading.Lock()

    def __call__(self) -> bool:
        with self.lock:
            self.seen += 1
            return self.seen == self.n


def install(point: str, n: int) -> None:
    import pyarrow.parquet as pq

    import flows.tasks
    from warehouse import archive, db, files, swap

    nth = _Nth(n)

    def wrap(owner: Any, name: str, make: Callable[[Callable], Callable]) -> None:
        setattr(owner, name, make(getattr(owner, name)))

    if point == "archive":

        def archive_hook(real: Callable) -> Callable:
            def hooked(path: Path, write: Callable[[Path], None]) -> None:
                if path.suffix != ".bin" or not nth():
                    return real(path, write)

                def half(tmp: Path) -> None:
                    write(tmp)  # the archive's own streamed copy, then cut in half
                    os.truncate(tmp, tmp.stat().st_size // 2)
                    stop(point)

                return real(path, half)

            return hooked

        wrap(archive, "write_atomically", archive_hook)
    elif point == "decode":

        def decode_hook(real: Callable) -> Callable:
            def hooked(raw: bytes, name: str) -> Any:
                if nth():
                    stop(point)
                return real(raw, name)

            return hooked

        wrap(flows.tasks, "process", decode_hook)
    elif point == "parquet":
        batch_files = [0]

        def batch_hook(real: Callable) -> Callable:
            def hooked(*args: Any, **kwargs: Any) -> Any:
                batch_files[0] = 0
                if nth():
                    batch_files[0] = 1  # count this batch's files
                return real(*args, **kwargs)

            return hooked

        def parquet_hook(real: Callable) -> Callable:
            def hooked(path: Path, table: Any) -> None:
                if not batch_files[0]:
                    return real(path, table)
                batch_files[0] += 1
                if batch_files[0] <= 2:
                    return real(path, table)

                def half(tmp: Path) -> None:
                    pq.write_table(table, tmp, compression="zstd")
                    os.truncate(tmp, tmp.stat().st_size // 2)
                    stop(point)

                return files.write_atomically(path, half)

            return hooked

        wrap(db, "load_batch", batch_hook)
        wrap(db, "write_parquet", parquet_hook)
    elif point in ("load", "ledger"):
        table_name = "receipts" if point == "load" else "runs"

        def insert_hook(real: Callable) -> Callable:
            def hooked(con: Any, table: Any, arrow: Any) -> None:
                if table.name != table_name:
                    return real(con, table, arrow)
                if point == "ledger" and nth():
                    stop(point)  # the run's row was just deleted; the insert has not happened
                real(con, table, arrow)
                if point == "load" and nth():
                    stop(point)  # receipts are the batch's last insert: only COMMIT is left
                return None

            return hooked

        wrap(db, "_insert", insert_hook)
    elif point == "committed":

        def committed_hook(real: Callable) -> Callable:
            def hooked(*args: Any, **kwargs: Any) -> Any:
                result = real(*args, **kwargs)
                if nth():
                    stop(point)
                return result

            return hooked

        wrap(db, "load_batch", committed_hook)
    elif point == "ready":

        def ready_hook(real: Callable) -> Callable:
            def hooked(paths: Any) -> None:
                real(paths)
                stop(point)

            return hooked

        wrap(swap, "mark_ready", ready_hook)


def die_with_parent() -> None:
    """A frozen process must not outlive the test that froze it, even if that test is killed (Linux only)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def main(argv: list[str]) -> int:
    from flows.settings import configure_prefect

    die_with_parent()

    configure_prefect()  # before anything imports Prefect, as the real command does
    fault = os.environ.get("JINGJI_FAULT")
    if fault:
        install(*parse(fault))
    from flows.cli import main as jingji

    return jingji(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
