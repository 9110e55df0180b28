"""The one entry the flows call: raw bytes of one file in, warehouse rows out.

``process`` is pure and deterministic: the same bytes and name always give the
same rows, so a rebuild from the raw archive reproduces a fresh ingest.
The stages run in the order of ``../shared/DESIGN.md``; each returns its text
with the repairs it made, and the pipeline only collects them.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from transforms import TRANSFORM_VERSION
from transforms.decode import Decoded, Rejected, decode_bytes
from transforms.repairs import Repair
from transforms.script import detect_script, to_simplified


class Processed(NamedTuple):
    """What one file became: a document with its facts, or a rejection."""

    document: dict[str, Any] | None
    indicators: list[dict[str, Any]]
    projects: list[dict[str, Any]]
    rejected: Rejected | None = None


def process(raw: bytes, name: str) -> Processed:
    """Decode, repair, normalise and extract one file's bytes.

    ``name`` is the file's path as received; only its suffix is used (a saved
    web page is reduced to its article). Columns are named as in the contract;
    the caller adds ``doc_id``, ``source_path`` and lineage.
    """
    decoded = decode_bytes(raw)
    if isinstance(decoded, Rejected):
        return Processed(None, [], [], decoded)
    return _from_text(decoded, name)


def _from_text(decoded: Decoded, name: str) -> Processed:
    repairs: list[Repair] = []
    flags: list[str] = []
    if decoded.replaced:
        repairs.append(Repair("decode_errors", f"{decoded.replaced} undecodable byte sequences became U+FFFD"))
        flags.append("decode_errors")

    text = decoded.text
    script = detect_script(text)
    text_simplified = to_simplified(text) if script != "simplified" else text
    document = {
        "encoding": decoded.encoding,
        "encoding_confidence": decoded.confidence,
        "repairs": list(dict.fromkeys(r.tag for r in repairs)),
        "repair_details": [f"{r.tag}: {r.detail}" if r.detail else r.tag for r in repairs],
        "script": script,
        "title": None,
        "source_name": None,
        "authors": [],
        "published_at": None,
        "published_precision": None,
        "text_raw": decoded.text,
        "text": text,
        "text_simplified": text_simplified,
        "flags": flags,
        "keywords": [],
        "transform_version": TRANSFORM_VERSION,
    }
    return Processed(document, [], [])
