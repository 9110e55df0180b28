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

Why a replay (:func:`refresh_models`): ``dbt build`` costs 8–15 s on a 2-core
machine whatever the data, most of it dbt starting up and parsing — too much for
an ingest that loads one new file. After each successful full build the
compiled plan is saved beside dbt's target (``plan.json``: the table models in
dependency order, each with its scope, and every data test, as dbt compiled
them). While the project files, dbt and dbt-duckdb are unchanged, a loading run
replays that SQL instead of starting dbt. Views, seeds and unit tests do not
depend on the loaded rows and are left as built. Any change to the project, a
missing plan or an SQL error falls back to a full ``dbt build``.

Why incremental (issue 7): re-creating every mart and testing every row made
one new document cost what the whole warehouse costs (0.9 CPU-s at 1k
documents, growing with it). A replay now recomputes only what changed:

* *Which inputs.* ``staging.model_inputs`` records every input (doc_id with its
  canonical document, or a quarantined file's sha256) as the marts last stood
  for it, after a refresh whose tests passed. The inputs that differ now — new
  ones, and documents whose near-duplicate link was made or changed (a new
  earlier copy makes an old document a copy) — are the scope, written to
  ``staging.model_scope`` for the replay's duration. An input gone, or rows added
  to an input already counted (checked by the tables' row counts: the flow only
  ever adds an input with its rows), makes the refresh full instead. Re-sent
  bytes are the same document and change nothing; new bytes under an old name
  are a new document (the old one stays), so the flow replaces nothing.
* *Which rows.* Each table model declares its scope (``meta.jingji_scope``,
  ``warehouse/dbt/macros/scope.sql``): per input (``int_documents``,
  ``int_project_mentions``) or per key, listed by a scope model the same plan
  re-creates first — region × indicator × industry × period, project key, month ×
  region, outlet/encoding — from the inputs in scope. The replay deletes the
  table's rows in scope and inserts what the model's own SQL computes, which reads
  only the keys in scope (a key's row depends on that key's facts alone; recency
  is a per-document value, ``recency_key``, not a row number over all documents).
  ``model_scope`` is empty at rest, which means *every input*: a ``dbt build``
  (by :func:`build_models` or by hand) builds and tests everything, from the
  same SQL.
* *Which tests.* Every data test still runs at every refresh, as dbt wraps it
  (``fail_calc``, ``warn_if``, ``error_if``, severity), but on the rows in scope:
  generic tests through dbt's ``where`` hook (``get_where_subquery``, overridden
  in ``macros/scope.sql``), the two singular tests by their own filter. A rule
  can only be broken by rows a refresh wrote, and those are the rows in scope;
  the full tests run with every full build (the first, after a project or dbt
  change, ``jingji rebuild``, ``refresh_models(full=True)``). When tests fail, the
  scope is not recorded: the next refresh recomputes and tests those inputs again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from graphlib import TopologicalSorter
from importlib.metadata import version
from pathlib import Path

import duckdb

from warehouse import near_duplicates, search
from warehouse.db import open_database
from warehouse.files import write_bytes_atomically
from warehouse.paths import WarehousePaths

