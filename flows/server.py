"""Prefect's temporary API server for one CLI run, started before the flow is even imported.

With no API URL configured, Prefect starts a temporary server itself
(``prefect.server.api.server.SubprocessASGIServer``), but only at the flow's first
API call: after this process has imported the flow, the pipeline and Prefect's
whole server package (3.7 CPU s that only the server's own process needs), and
then it waits for the server to boot (5–9 CPU s in that process). Started here,
first, the server boots while this process imports and warms the pipeline, and
this process never imports the server package.

Same command, app factory and environment switches as Prefect's own temporary
server, and the same database (``$PREFECT_HOME``); stopped when the run ends.
"""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

# What Prefect's SubprocessASGIServer sets for its uvicorn process (prefect/server/api/server.py).
_SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
_PORT_IN_USE = 3  # uvicorn's exit status when it cannot bind


class TemporaryServer:
    """A Prefect API server in a child process, on a free local port."""

    def __init__(self) -> None:
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self) -> TemporaryServer:
        """Launch the server (it boots in the background); :meth:`wait_until_ready` before using it."""
        import prefect  # the package's location only: cheap once settings are imported

        self.port = _free_port()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--app-dir",
                str(Path(prefect.__file__).parent.parent),
                "--factory",
                "prefect.server.api.server:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "error",
                "--lifespan",
                "on",
            ],
            env={**os.environ, **_SERVER_ENV},
        )
        atexit.register(self.stop)
        return self

    def wait_until_ready(self, timeout: float, meanwhile: Iterator[Callable[[], None]] | None = None) -> None:
        """Return once the API answers ``/health``; run ``meanwhile``'s steps while it does not yet.

        Raises RuntimeError when the server exits or does not answer within ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        while not self._healthy():
            assert self.process is not None
            if (status := self.process.poll()) is not None:
                if status != _PORT_IN_USE:
                    raise RuntimeError(f"Prefect's temporary server exited with status {status} while starting")
                self.stop()  # another process took the port between our check and uvicorn's bind
                self.start()
            if time.monotonic() > deadline:
                raise RuntimeError(f"Prefect's temporary server did not answer within {timeout:.0f} s")
            step = next(meanwhile, None) if meanwhile is not None else None
            if step is None:
                time.sleep(0.1)
            else:
                step()

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.api_url}/health", timeout=1) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


def _free_port() -> int:
    """A local port nobody listens on now (uvicorn binds it a moment later: see the retry above)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def needs_temporary_server() -> bool:
    """Whether Prefect would start a temporary server for this process: no API configured, ephemeral allowed."""
    from prefect.settings import get_current_settings

    settings = get_current_settings()
    return not settings.api.url and settings.server.ephemeral.enabled


def startup_timeout() -> float:
    """Prefect's own setting for how long to wait (the CLI raises its default: see flows/settings.py)."""
    from prefect.settings import get_current_settings

    return float(get_current_settings().server.ephemeral.startup_timeout_seconds)
