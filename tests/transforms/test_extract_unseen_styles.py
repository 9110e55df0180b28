"""Extraction rules for the reporting styles of ``samples/dev4`` (statistical bulletins,
monthly releases, county news, industry pieces, signing lists, Taiwan and Hong Kong copy);
every sentence is written for the test."""

from __future__ import annotations

from datetime import date, datetime

from transforms.extract import IndicatorRow, ProjectRow, extract_indicators, extract_projects

AUG_2024 = datetime(2024, 8, 20, 8, 0)
NOV_2024 = datetime(2024, 11, 21, 9, 0)


def rows_of(text: str, published: datetime | None = AUG_2024, title: str | None = None,
            source: str | None = None) -> list[IndicatorRow]:
    return extract_indicators(text, published, title, source)


def only(rows: list[IndicatorRow], code: str) -> IndicatorRow:
    found = [r for r in rows if r.indicator == code]
    assert len(found) == 1, rows
    return found[0]


def months(r: IndicatorRow) -> tuple[date | None, date | None]:
    return r.period_start, r.period_end


# --- per-industry figures ----------------------------------------------------------------


def test_each_industry_is_named_in_its_row():
    text = ("上半年，常州市经济稳中有进。\n分行业看，全市新能源汽车产业实现营业收入1520亿元，同比增长14.2%；"
            "智能电网产业营收860亿元，增长6.8%；集成电路（IC）产业营收210亿元，下降2.4%。")
    rows = [r for r in rows_of(text, title="常州产业发展") if r.indicator == "industry_revenue"]
    assert [(r.industry, r.value, r.yoy_pct) for r in rows] == [
        ("新能源汽车产业", 1520.0, 14.2), ("智能电网产业", 860.0, 6.8), ("集成电路（IC）产业", 210.0, -2.4)]
    assert all(months(r) == (date(2024, 1, 1), date(2024, 6, 30)) for r in rows)
    assert all(r.region == "常州市" for r in rows)


def test_other_figures_name_no_industry():
    r = only(rows_of("上半年，常州市地区生产总值5100亿元，同比增长6.1%。"), "gdp")
    assert r.industry is None


def test_a_city_before_an_industry_is_its_place_and_a_period_may_stand_inside():
    text = "四川省经济平稳。值得一提的是，绵阳电子信息产业前三季度营业收入达2100亿元，增长9.5%。"
    r = only(rows_of(text, NOV_2024, "四川经济"), "industry_revenue")
    assert (r.region, r.industry, r.value, r.yoy_pct) == ("绵阳市", "电子信息产业", 2100.0, 9.5)
    assert months(r) == (date(2024, 1, 1), date(2024, 9, 30))


def test_an_industry_output_rate_names_its_industry():
    text = "前三季度，宜宾市规上工业增加值增长10.2%。其中，光伏产业产值增长28.4%，白酒产业增加值增长7.1%。"
    r = only(rows_of(text, NOV_2024), "industry_output")
    assert (r.industry, r.yoy_pct) == ("光伏产业", 28.4)
    assert only(rows_of(text, NOV_2024), "industrial_value_added").yoy_pct == 10.2


def test_places_listed_before_their_industry_take_a_rate_each():
    text = ("上半年，泰州市生物医药产业集群实现营业收入980亿元，同比增长8.8%。"
            "其中，靖江市、兴化市的生物医药产业营收分别增长9.6%和7.4%。")
    rows = [r for r in rows_of(text, title="泰州产业") if r.indicator == "industry_revenue"]
    assert {(r.region, r.industry, r.yoy_pct) for r in rows} == {
        ("泰州市", "生物医药产业集群", 8.8), ("靖江市", "生物医药产业", 9.6), ("兴化市", "生物医药产业", 7.4)}


def test_the_software_industry_statistic():
    text = "1—6月，南京市软件和信息技术服务业完成软件业务收入3200亿元，增长9.1%。"
    r = only(rows_of(text), "industry_revenue")
    assert (r.industry, r.value, r.yoy_pct) == ("软件和信息技术服务业", 3200.0, 9.1)


def test_an_addition_after_ci_wai_is_no_part_of_the_figure_before():
    text = "上半年，苏州市生物医药产业营收1100亿元，增长7%。此外，纳米新材料产业营收620亿元，增长11%。"
    rows = [r for r in rows_of(text) if r.indicator == "industry_revenue"]
    assert [r.industry for r in rows] == ["生物医药产业", "纳米新材料产业"]


