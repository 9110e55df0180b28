"""Bytes to text: detect the encoding, decode, or say why the file cannot be read.

The order of evidence, strongest first:

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. a known binary signature (PNG, PDF, ZIP, …) — such a file is not an article;
3. strict UTF-8, which almost never decodes text written in another codec;
4. a charset declared in an HTML ``<meta>`` tag or XML declaration, *checked
   against the bytes* (a page saved by a browser often keeps a stale one);
5. chardet's guesses, plus the CJK codecs it might have missed.

Candidates from 4 and 5 are decoded strictly and ranked by how much the result
reads like Chinese (:func:`transforms.language.score_text`), because GB18030
will happily decode Big5 bytes into rare characters, and chardet alone confuses
the two on short texts. GB2312/GBK decode as GB18030 (their superset) and Big5
as Big5-HKSCS, so a character outside the narrow set is not lost.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

import chardet

from transforms.language import looks_like_chinese, score_text


class Decoded(NamedTuple):
    text: str
    encoding: str  # Python codec name, lower case: utf-8, utf-8-sig, gb18030, big5hkscs, utf-16, …
    confidence: float  # 0..1
    evidence: str  # how the codec was chosen, for the run report
    replaced: int = 0  # characters that could not be decoded and became U+FFFD


class Rejected(NamedTuple):
    """Bytes that are not a readable article: ``reason`` is a short code, ``detail`` says what to do."""

    reason: str
    detail: str


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Signatures of formats people drop by mistake (a scan, an office file, an archive).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx office file)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document (.doc/.xls)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable (ELF)"),
    (b"MZ", "Windows executable"),
    (b"RIFF", "RIFF media file (WAV/AVI/WebP)"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"PAR1", "Parquet file"),
)

# Python codec names for what detectors and web pages call these encodings.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "cp950": "big5hkscs",
    "ascii": "utf-8",
}
# Tried whenever detection is uncertain: the codecs Chinese articles actually come in.
_CJK_FALLBACKS = ("gb18030", "big5hkscs", "utf-16-le", "utf-16-be")

_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""",
    re.IGNORECASE,
)

# At most this share of characters may be undecodable before a file is quarantined
# instead of loaded with U+FFFD in place of the bad bytes (a truncated last
# character, one corrupt sector): losing the whole article would be worse.
_MAX_REPLACED_SHARE = 0.002
# A lead in mean log-probability per character beyond which the language signal
# alone settles the codec (clean Chinese ≈ -6.5, a wrong CJK decode ≈ -10 or less).
_DECISIVE_MARGIN = 2.0
# Below this mean log-probability a decode is debris, not text: chardet will
# offer single-byte codecs (even EBCDIC) that map any bytes to *something*.
_MIN_TEXT_SCORE = -10.5
_SCORE_SAMPLE_CHARS = 20_000


def codec_name(label: str) -> str | None:
    """The Python codec for an encoding label, widened to its superset; None if unknown.

    >>> codec_name("GB2312"), codec_name("Big5"), codec_name("UTF-8"), codec_name("x-unknown")
    ('gb18030', 'big5hkscs', 'utf-8', None)
    """
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def detect_bom(raw: bytes) -> str | None:
    """The codec a byte-order mark announces.

    >>> detect_bom(b"\\xef\\xbb\\xbf\\xe4\\xb8\\xad"), detect_bom(b"\\xff\\xfeN\\x00"), detect_bom(b"abc")
    ('utf-8-sig', 'utf-16', None)
    """
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return codec
    return None


def detect_binary_signature(raw: bytes) -> str | None:
    """What kind of binary file ``raw`` starts like, or None.

    >>> detect_binary_signature(b"%PDF-1.7 ..."), detect_binary_signature("经济".encode())
    ('PDF document', None)
    """
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            return kind
    return None


def declared_charset(raw: bytes) -> str | None:
    """The codec an HTML meta tag or XML declaration in the first 4 KB names, if any.

    >>> declared_charset(b'<html><head><meta charset="gb2312"></head>')
    'gb18030'
    >>> declared_charset(b'<?xml version="1.0" encoding="Big5"?><rss/>')
    'big5hkscs'
    """
    match = _DECLARED.search(raw[:4096])
    if not match:
        return None
    return codec_name((match.group(1) or match.group(2)).decode("ascii", "replace"))


def _strict(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


# C0 controls other than ordinary whitespace: never in an article, always in binary files.
_C0 = re.compile(r"[\x00-\x08\x0e-\x1f]")
# C1 controls and private use: the debris of a wrong codec.
_WRONG_CODEC = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff]")


def _control_share(text: str, *, strict: bool = True) -> float:
    """Share of characters that never occur in a readable article.

    ``strict`` counts C1 controls and private-use characters too: a sign of the
    wrong codec among candidate decodes. But a file that already *is* valid text
    may be mojibake (GBK read as Latin-1 is full of C1 controls, UTF-8 read as
    GB18030 of private-use characters) — the repair stage's job — so only C0
    controls and NUL then count as evidence of a binary file.
    """
    if not text:
        return 0.0
    return len((_WRONG_CODEC if strict else _C0).findall(text)) / len(text)


def _score(text: str) -> float:
    """The language signal on a prefix: enough to rank codecs, cheap for a 200 MB file."""
    return score_text(text[:_SCORE_SAMPLE_CHARS])


def _chardet_candidates(raw: bytes) -> dict[str, float]:
    """chardet's guesses as {codec: confidence}, widened to supersets."""
    found: dict[str, float] = {}
    for guess in chardet.detect_all(raw):
        label = guess.get("encoding")
        codec = codec_name(label) if label else None
        if codec and guess.get("confidence") is not None:
            found[codec] = max(found.get(codec, 0.0), float(guess["confidence"]))
    return found


