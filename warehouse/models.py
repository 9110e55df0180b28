"""Run the dbt project in ``warehouse/dbt`` against a warehouse: ``dbt build`` and ``dbt docs generate``.

dbt runs in-process (``dbtRunner``), offline and quietly, against
``<root>/warehouse.duckdb``; its ``target/`` and ``logs/`` go under
``<root>/dbt/`` so the package folder stays read-only. DuckDB admits one
writer: the caller must hold the warehouse's write lock and have closed its
own connections, so that dbt's is the only one (the ingest flow calls
:func:`build_models` after its loads, still holding the lock).

A failing dbt test, model or unit test makes :func:`build_models` raise
:class:`ModelsFailed` (with the failing nodes' names), so the flow run fails
visibly; ``raise_on_failure=False`` returns the result instead.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from warehouse import near_duplicates, search
from warehouse.db import open_database
from warehouse.paths import WarehousePaths

PROJECT_DIR = Path(__file__).parent / "dbt"
DATABASE_ENV = "JINGJI_DUCKDB_PATH"  # read by warehouse/dbt/profiles.yml
# dbt keeps global state per process: one invocation at a time.
_DBT_LOCK = threading.Lock()


@dataclass(frozen=True)
class ModelsResult:
    success: bool
    passed: int  # models, seeds, tests and unit tests that succeeded
    failed: int  # tests whose rows showed a problem
    errored: int  # nodes that could not run (SQL error, missing relation, …)
    skipped: int  # nodes skipped because something upstream failed
    warned: int
    failing: list[str] = field(default_factory=list)  # "<resource type> <name>: <message>"
    seconds: float = 0.0
    target_dir: Path | None = None
    log_dir: Path | None = None

    def summary(self) -> str:
        return (
            f"dbt build: {self.passed} passed, {self.failed} failed, {self.errored} errored, "
            f"{self.skipped} skipped, {self.warned} warned in {self.seconds:.1f} s"
        )


class ModelsFailed(RuntimeError):
    """dbt build did not pass; ``result`` holds the counts and the failing nodes."""

    def __init__(self, result: ModelsResult) -> None:
        self.result = result
        lines = [result.summary(), *(f"  - {f}" for f in result.failing)]
        if result.log_dir:
            lines.append(f"  (dbt's log: {result.log_dir / 'dbt.log'})")
        super().__init__("\n".join(lines))


def dbt_dirs(warehouse_root: Path) -> tuple[Path, Path]:
    """Where dbt writes its artefacts (target) and log for this warehouse."""
    base = Path(warehouse_root) / "dbt"
    return base / "target", base / "logs"


@contextmanager
def _environment(database: Path) -> Iterator[None]:
    """The profile's database path and an offline, quiet dbt, for one invocation."""
    settings = {
        DATABASE_ENV: str(database),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DO_NOT_TRACK": "1",
        "DBT_VERSION_CHECK": "false",
    }
    saved = {k: os.environ.get(k) for k in settings}
    os.environ.update(settings)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _invoke(warehouse_root: Path, command: list[str]) -> tuple[object, float, Path, Path]:
    from dbt.cli.main import dbtRunner  # imported late: dbt takes ~1 s to import

    paths = WarehousePaths(Path(warehouse_root))
    if not paths.database.exists():
        raise FileNotFoundError(f"no warehouse at {paths.database}; run `jingji ingest` first")
    target_dir, log_dir = dbt_dirs(paths.root)
    args = [
        *command,
        "--project-dir", str(PROJECT_DIR),
        "--profiles-dir", str(PROJECT_DIR),
        "--target-path", str(target_dir),
        "--log-path", str(log_dir),
        "--quiet",
        "--no-use-colors",
        "--no-send-anonymous-usage-stats",
        "--no-version-check",
    ]  # fmt: skip
    t0 = time.perf_counter()
    with _DBT_LOCK, _environment(paths.database):
        try:
            outcome = dbtRunner().invoke(args)
        finally:
            _release_database()
    return outcome, time.perf_counter() - t0, target_dir, log_dir


