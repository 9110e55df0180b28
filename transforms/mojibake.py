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
the end), every character whose bytes survived is recovered, the lost ones
become U+FFFD, and a ``mojibake_lossy`` repair says how many.

    >>> fixed = repair_mojibake("浠婂勾浠ユ潵锛屽叏甯傜粡娴庤繍琛岀ǔ涓�鍚戝ソ銆�")
    >>> print(fixed.text)  # 中 and 。 lost a byte each in the wrong decode
    今年以来，全市经济运行稳�向好�
    >>> [tag for tag, _ in fixed.repairs]
    ['mojibake:utf-8/gbk', 'mojibake_lossy']
    >>> repair_mojibake("½ñÄêÒÔÀ´£¬È«ÊÐ¾­¼ÃÔËÐÐÎÈÖÐÏòºÃ¡£").text
    '今年以来，全市经济运行稳中向好。'
    >>> repair_mojibake("今年以来，全市经济运行稳中向好。").repairs
    []
"""

from __future__ import annotations

import bisect
import codecs
import contextlib
import re
from collections import Counter
from typing import NamedTuple

from transforms.language import MIN_SCORE, char_scores
from transforms.repairs import Fixed, Repair

REPLACEMENT = "\ufffd"
_BROKEN = char_scores(REPLACEMENT)[0]

# A reversal must raise the mean per-character log-probability (natural log)
# of the segment by this much.  Real mojibake gains 4-8; the rare wrong
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


class _Candidate(NamedTuple):
    text: str
    lost: int  # characters that could not be recovered (now U+FFFD)
    tags: tuple[str, ...]  # one "mojibake:<true>/<wrong>" per reversed layer
    dangling: int = 0  # of those, lost to a partial character at the end rather than to a hole


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


def _decode_with_holes(chunks: list[bytes], holes: list[tuple[int, bool]], codec: str) -> tuple[str, int, int] | None:
    """Decode ``chunks`` strictly, tolerating damage only at the holes between them.

    ``holes[i]`` sits between ``chunks[i]`` and ``chunks[i + 1]``: ``(bytes
    lost, is_question_mark)``.  The character a hole cut into becomes one
    U+FFFD; its surviving bytes on either side are dropped, so decoding
    resumes in step.  A ``?`` hole that cut nothing was a real question mark.
    A dangling partial character at the very end is lost the same way.
    Returns the text, the characters lost and whether one was a dangling
    end, or ``None`` when anything else fails to decode: then this is not
    the right reversal.
    """
    utf8 = codec == "utf-8"
    width = 3 if utf8 else 2  # bytes per ideograph, to estimate lost characters
    decoder = codecs.getincrementaldecoder(codec)("strict")
    out: list[str] = []
    lost = dangling = 0
    try:
        out.append(decoder.decode(chunks[0], final=False))
        for (hole_bytes, question), chunk in zip(holes, chunks[1:], strict=True):
            pending = decoder.getstate()[0]
            if utf8:
                skip = _continuation_prefix(chunk)
            else:
                # A lost lead byte leaves its trail byte behind; a lost trail completes the pending lead.
                odd = (len(pending) + hole_bytes) % 2
                skip = 1 if odd and chunk and chunk[0] >= 0x40 else 0
            if question and not pending and not skip:
                out.append("?")  # nothing was cut: a real question mark
            else:
                n = max(1, round((len(pending) + hole_bytes + skip) / width))
                out.append(REPLACEMENT * n)
                lost += n
            decoder.reset()
            out.append(decoder.decode(chunk[skip:], final=False))
        if decoder.getstate()[0]:  # an odd trailing byte: its character is lost
            out.append(REPLACEMENT)
            lost += 1
            dangling = 1
    except UnicodeDecodeError:
        return None
    return "".join(out), lost, dangling


def _reverse(segment: str, kind: _Kind, question_holes: bool = False) -> _Candidate | None:
    """Undo one wrong decode of ``segment``, or ``None`` if it was not this one."""
    # Split at the holes the wrong decode left (U+FFFD, and ``?`` if asked), merging neighbours.
    pieces = re.split("([\ufffd?]+)" if question_holes else "(\ufffd+)", segment)
    if all(piece.isascii() for piece in pieces[::2]):
        return None  # nothing but ASCII and holes: no wrong decode left to undo
    holes = [(len(hole), REPLACEMENT not in hole) for hole in pieces[1::2]]
    texts = pieces[::2]
    encoded = [_wrong_bytes(piece, kind.wrong) for piece in texts]
    if not all(encoded):
        return None
    # Try each dialect of the wrong codec (the same one for the whole segment).
    for dialect in range(max(len(options) for options in encoded)):
        chosen = [options[min(dialect, len(options) - 1)] for options in encoded]
        chunks = [raw for raw, _ in chosen]
        names = {name for (_, name), piece in zip(chosen, texts, strict=True) if piece}
        wrong = "gb18030" if "gb18030" in names else "cp1252" if "cp1252" in names else min(names, default=kind.wrong)
        for codec in kind.decoders:
            decoded = _decode_with_holes(chunks, holes, codec)
            if decoded is not None:
                text, lost, dangling = decoded
                return _Candidate(text, lost, (f"mojibake:{kind.true}/{wrong}",), dangling)
    return None


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
            second = _reverse(first.text, kind2)
            if second is not None and second.text != first.text:
                both = _Candidate(
                    second.text,
                    first.lost + second.lost,
                    first.tags + second.tags,
                    first.dangling + second.dangling,
                )
                found.append((both, first))
    return found


def _quality(text: str, dangling: int = 0) -> float:
    """How well ``text`` reads, judged on what survived.

    Holes (U+FFFD, ``?``, ``锟斤拷``) are the same loss in every reading of a
    segment, so they are not scored; a character a reversal gives up at the
    end (a dangling partial character, which is how a wrong reversal of clean
    text often "succeeds") counts as a U+FFFD against it.
    """
    scores = char_scores(text.replace(_KUNJINKAO, "").replace(REPLACEMENT, "").replace("?", ""))
    scores += [_BROKEN] * dangling
    return sum(scores) / len(scores) if scores else MIN_SCORE


def _gain(before: str, candidate: _Candidate) -> float:
    """How much better ``candidate`` reads than ``before``."""
    return _quality(candidate.text, candidate.dangling) - _quality(before)


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
    if known and {_family(tag) for tag in candidate.tags} <= known:
        return MIN_GAIN_KNOWN
    if ideographs == 1:
        return None  # one character is no evidence: "Ã©" would become 矇
    return MIN_GAIN if ideographs >= SHORT_SEGMENT else MIN_GAIN_SHORT


def _best(segment: str, kinds: tuple[_Kind, ...], known: frozenset[str]) -> _Candidate | None:
    """The best-reading reversal that reads clearly better than ``segment``, if there is one.

    A second layer is judged against the first one's result when that was good
    enough by itself: each step needs its own evidence, as if repaired twice.
    """
    accepted = []
    for candidate, first in _candidates(segment, kinds):
        needed = _needed_gain(candidate, known)
        if needed is None:
            continue
        if _gain(segment, candidate) >= needed or (
            first is not None and first in accepted and _gain(first.text, candidate) >= needed
        ):
            accepted.append(candidate)
    return max(accepted, key=_rank, default=None)


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
    if not _UTF8_SEED.search(line.encode(codec, errors="replace")):
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


def _repair_line(line: str, known: frozenset[str]) -> tuple[str, list[_Candidate]]:
    """Repair one line: as a whole, then its damaged spans, its Latin-1 runs, its ``锟斤拷``."""
    if line.isascii():
        return line, []
    best = _best(line, _CJK_KINDS, known)
    if best is not None:
        return best.text, [best]
    done: list[_Candidate] = []
    for kind in _CJK_KINDS:
        for first, last in reversed(_utf8_spans(line, kind)):
            best = _best(line[first:last], (kind,), known)
            if best is not None:
                line = line[:first] + best.text + line[last:]
                done.append(best)

    def fix_run(match: re.Match[str]) -> str:
        run = match.group()
        if len(_NON_ASCII_LATIN.findall(run)) < 2:
            return run  # a lone ·, “ or é is punctuation or a name, not mojibake
        best = _best(run, _LATIN_KINDS, known)
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
    if lost:
        repairs.append(Repair("mojibake_lossy", f"{lost} character{'s' if lost > 1 else ''} unrecoverable"))
    return repairs


def _repair_lines(lines: list[str], known: frozenset[str]) -> tuple[list[str], list[_Candidate]]:
    found: list[_Candidate] = []
    out: list[str] = []
    for line in lines:
        body = line.rstrip("\r")
        fixed, done = _repair_line(body, known)
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
    # Repeat until nothing changes, so that repairing a repaired text is a no-op;
    # in practice the second round finds nothing (two layers are undone at once).
    for _ in range(_MAX_ROUNDS):
        text, more = _repair_text(text)
        if not more:
            break
        found.extend(more)
    return Fixed(text, _explain(found)) if found else Fixed(text, [])


def _repair_text(text: str) -> tuple[str, list[_Candidate]]:
    """One round over the lines of ``text``, then a second look at short lines with what it proved."""
    # Split at "\n" only: str.splitlines() would also cut at \x85 and \x1c-\x1e,
    # which are ordinary bytes of UTF-8 read as Latin-1.
    lines = text.split("\n")
    out, found = _repair_lines(lines, frozenset())
    if not found:
        return text, []
    known = frozenset(_family(tag) for cand in found for tag in cand.tags)
    untouched = [i for i, (old, new) in enumerate(zip(lines, out, strict=True)) if old == new]
    again, more = _repair_lines([lines[i] for i in untouched], known)
    for i, line in zip(untouched, again, strict=True):
        out[i] = line
    return "\n".join(out), found + more
