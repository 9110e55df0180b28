"""The held-out set: ten articles the extraction code was not written against.

``tests/fixtures/heldout/`` holds invented articles in styles and places the
samples do not cover (statistical bulletin, government work report, Xinhua
dispatch, press conference, Hong Kong and Taiwan reporting, converter output,
an acronym-heavy tech-park piece), their inbox in a mix of encodings, and hand
labels in the formats ``../shared/eval/score.py`` reads.

The slow test builds a warehouse from that inbox with the real ingest flow and
scores it.  Its floors sit a little below what the code measured when the set
was made: a guard against regressions, not a target.  Do not tune extraction to
these articles; fix the kind of failure and let the figures follow.
"""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT, SHARED

HELDOUT = ROOT / "tests" / "fixtures" / "heldout"
INBOX = HELDOUT / "inbox"
GOLD = HELDOUT / "gold"
SCORE_PY = SHARED / "eval" / "score.py"

# Measured when the set was added (HEAD 4d26b76: metadata 0.86, text 0.924, recall 0.611,
# precision 0.727, projects 0.556), and after the broader dev set (samples/dev2) landed:
# metadata 0.94, text 0.939, recall 0.868, precision 0.954, projects 0.667, 0 traps;
# after samples/dev3 (session 2): projects 0.704, the rest unchanged; session 3 metadata 0.96;
# session 4 (dev5-dev7): recall 0.875, precision 0.955, projects 0.815, the rest unchanged;
# session 6 (dev9, dev10): recall 0.889, projects 0.852, the rest unchanged.
# Each floor is about 0.05 below the latest figure. Raise a floor when the code
# measurably improves; never lower one to make a change pass.
FLOORS = {
    "metadata_accuracy": 0.91,
    "text_checks": 0.89,
    "indicator_recall": 0.84,
    "indicator_precision": 0.90,
    "project_recall": 0.80,
}
# No trap is hit by the working tree of the same day (HEAD 4d26b76 hit one: the per-head GDP
# growth 人均地区生产总值…增长5.6% read as gdp; the gdp_per_capita code fixed it).
MAX_TRAP_HITS = 0


def _load_module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(name: str) -> list[dict[str, str]]:
    with open(GOLD / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_inbox_is_built_from_the_articles() -> None:
    """The committed inbox is what make_inbox.py writes (edit an article, rerun the script)."""
    make_inbox = _load_module("heldout_make_inbox", HELDOUT / "make_inbox.py")
    for entry in make_inbox.ENTRIES:
        assert (INBOX / entry.path).read_bytes() == make_inbox.build(entry), entry.path
    on_disk = {p.relative_to(INBOX).as_posix() for p in INBOX.rglob("*") if p.is_file()}
    assert on_disk == {e.path for e in make_inbox.ENTRIES}


def test_gold_is_consistent() -> None:
    """Every gold key names an article, and no trap is also a true growth rate of the same cell."""
    stems = {p.stem for p in (HELDOUT / "articles").glob("*.txt")}
    for name in ("documents.csv", "indicators.csv", "projects.csv", "text_checks.csv", "traps.csv"):
        assert {r["file"] for r in _rows(name)} <= stems, name
    truths = {(r["file"], r["indicator"], r["period_end"][:4], float(r["yoy_pct"]))
              for r in _rows("indicators.csv") if r["yoy_pct"]}
    for t in _rows("traps.csv"):
        assert (t["file"], t["indicator"], t["year"], float(t["yoy_pct"])) not in truths, t


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_heldout_scores_stay_above_their_floors(tmp_path: Path) -> None:
    if not SCORE_PY.is_file():
        pytest.skip("../shared/eval/score.py is not beside the repository")
    from flows.ingest import ingest_flow

    warehouse = tmp_path / "wh"
    report = ingest_flow(inbox=str(INBOX), warehouse=str(warehouse))
    assert report["documents_loaded"] == len(_rows("documents.csv"))
    assert report["files_quarantined"] == 0

    score = _load_module("jingji_eval_score", SCORE_PY)
    result = score.score(str(warehouse), GOLD)
    print()
    for key, value in result.items():
        print(f"heldout {key}: {value}")

    low = {k: (result[k], floor) for k, floor in FLOORS.items() if result[k] < floor}
    assert not low, f"held-out figures fell below their floors (got, floor): {low}"
    assert result["trap_hits"] <= MAX_TRAP_HITS
