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
