"""How much does a string look like natural Chinese?  A cheap language signal.

Several stages have to choose between readings of the same bytes: the decoder
(GB18030 or Big5-HKSCS or UTF-16?) and the mojibake repair (is ``鎴戜滑`` better
read back as UTF-8?).  Byte statistics alone cannot tell a valid-but-wrong
decode from the right one; a language model can, because a wrong decode turns
common characters into rare ones, symbols, private-use code points and
replacement characters.

The model is a character unigram: the frequencies of jieba's dictionary words,
summed per character, with traditional characters folded to simplified by
OpenCC ``t2s`` so traditional text scores as well as simplified.  Everything
that is not a CJK ideograph gets a fixed log-probability by class (ASCII,
CJK punctuation, Latin-1 letters, controls, ...), on the same natural-log
scale, so ordinary mixed Chinese/ASCII article text scores like Chinese and
the tell-tale characters of a wrong decode score far below it.

The table is precomputed into ``transforms/data/language_charfreq.tsv``
(``python -m transforms.language`` rebuilds it from jieba and OpenCC); when the
file is missing it is built in memory from the same sources, once.

    >>> clean = "今年以来，全市经济运行稳中向好。"
    >>> broken = clean.encode("utf-8").decode("gbk", errors="replace")  # UTF-8 read as GBK
    >>> broken[:10]
    '浠婂勾浠ユ潵锛屽叏甯'
    >>> round(score_text(clean), 1), round(score_text(broken), 1)
    (-6.4, -12.6)
    >>> looks_like_chinese("前三季度，全區GDP增長6.2%。")
    True
    >>> looks_like_chinese("Ç°Èý¼¾¶È£¬È«ÇøGDPÔö³¤6.2%¡£")
    False
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import cache
from pathlib import Path

# The score of text with nothing to score (empty string): worse than any real text.
MIN_SCORE = -30.0

_DATA = Path(__file__).parent / "data" / "language_charfreq.tsv"

# Fixed log-probabilities by character class, on the scale of the unigram model
# (natural log; a median dictionary character is about -13.8, the mean of real
# news text about -6.8).  Chosen so clean mixed text scores like Chinese and
# the debris of wrong decodes scores well below it.
_ASCII_LETTER = -7.5
_ASCII_DIGIT = -6.5
_ASCII_PUNCT = -6.5
_WHITESPACE = -5.0
_CJK_PUNCT = -5.0  # ，。、“”…— and friends: frequent in any Chinese article
_OTHER_CJK_SYMBOL = -9.5  # rest of U+3000 block, fullwidth forms, circled numbers
_LATIN1_SYMBOL_COMMON = -9.0  # ° ± × ÷ · § — do occur in Chinese articles
_LATIN1_OTHER = -11.0  # ¡¢£¤¥¦¨©ª«¬®¯²³´µ¶¸¹º»¼½¾¿ and accented letters
_LATIN_EXTENDED = -10.0  # pinyin tone letters ā ǎ ū, other Latin
_FOREIGN_SCRIPT = -12.0  # Greek, Cyrillic, kana, hangul, box drawing: Big5<->GBK debris
_SYMBOL = -10.0  # arrows, maths, shapes, emoji
_CP1252_DEBRIS = -13.0  # ƒ ˆ Š Œ Ž ˜ š œ ž Ÿ ‚ „ † ‡ ‹ ›: almost only from cp1252 mojibake
_RARE_IDEOGRAPH = -19.0  # ideographs the dictionary never saw, extension B+, compatibility forms
_BROKEN = -25.0  # U+FFFD, lone surrogates, noncharacters, unassigned code points
_CONTROL = -22.0  # C0 (other than tab/newline) and C1 controls, private use
# Extra penalty for a Latin-1 letter or symbol next to CJK or next to another
# such character: "ÖÐ¹ú" and "é‡‘" are the shapes of GBK/UTF-8 read as Latin-1.
_LATIN1_CONTEXT_PENALTY = -4.0

_CJK_PUNCTUATION = set("，。、；：？！（）“”‘’《》〈〉【】〔〕「」『』—…·～　％＋－＝／｜￥")
_COMMON_LATIN1 = set("°±×÷·§")
_CP1252_ONLY = set("ƒˆŠŒŽ˜šœžŸ‚„†‡‹›")


def _is_ideograph(cp: int) -> bool:
    return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF


def build_charfreq() -> dict[str, int]:
    """Per-character counts from jieba's dictionary, traditional folded to simplified.

    Each dictionary word adds its frequency to every ideograph in it.  A
    traditional character (one OpenCC ``t2s`` changes) gets the count of its
    simplified form when that is larger, so ``經濟`` scores like ``经济``.
    Reads jieba's bundled ``dict.txt`` line by line through :func:`transforms.dictionary.entries`
    (without importing jieba): call it once (it takes about a second).
    """
    # Imported here: only needed when the table is (re)built.
    import opencc

    from transforms.dictionary import entries

    counts: dict[str, int] = {}
    for word, freq, _ in entries():  # every line, a word listed twice counts twice (as always)
        for ch in word:
            if _is_ideograph(ord(ch)):
                counts[ch] = counts.get(ch, 0) + freq
    ideographs = "".join(chr(cp) for cp in [*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000)])
    folded = opencc.OpenCC("t2s").convert(ideographs)
    if len(folded) == len(ideographs):  # t2s maps these one to one; guard anyway
        for trad, simp in zip(ideographs, folded, strict=True):
            if trad != simp and counts.get(simp, 0) > counts.get(trad, 0):
                counts[trad] = counts[simp]
    return counts


@cache
def _model() -> tuple[dict[str, float], float]:
    """Log-probability per known ideograph, and the floor for unknown ones (built once)."""
    counts: dict[str, int] = {}
    if _DATA.exists():
        with _DATA.open(encoding="utf-8") as rows:
            for row in rows:
                if row.startswith("#") or "\t" not in row:
                    continue
                ch, n = row.rstrip("\n").split("\t", 1)
                counts[ch] = int(n)
    else:
        counts = build_charfreq()
    total = float(sum(counts.values())) or 1.0
    logp = {ch: max(math.log(n / total), _RARE_IDEOGRAPH) for ch, n in counts.items() if n > 0}
    return logp, _RARE_IDEOGRAPH


def _class_score(ch: str) -> float:
    """Fixed log-probability of a non-ideograph character, by its Unicode class."""
    cp = ord(ch)
    if ch in "\t\n\r \u3000\xa0":
        return _WHITESPACE
    if cp < 0x80:
        if ch.isalpha():
            return _ASCII_LETTER
        if ch.isdigit():
            return _ASCII_DIGIT
        if cp < 0x20 or cp == 0x7F:
            return _CONTROL
        return _ASCII_PUNCT
    if ch in _CJK_PUNCTUATION:
        return _CJK_PUNCT
    if 0x80 <= cp < 0xA0:  # C1 controls: a cp1252/latin-1 confusion, never text
        return _CONTROL
    if ch in _COMMON_LATIN1:
        return _LATIN1_SYMBOL_COMMON
    if cp < 0x100:
        return _LATIN1_OTHER
    if ch in _CP1252_ONLY:
        return _CP1252_DEBRIS
    if ch == "\ufffd" or 0xD800 <= cp <= 0xDFFF:
        return _BROKEN
    if 0xE000 <= cp <= 0xF8FF or cp >= 0xF0000:
        return _CONTROL  # private use: GB18030's user areas, never article text
    if 0xF900 <= cp <= 0xFAFF or 0xFE30 <= cp <= 0xFE4F or 0x20000 <= cp <= 0x3FFFF:
        return _RARE_IDEOGRAPH  # compatibility ideographs/forms, extension B and later
    if 0x2010 <= cp <= 0x2027 or 0x2030 <= cp <= 0x203B:  # dashes, quotes, bullets, per mille
        return -6.0
    if 0x2460 <= cp <= 0x24FF or 0x3000 <= cp <= 0x303F or 0xFF01 <= cp <= 0xFF5E or 0xFFE0 <= cp <= 0xFFE6:
        return _OTHER_CJK_SYMBOL
    category = unicodedata.category(ch)
    if category in ("Cn", "Co", "Cs"):
        return _BROKEN
    if category.startswith("C"):
        return _CONTROL
    if 0x0100 <= cp <= 0x024F or 0x1E00 <= cp <= 0x1EFF:
        return _LATIN_EXTENDED
    if category.startswith("L") or 0x2500 <= cp <= 0x259F:
        return _FOREIGN_SCRIPT  # Greek, Cyrillic, kana, hangul, box drawing ...
    return _SYMBOL


# Latin-1 letters and symbols, and what counts as their suspicious neighbours:
# ideographs and more Latin-1/cp1252 debris.
_LATIN1_AT = re.compile("[\xa1-\xff]")
_SUSPICIOUS_NEIGHBOUR = re.compile("[\x80-\xff\u3400-\u4dbf\u4e00-\u9fff€‘’“”•–—™…‰ƒˆŠŒŽ˜šœžŸ‚„†‡‹›]")


class _Scores(dict[str, float]):
    """Every character's base score, computed on first sight (the loop stays in C)."""

    def __missing__(self, ch: str) -> float:
        logp, floor = _model()
        score = logp.get(ch, floor) if _is_ideograph(ord(ch)) else _class_score(ch)
        self[ch] = score
        return score


