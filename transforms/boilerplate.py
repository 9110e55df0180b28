"""Take page furniture and SEO spam out of an article, and leave the article whole.

A saved news page carries more than the article: a site header and navigation
crumbs, share/print/font-size widgets, a related-links list, a comment box, a
copyright and licence footer with the publisher's address — and, on pages a
spammer has injected, a gambling site name glued to the title and repeated in
the footer (``…发展-新全讯2网``, ``全讯5123的版权所有``). All of that must go
before indicators are read, and none of the article may go with it.

How it stays conservative:

* **Where.** Header patterns are tried only in the *head* (the lines before the
  first paragraph of prose), footer patterns only in the *tail*: walking back
  from the end, footer lines, junk and related links are cut until the first
  line of prose, which stops the walk. Only strict widget lines (``【打印】
  【关闭窗口】``) go wherever they stand.
* **How long.** A line up to 50 characters goes on one pattern hit; a longer
  one needs two different patterns, and a line over 200 characters never goes:
  a paragraph that mentions 版权所有 once is prose, not a footer.
* **Metadata stays.** Bylines, ``来源：``/``编辑：`` lines, timestamps and the
  newspaper masthead (``齐鲁晚报 2024.2.6 星期二``) are left for
  :func:`transforms.metadata.extract_metadata`, which runs next and moves them
  into fields.
* **Spam names** are found by their shape — a gambling/lottery word followed by
  digits or a site suffix (``全讯5123``, ``新全讯2网``, ``XX娱乐城``) in the head
  or tail, or a name in the injected template ``X的版权所有`` / ``X的技术支持`` /
  ``诚邀X的合作伙伴`` that also appears in the title — then every occurrence is
  removed, wherever it stands, and the document is flagged ``seo_spam``.

The patterns are data, one regex per line with a comment, in
``transforms/data/boilerplate_*.txt``; they are matched against
:func:`transforms.metadata.fold`, so one simplified, half-width pattern serves
traditional and full-width text too.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

from transforms import data_words
from transforms.lines import drop_lines
from transforms.metadata import fold, is_metadata_line
from transforms.repairs import Fixed, Repair

SHORT_LINE = 50  # a footer/header line this short goes on one pattern hit
LONG_LINE = 200  # a line longer than this is prose and never goes
WIDGET_LINE = 60  # a widget bar is at most this long
ITEM_LINE = 50  # a related-link item (a headline, maybe with a date) is at most this long


class Stripped(NamedTuple):
    """``strip_boilerplate``'s result; unpacks as ``fixed, flags = strip_boilerplate(text)``."""

    fixed: Fixed
    flags: list[str]  # quality flags for documents.flags, e.g. ["seo_spam"]

    @property
    def text(self) -> str:
        return self.fixed.text

    @property
    def repairs(self) -> list[Repair]:
        return self.fixed.repairs


# --------------------------------------------------------------------------
# pattern data


@cache
def _patterns(name: str) -> tuple[re.Pattern[str], ...]:
    """The regexes of ``transforms/data/boilerplate_<name>.txt``, compiled once."""
    path = resources.files("transforms") / "data" / f"boilerplate_{name}.txt"
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        regex = re.split(r"\s+#\s", raw, maxsplit=1)[0].strip()
        out.append(re.compile(regex))
    return tuple(out)


@cache
def _words(name: str) -> frozenset[str]:
    """The words of ``transforms/data/boilerplate_<name>.txt``, one a line."""
    return frozenset(data_words(f"boilerplate_{name}.txt"))


@cache
def _alternation(name: str) -> str:
    return "|".join(f"(?:{p.pattern})" for p in _patterns(name))


@cache
def _alternation_re(name: str) -> re.Pattern[str]:
    """:func:`_alternation` compiled once (``re``'s own cache lookup costs more than the match on a short line)."""
    return re.compile(_alternation(name))


@lru_cache(maxsize=8192)  # spam names and furniture test the same lines
def _hits(name: str, folded: str) -> int:
    """How many different patterns of ``name`` match ``folded``."""
    return sum(1 for p in _patterns(name) if p.search(folded))


