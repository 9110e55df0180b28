"""Segmentation and keywords: jieba-rs with jieba's dictionary and ours, jieba.analyse's TF-IDF ranking."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.segment import KEYWORD_POS, _idf, keywords, segment, segmenter, tagged, tokenizer

# Sentences written for these tests in the style of regional economy news.
SENTENCES = [
    "今年以来，江州市规上工业增加值同比增长7.6%，固定资产投资增长12.3%，社会消费品零售总额突破千亿元。",
    "走进经开区锂电新材料产业园，一座座标准化厂房拔地而起，园区负责人说，全部达产后年产值可达80亿元。",
    "该区聚焦专精特新企业培育，新增国家级专精特新“小巨人”企业6家，高新技术企业总数达到312家。",
    "会上，华东智造与市政府签署战略合作协议，双方将在5G工业互联网、AI质检等领域深化合作。",
    "数据显示，上半年全市城镇居民人均可支配收入达到26315元，增长5.4%；农村居民人均可支配收入增长6.9%。",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_chinese_is_cut_exactly_as_jieba_cuts_it(sentence: str) -> None:
    # Same dictionary (jieba's dict.txt + ours), same HMM for unknown words.
    assert segment(sentence) == [w for w in tokenizer().lcut(sentence) if w.strip()]


def test_our_terms_stay_whole() -> None:
    words = segment("全年规上工业增加值增长8%，培育专精特新企业")
    assert "规上工业增加值" in words
    assert "专精特新" in words


def test_a_dictionary_word_carries_its_part_of_speech() -> None:
    tags = dict(tagged("全市规上工业增加值增长，动力电池项目投产"))
    assert tags["规上工业增加值"] == "n"  # from our dictionary
    assert tags["增长"] == "v"  # from jieba's
    assert tags["项目"] == "n"


def test_latin_and_digit_runs_are_split_like_jieba_posseg() -> None:
    assert tagged("储能5GWh") == [("储能", "n"), ("5", "m"), ("GWh", "eng")]
    assert tagged("增长3.5%，1-10月") == [
        ("增长", "v"),
        ("3.5", "m"),
        ("%", "x"),
        ("，", "x"),
        ("1", "m"),
        ("-", "x"),
        ("10", "m"),
        ("月", "m"),
    ]


def test_keywords_are_nouns_ranked_by_tf_idf() -> None:
    text = "锂电产业集群加快发展，锂电产业营收增长，锂电产业投资加快，动力电池项目投产。"
    found = keywords(text, top_k=20)
    assert found[0] == "锂电产业"  # twice in the text, and rare in general (high IDF)
    assert "增长" not in found and "加快" not in found  # verbs
    assert "投产" in found  # a verbal noun (vn) in jieba's dictionary
    pos = dict(tagged(text))
    assert all(pos[w] in KEYWORD_POS for w in found)


def test_keyword_scores_follow_jieba_analyse() -> None:
    # jieba.analyse: count / candidates x IDF (median IDF for an unknown word); ties by first appearance.
    text = SENTENCES[0] + SENTENCES[2]
    idf, median = _idf()
    counts: dict[str, int] = {}
    for word, pos in tagged(text):
        if pos in KEYWORD_POS and len(word) >= 2:
            counts[word] = counts.get(word, 0) + 1
    score = {w: n * idf.get(w, median) for w, n in counts.items()}
    expected = sorted(score, key=lambda w: -score[w])[:12]
    assert keywords(text) == expected
    assert math.isclose(median, sorted(idf.values())[len(idf) // 2])


def test_english_stop_words_are_no_keywords() -> None:
    assert "the" not in keywords("the report of the year，the GDP of the city，GDP增长")


def test_empty_text() -> None:
    assert keywords("") == []
    assert segment("") == []


def test_our_dictionary_stays_private() -> None:
    import rjieba

    segmenter()  # built, with our words
    assert not rjieba.has_word("规上工业增加值")  # the module-level jieba-rs is untouched
    assert rjieba.Jieba().cut("规上工业增加值", False) != ["规上工业增加值"]


def _plain_keywords(text: str, top_k: int = 12) -> list[str]:
    """keywords() as first written: one pass over every tagged word, float counts."""
    from transforms.segment import _ALNUM_PART, _KEYWORD_POS, _NUMBER_START, STOP_WORDS, _idf

    jb = segmenter()
    counts: dict[str, float] = {}
    for word, pos in jb.tag(text, True):
        if pos not in _KEYWORD_POS:
            continue
        if pos == "eng" and word.isascii() and not jb.has_word(word):
            candidates = [part for part in _ALNUM_PART.findall(word) if part[0] not in _NUMBER_START]
        else:
            candidates = [word]
        for candidate in candidates:
            if len(candidate.strip()) >= 2 and candidate.lower() not in STOP_WORDS:
                counts[candidate] = counts.get(candidate, 0.0) + 1.0
    idf, median = _idf()
    total = sum(counts.values())
    score = {word: n * (idf.get(word, median) / total) for word, n in counts.items()}
    return sorted(score, key=score.__getitem__, reverse=True)[:top_k]


_KEYWORD_PIECES = [
    *["锂电", "产业", "项目", "GDP", "5GWh", "the", "HJT电池", "投资", "增长"],
    *["，", "。", " ", "20GWh储能", "Micro LED"],
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_KEYWORD_PIECES), max_size=30).map("".join))
def test_keywords_equal_counting_word_by_word(text: str) -> None:
    assert keywords(text) == _plain_keywords(text)
