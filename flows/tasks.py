"""The batch tasks the flows are made of. Each does one thing; the flows decide when.

Tasks work on batches of files, never one file each: a Prefect task run costs
API round trips, and a batch is also the unit of one DuckDB transaction.
Large arguments of tasks the flow runs itself (a batch's rows, the new files)
are passed ``quote``-d, and large inputs a task can read itself (the known
hashes) are read inside it: Prefect otherwise visits every element looking
for upstream futures, 1.2 s for one batch's rows — most of a 10k run's "load"
time. Not for submitted tasks: Dask turns the quoted list's dataclasses into
tuples (a batch of file records is cheap to visit anyway).
"""

from __future__ import annotations

import gc
import logging
import math
import os
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path

from prefect import get_client, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.concurrency.sync import concurrency
from prefect.context import FlowRunContext
from prefect.exceptions import MissingContextError
from prefect.futures import PrefectFuture
from prefect.runtime import deployment, flow_run
from prefect.settings import get_current_settings
from prefect.states import State
from prefect.utilities.annotations import quote

from flows.deploy import WRITER_LIMIT
from flows.discover import Discovery, Received, discover
from flows.progress import files_progress
from flows.report import RunReport, utc_now
from flows.runners import in_flight_batches
from flows.settings import MAX_FILE_ENV, max_file_mb
from transforms import TRANSFORM_VERSION
from transforms.pipeline import process
from warehouse import compaction, db, models, near_duplicates, search, swap
from warehouse.archive import ContentChanged, SourceUnreadable, archive_file, read_archived, remove_stale_temp_files
from warehouse.parquet import remove_orphans
from warehouse.paths import WarehousePaths
from warehouse.schema import DOCUMENT_SIGNATURES, SEARCH_DOCUMENTS

STAGED = ("documents", "indicators", "projects", "table_cells", "quarantine")


def prepare_warehouse(paths: WarehousePaths) -> tuple[list[str], set[str], dict[str, tuple[int, datetime]]]:
    """Settle an interrupted rebuild, create or upgrade the schema, drop orphan Parquet; all idempotent.

    Returns housekeeping notes, the known content hashes and the receipt stamps of the inbox files they
    came from, read on the same connection.
    """
    housekeeping = [done] if (done := swap.settle(paths)) else []
    with db.writer(paths) as con:
        committed = db.committed_parquet(con)
        known, stamps = db.known_hashes(con), db.received_stamps(con)
    orphans = remove_orphans(paths, committed)
    if orphans:
        housekeeping.append(f"removed {len(orphans)} Parquet files left by an interrupted run: {', '.join(orphans)}")
    return housekeeping, known, stamps


