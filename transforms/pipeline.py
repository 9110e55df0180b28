"""The one entry the flows call: raw bytes of one file in, warehouse rows out.

``process`` is pure and deterministic: the same bytes and name always give the
same rows, so a rebuild from the raw archive reproduces a fresh ingest.
The stages run in the order of ``../shared/DESIGN.md``; each returns its text
with the repairs it made, and the pipeline only collects them:

    decode → web page to text → mojibake → converter artefacts → controls,
    width, punctuation, acronyms → boilerplate and spam → metadata → layout
    (→ text repairs and layout again, until a round changes nothing) → script
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from transforms import TRANSFORM_VERSION
from transforms.boilerplate import strip_boilerplate
from transforms.converter import fix_converter_artefacts
from transforms.decode import Decoded, Rejected, decode_bytes
from transforms.extract import extract_indicators, extract_projects, table_cells
from transforms.html import html_to_text, looks_like_html, page_text
from transforms.layout import repair_layout
from transforms.metadata import Metadata, extract_metadata, parse_published
from transforms.mojibake import repair_mojibake
from transforms.normalize import normalize_text
from transforms.repairs import Fixed, Repair
from transforms.script import detect_script, to_simplified
from transforms.segment import keywords

# Text-to-text repairs, in order. Each is ``str -> Fixed``.
TEXT_REPAIRS: tuple[Callable[[str], Fixed], ...] = (repair_mojibake, fix_converter_artefacts, normalize_text)

# A repair whose tag appears here also sets a document flag of the same name:
# the text is usable but a person may want to look.
_FLAGGING_TAGS = ("decode_errors", "mixed_encoding", "mojibake_lossy", "seo_spam")


class Processed(NamedTuple):
    """What one file became: a document with its facts, or a rejection."""

    document: dict[str, Any] | None
    indicators: list[dict[str, Any]]
    projects: list[dict[str, Any]]
    rejected: Rejected | None = None
    table_cells: list[dict[str, Any]] = []  # noqa: RUF012 - a NamedTuple default, never mutated


class Cleaned(NamedTuple):
    """An article's body after every repair, with what the article says about itself."""

    text: str
    metadata: Metadata
    repairs: list[Repair]
    flags: list[str]


def process(raw: bytes, name: str) -> Processed:
    """Decode, repair, normalise and extract one file's bytes.

    ``name`` is the file's path as received; only its suffix is used (a saved
    web page is reduced to its article). Columns are named as in the contract;
    the caller adds ``doc_id``, ``source_path`` and lineage.
    """
    decoded = decode_bytes(raw)
    if isinstance(decoded, Rejected):
        return Processed(None, [], [], decoded)
    return _from_decoded(decoded, name)


def clean(text_raw: str, name: str = "") -> Cleaned:
    """Every text repair, in order, collecting what each changed."""
    repairs: list[Repair] = []
    flags: list[str] = []
    text = text_raw
    page_meta: dict[str, Any] = {}
    page_info: Metadata | None = None
    if looks_like_html(text, name):
        page_info = extract_metadata(page_text(text))[0]
        text, page_meta = html_to_text(text)
        repairs.append(Repair("html", "reduced a saved web page to its article text"))

    for repair in TEXT_REPAIRS:
        text = _apply(repair, text, repairs)

    stripped = strip_boilerplate(text)
    text = stripped.text
    repairs.extend(stripped.repairs)
    flags.extend(stripped.flags)

    metadata, fixed = extract_metadata(text)
    text = fixed.text
    repairs.extend(fixed.repairs)
    metadata = _with_page_metadata(metadata, page_meta, page_info)

    text = _settle_layout(text, repairs)
    if not text.strip():
        flags.append("empty_body")
    flags.extend(tag for tag in _FLAGGING_TAGS if any(r.tag == tag for r in repairs))
    return Cleaned(text, metadata, repairs, list(dict.fromkeys(flags)))


def _apply(repair: Callable[[str], Fixed], text: str, repairs: list[Repair]) -> str:
    fixed = repair(text)
    repairs.extend(fixed.repairs)
    return fixed.text


# Rounds of text repairs and layout after the first layout, at most (the first of them almost always finds nothing).
_MAX_SETTLE_ROUNDS = 3


def _settle_layout(text: str, repairs: list[Repair]) -> str:
    """Layout, then the text repairs and layout again until a round changes nothing.

    Why: ``clean`` must leave its own output alone. Joining two lines makes new
    neighbours the text repairs judge — ASCII punctuation now beside Chinese, a
    comma doubled across the join — and dropping a control character can close
    up a span the mojibake repair then recognises. Without either there is no
    second round; with them it almost always finds nothing. A repair a later round
    makes is folded into the first record of its tag, so each tag is recorded
    once and its detail says what the second pass did.
    """
    laid_out = _apply(repair_layout, text, repairs)
    if laid_out == text and not any(r.tag == "control_characters" for r in repairs):
        # Nothing made new neighbours: measured on 490 articles, a second round then never
        # changed anything, and it costs a sixth of clean().
        return text
    text = laid_out
    for _ in range(_MAX_SETTLE_ROUNDS):
        again: list[Repair] = []
        settled = text
        for repair in (*TEXT_REPAIRS, repair_layout):
            settled = _apply(repair, settled, again)
        if settled == text:
            break
        text = settled
        for repair in again:
            _record_once(repairs, repair, "second pass")
    return text


