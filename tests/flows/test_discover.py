"""Discovery reads a file only when its receipt does not vouch for its current state."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from flows import discover as discovery
from flows.discover import discover, file_stamp


def _inbox(tmp_path: Path) -> tuple[Path, Path, str]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    article = inbox / "一篇.txt"
    article.write_bytes("前三季度，全市地区生产总值增长5.2%。".encode())
    os.utime(article, (1_700_000_000.25, 1_700_000_000.25))
    return inbox, article, hashlib.sha256(article.read_bytes()).hexdigest()


def _stamps(path: Path) -> dict[str, tuple]:
    stat = path.stat()
    return {path.name: file_stamp(stat.st_size, stat.st_mtime)}


def test_a_file_in_its_received_state_is_skipped_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, article, sha = _inbox(tmp_path)
    received = _stamps(article)

    def must_not_read(path: str) -> None:
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr(discovery, "_hash_file", must_not_read)
    found = discover(inbox, {sha}, settle_seconds=0, stamps=received)
    assert (found.skipped, found.new) == (1, [])


def test_a_touched_file_is_hashed_again_and_still_known(tmp_path: Path) -> None:
    inbox, article, sha = _inbox(tmp_path)
    received = _stamps(article)
    os.utime(article, (1_700_000_100, 1_700_000_100))
    found = discover(inbox, {sha}, settle_seconds=0, stamps=received)
    assert (found.skipped, found.new) == (1, [])


def test_new_bytes_under_a_received_name_are_new(tmp_path: Path) -> None:
    inbox, article, sha = _inbox(tmp_path)
    received = _stamps(article)
    article.write_bytes("前三季度，全市地区生产总值增长5.3%，快于全省。".encode())  # another size
    os.utime(article, (1_700_000_000.25, 1_700_000_000.25))  # even with the old mtime
    found = discover(inbox, {sha}, settle_seconds=0, stamps=received)
    assert [f.source_path for f in found.new] == ["一篇.txt"]
    assert found.new[0].sha256 != sha


def test_stamps_hold_for_every_file_after_a_new_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, article, sha = _inbox(tmp_path)
    stamps = _stamps(article)
    (inbox / "0-new.txt").write_bytes("全年新签约项目42个。".encode())  # listed before the stamped file
    os.utime(inbox / "0-new.txt", (1_700_000_000, 1_700_000_000))
    found = discover(inbox, {sha}, settle_seconds=0, stamps=stamps)
    assert ([f.source_path for f in found.new], found.skipped) == (["0-new.txt"], 1)
    assert [row["source_path"] for row in found.hashed] == ["0-new.txt"]  # the stamped file was not read


def test_the_discover_task_holds_no_connection_while_it_hashes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An open writer keeps every reader out of DuckDB: hashing a large inbox must not hold one."""
    from contextlib import contextmanager

    from flows.tasks import discover_files
    from warehouse import db
    from warehouse.paths import WarehousePaths

    inbox, _, sha = _inbox(tmp_path)
    paths = WarehousePaths(tmp_path / "wh")
    open_writers = []
    real_writer, real_hash = db.writer, discovery._hash_file

    @contextmanager
    def counted_writer(*args, **kwargs):
        with real_writer(*args, **kwargs) as con:
            open_writers.append(con)
            try:
                yield con
            finally:
                open_writers.remove(con)

    def hash_with_no_writer_open(path: str) -> discovery.Hashed:
        assert not open_writers, "a writer is open while the inbox is hashed"
        return real_hash(path)

    monkeypatch.setattr(db, "writer", counted_writer)
    monkeypatch.setattr(discovery, "_hash_file", hash_with_no_writer_open)
    found, _ = discover_files.fn(paths, inbox)
    assert [r.sha256 for r in found.new] == [sha]
    with real_writer(paths) as con:  # what was hashed is remembered for the next run
        assert con.execute("SELECT sha256 FROM inbox_files").fetchall() == [(sha,)]
