"""Deploying to a Prefect server: what ``prefect deploy`` needs to exist first, then ``prefect deploy --all``.

Every warehouse write in a deployed run holds a slot of the global concurrency
limit ``jingji-warehouse-writer`` with ``strict=True``, which fails loudly if
the limit does not exist — so it is created here, at deploy time, with the
work pool the deployments name.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

WRITER_LIMIT = "jingji-warehouse-writer"
WORK_POOL = "jingji"
PROJECT_DIR = Path(__file__).resolve().parents[1]


def ensure_server_objects(work_pool: str = WORK_POOL) -> list[str]:
    """Create the writer concurrency limit (1 slot) and the process work pool when missing; say what was made."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate, WorkPoolCreate
    from prefect.exceptions import ObjectNotFound

    made = []
    with get_client(sync_client=True) as client:
        try:
            client.read_global_concurrency_limit_by_name(WRITER_LIMIT)
        except ObjectNotFound:
            client.create_global_concurrency_limit(GlobalConcurrencyLimitCreate(name=WRITER_LIMIT, limit=1))
            made.append(f"global concurrency limit {WRITER_LIMIT} (1 slot)")
        try:
            client.read_work_pool(work_pool)
        except ObjectNotFound:
            client.create_work_pool(WorkPoolCreate(name=work_pool, type="process"))
            made.append(f"work pool {work_pool} (process)")
    return made


def deploy_all() -> int:
    """``prefect deploy --all`` from the project folder, after creating what the deployments rely on."""
    for made in ensure_server_objects():
        print(f"created {made}")
    env = {**os.environ, "JINGJI_PROJECT_DIR": os.environ.get("JINGJI_PROJECT_DIR", str(PROJECT_DIR))}
    prefect = Path(sys.executable).with_name("prefect")
    return subprocess.run([str(prefect), "--no-prompt", "deploy", "--all"], cwd=PROJECT_DIR, env=env).returncode