def _choose(decoded: list[tuple[str, str]], detected: dict[str, float], declared: str | None) -> tuple[str, str, float]:
    """Pick the decode that reads most like Chinese; chardet and a declared charset break near-ties.

    The confidence is chardet's, raised when the language signal is decisive:
    a clear margin over every other decode of the same bytes, and a winner
    that looks like real text.
    """

    def rank(item: tuple[str, str]) -> float:
        codec, t = item
        return _score(t) + 0.05 * detected.get(codec, 0.0) + (0.05 if codec == declared else 0.0)

    ranked = sorted(decoded, key=rank, reverse=True)
    codec, text = ranked[0]
    # Different codecs can yield the same text (pure ASCII, GBK ⊂ GB18030): not rivals.
    rivals = [rank(item) for item in ranked[1:] if item[1] != text]
    margin = rank(ranked[0]) - max(rivals) if rivals else _DECISIVE_MARGIN
    plausible = looks_like_chinese(text[:_SCORE_SAMPLE_CHARS])
    language = 0.5 + 0.49 * min(1.0, margin / _DECISIVE_MARGIN) if plausible else 0.3
    confidence = max(detected.get(codec, 0.0), language, 0.9 if codec == declared else 0.0)
    return codec, text, round(min(confidence, 1.0), 3)


def _best_effort(raw: bytes, codecs_to_try: list[str]) -> tuple[str, str, int] | None:
    """The candidate with the fewest undecodable bytes, decoded with U+FFFD in their place."""
    best = None
    for codec in codecs_to_try:
        try:
            text = raw.decode(codec, errors="replace")
        except LookupError:
            continue
        replaced = text.count("\ufffd")
        key = (replaced, -_score(text))
        if best is None or key < best[0]:
            best = (key, codec, text, replaced)
    if best is None:
        return None
    _, codec, text, replaced = best
    return codec, text, replaced


def decode_bytes(raw: bytes) -> Decoded | Rejected:
    """Decode an article's bytes, or reject them with a reason a person can act on.

    >>> decode_bytes("枣庄高新区经济稳步发展。".encode("gb18030")).encoding
    'gb18030'
    >>> decode_bytes(b"").reason
    'empty'
    """
    if not raw.strip(b" \t\r\n\x00"):
        what = "0 bytes" if not raw else "only whitespace"
        return Rejected(
            "empty", f"The file is empty ({what}); export the article again and drop the new file in the inbox."
        )

    bom = detect_bom(raw)
    if bom:
        text = _strict(raw, bom)
        if text is not None:
            return _checked(Decoded(text.lstrip("\ufeff"), bom, 1.0, "byte-order mark"))
        return Rejected(
            "undecodable",
            f"The file starts with a {bom} byte-order mark but its bytes are not valid {bom}; "
            "it is probably truncated or corrupted — fetch or export it again.",
        )

    kind = detect_binary_signature(raw)
    if kind:
        return Rejected(
            "binary",
            f"The file is a {kind}, not text (its first bytes are that format's signature); "
            "extract the article text from it (copy the text, or save as .txt/.html) and drop that instead.",
        )

    text = _strict(raw, "utf-8")
    if text is not None and "\x00" not in text:
        return _checked(Decoded(text, "utf-8", 1.0, "valid UTF-8"))

    declared = declared_charset(raw)
    detected = _chardet_candidates(raw)
    # Valid UTF-8 that holds NUL bytes stays a candidate: it may be UTF-16 of ASCII-heavy text, or not.
    utf8 = ["utf-8"] if text is not None else []
    candidates = list(dict.fromkeys([*([declared] if declared else []), *utf8, *detected, *_CJK_FALLBACKS]))
    decoded = [(codec, t) for codec in candidates if (t := _strict(raw, codec)) is not None]
    decoded = [(codec, t) for codec, t in decoded if _control_share(t) < 0.01]
    decoded = [(codec, t) for codec, t in decoded if _score(t) >= _MIN_TEXT_SCORE]
    if decoded:
        codec, text, confidence = _choose(decoded, detected, declared)
        if codec == declared:
            evidence = "declared charset, checked against the bytes"
        elif codec in detected:
            evidence = "chardet, checked by the language signal"
        else:
            evidence = "language signal over CJK codecs"
        return _checked(Decoded(text, codec, confidence, evidence))

    nul_bytes = raw.count(b"\x00")
    if nul_bytes > len(raw) // 100:
        return Rejected(
            "binary",
            f"The file contains {nul_bytes} NUL bytes and decodes as no text encoding; "
            "it is a binary file, not an article — check what was exported.",
        )
    best = _best_effort(raw, list(dict.fromkeys(["utf-8", *candidates])))
    if best:
        codec, text, replaced = best
        if replaced <= max(1, int(len(text) * _MAX_REPLACED_SHARE)) and _control_share(text) < 0.01:
            return _checked(
                Decoded(text, codec, round(detected.get(codec, 0.5) * 0.5, 3), "best effort", replaced=replaced)
            )
    return Rejected(
        "undecodable",
        "No text encoding decodes these bytes cleanly (tried UTF-8, "
        + ", ".join(candidates)
        + "); the file may be corrupted or in an unusual encoding — re-export it as UTF-8 and drop it again.",
    )


def _checked(decoded: Decoded) -> Decoded | Rejected:
    """Reject a decode that is whitespace or control characters only."""
    if not decoded.text.strip():
        return Rejected("empty", "The file holds no text (only whitespace); export the article again.")
    if _control_share(decoded.text, strict=False) >= 0.01:
        return Rejected(
            "binary",
            f"The file decodes as {decoded.encoding} but is full of control characters; "
            "it is probably a binary file — check what was exported.",
        )
    return decoded