def _release_database() -> None:
    """Close dbt-duckdb's connection, which it otherwise keeps open for the life of the process.

    dbt-duckdb caches one DuckDB connection per process (profile ``keep_open``
    defaults to true). Left open, it would keep holding the file after the build:
    other processes could not read the warehouse, and this process could not
    reopen it with another configuration (read-only, say).
    """
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    env = DuckDBConnectionManager._ENV
    if env is not None and hasattr(env, "close"):
        env.close()
    DuckDBConnectionManager.close_all_connections()


def prepare(warehouse_root: Path) -> None:
    """Create the tables the dbt sources read that the loads do not (``document_links``), if missing.

    Opens and closes its own write connection; skip it when the flow already ran
    :func:`warehouse.near_duplicates.link_near_duplicates`.
    """
    from warehouse.db import ensure_schema

    con = open_database(WarehousePaths(Path(warehouse_root)).database, read_only=False)
    try:
        ensure_schema(con)
        near_duplicates.ensure_tables(con)
        search.ensure_tables(con)
    finally:
        con.close()


def build_models(warehouse_root: Path, *, raise_on_failure: bool = True, select: str | None = None) -> ModelsResult:
    """``dbt build`` (seeds, models, tests, unit tests) against ``<root>/warehouse.duckdb``.

    No other connection to the database may be open. Raises :class:`ModelsFailed`
    when anything fails (unless ``raise_on_failure`` is false).
    """
    prepare(warehouse_root)
    outcome, seconds, target_dir, log_dir = _invoke(
        warehouse_root, ["build", *(["--select", select] if select else [])]
    )
    result = _result(outcome, seconds, target_dir, log_dir)
    if raise_on_failure and not result.success:
        raise ModelsFailed(result)
    return result


def built(warehouse_root: Path) -> bool:
    """Whether the marts exist (the models have been built at least once)."""
    paths = WarehousePaths(Path(warehouse_root))
    if not paths.database.exists():
        return False
    con = open_database(paths.database, read_only=True)
    try:
        sql = "SELECT count(*) FROM information_schema.tables WHERE table_name = 'region_indicator_timeseries'"
        return con.execute(sql).fetchone()[0] > 0
    finally:
        con.close()


def docs_generate(warehouse_root: Path) -> Path:
    """``dbt docs generate``: the documentation site of the models; returns its ``index.html``.

    Needs a built warehouse (the catalog reads the relations' columns); raises
    :class:`ModelsFailed` when dbt fails.
    """
    outcome, seconds, target_dir, log_dir = _invoke(warehouse_root, ["docs", "generate"])
    if not outcome.success:
        raise ModelsFailed(_result(outcome, seconds, target_dir, log_dir))
    return target_dir / "index.html"


def _result(outcome: object, seconds: float, target_dir: Path, log_dir: Path) -> ModelsResult:
    counts = {"passed": 0, "failed": 0, "errored": 0, "skipped": 0, "warned": 0}
    failing = []
    results = getattr(getattr(outcome, "result", None), "results", None) or []
    for res in results:
        status = str(getattr(res.status, "value", res.status))
        key = {
            "success": "passed",
            "pass": "passed",
            "fail": "failed",
            "error": "errored",
            "runtime error": "errored",
            "skipped": "skipped",
            "warn": "warned",
        }.get(status, "errored")
        counts[key] += 1
        if key in ("failed", "errored"):
            node = res.node
            message = (res.message or "").strip().splitlines()
            failing.append(f"{node.resource_type} {node.name}: {message[0] if message else status}")
    exception = getattr(outcome, "exception", None)
    if exception is not None:
        counts["errored"] += 1
        failing.append(f"dbt: {exception}")
    success = bool(getattr(outcome, "success", False)) and counts["failed"] == 0 and counts["errored"] == 0
    return ModelsResult(
        success=success,
        seconds=round(seconds, 2),
        failing=failing,
        target_dir=target_dir,
        log_dir=log_dir,
        **counts,
    )
