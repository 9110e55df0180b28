"""Near-duplicate documents: the same story republished, linked to one canonical document.

Run after every load, with the write connection, before the dbt models
(:func:`link_near_duplicates`). Incremental: each document's MinHash signature
is computed once, by the worker that processed it (:func:`signature_row`), and
loaded with its batch into ``document_signatures``. Linking takes the
signatures not yet in the LSH index (``document_bands``), finds candidates by
joining their bands with the stored ones in SQL (so one new article costs the
same in a large warehouse as in a small one), confirms each candidate pair
with the exact Jaccard similarity of their shingles (``transforms.dedup``) and
merges the pairs into clusters. Documents without a signature (loaded before,
or signed by another :data:`METHOD`) are signed here.

Every cluster has one canonical document — the earliest published (an
undated one only when none is dated), then the smallest ``doc_id`` — so the
outcome does not depend on the order in which copies arrived. Each other
member gets a row in ``document_links``; a document without a row is its own
canonical. The marts count canonical documents only.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import datetime

import duckdb
import numpy as np
import pyarrow as pa
from datasketch import MinHashLSH

from transforms.dedup import (
    CANDIDATE_THRESHOLD,
    METHOD,
    NUM_PERM,
    THRESHOLD,
    shingles,
    sign_values,
)
from warehouse.db import doc_ids, insert_new_rows, rows_of
from warehouse.schema import DOCUMENT_BANDS, DOCUMENT_LINKS, DOCUMENT_SIGNATURES


@dataclass(frozen=True)
class LinkReport:
    signed: int  # documents signed here (the loads sign what they load: older documents, another METHOD)
    compared: int  # signatures new to the LSH index, looked up and indexed in this run
    clusters_changed: int  # clusters created or grown by this run
    linked: int  # documents linked to a canonical, in all clusters this run touched
    seconds: float


# datasketch's optimal banding for the candidate threshold: (bands, rows per band).
_LSH = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
BANDS, ROWS = _LSH.b, _LSH.r
BAND_METHOD = f"{METHOD}:b{BANDS}r{ROWS}"
# Candidates whose MinHash estimate is below this are dropped before the exact (text-reading) check:
# 5.7 standard deviations below THRESHOLD at 128 permutations.
ESTIMATE_FLOOR = 0.25


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    for table in (DOCUMENT_SIGNATURES, DOCUMENT_BANDS, DOCUMENT_LINKS):
        con.execute(table.create_sql())


def bands(hashvalues: np.ndarray) -> list[int]:
    """The signature's LSH buckets, one per band: two documents sharing any bucket are candidates.

    Why bands: documents whose signatures agree on all rows of at least one band
    are likely similar (the LSH "S-curve"); a bucket is a 64-bit hash of that slice.
    """
    values = hashvalues.astype("<u4")
    slices = (values[i * ROWS : (i + 1) * ROWS].tobytes() for i in range(BANDS))
    return [int.from_bytes(hashlib.blake2b(piece, digest_size=8).digest(), "little", signed=True) for piece in slices]


def signature_row(doc_id: str, text: str, signed_at: datetime | None = None) -> dict:
    """The ``document_signatures`` row of a document's ``text_simplified``: pure, so workers compute it."""
    values, count = sign_values(text)  # shingled once for both; no MinHash object needed for the stored bytes
    return {
        "doc_id": doc_id,
        "method": METHOD,
        "signature": values.astype("<u4").tobytes().hex() if values is not None else None,
        "shingles": count,
        "signed_at": signed_at or datetime.now(),
    }


def add_signatures(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    """Store signature rows (from a load or from :func:`link_near_duplicates`); the caller owns the transaction."""
    if rows:
        con.register("_new_signatures", DOCUMENT_SIGNATURES.to_arrow(rows))
        try:
            insert_new_rows(con, DOCUMENT_SIGNATURES, "_new_signatures")
        finally:
            con.unregister("_new_signatures")


class _Clusters:
    """Union-find over doc ids."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _shingle_hashes(text: str) -> np.ndarray:
    """A text's distinct shingles as sorted 64-bit hashes: 8 bytes each instead of a ~80-byte string in a set.

    Python's ``hash`` differs between processes but not within one, where the comparisons happen;
    a collision among a few thousand shingles is a 1-in-10^12 event.
    """
    return np.unique(np.fromiter((hash(s) for s in shingles(text)), dtype=np.int64))


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two :func:`_shingle_hashes` arrays."""
    if not len(a) and not len(b):
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)