# --------------------------------------------------------------------------
# line kinds

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
_BULLET = re.compile(r"^[\s\-·•*>»○●◆■□▪◇]+")
_PHONE_ONLY = re.compile(r"^[\s\d\-+()/、,]*\d[\s\d\-+()/、,]*$")
_SENTENCE_END = re.compile(r"[。!?…]\s*[”’」』\"]?\s*$")
_ITEM_DATE = re.compile(r"\s*(?:\d{4}[-/.])?\d{1,2}[-/.]\d{1,2}\s*$|\s*\d{1,2}月\d{1,2}日\s*$")
_MD_HEADING = re.compile(r"^(\s*)#{1,6}\s*(?=\S)")
_NAV_TOKEN = re.compile(r"[^\s|/]+")
_WORDLIKE = re.compile(rf"[{_CJK}a-z0-9]")
_HAN_CHAR = re.compile(f"[{_CJK}]")
_NAV_PUNCT = re.compile(r"[,。!?;、]")


def _core(folded: str) -> str:
    if _BULLET.match(folded) is None:
        return folded.strip()  # no bullet: spare building the same string again
    return _BULLET.sub("", folded).strip()


def _is_widget(core: str) -> bool:
    """A bar of share/print/font-size words and nothing else."""
    if not core or len(core) > WIDGET_LINE:
        return False
    widgets = _alternation_re("widgets")
    if _WORDLIKE.search(widgets.sub("", core)):
        return False
    return any(len(m.group()) >= 2 for m in widgets.finditer(core))


_HEAD_TRIM = re.compile(r"^[【\[<《:|>»\-\s]+|[】\]>》:|>»\-\s]+$")


def _is_related_head(core: str) -> bool:
    inner = _HEAD_TRIM.sub("", core)
    return bool(inner) and _alternation_re("related").fullmatch(inner) is not None


def _is_junk(core: str) -> bool:
    """Markup debris: no Chinese, no letter, no digit (``"));``, ``>>``, ``|``)."""
    return not _WORDLIKE.search(core)


def _is_phone(core: str) -> bool:
    return bool(_PHONE_ONLY.match(core)) and sum(c.isdigit() for c in core) >= 5


_NAV_WORDS = frozenset(
    {
        "首页", "新闻", "要闻", "时政", "财经", "经济", "体育", "娱乐",
        "汽车", "科技", "房产", "教育", "旅游", "视频", "图片", "评论",
        "专题", "社会", "国际", "国内", "军事", "健康", "文化", "滚动",
        "原创", "政务", "本地", "民生", "法治", "理论", "读书", "数码",
        "手机", "游戏",
    }
)


def _is_nav(core: str) -> bool:
    """A navigation bar: five or more short words, two of them section names (``首页 新闻 财经 体育 汽车``)."""
    tokens = _NAV_TOKEN.findall(core)
    return (
        len(tokens) >= 5
        and all(len(t) <= 4 for t in tokens)
        and sum(t in _NAV_WORDS for t in tokens) >= 2
        and not _NAV_PUNCT.search(core)
    )


def _is_item(core: str) -> bool:
    """A related-link item: a short headline, maybe closed by a date, no sentence."""
    bare = _ITEM_DATE.sub("", core)
    short = 0 < len(core) <= ITEM_LINE
    return short and not _SENTENCE_END.search(bare) and bool(_HAN_CHAR.search(bare))


_CONTACT = re.compile(r"\d{3,4}-\d{7,8}|(?<!\d)1[3-9]\d{9}(?!\d)|\d{7,}|www\.|https?://|@|\.com|\.cn")


def _footer(core: str) -> bool:
    """A footer line: one pattern hit on a short line; on a sentence, two hits and a number to call, or three."""
    if len(core) > LONG_LINE:
        return False
    hits = _hits("footer", core) + _hits("offer", core)
    if len(core) <= SHORT_LINE and not _SENTENCE_END.search(core):
        return hits >= 1
    return hits >= 3 or (hits >= 2 and bool(_CONTACT.search(core)))


def _header(core: str) -> bool:
    return len(core) <= SHORT_LINE and (_hits("header", core) >= 1 or _is_nav(core) or _is_crumb(core))