# --- periods and forecasts ---------------------------------------------------------------


def test_a_forecast_clause_keeps_its_year_to_itself():
    text = ("上半年，无锡市工业稳定增长。\n物联网产业营收1980亿元，同比增长9%，全年有望突破4000亿元；"
            "集成电路产业营收1050亿元，同比增长11%。")
    rows = [r for r in rows_of(text) if r.indicator == "industry_revenue"]
    got = {(r.industry, r.value, months(r)[1], r.qualifier) for r in rows}
    assert got == {("物联网产业", 1980.0, date(2024, 6, 30), None),
                   ("物联网产业", 4000.0, date(2024, 12, 31), "estimate"),
                   ("集成电路产业", 1050.0, date(2024, 6, 30), None)}


def test_an_annual_budget_is_no_period():
    text = ("1—10月份，全市一般公共预算收入120.5亿元，同比增长5.2%，完成年度预算的84.1%。"
            "一般公共预算支出310.6亿元，增长3.9%。")
    r = only(rows_of(text, NOV_2024, "保定市财政收支情况"), "public_budget_expenditure")
    assert months(r) == (date(2024, 1, 1), date(2024, 10, 31))


def test_month_on_month_is_no_year_on_year_rate():
    text = "10月份，保定市规模以上工业增加值同比增长6.5%，环比增长0.71%。"
    r = only(rows_of(text, NOV_2024), "industrial_value_added")
    assert (r.yoy_pct, months(r)) == (6.5, (date(2024, 10, 1), date(2024, 10, 31)))


def test_hong_kong_says_xia_die_for_a_fall():
    r = only(rows_of("首三季，佛山市固定资产投资按年下跌4.2%。", NOV_2024), "fixed_asset_investment")
    assert r.yoy_pct == -4.2


def test_a_growth_target_is_the_economys_gdp_target():
    text = "四川省前三季度经济平稳。四川官方提出的全年经济增长目标为6%左右，数字经济增长目标为15%。"
    r = only(rows_of(text, NOV_2024, "四川经济"), "gdp")
    assert (r.yoy_pct, r.qualifier, months(r)) == (6.0, "target", (date(2024, 1, 1), date(2024, 12, 31)))


# --- counts and projects counted ---------------------------------------------------------


def test_new_ones_said_after_a_stock_are_the_periods_additions():
    text = "截至9月底，全县“四上”企业达到198家，今年新增27家。"
    rows = rows_of(text, NOV_2024, "滑县经济")
    assert only(rows, "four_above_enterprises").value == 198
    assert only(rows, "new_four_above_enterprises").value == 27


def test_a_count_rising_to_a_level_is_that_years_stock():
    text = "规上工业企业从2019年的3120家增加到2023年的3987家。"
    rows = [r for r in rows_of(text, AUG_2024, "江门市") if r.indicator == "above_scale_enterprises"]
    assert sorted((r.period_end.year, r.value) for r in rows) == [(2019, 3120.0), (2023, 3987.0)]


def test_a_city_list_named_beside_a_province_list_is_no_county_total():
    text = "今年以来，全县共实施重点项目88个，总投资215亿元，其中省重点项目6个、市重点项目19个。"
    rows = [r for r in rows_of(text, NOV_2024, "滑县项目建设") if r.indicator == "key_projects"]
    assert [r.value for r in rows] == [88.0]


def test_amount_and_rate_of_one_figure_named_twice_are_one_row():
    text = ("全市地区生产总值从2019年的2100亿元增长到2023年的2650亿元，年均增长6%；"
            "2023年地区生产总值比上年增长4.6%。")
    rows = [r for r in rows_of(text, AUG_2024, "江门市") if r.indicator == "gdp" and r.period_end.year == 2023]
    assert [(r.value, r.yoy_pct) for r in rows] == [(2650.0, 4.6)]


def test_a_release_naming_its_city_only_in_its_source():
    text = "1—10月份，全市规模以上工业增加值同比增长6.9%。"
    r = only(rows_of(text, NOV_2024, "1—10月份全市经济运行情况", "保定市统计局"), "industrial_value_added")
    assert r.region == "保定市"
    assert rows_of(text, NOV_2024, "1—10月份全市经济运行情况") == []  # no place, no row


