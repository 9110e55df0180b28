#!/usr/bin/env python3
"""Set up and run jingji from a fresh clone, with nothing but Python 3.11.

    python3 dev.py demo    # install everything, ingest samples/inbox into data/warehouse, show what loaded
    python3 dev.py test    # install everything, then lint and run the whole test suite

Both create ``.venv`` and install the pinned versions in ``constraints.txt``;
a second call skips the install when neither file changed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".jingji-installed"


def run(*cmd: str | Path, **kwargs) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT, **kwargs)


def install() -> None:
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"jingji needs Python 3.11 (this is {sys.version.split()[0]}); run it with python3.11")
    if not (BIN / "python").exists():
        run(sys.executable, "-m", "venv", VENV)
    wanted = hashlib.sha256(
        b"".join((ROOT / f).read_bytes() for f in ("pyproject.toml", "constraints.txt"))
    ).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    pip = (BIN / "python", "-m", "pip", "install", "--disable-pip-version-check", "-q")
    run(*pip, "-c", "constraints.txt", "-e", ".[test]")
    STAMP.write_text(wanted)


def demo() -> None:
    install()
    warehouse = ROOT / "data" / "warehouse"
    run(BIN / "jingji", "ingest", "--inbox", "samples/inbox", "--warehouse", warehouse)
    run(
        BIN / "jingji",
        "sql",
        "--warehouse",
        warehouse,
        "SELECT source_path, encoding, round(encoding_confidence, 2) AS confidence, script, "
        "left(text, 24) AS starts FROM documents ORDER BY source_path",
    )
    run(
        BIN / "jingji",
        "sql",
        "--warehouse",
        warehouse,
        "SELECT source_path, reason, detail FROM quarantine ORDER BY source_path",
    )


def test() -> None:
    install()
    run(BIN / "ruff", "check", ".")
    run(BIN / "python", "-m", "pytest", *sys.argv[2:])


if __name__ == "__main__":
    commands = {"demo": demo, "test": test, "install": install}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    try:
        commands[sys.argv[1]]()
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode)
