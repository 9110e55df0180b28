"""Project shapes of samples/dev8 (session 5), each rule on sentences written for the test, and the
cheap first tests of the extractor checked against the slow ones they stand for."""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pytest

import transforms.extract.projects as projects
from transforms.extract import ProjectRow, extract_projects

DEV8 = Path(__file__).resolve().parents[2] / "samples" / "dev8"


def by_name(rows: list[ProjectRow]) -> dict[str, ProjectRow]:
    return {r.name: r for r in rows}


# --- names ---------------------------------------------------------------------------------


def test_a_phase_in_brackets_ends_a_name():
    text = "丰和医疗器械产业园（一期）总投资9亿元，将建设高值耗材生产线；临江物流园（二期）主体完工。"
    rows = by_name(extract_projects(text, None, "宜宾市"))
    assert rows["丰和医疗器械产业园（一期）"].investment_base == 9e8
    assert rows["临江物流园（二期）"].status == "completed"


def test_a_park_named_by_its_trade_and_a_standard_workshop_are_built_places():
    rows = by_name(extract_projects("高新区启明软件园二期主体完工，东区标准厂房正式开工。", None, "绵阳市"))
    assert set(rows) == {"高新区启明软件园二期", "东区标准厂房"}


def test_public_buildings_in_a_list_of_key_projects():
    text = "社会事业项目20个，包括市中心医院新院区、滨江职教城等。"
    assert set(by_name(extract_projects(text, None, "岳阳市"))) == {"市中心医院新院区", "滨江职教城"}


def test_works_closed_by_deng_before_what_happens_to_them():
    text = "交通方面，长沙至益阳高速公路扩容工程、湘江航道整治工程等纳入名单。"
    names = set(by_name(extract_projects(text, None, "湖南省")))
    assert names == {"长沙至益阳高速公路扩容工程", "湘江航道整治工程"}


def test_a_quoted_name_and_what_has_happened_to_it():
    text = "旗下华晶光电（南昌）有限公司投资的「华晶车载镜头厂」已完成验收并开始试生产。"
    row = by_name(extract_projects(text, None, "南昌市"))["华晶车载镜头厂"]
    assert (row.company, row.status) == ("华晶光电（南昌）有限公司", "completed")


def test_the_currency_before_the_amount():
    text = "台商宏远精工在九江投资人民币4亿元的精密齿轮厂，已于上月投产。"
    row = by_name(extract_projects(text, None, "九江市"))["精密齿轮厂"]
    assert row.investment_base == 4e8 and "宏远精工" in row.company


# --- who builds it, what it costs -------------------------------------------------------------


def test_a_built_place_and_who_builds_it():
    text = "主会场项目——宏图智能家电产业园，由广西宏图电器有限公司投资建设，总投资18亿元。"
    row = by_name(extract_projects(text, None, "桂林市"))["宏图智能家电产业园"]
    assert (row.company, row.investment_base) == ("广西宏图电器有限公司", 1.8e9)


def test_who_builds_it_in_its_own_part_of_a_sentence_of_several():
    text = "甲城东数据中心项目总投资20亿元；鹤鸣光电产业城总投资45亿元，由鹤鸣实业有限公司承建；乙港物流园总投资8亿元。"
    rows = by_name(extract_projects(text, None, "南阳市"))
    assert rows["鹤鸣光电产业城"].company == "鹤鸣实业有限公司"
    assert rows["乙港物流园"].company != "鹤鸣实业有限公司"


def test_project_investment_and_planned_investment_after_the_name():
    rows = by_name(extract_projects("「青山储能电站」项目已于5月并网，项目投资12亿元。", None, "曲靖市"))
    assert rows["青山储能电站"].investment_base == 1.2e9
    rows = by_name(extract_projects("城南科创园二期主体完工，计划投资6.5亿元。", None, "常州市"))
    assert rows["城南科创园二期"].investment_base == 6.5e8


