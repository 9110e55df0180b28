"""Tests for transforms.converter: pinyin annotations and doubled punctuation."""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.converter import (
    collapse_doubled_punctuation,
    fix_converter_artefacts,
    remove_pinyin_annotations,
)

SEEDS = Path(__file__).parents[2] / "../shared/seeds"

ANNOTATION_RE = re.compile(r"[\u4e00-\u9fff][(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]")
DOUBLED_RE = re.compile(r"[,，][,，、。;；]")

# --- remove_pinyin_annotations --------------------------------------------------

POSITIVE = [
    # (damaged, repaired) — sentences written for these tests, converter-style damage
    ("招商引資(zī)成效顯著", "招商引資成效顯著"),
    ("開發區(qū)建設提速", "開發區建設提速"),
    ("製造業(yè)升級", "製造業升級"),
    ("綠（lǜ）色低碳", "綠色低碳"),  # full-width parens, ü with tone
    ("綠(lv4)色低碳", "綠色低碳"),  # tone digit, v for ü
    ("產業(ye4)鏈", "產業鏈"),
    ("發展(fazhan)新質生產力", "發展新質生產力"),  # toneless, two characters
    ("長江(cháng jiāng)經濟帶", "長江經濟帶"),  # spaced, heteronym 長 = cháng
    ("一個 (gè)項目", "一個項目"),  # a space before the parenthesis goes too
    ("樂(yuè)器與快樂(lè)", "樂器與快樂"),  # both readings of a heteronym
    ("經濟(jì)的(de)發展", "經濟的發展"),  # neutral tone
    ("鏈(lian)條(tiáo)", "鏈條"),
]

NEGATIVE = [
    "青島(黃島)港區擴建",  # a place in parentheses
    "全省總量(GDP)增長",  # an acronym
    "全省總量(gdp)增長",  # lower-cased acronym, not a reading of 量
    "採用(PERC)工藝",
    "(来源:本地日报)",
    "創新(yes)",  # English after a character it does not read
    "北京(Beijing)",  # capitalised gloss is the author's
    "業(yí)務",  # a wrong reading stays: the converter never writes it
    "業(ye2)務",  # wrong tone
    "第(1)條",
    "綠(lu:)色",  # u: is not read as pinyin here — stays
    "項目()",
    "abc(ye)",  # not after a Han character
    "發展(fā",  # unclosed
]


@pytest.mark.parametrize(("damaged", "repaired"), POSITIVE)
def test_removes_readings(damaged: str, repaired: str) -> None:
    fixed = remove_pinyin_annotations(damaged)
    assert fixed.text == repaired
    assert [r.tag for r in fixed.repairs] == ["pinyin_annotations"]
    assert "removed" in fixed.repairs[0].detail


@pytest.mark.parametrize("text", NEGATIVE)
def test_keeps_real_parentheses(text: str) -> None:
    assert remove_pinyin_annotations(text) == (text, [])


def test_detail_counts_annotations() -> None:
    fixed = remove_pinyin_annotations("產(chǎn)業(yè)區(qū)")
    assert fixed.text == "產業區"
    assert fixed.repairs[0].detail.startswith("removed 3 annotations")


def test_back_to_back_annotations_all_go() -> None:
    # Removing one may put a Han character in front of the next; one pass handles it.
    assert remove_pinyin_annotations("業(yè)(yè)務").text == "業務"


def test_simplified_characters_are_read_too() -> None:
    assert remove_pinyin_annotations("产业(yè)园区(qū)").text == "产业园区"


# --- collapse_doubled_punctuation ------------------------------------------------


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("招商簽約,,投資增長", "招商簽約,投資增長"),
        ("規模化,、品牌化,、標準化", "規模化、品牌化、標準化"),
        ("全面完成,。", "全面完成。"),
        ("穩步推進,;加快建設", "穩步推進;加快建設"),
        ("穩步推進，；加快建設", "穩步推進；加快建設"),
        ("一是，，二是，、三是", "一是，二是、三是"),
        ("成效如何,？", "成效如何？"),
        ("多,,,", "多,"),
    ],
)
def test_collapses_converter_doubling(damaged: str, repaired: str) -> None:
    fixed = collapse_doubled_punctuation(damaged)
    assert fixed.text == repaired
    assert [r.tag for r in fixed.repairs] == ["doubled_punctuation"]


@pytest.mark.parametrize(
    "text",
    [
        "產值1,000億元",
        "等等...",
        "等等……",
        "破折號——如此",
        "太好了!!",
        "真的??",
        "真的?!",
        "完成。,",
        "甲、、乙",
    ],
)
def test_leaves_authorial_punctuation(text: str) -> None:
    assert collapse_doubled_punctuation(text) == (text, [])


