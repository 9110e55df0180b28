"""Chinese full-text search: a DuckDB FTS index of segmented text and a ``search()`` macro.

DuckDB's FTS extension splits text on a regex, which cannot segment Chinese.
So each document's terms are cut in Python (``transforms.dedup.search_terms``:
Han bigrams, jieba words of three or more characters, Latin/digit runs) and
stored space-separated in ``search_documents``; ``PRAGMA create_fts_index``
indexes that column, splitting on whitespace only.

Queries go through the macro ``search(words, max_results := 20)``, stored in
the database. It cuts each space-separated query word the same way in plain
SQL and computes BM25 (k1 = 1.2, b = 0.75, the extension's own formula) over
the index tables the extension wrote. It therefore runs in *any* DuckDB
client — the CLI, R, a read-only Python connection — with no jieba and
without the FTS extension installed (the extension's ``match_bm25`` needs the
extension at query time). Unspaced queries work (``锂电池投资`` is matched by
its bigrams); :func:`search` in Python splits them with jieba first.

    SELECT * FROM search('锂电 投资');
    -- rank, doc_id, title, score, snippet, published_at, source_name, source_path, duplicate_of

Only the terms of new documents are computed per run; the FTS index itself is
rebuilt from ``search_documents`` (the extension has no incremental update).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from transforms.dedup import search_terms, segment_query
from transforms.script import to_simplified
from warehouse import near_duplicates
from warehouse.schema import SEARCH_DOCUMENTS

# Bump when search_terms() changes what it emits: stored terms of another method are recomputed.
TERMS_METHOD = "bigram+jieba3+alnum:v1"


# The same Han ranges as transforms.dedup.HAN_RANGES, in RE2 syntax.
_HAN = r"[\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}\x{f900}-\x{faff}\x{20000}-\x{2ebef}]"
_FTS = "fts_main_search_documents"

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
    SELECT postings.docid, dict.df, count(*) AS tf
    FROM query_terms
    INNER JOIN {_FTS}.dict AS dict ON dict.term = query_terms.term
    INNER JOIN {_FTS}.terms AS postings ON postings.termid = dict.termid
    GROUP BY postings.docid, dict.termid, dict.df
),

scored AS (
    -- BM25 exactly as the FTS extension's match_bm25 computes it
    SELECT
        docs.name AS doc_id,
        sum(
            log(((stats.num_docs - matched.df + 0.5) / (matched.df + 0.5)) + 1)
            * (matched.tf * (1.2 + 1))
            / (matched.tf + 1.2 * (1 - 0.75 + 0.75 * (docs.len / stats.avgdl)))
        ) AS score
    FROM matched
    INNER JOIN {_FTS}.docs AS docs ON docs.docid = matched.docid
    CROSS JOIN {_FTS}.stats AS stats
    GROUP BY docs.name
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
    rebuilt: bool  # whether the FTS index was (re)built
    seconds: float


class SearchUnavailable(RuntimeError):
    """The FTS extension could not be loaded (needed to build the index, not to query it)."""


def fts_extension_path() -> Path:
    """The FTS extension shipped in the ``duckdb-extension-fts`` wheel for this DuckDB version."""
    return Path(
        str(resources.files("duckdb_extension_fts").joinpath(f"extensions/v{duckdb.__version__}/fts.duckdb_extension"))
    )


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    """Load FTS offline: from the wheel's file (no download, nothing written to ~/.duckdb), else as installed."""
    errors = []
    path = fts_extension_path()
    if path.is_file():
        try:
            con.execute(f"LOAD '{path.as_posix()}'")
            return
        except duckdb.Error as exc:
            errors.append(f"{path}: {exc}")
    try:
        con.execute("SET autoinstall_known_extensions = false")
        con.execute("LOAD fts")
    except duckdb.Error as exc:
        errors.append(f"LOAD fts: {exc}")
        raise SearchUnavailable(
            "DuckDB's FTS extension could not be loaded; install the `duckdb-extension-fts` package matching "
            f"duckdb {duckdb.__version__}. Tried: " + "; ".join(errors)
        ) from exc


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SEARCH_DOCUMENTS.create_sql())
    near_duplicates.ensure_tables(con)  # the macro shows which hits are copies


def _index_text(title: str | None, text: str | None) -> str:
    return "\n".join(part for part in (to_simplified(title) if title else "", text or "") if part)


def refresh_search_index(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> SearchIndexReport:
    """Compute search terms of new documents, rebuild the FTS index if anything changed, (re)create ``search()``.

    Call with a write connection outside any open transaction, after the
    batch loads. ``force`` recomputes every document's terms.
    """
    t0 = time.perf_counter()
    ensure_tables(con)
    con.execute("BEGIN TRANSACTION")
    try:
        if force:
            con.execute("DELETE FROM search_documents")
        else:
            con.execute("DELETE FROM search_documents WHERE method <> ?", [TERMS_METHOD])
        new = con.execute(
            """SELECT d.doc_id, d.title, d.text_simplified FROM documents d
               ANTI JOIN search_documents s USING (doc_id) ORDER BY d.doc_id"""
        ).fetchall()
        now = datetime.now()
        rows = [
            (doc_id, " ".join(search_terms(_index_text(title, text))), TERMS_METHOD, now) for doc_id, title, text in new
        ]
        if rows:
            con.executemany("INSERT INTO search_documents VALUES (?, ?, ?, ?)", rows)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    have_index = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = ? AND table_name = 'docs'", [_FTS]
    ).fetchone()[0]
    rebuilt = bool(rows) or not have_index or force
    if rebuilt:
        load_fts(con)
        con.execute(
            "PRAGMA create_fts_index('search_documents', 'doc_id', 'terms', stemmer = 'none', "
            r"stopwords = 'none', ignore = '\s+', strip_accents = 0, lower = 0, overwrite = 1)"
        )
    con.execute(SEARCH_MACRO)
    total = con.execute("SELECT count(*) FROM search_documents").fetchone()[0]
    return SearchIndexReport(len(rows), total, rebuilt, round(time.perf_counter() - t0, 3))


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
