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

## 山亭区：生态底色托起绿色产业

通讯员 赵晓峰

### 产业升级 厚植发展根基

今年以来，山亭区立足生态资源禀赋，深入实施工业强区战略，全区规上工业增加值同比增长8.6%，新能源

汽车零部件产业加速集聚，成为拉动经济增长的重要力量。

围绕主导产业精准招商，全年新签约过亿元项目41个，总投资186.3亿元。强化土地、资金等要素保障，推动重点

项目早落地、早见效，全区“四上”企业达到215家。

深化“一窗受理”改革，涉企事项全程网办比例超过九成，市场主体活力持续增强。

产，力争年内全部达效，为全年经济稳定增长提供有力支撑。

### 乘势而上 再创发展佳绩

下一阶段，山亭区将紧盯在建项目，确保项目早开工、早投

"""
COLUMN_BREAK_FIXED = "\n".join(
    [
        "山亭区：生态底色托起绿色产业",
        "通讯员 赵晓峰",
        "产业升级 厚植发展根基",
        "今年以来，山亭区立足生态资源禀赋，深入实施工业强区战略，全区规上工业增加值同比增长8.6%，"
        "新能源汽车零部件产业加速集聚，成为拉动经济增长的重要力量。",
        "围绕主导产业精准招商，全年新签约过亿元项目41个，总投资186.3亿元。强化土地、资金等要素保障，"
        "推动重点项目早落地、早见效，全区“四上”企业达到215家。",
        "深化“一窗受理”改革，涉企事项全程网办比例超过九成，市场主体活力持续增强。",
        "乘势而上 再创发展佳绩",
        "下一阶段，山亭区将紧盯在建项目，确保项目早开工、早投产，力争年内全部达效，为全年经济稳定增长提供有力支撑。",
    ]
)

TRADITIONAL_DISPLACED = """項目攻堅 跑出發展加速度
今年以來，薛城區堅持項目為王，新開工過億元項目32個，完成投資46.8億元。
產，力爭年內全部達效，為全年經濟穩定增長提供有力支撐。
乘勢而上 再創發展佳績
下一階段，薛城區將緊盯在建項目，確保項目早開工、早投"""
TRADITIONAL_DISPLACED_FIXED = """項目攻堅 跑出發展加速度
今年以來，薛城區堅持項目為王，新開工過億元項目32個，完成投資46.8億元。
乘勢而上 再創發展佳績
下一階段，薛城區將緊盯在建項目，確保項目早開工、早投產，力爭年內全部達效，為全年經濟穩定增長提供有力支撐。"""

INDENTED_CRLF = (
    "\u3000\u3000近日，记者走进峄城区经济开发区，只见一排排标准化厂房拔地而起，生产车间里机器轰鸣，处处涌动着发展热潮。\r\n"
    "\u3000\u3000围绕石榴产业，峄城区坚持全链条培育、全要素保障，推动种植、加工、文旅深度融合，全区石榴\r\n"
    "种植面积达到18万亩，综合产值突破60亿元。\r\n"
    "\r\n"
    "\u3000\u3000下一步，峄城区将继续做强特色产业，带动群众增收致富，以实实在在的发展成果回应群众期盼\r\n"
    "\u3000\u3000记者 孙立\r\n"
)
INDENTED_CRLF_FIXED = "\n".join(
    [
        "近日，记者走进峄城区经济开发区，只见一排排标准化厂房拔地而起，生产车间里机器轰鸣，处处涌动着发展热潮。",
        "围绕石榴产业，峄城区坚持全链条培育、全要素保障，推动种植、加工、文旅深度融合，"
        "全区石榴种植面积达到18万亩，综合产值突破60亿元。",
        "下一步，峄城区将继续做强特色产业，带动群众增收致富，以实实在在的发展成果回应群众期盼",
        "记者 孙立",
    ]
)

# A clean article: one paragraph per line, headings (two in a row, too), a list, a table, links, a source line.
CLEAN = """峄城区：石榴产业富民强村
记者 孙立 通讯员 王芳
回望2023：稳字当头，进字为先
今年以来，峄城区坚持产业兴区，地区生产总值同比增长6.3%。
聚焦产业升级
培育发展新动能
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
- 推荐阅读
- 往期回顾
峄城区召开经济运行分析会 01-15
峄城区石榴产业发展大会开幕 12-28
(来源：鲁南日报)"""

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
        "original": "作为市级重点项目，\n鲁南智造装备有限公司年产5万台农机项目进展顺利，预计年底投产。",
        "fixed": "作为市级重点项目，鲁南智造装备有限公司年产5万台农机项目进展顺利，预计年底投产。",
        "tags": ["reflow"],
    },
    {
        "label": "continuation_punctuation",
        "comment": "no sentence starts with a comma",
        "original": "2023年是台儿庄区项目建设提速增效的一年\n，全区新开工项目31个。",
        "fixed": "2023年是台儿庄区项目建设提速增效的一年，全区新开工项目31个。",
        "tags": ["reflow"],
    },
    {
        "label": "quoted_term_at_break",
        "comment": "a closing quote after a term does not end the sentence",
        "original": "全区推行“链长制”，为新材料、新能源两条产业链分别绘制“产业图谱”\n"
        "精准招引上下游企业12家，带动新增投资20亿元。",
        "fixed": "全区推行“链长制”，为新材料、新能源两条产业链分别绘制“产业图谱”"
        "精准招引上下游企业12家，带动新增投资20亿元。",
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
        "original": "回望2023：稳字当头，进字为先\n过去的一年，全区上下团结奋进，交出了一份亮眼答卷。",
        "fixed": None,
        "tags": [],
    },
    {
        "label": "two_headings",
        "comment": "negative: a two-line heading stays two lines",
        "original": "聚焦乡村振兴\n绘就和美乡村新画卷\n近日，记者走进山亭区徐庄镇，只见一片片果园连绵起伏。",
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
        "label": "table_rows",
        "comment": "negative: table rows (as transforms.html writes them) are never joined",
        "original": "| 指标 | 总量 | 增速 |\n| 地区生产总值 | 812.6亿元，居全市第二，高于全省 | 6.1% |\n"
        "| 一般公共预算收入 | 58.2亿元，增长较快，税收占比提高 | 5.6% |\n全年经济运行稳中向好。",
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
    assert "推动重点|项目早落" in detail
    assert "moved" in detail and "工、早投|产，力争" in detail


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
        ("聚焦主导产业", "heading"),
        ("产业发展 坚持“制造强区”不放松", "heading"),
        ("回望2023：稳字当头，进字为先", "short"),
        ("（一）强化招商引资", "list"),
        ("今年以来，全区经济运行稳中向好。", "prose"),
        ("记者 孙立 通讯员 王芳", "heading"),
    ],
)
def test_line_kind(line: str, kind: str) -> None:
    assert line_kind(line) == kind


def test_dictionary_evidence_joins_a_short_fragment() -> None:
    # "新能|源" — a dictionary word (新能源) spans the break of a short comma-bearing line.
    reason = continuation_reason("作为市级重点项目，鲁南新能", "源装备有限公司年产5万套电池托盘项目开工。")
    assert reason == "dictionary"


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
        "早投",
        "产，力争年内",
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
    if "\u3000" not in text:
        # Idempotent — except where indentation marked paragraph starts: the output carries no
        # indentation, so a second pass may join what the first kept apart on that evidence.
        assert repair_layout(out).text == out
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


# --- fast paths (the same answers as the plain definitions) ------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from("枣庄GDP，。　ＡＢ１２가각ｶ"))))
def test_display_width_counts_wide_characters_twice(line: str) -> None:
    assert display_width(line) == sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _plain_wrap_width(widths: list[int], texts: list[str]) -> int | None:
    """_wrap_width as first written: every window counted afresh."""
    from transforms.layout import _CLAUSE_PUNCT, WRAP_MIN_WIDTH, WRAP_TOLERANCE, end_class

    if len(widths) < 6:
        return None
    per_width = Counter(widths)
    best_width, best_count = 0, 0
    for width in sorted(per_width):
        if width < WRAP_MIN_WIDTH:
            continue
        count = sum(per_width[w] for w in range(width - WRAP_TOLERANCE, width + 1))
        if count >= best_count:
            best_width, best_count = width, count
    if best_count < 4 or best_count < 0.4 * len(widths):
        return None
    if sum(w > best_width + 2 for w in widths) > 0.05 * len(widths):
        return None
    full = [t for t, w in zip(texts, widths, strict=True) if best_width - WRAP_TOLERANCE <= w <= best_width]
    if sum(end_class(t) != "terminal" for t in full) < 0.5 * len(full):
        return None
    if sum(bool(_CLAUSE_PUNCT.search(t)) for t in full) < 0.5 * len(full):
        return None
    return best_width


_WRAPPED_LINES = st.lists(
    st.tuples(st.integers(0, 60), st.sampled_from(["推进项目建设，", "增长6%。", "聚焦主导产业"])), max_size=30
)


@settings(max_examples=400, deadline=None)
@given(_WRAPPED_LINES)
def test_wrap_width_equals_counting_every_window(lines: list[tuple[int, str]]) -> None:
    from transforms.layout import _Para, _wrap_width

    paras = [_Para(text, False, False, width) for width, text in lines]
    assert _wrap_width(paras) == _plain_wrap_width([w for w, _ in lines], [t for _, t in lines])


# Ideographs jieba's tokenizer does not read as Chinese (extension A, U+9FD6–9FFF, compatibility) among common ones.
_WINDOW_CHARS = [*"全年目标任务项目建设经济发展", "\u3400", "\u9fe0", "\uf900", "\u4e00"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(_WINDOW_CHARS), max_size=10))
def test_windows_are_cut_as_jieba_cuts_them(window: str) -> None:
    import jieba

    from transforms.layout import _segment

    jieba.setLogLevel(60)
    assert _segment(window) == tuple(jieba.dt.cut(window, HMM=False))