def test_fix_converter_artefacts_runs_both_in_order() -> None:
    fixed = fix_converter_artefacts("新區(qū),,新氣象(xiàng),。")
    assert fixed.text == "新區,新氣象。"
    assert [r.tag for r in fixed.repairs] == ["pinyin_annotations", "doubled_punctuation"]


# --- properties ----------------------------------------------------------------------

_MESSY = st.text(
    alphabet=st.sampled_from(list("業區發展產綠長的abcdeyqūèǜāv1234 ,，、。;；(（)）?!\n")),
    max_size=60,
)
_CLEAN = st.text(alphabet=st.sampled_from(list("产业园区发展绿色低碳项目建设，。、；：“”！？")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(_MESSY)
def test_never_raises_and_is_idempotent(text: str) -> None:
    once = fix_converter_artefacts(text)
    assert fix_converter_artefacts(once.text) == (once.text, [])
    assert bool(once.repairs) == (once.text != text)


@settings(max_examples=200, deadline=None)
@given(_CLEAN)
def test_clean_text_without_doubling_is_unchanged(text: str) -> None:
    if re.search("[,，][,，、。;；:：?？!！]", text):
        return  # the converter's pattern, which is repaired
    assert fix_converter_artefacts(text) == (text, [])


# --- seeds -----------------------------------------------------------------------------


def _seeds() -> list[Path]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    return sorted(SEEDS.glob("*.txt"))


def _gold_checks(file: str) -> list[dict[str, str]]:
    """The hand-labelled text checks for one seed (read, never copied)."""
    path = SEEDS / "../gold/seed_text_checks.csv"
    if not path.is_file():
        pytest.skip("../shared/gold is absent")
    with path.open(encoding="utf-8", newline="") as f:
        return [row for row in csv.DictReader(f) if row["file"] == file]


def test_seed_004_converter_artefacts_are_gone() -> None:
    paths = [p for p in _seeds() if p.name.startswith("004_")]
    if not paths:
        pytest.skip("seed 004 is absent")
    raw = paths[0].read_text("utf-8")
    fixed = fix_converter_artefacts(raw)
    assert not ANNOTATION_RE.search(fixed.text)
    assert not DOUBLED_RE.search(fixed.text)
    checks = _gold_checks("004")
    for row in checks:
        if row["check"] == "absent_regex":
            assert not re.search(row["pattern"], fixed.text), row["note"]
        elif row["check"] == "present" and "(" in row["pattern"]:  # real parentheses kept
            assert unicodedata.normalize("NFKC", row["pattern"]) in unicodedata.normalize("NFKC", fixed.text)
    assert [r.tag for r in fixed.repairs] == ["pinyin_annotations", "doubled_punctuation"]
    # Nothing but annotations and commas was removed.
    bare = re.sub(r"(?<=[\u4e00-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]", "", raw)
    assert re.sub("[,，]", "", fixed.text) == re.sub("[,，]", "", bare)


def test_other_seeds_untouched_by_pinyin_remover() -> None:
    for path in _seeds():
        if path.name.startswith("004_"):
            continue
        raw = path.read_text("utf-8")
        assert remove_pinyin_annotations(raw) == (raw, []), path.name
        assert collapse_doubled_punctuation(raw) == (raw, []), path.name


# --- the scanning patterns: the same matches as their first spelling ------------------------------

_SCAN_PIECES = [
    *["招商", "區", "(", ")", "（", "）", " ", "\t", "  ", "shāng", "qū", "ye4", "Yes", "1"],
    *[",", "，", "、", "。", ";"],
]
_SCANNED = st.lists(st.sampled_from(_SCAN_PIECES), max_size=16).map("".join)


@settings(max_examples=400, deadline=None)
@given(_SCANNED)
def test_annotation_spans_equal_an_optional_space_before_the_pattern(text: str) -> None:
    from transforms.converter import _PINYIN_CHARS, _annotations

    first = re.compile(f"[ \\t]?[(（][ \\t]*([{_PINYIN_CHARS}]{{1,40}}?)[ \\t]*[)）]")
    assert list(_annotations(text)) == [(m.start(), m.end(), m.group(1)) for m in first.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(_SCANNED)
def test_doubled_pattern_equals_its_first_spelling(text: str) -> None:
    from transforms.converter import _DOUBLED_RE

    first = re.compile(r"(?:[,，][ \t]*)+(?=[,，、。;；:：?？!！])")
    assert [m.span() for m in _DOUBLED_RE.finditer(text)] == [m.span() for m in first.finditer(text)]
