"""The fault suite's tools: real ``jingji`` processes, inboxes we write ourselves, and the warehouse's invariants.

Every subprocess talks to the session's Prefect test server (``prefect_harness``)
instead of starting its own temporary one, which saves ~7 s per process and
leaves no server behind when a test SIGKILLs the process.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import psutil
import pyarrow.parquet as pq
import pytest

ROOT = Path(__file__).resolve().parents[2]
FAULTPOINT = Path(__file__).with_name("faultpoint.py")
JINGJI = Path(sys.executable).with_name("jingji")

CITIES = ("芜湖市", "襄阳市", "株洲市", "绵阳市", "武进区", "晋江市", "神木市", "仁怀市", "南康区", "长葛市", "海宁市", "顺德区")  # fmt: skip  # noqa: E501
CODECS = ("utf-8", "gb18030", "utf-16", "utf-8-sig")


def article(i: int) -> str:
    """A short, distinct regional-economy brief (title, source line, two figures and a project)."""
    city = CITIES[i % len(CITIES)]
    return (
        f"{city}经济运行简报第{i}期\n"
        f"来源：{city[:2]}日报\n"
        f"{city}前三季度实现地区生产总值{1000 + 37 * i}亿元，同比增长{i % 9 + 1}.{i % 10}%。\n"
        f"规模以上工业增加值增长{i % 7 + 3}.{(i + 3) % 10}%，新签约亿元以上项目{10 + i}个，总投资{200 + 11 * i}亿元。\n"
    )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_inbox(inbox: Path, files: dict[str, bytes]) -> dict[str, bytes]:
    for rel, data in files.items():
        path = inbox / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    # Older than discovery's settle time, so no run waits for these to stop growing.
    old = time.time() - 60
    for rel in files:
        os.utime(inbox / rel, (old, old))
    return files


def standard_inbox(inbox: Path, articles: int = 12) -> dict[str, bytes]:
    """``articles`` briefs in four encodings, an empty file, a binary one and a same-bytes copy."""
    files = {f"article-{i:02d}.txt": article(i).encode(CODECS[i % len(CODECS)]) for i in range(articles)}
    files["empty.txt"] = b""
    files["scan.txt"] = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    files["zz-copy.txt"] = files["article-00.txt"]
    return write_inbox(inbox, files)


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def staged_table_names() -> list[str]:
    from warehouse.schema import STAGED_TABLES

    return [t.name for t in STAGED_TABLES]


def assert_loaded_once(warehouse: Path, files: dict[str, bytes], *, absent: tuple[str, ...] = ()) -> None:
    """Every file's content is a document or a quarantine row exactly once, and the ledger and lake agree.

    ``absent``: names expected not to be loaded (ignored by discovery).
    """
    expected = {sha256(data) for rel, data in files.items() if rel not in absent}
    docs = [d for (d,) in query(warehouse, "SELECT doc_id FROM documents")]
    held = [s for (s,) in query(warehouse, "SELECT sha256 FROM quarantine")]
    assert len(docs) == len(set(docs)), "a document was loaded twice"
    assert len(held) == len(set(held)), "a file was quarantined twice"
    assert not set(docs) & set(held), "a file is both loaded and quarantined"
    assert set(docs) | set(held) == expected, "files lost or foreign content loaded"

    # One receipt per content from the ingest that received it (a rebuild records its own too).
    outcomes = query(
        warehouse,
        "SELECT sha256, outcome FROM receipts WHERE outcome IN ('loaded', 'quarantined') "
        "AND run_id NOT IN (SELECT run_id FROM runs WHERE flow = 'rebuild')",
    )
    assert Counter(s for s, _ in outcomes) == Counter(expected), "receipts do not match the files"
    assert {s for s, o in outcomes if o == "loaded"} == set(docs)

    # The lake: staged_files is exactly the Parquet on disk, and its row counts are the tables'.
    committed = dict(query(warehouse, "SELECT path, table_name FROM staged_files"))
    on_disk = {p.relative_to(warehouse).as_posix() for p in (warehouse / "parquet").rglob("*") if p.is_file()}
    assert on_disk == set(committed), f"orphans {on_disk - set(committed)}, missing {set(committed) - on_disk}"
    for table in staged_table_names():
        in_lake = query(warehouse, "SELECT coalesce(sum(row_count), 0) FROM staged_files WHERE table_name = ?", [table])
        assert in_lake == query(warehouse, f'SELECT count(*) FROM "{table}"'), table
    # A reader without DuckDB that globs the lake sees each document once.
    lake_docs = [
        d for p in sorted((warehouse / "parquet" / "documents").rglob("*.parquet")) for d in pq.read_table(p)["doc_id"]
    ]
    assert sorted(str(d) for d in lake_docs) == sorted(docs)

    # Every byte received is archived as received.
    raw = warehouse / "raw"
    for rel, data in files.items():
        if rel not in absent:
            digest = sha256(data)
            assert (raw / digest[:2] / f"{digest}.bin").read_bytes() == data, rel


def temp_leftovers(warehouse: Path) -> list[str]:
    """Temp files of interrupted atomic writes anywhere in the warehouse."""
    return sorted(p.relative_to(warehouse).as_posix() for p in warehouse.rglob(".tmp-*"))


# --------------------------------------------------------------------------
# real jingji processes


@pytest.fixture(scope="session")
def prefect_api(prefect_harness: None) -> str:
    from prefect.settings import PREFECT_API_URL

    return str(PREFECT_API_URL.value())


@dataclass
class Finished:
    returncode: int
    out: str
    err: str
    seconds: float
    peak_rss_mb: float | None = None


@dataclass
class Jingji:
    """One real ``jingji`` process, optionally with a fault point (see faultpoint.py)."""

    args: list[str]
    workdir: Path
    api: str
    fault: str | None = None
    console_script: bool = False  # run .venv/bin/jingji itself (no fault point possible)
    extra_env: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen | None = None
    started: float = 0.0

    @property
    def marker(self) -> Path:
        return self.workdir / "fault-reached"

    def start(self) -> Jingji:
        self.workdir.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "PREFECT_API_URL": self.api,
            "PREFECT_HOME": str(self.workdir / "prefect-home"),
            "PYTHONPATH": str(ROOT),
            **self.extra_env,
        }
        env.pop("JINGJI_FAULT", None)
        if self.fault:
            env["JINGJI_FAULT"] = self.fault
            env["JINGJI_FAULT_MARKER"] = str(self.marker)
        cmd = [str(JINGJI)] if self.console_script else [sys.executable, str(FAULTPOINT)]
        self._out = open(self.workdir / "stdout", "wb")  # noqa: SIM115 - closed in finish()
        self._err = open(self.workdir / "stderr", "wb")  # noqa: SIM115
        self.started = time.monotonic()
        self.proc = subprocess.Popen([*cmd, *self.args], env=env, cwd=ROOT, stdout=self._out, stderr=self._err)
        _STARTED.append(self)
        return self

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def output(self) -> str:
        return "\n".join(
            f"--- {name}\n" + (self.workdir / name).read_text(errors="replace")[-4000:] for name in ("stdout", "stderr")
        )

    def stopped(self) -> bool:
        try:
            return psutil.Process(self.pid).status() == psutil.STATUS_STOPPED
        except psutil.NoSuchProcess:
            return False

    def wait_for(self, condition, timeout: float = 240, what: str = "the condition") -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if self.proc.poll() is not None:
                raise AssertionError(f"jingji exited ({self.proc.returncode}) before {what}\n{self.output()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no {what} after {timeout} s\n{self.output()}")
            time.sleep(0.02)

    def wait_at_fault(self, timeout: float = 240) -> str:
        """Wait until the process froze itself at its fault point; return the point's name."""
        self.wait_for(lambda: self.marker.exists() and self.stopped(), timeout, f"stop at {self.fault}")
        return self.marker.read_text(encoding="utf-8")

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        self._close()

    def resume(self) -> None:
        os.kill(self.pid, signal.SIGCONT)

    def finish(self, timeout: float = 300) -> Finished:
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"jingji did not finish within {timeout} s\n{self.output()}") from None
        self._close()
        return Finished(
            self.proc.returncode,
            (self.workdir / "stdout").read_text(errors="replace"),
            (self.workdir / "stderr").read_text(errors="replace"),
            time.monotonic() - self.started,
        )

    def _close(self) -> None:
        for f in (self._out, self._err):
            f.close()


_STARTED: list[Jingji] = []


@pytest.fixture(autouse=True, scope="module")
def _no_process_left_behind():
    """SIGKILL (by pid) any jingji this module started and did not reap; SIGKILL also ends a stopped one."""
    yield
    while _STARTED:
        run = _STARTED.pop()
        if run.proc is not None and run.proc.poll() is None:
            os.kill(run.pid, signal.SIGKILL)
            run.proc.wait(timeout=30)


def ingest_args(inbox: Path, warehouse: Path, *more: str) -> list[str]:
    return ["ingest", "--inbox", str(inbox), "--warehouse", str(warehouse), "--skip-models", *more]