def _texts(con: duckdb.DuckDBPyConnection, doc_ids: set[str]) -> dict[str, str]:
    if not doc_ids:
        return {}
    rows = con.execute(
        "SELECT doc_id, coalesce(text_simplified, text, '') FROM documents WHERE list_contains(?, doc_id)",
        [sorted(doc_ids)],
    ).fetchall()
    return dict(rows)


# New documents whose candidates are compared at once: their shingle sets are the memory the
# comparison needs (all 10,000 of a first load at once peaked near 0.6 GB).
_CONFIRM_CHUNK = 200


def _confirmed(
    con: duckdb.DuckDBPyConnection, candidates: dict[str, list[str]], threshold: float
) -> list[tuple[str, str]]:
    """The candidate pairs whose exact shingle overlap reaches ``threshold`` (MinHash estimates err near it)."""
    todo = sorted((doc_id, others) for doc_id, others in candidates.items() if others)
    edges = []
    for start in range(0, len(todo), _CONFIRM_CHUNK):
        chunk = todo[start : start + _CONFIRM_CHUNK]
        needed = {doc_id for doc_id, _ in chunk} | {other for _, others in chunk for other in others}
        pieces = {doc_id: _shingle_hashes(text) for doc_id, text in _texts(con, needed).items()}
        edges += [(d, c) for d, others in chunk for c in others if _jaccard(pieces[d], pieces[c]) >= threshold]
    return edges


def link_near_duplicates(con: duckdb.DuckDBPyConnection, *, threshold: float = THRESHOLD) -> LinkReport:
    """Sign new documents, link them to earlier copies of the same story; one transaction.

    Call with a write connection outside any open transaction, after the
    batch loads and before :func:`warehouse.models.build_models`. Signatures
    made with another :data:`transforms.dedup.METHOD` are recomputed, and
    their links with them.
    """
    t0 = time.perf_counter()
    ensure_tables(con)
    con.execute("BEGIN TRANSACTION")
    try:
        report = _link(con, threshold, t0)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return report


def _insert_bands(con: duckdb.DuckDBPyConnection, signatures: dict[str, np.ndarray]) -> None:
    ids = list(signatures)
    new_bands = pa.table(
        {
            # dictionary-encoded: one string per document, not one per band (320,000 strings at 10k)
            "doc_id": pa.DictionaryArray.from_arrays(
                pa.array(np.repeat(np.arange(len(ids), dtype=np.int32), BANDS)), pa.array(ids, pa.string())
            ),
            "band": pa.array(np.tile(np.arange(BANDS, dtype=np.int32), len(ids))),
            "bucket": pa.array([b for doc_id in ids for b in bands(signatures[doc_id])], pa.int64()),
        }
    )
    con.register("_new_bands", new_bands)
    try:
        con.execute(
            "INSERT INTO document_bands SELECT doc_id, band, bucket, $method FROM _new_bands", {"method": BAND_METHOD}
        )
    finally:
        con.unregister("_new_bands")


def _candidates(con: duckdb.DuckDBPyConnection, fresh: dict[str, np.ndarray]) -> dict[str, list[str]]:
    """For each new signature, the documents (earlier or new) sharing a band bucket with it.

    A shared band alone is weak evidence (articles of one template share many); a pair whose
    signatures agree this little is no copy (true Jaccard 0.5 gives below ESTIMATE_FLOOR in 1 of
    ~10^8). New documents are looked up a chunk at a time: a first load of 10,000 templated
    articles shares 315,000 band pairs, which held as Python tuples cost 130 MB.
    """
    _insert_bands(con, fresh)
    candidates: dict[str, list[str]] = {doc_id: [] for doc_id in fresh}
    ordered = sorted(fresh)
    for start in range(0, len(ordered), _CONFIRM_CHUNK * 5):
        pairs = con.execute(
            """SELECT DISTINCT new.doc_id, other.doc_id
               FROM document_bands AS new
               INNER JOIN document_bands AS other ON other.band = new.band AND other.bucket = new.bucket
               WHERE list_contains($fresh, new.doc_id) AND other.doc_id <> new.doc_id
               ORDER BY ALL""",
            {"fresh": ordered[start : start + _CONFIRM_CHUNK * 5]},
        ).fetchall()
        others = sorted({other for _, other in pairs} - fresh.keys())
        signatures = {
            doc_id: np.frombuffer(bytes.fromhex(hexed), dtype="<u4")
            for doc_id, hexed in rows_of(con, "SELECT doc_id, signature FROM document_signatures", others)
        }
        for doc_id, other in pairs:
            if np.mean(fresh[doc_id] == fresh.get(other, signatures.get(other))) >= ESTIMATE_FLOOR:
                candidates[doc_id].append(other)
    return candidates


