"""Indicator shapes of cumulative reports (session 7, samples/dev12): a part of the period named in passing,
the ongoing year named for a programme, 今年以来 in a report of 1-8月, 前8月, an amount before its figure
(…亿元的固定资产投资), a rate over a named base year beside the year-on-year one, a kind of a figure named
again, a quarter after 其中, and a round milestone beside the exact figure — on sentences written for the test."""

from __future__ import annotations

from datetime import datetime

from transforms.extract import IndicatorRow, extract_indicators

SEP_2024 = datetime(2024, 9, 26)
OCT_2024 = datetime(2024, 10, 27)


def rows_of(text: str, published: datetime, title: str | None = None) -> list[IndicatorRow]:
    return extract_indicators(text, published, title)


def cells(rows: list[IndicatorRow], code: str) -> list[tuple]:
    return sorted((r.region, str(r.period_start), str(r.period_end), r.value, r.unit, r.yoy_pct)
                  for r in rows if r.indicator == code)


def test_a_month_named_in_a_report_of_months_speaks_only_for_its_own_sentence():
    text = ("1至8月，全县规上工业增加值完成105.2亿元，同比增长8.8%。8月份，全县规上工业增加值同比增长10.1%。\n\n"
            "投资保持增长。全县固定资产投资同比增长5.9%。\n\n全县社会消费品零售总额88.6亿元，同比增长4.7%。")
    rows = rows_of(text, SEP_2024, "安吉县1至8月经济运行情况")
    assert [(g[1], g[2], g[5]) for g in cells(rows, "industrial_value_added")] == [
        ("2024-01-01", "2024-08-31", 8.8), ("2024-08-01", "2024-08-31", 10.1)]
    assert [(g[1], g[2], g[5]) for g in cells(rows, "fixed_asset_investment")] == [("2024-01-01", "2024-08-31", 5.9)]
    assert [(g[1], g[2], g[3]) for g in cells(rows, "retail_sales")] == [("2024-01-01", "2024-08-31", 88.6)]


def test_a_quarter_after_its_cumulative_figure_does_not_hold_the_paragraph():
    text = ("一至三季度，全市地区生产总值1320.5亿元，比上年同期增长5.1%。其中，第三季度地区生产总值增长5.9%。"
            "分产业看，第三产业增加值702.3亿元，增长5.6%。")
    rows = rows_of(text, OCT_2024, "钦州市2024年一至三季度经济运行情况")
    assert [(g[1], g[2], g[5]) for g in cells(rows, "gdp")] == [
        ("2024-01-01", "2024-09-30", 5.1), ("2024-07-01", "2024-09-30", 5.9)]
    assert [(g[1], g[2], g[3]) for g in cells(rows, "services_value_added")] == [("2024-01-01", "2024-09-30", 702.3)]


def test_the_ongoing_year_named_for_a_programme_is_not_the_reports_period():
    text = ("前三季度，全市地区生产总值完成412.6亿元，同比增长6.2%。\n\n"
            "今年全市共实施省市重点项目48个，截至9月底已开工44个。\n\n"
            "开年以来，全市上下为完成全年目标任务奠定了基础。\n\n"
            "全市社会消费品零售总额131.8亿元，同比增长5.3%。")
    rows = rows_of(text, OCT_2024, "新密市前三季度经济运行")
    assert [(g[1], g[2], g[3]) for g in cells(rows, "key_projects")] == [("2024-01-01", "2024-12-31", 48.0)]
    assert [(g[1], g[2], g[5]) for g in cells(rows, "retail_sales")] == [("2024-01-01", "2024-09-30", 5.3)]


def test_since_the_start_of_the_year_in_a_report_of_months_is_its_months():
    text = ("1-8月份，全市经济运行延续回升向好态势。\n\n今年以来，全市坚持把着力点放在实体经济上。\n\n"
            "全市规上工业增加值同比增长7.6%，增速较1-7月份提高0.2个百分点。")
    rows = rows_of(text, datetime(2024, 9, 20), "东营市1-8月份主要经济指标")
    assert [(g[1], g[2], g[5]) for g in cells(rows, "industrial_value_added")] == [("2024-01-01", "2024-08-31", 7.6)]


def test_taiwans_first_n_months_without_ge():
    # (the extractor reads the simplified text the pipeline gives it)
    rows = rows_of("前8月吴江规模以上工业总产值3,012.6亿元，年增6.1%。", SEP_2024, "吴江前8月工业产值年增6.1%")
    assert [(g[1], g[2], g[3], g[5]) for g in cells(rows, "industrial_output")] == [
        ("2024-01-01", "2024-08-31", 3012.6, 6.1)]