def clean_up_after_dead_writers(paths: WarehousePaths, report: RunReport) -> None:
    """With the write lock held, before this run's own ledger row: what a killed writer left behind.

    Its ``running`` ledger row becomes ``interrupted``, and the temp files of
    archive writes it did not finish are deleted (its committed batches stay;
    its uncommitted files are still new to the warehouse and load again).
    """
    if stale := db.mark_interrupted_runs(paths, report.run_id, utc_now()):
        report.housekeeping.append(f"marked {len(stale)} runs left running by a killed process interrupted: {stale}")
    if temp := remove_stale_temp_files(paths, older_than=report.started_at.replace(tzinfo=UTC).timestamp()):
        report.housekeeping.append(f"removed {len(temp)} temp files of interrupted archive writes: {', '.join(temp)}")


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 5])
def discover_files(paths: WarehousePaths, inbox: Path) -> tuple[Discovery, list[str]]:
    """Make the warehouse ready (:func:`prepare_warehouse`), hash the inbox (files unchanged since their receipt
    excepted), keep content the warehouse has not seen, and remember what was hashed so the next run need not read it
    again. Returns the discovery and housekeeping notes.

    One task, so the known hashes and stamps never travel between tasks: as one task's result and the next one's
    arguments, Prefect walked their 10,000 entries at 10k documents (0.3 s of a one-new-file run), and a task of its
    own cost a connection and a task run more (~0.1 s). No connection is held while files are hashed: an open
    writer keeps every reader (``jingji sql``) out of the database.
    """
    housekeeping, known, stamps = prepare_warehouse(paths)
    found = discover(inbox, known, stamps=stamps)
    if found.hashed:
        with db.writer(paths) as con:
            db.remember_hashed_files(con, found.hashed)
    return found, housekeeping


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 5])
def archive_files(paths: WarehousePaths, files: list[Received]) -> tuple[list[Received], list[str]]:
    """Copy every new file's bytes into the content-addressed archive, before any processing.

    A file whose bytes no longer match the hash discovery took (rewritten or
    deleted since) is left for the next run: what it holds now is not what was
    discovered. So is a file that cannot be read (permissions, an I/O error, a
    folder in its place): it is not quarantined, since its bytes could not be
    kept, and the next run tries it again. Errors writing the archive itself (a
    full disk) fail the run. Returns the archived files and the ones left.
    """
    # Each file costs four fsyncs (its bytes, its receipt, their folders): threads let the file system commit
    # them together (1,000 files: 7.3 s one by one, 1.6 s on 8 threads). Names sharing bytes stay in order
    # in one job, so the receipt keeps the first name, as before.
    jobs: dict[str, list[Received]] = {}
    for received in files:
        jobs.setdefault(received.sha256, []).append(received)
    with ThreadPoolExecutor(ARCHIVE_THREADS, thread_name_prefix="archive") as pool:
        done = pool.map(lambda same: [_archive_one(paths, r) for r in same], jobs.values())
        outcomes = dict(zip(jobs, done, strict=True))
    archived, left = [], []
    for received in files:
        why, unreadable = outcomes[received.sha256].pop(0)
        if unreadable:  # logged here, in the task's own thread, so Prefect shows it with the run
            _logger().warning(
                "%s could not be read (%s): left in the inbox for the next run; check its permissions and disk",
                received.source_path,
                unreadable,
            )
        if why:
            left.append(why)
        else:
            archived.append(received)
    return archived, left


ARCHIVE_THREADS = 8


def _archive_one(paths: WarehousePaths, received: Received) -> tuple[str | None, str | None]:
    """Archive one file: (why it was left for the next run, or None; the read error, if that was why)."""
    extra = {"source_path_bytes_hex": received.name_bytes_hex} if received.name_bytes_hex else {}
    try:
        archive_file(paths, received.absolute, received.sha256, received.source_path, received.received_at, **extra)
    except FileNotFoundError:
        return f"{received.source_path} (deleted before it could be archived)", None
    except ContentChanged:
        return f"{received.source_path} (changed while being ingested; the next run takes it)", None
    except SourceUnreadable as exc:
        why = exc.strerror or str(exc)
        return f"{received.source_path} (could not be read: {why}; the next run tries again)", why
    return None, None


