"""Boilerplate and SEO-spam removal: page furniture goes, the article stays whole.

Fixtures are pages written for these tests in the shapes Chinese news sites and
newspaper pages take; the seed articles are only read from ``../shared/seeds``
(and the test skips when they are absent).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.boilerplate import Stripped, find_spam_names, strip_boilerplate
from transforms.metadata import extract_metadata

SHARED = Path(__file__).resolve().parents[2] / "../shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"

BODY = [
    "今年以来，全市上下坚持稳中求进工作总基调，经济运行持续回升向好，主要指标好于预期。",
    "前三季度，全市地区生产总值完成2156.3亿元，同比增长6.1%；规上工业增加值增长8.4%。",
    "下一步，全市将聚焦重点项目建设，持续优化营商环境，确保完成全年目标任务。",
]


def page(*parts: str) -> str:
    return "\n".join(parts)


def clean(text: str) -> Stripped:
    return strip_boilerplate(text)


def assert_body_whole(out: str) -> None:
    for para in BODY:
        assert para in out


# --------------------------------------------------------------------------
# web pages


def test_web_page_header_widgets_footer() -> None:
    text = page(
        "首页 > 财经频道 > 正文",
        "首页 新闻 财经 体育 娱乐 汽车 房产",
        "全市经济运行稳中向好",
        "2024-03-05 10:30　来源：某某日报　【字号：大 中 小】【打印】",
        "分享到：微信 微博 QQ空间",
        *BODY,
        "责任编辑：李四",
        "【关闭窗口】",
        "网友评论",
        "我来说两句",
        "关于我们 | 联系我们 | 网站地图 | 广告服务",
        "Copyright © 2008-2024 某某网 All Rights Reserved",
        "鲁ICP备12345678号  鲁公网安备 37010202000001号",
        "地址：某某市某某路100号  邮编：250000",
        "联系电话：0531-12345678",
    )
    out = clean(text)
    assert_body_whole(out.text)
    for gone in (
        "首页",
        "分享到",
        "字号",
        "打印",
        "关闭窗口",
        "网友评论",
        "我来说两句",
        "网站地图",
        "Copyright",
        "ICP",
        "邮编",
        "0531-12345678",
        "娱乐",
    ):
        assert gone not in out.text, gone
    # metadata lines are left for extract_metadata
    assert "来源：某某日报" in out.text and "责任编辑：李四" in out.text
    assert "全市经济运行稳中向好" in out.text
    assert out.flags == []
    assert [r.tag for r in out.repairs] == ["boilerplate"]


def test_related_links_in_the_tail_go_with_their_items() -> None:
    text = page(
        *BODY,
        "（编辑：王小明）",
        "- 相关阅读",
        "- 某某区召开优化营商环境大会 01-05",
        "- 某某县一季度经济数据发布 2024-04-18",
        "热点推荐",
        "全市重点项目集中开工",
    )
    out = clean(text)
    assert_body_whole(out.text)
    assert "相关阅读" not in out.text and "营商环境大会" not in out.text and "热点推荐" not in out.text
    assert "全市重点项目集中开工" not in out.text
    assert "（编辑：王小明）" in out.text


def test_traditional_full_width_page() -> None:
    text = page(
        "全市經濟運行穩中向好",
        "來源：某某日報",
        "【字體：大 中 小】【列印】",
        "今年以來，全市上下堅持穩中求進工作總基調，經濟運行持續回升向好，主要指標好於預期。",
        "責任編輯：陳小美",
        "- 熱點推薦",
        "- 相關閱讀",
        "某某區召開優化營商環境大會 01-05",
        "版權所有：某某網  未經授權禁止轉載",
    )
    out = clean(text).text
    assert "經濟運行持續回升向好，主要指標好於預期。" in out
    for gone in ("熱點推薦", "相關閱讀", "營商環境大會", "版權所有", "字體", "列印"):
        assert gone not in out
    assert "責任編輯：陳小美" in out and "來源：某某日報" in out


def test_newspaper_page_header_keeps_masthead_and_title() -> None:
    text = page(
        "",
        "找记者 上大众",
        "读者热线>>>",
        "96706",
        "大众日报 2024.3.5 星期二",
        "",
        "## 全市经济运行稳中向好",
        "",
        "### 一季度开门红",
        *BODY,
    )
    out = clean(text).text
    assert "找记者" not in out and "读者热线" not in out and "96706" not in out
    assert "大众日报 2024.3.5 星期二" in out  # metadata moves it
    assert "## 全市经济运行稳中向好" in out  # the title heading is read by extract_metadata
    assert "### " not in out and "一季度开门红" in out
    assert_body_whole(out)


# --------------------------------------------------------------------------
# SEO spam


def test_seo_spam_in_title_and_footer() -> None:
    text = page(
        "全市经济运行稳中向好_皇冠8网",
        "来源：某某日报",
        *BODY,
        "想爆料？请拨打新闻热线0531-1234567，诚邀皇冠8网的合作伙伴。",
        "皇冠8网的版权所有：某某日报社",
        "金沙娱乐城的技术支持",
    )
    out = clean(text)
    assert out.flags == ["seo_spam"]
    assert out.text.splitlines()[0] == "全市经济运行稳中向好"
    for gone in ("皇冠", "娱乐城", "版权所有", "想爆料"):
        assert gone not in out.text
    assert_body_whole(out.text)
    spam = [r for r in out.repairs if r.tag == "seo_spam"]
    assert spam and "皇冠8网" in spam[0].detail


def test_spam_name_without_gambling_word_caught_by_recurrence() -> None:
    text = page("全市经济运行稳中向好-好运来8站", *BODY, "好运来8站的技术支持", "好运来8站的版权所有")
    assert find_spam_names(text) == ["好运来8站"]
    assert clean(text).text.splitlines()[0] == "全市经济运行稳中向好"


@pytest.mark.parametrize(
    "text",
    [
        page("全市经济运行稳中向好_齐鲁网", *BODY, "齐鲁网版权所有"),  # the outlet's own name is no spam
        page(*BODY, "全市体育彩票销售额达12.5亿元，同比增长8.3%，福利彩票销售额增长5.1%。"),
        page("皇冠假日酒店项目签约", *BODY),
        page("澳门特区经济稳步复苏", *BODY),
        # a company named in the title and in "X的合作伙伴" is no injected site name
        page("宁德时代签约新项目", *BODY, "宁德时代的合作伙伴"),
        page("精彩3分钟看懂一季度经济", *BODY, "彩虹城项目开工"),
    ],
)
def test_no_spam_in_ordinary_pages(text: str) -> None:
    out = clean(text)
    assert out.flags == []
    assert find_spam_names(text) == []


# --------------------------------------------------------------------------
# the body must survive


@pytest.mark.parametrize(
    "line",
    [
        # prose that mentions footer or header words is prose
        "记者从市版权局获悉，今年全市作品登记量同比增长12%，版权所有人维权意识明显增强，相关新闻发布会将于下周举行。",
        "据介绍，新建的游客服务中心设有网友评论墙和打印服务区，并公布了联系电话，方便市民咨询办理相关业务。",
        "全市新增市场主体1.68万户，其中首页展示的重点企业名单已在政务网站公布，接受社会监督。",
    ],
)
def test_prose_with_keywords_survives_in_the_tail(line: str) -> None:
    text = page(*BODY, line, "版权所有 某某网")
    out = clean(text).text
    assert line in out
    assert "版权所有 某某网" not in out


def test_short_body_lines_without_a_heading_survive() -> None:
    # short closing lines are kept unless a related-links heading claims them
    text = page(*BODY, "奋楫争先正当时", "砥砺前行谱新篇")
    assert clean(text).text == text


def test_subheadings_in_the_middle_survive() -> None:
    text = page(BODY[0], "相关产业加快集聚", BODY[1], "热点领域持续突破", BODY[2])
    assert clean(text).text == text


_CJK_TEXT = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=8, max_size=60)
_PARAGRAPH = st.builds(lambda a, b: f"{a}，{b}。", _CJK_TEXT, _CJK_TEXT)


@settings(max_examples=60, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=6))
def test_plain_prose_is_never_touched(paragraphs: list[str]) -> None:
    text = "\n".join(paragraphs)
    out = clean(text)
    assert out.text == text
    assert out.repairs == [] and out.flags == []


@settings(max_examples=40, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=5))
def test_footer_goes_and_prose_stays(paragraphs: list[str]) -> None:
    text = "\n".join([*paragraphs, "网友评论", "版权所有 © 某某网", "网站地图"])
    assert clean(text).text == "\n".join(paragraphs)


def test_idempotent() -> None:
    text = page("首页 > 正文", "标题-新全讯9网", "来源：某某网", *BODY, "相关新闻", "某地经济向好", "版权所有")
    once = clean(text).text
    again = clean(once)
    assert again.text == once and again.repairs == []


# --------------------------------------------------------------------------
# the seeds (../shared/gold/seed_text_checks.csv) and the repo's invented samples (samples/gold/text_checks.csv)

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _article(directory: Path, key: str) -> Path | None:
    """The article file a gold key names (``000`` → ``000_8a5c….txt``); markup pages are the HTML stage's."""
    if not directory.is_dir():
        return None
    found = sorted(p for p in directory.glob(f"{key}*.txt") if p.stem == key or p.stem.startswith(key + "_"))
    return found[0] if found else None


