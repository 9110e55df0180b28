"""The warehouse write lock: one writer; a second one says whom it waits for, then gives up with a sentence."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from warehouse.lock import WarehouseLocked, describe_holder, write_lock
from warehouse.paths import WarehousePaths


def test_a_second_writer_says_whom_it_waits_for(tmp_path: Path) -> None:
    paths = WarehousePaths(tmp_path / "wh")
    messages: list[str] = []
    with write_lock(paths, 0, holder={"flow": "ingest", "run_id": "20261121T010203-abc"}):
        assert describe_holder(paths).startswith(f"ingest run 20261121T010203-abc (pid {os.getpid()}, host ")
        with (
            pytest.raises(WarehouseLocked, match="another ingest or rebuild is writing"),
            write_lock(paths, 0.2, on_wait=messages.append),
        ):
            pass
    assert len(messages) == 1
    assert messages[0].startswith("waiting for the warehouse lock held by ingest run 20261121T010203-abc (pid ")
    # Released: the next writer gets it at once, without a message, and the holder's note is gone.
    assert describe_holder(paths).startswith("another process")
    with write_lock(paths, 0, on_wait=messages.append):
        pass
    assert len(messages) == 1
