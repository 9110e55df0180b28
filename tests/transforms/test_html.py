"""Saved web pages and feed items to article text (transforms.html).

Every page and feed here is written for these tests, shaped like the pages
Chinese news sites and government portals serve.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from transforms.html import html_to_text, looks_like_html, page_text, xml_safe

SEEDS = Path(__file__).resolve().parents[2] / "../shared/seeds"

NEWS_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>滕州市：前三季度经济运行稳中有进_新闻中心_鲁南在线</title>
<meta name="author" content="王晓明">
<meta property="og:site_name" content="鲁南在线">
<meta property="article:published_time" content="2023-10-28T09:15:00+08:00">
<script>var _hmt = _hmt || []; document.write("广告位招租");</script>
<style>.nav{color:red}</style>
</head>
<body>
<div class="nav"><a href="/">首页</a> | <a href="/news">新闻中心</a> | <a href="/map">网站地图</a></div>
<div class="main">
<article>
<h1>滕州市：前三季度经济运行稳中有进</h1>
<p>　　今年以来，滕州市坚持稳中求进工作总基调，全力以赴<b>拼经济</b>、抓项目、促发展，\
经济运行呈现稳中有进、进中向好的良好态势。</p>
<p>前三季度，全市实现<a href="/gdp">地区生产总值</a>812.6亿元，同比增长6.1%；\
规上工业增加值增长9.3%，固定资产投资增长7.4%。</p>
<h2>项目建设提速增效</h2>
<p>全市新签约亿元以上项目58个，总投资420.3亿元。其中，10亿元以上项目12个，新能源、高端装备等产业项目占比超过六成。</p>
<table>
<tr><th>指标</th><th>总量</th><th>增速</th></tr>
<tr><td>地区生产总值</td><td>812.6亿元</td><td>6.1%</td></tr>
<tr><td>一般公共预算收入</td><td>58.2亿元</td><td>5.6%</td></tr>
</table>
<p>下一步，滕州市将聚焦重点产业链，持续优化营商环境，确保全年目标任务圆满完成。</p>
</article>
<div class="comments" id="comments"><h3>网友评论</h3>
<div class="comment"><p>张三：滕州发展真快，为家乡点赞！</p></div>
<div class="comment"><p>李四：希望多建几个公园，改善居住环境。</p></div>
</div>
</div>
<div class="footer"><p>版权所有：鲁南在线 all rights reserved 鲁ICP备12345678号</p>
<p>联系地址：滕州市某某路1号 邮编：277500</p></div>
</body></html>
"""

