"""Words: jieba's dictionary with economic terms added, and each article's keywords.

Why a user dictionary: jieba's general dictionary cuts 规上工业增加值 into four
words and has no 专精特新; an analyst searching or counting keywords wants the
terms of the trade whole. The terms live in ``data/segment_userdict.txt``
(jieba's format: word, frequency, part of speech).

Why jieba-rs (the ``rjieba`` binding) does the work: keywords used to be
``jieba.analyse``'s TF-IDF over ``jieba.posseg``, whose pure-Python HMM tagger
took half of the whole pipeline's CPU time. jieba-rs ships jieba's own
``dict.txt`` (same words, frequencies and parts of speech) and jieba's HMM for
unknown words, so it cuts Chinese text into exactly the words jieba does, over
ten times faster. A word's part of speech is the one its dictionary entry
carries; a word the dictionary lacks gets jieba-rs's guess from jieba's
part-of-speech model. Only runs of Latin letters and digits are cut apart
afterwards, as ``jieba.posseg`` did (``5GWh`` → ``5`` + ``GWh``).

Both segmenters are private instances: importing this module changes nothing
for other users of jieba or rjieba. :func:`tokenizer` (jieba's Python
tokenizer with the same dictionary) stays for callers that want jieba's API.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import rjieba

from transforms.dictionary import jieba_dir
from transforms.tablecache import persisted

if TYPE_CHECKING:
    import jieba

# Parts of speech a keyword may have: nouns, names, places, organisations,
# verbal nouns and Latin words (GDP, GWh) — not verbs, adjectives or numerals.
KEYWORD_POS = ("n", "nr", "ns", "nt", "nz", "nw", "vn", "eng")
KEYWORDS_PER_ARTICLE = 12

# jieba.analyse's stop words (its KeywordExtractor.STOP_WORDS): English function words.
STOP_WORDS = frozenset(
    ("the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are", "by", "be", "as", "on", "with",
     "can", "if", "from", "which", "you", "it", "this", "then", "at", "have", "all", "not", "one", "has", "or")
)  # fmt: skip

_KEYWORD_POS = frozenset(KEYWORD_POS)
# How jieba.posseg splits a run of Latin letters and digits: a number, then letters (with digits).
_ALNUM_PART = re.compile(r"[.0-9]+|[a-zA-Z0-9]+")
_ALNUM_PART_SPLIT = re.compile(f"({_ALNUM_PART.pattern})")
_NUMBER_START = frozenset(".0123456789")
_ALNUM_TAGS = frozenset(("eng", "m"))  # what jieba-rs tags a Latin/digit run it has no entry for


def _user_words() -> list[tuple[str, int, str]]:
    text = (resources.files("transforms") / "data" / "segment_userdict.txt").read_text(encoding="utf-8")
    return [(word, int(freq), pos) for word, freq, pos in (line.split() for line in text.splitlines() if line.strip())]


@cache
def segmenter() -> rjieba.Jieba:
    """jieba-rs with jieba's dictionary and our economic terms (built once per process, about 0.3 s)."""
    jb = rjieba.Jieba()
    for word, freq, pos in _user_words():
        jb.add_word(word, freq, pos)
    return jb


@cache
def tokenizer() -> jieba.Tokenizer:
    """jieba's Python tokenizer with our dictionary of economic terms loaded (once per process).

    jieba is imported here, not with the module: the pipeline cuts with jieba-rs,
    and a worker need not hold jieba's Python tokenizer.
    """
    import jieba

    jieba.setLogLevel(logging.WARNING)  # jieba announces every dictionary load on stderr
    tk = jieba.Tokenizer()
    with resources.as_file(resources.files("transforms") / "data" / "segment_userdict.txt") as path:
        tk.load_userdict(str(path))
    return tk


def _idf_path() -> Path:
    folder = jieba_dir()  # found, not imported (importlib.resources would import jieba)
    if folder is None:
        raise ModuleNotFoundError("jieba is not installed: its IDF table is needed for keywords")
    return folder / "analyse" / "idf.txt"


class _Idf(NamedTuple):
    """jieba's IDF table as sorted arrays, one pair per word length, and its median (for words it lacks).

    Why not a dict: a dict of 270,000 words takes a seventh of a second to
    build even from a pickle, in every fresh process; these arrays load in
    milliseconds, and an article's few hundred distinct words are looked up
    with one ``np.searchsorted`` per word length, a fraction of a millisecond.
    One array per length, because a numpy string array pads every word to the
    longest (16 characters): 17 MB instead of 3.
    """

    by_length: dict[int, tuple[np.ndarray, np.ndarray]]  # length -> its words (sorted, numpy unicode), their IDF
    median: float

    @classmethod
    def of(cls, idf: dict[str, float], median: float) -> _Idf:
        """The table of a word -> IDF dict (no word may be empty or hold NUL: numpy drops trailing NULs).

        >>> table = _Idf.of({"产业": 3.5, "锂电": 9.25, "电": 2.0}, 6.0)
        >>> table.lookup(["锂电", "电池", "产业", "电", "产业集群产业集群", "", "电\\0"])
        [9.25, 6.0, 3.5, 2.0, 6.0, 6.0, 6.0]
        """
        if any(not word or "\0" in word for word in idf):
            raise ValueError("a word of the IDF table is empty or holds NUL: it cannot be a numpy string")
        # Sorted and split by length in numpy (a sort of 270,000 strings in Python costs a quarter second).
        words = np.array(list(idf))
        values = np.fromiter(idf.values(), dtype=np.float64, count=len(idf))
        lengths = np.char.str_len(words)
        order = np.lexsort((words, lengths))  # by length, then by word (numpy's order: the one searchsorted uses)
        words, values, lengths = words[order], values[order], lengths[order]
        bounds = np.flatnonzero(np.diff(lengths)) + 1
        return cls(
            {
                int(part_lengths[0]): (part_words.astype(f"<U{part_lengths[0]}"), part_values)
                for part_words, part_values, part_lengths in zip(
                    np.split(words, bounds), np.split(values, bounds), np.split(lengths, bounds), strict=True
                )
                if len(part_words)
            },
            median,
        )

    def lookup(self, words: list[str]) -> list[float]:
        """Each word's IDF, the median for a word the table lacks."""
        found = [self.median] * len(words)
        places: dict[int, list[int]] = {}
        for i, word in enumerate(words):
            if word and "\0" not in word:
                places.setdefault(len(word), []).append(i)
        for n, where in places.items():
            if n not in self.by_length:
                continue
            table, values = self.by_length[n]
            asked = np.array([words[i] for i in where], dtype=table.dtype)
            place = np.minimum(np.searchsorted(table, asked), len(table) - 1)
            for i, hit, value in zip(where, (table[place] == asked).tolist(), values[place].tolist(), strict=True):
                if hit:
                    found[i] = value
        return found


