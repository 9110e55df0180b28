"""Every staged table defined once; its Arrow schema and DuckDB DDL derive from it.

The user-facing columns are fixed by ``../shared/CONTRACT.md``; the extra ones
(``transform_version``, ``run_id``, …) are ours. A column added here is added to
an existing warehouse by :func:`warehouse.db.ensure_schema`, so an older
warehouse upgrades in place.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

# One logical type per column, mapped to both engines.
_ARROW = {
    "varchar": pa.string(),
    "varchar[]": pa.list_(pa.string()),
    "double": pa.float64(),
    "integer": pa.int32(),
    "bigint": pa.int64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "timestamp": pa.timestamp("us"),
}
_DUCKDB = {
    "varchar": "VARCHAR",
    "varchar[]": "VARCHAR[]",
    "double": "DOUBLE",
    "integer": "INTEGER",
    "bigint": "BIGINT",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
}


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]
    key: tuple[str, ...] = ()
    description: str = ""
    # False: the key is kept by the loader (insert_new_rows), not by a PRIMARY KEY. DuckDB rewrites a
    # keyed table's whole row group at every checkpoint after an append (0.8-1.5 s per load at 10k
    # documents, growing with the warehouse); without the constraint the append costs ~0.05 s.
    key_constraint: bool = True

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(name, _ARROW[kind]) for name, kind in self.columns])

    def duckdb_type(self, column: str) -> str:
        return _DUCKDB[dict(self.columns)[column]]

    def create_sql(self) -> str:
        cols = [f'"{name}" {_DUCKDB[kind]}' for name, kind in self.columns]
        if self.key and self.key_constraint:
            cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in self.key) + ")")
        return f'CREATE TABLE IF NOT EXISTS "{self.name}" (\n  ' + ",\n  ".join(cols) + "\n)"

    def to_arrow(self, rows: list[dict]) -> pa.Table:
        """Rows (dicts keyed by column name; missing keys are null) as an Arrow table."""
        schema = self.arrow_schema()
        return pa.Table.from_pylist([{c: r.get(c) for c in self.column_names} for r in rows], schema=schema)


_EVIDENCE = (("evidence", "varchar"), ("char_start", "integer"), ("char_end", "integer"))
_LINEAGE = (("transform_version", "varchar"), ("run_id", "varchar"))

DOCUMENTS = Table(
    "documents",
    (
        ("doc_id", "varchar"),
        ("source_path", "varchar"),
        ("encoding", "varchar"),
        ("encoding_confidence", "double"),
        ("repairs", "varchar[]"),
        ("script", "varchar"),
        ("title", "varchar"),
        ("source_name", "varchar"),
        ("authors", "varchar[]"),
        ("published_at", "timestamp"),
        ("published_precision", "varchar"),
        ("text_raw", "varchar"),
        ("text", "varchar"),
        ("text_simplified", "varchar"),
        ("flags", "varchar[]"),
        ("repair_details", "varchar[]"),
        ("keywords", "varchar[]"),
        ("size_bytes", "bigint"),
        ("received_at", "timestamp"),
        *_LINEAGE,
    ),
    key=("doc_id",),
    key_constraint=False,
    description="one row per distinct input (by content)",
)

INDICATORS = Table(
    "indicators",
    (
        ("doc_id", "varchar"),
        ("region", "varchar"),
        ("period_start", "date"),
        ("period_end", "date"),
        ("indicator", "varchar"),
        ("value", "double"),
        ("unit", "varchar"),
        ("value_base", "double"),
        ("yoy_pct", "double"),
        ("qualifier", "varchar"),
        ("industry", "varchar"),
        *_EVIDENCE,
        *_LINEAGE,
    ),
    description="one row per economic figure stated in an article",
)

PROJECTS = Table(
    "projects",
    (
        ("doc_id", "varchar"),
        ("name", "varchar"),
        ("company", "varchar"),
        ("investment_base", "double"),
        ("capacity", "varchar"),
        ("status", "varchar"),
        ("region", "varchar"),
        *_EVIDENCE,
        *_LINEAGE,
    ),
    description="one row per named investment project",
)

TABLE_CELLS = Table(
    "table_cells",
    (
        ("doc_id", "varchar"),
        ("table_no", "integer"),  # 0 for the article's first table
        ("row_no", "integer"),  # 0 for the first body row (the header row is not a row here)
        ("column_no", "integer"),
        ("header", "varchar"),  # the column's header cell
        ("cell", "varchar"),
        ("char_start", "integer"),  # where the cell stands in documents.text
        ("char_end", "integer"),
        *_LINEAGE,
    ),
    description="one row per body cell of a literal table (Markdown, HTML or aligned columns) in an article, "
    "in simplified characters",
)

QUARANTINE = Table(
    "quarantine",
    (
        ("source_path", "varchar"),
        ("sha256", "varchar"),
        ("reason", "varchar"),
        ("detail", "varchar"),
        ("received_at", "timestamp"),
        ("size_bytes", "bigint"),
        *_LINEAGE,
    ),
    key=("sha256",),
    description="one row per input that could not be loaded; its raw bytes stay archived",
)

# Tables staged as Parquet and loaded per batch, in load order.
STAGED_TABLES: tuple[Table, ...] = (DOCUMENTS, INDICATORS, PROJECTS, TABLE_CELLS, QUARANTINE)

# The ledger: what each run saw and did. Not staged as Parquet (it describes the staging).
RUNS = Table(
    "runs",
    (
        ("run_id", "varchar"),
        ("flow_run_id", "varchar"),
        ("flow", "varchar"),
        ("inbox", "varchar"),
        ("started_at", "timestamp"),
        ("finished_at", "timestamp"),
        ("status", "varchar"),
        ("files_seen", "integer"),
        ("files_new", "integer"),
        ("files_skipped", "integer"),
        ("files_duplicate", "integer"),
        ("files_quarantined", "integer"),
        ("documents_loaded", "integer"),
        ("indicators_loaded", "integer"),
        ("projects_loaded", "integer"),
        ("seconds_discover", "double"),
        ("seconds_process", "double"),
        ("seconds_load", "double"),
        ("seconds_total", "double"),
        ("transform_version", "varchar"),
    ),
    key=("run_id",),
    description="ledger: one row per flow run",
)

RECEIPTS = Table(
    "receipts",
    (
        ("run_id", "varchar"),
        ("source_path", "varchar"),
        ("sha256", "varchar"),
        ("size_bytes", "bigint"),
        ("modified_at", "timestamp"),
        ("outcome", "varchar"),
    ),
    description="ledger: one row per new file a run received (loaded, duplicate or quarantined)",
)

STAGED_FILES = Table(
    "staged_files",
    (
        ("path", "varchar"),
        ("table_name", "varchar"),
        ("run_id", "varchar"),
        ("row_count", "bigint"),
        ("written_at", "timestamp"),
    ),
    key=("path",),
    description="ledger: every Parquet file a committed load wrote; any other file under parquet/ is an orphan",
)

INBOX_FILES = Table(
    "inbox_files",
    (
        ("source_path", "varchar"),
        ("size_bytes", "bigint"),
        ("modified_at", "timestamp"),  # the file's mtime, naive UTC, to the microsecond
        ("sha256", "varchar"),
        ("hashed_at", "timestamp"),
    ),
    key=("source_path",),
    description="discovery's memory: the content last hashed at each inbox path, and the file's size and mtime then",
)

LEDGER_TABLES: tuple[Table, ...] = (RUNS, RECEIPTS, STAGED_FILES, INBOX_FILES)

# Derived from the staged tables after each load (warehouse.near_duplicates, warehouse.search);
# a rebuild recomputes them.
DOCUMENT_SIGNATURES = Table(
    "document_signatures",
    (
        ("doc_id", "varchar"),
        ("method", "varchar"),
        ("signature", "varchar"),  # MinHash hash values, little-endian uint32, hex; null when the text is too short
        ("shingles", "integer"),
        ("signed_at", "timestamp"),
    ),
    key=("doc_id",),
    key_constraint=False,
    description="one row per document: its MinHash signature for near-duplicate detection",
)
DOCUMENT_BANDS = Table(
    "document_bands",
    (
        ("doc_id", "varchar"),
        ("band", "integer"),
        ("bucket", "bigint"),  # a hash of the band's slice of the signature: equal buckets make candidates
        ("method", "varchar"),  # the signature method and the band layout (bands × rows)
    ),
    # no key: rows are written once per signed document and looked up by joins
    description="the LSH index of the signatures: one row per document and band",
)
DOCUMENT_LINKS = Table(
    "document_links",
    (
        ("doc_id", "varchar"),
        ("canonical_doc_id", "varchar"),
        ("similarity", "double"),  # Jaccard similarity of the two texts' 5-character shingles
        ("method", "varchar"),
        ("linked_at", "timestamp"),
    ),
    key=("doc_id",),
    description="one row per near-duplicate document: the canonical document of its story",
)
SEARCH_DOCUMENTS = Table(
    "search_documents",
    (
        ("doc_id", "varchar"),
        ("terms", "varchar"),  # search terms of title and text_simplified, space-separated, in text order
        ("method", "varchar"),
        ("indexed_at", "timestamp"),
        ("term_count", "integer"),  # the document's length for BM25
    ),
    key=("doc_id",),
    key_constraint=False,
    description="one row per document: its full-text search terms",
)
SEARCH_POSTINGS = Table(
    "search_postings",
    (
        ("term", "varchar"),
        ("doc_id", "varchar"),
        ("tf", "integer"),  # occurrences of the term in the document
    ),
    # no key: an index over every posting would cost memory; rows are written once per document
    description="the inverted index: one row per search term and document that holds it",
)

DERIVED_TABLES: tuple[Table, ...] = (
    DOCUMENT_SIGNATURES,
    DOCUMENT_BANDS,
    DOCUMENT_LINKS,
    SEARCH_DOCUMENTS,
    SEARCH_POSTINGS,
)
ALL_TABLES: tuple[Table, ...] = STAGED_TABLES + LEDGER_TABLES + DERIVED_TABLES
