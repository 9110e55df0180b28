"""Chinese full-text search: an inverted index of segmented text in plain tables, and a ``search()`` macro.

Chinese has no spaces, so each document's terms are cut in Python
(``transforms.dedup.search_terms``: Han bigrams, jieba words of three or more
characters, Latin/digit runs) by the worker that processed it
(:func:`terms_row`), and loaded with its batch: space-separated in
``search_documents``, one row per term and document in ``search_postings``.
Nothing is rebuilt: one new article costs the same in a warehouse of a
thousand articles as in one of a million. :func:`refresh_search_index`
indexes what the loads did not (older documents, another :data:`TERMS_METHOD`).

Why not DuckDB's FTS extension: its index has no incremental update, and
rebuilding it after every load took 4 s at 1k articles and grew with the
warehouse. The scoring is the extension's own BM25 (k1 = 1.2, b = 0.75, its
idf); a test checks our scores against ``match_bm25`` over the same terms.

Queries go through the macro ``search(words, max_results := 20)``, stored in
the database. It cuts each space-separated query word the same way in plain
SQL, so it runs in *any* DuckDB client — the CLI, R, a read-only Python
connection — with no jieba and no extension. Unspaced queries work
(``锂电池投资`` is matched by its bigrams); :func:`search` in Python splits
them with jieba first.

    SELECT * FROM search('锂电 投资');
    -- rank, doc_id, title, score, snippet, published_at, source_name, source_path, duplicate_of
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from transforms.dedup import search_terms, segment_query
from transforms.script import to_simplified
from warehouse import near_duplicates
from warehouse.db import doc_ids, insert_new_rows, rows_of
from warehouse.schema import SEARCH_DOCUMENTS, SEARCH_POSTINGS

# Bump when search_terms() changes what it emits: stored terms of another method are recomputed.
TERMS_METHOD = "bigram+jieba3+alnum:v2"


# The same Han ranges as transforms.dedup.HAN_RANGES, in RE2 syntax.
_HAN = r"[\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}\x{f900}-\x{faff}\x{20000}-\x{2ebef}]"
_OLD_FTS_SCHEMA = "fts_main_search_documents"  # the FTS extension's index, used before v2

SEARCH_MACRO = rf"""
CREATE OR REPLACE MACRO search(words, max_results := 20) AS TABLE
WITH query_words AS (
    SELECT DISTINCT unnest(string_split_regex(trim(lower(words)), '\s+')) AS word
),

han_runs AS (
    SELECT unnest(regexp_extract_all(word, '{_HAN}+')) AS run FROM query_words
),

query_terms AS (
    -- as transforms.dedup.query_terms: Han bigrams (a lone character stands for itself),
    -- whole Han words of 3+ characters, Latin/digit runs
    SELECT DISTINCT term FROM (
        SELECT CASE WHEN length(run) = 1 THEN run ELSE substr(run, i, 2) END AS term
        FROM han_runs, range(1, greatest(length(run), 2)) AS r(i)
        UNION ALL
        SELECT word FROM query_words WHERE regexp_full_match(word, '{_HAN}{{3,}}')
        UNION ALL
        SELECT unnest(regexp_extract_all(word, '[0-9a-z]+(?:\.[0-9]+)?')) FROM query_words
    ) WHERE term <> ''
),

matched AS (
    SELECT postings.doc_id, postings.term, postings.tf
    FROM search_postings AS postings
    WHERE postings.term IN (SELECT term FROM query_terms)
),

frequencies AS (
    SELECT term, count(*) AS df FROM matched GROUP BY term
),

stats AS (
    SELECT count(*) AS num_docs, avg(term_count) AS avgdl FROM search_documents
),

scored AS (
    -- BM25 exactly as the FTS extension's match_bm25 computes it
    SELECT
        matched.doc_id,
        sum(
            log(((stats.num_docs - frequencies.df + 0.5) / (frequencies.df + 0.5)) + 1)
            * (matched.tf * (1.2 + 1))
            / (matched.tf + 1.2 * (1 - 0.75 + 0.75 * (docs.term_count / stats.avgdl)))
        ) AS score
    FROM matched
    INNER JOIN frequencies ON frequencies.term = matched.term
    INNER JOIN search_documents AS docs ON docs.doc_id = matched.doc_id
    CROSS JOIN stats
    GROUP BY matched.doc_id
),

top AS (
    SELECT
        row_number() OVER (ORDER BY scored.score DESC, scored.doc_id) AS rank,
        scored.doc_id,
        scored.score,
        documents.title,
        documents.published_at,
        documents.source_name,
        documents.source_path,
        regexp_replace(coalesce(documents.text_simplified, ''), '\s+', ' ', 'g') AS body
    FROM scored
    INNER JOIN documents ON documents.doc_id = scored.doc_id
    QUALIFY rank <= max_results
),

first_hits AS (
    -- where the snippet centres: the earliest (then longest) query term found in the text
    SELECT top.doc_id, query_terms.term, instr(top.body, query_terms.term) AS pos
    FROM top
    INNER JOIN query_terms ON instr(top.body, query_terms.term) > 0
    QUALIFY row_number() OVER (PARTITION BY top.doc_id ORDER BY pos, length(query_terms.term) DESC) = 1
)

