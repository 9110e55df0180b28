"""A progress bar for long interactive runs, on stderr; silent for schedules, pipes and tests."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_enabled = False
# Below this many files a run is over before a bar would help.
MIN_FILES_FOR_A_BAR = 200


def enable_when_interactive() -> None:
    """Show bars from now on if a person is watching (stderr is a terminal)."""
    global _enabled
    _enabled = sys.stderr.isatty()


@contextmanager
def files_progress(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """Yield ``advance(n)``: call it as batches of files are loaded."""
    if not _enabled or total < MIN_FILES_FOR_A_BAR:
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)
