"""Real processes at once: two ingests on one warehouse, and queries while an ingest writes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SAMPLES

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]
JINGJI = str(Path(sys.executable).with_name("jingji"))


def _distinct_articles(inbox: Path, count: int) -> None:
    """``count`` files with distinct content, from the sample articles."""
    articles = sorted((SAMPLES / "articles").glob("*.txt"))
    inbox.mkdir(parents=True)
    for i in range(count):
        text = articles[i % len(articles)].read_text(encoding="utf-8")
        (inbox / f"article-{i:03d}.txt").write_text(f"{text}\n（第{i}稿）\n", encoding="utf-8")


def _env(tmp_path: Path, name: str) -> dict[str, str]:
    return {**os.environ, "PREFECT_HOME": str(tmp_path / f"prefect-{name}")}


def test_two_ingests_at_once_load_every_file_exactly_once(tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    _distinct_articles(inbox, 24)
    cmd = [JINGJI, "ingest", "--inbox", str(inbox), "--warehouse", str(warehouse), "--skip-models", "--batch-size", "4"]
    first = subprocess.Popen(cmd, env=_env(tmp_path, "a"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(cmd, env=_env(tmp_path, "b"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = [p.communicate(timeout=400) for p in (first, second)]
    codes = sorted(p.returncode for p in (first, second))
    assert codes in ([0, 0], [0, 75]), results
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone() == (24, 24)
        loaded = con.execute("SELECT count(*) FROM receipts WHERE outcome = 'loaded'").fetchone()[0]
        assert loaded == 24  # the second run found everything already loaded
        statuses = [s for (s,) in con.execute("SELECT status FROM runs").fetchall()]
    assert statuses.count("completed") == codes.count(0)
    loaded_lines = [out for out, _ in results if "loaded 24 documents" in out]
    assert len(loaded_lines) == 1, results


def test_queries_during_an_ingest_wait_and_see_whole_batches(tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    _distinct_articles(inbox, 40)
    ingest = subprocess.Popen(
        [JINGJI, "ingest", "--inbox", str(inbox), "--warehouse", str(warehouse), "--skip-models", "--batch-size", "5"],
        env=_env(tmp_path, "ingest"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    counts = []
    try:
        while ingest.poll() is None:
            if not (warehouse / "warehouse.duckdb").exists():
                time.sleep(0.2)
                continue
            query = subprocess.run(
                [JINGJI, "sql", "SELECT count(*) FROM documents", "--warehouse", str(warehouse), "--format", "csv"],
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert query.returncode == 0, query.stderr  # waits for the writer, never a raw lock error
            assert "Traceback" not in query.stderr and "IO Error" not in query.stderr
            counts.append(int(query.stdout.splitlines()[1]))
    finally:
        _out, err = ingest.communicate(timeout=300)
    assert ingest.returncode == 0, err
    assert counts, "no query ran while the ingest did"
    assert counts == sorted(counts)  # never a row lost or un-committed
    assert all(c % 5 == 0 for c in counts)  # a reader sees whole batches (one transaction each), never half
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 40
