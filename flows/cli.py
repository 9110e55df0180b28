"""The ``jingji`` command: ingest, watch and rebuild run Prefect flows; deploy; sql queries the warehouse.

Prefect is imported only by the commands that run a flow, so ``jingji sql``
starts in a fraction of a second.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import sys
import threading
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from flows.settings import configure_prefect, inbox_dir, warehouse_dir

if TYPE_CHECKING:
    from flows.server import TemporaryServer

RUNNERS = ("threads", "processes", "dask")  # see flows/runners.py (not imported here: it imports Prefect)

EXIT_OK, EXIT_FAILED, EXIT_BUSY = 0, 1, 75  # 75: EX_TEMPFAIL, "try again later"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jingji", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="load new inbox files into the warehouse (one Prefect flow run)")
    ingest.add_argument("--inbox", help="folder of articles (default $JINGJI_INBOX or data/inbox)")
    ingest.add_argument("--warehouse", help="warehouse folder (default $JINGJI_WAREHOUSE or data/warehouse)")
    watch = sub.add_parser("watch", help="ingest files as they are dropped into the inbox, until Ctrl-C")
    watch.add_argument("--inbox", help="folder of articles (default $JINGJI_INBOX or data/inbox)")
    watch.add_argument("--warehouse", help="warehouse folder (default $JINGJI_WAREHOUSE or data/warehouse)")
    watch.add_argument(
        "--quiet-seconds", type=float, default=2.0, help="ingest once the inbox has been quiet this long (default 2)"
    )

    rebuild = sub.add_parser("rebuild", help="reprocess every archived raw file with the current transforms")
    rebuild.add_argument("--warehouse", help="warehouse folder (default $JINGJI_WAREHOUSE or data/warehouse)")
    for flow_parser in (ingest, rebuild, watch):
        flow_parser.add_argument(
            "--skip-models",
            action="store_true",
            help="skip near-duplicate links, the search index and dbt build (the next loading run does them)",
        )
    for flow_parser in (ingest, rebuild, watch):
        flow_parser.add_argument("--batch-size", type=int, default=None, help="files per task and per transaction")
        flow_parser.add_argument(
            "--runner", choices=RUNNERS, help="where batches are processed (default $JINGJI_TASK_RUNNER or threads)"
        )
        flow_parser.add_argument("--workers", type=int, help="worker threads/processes (default $JINGJI_WORKERS)")
        flow_parser.add_argument(
            "--dask-address", help="Dask scheduler, e.g. tcp://host:8786 (default: a local cluster)"
        )
        flow_parser.add_argument("--json", action="store_true", help="print the run report as JSON")
        flow_parser.add_argument("-v", "--verbose", action="store_true", help="show Prefect's own log lines")

    sub.add_parser(
        "deploy", help="create the work pool and writer limit on the Prefect server, then deploy prefect.yaml"
    )

    sql = sub.add_parser("sql", help="run a read-only SQL query against the warehouse")
    sql.add_argument("query", help='e.g. "SELECT region, indicator, yoy_pct FROM indicators"')
    sql.add_argument("--warehouse", help="warehouse folder (default $JINGJI_WAREHOUSE or data/warehouse)")
    sql.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sql.add_argument("--max-rows", type=int, default=200, help="rows shown in table format (csv/json: all)")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # `jingji sql … | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _main(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    if args.command in ("ingest", "rebuild", "watch"):
        return _run_flow(args)
    if args.command == "deploy":
        configure_prefect()
        from flows.deploy import deploy_all

        return deploy_all()
    return _sql(args)


def _run_flow(args: argparse.Namespace) -> int:
    """Run the ingest or rebuild flow (or keep ingesting, for watch) and print each report."""
    configure_prefect(verbose=args.verbose)
    server = _temporary_server()
    from flows.progress import enable_when_interactive

    enable_when_interactive()
    if args.command != "rebuild":
        inbox = inbox_dir(args.inbox)
        if not inbox.is_dir():
            print(f"jingji: inbox {inbox} does not exist or is not a folder", file=sys.stderr)
            return EXIT_FAILED
    if args.command != "watch":
        return _run_flow_once(args, server)

    from flows.watch import watch_inbox

    stop = _stop_on_signals()
    print(f"jingji: watching {inbox} (Ctrl-C to stop)", file=sys.stderr)
    watch_inbox(inbox, lambda: _run_flow_once(args, server), quiet_seconds=args.quiet_seconds, stop=stop)
    return EXIT_OK


def _temporary_server() -> TemporaryServer | None:
    """Launch Prefect's temporary server now, when no API is configured, so it boots while the flow imports."""
    from flows.server import TemporaryServer, needs_temporary_server

    return TemporaryServer().start() if needs_temporary_server() else None