def test_an_amount_tied_by_de_to_the_figure_named_after_it():
    text = "1-8月份，全市累计完成862.4亿元的固定资产投资，同比增长4.8%；完成156.3亿元的工业技改投资，同比增长11.2%。"
    rows = rows_of(text, datetime(2024, 9, 20), "潍坊市1-8月份经济运行")
    assert [(g[3], g[5]) for g in cells(rows, "fixed_asset_investment")] == [(862.4, 4.8)]
    assert [(g[3], g[5]) for g in cells(rows, "tech_renovation_investment")] == [(156.3, 11.2)]


def test_a_rate_over_a_named_base_year_gives_way_to_the_year_on_year_rate_after_it():
    text = "去年，全市完成外贸进出口总额536.2亿元，比2022年增长18.7%，同比增长8.4%，跨境电商进出口额同比增长41.3%。"
    rows = rows_of(text, datetime(2025, 1, 16), "吉安2024年经济运行综述")
    assert [(g[1], g[3], g[5]) for g in cells(rows, "foreign_trade")] == [("2024-01-01", 536.2, 8.4)]


def test_a_round_milestone_beside_the_exact_figure_is_no_second_row():
    text = "截至9月底，全市实有经营主体86.3万户，同比增长5.5%，经营主体总量首次突破80万户。"
    rows = rows_of(text, datetime(2024, 10, 15), "邢台市经营主体持续增长")
    assert [(g[3], g[4], g[5]) for g in cells(rows, "market_entities")] == [(86.3, "万户", 5.5)]


def test_contribution_pull_and_gaps_make_no_rate():
    text = ("前三季度，全市地区生产总值完成512.8亿元，同比增长6.6%，高于全省平均水平1.8个百分点。"
            "全市规模以上工业增加值同比增长9.1%，对经济增长的贡献率达到49.5%，拉动经济增长2.9个百分点。")
    rows = rows_of(text, OCT_2024, "登封市前三季度经济运行")
    assert [g[5] for g in cells(rows, "gdp")] == [6.6]
    assert [g[5] for g in cells(rows, "industrial_value_added")] == [9.1]


def test_a_year_written_in_chinese_numerals():
    rows = rows_of("二〇二三年，全市地区生产总值完成1523.6亿元，比上年增长4.8%。", datetime(2024, 3, 1),
                   "晋城市国民经济和社会发展统计公报")
    assert [(g[1], g[2], g[3], g[5]) for g in cells(rows, "gdp")] == [("2023-01-01", "2023-12-31", 1523.6, 4.8)]


def test_an_autonomous_prefecture_by_its_short_name_and_its_quanzhou():
    rows = rows_of("前三季度，全州地区生产总值828.4亿元，同比增长5.9%。", OCT_2024, "湘西州前三季度经济运行")
    assert [(g[0], g[3]) for g in cells(rows, "gdp")] == [("湘西土家族苗族自治州", 828.4)]
    rows = rows_of("前三季度，黔东南州实现地区生产总值912.6亿元，同比增长4.9%。", OCT_2024, "贵州经济观察")
    assert [(g[0], g[3]) for g in cells(rows, "gdp")] == [("黔东南苗族侗族自治州", 912.6)]


def test_a_headline_opened_by_a_county_level_citys_short_name():
    rows = rows_of("前三季度，全市地区生产总值612.3亿元，同比增长6.4%。", OCT_2024, "新郑：前三季度经济稳中有进")
    assert [(g[0], g[3]) for g in cells(rows, "gdp")] == [("新郑市", 612.3)]


def test_a_sentence_opening_with_a_part_of_the_year_goes_on_with_the_figure_before_it():
    text = ("上半年，全市地区生产总值1480.2亿元，同比增长5.8%。二季度增长6.1%，比一季度加快0.6个百分点。\n\n"
            "1-6月，全市规上工业增加值同比增长7.4%。6月当月增长8.9%。")
    rows = rows_of(text, datetime(2024, 7, 25), "荆州市上半年经济运行")
    assert [(g[1], g[2], g[5]) for g in cells(rows, "gdp")] == [
        ("2024-01-01", "2024-06-30", 5.8), ("2024-04-01", "2024-06-30", 6.1)]
    assert [(g[1], g[2], g[5]) for g in cells(rows, "industrial_value_added")] == [
        ("2024-01-01", "2024-06-30", 7.4), ("2024-06-01", "2024-06-30", 8.9)]
    text = "全年全市地区生产总值3012.6亿元。一季度、二季度、三季度、四季度分别增长5.1%、5.6%、5.9%、6.2%。"
    rows = rows_of(text, datetime(2025, 1, 20), "荆州市2024年经济运行")
    assert [(g[1], g[5]) for g in cells(rows, "gdp") if g[5]] == [
        ("2024-01-01", 5.1), ("2024-04-01", 5.6), ("2024-07-01", 5.9), ("2024-10-01", 6.2)]


