"""The rebuild flow: reprocess every archived raw file with the current transforms.

The new warehouse is built beside the live one (readers are not disturbed),
then swapped in; the run ledger is carried over. It works without the
database too — the archive alone is enough — which makes it the recovery path
after losing ``warehouse.duckdb``.
"""

from __future__ import annotations

from typing import Any

from prefect import flow

from flows.discover import Received
from flows.ingest import DEFAULT_BATCH_SIZE, DEFAULT_LOCK_WAIT_SECONDS
from flows.report import RunReport, utc_now
from flows.runners import make_task_runner
from flows.settings import warehouse_dir
from flows.tasks import new_run_id, process_and_load, recorded_run, refresh_models, say_waiting, writer_slot
from warehouse import db, swap
from warehouse.archive import list_archive
from warehouse.lock import write_lock
from warehouse.paths import WarehousePaths


@flow(name="rebuild", log_prints=False, task_runner=make_task_runner())
def rebuild_flow(
    warehouse: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    lock_wait_seconds: float = DEFAULT_LOCK_WAIT_SECONDS,
    run_models: bool = True,
) -> dict[str, Any]:
    """Rebuild every table from the raw archive with the current transforms, then swap it in.

    The models are built (and tested) in the new warehouse before the swap: if
    a test fails, the live warehouse is left as it was.
    """
    paths = WarehousePaths(warehouse_dir(warehouse))
    if not paths.raw.is_dir():
        raise FileNotFoundError(f"no raw archive at {paths.raw}: nothing to rebuild from")
    report = RunReport(run_id=new_run_id(), flow="rebuild", inbox=str(paths.raw), warehouse=str(paths.root))
    with write_lock(paths, lock_wait_seconds, report.lock_holder(), say_waiting), writer_slot():
        if done := swap.settle(paths):
            report.housekeeping.append(done)
        staging = paths.rebuild.ensure()
        with db.writer(staging) as con:
            db.carry_over_ledger(con, paths.database)
        files = _archived_files(paths)
        with recorded_run(staging, report):
            _reprocess(staging, files, batch_size, report)
            if run_models:
                refresh_models(staging, report)
        swap.mark_ready(paths)
        swap.settle(paths)
    return report.as_dict()


def _archived_files(paths: WarehousePaths) -> list[Received]:
    names = db.names_by_hash(paths)
    now = utc_now()
    return [
        Received(
            source_path=f.source_path or names.get(f.sha256) or f"archive/{f.sha256}",
            absolute=paths.raw_file(f.sha256),
            sha256=f.sha256,
            size_bytes=f.size_bytes,
            modified_at=None,
            received_at=f.received_at or now,
        )
        for f in list_archive(paths)
    ]


def _reprocess(staging: WarehousePaths, files: list[Received], batch_size: int, report: RunReport) -> None:
    report.files_seen = report.files_new = len(files)
    process_and_load(staging, files, batch_size, report)
