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
