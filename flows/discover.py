"""Finding what is new in the inbox: files whose *content* the warehouse has not seen.

A file is identified by the SHA-256 of its bytes, never by name or mtime: a
touched but unchanged file is skipped, and the same name with new bytes is a
new document (the old one stays). Hashing every file on every run grew with the
inbox (1.5 s at 10,000 articles), so a file whose path, size and modification
time (to the microsecond) are those it had when it was last hashed, and whose
content then is in the warehouse, is taken as that content without being read,
as make and rsync do; any rewrite that changes its size or mtime makes it
hashed again.

File names are stored as text every table and JSON file can hold: a name that
is not valid UTF-8 (GBK bytes from a Windows zip) keeps its undecodable bytes
as ``\\xNN`` (see :func:`safe_name`), and the archive receipt keeps its exact
bytes in hex.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

# Names of files that are still arriving or are not articles at all.
_PARTIAL_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download", ".swp")
# A file modified more recently than this may still be being written: wait, and
# load it only if its size and mtime did not move meanwhile.
SETTLE_SECONDS = 2.0


@dataclass(frozen=True)
class Received:
    """One file found in the inbox."""

    source_path: str  # relative to the inbox, POSIX separators, made safe by safe_name
    absolute: Path
    sha256: str
    size_bytes: int  # of the bytes hashed, which are the bytes archived
    modified_at: datetime | None
    received_at: datetime
    name_bytes_hex: str | None = None  # the exact name's bytes, when safe_name had to escape some


@dataclass
class Discovery:
    new: list[Received]  # first file for each unseen content, in path order
    duplicates: list[Received]  # same bytes as another new file in this run
    skipped: int  # content already in the warehouse
    seen: int
    ignored: list[str]  # partial downloads, hidden files, links out of the inbox
    hashed: list[dict]  # ``inbox_files`` rows of the files read this time, so the next run need not read them


@dataclass(frozen=True)
class Hashed:
    sha256: str
    size_bytes: int  # the bytes actually hashed: a file that grew after stat() is measured as hashed
    mtime: float


def _hash_file(path: str) -> Hashed:
    """Hash a file in blocks (bounded memory, any size); its size and mtime as of the end of the read."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
        mtime = os.fstat(f.fileno()).st_mtime
    return Hashed(digest.hexdigest(), size, mtime)