# Separators of a navigation crumb: > >> » › → and ASCII arrows (a crumb's own marks), / and \ (also a list's).
_CRUMB_SEP = re.compile(r"\s*(?:>{1,2}|»|›|→|⇒|-{1,2}>|/|\\)\s*")
_CRUMB_ARROWS = frozenset({">", ">>", "»", "›", "→", "⇒", "->", "-->"})
# Arrows a headline never uses (从制造→智造 does use →): a topic noun between them is enough.
_CRUMB_ONLY = frozenset({">", ">>", "»", "›"})
_CRUMB_LEAD = re.compile(r"^(?:当前位置|您的位置|您现在的位置|所在位置|位置|导航)\s*:\s*")


def _is_crumb(core: str) -> bool:
    """A navigation crumb in any wording: ``主页 > 新闻 > 内地经济``, ``首页→新闻→要闻``, ``经济 / 产业动态 / 正文``.

    Short segments (at most 10 characters, no sentence punctuation, digit or
    quote) between one kind of separator, and a sign that it is navigation: a
    home or page word (首页, 正文), a ``当前位置：`` label, or a separator left
    hanging (``政务公开 > 统计信息 >``); with arrows, also three segments
    among which a site's section name (政务公开, ``boilerplate_crumb_sections.txt``)
    — or, between > » › only, a topic noun (新闻, 财经). A list of topics
    (汽车/家电/手机, 教育→就业→创业), a dated line (``2024/06/03``) or a
    headline with arrows (``从制造→智造→创造``) is none.

        >>> _is_crumb("主页 > 新闻 > 内地经济"), _is_crumb("首页→新闻→要闻"), _is_crumb("2024/06/03 10:05")
        (True, True, False)
        >>> _is_crumb("汽车/家电/手机"), _is_crumb("教育→就业→创业"), _is_crumb("新闻/财经/")
        (False, False, True)
    """
    body = _CRUMB_LEAD.sub("", core)
    labelled = body != core  # 当前位置：…
    seps = {m.group().strip() for m in _CRUMB_SEP.finditer(body)}
    if len(seps) != 1:
        return False
    parts = _CRUMB_SEP.split(body)
    hanging = not parts[0] or not parts[-1]  # a separator at either end: 首页 > 政务公开 >
    parts = parts[1:] if not parts[0] else parts
    parts = parts[:-1] if parts and not parts[-1] else parts
    if not parts or any(
        not p or len(p) > 10 or _NAV_PUNCT.search(p) or re.search(r"[\d\"“”‘’'()]", p) for p in parts
    ):
        return False
    home = any(p in _words("crumb_home") for p in parts)
    if len(parts) >= 2 and (home or labelled or hanging):
        return True
    if not seps <= _CRUMB_ARROWS or len(parts) < 3:
        return False  # a slash list names topics as often as sections: only the signs above count
    sections = _words("crumb_sections") | (_NAV_WORDS if seps <= _CRUMB_ONLY else frozenset())
    return any(p in sections for p in parts)


def _is_prose(core: str) -> bool:
    return len(core) >= SHORT_LINE or bool(_SENTENCE_END.search(core))


# --------------------------------------------------------------------------
# SEO spam


@cache
def _spam_token() -> re.Pattern[str]:
    """A spam site name: a gambling word with digits or a site suffix, maybe three characters before it."""
    strong, weak = _alternation("spam"), _alternation("spam_digits")
    c = _CJK
    # digits that are not a date, an amount or a count (彩票2023年, 资金300万元 are prose)
    digits = r"\d+[a-z]*(?:网|站|城|平台)|\d{3,}[a-z]*(?![0-9a-z年月日号时分秒亿万千百元个家期届次名位项条人户吨%.\-])"
    return re.compile(
        rf"(?:(?:^|(?<=[^{c}a-z0-9]))[{c}]{{0,3}}?)?"  # at a word boundary, up to three characters before the word
        rf"(?:(?:{strong})(?:[{c}]{{0,3}}?(?:{digits})|[{c}a-z0-9]{{0,4}}?(?:网|站|城|平台))"
        rf"|(?:{weak})[{c}]{{0,3}}?(?:{digits}))"
    )