def test_an_amount_spaced_from_its_unit_and_tourism_spending_as_revenue():
    text = ("全年全州社会消费品零售总额 612.3 亿元，比上年增长 5.1 %。"
            "全年接待海内外游客1.52亿人次，比上年增长28.1%；实现旅游总花费2302.1亿元，增长35.6%。")
    rows = rows_of(text, datetime(2024, 3, 26), "大理州2023年国民经济和社会发展统计公报")
    assert [(g[3], g[4], g[5]) for g in cells(rows, "retail_sales")] == [(612.3, "亿元", 5.1)]
    assert [(g[3], g[5]) for g in cells(rows, "tourism_revenue")] == [(2302.1, 35.6)]


def test_another_years_figure_in_a_bulletin_does_not_move_the_year_it_reports():
    text = ("全年全市地区生产总值1912.6亿元，比上年增长5.2%。\n\n2022年全市地区生产总值为1802.5亿元。\n\n"
            "全年社会消费品零售总额712.3亿元，比上年增长5.1%。\n\n一般公共预算收入186.2亿元，增长6.3%。")
    rows = rows_of(text, datetime(2024, 3, 20), "忻州市2023年国民经济和社会发展统计公报")
    assert [(g[1], g[3]) for g in cells(rows, "gdp")] == [("2022-01-01", 1802.5), ("2023-01-01", 1912.6)]
    assert [(g[1], g[2]) for g in cells(rows, "retail_sales") + cells(rows, "public_budget_revenue")] == [
        ("2023-01-01", "2023-12-31")] * 2


# --- review fixes (session 7) ---

def test_the_exact_stock_after_a_round_milestone_is_no_kind_of_it():
    # a part cannot exceed its whole: 实有市场主体51.2万户 after 突破50万户 is the exact figure
    rows = extract_indicators("上半年，宿迁市市场主体突破50万户，实有市场主体51.2万户。", OCT_2024, "宿迁经济",
                              "宿迁市统计局")
    assert [(g[3], g[4]) for g in cells(rows, "market_entities")] == [(51.2, "万户")]
    rows = rows_of("截至9月底，全区经营主体总量突破20万户，登记在册经营主体20.8万户，同比增长6.2%。",
                   OCT_2024, "江宁区经营主体发展情况")
    assert [(g[3], g[5]) for g in cells(rows, "market_entities")] == [(20.8, 6.2)]


def test_a_kind_of_a_figure_named_again_with_a_smaller_amount_is_still_a_part():
    rows = rows_of("1-9月，全市进出口总额512.6亿元，增长9.7%，跨境电商进出口额86.2亿元，增长31.5%。",
                   OCT_2024, "台州市前三季度外贸")
    assert [(g[3], g[5]) for g in cells(rows, "foreign_trade")] == [(512.6, 9.7)]


def test_a_districts_short_name_before_a_colon_is_no_subject_unless_the_body_names_it():
    body = "上半年，全市实现社会消费品零售总额86.5亿元，同比增长6%。全区规模以上工业增加值增长7%。"
    for title in ("东风：上半年经济运行稳中有进", "白云：上半年经济运行稳中有进", "红旗：上半年经济运行稳中有进"):
        rows = rows_of(body, datetime(2024, 7, 20), title)
        assert {r.region for r in rows} <= {None}, title
    rows = rows_of("上半年，白云区规模以上工业增加值增长7.2%，广州市增长5.1%。全区社会消费品零售总额增长6%。",
                   datetime(2024, 7, 20), "白云：上半年经济运行稳中有进")
    assert [g[0] for g in cells(rows, "retail_sales")] == ["广州市白云区"]


def test_quanzhou_county_is_no_whole_prefecture():
    from transforms.extract.regions import find_collectives
    assert [c for c in find_collectives("广西全州县今年GDP增长6%，全州县农业总产值增长4%。")] == []
    rows = rows_of("前三季度，全州县地区生产总值112.3亿元，同比增长5.1%。", OCT_2024, "桂林市前三季度经济运行")
    assert [(g[0], g[3]) for g in cells(rows, "gdp")] == [("桂林市全州县", 112.3)]


def test_a_year_in_chinese_numerals_with_a_circle_for_zero():
    from transforms.extract.periods import _year_number
    assert [_year_number(t) for t in ("二〇二三", "二零二四", "二○二二", "一九九九", "2025")] == [
        2023, 2024, 2022, 1999, 2025]


def test_a_district_named_by_a_bare_noun_is_that_district_only_after_its_city():
    body = "上半年，全区实现社会消费品零售总额86.5亿元，同比增长6%。中心城区规模以上工业增加值增长7%。"
    for title in ("城区：上半年经济运行稳中有进", "郊区：上半年经济运行稳中有进"):
        assert {r.region for r in rows_of(body, datetime(2024, 7, 20), title)} <= {None}, title
    rows = rows_of("上半年，阳泉市城区社会消费品零售总额42.1亿元，同比增长5.2%。", datetime(2024, 7, 20), "山西经济")
    assert [g[0] for g in cells(rows, "retail_sales")] == ["阳泉市城区"]
