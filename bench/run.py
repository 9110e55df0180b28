"""The benchmark: throughput, stage profile, orchestration overhead, memory and incremental cost of ``jingji ingest``.

One command (from the repository root)::

    .venv/bin/python bench/run.py --sizes 1000 10000 --repeats 3

What it does, for each corpus size N (synthetic articles from ``bench/generate.py``,
written once under ``--work`` and reused):

* **end to end** — ``jingji ingest --json`` as a subprocess into a fresh
  warehouse, once per runner (``threads`` = the default, ``processes:2`` =
  ``--runner processes --workers 2``): wall time, MB/s of input bytes, articles/s,
  the run report's own ``seconds``, and peak RSS sampled every 0.2 s over the
  whole process tree (the CLI, its temporary Prefect server, worker processes);
* **after each run** — ``jingji ingest`` again with nothing new (Prefect start-up
  plus hashing the inbox), then ``--new-file-repeats`` times with ONE new article
  (a different one each time): wall and the report's ``seconds`` (pipeline work
  inside the flow, beside Prefect's start-up), medians over all of them;
* **direct** — the same functions without Prefect (discover, archive, the flow's
  own ``process_batch`` on a thread or spawned process pool, ``db.load_batch``,
  near-duplicates, search index, dbt build) in a subprocess: the difference to
  the end-to-end wall is the orchestration overhead; Parquet writing and the
  DuckDB load are timed apart here;
* **stages** (once, over the first ``--stage-articles``) — ``transforms.pipeline.process``
  with each stage function it calls wrapped in a timer (nothing edited);
* **jieba** — ``jieba.lcut`` alone over the same decoded texts (the baseline);
* **profile** (once) — cProfile of ``process`` over ``--profile-articles`` articles.

A run whose estimated wall time (from the smaller size) exceeds
``--max-minutes`` is not started but extrapolated; repeats of a size are cut to
fit ``--budget-minutes``. Medians of the repeats go to ``<work>/summary.md``, every
figure to ``<work>/results.json``. The machine is shared: the load average
before each run is recorded with it.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import generate  # noqa: E402 — bench/generate.py, beside this file

NEW_FILE_BASE = 1_000_000  # index of the first "one new file" article: never in a corpus
MB = 1e6


# --- measuring a subprocess ---------------------------------------------------------


class Sampler(threading.Thread):
    """Peak RSS of a process and of its whole tree, and CPU seconds by role, sampled until it exits.

    CPU by role (the CLI's own process, the temporary Prefect server, the task runner's
    workers, anything else) is each process's last sampled ``cpu_times``: what a
    process spends after the last sample before it exits is missed (< 0.2 s each).
    """

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.proc = psutil.Process(pid)
        self.interval = interval
        self.peak_main = self.peak_tree = self.peak_single = 0
        self.timeline: list[tuple[float, int, int]] = []  # (seconds, main rss, tree rss)
        self.cpu: dict[int, tuple[str, float]] = {}  # pid -> (role, user + system seconds so far)
        self.t0 = time.perf_counter()

    def role(self, p: psutil.Process) -> str:
        if p.pid == self.proc.pid:
            return "main"
        cmdline = " ".join(p.cmdline())
        if "uvicorn" in cmdline or ("prefect" in cmdline and "server" in cmdline):
            return "prefect_server"
        if "multiprocessing" in cmdline or "spawn_main" in cmdline or "forkserver" in cmdline:
            return "workers"
        return "other"

    def cpu_by_role(self) -> dict[str, float]:
        totals: dict[str, float] = {}
        for role, seconds in self.cpu.values():
            totals[role] = round(totals.get(role, 0.0) + seconds, 2)
        return totals

    def run(self) -> None:
        while True:
            try:
                main = self.proc.memory_info().rss
                procs = [self.proc, *self.proc.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            tree = 0
            for p in procs:
                with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                    rss = p.memory_info().rss
                    tree += rss
                    times = p.cpu_times()
                    role = self.cpu[p.pid][0] if p.pid in self.cpu else self.role(p)
                    self.cpu[p.pid] = (role, times.user + times.system)
                    self.peak_single = max(self.peak_single, rss)
            self.peak_main = max(self.peak_main, main)
            self.peak_tree = max(self.peak_tree, tree)
            self.timeline.append((round(time.perf_counter() - self.t0, 1), main, tree))
            time.sleep(self.interval)


def measure(cmd: list[str], env: dict[str, str] | None = None, timeout: float | None = None) -> dict[str, Any]:
    """Run ``cmd``; wall time, CPU time of the tree, exit code, stdout (JSON when it parses), peak RSS.

    CPU time (user + system of the process and every descendant it reaped) is what
    a shared machine does not inflate much; wall time is what a user waits.
    """
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT, text=True)
    sampler = Sampler(proc.pid)
    sampler.start()
    out, err = proc.communicate(timeout=timeout)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    sampler.join(timeout=2)
    try:
        parsed: Any = json.loads(out) if out.strip() else None
    except json.JSONDecodeError:
        parsed = None
    if proc.returncode != 0:
        print(f"  ! {' '.join(cmd[:3])}… exited {proc.returncode}: {err.strip()[-800:]}", file=sys.stderr)
    timeline = sampler.timeline
    step = max(1, len(timeline) // 40)
    return {
        "cmd": cmd[1:],
        "wall": round(wall, 2),
        "cpu_s": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2),
        "rc": proc.returncode,
        "result": parsed,
        "stderr_tail": err.strip()[-400:],
        "peak_rss_main_mb": round(sampler.peak_main / MB, 1),
        "peak_rss_tree_mb": round(sampler.peak_tree / MB, 1),
        "peak_rss_single_mb": round(sampler.peak_single / MB, 1),
        "cpu_s_by_role": sampler.cpu_by_role(),
        "rss_timeline_mb": [(t, round(m / MB), round(tr / MB)) for t, m, tr in timeline[::step]],
        "loadavg_before": round(load, 2),
    }


# --- the corpus ---------------------------------------------------------------------


def corpus(work: Path, n: int, seed: int) -> Path:
    """``<work>/inbox-<n>``, generated once per seed."""
    inbox = work / f"inbox-{n}"
    stamp = work / f"inbox-{n}.seed"
    if not (inbox.is_dir() and stamp.exists() and stamp.read_text() == str(seed)):
        print(f"generating {n} articles into {inbox}", file=sys.stderr)
        generate.generate(n, inbox, seed)
        stamp.write_text(str(seed))
    return inbox


def inbox_files(inbox: Path) -> list[Path]:
    return sorted(p for p in inbox.rglob("*") if p.is_file())


# --- end to end: jingji ingest --------------------------------------------------------


def jingji_cmd(inbox: Path, warehouse: Path, runner: str, skip_models: bool = False) -> list[str]:
    exe = ROOT / ".venv" / "bin" / "jingji"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "flows"]
    cmd += ["ingest", "--inbox", str(inbox), "--warehouse", str(warehouse), "--json"]
    kind, _, workers = runner.partition(":")
    cmd += ["--runner", kind]
    if workers:
        cmd += ["--workers", workers]
    if skip_models:
        cmd.append("--skip-models")
    return cmd


def prefect_env(work: Path) -> dict[str, str]:
    """A Prefect home of the benchmark's own, so its temporary server's database is not shared."""
    env = dict(os.environ)
    env["PREFECT_HOME"] = str(work / "prefect-home")
    env.pop("PREFECT_API_URL", None)
    return env


def ingest(inbox: Path, warehouse: Path, runner: str, env: dict[str, str], **kw: Any) -> dict[str, Any]:
    run = measure(jingji_cmd(inbox, warehouse, runner, **kw), env)
    report = run["result"] if isinstance(run["result"], dict) else {}
    run["seconds"] = report.get("seconds", {})
    run["files_new"] = report.get("files_new")
    run["documents_loaded"] = report.get("documents_loaded")
    run["quarantined"] = report.get("files_quarantined")
    run["models"] = report.get("models")
    run["result"] = None  # the report's lists (quarantined, housekeeping) are not needed in the results
    return run


def one_new_file(inbox: Path, k: int, seed: int) -> Path:
    """Drop one article never seen before into ``inbox/new/``; return its path."""
    spec, data = generate.article(seed, NEW_FILE_BASE + k)
    path = inbox / "new" / f"new-{k:03d}_{spec.suffix}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    # discovery waits for files modified in the last 2 s (still being written?): backdate it
    old = time.time() - 60
    os.utime(path, (old, old))
    return path


# --- direct: the same functions without Prefect ----------------------------------------


def _process_batch(paths: Any, batch: list[Any], run_id: str) -> tuple[dict[str, list[dict]], float]:
    """The flow's own ``process_batch`` body (``Task.fn``), callable in a plain pool."""
    from flows.tasks import process_batch

    return process_batch.fn(paths, batch, run_id)