# words that glue an injected name into the page, not part of the name: 诚邀X的合作伙伴, 欢迎访问X
_GLUE = re.compile(r"^(?:诚邀|欢迎|访问|登录|由|是|为|与|和|及|在)+")


_TEMPLATE = re.compile(
    rf"(?:诚邀|欢迎)?(?P<name>[{_CJK}a-z0-9]{{2,12}}?)的(?:版权所有|技术支持|合作伙伴|友情链接)"
)


def find_spam_names(text: str) -> list[str]:
    """Spam site names in ``text``, as written, longest first.

    Looked for in the head (up to the first paragraph of prose) and the tail
    (after the last one), where an injector puts them; a name found there is
    then removed everywhere.

        >>> body = "正文写得足够长，一句话讲完了所有的事情。"
        >>> find_spam_names("好消息标题-新全讯2网\\n" + body + "\\n全讯5123的版权所有")
        ['全讯5123', '新全讯2网']
        >>> find_spam_names("体育彩票销售额增长。\\n齐鲁网版权所有")
        []
    """
    lines = text.split("\n")
    folded = [fold(x) for x in lines]
    return _spam_names(lines, folded, [_core(f) for f in folded])


def _spam_names(lines: list[str], folded: list[str], cores: list[str]) -> list[str]:
    """:func:`find_spam_names` on lines already folded and cored (the stage needs both again)."""
    # Only the first and the last line of prose matter: found from either end.
    def prose(i: int) -> bool:
        return _is_prose(cores[i]) and not _footer(cores[i])

    first = next((i for i in range(len(lines)) if prose(i)), len(lines))
    last = next((i for i in range(len(lines) - 1, first - 1, -1) if prose(i)), len(lines))
    region = [i for i in range(len(lines)) if i < first or i > last]
    title = next((folded[i] for i in region if folded[i].strip()), "")
    names: dict[str, None] = {}
    for i in region:
        for m in _spam_token().finditer(folded[i]):
            glue = _GLUE.match(m.group())
            start = m.start() + (glue.end() if glue else 0)
            names[lines[i][start : m.end()]] = None
    # a name with no digits or site suffix (澳门威尼斯人) standing as a segment of its own beside a title
    # separator (标题-澳门威尼斯人_手机版) or on a line that advertises (…注册即送88元 www.…)
    for i in region:
        line, offer = folded[i], _hits("offer", folded[i]) > 0
        for m in _SEGMENT.finditer(line):
            beside = line[m.start() - 1 : m.start()] in _TITLE_SEPS or line[m.end() : m.end() + 1] in _TITLE_SEPS
            if (beside or offer) and _bare_spam_name().fullmatch(m.group()):
                names[lines[i][m.start() : m.end()]] = None
    # the injected template, for a name without a gambling word: a site name (digits, or 网/站/城 at
    # the end) in "X的版权所有" / "X的技术支持" that also stands in the title
    for i in region:
        for m in _TEMPLATE.finditer(folded[i]):
            name = re.split("诚邀|欢迎", m.group("name"))[-1]
            site_like = bool(re.search(r"\d|[网站城]$", name))
            if _spam_token().fullmatch(name) or (site_like and len(name) >= 3 and name in title):
                end = m.end("name")
                names[lines[i][end - len(name) : end]] = None
    return sorted(names, key=len, reverse=True)


_SEGMENT = re.compile(r"[^\s\-_|–—:,]+")
_TITLE_SEPS = frozenset("-_|–—")


@cache
def _bare_spam_name() -> re.Pattern[str]:
    """A gambling word alone, with up to three characters before it (澳门威尼斯人), as a whole segment."""
    return re.compile(rf"[{_CJK}]{{0,3}}(?:{_alternation('spam')})")


