"""Metadata in the forms samples/dev13 showed (issue 3): a Hong Kong byline whose names run into the place
filed from, and a saved page's <title> with its site glued on (transforms.html).

Articles and pages are written for these tests.
"""

from __future__ import annotations

import pytest

from transforms.html import html_to_text, unwrap_layout_tables
from transforms.metadata import extract_metadata


@pytest.mark.parametrize(
    ("lead", "author"),
    [
        ("【文匯報訊】記者鄭嘉欣廣州報道：廣州市統計局日前公布，首5個月廣州規上工業增加值按年增長5.1%。", "鄭嘉欣"),
        ("【大公报讯】记者欧阳明东莞报道：东莞市日前公布，今年首季外贸进出口按年增长8.2%。", "欧阳明"),
        ("【香港商報訊】記者林小敏深圳報道：深圳前海今年新增註冊企業1.2萬家。", "林小敏"),
    ],
)
def test_hong_kong_byline_names_glued_to_the_place(lead: str, author: str) -> None:
    meta, _ = extract_metadata("\n".join(["某市經濟穩中向好", "2024年6月3日（星期一）", lead]))
    assert meta.authors == [author]


def test_spaced_hong_kong_byline_unchanged() -> None:
    meta, _ = extract_metadata("某市經濟穩中向好\n【大公報訊】記者梁燕珊報道：深圳經濟增長5.6%。")
    assert meta.authors == ["梁燕珊"]


LAYOUT_PAGE = """<HTML><HEAD><TITLE>某区一季度工业产值增长9.1%--某某在线</TITLE></HEAD><BODY>
<TABLE WIDTH="980"><TR><TD>首页 / 新闻 / 区县</TD></TR></TABLE>
<TABLE WIDTH="980">
<TR><TD><FONT SIZE="5"><B>某区一季度工业产值增长9.1%</B></FONT></TD></TR>
<TR><TD>2024-04-20 08:30&nbsp;&nbsp;来源：某某日报</TD></TR>
<TR><TD>&nbsp;&nbsp;今年一季度，某区实现规上工业总产值321.5亿元，同比增长9.1%，增速居全市第二。<BR><BR>
&nbsp;&nbsp;其中，新能源装备产业产值增长24.6%，成为拉动全区工业增长的主要力量。<BR><BR>
&nbsp;&nbsp;下一步，某区将继续抓好重点企业服务，确保上半年工业经济平稳增长。</TD></TR>
</TABLE>
<TABLE><TR><TD>指标</TD><TD>数值</TD></TR><TR><TD>产值</TD><TD>321.5亿元</TD></TR></TABLE>
</BODY></HTML>"""


def test_layout_table_page_keeps_its_paragraphs() -> None:
    text, meta = html_to_text(LAYOUT_PAGE)
    lines = text.split("\n")
    assert "今年一季度，某区实现规上工业总产值321.5亿元，同比增长9.1%，增速居全市第二。" in lines
    assert "下一步，某区将继续抓好重点企业服务，确保上半年工业经济平稳增长。" in lines
    assert not any(line.startswith("| 今年") for line in lines)
    assert meta["title"] == "某区一季度工业产值增长9.1%"


def test_table_of_figures_is_not_layout() -> None:
    page = "<table><tr><td>指标</td><td>数值</td></tr><tr><td>产值</td><td>321.5亿元</td></tr></table>"
    assert unwrap_layout_tables(page) == page
    assert unwrap_layout_tables("<p>没有表格。</p>") == "<p>没有表格。</p>"


# --- review of session 7 (items 10 and 11) --------------------------------------------------


@pytest.mark.parametrize(
    ("lead", "author"),
    [
        ("【大公报讯】记者张伟石家庄报道：石家庄市日前公布，今年首季外贸进出口按年增长8.2%。", "张伟"),
        ("【大公报讯】记者刘洋呼和浩特报道：呼和浩特市日前公布，今年首季外贸按年增长8.2%。", "刘洋"),
        ("【文匯報訊】記者陳美玲哈爾濱報道：哈爾濱市統計局日前公布，首季工業增加值按年增長6.1%。", "陳美玲"),
        ("【大公报讯】记者李明明深圳报道：深圳市日前公布，今年首季外贸按年增长8.2%。", "李明明"),
    ],
)
def test_byline_name_stops_where_a_known_place_begins(lead: str, author: str) -> None:
    meta, _ = extract_metadata("\n".join(["某市經濟穩中向好", "2024年6月3日（星期一）", lead]))
    assert meta.authors == [author]


def test_wire_bracket_with_a_long_place_name() -> None:
    text = "某市经济稳中向好\n（中央社记者王小明乌鲁木齐5日电）新疆上半年外贸进出口增长12.3%。"
    meta, _ = extract_metadata(text)
    assert meta.authors == ["王小明"]


def _page_title(title: str) -> str | None:
    body = "全市规上工业增加值同比增长6.2%。" * 8
    page = f"<html><head><title>{title}</title></head><body><p>{body}</p></body></html>"
    return html_to_text(page)[1].get("title")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # the part after the separator is longer than the part before: the article's title, not a site name
        ("江城市统计局_2023年江城市国民经济和社会发展统计公报", "江城市统计局_2023年江城市国民经济和社会发展统计公报"),
        ("大桥今日通车--首趟列车开出站台", "大桥今日通车--首趟列车开出站台"),
        ("合肥光伏产业营收突破1500亿元--合肥在线", "合肥光伏产业营收突破1500亿元"),
        ("全市一季度外贸进出口增长8% | 江城发布", "全市一季度外贸进出口增长8%"),
    ],
)
def test_page_title_loses_only_a_shorter_site_name(title: str, expected: str) -> None:
    assert _page_title(title) == expected


@pytest.mark.parametrize(
    ("title", "expected", "source"),
    [
        ("江城经济稳中向好-江城新闻网", "江城经济稳中向好", "江城新闻网"),
        ("江城新区--首批企业签约入驻产业园报", "江城新区--首批企业签约入驻产业园报", None),
    ],
)
def test_text_title_loses_only_a_shorter_site_name(title: str, expected: str, source: str | None) -> None:
    meta, _ = extract_metadata(f"{title}\n\n全市规上工业增加值同比增长6.2%，增速比一季度加快0.4个百分点。")
    assert (meta.title, meta.source_name) == (expected, source)
