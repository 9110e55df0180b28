"""Saved web pages and feed items: reduce the markup to the article's text.

Analysts drop whole pages saved from a browser (``.html``/``.htm``) and items
saved from RSS or Atom feeds (``.xml``) into the inbox. The article is a small
part of such a file: navigation, related links, comment boxes and footers
surround it. :func:`html_to_text` hands the page to trafilatura, a maintained
main-content extractor, and returns the article with one paragraph (heading,
list item, table row) per line, plus whatever metadata it finds.

Choices, and why:

* Offline only: trafilatura is given the markup, never a URL, so nothing is
  fetched; the result depends on the bytes alone.
* trafilatura falls back to its crude baseline extractor when the main one
  yields less than ``MIN_EXTRACTED_SIZE`` characters (250 by default, set for
  European languages). A Chinese news brief says a lot in 60 characters, and
  the baseline breaks a paragraph at every inline tag (``举行<b>重点项目</b>``
  becomes three lines), so here it is the last resort only:
  :data:`MIN_ARTICLE_CHARS`. (The readability and jusText comparisons still run.)
* Comments are left out (``include_comments=False``), tables kept: a table of
  figures is often the richest part of an economy report. A table row becomes
  ``| 指标 | 数值 | 增速 |``; the Markdown rule line under the header row is dropped.
* Metadata: ``title``, ``author``, ``date``, ``sitename`` (and ``url`` when the
  page names itself), only the keys found. trafilatura drops author names
  without a space (it expects "First Last"), which is every Chinese name, so
  the ``author`` meta tags are read directly as a fallback, together with
  the ``ArticleTitle``/``PubDate``/``ContentSource`` tags that Chinese
  government and newspaper CMSs write. ``date`` is ISO 8601: ``2023-10-28``, or
  ``2023-10-28T09:15:00`` when the page gives the time (``+08:00`` kept when a
  feed states its offset).
* A feed file holding several items yields its first item; ``feed_items``
  in the metadata says how many there were, so the caller can flag it.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import PurePath
from typing import Any

import lxml.etree
import lxml.html

from transforms.metadata import split_title_site

MIN_ARTICLE_CHARS = 10  # below this the main extractor failed and the baseline extractor is tried

_MARKUP_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".xml", ".rss", ".atom"}
_MARKUP_START = re.compile(
    r"^\s*(?:<\?xml\b|<!doctype\s+html|<html\b|<rss\b|<feed\b|<rdf:rdf\b|<head\b|<body\b)", re.IGNORECASE
)
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|title|meta|p|div|span|br|a|table|tr|td|li|ul|h[1-6]|script|style|article|section)\b[^<>]*>",
    re.IGNORECASE,
)
_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
_ANY_TAG = re.compile(r"<[A-Za-z!?/]")
# The text is already decoded: a declared encoding would make lxml decode it a second time.
_XML_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Characters XML 1.0 forbids, which lxml refuses to hold in a text node (ValueError):
# C0 controls other than tab and newlines, and the noncharacters U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A numeric character reference (&#12; &#x0B;) the parser would turn into one of them.
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")

_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC = "{http://purl.org/dc/elements/1.1/}"
_RSS1 = "{http://purl.org/rss/1.0/}"

# <meta name=…> tags read directly, in order of preference, when trafilatura finds nothing.
_META_FALLBACK = {
    "author": ("author", "article:author", "og:article:author", "dc.creator", "citation_author"),
    "title": ("articletitle", "og:title"),
    "date": ("pubdate", "publishdate", "article:published_time", "og:article:published_time", "dc.date"),
    "sitename": ("contentsource", "og:site_name", "sitename", "source"),
}
_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "table",
    "ul",
    "ol",
    "dd",
    "dt",
    "pre",
    "figcaption",
    "header",
    "footer",
}


def looks_like_html(text: str, name: str) -> bool:
    """Whether ``text`` (from a file called ``name``) is a web page or feed rather than plain text.

    A markup suffix counts when the text holds any tag at all; any other name
    counts when the text opens like a page or a feed, or carries several
    HTML tags (a page saved as ``.txt``). A plain article that quotes one
    ``<p>`` is not markup.

    >>> looks_like_html("<html><body><p>正文</p></body></html>", "a.htm")
    True
    >>> looks_like_html("<?xml version='1.0'?><rss version='2.0'></rss>", "feed.txt")
    True
    >>> looks_like_html("台儿庄区文旅产业持续升温。", "a.html")
    False
    >>> looks_like_html("网页用<p>标签分段。", "note.txt")
    False
    """
    text = text.lstrip("\ufeff")
    if PurePath(name).suffix.lower() in _MARKUP_SUFFIXES:
        return bool(_ANY_TAG.search(text))
    if _MARKUP_START.match(text):
        return True
    return len(_HTML_TAG.findall(text[:20000])) >= 5


@cache
def _config() -> Any:
    """trafilatura settings for Chinese articles, built once per process."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(MIN_ARTICLE_CHARS))
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no signal-based timeouts inside worker processes
    return config


