"""Lookup tables built once per machine, not once per process: a pickle on disk, keyed by what they are built from.

Why: several stages build large lookup tables from data files on first use
(the mojibake repair's word lexicon, bigram model and byte indexes, the
keyword IDF table, jieba's word list). Each takes a few tenths of a second in
pure Python, which every fresh worker process used to pay again: one new file
dropped into the warehouse cost two or three seconds of table building.
Loading the same table from a pickle takes a few milliseconds.

jieba does exactly this (``jieba.cache`` in the temp folder, keyed by its
dictionary's path and modification time); this module does it with a stricter
key. The decorated functions stay pure in their results: the cache only saves
rebuilding, and a table that could differ gets a different key. The key
covers:

- the source data files: path, size and modification time (``mtime_ns``);
- the code that builds the table: a hash of the builder's whole module file
  and of any other module named (a changed builder or helper rebuilds);
- any version strings given (numpy, OpenCC: how arrays pickle, how text converts);
- Python's version and the pickle protocol;
- the function's name and its arguments (``repr``).

Where: ``$JINGJI_CACHE_DIR``, else ``$XDG_CACHE_HOME/jingji``, else
``~/.cache/jingji``. Writing is atomic (a temporary file, then
``os.replace``), so two workers building at once each leave a whole file.
Any error reading or writing the cache (a read-only home, a corrupt or
truncated file, a table that does not pickle) falls back to building, logged at
debug level: the cache never fails a run. ``JINGJI_CACHE_DIR=off`` (or ``0``,
``none``) turns it off. At most :data:`KEEP_PER_NAME` files are kept per table.

    >>> import tempfile, os
    >>> before = os.environ.get("JINGJI_CACHE_DIR")
    >>> os.environ["JINGJI_CACHE_DIR"] = folder = tempfile.mkdtemp()
    >>> @persisted()
    ... def squares(n: int) -> list[int]:
    ...     return [i * i for i in range(n)]
    >>> squares(4), squares(4)  # built, then loaded from the pickle
    ([0, 1, 4, 9], [0, 1, 4, 9])
    >>> len(os.listdir(folder))
    1
    >>> _ = os.environ.pop("JINGJI_CACHE_DIR") if before is None else os.environ.update(JINGJI_CACHE_DIR=before)
"""

from __future__ import annotations

import contextlib
import functools
import glob
import hashlib
import inspect
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any, ParamSpec, TypeVar

log = logging.getLogger(__name__)

PROTOCOL = pickle.HIGHEST_PROTOCOL
KEEP_PER_NAME = 3  # tables of other keys kept beside the newest (other checkouts, older code): the rest are removed
_OFF = frozenset(("", "0", "off", "none", "false"))

P = ParamSpec("P")
T = TypeVar("T")


def cache_dir() -> Path | None:
    """The cache folder (not created here), or ``None`` when ``JINGJI_CACHE_DIR`` turns the cache off.

    >>> import os
    >>> os.environ["JINGJI_CACHE_DIR"] = "off"
    >>> cache_dir() is None
    True
    >>> del os.environ["JINGJI_CACHE_DIR"]
    """
    explicit = os.environ.get("JINGJI_CACHE_DIR")
    if explicit is not None:
        return None if explicit.strip().lower() in _OFF else Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "jingji" if xdg else Path.home() / ".cache" / "jingji"


@functools.cache
def _file_hash(path: str) -> str:
    """SHA-256 of a code file's bytes (once per process: a module does not change under a running process)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _code_hash(code: ModuleType | Callable[..., Any] | str | Path) -> str:
    """The hash of a module's (or a function's module's) source file; a string that is no file stands for itself."""
    if isinstance(code, str) and not os.path.isfile(code):
        return code
    if isinstance(code, str | Path):
        return _file_hash(str(code))
    source = inspect.getsourcefile(code)
    if source and os.path.isfile(source):
        return _file_hash(source)
    # No file (typed at a prompt, a doctest): the function's own bytecode and constants stand for its code.
    body = getattr(code, "__code__", None)
    return hashlib.sha256(repr((body.co_code, body.co_consts)).encode()).hexdigest() if body else repr(code)


def _stat(path: str | Path | None) -> tuple[str, int, int] | None:
    """What identifies a data file's version: its path, size and modification time (``None``: absent)."""
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return (str(path), -1, -1)
    return (str(path), st.st_size, st.st_mtime_ns)