def _remove_spam(text: str, names: list[str]) -> tuple[str, int]:
    """Remove every occurrence of ``names`` with the separator or template glue around it."""
    count = 0
    folded = fold(text)  # folded again only when a cut changed the text
    for name in names:
        n = re.escape(fold(name))
        patterns = (
            # title suffix: 标题-新全讯2网, with the page's own suffix after it: 标题-澳门威尼斯人_手机版
            rf"[ \t]*[-_|–—:][ \t]*{n}(?:[ \t]*[-_|][ \t]*[^\s\-_|]{{1,8}})?[ \t]*(?=\r?\n|$)",
            rf"(?:(?<=\n)|^)[ \t]*{n}[ \t]*[-_|–—:][ \t]*",  # prefix: 新全讯2网-标题
            rf"{n}的(?=版权所有|技术支持|合作伙伴|友情链接)",  # template: X的版权所有
            n,
        )
        for p in patterns:
            spans = [m.span() for m in re.finditer(p, folded)]
            if not spans:
                continue
            for s, e in reversed(spans):  # fold keeps offsets, so a folded match cuts the original
                text = text[:s] + text[e:]
            count += len(spans)
            folded = fold(text)
    return text, count


# --------------------------------------------------------------------------
# the stage


def strip_boilerplate(text: str) -> Stripped:
    """Remove page furniture and SEO spam; keep the article body and its metadata lines.

    Repairs: ``boilerplate`` (which kinds of lines, how many) and ``seo_spam``
    (the names removed); flags: ``["seo_spam"]`` when spam was found.

        >>> page = "\\n".join([
        ...     "首页 > 新闻 > 正文",
        ...     "标题-皇冠8网",
        ...     "来源：某某日报",
        ...     "【打印】【关闭窗口】",
        ...     "今年以来，全市经济运行稳中向好，地区生产总值增长5.2%。",
        ...     "责任编辑：李四",
        ...     "相关阅读",
        ...     "某某区召开经济工作会议 01-05",
        ...     "Copyright © 2024 某某网 版权所有",
        ... ])
        >>> fixed, flags = strip_boilerplate(page)
        >>> print(fixed.text)
        标题
        来源：某某日报
        今年以来，全市经济运行稳中向好，地区生产总值增长5.2%。
        责任编辑：李四
        >>> flags
        ['seo_spam']
        >>> strip_boilerplate("只有正文。").fixed.repairs
        []
    """
    repairs: list[Repair] = []
    flags: list[str] = []

    lines = text.split("\n")
    # Folded line by line: metadata folds the same lines next, and fold keeps each line's key (cached).
    folded = [fold(x) for x in lines]
    cores = [_core(f) for f in folded]
    names = _spam_names(lines, folded, cores)
    if names:
        text, count = _remove_spam(text, names)
        if count:
            repairs.append(Repair("seo_spam", f"removed spam site names: {', '.join(names)} ({count}×)"))
            flags.append("seo_spam")
            lines = text.split("\n")
            folded = [fold(x) for x in lines]
            cores = [_core(f) for f in folded]
    # Whether a line is metadata, asked only of the lines where it decides something (most body
    # lines never are: only the first and last line of prose count): reading one costs a parse.
    meta: list[bool | None] = [None] * len(lines)

    def is_meta(i: int) -> bool:
        known = meta[i]
        if known is None:
            known = meta[i] = bool(cores[i]) and is_metadata_line(lines[i])
        return known

    remove: dict[int, str] = {}

    # strict widget bars go wherever they stand; widget spans inside a line go too
    for i, c in enumerate(cores):
        if _is_widget(c) and not is_meta(i):
            remove[i] = "widget"
    lines, spans = _strip_widget_spans(lines, folded, cores, remove)
    if spans:
        cores = [_core(fold(x)) for x in lines]
        meta = [None] * len(lines)

    def furniture(i: int) -> bool:
        c = cores[i]
        return bool(c) and (_footer(c) or _header(c) or _is_phone(c) or _is_related_head(c)) and not is_meta(i)

    def prose(i: int) -> bool:
        c = cores[i]
        return bool(c) and _is_prose(c) and not is_meta(i) and not furniture(i)

    # Only the first and the last line of prose matter: found from either end.
    first = next((i for i in range(len(lines)) if prose(i)), len(lines))
    last = next((i for i in range(len(lines) - 1, first - 1, -1) if prose(i)), len(lines) - 1)

    # head: page header, crumbs, phone numbers, debris — never metadata, never the title
    for i in range(first):
        c = cores[i]
        if c and i not in remove and (_header(c) or _is_phone(c) or _is_junk(c)) and not is_meta(i):
            remove[i] = "header"

    # tail: walk back from the end to the last line of prose
    pending: list[int] = []
    for i in range(len(lines) - 1, last, -1):
        c = cores[i]
        if not c or i in remove or is_meta(i):
            continue
        if _is_related_head(c):
            remove[i] = "related links"
            for j in pending:
                remove[j] = "related links"
            pending = []
        elif _footer(c) or _header(c) or _is_phone(c) or _is_junk(c):
            remove[i] = "footer"
        elif _is_item(c):
            pending.append(i)  # a headline: related link only if a related heading stands above it
        else:
            break

    lines, marks = _strip_heading_marks(lines, first, remove)
    if remove or spans or marks:
        kinds: dict[str, list[int]] = {}
        for i in sorted(remove):
            kinds.setdefault(remove[i], []).append(i)
        parts = [_summary(kind, [lines[i] for i in rows]) for kind, rows in kinds.items()]
        if spans:
            parts.append(f"{spans} widget span{'s' if spans > 1 else ''}")
        if marks:
            parts.append(f"markdown heading marks on {marks} line{'s' if marks > 1 else ''}")
        repairs.append(Repair("boilerplate", "removed " + ", ".join(parts)))
        text = drop_lines(lines, set(remove))
    return Stripped(Fixed(text, repairs), flags)


