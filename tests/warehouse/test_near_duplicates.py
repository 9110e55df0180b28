"""Near-duplicate detection: MinHash signatures kept in DuckDB, copies linked to one canonical document."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from transforms.dedup import METHOD, THRESHOLD, shingles, signature
from warehouse.near_duplicates import (
    BANDS,
    add_signatures,
    ensure_tables,
    link_near_duplicates,
    signature_row,
)
from warehouse.schema import DOCUMENTS

# Written for these tests: one story (ORIGINAL) and how other sites republish it.
ORIGINAL = (
    "襄阳市前三季度实现地区生产总值4127.35亿元，同比增长6.3%，增速居全省第二。"
    "汉江锂能年产20GWh储能电池项目开工建设，隆中精工新能源汽车一体化压铸件项目竣工投产。"
    "全市新签约亿元以上项目86个，总投资720亿元，新能源汽车及锂电产业链加快成形。"
)
# another header and footer, ASCII punctuation, line breaks
REPOST = "来源：襄阳发布\n" + ORIGINAL.replace("，", ",\n").replace("。", ".") + "\n（责任编辑：王敏）"
# the last sentence dropped, a sentence added
TRIMMED = ORIGINAL.rsplit("全市", 1)[0] + "记者从市发改委获悉，四季度还将集中开工一批重点项目。"
OTHER = (
    "绵阳市上半年地区生产总值1850亿元，同比增长5.9%。电子信息产业营业收入突破1500亿元，"
    "长虹、九洲等龙头企业带动配套企业集聚，科技城新区新引进高新技术企业42家。"
)
SHORT = "襄阳市GDP增长6.3%。"


def _warehouse() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(DOCUMENTS.create_sql())
    return con


def _add(con: duckdb.DuckDBPyConnection, doc_id: str, text: str, published: datetime | None = None) -> None:
    con.execute(
        "INSERT INTO documents (doc_id, text, text_simplified, published_at) VALUES (?, ?, ?, ?)",
        [doc_id, text, text, published],
    )


def _links(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("SELECT doc_id, canonical_doc_id FROM document_links").fetchall())


def _jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def test_copies_score_far_above_the_threshold_and_other_stories_far_below() -> None:
    assert _jaccard(ORIGINAL, REPOST) > 0.9
    assert _jaccard(ORIGINAL, TRIMMED) > THRESHOLD  # a third of this short story replaced: 0.55
    assert _jaccard(ORIGINAL, OTHER) < 0.1
    estimate = signature(ORIGINAL).jaccard(signature(REPOST))
    assert estimate > THRESHOLD + 0.3


STORY = {
    "orig": (ORIGINAL, datetime(2023, 11, 2, 9)),
    "repost": (REPOST, datetime(2023, 11, 3, 8)),
    "trimmed": (TRIMMED, None),
    "other": (OTHER, datetime(2023, 7, 15)),
    "short": (SHORT, datetime(2023, 11, 2)),
}


def test_copies_link_to_the_earliest_publication() -> None:
    con = _warehouse()
    for doc_id, (text, published) in STORY.items():
        _add(con, doc_id, text, published)
    report = link_near_duplicates(con)
    assert _links(con) == {"repost": "orig", "trimmed": "orig"}
    assert (report.signed, report.compared, report.clusters_changed, report.linked) == (5, 4, 1, 2)  # short: 1
    similarity = dict(con.execute("SELECT doc_id, similarity FROM document_links").fetchall())
    assert similarity["repost"] > 0.9 and THRESHOLD <= similarity["trimmed"] < 0.6


def test_incremental_runs_give_the_same_links_in_any_order() -> None:
    con = _warehouse()
    for doc_id in ("trimmed", "other", "repost", "short", "orig"):  # the original arrives last
        _add(con, doc_id, *STORY[doc_id])
        link_near_duplicates(con)
    assert _links(con) == {"repost": "orig", "trimmed": "orig"}
    again = link_near_duplicates(con)
    assert again.signed == 0 and _links(con) == {"repost": "orig", "trimmed": "orig"}
    assert con.execute("SELECT count(*) FROM document_signatures").fetchone()[0] == 5


def test_signatures_loaded_with_their_batch_are_linked_without_signing_again() -> None:
    con = _warehouse()
    for doc_id, (text, published) in STORY.items():
        _add(con, doc_id, text, published)
    ensure_tables(con)  # a load's writer connection has every table
    add_signatures(con, [signature_row(doc_id, text) for doc_id, (text, _) in STORY.items()])  # as a load does
    report = link_near_duplicates(con)
    assert (report.signed, report.compared, report.linked) == (0, 4, 2)
    assert _links(con) == {"repost": "orig", "trimmed": "orig"}
    bands = con.execute("SELECT count(*), count(DISTINCT doc_id) FROM document_bands").fetchone()
    assert bands == (4 * BANDS, 4)  # the short text has no signature to band


def test_undated_copies_link_to_the_smallest_doc_id() -> None:
    con = _warehouse()
    _add(con, "b", ORIGINAL)
    _add(con, "a", REPOST)
    link_near_duplicates(con)
    assert _links(con) == {"b": "a"}


def test_signatures_made_another_way_are_recomputed() -> None:
    con = _warehouse()
    for doc_id, (text, published) in STORY.items():
        _add(con, doc_id, text, published)
    link_near_duplicates(con)
    con.execute("UPDATE document_signatures SET method = 'minhash:word3:p64'")
    report = link_near_duplicates(con)
    assert report.signed == 5
    assert {r[0] for r in con.execute("SELECT DISTINCT method FROM document_signatures").fetchall()} == {METHOD}
    assert _links(con) == {"repost": "orig", "trimmed": "orig"}


def test_a_failure_leaves_nothing_half_written(monkeypatch: pytest.MonkeyPatch) -> None:
    con = _warehouse()
    _add(con, "orig", *STORY["orig"])
    _add(con, "repost", *STORY["repost"])
    monkeypatch.setattr("warehouse.near_duplicates._jaccard", lambda a, b: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        link_near_duplicates(con)
    assert con.execute("SELECT count(*) FROM document_signatures").fetchone()[0] == 0


def test_seeds_are_distinct_stories_and_a_repost_of_one_is_found(seeds_dir: Path) -> None:
    con = _warehouse()
    texts = {p.stem: p.read_bytes().decode("utf-8", "replace") for p in sorted(seeds_dir.glob("*.txt"))}
    for doc_id, text in texts.items():
        _add(con, doc_id, text)
    link_near_duplicates(con)
    assert _links(con) == {}  # the seeds (two about the same zone) are different articles

    first = next(iter(texts))
    paragraphs = [p for p in texts[first].splitlines() if p.strip()]
    repost = "转载自某网站\n" + "\n".join(paragraphs[:-1]).replace("，", ",")  # last paragraph dropped
    _add(con, "zz-repost", repost)
    link_near_duplicates(con)
    assert _links(con) == {"zz-repost": first}
