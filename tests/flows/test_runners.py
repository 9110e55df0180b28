"""The same flow on other task runners builds the same warehouse: local processes, and a Dask cluster."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.ingest import ingest_flow
from flows.runners import make_task_runner
from tests.flows.test_ingest import _inbox
from tests.flows.test_rebuild import _snapshot

pytestmark = [pytest.mark.usefixtures("prefect_harness"), pytest.mark.slow]


def _build(tmp_path: Path, name: str, **options) -> dict[str, list[tuple]]:
    inbox, warehouse = _inbox(tmp_path / name), tmp_path / name / "wh"
    flow = ingest_flow.with_options(**options) if options else ingest_flow
    report = flow(inbox=str(inbox), warehouse=str(warehouse), batch_size=2, run_models=False)
    assert report["documents_loaded"] == 4 and report["files_quarantined"] == 2
    return _snapshot(warehouse)


def test_dask_cluster_builds_the_same_tables_as_the_default_runner(tmp_path: Path) -> None:
    from dask.distributed import LocalCluster

    default = _build(tmp_path, "default")
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        dask = _build(tmp_path, "dask", task_runner=make_task_runner("dask", address=cluster.scheduler_address))
    assert dask == default


def test_process_pool_builds_the_same_tables_as_the_default_runner(tmp_path: Path) -> None:
    default = _build(tmp_path, "default")
    assert _build(tmp_path, "processes", task_runner=make_task_runner("processes", workers=2)) == default


def test_worker_processes_are_told_the_flow_runs_api(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no API URL configured, workers would each start a temporary server of their own."""
    from types import SimpleNamespace

    import flows.tasks as tasks

    class Client:
        api_url = "http://127.0.0.1:8123/api/"

        def __enter__(self) -> Client:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setattr(tasks, "get_current_settings", lambda: SimpleNamespace(api=SimpleNamespace(url=None)))
    monkeypatch.setattr(tasks, "get_client", lambda sync_client: Client())
    with tasks.api_url_exported():
        assert tasks.os.environ["PREFECT_API_URL"] == Client.api_url
    assert "PREFECT_API_URL" not in tasks.os.environ

    # a configured API (a profile, a real server) is left alone
    monkeypatch.setattr(tasks, "get_current_settings", lambda: SimpleNamespace(api=SimpleNamespace(url="http://x/api")))
    with tasks.api_url_exported():
        assert "PREFECT_API_URL" not in tasks.os.environ
