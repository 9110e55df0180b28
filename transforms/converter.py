"""Undo the artefacts that online script converters leave in an article.

Some sites push their copy through a simplified→traditional "converter" that
also annotates characters with their reading, ``園區(qū)``, and doubles the
punctuation after them, ``穩步推進,,成效明顯`` / ``智慧化,、低碳化``. Both are noise
added *by a tool*, not by the author, so they are removed here, before any
normalisation sees the text:

* :func:`remove_pinyin_annotations` drops ``字(pīnyīn)`` only when the
  syllables really are a reading of the characters in front of them (checked
  with pypinyin), so genuine parentheses such as ``青島(黃島)`` or ``(GDP)`` stay.
* :func:`collapse_doubled_punctuation` turns ``,,`` ``,、`` ``,。`` ``，；`` … into
  the single mark the author meant.

:func:`fix_converter_artefacts` runs both in that order.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from functools import lru_cache

from transforms.repairs import Fixed, Repair

__all__ = ["collapse_doubled_punctuation", "fix_converter_artefacts", "remove_pinyin_annotations"]

# --- pinyin annotations --------------------------------------------------------

# Han ideographs: CJK unified (incl. extension A and the supplementary planes)
# and compatibility ideographs.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RE = re.compile(f"[{_HAN}]")

# What may stand inside an annotation: lower-case Latin letters (ASCII or
# full-width), tone-marked vowels and combining tone marks, ü/v, tone digits
# and syllable separators. Upper case is deliberately excluded: ``北京(Beijing)``
# is an author's gloss, not a converter's reading.
_PINYIN_CHARS = (
    "a-z0-9ａ-ｚ０-９"  # ASCII and full-width letters/digits
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêếềńňǹḿɑ"
    "\u0300-\u036f"  # combining marks (NFD tone marks)
    "' \u2019\\-"
)
# One to four characters' worth of syllables in ASCII or full-width
# parentheses, optionally after a single space. The pattern starts at the
# parenthesis, so ``re`` skips ahead to the next one instead of trying every
# position (an optional leading space defeats that); :func:`_annotations` adds
# the space back.
_ANNOTATION_RE = re.compile(f"[(（][ \\t]*([{_PINYIN_CHARS}]{{1,40}}?)[ \\t]*[)）]")
_MAX_CHARS = 4  # a reading covers at most this many preceding characters
# A letter of pinyin in any of its spellings (NFKC and NFD bring each to a-z): an annotation
# without one, ``（2023）`` or ``(1)``, spells no reading and needs no look at pypinyin.
_PINYIN_LETTER_RE = re.compile("[a-zａ-ｚāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêếềńňǹḿɑ]")

# Combining tone marks → tone number (NFD puts them after the vowel).
_TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    """The OpenCC traditional→simplified converter, built once on first use."""
    import opencc

    return opencc.OpenCC("t2s").convert


def _parse_syllables(text: str) -> tuple[str, tuple[int, ...]] | None:
    """Split pinyin into its bare letters and its tone sequence.

    Tone marks and tone digits both become numbers and ``ü``/``u:`` becomes
    ``v``, so ``yè``, ``ye4`` and ``yè`` written with a combining accent compare
    equal; neutral tones (no mark, ``5`` or ``0``) add nothing. Returns ``None``
    when the text holds anything pinyin never does.

        >>> _parse_syllables("chǎnyè")
        ('chanye', (3, 4))
        >>> _parse_syllables("lv4")
        ('lv', (4,))
        >>> _parse_syllables("gdp!") is None
        True
    """
    letters: list[str] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text)):
        if "a" <= ch <= "z":
            letters.append(ch)
        elif ch == "ɑ":
            letters.append("a")
        elif ch in _TONE_MARKS:
            tones.append(_TONE_MARKS[ch])
        elif ch == "\u0308":  # diaeresis: ü is written v in the bare form
            if letters and letters[-1] == "u":
                letters[-1] = "v"
        elif ch in "1234":
            tones.append(int(ch))
        elif ch in "05 '\u2019-" or "\u0300" <= ch <= "\u036f":
            continue  # neutral-tone digit, separator, other diacritic (ê)
        else:
            return None
    return ("".join(letters), tuple(tones)) if letters else None


@lru_cache(maxsize=8192)
def _readings(char: str) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Every reading pypinyin knows for ``char``, parsed like an annotation.

    Traditional characters pypinyin lacks are looked up through their
    simplified form (OpenCC t2s); readings of both forms are accepted.

        >>> ("ye", (4,)) in _readings("業")
        True
    """
    from pypinyin import Style, pinyin

    forms = {char, _t2s()(char)}
    found: dict[tuple[str, tuple[int, ...]], None] = {}
    for form in sorted(forms):
        for reading in pinyin(form, style=Style.TONE3, heteronym=True, errors="ignore")[0:1]:
            for syllable in reading:
                parsed = _parse_syllables(syllable)
                if parsed is not None:
                    found[parsed] = None
    return tuple(found)