def safe_name(name: str) -> str:
    r"""A file name as text any UTF-8 store can hold; a name that is valid UTF-8 comes back unchanged.

    POSIX names are bytes. Python decodes them as UTF-8 and keeps the bytes
    that are not (a GBK name from a Windows zip) as lone surrogates (PEP 383),
    which DuckDB, Arrow and JSON refuse. Each such byte is written ``\xNN``
    instead, as Python's ``backslashreplace`` does: the rest of the name stays
    readable, and the bytes can be read back from the escapes.

    >>> safe_name("经济/报告.txt")
    '经济/报告.txt'
    >>> print(safe_name("经济".encode("gbk").decode("utf-8", "surrogateescape") + ".txt"))
    \xbe\xad\xbc\xc3.txt
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def is_ignored_name(name: str) -> bool:
    """Hidden files and partial downloads are not (yet) articles."""
    return name.startswith(".") or name.lower().endswith(_PARTIAL_SUFFIXES)


def list_inbox(inbox: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """Regular files under ``inbox`` (recursively): each one's absolute path and exact relative POSIX name, in a
    stable order; and what was ignored.

    Symbolic links are followed only when they resolve inside the inbox, so a
    link can never make the ingest read a file from elsewhere. A loop of links
    is ignored (and named), never fatal. ``os.scandir`` and plain strings, not
    pathlib: a ``Path`` per file was most of the listing's cost (10,000 files: 0.2 of 0.35 s).
    """
    root = inbox.resolve()
    files: list[tuple[str, str]] = []
    ignored: list[str] = []

    def walk(folder: str, prefix: str) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:  # an unreadable subfolder: named, the rest of the inbox still loads
            ignored.append(f"{safe_name(prefix) or '.'} ({exc.strerror or type(exc).__name__})")
            return
        for entry in entries:
            exact = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if not entry.name.startswith("."):
                    walk(entry.path, exact + "/")
                continue
            rel = safe_name(exact)
            if is_ignored_name(entry.name):
                ignored.append(rel)
                continue
            if entry.is_symlink():
                try:
                    target = Path(entry.path).resolve()
                except (OSError, RuntimeError):  # a loop of links: RuntimeError before Python 3.13, then OSError
                    ignored.append(f"{rel} (symbolic link loop)")
                    continue
                if not target.is_relative_to(root) or not target.is_file():
                    ignored.append(rel)
                    continue
            elif not entry.is_file(follow_symlinks=False):
                ignored.append(rel)
                continue
            files.append((entry.path, exact))

    walk(str(root), "")
    return files, ignored


def _still_arriving(path: str, stat: os.stat_result, settle_seconds: float) -> bool:
    """Whether a recently modified file is still growing (then the next run takes it)."""
    age = time.time() - stat.st_mtime
    if age >= settle_seconds:
        return False
    time.sleep(settle_seconds - age)
    again = os.stat(path)
    return (again.st_size, again.st_mtime_ns) != (stat.st_size, stat.st_mtime_ns)


def file_stamp(size_bytes: int, mtime: float) -> tuple[int, datetime]:
    """What a receipt records of a file's state: its size and its mtime as a naive UTC timestamp."""
    return size_bytes, datetime.fromtimestamp(mtime, UTC).replace(tzinfo=None)


def discover(
    inbox: Path,
    known: set[str],
    settle_seconds: float = SETTLE_SECONDS,
    stamps: Mapping[str, tuple[int, datetime]] | None = None,
) -> Discovery:
    """Hash the inbox's files and keep those whose content is not in ``known``.

    ``stamps`` maps a path to the :func:`file_stamp` it had when it was last hashed, for paths whose
    content then is known; a file still in that state is counted as skipped without being read.
    """
    stamps = stamps or {}
    hashed_rows: list[dict] = []
    files, ignored = list_inbox(inbox)
    new: list[Received] = []
    duplicates: list[Received] = []
    seen_now: set[str] = set()
    skipped = 0
    received_at = datetime.now(UTC).replace(tzinfo=None)
    for path, exact in files:
        rel = safe_name(exact)
        try:
            stat = os.stat(path)
            if stamps.get(rel) == file_stamp(stat.st_size, stat.st_mtime):
                skipped += 1
                continue
            if _still_arriving(path, stat, settle_seconds):
                ignored.append(f"{rel} (still being written)")
                continue
            hashed = _hash_file(path)
        except OSError as exc:
            # Deleted or unreadable between listing and hashing: the next run sees it again.
            ignored.append(f"{rel} ({exc.strerror or type(exc).__name__})")
            continue
        modified_at = file_stamp(hashed.size_bytes, hashed.mtime)[1]
        hashed_rows.append(
            {
                "source_path": rel,
                "size_bytes": hashed.size_bytes,
                "modified_at": modified_at,
                "sha256": hashed.sha256,
                "hashed_at": received_at,
            }
        )
        if hashed.sha256 in known:
            skipped += 1
            continue
        received = Received(
            source_path=rel,
            absolute=Path(path),
            sha256=hashed.sha256,
            size_bytes=hashed.size_bytes,
            modified_at=modified_at,
            received_at=received_at,
            name_bytes_hex=None if rel == exact else exact.encode("utf-8", "surrogateescape").hex(),
        )
        (duplicates if hashed.sha256 in seen_now else new).append(received)
        seen_now.add(hashed.sha256)
    return Discovery(
        new=new, duplicates=duplicates, skipped=skipped, seen=len(files), ignored=ignored, hashed=hashed_rows
    )