def xml_safe(text: str) -> str:
    """``text`` without the characters lxml cannot hold; a vertical tab or form feed becomes a newline.

    Why: pages exported from Word or PDF carry ``\\v`` (Word's manual line
    break) and ``\\f`` (a page break). HTML parsers read them into the tree,
    but lxml raises ``ValueError`` when such text is set back on an element.
    Both are line breaks to a reader, so they become ``\\n``; the other
    controls (NUL, ESC, …) carry nothing and go.

    >>> xml_safe("第一页\\f第二页\\v续\\x00完\\x1b")
    '第一页\\n第二页\\n续完'
    >>> xml_safe("甲&#12;乙&#x0b;丙&#0;丁&#20013;&amp;")
    '甲\\n乙\\n丙丁&#20013;&amp;'
    """
    if "&#" in text:
        text = _CHAR_REF.sub(_safe_reference, text)
    if not _NOT_XML.search(text):
        return text
    return _NOT_XML.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    return "\n" if match.group() in "\x0b\x0c" else ""


def _safe_reference(match: re.Match[str]) -> str:
    """A character reference, unless it names a character lxml cannot hold (then what :func:`xml_safe` puts)."""
    hex_digits, digits = match.groups()
    code = int(hex_digits, 16) if hex_digits else int(digits)
    if code < 0x110000 and _NOT_XML.fullmatch(chr(code)):
        return "\n" if code in (0x0B, 0x0C) else ""
    return match.group()


def _tidy_lines(text: str) -> str:
    """One paragraph per line: strip each line, drop empty ones and Markdown table rules.

    >>> print(_tidy_lines("| 指标 | 数值 | \\n|---|---|\\n\\n  正文。 "))
    | 指标 | 数值 |
    正文。
    """
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not _TABLE_RULE.match(line))


def _parse_xml(markup: str) -> Any | None:
    """The XML tree of ``markup``, parsed without entities, DTDs or network; ``None`` if not XML."""
    parser = lxml.etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )
    try:
        return lxml.etree.fromstring(_XML_DECLARATION.sub("", markup, count=1), parser)
    except (lxml.etree.XMLSyntaxError, ValueError):
        return None


def _local(tag: Any) -> str:
    return lxml.etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _meta_tags(markup: str) -> dict[str, str]:
    """``<meta name|property=… content=…>`` pairs of a page, names lower-cased, first one kept."""
    try:
        tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", markup, count=1))
    except (lxml.etree.ParserError, ValueError):
        return {}
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key and content:
            metas.setdefault(key, content)
    return metas


def _iso_date(value: str | None) -> str | None:
    """An ISO 8601 string for a feed or meta date (RFC 822 or ISO), ``None`` when it cannot be read.

    >>> _iso_date("Sat, 28 Oct 2023 09:15:00 +0800")
    '2023-10-28T09:15:00+08:00'
    >>> _iso_date("2023-10-28 09:15")
    '2023-10-28T09:15:00'
    >>> _iso_date("2023-10-28T00:00:00")
    '2023-10-28'
    """
    if not value:
        return None
    value = value.strip()
    parsed: datetime | None = None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        candidate = value.replace("Z", "+00:00").replace("/", "-")
        try:
            parsed = datetime.fromisoformat(candidate)
        except ValueError:
            match = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?", candidate)
            if match is None:
                return None
            year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
            try:
                parsed = datetime(year, month, day, hour, minute, second)
            except ValueError:
                return None
    if parsed.tzinfo is None and (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0):
        return parsed.date().isoformat()
    return parsed.isoformat()


def _fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed item's body), one block element per line."""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return _tidy_lines(fragment)
    return _block_text(root)


