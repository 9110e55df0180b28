"""Paragraph layout repair (transforms.layout).

Cases are data, as in ftfy's test files: a label, why the case exists, the
input, and the expected output. All articles here are written for these
tests in the style (and with the damage) of the regional-economy reports.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.layout import continuation_reason, display_width, line_kind, repair_layout

SHARED = Path(__file__).resolve().parents[2] / "../shared"
SEEDS = SHARED / "seeds"
GOLD_CHECKS = SHARED / "gold" / "seed_text_checks.csv"

COLUMN_BREAK = """

## 山亭区：绿色转型蹄疾步稳

通讯员 赵晓峰

### 产业升级 筑牢发展根基

今年以来，山亭区坚持把发展经济的着力点放在实体经济上，深入实施工业强区战略，全区规上工业增加值同比增长8.6%，新能源

汽车零部件产业集群加速成势，成为拉动经济增长的重要引擎。

围绕主导产业精准招商，全年新签约亿元以上项目41个，总投资186.3亿元。强化要素保障，推动重点

项目早开工、早投产、早见效，全区“四上”企业达到215家。

持续优化营商环境，企业开办实现“一日办结”，政务服务事项网办率达到96%以上，走出了一条绿色低碳高质量发展之路。

务的重要一年，山亭区将锚定目标不放松，奋力谱写高质量发展新篇章。

### 乘势而上 再创发展佳绩

2025年是全面完成“十四五”规划目标任