@cache
@persisted(lambda: [_idf_path()], (f"numpy {np.__version__}",))
def _idf_table() -> _Idf:
    """jieba's IDF table (``jieba/analyse/idf.txt``) for :func:`keywords` (kept on disk: :mod:`transforms.tablecache`).

    A word listed twice keeps its last value (as a dict built line by line
    does), and the median is taken over the distinct words, as jieba.analyse does.
    """
    text = _idf_path().read_text(encoding="utf-8")
    idf: dict[str, float] = {}
    for line in text.splitlines():
        word, value = line.strip().split(" ")
        idf[word] = float(value)
    return _Idf.of(idf, sorted(idf.values())[len(idf) // 2])


@cache
def _idf() -> tuple[dict[str, float], float]:
    """The same table as a dict, and its median (for a caller that wants jieba.analyse's shapes: tests)."""
    table = _idf_table()
    idf = {
        word: value
        for words, values in table.by_length.values()
        for word, value in zip(words.tolist(), values.tolist(), strict=True)
    }
    return idf, table.median


def segment(text: str) -> list[str]:
    """Words of ``text`` (simplified script), whitespace dropped.

    On Chinese text these are jieba's words (``jieba.lcut`` with the same
    dictionary); a run like ``1-10`` or ``2025.8.19`` stays one word.

    >>> segment("规上工业增加值增长15%")
    ['规上工业增加值', '增长', '15%']
    """
    return [w for w in segmenter().cut(text, True) if w.strip()]


def tagged(text: str) -> list[tuple[str, str]]:
    """Words of ``text`` with their parts of speech, as ``jieba.posseg`` tags a dictionary word.

    >>> tagged("全市GDP增长，储能5GWh")
    [('全市', 'n'), ('GDP', 'eng'), ('增长', 'v'), ('，', 'x'), ('储能', 'n'), ('5', 'm'), ('GWh', 'eng')]
    """
    jb = segmenter()
    out: list[tuple[str, str]] = []
    for word, pos in jb.tag(text, True):
        if pos in _ALNUM_TAGS and word.isascii() and not jb.has_word(word):
            # split() with the group keeps what lies between the runs (%, -): jieba tags it x
            for i, part in enumerate(_ALNUM_PART_SPLIT.split(word)):
                if part:
                    out.append((part, "x" if i % 2 == 0 else "m" if part[0] in _NUMBER_START else "eng"))
        else:
            out.append((word, pos))
    return out


def keywords(text: str, top_k: int = KEYWORDS_PER_ARTICLE) -> list[str]:
    """The article's keywords by TF-IDF, nouns and names only, best first.

    jieba.analyse's ranking: a word's count over the article's candidate words,
    times its IDF (the median IDF for a word jieba's table lacks); ties keep the
    order of first appearance.

    >>> keywords("锂电产业集群加快发展，锂电产业营收增长，动力电池项目投产。", top_k=2)
    ['产业集群', '锂电产业']
    """
    jb = segmenter()
    # Parts of speech filtered in one comprehension: most words (verbs, particles, punctuation) go here.
    picked = [pair for pair in jb.tag(text, True) if pair[1] in _KEYWORD_POS]
    words = [word for word, _ in picked]
    # As tagged(): a Latin/digit run the dictionary lacks is split, and only its letter parts are
    # candidates. Replaced from the end, so the places of the earlier ones stay put.
    for i in reversed([i for i, (_, pos) in enumerate(picked) if pos == "eng"]):
        word = words[i]
        if word.isascii() and not jb.has_word(word):
            words[i : i + 1] = [part for part in _ALNUM_PART.findall(word) if part[0] not in _NUMBER_START]
    # Counted first and judged once per distinct word (in C, not per occurrence); a Counter keeps
    # the order of first appearance, which breaks ties.
    counts = {
        word: n for word, n in Counter(words).items() if len(word.strip()) >= 2 and word.lower() not in STOP_WORDS
    }
    total = sum(counts.values())
    idf = _idf_table().lookup(list(counts))
    score = {word: n * (value / total) for (word, n), value in zip(counts.items(), idf, strict=True)}
    return sorted(score, key=score.__getitem__, reverse=True)[:top_k]