@task(cache_policy=NO_CACHE)
def process_batch(
    paths: WarehousePaths, batch: list[Received], run_id: str, max_bytes: int | None = None
) -> tuple[dict[str, list[dict]], float]:
    """Run the pure transforms over one batch (read from the archive); return warehouse rows and seconds spent.

    Never fails for one file: a file over ``max_bytes`` (default ``$JINGJI_MAX_FILE_MB``) is quarantined
    ``too_large`` without being read, and one the transforms raise on is quarantined ``error``; both stay archived.
    """
    t0 = time.perf_counter()
    max_bytes = max_bytes or max_file_bytes()
    staged: dict[str, list[dict]] = {name: [] for name in (*STAGED, DOCUMENT_SIGNATURES.name, SEARCH_DOCUMENTS.name)}
    for received in batch:
        lineage = {"run_id": run_id, "transform_version": TRANSFORM_VERSION}
        if received.size_bytes > max_bytes:  # decided on the size alone: the file is never read into memory
            staged["quarantine"].append(
                _quarantined(received, "too_large", too_large_detail(received.size_bytes, max_bytes), lineage)
            )
            continue
        raw = read_archived(paths, received.sha256)
        try:
            result = process(raw, received.source_path)
        except Exception as exc:  # a bug in a transform must cost one file, not every run from now on
            _logger().warning("processing %s failed; quarantined as 'error'", received.source_path, exc_info=True)
            staged["quarantine"].append(_quarantined(received, "error", error_detail(exc), lineage))
            continue
        if result.rejected is not None:
            staged["quarantine"].append(_quarantined(received, result.rejected.reason, result.rejected.detail, lineage))
            continue
        doc_keys = {"doc_id": received.sha256, **lineage}
        staged["documents"].append(
            {
                **result.document,
                **doc_keys,
                "source_path": received.source_path,
                "size_bytes": received.size_bytes,
                "received_at": received.received_at,
            }
        )
        # derived rows, computed here because workers run in parallel and the loading flow does not
        document = result.document
        staged[DOCUMENT_SIGNATURES.name].append(
            near_duplicates.signature_row(received.sha256, document["text_simplified"] or document["text"] or "")
        )
        staged[SEARCH_DOCUMENTS.name].append(
            search.terms_row(received.sha256, document.get("title"), document["text_simplified"])
        )
        staged["indicators"].extend({**row, **doc_keys} for row in result.indicators)
        staged["projects"].extend({**row, **doc_keys} for row in result.projects)
        staged["table_cells"].extend({**row, **doc_keys} for row in result.table_cells)
    return staged, time.perf_counter() - t0


def _quarantined(received: Received, reason: str, detail: str, lineage: dict[str, str]) -> dict:
    """A ``quarantine`` row: the file's bytes stay archived, ``detail`` says what to do."""
    return {
        "source_path": received.source_path,
        "sha256": received.sha256,
        "reason": reason,
        "detail": detail,
        "received_at": received.received_at,
        "size_bytes": received.size_bytes,
        **lineage,
    }


@task(cache_policy=NO_CACHE)
def load_batch(
    paths: WarehousePaths, run_id: str, batch_no: int, staged: dict[str, list[dict]], receipts: list[dict]
) -> dict[str, int]:
    """Write the batch's Parquet files and load them into DuckDB in one transaction."""
    return db.load_batch(paths, run_id, batch_no, staged, receipts)


@task(cache_policy=NO_CACHE)
def refresh_derived_tables(paths: WarehousePaths) -> list[str]:
    """Link republished copies of a story to their canonical document and refresh the full-text index."""
    with db.writer(paths) as con:
        links = near_duplicates.link_near_duplicates(con)
        index = search.refresh_search_index(con)
    return [
        f"near-duplicates: {links.signed} documents signed, {links.linked} linked to a canonical copy",
        f"search index: {index.indexed} documents indexed ({index.documents} in all)",
    ]


@task(cache_policy=NO_CACHE)
def build_models_task(paths: WarehousePaths) -> str:
    """The marts and every data test (replayed, or a full ``dbt build``). A failing test fails the run."""
    return models.refresh_models(paths.root).summary()


@task(cache_policy=NO_CACHE)
def compact_parquet(paths: WarehousePaths, run_id: str) -> list[str]:
    """Merge a table's small Parquet files once there are many (see warehouse/compaction.py)."""
    return [
        f"compacted {c.table}: {c.files_before} Parquet files into {c.files_after} ({c.rows} rows)"
        for c in compaction.compact(paths, run_id)
    ]


def refresh_models(paths: WarehousePaths, report: RunReport) -> None:
    """The derived tables and the dbt models, after the loads; their outcome goes into the report."""
    t = time.perf_counter()
    report.housekeeping += refresh_derived_tables(paths)
    report.models = build_models_task(paths)
    report.seconds["models"] = time.perf_counter() - t


