"""The raw archive: every byte received, stored under its SHA-256, before anything else.

Content addressing makes archiving idempotent (the same bytes land in the same
file) and lets ``rebuild`` reprocess everything without the inbox — even
without the database: beside each ``<sha>.bin`` a small ``<sha>.json`` keeps the
name the file first arrived under and when.

Files are copied in blocks, hashed on the way, so archiving a file of any size
takes a few megabytes of memory; a copy whose hash is not the one discovery
took is discarded (the file changed in between).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from warehouse.files import write_atomically, write_bytes_atomically
from warehouse.paths import WarehousePaths

BLOCK = 1 << 20  # bytes read at a time when hashing or copying
# Temp files of interrupted atomic writes: ``.tmp-<random>.bin`` / ``.json`` (see warehouse/files.py).
TEMP_PREFIX = ".tmp-"


@dataclass(frozen=True)
class ArchivedFile:
    sha256: str
    source_path: str | None  # None for an archive written before names were kept
    received_at: datetime | None
    size_bytes: int


class ContentChanged(OSError):
    """The bytes read are not the bytes that were hashed: the file changed in between."""


class SourceUnreadable(OSError):
    """The file being archived could not be read (permissions, an I/O error, a folder in its place).

    Kept apart from errors *writing* the archive (a full disk), which must fail the run.
    """


def _read_blocks(source: Path) -> Iterator[bytes]:
    """``source``'s bytes in blocks; a failure to read it is :class:`SourceUnreadable` (or FileNotFoundError)."""
    try:
        with open(source, "rb") as f:
            while block := f.read(BLOCK):
                yield block
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise SourceUnreadable(exc.errno, exc.strerror or str(exc), str(source)) from exc


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def archive_file(
    paths: WarehousePaths, source: Path, sha256: str, source_path: str, received_at: datetime, **receipt_extra: str
) -> Path:
    """Copy ``source`` into the archive (once), in blocks, checking its hash on the way; return the archived file.

    Raises :class:`ContentChanged` when the bytes read are not the bytes that
    were hashed, FileNotFoundError or :class:`SourceUnreadable` when ``source``
    cannot be read; any other error (writing the archive) is the warehouse's.
    ``receipt_extra`` is kept in the ``<sha>.json`` receipt beside the name.
    """
    target = paths.raw_file(sha256)

    def copy(tmp: Path | None) -> None:
        digest = hashlib.sha256()
        with open(tmp, "wb") if tmp else nullcontext() as dst:
            for block in _read_blocks(source):
                digest.update(block)
                if dst:
                    dst.write(block)
        if digest.hexdigest() != sha256:  # write_atomically removes the temp file
            raise ContentChanged(f"{source_path} changed while being read; it will be picked up by the next run")

    if target.exists():
        copy(None)  # archived already (another name, an earlier attempt): only check the file still holds it
    else:
        write_atomically(target, copy)
    _write_receipt(paths, sha256, {"source_path": source_path, "received_at": received_at.isoformat(), **receipt_extra})
    return target


def _write_receipt(paths: WarehousePaths, sha256: str, first: dict[str, str]) -> None:
    """The name and time the content first arrived under, once (later names are in the ``receipts`` table)."""
    receipt = paths.raw_receipt(sha256)
    if not receipt.exists():
        first = {**first, "size_bytes": paths.raw_file(sha256).stat().st_size}
        write_bytes_atomically(receipt, json.dumps(first, ensure_ascii=False).encode("utf-8"))


def read_archived(paths: WarehousePaths, sha256: str) -> bytes:
    data = paths.raw_file(sha256).read_bytes()
    if sha256_of(data) != sha256:
        raise OSError(f"archived file {paths.raw_file(sha256)} does not match its hash: the archive is damaged")
    return data


def list_archive(paths: WarehousePaths) -> list[ArchivedFile]:
    """Every archived file, in a stable order (by first name, then hash)."""
    found = []
    for blob in paths.raw.glob("*/*.bin"):
        if blob.name.startswith(TEMP_PREFIX):  # half of an interrupted write, never an archived file
            continue
        sha = blob.stem
        receipt = paths.raw_receipt(sha)
        meta = json.loads(receipt.read_text(encoding="utf-8")) if receipt.exists() else {}
        received = meta.get("received_at")
        found.append(
            ArchivedFile(
                sha256=sha,
                source_path=meta.get("source_path"),
                received_at=datetime.fromisoformat(received) if received else None,
                size_bytes=blob.stat().st_size,
            )
        )
    return sorted(found, key=lambda f: (f.source_path or "", f.sha256))


def remove_stale_temp_files(paths: WarehousePaths, older_than: float | None = None) -> list[str]:
    """Delete temp files that interrupted archive writes left; call with the write lock held.

    Only the lock holder writes the archive, so a temp file there from before
    this writer started (``older_than``, a POSIX time; default now) belongs to
    a process that died mid-write. Returns the removed paths, relative to the
    archive.
    """
    cutoff = time.time() if older_than is None else older_than
    removed = []
    if not paths.raw.is_dir():
        return removed
    for tmp in sorted(paths.raw.glob(f"*/{TEMP_PREFIX}*")):
        try:
            if tmp.is_file() and tmp.stat().st_mtime < cutoff:
                tmp.unlink()
                removed.append(tmp.relative_to(paths.raw).as_posix())
        except FileNotFoundError:
            continue
    return removed
