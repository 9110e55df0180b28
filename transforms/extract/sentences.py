"""Sentences and clauses with their character offsets.

Every extracted row cites the sentence it came from, and a figure's scope
(its period, its region, 预计) carries through the rest of that sentence, so the
sentence is the unit of extraction.  Offsets are into the string given, which
the pipeline keeps the same length as ``documents.text``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple


class Span(NamedTuple):
    """A stretch of text and where it stands: ``text == source[start:end]``."""

    text: str
    start: int
    end: int
    para: int = 0  # index of the paragraph (``\\n``-separated) it belongs to


# A sentence ends after 。！？ (either width) or "…", swallowing the closing
# quotes and brackets that belong to it; an ASCII full stop counts only when
# it is not a decimal point or an abbreviation dot between Latin letters.
_SENTENCE_END = re.compile(r"(?:[。！？!?]+|…+|(?<![0-9A-Za-z])\.(?![0-9A-Za-z]))[”’」』）)\"']*")
_CLAUSE_SEP = re.compile(r"[，,；;：:]")
_SUBCLAUSE_SEP = re.compile(r"[，,；;：:、]")


def _trimmed(source: str, start: int, end: int, para: int) -> Span | None:
    piece = source[start:end]
    text = piece.strip()  # str.strip() drops what str.isspace() calls space
    if not text:
        return None
    start += piece.find(text[0])  # the first character kept
    return Span(text, start, start + len(text), para)


def split_sentences(text: str) -> list[Span]:
    """Split ``text`` into sentences at 。！？ and line breaks, keeping offsets.

    Why: a figure is quoted with the sentence it was read from, and the scope
    words at a sentence's head (``前三季度，``) govern all its clauses.

        >>> [s.text for s in split_sentences("前三季度，GDP增长5%。\\n投资增长3%！好")]
        ['前三季度，GDP增长5%。', '投资增长3%！', '好']
        >>> s = split_sentences("他说：“增长了。”然后")[0]
        >>> s.text, s.start, s.end
        ('他说：“增长了。”', 0, 9)
        >>> [s.para for s in split_sentences("甲。乙。\\n丙。")]
        [0, 0, 1]
        >>> [s.text for s in split_sentences("增长3.5%. Next")]
        ['增长3.5%.', 'Next']
    """
    out: list[Span] = []
    pos = 0
    for para_no, line in enumerate(text.split("\n")):
        line_start = pos
        pos += len(line) + 1
        if not line or line.isspace():
            continue  # a blank line holds no sentence
        cut = 0
        for m in _SENTENCE_END.finditer(line):
            span = _trimmed(text, line_start + cut, line_start + m.end(), para_no)
            if span:
                out.append(span)
            cut = m.end()
        span = _trimmed(text, line_start + cut, line_start + len(line), para_no)
        if span:
            out.append(span)
    return out


_OPEN, _CLOSE = "（(", "）)"
_THOUSANDS = re.compile(r"\d{3}(?![\d,])")


def _split(text: str, sep: re.Pattern[str]) -> list[tuple[int, int]]:
    """Split at ``sep``, but not inside brackets: ``8352.6亿元（人民币，下同），增长4.3%``
    keeps the aside in one piece with its amount.

        >>> _split("8亿元（人民币，下同），增长4%", _CLAUSE_SEP)
        [(0, 11), (12, 16)]
        >>> _split("9,210.4亿元,增长4%", _CLAUSE_SEP)
        [(0, 9), (10, 14)]
    """
    return list(_split_cached(text, sep))


_BRACKET = re.compile(r"[（(）)]")


@lru_cache(maxsize=256)
def _split_cached(text: str, sep: re.Pattern[str]) -> tuple[tuple[int, int], ...]:
    # the same sentence is split several times (its scope, its figures, their
    # qualifiers): cached, and the bracket depth counted once, not per separator
    brackets = [(m.start(), 1 if m.group() in _OPEN else -1) for m in _BRACKET.finditer(text)] \
        if "（" in text or "(" in text else []
    if not brackets and "," not in text:
        # no bracket to stay inside and no thousands separator: every separator
        # (one character each) cuts
        cuts = [m.start() for m in sep.finditer(text)]
        return tuple(zip([0, *(c + 1 for c in cuts)], [*cuts, len(text)], strict=True))
    bounds: list[tuple[int, int]] = []
    start = 0
    k = depth = 0  # brackets before the current separator, opened minus closed since ``start``
    for m in sep.finditer(text):
        while k < len(brackets) and brackets[k][0] < m.start():
            depth += brackets[k][1]
            k += 1
        if m.group() == "," and m.start() and text[m.start() - 1].isdigit() and \
                _THOUSANDS.match(text, m.end()):
            continue  # 9,210.4: a thousands separator
        if depth > 0:
            continue
        bounds.append((start, m.start()))
        start = m.end()
        depth = 0
    bounds.append((start, len(text)))
    return tuple(bounds)


def clause_bounds(sentence: str) -> list[tuple[int, int]]:
    """Clauses of a sentence (split at ，；： either width) as (start, end) pairs.

        >>> clause_bounds("1-10月份，投资增长28.4%；收入11亿元")
        [(0, 6), (7, 16), (17, 23)]
    """
    return _split(sentence, _CLAUSE_SEP)


def subclause_bounds(sentence: str) -> list[tuple[int, int]]:
    """Like :func:`clause_bounds` but also splitting at the enumeration comma 、.

    Why: ``GDP完成257亿元、增长6%`` puts the growth rate of the same figure
    behind 、, so a value and its growth are looked for clause piece by piece.

        >>> subclause_bounds("完成257亿元、增长6%")
        [(0, 7), (8, 12)]
    """
    return _split(sentence, _SUBCLAUSE_SEP)


def enclosing(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The (start, end) among ``bounds`` that contains offset ``pos``.

        >>> enclosing([(0, 5), (6, 16)], 7)
        (6, 16)
    """
    for start, end in bounds:
        if start <= pos <= end:
            return start, end
    return bounds[-1]