def direct_run(inbox: Path, warehouse: Path, runner: str, batch_size: int | None = None) -> dict[str, Any]:
    """One ingest without Prefect, mirroring ``flows.ingest`` (same batch size): timings per phase."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    from flows.ingest import DEFAULT_BATCH_SIZE
    from flows.report import RunReport
    from flows.tasks import archive_files, batch_receipts, batches, discover_files, new_run_id
    from warehouse import db, models, near_duplicates, schema, search
    from warehouse.paths import WarehousePaths

    batch_size = batch_size or DEFAULT_BATCH_SIZE
    seconds: dict[str, float] = defaultdict(float)

    # Time Parquet writing (Arrow conversion + file) apart from the DuckDB load inside db.load_batch.
    write_parquet, to_arrow = db.write_parquet, schema.Table.to_arrow

    def timed_write(*a: Any, **k: Any) -> Any:
        t = time.perf_counter()
        try:
            return write_parquet(*a, **k)
        finally:
            seconds["write_parquet"] += time.perf_counter() - t

    def timed_arrow(self: Any, *a: Any, **k: Any) -> Any:
        t = time.perf_counter()
        try:
            return to_arrow(self, *a, **k)
        finally:
            seconds["to_arrow"] += time.perf_counter() - t

    db.write_parquet = timed_write
    schema.Table.to_arrow = timed_arrow

    t_all = time.perf_counter()
    paths = WarehousePaths(warehouse)
    report = RunReport(run_id=new_run_id(), flow="ingest", inbox=str(inbox), warehouse=str(warehouse))
    t = time.perf_counter()
    db.record_run(paths, report.ledger_row(None))
    found, _ = discover_files.fn(paths, inbox)  # the flow's own task body
    seconds["discover"] = time.perf_counter() - t
    t = time.perf_counter()
    archive_files.fn(paths, found.new)  # the flow's own task body
    seconds["archive"] = time.perf_counter() - t

    kind, _, w = runner.partition(":")
    workers = int(w or 2)
    pool = (
        ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        if kind == "processes"
        else ThreadPoolExecutor(workers)
    )
    window = 2 * workers
    pending: list[tuple[int, list, Any]] = []
    t_work = time.perf_counter()

    def load_oldest() -> None:
        batch_no, batch, future = pending.pop(0)
        t_wait = time.perf_counter()
        staged, spent = future.result()
        seconds["wait_for_batches"] += time.perf_counter() - t_wait
        seconds["process_task_sum"] += spent
        t = time.perf_counter()
        counts = db.load_batch(paths, report.run_id, batch_no, staged, batch_receipts(report.run_id, batch, staged))
        seconds["load_batch"] += time.perf_counter() - t
        report.add_loaded(counts, staged["quarantine"])

    with pool:
        for batch_no, batch in enumerate(batches(found.new, batch_size)):
            pending.append((batch_no, batch, pool.submit(_process_batch, paths, batch, report.run_id)))
            if len(pending) >= window:
                load_oldest()
        while pending:
            load_oldest()
    seconds["process_and_load_wall"] = time.perf_counter() - t_work
    seconds["load_duckdb"] = seconds["load_batch"] - seconds["write_parquet"] - seconds["to_arrow"]

    t = time.perf_counter()
    with db.writer(paths) as con:
        near_duplicates.link_near_duplicates(con)
        seconds["near_duplicates"] = time.perf_counter() - t
        t2 = time.perf_counter()
        search.refresh_search_index(con)
        seconds["search_index"] = time.perf_counter() - t2
    t2 = time.perf_counter()
    models.build_models(warehouse)
    seconds["dbt_build"] = time.perf_counter() - t2
    seconds["models"] = time.perf_counter() - t
    report.status = "completed"
    db.record_run(paths, report.ledger_row(None))
    seconds["total"] = time.perf_counter() - t_all
    return {
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
        "files_new": len(found.new),
        "documents_loaded": report.documents_loaded,
    }


WARM_UP_SEED = -1  # a corpus of its own: the measured articles are never seen before they are timed


def warm_up() -> None:
    """Process 30 articles of another corpus (every style and codec) so no lazy load lands in a figure.

    Not the measured articles: the mojibake repair remembers answers it worked out, which would make
    articles seen in the warm-up cheaper when timed.
    """
    from transforms.pipeline import process

    for k in range(30):
        spec, raw = generate.article(WARM_UP_SEED, k)
        process(raw, f"warm-up-{k:02d}_{spec.suffix}.txt")


# --- a large warehouse assembled from a measured smaller one ------------------------------


def grow_run(source: Path, inbox: Path, target: Path) -> dict[str, Any]:
    """Make ``target`` a warehouse of every article in ``inbox`` from ``source``, which loaded its first M.

    For measuring what one new file costs when the warehouse holds N articles,
    without processing N articles: copy k of source document i becomes inbox
    file ``k*M + i`` (its real SHA-256 and path, so ``discover`` skips it), with
    every text column passed through a character permutation of its own so the
    copies are not near-duplicates of each other (same lengths, same character
    statistics, other characters). Indicator, project and quarantine rows are
    copied with it. Then the derived tables (signatures, search terms and
    index) and the dbt models are built once, as the ingest that loaded them
    would have done; that set-up is timed and reported apart.
    """
    import hashlib

    import duckdb
    import pyarrow as pa

    from warehouse import models, near_duplicates, search

    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    files = inbox_files(inbox)
    shas = [hashlib.sha256(f.read_bytes()).hexdigest() for f in files]
    rels = [f.relative_to(inbox).as_posix() for f in files]
    con = duckdb.connect(str(target / "warehouse.duckdb"))
    t0 = time.perf_counter()
    loaded = {r[0] for r in con.execute("SELECT doc_id FROM documents UNION SELECT sha256 FROM quarantine").fetchall()}
    m = 0
    while m < len(shas) and shas[m] in loaded:
        m += 1
    if m == 0:
        raise SystemExit(f"{source} holds none of the first files of {inbox}")
    from warehouse.db import ensure_schema

    ensure_schema(con)
    search.ensure_tables(con)
    text_columns = ("text_raw", "text", "text_simplified", "title")
    chars = sorted(
        {
            ch
            for col in text_columns
            for (value,) in con.execute(f"SELECT string_agg(DISTINCT \"{col}\", '') FROM documents").fetchall()
            for ch in (value or "")
            if ord(ch) > 0x2FFF
        }
    )
    rows = [(k, shas[i], shas[k * m + i], rels[k * m + i]) for k in range(1, len(shas) // m) for i in range(m)]
    rows += [(k, shas[i], shas[j], rels[j]) for j in range((len(shas) // m) * m, len(shas)) for k, i in [divmod(j, m)]]
    mapping = pa.table({name: [r[c] for r in rows] for c, name in enumerate(("k", "old_id", "new_id", "new_path"))})
    con.register("clone_map", mapping)
    for k in sorted({r[0] for r in rows}):
        # rotate the character list by k: a bijection, so each copy is another text of the same shape
        shift = (k * 7919) % len(chars) or 1
        source_chars, target_chars = "".join(chars), "".join(chars[shift:] + chars[:shift])
        replaced = ", ".join(f"translate({c}, $src, $dst) AS {c}" for c in text_columns)
        con.execute(
            f"""INSERT INTO documents SELECT d.* REPLACE (m.new_id AS doc_id, m.new_path AS source_path, {replaced})
                FROM documents d JOIN clone_map m ON d.doc_id = m.old_id WHERE m.k = $k""",
            {"src": source_chars, "dst": target_chars, "k": k},
        )
        for table in ("indicators", "projects"):
            con.execute(
                f"""INSERT INTO {table} SELECT t.* REPLACE (m.new_id AS doc_id)
                    FROM {table} t JOIN clone_map m ON t.doc_id = m.old_id WHERE m.k = $k""",
                {"k": k},
            )
        con.execute(
            """INSERT INTO quarantine SELECT q.* REPLACE (m.new_id AS sha256, m.new_path AS source_path)
               FROM quarantine q JOIN clone_map m ON q.sha256 = m.old_id WHERE m.k = $k""",
            {"k": k},
        )
        # search terms: the source's, through the same permutation (computing them costs what processing does)
        con.execute(
            """INSERT INTO search_documents SELECT s.* REPLACE (m.new_id AS doc_id, translate(s.terms, $src, $dst)
                AS terms) FROM search_documents s JOIN clone_map m ON s.doc_id = m.old_id WHERE m.k = $k""",
            {"src": source_chars, "dst": target_chars, "k": k},
        )
        con.execute(
            """INSERT INTO search_postings SELECT translate(p.term, $src, $dst), m.new_id, p.tf
                FROM search_postings p JOIN clone_map m ON p.doc_id = m.old_id WHERE m.k = $k""",
            {"src": source_chars, "dst": target_chars, "k": k},
        )
    con.unregister("clone_map")
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "quarantine")}
    copied = time.perf_counter() - t0
    t = time.perf_counter()
    links = near_duplicates.link_near_duplicates(con)
    signed = time.perf_counter() - t
    t = time.perf_counter()
    search.refresh_search_index(con)
    indexed = time.perf_counter() - t
    con.close()
    t = time.perf_counter()
    models.build_models(target)
    return {
        "source_articles": m,
        "counts": counts,
        "near_duplicate_links": links.linked,
        "setup_seconds": {
            "copy": round(copied, 2),
            "sign_all": round(signed, 2),
            "search_terms_and_index": round(indexed, 2),
            "dbt_build": round(time.perf_counter() - t, 2),
        },
    }


# --- stages: process() with each stage function timed -----------------------------------

# The names transforms.pipeline calls, grouped into the stages.
STAGE_OF = {
    "decode_bytes": "decode",
    "looks_like_html": "html",
    "page_text": "html",
    "html_to_text": "html",
    "repair_mojibake": "repair:mojibake",
    "fix_converter_artefacts": "repair:converter",
    "normalize_text": "repair:normalize",
    "strip_boilerplate": "repair:boilerplate",
    "extract_metadata": "repair:metadata",
    "repair_layout": "layout",
    "detect_script": "script:detect",
    "_simplified_same_length": "script:simplify",
    "to_simplified": "script:simplify",
    "extract_indicators": "extract:indicators",
    "extract_projects": "extract:projects",
    "keywords": "keywords",
}


def stage_run(inbox: Path, limit: int) -> dict[str, Any]:
    """``process`` over the first ``limit`` articles with every stage it calls timed (in this process)."""
    from transforms import pipeline

    spent: dict[str, float] = defaultdict(float)
    depth = [0]  # only the outermost timed call counts (_simplified_same_length calls to_simplified)

    def timed(name: str, fn: Any) -> Any:
        def wrapper(*a: Any, **k: Any) -> Any:
            if depth[0]:
                return fn(*a, **k)
            depth[0] += 1
            t = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent[STAGE_OF[name]] += time.process_time() - t
                depth[0] -= 1

        return wrapper

    files = inbox_files(inbox)[:limit]
    datas = [(f.read_bytes(), f.name) for f in files]
    t = time.perf_counter()
    pipeline.process(*datas[0])  # lazy loads: dictionaries, language model, OpenCC, regexes
    cold = time.perf_counter() - t
    warm_up()

    originals = {name: getattr(pipeline, name) for name in STAGE_OF if hasattr(pipeline, name)}
    missing = sorted(set(STAGE_OF) - set(originals))
    for name, fn in originals.items():
        setattr(pipeline, name, timed(name, fn))
    repairs = pipeline.TEXT_REPAIRS
    pipeline.TEXT_REPAIRS = tuple(timed(fn.__name__, fn) if fn.__name__ in STAGE_OF else fn for fn in repairs)
    per_article: list[tuple[float, str]] = []
    try:
        t, w = time.process_time(), time.perf_counter()
        for raw, name in datas:
            one = time.process_time()
            pipeline.process(raw, name)
            per_article.append((time.process_time() - one, name))
        total, total_wall = time.process_time() - t, time.perf_counter() - w
    finally:
        for name, fn in originals.items():
            setattr(pipeline, name, fn)
        pipeline.TEXT_REPAIRS = repairs

    # the first 200 again, unwrapped: shows that the wrappers' own cost is within noise
    check = datas[:200]
    t = time.process_time()
    for raw, name in check:
        pipeline.process(raw, name)
    plain = (time.process_time() - t) * len(datas) / len(check)
    nbytes = sum(len(raw) for raw, _ in datas)
    spent["glue (rows, repairs lists)"] = total - sum(spent.values())
    return {
        "articles": len(datas),
        "input_mb": round(nbytes / MB, 3),
        "cold_first_call_s": round(cold, 2),
        "clock": "CPU seconds (time.process_time) of this one process",
        "process_total_s": round(total, 2),
        "process_total_wall_s": round(total_wall, 2),
        "process_unwrapped_s": round(plain, 2),  # scaled from the first 200
        "mb_per_cpu_s": round(nbytes / MB / plain, 4),
        "articles_per_cpu_s": round(len(datas) / plain, 2),
        "stages_s": {k: round(v, 3) for k, v in sorted(spent.items(), key=lambda kv: -kv[1])},
        "per_article_cpu_s": distribution([c for c, _ in per_article]),
        "slowest_articles": [(round(c, 2), name) for c, name in sorted(per_article, reverse=True)[:10]],
        "not_found_in_pipeline": missing,
    }


def distribution(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)

    return {"p50": at(0.5), "p90": at(0.9), "p99": at(0.99), "max": round(ordered[-1], 3)}


# --- baseline: jieba alone -------------------------------------------------------------


def jieba_run(inbox: Path, repeats: int) -> dict[str, Any]:
    import logging

    import jieba

    from transforms.decode import Decoded, decode_bytes

    jieba.setLogLevel(logging.WARNING)
    files = inbox_files(inbox)
    raws = [f.read_bytes() for f in files]
    texts = [d.text for raw in raws if isinstance(d := decode_bytes(raw), Decoded)]
    jieba.initialize()
    jieba.lcut(texts[0])
    runs, walls = [], []
    for _ in range(repeats):
        t, w = time.process_time(), time.perf_counter()
        for text in texts:
            jieba.lcut(text)
        runs.append(time.process_time() - t)
        walls.append(time.perf_counter() - w)
    input_mb = sum(map(len, raws)) / MB
    utf8_mb = sum(len(t.encode("utf-8")) for t in texts) / MB
    med = statistics.median(runs)
    return {
        "articles": len(texts),
        "input_mb": round(input_mb, 3),
        "utf8_mb": round(utf8_mb, 3),
        "clock": "CPU seconds (time.process_time); wall alongside",
        "lcut_s": [round(r, 2) for r in runs],
        "lcut_wall_s": [round(r, 2) for r in walls],
        "lcut_median_s": round(med, 2),
        "lcut_input_mb_per_s": round(input_mb / med, 3),
        "lcut_input_mb_per_wall_s": round(input_mb / statistics.median(walls), 3),
        "lcut_utf8_mb_per_s": round(utf8_mb / med, 3),
        "lcut_articles_per_s": round(len(texts) / med, 1),
    }


# --- profile -------------------------------------------------------------------------------


def profile_run(inbox: Path, limit: int, out: Path) -> dict[str, Any]:
    """cProfile (exact calls, but it inflates call-heavy code such as jieba's Viterbi several times over),
    then pyinstrument (sampling every 1 ms, little overhead) when it is installed, over the same articles."""
    from transforms.pipeline import process

    files = inbox_files(inbox)[:limit]
    datas = [(f.read_bytes(), f.name) for f in files]
    warm_up()
    prof = cProfile.Profile(time.process_time)  # CPU time: the machine is shared
    t = time.process_time()
    prof.enable()
    for raw, name in datas:
        process(raw, name)
    prof.disable()
    cpu = time.process_time() - t
    prof.dump_stats(str(out))
    stats = pstats.Stats(prof)
    text = io.StringIO()
    for key in ("tottime", "cumulative"):
        pstats.Stats(prof, stream=text).sort_stats(key).print_stats(35)
    out.with_suffix(".txt").write_text(text.getvalue())
    by_file: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        by_file[_short(filename)] += tottime
    result: dict[str, Any] = {
        "articles": len(datas),
        "cpu_s": round(cpu, 2),
        "own_time_by_file": [(f, round(s, 2)) for f, s in sorted(by_file.items(), key=lambda kv: -kv[1])[:25]],
    }
    try:
        from pyinstrument import Profiler
    except ImportError:
        return result
    sampler = Profiler(interval=0.001)
    t = time.process_time()
    sampler.start()
    for raw, name in datas:
        process(raw, name)
    sampler.stop()
    result["pyinstrument_cpu_s"] = round(time.process_time() - t, 2)
    out.with_suffix(".pyinstrument.txt").write_text(sampler.output_text(unicode=True, color=False))
    own: dict[str, float] = defaultdict(float)

    def walk(frame: Any) -> None:
        own[_short(frame.file_path or frame.function or "?")] += frame.total_self_time
        for child in frame.children:
            walk(child)

    root = sampler.last_session.root_frame()
    walk(root)
    result["pyinstrument_wall_s"] = round(root.time, 2)
    result["pyinstrument_own_time_by_file"] = [
        (f, round(s, 2)) for f, s in sorted(own.items(), key=lambda kv: -kv[1])[:25]
    ]
    return result


def _short(filename: str) -> str:
    for marker in ("site-packages/", "/work/main/", "lib/python3.11/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


# --- the orchestration of the benchmark itself ----------------------------------------------


def sub(mode: str, *args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), f"--_{mode}", *args]


def med(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 3) if values else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--runners",
        nargs="+",
        default=["threads", "processes:2"],
        help="jingji --runner values, ':N' for --workers N (default: threads processes:2)",
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/jingji-bench"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--max-minutes", type=float, default=25.0, help="do not start a run estimated longer")
    parser.add_argument("--budget-minutes", type=float, default=45.0, help="cut repeats of one size+runner to fit")
    parser.add_argument("--jieba-repeats", type=int, help="passes of the jieba baseline (default: --repeats)")
    parser.add_argument(
        "--new-file-repeats", type=int, default=3, help="one-new-file ingests after each end-to-end run (medians)"
    )
    parser.add_argument("--stage-articles", type=int, default=1000)
    parser.add_argument("--profile-articles", type=int, default=200)
    parser.add_argument("--skip", nargs="*", default=[], choices=["e2e", "direct", "stages", "jieba", "profile"])
    # internal: the modes run in their own subprocesses
    parser.add_argument("--_direct", nargs=3, metavar=("INBOX", "WAREHOUSE", "RUNNER"), help=argparse.SUPPRESS)
    parser.add_argument("--_stages", nargs=2, metavar=("INBOX", "N"), help=argparse.SUPPRESS)
    parser.add_argument("--_jieba", nargs=2, metavar=("INBOX", "REPEATS"), help=argparse.SUPPRESS)
    parser.add_argument("--_profile", nargs=3, metavar=("INBOX", "N", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--_grow", nargs=3, metavar=("SOURCE", "INBOX", "TARGET"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args._direct:
        print(json.dumps(direct_run(Path(args._direct[0]), Path(args._direct[1]), args._direct[2])))
        return
    if args._stages:
        print(json.dumps(stage_run(Path(args._stages[0]), int(args._stages[1]))))
        return
    if args._jieba:
        print(json.dumps(jieba_run(Path(args._jieba[0]), int(args._jieba[1]))))
        return
    if args._grow:
        print(json.dumps(grow_run(Path(args._grow[0]), Path(args._grow[1]), Path(args._grow[2]))))
        return
    if args._profile:
        print(json.dumps(profile_run(Path(args._profile[0]), int(args._profile[1]), Path(args._profile[2]))))
        return
    run_benchmark(args)


def log(msg: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {msg}", file=sys.stderr, flush=True)


def run_benchmark(args: argparse.Namespace) -> None:
    work: Path = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    out_json = work / "results.json"
    # Figures of earlier invocations (other sizes, say) are kept and merged.
    results: dict[str, Any] = json.loads(out_json.read_text()) if out_json.exists() else {"sizes": {}}
    results.setdefault("commands", []).append(" ".join([".venv/bin/python", "bench/run.py", *sys.argv[1:]]))
    results.update(started=datetime.now(UTC).isoformat(timespec="seconds"), machine=machine(), git=git_state())

    def save() -> None:
        out_json.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str))
        (work / "summary.md").write_text(summary(results))

    env = prefect_env(work)
    if "e2e" not in args.skip:
        # First start of a temporary server migrates its new database: not part of any figure.
        empty = work / "inbox-empty"
        empty.mkdir(exist_ok=True)
        log("warm-up: first Prefect start (database migration)")
        results["warmup"] = ingest(empty, work / "wh-warmup", "threads", env)
        results["startup_empty_inbox"] = [ingest(empty, work / "wh-warmup", "threads", env) for _ in range(2)]
        save()

    for n in args.sizes:
        inbox = corpus(work, n, args.seed)
        files = inbox_files(inbox)
        size: dict[str, Any] = results["sizes"].setdefault(str(n), {})
        size.update(articles=len(files), input_mb=round(sum(f.stat().st_size for f in files) / MB, 3))
        log(f"size {n}: {size['input_mb']} MB of input")

        if "jieba" not in args.skip:
            log("jieba.lcut baseline")
            size["jieba"] = measure(sub("jieba", str(inbox), str(args.jieba_repeats or args.repeats)))
            save()
        if "stages" not in args.skip and "stages" not in results:
            k = min(n, args.stage_articles)
            log(f"stage profile over {k} articles")
            results["stages"] = measure(sub("stages", str(inbox), str(k)))
            save()
        if "profile" not in args.skip and "profile" not in results:
            log(f"cProfile over {args.profile_articles} articles")
            prof = work / "process.prof"
            results["profile"] = measure(sub("profile", str(inbox), str(args.profile_articles), str(prof)))
            save()

        for runner in args.runners:
            for kind in ("e2e", "direct"):
                if kind in args.skip:
                    continue
                key = f"{kind}:{runner}"
                estimate = estimate_wall(results, kind, runner, n)
                if estimate and estimate > args.max_minutes * 60:
                    log(f"{key} at {n}: estimated {estimate / 60:.1f} min > {args.max_minutes} min, not run")
                    size[key] = {"skipped": True, "estimated_wall_s": round(estimate, 1)}
                    save()
                    if kind == "e2e":
                        size[f"grown:{runner}"] = incremental_on_grown(results, work, inbox, n, runner, env, args)
                        save()
                    continue
                repeats = args.repeats
                if estimate:
                    repeats = max(1, min(repeats, int(args.budget_minutes * 60 // estimate)))
                runs = []
                for r in range(repeats):
                    warehouse = work / f"wh-{n}-{kind}-{runner.replace(':', '')}"
                    shutil.rmtree(warehouse, ignore_errors=True)
                    log(f"{key} at {n}, repeat {r + 1}/{repeats}" + (f" (est. {estimate:.0f} s)" if estimate else ""))
                    if kind == "e2e":
                        run = ingest(inbox, warehouse, runner, env)
                        log(f"  wall {run['wall']} s, peak RSS tree {run['peak_rss_tree_mb']} MB")
                        run.update(incremental_runs(inbox, warehouse, runner, env, n + r * args.new_file_repeats, args))
                    else:
                        run = measure(sub("direct", str(inbox), str(warehouse), runner))
                        log(f"  wall {run['wall']} s")
                    runs.append(run)
                    size[key] = aggregate(runs, size, kind)
                    save()
    results["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    save()
    log(f"done: {work / 'summary.md'}")


def incremental_on_grown(
    results: dict[str, Any], work: Path, inbox: Path, n: int, runner: str, env: dict[str, str], args: argparse.Namespace
) -> dict[str, Any]:
    """Nothing new, then one new file, into a warehouse of ``n`` articles grown from a smaller measured one."""
    smaller = [int(m) for m, s in results["sizes"].items() if int(m) < n and s.get(f"e2e:{runner}", {}).get("wall_s")]
    source = work / f"wh-{max(smaller)}-e2e-{runner.replace(':', '')}" if smaller else None
    if source is None or not source.exists():
        return {"skipped": True, "why": "no smaller end-to-end warehouse to grow from"}
    target = work / f"wh-{n}-grown-{runner.replace(':', '')}"
    log(f"growing {source.name} into {target.name} ({n} articles)")
    grown = measure(sub("grow", str(source), str(inbox), str(target)))
    out: dict[str, Any] = {"grow": grown, "source": source.name}
    runs = []
    for r in range(args.repeats):
        runs.append(incremental_runs(inbox, target, runner, env, n + r * args.new_file_repeats, args))
    out.update(incremental_medians(runs))
    out["runs"] = runs
    return out


def incremental_runs(
    inbox: Path, warehouse: Path, runner: str, env: dict[str, str], first: int, args: argparse.Namespace
) -> dict[str, Any]:
    """After a load: one ingest with nothing new, then ``--new-file-repeats`` ingests of one new article each
    (a different article every time, numbered from ``first``), each file removed from the inbox after its run."""
    out: dict[str, Any] = {"nothing_new": ingest(inbox, warehouse, runner, env), "one_new_runs": []}
    for k in range(first, first + args.new_file_repeats):
        new = one_new_file(inbox, k, args.seed)
        try:
            out["one_new_runs"].append(ingest(inbox, warehouse, runner, env))
        finally:
            new.unlink()
            with contextlib.suppress(OSError):
                new.parent.rmdir()
    log(
        f"  nothing new: wall {out['nothing_new']['wall']} s; one new file: wall "
        + ", ".join(str(x["wall"]) for x in out["one_new_runs"])
        + " s, in-flow "
        + ", ".join(str(x["seconds"].get("total")) for x in out["one_new_runs"])
        + " s"
    )
    return out


def incremental_medians(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians of the nothing-new runs and of every one-new-file run (all repeats together)."""
    out: dict[str, Any] = {}
    for sub_key, subs in (
        ("nothing_new", [r["nothing_new"] for r in runs if "nothing_new" in r]),
        ("one_new", [x for r in runs for x in r.get("one_new_runs", [])]),
    ):
        skeys = sorted({k for x in subs for k in x["seconds"]})
        out[sub_key] = {
            "runs": len(subs),
            "wall_s": med([x["wall"] for x in subs]),
            "cpu_s": med([x.get("cpu_s") for x in subs]),
            "seconds_median": {k: med([x["seconds"].get(k) for x in subs]) for k in skeys},
            "files_new": [x["files_new"] for x in subs],
        }
    return out


def estimate_wall(results: dict[str, Any], kind: str, runner: str, n: int) -> float | None:
    """Wall time of a run at ``n`` articles, scaled from the largest smaller size measured (fixed start-up kept)."""
    measured = [
        (int(m), s[f"{kind}:{runner}"])
        for m, s in results["sizes"].items()
        if int(m) < n and s.get(f"{kind}:{runner}", {}).get("wall_s")
    ]
    if not measured:
        return None
    m, agg = max(measured)
    startup = results.get("startup_empty_inbox") or []
    fixed = statistics.median(r["wall"] for r in startup) if kind == "e2e" and startup else 5.0
    return fixed + (agg["wall_s"] - fixed) * n / m


def aggregate(runs: list[dict[str, Any]], size: dict[str, Any], kind: str) -> dict[str, Any]:
    """Medians over repeats, with every run kept."""
    mb, n = size["input_mb"], size["articles"]

    def secs(run: dict[str, Any]) -> dict[str, float]:
        if kind == "direct":
            return (run.get("result") or {}).get("seconds", {})
        return run.get("seconds", {})

    keys = sorted({k for r in runs for k in secs(r)})
    wall = med([r["wall"] for r in runs])
    agg: dict[str, Any] = {
        "repeats": len(runs),
        "wall_s": wall,
        "input_mb_per_s": round(mb / wall, 4) if wall else None,
        "articles_per_s": round(n / wall, 2) if wall else None,
        "cpu_s": med([r.get("cpu_s") for r in runs]),
        "seconds_median": {k: med([secs(r).get(k) for r in runs]) for k in keys},
        "peak_rss_tree_mb": med([r["peak_rss_tree_mb"] for r in runs]),
        "peak_rss_main_mb": med([r["peak_rss_main_mb"] for r in runs]),
        "peak_rss_single_mb": med([r["peak_rss_single_mb"] for r in runs]),
        "runs": runs,
    }
    if kind == "e2e":
        agg.update(incremental_medians(runs))
    return agg


def machine() -> dict[str, Any]:
    cpu = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 1e9, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg_at_start": os.getloadavg(),
    }


