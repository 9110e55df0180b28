"""Extraction rules for styles beyond the local news page: statistical
bulletins, government work reports, Hong Kong and Taiwan copy, quarterly
releases, places and zones named inside sentences.  Sentences written for the test."""

from __future__ import annotations

from datetime import date, datetime

from transforms.extract import IndicatorRow, extract_indicators
from transforms.extract.numbers import find_growths, find_quantities
from transforms.extract.periods import find_markers
from transforms.extract.sentences import clause_bounds

OCT_2023 = datetime(2023, 10, 28, 8, 0)


def rows_of(text: str, published: datetime | None = OCT_2023, title: str | None = None) -> list[IndicatorRow]:
    return extract_indicators(text, published, title)


def cell(rows: list[IndicatorRow], code: str, region: str | None = None) -> IndicatorRow:
    found = [r for r in rows if r.indicator == code and (region is None or r.region == region)]
    assert len(found) == 1, rows
    return found[0]


def test_thousands_separators_are_one_number():
    assert [(q.value, q.unit) for q in find_quantities("进出口总额12,406.8亿元，企业2,315家")] == [
        (12406.8, "亿元"), (2315.0, "家")]


def test_ascii_comma_between_clauses_is_no_separator():
    assert [q.value for q in find_quantities("项目38个,1260亿元")] == [38.0, 1260.0]


def test_taiwan_and_hong_kong_growth_verbs():
    assert [g.pct for g in find_growths("出口年增7.2%，进口年减1.9%，按年增长3.3%，同比增4%")] == [7.2, -1.9, 3.3, 4.0]


def test_hong_kong_first_three_quarters():
    assert [(m.m1, m.m2) for m in find_markers("首三季，首季，首5个月", 2023)] == [(1, 9), (1, 3), (1, 5)]


def test_clause_split_skips_an_aside_in_brackets():
    s = "产值5,200亿元（人民币，下同），按年增长6.1%"
    assert len(clause_bounds(s)) == 2


def test_growth_after_bracketed_aside_and_anyear_lead():
    rows = rows_of("今年首三季，佛山实现地区生产总值9,210.4亿元（人民币，下同），按年增长4.6%。")
    r = cell(rows, "gdp")
    assert (r.value, r.yoy_pct, r.period_end) == (9210.4, 4.6, date(2023, 9, 30))


def test_sentence_without_period_goes_on_with_its_paragraph():
    rows = rows_of("1—7月，全市规上工业增加值增长6.6%。受价格拖累，全市固定资产投资下降1.4%。", title="泉州经济运行")
    r = cell(rows, "fixed_asset_investment")
    assert (r.period_start, r.period_end, r.yoy_pct) == (date(2023, 1, 1), date(2023, 7, 31), -1.4)


def test_sentence_without_period_goes_on_with_the_article():
    rows = rows_of("前三季度，全市GDP增长5.5%。\n外贸方面，全市进出口总额812亿元，年减2.2%。", title="漳州经济")
    r = cell(rows, "foreign_trade")
    assert (r.period_end, r.value, r.yoy_pct) == (date(2023, 9, 30), 812.0, -2.2)


def test_stock_growth_over_last_year_end():
    rows = rows_of("截至2022年末，全县市场主体总数达到8.4万户，比上年末增长7.1%。", datetime(2023, 3, 1), "德清县")
    r = cell(rows, "market_entities")
    assert (r.value, r.unit, r.yoy_pct) == (8.4, "万户", 7.1)


def test_places_with_respective_rates_and_the_indicator_between():
    rows = rows_of("2022年，绵阳市、德阳市地区生产总值分别增长4.1%和3.6%。", datetime(2023, 2, 1), "四川经济")
    assert {(r.region, r.yoy_pct) for r in rows if r.indicator == "gdp"} == {("绵阳市", 4.1), ("德阳市", 3.6)}


def test_by_place_sentence_takes_the_figure_before():
    text = ("1至6月，全市规模以上工业增加值同比增长7.7%。"
            "分县区看，如皋市、海安市分别增长9.3%、8.8%，启东市增长6.9%。")
    rows = rows_of(text, datetime(2023, 7, 20), "南通市上半年经济")
    got = {(r.region, r.yoy_pct, r.period_end) for r in rows if r.indicator == "industrial_value_added"}
    assert {(7.7, date(2023, 6, 30)), (9.3, date(2023, 6, 30)), (8.8, date(2023, 6, 30)),
            (6.9, date(2023, 6, 30))} == {(g, e) for _, g, e in got}
    assert len({r for r, _, _ in got}) == 4


def test_zone_after_qizhong_is_its_own_figure_not_a_component():
    rows = rows_of("前三季度，全市规上工业增加值增长5.8%，其中滨江高新区规上工业增加值增长11.4%。",
                   title="杭州经济运行")
    assert ("滨江高新区", 11.4) in {(r.region, r.yoy_pct) for r in rows}


def test_new_towns_named_in_a_sentence():
    rows = rows_of("前三季度，新区经济较快增长。其中，能源新城规上工业增加值增长13.2%，科教新城增长缓慢。",
                   title="某新区经济")
    assert ("能源新城", 13.2) in {(r.region, r.yoy_pct) for r in rows}


def test_will_grow_from_base_year_to_target_year():
    rows = rows_of("按照规划，全县地区生产总值将从2020年的610.2亿元增长到2025年的880亿元以上。",
                   datetime(2024, 3, 1), "德清县")
    assert {(r.period_start.year, r.value) for r in rows if r.indicator == "gdp"} == {(2020, 610.2), (2025, 880.0)}


def test_key_construction_projects_and_plan_and_carry_out():
    rows = rows_of("全年实施省市重点建设项目142个。今年将谋划实施重点项目150个以上。", datetime(2024, 2, 1))
    assert {r.value for r in rows if r.indicator == "key_projects"} == {142.0, 150.0}
    assert not [r for r in rows if r.indicator == "planned_projects"]
