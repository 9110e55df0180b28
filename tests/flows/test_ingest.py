"""The ingest flow end to end: a real Prefect server, real DuckDB, real Parquet files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from flows.cli import main as jingji
from flows.ingest import ingest_flow
from tests.conftest import write_files
from warehouse.paths import WarehousePaths

pytestmark = pytest.mark.usefixtures("prefect_harness")

ARTICLE = "芜湖市前三季度地区生产总值3520亿元，同比增长6.1%。\n新签约亿元以上项目86个，总投资720亿元。\n"
ARTICLE_TRAD = "綿陽市前三季度地區生產總值2810億元，同比增長6.3%。\n"


def _inbox(tmp_path: Path) -> Path:
    return write_files(
        tmp_path / "inbox",
        {
            "utf8.txt": ARTICLE.encode("utf-8"),
            "sub/dir/gbk.txt": ARTICLE.replace("芜湖", "襄阳").encode("gbk"),
            "big5.txt": ARTICLE_TRAD.encode("big5"),
            "utf16.txt": ARTICLE.replace("芜湖", "株洲").encode("utf-16"),
            "empty.txt": b"",
            "scan.txt": b"%PDF-1.4\n" + bytes(range(256)) * 4,
            "zz-copy.txt": ARTICLE.encode("utf-8"),  # same bytes, another name
            "partial.txt.part": b"still downloading",
        },
    )


def _query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_first_run_loads_documents_and_quarantines_bad_files(tmp_path: Path) -> None:
    inbox, warehouse = _inbox(tmp_path), tmp_path / "wh"
    report = ingest_flow(inbox=str(inbox), warehouse=str(warehouse))

    assert report["files_seen"] == 7  # the .part file is not seen
    assert report["documents_loaded"] == 4
    assert report["files_duplicate"] == 1
    assert report["files_quarantined"] == 2
    docs = dict(_query(warehouse, "SELECT source_path, encoding FROM documents"))
    assert docs == {"utf8.txt": "utf-8", "sub/dir/gbk.txt": "gb18030", "big5.txt": "big5hkscs", "utf16.txt": "utf-16"}
    texts = dict(_query(warehouse, "SELECT source_path, text_raw FROM documents"))
    assert texts["big5.txt"] == ARTICLE_TRAD and texts["sub/dir/gbk.txt"] == ARTICLE.replace("芜湖", "襄阳")
    quarantine = dict(_query(warehouse, "SELECT source_path, reason FROM quarantine"))
    assert quarantine == {"empty.txt": "empty", "scan.txt": "binary"}
    scripts = dict(_query(warehouse, "SELECT source_path, script FROM documents"))
    assert scripts["big5.txt"] == "traditional" and scripts["utf8.txt"] == "simplified"

    # Every received byte is archived, bad files too.
    paths = WarehousePaths(warehouse)
    for (sha,) in _query(warehouse, "SELECT doc_id FROM documents UNION ALL SELECT sha256 FROM quarantine"):
        assert paths.raw_file(sha).is_file()

    # The ledger says what happened.
    runs = _query(warehouse, "SELECT status, files_seen, files_new, files_quarantined FROM runs")
    assert runs == [("completed", 7, 6, 2)]
    outcomes = dict(_query(warehouse, "SELECT outcome, count(*) FROM receipts GROUP BY ALL"))
    assert outcomes == {"loaded": 4, "quarantined": 2, "duplicate": 1}

    # The models ran after the load, their tests passed, and the derived tables are filled.
    assert report["models"].startswith("dbt build:") and " 0 failed, 0 errored" in report["models"]
    assert _query(warehouse, "SELECT count(*) FROM search_documents") == [(4,)]
    assert _query(warehouse, "SELECT count(*) FROM source_quality") >= [(1,)]

    # Staged Parquet opens without DuckDB and holds the same rows.
    files = sorted((warehouse / "parquet" / "documents").rglob("*.parquet"))
    assert files and sum(pq.read_table(f).num_rows for f in files) == 4


def test_second_run_loads_nothing_and_touch_does_not_reload(tmp_path: Path) -> None:
    inbox, warehouse = _inbox(tmp_path), tmp_path / "wh"
    ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    (inbox / "utf8.txt").touch()
    again = ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    assert again["files_new"] == 0 and again["files_skipped"] == 7
    assert again["documents_loaded"] == 0 and again["files_quarantined"] == 0
    assert _query(warehouse, "SELECT count(*) FROM documents") == [(4,)]
    assert _query(warehouse, "SELECT count(*) FROM quarantine") == [(2,)]


def test_changed_file_is_a_new_document_and_the_old_one_stays(tmp_path: Path) -> None:
    inbox, warehouse = _inbox(tmp_path), tmp_path / "wh"
    ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    (inbox / "utf8.txt").write_text(ARTICLE + "（来源：芜湖日报）\n", encoding="utf-8")
    report = ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    assert report["documents_loaded"] == 1
    rows = _query(warehouse, "SELECT count(*), count(DISTINCT doc_id) FROM documents WHERE source_path = 'utf8.txt'")
    assert rows == [(2, 2)]


def test_quarantine_does_not_stop_the_run_and_small_batches_commit_separately(tmp_path: Path) -> None:
    inbox, warehouse = _inbox(tmp_path), tmp_path / "wh"
    report = ingest_flow(inbox=str(inbox), warehouse=str(warehouse), batch_size=2, run_models=False)
    assert report["documents_loaded"] == 4 and report["files_quarantined"] == 2
    assert _query(warehouse, "SELECT count(*) FROM staged_files WHERE table_name = 'documents'") >= [(2,)]


def test_orphan_parquet_from_a_crashed_run_is_removed(tmp_path: Path) -> None:
    inbox, warehouse = _inbox(tmp_path), tmp_path / "wh"
    ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    orphan = warehouse / "parquet" / "documents" / "run=crashed" / "part-00000.parquet"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"PAR1 half written")
    report = ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    assert not orphan.exists()
    assert any("parquet/documents/run=crashed/part-00000.parquet" in h for h in report["housekeeping"])


def test_seeds_load_with_text_raw_equal_to_the_file(tmp_path: Path, seeds_dir: Path) -> None:
    warehouse = tmp_path / "wh"
    report = ingest_flow(inbox=str(seeds_dir), warehouse=str(warehouse), run_models=False)
    assert report["documents_loaded"] == 5
    for path, text_raw in _query(warehouse, "SELECT source_path, text_raw FROM documents"):
        assert text_raw == (seeds_dir / path).read_bytes().decode("utf-8")


def test_cli_ingest_and_sql_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbox, warehouse = _inbox(tmp_path), tmp_path / "wh"
    assert jingji(["ingest", "--inbox", str(inbox), "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert "loaded 4 documents" in out and "quarantined scan.txt: binary" in out

    sql = "SELECT source_path, encoding FROM documents ORDER BY source_path"
    assert jingji(["sql", sql, "--warehouse", str(warehouse), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0] == {"source_path": "big5.txt", "encoding": "big5hkscs"}

    assert jingji(["sql", sql, "--warehouse", str(warehouse), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == ["source_path,encoding", "big5.txt,big5hkscs"]

    assert jingji(["sql", sql, "--warehouse", str(warehouse)]) == 0
    assert "utf16.txt" in capsys.readouterr().out

    # Read-only: writes are refused with a message, not a traceback.
    assert jingji(["sql", "DELETE FROM documents", "--warehouse", str(warehouse)]) == 1
    assert "read-only" in capsys.readouterr().err.lower()
    assert _query(warehouse, "SELECT count(*) FROM documents") == [(4,)]


def test_cli_reports_a_missing_inbox(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert jingji(["ingest", "--inbox", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "wh")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_a_file_still_being_written_waits_for_the_next_run(tmp_path: Path) -> None:
    import threading
    import time

    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    inbox.mkdir()
    growing = inbox / "growing.txt"
    growing.write_bytes(ARTICLE.encode("utf-8")[:30])
    stop = threading.Event()

    def keep_writing() -> None:  # a slow download: a few bytes every 0.3 s
        data = ARTICLE.encode("utf-8")
        for end in range(30, len(data), 3):
            if stop.wait(0.3):
                return
            growing.write_bytes(data[:end])

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        time.sleep(0.5)
        report = ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    finally:
        stop.set()
        writer.join()
    assert report["documents_loaded"] == 0
    assert report["ignored"] == ["growing.txt (still being written)"]

    growing.write_bytes(ARTICLE.encode("utf-8"))
    time.sleep(2.1)
    report = ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    assert report["documents_loaded"] == 1
    assert _query(warehouse, "SELECT text_raw FROM documents") == [(ARTICLE,)]


def test_a_transform_failure_quarantines_that_file_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.tasks
    from flows.rebuild import rebuild_flow

    inbox = write_files(
        tmp_path / "inbox", {"good.txt": ARTICLE.encode("utf-8"), "bad.txt": ARTICLE.replace("芜湖", "襄阳").encode()}
    )
    warehouse = tmp_path / "wh"
    real = flows.tasks.process

    def failing(raw: bytes, name: str):  # a transform bug that only this file triggers
        if name == "bad.txt":
            raise KeyError("某个字")
        return real(raw, name)

    monkeypatch.setattr(flows.tasks, "process", failing)
    report = ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    assert report["status"] == "completed" and report["documents_loaded"] == 1 and report["files_quarantined"] == 1
    ((path, reason, detail),) = _query(warehouse, "SELECT source_path, reason, detail FROM quarantine")
    assert (path, reason) == ("bad.txt", "error")
    assert "KeyError: '某个字'" in detail and "jingji rebuild" in detail and detail.endswith(".")
    assert ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)["files_new"] == 0

    monkeypatch.undo()  # the bug fixed: a rebuild loads the file from the archive, as the detail says
    rebuild_flow(warehouse=str(warehouse), run_models=False)
    assert _query(warehouse, "SELECT count(*) FROM documents") == [(2,)]
    assert _query(warehouse, "SELECT count(*) FROM quarantine") == [(0,)]


def test_a_file_over_the_size_limit_is_archived_and_quarantined_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.tasks
    from flows.rebuild import rebuild_flow

    big = (ARTICLE * 40).encode("utf-8")  # ~4 KB
    inbox = write_files(tmp_path / "inbox", {"small.txt": ARTICLE.replace("芜湖", "襄阳").encode(), "big.txt": big})
    warehouse = tmp_path / "wh"
    monkeypatch.setenv("JINGJI_MAX_FILE_MB", "0.002")  # 2,097 bytes
    read = []
    real_read = flows.tasks.read_archived
    monkeypatch.setattr(flows.tasks, "read_archived", lambda p, sha: read.append(sha) or real_read(p, sha))
    report = ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    assert report["status"] == "completed" and report["documents_loaded"] == 1
    ((reason, detail, size),) = _query(warehouse, "SELECT reason, detail, size_bytes FROM quarantine")
    assert reason == "too_large" and size == len(big) and len(read) == 1  # big.txt was never read back
    assert "0.002 MB limit" in detail and "JINGJI_MAX_FILE_MB above 1 " in detail and detail.endswith(".")
    paths = WarehousePaths(warehouse)
    assert paths.raw_file(_query(warehouse, "SELECT sha256 FROM quarantine")[0][0]).read_bytes() == big

    monkeypatch.undo()  # the default limit (20 MB), then a rebuild, as the detail says
    rebuild_flow(warehouse=str(warehouse), run_models=False)
    assert _query(warehouse, "SELECT count(*) FROM documents") == [(2,)]


def test_a_killed_run_is_marked_interrupted_by_the_next(tmp_path: Path) -> None:
    from datetime import datetime

    from warehouse import db

    inbox, warehouse = _inbox(tmp_path), tmp_path / "wh"
    paths = WarehousePaths(warehouse)
    dead = {"run_id": "dead", "flow": "ingest", "started_at": datetime(2026, 1, 1), "status": "running"}
    db.record_run(paths, dead)
    tmp = paths.raw / "ab" / ".tmp-half.bin"  # an archive write the dead run never finished
    tmp.parent.mkdir(parents=True)
    tmp.write_bytes(b"half")
    os.utime(tmp, (1e9, 1e9))
    report = ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    assert _query(warehouse, "SELECT run_id, status, finished_at IS NOT NULL FROM runs ORDER BY started_at") == [
        ("dead", "interrupted", True),
        (report["run_id"], "completed", True),
    ]
    assert not tmp.exists()
    assert any("interrupted" in h for h in report["housekeeping"])
    assert any("ab/.tmp-half.bin" in h for h in report["housekeeping"])
