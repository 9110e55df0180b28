"""The raw archive: streamed copies checked against their hash, temp files of killed writes never read and removed."""

from __future__ import annotations

import hashlib
import json
import os
import time
from datetime import datetime
from pathlib import Path

import pytest

from warehouse.archive import (
    ContentChanged,
    SourceUnreadable,
    archive_file,
    list_archive,
    read_archived,
    remove_stale_temp_files,
)
from warehouse.paths import WarehousePaths

WHEN = datetime(2026, 11, 21, 8, 0)


def _file(tmp_path: Path, name: str, data: bytes) -> tuple[Path, str]:
    path = tmp_path / name
    path.write_bytes(data)
    return path, hashlib.sha256(data).hexdigest()


def test_a_file_is_archived_in_blocks_once_with_its_first_name(tmp_path: Path) -> None:
    paths = WarehousePaths(tmp_path / "wh").ensure()
    data = os.urandom(3 * 2**20 + 7)  # more than one block
    source, sha = _file(tmp_path, "a.txt", data)
    archive_file(paths, source, sha, "a.txt", WHEN)
    copy, _ = _file(tmp_path, "copy.txt", data)
    archive_file(paths, copy, sha, "copy.txt", WHEN)  # same bytes: checked, not written again
    assert read_archived(paths, sha) == data
    receipt = json.loads(paths.raw_receipt(sha).read_text(encoding="utf-8"))
    assert receipt == {"source_path": "a.txt", "received_at": WHEN.isoformat(), "size_bytes": len(data)}


def test_changed_or_unreadable_files_are_not_archived(tmp_path: Path) -> None:
    paths = WarehousePaths(tmp_path / "wh").ensure()
    source, sha = _file(tmp_path, "a.txt", b"before")
    source.write_bytes(b"after, and longer")
    with pytest.raises(ContentChanged):
        archive_file(paths, source, sha, "a.txt", WHEN)
    assert [p for p in paths.raw.rglob("*") if p.is_file()] == []  # neither the file nor a temp file
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(SourceUnreadable):
        archive_file(paths, folder, sha, "folder.txt", WHEN)
    with pytest.raises(FileNotFoundError):
        archive_file(paths, tmp_path / "gone.txt", sha, "gone.txt", WHEN)


def test_temp_files_of_killed_writes_are_not_listed_and_stale_ones_are_removed(tmp_path: Path) -> None:
    paths = WarehousePaths(tmp_path / "wh").ensure()
    source, sha = _file(tmp_path, "a.txt", b"an article")
    archive_file(paths, source, sha, "a.txt", WHEN)
    folder = paths.raw_file(sha).parent
    stale, fresh = folder / ".tmp-killed.bin", folder / ".tmp-writing.bin"
    stale.write_bytes(b"half")
    os.utime(stale, (time.time() - 3600,) * 2)
    fresh.write_bytes(b"half")
    assert [f.sha256 for f in list_archive(paths)] == [sha]
    assert remove_stale_temp_files(paths, older_than=time.time() - 60) == [f"{sha[:2]}/.tmp-killed.bin"]
    assert fresh.exists() and not stale.exists()
