"""The raw archive: every byte received, stored under its SHA-256, before anything else.

Content addressing makes archiving idempotent (the same bytes land in the same
file) and lets ``rebuild`` reprocess everything without the inbox.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from warehouse.files import write_bytes_atomically
from warehouse.paths import WarehousePaths


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def archive(paths: WarehousePaths, data: bytes, sha256: str | None = None) -> Path:
    """Store ``data`` in the archive (once) and return its path."""
    digest = sha256 or sha256_of(data)
    target = paths.raw_file(digest)
    if not target.exists() or target.stat().st_size != len(data):
        write_bytes_atomically(target, data)
    return target


def read_archived(paths: WarehousePaths, sha256: str) -> bytes:
    data = paths.raw_file(sha256).read_bytes()
    if sha256_of(data) != sha256:
        raise ValueError(f"archived file {paths.raw_file(sha256)} does not match its hash")
    return data


def archived_hashes(paths: WarehousePaths) -> list[str]:
    return sorted(p.stem for p in paths.raw.glob("*/*.bin"))
