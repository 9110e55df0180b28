"""Token sets that tell whether two articles are the same story, and search terms.

Regional news is republished: a county portal copies the city paper, a
portal reposts a WeChat article, the same text arrives once as UTF-8 and once
as Big5. Counting each copy would double every figure in the marts, so
documents are compared on their *text* (not their bytes):

* :func:`match_text` keeps only letters and digits of ``text_simplified``,
  lower-cased, so punctuation width, line breaks, spacing and script (via
  ``text_simplified``) do not make copies look different;
* :func:`shingles` cuts that into overlapping character 5-grams. Characters,
  not jieba words, because segmentation of a damaged or slightly edited copy
  can differ while its characters do not; five because unrelated articles of
  this genre share stock phrases (同比增长, 高质量发展) whose 3-grams make them
  look ~10 % alike, while their 5-gram overlap stays under ~6 %;
* :func:`signature` is a MinHash of the shingles (datasketch), whose agreement
  estimates their Jaccard similarity; :data:`METHOD` names every parameter, so
  stored signatures made another way are recomputed rather than compared.

:func:`search_terms` is the other use of tokens: what the full-text index
holds for a document, and :func:`query_terms` what a query is matched with.
Both must cut text the same way; the SQL macro ``search()`` repeats
:func:`query_terms` in SQL so plain DuckDB clients (without jieba) can search.
"""

from __future__ import annotations

import hashlib
import operator
import re
from functools import cache

import numpy as np
import rjieba
from datasketch import MinHash

from transforms.segment import segmenter

try:  # CPython's built-in SHA-1 (see _sha1_words); absent only from unusual builds
    from _sha1 import sha1 as _SHA1
except ImportError:  # pragma: no cover
    _SHA1 = hashlib.sha1

SHINGLE_SIZE = 5
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
METHOD = f"minhash:char{SHINGLE_SIZE}:p{NUM_PERM}:s{SEED}:{SCHEME}"
# Below this many shingles (about a sentence) a text is too short to call a copy of anything.
MIN_SHINGLES = 20
# Estimated Jaccard similarity of 5-shingles at or above which two articles are one story.
# Unrelated articles score < 0.06; a copy with a different headline, byline and a trimmed
# paragraph scores > 0.7.
THRESHOLD = 0.5
# The LSH index looks for candidates from a lower similarity, so that pairs just above
# THRESHOLD are not missed by chance (MinHash estimates spread by ~±0.09 at 128 permutations);
# candidates are then confirmed on the exact similarity.
CANDIDATE_THRESHOLD = 0.4

_NOT_WORD = re.compile(r"[\W_]+")
# Han characters: CJK unified ideographs, extension A, compatibility ideographs, extensions B–F.
# The SQL macro spells the same ranges (RE2 syntax) in warehouse/search.py.
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
_HAN_RUN = re.compile(f"[{HAN_RANGES}]+")
_HAN_WORD = re.compile(f"[{HAN_RANGES}]{{3,}}")
# Latin letters and digits, a decimal part included (20gwh, 5g, 4127.35); the SQL macro uses the same pattern.
_ALNUM = re.compile(r"[0-9a-z]+(?:\.[0-9]+)?")


def match_text(text: str) -> str:
    """Letters and digits only, lower-cased: what two copies of a story share.

    Why: copies differ in punctuation width, spacing and line breaks, none of
    which makes them different stories.

        >>> match_text("襄阳市GDP增长6.3%，\\n  居全省第二。")
        '襄阳市gdp增长63居全省第二'
    """
    return _NOT_WORD.sub("", text.lower())


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[str]:
    """The overlapping ``size``-character pieces of :func:`match_text` of ``text``.

        >>> sorted(shingles("锂电池产业链", size=5))
        ['电池产业链', '锂电池产业']
        >>> shingles("短句", size=5)
        set()
    """
    clean = match_text(text)
    return {clean[i : i + size] for i in range(len(clean) - size + 1)}


def signature(text: str) -> MinHash | None:
    """A MinHash of the text's shingles, or ``None`` when the text is too short to compare.

    Why ``None``: the MinHash of an empty set equals every other empty one, so
    two near-empty documents would look identical.

        >>> a = signature("枣庄高新区前三季度地区生产总值增长6.2%，规上工业增加值增长14.2%。" * 3)
        >>> b = signature("枣庄高新区前三季度地区生产总值增长6.2%,规上工业增加值增长14.2%." * 3)
        >>> a.jaccard(b)
        1.0
        >>> signature("太短了") is None
        True
    """
    return signature_of(shingles(text))


def sign(text: str) -> tuple[MinHash | None, int]:
    """:func:`signature` and the number of :func:`shingles` of ``text``, cutting the text once.

        >>> m, n = sign("枣庄高新区前三季度地区生产总值增长6.2%，规上工业增加值增长14.2%。")
        >>> n, m is None
        (27, False)
    """
    values, count = sign_values(text)
    return _minhash(values), count


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The permutations of :data:`METHOD` (drawn from a seeded generator: the same for every signature)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


_DIGEST = operator.methodcaller("digest")


