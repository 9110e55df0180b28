"""The building blocks of extraction: sentences, numbers, periods, regions."""

from __future__ import annotations

from datetime import date, datetime

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from transforms.extract.numbers import find_growths, find_quantities, parse_number
from transforms.extract.periods import Clock, find_markers, reference_year, resolve
from transforms.extract.regions import article_subject, find_places, gazetteer, resolve_collective
from transforms.extract.sentences import split_sentences

# --- sentences -------------------------------------------------------------


@given(st.text(alphabet="增长，。！？\n1.%亿元 “”", max_size=60))
def test_sentences_are_slices_of_the_text_in_order(text):
    spans = split_sentences(text)
    for s in spans:
        assert text[s.start:s.end] == s.text and s.text == s.text.strip()
    covered = [i for s in spans for i in range(s.start, s.end)]
    assert covered == sorted(set(covered))  # in order, no overlap
    assert {i for i, c in enumerate(text) if not c.isspace()} <= set(covered)


def test_decimal_point_is_no_sentence_end():
    assert [s.text for s in split_sentences("增长3.5%，达1.68万户。")] == ["增长3.5%，达1.68万户。"]


# --- numbers ---------------------------------------------------------------


def test_cn2an_edges_we_rely_on():
    # whole numeral strings are fine …
    assert cn2an.cn2an("五十", "smart") == 50
    # … a bare 百 is refused, which parse_number works around
    with pytest.raises(ValueError):
        cn2an.cn2an("百", "smart")
    assert parse_number("百") == 100.0
    # and the sentence mode is never used: it can read month ranges as dates
    assert [q.value for q in find_quantities("1-9月，百亿元以上项目")] == [100.0]


def test_signing_is_not_a_hedge_but_yue_is():
    assert [q.qualifier for q in find_quantities("签约120亿元，合约30亿元，约5亿元")] == [None, None, "approx"]


@pytest.mark.parametrize(("text", "unit", "base"), [
    ("1.35亿美元", "亿美元", 1.35e8), ("3.68万亿元", "万亿元", 3.68e12), ("1.68万户", "万户", 16800.0),
    ("2100万美元", "万美元", 2.1e7), ("59家", "家", 59.0), ("五十亿元", "亿元", 5e9), ("350亿。", "亿", 3.5e10),
])
def test_units_to_base(text, unit, base):
    (q,) = find_quantities(text)
    assert (q.unit, q.base) == (unit, base)


def test_numbers_that_are_no_amounts():
    found = find_quantities("2022中国国际锂电产业展览会，一个个项目，十四五规划，1-9月，5G基站350个")
    assert [(q.value, q.unit) for q in found] == [(350.0, "个")]


def test_growth_words_and_their_signs():
    assert [g.pct for g in find_growths("增速106.8%，增幅为3%，降幅2.5%，减少1.2%，增长1.5倍")] == [
        106.8, 3.0, -2.5, -1.2, 150.0]


def test_no_growth_from_gaps_and_averages():
    assert find_growths("高出全市20.8个百分点，年均增长8%，年平均增长3%，复合增长9%") == []


# --- periods ---------------------------------------------------------------


@pytest.mark.parametrize(("words", "start", "end"), [
    ("前三季度", date(2022, 1, 1), date(2022, 9, 30)),
    ("1-10月份", date(2022, 1, 1), date(2022, 10, 31)),
    ("1—9月", date(2022, 1, 1), date(2022, 9, 30)),
    ("上半年", date(2022, 1, 1), date(2022, 6, 30)),
    ("一季度", date(2022, 1, 1), date(2022, 3, 31)),
    ("全年", date(2022, 1, 1), date(2022, 12, 31)),
    ("今年", date(2022, 1, 1), date(2022, 12, 31)),
    ("去年", date(2021, 1, 1), date(2021, 12, 31)),
    ("今年以来", date(2022, 1, 1), date(2022, 12, 1)),
    ("截至9月底", date(2022, 9, 30), date(2022, 9, 30)),
    ("2020年", date(2020, 1, 1), date(2020, 12, 31)),
    ("2021年1-6月", date(2021, 1, 1), date(2021, 6, 30)),
    ("2021-2025年", date(2021, 1, 1), date(2025, 12, 31)),
    ("年末", date(2022, 12, 31), date(2022, 12, 31)),
    ("近三年", date(2020, 1, 1), date(2022, 12, 31)),
])
def test_period_words(words, start, end):
    clock = Clock(2022, date(2022, 12, 1), None)
    assert resolve(find_markers(words, 2022), clock) == (start, end)


def test_reference_year_without_publication_date_skips_plans():
    text = "2023年是关键之年。力争2025年产值翻番，项目将于2026年投产。"
    assert reference_year(text, None) == 2023
    assert reference_year(text, datetime(2024, 2, 1)) == 2024


def test_day_dates_are_no_periods():
    assert find_markers("11月29日至12月1日举行推进会", 2022) == []


# --- regions ---------------------------------------------------------------


def test_gazetteer_is_current_and_national():
    full, _ = gazetteer()
    assert "章丘区" in full and "章丘市" not in full  # 章丘 became a district in 2016
    assert {p.name for p in full["广西"]} == {"广西壮族自治区"}
    assert full["东莞"][0].level == "prefecture"


def test_zone_organ_company_and_street_are_told_apart():
    found = find_places("潍坊高新区，潍坊市委，大连路，日照港，青岛啤酒股份有限公司")
    assert [(m.place.canonical, m.organisation) for m in found] == [
        ("潍坊高新区", False), ("潍坊市", True), ("青岛市", True)]


def test_ambiguous_district_takes_the_city_the_article_names():
    assert article_subject("市中区经济发展，乐山市领导调研。", None).canonical == "乐山市市中区"
    assert find_places("市中区")[0].place.canonical == "市中区"  # no evidence: no guess


def test_collective_words_resolve_to_the_subject_or_its_parents():
    subject = article_subject("章丘区发展", None)
    assert [resolve_collective(w, subject) for w in ("全区", "我市", "全省", "全县")] == [
        "济南市章丘区", "济南市", "山东省", None]