def full_width(text: str) -> str:
    """What the normaliser does to punctuation next to Chinese: , : ; ! ? ( ) become full-width."""
    table = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
    cjk = r"[\u4e00-\u9fff“”]"
    return re.sub(rf"(?<={cjk})[,:;!?()]|[,:;!?()](?={cjk})", lambda m: table[m.group()], text)


def nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s or "")


_SETS = (
    ("seed", SEEDS, GOLD / "seed_text_checks.csv"),
    ("sample", SAMPLES / "articles", SAMPLES / "gold/text_checks.csv"),
)
_CHECKS = [
    pytest.param(path, row, width, id=f"{kind}-{row['file']}-{n}-{width}")
    for kind, directory, gold in _SETS
    for n, row in enumerate(_read(gold))
    if (path := _article(directory, row["file"]))
    for width in ("as-is", "full-width")
]


@cache
def _cleaned(path: Path, width: str) -> tuple[str, str, str, str]:
    """(input, body, title, title and authors) of one article after both stages, NFKC-folded but the input."""
    raw = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    text = full_width(raw) if width == "full-width" else raw
    meta, fixed = extract_metadata(strip_boilerplate(text).text)
    return text, nfkc(fixed.text), nfkc(meta.title or ""), nfkc(" ".join([meta.title or "", *meta.authors]))


@pytest.mark.parametrize(("path", "check", "width"), _CHECKS or [pytest.param(None, {}, "", marks=pytest.mark.skip)])
def test_gold_text_checks(path: Path, check: dict[str, str], width: str) -> None:
    """The gold text checks that belong to these two stages.

    ``absent``: boilerplate, spam and metadata lines are gone from the body and
    the title. ``present``: whatever the input to these stages holds survives
    them, in the body or in the title/authors; a pattern that only an earlier
    repair (pinyin, acronyms, reflow) can make present is not theirs, nor are
    the ``absent_regex`` checks (the converter's).
    """
    text, body, title, extra = _cleaned(path, width)
    pat = nfkc(check["pattern"])
    kind = check["check"]
    if kind == "absent":
        assert pat not in body, f"{pat!r} left in the body"
        assert pat not in title, f"{pat!r} left in the title"
    elif kind == "present":
        if pat not in nfkc(text):
            pytest.skip("made present by an earlier stage")
        assert pat in body or pat in extra, f"{pat!r} lost"
    else:
        pytest.skip(f"{kind} is not this stage's check")
