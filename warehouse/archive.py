"""The raw archive: every byte received, stored under its SHA-256, before anything else.

Content addressing makes archiving idempotent (the same bytes land in the same
file) and lets ``rebuild`` reprocess everything without the inbox — even
without the database: beside each ``<sha>.bin`` a small ``<sha>.json`` keeps the
name the file first arrived under and when.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from warehouse.files import write_bytes_atomically
from warehouse.paths import WarehousePaths


@dataclass(frozen=True)
class ArchivedFile:
    sha256: str
    source_path: str | None  # None for an archive written before names were kept
    received_at: datetime | None
    size_bytes: int


class ContentChanged(OSError):
    """The bytes read are not the bytes that were hashed: the file changed in between."""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def archive(paths: WarehousePaths, data: bytes, sha256: str, source_path: str, received_at: datetime) -> Path:
    """Store ``data`` (once) with the name it first arrived under; return the archived file."""
    if sha256_of(data) != sha256:
        raise ContentChanged(f"{source_path} changed while being read; it will be picked up by the next run")
    target = paths.raw_file(sha256)
    if not target.exists() or target.stat().st_size != len(data):
        write_bytes_atomically(target, data)
    receipt = paths.raw_receipt(sha256)
    if not receipt.exists():
        first = {"source_path": source_path, "received_at": received_at.isoformat(), "size_bytes": len(data)}
        write_bytes_atomically(receipt, json.dumps(first, ensure_ascii=False).encode("utf-8"))
    return target


def read_archived(paths: WarehousePaths, sha256: str) -> bytes:
    data = paths.raw_file(sha256).read_bytes()
    if sha256_of(data) != sha256:
        raise OSError(f"archived file {paths.raw_file(sha256)} does not match its hash: the archive is damaged")
    return data


def list_archive(paths: WarehousePaths) -> list[ArchivedFile]:
    """Every archived file, in a stable order (by first name, then hash)."""
    found = []
    for blob in paths.raw.glob("*/*.bin"):
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
