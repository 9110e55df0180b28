"""Finding what is new in the inbox: files whose *content* the warehouse has not seen.

A file is identified by the SHA-256 of its bytes, never by name or mtime: a
touched but unchanged file is skipped, and the same name with new bytes is a
new document (the old one stays).
"""

from __future__ import annotations

import hashlib
import os
import time
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

    source_path: str  # relative to the inbox, POSIX separators
    absolute: Path
    sha256: str
    size_bytes: int
    modified_at: datetime | None
    received_at: datetime


@dataclass
class Discovery:
    new: list[Received]  # first file for each unseen content, in path order
    duplicates: list[Received]  # same bytes as another new file in this run
    skipped: int  # content already in the warehouse
    seen: int
    ignored: list[str]  # partial downloads, hidden files, links out of the inbox


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_ignored_name(name: str) -> bool:
    """Hidden files and partial downloads are not (yet) articles."""
    return name.startswith(".") or name.lower().endswith(_PARTIAL_SUFFIXES)


def list_inbox(inbox: Path) -> tuple[list[Path], list[str]]:
    """Regular files under ``inbox`` (recursively), in a stable order; and what was ignored.

    Symbolic links are followed only when they resolve inside the inbox, so a
    link can never make the ingest read a file from elsewhere.
    """
    root = inbox.resolve()
    files: list[Path] = []
    ignored: list[str] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if is_ignored_name(name):
                ignored.append(rel)
                continue
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root) or not target.is_file():
                    ignored.append(rel)
                    continue
            elif not path.is_file():
                ignored.append(rel)
                continue
            files.append(path)
    return files, ignored


def _still_arriving(path: Path, stat: os.stat_result, settle_seconds: float) -> bool:
    """Whether a recently modified file is still growing (then the next run takes it)."""
    age = time.time() - stat.st_mtime
    if age >= settle_seconds:
        return False
    time.sleep(settle_seconds - age)
    again = path.stat()
    return (again.st_size, again.st_mtime_ns) != (stat.st_size, stat.st_mtime_ns)


def discover(inbox: Path, known: set[str], settle_seconds: float = SETTLE_SECONDS) -> Discovery:
    """Hash every inbox file and keep those whose content is not in ``known``."""
    files, ignored = list_inbox(inbox)
    root = inbox.resolve()
    new: list[Received] = []
    duplicates: list[Received] = []
    seen_now: set[str] = set()
    skipped = 0
    received_at = datetime.now(UTC).replace(tzinfo=None)
    for path in files:
        rel = path.relative_to(root).as_posix()
        try:
            stat = path.stat()
            if _still_arriving(path, stat, settle_seconds):
                ignored.append(f"{rel} (still being written)")
                continue
            sha = _hash_file(path)
        except OSError as exc:
            # Deleted or unreadable between listing and hashing: the next run sees it again.
            ignored.append(f"{rel} ({exc.strerror or type(exc).__name__})")
            continue
        if sha in known:
            skipped += 1
            continue
        received = Received(
            source_path=rel,
            absolute=path,
            sha256=sha,
            size_bytes=stat.st_size,
            modified_at=datetime.fromtimestamp(stat.st_mtime, UTC).replace(tzinfo=None),
            received_at=received_at,
        )
        (duplicates if sha in seen_now else new).append(received)
        seen_now.add(sha)
    return Discovery(new=new, duplicates=duplicates, skipped=skipped, seen=len(files), ignored=ignored)
