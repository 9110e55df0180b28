"""The dev sets (``samples/dev2``, ``samples/dev3``, ``samples/dev4``) scored as the held-out set is, without Prefect.

Each inbox file goes through ``transforms.pipeline.process`` (keywords left
out: they are not scored and cost most of the time); the rows are written to a
throw-away DuckDB file with the contract's columns and scored by
``../shared/eval/score.py``.  The dev sets were visible while the extraction
rules were written, so these floors guard against regressions; they say little
about unseen articles (``tests/test_heldout.py`` does).
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCORE_PY = ROOT / "../shared/eval/score.py"

# Measured on the working tree of the day (dev2: 1.0 / 1.0 / 1.0, dev3: 1.0 / 1.0 / 1.0;
# before the dev3 work dev3 scored 0.761 / 0.937 / 0.475).  Each floor is about 0.05 below.
# dev4 (written cold, scored 0.638 / 0.874 / 0.467 before its fixes) measures 0.915 / 0.96 / 1.0:
# its statistics-bureau release names its city only in its source (邢台市统计局), which the
# extractors read once the pipeline passes them ``source``; then 1.0 / 1.0 / 1.0.
FLOORS = {
    "dev2": {"indicator_recall": 0.95, "indicator_precision": 0.95, "project_recall": 0.95},
    "dev3": {"indicator_recall": 0.95, "indicator_precision": 0.95, "project_recall": 0.95},
    "dev4": {"indicator_recall": 0.95, "indicator_precision": 0.95, "project_recall": 0.95},
    # dev5 (session 4, investment-project styles, written cold: 0.758 / 1.0 / 0.385) measures
    # 0.879 / 1.0 / 0.962 after the project and metadata fixes (two traditional-script headers gave
    # no date, so no periods); 1.0 / 1.0 / 1.0 once 签约资金, 12个项目现场签约 and a 全市 said by 钦州市商务局
    # in an article about 广西 were read.
    "dev5": {"indicator_recall": 0.95, "indicator_precision": 0.95, "project_recall": 0.95},
    # dev6 (session 4, report styles: work reports, bulletins, press conferences, Xinhua, HK/TW, converter,
    # acronyms; written cold: 0.923 / 1.0 / 0.633) measures 1.0 / 1.0 / 1.0 after the project fixes and the
    # same day's indicator work (which reads 6个项目总投资达186亿元 as a signing's tally).
    "dev6": {"indicator_recall": 0.95, "indicator_precision": 0.95, "project_recall": 0.95},
    # dev7 (session 4, indicator shapes: 主要预期目标, quarterly releases with 百分点 comparisons, negative growth,
    # 万亿元/亿美元, per-head income, shares, 年均/两年平均 traps; written cold: 0.938 / 1.0, no trap hit) measures
    # 1.0 / 1.0 once disposable income per head has codes. It names no project, so no project floor.
    "dev7": {"indicator_recall": 0.95, "indicator_precision": 0.95},
    # dev8 (session 5, project shapes: 招商引资 roundups, lists with 、 and ；, ceremonies, provincial lists in prose,
    # TW/HK, 「」“” names, amounts before names, 亿美元, bracketed phases, and programmes that are no projects;
    # written cold: project recall 0.729, four programme names as projects) measures project recall 0.979 after
    # the session-5 project fixes (no programme named; project_traps.csv, checked in test_extract_projects_shapes).
    # Its indicator recall (0.75: two provincial-list totals, one signing total) is 1.0 after session 6's indicator
    # fixes (a list's size said with the list; 签约总金额 as an investment total).
    "dev8": {"indicator_recall": 0.95, "indicator_precision": 0.95, "project_recall": 0.93},
    # dev9 (session 6, project shapes: names that are only a product or a capacity, government works priced by
    # 估算/概算 in 万元, 技改/扩建 of a plant, press-conference answers, the amount in the next sentence, 亿日元/亿欧元,
    # a 全角-spaced plan table, TW board approvals and HK holdings, emoji bullets; written cold: project recall
    # 0.303, no trap hit) measures 0.879 after the session-6 project fixes, and 1.0 once the reflow stage no longer
    # joins two rows of a column-aligned table as unfinished prose.
    "dev9": {"indicator_recall": 0.9, "indicator_precision": 0.9, "project_recall": 0.95},
    # dev10 (session 6, indicator shapes: 分季度 breakdowns, district lists with 分别, figures named as a topic,
    # 环比 (never a yoy rate), 比上年增加 amounts, electricity, port and tourism figures, TW/HK items, 26 traps;
    # written cold: 0.69 / 1.0, no trap hit) measures 1.0 / 1.0 after the session-6 indicator fixes. No projects.
    "dev10": {"indicator_recall": 0.95, "indicator_precision": 0.95},
    # dev11 (session 7, project shapes: company said in another sentence (其/公司/speaker/short name), facilities
    # (实验室, 研究院, 平台, 联络线, 互通立交, 水库), Q&A answers, pipe and space-aligned tables with a 合计 row,
    # ①/（1）/一是 lists, 备案/环评公示/交工验收, TW/HK/converter/HTML; written cold: project recall 0.547, no
    # trap hit) measures 1.0 after the session-7 project fixes.
    "dev11": {"indicator_recall": 0.95, "indicator_precision": 0.95, "project_recall": 0.95},
    # dev12 (session 7, indicator shapes of cumulative reports: a month/quarter named in passing, 今年 for a programme,
    # 今年以来, 前8月, amounts tied by 的, 比2022年 beside 同比, sub-items named again, milestones; written cold:
    # 0.74 / 0.74, one trap hit) measures 1.0 / 1.0, no trap hit. No projects.
    "dev12": {"indicator_recall": 0.95, "indicator_precision": 0.95},
    # dev13 (session 7, repair styles: breadcrumbs in any wording, full-width and title-case acronyms beside Latin
    # names that must not change, new footer orders, WeChat posts, layout tables; written cold: metadata 0.88,
    # text checks 0.707) measures 1.0 / 1.0 after the session-7 normalisation, boilerplate and metadata fixes.
    # No figures and no projects.
    "dev13": {"metadata_accuracy": 0.95, "text_checks": 0.95},
    # dev14 (session 7, metadata forms: a day and weekday without a year, 【来源：】【作者：】 in a row, WeChat accounts
    # as sources, a closing byline in a short last paragraph, 央视记者; written cold: 0.867 against the corrected gold,
    # photo credits not authors) measures 1.0. No figures and no projects.
    "dev14": {"metadata_accuracy": 0.95},
}
# The dev sets whose inbox make_inbox.py rebuilds (dev2 has no make_inbox.py).
DEV_SETS = [name for name in FLOORS if name != "dev2"]
MAX_TRAP_HITS = 0


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _warehouse(inbox: Path, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    import transforms.pipeline as pipeline

    monkeypatch.setattr(pipeline, "keywords", lambda text: [])
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE documents (doc_id VARCHAR, source_path VARCHAR, title VARCHAR, source_name VARCHAR,"
                " published_at TIMESTAMP, authors VARCHAR[], script VARCHAR, text VARCHAR,"
                " text_simplified VARCHAR, encoding VARCHAR)")
    con.execute("CREATE TABLE indicators (doc_id VARCHAR, region VARCHAR, period_start DATE, period_end DATE,"
                " indicator VARCHAR, value DOUBLE, unit VARCHAR, value_base DOUBLE, yoy_pct DOUBLE, qualifier VARCHAR)")
    con.execute("CREATE TABLE projects (doc_id VARCHAR, name VARCHAR, company VARCHAR, investment_base DOUBLE)")
    for path in sorted(p for p in inbox.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        out = pipeline.process(raw, path.name)
        assert out.document is not None, path
        doc_id = hashlib.sha256(raw).hexdigest()
        d = out.document
        con.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [doc_id, path.relative_to(inbox).as_posix(), d["title"], d["source_name"], d["published_at"],
                     d["authors"], d["script"], d["text"], d["text_simplified"], d["encoding"]])
        for r in out.indicators:
            con.execute("INSERT INTO indicators VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [doc_id, r["region"], r["period_start"], r["period_end"], r["indicator"], r["value"],
                         r["unit"], r["value_base"], r["yoy_pct"], r["qualifier"]])
        for r in out.projects:
            con.execute("INSERT INTO projects VALUES (?, ?, ?, ?)",
                        [doc_id, r["name"], r["company"], r["investment_base"]])
    con.close()


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_dev_set_scores_stay_above_their_floors(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not SCORE_PY.is_file():
        pytest.skip("../shared/eval/score.py is not beside the repository")
    dev = ROOT / "samples" / name
    db = tmp_path / "dev.duckdb"
    _warehouse(dev / "inbox", db, monkeypatch)
    result = _load("jingji_eval_score", SCORE_PY).score(str(db), dev / "gold")
    low = {k: (result[k], floor) for k, floor in FLOORS[name].items() if result[k] < floor}
    assert not low, f"{name} fell below its floors (got, floor): {low}; missed: {result['indicators_missed']}"
    traps = (dev / "gold" / "traps.csv").read_text(encoding="utf-8").splitlines()[1:]
    if traps:  # score.py leaves trap_hits out only when a set has no traps
        assert result["trap_hits"] <= MAX_TRAP_HITS


@pytest.mark.parametrize("name", DEV_SETS)
def test_dev_inbox_is_built_from_its_articles(name: str) -> None:
    """The committed inbox is what make_inbox.py writes (edit an article, rerun the script)."""
    dev = ROOT / "samples" / name
    make_inbox = _load(f"{name}_make_inbox", dev / "make_inbox.py")
    for stem, codec in make_inbox.CODECS.items():
        assert (dev / "inbox" / f"{stem}_{codec}.txt").read_bytes() == make_inbox.build(stem, codec), stem
    assert {p.name for p in (dev / "inbox").iterdir()} == {f"{s}_{c}.txt" for s, c in make_inbox.CODECS.items()}


@pytest.mark.parametrize("name", DEV_SETS)
def test_dev_gold_names_its_articles(name: str) -> None:
    import csv

    dev = ROOT / "samples" / name
    stems = {p.stem for p in (dev / "articles").glob("*.txt")}
    for table in ("documents.csv", "indicators.csv", "projects.csv", "text_checks.csv", "traps.csv"):
        with open(dev / "gold" / table, encoding="utf-8", newline="") as f:
            assert {r["file"] for r in csv.DictReader(f)} <= stems, table
