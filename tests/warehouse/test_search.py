"""Chinese full-text search: jieba/bigram terms in an incremental inverted index, queried with ``search()``."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from warehouse.near_duplicates import link_near_duplicates
from warehouse.schema import DOCUMENTS
from warehouse.search import refresh_search_index, search

# Written for these tests.
LITHIUM = (
    "汉江锂能年产20GWh储能电池项目开工",
    "襄阳市锂电产业加速集聚。汉江锂能年产20GWh储能电池项目今日开工，总投资120亿元，"
    "项目建成后将形成正极材料、电芯到电池包的锂电池完整产业链，带动上下游企业30余家落户。",
)
INVESTMENT = (
    "全市重点项目完成投资超计划进度",
    "今年以来，全市120个重点项目完成投资860亿元，占年度计划的82%，其中产业项目投资增长15.2%。",
)
FARMING = (
    "秋粮收获进度过半",
    "全县秋粮收获进度过半，玉米、水稻长势良好，预计全年粮食总产量稳定在50万吨以上。",
)
# A traditional-script article: its text_simplified is what is indexed.
TRADITIONAL = (
    "鋰電新材料項目簽約",
    "嘉興市簽約鋰電新材料項目，總投資35億元。",
    "嘉兴市签约锂电新材料项目，总投资35亿元。",
)


def _add(con: duckdb.DuckDBPyConnection, doc_id: str, title: str, text: str, simplified: str | None = None) -> None:
    con.execute(
        "INSERT INTO documents (doc_id, source_path, title, text, text_simplified) VALUES (?, ?, ?, ?, ?)",
        [doc_id, f"{doc_id}.txt", title, text, simplified or text],
    )


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    database = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute(DOCUMENTS.create_sql())
        _add(con, "lithium", *LITHIUM)
        _add(con, "investment", *INVESTMENT)
        _add(con, "farming", *FARMING)
        _add(con, "traditional", *TRADITIONAL)
        report = refresh_search_index(con)
    assert (report.indexed, report.documents) == (4, 4)
    return database


def _plain_reader(database: Path) -> duckdb.DuckDBPyConnection:
    """A read-only client that has neither jieba terms nor the FTS extension at hand."""
    con = duckdb.connect(str(database), read_only=True, config={"autoload_known_extensions": False})
    con.execute("SET autoinstall_known_extensions = false")
    return con


def test_lithium_article_ranks_first(warehouse: Path) -> None:
    with _plain_reader(warehouse) as con:
        hits = search(con, "锂电")
    # the two articles about lithium batteries, the short one first (BM25 weighs by length)
    assert [h["doc_id"] for h in hits] == ["traditional", "lithium"]
    assert [h["rank"] for h in hits] == [1, 2]
    assert hits[1]["title"] == LITHIUM[0] and hits[0]["title"] == TRADITIONAL[0]  # titles as written
    assert "【锂电】" in hits[1]["snippet"]


def test_the_macro_works_from_a_plain_client_with_space_separated_words(warehouse: Path) -> None:
    with _plain_reader(warehouse) as con:
        rows = con.execute("SELECT doc_id, score FROM search('锂电 投资')").fetchall()
        unspaced = con.execute("SELECT doc_id FROM search('锂电池投资', max_results := 2)").fetchall()
        nothing = con.execute("SELECT * FROM search('量子计算')").fetchall()
    assert {r[0] for r in rows[:2]} == {"lithium", "traditional"}
    assert {r[0] for r in rows} == {"lithium", "investment", "traditional"}
    assert rows == sorted(rows, key=lambda r: -r[1])
    assert [r[0] for r in unspaced] == ["lithium", "traditional"]  # only the first has 锂电池
    assert nothing == []


def test_latin_and_digits_are_searchable(warehouse: Path) -> None:
    with _plain_reader(warehouse) as con:
        assert [r[0] for r in con.execute("SELECT doc_id FROM search('20GWh')").fetchall()] == ["lithium"]


def _load_fts(con: duckdb.DuckDBPyConnection) -> None:
    """DuckDB's FTS extension from its offline wheel: the reference our BM25 is checked against."""
    fts = pytest.importorskip("duckdb_extension_fts")
    path = Path(fts.__file__).parent / "extensions" / f"v{duckdb.__version__}" / "fts.duckdb_extension"
    con.execute(f"LOAD '{path.as_posix()}'")


def test_scores_are_the_extensions_bm25(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse)) as con:
        _load_fts(con)
        con.execute(
            "PRAGMA create_fts_index('search_documents', 'doc_id', 'terms', stemmer = 'none', "
            r"stopwords = 'none', ignore = '\s+', strip_accents = 0, lower = 0, overwrite = 1)"
        )
        ours = dict(con.execute("SELECT doc_id, score FROM search('锂电 投资')").fetchall())
        theirs = dict(
            con.execute(
                "SELECT doc_id, round(fts_main_search_documents.match_bm25(doc_id, '锂电 投资'), 4) AS s "
                "FROM search_documents WHERE s IS NOT NULL"
            ).fetchall()
        )
    assert ours == pytest.approx(theirs)


def test_refresh_indexes_only_new_documents(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse)) as con:
        again = refresh_search_index(con)
        assert again.indexed == 0
        _add(con, "zz-copy", "转载：" + LITHIUM[0], "来源：某网站。" + LITHIUM[1])
        link_near_duplicates(con)
        added = refresh_search_index(con)
        assert (added.indexed, added.documents) == (1, 5)
        postings = con.execute("SELECT count(*), count(DISTINCT doc_id) FROM search_postings").fetchone()
        hits = {h["doc_id"]: h for h in search(con, "储能电池")}
    assert set(hits) == {"lithium", "zz-copy"}
    assert postings[1] == 5 and postings[0] > 100
    assert hits["zz-copy"]["duplicate_of"] == "lithium" and hits["lithium"]["duplicate_of"] is None


def test_an_empty_warehouse_has_an_empty_index(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "empty.duckdb")) as con:
        con.execute(DOCUMENTS.create_sql())
        report = refresh_search_index(con)
        assert (report.indexed, report.documents) == (0, 0)
        assert search(con, "锂电") == [] and search(con, "  ") == []


def test_seed_articles_about_lithium_rank_first(tmp_path: Path, seeds_dir: Path) -> None:
    from transforms.pipeline import process

    with duckdb.connect(str(tmp_path / "seeds.duckdb")) as con:
        con.execute(DOCUMENTS.create_sql())
        for path in sorted(seeds_dir.glob("*.txt")):
            doc = process(path.read_bytes(), path.name).document
            _add(con, path.stem, doc.get("title") or path.stem, doc["text"], doc["text_simplified"])
        refresh_search_index(con)
        counts = dict(
            con.execute(
                "SELECT doc_id, length(text_simplified) - length(replace(text_simplified, '锂电', '')) FROM documents"
            ).fetchall()
        )
        hits = [h["doc_id"] for h in search(con, "锂电")]
    about_lithium = {d for d, n in counts.items() if n > 0}
    assert about_lithium and set(hits[: len(about_lithium)]) == about_lithium