def git_state() -> dict[str, str]:
    def git(*a: str) -> str:
        try:
            return subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()
        except OSError:
            return "?"

    dirty = git("status", "--porcelain").splitlines()
    return {"commit": git("rev-parse", "--short", "HEAD"), "dirty_files": len(dirty)}


# --- summary -----------------------------------------------------------------------------


def summary(results: dict[str, Any]) -> str:
    lines = [
        f"# benchmark {results['started']}",
        "",
        *[f"`{c}`" for c in results["commands"]],
        "",
        f"machine: {results['machine']}",
        f"git: {results['git']}",
        "",
    ]
    if "startup_empty_inbox" in results:
        runs = results["startup_empty_inbox"]
        lines.append(
            f"Prefect start-up (empty inbox): wall {[r['wall'] for r in runs]} s, "
            f"CPU {[r.get('cpu_s') for r in runs]} s"
        )
    if "stages" in results and results["stages"].get("result"):
        st = results["stages"]["result"]
        lines += [
            "",
            f"## stages over {st['articles']} articles ({st['input_mb']} MB), one process, CPU seconds",
            "",
            f"process total {st['process_total_s']} CPU s ({st['process_total_wall_s']} s wall; unwrapped "
            f"{st['process_unwrapped_s']} s = {st['mb_per_cpu_s']} MB per CPU-s); "
            f"first call {st['cold_first_call_s']} s",
            "",
            "| stage | CPU s | share |",
            "|---|---|---|",
        ]
        total = st["process_total_s"]
        lines += [f"| {k} | {v} | {100 * v / total:.1f} % |" for k, v in st["stages_s"].items()]
        if "per_article_cpu_s" in st:
            lines += ["", f"per article, CPU s: {st['per_article_cpu_s']}; slowest: {st['slowest_articles'][:5]}"]
    if "profile" in results and results["profile"].get("result"):
        pr = results["profile"]["result"]
        lines += ["", f"## own time by file, cProfile over {pr['articles']} articles ({pr['cpu_s']} CPU s)", ""]
        lines += [f"- {f}: {s} s" for f, s in pr["own_time_by_file"][:15]]
        if "pyinstrument_own_time_by_file" in pr:
            lines += ["", f"## own time by file, pyinstrument ({pr['pyinstrument_wall_s']} s sampled)", ""]
            lines += [f"- {f}: {s} s" for f, s in pr["pyinstrument_own_time_by_file"][:15]]
    for n, size in results["sizes"].items():
        lines += ["", f"## {n} articles, {size['input_mb']} MB", ""]
        jb = (size.get("jieba") or {}).get("result")
        if jb:
            lines.append(
                f"jieba.lcut alone, one process: {jb['lcut_median_s']} CPU s = {jb['lcut_input_mb_per_s']} MB of input "
                f"per CPU-s ({jb['lcut_utf8_mb_per_s']} MB UTF-8); wall {jb['lcut_input_mb_per_wall_s']} MB/s"
            )
        lines += [
            "",
            "| run | n | wall s | MB/s wall | art./s | CPU s | MB per CPU-s | ×jieba wall / CPU "
            "| peak RSS tree / main MB | report seconds |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for key, agg in size.items():
            if isinstance(agg, dict) and key.startswith("grown") and not agg.get("skipped"):
                grow = (agg["grow"].get("result") or {}).get("setup_seconds")
                lines.append(f"| {key} (from {agg['source']}; set-up {grow}) | | | | | | | | | |")
                lines += [_incremental_row(key, sub_key, agg[sub_key]) for sub_key in ("nothing_new", "one_new")]
                continue
            if not isinstance(agg, dict) or not key.startswith(("e2e", "direct")):
                continue
            if agg.get("skipped"):
                lines.append(f"| {key} | 0 | est. {agg['estimated_wall_s']} | | | | | | | not run |")
                continue
            mb = size["input_mb"]
            per_cpu = round(mb / agg["cpu_s"], 4) if agg.get("cpu_s") else None
            ratio = ""
            if jb and agg["input_mb_per_s"]:
                ratio = f"{agg['input_mb_per_s'] / jb['lcut_input_mb_per_wall_s']:.3f}"
                ratio += f" / {per_cpu / jb['lcut_input_mb_per_s']:.3f}" if per_cpu else ""
            lines.append(
                f"| {key} | {agg['repeats']} | {agg['wall_s']} | {agg['input_mb_per_s']} | {agg['articles_per_s']} "
                f"| {agg.get('cpu_s')} | {per_cpu} | {ratio} | {agg['peak_rss_tree_mb']} / {agg['peak_rss_main_mb']} "
                f"| {agg['seconds_median']} |"
            )
            lines += [_incremental_row(key, k, agg[k]) for k in ("nothing_new", "one_new") if k in agg]
    return "\n".join(lines) + "\n"


def _incremental_row(key: str, sub_key: str, s: dict[str, Any]) -> str:
    """A summary row of the nothing-new or one-new-file runs after a load (``n`` is how many were run)."""
    runs, wall, cpu, seconds = s.get("runs", ""), s["wall_s"], s.get("cpu_s"), s["seconds_median"]
    return f"| {key} {sub_key} | {runs} | {wall} | | | {cpu} | | | | {seconds} |"


if __name__ == "__main__":
    main()
