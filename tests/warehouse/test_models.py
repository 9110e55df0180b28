"""The dbt project against small warehouses built here: real DuckDB, real dbt build."""

from __future__ import annotations

import csv
import shutil
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from warehouse import db, models
from warehouse.models import PROJECT_DIR, ModelsFailed, build_models, docs_generate, refresh_models
from warehouse.near_duplicates import link_near_duplicates
from warehouse.paths import WarehousePaths
from warehouse.schema import DOCUMENTS, INDICATORS, PROJECTS, QUARANTINE, Table

ROOT = Path(__file__).resolve().parents[2]

# Articles written for these tests. B is the newer story; C is B republished by another site
# (another header, punctuation widths changed, one sentence more) a day later.
TEXT_A = (
    "襄阳市前三季度地区生产总值4100亿元，同比增长6.1%。规上工业增加值增长7.2%。"
    "汉江锂能年产20GWh储能电池项目签约落地，总投资120亿元，将打造百亿级锂电产业集群。"
)
TEXT_B = (
    "据统计，襄阳市前三季度实现地区生产总值4127.35亿元，同比增长6.3%，增速居全省第二。"
    "汉江锂能年产20GWh储能电池项目开工建设，隆中精工新能源汽车一体化压铸件项目竣工投产，"
    "全市新能源汽车及锂电产业链加快成形。"
)
TEXT_C = "（来源：襄阳发布）" + TEXT_B.replace("，", ",").replace("。", ".") + "责任编辑：王敏。"
TEXT_D = "绵阳市上半年地区生产总值1850亿元，同比增长5.9%。电子信息产业营业收入突破1500亿元，全年力争增长6.5%。"

PERIOD_Q3 = (date(2023, 1, 1), date(2023, 9, 30))


def _doc(doc_id: str, text: str, **extra) -> dict:
    return {
        "doc_id": doc_id,
        "source_path": f"{doc_id}.txt",
        "encoding": "utf-8",
        "encoding_confidence": 1.0,
        "script": "simplified",
        "text_raw": text,
        "text": text,
        "text_simplified": text,
        "repairs": [],
        "flags": [],
        "keywords": [],
        "received_at": datetime(2024, 1, 1),
        **extra,
    }


def _gdp_q3(doc_id: str, value: float, yoy: float) -> dict:
    return {
        "doc_id": doc_id,
        "region": "襄阳市",
        "period_start": PERIOD_Q3[0],
        "period_end": PERIOD_Q3[1],
        "indicator": "gdp",
        "value": value,
        "unit": "亿元",
        "value_base": value * 1e8,
        "yoy_pct": yoy,
        "char_start": 0,
    }


def _project(doc_id: str, name: str, status: str | None, **extra) -> dict:
    return {"doc_id": doc_id, "name": name, "status": status, "region": "襄阳市", "char_start": 10, **extra}


def insert(paths: WarehousePaths, table: Table, rows: list[dict]) -> None:
    with db.writer(paths) as con:
        con.register("_rows", table.to_arrow(rows))
        con.execute(f'INSERT INTO "{table.name}" BY NAME SELECT * FROM _rows')


def link(paths: WarehousePaths) -> None:
    with db.writer(paths) as con:
        link_near_duplicates(con)


def story_b_rows(doc_id: str) -> tuple[list[dict], list[dict]]:
    indicators = [_gdp_q3(doc_id, 4127.35, 6.3)]
    projects = [
        _project(doc_id, "汉江锂能年产20GWh储能电池项目", "started"),
        _project(doc_id, "隆中精工新能源汽车一体化压铸件项目", "operating", company="隆中精工"),
    ]
    return indicators, projects