# --- projects ---------------------------------------------------------------------------


def by_name(rows: list[ProjectRow]) -> dict[str, ProjectRow]:
    return {r.name: r for r in rows}


def test_what_locates_or_funds_a_project_is_not_its_name():
    text = ("位于县经济开发区的华康药业年产5000吨原料药项目总投资9亿元，目前主体已完工；"
            "另外，由鹏程集团投资的鹏程智能家居产业园二期也已开工。")
    rows = by_name(extract_projects(text, None, "曹县项目建设"))
    assert rows["华康药业年产5000吨原料药"].investment_base == 9e8
    assert rows["鹏程智能家居产业园二期"].company == "鹏程集团"


def test_a_bullet_and_a_location_before_a_facility():
    text = "◆ 位于淮安高新区的锂电新材料产业园二期，总投资18亿元，目前正在安装设备。"
    rows = by_name(extract_projects(text, None, "淮安市项目"))
    assert rows["锂电新材料产业园二期"].investment_base == 1.8e9


def test_investments_given_respectively_after_a_list():
    text = ("其中，瑞丰电机年产100万台驱动电机项目、金川新材年产3万吨碳纤维项目、"
            "远景智能仓储物流园项目总投资分别为15亿元、9.5亿元和6亿元。")
    rows = by_name(extract_projects(text, None, "长兴县签约"))
    assert [rows[n].investment_base for n in ("瑞丰电机年产100万台驱动电机", "金川新材年产3万吨碳纤维",
                                             "远景智能仓储物流园")] == [1.5e9, 9.5e8, 6e8]


def test_a_project_priced_in_hong_kong_dollars_keeps_its_name_and_company():
    text = "區內由港資背景的恒運控股投資60億港元的前海國際貿易中心項目已於8月封頂。"
    from transforms.script import to_simplified

    rows = extract_projects(to_simplified(text), None, "深圳前海")
    assert [(r.name, r.company, r.investment_base) for r in rows] == [("前海国际贸易中心", "恒运控股", None)]


def test_a_builder_introduced_for_the_next_project_is_not_this_ones():
    text = ("宏达电子（东莞）有限公司今年启动总投资8亿元的电源模组研发基地；"
            "另外，由正丰集团投资的正丰精密连接器产业园也已动工。")
    rows = by_name(extract_projects(text, None, "东莞台商"))
    assert rows["电源模组研发基地"].company == "宏达电子（东莞）有限公司"


# --- Taiwan and Hong Kong wording ---------------------------------------------------------


def test_a_quarter_without_du_and_a_later_period_of_the_same_figure():
    rows = rows_of("香港第三季本地生产总值按年实质增长1.8%，首三季整体增长2.6%。", NOV_2024, "香港经济")
    assert sorted((months(r)[0].month, r.yoy_pct) for r in rows if r.indicator == "gdp") == [(1, 2.6), (7, 1.8)]


def test_places_after_qi_zhong_break_a_figure_down():
    text = "广东省前三季GDP为10兆3,000亿元人民币，年增3.4%；其中深圳年增5.7%，广州年增2.0%。"
    rows = [r for r in rows_of(text, NOV_2024, "广东经济") if r.indicator == "gdp"]
    assert {(r.region, r.yoy_pct) for r in rows} == {("广东省", 3.4), ("深圳市", 5.7), ("广州市", 2.0)}


def test_the_mainland_is_the_country_not_the_articles_city():
    text = "苏州前3季GDP年增5.2%。大陆国家统计局公布，前3季大陆GDP年增4.8%。"
    rows = [r for r in rows_of(text, NOV_2024, "苏州台商") if r.indicator == "gdp"]
    assert {(r.region, r.yoy_pct) for r in rows} == {("苏州市", 5.2), ("全国", 4.8)}


def test_foreign_investment_said_the_other_way_round():
    r = only(rows_of("苏州今年前3季外资实际使用金额年减12.3%。", NOV_2024, "苏州台商"), "foreign_investment")
    assert r.yoy_pct == -12.3


# --- more project shapes ------------------------------------------------------------------


