"""``jingji watch``: ingest files as they are dropped, debounced into batches.

One ingest runs at start (whatever is already waiting), then one each time the
inbox has been quiet for a moment after changes. Every ingest is a normal
flow run: the same discovery by content, so an event seen twice loads nothing
twice, and a file still being written waits for a later run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import watchfiles

from flows.discover import is_ignored_name

# Changes closer together than this are one batch: a folder copied in is one run, not hundreds.
DEFAULT_QUIET_SECONDS = 2.0


def _wanted(change: watchfiles.Change, path: str) -> bool:
    return change != watchfiles.Change.deleted and not is_ignored_name(Path(path).name)


def watch_inbox(
    inbox: Path,
    run_ingest: Callable[[], None],
    quiet_seconds: float = DEFAULT_QUIET_SECONDS,
    stop: threading.Event | None = None,
) -> None:
    """Call ``run_ingest`` now and after every quiet spell following new files, until ``stop`` is set.

    The watcher starts before the first ingest and keeps collecting while any
    ingest runs, so a file dropped mid-run is taken by the next one.
    """
    started = False
    for changes in watchfiles.watch(
        inbox,
        watch_filter=_wanted,
        step=int(quiet_seconds * 1000),  # wait this long for more changes before yielding a batch
        debounce=max(int(quiet_seconds * 1000) * 10, 1600),  # …but never hold a batch longer than this
        rust_timeout=500,
        yield_on_timeout=True,  # an empty batch right away: the first ingest, with the watcher already on
        stop_event=stop,
        recursive=True,
        raise_interrupt=False,
    ):
        if changes or not started:
            run_ingest()
            started = True