# A government portal page: no Open Graph, the CMS's own meta tags, text-indent paragraphs.
GOV_PAGE = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<meta name="SiteName" content="枣庄市人民政府">
<meta name="ArticleTitle" content="峄城区一季度重点项目建设综述">
<meta name="PubDate" content="2024-04-12 10:30">
<meta name="ContentSource" content="峄城区融媒体中心">
<meta name="Author" content="孙立">
<title>峄城区一季度重点项目建设综述 - 枣庄市人民政府</title>
</head><body>
<div class="top"><a href="/">网站首页</a><a href="/zwgk">政务公开</a><a href="/hdjl">互动交流</a></div>
<div class="position">当前位置：首页 &gt; 政务公开 &gt; 区县动态</div>
<div id="zoom">
<p style="text-indent:2em">一季度，峄城区聚焦“项目攻坚年”，扎实推进重点项目建设，\
32个市级重点项目完成投资46.8亿元，占年度计划的28.5%。</p>
<p style="text-indent:2em">其中，新能源电池材料项目完成设备安装，预计6月投产，达产后年产值可达30亿元。</p>
<p style="text-indent:2em">区发改局负责人表示，将继续实行“一个项目、一名领导、一个专班”推进机制，\
确保项目早竣工、早见效。</p>
</div>
<div class="share">分享到：微信 微博 QQ空间</div>
<div class="bottom">主办：枣庄市人民政府办公室 网站标识码3704000001 鲁公网安备37040202000001号</div>
</body></html>"""

SHORT_BRIEF = """<html><head><title>短讯</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/n">新闻</a></div>
<div class="content"><p>本报讯 10月27日，峄城区举行<b>重点项目</b>集中开工仪式。</p></div>
<div class="footer">版权所有 网站地图</div></body></html>"""

RSS = """<?xml version="1.0" encoding="gb2312"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>鲁南在线·经济</title>
<link>http://example.com/</link>
<item>
<title>薛城区：一季度新签约项目23个</title>
<link>http://example.com/a/1.html</link>
<dc:creator>记者 陈立新</dc:creator>
<pubDate>Mon, 15 Apr 2024 08:30:00 +0800</pubDate>
<description>薛城区一季度新签约项目23个。</description>
<content:encoded><![CDATA[<p>一季度，薛城区新签约亿元以上项目23个，总投资112.5亿元，同比增长18.2%。</p>
<p>其中，<strong>新能源</strong>项目9个，占比近四成。</p>]]></content:encoded>
</item>
<item><title>第二条</title><description>&lt;p&gt;另一篇文章。&lt;/p&gt;</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>台儿庄发布</title>
<entry>
<title>台儿庄区运河文旅持续升温</title>
<link href="http://example.com/tez/2024/0501.html"/>
<author><name>赵晓峰</name></author>
<published>2024-05-01T18:00:00+08:00</published>
<content type="html">&lt;p&gt;“五一”假期，台儿庄古城接待游客52.3万人次，同比增长21.4%。&lt;/p&gt;\
&lt;p&gt;旅游综合收入4.6亿元。&lt;/p&gt;</content>
</entry>
</feed>"""

ATOM_XHTML = """<feed xmlns="http://www.w3.org/2005/Atom"><title>山亭发布</title>
<entry><title>山亭区新增市场主体</title><updated>2024-03-02T09:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>前两个月，山亭区新增市场主体1523户。</p><p>其中企业412户。</p></div></content>
</entry></feed>"""

RSS_PLAIN = """<rss version="2.0"><channel><title>薛城发布</title>
<item><title>薛城区GDP增长5.8%</title><pubDate>Tue, 31 Oct 2023 00:00:00 GMT</pubDate>
<description>上半年，薛城区GDP完成168亿元、增长5.8%。</description></item>
</channel></rss>"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>测试</title>
<item><title>实体</title><description>正文&secret;结束。</description></item>
</channel></rss>"""


def test_news_page_keeps_article_paragraphs_as_lines() -> None:
    text, _ = html_to_text(NEWS_PAGE)
    lines = text.split("\n")
    assert (
        "今年以来，滕州市坚持稳中求进工作总基调，全力以赴拼经济、抓项目、促发展，"
        "经济运行呈现稳中有进、进中向好的良好态势。"
    ) in lines
    assert (
        "前三季度，全市实现地区生产总值812.6亿元，同比增长6.1%；规上工业增加值增长9.3%，固定资产投资增长7.4%。"
    ) in lines
    assert "项目建设提速增效" in lines
    assert "下一步，滕州市将聚焦重点产业链，持续优化营商环境，确保全年目标任务圆满完成。" in lines
    assert "| 地区生产总值 | 812.6亿元 | 6.1% |" in lines  # a table row stays one line
    assert not any(set(line) <= set("|-: ") for line in lines)  # no Markdown rule lines
    assert all(line == line.strip() and line for line in lines)


@pytest.mark.parametrize(
    "junk", ["网站地图", "网友评论", "为家乡点赞", "all rights reserved", "联系地址", "广告位招租", "color:red"]
)
def test_news_page_drops_navigation_comments_footer_and_scripts(junk: str) -> None:
    text, _ = html_to_text(NEWS_PAGE)
    assert junk not in text


def test_news_page_metadata() -> None:
    _, meta = html_to_text(NEWS_PAGE)
    assert meta["title"] == "滕州市：前三季度经济运行稳中有进"
    assert meta["author"] == "王晓明"  # a Chinese name, which trafilatura itself drops
    assert meta["date"] == "2023-10-28T09:15:00"
    assert meta["sitename"] == "鲁南在线"


def test_government_cms_page() -> None:
    text, meta = html_to_text(GOV_PAGE)
    assert text.split("\n")[0].startswith("一季度，峄城区聚焦“项目攻坚年”")
    assert "确保项目早竣工、早见效。" in text
    for junk in ("当前位置", "政务公开", "分享到", "网站标识码"):
        assert junk not in text
    assert meta["title"] == "峄城区一季度重点项目建设综述"
    assert meta["date"].startswith("2024-04-12")
    assert meta["author"] == "孙立"


def test_short_brief_is_not_split_at_inline_tags() -> None:
    text, _ = html_to_text(SHORT_BRIEF)
    assert text == "本报讯 10月27日，峄城区举行重点项目集中开工仪式。"


def test_rss_item() -> None:
    text, meta = html_to_text(RSS)
    assert text == (
        "一季度，薛城区新签约亿元以上项目23个，总投资112.5亿元，同比增长18.2%。\n其中，新能源项目9个，占比近四成。"
    )
    assert meta == {
        "feed_items": 2,
        "sitename": "鲁南在线·经济",
        "title": "薛城区：一季度新签约项目23个",
        "author": "记者 陈立新",
        "url": "http://example.com/a/1.html",
        "date": "2024-04-15T08:30:00+08:00",
    }


def test_atom_entry_with_escaped_html() -> None:
    text, meta = html_to_text(ATOM)
    assert text == "“五一”假期，台儿庄古城接待游客52.3万人次，同比增长21.4%。\n旅游综合收入4.6亿元。"
    assert meta["title"] == "台儿庄区运河文旅持续升温"
    assert meta["author"] == "赵晓峰"
    assert meta["date"] == "2024-05-01T18:00:00+08:00"
    assert meta["sitename"] == "台儿庄发布"
    assert meta["url"] == "http://example.com/tez/2024/0501.html"


def test_atom_entry_with_inline_xhtml() -> None:
    text, meta = html_to_text(ATOM_XHTML)
    assert text == "前两个月，山亭区新增市场主体1523户。\n其中企业412户。"
    assert meta["date"] == "2024-03-02T09:00:00+00:00"


def test_rss_plain_description() -> None:
    text, meta = html_to_text(RSS_PLAIN)
    assert text == "上半年，薛城区GDP完成168亿元、增长5.8%。"
    assert meta["title"] == "薛城区GDP增长5.8%"
    assert meta["feed_items"] == 1


def test_feed_entities_are_never_resolved() -> None:
    text, _ = html_to_text(XXE)
    assert "root:" not in text
    assert text.startswith("正文")


def test_page_without_article() -> None:
    text, _ = html_to_text("<html><body><div class='nav'><a href='/'>首页</a></div></body></html>")
    assert "正文" not in text  # nothing invented; an empty or near-empty text is the caller's to flag


# A Word or PDF export saved as a page: control characters in the text, raw and as references.
CONTROL_PAGE = (
    "<html><head><title>薛城区经济</title></head><body><h1>薛城区前三季度经济运行情况</h1>"
    "<div class='info'><span>来源：枣庄日报</span>&nbsp;&nbsp;<span>作者：李明</span></div>"
    "<p>前三季度，薛城区实现地区生产总值168.3亿元\x0b同比增长5.8%。\x0c</p>"
    "<p>规上工业增加值增长7.2%&#12;固定资产投资增长9.1%&#x0B;社会消费品零售总额增长6.4%。\x00\x1b</p>"
    "</body></html>"
)


@pytest.mark.parametrize("extract", [html_to_text, page_text], ids=["article", "page_text"])
def test_control_characters_in_a_page_do_not_raise(extract) -> None:
    result = extract(CONTROL_PAGE)
    text = result[0] if isinstance(result, tuple) else result
    assert "168.3亿元" in text and "社会消费品零售总额增长6.4%" in text
    assert not any(ord(ch) < 0x20 and ch not in "\t\n\r" for ch in text)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("甲\x0c乙\x0b丙", "甲\n乙\n丙"),
        ("甲\x00乙\x1b丙\ufffe丁", "甲乙丙丁"),
        ("甲&#12;乙&#x0b;丙&#0;丁&#27;", "甲\n乙\n丙丁"),
        ("&#20013;&#x4e2d;&amp;&#10;&#9;", "&#20013;&#x4e2d;&amp;&#10;&#9;"),  # allowed references stay
        ("正文<p class='a'>段落</p>", "正文<p class='a'>段落</p>"),
    ],
)
def test_xml_safe(before: str, after: str) -> None:
    assert xml_safe(before) == after


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (NEWS_PAGE, "page.html", True),
        (NEWS_PAGE, "page.txt", True),  # a page saved under the wrong name
        (RSS, "feed.xml", True),
        (ATOM_XHTML, "feed.txt", True),
        ("\ufeff<!DOCTYPE html><html><body>正文</body></html>", "a", True),
        ("台儿庄区文旅产业持续升温。", "a.html", False),  # no markup at all
        ("网页用<p>标签分段，<br>标签换行。", "note.txt", False),  # prose mentioning tags
        ("上半年，薛城区GDP完成168亿元。", "a.txt", False),
    ],
)
def test_looks_like_html(text: str, name: str, expected: bool) -> None:
    assert looks_like_html(text, name) is expected


def test_plain_text_seeds_are_not_markup() -> None:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip("seed articles not available")
    for path in files:
        assert not looks_like_html(path.read_text(encoding="utf-8"), path.name), path.name
