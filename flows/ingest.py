"""The ingest flow: inbox → raw archive → transforms → Parquet → DuckDB, incrementally.

Tasks work on batches of files, never one file each: a Prefect task run costs
API round trips, and a batch is also the unit of one DuckDB transaction.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from flows.discover import Discovery, Received, discover
from flows.settings import inbox_dir, warehouse_dir
from transforms import TRANSFORM_VERSION
from transforms.pipeline import process
from warehouse import db
from warehouse.archive import archive, read_archived
from warehouse.parquet import remove_orphans
from warehouse.paths import WarehousePaths

DEFAULT_BATCH_SIZE = 100
# How long a second ingest waits for the first to finish before giving up.
DEFAULT_LOCK_WAIT_SECONDS = 600.0


class WarehouseLocked(RuntimeError):
    """Another ingest or rebuild is writing this warehouse."""


@dataclass
class RunReport:
    run_id: str
    inbox: str
    warehouse: str
    files_seen: int = 0
    files_new: int = 0
    files_skipped: int = 0
    files_duplicate: int = 0
    files_quarantined: int = 0
    documents_loaded: int = 0
    indicators_loaded: int = 0
    projects_loaded: int = 0
    quarantined: list[dict[str, str]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    orphans_removed: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@contextmanager
def write_lock(paths: WarehousePaths, wait_seconds: float) -> Iterator[None]:
    """One writer per warehouse, whether the run came from the CLI, a deployment or a test."""
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


@task(cache_policy=NO_CACHE)
def prepare_warehouse(paths: WarehousePaths) -> tuple[set[str], list[str]]:
    """Create or upgrade the schema, drop orphans of a crashed run, and list known content."""
    with db.writer(paths) as con:
        known = db.known_hashes(con)
        committed = db.committed_parquet(con)
    return known, remove_orphans(paths, committed)


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 5])
def discover_files(inbox: Path, known: set[str]) -> Discovery:
    """Hash the inbox and keep files whose content the warehouse has not seen."""
    return discover(inbox, known)


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 5])
def archive_files(paths: WarehousePaths, files: list[Received]) -> int:
    """Copy every new file's bytes into the content-addressed archive, before any processing."""
    for received in files:
        data = received.absolute.read_bytes()
        if len(data) != received.size_bytes:
            raise OSError(f"{received.source_path} changed while being ingested; it will be retried")
        archive(paths, data, received.sha256)
    return len(files)


@task(cache_policy=NO_CACHE)
def process_batch(paths: WarehousePaths, batch: list[Received], run_id: str) -> dict[str, list[dict]]:
    """Run the pure transforms over one batch (read from the archive) and shape warehouse rows."""
    staged: dict[str, list[dict]] = {"documents": [], "indicators": [], "projects": [], "quarantine": []}
    received_at = _now()
    for received in batch:
        lineage = {"run_id": run_id, "transform_version": TRANSFORM_VERSION}
        result = process(read_archived(paths, received.sha256), received.source_path)
        if result.rejected is not None:
            staged["quarantine"].append(
                {
                    "source_path": received.source_path,
                    "sha256": received.sha256,
                    "reason": result.rejected.reason,
                    "detail": result.rejected.detail,
                    "received_at": received_at,
                    "size_bytes": received.size_bytes,
                    **lineage,
                }
            )
            continue
        doc_keys = {"doc_id": received.sha256, **lineage}
        staged["documents"].append(
            {
                **result.document,
                **doc_keys,
                "source_path": received.source_path,
                "size_bytes": received.size_bytes,
                "received_at": received_at,
            }
        )
        staged["indicators"].extend({**row, **doc_keys} for row in result.indicators)
        staged["projects"].extend({**row, **doc_keys} for row in result.projects)
    return staged


@task(cache_policy=NO_CACHE)
def load_batch(
    paths: WarehousePaths, run_id: str, batch_no: int, staged: dict[str, list[dict]], receipts: list[dict]
) -> dict[str, int]:
    """Write the batch's Parquet files and load them into DuckDB in one transaction."""
    return db.load_batch(paths, run_id, batch_no, staged, receipts)


def _receipt(run_id: str, received: Received, outcome: str) -> dict:
    return {
        "run_id": run_id,
        "source_path": received.source_path,
        "sha256": received.sha256,
        "size_bytes": received.size_bytes,
        "modified_at": received.modified_at,
        "outcome": outcome,
    }


def _receipts(run_id: str, batch: list[Received], staged: dict[str, list[dict]]) -> list[dict]:
    quarantined = {row["sha256"] for row in staged["quarantine"]}
    return [_receipt(run_id, r, "quarantined" if r.sha256 in quarantined else "loaded") for r in batch]


