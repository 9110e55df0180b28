"""Project shapes of samples/dev11 (session 7), each rule on sentences written for the test."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest

from transforms.extract import ProjectRow, extract_projects

DEV11 = Path(__file__).resolve().parents[2] / "samples" / "dev11"


def by_name(rows: list[ProjectRow]) -> dict[str, ProjectRow]:
    return {r.name: r for r in rows}


# --- the company said in another sentence -----------------------------------------------------------


def test_the_speaker_of_the_next_sentence_is_the_company_whose_name_the_project_bears():
    text = ("6月3日，江屿储能装备产业园在开发区开工。江屿储能集团总经理赵明在仪式上表示，"
            "集团将把这里建成华东最大的储能变流器生产基地。该项目总投资26亿元，分两期建设。")
    rows = by_name(extract_projects(text, None, "淮安市"))
    assert set(rows) == {"江屿储能装备产业园"}  # (what the place is to become is no project of its own)
    assert (rows["江屿储能装备产业园"].company, rows["江屿储能装备产业园"].investment_base) == ("江屿储能集团", 2.6e9)


def test_its_project_is_the_company_the_sentence_before_was_about():
    text = ("澄川精密部件有限公司是一家汽车零部件企业。今年4月，其年产20万套转向节项目在县发改局完成备案，"
            "计划总投资4.2亿元。")
    row = by_name(extract_projects(text, None, "宿迁市"))["年产20万套转向节"]
    assert (row.company, row.investment_base, row.status) == ("澄川精密部件有限公司", 4.2e8, "planned")
    text = "在高新区，云岫算力科技有限公司去年落户。其建设的云岫智算中心一期已于5月试运行，项目概算总投资30亿元。"
    row = by_name(extract_projects(text, None, "廊坊市"))["云岫智算中心一期"]
    assert (row.company, row.investment_base) == ("云岫算力科技有限公司", 3e9)


def test_a_quote_between_a_project_and_its_total_keeps_the_total_its_own():
    text = ("海川化工股份有限公司副总经理李明介绍，公司投资建设的精细化学品一体化基地已进入设备调试阶段。"
            "“基地投产后将新增产值50亿元。”据介绍，项目总投资18亿元。")
    row = by_name(extract_projects(text, None, "泰州市"))["精细化学品一体化基地"]
    assert (row.company, row.investment_base, row.status) == ("海川化工股份有限公司", 1.8e9, "under_construction")


# --- facilities and how far they are -------------------------------------------------------------


@pytest.mark.parametrize("text, name, amount", [
    ("临港片区的智慧能源研究院由上海申能集团有限公司负责建设，计划总投资5.2亿元。", "智慧能源研究院", 5.2e8),
    ("青岛蓝谷海洋实验室二期工程概算总投资6.6亿元，目前已完成环评公示。", "青岛蓝谷海洋实验室二期工程", 6.6e8),
    ("江南数科有限公司投资1.8亿元建设的长三角工业互联网平台，已接入企业900余家。", "长三角工业互联网平台", 1.8e8),
    ("高要区第二中学扩建工程投资6800万元，新增学位1500个。", "高要区第二中学扩建工程", 6.8e7),
])
def test_research_buildings_a_built_platform_and_a_school_in_a_county_with_a_function_character(
        text: str, name: str, amount: float):
    assert by_name(extract_projects(text, None, "上海市"))[name].investment_base == amount


@pytest.mark.parametrize("text, name, status", [
    ("甲城快速路互通立交工程已通过交工验收。", "甲城快速路互通立交工程", "completed"),
    ("乙港区三期工程已于本月通过交工验收，项目总投资12亿元。", "乙港区三期工程", "completed"),
    ("丙县丁河水库工程已完成环评公示。", "丙县丁河水库工程", "planned"),
    ("戊城生物医药产业园三期近日完成环评公示，总投资约8亿元。", "戊城生物医药产业园三期", "planned"),
])
def test_filings_notices_and_handover_acceptance_say_how_far_a_works_is(text: str, name: str, status: str):
    assert by_name(extract_projects(text, None, "襄阳市"))[name].status == status


# --- a press conference's answers ----------------------------------------------------------------------


def test_the_owner_named_later_in_an_answer_part():
    text = ("答：一是甲县年产20万吨再生铝项目已完成环评公示，项目业主为楚泽再生资源有限公司，计划总投资9亿元；"
            "二是乙区智能网联产业园由襄阳城投集团有限公司建设，计划总投资40亿元。")
    rows = by_name(extract_projects(text, None, "襄阳市"))
    assert (rows["甲县年产20万吨再生铝"].company, rows["甲县年产20万吨再生铝"].investment_base) == \
        ("楚泽再生资源有限公司", 9e8)
    assert rows["乙区智能网联产业园"].company == "襄阳城投集团有限公司"


# --- a signing's circled items and the sentences under them ----------------------------------------------


def test_circled_items_and_their_builder_sentences():
    text = ("①智能装备产业园项目。由江苏恒锐机械有限公司投资，总投资约20亿元，分两期建设。\n"
            "②生物制剂基地项目。项目投资方为苏州禾川生物科技有限公司，计划总投资16亿元。\n"
            "③数字内容产业园项目。由湖州星帆数字科技有限公司运营，投资额为5000万美元。\n"
            "④工业机器人研发制造项目。浙江擎宇智能装备股份有限公司投资，协议投资7.5亿元。")
    rows = by_name(extract_projects(text, None, "湖州市"))
    assert (rows["智能装备产业园"].company, rows["智能装备产业园"].investment_base) == ("江苏恒锐机械有限公司", 2e9)
    assert (rows["生物制剂基地"].company, rows["生物制剂基地"].investment_base) == ("苏州禾川生物科技有限公司", 1.6e9)
    assert (rows["数字内容产业园"].company, rows["数字内容产业园"].investment_base) == \
        ("湖州星帆数字科技有限公司", None)  # (an amount in 美元 is no yuan)
    assert (rows["工业机器人研发制造"].company, rows["工业机器人研发制造"].investment_base) == \
        ("浙江擎宇智能装备股份有限公司", 7.5e8)


def test_an_amount_in_a_clause_of_its_own_after_the_builder_and_the_builder_in_full():
    text = "甲新区储能电池结构件产业园一期项目由宜宾甲产业投资集团有限公司建设，投资18亿元，新建标准化厂房20万平方米。"
    row = by_name(extract_projects(text, None, "宜宾市"))["甲新区储能电池结构件产业园一期"]
    assert (row.company, row.investment_base) == ("宜宾甲产业投资集团有限公司", 1.8e9)


# --- Taiwan's and Hong Kong's wording ----------------------------------------------------------------


def test_taiwan_board_approvals_announcers_owners_and_amounts_in_renminbi():
    text = ("封测厂宏昇科技昨（6）日公告，董事会通过透过子公司宏昇半导体（苏州）有限公司增资8000万美元，"
            "于苏州工业园区扩建先进封装厂，预计明年量产。驱动IC厂瑞达电子同日也公告，斥资人民币6亿元在苏州相城经济开发区"
            "设立车载显示模组基地。此外，被动元件厂国泰兴旗下的苏州电感新厂已于9月完成试产。"
            "另据官方资料，台资企业昱新精密投资人民币9亿元兴建的汽车电机零组件项目已主体封顶。")
    rows = by_name(extract_projects(text, None, "苏州市"))
    assert rows["先进封装厂"].company == "宏昇半导体（苏州）有限公司"
    assert (rows["车载显示模组基地"].company, rows["车载显示模组基地"].investment_base) == ("瑞达电子", 6e8)
    assert (rows["苏州电感新厂"].company, rows["苏州电感新厂"].status) == ("国泰兴", "completed")
    assert (rows["汽车电机零组件"].company, rows["汽车电机零组件"].investment_base) == ("昱新精密", 9e8)


def test_hong_kong_announcements_and_a_phase_a_subject_builds():
    text = ("香港物流集团港盛控股昨日公布，旗下的南沙跨境物流中心项目已正式动工。集团主席陈某表示，集团看好大湾区前景。"
            "项目总投资约12亿元人民币。同日，另一家香港上市公司盈海科技宣布，与珠海高新区签订投资协议，"
            "投资8亿港元兴建大湾区算力平台。此外，由港澳资本合组的濠海健康科技有限公司，早前已在横琴取得地块，"
            "兴建中医药产业园三期，该期投资4.5亿元人民币。")
    rows = by_name(extract_projects(text, None, "珠海市"))
    logistics = rows["南沙跨境物流中心"]
    assert "港盛控股" in logistics.company and logistics.investment_base == 1.2e9
    assert rows["大湾区算力平台"].company == "盈海科技"
    phase = rows["中医药产业园三期"]
    assert (phase.company, phase.investment_base) == ("濠海健康科技有限公司", 4.5e8)


# --- shapes probed beyond the set (written for these tests) ------------------------------------------


def test_one_and_the_other_in_an_answer():
    text = ("张华：重点是两个项目。一个是位于经开区的华锂新能源正极材料项目，总投资65亿元，目前已经试生产；"
            "另一个是城北污水处理厂三期，计划投资3.2亿元，年底前竣工。")
    rows = by_name(extract_projects(text, None, "遂宁市"))
    assert rows["华锂新能源正极材料"].investment_base == 6.5e9
    assert rows["城北污水处理厂三期"].investment_base == 3.2e8


def test_a_named_hospitals_building_is_a_works_a_bare_building_a_part():
    text = "二是市第一人民医院门诊综合楼，投资2.8亿元，已竣工验收。"
    assert by_name(extract_projects(text, None, "常州市"))["市第一人民医院门诊综合楼"].status == "completed"
    assert extract_projects("目前门诊医技楼已完成主体施工，预计明年竣工。", None, "泰州市") == []


def test_a_reporters_scene_at_a_park_being_built_and_the_next_sentence_about_it():
    text = ("在不远处的雁江口腔装备产业园三期，工人们正在进行主体结构施工。"
            "该项目由资阳临空投资发展集团有限公司建设，概算总投资6.2亿元。")
    row = by_name(extract_projects(text, None, "资阳市"))["雁江口腔装备产业园三期"]
    assert (row.company, row.investment_base) == ("资阳临空投资发展集团有限公司", 6.2e8)
    assert extract_projects("在全市各大园区，企业正在加紧安装设备。", None, "资阳市") == []


@pytest.mark.parametrize("text, name, company", [
    ("项目总投资35亿元。在开工仪式上，远航重工集团介绍，海上风电装备产业园由远航重工（盐城）有限公司具体实施。",
     "海上风电装备产业园", "远航重工（盐城）有限公司"),
    ("嘉里物流表示，集团旗下的深圳前海冷链中心已经落成。", "深圳前海冷链中心", "嘉里物流"),
    ("(3)年产10万吨负极材料项目，投资方为湖北碳源新材料有限公司，投资额为22亿元。", "年产10万吨负极材料",
     "湖北碳源新材料有限公司"),
])
def test_the_builder_said_in_full_by_an_announcer_or_as_the_investor_after_a_comma(text: str, name: str,
                                                                                   company: str):
    assert by_name(extract_projects(text, None, "盐城市"))[name].company == company


def test_an_environmental_approval_is_a_stage_before_building_and_a_table_amount_column_named_investment():
    text = "甲乙化工有限公司年产30万吨乙二醇项目已取得环评批复，该项目概算总投资48亿元。"
    row = by_name(extract_projects(text, None, "连云港市"))["甲乙化工有限公司年产30万吨乙二醇"]
    assert (row.status, row.investment_base) == ("planned", 4.8e9)
    text = ("| 序号 | 项目名称 | 建设单位 | 投资额（亿元） | 建设进度 |\n| --- | --- | --- | --- | --- |\n"
            "| 1 | 年产5万吨镁合金深加工项目 | 鹤壁宏镁新材料有限公司 | 12.5 | 主体封顶 |")
    assert by_name(extract_projects(text, None, "鹤壁市"))["年产5万吨镁合金深加工"].investment_base == 1.25e9


def test_a_company_speaking_by_the_short_name_the_article_gave_it_before():
    text = ("连接器厂鼎泰科技昨日公告，旗下的「昆山新厂」已开始试生产。鼎泰表示，昆山厂二期扩建工程亦已动工。"
            "市发改委表示，城南物流园三期已动工。")
    rows = by_name(extract_projects(text, None, "昆山市"))
    assert rows["昆山厂二期扩建工程"].company == "鼎泰"
    assert rows["城南物流园三期"].company != "市发改委"  # (a speaker no company named before begins with)


def test_a_project_built_in_phases_has_no_total_from_a_phase_and_ours_is_the_speakers():
    text = "甲乙新材料年产10万吨锂电铜箔项目分两期建设，一期投资20亿元，二期投资30亿元。"
    row = by_name(extract_projects(text, None, "九江市"))["甲乙新材料年产10万吨锂电铜箔"]
    assert row.investment_base is None  # (a phase's amount is not the project's total)
    text = "丰源光电科技有限公司总经理王强说：“我们的光伏组件项目下个月就能投产。”该项目总投资12亿元。"
    row = by_name(extract_projects(text, None, "九江市"))["光伏组件"]
    assert (row.company, row.investment_base, row.status) == ("丰源光电科技有限公司", 1.2e9, "under_construction")


def test_a_lists_total_after_deng_is_no_items_own():
    text = "答：包括城东快速路二期工程、滨江大桥等，总投资约60亿元。"
    rows = by_name(extract_projects(text, None, "九江市"))
    assert set(rows) == {"城东快速路二期工程", "滨江大桥"}
    assert all(r.investment_base is None for r in rows.values())


# --- what is no project ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "共涉及科技创新、基础设施、社会民生等领域项目86个，总投资1426亿元。",
    "10月中旬，甲新区多个重大产业项目传来好消息。",
    "各项目单位要按照计划节点推进，每月5日前报送项目进展情况。",
    "瑞达表示，新基地投产后可就近服务华东车厂。",
    "集团将把老厂区打造成文创产业园。",
])
def test_fields_counts_routines_and_what_a_place_becomes_are_no_projects(text: str):
    assert extract_projects(text, None, "西安市") == []


def test_a_whitespace_table_total_row_is_no_project():
    text = ("序号  项目名称                建设单位                  总投资(万元)   建设内容\n"
            "1     高纯石英砂项目          安庆甲乙新材料有限公司    45000          新建生产线2条\n"
            "2     滨江路（一期）          安庆城建投资有限公司      6200           新建道路1.2公里\n"
            "      合计                                              51200\n")
    rows = by_name(extract_projects(text, None, "安庆市"))
    assert set(rows) == {"高纯石英砂", "滨江路（一期）"}
    assert rows["高纯石英砂"].investment_base == 4.5e8


def test_dev11_traps_give_no_project():
    """samples/dev11/gold/project_traps.csv: names a project row must never contain (score.py reads no such file)."""
    traps = DEV11 / "gold" / "project_traps.csv"
    if not traps.is_file():
        pytest.skip("samples/dev11 is absent")
    import transforms.pipeline as pipeline

    def nfkc(s: str) -> str:
        return unicodedata.normalize("NFKC", s or "").lower()

    with open(traps, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    hits = []
    for path in sorted((DEV11 / "inbox").iterdir()):
        stem = path.name.rsplit("_", 1)[0]
        words = [w for t in rows if t["file"] == stem for w in t["name_contains"].split("|")]
        out = pipeline.process(path.read_bytes(), path.name)
        hits += [(stem, r["name"]) for r in out.projects if any(nfkc(w) in nfkc(r["name"]) for w in words)]
    assert hits == []


# --- review fixes (session 7) ----------------------------------------------------------------------------


@pytest.mark.parametrize("text, status", [
    ("项目已完成竣工验收备案，正式投产", "operating"),
    ("甲项目已核准并开工", "started"),
    ("项目已建成投运，目前正在办理竣工备案", "operating"),
    ("乙产业园项目完成立项后已于上月动工", "started"),
    ("丙基地项目通过环评公示，主体厂房已经封顶", "under_construction"),
    ("丁项目已完成备案", "planned"),
])
def test_a_filing_is_planned_only_when_no_later_stage_is_named(text: str, status: str):
    from transforms.extract.projects import _status
    assert _status(text) == status


def test_a_filed_project_that_has_started_is_started():
    text = "厦门天马第8.6代新型显示面板生产线项目已于去年完成备案并开工建设，目前厂房已封顶。"
    assert [r.status for r in extract_projects(text, None, "厦门市")] == ["started"]
    text = "乙城综合保税区物流中心项目已完成备案并于3月投入运营。"
    assert [r.status for r in extract_projects(text, None, "江城市")] == ["operating"]


@pytest.mark.parametrize("text", [
    "昨日，江城新材料产业园项目正式开工。今年全区计划实施重点项目86个，比去年多12个。总投资达到650亿元，其中产业项目占六成。",
    "昨日，江城新材料产业园项目正式开工。今年全区计划实施重点项目86个。由区城投集团投资，全区新建道路20公里。",
    "江城智能装备产业园项目昨日开工。全年全县固定资产投资增长8%。总投资超过300亿元的一批项目正在推进。",
    "江城物流园项目已经投产。今年以来，全区新签约项目42个，协议投资额达到180亿元。由省交投集团投资的道路全面开工。",
    "江城数据产业园项目已经封顶。副区长王某表示，今年全区计划实施重点项目86个。总投资达到650亿元。",
    "江城冷链物流园项目昨日投用。“今年我们还有12个项目要开工。”总投资超过90亿元，由区城投集团投资建设。",
])
def test_a_district_total_or_builder_after_a_project_count_is_not_the_projects(text: str):
    rows = by_name(extract_projects(text, None, "江城市"))
    row = next(r for n, r in rows.items() if "园" in n)
    assert (row.investment_base, row.company) == (None, None)


@pytest.mark.parametrize("text", [
    "宁德时代表示，其在济宁投资建设的新能源电池基地项目将于年内投产。",
    "比亚迪相关负责人介绍，其在合肥投资建设的整车生产基地项目已经投产。",
    "隆基绿能表示，其在鄂尔多斯建设的光伏组件项目进展顺利。",
])
def test_its_place_after_a_stripped_qi_is_no_company(text: str):
    rows = extract_projects(text, None, "山东省")
    assert rows and all(r.company is None or r.company in text.split("，")[0] for r in rows)
    assert not any(r.company in ("济宁", "合肥", "鄂尔多斯") for r in rows)


def test_its_project_where_it_invests_is_the_company_the_sentence_before_was_about():
    text = "甲乙精工有限公司是一家生产齿轮的企业。其在济宁投资建设的新能源电池基地项目已经投产。"
    assert [r.company for r in extract_projects(text, None, "济宁市")] == ["甲乙精工有限公司"]
    text = "华锐科技在合肥投资建设的年产20万吨再生铝项目已经投产。"
    assert [r.company for r in extract_projects(text, None, "合肥市")] == ["华锐科技"]
