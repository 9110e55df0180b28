"""Metadata extraction: title, source, authors and time read off the article's own lines.

Fixtures are articles written for these tests in the common shapes of Chinese
web and newspaper pages; the seeds are only read from ``../shared/seeds`` and
compared with ``../shared/gold/seed_documents.csv`` (skipped when absent).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.boilerplate import strip_boilerplate
from transforms.metadata import Metadata, extract_metadata, fold, is_metadata_line, parse_published

SHARED = Path(__file__).resolve().parents[2] / "../shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"

LEAD = "国务院总理主持召开国务院常务会议，部署进一步扩大内需、稳定外贸外资的政策措施。"
BODY = [
    "会议指出，今年以来我国经济持续回升向好，前两个月规模以上工业增加值同比增长7.0%。",
    "会议强调，要坚持稳中求进工作总基调，加快重大项目建设，增强发展内生动力。",
]


def run(text: str) -> tuple[Metadata, str]:
    """The two stages as the pipeline runs them: boilerplate first, then metadata."""
    meta, fixed = extract_metadata(strip_boilerplate(text).text)
    return meta, fixed.text


# --------------------------------------------------------------------------
# common shapes


def test_xinhua_dateline_and_web_header() -> None:
    text = "\n".join(
        [
            "国务院部署进一步扩大内需",
            "2024-03-05 10:30:15　来源：新华社",
            "【字体：大 中 小】【打印】",
            "新华社北京3月5日电（记者 张三 李四）" + LEAD,
            *BODY,
            "责任编辑：王五",
        ]
    )
    meta, body = run(text)
    assert meta.title == "国务院部署进一步扩大内需"
    assert meta.source_name == "新华社"
    assert meta.published_at == datetime(2024, 3, 5, 10, 30, 15) and meta.published_precision == "second"
    assert meta.authors == ["张三", "李四", "王五"]
    # the dateline is part of the lead and stays; metadata-only lines go
    assert body.startswith("新华社北京3月5日电（记者 张三 李四）" + LEAD)
    assert "责任编辑" not in body and "来源" not in body and "国务院部署进一步扩大内需" not in body


def test_people_daily_style_labels_on_one_line() -> None:
    text = "\n".join(
        [
            "首页 > 经济·科技 > 正文",
            "一季度我省实现地区生产总值1.2万亿元",
            "发布时间：2024-04-20 09:15  来源：人民网-山东频道  作者：赵六",
            "分享到：微信 微博 QQ空间",
            "人民网济南4月20日电 " + LEAD,
            *BODY,
            "（责编：孙七、周八）",
        ]
    )
    meta, body = run(text)
    assert meta.title == "一季度我省实现地区生产总值1.2万亿元"
    assert meta.source_name == "人民网-山东频道"
    assert meta.published_at == datetime(2024, 4, 20, 9, 15) and meta.published_precision == "minute"
    assert meta.authors == ["赵六", "孙七", "周八"]
    assert body.splitlines()[0].startswith("人民网济南4月20日电")
    assert body.splitlines()[-1] == BODY[-1]


def test_newspaper_benbaoxun_with_masthead_and_markdown_title() -> None:
    text = "\n".join(
        [
            "大众日报 2024年3月5日 星期二",
            "",
            "## 我市重点项目建设跑出加速度",
            "",
            "本报讯（记者 王五 通讯员 钱小八）" + LEAD,
            "",
            *BODY,
        ]
    )
    meta, body = run(text)
    assert meta.title == "我市重点项目建设跑出加速度"
    assert meta.source_name == "大众日报"
    assert meta.published_at == datetime(2024, 3, 5) and meta.published_precision == "day"
    assert meta.authors == ["王五", "钱小八"]
    assert body.startswith("本报讯（记者 王五 通讯员 钱小八）")
    assert "大众日报 2024" not in body and "##" not in body


def test_traditional_article_keeps_its_script() -> None:
    text = "\n".join(
        [
            "本地生產總值按年增長2.7%",
            "2024年3月5日 10:30",
            "來源：某某日報",
            "記者 陳大文 實習生 李小華",
            "今年以來，全市經濟持續回升向好，主要指標好於預期，首季生產總值按年增長2.7%。",
            "責任編輯：林小美",
        ]
    )
    meta, body = run(text)
    assert meta.title == "本地生產總值按年增長2.7%"
    assert meta.source_name == "某某日報"
    assert meta.published_at == datetime(2024, 3, 5, 10, 30)
    assert meta.authors == ["陳大文", "李小華", "林小美"]
    assert body == "今年以來，全市經濟持續回升向好，主要指標好於預期，首季生產總值按年增長2.7%。"


def test_closing_bracket_byline_and_source() -> None:
    text = "\n".join([LEAD, *BODY[:-1], BODY[-1] + "（記者 劉大明 通訊員 褚小波）", "(来源:某某晚报)"])
    meta, body = run(text)
    assert meta.authors == ["劉大明", "褚小波"]
    assert meta.source_name == "某某晚报"
    assert body.endswith(BODY[-1]) and "来源" not in body


def test_empty_author_label_means_no_author() -> None:
    meta, body = run("\n".join(["某地新闻标题", "来源:某某网", "作者:", "2022-12-01 07:43:12", LEAD]))
    assert meta.authors == []
    assert meta.source_name == "某某网" and meta.title == "某地新闻标题"
    assert body == LEAD


def test_web_byline_with_outlet_prefix() -> None:
    meta, body = run("\n".join([LEAD, *BODY, "闪电新闻记者 李大文  报道"]))
    assert meta.authors == ["李大文"]
    assert body == "\n".join([LEAD, *BODY])


def test_site_suffix_on_the_title() -> None:
    meta, _ = run("\n".join(["一季度经济数据发布 - 某某新闻网", "2024-04-18", LEAD]))
    assert meta.title == "一季度经济数据发布"
    assert meta.source_name == "某某新闻网"


def test_spam_title_cleaned_before_metadata() -> None:
    meta, body = run("\n".join(["一季度经济数据发布-新全讯9网", "来源：某某网", LEAD, "全讯9988的版权所有"]))
    assert meta.title == "一季度经济数据发布"
    assert "全讯" not in body


def test_government_site_info_bar() -> None:
    text = "\n".join(
        [
            "某某市2024年一季度国民经济运行情况",
            "发布日期：2024-04-22　　信息来源：某某市统计局　　浏览次数：1,234　　字号：[ 大 中 小 ]",
            LEAD,
            *BODY,
            "打印本页　关闭窗口",
            "主办：某某市人民政府办公室　承办：某某市大数据中心",
            "网站标识码：3701000001　鲁ICP备05000001号　鲁公网安备 37010202000001号",
        ]
    )
    meta, body = run(text)
    assert meta.title == "某某市2024年一季度国民经济运行情况"
    assert meta.source_name == "某某市统计局"
    assert meta.published_at == datetime(2024, 4, 22) and meta.published_precision == "day"
    assert body == "\n".join([LEAD, *BODY])


def test_newspaper_page_line_with_page_number() -> None:
    text = "\n".join(["□ 本报记者 张三", "2024年3月5日 星期二 第A05版：要闻", LEAD, *BODY, "（来源：某某日报）"])
    meta, body = run(text)
    assert meta.authors == ["张三"] and meta.source_name == "某某日报"
    assert meta.published_at == datetime(2024, 3, 5)
    assert body == "\n".join([LEAD, *BODY])


# --------------------------------------------------------------------------
# what must not be taken for metadata


@pytest.mark.parametrize(
    "line",
    [
        "记者了解到，今年以来全区新签约亿元以上项目76个。",
        "记者见到前来游玩的市民络绎不绝。",
        "资金来源多元，项目建设有保障。",
        "找记者 上大众",
        "2024年，全市地区生产总值增长5.2%。",
        "回顾2024：拼搏奋进，交出满意答卷",
        "时间：3月5日上午",
        "周一下午，全市召开重点项目推进会",
        "作者：张三（山东大学教授）",
    ],
)
def test_prose_is_not_metadata(line: str) -> None:
    assert not is_metadata_line(line)


def test_body_without_metadata_is_untouched() -> None:
    text = "\n".join([LEAD, "回顾2024：拼搏奋进，交出满意答卷", *BODY])
    meta, fixed = extract_metadata(text)
    assert fixed.text == text and fixed.repairs == []
    assert meta == Metadata(None, None, [], None, None)


def test_plain_article_title_line() -> None:
    # a plain article: its first line, short and no sentence, right above the first paragraph
    meta, fixed = extract_metadata("\n".join(["某市前三季度经济运行稳中向好", "", LEAD, *BODY]))
    assert meta.title == "某市前三季度经济运行稳中向好"
    assert fixed.text == "\n".join([LEAD, *BODY])


@pytest.mark.parametrize(
    "first",
    [
        "主要经济指标完成情况如下：",  # the lead-in of a list is no title
        "今年以来，全市经济运行稳中向好。",  # a sentence is no title
    ],
)
def test_first_line_that_is_no_title(first: str) -> None:
    text = "\n".join([first, LEAD, *BODY])
    meta, fixed = extract_metadata(text)
    assert meta.title is None and fixed.text == text


_CJK_TEXT = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=8, max_size=60)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.builds(lambda a, b: f"{a}，{b}。", _CJK_TEXT, _CJK_TEXT), min_size=1, max_size=6))
def test_plain_prose_is_never_touched(paragraphs: list[str]) -> None:
    text = "\n".join(paragraphs)
    _, fixed = extract_metadata(text)
    assert fixed.text == text and fixed.repairs == []


@pytest.mark.parametrize(
    ("text", "when", "precision"),
    [
        ("2022-12-01 07:43:12", datetime(2022, 12, 1, 7, 43, 12), "second"),
        ("2024/03/05 10:30", datetime(2024, 3, 5, 10, 30), "minute"),
        ("2024.2.6", datetime(2024, 2, 6), "day"),
        ("2024年2月6日", datetime(2024, 2, 6), "day"),
        ("2024年02月06日 08时05分", datetime(2024, 2, 6, 8, 5), "minute"),
        ("2024年2月", datetime(2024, 2, 1), "month"),
        ("2024-02-30", None, None),
    ],
)
def test_dates(text: str, when: datetime | None, precision: str | None) -> None:
    assert parse_published(text) == (when, precision)


def test_fold_keeps_length() -> None:
    s = "來源：齊魯晚報（記者 劉振江）ALL Rights"
    assert len(fold(s)) == len(s)
    assert fold(s) == "来源:齐鲁晚报(记者 刘振江)all rights"


# --------------------------------------------------------------------------
# the seeds (../shared/gold/seed_documents.csv) and the repo's invented samples (samples/gold/documents.csv)

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


def nfkc(s: str | None) -> str:
    return unicodedata.normalize("NFKC", s or "")


def words(s: str | None) -> str:
    return "".join(re.findall(r"\w+", nfkc(s)))


FIELDS = ("title", "source_name", "published", "authors")
_SETS = (("seed", SEEDS, GOLD / "seed_documents.csv"), ("sample", SAMPLES / "articles", SAMPLES / "gold/documents.csv"))
_CASES = [
    pytest.param(path, field, row, id=f"{kind}-{row['file']}-{field}")
    for kind, directory, gold in _SETS
    for row in _read(gold)
    if (path := _article(directory, row["file"]))
    for field in FIELDS
]


@pytest.mark.parametrize(("path", "field", "gold"), _CASES or [pytest.param(None, "", {}, marks=pytest.mark.skip)])
def test_metadata_matches_gold(path: Path, field: str, gold: dict[str, str]) -> None:
    """Each gold field as ``../shared/eval/score.py`` judges it (an empty gold cell accepts anything but a date)."""
    meta, _ = run(path.read_text(encoding="utf-8").replace("\r\n", "\n"))
    want = gold[field]
    if field == "title":
        assert not want or words(meta.title) == words(want), meta.title
    elif field == "source_name":
        assert not want or nfkc(meta.source_name) in {nfkc(x) for x in want.split("|")}, meta.source_name
    elif field == "published":
        got = meta.published_at.date().isoformat() if meta.published_at else ""
        assert got == want
    elif field == "authors":
        assert {nfkc(a) for a in want.split("|") if a} <= {nfkc(a) for a in meta.authors}, meta.authors
