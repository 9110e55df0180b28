"""jingji watch, as a user runs it: a real process that ingests what is dropped, until interrupted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.flows.test_ingest import ARTICLE, ARTICLE_TRAD

pytestmark = pytest.mark.slow


def _documents(warehouse: Path) -> int:
    try:
        with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    except duckdb.Error:  # not created yet, or the writer holds it this instant
        return -1


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


@pytest.mark.timeout(300)
def test_watch_ingests_dropped_files_in_batches(tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    inbox.mkdir()
    (inbox / "waiting.txt").write_text(ARTICLE, encoding="utf-8")
    jingji = Path(sys.executable).with_name("jingji")
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home")}
    watcher = subprocess.Popen(
        [str(jingji), "watch", "--inbox", str(inbox), "--warehouse", str(warehouse), "--skip-models"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = _wait_for(lambda: _documents(warehouse) == 1, 180)
        (inbox / "dropped-1.txt").write_text(ARTICLE.replace("芜湖", "株洲"), encoding="utf-8")
        (inbox / "dropped-2.txt").write_bytes(ARTICLE_TRAD.encode("big5"))
        (inbox / "dropped-3.txt.part").write_text("a download in progress", encoding="utf-8")
        dropped = first and _wait_for(lambda: _documents(warehouse) == 3, 120)
    finally:
        watcher.send_signal(signal.SIGINT)
        out, err = watcher.communicate(timeout=60)
    assert first, f"the file waiting at start was not ingested\n{out}\n{err[-3000:]}"
    assert dropped, f"dropped files were not ingested\n{out}\n{err[-3000:]}"
    assert watcher.returncode == 0, err[-2000:]
    # Two drops close together were one run, not one per file.
    assert out.count("ingest ") == 2, out
    assert "Traceback" not in err
