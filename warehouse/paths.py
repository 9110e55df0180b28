"""Where everything lives inside a warehouse directory — decided in one place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WarehousePaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def raw(self) -> Path:
        """Content-addressed archive of every byte received: ``raw/ab/abcdef….bin``."""
        return self.root / "raw"

    @property
    def parquet(self) -> Path:
        return self.root / "parquet"

    @property
    def write_lock(self) -> Path:
        """Held by whoever writes the warehouse, so there is one writer at a time."""
        return self.root / ".write.lock"

    def raw_file(self, sha256: str) -> Path:
        return self.raw / sha256[:2] / f"{sha256}.bin"

    def parquet_file(self, table: str, run_id: str, batch: int) -> Path:
        return self.parquet / table / f"run={run_id}" / f"part-{batch:05d}.parquet"

    def ensure(self) -> WarehousePaths:
        for folder in (self.root, self.raw, self.parquet):
            folder.mkdir(parents=True, exist_ok=True)
        return self