_SCORES = _Scores()


def char_scores(text: str) -> list[float]:
    """Per-character log-probabilities of ``text`` (the terms :func:`score_text` averages).

    >>> [round(s, 1) for s in char_scores("的Ã©")]
    [-5.9, -15.0, -15.0]
    """
    scores = list(map(_SCORES.__getitem__, text))
    # Latin-1 beside CJK or beside more Latin-1/cp1252 debris is a wrong decode's signature.
    for match in _LATIN1_AT.finditer(text):
        i = match.start()
        if (i and _SUSPICIOUS_NEIGHBOUR.match(text, i - 1)) or _SUSPICIOUS_NEIGHBOUR.match(text, i + 1):
            scores[i] += _LATIN1_CONTEXT_PENALTY
    return scores


def score_text(text: str) -> float:
    """Mean per-character log-probability of ``text`` as Chinese article text.

    Roughly -5 to -8 for clean Chinese (simplified or traditional, with the
    ASCII digits, Latin words and punctuation of ordinary articles), -10 to -15
    for mojibake, below -15 for control characters, private use and U+FFFD.
    Comparable across candidate decodes of the same bytes even when they differ
    in length.  The empty string scores :data:`MIN_SCORE`.

        >>> round(score_text("经济"), 1), round(score_text("經濟"), 1)
        (-7.0, -7.0)
        >>> score_text("前三季度") > score_text("Ç°Èý¼¾¶È") > score_text("\ufffd\ufffd")
        True
    """
    if not text:
        return MIN_SCORE
    scores = char_scores(text)
    return sum(scores) / len(scores)