"""
COLUMN_BREAK_FIXED = """山亭区：绿色转型蹄疾步稳
通讯员 赵晓峰
产业升级 筑牢发展根基
今年以来，山亭区坚持把发展经济的着力点放在实体经济上，深入实施工业强区战略，全区规上工业增加值同比增长8.6%，新能源汽车零部件产业集群加速成势，成为拉动经济增长的重要引擎。
围绕主导产业精准招商，全年新签约亿元以上项目41个，总投资186.3亿元。强化要素保障，推动重点项目早开工、早投产、早见效，全区“四上”企业达到215家。
持续优化营商环境，企业开办实现“一日办结”，政务服务事项网办率达到96%以上，走出了一条绿色低碳高质量发展之路。
乘势而上 再创发展佳绩
2025年是全面完成“十四五”规划目标任务的重要一年，山亭区将锚定目标不放松，奋力谱写高质量发展新篇章。"""

TRADITIONAL_DISPLACED = """產業升級 築牢發展根基
今年以來，市中區堅持工業強區戰略，規上工業增加值同比增長8.6%，走出了一條高質量發展之路。
務的關鍵一年，市中區將錨定目標不放鬆，奮力譜寫高質量發展新篇章。
乘勢而上 再創發展佳績
2025年是全面完成“十四五”規劃目標任"""
TRADITIONAL_DISPLACED_FIXED = """產業升級 築牢發展根基
今年以來，市中區堅持工業強區戰略，規上工業增加值同比增長8.6%，走出了一條高質量發展之路。
乘勢而上 再創發展佳績
2025年是全面完成“十四五”規劃目標任務的關鍵一年，市中區將錨定目標不放鬆，奮力譜寫高質量發展新篇章。"""

INDENTED_CRLF = (
    "\u3000\u3000近日，记者走进峄城区经济开发区，只见一排排标准化厂房拔地而起，生产车间里机器轰鸣，处处涌动着发展热潮。\r\n"
    "\u3000\u3000围绕石榴产业，峄城区坚持全链条培育、全要素保障，推动种植、加工、文旅深度融合，全区石榴\r\n"
    "种植面积达到18万亩，综合产值突破60亿元。\r\n"
    "\r\n"
    "\u3000\u3000下一步，峄城区将继续做强特色产业，带动群众增收致富，以高质量发展的实际成效回应群众期盼\r\n"
    "\u3000\u3000记者 孙立\r\n"
)
INDENTED_CRLF_FIXED = "\n".join([
    "近日，记者走进峄城区经济开发区，只见一排排标准化厂房拔地而起，"
    "生产车间里机器轰鸣，处处涌动着发展热潮。",
    "围绕石榴产业，峄城区坚持全链条培育、全要素保障，推动种植、加工、文旅深度融合，"
    "全区石榴种植面积达到18万亩，综合产值突破60亿元。",
    "下一步，峄城区将继续做强特色产业，带动群众增收致富，以高质量发展的实际成效回应群众期盼",
    "记者 孙立",
])

# A clean article: one paragraph per line, headings (two in a row, too), a list, a table, links, a source line.
CLEAN = """峄城区：石榴产业富民强村
记者 孙立 通讯员 王芳
回顾2024：稳中求进，交出满意答卷
今年以来，峄城区坚持产业兴区，全年地区生产总值增长6.3%。
聚力产业升级
加快培育新动能
全区重点推进以下工作：
1. 实施项目攻坚行动，新开工项目56个；
2. 实施企业培育行动，新增规上企业38家；
3. 实施环境提升行动，新建口袋公园12处。
（一）强化招商引资
一是突出链式招商。围绕新能源产业链精准招引，新签约项目23个。
二是突出以商招商。
主要指标
地区生产总值 326.8亿元
规上工业增加值 增长9.1%
固定资产投资 增长7.2%
- 热点推荐
- 相关阅读
峄城区召开经济运行分析会 01-15
峄城区石榴产业发展大会开幕 12-28
(来源：枣庄日报)"""

CASES = [
    {
        "label": "column_break",
        "comment": "newspaper columns: blank lines, ## marks, two sentences broken across paragraphs, "
        "and a sentence start displaced to the end after its heading",
        "original": COLUMN_BREAK,
        "fixed": COLUMN_BREAK_FIXED,
        "tags": ["line_breaks", "headings", "reflow"],
    },
    {
        "label": "traditional_displaced_fragment",
        "comment": "the dictionary evidence works on traditional text through t2s",
        "original": TRADITIONAL_DISPLACED,
        "fixed": TRADITIONAL_DISPLACED_FIXED,
        "tags": ["reflow"],
    },
    {
        "label": "indented_crlf",
        "comment": "Windows line ends and full-width indentation; an unindented line continues the paragraph, "
        "an indented one starts a new paragraph even after a missing full stop",
        "original": INDENTED_CRLF,
        "fixed": INDENTED_CRLF_FIXED,
        "tags": ["line_breaks", "reflow"],
    },
    {
        "label": "open_ending",
        "comment": "a line ending in a comma is unfinished, even when short",
        "original": "作为省重大项目，\n山东泉华新能源有限公司年产10GW电池项目进展顺利，预计年底投产。",
        "fixed": "作为省重大项目，山东泉华新能源有限公司年产10GW电池项目进展顺利，预计年底投产。",
        "tags": ["reflow"],
    },
    {
        "label": "continuation_punctuation",
        "comment": "no sentence starts with a comma",
        "original": "2024年是贯彻落实党的二十大精神承上启下之年\n，是实现“十四五”规划目标任务的关键一年。",
        "fixed": "2024年是贯彻落实党的二十大精神承上启下之年，是实现“十四五”规划目标任务的关键一年。",
        "tags": ["reflow"],
    },
    {
        "label": "quoted_term_at_break",
        "comment": "a closing quote after a term does not end the sentence",
        "original": "深入推进“四上”工程，全区“四上”企业总量达到422家，锂电池制造“产业大脑”\n成功入选省级首批试点名单。",
        "fixed": "深入推进“四上”工程，全区“四上”企业总量达到422家，锂电池制造“产业大脑”成功入选省级首批试点名单。",
        "tags": ["reflow"],
    },
    {
        "label": "missing_full_stop_then_opener",
        "comment": "negative: a paragraph without its 。 followed by one opening with 据了解 stays apart",
        "original": "今年以来，全区上下攻坚克难，经济运行稳中向好，主要指标增速高于全市平均水平\n"
        "据了解，全区新签约项目41个，总投资186.3亿元。",
        "fixed": None,
        "tags": [],
    },
    {
        "label": "heading_then_prose",
        "comment": "negative: a heading is never joined to the prose under it, even with a comma inside",
        "original": "回顾2024：稳中求进，交出满意答卷\n过去的2024年，是实现规划目标任务的关键一年。",
        "fixed": None,
        "tags": [],
    },
    {
        "label": "two_headings",
        "comment": "negative: a two-line heading stays two lines",
        "original": "聚力统筹城乡一体\n全面塑造城乡新面貌\n近日，在青檀路与光明路路口，记者见到前来游玩的市民。",
        "fixed": None,
        "tags": [],
    },
    {
        "label": "list_items",
        "comment": "negative: list items are never merged, even when the first stops mid-phrase",
        "original": "- 项目一：年产10万吨新材料\n- 项目二：年产5万套汽车零部件\n"
        "一是突出链式招商，围绕新能源产业链精准招引\n二是突出以商招商。",
        "fixed": None,
        "tags": [],
    },
    {
        "label": "clean_article",
        "comment": "negative: a clean article with headings, lists, a table and links is untouched",
        "original": CLEAN,
        "fixed": None,
        "tags": [],
    },
    {
        "label": "setext_and_hashtag",
        "comment": "a setext underline is layout; a #hashtag# is text",
        "original": "石榴产业发展大会\n========\n#峄城石榴# 第十届石榴产业发展大会开幕。",
        "fixed": "石榴产业发展大会\n#峄城石榴# 第十届石榴产业发展大会开幕。",
        "tags": ["headings"],
    },
]


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_cases(case: dict) -> None:
    fixed = repair_layout(case["original"])
    expected = case["fixed"] if case["fixed"] is not None else case["original"]
    assert fixed.text == expected
    assert [r.tag for r in fixed.repairs] == case["tags"]


def test_reflow_detail_names_each_break() -> None:
    fixed = repair_layout(COLUMN_BREAK)
    detail = next(r.detail for r in fixed.repairs if r.tag == "reflow")
    assert "新能源|汽车零部" in detail
    assert "推动重点|项目早开" in detail
    assert "moved" in detail and "划目标任|务的重要" in detail


def _hard_wrap(paragraphs: list[str], width: int) -> str:
    """Wrap each paragraph at ``width`` display columns, as an e-paper text export does."""
    lines: list[str] = []
    for para in paragraphs:
        line = ""
        for char in para:
            if display_width(line + char) > width:
                lines.append(line)
                line = ""
            line += char
        lines.append(line)
    return "\n".join(lines)


WRAPPED_PARAGRAPHS = [
    "台儿庄区：运河经济带动全域发展",
    "今年以来，台儿庄区依托运河文化资源，大力发展文旅融合产业，古城年接待游客突破800万人次，旅游综合收入达到65.2亿元",
    "，同比增长23.6%。",
    "项目建设方面，全区实施省市重点项目31个，总投资215亿元，其中新材料产业园一期已建成投产，年产值可达30亿元，带动就业2000余人",
    "，二期工程正在加紧建设。",
    "下一步",
    "台儿庄区将持续擦亮运河文化品牌，推动文旅产业提档升级，为全市高质量发展贡献更多力量。",
]


def test_hard_wrapped_text_is_reflowed() -> None:
    paragraphs = [
        WRAPPED_PARAGRAPHS[0],
        WRAPPED_PARAGRAPHS[1] + WRAPPED_PARAGRAPHS[2],
        WRAPPED_PARAGRAPHS[3] + WRAPPED_PARAGRAPHS[4],
        WRAPPED_PARAGRAPHS[6],
    ]
    fixed = repair_layout(_hard_wrap(paragraphs, 30))
    out = fixed.text.split("\n")
    assert out[0] == paragraphs[0]  # the short heading stays alone
    sentences = [s for p in paragraphs[1:] for s in re.split(r"(?<=。)", p) if s]
    for sentence in sentences:  # no sentence is left broken across lines
        assert any(sentence in line for line in out), sentence
    assert "reflow" in [r.tag for r in fixed.repairs]


def test_table_of_short_rows_is_not_taken_for_hard_wrap() -> None:
    rows = "\n".join(
        f"{name}    {value}"
        for name, value in [
            ("地区生产总值完成情况", "326.8亿元，增长6.3%"),
            ("规上工业增加值增长", "9.1%，高于全市"),
            ("固定资产投资完成额", "增长7.2%，居全市"),
            ("社会消费品零售总额", "增长5.5%，稳中有升"),
            ("一般公共预算收入", "21.6亿元，增长8%"),
            ("进出口总额完成", "58.3亿元，增长12%"),
        ]
    )
    assert repair_layout(rows).text == rows


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("聚力实施工业倍增", "heading"),
        ("产业发展 坚持“工业强区”不动摇", "heading"),
        ("回顾2024：稳中求进，交出满意答卷", "short"),
        ("（一）强化招商引资", "list"),
        ("今年以来，全区经济运行稳中向好。", "prose"),
        ("记者 孙立 通讯员 王芳", "heading"),
    ],
)
def test_line_kind(line: str, kind: str) -> None:
    assert line_kind(line) == kind


def test_dictionary_evidence_joins_a_short_fragment() -> None:
    # "新能|源" — a dictionary word (能源) spans the break of a short comma-bearing line.
    assert continuation_reason("作为省重大项目，山东泉华新能", "源科技有限公司年产10GW电池项目开工。") == "dictionary"


# --- properties -----------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "今年以来",
        "全区",
        "经济运行",
        "稳中向好",
        "新签约项目",
        "41个",
        "总投资",
        "186.3亿元",
        "锂电",
        "产业集群",
        "目标任",
        "务的关键一年",
        "，",
        "。",
        "、",
        "：",
        "“四上”",
        "## ",
        "- ",
        "一是",
        "\n",
        "\n\n",
        "\r\n",
        "\u3000\u3000",
        " ",
    ]
)
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


def _visible(text: str) -> Counter:
    """Characters that must survive layout repair: everything but whitespace and heading marks."""
    return Counter(c for c in text if not c.isspace() and c not in "#=" and unicodedata.category(c) != "Zs")


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_properties(text: str) -> None:
    fixed = repair_layout(text)
    out = fixed.text
    assert "\r" not in out and "\n\n" not in out
    assert all(line == line.strip() and line for line in out.split("\n")) or out == ""
    assert _visible(out) == _visible(text)  # nothing lost or invented, only moved
    assert repair_layout(out).text == out  # idempotent
    assert fixed.repairs or out == text.strip()


# --- seeds (read from ../shared, never copied) ------------------------------------------------


def _seed(prefix: str) -> str:
    files = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip("seed articles not available")
    return files[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", ["001", "003", "004"])
def test_seeds_with_one_paragraph_per_line_are_untouched(prefix: str) -> None:
    text = _seed(prefix)
    fixed = repair_layout(text)
    assert fixed.text == text.strip()
    assert fixed.repairs == []


def test_seed_000_only_loses_blank_lines() -> None:
    text = _seed("000")
    fixed = repair_layout(text)
    assert [r.tag for r in fixed.repairs] == ["line_breaks"]
    assert fixed.text.split("\n") == [line.strip() for line in text.split("\n") if line.strip()]


def test_seed_002_layout_gold_checks() -> None:
    text = _seed("002")
    if not GOLD_CHECKS.exists():
        pytest.skip("gold checks not available")
    with GOLD_CHECKS.open(encoding="utf-8") as f:
        checks = [
            row
            for row in csv.DictReader(f)
            if row["file"] == "002" and ("rejoined" in row["note"] or "heading marks" in row["note"])
        ]
    assert checks
    fixed = repair_layout(text)
    for row in checks:
        if row["check"] == "present":
            assert row["pattern"] in fixed.text, row["note"]
        elif row["check"] == "absent":
            assert row["pattern"] not in fixed.text, row["note"]
    tags = [r.tag for r in fixed.repairs]
    assert tags == ["line_breaks", "headings", "reflow"]
    # Headings stay paragraphs of their own; no line got longer than the sum of what it joined.
    assert len(fixed.text.split("\n")) == len([line for line in text.split("\n") if line.strip()]) - 3
