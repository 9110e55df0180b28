"""The ingest flow: inbox → raw archive → transforms → Parquet → DuckDB, incrementally."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger
from prefect.utilities.annotations import quote

from flows.report import RunReport
from flows.runners import make_task_runner
from flows.settings import inbox_dir, warehouse_dir
from flows.tasks import (
    archive_files,
    compact_parquet,
    discover_files,
    new_run_id,
    process_and_load,
    receipt,
    recorded_run,
    refresh_models,
    say_waiting,
    writer_slot,
)
from warehouse import db, models
from warehouse.lock import write_lock
from warehouse.paths import WarehousePaths

# Files per task and per load transaction. Each load pays a fixed cost (opening the database, a checkpoint
# that rewrites the tables' last row groups): loading 1,000 documents into a 10k warehouse took 10.7 CPU s
# in batches of 100, 5.2 in batches of 250, 5.4 in batches of 500 (session 4). Fewer batches also mean
# fewer task runs for Prefect to record.
DEFAULT_BATCH_SIZE = 250
# How long a second ingest waits for the first to finish before giving up.
DEFAULT_LOCK_WAIT_SECONDS = 600.0


@flow(name="ingest", log_prints=False, task_runner=make_task_runner())
def ingest_flow(
    inbox: str | None = None,
    warehouse: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    lock_wait_seconds: float = DEFAULT_LOCK_WAIT_SECONDS,
    run_models: bool = True,
) -> dict[str, Any]:
    """Load every inbox file whose bytes are not yet in the warehouse; skip the rest; then refresh the models.

    The models (near-duplicate links, search index, dbt build with its tests) run
    when this run received anything, when they have never been built, or when
    the previous run failed (its rows may be in, its models not).
    """
    inbox_path, paths = inbox_dir(inbox), WarehousePaths(warehouse_dir(warehouse))
    if not inbox_path.is_dir():
        raise FileNotFoundError(f"inbox {inbox_path} does not exist or is not a folder")
    report = RunReport(run_id=new_run_id(), flow="ingest", inbox=str(inbox_path), warehouse=str(paths.root))
    with (
        write_lock(paths, lock_wait_seconds, report.lock_holder(), say_waiting),
        writer_slot(),
        recorded_run(paths, report),
    ):
        _ingest_new_files(paths, inbox_path, batch_size, report)
        report.housekeeping += compact_parquet(paths, report.run_id)
        if run_models and (
            report.files_new or not models.built(paths.root) or db.previous_run_failed(paths, report.run_id)
        ):
            refresh_models(paths, report)
    get_run_logger().info(
        "run %s: %d new, %d skipped, %d quarantined",
        report.run_id,
        report.files_new,
        report.files_skipped,
        report.files_quarantined,
    )
    return report.as_dict()


def _ingest_new_files(paths: WarehousePaths, inbox: Path, batch_size: int, report: RunReport) -> None:
    """Discover, archive everything new, then process and load it batch by batch."""
    seconds = report.seconds
    t = time.perf_counter()
    found, housekeeping = discover_files(paths, inbox)
    report.housekeeping += housekeeping
    seconds["discover"] = time.perf_counter() - t
    report.files_seen, report.files_skipped = found.seen, found.skipped
    report.files_new, report.files_duplicate = len(found.new), len(found.duplicates)
    report.ignored = found.ignored

    t = time.perf_counter()
    archived, left = archive_files(paths, quote(found.new + found.duplicates))
    seconds["archive"] = time.perf_counter() - t
    report.ignored += left
    kept = {f.source_path for f in archived}
    new = [f for f in found.new if f.source_path in kept]
    report.files_new = len(new)
    duplicates = [receipt(report.run_id, d, "duplicate") for d in found.duplicates if d.source_path in kept]
    process_and_load(paths, new, batch_size, report, extra_receipts=duplicates)
