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

Damaged files. When no strict decode reads as Chinese — a stray byte, a file
cut inside its last character, a lone UTF-16 surrogate, an odd UTF-16 length —
decodes that put U+FFFD in place of the bad bytes compete with the best strict
one, ranked by the same language signal with each U+FFFD as a cost: a Chinese
decode with one U+FFFD beats the 0-replacement gibberish of a single-byte codec
chardet offers (any bytes are valid mac-latin2). Such damage is kept only when
small (a couple of damaged spots, or one in 500 characters); ``replaced``
counts the U+FFFD and the pipeline flags ``decode_errors``. A file whose lines
come in two codecs (UTF-8 and GBK pasted together) is decoded line by line
(``segments``; the pipeline flags ``mixed_encoding``). A BOM file with damaged
code units keeps its BOM's codec, with U+FFFD for them.

Binary or text. A known signature settles it; otherwise control characters
do: a couple of them (one NUL byte in a 90-character brief) are damage in any
file, more than that plus 1 % of the characters is a binary file. NUL bytes
that fall on one byte parity are the pattern of UTF-16 (ASCII characters have
a NUL high byte), not damage. Stray NULs and controls stay in the decoded text
(``text_raw``); the cleaning stage removes them from ``text``.

Ordinary files pay for none of this: valid UTF-8 returns after one strict
decode, and a file in GBK or Big5 after the strict candidates, as before.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from typing import NamedTuple

import chardet

from transforms.language import looks_like_chinese, score_text


class Decoded(NamedTuple):
    text: str
    encoding: str  # Python codec name, lower case: utf-8, utf-8-sig, gb18030, big5hkscs, utf-16, …
    confidence: float  # 0..1
    evidence: str  # how the codec was chosen, for the run report
    replaced: int = 0  # characters that could not be decoded and became U+FFFD
    segments: tuple[str, ...] = ()  # the codecs of a file decoded line by line (mixed encodings), else ()


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
# Counted in damaged spots, of which any file may have a couple: a short brief
# cut at the end with one stray byte inside is still the article, while a wrong
# codec leaves a spot every few characters.
_MAX_REPLACED_SHARE = 0.002
_MIN_DAMAGE_SPOTS = 2
# A lead in mean log-probability per character beyond which the language signal
# alone settles the codec (clean Chinese ≈ -6.5, a wrong CJK decode ≈ -10 or less).
_DECISIVE_MARGIN = 2.0
# Below this mean log-probability a decode is debris, not text: chardet will
# offer single-byte codecs (even EBCDIC) that map any bytes to *something*.
_MIN_TEXT_SCORE = -10.5
_SCORE_SAMPLE_CHARS = 20_000
# What one U+FFFD costs a damaged decode, in mean log-probability times the text's length.
_REPLACEMENT_COST = 10.0
# The codecs a line that is not UTF-8 is read in, by a file decoded line by line.
_LINE_CODECS = ("gb18030", "big5hkscs")


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
# A decode may hold this many such characters whatever its length (one NUL byte in
# a 90-character brief), plus this share of its length; beyond that it is binary
# (or, counting C1 controls, the wrong codec). Random bytes hold about 12 % C0 controls.
_CONTROL_ALLOWANCE = 2
_MAX_CONTROL_SHARE = 0.01


def _too_many_controls(text: str, *, strict: bool = True) -> bool:
    """Whether ``text`` holds more characters that never occur in an article than damage explains.

    ``strict`` counts C1 controls and private-use characters too: a sign of the
    wrong codec among candidate decodes. But a file that already *is* valid text
    may be mojibake (GBK read as Latin-1 is full of C1 controls, UTF-8 read as
    GB18030 of private-use characters) — the repair stage's job — so only C0
    controls and NUL then count as evidence of a binary file. A couple of them
    are damage, not evidence, however short the text:

    >>> _too_many_controls("一则短讯，" * 18 + "\\x00"), _too_many_controls("\\x00\\x01\\x02\\x03" * 40)
    (False, True)
    """
    count = len((_WRONG_CODEC if strict else _C0).findall(text))
    return count > _CONTROL_ALLOWANCE + _MAX_CONTROL_SHARE * len(text)