def _batches(items: list[Received], size: int) -> Iterator[list[Received]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _report_markdown(report: RunReport) -> str:
    lines = [
        f"# Ingest run `{report.run_id}`",
        "",
        "| files seen | new | already loaded | duplicates | quarantined | documents | indicators | projects |",
        "|---|---|---|---|---|---|---|---|",
        f"| {report.files_seen} | {report.files_new} | {report.files_skipped} | {report.files_duplicate} | "
        f"{report.files_quarantined} | {report.documents_loaded} | {report.indicators_loaded} | "
        f"{report.projects_loaded} |",
    ]
    if report.quarantined:
        lines += ["", "## Quarantined", "", "| file | reason | what to do |", "|---|---|---|"]
        lines += [f"| `{q['source_path']}` | {q['reason']} | {q['detail']} |" for q in report.quarantined]
    return "\n".join(lines)


@flow(name="ingest", log_prints=False)
def ingest_flow(
    inbox: str | None = None,
    warehouse: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    lock_wait_seconds: float = DEFAULT_LOCK_WAIT_SECONDS,
) -> dict[str, Any]:
    """Load every inbox file whose bytes are not yet in the warehouse; skip the rest."""
    logger = get_run_logger()
    inbox_path, paths = inbox_dir(inbox), WarehousePaths(warehouse_dir(warehouse))
    if not inbox_path.is_dir():
        raise FileNotFoundError(f"inbox {inbox_path} does not exist or is not a folder")
    run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    report = RunReport(run_id=run_id, inbox=str(inbox_path), warehouse=str(paths.root))
    started, t0 = _now(), time.perf_counter()
    timings = {"discover": 0.0, "archive": 0.0, "process": 0.0, "load": 0.0}

    with write_lock(paths, lock_wait_seconds):
        db.record_run(paths, _run_row(report, flow="ingest", started=started, status="running", timings={}))
        try:
            _ingest_new_files(paths, inbox_path, batch_size, report, timings)
        except BaseException:
            db.record_run(paths, _run_row(report, flow="ingest", started=started, status="failed", timings=timings))
            raise
        timings["total"] = time.perf_counter() - t0
        report.seconds = {k: round(v, 3) for k, v in timings.items()}
        db.record_run(paths, _run_row(report, flow="ingest", started=started, status="completed", timings=timings))

    create_markdown_artifact(key="ingest-report", markdown=_report_markdown(report), description=f"ingest run {run_id}")
    logger.info(
        "run %s: %d new, %d skipped, %d quarantined",
        run_id,
        report.files_new,
        report.files_skipped,
        report.files_quarantined,
    )
    return report.as_dict()


def _ingest_new_files(
    paths: WarehousePaths, inbox: Path, batch_size: int, report: RunReport, timings: dict[str, float]
) -> None:
    """Discover, archive, then process and load batch by batch, filling in ``report`` and ``timings``."""
    t = time.perf_counter()
    known, report.orphans_removed = prepare_warehouse(paths)
    found = discover_files(inbox, known)
    timings["discover"] = time.perf_counter() - t
    report.files_seen, report.files_skipped = found.seen, found.skipped
    report.files_new, report.files_duplicate = len(found.new), len(found.duplicates)
    report.ignored = found.ignored

    t = time.perf_counter()
    archive_files(paths, found.new + found.duplicates)
    timings["archive"] = time.perf_counter() - t

    for batch_no, batch in enumerate(_batches(found.new, batch_size)):
        t = time.perf_counter()
        staged = process_batch(paths, batch, report.run_id)
        timings["process"] += time.perf_counter() - t
        receipts = _receipts(report.run_id, batch, staged)
        if batch_no == 0:  # duplicates of this run's new files are receipts too, recorded once
            receipts += [_receipt(report.run_id, d, "duplicate") for d in found.duplicates]
        t = time.perf_counter()
        counts = load_batch(paths, report.run_id, batch_no, staged, receipts)
        timings["load"] += time.perf_counter() - t
        report.documents_loaded += counts["documents"]
        report.indicators_loaded += counts["indicators"]
        report.projects_loaded += counts["projects"]
        report.files_quarantined += counts["quarantine"]
        report.quarantined += [{k: q[k] for k in ("source_path", "reason", "detail")} for q in staged["quarantine"]]


def _run_row(report: RunReport, *, flow: str, started: datetime, status: str, timings: dict) -> dict:
    return {
        "run_id": report.run_id,
        "flow_run_id": str(flow_run.get_id() or ""),
        "flow": flow,
        "inbox": report.inbox,
        "started_at": started,
        "finished_at": _now() if status != "running" else None,
        "status": status,
        "files_seen": report.files_seen,
        "files_new": report.files_new,
        "files_skipped": report.files_skipped,
        "files_duplicate": report.files_duplicate,
        "files_quarantined": report.files_quarantined,
        "documents_loaded": report.documents_loaded,
        "indicators_loaded": report.indicators_loaded,
        "projects_loaded": report.projects_loaded,
        "seconds_discover": timings.get("discover"),
        "seconds_process": timings.get("process"),
        "seconds_load": timings.get("load"),
        "seconds_total": timings.get("total"),
        "transform_version": TRANSFORM_VERSION,
    }