def _use_server(server: TemporaryServer) -> None:
    """Point this process and the workers it spawns at the server, once it answers (a port retry moves it).

    Into the environment, for the worker processes spawned later, and into Prefect's global settings, for
    every thread of this one: Prefect's event and log workers run in threads of their own, which a
    ``temporary_settings`` block would not reach (each then started a second temporary server).
    """
    from prefect.context import refresh_global_settings_context

    if os.environ.get("PREFECT_API_URL") != server.api_url:
        os.environ["PREFECT_API_URL"] = server.api_url
        refresh_global_settings_context()


def _stop_on_signals() -> threading.Event:
    """First Ctrl-C or SIGTERM: finish the run in progress, then stop. A second Ctrl-C aborts at once."""
    stop = threading.Event()

    def on_signal(signum: int, frame: object) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()
        print("jingji: stopping after the current run (Ctrl-C again to abort)", file=sys.stderr)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    return stop


def _run_flow_once(args: argparse.Namespace, server: TemporaryServer | None = None) -> int:
    from flows.ingest import DEFAULT_BATCH_SIZE, ingest_flow
    from flows.rebuild import rebuild_flow
    from flows.report import RunReport
    from flows.runners import make_task_runner
    from flows.server import startup_timeout
    from flows.warmup import steps as warm_up_steps
    from warehouse.lock import WarehouseLocked

    warehouse = warehouse_dir(args.warehouse)
    options = {"batch_size": args.batch_size or DEFAULT_BATCH_SIZE, "run_models": not args.skip_models}
    runner = make_task_runner(args.runner, args.workers, args.dask_address)
    if server is not None:
        try:  # while the server boots, load what the first file would (see flows/warmup.py)
            server.wait_until_ready(startup_timeout(), meanwhile=warm_up_steps())
        except RuntimeError as exc:
            print(f"jingji: {args.command} failed: {exc}", file=sys.stderr)
            return EXIT_FAILED
        _use_server(server)
    try:
        if args.command == "rebuild":
            report = rebuild_flow.with_options(task_runner=runner)(warehouse=str(warehouse), **options)
        else:
            flow = ingest_flow.with_options(task_runner=runner)
            report = flow(inbox=str(inbox_dir(args.inbox)), warehouse=str(warehouse), **options)
    except WarehouseLocked as exc:
        print(f"jingji: {exc}", file=sys.stderr)
        return EXIT_BUSY
    except Exception as exc:  # the run itself failed: say why in one line, Prefect logged the rest
        print(f"jingji: {args.command} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1, default=str))
    else:
        print(RunReport(**report).text(), flush=True)
    return EXIT_OK


def _sql(args: argparse.Namespace) -> int:
    import duckdb

    from warehouse.db import WarehouseBusy, reader
    from warehouse.paths import WarehousePaths

    paths = WarehousePaths(warehouse_dir(args.warehouse))
    try:
        with reader(paths, on_wait=lambda msg: print(f"jingji: {msg}", file=sys.stderr)) as con:
            cursor = con.execute(args.query)
            columns = [d[0] for d in cursor.description] if cursor.description else []
            rows = cursor.fetchall() if columns else []
    except (FileNotFoundError, WarehouseBusy) as exc:
        print(f"jingji: {exc}", file=sys.stderr)
        return EXIT_BUSY if isinstance(exc, WarehouseBusy) else EXIT_FAILED
    except duckdb.Error as exc:
        print(f"jingji: query failed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    _print_rows(columns, rows, args.format, args.max_rows)
    return EXIT_OK


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _print_rows(columns: list[str], rows: list[tuple], fmt: str, max_rows: int) -> None:
    out = sys.stdout
    if fmt == "json":
        json.dump(
            [{c: _plain(v) for c, v in zip(columns, r, strict=True)} for r in rows], out, ensure_ascii=False, indent=1
        )
        out.write("\n")
    elif fmt == "csv":
        w = csv.writer(out)
        w.writerow(columns)
        for r in rows:
            w.writerow(
                [json.dumps(_plain(v), ensure_ascii=False) if isinstance(v, list | dict) else _plain(v) for v in r]
            )
    else:
        _print_table(columns, rows, max_rows)


def _one_line(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", " ⏎ ")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _print_table(columns: list[str], rows: list[tuple], max_rows: int) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold", max_width=60)
    for r in rows[:max_rows]:
        # One line per row: article text is full of newlines.
        table.add_row(*["∅" if v is None else _one_line(_escape(str(_plain(v)))) for v in r])
    console = Console(width=None if sys.stdout.isatty() else 160)
    console.print(table)
    if len(rows) > max_rows:
        console.print(f"({len(rows)} rows, {max_rows} shown; use --format csv for all)")
    else:
        console.print(f"({len(rows)} rows)")
