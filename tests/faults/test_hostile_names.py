"""Hostile names and content: odd file names, links out of the inbox, SQL in names and titles.

Every value must round-trip exactly (nothing is assembled into SQL from input),
and nothing outside the inbox is ever read.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from flows.cli import main as jingji
from flows.ingest import ingest_flow
from flows.report import RunReport
from tests.faults.conftest import article, assert_loaded_once, query, sha256, write_inbox
from transforms.pipeline import process

pytestmark = pytest.mark.usefixtures("prefect_harness")

DROP_DOCUMENTS = "'; DROP TABLE documents; --"
DELETE_RUNS = "'); DELETE FROM runs; --"
TITLED = (
    f"## 芜湖{DROP_DOCUMENTS}\n来源：芜湖日报\n"
    + article(0).split("\n", 2)[2]
    + f"记者问：“{DELETE_RUNS}”是什么意思？\n"
)
HOSTILE_NAMES = [
    "北京 市/经济 报告 2024.txt",
    'it\'s a "quoted" name.txt',
    "new\nline.txt",
    "tab\tand\\backslash.txt",
    f"{DROP_DOCUMENTS}.txt",
    "sub..dir/file..txt",
    "$(touch pwned) `id`.txt",
    "%s%n{0}.txt",
    "\u202etxt.exe",  # right-to-left override
    "📈增长.txt",
    "长" * 80 + ".txt",  # 244 bytes, near the 255-byte limit
]


def _tables(warehouse: Path) -> list[str]:
    return sorted(t for (t,) in query(warehouse, "SELECT table_name FROM information_schema.tables"))


@pytest.fixture
def hostile(tmp_path: Path) -> dict:
    """An inbox (itself under a hostile path) of hostile names, links in and out, a FIFO; a secret beside it."""
    root = tmp_path / "收件箱 it's"
    inbox, outside = root / "inbox", root / "outside"
    files = write_inbox(
        inbox,
        {name: article(10 + i).encode("utf-8") for i, name in enumerate(HOSTILE_NAMES)} | {"sql.txt": TITLED.encode()},
    )
    secret = write_inbox(
        outside, {"secret.txt": "机密：外部文件，不得读取。".encode(), "dir/secret2.txt": b"also secret"}
    )
    (inbox / "link-out.txt").symlink_to(outside / "secret.txt")
    (inbox / "link-up.txt").symlink_to(Path("..") / "outside" / "secret.txt")
    (inbox / "link-outdir").symlink_to(outside / "dir", target_is_directory=True)
    (inbox / "dangling.txt").symlink_to(inbox / "nowhere.txt")
    (inbox / "link-in.txt").symlink_to(inbox / HOSTILE_NAMES[0])
    os.mkfifo(inbox / "pipe.txt")  # reading it would block for ever
    (inbox / "..hidden.txt").write_bytes(b"hidden")
    files["link-in.txt"] = files[HOSTILE_NAMES[0]]
    return {"inbox": inbox, "warehouse": root / "wh '; DROP TABLE runs; --", "files": files, "secret": secret}


def test_hostile_names_round_trip_and_nothing_outside_is_read(hostile: dict) -> None:
    inbox, warehouse, files = hostile["inbox"], hostile["warehouse"], hostile["files"]
    report = ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    assert report["status"] == "completed"
    assert report["documents_loaded"] == len(HOSTILE_NAMES) + 1 and report["files_duplicate"] == 1
    assert sorted(report["ignored"]) == sorted(  # a link to a folder is named, never followed
        ["..hidden.txt", "dangling.txt", "link-out.txt", "link-outdir", "link-up.txt", "pipe.txt"]
    )
    assert_loaded_once(warehouse, files)
    RunReport(**report).text()  # the CLI summary prints such names without trouble

    # Names come back exactly as they are on disk, newline and quotes included. The link inside the
    # inbox comes first in path order, so it names the document and its target is the duplicate.
    names = {p for (p,) in query(warehouse, "SELECT source_path FROM documents")}
    assert names == {*HOSTILE_NAMES[1:], "sql.txt", "link-in.txt"}
    received = {p for (p,) in query(warehouse, "SELECT source_path FROM receipts")}
    assert received == {*HOSTILE_NAMES, "sql.txt", "link-in.txt"}

    # Nothing outside the inbox was archived or loaded.
    archived = {p.stem for p in (warehouse / "raw").glob("*/*.bin")}
    for data in hostile["secret"].values():
        assert sha256(data) not in archived

    # SQL in a title or source is a value like any other; every table is still there.
    expected = process(TITLED.encode(), "sql.txt").document
    columns = ("title", "source_name", "text", "text_raw")
    row = query(warehouse, f"SELECT {', '.join(columns)} FROM documents WHERE source_path = 'sql.txt'")[0]
    assert row == tuple(expected[c] for c in columns)
    assert row[0] == f"芜湖{DROP_DOCUMENTS}" and row[-1] == TITLED and DELETE_RUNS in row[-1]
    assert {"documents", "runs", "quarantine", "receipts", "staged_files"} <= set(_tables(warehouse))
    assert query(warehouse, "SELECT count(*) FROM runs") == [(1,)]


def test_the_sql_command_prints_hostile_values_faithfully(hostile: dict, capsys: pytest.CaptureFixture[str]) -> None:
    inbox, warehouse = hostile["inbox"], hostile["warehouse"]
    ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    capsys.readouterr()
    sql = "SELECT source_path, title FROM documents ORDER BY source_path"
    assert jingji(["sql", sql, "--warehouse", str(warehouse), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == [{"source_path": p, "title": t} for p, t in query(warehouse, sql)]
    assert jingji(["sql", sql, "--warehouse", str(warehouse)]) == 0  # table format: one line per row
    assert "new ⏎ line.txt" in capsys.readouterr().out


def test_a_symlink_loop_is_ignored(tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    files = write_inbox(inbox, {"good.txt": article(1).encode()})
    (inbox / "loop-a.txt").symlink_to(inbox / "loop-b.txt")
    (inbox / "loop-b.txt").symlink_to(inbox / "loop-a.txt")
    report = ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    assert report["documents_loaded"] == 1
    assert sorted(report["ignored"]) == ["loop-a.txt (symbolic link loop)", "loop-b.txt (symbolic link loop)"]
    assert_loaded_once(warehouse, files)


def test_a_file_name_in_gbk_bytes_does_not_block_the_inbox(tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    files = write_inbox(inbox, {"good.txt": article(1).encode()})
    gbk_name = os.path.join(os.fsencode(inbox), "经济报告.txt".encode("gbk"))
    with open(gbk_name, "wb") as f:
        f.write(article(2).encode("gb18030"))
    report = ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    assert report["documents_loaded"] == 2
    names = [p for (p,) in query(warehouse, "SELECT source_path FROM documents")]
    assert "good.txt" in names and all(p.encode("utf-8") for p in names)
    assert len(files) == 1
    # The bytes that are not UTF-8 are written \xNN (GBK's c3 b1 happens to be UTF-8 ñ and stays), the rest of the
    # name kept; the archive keeps the exact name.
    assert "经济报告.txt".encode("gbk").decode("utf-8", "backslashreplace") in names
    digest = sha256(article(2).encode("gb18030"))
    receipt = json.loads((warehouse / "raw" / digest[:2] / f"{digest}.json").read_text(encoding="utf-8"))
    assert bytes.fromhex(receipt["source_path_bytes_hex"]) == "经济报告.txt".encode("gbk")
    # Ingested once: the next run finds it known.
    again = ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False)
    assert again["files_new"] == 0 and again["files_skipped"] == 2