def _sha1_words(pieces: set[str]) -> np.ndarray:
    """datasketch's default hash (the first 4 bytes of SHA-1, little-endian) of each piece's UTF-8, as uint32.

    Why: hashing one piece at a time through ``MinHash.update_batch`` ran a Python
    function per shingle; here the loop stays in C and numpy reads the words. The
    SHA-1 is CPython's own (``_sha1``): the same digests, ~1.5x faster than
    OpenSSL's ``hashlib.sha1`` on a 15-byte shingle, where its set-up dominates.

        >>> from datasketch.hashfunc import sha1_hash32
        >>> _sha1_words({"锂电池产业"}).tolist() == [sha1_hash32("锂电池产业".encode())]
        True
    """
    digests = b"".join(map(_DIGEST, map(_SHA1, map(str.encode, pieces))))
    return np.frombuffer(digests, dtype="<u4")[::5].astype(np.uint32)  # a SHA-1 digest is five 32-bit words


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch's ``affine32`` scheme mixes each input hash (uint32 wraps)."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def _hashvalues(pieces: set[str]) -> np.ndarray | None:
    """The MinHash values (uint32, one per permutation) of a set of shingles; ``None`` below :data:`MIN_SHINGLES`.

    The same values as ``MinHash(...).update_batch`` with datasketch's default
    hash under the ``affine32`` scheme (pre-mix, then ``a * h + b`` wrapping in
    32 bits, minimum per permutation), computed in one numpy expression instead
    of through a MinHash object: no per-shingle Python ``int`` and no objects to
    build. ``tests/transforms/test_dedup.py`` holds it to datasketch's own.
    """
    if len(pieces) < MIN_SHINGLES:
        return None
    a, b = _permutations()
    hv = _fmix32(_sha1_words(pieces))[:, None]
    return (hv * a + b).min(axis=0)


def signature_of(pieces: set[str]) -> MinHash | None:
    """The MinHash of a set of shingles (:func:`signature` of a text whose shingles are known).

    Its values are :func:`_hashvalues`; the permutations are drawn once.
    """
    return _minhash(_hashvalues(pieces))


def _minhash(values: np.ndarray | None) -> MinHash | None:
    """A MinHash holding these values, with datasketch's default hash for a caller's own ``update()``."""
    if values is None:
        return None
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashvalues=values, permutations=_permutations())


def sign_values(text: str) -> tuple[np.ndarray | None, int]:
    """:func:`sign` without the MinHash object: its values (uint32) and the number of shingles.

    What a stored signature needs (``warehouse.near_duplicates.signature_row``).

        >>> values, n = sign_values("枣庄高新区前三季度地区生产总值增长6.2%，规上工业增加值增长14.2%。")
        >>> n, values.dtype.name, len(values)
        (27, 'uint32', 128)
    """
    pieces = shingles(text)
    return _hashvalues(pieces), len(pieces)


def _jieba() -> rjieba.Jieba:
    """The project's segmenter: jieba's dictionary and our economic terms, in jieba-rs (``transforms.segment``)."""
    return segmenter()


def _bigrams(run: str) -> list[str]:
    # Each character joined to the next (in C); a lone character stands for itself.
    return list(map(operator.add, run, run[1:])) if len(run) > 1 else [run]


def search_terms(text: str) -> list[str]:
    """What the full-text index holds for a text: Han bigrams, jieba words of 3+ characters, Latin/digit runs.

    Why bigrams: a query word need not be a jieba word of the article
    (``锂电`` inside ``锂电池``), and any 2-character query, whatever jieba
    would make of it, is a bigram of every text containing it — so a plain SQL
    client can search without jieba. Why also jieba's longer words
    (``cut_for_search``, which adds their sub-words): a text containing the
    whole word ``锂电池`` ranks above one with only ``锂电`` and ``电池`` apart.
    Terms repeat as often as they occur (BM25 counts them).

        >>> search_terms("锂电池，20GWh")
        ['锂电', '电池', '锂电池', '20gwh']
    """
    lowered = text.lower()
    terms: list[str] = []
    for run in _HAN_RUN.findall(lowered):  # as _bigrams(), inlined: an article has hundreds of runs
        if len(run) > 1:
            terms += map(operator.add, run, run[1:])
        else:
            terms.append(run)
    # Length first: most words are shorter than three characters, and len() is cheaper than a match.
    terms += [word for word in _jieba().cut_for_search(lowered, True) if len(word) > 2 and _HAN_WORD.fullmatch(word)]
    terms += _ALNUM.findall(lowered)
    return terms


def query_terms(query: str) -> list[str]:
    """The distinct terms a query is matched with: per space-separated word, as :func:`search_terms` cuts it.

    The SQL macro ``search()`` does the same in SQL; :func:`segment_query`
    first splits an unspaced query into jieba words so bigrams do not cross
    word boundaries.

        >>> query_terms("锂电 投资")
        ['锂电', '投资']
        >>> query_terms("锂电池 5G")
        ['锂电', '电池', '锂电池', '5g']
    """
    out: list[str] = []
    for word in query.lower().split():
        for run in _HAN_RUN.findall(word):
            out += _bigrams(run)
        if _HAN_WORD.fullmatch(word):
            out.append(word)
        out += _ALNUM.findall(word)
    return list(dict.fromkeys(out))


def segment_query(query: str) -> str:
    """A query split into jieba words, space-separated, for the SQL ``search()`` macro.

        >>> segment_query("锂电池投资")
        '锂电池 投资'
    """
    return " ".join(w for w in _jieba().cut(query.strip()) if w.strip())
