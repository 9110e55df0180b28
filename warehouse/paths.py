"""Where everything lives inside a warehouse directory — decided in one place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WarehousePaths:
    root: Path
    # A rebuild stages a new database beside the live one, sharing its archive.
    archive_root: Path | None = None

    @property
    def database(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def raw(self) -> Path:
        """Content-addressed archive of every byte received: ``raw/ab/abcdef….bin``."""
        return self.archive_root or self.root / "raw"

    @property
    def parquet(self) -> Path:
        return self.root / "parquet"

    @property
    def write_lock(self) -> Path:
        """Held by whoever writes the warehouse, so there is one writer at a time."""
        return self.root / ".write.lock"

    @property
    def rebuild(self) -> WarehousePaths:
        """Where ``rebuild`` builds the replacement database and Parquet files."""
        return WarehousePaths(self.root / ".rebuild", archive_root=self.raw)

    @property
    def rebuild_ready(self) -> Path:
        """Exists once a rebuild is complete and only the swap into place remains."""
        return self.root / ".rebuild" / "READY"

    def raw_file(self, sha256: str) -> Path:
        return self.raw / sha256[:2] / f"{sha256}.bin"

    def raw_receipt(self, sha256: str) -> Path:
        """What the archive knows of a file besides its bytes: the name it first arrived under."""
        return self.raw / sha256[:2] / f"{sha256}.json"

    def parquet_file(self, table: str, run_id: str, batch: int) -> Path:
        return self.parquet / table / f"run={run_id}" / f"part-{batch:05d}.parquet"

    def ensure(self) -> WarehousePaths:
        for folder in (self.root, self.raw, self.parquet):
            folder.mkdir(parents=True, exist_ok=True)
        return self