SELECT
    top.rank,
    top.doc_id,
    coalesce(top.title, top.source_path) AS title,
    round(top.score, 4) AS score,
    CASE
        WHEN first_hits.pos IS NULL THEN left(top.body, 60)
        ELSE
            (CASE WHEN first_hits.pos > 21 THEN '…' ELSE '' END)
            || substr(top.body, greatest(first_hits.pos - 20, 1), least(first_hits.pos - 1, 20))
            || '【' || first_hits.term || '】'
            || substr(top.body, first_hits.pos + length(first_hits.term), 40)
            || (CASE WHEN first_hits.pos + length(first_hits.term) + 40 <= length(top.body) THEN '…' ELSE '' END)
    END AS snippet,
    top.published_at,
    top.source_name,
    top.source_path,
    document_links.canonical_doc_id AS duplicate_of
FROM top
LEFT JOIN first_hits ON first_hits.doc_id = top.doc_id
LEFT JOIN document_links ON document_links.doc_id = top.doc_id
ORDER BY top.rank
"""


@dataclass(frozen=True)
class SearchIndexReport:
    indexed: int  # documents whose terms were computed in this run
    documents: int  # documents in the index
    seconds: float


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    for table in (SEARCH_DOCUMENTS, SEARCH_POSTINGS):
        con.execute(table.create_sql())
    near_duplicates.ensure_tables(con)  # the macro shows which hits are copies


def _index_text(title: str | None, text: str | None) -> str:
    return "\n".join(part for part in (to_simplified(title) if title else "", text or "") if part)


def refresh_search_index(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> SearchIndexReport:
    """Index the documents not yet indexed (all of them with ``force``), one transaction; (re)create ``search()``.

    Call with a write connection outside any open transaction, after the batch
    loads. Documents indexed by another :data:`TERMS_METHOD` are indexed again.
    """
    t0 = time.perf_counter()
    ensure_tables(con)
    con.execute("BEGIN TRANSACTION")
    try:
        stale = "" if force else "WHERE method IS DISTINCT FROM $method"
        con.execute(
            f"DELETE FROM search_postings WHERE doc_id IN (SELECT doc_id FROM search_documents {stale})",
            {} if force else {"method": TERMS_METHOD},
        )
        con.execute(f"DELETE FROM search_documents {stale}", {} if force else {"method": TERMS_METHOD})
        # ids first, texts for those only: reading every text for an empty anti-join cost 0.2 s at 10k
        missing = doc_ids(con, "SELECT doc_id FROM documents ANTI JOIN search_documents USING (doc_id)")
        new = rows_of(con, "SELECT doc_id, title, text_simplified FROM documents", missing)
        now = datetime.now()
        add_documents(con, [terms_row(doc_id, title, text, now) for doc_id, title, text in new])
        con.execute(f"DROP SCHEMA IF EXISTS {_OLD_FTS_SCHEMA} CASCADE")
        con.execute(SEARCH_MACRO)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    total = con.execute("SELECT count(*) FROM search_documents").fetchone()[0]
    return SearchIndexReport(len(new), total, round(time.perf_counter() - t0, 3))


def terms_row(doc_id: str, title: str | None, text_simplified: str | None, indexed_at: datetime | None = None) -> dict:
    """The ``search_documents`` row of a document: pure, so the workers that process documents compute it."""
    terms = search_terms(_index_text(title, text_simplified))
    return {
        "doc_id": doc_id,
        "terms": " ".join(terms),
        "method": TERMS_METHOD,
        "indexed_at": indexed_at or datetime.now(),
        "term_count": len(terms),
    }


def add_documents(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    """Index ``search_documents`` rows: store them and their postings, set-wise; the caller owns the transaction."""
    if not rows:
        return
    con.register("_new_terms", SEARCH_DOCUMENTS.to_arrow(rows))
    try:
        replaced = con.execute(
            "SELECT count(*) FROM search_documents WHERE doc_id IN (SELECT doc_id FROM _new_terms)"
        ).fetchone()[0]
        if replaced:  # re-indexed documents only: the delete scans every posting, a load must not pay for it
            con.execute("DELETE FROM search_postings WHERE doc_id IN (SELECT doc_id FROM _new_terms)")
            con.execute("DELETE FROM search_documents WHERE doc_id IN (SELECT doc_id FROM _new_terms)")
        insert_new_rows(con, SEARCH_DOCUMENTS, "_new_terms")
        con.execute(
            """INSERT INTO search_postings
               SELECT term, doc_id, count(*)::INTEGER AS tf
               FROM (SELECT doc_id, unnest(string_split(terms, ' ')) AS term FROM _new_terms)
               WHERE term <> ''
               GROUP BY term, doc_id
               ORDER BY term, doc_id"""
        )
    finally:
        con.unregister("_new_terms")


def search(con: duckdb.DuckDBPyConnection, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Documents matching ``query`` best first; an unspaced query is split into jieba words first.

    Works on a read-only connection; needs :func:`refresh_search_index` to have run once.
    """
    words = segment_query(query)
    if not words:
        return []
    cur = con.execute("SELECT * FROM search(?, max_results := ?)", [words, limit])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