def _block_text(root: Any) -> str:
    for bad in root.xpath("//script|//style|//head"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            # A character reference (&#12;) puts a control lxml cannot set back into the tree.
            element.tail = "\n" + xml_safe(element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n" + xml_safe(element.text or "")
    return _tidy_lines(root.text_content())


# Items of a page's info bar sit on one line, set apart by runs of (non-breaking) spaces.
_INFO_BAR_GAP = re.compile(r"[ \t\u00a0\u3000]{2,}")


def page_text(markup: str) -> str:
    """All visible text of a page, one block per line, info-bar items split onto lines of their own.

    Why: the article extractor keeps the body and drops the page furniture —
    including the ``来源：… 作者：… 2024-07-26`` bar metadata is read from.

    >>> print(page_text("<html><body><nav>首页</nav><div><span>来源：某某网</span>&nbsp;&nbsp;"
    ...                 "<span>作者：张三</span></div><p>正文。</p></body></html>"))
    首页
    来源：某某网
    作者：张三
    正文。
    """
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", xml_safe(markup), count=1))
    except (lxml.etree.ParserError, ValueError):
        return ""
    lines = (part.strip() for line in _block_text(root).split("\n") for part in _INFO_BAR_GAP.split(line))
    return "\n".join(line for line in lines if line)


_TABLE_TAG = re.compile(r"<table\b", re.IGNORECASE)


def unwrap_layout_tables(markup: str) -> str:
    """Turn tables whose every row holds one cell into plain blocks; ``markup`` as it was if there are none.

    Why: old CMS pages lay the whole page out in ``<TABLE>``s — a row for the
    crumb, one for the title, one for the byline, one cell holding the article
    with ``<BR><BR>`` between paragraphs. The extractor keeps tables as
    ``| cell |`` rows, so the article came out as one bracketed line with its
    paragraphs run together. A table of figures has two columns or more and
    is left as it is.

    >>> unwrap_layout_tables("<table><tr><td>标题</td></tr><tr><td>正文。<br><br>第二段。</td></tr></table>")
    '<html><body><div><div><div>标题</div></div><div><div>正文。<br><br>第二段。</div></div></div></body></html>'
    >>> unwrap_layout_tables("<table><tr><td>指标</td><td>数值</td></tr></table>")
    '<table><tr><td>指标</td><td>数值</td></tr></table>'
    """
    if _TABLE_TAG.search(markup) is None:
        return markup
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", xml_safe(markup), count=1))
    except (lxml.etree.ParserError, ValueError):
        return markup
    layout = []
    for table in root.iter("table"):
        rows = table.xpath("./tr|./tbody/tr|./thead/tr|./tfoot/tr")
        if rows and all(len(row.xpath("./td|./th")) <= 1 for row in rows):
            layout.append(table)
    if not layout:
        return markup
    # the parts of each layout table (not those of a table nested in one of its cells), found before any is renamed
    parts = [
        element
        for table in layout
        for element in (table, *table.xpath(".//tbody|.//thead|.//tfoot|.//tr|.//td|.//th"))
        if element is table or _owning_table(element) is table
    ]
    for element in parts:
        element.tag = "div"
        element.attrib.clear()
    return lxml.html.tostring(root, encoding="unicode")


def _owning_table(element: Any) -> Any:
    """The nearest table element at or above ``element`` (a cell of a nested table belongs to that one)."""
    node = element
    while node is not None and node.tag != "table":
        node = node.getparent()
    return node


def _extract_page(markup: str) -> tuple[str, dict[str, str]]:
    """Article text and metadata of a web page, by trafilatura."""
    import trafilatura  # imported late: it pulls in a large dependency tree

    document = trafilatura.bare_extraction(
        unwrap_layout_tables(markup),
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        with_metadata=True,
        date_extraction_params={"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S"},
        config=_config(),
    )
    meta: dict[str, str] = {}
    text = ""
    if document is not None:
        text = _tidy_lines(document.text or "")
        for key in ("title", "author", "date", "sitename", "url"):
            value = getattr(document, key, None)
            if value:
                meta[key] = str(value).strip()
    if "title" in meta:
        meta["title"] = split_title_site(meta["title"])[0]  # 标题--合肥在线: the article's own title
    if "date" in meta:
        meta["date"] = _iso_date(meta["date"]) or meta["date"]
    if any(key not in meta for key in _META_FALLBACK):
        tags = _meta_tags(markup)
        for key, names in _META_FALLBACK.items():
            if key in meta:
                continue
            found = next((tags[n] for n in names if n in tags), None)
            if found and key == "date":
                found = _iso_date(found)
            if found:
                meta[key] = found
    return text, meta


def _child_text(element: Any, *tags: str) -> str | None:
    for tag in tags:
        child = element.find(tag)
        if child is not None and (child.text or "").strip():
            return child.text.strip()
    return None


def _extract_feed_item(root: Any) -> tuple[str, dict[str, Any]] | None:
    """Text and metadata of the first item of an RSS 2.0, RSS 1.0 or Atom feed; ``None`` if not a feed."""
    kind = _local(root.tag)
    if kind == "rss":
        channel = root.find("channel")
        items = channel.findall("item") if channel is not None else []
        sitename = _child_text(channel, "title") if channel is not None else None
        fields = {
            "title": ("title",),
            "author": ("author", f"{_DC}creator"),
            "date": ("pubDate", f"{_DC}date"),
            "url": ("link",),
            "body": (_CONTENT_ENCODED, "description"),
        }
    elif kind == "rdf":
        items = root.findall(f"{_RSS1}item")
        channel = root.find(f"{_RSS1}channel")
        sitename = _child_text(channel, f"{_RSS1}title") if channel is not None else None
        fields = {
            "title": (f"{_RSS1}title",),
            "author": (f"{_DC}creator",),
            "date": (f"{_DC}date",),
            "url": (f"{_RSS1}link",),
            "body": (_CONTENT_ENCODED, f"{_RSS1}description"),
        }
    elif kind == "feed":
        items = root.findall(f"{_ATOM}entry")
        sitename = _child_text(root, f"{_ATOM}title")
        fields = {
            "title": (f"{_ATOM}title",),
            "author": (f"{_ATOM}author/{_ATOM}name",),
            "date": (f"{_ATOM}published", f"{_ATOM}updated"),
            "url": (),
            "body": (f"{_ATOM}content", f"{_ATOM}summary"),
        }
    else:
        return None
    meta: dict[str, Any] = {"feed_items": len(items)}
    if sitename:
        meta["sitename"] = sitename
    if not items:
        return "", meta
    item = items[0]
    for key in ("title", "author", "url"):
        value = _child_text(item, *fields[key])
        if value:
            meta[key] = value
    if kind == "feed":
        link = item.find(f"{_ATOM}link")
        if link is not None and link.get("href"):
            meta["url"] = link.get("href")
    date = _iso_date(_child_text(item, *fields["date"]))
    if date:
        meta["date"] = date
    return _feed_body(item, fields["body"]), meta


def _feed_body(item: Any, tags: tuple[str, ...]) -> str:
    """The item's body: escaped or inline (XHTML) HTML goes through trafilatura, plain text is kept."""
    for tag in tags:
        element = item.find(tag)
        if element is None:
            continue
        fragment = (element.text or "") + "".join(
            # Atom type="xhtml" inlines the markup as XML; an unresolved entity contributes only its tail.
            lxml.etree.tostring(child, encoding="unicode", with_tail=True)
            if isinstance(child.tag, str)
            else (child.tail or "")
            for child in element
        )
        fragment = fragment.strip()
        if not fragment:
            continue
        if not _ANY_TAG.search(fragment):
            return _tidy_lines(fragment)
        text, _ = _extract_page(f"<html><body><article>{fragment}</article></body></html>")
        return text or _fragment_text(fragment)
    return ""


def html_to_text(html: str) -> tuple[str, dict[str, Any]]:
    """The article text of a saved web page or feed item, and the metadata found.

    Why: the rest of the pipeline reads plain article text; a saved page is
    mostly navigation, footers and comments. See the module docstring for the
    choices made. Returns ``("", meta)`` when no article text is found.
    Characters lxml cannot hold are dropped first (:func:`xml_safe`).

    >>> text, meta = html_to_text(
    ...     "<html><head><title>示例</title></head><body><div><a href='/'>首页</a></div>"
    ...     "<article><h1>峄城区重点项目集中开工</h1><p>10月27日，峄城区举行重点项目集中开工仪式，"
    ...     "10个项目总投资35.6亿元。</p><p>项目涵盖新材料、新能源等领域，预计年内全部投产。</p>"
    ...     "</article><footer>版权所有</footer></body></html>")
    >>> print(text)
    峄城区重点项目集中开工
    10月27日，峄城区举行重点项目集中开工仪式，10个项目总投资35.6亿元。
    项目涵盖新材料、新能源等领域，预计年内全部投产。
    """
    html = xml_safe(html)
    root = (
        _parse_xml(html)
        if html.lstrip("\ufeff \t\r\n").startswith("<?xml") or re.match(r"\s*<(?:rss|feed|rdf:RDF)\b", html)
        else None
    )
    if root is not None:
        feed = _extract_feed_item(root)
        if feed is not None:
            return feed
    return _extract_page(html)
