"""Paths and environment: where the inbox and warehouse are, and how quiet Prefect is.

Prefect reads its settings from the environment when it is first imported, so
:func:`configure_prefect` must run before any ``import prefect``.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_INBOX = Path("data/inbox")
DEFAULT_WAREHOUSE = Path("data/warehouse")


def inbox_dir(arg: str | os.PathLike | None = None) -> Path:
    """``--inbox``, else ``$JINGJI_INBOX``, else ``data/inbox``."""
    return Path(arg or os.environ.get("JINGJI_INBOX") or DEFAULT_INBOX)


def warehouse_dir(arg: str | os.PathLike | None = None) -> Path:
    """``--warehouse``, else ``$JINGJI_WAREHOUSE``, else ``data/warehouse``."""
    return Path(arg or os.environ.get("JINGJI_WAREHOUSE") or DEFAULT_WAREHOUSE)


# A news article is well under 1 MB; a file 20 times that is a dump, a log or a mistake, and the
# transforms (built for articles) would take minutes and gigabytes over it.
DEFAULT_MAX_FILE_MB = 20.0
MAX_FILE_ENV = "JINGJI_MAX_FILE_MB"


def max_file_mb() -> float:
    """``$JINGJI_MAX_FILE_MB`` (a positive number of megabytes), else 20: larger files are archived, not processed."""
    value = os.environ.get(MAX_FILE_ENV)
    if not value:
        return DEFAULT_MAX_FILE_MB
    try:
        limit = float(value)
    except ValueError:
        raise ValueError(f"${MAX_FILE_ENV} must be a number of megabytes, not {value!r}") from None
    if limit <= 0:
        raise ValueError(f"${MAX_FILE_ENV} must be a positive number of megabytes, not {value!r}")
    return limit


# Defaults for a quiet local run. Every one is only a default: a value already in
# the environment (or a Prefect profile pointing at a real server) wins.
_QUIET_PREFECT = {
    # No usage telemetry from the temporary server or the client.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    # Our CLI prints its own summary; Prefect's per-run INFO lines would repeat it.
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_SERVER_LEVEL": "WARNING",
    # The temporary server's first start migrates a new database, which can take
    # longer than Prefect's 20 s default on a busy 2-core machine.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    # Dask's scheduler and workers log every start and stop at INFO.
    "DASK_LOGGING__DISTRIBUTED": "warning",
    # Results stay in memory: the warehouse is the durable record, not Prefect's result store.
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
}


def configure_prefect(verbose: bool = False) -> None:
    for key, value in _QUIET_PREFECT.items():
        os.environ.setdefault(key, value)
    if verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
