"""Project shapes of samples/dev9 (session 6), each rule on sentences written for the test."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest

from transforms.extract import ProjectRow, extract_projects

DEV9 = Path(__file__).resolve().parents[2] / "samples" / "dev9"


def by_name(rows: list[ProjectRow]) -> dict[str, ProjectRow]:
    return {r.name: r for r in rows}


# --- names ---------------------------------------------------------------------------------


def test_a_product_named_project_and_a_part_of_it_after_de():
    text = ("走进园区，年产8万吨硅碳负极材料项目的主体厂房已经封顶。"
            "该项目由江西赣硅新材料有限公司投资建设，总投资18亿元。")
    row = by_name(extract_projects(text, None, "宜春市"))["年产8万吨硅碳负极材料"]
    assert (row.company, row.investment_base) == ("江西赣硅新材料有限公司", 1.8e9)


def test_a_school_works_whose_name_ends_in_a_building_verb_and_its_amount_in_wan_yuan():
    row = by_name(extract_projects("城北第二小学新建工程总投资6200万元，计划秋季开学前投用。", None, "宿迁市"))
    assert row["城北第二小学新建工程"].investment_base == 6.2e7


@pytest.mark.parametrize("text, name, amount", [
    ("市妇幼保健院新院区项目位于滨湖新城，概算投资9.6亿元，设床位600张。", "市妇幼保健院新院区", 9.6e8),
    ("人民大道快速化改造工程估算总投资7.4亿元，全长4.1公里。", "人民大道快速化改造工程", 7.4e8),
])
def test_an_estimated_or_budgeted_total_of_a_public_works(text: str, name: str, amount: float):
    row = by_name(extract_projects(text, None, "盐城市"))[name]
    assert row.investment_base == amount and row.company is None


def test_a_count_of_buildings_is_no_name():
    names = set(by_name(extract_projects("甲智造产业园总投资20亿元，目前8栋标准厂房已交付使用。", None, "许昌市")))
    assert names == {"甲智造产业园"}


# --- amounts -----------------------------------------------------------------------------------


def test_each_name_of_a_part_takes_the_total_said_later_in_its_part():
    text = ("比如，开发区的瑞能20GWh储能电池项目已完成投资12亿元，项目总投资45亿元；"
            "城西的江南冷链物流园计划总投资6亿元。")
    rows = by_name(extract_projects(text, None, "荆州市"))
    assert rows["瑞能20GWh储能电池"].investment_base == 4.5e9
    assert rows["江南冷链物流园"].investment_base == 6e8


def test_a_total_with_da_dao_and_an_amount_in_its_own_clause_after_who_builds():
    rows = by_name(extract_projects("其中，甲配套产业园由乙实业有限公司建设，投资额3.5亿元。", None, "长春市"))
    assert (rows["甲配套产业园"].company, rows["甲配套产业园"].investment_base) == ("乙实业有限公司", 3.5e8)
    text = "丙新能源整车项目开工。这个项目由丙汽车有限公司投资建设，总投资额达到60亿元。"
    assert extract_projects(text, None, "长春市")[0].investment_base == 6e9


def test_money_put_in_to_build_a_plant_in_other_currencies_and_with_thousands_separators():
    text = "乙精机株式会社将在苏州工业园区投资30亿日元，建设精密齿轮生产基地，预计明年投产。"
    row = by_name(extract_projects(text, None, "苏州市"))["精密齿轮生产基地"]
    assert row.investment_base is None and row.company == "乙精机株式会社"
    text = "董事会通过，将透过子公司甲电子（成都）有限公司增资2,500万美元，于成都双流兴建年产50万片载板新厂。"
    row = by_name(extract_projects(text, None, "成都市"))["年产50万片载板新厂"]
    assert row.company == "甲电子（成都）有限公司"


# --- who builds it ---------------------------------------------------------------------------


def test_the_company_a_zone_signs_with():
    text = "高新区与浙江甲新材料有限公司签订投资协议，双方将合作建设高性能碳纤维项目。"
    assert extract_projects(text, None, "衢州市")[0].company == "浙江甲新材料有限公司"


def test_the_maker_announcing_it_in_the_clause_before():
    text = "同日，连接器厂乙丰电子也公告，斥资人民币3亿元在江西吉安设立高速连接器生产基地。"
    assert extract_projects(text, None, "吉安市")[0].company == "乙丰电子"
    text = "市发改委负责人表示，丙物流园已于上月开工。"
    assert extract_projects(text, None, "吉安市")[0].company is None


def test_a_holding_company_and_the_group_it_is_called_later():
    text = "香港上市公司丁盛控股旗下的丁盛数据中心项目昨日在东莞松山湖动工。另外，集团早前投资5亿港元的佛山冷库已落成。"
    rows = by_name(extract_projects(text, None, "东莞市"))
    assert rows["丁盛数据中心"].company == "丁盛控股" and rows["丁盛数据中心"].status == "started"
    assert rows["佛山冷库"].company == "丁盛控股" and rows["佛山冷库"].investment_base is None


# --- an account post's bullets -------------------------------------------------------------------


def test_emoji_bullets_and_their_field_lines():
    text = ("✅ 甲锂能正极材料产业园\n💰 总投资：32亿元\n🏭 建设单位：四川甲锂能科技有限公司\n"
            "📌 最新进展：一期厂房已封顶\n✅ 乙市第一人民医院东院区\n▶ 计划总投资 9.5亿元")
    rows = by_name(extract_projects(text, None, "遂宁市"))
    row = rows["甲锂能正极材料产业园"]
    assert (row.investment_base, row.company, row.status) == (3.2e9, "四川甲锂能科技有限公司", "under_construction")
    assert rows["乙市第一人民医院东院区"].investment_base == 9.5e8


# --- milestones ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, name, status", [
    ("甲电厂二期首台机组并网发电。", "甲电厂二期", "operating"),
    ("乙汽车长沙基地首车下线。", "乙汽车长沙基地", "completed"),
    ("丙渠引水工程正式通水。", "丙渠引水工程", "operating"),
    ("总投资12亿元的丁新材料产业园项目举行奠基仪式。", "丁新材料产业园", "started"),
])
def test_a_works_milestone_says_how_far_it_is(text: str, name: str, status: str):
    assert by_name(extract_projects(text, None, "湘潭市"))[name].status == status


# --- what is no project --------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "去年，甲新能源实现营业收入68亿元，同比增长21%。",
    "今年全市招商引资目标为到位资金500亿元、新签约项目150个。",
    "公司已设立规模30亿港元的大湾区基建基金。",
    "全市亿元以上在建项目达到860个，累计完成投资1200亿元。",
])
def test_revenue_targets_funds_and_counts_are_no_projects(text: str):
    assert extract_projects(text, None, "洛阳市") == []


def test_dev9_traps_give_no_project():
    """samples/dev9/gold/project_traps.csv: names a project row must never contain (score.py reads no such file)."""
    traps = DEV9 / "gold" / "project_traps.csv"
    if not traps.is_file():
        pytest.skip("samples/dev9 is absent")
    import transforms.pipeline as pipeline

    def nfkc(s: str) -> str:
        return unicodedata.normalize("NFKC", s or "").lower()

    with open(traps, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    hits = []
    for path in sorted((DEV9 / "inbox").iterdir()):
        stem = path.name.rsplit("_", 1)[0]
        words = [w for t in rows if t["file"] == stem for w in t["name_contains"].split("|")]
        out = pipeline.process(path.read_bytes(), path.name)
        hits += [(stem, r["name"]) for r in out.projects if any(nfkc(w) in nfkc(r["name"]) for w in words)]
    assert hits == []


# --- shapes probed beyond the set (written for these tests) ------------------------------------------


def test_a_headline_quoted_name_the_body_calls_by_its_last_word():
    title = "台商加码无锡 「鼎辉精密新厂」动工"
    text = "精密件厂鼎辉今日宣布，位于无锡高新区的新厂正式动工，总投资约新台币30亿元。"
    row = by_name(extract_projects(text, None, title))["鼎辉精密新厂"]
    assert row.status == "started" and text[row.char_start:row.char_end] == row.evidence
    # the body's full name wins: no second row for the headline's shorter one
    names = set(by_name(extract_projects("丙国际物流园一期主体完工。", None, "港企加码 「丙物流园」一期完工")))
    assert names == {"丙国际物流园一期"}


def test_a_plant_named_by_its_place_and_its_owner():
    row = extract_projects("另外，面板厂甲达旗下的昆山厂扩建案也已动工。", None, "昆山市")[0]
    assert (row.name, row.company) == ("昆山厂", "甲达")


@pytest.mark.parametrize("text, name", [
    ("新华社南宁6月3日电（记者王某）广西乙运河丙枢纽工程3日完成主体结构施工。", "广西乙运河丙枢纽工程"),
    ("丁集团投资10亿美元建设的新事业总部大楼今日启用。", "新事业总部大楼"),
    ("我们将重点抓好滨江三桥、东城机场等重大基础设施。", "滨江三桥"),
])
def test_datelines_days_and_lead_verbs_stay_out_of_names(text: str, name: str):
    assert name in by_name(extract_projects(text, None, "南宁市"))


@pytest.mark.parametrize("text, name", [
    ("总投资2.3亿元的城南污水处理厂扩建工程近日通过竣工验收。", "城南污水处理厂扩建工程"),
    ("年内将建成市体育中心、市民公园等一批城市功能性项目。", "市体育中心"),
])
def test_a_citys_utilities_and_venues_have_no_brand(text: str, name: str):
    assert by_name(extract_projects(text, None, "宿州市"))[name].company is None


def test_an_adverb_zheng_before_how_it_goes_is_no_part_of_the_name():
    text = "总投资50亿元的甲光伏玻璃产业园正加紧建设，预计年底首条产线点火。"
    assert "甲光伏玻璃产业园" in by_name(extract_projects(text, None, "钦州市"))


def test_one_works_a_list_lead_introduces_and_a_kind_of_place_it_does_not_name():
    text = "全市共有17个项目列入省重点项目，其中包括乙港丙港区10万吨级航道工程。"
    assert set(by_name(extract_projects(text, None, "南通市"))) == {"乙港丙港区10万吨级航道工程"}
    assert extract_projects("重点领域包括化工园区。", None, "南通市") == []


def test_a_project_of_the_group_named_before():
    text = "由香港丁业集团投资兴建的戊创新科技园一期项目昨日落成。此外，集团旗下另一项目——己松湖智谷产业园亦已动工。"
    rows = by_name(extract_projects(text, None, "东莞市"))
    assert rows["己松湖智谷产业园"].company == rows["戊创新科技园一期"].company == "香港丁业集团"


def test_a_back_reference_is_no_name_and_a_capacity_in_brackets_no_gap():
    assert extract_projects("问：甲生态产业园什么时候投用？答：该产业园预计今年10月投入使用。", None, "武汉市") == []
    row = extract_projects("乙高科柳州基地一期（10GWh）已顺利投产。", None, "柳州市")[0]
    assert (row.name, row.status) == ("乙高科柳州基地一期", "operating")


def test_a_short_back_reference_with_an_amount_gives_it_to_the_one_full_name():
    text = "丙微电子12吋功率半导体晶圆生产线项目进展顺利。其中，总投资约260亿元的晶圆生产线项目已完成主体工程。"
    rows = extract_projects(text, None, "重庆市")
    assert [(r.name, r.investment_base) for r in rows] == [("丙微电子12吋功率半导体晶圆生产线", 2.6e10)]


def test_a_listed_company_named_with_its_stock_code_and_a_plants_expansion_case():
    text = "机壳厂庚准（2354）今日董事会通过投资案，将透过子公司在郑州投资1.2亿美元兴建精密机构件新厂。"
    assert extract_projects(text, None, "郑州市")[0].company == "庚准"
    names = set(by_name(extract_projects("另外，辛达高雄路竹厂的扩产案也已动工。", None, "高雄市")))
    assert names == {"辛达高雄路竹厂"}
