"""Words: jieba segmentation with a dictionary of economic terms, and each article's keywords.

Why a user dictionary: jieba's general dictionary cuts 规上工业增加值 into four
words and has no 专精特新; an analyst searching or counting keywords wants the
terms of the trade whole. The terms live in ``data/segment_userdict.txt``
(jieba's format: word, frequency, part of speech).

A private :class:`jieba.Tokenizer` keeps our dictionary out of jieba's global
one, so importing this module changes nothing for other jieba users.
"""

from __future__ import annotations

import logging
from functools import cache
from importlib import resources

import jieba
import jieba.analyse
import jieba.posseg

# jieba announces every dictionary load on stderr; a normal run should be quiet.
jieba.setLogLevel(logging.WARNING)

# Parts of speech a keyword may have: nouns, names, places, organisations,
# verbal nouns and Latin words (GDP, GWh) — not verbs, adjectives or numerals.
KEYWORD_POS = ("n", "nr", "ns", "nt", "nz", "nw", "vn", "eng")
KEYWORDS_PER_ARTICLE = 12


@cache
def tokenizer() -> jieba.Tokenizer:
    """jieba with our dictionary of economic terms loaded (once per process)."""
    tk = jieba.Tokenizer()
    with resources.as_file(resources.files("transforms") / "data" / "segment_userdict.txt") as path:
        tk.load_userdict(str(path))
    return tk


@cache
def _tfidf() -> jieba.analyse.TFIDF:
    extractor = jieba.analyse.TFIDF()
    extractor.tokenizer = tokenizer()
    extractor.postokenizer = jieba.posseg.POSTokenizer(tokenizer())
    return extractor


def segment(text: str) -> list[str]:
    """Words of ``text`` (simplified script), whitespace dropped.

    >>> segment("规上工业增加值增长15%")
    ['规上工业增加值', '增长', '15%']
    """
    return [w for w in tokenizer().lcut(text) if w.strip()]


def keywords(text: str, top_k: int = KEYWORDS_PER_ARTICLE) -> list[str]:
    """The article's keywords by TF-IDF, nouns and names only, best first.

    >>> sorted(keywords("锂电产业集群加快发展，锂电产业营收增长，动力电池项目投产。", top_k=2))
    ['产业集群', '锂电产业']
    """
    return _tfidf().extract_tags(text, topK=top_k, allowPOS=KEYWORD_POS)