def key(
    name: str,
    args: tuple[Any, ...] = (),
    sources: Iterable[str | Path | None] = (),
    code: Iterable[ModuleType | Callable[..., Any] | str | Path] = (),
) -> str:
    """The hex key of a table: changes whenever what it is built from could.

    >>> key("t", sources=["/nonexistent"]) == key("t", sources=["/nonexistent"]) != key("t", (1,))
    True
    """
    parts = [
        name,
        repr(args),
        repr([_stat(path) for path in sources]),
        repr([_code_hash(c) for c in code]),
        sys.version,
        str(PROTOCOL),
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


def _load(path: Path) -> tuple[bool, Any]:
    try:
        with path.open("rb") as f:
            return True, pickle.load(f)
    except FileNotFoundError:
        return False, None
    except Exception as error:  # corrupt, truncated, from an incompatible library: rebuild
        log.debug("table cache: cannot read %s (%r); building", path, error)
        return False, None


def _store(folder: Path, name: str, path: Path, value: object) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(value, protocol=PROTOCOL)
        # A private temporary file in the same folder, renamed over the target: a reader sees a whole
        # file or none, and two writers at once each rename a whole file (the last one stays).
        fd, temporary = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        _prune(folder, name, path)
    except Exception as error:  # read-only home, full disk, a table that does not pickle
        log.debug("table cache: cannot write %s (%r); not cached", path, error)


def _prune(folder: Path, name: str, keep: Path) -> None:
    """Remove all but the newest :data:`KEEP_PER_NAME` tables of ``name``, never ``keep``."""
    # name-<24 hex digits>.pickle only: not name-<args>-<key>.pickle, the tables of other arguments
    others = [p for p in folder.glob(f"{glob.escape(name)}-{'[0-9a-f]' * 24}.pickle") if p != keep]
    if len(others) < KEEP_PER_NAME:
        return
    by_age = sorted(others, key=lambda p: p.stat().st_mtime_ns if p.exists() else 0, reverse=True)
    for old in by_age[KEEP_PER_NAME - 1 :]:
        with contextlib.suppress(OSError):
            old.unlink()


def load_or_build(
    name: str,
    build: Callable[[], T],
    *,
    args: tuple[Any, ...] = (),
    sources: Iterable[str | Path | None] = (),
    code: Iterable[ModuleType | Callable[..., Any] | str | Path] = (),
) -> T:
    """``build()``'s result, from the cache when a table of the same key is there, else built and stored.

    ``name`` names the file (letters, digits, ``_.``); ``args`` are what ``build`` was given;
    ``sources`` the data files it reads; ``code`` the modules (or files, or version strings)
    its result depends on, besides ``build``'s own module, which is always included.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        if args:  # one file per argument list, each pruned on its own
            name = f"{name}-{hashlib.sha256(repr(args).encode()).hexdigest()[:8]}"
        path = folder / f"{name}-{key(name, args, sources, (build, *code))}.pickle"
    except Exception as error:  # an unreadable code file: build, uncached
        log.debug("table cache: no key for %s (%r); building", name, error)
        return build()
    found, value = _load(path)
    if found:
        return value
    value = build()
    _store(folder, name, path, value)
    return value


def persisted(
    sources: Callable[[], Iterable[str | Path | None]] | None = None,
    code: Iterable[ModuleType | Callable[..., Any] | str | Path] = (),
) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Decorate a table builder: its result is loaded from the cache when there, else built and stored.

    ``sources`` is called (at first use, not at import) for the data files the
    builder reads; ``code`` as for :func:`load_or_build`. Positional arguments
    become part of the key (by ``repr``), so keep them small and plain. Stack
    ``functools.cache`` on top to keep the table for the rest of the process.
    """

    def decorate(build: Callable[P, T]) -> Callable[P, T]:
        name = f"{build.__module__}.{build.__qualname__}".replace("<", "").replace(">", "")

        @functools.wraps(build)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            return load_or_build(
                name,
                lambda: build(*args, **kwargs),
                args=(*args, *sorted(kwargs.items())),
                sources=sources() if sources is not None else (),
                code=(build, *code),
            )

        return wrapper

    return decorate