PROJECT_DIR = Path(__file__).parent / "dbt"
logger = logging.getLogger(__name__)
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
    mode: str = "dbt build"  # or "replay": marts and data tests from the saved plan
    inputs: int | None = None  # a replay's inputs recomputed (new or relinked); None: every input

    def summary(self) -> str:
        scope = "" if self.inputs is None else f" ({self.inputs} input{'' if self.inputs == 1 else 's'} recomputed)"
        return (
            f"{self.mode}{scope}: {self.passed} passed, {self.failed} failed, {self.errored} errored, "
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
    base = Path(warehouse_root).resolve() / "dbt"  # dbt reads a relative target path against its project folder
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
        _ensure_scope_tables(con)
        con.execute(f"DELETE FROM {SCOPE_TABLE}")  # at rest: empty, so that dbt builds everything
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
    plan_path = target_dir.parent / PLAN_FILE
    plan_path.unlink(missing_ok=True)  # a plan from an older build must not outlive this one
    if result.success and select is None:
        _save_plan(target_dir / "manifest.json", plan_path)
        con = open_database(WarehousePaths(Path(warehouse_root)).database, read_only=False)
        try:
            _record_state(con, None)  # the marts now stand for every input
        finally:
            con.close()
    if raise_on_failure and not result.success:
        raise ModelsFailed(result)
    return result


def refresh_models(warehouse_root: Path, *, raise_on_failure: bool = True, full: bool = False) -> ModelsResult:
    """The marts and data tests after a load: replayed from the saved plan when it is current, else ``dbt build``.

    A replay recomputes what the inputs loaded or relinked since the last refresh touch, and tests
    those rows; ``full`` re-creates every table and tests every row (still without dbt's start-up).
    Same contract as :func:`build_models`: no other connection may be open, and a failing data test
    raises :class:`ModelsFailed` unless ``raise_on_failure`` is false.
    """
    paths = WarehousePaths(Path(warehouse_root))
    target_dir, log_dir = dbt_dirs(paths.root)
    plan = _load_plan(target_dir.parent / PLAN_FILE)
    if plan is None or paths.database.stem != plan["catalog"]:
        return build_models(paths.root, raise_on_failure=raise_on_failure)
    try:
        result = _replay(paths, plan, target_dir, log_dir, full=full)
    except duckdb.Error as exc:  # a relation dropped by hand, a changed column: dbt knows how to rebuild
        logger.info("replaying the models failed (%s); running dbt build", exc)
        return build_models(paths.root, raise_on_failure=raise_on_failure)
    if raise_on_failure and not result.success:
        raise ModelsFailed(result)
    return result


PLAN_FILE = "plan.json"
PLAN_VERSION = 2
# dbt's default__get_test_sql: how a data test's rows become failures and a status.
_TEST_SQL = """select
    {fail_calc} as failures, {fail_calc} {warn_if} as should_warn, {fail_calc} {error_if} as should_error
from (
{sql}
{limit}
) dbt_internal_test"""

# The replay's own tables (the dbt source `replay` reads the first): which inputs a refresh recomputes,
# and which inputs, with which link, the marts stood for after the last refresh whose tests passed.
SCOPE_TABLE = "staging.model_scope"
FEW_INPUTS = 20  # a replay of this many inputs or fewer runs its queries on one thread
STATE_TABLE = "staging.model_inputs"
COUNTS_TABLE = "staging.model_row_counts"
# Every input as the marts see it: a document with its canonical document, or a quarantined file.
_INPUTS_SQL = """
    SELECT documents.doc_id, links.canonical_doc_id
    FROM documents LEFT JOIN document_links AS links ON links.doc_id = documents.doc_id
    UNION ALL
    SELECT DISTINCT sha256, NULL FROM quarantine"""
# Rows of these tables are written with their input and never changed afterwards by the flow; their
# counts check that, so a row added to an older input (by hand, a repair) makes the refresh full.
_COUNTED = {"documents": "doc_id", "indicators": "doc_id", "projects": "doc_id", "quarantine": "sha256"}


def _ensure_scope_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE SCHEMA IF NOT EXISTS staging")
    con.execute(f"CREATE TABLE IF NOT EXISTS {SCOPE_TABLE} (doc_id VARCHAR)")
    con.execute(f"CREATE TABLE IF NOT EXISTS {STATE_TABLE} (doc_id VARCHAR, canonical_doc_id VARCHAR)")
    con.execute(f"CREATE TABLE IF NOT EXISTS {COUNTS_TABLE} (table_name VARCHAR, n_rows BIGINT)")


def _counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {table: con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in _COUNTED}


def _touched_inputs(con: duckdb.DuckDBPyConnection) -> list[str] | None:
    """The inputs whose rows or near-duplicate link changed since the marts' state was recorded.

    None when only a full refresh is right: no state yet, an input gone, or rows added to an
    input already counted (each table's row count must grow by exactly the new inputs' rows).
    """
    recorded = dict(con.execute(f"SELECT table_name, n_rows FROM {COUNTS_TABLE}").fetchall())
    if set(recorded) != set(_COUNTED):
        return None
    changed = con.execute(
        f"""WITH current AS ({_INPUTS_SQL}), recorded AS (SELECT * FROM {STATE_TABLE})
            SELECT doc_id, bool_or(side = 'current') AND NOT bool_or(side = 'recorded') AS new,
                   NOT bool_or(side = 'current') AS gone
            FROM (SELECT *, 'current' AS side FROM (SELECT * FROM current EXCEPT SELECT * FROM recorded)
                  UNION ALL
                  SELECT *, 'recorded' FROM (SELECT * FROM recorded EXCEPT SELECT * FROM current))
            GROUP BY doc_id ORDER BY doc_id"""
    ).fetchall()
    if any(gone for _, _, gone in changed):
        return None
    new = [doc_id for doc_id, is_new, _ in changed if is_new]
    for table, column in _COUNTED.items():
        sql = f'SELECT count(*), count(*) FILTER (WHERE list_contains($ids, {column})) FROM "{table}"'
        rows, grown = con.execute(sql, {"ids": new}).fetchone()
        if rows != recorded[table] + grown:
            return None
    return [doc_id for doc_id, _, _ in changed]


def _record_state(con: duckdb.DuckDBPyConnection, inputs: list[str] | None) -> None:
    """After a refresh whose tests passed: the marts stand for these inputs as they are now (None: all)."""
    _ensure_scope_tables(con)
    con.execute("BEGIN TRANSACTION")
    try:
        if inputs is None:
            con.execute(f"DELETE FROM {STATE_TABLE}")
            con.execute(f"INSERT INTO {STATE_TABLE} {_INPUTS_SQL}")
        else:
            con.execute(f"DELETE FROM {STATE_TABLE} WHERE list_contains($ids, doc_id)", {"ids": inputs})
            con.execute(
                f"INSERT INTO {STATE_TABLE} SELECT * FROM ({_INPUTS_SQL}) WHERE list_contains($ids, doc_id)",
                {"ids": inputs},
            )
        con.execute(f"DELETE FROM {COUNTS_TABLE}")
        con.executemany(f"INSERT INTO {COUNTS_TABLE} VALUES (?, ?)", list(_counts(con).items()))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def project_fingerprint() -> str:
    """What the saved plan was compiled from: every project file, and the dbt and adapter versions."""
    digest = hashlib.sha256(f"{PLAN_VERSION} {version('dbt-core')} {version('dbt-duckdb')}".encode())
    for path in sorted(PROJECT_DIR.rglob("*")):
        relative = path.relative_to(PROJECT_DIR)
        if path.is_file() and relative.parts[0] not in ("target", "logs", "dbt_packages") and path.name != ".user.yml":
            digest.update(str(relative).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _scope_of(node: dict, models: dict[str, dict]) -> dict | None:
    """A table model's ``jingji_scope`` meta (macros/scope.sql) with the scope model's relation resolved."""
    scope = (node["config"].get("meta") or {}).get("jingji_scope")
    if not scope:
        return None
    if scope.get("inputs"):
        return {"inputs": list(scope["inputs"])}
    relations = [m["relation_name"] for m in models.values() if m["name"] == scope.get("keys")]
    if len(relations) != 1 or not scope.get("columns"):
        raise ValueError(f"model {node['name']}: jingji_scope names no scope model")
    return {"keys": relations[0], "columns": list(scope["columns"])}


def _save_plan(manifest_path: Path, plan_path: Path) -> None:
    """Keep what a replay needs from dbt's manifest; no plan when anything is not replayable."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    nodes = manifest["nodes"]
    models = {key: node for key, node in nodes.items() if node["resource_type"] == "model"}
    if any(node["config"]["materialized"] not in ("view", "table", "ephemeral") for node in models.values()):
        return  # incremental models, snapshots and the like: leave them to dbt
    order = TopologicalSorter(
        {key: [dep for dep in node["depends_on"]["nodes"] if dep in models] for key, node in models.items()}
    ).static_order()
    try:
        tables = [
            {
                "name": models[key]["name"],
                "relation": models[key]["relation_name"],
                "sql": models[key].get("compiled_code"),
                "scope": _scope_of(models[key], models),
            }
            for key in order
            if models[key]["config"]["materialized"] == "table"
        ]
    except ValueError as exc:
        logger.info("no replay plan: %s", exc)
        return
    scope_models = {key for key, node in models.items() if node["fqn"][1:2] == ["scope"]}
    for key, node in models.items():
        reads_scope = scope_models & set(node["depends_on"]["nodes"])
        if key not in scope_models and reads_scope and not (node["config"].get("meta") or {}).get("jingji_scope"):
            logger.info("no replay plan: %s reads %s without a jingji_scope", node["name"], sorted(reads_scope))
            return  # re-created whole from the keys in scope, it would lose every other row
    tests = [
        {
            "name": node["name"],
            "sql": node.get("compiled_code"),
            **{option: node["config"].get(option) for option in ("severity", "warn_if", "error_if", "fail_calc")},
            "limit": node["config"].get("limit"),
        }
        for node in nodes.values()
        if node["resource_type"] == "test"
    ]
    if any(not item["sql"] for item in tables + tests):
        return
    catalog = {node["database"] for node in models.values()}
    if len(catalog) != 1:
        return
    plan = {"fingerprint": project_fingerprint(), "catalog": catalog.pop(), "tables": tables, "tests": tests}
    write_bytes_atomically(plan_path, json.dumps(plan, ensure_ascii=False, indent=1).encode())


def _load_plan(plan_path: Path) -> dict | None:
    try:
        plan = json.loads(plan_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return plan if plan.get("fingerprint") == project_fingerprint() else None


def _delete_in_scope(relation: str, scope: dict) -> str:
    """The rows of a table that an incremental refresh recomputes (``rows_in_scope`` in macros/scope.sql)."""
    if "inputs" in scope:
        inputs = f"(SELECT doc_id FROM {SCOPE_TABLE})"
        return f"DELETE FROM {relation} WHERE " + " OR ".join(f"{column} IN {inputs}" for column in scope["inputs"])
    match = " AND ".join(f"scope.{c} IS NOT DISTINCT FROM tested.{c}" for c in scope["columns"])
    return f"DELETE FROM {relation} AS tested USING {scope['keys']} AS scope WHERE {match}"


def _refresh_tables(con: duckdb.DuckDBPyConnection, plan: dict, inputs: list[str] | None) -> None:
    """Re-create the tables (``inputs`` None), or recompute in each the rows the inputs touch; one transaction.

    In dependency order: the scope tables first hold the keys the inputs touch (every key when
    ``model_scope`` is empty), then each keyed table loses the rows of those keys and gets them back
    from its own SQL, which reads only the keys in scope.
    """
    con.execute("BEGIN TRANSACTION")  # readers see the old marts or the new ones, never a mixture
    try:
        con.execute(f"DELETE FROM {SCOPE_TABLE}")
        if inputs is not None:
            con.execute(f"INSERT INTO {SCOPE_TABLE} SELECT unnest($ids)", {"ids": inputs})
        for table in plan["tables"]:
            if inputs is None or not table.get("scope"):
                con.execute(f"CREATE OR REPLACE TABLE {table['relation']} AS (\n{table['sql']}\n)")
            else:
                con.execute(_delete_in_scope(table["relation"], table["scope"]))
                con.execute(f"INSERT INTO {table['relation']} BY NAME (\n{table['sql']}\n)")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _run_tests(con: duckdb.DuckDBPyConnection, plan: dict, counts: dict[str, int]) -> list[str]:
    """Every data test as dbt wraps it; generic tests see the rows in scope (macros/scope.sql)."""
    failing = []
    for test in plan["tests"]:
        sql = _TEST_SQL.format(
            fail_calc=test["fail_calc"] or "count(*)",
            warn_if=test["warn_if"] or "!= 0",
            error_if=test["error_if"] or "!= 0",
            sql=test["sql"],
            limit=f"limit {test['limit']}" if test["limit"] is not None else "",
        )
        failures, should_warn, should_error = con.execute(sql).fetchone()
        if should_error and (test["severity"] or "error").lower() == "error":
            counts["failed"] += 1
            failing.append(f"test {test['name']}: Got {failures} results, configured to fail if {test['error_if']}")
        elif should_warn:
            counts["warned"] += 1
        else:
            counts["passed"] += 1
    return failing


def _replay(paths: WarehousePaths, plan: dict, target_dir: Path, log_dir: Path, *, full: bool) -> ModelsResult:
    t0 = time.perf_counter()
    con = open_database(paths.database, read_only=False)
    try:
        _ensure_scope_tables(con)
        inputs = None if full else _touched_inputs(con)
        if inputs is not None and len(inputs) <= FEW_INPUTS:
            # a handful of documents: ~170 small queries, which DuckDB's worker threads only slow down
            # (one new file into 10k: 0.85 -> 0.68 CPU s for the replay, 4 alternating runs)
            con.execute("SET threads = 1")
        counts = {"passed": 0, "failed": 0, "warned": 0}
        failing: list[str] = []
        if inputs != []:  # [] : nothing changed since the last refresh whose tests passed
            try:
                _refresh_tables(con, plan, inputs)
                counts["passed"] += len(plan["tables"])
                failing = _run_tests(con, plan, counts)
            finally:
                con.execute(f"DELETE FROM {SCOPE_TABLE}")  # back at rest: a dbt build by hand builds everything
            if not failing:  # else the next refresh recomputes and tests these inputs again
                _record_state(con, inputs)
    finally:
        con.close()
    return ModelsResult(
        success=counts["failed"] == 0,
        errored=0,
        skipped=0,
        seconds=round(time.perf_counter() - t0, 2),
        failing=failing,
        target_dir=target_dir,
        log_dir=log_dir,
        mode="replay",
        inputs=None if inputs is None else len(inputs),
        **counts,
    )


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
