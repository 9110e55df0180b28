"""jieba's dictionary as plain data: word → frequency and part of speech, read once per process.

Several stages consult the word list jieba ships (``jieba/dict.txt``, about
350,000 lines of ``word frequency tag``): the language model's character
table, the mojibake repair's hole filling, and company-name splitting. Each
used to read it its own way, and one did so through ``jieba`` itself, whose
tokenizer builds a prefix dictionary of half a million entries (≈150 MB) on
first use. This module is the one reader: it finds ``dict.txt`` without
importing jieba (``importlib.util.find_spec`` locates the package without
running it) and keeps two plain dicts, about 45 MB, shared by every caller in
the process. Both are kept on disk too (:mod:`transforms.tablecache`, keyed by
``dict.txt``'s size and modification time): a fresh process loads them in
about 0.3 s instead of parsing the file, and :func:`total_frequency` alone in
microseconds.

Semantics follow jieba's own loader: a word listed twice keeps its last entry,
while :func:`total_frequency` sums every line (as jieba's ``total`` does).
:func:`entries` yields the lines themselves, duplicates included, for a caller
that sums per line.

    >>> frequencies()["经济"] > frequencies()["经纪"] > 0
    True
    >>> parts_of_speech()["经济"]
    'n'
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

from transforms.tablecache import persisted


class Entry(NamedTuple):
    """One line of ``dict.txt``."""

    word: str
    frequency: int
    tag: str  # part of speech, jieba's tag set ("n", "ns", "v", …); "" when the line has none


class Dictionary(NamedTuple):
    """The whole word list, as looked up: word → frequency, word → part of speech, and the sum of all lines."""

    frequencies: dict[str, int]
    parts_of_speech: dict[str, str]
    total: int


@cache
def jieba_dir() -> Path | None:
    """jieba's package folder, found without importing jieba (importing it costs ~18 MB), or ``None``."""
    spec = importlib.util.find_spec("jieba")
    return None if spec is None or spec.origin is None else Path(spec.origin).parent


@cache
def dict_path() -> Path | None:
    """Where jieba's ``dict.txt`` is, or ``None`` when jieba is not installed.

    >>> dict_path().name
    'dict.txt'
    """
    folder = jieba_dir()
    path = folder / "dict.txt" if folder is not None else None
    return path if path is not None and path.is_file() else None


def _parse(line: str) -> Entry | None:
    """A line as jieba reads it: word, frequency, optional tag; ``None`` for a line without a frequency.

    >>> _parse("规上工业 20 n"), _parse("词 3"), _parse("坏行")
    (Entry(word='规上工业', frequency=20, tag='n'), Entry(word='词', frequency=3, tag=''), None)
    """
    parts = line.split()
    if len(parts) < 2 or not parts[1].isdigit():
        return None
    return Entry(parts[0], int(parts[1]), sys.intern(parts[2]) if len(parts) > 2 else "")


def entries() -> Iterator[Entry]:
    """Every line of ``dict.txt`` in file order, duplicates included (read afresh: nothing is kept).

    >>> next(entries()).word
    'AT&T'
    """
    path = dict_path()
    if path is None:
        return
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            entry = _parse(line)
            if entry is not None:
                yield entry


def _sources() -> list[Path | None]:
    return [dict_path()]


@cache
@persisted(_sources)
def dictionary() -> Dictionary:
    """The word list, read once per process (about half a second) and shared by every caller.

    Why plain dicts: a worker needs frequencies and tags, not jieba's tokenizer
    with its prefix dictionary, and it loads them only when a stage asks.
    """
    text = dict_path().read_text(encoding="utf-8") if dict_path() is not None else ""
    lines = text.splitlines()
    fields = text.split()
    if len(fields) == 3 * len(lines) and all(map(str.isdigit, fields[1::3])):
        # Every line is "word frequency tag" (jieba's own file): sliced in C, no loop per line.
        words, counts, tags = fields[0::3], list(map(int, fields[1::3])), list(map(sys.intern, fields[2::3]))
    else:
        parsed = [entry for entry in map(_parse, lines) if entry is not None]
        words = [e.word for e in parsed]
        counts = [e.frequency for e in parsed]
        tags = [e.tag for e in parsed]
    return Dictionary(dict(zip(words, counts, strict=True)), dict(zip(words, tags, strict=True)), sum(counts))


def frequencies() -> dict[str, int]:
    """Word → frequency in jieba's dictionary (a shared dict: read it, never change it)."""
    return dictionary().frequencies


def parts_of_speech() -> dict[str, str]:
    """Word → part of speech in jieba's dictionary (shared: read only)."""
    return dictionary().parts_of_speech


@cache
def total_frequency() -> int:
    """The sum of the frequencies of every line, as jieba's ``Tokenizer.total``.

    Kept on its own, so that a caller needing only the sum does not load the
    whole word list (when it is loaded already, its total is the answer).

    >>> total_frequency() == dictionary().total >= sum(frequencies().values())
    True
    """
    if dictionary.cache_info().currsize:
        return dictionary().total
    return _total()


@persisted(_sources)
def _total() -> int:
    return dictionary().total
