"""The held-out sets: articles the extraction code was not written against.

``tests/fixtures/heldout/`` holds invented articles in styles and places the
samples do not cover (statistical bulletin, government work report, Xinhua
dispatch, press conference, Hong Kong and Taiwan reporting, converter output,
an acronym-heavy tech-park piece), their inbox in a mix of encodings, and hand
labels in the formats ``../shared/eval/score.py`` reads.  Its printed misses
guided some rules, so its figures now overstate how the code does on unseen
articles.

``tests/fixtures/heldout2/`` (session 7) is a second, honest set in the same
formats (county work report, monthly 统计局 release, Xinhua dispatch, signing
roundup, 集中开工 report, Hong Kong paper, WeChat post, saved .html page,
pinyin converter output, a newspaper page split by a sidebar; one mojibake
file).  Its test prints only the metric lines, never the missed rows or failed
checks, so that nobody tunes to them.

The slow test builds a warehouse from each inbox with the real ingest flow and
scores it.  The floors sit a little below what the code measured: a guard
against regressions, not a target.  Do not tune extraction to these articles;
fix the kind of failure and let the figures follow.
"""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

import pytest

from tests.conftest import ROOT, SHARED

FIXTURES = ROOT / "tests" / "fixtures"
SCORE_PY = SHARED / "eval" / "score.py"
METRICS = ("metadata_accuracy", "text_checks", "indicator_recall", "indicator_precision", "project_recall",
           "trap_hits", "documents")


class HeldOut(NamedTuple):
    name: str  # the folder under tests/fixtures/, and the prefix of the printed lines
    floors: dict[str, float]
    max_trap_hits: int
    show_misses: bool  # print the missed rows and failed checks (heldout2 never does)


# heldout: measured when the set was added (HEAD 4d26b76: metadata 0.86, text 0.924, recall 0.611,
# precision 0.727, projects 0.556), and after the broader dev set (samples/dev2) landed:
# metadata 0.94, text 0.939, recall 0.868, precision 0.954, projects 0.667, 0 traps;
# after samples/dev3 (session 2): projects 0.704, the rest unchanged; session 3 metadata 0.96;
# session 4 (dev5-dev7): recall 0.875, precision 0.955, projects 0.815, the rest unchanged;
# session 6 (dev9, dev10): recall 0.889, projects 0.852, the rest unchanged;
# session 7 (dev11-dev13; its misses had been read, so these overstate): metadata 0.98, text 1.0,
# recall 0.951, precision 0.958, projects 0.889, 0 traps.
# No trap is hit by the working tree of the same day (HEAD 4d26b76 hit one: the per-head GDP
# growth 人均地区生产总值…增长5.6% read as gdp; the gdp_per_capita code fixed it).
# heldout2: written cold in session 7 (labelled by hand before anything ran on it); measured
# HEAD 35a840c + working tree, 2026-11-22: metadata 0.78, text 0.851, recall 0.846 (77 of 91),
# precision 0.951, projects 0.778 (21 of 27), 0 of 55 traps hit, 10 loaded, none quarantined.
# Each floor is about 0.05 below the latest figure. Raise a floor when the code
# measurably improves; never lower one to make a change pass.
SETS = [
    HeldOut("heldout", {
        "metadata_accuracy": 0.93,
        "text_checks": 0.95,
        "indicator_recall": 0.90,
        "indicator_precision": 0.90,
        "project_recall": 0.84,
    }, max_trap_hits=0, show_misses=True),
    HeldOut("heldout2", {
        "metadata_accuracy": 0.73,
        "text_checks": 0.80,
        "indicator_recall": 0.79,
        "indicator_precision": 0.90,
        "project_recall": 0.72,
    }, max_trap_hits=0, show_misses=False),
]
SET_IDS = [s.name for s in SETS]


def _load_module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / "gold" / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("held", SETS, ids=SET_IDS)
def test_inbox_is_built_from_the_articles(held: HeldOut) -> None:
    """The committed inbox is what make_inbox.py writes (edit an article, rerun the script)."""
    folder = FIXTURES / held.name
    inbox = folder / "inbox"
    make_inbox = _load_module(f"{held.name}_make_inbox", folder / "make_inbox.py")
    for entry in make_inbox.ENTRIES:
        assert (inbox / entry.path).read_bytes() == make_inbox.build(entry), entry.path
    on_disk = {p.relative_to(inbox).as_posix() for p in inbox.rglob("*") if p.is_file()}
    assert on_disk == {e.path for e in make_inbox.ENTRIES}


@pytest.mark.parametrize("held", SETS, ids=SET_IDS)
def test_gold_is_consistent(held: HeldOut) -> None:
    """Every gold key names an article, and no trap is also a true growth rate of the same cell."""
    folder = FIXTURES / held.name
    stems = {p.stem for p in (folder / "articles").glob("*.txt")}
    for name in ("documents.csv", "indicators.csv", "projects.csv", "text_checks.csv", "traps.csv"):
        assert {r["file"] for r in _rows(folder, name)} <= stems, name
    truths = {(r["file"], code, r["period_end"][:4], float(r["yoy_pct"]))
              for r in _rows(folder, "indicators.csv") if r["yoy_pct"] for code in r["indicator"].split("|")}
    for t in _rows(folder, "traps.csv"):
        assert (t["file"], t["indicator"], t["year"], float(t["yoy_pct"])) not in truths, t


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
@pytest.mark.parametrize("held", SETS, ids=SET_IDS)
def test_heldout_scores_stay_above_their_floors(held: HeldOut, tmp_path: Path) -> None:
    if not SCORE_PY.is_file():
        pytest.skip("../shared/eval/score.py is not beside the repository")
    from flows.ingest import ingest_flow

    folder = FIXTURES / held.name
    warehouse = tmp_path / "wh"
    report = ingest_flow(inbox=str(folder / "inbox"), warehouse=str(warehouse))
    score = _load_module("jingji_eval_score", SCORE_PY)
    result = score.score(str(warehouse), folder / "gold")
    print()
    for key, value in result.items():
        if held.show_misses or key in METRICS:
            print(f"{held.name} {key}: {value}")
    if not held.show_misses:
        print(f"{held.name} documents_loaded: {report['documents_loaded']}")
        print(f"{held.name} files_quarantined: {report['files_quarantined']}")

    assert report["documents_loaded"] == len(_rows(folder, "documents.csv"))
    assert report["files_quarantined"] == 0
    low = {k: (result[k], floor) for k, floor in held.floors.items() if result[k] < floor}
    assert not low, f"{held.name} figures fell below their floors (got, floor): {low}"
    assert result["trap_hits"] <= held.max_trap_hits