def mart_rows(paths: WarehousePaths) -> dict[str, list[tuple]]:
    with duckdb.connect(str(paths.database), read_only=True) as con:
        return {
            name: con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall()
            for name in ("region_indicator_timeseries", "project_pipeline", "keyword_trends")
        } | {
            "source_quality_totals": con.execute(
                "SELECT dimension, sum(documents), sum(repairs), sum(flags), sum(quarantines) "
                "FROM source_quality GROUP BY dimension ORDER BY dimension"
            ).fetchall()
        }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A warehouse of three stories and a copy; built, then a republished copy added and rebuilt."""
    paths = WarehousePaths(tmp_path_factory.mktemp("models") / "wh")
    insert(
        paths,
        DOCUMENTS,
        [
            _doc("a", TEXT_A, source_name="襄阳日报", published_at=datetime(2023, 10, 20, 9),
                 keywords=["锂电", "储能"], repairs=["punctuation"]),
            _doc("b", TEXT_B, source_name="湖北日报", published_at=datetime(2023, 11, 2, 9),
                 keywords=["锂电", "开工"], repairs=["boilerplate", "reflow"], flags=["truncated"]),
            _doc("c", TEXT_C, source_name="襄阳发布", published_at=datetime(2023, 11, 3, 9), keywords=["锂电", "开工"]),
            _doc("d", TEXT_D, source_name="绵阳日报", published_at=datetime(2023, 7, 15), keywords=["电子信息"],
                 encoding="gb18030", encoding_confidence=0.99),
        ],
    )  # fmt: skip
    b_indicators, b_projects = story_b_rows("b")
    c_indicators, c_projects = story_b_rows("c")
    insert(
        paths,
        INDICATORS,
        [
            _gdp_q3("a", 4100, 6.1),
            {**_gdp_q3("a", 0, 7.2), "indicator": "industrial_value_added", "value": None, "value_base": None},
            *b_indicators,
            *c_indicators,
            {"doc_id": "d", "region": "绵阳市", "period_start": date(2023, 1, 1), "period_end": date(2023, 6, 30),
             "indicator": "gdp", "value": 1850, "unit": "亿元", "value_base": 1.85e11, "yoy_pct": 5.9},
            {"doc_id": "d", "region": "绵阳市", "period_start": date(2023, 1, 1), "period_end": date(2023, 12, 31),
             "indicator": "industry_revenue", "yoy_pct": 6.5, "qualifier": "target"},
        ],
    )  # fmt: skip
    insert(
        paths,
        PROJECTS,
        [
            _project("a", "汉江锂能年产20GWh储能电池项目", "signed", company="汉江锂能", investment_base=1.2e10),
            *b_projects,
            *c_projects,
        ],
    )
    insert(
        paths,
        QUARANTINE,
        [{"source_path": "scan.png", "sha256": "q1", "reason": "binary", "detail": "…", "received_at": datetime.now()}],
    )
    link(paths)
    first = build_models(paths.root)
    before = mart_rows(paths)

    # The same story as b arrives again in another encoding (other bytes, so another doc_id), undated.
    e_indicators, e_projects = story_b_rows("e")
    insert(paths, DOCUMENTS, [_doc("e", TEXT_B, source_name="新浪财经", encoding="gb18030", keywords=["锂电", "开工"])])
    insert(paths, INDICATORS, e_indicators)
    insert(paths, PROJECTS, e_projects)
    link(paths)
    second = build_models(paths.root)
    return {"paths": paths, "first": first, "second": second, "before": before, "after": mart_rows(paths)}


def query(paths: WarehousePaths, sql: str) -> list[tuple]:
    with duckdb.connect(str(paths.database), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_build_passes_and_counts_nodes(built: dict) -> None:
    result = built["first"]
    assert result.success and result.failed == result.errored == 0
    assert result.passed >= 80  # 11 models and a seed, 80-odd data tests, 3 unit tests
    assert result.failing == []
    assert (result.target_dir / "run_results.json").is_file()


def test_copies_are_linked_to_the_earliest_publication(built: dict) -> None:
    links = query(built["paths"], "SELECT doc_id, canonical_doc_id FROM document_links ORDER BY doc_id")
    assert links == [("c", "b"), ("e", "b")]


def test_timeseries_counts_a_figure_once_and_latest_publication_wins(built: dict) -> None:
    rows = query(
        built["paths"],
        "SELECT region, indicator, period_start, period_months, value, yoy_pct, n_sources, sources_disagree, doc_id "
        "FROM region_indicator_timeseries ORDER BY region, indicator",
    )
    assert rows == [
        ("绵阳市", "gdp", date(2023, 1, 1), 6, 1850.0, 5.9, 1, False, "d"),  # the target row is no outcome
        ("襄阳市", "gdp", date(2023, 1, 1), 9, 4127.35, 6.3, 2, True, "b"),  # b beats a; c is b's copy
        ("襄阳市", "industrial_value_added", date(2023, 1, 1), 9, None, 7.2, 1, False, "a"),
    ]


def test_project_pipeline_follows_status_across_articles(built: dict) -> None:
    rows = query(
        built["paths"],
        "SELECT project_name, company, investment_base, status, furthest_status, n_articles, "
        "[h.status for h in status_history] FROM project_pipeline ORDER BY project_key",
    )
    assert rows == [
        ("汉江锂能年产20GWh储能电池项目", "汉江锂能", 1.2e10, "started", "started", 2, ["signed", "started"]),
        ("隆中精工新能源汽车一体化压铸件项目", "隆中精工", None, "operating", "operating", 1, ["operating"]),
    ]


def test_source_quality_by_outlet_and_encoding(built: dict) -> None:
    paths = built["paths"]
    assert built["before"]["source_quality_totals"] == [("encoding", 3, 3, 1, 1), ("source_name", 3, 3, 1, 1)]
    by_outlet = {
        r[0]: r[1:]
        for r in query(
            paths,
            "SELECT dimension_value, documents, near_duplicates, quarantines, repairs, repair_counts['boilerplate'] "
            "FROM source_quality WHERE dimension = 'source_name'",
        )
    }
    assert by_outlet["湖北日报"] == (1, 0, 0, 2, 1)
    assert by_outlet["襄阳发布"] == (0, 1, 0, 0, None)  # the copy
    assert by_outlet["(unknown)"] == (0, 0, 1, 0, None)  # the quarantined file
    encodings = dict(query(paths, "SELECT dimension_value, documents FROM source_quality WHERE dimension = 'encoding'"))
    assert encodings == {"utf-8": 2, "gb18030": 1, "(not decoded)": 0}


def test_keyword_trends_by_month_and_region(built: dict) -> None:
    rows = query(
        built["paths"],
        "SELECT strftime(month, '%Y-%m'), region, keyword, n_documents FROM keyword_trends ORDER BY ALL",
    )
    assert rows == [
        ("2023-07", "绵阳市", "电子信息", 1),
        ("2023-10", "襄阳市", "储能", 1),
        ("2023-10", "襄阳市", "锂电", 1),
        ("2023-11", "襄阳市", "开工", 1),  # b counted, its copy c not
        ("2023-11", "襄阳市", "锂电", 1),
    ]


def test_republishing_a_story_changes_no_mart(built: dict) -> None:
    assert built["second"].success
    assert built["after"] == built["before"]


def test_a_failing_test_fails_the_build_with_its_name(tmp_path: Path) -> None:
    paths = WarehousePaths(tmp_path / "wh")
    insert(paths, DOCUMENTS, [_doc("x", TEXT_A)])
    insert(paths, INDICATORS, [_gdp_q3("x", 4100, 5000.0), {**_gdp_q3("x", 1, 1), "indicator": "gdp_per_mu"}])
    with pytest.raises(ModelsFailed) as caught:
        build_models(paths.root, select="indicator_vocabulary stg_indicators")
    result = caught.value.result
    assert result.failed == 2 and not result.success
    failing = "\n".join(result.failing)
    assert "value_between_stg_indicators_yoy_pct" in failing  # +5000 % is no growth rate
    assert "relationships_stg_indicators_indicator" in failing  # gdp_per_mu is not in the vocabulary
    assert "2 failed" in str(caught.value)
    # asked not to raise, the same result comes back
    assert not build_models(paths.root, select="stg_indicators", raise_on_failure=False).success


@pytest.fixture
def copy_of_built(built: dict, tmp_path: Path) -> WarehousePaths:
    """The built warehouse (with its saved plan), copied so a test may change it."""
    shutil.copytree(built["paths"].root, tmp_path / "wh")
    return WarehousePaths(tmp_path / "wh")


def test_refresh_replays_the_plan_and_builds_what_dbt_builds(copy_of_built: WarehousePaths) -> None:
    paths = copy_of_built
    # a new article loaded since the build: another region, a newer figure for an old one
    text = "宜昌市前三季度地区生产总值90亿元，同比增长3.1%。襄阳市地区生产总值4130亿元，增长6.4%，锂电项目投产。"
    insert(paths, DOCUMENTS, [_doc("f", text, published_at=datetime(2023, 12, 1), keywords=["锂电"])])
    insert(paths, INDICATORS, [_gdp_q3("f", 4130, 6.4), {**_gdp_q3("f", 90, 3.1), "region": "宜昌市"}])
    insert(paths, PROJECTS, [_project("f", "汉江锂能年产20GWh储能电池项目", "operating")])
    link(paths)
    replayed = refresh_models(paths.root)
    assert replayed.mode == "replay" and replayed.success and replayed.passed >= 80
    rows = mart_rows(paths)
    assert ("宜昌市", "gdp") in {row[:2] for row in rows["region_indicator_timeseries"]}
    assert build_models(paths.root).mode == "dbt build"
    assert mart_rows(paths) == rows


def test_a_failing_test_fails_the_replay_with_its_name(copy_of_built: WarehousePaths) -> None:
    insert(copy_of_built, INDICATORS, [_gdp_q3("a", 4100, 5000.0)])
    with pytest.raises(ModelsFailed) as caught:
        refresh_models(copy_of_built.root)
    assert caught.value.result.mode == "replay"
    assert "value_between_stg_indicators_yoy_pct" in "\n".join(caught.value.result.failing)


def test_a_changed_project_or_a_broken_relation_means_a_full_build(
    copy_of_built: WarehousePaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    with duckdb.connect(str(copy_of_built.database)) as con:
        con.execute("DROP VIEW staging.stg_indicators")  # the replay's SQL fails: dbt rebuilds everything
    insert(copy_of_built, DOCUMENTS, [_doc("n1", TEXT_D, published_at=datetime(2023, 8, 1))])
    assert refresh_models(copy_of_built.root).mode == "dbt build"
    insert(copy_of_built, DOCUMENTS, [_doc("n2", TEXT_D, published_at=datetime(2023, 8, 2))])
    assert refresh_models(copy_of_built.root).mode == "replay"
    monkeypatch.setattr(models, "project_fingerprint", lambda: "edited")
    assert refresh_models(copy_of_built.root).mode == "dbt build"


# Every table a refresh keeps up to date, row for row.
REFRESHED = (
    "region_indicator_timeseries",
    "project_pipeline",
    "keyword_trends",
    "source_quality",
    "staging.int_documents",
    "staging.int_project_mentions",
)


def all_rows(paths: WarehousePaths) -> dict[str, list[str]]:
    """Every row of the refreshed tables, as sorted text (maps and lists of structs have no SQL order)."""
    with duckdb.connect(str(paths.database), read_only=True) as con:
        return {name: sorted(map(repr, con.execute(f"SELECT * FROM {name}").fetchall())) for name in REFRESHED}


def full_rebuild_rows(paths: WarehousePaths, tmp_path: Path, name: str) -> dict[str, list[str]]:
    """The same tables re-created whole from the plan, in a copy of the warehouse."""
    copy = WarehousePaths(tmp_path / name)
    shutil.copytree(paths.root, copy.root)
    assert refresh_models(copy.root, full=True).inputs is None
    return all_rows(copy)


def test_an_incremental_refresh_equals_a_full_rebuild(copy_of_built: WarehousePaths, tmp_path: Path) -> None:
    paths = copy_of_built
    # 1. New stories: a newer figure for an old key, an older-dated one that must not win, an undated
    #    article, a new region, a project named again, a file quarantined.
    text_f = "宜昌市前三季度地区生产总值3900亿元，同比增长5.2%。襄阳市地区生产总值4130亿元，汉江锂能项目投产。"
    text_h = "九月初的统计显示，襄阳市前三季度地区生产总值预计4090亿元，同比增长6.0%，新能源汽车产业链加快集聚。"
    text_u = "樊城区重点项目集中开工，其中隆中精工新能源汽车一体化压铸件项目总投资35亿元，计划明年建成。"
    insert(
        paths,
        DOCUMENTS,
        [
            _doc("f", text_f, source_name="三峡日报", published_at=datetime(2023, 12, 1), keywords=["锂电", "投产"],
                 received_at=datetime(2024, 2, 1)),
            _doc("h", text_h, source_name="湖北日报", published_at=datetime(2023, 9, 2), keywords=["新能源汽车"],
                 repairs=["mojibake"], received_at=datetime(2024, 2, 1)),
            _doc("u", text_u, keywords=["开工", "压铸"], flags=["undated"], received_at=datetime(2024, 2, 1)),
        ],
    )  # fmt: skip
    insert(
        paths,
        INDICATORS,
        [
            _gdp_q3("f", 4130, 6.4),
            {**_gdp_q3("f", 3900, 5.2), "region": "宜昌市"},
            {**_gdp_q3("h", 4090, 6.0), "qualifier": "estimate"},
        ],
    )
    insert(
        paths,
        PROJECTS,
        [
            _project("f", "汉江锂能年产20GWh储能电池项目", "operating"),
            _project("u", "隆中精工新能源汽车一体化压铸件项目", "planned", investment_base=3.5e9, region="樊城区"),
        ],
    )
    insert(
        paths,
        QUARANTINE,
        [{"source_path": "page.pdf", "sha256": "q2", "reason": "binary", "detail": "…", "received_at": datetime.now()}],
    )
    link(paths)
    first = refresh_models(paths.root)
    assert (first.mode, first.inputs) == ("replay", 4) and first.success and first.failed == 0
    assert all_rows(paths) == full_rebuild_rows(paths, tmp_path, "full-1")

    # 2. An earlier copy of an old story arrives: it becomes the canonical document and the old one a
    #    near-duplicate, so the old document's figures, groups and outlet are recomputed too.
    insert(paths, DOCUMENTS, [_doc("g", TEXT_D, source_name="四川日报", published_at=datetime(2023, 7, 14),
                                   keywords=["电子信息"], received_at=datetime(2024, 3, 1))])  # fmt: skip
    insert(paths, INDICATORS, [{"doc_id": "g", "region": "绵阳市", "period_start": date(2023, 1, 1),
                                "period_end": date(2023, 6, 30), "indicator": "gdp", "value": 1851, "unit": "亿元",
                                "value_base": 1.851e11, "yoy_pct": 5.9}])  # fmt: skip
    link(paths)
    assert query(paths, "SELECT canonical_doc_id FROM document_links WHERE doc_id = 'd'") == [("g",)]
    second = refresh_models(paths.root)
    assert (second.mode, second.inputs) == ("replay", 2)  # g, and d relinked
    rows = query(paths, "SELECT doc_id, value, n_sources FROM region_indicator_timeseries WHERE region = '绵阳市'")
    assert rows == [("g", 1851.0, 1)]
    assert all_rows(paths) == full_rebuild_rows(paths, tmp_path, "full-2")

    # 3. Nothing new: nothing recomputed. An input gone (removed by hand): a full refresh.
    assert refresh_models(paths.root).inputs == 0
    with duckdb.connect(str(paths.database)) as con:
        for table in ("documents", "projects"):
            con.execute(f"DELETE FROM {table} WHERE doc_id = 'u'")
    assert refresh_models(paths.root).inputs is None
    after_removal = all_rows(paths)
    assert not any("樊城区" in row for row in after_removal["project_pipeline"])

    # and dbt itself builds the same tables
    assert build_models(paths.root).mode == "dbt build"
    assert all_rows(paths) == after_removal


def test_a_failing_test_on_a_new_document_fails_each_replay_until_fixed(copy_of_built: WarehousePaths) -> None:
    paths = copy_of_built
    insert(paths, DOCUMENTS, [_doc("x", TEXT_A, published_at=datetime(2023, 12, 5))])
    insert(paths, INDICATORS, [_gdp_q3("x", 4100, 5000.0)])  # +5000 %: no growth rate
    for _ in range(2):  # the failed inputs stay in the next refresh's scope
        with pytest.raises(ModelsFailed) as caught:
            refresh_models(paths.root)
        assert caught.value.result.inputs == 1
        assert "value_between_stg_indicators_yoy_pct" in "\n".join(caught.value.result.failing)
    with duckdb.connect(str(paths.database)) as con:
        con.execute("UPDATE indicators SET yoy_pct = 5.0 WHERE doc_id = 'x'")
        assert con.execute("SELECT count(*) FROM staging.model_scope").fetchone()[0] == 0  # at rest: empty
    assert refresh_models(paths.root).success


def test_docs_generate_writes_the_site(built: dict) -> None:
    index = docs_generate(built["paths"].root)
    assert index.is_file() and (index.parent / "catalog.json").is_file()
    assert "region_indicator_timeseries" in (index.parent / "manifest.json").read_text("utf-8")


def test_dbt_writes_nothing_into_the_package() -> None:
    assert not (PROJECT_DIR / "target").exists() and not (PROJECT_DIR / "logs").exists()


def _extractor_codes() -> set[str]:
    """Every code the extractor's vocabulary can write, by the rules its header states."""
    codes = set()
    text = (ROOT / "transforms" / "data" / "extract_indicators.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, kind = line.split("\t")[1:3]
        codes.add(code)
        if kind == "count":
            codes.add("new_" + code)
        if kind == "projects":
            codes.add(code + "_investment")
    return codes


def test_vocabulary_seed_names_every_extractor_code() -> None:
    with (PROJECT_DIR / "seeds" / "indicator_vocabulary.csv").open(encoding="utf-8") as f:
        seed = {row["code"] for row in csv.DictReader(f)}
    assert _extractor_codes() - seed == set()
