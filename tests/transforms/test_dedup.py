"""Tests for transforms.dedup's fast paths: the same signatures and search terms as the plain computations."""

from __future__ import annotations

import re

from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.dedup import (
    HAN_RANGES,
    METHOD,
    MIN_SHINGLES,
    NUM_PERM,
    SCHEME,
    SEED,
    search_terms,
    shingles,
    sign,
    sign_values,
    signature,
)

# Written for these tests, in the reports' style.
ARTICLE = (
    "前三季度，薛城区实现地区生产总值186.3亿元，同比增长6.2%；规上工业增加值增长14.2%。"
    "全区新签约项目41个，总投资186.3亿元，其中锂电池新材料项目投资20GWh。"
)
_TEXT = st.text(alphabet=st.sampled_from("薛城区锂电池产业项目增长亿元GDP 6.2%，。\n𠀀㐀a"), max_size=200)


def _plain_signature(text: str) -> MinHash | None:
    """What dedup did before its fast path: datasketch's own hashing, one shingle at a time."""
    pieces = shingles(text)
    if len(pieces) < MIN_SHINGLES:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    m.update_batch([p.encode("utf-8") for p in sorted(pieces)])
    return m


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_signature_equals_datasketchs_own(text: str) -> None:
    fast, plain = signature(text), _plain_signature(text)
    assert (fast is None) == (plain is None)
    if fast is not None:
        assert fast.hashvalues.tolist() == plain.hashvalues.tolist()
        assert fast.hashvalues.dtype == plain.hashvalues.dtype


def test_signature_of_an_article() -> None:
    fast, plain = signature(ARTICLE * 2), _plain_signature(ARTICLE * 2)
    assert fast.hashvalues.tobytes() == plain.hashvalues.tobytes()
    assert fast.jaccard(plain) == 1.0
    assert METHOD.startswith("minhash:char5")


def test_a_returned_signature_hashes_further_updates_like_datasketch() -> None:
    fast, plain = signature(ARTICLE), _plain_signature(ARTICLE)
    fast.update("新增一段".encode())
    plain.update("新增一段".encode())
    assert fast.hashvalues.tolist() == plain.hashvalues.tolist()


def test_sign_counts_the_shingles_once() -> None:
    m, n = sign(ARTICLE)
    assert n == len(shingles(ARTICLE))
    assert m.hashvalues.tolist() == signature(ARTICLE).hashvalues.tolist()
    assert sign("太短了") == (None, 0)


@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_sign_values_are_the_stored_bytes_of_datasketchs_signature(text: str) -> None:
    values, n = sign_values(text)
    plain = _plain_signature(text)
    assert n == len(shingles(text))
    assert (values is None) == (plain is None)
    if values is not None:  # what warehouse.near_duplicates.signature_row stores
        assert values.astype("<u4").tobytes() == plain.hashvalues.astype("<u4").tobytes()


_HAN_RUN = re.compile(f"[{HAN_RANGES}]+")
_HAN_WORD = re.compile(f"[{HAN_RANGES}]{{3,}}")
_ALNUM = re.compile(r"[0-9a-z]+(?:\.[0-9]+)?")


def _plain_terms(text: str) -> list[str]:
    from transforms.segment import segmenter

    lowered = text.lower()
    terms: list[str] = []
    for run in _HAN_RUN.findall(lowered):
        terms += [run[i : i + 2] for i in range(len(run) - 1)] if len(run) > 1 else [run]
    terms += [w for w in segmenter().cut_for_search(lowered, True) if _HAN_WORD.fullmatch(w)]
    return terms + _ALNUM.findall(lowered)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_search_terms_equal_the_plain_loop(text: str) -> None:
    assert search_terms(text) == _plain_terms(text)


def test_search_terms_of_an_article() -> None:
    assert search_terms(ARTICLE) == _plain_terms(ARTICLE)
