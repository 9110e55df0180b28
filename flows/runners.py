"""Which Prefect task runner processes the batches: threads, local processes, or a Dask cluster.

Loads always stay in the flow itself, one batch at a time: DuckDB has one
writer. Only ``process_batch`` (pure, CPU-bound) is spread out. A Dask worker
reads the raw archive by path, so on other machines the warehouse folder must
be on shared storage.

    JINGJI_TASK_RUNNER   threads (default) | processes | dask
    JINGJI_WORKERS       how many workers (default: cores for processes, 2 for threads)
    JINGJI_DASK_ADDRESS  scheduler address, e.g. tcp://10.0.0.5:8786 (dask; without it a local cluster)
"""

from __future__ import annotations

import os

from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

RUNNERS = ("threads", "processes", "dask")


def make_task_runner(kind: str | None = None, workers: int | None = None, address: str | None = None) -> TaskRunner:
    kind = kind or os.environ.get("JINGJI_TASK_RUNNER") or "threads"
    workers = workers or int(os.environ.get("JINGJI_WORKERS") or 0) or None
    if kind == "threads":
        return ThreadPoolTaskRunner(max_workers=workers or 2)
    if kind == "processes":
        return ProcessPoolTaskRunner(max_workers=workers or os.cpu_count() or 1)
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        address = address or os.environ.get("JINGJI_DASK_ADDRESS")
        if address:
            return DaskTaskRunner(address=address)
        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": workers or os.cpu_count() or 1,
                "threads_per_worker": 1,
                "dashboard_address": None,
            }
        )
    raise ValueError(f"unknown task runner {kind!r}; choose one of {', '.join(RUNNERS)}")


def in_flight_batches(runner: TaskRunner) -> int:
    """How many batches may be processed ahead of the loader: enough to keep every worker busy, no more."""
    workers = getattr(runner, "_max_workers", None) or getattr(runner, "max_workers", None) or os.cpu_count() or 1
    return 2 * int(workers)
