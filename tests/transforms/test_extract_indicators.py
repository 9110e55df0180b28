"""Rules of indicator extraction, each on sentences written for the test."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.extract import IndicatorRow, extract_indicators


def facts(text: str, published: datetime | None = None, title: str | None = None) -> list[IndicatorRow]:
    return extract_indicators(text, published, title)


def one(rows: list[IndicatorRow], code: str) -> IndicatorRow:
    found = [r for r in rows if r.indicator == code]
    assert len(found) == 1, rows
    return found[0]


NOV_2023 = datetime(2023, 11, 20, 9, 30)


def test_value_growth_region_and_period_of_a_plain_sentence():
    r = one(facts("今年前三季度，临沂市地区生产总值3900.5亿元，同比增长4.8%。", NOV_2023), "gdp")
    assert (r.region, r.period_start, r.period_end) == ("临沂市", date(2023, 1, 1), date(2023, 9, 30))
    assert (r.value, r.unit, r.value_base, r.yoy_pct) == (3900.5, "亿元", 3.9005e11, 4.8)


def test_scope_carries_through_the_sentence():
    text = ("1-8月份，全县规上工业增加值增长9.1%；社会消费品零售总额56亿元，增长7.3%；"
            "实际使用外资2100万美元，下降12.5%。")
    rows = facts(text, NOV_2023, "沂水县经济运行稳中有进")
    assert {r.indicator for r in rows} == {"industrial_value_added", "retail_sales", "foreign_investment"}
    for r in rows:
        assert (r.period_start, r.period_end) == (date(2023, 1, 1), date(2023, 8, 31))
        assert r.region == "临沂市沂水县"
    fi = one(rows, "foreign_investment")
    assert (fi.value_base, fi.unit, fi.yoy_pct) == (2.1e7, "万美元", -12.5)
    assert one(rows, "retail_sales").yoy_pct == 7.3


def test_ascii_punctuation_is_read_like_full_width():
    rows = facts("1-8月份,全县规上工业增加值增长9.1%;固定资产投资增长3%.", NOV_2023, "沂水县经济")
    assert {(r.indicator, r.yoy_pct, r.period_end) for r in rows} == {
        ("industrial_value_added", 9.1, date(2023, 8, 31)), ("fixed_asset_investment", 3.0, date(2023, 8, 31))}


def test_percentage_point_gap_is_no_growth_rate():
    rows = facts("一般公共预算收入增长8%，高出全省3.2个百分点；增速比上年提高1.5个百分点。", NOV_2023, "莒县")
    assert [(r.indicator, r.yoy_pct) for r in rows] == [("public_budget_revenue", 8.0)]


def test_a_comparison_region_does_not_become_the_figure_region():
    rows = facts("全区固定资产投资增长9%，高出全市4个百分点，规上工业增加值增长6%。", NOV_2023, "潍坊高新区发展")
    assert {r.region for r in rows} == {"潍坊高新区"}


def test_multi_year_average_growth_is_dropped():
    assert facts("“十四五”以来，全市GDP年均增长6.5%，两年平均增长5.2%。", NOV_2023, "泰安市") == []


def test_from_to_sentence_gives_two_facts_for_two_years():
    rows = facts("全省生产总值从2020年的3.68万亿元增长到2025年的4.93万亿元。", datetime(2026, 1, 8), "山东省")
    got = sorted((r.period_start.year, r.value_base, r.yoy_pct) for r in rows if r.indicator == "gdp")
    assert got == [(2020, 3.68e12, None), (2025, 4.93e12, None)]


def test_growth_over_an_older_base_year_is_not_year_on_year():
    r = one(facts("2023年，全市进出口总额达到860亿元，比2019年增长35%。", NOV_2023, "烟台市"), "foreign_trade")
    assert (r.value, r.yoy_pct, r.period_start.year) == (860.0, None, 2023)


def test_growth_over_last_year_named_by_its_number_is_year_on_year():
    r = one(facts("2023年，全市进出口总额达到860亿元，比2022年增长5%。", NOV_2023, "烟台市"), "foreign_trade")
    assert r.yoy_pct == 5.0


def test_estimate_carries_through_the_sentence():
    rows = facts("预计全年固定资产投资增长10%，服务业增加值增长6.5%。", datetime(2023, 12, 28), "日照市")
    assert {(r.indicator, r.qualifier) for r in rows} == {("fixed_asset_investment", "estimate"),
                                                          ("services_value_added", "estimate")}


def test_target_year_and_target_word():
    r = one(facts("力争2025年规上工业总产值突破500亿元。", datetime(2023, 3, 1), "滕州市"), "industrial_output")
    assert (r.qualifier, r.period_start.year, r.value_base) == ("target", 2025, 5e10)


def test_plan_word_in_another_clause_does_not_leak():
    rows = facts("加快建设新城，努力打造高地，全年实现民生支出30亿元。", NOV_2023, "高密市")
    assert one(rows, "livelihood_spending").qualifier is None


def test_signing_is_not_approximately():
    rows = facts("今年新签约项目45个，签约总额320亿元。", NOV_2023, "德州市")
    assert (one(rows, "signed_projects").value, one(rows, "signed_projects").qualifier) == (45.0, None)
    inv = one(rows, "signed_projects_investment")
    assert (inv.value_base, inv.qualifier) == (3.2e10, None)


@pytest.mark.parametrize(("sentence", "code", "value", "qualifier"), [
    ("全区高新技术企业超过300家。", "high_tech_enterprises", 300.0, "at_least"),
    ("全区规上企业近200家。", "above_scale_enterprises", 200.0, "approx"),
    ("纺织产业实现营收约12亿元。", "industry_revenue", 12.0, "approx"),
    ("全区科技型中小企业210余家。", "tech_smes", 210.0, "at_least"),
])
def test_hedges_become_qualifiers(sentence, code, value, qualifier):
    r = one(facts(sentence, NOV_2023, "潍坊市寒亭区"), code)
    assert (r.value, r.qualifier) == (value, qualifier)


def test_stock_figure_is_dated_to_the_statement():
    r = one(facts("目前，全区拥有高新技术企业126家。", datetime(2023, 6, 15), "淄川区"), "high_tech_enterprises")
    assert (r.period_start, r.period_end) == (date(2023, 6, 15), date(2023, 6, 15))
    r = one(facts("截至6月底，全市规上工业企业达到1024家。", datetime(2023, 7, 20), "淄博市"),
            "above_scale_enterprises")
    assert (r.period_start, r.period_end, r.value) == (date(2023, 6, 30), date(2023, 6, 30), 1024.0)


def test_additions_and_totals_are_different_figures():
    rows = facts("全年新增规上企业35家、总数达到410家。", datetime(2024, 1, 15), "兰陵县")
    assert {(r.indicator, r.value) for r in rows} == {("new_above_scale_enterprises", 35.0),
                                                      ("above_scale_enterprises", 410.0)}


def test_change_against_last_year_is_no_stock():
    rows = facts("目前在库规上企业达210家，较去年同期增加31家。", NOV_2023, "薛城区")
    assert [(r.indicator, r.value) for r in rows] == [("above_scale_enterprises", 210.0)]


def test_decline_is_negative():
    assert one(facts("进口额下降3.2%。", NOV_2023, "青岛市"), "imports").yoy_pct == -3.2


def test_respectively_assigns_rates_in_order():
    rows = facts("规上工业增加值、固定资产投资分别增长8.1%、10.2%。", NOV_2023, "平度市")
    assert {(r.indicator, r.yoy_pct) for r in rows} == {("industrial_value_added", 8.1),
                                                        ("fixed_asset_investment", 10.2)}


def test_key_projects_of_one_government_are_a_part_not_the_whole():
    rows = facts("全市共安排重点项目156个，总投资1200亿元，其中省重点项目28个。", NOV_2023, "聊城市")
    assert {(r.indicator, r.value_base) for r in rows} == {("key_projects", 156.0),
                                                           ("key_projects_investment", 1.2e11)}
    assert facts("1-9月，21个省重点项目完成投资88亿元。", NOV_2023, "聊城市") == []


def test_count_before_the_project_word():
    rows = facts("实施总投资300亿元的52个市级以上重点项目。", NOV_2023, "东营市")
    assert {(r.indicator, r.value_base) for r in rows} == {("key_projects", 52.0),
                                                           ("key_projects_investment", 3e10)}


def test_size_class_is_no_amount():
    rows = facts("新签约5亿元以上项目12个。", NOV_2023, "威海市")
    assert [(r.indicator, r.value) for r in rows] == [("signed_projects", 12.0)]


def test_amount_of_another_noun_is_not_taken():
    assert facts("截至10月底，全区出口汽车900台、结汇3亿元。", NOV_2023, "莱山区") == []


def test_year_comes_from_the_text_when_there_is_no_date():
    text = "回顾2023年，全区上下拼搏奋进。\n全年新签约项目60个。\n展望2024年，继续努力。"
    r = one(facts(text, None, "莱芜区"), "signed_projects")
    assert (r.period_start, r.period_end) == (date(2023, 1, 1), date(2023, 12, 31))


def test_last_year_and_early_year_articles():
    jan = datetime(2024, 1, 10)
    assert one(facts("去年，全区GDP增长5.1%。", jan, "历城区"), "gdp").period_start == date(2023, 1, 1)
    assert one(facts("前三季度，全区GDP增长4%。", jan, "历城区"), "gdp").period_start == date(2023, 1, 1)


def test_comparison_base_year_words_are_no_period():
    r = one(facts("1-10月，全区税收收入12亿元，较去年同期增长3%。", NOV_2023, "槐荫区"), "tax_revenue")
    assert (r.period_start, r.period_end) == (date(2023, 1, 1), date(2023, 10, 31))


def test_named_region_wins_over_the_subject_and_enclosing_units_resolve():
    title = "潍坊高新区经济运行"
    assert one(facts("济南市GDP增长6%。", NOV_2023, title), "gdp").region == "济南市"
    assert one(facts("全市固定资产投资增长5%。", NOV_2023, title), "fixed_asset_investment").region == "潍坊市"
    assert one(facts("全省进出口增长2%。", NOV_2023, title), "foreign_trade").region == "山东省"


def test_subject_from_the_body_when_there_is_no_title():
    text = "章丘区加快发展。章丘项目建设提速。\n全区一般公共预算收入完成80亿元。"
    assert one(facts(text, NOV_2023), "public_budget_revenue").region == "济南市章丘区"


def test_region_named_at_a_paragraph_head_carries_to_its_next_sentences():
    text = "今年以来，寿光市经济稳步发展。前三季度，GDP增长5%。\n前三季度，全市GDP增长4%。"
    rows = facts(text, NOV_2023, "潍坊市经济")
    assert [r.region for r in rows] == ["寿光市", "潍坊市"]


def test_evidence_offsets_point_into_the_text():
    text = "标题段落。\n1-9月，全区社会消费品零售总额增长6.6%。其后。"
    r = one(facts(text, NOV_2023, "兰山区"), "retail_sales")
    assert text[r.char_start:r.char_end] == r.evidence == "1-9月，全区社会消费品零售总额增长6.6%。"


def test_text_without_figures_gives_nothing():
    assert facts("", None, None) == []
    assert facts("高新区召开经济工作会议，部署全年工作。", NOV_2023, "高新区") == []


_PIECES = ["前三季度", "1-10月份", "今年", "去年", "2023年", "全年", "目前", "截至9月底", "全区", "全市", "章丘区",
           "枣庄高新区", "GDP", "地区生产总值", "固定资产投资", "规上企业", "新签约", "重点项目", "总投资", "出口",
           "增长", "下降", "同比", "年均", "分别", "其中", "高出", "个百分点", "12.5%", "100亿元", "59家", "3个",
           "约", "超", "余", "预计", "力争", "，", "、", "；", "。", "\n", "的", "达到", "项目", "等"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.sampled_from([None, datetime(2023, 1, 5)]))
def test_any_mix_of_report_words_extracts_without_error(pieces, published):
    text = "".join(pieces)
    for r in extract_indicators(text, published, None):
        assert text[r.char_start:r.char_end] == r.evidence
        assert r.value is not None or r.yoy_pct is not None
        assert (r.period_start is None) == (r.period_end is None)
        assert r.period_start is None or r.period_start <= r.period_end


# --- rules added for articles beyond the seeds ---------------------------------


def test_zone_with_a_word_of_its_own_and_its_short_name():
    text = "2023年，临港新区实现地区生产总值300亿元，增长7%；全区高新技术企业达到80家。"
    rows = facts(text, datetime(2024, 1, 20), "宜宾临港新区：产业发展跑出加速度")
    assert {r.region for r in rows} == {"宜宾临港新区"}
    assert one(rows, "gdp").yoy_pct == 7.0


def test_same_period_word_refers_to_the_period_named_before():
    text = "1-8月，全县规上工业增加值增长6%。同期，全县纺织产业实现营收50亿元，增长4%。"
    r = one(facts(text, NOV_2023, "嘉祥县经济"), "industry_revenue")
    assert (r.period_start, r.period_end, r.yoy_pct) == (date(2023, 1, 1), date(2023, 8, 31), 4.0)


def test_sentence_opening_with_qizhong_keeps_the_period_before():
    text = "上半年，全区实现地区生产总值500亿元，增长5%。其中，规上工业增加值增长7%，固定资产投资下降2%。"
    rows = facts(text, datetime(2023, 7, 28), "兰山区")
    assert {(r.indicator, r.period_end) for r in rows} == {
        ("gdp", date(2023, 6, 30)), ("industrial_value_added", date(2023, 6, 30)),
        ("fixed_asset_investment", date(2023, 6, 30))}


def test_part_named_after_qizhong_in_the_next_sentence_is_no_total():
    text = "前三季度，全市外贸进出口总额200亿元，增长6%。其中，对东盟进出口45亿元，增长20%。"
    rows = facts(text, NOV_2023, "日照市")
    assert [(r.indicator, r.value) for r in rows] == [("foreign_trade", 200.0)]


def test_business_entities_are_market_entities():
    r = one(facts("全年新增经营主体2.1万户。", datetime(2024, 2, 1), "沂南县"), "new_market_entities")
    assert (r.value_base, r.period_start) == (21000.0, date(2023, 1, 1))


def test_an_amount_said_again_without_its_growth_is_one_fact():
    text = "2023年，全县地区生产总值达到300亿元，增长5%。全县地区生产总值从2020年的250亿元增长到2023年的300亿元。"
    rows = [r for r in facts(text, datetime(2024, 2, 1), "沂南县") if r.indicator == "gdp"]
    assert sorted((r.period_start.year, r.value, r.yoy_pct) for r in rows) == [(2020, 250.0, None),
                                                                                (2023, 300.0, 5.0)]


def test_no_fewer_than_is_a_floor_of_a_target():
    r = one(facts("力争2024年全年实施重点项目不少于80个。", datetime(2024, 1, 20), "费县"), "key_projects")
    assert (r.value, r.qualifier, r.period_start.year) == (80.0, "target", 2024)


def test_contracted_capital_is_the_investment_of_signed_projects():
    rows = facts("今年以来，新签约项目30个，合同引资150亿元。", NOV_2023, "郯城县")
    assert one(rows, "signed_projects_investment").value_base == 1.5e10


def test_title_year_dates_a_bulletin_published_the_year_after():
    text = "初步核算，全年全市地区生产总值（GDP）2100.5亿元，按不变价格计算，比上年增长5.8%。"
    r = one(facts(text, datetime(2024, 3, 20), "聊城市2023年国民经济和社会发展统计公报"), "gdp")
    assert (r.period_start, r.period_end, r.value, r.yoy_pct) == (date(2023, 1, 1), date(2023, 12, 31), 2100.5, 5.8)


def test_a_government_report_is_about_its_government_s_place():
    text = "今年的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%。"
    rows = facts(text, datetime(2024, 1, 25), "菏泽市政府工作报告")
    assert {(r.region, r.indicator, r.yoy_pct, r.qualifier) for r in rows} == {
        ("菏泽市", "gdp", 6.0, "target"), ("菏泽市", "public_budget_revenue", 5.0, "target")}


def test_chinese_numerals_count_things():
    rows = facts("全区实现地区生产总值一千零五十亿元，高新技术企业达到一百二十家。", NOV_2023, "潍城区")
    assert (one(rows, "gdp").value_base, one(rows, "high_tech_enterprises").value) == (1.05e11, 120.0)


def test_growth_rate_word_and_comparison_with_last_year_s_amount():
    rows = facts("1-2月，全县规上工业增加值增长率为8.5%。", datetime(2024, 3, 20), "夏津县")
    assert one(rows, "industrial_value_added").yoy_pct == 8.5
    r = one(facts("2023年，全市GDP达到1200亿元，比2022年的1100亿元增长9.1%。", datetime(2024, 2, 1), "滨州市"), "gdp")
    assert (r.value, r.yoy_pct) == (1200.0, 9.1)


def test_a_township_heading_its_clause_is_the_figure_s_place():
    text = "上半年，全县GDP增长5%。其中，龙泉镇实现地区生产总值50亿元，增长8%。"
    rows = facts(text, datetime(2023, 8, 1), "广安市岳池县经济运行")
    assert {(r.region, r.value) for r in rows} == {("广安市岳池县", None), ("广安市岳池县龙泉镇", 50.0)}


def test_a_collective_word_the_article_cannot_place_gives_no_row():
    assert facts("全区GDP增长5%。", NOV_2023, "德州市经济运行") == []


def test_a_title_city_over_a_body_about_one_of_its_districts():
    text = "前三季度，全区GDP增长6%。德城区项目建设提速，德城区消费回暖。"
    assert one(facts(text, NOV_2023, "德州：经济稳中向好"), "gdp").region == "德州市德城区"


def test_per_head_gdp_is_not_gdp():
    rows = facts("全年人均地区生产总值98765元，增长6%。", datetime(2024, 3, 1), "东营市")
    assert [r.indicator for r in rows] == ["gdp_per_capita"]


def test_zone_the_gazetteer_cannot_place_is_taken_from_the_title():
    rows = facts("上半年，全区地区生产总值增长9%。", datetime(2023, 7, 20), "临空经济区：上半年经济向好")
    assert rows == []  # no place known for 全区: no row
    rows = facts("上半年，全区地区生产总值增长9%。", datetime(2023, 7, 20), "临空新区：上半年经济向好")
    assert [r.region for r in rows] == ["临空新区"]


def test_indicators_of_a_markdown_table_with_the_period_of_the_sentence_before():
    text = ("2023年1—9月，全市主要经济指标如下：\n| 指标 | 1—9月 | 同比增长（%） |\n| --- | --- | --- |\n"
            "| 地区生产总值（亿元） | 1520.4 | 5.6 |\n| 规上工业增加值 | — | 7.1 |\n"
            "| 实际使用外资（亿美元） | 2.3 | -4.5 |\n| 限额以上汽车类零售额（亿元） | 80.1 | 9.9 |")
    rows = facts(text, NOV_2023, "威海市")
    got = {(r.indicator, r.value_base, r.yoy_pct, r.period_end) for r in rows}
    assert got == {("gdp", 1.5204e11, 5.6, date(2023, 9, 30)),
                   ("industrial_value_added", None, 7.1, date(2023, 9, 30)),
                   ("foreign_investment", 2.3e8, -4.5, date(2023, 9, 30))}
    r = one(rows, "gdp")
    assert r.region == "威海市"
    assert text[r.char_start:r.char_end] == r.evidence == "| 地区生产总值（亿元） | 1520.4 | 5.6 |"


def test_indicators_of_an_aligned_table_with_years_in_its_header():
    text = "主要指标：\n指标        2022年      2023年      增长%\n地区生产总值（亿元）    800    850    6.2\n" \
           "一般公共预算收入（亿元）    60    63    5.0\n"
    rows = facts(text, datetime(2024, 2, 1), "莱州市")
    got = sorted((r.indicator, r.period_start.year, r.value, r.yoy_pct) for r in rows)
    assert got == [("gdp", 2022, 800.0, None), ("gdp", 2023, 850.0, 6.2),
                   ("public_budget_revenue", 2022, 60.0, None), ("public_budget_revenue", 2023, 63.0, 5.0)]


def test_indicator_words_with_a_character_lost_in_decoding():
    text = "上半年，全县实现地区生产\ufffd\ufffd120.5亿元，同比增\ufffd5.1%；固定资产投资下\ufffd2.4%。"
    rows = facts(text, datetime(2023, 7, 30), "金乡县")
    assert {(r.indicator, r.value, r.yoy_pct) for r in rows} == {("gdp", 120.5, 5.1),
                                                                 ("fixed_asset_investment", None, -2.4)}


def test_a_round_milestone_gives_way_to_the_exact_amount():
    r = one(facts("全区地区生产总值首次突破千亿元，达到1023.6亿元。", NOV_2023, "市北区"), "gdp")
    assert (r.value, r.qualifier) == (1023.6, None)


def test_rate_said_before_the_amount_of_the_same_period():
    r = one(facts("预计全年地区生产总值增长6%，达到3200亿元左右。", datetime(2023, 12, 20), "威海市"), "gdp")
    assert (r.value, r.yoy_pct, r.qualifier) == (3200.0, 6.0, "estimate")


def test_respectively_after_figures_named_with_their_amounts():
    text = "全市进出口总额2870亿元，其中出口1960亿元、进口910亿元，分别增长5.2%、8.1%和-0.3%。"
    rows = facts(text, NOV_2023, "烟台市")
    assert {(r.indicator, r.value, r.yoy_pct) for r in rows} == {
        ("foreign_trade", 2870.0, 5.2), ("exports", 1960.0, 8.1), ("imports", 910.0, -0.3)}
    # more rates than figures: no figure takes one
    rows = facts("全市进出口总额2870亿元，分别增长5.2%、8.1%。", NOV_2023, "烟台市")
    assert [(r.indicator, r.yoy_pct) for r in rows] == [("foreign_trade", None)]


def test_a_clause_with_another_period_and_a_rate_goes_on_with_the_figure():
    rows = facts("10月份，全市规上工业增加值增长5.2%；1-10月累计增长6.1%。", NOV_2023, "淄博市")
    assert sorted((r.period_start.month, r.period_end.month, r.yoy_pct) for r in rows) == [(1, 10, 6.1),
                                                                                            (10, 10, 5.2)]


def test_month_on_month_change_is_no_year_on_year_rate():
    rows = facts("9月份，全市规上工业增加值环比增长1.2%。", NOV_2023, "淄博市")
    assert rows == []


@pytest.mark.parametrize("sentence", [
    "一季度，新签约亿元以上项目58个，签约资金312.4亿元。",
    "一季度，新签约亿元以上项目58个，协议资金312.4亿元。",
    "一季度，新签约亿元以上项目58个，签约金额312.4亿元。",
])
def test_signing_money_is_the_investment_of_signed_projects(sentence: str) -> None:
    rows = facts(sentence, datetime(2024, 4, 10), "漯河市")
    assert (one(rows, "signed_projects").value, one(rows, "signed_projects_investment").value) == (58.0, 312.4)


@pytest.mark.parametrize("sentence", [
    "9月20日，全市重大项目集中签约仪式举行，9个项目现场签约，总投资87.6亿元。",
    "推介会上，9个先进制造业项目集中签约，总投资87.6亿元。",
    "9月20日，全市举行新能源项目集中签约活动，9个项目总投资达87.6亿元。",
])
def test_a_count_before_the_noun_and_signing_after_it(sentence: str) -> None:
    rows = facts(sentence, datetime(2024, 9, 21), "周口市")
    assert (one(rows, "signed_projects").value, one(rows, "signed_projects_investment").value) == (9.0, 87.6)


def test_signing_without_a_count_gives_no_signed_projects() -> None:
    rows = facts("全市加快推动项目签约落地，总投资20亿元的产业园开工。", datetime(2024, 9, 21), "周口市")
    assert [r for r in rows if r.indicator.startswith("signed_projects")] == []


def test_disposable_income_per_head_whole_urban_and_rural() -> None:
    text = ("2024年，全市全体居民人均可支配收入41236元，比上年增长5.3%。其中，城镇居民人均可支配收入"
            "52180元，增长4.8%；农村常住居民人均可支配收入2.31万元，增长6.6%。")
    rows = facts(text, datetime(2025, 1, 30), "南平市")
    assert {(r.indicator, r.value_base, r.yoy_pct) for r in rows} == {
        ("disposable_income_per_capita", 41236.0, 5.3), ("urban_disposable_income_per_capita", 52180.0, 4.8),
        ("rural_disposable_income_per_capita", 23100.0, 6.6)}
    # a target stated without a number is no row
    assert facts("居民人均可支配收入增长与经济增长基本同步。", datetime(2025, 1, 30), "南平市") == []


def test_the_city_of_the_body_that_speaks_is_the_collective_s_when_the_article_names_a_province() -> None:
    text = "柳州市商务局介绍，今年上半年全市实际使用外资2.48亿美元，按年增长18.6%。"
    rows = facts(text, datetime(2024, 7, 9), "广西港资项目加快落地")
    assert [(r.region, r.indicator, r.yoy_pct) for r in rows] == [("柳州市", "foreign_investment", 18.6)]
