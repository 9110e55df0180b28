"""prefect.yaml is valid by Prefect's own schema, and deploys and runs on a real local Prefect server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest
import yaml
from prefect.cli.deploy._models import DeploymentConfig, PrefectYamlModel
from prefect.flows import load_flow_from_entrypoint

from tests.conftest import ROOT

PREFECT_YAML = ROOT / "prefect.yaml"
BIN = Path(sys.executable).parent


def _config() -> dict:
    return yaml.safe_load(PREFECT_YAML.read_text(encoding="utf-8"))


def test_prefect_yaml_is_valid_by_prefects_own_schema() -> None:
    raw = _config()
    model = PrefectYamlModel.model_validate(raw)
    assert [d.name for d in model.deployments] == ["ingest", "rebuild"]
    # Prefect ignores keys it does not know, and skips invalid deployments with a warning only: forbid both.
    known = set(DeploymentConfig.model_fields)
    for deployment in raw["deployments"]:
        assert set(deployment) <= known, set(deployment) - known


def test_deployments_point_at_flows_with_schedules_in_shanghai_time() -> None:
    by_name = {d["name"]: d for d in _config()["deployments"]}
    for deployment in by_name.values():
        path, name = deployment["entrypoint"].split(":")
        flow = load_flow_from_entrypoint(str(ROOT / path) + ":" + name)
        assert flow.name == deployment["name"]
        assert deployment["concurrency_limit"]["limit"] == 1
    (schedule,) = by_name["ingest"]["schedules"]
    assert schedule["timezone"] == "Asia/Shanghai" and schedule["cron"] == "*/15 * * * *"
    assert "schedules" not in by_name["rebuild"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, server: subprocess.Popen, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"prefect server exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise TimeoutError("prefect server did not become healthy")


def _run(cmd: list[str], env: dict, timeout: float = 300) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{cmd}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_deploy_and_run_on_a_local_prefect_server(tmp_path: Path) -> None:
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    inbox, warehouse = tmp_path / "inbox", tmp_path / "warehouse"
    inbox.mkdir()
    articles = sorted((ROOT / "samples" / "articles").glob("*.txt"))[:3]
    shutil.copy(articles[0], inbox)
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "PREFECT_API_URL": api,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "JINGJI_PROJECT_DIR": str(ROOT),
        "JINGJI_INBOX": str(inbox),
        "JINGJI_WAREHOUSE": str(warehouse),
    }
    server_env = {k: v for k, v in env.items() if k != "PREFECT_API_URL"}
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=server_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_healthy(api, server)
        deployed = _run([str(BIN / "jingji"), "deploy"], env)
        assert "jingji-warehouse-writer" in deployed.stdout

        def run_scheduled_deployment() -> None:
            _run([str(BIN / "prefect"), "deployment", "run", "ingest/ingest"], env)
            _run([str(BIN / "prefect"), "worker", "start", "--pool", "jingji", "--run-once"], env)

        run_scheduled_deployment()
        assert _documents(warehouse) == 1

        shutil.copy(articles[1], inbox)  # a file dropped later: the next scheduled run picks it up
        run_scheduled_deployment()
        assert _documents(warehouse) == 2
        with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
            runs = con.execute("SELECT flow, status, flow_run_id FROM runs ORDER BY started_at").fetchall()
        assert [(flow, status) for flow, status, _ in runs] == [("ingest", "completed")] * 2
        assert all(flow_run_id for _, _, flow_run_id in runs)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def _documents(warehouse: Path) -> int:
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]
