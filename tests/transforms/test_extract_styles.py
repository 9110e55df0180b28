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


# --- styles of samples/dev3: Taiwan copy, reviews over several years, lists of key projects --------


def test_taiwan_grow_and_shrink_verbs_and_trillions():
    # Taiwan copy (as the extractor reads it, in simplified script): 兆 for 万亿, 成长 and 衰退
    rows = rows_of("今年前3季无锡地区生产总值（GDP）达1兆1,200亿元人民币，年成长5.6%。固定资产投资年衰退2.1%。",
                   title="无锡前3季GDP年成长5.6%")
    gdp, fai = cell(rows, "gdp"), cell(rows, "fixed_asset_investment")
    assert (gdp.value_base, gdp.yoy_pct, gdp.period_end) == (1.12e12, 5.6, date(2023, 9, 30))
    assert fai.yoy_pct == -2.1
    assert [q.base for q in find_quantities("约2.5兆元，装机3兆瓦")] == [2.5e12]


def test_a_span_of_years_is_no_context_for_the_sentences_after_it():
    text = ("2021年至2023年，全省规上工业增加值年均增长7.2%。\n"
            "全年全省固定资产投资比上年下降5.9%。")
    rows = rows_of(text, datetime(2024, 3, 18), "江西省2023年国民经济和社会发展统计公报")
    assert [(r.indicator, r.period_start, r.yoy_pct) for r in rows] == [
        ("fixed_asset_investment", date(2023, 1, 1), -5.9)]


def test_two_years_with_a_rate_each():
    rows = rows_of("2022年、2023年，全市地区生产总值分别增长5.3%和4.6%，规上工业增加值分别增长18.6%和12.1%。",
                   datetime(2024, 5, 10), "钦州市")
    got = {(r.indicator, r.period_start.year, r.yoy_pct) for r in rows}
    assert got == {("gdp", 2022, 5.3), ("gdp", 2023, 4.6),
                   ("industrial_value_added", 2022, 18.6), ("industrial_value_added", 2023, 12.1)}


def test_one_to_three_quarters_is_january_to_september():
    r = cell(rows_of("一至三季度，全市地区生产总值完成1234.5亿元，同比增长5.6%。", title="德州市经济"), "gdp")
    assert (r.period_start, r.period_end) == (date(2023, 1, 1), date(2023, 9, 30))


def test_places_with_a_rate_each_after_the_first_figure():
    rows = rows_of("前三季度，德州市GDP增长5.2%，滨州市增长4.9%，聊城市增长5.0%。", title="鲁北三市经济")
    assert {(r.region, r.yoy_pct) for r in rows} == {("德州市", 5.2), ("滨州市", 4.9), ("聊城市", 5.0)}


def test_a_zone_heading_a_sentence_before_its_period():
    rows = rows_of("苏州工业园区前3季规模以上工业总产值增长9.1%，实际使用外资16.2亿美元，下降5.4%。", title="苏州经济")
    assert {(r.region, r.indicator) for r in rows} == {("苏州工业园区", "industrial_output"),
                                                      ("苏州工业园区", "foreign_investment")}


def test_a_zone_the_gazetteer_lacks_at_the_head_of_a_sentence():
    rows = rows_of("全市经济平稳。赣江新区首三季新签约重大项目46个，合同投资额812亿元。", title="江西经济")
    assert {(r.region, r.indicator, r.value) for r in rows} == {
        ("赣江新区", "signed_projects", 46.0), ("赣江新区", "signed_projects_investment", 812.0)}


def test_a_signed_amount_with_its_growth_rate():
    rows = rows_of("1—5月全县新签约亿元以上项目52个，协议引资486.2亿元，同比增长23.6%。", title="肥东县招商")
    r = cell(rows, "signed_projects_investment")
    assert (r.value, r.yoy_pct) == (486.2, 23.6)


def test_a_citys_own_list_of_key_projects_is_its_key_projects():
    rows = rows_of("全年共安排市级重点项目326个，总投资2836.5亿元。", datetime(2024, 2, 28),
                   "孝感市公布市级重点项目清单")
    assert {(r.indicator, r.value) for r in rows} == {("key_projects", 326.0), ("key_projects_investment", 2836.5)}
    # the city's list in a district is the part of it located there
    assert rows_of("1—6月，全区78个市级重点项目完成投资186.4亿元。", title="双流区经济") == []


def test_a_count_inside_the_words_naming_the_projects():
    rows = rows_of("推介会上，本区成功签约美瑞智能装备、华腾汽车零部件3个项目，合计投资45亿元。",
                   title="佛山高新区招商")
    assert {(r.indicator, r.value) for r in rows} == {("signed_projects", 3.0), ("signed_projects_investment", 45.0)}