def process_and_load(
    paths: WarehousePaths,
    files: list[Received],
    batch_size: int,
    report: RunReport,
    extra_receipts: list[dict] | None = None,
) -> None:
    """Process batches on the flow's task runner and load each, in order, from the flow: one writer.

    At most a few batches per worker are in flight, so memory stays flat however
    many files arrive; ``extra_receipts`` are recorded with the first batch.
    """
    window = in_flight_batches(FlowRunContext.get().task_runner)
    max_bytes = max_file_bytes()  # read here, in the flow: remote workers may not share its environment
    pending: deque[tuple[int, list[Received], PrefectFuture | State]] = deque()
    report.seconds.setdefault("process", 0.0)
    report.seconds.setdefault("load", 0.0)

    def load_oldest(advance: Callable[[int], None]) -> None:
        batch_no, batch, future = pending.popleft()
        staged, seconds = future.result()
        report.seconds["process"] += seconds
        receipts = batch_receipts(report.run_id, batch, staged)
        if batch_no == 0 and extra_receipts:
            receipts += extra_receipts
        t = time.perf_counter()
        counts = load_batch(paths, report.run_id, batch_no, quote(staged), quote(receipts))
        report.seconds["load"] += time.perf_counter() - t
        report.add_loaded(counts, staged["quarantine"])
        del staged, future
        collect_garbage()
        advance(len(batch))

    # One batch (the usual scheduled run) is processed here, in the flow's process: starting a process pool
    # or a cluster for it took 14 s, several times the batch's own work. Only submitted batches need their
    # garbage collected and their workers told the API (a full collection alone costs 0.3 s).
    submitting = len(files) > batch_size
    with (
        files_progress(len(files), f"{report.flow}: files") as advance,
        young_garbage_collected() if submitting else nullcontext(lambda: None) as collect_garbage,
        api_url_exported() if submitting else nullcontext(),
    ):
        for batch_no, batch in enumerate(batches(files, batch_size)):
            if not submitting:
                state = process_batch(paths, batch, report.run_id, max_bytes, return_state=True)
                pending.append((batch_no, batch, state))
                continue
            pending.append((batch_no, batch, process_batch.submit(paths, batch, report.run_id, max_bytes)))
            if len(pending) >= window:
                load_oldest(advance)
        while pending:
            load_oldest(advance)


@contextmanager
def api_url_exported() -> Iterator[None]:
    """Tell the task runner's worker processes which Prefect API this flow run uses.

    With no API URL configured, Prefect starts a temporary server in any process
    that needs one — and so in each worker process of the ``processes`` runner, whose
    task runs then went to a server of their own: ~9 CPU s of start-up per worker
    per run, 28 CPU s of "server" in a 1k run instead of 10 (session 5). Workers are
    spawned at the first submit and inherit this environment (Prefect's runner also
    passes ``os.environ`` to each task). Restored afterwards: the temporary server
    stops with the flow run.
    """
    if get_current_settings().api.url or "PREFECT_API_URL" in os.environ:
        yield
        return
    with get_client(sync_client=True) as client:
        os.environ["PREFECT_API_URL"] = str(client.api_url)
    try:
        yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)


@contextmanager
def young_garbage_collected() -> Iterator[Callable[[], None]]:
    """Yield ``collect()``: free what the batches loaded so far left in reference cycles, cheaply.

    A submitted task's Prefect future sits in a reference cycle (done-callbacks
    that close over their futures), so each batch's rows outlived their load until
    a full collection, which Python seldom runs here: the flow's process grew by
    ~35 MB a batch, 0.4 -> 1.2 GB over a 10k run (session 5). A full collection
    after each load frees them, but walks every object the process holds (0.3 CPU s);
    with what exists before the run frozen (``gc.freeze``) it walks only the run's
    own objects (0.016 s). Unfrozen afterwards, so a long-lived process (a served
    deployment) collects its old objects as usual.
    """
    gc.collect()
    gc.freeze()
    try:
        yield gc.collect
    finally:
        gc.unfreeze()