def _link(con: duckdb.DuckDBPyConnection, threshold: float, t0: float) -> LinkReport:
    stale = con.execute("SELECT count(*) FROM document_signatures WHERE method <> ?", [METHOD]).fetchone()[0]
    if stale:  # another shingling or hashing: old signatures and links mean something else
        con.execute("DELETE FROM document_signatures")
        con.execute("DELETE FROM document_bands")
        con.execute("DELETE FROM document_links")
    con.execute("DELETE FROM document_bands WHERE method <> ?", [BAND_METHOD])
    # Ids first, texts and signatures only for those: a scan of every text costs ~1 s at 10k documents,
    # and a loading run usually finds nothing unsigned (the workers sign what they load).
    unsigned_ids = doc_ids(con, "SELECT doc_id FROM documents ANTI JOIN document_signatures USING (doc_id)")
    unsigned = rows_of(con, "SELECT doc_id, coalesce(text_simplified, text, '') FROM documents", unsigned_ids)
    add_signatures(con, [signature_row(doc_id, text) for doc_id, text in unsigned])  # older or another METHOD's
    # New to the LSH index: signed, not yet banded (a signature is banded only here, when it is linked).
    unbanded = doc_ids(
        con,
        "SELECT doc_id FROM document_signatures WHERE signature IS NOT NULL "
        # every banded document has all BANDS rows: band 0 alone names them (a 32nd of the scan)
        "AND doc_id NOT IN (SELECT doc_id FROM document_bands WHERE band = 0)",
    )
    fresh = {
        doc_id: np.frombuffer(bytes.fromhex(hexed), dtype="<u4")
        for doc_id, hexed in rows_of(con, "SELECT doc_id, signature FROM document_signatures", unbanded)
    }
    if not fresh:
        return LinkReport(len(unsigned), 0, 0, 0, round(time.perf_counter() - t0, 3))
    now = datetime.now()
    candidates = _candidates(con, fresh)

    edges = _confirmed(con, candidates, threshold)
    if not edges:
        return LinkReport(len(unsigned), len(fresh), 0, 0, round(time.perf_counter() - t0, 3))

    clusters = _Clusters()
    for doc_id, canonical in con.execute("SELECT doc_id, canonical_doc_id FROM document_links").fetchall():
        clusters.union(doc_id, canonical)
    for a, b in edges:
        clusters.union(a, b)
    roots = {clusters.find(a) for a, _ in edges}
    touched: dict[str, set[str]] = {}
    for x in list(clusters.parent):
        if (root := clusters.find(x)) in roots:
            touched.setdefault(root, set()).add(x)
    involved = set().union(*touched.values())

    dates = dict(
        con.execute(
            "SELECT doc_id, published_at FROM documents WHERE list_contains(?, doc_id)", [sorted(involved)]
        ).fetchall()
    )
    pieces = {d: _shingle_hashes(t) for d, t in _texts(con, involved).items()}
    link_rows = []
    for members in touched.values():
        # earliest publication first; undated after dated; then doc_id — independent of arrival order
        canonical = min(members, key=lambda d: (dates.get(d) is None, dates.get(d) or datetime.min, d))
        link_rows += [
            (d, canonical, round(_jaccard(pieces[d], pieces[canonical]), 4), METHOD, now)
            for d in sorted(members)
            if d != canonical
        ]
    con.execute("DELETE FROM document_links WHERE list_contains(?, doc_id)", [sorted(involved)])
    con.executemany("INSERT INTO document_links VALUES (?, ?, ?, ?, ?)", link_rows)
    return LinkReport(len(unsigned), len(fresh), len(touched), len(link_rows), round(time.perf_counter() - t0, 3))
