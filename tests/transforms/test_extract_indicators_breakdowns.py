"""Indicator shapes of bulletins and district reports (session 6): breakdowns by quarter and by place,
physical quantities, visits and population, list totals — on sentences written for the test."""

from __future__ import annotations

from datetime import date, datetime

from transforms.extract import IndicatorRow, extract_indicators

FEB_2025 = datetime(2025, 2, 27)
OCT_2024 = datetime(2024, 10, 30)


def rows_of(text: str, published: datetime, title: str | None = None) -> list[IndicatorRow]:
    return extract_indicators(text, published, title)


def cells(rows: list[IndicatorRow], code: str) -> list[tuple]:
    return sorted((r.region, str(r.period_start), str(r.period_end), r.value, r.unit, r.value_base, r.yoy_pct)
                  for r in rows if r.indicator == code)


def test_a_quarter_breakdown_gives_each_quarter_its_rate_in_the_figures_year():
    text = ("全年全市实现地区生产总值386.2亿元，比上年增长6.0%。分季度看，一季度增长5.1%，二季度增长5.9%，"
            "三季度增长6.3%，四季度增长6.6%。")
    got = cells(rows_of(text, FEB_2025, "桐城市2024年国民经济和社会发展统计公报"), "gdp")
    assert [(g[1], g[2], g[6]) for g in got] == [
        ("2024-01-01", "2024-03-31", 5.1), ("2024-01-01", "2024-12-31", 6.0), ("2024-04-01", "2024-06-30", 5.9),
        ("2024-07-01", "2024-09-30", 6.3), ("2024-10-01", "2024-12-31", 6.6)]
    assert {g[0] for g in got} == {"桐城市"}


def test_electricity_freight_and_containers_are_measures_in_their_base_units():
    text = ("全年全社会用电量215.4亿千瓦时，比上年增长5.5%，其中工业用电量150.2亿千瓦时，增长4.1%。"
            "全年港口货物吞吐量2.36亿吨，增长3.2%；集装箱吞吐量86.4万标箱，增长9.0%。")
    rows = rows_of(text, FEB_2025, "连云港市2024年统计公报")
    assert [(g[3], g[4], g[5], g[6]) for g in cells(rows, "electricity_consumption")] == [
        (215.4, "亿千瓦时", 2.154e10, 5.5)]
    assert [(g[5], g[6]) for g in cells(rows, "port_cargo_throughput")] == [(2.36e8, 3.2)]
    assert [(g[5], g[6]) for g in cells(rows, "port_container_throughput")] == [(8.64e5, 9.0)]


def test_visitors_received_are_counted_in_visits_and_a_part_is_not_the_whole():
    text = ("全年全市接待国内外游客3860.5万人次，比上年增长15.2%；实现旅游总收入402.6亿元，增长11.8%。"
            "其中，接待入境游客12.3万人次，增长120.5%。")
    rows = rows_of(text, FEB_2025, "桂林市2024年旅游经济")
    assert [(g[3], g[4], g[5], g[6]) for g in cells(rows, "tourist_visits")] == [(3860.5, "万人次", 3.8605e7, 15.2)]
    assert [(g[3], g[6]) for g in cells(rows, "tourism_revenue")] == [(402.6, 11.8)]


def test_a_population_and_its_absolute_increase():
    text = "年末全市常住人口532.8万人，比上年末增加3.6万人；常住人口城镇化率72.4%，比上年末提高0.9个百分点。"
    rows = rows_of(text, FEB_2025, "南昌市2024年人口")
    assert [(g[3], g[4], g[6]) for g in cells(rows, "resident_population")] == [(532.8, "万人", None)]
    assert all(r.yoy_pct is None for r in rows)


def test_a_published_list_gives_its_size_and_total_investment():
    text = "1月20日，省发展改革委公布2025年省重点建设项目名单，共列入项目960个，总投资1.9万亿元，年度计划投资6200亿元。"
    rows = rows_of(text, datetime(2025, 1, 21), "山西省2025年省级重点项目名单公布")
    assert [(g[0], g[3]) for g in cells(rows, "key_projects")] == [("山西省", 960.0)]
    assert [(g[3], g[4]) for g in cells(rows, "key_projects_investment")] == [(1.9, "万亿元")]