def _utf16_nul_pattern(raw: bytes) -> str | None:
    """The UTF-16 byte order that NUL bytes in ``raw`` point to, or None.

    UTF-16 writes every ASCII character (digits, newlines, Latin letters) with
    a NUL high byte: NULs then fill a good share of one byte parity — the odd
    offsets for little-endian, the even ones for big-endian — and stay rare in
    the other. A stray NUL byte in UTF-8 or GBK text shows no such pattern.

    >>> [_utf16_nul_pattern("前三季度增长5.2%".encode(codec)) for codec in ("utf-16-le", "utf-16-be")]
    ['utf-16-le', 'utf-16-be']
    >>> _utf16_nul_pattern("前三季度，\\x00增长5.2%。".encode("utf-8")) is None
    True
    """
    nuls = raw.count(0)
    if nuls < 2:
        return None
    odd = raw[1::2].count(0)  # little-endian ASCII: the NUL is the second byte
    for order, on_parity in (("utf-16-le", odd), ("utf-16-be", nuls - odd)):
        if on_parity >= 0.9 * nuls and on_parity >= 0.05 * (len(raw) // 2):
            return order
    return None


def _score(text: str) -> float:
    """The language signal on a prefix: enough to rank codecs, cheap for a 200 MB file."""
    return _score_sample(text[:_SCORE_SAMPLE_CHARS])


# Remembered for the last few samples: one file's candidate decodes were each scored two to four
# times (ranked, compared with their rivals, checked as plausible) — about half of what a GBK or
# Big5 file cost beside chardet. Keyed on the sample (at most _SCORE_SAMPLE_CHARS): ~2.6 MB at most.
_score_sample = lru_cache(maxsize=16)(score_text)
_plausible_sample = lru_cache(maxsize=16)(looks_like_chinese)


def _plausible(text: str) -> bool:
    """:func:`~transforms.language.looks_like_chinese` on the prefix :func:`_score` reads."""
    return _plausible_sample(text[:_SCORE_SAMPLE_CHARS])


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
    plausible = _plausible(text)
    language = 0.5 + 0.49 * min(1.0, margin / _DECISIVE_MARGIN) if plausible else 0.3
    confidence = max(detected.get(codec, 0.0), language, 0.9 if codec == declared else 0.0)
    return codec, text, round(min(confidence, 1.0), 3)


_DAMAGE = re.compile("\ufffd+")
# One damaged spot (an encoded lone surrogate, a cut 4-byte character) becomes up to this many U+FFFD.
_MAX_REPLACED_PER_SPOT = 4


def _tolerable(replaced: int, text: str) -> bool:
    """Whether the U+FFFD in ``text`` are damage to keep (a cut character, a corrupt byte) rather than the wrong codec.

    Damage is counted in spots, runs of U+FFFD: Python replaces each byte of an
    encoded lone surrogate (``\\xed\\xa0\\x80``) on its own, yet it is one
    corrupt character. A wrong codec leaves many spots, spread out.

    >>> _tolerable(3, "一则短讯" * 20 + "\\ufffd" * 3), _tolerable(3, "一\\ufffd则短讯" * 3 + "一则短讯" * 20)
    (True, False)
    """
    if not replaced:
        return True
    spots = len(_DAMAGE.findall(text))
    allowed = max(_MIN_DAMAGE_SPOTS, int(len(text) * _MAX_REPLACED_SHARE))
    return spots <= allowed and replaced <= _MAX_REPLACED_PER_SPOT * spots


def _rank(text: str, replaced: int) -> float:
    """The language signal with every replacement as a cost: comparable across decodes of the same bytes.

    U+FFFD already scores as the rarest character; the extra cost makes a
    strict decode win over a damaged one that reads no better.
    """
    return _score(text) - _REPLACEMENT_COST * replaced / max(1, len(text))


class _Candidate(NamedTuple):
    codec: str
    text: str
    replaced: int
    segments: tuple[str, ...] = ()


def _best_effort(raw: bytes, codecs_to_try: list[str]) -> list[_Candidate]:
    """Decodes with U+FFFD for the undecodable bytes, where that is a little damage in text that reads as text."""
    found = []
    for codec in codecs_to_try:
        try:
            text = raw.decode(codec, errors="replace")
        except LookupError:
            continue
        replaced = text.count("\ufffd")
        if _tolerable(replaced, text) and not _too_many_controls(text) and _score(text) >= _MIN_TEXT_SCORE:
            found.append(_Candidate(codec, text, replaced))
    return found


def _by_line(raw: bytes) -> _Candidate | None:
    """The file decoded line by line, when its lines come in two codecs (UTF-8 and a CJK codec).

    Why: an article pasted together from two sources, or a file appended to by a
    program with another locale, is valid in no single codec; decoded as one it
    turns into gibberish. Lines are split at ``\\n``, a byte no trail byte of
    UTF-8, GBK/GB18030 or Big5 can be (UTF-16/32, whose lines are not byte
    lines, is left out). A line valid in both readings takes the one that
    reads better as Chinese. None unless both codecs are needed and the result
    reads as Chinese with at most a tolerable share of damage.

    >>> raw = "武进区经济运行简报\\n".encode() + "晋江市前三季度增长6.1%。\\n".encode("gbk")
    >>> mixed = _by_line(raw)
    >>> mixed.text, mixed.segments
    ('武进区经济运行简报\\n晋江市前三季度增长6.1%。\\n', ('utf-8', 'gb18030'))
    """
    if b"\x00" in raw or b"\n" not in raw:
        return None
    lines = raw.split(b"\n")
    as_utf8 = [_strict(line, "utf-8") for line in lines]
    rest = b"\n".join(line for line, text in zip(lines, as_utf8, strict=True) if text is None)
    if not rest or len(rest) == len(raw):
        return None  # one codec throughout: the whole-file decodes cover it
    other = max(_LINE_CODECS, key=lambda codec: _score(rest.decode(codec, errors="replace")))
    parts: list[str] = []
    used: dict[str, int] = {}  # codec → bytes it decoded
    for line, utf8 in zip(lines, as_utf8, strict=True):
        codec, text = "utf-8", utf8
        if line.isascii():
            pass
        elif utf8 is None:
            codec, text = other, line.decode(other, errors="replace")
        elif (alt := _strict(line, other)) is not None and _score(alt) > _score(utf8):
            codec, text = other, alt
        if not line.isascii():
            used[codec] = used.get(codec, 0) + len(line)
        parts.append(text)
    text = "\n".join(parts)
    replaced = text.count("\ufffd")
    if len(used) < 2 or not _tolerable(replaced, text) or _too_many_controls(text):
        return None
    if not _plausible(text):
        return None
    main = max(used, key=lambda codec: used[codec])
    return _Candidate(main, text, replaced, tuple(used))


def decode_bytes(raw: bytes) -> Decoded | Rejected:
    """Decode an article's bytes, or reject them with a reason a person can act on.

    Damage is kept, not rejected, when it is small: a file cut inside its last
    character, a stray byte, a lone UTF-16 surrogate, an odd UTF-16 length:
    a couple of damaged spots, or one in 500 characters, become U+FFFD and
    ``replaced`` counts them (the pipeline flags ``decode_errors``). A stray NUL
    byte does not make a text file binary. A file whose lines come in UTF-8
    and a CJK codec is decoded line by line (``segments`` names both).

    >>> decode_bytes("枣庄高新区经济稳步发展。".encode("gb18030")).encoding
    'gb18030'
    >>> damaged = decode_bytes("枣庄高新区经济稳步发展。".encode()[:-1])
    >>> damaged.text, damaged.encoding, damaged.replaced
    ('枣庄高新区经济稳步发展\ufffd', 'utf-8', 1)
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
        return _with_bom(raw, bom)

    kind = detect_binary_signature(raw)
    if kind:
        return Rejected(
            "binary",
            f"The file is a {kind}, not text (its first bytes are that format's signature); "
            "extract the article text from it (copy the text, or save as .txt/.html) and drop that instead.",
        )

    text = _strict(raw, "utf-8")
    if text is not None:
        if "\x00" not in text:
            return _checked(Decoded(text, "utf-8", 1.0, "valid UTF-8"))
        # NUL bytes in valid UTF-8: UTF-16 of ASCII-heavy text (a candidate below), or a few stray NULs.
        if _utf16_nul_pattern(raw) is None and not _too_many_controls(text, strict=False):
            return _checked(Decoded(text, "utf-8", 1.0, "valid UTF-8 (with stray NUL bytes)"))

    declared = declared_charset(raw)
    detected = _chardet_candidates(raw)
    # Valid UTF-8 that holds NUL bytes stays a candidate: it may be UTF-16 of ASCII-heavy text, or not.
    utf8 = ["utf-8"] if text is not None else []
    candidates = list(dict.fromkeys([*([declared] if declared else []), *utf8, *detected, *_CJK_FALLBACKS]))
    strict = [(codec, t) for codec in candidates if (t := _strict(raw, codec)) is not None]
    decoded = [(codec, t) for codec, t in strict if not _too_many_controls(t) and _score(t) >= _MIN_TEXT_SCORE]
    chosen = _choose(decoded, detected, declared) if decoded else None
    if chosen and _plausible(chosen[1]):
        return _checked(Decoded(chosen[1], chosen[0], chosen[2], _evidence(chosen[0], detected, declared)))

    # No strict decode reads as Chinese: the bytes may be damaged, or in two codecs. Decodes
    # with a few U+FFFD, and a line-by-line decode, compete with the best strict one (if any).
    tried = {codec for codec, _ in strict}
    rivals = _best_effort(raw, [c for c in dict.fromkeys(["utf-8", *candidates]) if c not in tried])
    if mixed := _by_line(raw):
        rivals.append(mixed)
    if chosen:
        rivals.append(_Candidate(chosen[0], chosen[1], 0))
    if rivals:
        best = max(rivals, key=lambda c: _rank(c.text, c.replaced))
        if chosen and best.codec == chosen[0] and not best.replaced and not best.segments:
            return _checked(Decoded(chosen[1], chosen[0], chosen[2], _evidence(chosen[0], detected, declared)))
        plausible = _plausible(best.text)
        if best.segments:
            evidence = "line by line: " + " and ".join(best.segments)
            confidence = 0.5
        else:
            evidence = f"best effort: {best.replaced} undecodable byte sequence(s) replaced"
            confidence = max(0.8 if plausible else 0.3, 0.5 * detected.get(best.codec, 0.0))
        return _checked(Decoded(best.text, best.codec, confidence, evidence, best.replaced, best.segments))

    nul_bytes = raw.count(b"\x00")
    if nul_bytes > _CONTROL_ALLOWANCE + _MAX_CONTROL_SHARE * len(raw):
        return Rejected(
            "binary",
            f"The file contains {nul_bytes} NUL bytes and decodes as no text encoding; "
            "it is a binary file, not an article — check what was exported.",
        )
    return Rejected(
        "undecodable",
        "No text encoding decodes these bytes cleanly (tried UTF-8, "
        + ", ".join(candidates)
        + "); the file may be corrupted or in an unusual encoding — re-export it as UTF-8 and drop it again.",
    )


def _evidence(codec: str, detected: dict[str, float], declared: str | None) -> str:
    if codec == declared:
        return "declared charset, checked against the bytes"
    if codec in detected:
        return "chardet, checked by the language signal"
    return "language signal over CJK codecs"


def _with_bom(raw: bytes, bom: str) -> Decoded | Rejected:
    """Decode by the byte-order mark; a tolerable share of bad code units (a lone surrogate, an odd length) is kept."""
    text = _strict(raw, bom)
    if text is not None:
        return _checked(Decoded(text.lstrip("\ufeff"), bom, 1.0, "byte-order mark"))
    text = raw.decode(bom, errors="replace")
    replaced = text.count("\ufffd")
    if _tolerable(replaced, text):
        evidence = f"byte-order mark; {replaced} undecodable code unit(s) replaced"
        return _checked(Decoded(text.lstrip("\ufeff"), bom, 1.0, evidence, replaced))
    return Rejected(
        "undecodable",
        f"The file starts with a {bom} byte-order mark but {replaced} of its characters are not valid {bom}; "
        "it is probably truncated or corrupted — fetch or export it again.",
    )


def _checked(decoded: Decoded) -> Decoded | Rejected:
    """Reject a decode that is whitespace or control characters only."""
    if not decoded.text.strip():
        return Rejected("empty", "The file holds no text (only whitespace); export the article again.")
    if _too_many_controls(decoded.text, strict=False):
        return Rejected(
            "binary",
            f"The file decodes as {decoded.encoding} but is full of control characters; "
            "it is probably a binary file — check what was exported.",
        )
    return decoded
