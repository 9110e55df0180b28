"""Rules of project extraction, each on sentences written for the test."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.extract import ProjectRow, extract_projects


def by_name(rows: list[ProjectRow]) -> dict[str, ProjectRow]:
    return {r.name: r for r in rows}


def test_amount_list_shares_total_investment_word_and_status():
    text = ("总投资120亿元的比亚迪20GWh刀片电池基地、45亿元的中创新航年产10万套电池包、"
            "8亿元的年产3万辆电动物流车等项目加快建设。")
    rows = by_name(extract_projects(text, None, "临沂高新区项目建设"))
    assert set(rows) == {"比亚迪20GWh刀片电池基地", "中创新航年产10万套电池包", "年产3万辆电动物流车"}
    byd = rows["比亚迪20GWh刀片电池基地"]
    assert (byd.company, byd.investment_base, byd.capacity, byd.status, byd.region) == (
        "比亚迪", 1.2e10, "20GWh", "under_construction", "临沂高新区")
    assert rows["中创新航年产10万套电池包"].capacity == "年产10万套"
    assert rows["年产3万辆电动物流车"].company is None


def test_enumeration_closed_by_deng_and_its_status():
    text = "目前，天合光能组件工厂、隆基绿能单晶硅片二期等8个产业类项目建成投产，万华化学新材料产业园等项目开工建设。"
    rows = by_name(extract_projects(text, None, "烟台市"))
    assert rows["天合光能组件工厂"].status == "operating"
    assert rows["隆基绿能单晶硅片二期"].status == "operating"
    assert (rows["万华化学新材料产业园"].status, rows["万华化学新材料产业园"].company) == ("started", "万华化学")


def test_signed_list_after_the_signing_verb():
    text = "1-9月，累计新签约华鲁恒升精细化工、鲁西化工新材料等过亿元项目36个。"
    rows = by_name(extract_projects(text, None, "聊城市"))
    assert set(rows) == {"华鲁恒升精细化工", "鲁西化工新材料"}
    assert {r.status for r in rows.values()} == {"signed"}


def test_named_project_with_description_and_investment():
    text = "其中，青岛啤酒智能工厂项目位于平度市经济开发区，总投资30亿元，主要生产精酿啤酒。"
    row = by_name(extract_projects(text, None, "青岛市"))["青岛啤酒智能工厂"]
    assert (row.investment_base, row.company, row.region) == (3e9, "青岛啤酒", "平度经济开发区")


def test_company_named_before_the_building_verb():
    text = "山东蓝海碳材料科技有限公司投资建设年产5万吨碳纤维项目正在加紧施工。"
    row = extract_projects(text, None, "淄博市")[0]
    assert (row.name, row.company, row.capacity, row.status) == (
        "年产5万吨碳纤维", "山东蓝海碳材料科技有限公司", "年产5万吨", "under_construction")


def test_kinds_of_projects_are_no_names():
    text = "二、坚定不移抓项目，全区重点项目建设加快推进，94个省市区三级重点项目进展顺利，亿元以上项目占比提高。"
    assert extract_projects(text, None, "某区") == []


def test_same_project_in_two_sentences_is_one_row():
    text = "华鲁智能制造中心项目位于开发区。\n华鲁智能制造中心等项目已竣工投产。"
    rows = extract_projects(text, None, "德州市")
    assert [(r.name, r.status) for r in rows] == [("华鲁智能制造中心", "operating")]


def test_evidence_offsets():
    text = "前言。\n总投资6亿元的潍柴动力配套园等项目顺利开工。"
    row = extract_projects(text, None, "潍坊市")[0]
    assert text[row.char_start:row.char_end] == row.evidence


def test_name_stops_at_the_project_word_and_the_status_follows():
    text = "总投资30亿元的恒通新材年产5万吨锂电隔膜项目正式开工，总投资12亿元的智慧物流园项目主体已封顶。"
    rows = by_name(extract_projects(text, None, "德州高新区"))
    assert set(rows) == {"恒通新材年产5万吨锂电隔膜", "智慧物流园"}
    r = rows["恒通新材年产5万吨锂电隔膜"]
    assert (r.company, r.investment_base, r.capacity, r.status) == ("恒通新材", 3e9, "年产5万吨", "started")
    assert (rows["智慧物流园"].company, rows["智慧物流园"].status) == (None, "under_construction")


def test_maker_before_the_capacity_and_a_brand_with_its_trade_word():
    text = "总投资8亿元的华盛智能装备年产2万台数控机床项目签约，总投资5亿元的瑞祥精密汽车轻量化部件项目投产。"
    rows = by_name(extract_projects(text, None, "滨州市"))
    assert rows["华盛智能装备年产2万台数控机床"].company == "华盛智能装备"
    assert rows["瑞祥精密汽车轻量化部件"].company == "瑞祥精密"


def test_a_facility_and_how_far_it_has_got_is_a_project():
    rows = extract_projects("今年，东湖智能家电产业基地二期顺利封顶。", None, "滨州市")
    assert [(r.name, r.status) for r in rows] == [("东湖智能家电产业基地二期", "under_construction")]


def test_company_investing_in_a_project_and_a_project_built_by_a_company():
    rows = extract_projects("鑫泰新材料有限公司投资30亿元建设年产5万吨锂电隔膜项目。", None, "德州市")
    assert [(r.name, r.company, r.investment_base) for r in rows] == [
        ("年产5万吨锂电隔膜", "鑫泰新材料有限公司", 3e9)]
    rows = extract_projects("年产3万吨可降解塑料项目由金禾化工投资建设，总投资12亿元。", None, "德州市")
    assert [(r.name, r.company, r.investment_base) for r in rows] == [("年产3万吨可降解塑料", "金禾化工", 1.2e9)]


def test_investment_written_before_a_name_with_a_comma():
    rows = extract_projects("总投资10.5亿元、年产20万套新能源汽车电机项目落户开发区。", None, "德州市")
    assert [(r.name, r.investment_base, r.status) for r in rows] == [("年产20万套新能源汽车电机", 1.05e9, "signed")]


def test_building_projects_in_general_is_no_project():
    text = "项目建设是经济发展的生命线。全市召开重点项目建设推进会，切实以项目建设凸显动能。"
    assert extract_projects(text, None, "德州市") == []


def test_public_works_and_township_names_are_no_companies():
    text = "第一人民医院新院区二期、龙泉镇食品产业园等项目建成投用。"
    rows = by_name(extract_projects(text, None, "德州市"))
    assert {n: r.company for n, r in rows.items()} == {"第一人民医院新院区二期": None, "龙泉镇食品产业园": None}


def test_list_signed_at_an_event():
    rows = extract_projects("现场集中签约了海川储能电池、金石精密铸造等12个项目。", None, "德州市")
    assert [(r.name, r.status) for r in rows] == [("海川储能电池", "signed"), ("金石精密铸造", "signed")]


_PIECES = ["总投资", "100亿元的", "欣达", "30GWh", "动力电池", "年产", "5万吨", "项目", "等", "8个", "一批", "、", "，",
           "。", "新签约", "开工建设", "竣工投产", "位于", "章丘区", "有限公司", "建设", "“", "”", "（", "）", "的"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_any_mix_of_project_words_extracts_without_error(pieces):
    text = "".join(pieces)
    for r in extract_projects(text, None, None):
        assert text[r.char_start:r.char_end] == r.evidence
        assert r.name and r.name in r.evidence


# --- several projects in one sentence, lists, tables, names without 项目 ---------------------------


def test_amount_above_a_round_figure_and_in_renminbi():
    text = "总投资逾百亿元的华骏汽车超级工厂二期已于9月竣工，总投资20亿元人民币的宏达精密新厂已量产。"
    rows = by_name(extract_projects(text, None, "重庆市"))
    assert (rows["华骏汽车超级工厂二期"].investment_base, rows["华骏汽车超级工厂二期"].status) == (1e10, "completed")
    assert (rows["宏达精密新厂"].investment_base, rows["宏达精密新厂"].status) == (2e9, "operating")


def test_numbered_items_each_with_its_investment():
    text = ("主要项目有：\n一是山东恒科新材料有限公司年产5万吨负极材料项目，总投资32亿元；\n"
            "二是华润食品产业园一期，总投资18.6亿元；\n（3）鲁川重工智能装备基地：总投资12亿元，9月开工建设。")
    rows = by_name(extract_projects(text, None, "临沂市"))
    assert set(rows) == {"山东恒科新材料有限公司年产5万吨负极材料", "华润食品产业园一期", "鲁川重工智能装备基地"}
    assert rows["山东恒科新材料有限公司年产5万吨负极材料"].company == "山东恒科新材料有限公司"
    assert {n: r.investment_base for n, r in rows.items()} == {
        "山东恒科新材料有限公司年产5万吨负极材料": 3.2e9, "华润食品产业园一期": 1.86e9, "鲁川重工智能装备基地": 1.2e9}
    assert (rows["鲁川重工智能装备基地"].company, rows["鲁川重工智能装备基地"].status) == ("鲁川重工", "started")


def test_items_each_ending_in_project_share_the_stage():
    rows = extract_projects("恒泰电子项目、华宇物流园二期、鑫源食品项目集中开工。", None, "德州市")
    assert [(r.name, r.status) for r in rows] == [
        ("恒泰电子", "started"), ("华宇物流园二期", "started"), ("鑫源食品", "started")]


def test_list_closed_by_a_count_without_deng():
    rows = extract_projects("推介会上，本区签约美瑞智能装备、华腾汽车零部件、粤丰生物医药3个项目。", None, "佛山高新区")
    assert [(r.name, r.status) for r in rows] == [
        ("美瑞智能装备", "signed"), ("华腾汽车零部件", "signed"), ("粤丰生物医药", "signed")]


def test_a_list_item_ending_in_a_phase():
    rows = extract_projects("许昌恒祥新材料产业园、鹤壁仕达光子芯片二期已竣工投产。", None, "河南省")
    assert [(r.name, r.status) for r in rows] == [
        ("许昌恒祥新材料产业园", "operating"), ("鹤壁仕达光子芯片二期", "operating")]


def test_a_project_table():
    text = ("部分重大项目如下：\n| 序号 | 项目名称 | 建设单位 | 总投资（亿元） | 建设性质 |\n"
            "| --- | --- | --- | --- | --- |\n"
            "| 1 | 楚丰储能年产12GWh储能电池项目 | 湖北楚丰储能科技有限公司 | 86.0 | 新开工 |\n"
            "| 2 | 金穗包装产业园二期 | 汉川市金穗包装有限公司 | 32.5 | 续建 |\n")
    rows = extract_projects(text, None, "孝感市2024年重点项目")
    assert [(r.name, r.company, r.investment_base, r.status, r.region) for r in rows] == [
        ("楚丰储能年产12GWh储能电池", "湖北楚丰储能科技有限公司", 8.6e9, "started", "孝感市"),
        ("金穗包装产业园二期", "汉川市金穗包装有限公司", 3.25e9, "under_construction", "孝感市")]
    assert all(text[r.char_start:r.char_end] == r.evidence for r in rows)


def test_the_company_of_each_item_in_an_amount_list():
    text = ("总投资105亿元的合肥晶源新能源科技有限公司年产10GW电池组件项目、"
            "总投资52亿元的中科钠源钠离子电池正极材料项目"
            "现场签约。")
    rows = by_name(extract_projects(text, None, "肥东县"))
    assert rows["合肥晶源新能源科技有限公司年产10GW电池组件"].company == "合肥晶源新能源科技有限公司"
    assert rows["中科钠源钠离子电池正极材料"].company == "中科钠源"


def test_a_place_and_an_industry_is_no_company():
    text = "总投资380亿元的乌兰察布风电基地二期实现全容量并网，总投资36亿元的蓉翔航空维修基地二期竣工投用。"
    rows = by_name(extract_projects(text, None, "内蒙古"))
    assert rows["乌兰察布风电基地二期"].company is None
    assert rows["蓉翔航空维修基地二期"].company == "蓉翔"


def test_a_kind_of_project_at_an_event_is_no_name():
    text = "12月17日，临沂市沂水县2024年第四季度重点项目集中竣工投产活动举行。"
    assert extract_projects(text, None, "沂水县") == []


def test_a_short_back_reference_is_the_project_named_before():
    text = "总投资105亿元的晶源新能源年产10GW电池组件项目签约。据介绍，晶源新能源项目达产后年产值可达120亿元。"
    rows = extract_projects(text, None, "肥东县")
    assert [r.name for r in rows] == ["晶源新能源年产10GW电池组件"]


def test_a_stage_still_to_come_is_the_stage_before_it():
    rows = extract_projects("其中，华森新材料年产3万吨碳纤维项目投资20亿元，预计明年投产。", None, "德州市")
    assert [(r.name, r.investment_base, r.status) for r in rows] == [
        ("华森新材料年产3万吨碳纤维", 2e9, "under_construction")]
    # one project in a numbered line: its stage stands after a comma
    rows = extract_projects("1.总投资150亿元的越芯微电子功率器件项目，年内开工建设；", None, "绍兴市")
    assert [(r.name, r.investment_base, r.status) for r in rows] == [("越芯微电子功率器件", 1.5e10, "planned")]


def test_projects_named_before_the_building_they_push():
    rows = extract_projects("重点推进京华第8.6代显示面板生产线、华星光电t9项目建设。", None, "合肥市")
    assert [(r.name, r.company, r.status) for r in rows] == [
        ("京华第8.6代显示面板生产线", "京华", "under_construction"), ("华星光电t9", "华星光电", "under_construction")]


def test_a_count_of_projects_is_no_name():
    assert extract_projects("今年以来，全县共有17个项目开工建设。", None, "某县") == []


def test_the_builder_named_in_a_later_clause():
    rows = extract_projects("年产50万吨绿色甲醇项目正式开工，该项目由中天环能投资建设，总投资约110亿元。", None, "某市")
    assert [(r.name, r.company, r.investment_base, r.status) for r in rows] == [
        ("年产50万吨绿色甲醇", "中天环能", 1.1e10, "started")]


def test_a_place_word_beginning_with_zhen_is_no_township():
    rows = extract_projects("中石化镇海炼化扩建项目总投资约670亿元，目前已全面建成投产。", None, "宁波市")
    assert [(r.name, r.investment_base, r.status) for r in rows] == [("中石化镇海炼化扩建", 6.7e10, "operating")]
    assert rows[0].company is not None


# --- session 4: the kinds of failure samples/dev5 showed (sentences written for the test) -----------------


def test_a_numbered_heading_and_the_sentences_about_it():
    text = ("（一）汉光新能源年产15GWh钠离子电池项目。项目位于襄阳高新区，总投资72亿元，其中一期投资30亿元，"
            "由湖北汉光新能源科技有限公司投资建设。\n（二）隆中纺织智能制造产业园。项目总投资12亿元，"
            "建设年产2万吨高档面料生产线。")
    rows = by_name(extract_projects(text, None, "襄阳市重大项目集中开工"))
    assert set(rows) == {"汉光新能源年产15GWh钠离子电池", "隆中纺织智能制造产业园"}  # no 生产线 from the description
    first = rows["汉光新能源年产15GWh钠离子电池"]
    assert (first.investment_base, first.company, first.status) == (7.2e9, "湖北汉光新能源科技有限公司", "started")
    assert rows["隆中纺织智能制造产业园"].investment_base == 1.2e9


def test_this_project_in_the_next_sentence_gives_its_total_not_its_first_phase():
    text = ("在荆门高新区，楚能新材料年产10万吨磷酸铁锂项目一期已主体完工，正进行设备调试。"
            "该项目总投资36亿元，分两期建设，其中一期投资15亿元，达产后年产值50亿元。")
    rows = extract_projects(text, None, "荆门市")
    assert [(r.name, r.investment_base) for r in rows] == [("楚能新材料年产10万吨磷酸铁锂项目一期", 3.6e9)]


def test_fields_on_lines_of_their_own_are_one_project():
    text = ("项目名称：年产30万套汽车座椅项目\n投资方：安徽恒座汽车零部件有限公司\n总投资：12亿元\n"
            "建设内容：建设冲压、焊接生产线\n项目名称：物流产业园（一期）\n投资方：淮南通达物流有限公司\n总投资：8000万元")
    rows = extract_projects(text, None, "淮南市项目集中签约")
    assert [(r.name, r.company, r.investment_base, r.status) for r in rows] == [
        ("年产30万套汽车座椅", "安徽恒座汽车零部件有限公司", 1.2e9, "signed"),
        ("物流产业园（一期）", "淮南通达物流有限公司", 8e7, "signed")]
    assert rows[0].evidence == text[rows[0].char_start:rows[0].char_end]


def test_amounts_in_other_currencies_are_no_investment_in_yuan():
    text = ("港资企业盛达集团投资的盛达（肇庆）数据中心项目，总投资3.5亿美元；"
            "澳门永嘉物流有限公司投资12亿港元，在高要区建设永嘉国际冷链枢纽。")
    rows = by_name(extract_projects(text, None, "肇庆市"))
    assert (rows["盛达（肇庆）数据中心"].company, rows["盛达（肇庆）数据中心"].investment_base) == ("盛达集团", None)
    assert rows["永嘉国际冷链枢纽"].investment_base is None


def test_agreed_investment_and_an_investor_building_a_line():
    text = "博罗县引进的禾丰年产3万吨植物蛋白项目，协议投资4.2亿元；瑞晶光电将投资6000万元建设Micro LED显示模组生产线。"
    rows = by_name(extract_projects(text, None, "惠州市"))
    assert rows["禾丰年产3万吨植物蛋白"].investment_base == 4.2e8
    line = rows["Micro LED显示模组生产线"]
    assert (line.company, line.investment_base) == ("瑞晶光电", 6e7)


def test_a_list_after_baokuo_closed_by_the_clause_and_each_items_place():
    text = ("其中，潍坊市入选项目包括渤海智算中心项目、滨海大道二期工程；"
            "日照市入选项目包括岚山港30万吨级矿石码头三期工程、日钢冷轧产业园项目。")
    rows = by_name(extract_projects(text, None, "山东省重点项目名单"))
    assert set(rows) == {"渤海智算中心", "滨海大道二期工程", "岚山港30万吨级矿石码头三期工程", "日钢冷轧产业园"}
    assert (rows["渤海智算中心"].region, rows["日钢冷轧产业园"].region) == ("潍坊市", "日照市")
    assert extract_projects("项目涵盖新能源汽车、电子信息、新材料等领域。", None, "某市") == []


def test_a_quoted_name_and_a_works_name_with_their_amounts():
    text = "台资企业佳硕光电投资的「佳硕光电智造园」总投资18亿元人民币，预计2026年投产。"
    rows = by_name(extract_projects(text, None, "昆山市"))
    assert (rows["佳硕光电智造园"].company, rows["佳硕光电智造园"].investment_base) == ("佳硕光电", 1.8e9)
    rows = extract_projects("（四）南康区城市更新“两江四岸”滨水提升工程，总投资26亿元。", None, "赣州市")
    assert [(r.name, r.investment_base, r.company) for r in rows] == [
        ("南康区城市更新“两江四岸”滨水提升工程", 2.6e9, None)]


def test_a_district_heading_a_name_or_an_industry_is_no_company():
    rows = by_name(extract_projects("投资35亿元的江宁高新区精锐智造机器人减速器项目开工建设；"
                                    "于都县纺织服装智能制造产业园项目总投资15亿元。", None, "某市"))
    assert rows["江宁高新区精锐智造机器人减速器"].company == "精锐智造"
    assert rows["于都县纺织服装智能制造产业园"].company is None


def test_a_company_whose_name_holds_a_conjunction():
    rows = extract_projects("香港信和能源有限公司将投资68亿元人民币兴建年产120万吨绿色甲醇项目。", None, "钦州市")
    assert [(r.name, r.company, r.investment_base) for r in rows] == [
        ("年产120万吨绿色甲醇", "香港信和能源有限公司", 6.8e9)]


def test_an_event_and_its_parts_are_no_projects():
    text = "11月5日，福清市江阴港城经济区举行外资项目签约仪式。目前1号生产线已建成投产，一期5GWh生产线将于年内投产。"
    assert extract_projects(text, None, "福清市") == []


# --- report styles (session 4, dev6): government work reports, bulletins, press conferences, HK/TW ---


def test_public_works_a_building_verb_names_in_a_report():
    text = ("开工建设抚州至吉安高速公路扩容工程、南昌至赣州城际铁路。"
            "加快峡江抽水蓄能电站、赣江航运枢纽建设。建成投用临川物流园、抚河会展中心，开工建设城市轨道交通2号线。")
    rows = by_name(extract_projects(text, None, "抚州市政府工作报告"))
    assert {"抚州至吉安高速公路扩容工程", "南昌至赣州城际铁路", "峡江抽水蓄能电站", "赣江航运枢纽", "临川物流园",
            "抚河会展中心", "城市轨道交通2号线"} <= set(rows)
    assert rows["南昌至赣州城际铁路"].status == "started"
    assert rows["临川物流园"].status == "operating"
    # a route between two places, a line or a dam is built by a government, not a maker named after it
    assert {rows[n].company for n in ("抚州至吉安高速公路扩容工程", "南昌至赣州城际铁路", "赣江航运枢纽")} == {None}


def test_a_section_of_a_line_and_its_investment_progress_is_a_project():
    rows = extract_projects("贵阳至南宁铁路黔南段完成投资18.4亿元；", None, "黔南州统计公报")
    assert [r.name for r in rows] == ["贵阳至南宁铁路黔南段"]


def test_a_project_as_the_subject_of_a_report_predicate():
    text = ("钱塘芯谷算力中心项目传来好消息，二期机房主体封顶。湖畔智谷产业园项目新签约入驻企业7家。"
            "白鹭湾科创城项目完成投资12亿元。金沙湾国际会展中心二期日前通过竣工验收。"
            "滨江国际医学中心预计年内投入运营。")
    rows = by_name(extract_projects(text, None, "杭州：重点项目捷报频传"))
    assert {"钱塘芯谷算力中心", "湖畔智谷产业园", "白鹭湾科创城", "金沙湾国际会展中心二期",
            "滨江国际医学中心"} <= set(rows)
    assert rows["湖畔智谷产业园"].status is None  # firms signing to move in are the park's tenants, not its stage
    assert rows["金沙湾国际会展中心二期"].status == "completed"
    assert rows["滨江国际医学中心"].status == "under_construction"


def test_the_second_item_after_an_amount_list_and_a_bare_phase_item():
    text = ("其中，总投资32亿元的丰禾纺织智能制造产业园项目、城南智慧物流港项目同步开工。"
            "建成恒昌光伏年产8GW电池片等重大项目，恒昌光伏二期、青山湖数字经济产业园项目加快建设，确保明珠电子二期年内建成投产。")
    rows = by_name(extract_projects(text, None, "某区"))
    assert (rows["丰禾纺织智能制造产业园"].investment_base, rows["城南智慧物流港"].investment_base) == (3.2e9, None)
    assert rows["城南智慧物流港"].status == "started"
    assert {"恒昌光伏二期", "青山湖数字经济产业园", "明珠电子二期"} <= set(rows)
    assert all("、" not in name for name in rows)


def test_the_investor_said_where_it_invests_or_in_an_investor_field():
    text = ("远景动力在滁州经开区投资80亿元人民币建设的年产20万辆新能源整车项目正式开工。"
            "此外，台商和泰精密在滁州高新区投资2亿美元的汽车轮胎扩建项目也已签约。"
            "城东重卡零部件产业园项目投资方安徽汉威重工有限公司负责人表示，项目计划年底试生产。")
    rows = by_name(extract_projects(text, None, "滁州市"))
    assert (rows["年产20万辆新能源整车"].company, rows["年产20万辆新能源整车"].investment_base) == ("远景动力", 8e9)
    assert (rows["汽车轮胎扩建"].company, rows["汽车轮胎扩建"].investment_base) == ("和泰精密", None)
    assert rows["城东重卡零部件产业园"].company == "安徽汉威重工有限公司"


def test_a_company_investing_in_the_clause_before_and_hk_ownership_words():
    text = ("其中，澳门永利集团将投资30亿港元，在横琴建设永利国际会展中心；"
            "由澳资企业德信控股投资的琴澳康养产业园项目总投资约25亿元人民币，计划明年动工。")
    rows = by_name(extract_projects(text, None, "横琴"))
    assert rows["永利国际会展中心"].company == "澳门永利集团"
    assert (rows["琴澳康养产业园"].company, rows["琴澳康养产业园"].investment_base) == ("德信控股", 2.5e9)
    assert rows["琴澳康养产业园"].status == "planned"


def test_a_stage_said_not_reached_and_some_projects_are_no_name():
    text = "部分项目受用地指标制约，开工时间推迟。如城西国际商贸城项目因土地手续未完成，尚未开工。"
    rows = extract_projects(text, None, "某市")
    assert [(r.name, r.status) for r in rows] == [("城西国际商贸城", "planned")]


def test_acronyms_end_a_brand_and_are_no_company():
    text = ("科创达MEMS传感器产业园项目新签约入驻企业5家。高新区AI算力中心项目一期已投入运营。"
            "华锐微电子EDA研发中心项目将聚焦芯片设计工具开发。")
    rows = by_name(extract_projects(text, None, "某高新区"))
    assert rows["科创达MEMS传感器产业园"].company == "科创达"
    assert rows["高新区AI算力中心项目一期"].company is None
    assert rows["华锐微电子EDA研发中心"].company == "华锐微电子"


def test_a_brand_holding_a_function_character_and_taiwan_project_words():
    text = ("东莞松山湖的华为终端总部二期项目进展顺利。鸿海郑州新事业总部投资案已于日前动工，总投资额约10亿元人民币。"
            "台企宏碁在重庆投资的智能终端产业园二期昨天正式启用。")
    rows = by_name(extract_projects(text, None, "台商动向"))
    assert "华为终端总部二期" in rows
    assert (rows["鸿海郑州新事业总部"].investment_base, rows["鸿海郑州新事业总部"].status) == (1e9, "started")
    assert (rows["智能终端产业园二期"].company, rows["智能终端产业园二期"].status) == ("宏碁", "operating")


def test_a_list_after_a_colon_or_closed_by_deng_after_xiangmu():
    text = ("其中，百亿元以上项目有：万华化学福建基地、中化泉州石化基地。"
            "有12个项目已进入设备调试阶段，包括天合光能组件项目、比亚迪电池项目等。")
    rows = by_name(extract_projects(text, None, "某省"))
    assert {"万华化学福建基地", "中化泉州石化基地", "天合光能组件", "比亚迪电池"} <= set(rows)


def test_a_capacity_a_project_builds_and_a_goal_are_no_projects():
    rows = extract_projects("二是沂河食品产业园一期，总投资8.6亿元，建成年产5万吨预制菜生产线；", None, "某县")
    assert [r.name for r in rows] == ["沂河食品产业园一期"]
    assert extract_projects("加快建设国家区域科技创新中心。开工建设一批重点工程。", None, "某市") == []
    assert extract_projects("以创新举措实现服务企业“零距离”、项目入驻“零障碍”。", None, "某区") == []


def test_hong_kong_and_taiwan_words_for_projects_developers_and_stages():
    text = ("由新港置业发展的前海国际金融中心项目已于上月落成。港企恒信兆业投资逾百亿元人民币的湾区超级总部基地项目，"
            "预计2027年竣工。宏达电南京厂二期上梁，预计年底试产。总投资50亿元（人民币，下同）的港深科技园分园项目首期已落成启用。")
    rows = by_name(extract_projects(text, None, "大湾区"))
    assert (rows["前海国际金融中心"].company, rows["前海国际金融中心"].status) == ("新港置业", "completed")
    assert (rows["湾区超级总部基地"].company, rows["湾区超级总部基地"].investment_base) == ("恒信兆业", 1e10)
    assert (rows["宏达电南京厂二期"].company, rows["宏达电南京厂二期"].status) == ("宏达电", "under_construction")
    assert rows["港深科技园分园项目首期"].investment_base == 5e9


def test_lists_a_lead_says_are_projects_and_a_count_of_big_projects():
    text = ("全年建成投产的重点项目有：华锐钴业年产5万吨三元前驱体、天鸿集团年产10GWh锂电池。"
            "据园区介绍，AI产业园、IC设计中心、OLED显示模组基地三大项目今年均已投产。")
    rows = by_name(extract_projects(text, None, "某市"))
    assert {"华锐钴业年产5万吨三元前驱体", "天鸿集团年产10GWh锂电池", "AI产业园", "IC设计中心",
            "OLED显示模组基地"} <= set(rows)
    assert rows["OLED显示模组基地"].status == "operating"
    assert extract_projects("重点项目包括新能源汽车、电子信息、生物医药等领域。", None, "某市") == []


def test_model_codes_latin_words_and_a_maker_before_de():
    text = ("京东方B19第8.6代AMOLED生产线项目主厂房封顶。总投资20亿元的Micro LED巨量转移设备项目落户园区。"
            "园区内的SMIC 28nm IC产线项目已投产。园区内，芯远微电子的OLED蒸镀设备项目已完成设备调试。")
    rows = by_name(extract_projects(text, None, "某园区"))
    assert rows["京东方B19第8.6代AMOLED生产线"].company == "京东方"
    assert rows["Micro LED巨量转移设备"].company is None
    assert rows["SMIC 28nm IC产线"].company == "SMIC"
    assert rows["OLED蒸镀设备"].company == "芯远微电子"


def test_a_phase_with_its_works_and_the_status_said_by_spending():
    text = ("据了解，天山北坡能源基地一期工程已实现并网发电。平陆运河项目累计完成投资超过300亿元。"
            "和记港口投资的盐田港东区集装箱码头工程已完成70%。")
    rows = by_name(extract_projects(text, None, "某地"))
    assert rows["天山北坡能源基地一期工程"].status == "operating"
    assert rows["平陆运河"].status == "under_construction"
    assert (rows["盐田港东区集装箱码头工程"].company, rows["盐田港东区集装箱码头工程"].status) == (
        "和记港口", "under_construction")
    assert extract_projects("该项目首期已于去年落成，第二期预计明年完工。", None, "某地") == []


def test_makers_products_after_a_stage_verb_but_not_plans_after_tuijin():
    text = "建成投产晶源能源年产10GW电池片、天恒光能年产5GW组件，开工建设中锐新材料年产20万吨前驱体、金鼎科技改性塑料。"
    rows = by_name(extract_projects(text, None, "某市"))
    assert {n: r.status for n, r in rows.items()} == {
        "晶源能源年产10GW电池片": "operating", "天恒光能年产5GW组件": "operating",
        "中锐新材料年产20万吨前驱体": "started", "金鼎科技改性塑料": "started"}
    for plan in ("建成数字政府、智慧城市、城市大脑。", "推进新一代核电装备电缆、轨道交通用超低温尼龙等产业化发展。",
                 "竣工投产亿达锂能储能电池、欣盛达动力电池二期。"):
        assert all("、" not in r.name for r in extract_projects(plan, None, "某市")), plan


def test_joint_builders_an_amount_after_a_signing_verb_and_one_item_after_baokuo():
    text = ("由宁远时代与一鸣集团合资建设的时代一鸣动力电池项目一期投产。现场签约了50亿元的海辰储能电池项目。"
            "比远迪投资50亿元在合肥建设的新能源汽车零部件产业园一期投产。当天共有28个项目集中开工，其中包括江源新能源汽车三期项目。"
            "签约仪式上，包括投资20亿元的瑞丰新材料项目。")
    rows = by_name(extract_projects(text, None, "某市"))
    assert rows["时代一鸣动力电池项目一期"].company == "宁远时代与一鸣集团"
    assert rows["海辰储能电池"].investment_base == 5e9
    assert (rows["新能源汽车零部件产业园一期"].company, rows["新能源汽车零部件产业园一期"].investment_base) == (
        "比远迪", 5e9)
    assert "江源新能源汽车三期" in rows
    assert rows["瑞丰新材料"].company != "包括"


def test_renminbi_before_the_amount_hk_phases_and_corner_quotes():
    text = ("海辰国际总部项目总投资额达人民币30亿元。该公司的年产10万吨正极材料项目，总投资人民币15亿元，已于近日开工。"
            "九龙湾商业发展项目第一期已落成。『星河湾』项目正式开工。")
    rows = by_name(extract_projects(text, None, "某市"))
    assert (rows["海辰国际总部"].investment_base, rows["年产10万吨正极材料"].investment_base) == (3e9, 1.5e9)
    assert (rows["九龙湾商业发展"].status, rows["星河湾"].status) == ("completed", "started")
