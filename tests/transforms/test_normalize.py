"""Tests for transforms.normalize: control characters, width, punctuation and acronyms."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.normalize import (
    _FW_DOT_RE,
    _SENTENCE_DOT_RE,
    _WIDTH_TABLE,
    _curl_quotes,
    _narrow_numbers,
    _protected,
    _widen_marks,
    _widen_parentheses,
    canonicalize_punctuation,
    normalize_text,
    normalize_width,
    restore_acronyms,
    strip_controls,
)
from transforms.repairs import Fixed, Repair

SEEDS = Path(__file__).parents[2] / "../shared/seeds"

# --- normalize_width -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("２０２５年上半年", "2025年上半年"),
        ("ＧＤＰ增长６．５％", "GDP增长6.5%"),
        ("网址ｗｗｗ．ｅｘａｍｐｌｅ．ｃｎ", "网址www.example.cn"),
        ("Ａ＋Ｂ＝Ｃ", "A+B=C"),
        ("１－５月", "1-5月"),
        ("半角句号｡半角顿号､", "半角句号。半角顿号、"),
    ],
)
def test_width_makes_letters_digits_symbols_ascii(before: str, after: str) -> None:
    fixed = normalize_width(before)
    assert fixed.text == after
    assert [r.tag for r in fixed.repairs] == ["width"]


@pytest.mark.parametrize(
    "text",
    [
        "增长，高出；是否？好！（附件）：［注］｛甲｝１～３",  # CJK punctuation keeps its width
        "　　段首缩进和标题　间隔",  # ideographic space is layout, left alone
        "已经是半角 GDP 6.5%",
        "结束．",  # ．not between letters/digits
    ],
)
def test_width_leaves_cjk_punctuation(text: str) -> None:
    fixed = normalize_width(text)
    for ch in "，；？！（）：［］｛｝～　．":
        assert fixed.text.count(ch) == text.count(ch)


def test_width_counts() -> None:
    assert normalize_width("ＡＢ").repairs[0].detail == "2 full-width characters made ASCII"


# --- canonicalize_punctuation -------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("上半年,全省经济稳中向好", "上半年，全省经济稳中向好"),
        ("一是抓项目;二是抓招商", "一是抓项目；二是抓招商"),
        ("记者:张三", "记者：张三"),
        ("怎么办?干!", "怎么办？干！"),
        ("真的吗?!", "真的吗？！"),
        ("增长7.9% ,高出全省", "增长7.9%，高出全省"),  # spaces around a widened mark go
        ("上涨3.4%;1-5月", "上涨3.4%；1-5月"),  # numbers are looked past
        ("签约项目(含续建)12个", "签约项目（含续建）12个"),
        ("(来源:本报讯)", "（来源：本报讯）"),
        ('打造"工业强区"品牌', "打造“工业强区”品牌"),
        ('“招商引资年"活动', "“招商引资年”活动"),  # mixed pair closes correctly
        ("工作圆满完成.", "工作圆满完成。"),
        ("他说：“完成了.”", "他说：“完成了。”"),
        ("共计1，350户", "共计1,350户"),
        ("上午10：30召开", "上午10:30召开"),
        ("提高3．7个点", "提高3.7个点"),
    ],
)
def test_punctuation_widened_in_chinese_context(before: str, after: str) -> None:
    fixed = canonicalize_punctuation(before)
    assert fixed.text == after
    assert [r.tag for r in fixed.repairs] == ["punctuation"]


@pytest.mark.parametrize(
    "text",
    [
        "产值达1,000亿元",  # thousands separator
        "增长3.5%",  # decimal point
        "会议于10:30开始",  # clock time
        "异质结(HJT)电池与(GDP)",  # all-ASCII parentheses stay ASCII
        "（GDP）全角也保留",
        "第(1)项",
        "GDP, CPI and PPI: all up!",  # English
        "详见https://example.cn/a?x=1,y=2;z=3 网页",  # URL
        "联系mail@example.cn",
        "约翰.史密斯来访",  # a dot between Han may be a name separator
        "等等...",
        '他说"好',  # unbalanced quote: not guessed
        "It's 'fine'",
        "",
    ],
)
def test_punctuation_left_alone(text: str) -> None:
    assert canonicalize_punctuation(text) == (text, [])


def test_line_indent_is_kept() -> None:
    assert canonicalize_punctuation("  ,开头").text == "  ，开头"


# --- restore_acronyms ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("全县gdp增长5%", "全县GDP增长5%"),
        ("经济总量(gdp)", "经济总量(GDP)"),
        ("新建20gwh储能电站", "新建20GWh储能电站"),
        ("年产1.5gwh电池", "年产1.5GWh电池"),
        ("精工3gwh pack项目", "精工3GWh PACK项目"),
        ("micro oled显示", "Micro OLED显示"),
        ("micro-oled显示", "Micro-OLED显示"),
        ("入选5g 应用标杆", "入选5G 应用标杆"),
        ("取得aa+评级", "取得aa+评级"),  # aa+ is not in the vocabulary as written
        ("取得aaa评级", "取得AAA评级"),
        ("cpi和ppi双双回落", "CPI和PPI双双回落"),
        ("发展it产业", "发展IT产业"),
    ],
)
def test_acronyms_restored_in_lowercased_source(before: str, after: str) -> None:
    fixed = restore_acronyms(before)
    assert fixed.text == after
    assert bool(fixed.repairs) == (before != after)
    if fixed.repairs:
        assert fixed.repairs[0].tag == "acronyms"


@pytest.mark.parametrize(
    "text",
    [
        "All GDP figures: 每份5g",  # upper case present: 5g (grams) not a lower-cased source
        "GDP增长，电池pack环节",  # ambiguous word, source not lower-cased
        "some rights reserved",  # English
        "the gdp grew",  # a known acronym inside English words stays
        "xyz100快充桩",  # unknown model number
        "访问www.gdp.cn或gdp@example.cn",  # URL / e-mail
        "GDP增长，30GWh",  # already canonical
        "Gdp增长",  # a capital: written on purpose
        "it's fine",
        "单价15g每份",  # grams, unknown token
    ],
)
def test_acronyms_left_alone(text: str) -> None:
    assert restore_acronyms(text) == (text, [])


def test_ambiguous_entries_need_chinese_next_to_them() -> None:
    assert restore_acronyms("pack it").text == "pack it"
    assert restore_acronyms("发展 it 产业").text == "发展 IT 产业"


def test_acronym_detail_lists_examples() -> None:
    detail = restore_acronyms("gdp和gdp，cpi").repairs[0].detail
    assert detail.startswith("restored 3 acronym runs")
    assert "gdp→GDP ×2" in detail


# --- strip_controls ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("前三季度，\x00全市增长5.9%。", "前三季度，全市增长5.9%。"),  # a stray NUL byte
        ("第一页结束。\x0c第二页开始。", "第一页结束。\n第二页开始。"),  # a PDF export's page break
        ("项目名称\x0b总投资12亿元", "项目名称\n总投资12亿元"),  # Word's manual line break
        ("\x1b[1m重点项目\x1b[0m", "[1m重点项目[0m"),  # ESC goes; what it introduced is text
        ("增长\x7f5.9%\x85", "增长5.9%"),  # DEL and a C1 control left over after the mojibake repair
    ],
)
def test_controls_removed_and_page_breaks_become_line_breaks(before: str, after: str) -> None:
    fixed = strip_controls(before)
    assert fixed.text == after
    assert [r.tag for r in fixed.repairs] == ["control_characters"]


def test_tab_and_newlines_are_not_controls_to_strip() -> None:
    assert strip_controls("表1\t地区\r\n增长\n") == ("表1\t地区\r\n增长\n", [])


def test_control_detail_counts_what_went() -> None:
    detail = strip_controls("甲\x00乙\x00丙\x0c丁").repairs[0].detail
    assert detail == "made 1 a line break, removed 2 control characters (U+0000 ×2, U+000C ×1)"


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from([*"增长产业区，。 \t\n\r", *map(chr, range(0x20)), *map(chr, range(0x7F, 0xA0))]))
)
def test_no_control_survives(text: str) -> None:
    cleaned = strip_controls(text).text
    assert not any((ord(ch) < 0x20 and ch not in "\t\n\r") or 0x7F <= ord(ch) < 0xA0 for ch in cleaned)
    assert strip_controls(cleaned) == (cleaned, [])


# --- normalize_text and properties -------------------------------------------------------


def test_normalize_text_order_and_tags() -> None:
    fixed = normalize_text("ｇｄｐ增长５％,好.")
    assert fixed.text == "GDP增长5%，好。"
    assert [r.tag for r in fixed.repairs] == ["width", "acronyms", "punctuation"]
    # Controls go first: a form feed is a line break before the other fixes read the text.
    fixed = normalize_text("全年\x0cｇｄｐ增长5%,好")
    assert fixed.text == "全年\nGDP增长5%，好"
    assert [r.tag for r in fixed.repairs] == ["control_characters", "width", "acronyms", "punctuation"]


_PIECES = [
    *"增长产业区中文abgdpwhk GDP0123456789.,，:：;；?？!！()（）\"“”'%．１Ａ＂\n\t/@-…—",
    *["gdp", "gwh", "pack", "http://a.cn/", "1，000", "10：30", "\x00", "\x0c", "\x0b", "\x1b", "\x85"],
]
_MESSY = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
_CLEAN = st.text(alphabet=st.sampled_from(list("产业园区发展绿色低碳项目建设，。、；：“”（）！？《》")), max_size=60)


@settings(max_examples=400, deadline=None)
@given(_MESSY)
def test_each_fix_never_raises_and_is_idempotent(text: str) -> None:
    for fix in (strip_controls, normalize_width, restore_acronyms, canonicalize_punctuation, normalize_text):
        once = fix(text)
        assert fix(once.text) == (once.text, []), fix.__name__
        assert bool(once.repairs) == (once.text != text)


@settings(max_examples=200, deadline=None)
@given(_CLEAN)
def test_canonical_simplified_text_is_unchanged(text: str) -> None:
    assert normalize_text(text) == (text, [])


def _every_line(text: str) -> Fixed:
    """canonicalize_punctuation without its fast paths: every fix on every line with Chinese."""
    counts: Counter[str] = Counter()
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if line.isascii():
            continue
        line = _curl_quotes(line, counts)
        spans = _protected(line)
        line = _widen_parentheses(line, spans, counts)
        line = _widen_marks(line, spans, counts)
        line, dots = _SENTENCE_DOT_RE.subn("。", line)
        counts["."] += dots
        lines[n] = _narrow_numbers(line, counts)
    new = "\n".join(lines)
    if new == text:
        return Fixed(text, [])
    top = ", ".join(f"{k} ×{v}" for k, v in counts.most_common() if v)
    return Fixed(new, [Repair("punctuation", f"canonical Chinese punctuation: {top}")])


_LINES = st.lists(_MESSY, max_size=6).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(_LINES)
def test_punctuation_fast_paths_change_nothing(text: str) -> None:
    assert canonicalize_punctuation(text) == _every_line(text)


def test_punctuation_detail_lists_ties_in_the_same_order() -> None:
    # The first line needs no work; counting full stops still starts there, before the quotes.
    text = '全市经济平稳\n他说"好"，完成.\n再说完成.'
    fixed = canonicalize_punctuation(text)
    assert fixed == _every_line(text)
    assert fixed.repairs[0].detail == 'canonical Chinese punctuation: . ×2, " ×2'


@settings(max_examples=300, deadline=None)
@given(_MESSY)
def test_width_fast_path_changes_nothing(text: str) -> None:
    narrowed = _FW_DOT_RE.sub(".", text.translate(_WIDTH_TABLE))
    assert normalize_width(text).text == narrowed


# --- seeds --------------------------------------------------------------------------------


def _seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip(f"seed {prefix} is absent")
    return paths[0].read_text("utf-8")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_normalise_idempotently(prefix: str) -> None:
    once = normalize_text(_seed(prefix))
    assert normalize_text(once.text) == (once.text, [])


def test_seed_000_acronyms_restored() -> None:
    fixed = restore_acronyms(_seed("000"))
    assert "GDP" in fixed.text
    assert "gdp" not in fixed.text
    assert re.search(r"[a-z]{3,} [a-z]{3,} [a-z]{3,}", fixed.text)  # English words stay lower case


def test_seed_003_keeps_ascii_parentheses_around_acronym() -> None:
    fixed = canonicalize_punctuation(_seed("003"))
    assert "(HJT)" in fixed.text


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_seeds_in_normal_case_keep_their_latin(prefix: str) -> None:
    raw = _seed(prefix)
    assert restore_acronyms(raw) == (raw, [])