def test_projects_named_at_their_site_and_by_their_builder():
    cases = {
        "记者在位于经开区的德尔福年产300万套汽车线束项目现场看到，厂房主体已经完工。":
            ("德尔福年产300万套汽车线束", None),
        "走进天宜新材料公司年产2万吨碳纤维项目施工现场，塔吊林立。": ("天宜新材料公司年产2万吨碳纤维", None),
        "华锐科技投资建设的年产20万吨再生铝项目日前正式投产，项目总投资12亿元。": ("年产20万吨再生铝", 1.2e9),
        "年产20万吨再生铝项目预计总投资12亿元，由华锐科技投资建设。": ("年产20万吨再生铝", 1.2e9),
        "总投资30亿元、年产5万吨锂电池隔膜的星源材料项目于今年3月开工。": ("星源材料", 3e9),
        "眼下，总投资达52亿元的中伟新能源前驱体材料基地正在进行设备调试。": ("中伟新能源前驱体材料基地", 5.2e9),
    }
    for text, (name, investment) in cases.items():
        rows = by_name(extract_projects(text, None, "某县项目建设"))
        assert name in rows, (text, rows)
        assert rows[name].investment_base == investment, text
    rows = by_name(extract_projects("华锐科技投资建设的年产20万吨再生铝项目日前正式投产。", None, "某县"))
    assert rows["年产20万吨再生铝"].company == "华锐科技"


def test_numbered_items_with_their_builder_then_investment():
    text = "一是年产10万吨PBAT可降解材料项目，由金发科技投资，总投资20亿元；二是光大环保垃圾焚烧发电项目，总投资8亿元。"
    rows = by_name(extract_projects(text, None, "某县"))
    first = rows["年产10万吨PBAT可降解材料"]
    assert (first.company, first.investment_base) == ("金发科技", 2e9)
    assert rows["光大环保垃圾焚烧发电"].investment_base == 8e8


def test_a_project_described_field_by_field():
    text = "项目名称：年产5万台工业机器人项目，建设单位：埃斯顿自动化，总投资：18亿元。"
    rows = by_name(extract_projects(text, None, "南京"))
    row = rows["年产5万台工业机器人"]
    assert (row.company, row.investment_base) == ("埃斯顿自动化", 1.8e9)


def test_an_amount_of_the_next_project_is_not_the_lists():
    text = ("甲新材料年产5万吨面料项目、乙智能家居产业园等一批重大项目建成投产，"
            "总投资26亿元的丙光学年产1200万副镜片项目顺利开工。")
    rows = by_name(extract_projects(text, None, "海宁"))
    assert rows["乙智能家居产业园"].investment_base is None
    assert rows["丙光学年产1200万副镜片"].investment_base == 2.6e9


def test_a_short_mention_before_the_full_name_is_the_same_project():
    text = ("走进位于尖山新区的钱江微电子项目现场，工人们正在吊装钢结构。"
            "总投资62亿元的钱江微电子年产36万片12英寸晶圆项目今年3月正式签约。")
    rows = extract_projects(text, None, "海宁")
    assert [r.name for r in rows] == ["钱江微电子年产36万片12英寸晶圆"]


def test_lists_closed_by_deng_alone_by_he_and_by_wei_dai_biao():
    cases = {
        "此次集中开工项目共15个，主要包括华峰新材料产业园、中科光电显示模组基地、瑞康医药物流中心等。":
            ["华峰新材料产业园", "中科光电显示模组基地", "瑞康医药物流中心"],
        "中晶半导体项目和天成新能源储能电站项目已开工建设。": ["中晶半导体", "天成新能源储能电站"],
        "以远东电缆智慧工厂、中车新能源装备基地为代表的一批重大项目加快建设。":
            ["远东电缆智慧工厂", "中车新能源装备基地"],
    }
    for text, names in cases.items():
        assert [r.name for r in extract_projects(text, None, "某县项目建设")] == names, text


def test_an_amount_invested_before_the_name_and_progress_said_after_it():
    rows = by_name(extract_projects("该公司投资5亿元建设的年产3万吨电子级硫酸项目已进入试生产阶段。", None, "某县"))
    assert rows["年产3万吨电子级硫酸"].investment_base == 5e8
    rows = by_name(extract_projects("截至目前，中石化新材料项目累计完成投资12.5亿元，占总投资的62%。", None, "某县"))
    assert rows["中石化新材料"].investment_base is None  # what was spent so far is no total investment