def receipt(run_id: str, received: Received, outcome: str) -> dict:
    return {
        "run_id": run_id,
        "source_path": received.source_path,
        "sha256": received.sha256,
        "size_bytes": received.size_bytes,
        "modified_at": received.modified_at,
        "outcome": outcome,
    }


def batch_receipts(run_id: str, batch: list[Received], staged: dict[str, list[dict]]) -> list[dict]:
    quarantined = {row["sha256"] for row in staged["quarantine"]}
    return [receipt(run_id, r, "quarantined" if r.sha256 in quarantined else "loaded") for r in batch]


def batches(items: list[Received], size: int) -> Iterator[list[Received]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@contextmanager
def recorded_run(paths: WarehousePaths, report: RunReport) -> Iterator[None]:
    """Ledger rows around a run's work (running → completed or failed) and the run-report artifact."""
    t0 = time.perf_counter()
    clean_up_after_dead_writers(paths, report)
    db.record_run(paths, report.ledger_row(_flow_run_id()))
    try:
        yield
    except BaseException:
        report.status = "failed"
        db.record_run(paths, report.ledger_row(_flow_run_id()), checkpoint=True)
        raise
    report.seconds["total"] = time.perf_counter() - t0
    report.seconds = {k: round(v, 3) for k, v in report.seconds.items()}
    report.status = "completed"
    db.record_run(paths, report.ledger_row(_flow_run_id()), checkpoint=True)
    create_markdown_artifact(
        key=f"{report.flow}-report", markdown=report.markdown(), description=f"{report.flow} run {report.run_id}"
    )


@contextmanager
def writer_slot() -> Iterator[None]:
    """In a deployed run, hold the server-wide writer slot too (the file lock covers one machine only).

    ``strict=True``: a missing limit is a deployment error, not something to run without.
    Runs outside a deployment (the CLI with its temporary server) rely on the file lock alone.
    """
    if deployment.get_id() is None:
        yield
        return
    with concurrency(WRITER_LIMIT, occupy=1, strict=True):
        yield


def max_file_bytes() -> int:
    """The size above which a file is archived but not processed (``$JINGJI_MAX_FILE_MB``; MB = 2**20 bytes)."""
    return int(max_file_mb() * 2**20)


def too_large_detail(size: int, limit: int) -> str:
    """What to do about a file over the size limit: a sentence for ``quarantine.detail``."""
    size_mb, limit_mb = size / 2**20, limit / 2**20

    def mb(value: float) -> str:
        return f"{value:,.1f}" if value >= 10 else f"{value:.3g}"

    return (
        f"The file is {mb(size_mb)} MB, over the {limit_mb:.4g} MB limit for one article (a news article is under "
        f"1 MB), so its bytes were archived but not processed; if it is one article, set {MAX_FILE_ENV} above "
        f"{math.ceil(size_mb)} and run `jingji rebuild`, otherwise split it into articles and drop those in the inbox."
    )


def error_detail(exc: BaseException) -> str:
    """A transform's failure on one file, for ``quarantine.detail``: what failed, and what to do."""
    message = " ".join(str(exc).split())
    if len(message) > 300:
        message = message[:300] + "…"
    return (
        f"Processing failed with {type(exc).__name__}: {message or '(no message)'} — a bug in jingji, not in the "
        "file; its bytes are archived: report it with the file, and once fixed `jingji rebuild` loads it."
    )


def say_waiting(message: str) -> None:
    """Tell the user a run is waiting for the warehouse's write lock (console and Prefect UI)."""
    _logger().warning(message)


def _logger() -> logging.Logger | logging.LoggerAdapter:
    """The Prefect run logger inside a flow or task run (shown on the console and in the UI), else a plain one."""
    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("jingji")


def new_run_id() -> str:
    return utc_now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]


def _flow_run_id() -> str | None:
    run_id = flow_run.get_id()
    return str(run_id) if run_id else None