def test_a_years_planned_investment_is_not_the_total():
    text = "城西智算中心项目总投资60亿元，今年计划投资15亿元。"
    assert by_name(extract_projects(text, None, "郑州市"))["城西智算中心"].investment_base == 6e9


# --- what is not a project -------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "今年将持续实施城市更新行动，推进老旧小区改造、背街小巷整治等工程。",
    "此次开工项目中还包括城市更新、雨污分流等民生工程8个。",
    "办好就业、教育、养老等十件民生工程。",
    "全市共谋划储备项目860个，入库项目总投资2100亿元。",
])
def test_programmes_and_the_project_bank_are_no_projects(text: str):
    assert extract_projects(text, None, "晋中市") == []


def test_dev8_traps_give_no_project():
    """samples/dev8/gold/project_traps.csv: names a project row must never contain (score.py reads no such file)."""
    traps = DEV8 / "gold" / "project_traps.csv"
    if not traps.is_file():
        pytest.skip("samples/dev8 is absent")
    import transforms.pipeline as pipeline

    def nfkc(s: str) -> str:
        return unicodedata.normalize("NFKC", s or "").lower()

    with open(traps, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    hits = []
    for path in sorted((DEV8 / "inbox").iterdir()):
        stem = path.name.rsplit("_", 1)[0]
        words = [w for t in rows if t["file"] == stem for w in t["name_contains"].split("|")]
        if not words:
            continue
        out = pipeline.process(path.read_bytes(), path.name)
        hits += [(stem, r["name"]) for r in out.projects if any(nfkc(w) in nfkc(r["name"]) for w in words)]
    assert hits == []


# --- the cheap first tests stand for the slow ones ---------------------------------------------

SENTENCES = [
    "总投资50亿元的瀚宇动力电池结构件项目于3月落户肥西经开区。",
    "围绕新能源汽车、电子信息等领域，开通重点项目绿色通道。",
    "园区配套不断完善，标准厂房、人才公寓、物流通道同步建设。",
    "天成储能电站项目和中晶半导体项目已开工，空港物流园一期主体完工。",
    "招商专班推行“拿地即开工”审批模式，项目落地速度全面提升。",
    "地铁3号线、城际铁路和甲厂二期（二期）等工程，乙科技园新厂、丙机场。",
    "今年以来，全市实现地区生产总值1200亿元，同比增长5.1%。",
]


def _slow_cue(s: str) -> bool:
    return any(rx.search(s) for rx in (projects._PROJECT_WORD, projects._OF_AMOUNT, projects._FACILITY,
                                       projects._WORKS, projects._QUOTED, projects._PHASE))


@pytest.mark.parametrize("s", SENTENCES)
def test_one_pass_cue_finds_what_the_six_patterns_find(s: str):
    assert bool(projects._CUE.search(s)) == _slow_cue(s)
    for k in range(len(s)):  # and on every tail
        assert bool(projects._CUE.search(s[k:])) == _slow_cue(s[k:])


@pytest.mark.parametrize("s", SENTENCES)
def test_facility_lookahead_changes_no_match(s: str):
    head = re.match(r"\(\?=\[[^\]]+\]\)", projects._FACILITY.pattern)
    assert head, "the facility pattern starts with its first-character test"
    slow = re.compile(projects._FACILITY.pattern[head.end():])
    assert [m.span() for m in slow.finditer(s)] == [m.span() for m in projects._FACILITY.finditer(s)]


@pytest.mark.parametrize("s", SENTENCES)
def test_clause_start_as_seven_rfinds(s: str):
    for pos in range(len(s) + 1):
        dash = s.rfind("——", 0, pos)
        want = max(max(s.rfind(c, 0, pos) for c in "，,；;：:。") + 1, dash + 2 if dash >= 0 else 0)
        assert projects._clause_start(s, pos) == want


# --- lists ------------------------------------------------------------------------------------


def test_list_items_with_their_amounts_in_brackets():
    text = ("签约项目包括：宁远锂电隔膜项目（投资20亿元）、华川精密铸件项目（投资6亿元）、"
            "金穗粮油加工项目（总投资3亿元）。")
    rows = by_name(extract_projects(text, None, "永州市"))
    assert {k: r.investment_base for k, r in rows.items()} == {
        "宁远锂电隔膜": 2e9, "华川精密铸件": 6e8, "金穗粮油加工": 3e8}


def test_the_last_item_joined_by_he():
    text = "投资额超10亿元的项目有3个，分别是：星海储能科技产业园、紫光数据中心和远航港口物流园。"
    names = set(by_name(extract_projects(text, None, "某市")))
    assert names == {"星海储能科技产业园", "紫光数据中心", "远航港口物流园"}


def test_a_verbs_le_is_no_part_of_the_first_name():
    names = set(by_name(extract_projects("该区重点推进了滨江AI算力中心、海川LNG接收站二期等项目。", None, "某区")))
    assert names == {"滨江AI算力中心", "海川LNG接收站二期"}


def test_what_a_project_enters_and_its_first_unit():
    rows = by_name(extract_projects("首台设备进场，标志着九江赛芯12英寸晶圆项目进入设备安装阶段。", None, "九江市"))
    assert set(rows) == {"九江赛芯12英寸晶圆"}
    rows = by_name(extract_projects("湛江巴斯夫（广东）一体化基地项目首套装置全面建成。", None, "湛江市"))
    assert rows["湛江巴斯夫（广东）一体化基地"].status == "completed"


def test_a_sentence_opening_with_the_total_is_about_the_heading_before_it():
    text = "3.鸿基智能制造产业园项目。总投资12亿元，主要建设智能终端生产线。"
    assert by_name(extract_projects(text, None, "某市"))["鸿基智能制造产业园"].investment_base == 1.2e9
    # (an amount "of" a name after it is no such sentence)
    text = "1.甲园区项目。总投资5亿元的乙新材料产业园项目已开工。"
    assert by_name(extract_projects(text, None, "某市"))["乙新材料产业园"].investment_base == 5e8


def test_a_colon_list_of_bare_names_separated_by_semicolons():
    text = "全年共实施省重点项目3个：一是宁德新能源二期；二是福耀汽车玻璃扩产；三是闽江口综合枢纽。"
    rows = by_name(extract_projects(text, None, "福州市"))
    assert set(rows) == {"宁德新能源二期", "福耀汽车玻璃扩产", "闽江口综合枢纽"}
    assert {r.status for r in rows.values()} == {"under_construction"}


def test_a_first_test_run_and_the_total_that_is_no_company():
    rows = by_name(extract_projects("吉林化纤集团年产1.5万吨碳纤维项目试车成功。", None, "吉林市"))
    assert rows["吉林化纤集团年产1.5万吨碳纤维"].status == "completed"
    rows = by_name(extract_projects("双方签订了总投资20亿元的比亚迪刀片电池项目投资协议。", None, "某市"))
    assert (rows["比亚迪刀片电池"].company, rows["比亚迪刀片电池"].investment_base) == ("比亚迪", 2e9)


def test_hong_kong_topping_out_and_a_speech_verb_before_xiangmu():
    rows = by_name(extract_projects("由长江实业发展的将军澳住宅项目已于上月平顶，预计明年入伙。", None, "香港"))
    assert rows["将军澳住宅"].status == "under_construction"
    assert extract_projects("开工仪式上，市委书记宣布项目开工，中铁十局负责施工。", None, "某市") == []


def test_works_on_a_named_road_are_projects_not_programmes():
    names = set(by_name(extract_projects("加快解放路改造、滨江大道提升等工程建设。", None, "某市")))
    assert names == {"解放路改造", "滨江大道提升"}