_WHITESPACE_RUN = re.compile(r"\s+")  # str.isspace and \s agree on every code point
_IDEOGRAPH = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")  # as _is_ideograph


def cjk_ratio(text: str) -> float:
    """Share of ideographs among the non-whitespace characters of ``text``.

    >>> cjk_ratio("GDP增长")
    0.4
    """
    # Counted with compiled patterns: a per-character Python loop was most of decode's time.
    visible = len(text) - sum(len(run) for run in _WHITESPACE_RUN.findall(text))
    if not visible:
        return 0.0
    return len(_IDEOGRAPH.findall(text)) / visible


# Below this mean log-probability text stops looking like an article.
LOOKS_CHINESE_THRESHOLD = -9.0


def looks_like_chinese(text: str) -> bool:
    """Is ``text`` plausibly clean Chinese (or mixed Chinese/ASCII) article text?

    True when at least a fifth of the visible characters are ideographs and the
    mean log-probability is above :data:`LOOKS_CHINESE_THRESHOLD`.

        >>> looks_like_chinese("2024年3月15日 星期五"), looks_like_chinese("Hello, world")
        (True, False)
    """
    return cjk_ratio(text) >= 0.2 and score_text(text) >= LOOKS_CHINESE_THRESHOLD


def _write_table(path: Path = _DATA) -> int:
    """Write the precomputed table (``char<TAB>count``, most frequent first)."""
    counts = build_charfreq()
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    header = (
        "# Character counts from jieba dict.txt (word frequencies summed per character),\n"
        "# traditional characters folded to simplified with OpenCC t2s.\n"
        "# Rebuild: .venv/bin/python -m transforms.language\n"
    )
    path.write_text(header + "".join(f"{ch}\t{n}\n" for ch, n in rows), encoding="utf-8")
    return len(rows)


if __name__ == "__main__":
    print(f"wrote {_write_table()} characters to {_DATA}")