def _summary(kind: str, removed: list[str]) -> str:
    """``3 footer lines (网友评论 | 版权所有: 齐鲁网… | 网站地图)``: how many, and how they began."""
    shown = [x.strip()[:12] + ("…" if len(x.strip()) > 12 else "") for x in removed[:3]]
    more = " | …" if len(removed) > 3 else ""
    return f"{len(removed)} {kind} line{'s' if len(removed) > 1 else ''} ({' | '.join(shown)}{more})"


_WIDGET_SPAN_BRACKET = re.compile(r"[【\[][^【】\[\]]{1,16}[】\]]")
_FONT_SIZE_SPAN = re.compile(r"(?:字号|字体)\s*:?\s*[\[【(]?\s*[大中小](?:\s*[大中小]){1,2}\s*[\]】)]?")


# What either kind of span needs: a bracket, or 字号/字体. A line without one keeps every character.
_SPAN_HINT = re.compile(r"[【\[]|字[号体]")


def _strip_widget_spans(
    lines: list[str], folded: list[str], cores: list[str], skip: dict[int, str]
) -> tuple[list[str], int]:
    """Cut ``【打印】``, ``[关闭]``, ``字号:大 中 小`` spans out of lines that keep other text."""
    out, count = [], 0
    for i, (line, f, core) in enumerate(zip(lines, folded, cores, strict=True)):
        if i in skip or len(core) > LONG_LINE or _SPAN_HINT.search(f) is None:
            out.append(line)
            continue
        cuts = [m.span() for m in _FONT_SIZE_SPAN.finditer(f)]
        cuts += [m.span() for m in _WIDGET_SPAN_BRACKET.finditer(f) if _is_widget(m.group()[1:-1])]
        for s, e in sorted(cuts, reverse=True):
            before, after = line[:s].rstrip(), line[e:].lstrip()
            line = f"{before} {after}".rstrip() if before.strip() else after
            count += 1
        out.append(line)
    return out, count


def _strip_heading_marks(lines: list[str], first: int, remove: dict[int, str]) -> tuple[list[str], int]:
    """Drop markdown ``###`` marks from sub-headings.

    The first heading in the head is left as it is: it is the title, and
    :func:`transforms.metadata.extract_metadata` reads it from there.
    """
    out, count, title_seen = [], 0, False
    for i, line in enumerate(lines):
        if i in remove or not _MD_HEADING.match(line):
            out.append(line)
            continue
        if i < first and not title_seen:
            title_seen = True
            out.append(line)
            continue
        out.append(_MD_HEADING.sub(r"\1", line))
        count += 1
    return out, count