def _record_once(repairs: list[Repair], repair: Repair, when: str) -> None:
    """Add ``repair``, or fold its detail into the record already made under its tag."""
    for i, done in enumerate(repairs):
        if done.tag == repair.tag:
            repairs[i] = Repair(done.tag, "; ".join(d for d in (done.detail, f"{when}: {repair.detail}") if d))
            return
    repairs.append(Repair(repair.tag, f"{when}: {repair.detail}" if repair.detail else when))


def _with_page_metadata(metadata: Metadata, page: dict[str, Any], info: Metadata | None) -> Metadata:
    """Fill what the article text did not say: from the page's info bar, then from its markup.

    The title comes from the markup first: the first line of a whole page is its navigation.
    """
    if info is None:
        return metadata
    published, precision = metadata.published_at, metadata.published_precision
    if published is None:
        published, precision = info.published_at, info.published_precision
    if published is None and page.get("date"):
        published, precision = parse_published(str(page["date"]))
    markup_authors = [a.strip() for a in str(page.get("author") or "").split(";") if a.strip()]
    return metadata._replace(
        title=page.get("title") or metadata.title,
        source_name=metadata.source_name or info.source_name or page.get("sitename"),
        authors=metadata.authors or info.authors or markup_authors,
        published_at=published,
        published_precision=precision,
    )


def _from_decoded(decoded: Decoded, name: str) -> Processed:
    repairs: list[Repair] = []
    if decoded.replaced:
        repairs.append(Repair("decode_errors", f"{decoded.replaced} undecodable byte sequences became U+FFFD"))
    if decoded.segments:
        # Not an error, but a file put together from two sources deserves a look.
        repairs.append(Repair("mixed_encoding", f"lines decoded each in its own codec: {', '.join(decoded.segments)}"))
    cleaned = clean(decoded.text, name)
    repairs.extend(cleaned.repairs)
    decode_flags = [tag for tag in ("decode_errors", "mixed_encoding") if any(r.tag == tag for r in repairs)]
    flags = list(dict.fromkeys([*decode_flags, *cleaned.flags]))

    text = cleaned.text
    script = detect_script(text)
    text_simplified = _simplified_same_length(text) if script != "simplified" else text
    meta = cleaned.metadata
    published = meta.published_at if isinstance(meta.published_at, datetime) else None
    title_simplified = to_simplified(meta.title) if meta.title else None
    # Offsets found in text_simplified hold in text: the two have the same length.
    # the outlet names the place only when neither title nor body does (a county's own news account)
    source_simplified = to_simplified(meta.source_name) if meta.source_name else None
    indicators = [
        row._asdict() for row in extract_indicators(text_simplified, published, title_simplified, source_simplified)
    ]
    projects = [
        row._asdict() for row in extract_projects(text_simplified, published, title_simplified, source_simplified)
    ]
    cells = [
        {
            "table_no": c.table,
            "row_no": c.row,
            "column_no": c.column,
            "header": c.header,
            "cell": c.cell,
            "char_start": c.char_start,
            "char_end": c.char_end,
        }
        for c in table_cells(text_simplified)
    ]
    document = {
        "encoding": decoded.encoding,
        "encoding_confidence": decoded.confidence,
        "repairs": list(dict.fromkeys(r.tag for r in repairs)),
        "repair_details": [f"{r.tag}: {r.detail}" if r.detail else r.tag for r in repairs],
        "script": script,
        "title": meta.title,
        "source_name": meta.source_name,
        "authors": list(meta.authors),
        "published_at": published,
        "published_precision": meta.published_precision,
        "text_raw": decoded.text,
        "text": text,
        "text_simplified": text_simplified,
        "flags": flags,
        "keywords": keywords(text_simplified) if text_simplified.strip() else [],
        "transform_version": TRANSFORM_VERSION,
    }
    return Processed(document, indicators, projects, table_cells=cells)


def _simplified_same_length(text: str) -> str:
    """``to_simplified`` line by line, falling back to one character at a time on a line whose length changed.

    OpenCC's phrase tables almost always map a phrase to one of the same length;
    where one does not, per-character conversion keeps every offset into
    ``text_simplified`` valid in ``text``.
    """
    lines = []
    for line in text.split("\n"):
        simplified = to_simplified(line)
        if len(simplified) != len(line):
            simplified = "".join(c if len(c := to_simplified(ch)) == 1 else ch for ch in line)
        lines.append(simplified)
    return "\n".join(lines)
