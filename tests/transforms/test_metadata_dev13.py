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