def test_a_signing_total_said_as_its_total_amount():
    text = "活动现场集中签约项目23个，签约总金额318.5亿元。"
    rows = rows_of(text, datetime(2024, 6, 3), "德阳经开区重大项目集中签约")
    assert [g[3] for g in cells(rows, "signed_projects")] == [23.0]
    assert [g[5] for g in cells(rows, "signed_projects_investment")] == [3.185e10]


def test_districts_listed_with_their_amounts_and_rates_each_get_their_own():
    text = ("前三季度，全市实现地区生产总值5210.6亿元，同比增长5.2%。分区县看，高新区、历下区、槐荫区地区生产总值"
            "分别为812.4亿元、756.1亿元、402.9亿元，分别增长6.8%、5.5%、4.9%。")
    rows = rows_of(text, OCT_2024, "济南市前三季度区县经济运行")
    got = {g[0]: (g[3], g[6]) for g in cells(rows, "gdp")}
    assert got == {"济南市": (5210.6, 5.2), "济南高新区": (812.4, 6.8), "济南市历下区": (756.1, 5.5),
                   "济南市槐荫区": (402.9, 4.9)}


def test_a_figure_named_as_the_topic_then_places_and_their_rates():
    text = "前三季度，规模以上工业增加值方面，历城区、章丘区分别增长10.4%和7.6%，增速分别居全市第1位、第3位。"
    rows = rows_of(text, OCT_2024, "济南市前三季度区县经济运行")
    got = [(g[0], g[6]) for g in cells(rows, "industrial_value_added")]
    assert got == [("济南市历城区", 10.4), ("济南市章丘区", 7.6)]


def test_month_on_month_change_is_never_a_year_on_year_rate():
    rows = rows_of("9月份，全市出口320.5亿元，同比增长8.2%，环比增长12.1%。", OCT_2024, "宁波市外贸")
    assert [(g[3], g[6]) for g in cells(rows, "exports")] == [(320.5, 8.2)]
    rows = rows_of("9月份，全市社会消费品零售总额85.3亿元，环比增长2.1%。", OCT_2024, "宁波市消费")
    assert [(g[3], g[6]) for g in cells(rows, "retail_sales")] == [(85.3, None)]


def test_a_rank_and_a_bare_new_zone_give_no_rate_and_no_place():
    rows = rows_of("前三季度，全市固定资产投资增长4.2%，增速居全省第3位。", OCT_2024, "临沂市经济运行")
    assert [(r.region, r.yoy_pct) for r in rows] == [("临沂市", 4.2)]
    assert [(g[0], g[1], g[2]) for g in cells(rows, "fixed_asset_investment")] == [
        ("临沂市", str(date(2024, 1, 1)), str(date(2024, 9, 30)))]


def test_a_list_of_quarters_with_their_rates_after_the_figure_or_after_a_breakdown_word():
    text = "前三季度，全市地区生产总值同比增长5.8%，一、二、三季度分别增长5.2%、5.9%和6.1%。"
    got = [(g[1], g[2], g[6]) for g in cells(rows_of(text, OCT_2024, "嘉兴市前三季度经济"), "gdp")]
    assert got == [("2024-01-01", "2024-03-31", 5.2), ("2024-01-01", "2024-09-30", 5.8),
                   ("2024-04-01", "2024-06-30", 5.9), ("2024-07-01", "2024-09-30", 6.1)]
    text = "全年全市规模以上工业增加值比上年增长7.1%。分季度看，第一、二、三、四季度分别增长6.2%、6.9%、7.4%和7.8%。"
    got = [(g[1], g[6]) for g in cells(rows_of(text, FEB_2025, "嘉兴市2024年经济"), "industrial_value_added")]
    assert got == [("2024-01-01", 6.2), ("2024-01-01", 7.1), ("2024-04-01", 6.9), ("2024-07-01", 7.4),
                   ("2024-10-01", 7.8)]