@lru_cache(maxsize=8192)  # a converter annotates the same characters again and again (區(qū) …)
def _is_reading_of(chars: str, annotation: str) -> bool:
    """Whether ``annotation`` spells one reading of each of ``chars``, in order.

    Without tones only the letters must match; with tones the tone sequence
    must match too (the mark may sit on any vowel of its syllable).

        >>> _is_reading_of("業", "yè"), _is_reading_of("南", "ming shui")
        (True, False)
        >>> _is_reading_of("產業", "chan3ye4"), _is_reading_of("業", "yé")
        (True, False)
    """
    parsed = _parse_syllables(annotation)
    if parsed is None:
        return False
    letters, tones = parsed
    options = [_readings(ch) for ch in chars]

    def match(i: int, pos: int, got: tuple[int, ...]) -> bool:
        if i == len(chars):
            return pos == len(letters) and (not tones or got == tones)
        return any(
            letters.startswith(base, pos) and match(i + 1, pos + len(base), got + tone) for base, tone in options[i]
        )

    return match(0, 0, ())


def _annotations(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, syllables)`` of each parenthesis that may hold a reading, with one space or tab before it.

    The span is what ``[ \\t]?`` + :data:`_ANNOTATION_RE` would match: the space
    belongs to the annotation unless an earlier match ended after it.

        >>> [(s, e, a) for s, e, a in _annotations("招商 (shāng)(zī)")]
        [(2, 10, 'shāng'), (10, 14, 'zī')]
    """
    end = 0
    for m in _ANNOTATION_RE.finditer(text):
        start = m.start()
        if start > end and text[start - 1] in " \t":
            start -= 1
        end = m.end()
        yield start, end, m.group(1)


def remove_pinyin_annotations(text: str) -> Fixed:
    """Drop ``字(pīnyīn)`` readings a converter inserted after characters.

    Why: converter sites print a reading after many characters, ``園區(qū)``,
    which breaks every later match (``園區(qū)建設`` is no longer ``園區建設``). A
    parenthesis is removed only when its lower-case syllables (tone marks, tone
    digits or none; ü or v) are a reading pypinyin knows for the one to four
    Han characters right before it, so real parentheses stay: a place name, an
    acronym, a source line or an English gloss is not a reading of its
    neighbour.

        >>> remove_pinyin_annotations("招商(shāng)引資(zī)").text
        '招商引資'
        >>> remove_pinyin_annotations("青島(黃島)港區, 總值(gdp), 是(yes)").text
        '青島(黃島)港區, 總值(gdp), 是(yes)'
        >>> remove_pinyin_annotations("綠（lv4）色").repairs
        [Repair(tag='pinyin_annotations', detail='removed 1 annotation, e.g. 綠（lv4）')]
    """
    out: list[str] = []
    last = 0
    tail = ""  # the last few characters of the output, so back-to-back annotations all go
    examples: list[str] = []
    count = 0
    for start, end, annotation in _annotations(text):
        if annotation != annotation.lower() or _PINYIN_LETTER_RE.search(annotation) is None:
            continue
        before = (tail + text[last:start])[-_MAX_CHARS:]
        for k in range(1, min(_MAX_CHARS, len(before)) + 1):
            chars = before[-k:]
            if not _HAN_RE.fullmatch(chars[0]):
                break  # ran out of Han characters in front
            if _is_reading_of(chars, annotation):
                out.append(text[last:start])
                tail, last = before, end
                count += 1
                example = chars + text[start:end].lstrip(" \t")
                if len(examples) < 3 and example not in examples:
                    examples.append(example)
                break
    if not count:
        return Fixed(text, [])
    out.append(text[last:])
    noun = "annotation" if count == 1 else "annotations"
    detail = f"removed {count} {noun}, e.g. {', '.join(examples)}"
    return Fixed("".join(out), [Repair("pinyin_annotations", detail)])


# --- doubled punctuation ---------------------------------------------------------

# A converter inserts a comma in front of the mark the author typed:
# ``推進,,成效`` ``智慧化,、低碳化`` ``完成,。`` ``落實,;``. The run of commas is
# dropped and the final mark kept, since it is the author's (and the more
# specific one). Deliberately *not* matched: ``...`` ``……`` ``——`` (ellipses
# and dashes are written doubled), ``!!`` ``??`` ``?!`` (authorial emphasis) and
# ``。,`` ``、、`` (no converter produces them, so they are left for a person).
# Spaces between the comma and the mark go with the comma (``, 、``).
# (``[,，][ \t]*`` once, then repeated: the same as ``(?:[,，][ \t]*)+``, but starting with the comma lets ``re``
# skip ahead to the next one.)
_DOUBLED_RE = re.compile(r"[,，][ \t]*(?:[,，][ \t]*)*(?=[,，、。;；:：?？!！])")


def collapse_doubled_punctuation(text: str) -> Fixed:
    """Collapse a converter's extra comma in front of a punctuation mark.

    Why: the converter turns ``，`` into ``,,`` and ``、`` into ``,、``, which
    splits clauses wrongly and leaves stray commas in every excerpt. The
    second (final) mark is the author's, so ``,、`` → ``、``, ``,。`` → ``。``,
    ``,;`` → ``;`` and ``,,`` → ``,``. A single comma, as in ``1,000``, is never
    touched, nor are ``...``, ``……``, ``——`` or ``!!``.

        >>> collapse_doubled_punctuation("推進,,成效,、質效,。").text
        '推進,成效、質效。'
        >>> collapse_doubled_punctuation("共1,000家……好!!").text
        '共1,000家……好!!'
        >>> collapse_doubled_punctuation("一，，二").repairs
        [Repair(tag='doubled_punctuation', detail='collapsed 1 doubled mark: ，， ×1')]
    """
    kinds: Counter[str] = Counter()

    def drop(m: re.Match[str]) -> str:
        kinds[m.group(0)[0] + text[m.end()]] += 1
        return ""

    new = _DOUBLED_RE.sub(drop, text)
    if new == text:
        return Fixed(text, [])
    total = sum(kinds.values())
    noun = "mark" if total == 1 else "marks"
    top = ", ".join(f"{k} ×{n}" for k, n in kinds.most_common(4))
    return Fixed(new, [Repair("doubled_punctuation", f"collapsed {total} doubled {noun}: {top}")])


def fix_converter_artefacts(text: str) -> Fixed:
    """Run both converter repairs: annotations first, then the doubled marks.

    Annotations go first because they sit between a character and its doubled
    comma, ``區(qū),,``.

        >>> fix_converter_artefacts("開發區(qū),,新氣象").text
        '開發區,新氣象'
    """
    repairs: list[Repair] = []
    for fix in (remove_pinyin_annotations, collapse_doubled_punctuation):
        text, done = fix(text)
        repairs.extend(done)
    return Fixed(text, repairs)
