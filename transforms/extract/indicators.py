"""Economic figures stated in an article → rows of the ``indicators`` table.

A sentence is read as a sequence of indicator mentions (from the vocabulary
in ``transforms/data/extract_indicators.tsv``); each mention owns the text up
to the next one, and in it takes

* the amount written right behind it (``外贸进出口128亿元``) — only behind a few
  filler words (完成, 实现, 达到 …), so an amount that belongs to another noun
  (``出口二手车1067台、结汇2亿元``) is not taken;
* the growth rate in its clause or in a clause that is only a growth rate
  (``、增长6%``, ``，增速106.8%``);
* for project counts, ``N个…项目`` and ``总投资X亿元`` around it.

The period, the region and an estimate/plan word written earlier in the
sentence apply to every figure after them in it (the scope "carries"); a
region named at the head of a sentence carries on through its paragraph.
What is no fact is dropped: percentage-point gaps, multi-year averages,
growth over another base year, size classes (``亿元以上项目``), another
government's list of key projects (``21个省重点项目`` in a city; a city's own
``市级重点项目`` are its key projects).  Years listed before 分别
(``2022年、2023年，GDP分别增长5.3%和4.6%``) give each rate its year; a place
and a rate after a figure (``，滨州市增长4.9%``) go on with that figure.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from transforms.extract.numbers import Growth, Quantity, find_growths, find_quantities, unit_scale
from transforms.extract.periods import (
    Clock,
    Marker,
    Period,
    carries,
    context_year,
    find_markers,
    find_quarter_lists,
    month_end,
    reference_year,
    resolve,
    title_year,
)
from transforms.extract.regions import (
    ZONE_SUFFIXES,
    Mention,
    Place,
    article_prior,
    article_subject,
    find_collectives,
    find_places,
    resolve_bare_zone,
    resolve_collective,
)
from transforms.extract.sentences import Span, clause_bounds, enclosing, split_sentences, subclause_bounds
from transforms.extract.tables import Table, find_tables
from transforms.extract.trie import trie_regex


class IndicatorRow(NamedTuple):
    """One row of the ``indicators`` table, without ``doc_id``."""

    region: str | None
    period_start: date | None
    period_end: date | None
    indicator: str
    value: float | None
    unit: str | None
    value_base: float | None
    yoy_pct: float | None
    qualifier: str | None
    evidence: str
    char_start: int
    char_end: int
    industry: str | None = None  # the industry a per-industry figure is about (电子信息产业)


# Figures of one industry: the row names it (industry_revenue of 集成电路产业)
INDUSTRY_CODES = frozenset({"industry_revenue", "industry_output"})


class Term(NamedTuple):
    """A line of the vocabulary file."""

    code: str
    kind: str  # money, count, new_count, projects
    qualifier: str | None


class Hit(NamedTuple):
    """A vocabulary term found in a sentence at ``start:end``."""

    term: Term
    start: int
    end: int


@lru_cache(maxsize=1)
def vocabulary() -> tuple[re.Pattern[str] | None, dict[str, Term], list[tuple[re.Pattern[str], Term]]]:
    """(literal phrases as one regex, phrase → term, [(regex, term)]), loaded once.

        >>> _, phrases, _ = vocabulary()
        >>> phrases["生产总值"].code, phrases["实际利用外资"].code
        ('gdp', 'foreign_investment')
    """
    text = resources.files("transforms").joinpath("data/extract_indicators.tsv").read_text("utf-8")
    phrases: dict[str, Term] = {}
    patterns: list[tuple[re.Pattern[str], Term]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        term = Term(cols[1], cols[2], cols[3] if len(cols) > 3 and cols[3] else None)
        if cols[0].startswith("re:"):
            patterns.append((re.compile(cols[0][3:], re.IGNORECASE), term))
        else:
            phrases[cols[0].upper() if cols[0].isascii() else cols[0]] = term
    return (trie_regex(phrases, re.IGNORECASE) if phrases else None), phrases, patterns


@lru_cache(maxsize=1)
def _damaged_vocabulary() -> re.Pattern[str]:
    """The literal phrases with any character after the second possibly lost
    in decoding (U+FFFD): ``地区生产\ufffd\ufffd`` is still 地区生产总值."""
    _, phrases, _ = vocabulary()
    alts = ["".join(re.escape(c) if i < 2 else f"[{re.escape(c)}\ufffd]" for i, c in enumerate(p))
            for p in sorted(phrases, key=len, reverse=True) if len(p) >= 4 and not p.isascii()]
    return re.compile("|".join(alts))


def required_literals(pattern: str) -> tuple[str, ...]:
    """Runs of two or more literal characters every match of ``pattern`` contains
    (read from its top level: not inside a group, a class or an optional part).

    Why: the regex lines of the vocabulary are tried on every sentence; a
    sentence without ``签约`` cannot hold a signing pattern, and a substring test
    costs far less than a regex scan.

        >>> required_literals(r"签约[^，。]{0,80}?项目"), required_literals(r"[“]?四上[”]?(?:企业)?")
        (('签约', '项目'), ('四上',))
        >>> required_literals(r"(?<=[\u4e00-\u9fff])(?<!主导)产业(?:集群|链)?营收")
        ('产业', '营收')
        >>> required_literals(r"(?<!数字)经济(?=(?:增长|成长)目标)")  # a lookahead's text is required too
        ('经济', '目标')
    """
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    def top(items: object) -> list[str]:
        runs: list[str] = [""]
        for op, arg in items:  # type: ignore[attr-defined]
            if op is c.LITERAL:
                runs[-1] += chr(arg)
                continue
            if runs[-1]:
                runs.append("")  # anything else ends a run: what it matches may stand between
            if op is c.ASSERT and arg[0] == 1:  # a lookahead: its own runs must be there as well
                runs[-1:-1] = top(arg[1])
        return runs

    return tuple(r for r in top(_parser.parse(pattern)) if len(r) >= 2)


@lru_cache(maxsize=1)
def _pattern_literals() -> tuple[tuple[frozenset[str], ...], tuple[str, ...]]:
    """(each pattern's required literals, all of them once): a sentence is tested
    for each distinct literal once, then each pattern by a set inclusion."""
    _, _, patterns = vocabulary()
    # the patterns ignore case: a literal with Latin letters could match in another case
    each = tuple(frozenset(lit for lit in required_literals(rx.pattern) if not re.search("[A-Za-z]", lit))
                 for rx, _ in patterns)
    return each, tuple(sorted(set().union(*each)))


def find_terms(sentence: str) -> list[Hit]:
    """Indicator mentions in a sentence, longest first where they overlap.

        >>> [h.term.code for h in find_terms("规上工业增加值增长，外贸进出口，出口额")]
        ['industrial_value_added', 'foreign_trade', 'exports']
        >>> [h.term.code for h in find_terms("新签约枣庄中环、鲁南超算等过亿元项目71个")]
        ['signed_projects']
        >>> [h.term.code for h in find_terms("实现地区生产\ufffd\ufffd98亿元，固定资产\ufffd资增长")]
        ['gdp', 'fixed_asset_investment']
    """
    return _terms(sentence, _literal_hits(sentence), _possible_patterns(sentence))


def _literal_hits(text: str) -> list[Hit]:
    """The vocabulary's literal phrases in ``text``."""
    literal, phrases, _ = vocabulary()
    if literal is None:
        return []
    return [Hit(phrases[key.upper() if key.isascii() else key], m.start(), m.end())
            for m in literal.finditer(text) for key in (m.group(),)]


def _possible_patterns(text: str) -> list[tuple[re.Pattern[str], Term, frozenset[str]]]:
    """The regex lines of the vocabulary whose required literals are all in
    ``text``, with those literals: no other can match in it or in a part of it."""
    _, _, patterns = vocabulary()
    each, distinct = _pattern_literals()
    present = {lit for lit in distinct if lit in text}
    return [(rx, term, needed) for (rx, term), needed in zip(patterns, each, strict=True) if needed <= present]


def _terms(sentence: str, found: list[Hit], patterns: list[tuple[re.Pattern[str], Term, frozenset[str]]]) -> list[Hit]:
    """:func:`find_terms` given the literal phrases already ``found`` in the
    sentence and the regex lines whose literals it holds (see :func:`_possible_patterns`)."""
    if "\ufffd" in sentence:
        _, phrases, _ = vocabulary()
        for m in _damaged_vocabulary().finditer(sentence):
            if "\ufffd" in m.group():
                key = next(p for p in phrases if len(p) == len(m.group()) and all(
                    a == b or b == "\ufffd" for a, b in zip(p, m.group(), strict=True)))
                found.append(Hit(phrases[key], m.start(), m.end()))
    for rx, term, _ in patterns:
        found += [Hit(term, m.start(), m.end()) for m in rx.finditer(sentence)]
    if len(found) < 2:
        return found
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[Hit] = []
    for h in found:
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


def _sentence_terms(text: str, sents: list[Span]) -> list[list[Hit]]:
    """:func:`find_terms` of every sentence of ``text``, offsets into each sentence.

    Why: the literal phrases are found in one scan of the whole text instead
    of one per sentence, and a regex line of the vocabulary is tried only in
    articles that hold its literals.  No phrase spans a sentence break (they
    hold no space nor sentence-final punctuation); should one ever match
    across one, each sentence is read on its own, as before.

        >>> text = "规上工业增加值增长5%。\\n外贸进出口128亿元！好"
        >>> [[h.term.code for h in hits] for hits in _sentence_terms(text, split_sentences(text))]
        [['industrial_value_added'], ['foreign_trade'], []]
    """
    per: list[list[Hit]] = [[] for _ in sents]
    starts = [s.start for s in sents]
    for h in _literal_hits(text):
        k = bisect_right(starts, h.start) - 1
        if k >= 0 and h.end <= sents[k].end:
            per[k].append(Hit(h.term, h.start - sents[k].start, h.end - sents[k].start))
        elif (k >= 0 and h.start < sents[k].end) or (k + 1 < len(sents) and h.end > sents[k + 1].start):
            return [find_terms(s.text) for s in sents]  # a match across a sentence break
    # the sentences that hold each regex line's literals, found by str.find over the text
    holding: dict[str, set[int]] = {}
    todo = {k for k, hits in enumerate(per) if hits}
    patterns = []
    for pattern in _possible_patterns(text):
        for lit in pattern[2] - holding.keys():
            holding[lit] = _sentences_holding(text, starts, sents, lit)
        # (a line without a literal of two characters is tried everywhere)
        where = set.intersection(*(holding[lit] for lit in pattern[2])) if pattern[2] else set(range(len(sents)))
        patterns.append((pattern, where))
        todo |= where
    if "\ufffd" in text:
        todo.update(k for k, s in enumerate(sents) if "\ufffd" in s.text)
    return [_terms(s.text, per[k], [p for p, where in patterns if k in where]) if k in todo else per[k]
            for k, s in enumerate(sents)]


def _sentences_holding(text: str, starts: list[int], sents: list[Span], word: str) -> set[int]:
    """Indices of the sentences (``starts`` their offsets) that contain ``word``."""
    found: set[int] = set()
    i = text.find(word)
    while i >= 0:
        k = bisect_right(starts, i) - 1
        if k >= 0 and i + len(word) <= sents[k].end:
            found.add(k)
        i = text.find(word, i + 1)
    return found


def _merge_repeats(hits: list[Hit], sentence: str) -> list[Hit]:
    """``生产总值（GDP）`` names one figure twice: keep one mention."""
    out: list[Hit] = []
    for h in hits:
        if out and out[-1].term.code == h.term.code and \
                re.fullmatch(r"[\s（(“\"”]*", sentence[out[-1].end:h.start]):
            end = h.end
            closing = re.match(r"[\s）)”\"]*", sentence[end:])
            out[-1] = out[-1]._replace(end=end + (closing.end() if closing else 0))
            continue
        out.append(h)
    return out


# Words that may stand between an indicator and its amount.
_YEARISH = r"(?:(?:19|20)\d\d年(?:末|底|的)?|今年|去年|上年|全年|当年|年度|年末|年底)"
_FILLER = re.compile(
    r"(?:\s|[”’\"'）)】]|（[^（）]{0,10}）|\([^()]{0,10}\)|" + _YEARISH + "|"
    r"同比|累计|共计|合计|总计|总共|共|实现|完成|达到|达|为|是|总额|总值|总量|总数|总规模|规模|数量|数|金额|额|值|约|近|将近|接近|由|"
    r"大约|超过|超|逾|突破|有|在库|已|已经|分别|从|的|了|首次|再次|稳定在|保持在|增至|增加到|增长到|增长至|"
    r"提高到|提高至|上升到|上升至|下降到|下降至|减少到|减少至|到|至|预计|可望|有望|力争|争取|将|不少于|不低于|至少)*"
)
_GROWTH_LEAD = re.compile(r"(?:\s|同比|比上年同期|较上年同期|比去年同期|较去年同期|比上年|较上年|比去年|较去年|"
                          r"与上年相比|与去年相比|按年|(?:比|较)(?:上年|去年)(?:末|底)|(?:比|较)[^，。；,;\d]{0,6}?(?:19|20)\d\d年(?:同期)?|分别|其|增速|增幅|降幅|"
                          r"(?:比|较)(?:上年|去年|(?:19|20)\d\d年)(?:同期)?的\d+(?:\.\d+)?(?:万亿|亿|万|千)?(?:美元|元)?|"
                          r"同口径|可比口径|按可比价格?计算|按不变价格?计算|" + _YEARISH + r")*")
_INVEST_LEAD = re.compile(r"\s*(?:(?:计划|累计|签约|协议|合同)?(?:总投资额?|投资总额|投资总金额|总金额|总额)|"
                          r"(?:合计|共计|总计)投资额?|"
                          r"(?:签约|协议|合同|累计)?(?:引资|引进资金|签约(?:资金|金额|总额)|合同(?:资金|金额)|协议(?:资金|金额)|协议投资额?|合同投资额?))"
                          r"(?:达到?|为|共|约|超过?|近|逾)?\s*")
# a list's size said with the list (名单，共安排项目1200个 · 清单共列入项目86个): the count is the list's
_LIST_LEAD = re.compile(r"(?:名单|清单|计划)?[，,]?\s*(?:共|共计|合计|总计|全年)?\s*"
                        r"(?:安排|列入|纳入|确定|包括|涵盖|包含)(?:重点)?(?:建设)?项目")
# a later clause that goes on with the figure: 、总数达457家 · ，全年有望突破4000亿元 (a forecast of the same figure)
_CONTINUES = re.compile(r"\s*(?:(?:19|20)\d\d年|今年|去年|全年|年底|年末)?(?:有望|预计|可望|将)?"
                        r"(?:总数|总量|总额|总值|总计|合计|累计|共|达|实现|完成|规模|突破|超过|超)")
_STOCK_WORDS = re.compile(r"总数|总量|总计|共有|在库|拥有|累计|实有|现有")
_DELTA_WORDS = re.compile(r"新增|净增|新认定|新培育|新入库|新引进|新登记|新设立|新晋|认定|申报|获批|培育")
# 增加到/减少至 state the new level (从2019年的4682家增加到2023年的5536家), not a difference
_COMPARE_WORDS = re.compile(r"比|较|增加(?![到至])|减少(?![到至])|多出|高出")
# a later clause adding the period's new ones to a stock: 企业达到236家，今年新增38家
_NEW_AFTER = re.compile(r"\s*(?:今年|全年|当年|年内|其中)?(?:新增|新认定|新培育|新入库)\s*")
_SEGMENT_CUT = re.compile(r"其中|此外|另外")
_CONTINUES_SENTENCE = re.compile(r"\s*(?:其中|同时|此外|另外)[，,：:]")
_BASE_YEAR = re.compile(r"(?:比|较|与)[^，。；,;\d]{0,6}?((?:19|20)\d\d)\s*年")
_QUAL_WORDS = re.compile(r"(?P<target>预期目标|目标|预期增长|力争|争取|确保|努力)|(?P<estimate>预计|预期|有望|可望)|"
                         r"(?P<plan>(?<!年度)(?<!投资)(?<!行动)(?<!倍增)(?<!规划)计划(?!的)|拟)")
# a word every match of _QUAL_WORDS holds (lookarounds left out): none, no match
_QUAL_CORE = re.compile(r"目标|力争|争取|确保|努力|预计|预期|有望|可望|计划|拟")
_REGION_BEFORE_BAD = re.compile(r"(?:高出|高于|低于|快于|慢于|领先|超过|比|较|占|居|位居|位列|列|在|于|对|向|与|和|同|"
                                r"至|到|赴|全国|全省)$")
# 全省首位, 前列, 前10 rank a place; 前三季度 / 前3季 / 前10个月 are a period after it
_REGION_AFTER_BAD = re.compile(r"(?:首(?![一二三四1-4]?季|\d+个月)|第|前列|"
                               r"前(?:\d+|[一二三四五六七八九十]+)(?![\d一二三四五六七八九十]|\s*个?(?:季|月))|"
                               r"率先|唯一|排名|平均|范围|之|各|乃至|同类|层面|领先)")
_FULL_NAME = re.compile(r"(?:省|市|区|县|旗|州|盟|地区|" + "|".join(ZONE_SUFFIXES) + r")$")
# a township heading its clause (其中，龙泉镇实现…): its figures are its own
_TOWN = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,4}?(?:镇|乡|街道)"
                   r"(?![\u4e00-\u9fff]?(?:企业|居民|人口|地区|化|级))")
_TOWN_NOT = re.compile(r"[各全本我该乡城村集]|.*(?:重点|特色|中心|建制|小|[的和与及、])")
# 省、市重点项目 is one joint list; 省重点项目9个、市重点项目32个 two lists
_LEVEL_LIST = re.compile(r"(?<![全我本该省市区县])(?<![省市区县]、)(?:省|市|区|县|国家)(?:级)?$")


_NUMERAL = re.compile(r"[\d零〇一二两三四五六七八九十百千]")
_MAX_LEAD = 24  # longer stretches are never fillers; the cap also bounds regex backtracking


def _is_filler(text: str) -> bool:
    return len(text) <= _MAX_LEAD and _FILLER.fullmatch(text) is not None


class Article(NamedTuple):
    """What every sentence of one article is read against."""

    subject: Place | None
    places: list[Mention]  # named places with offsets into the text, in order
    collectives: list[Mention]
    ref_year: int | None
    published: date | None
    place_starts: tuple[int, ...] = ()  # where each of ``places`` starts (for bisect)
    collective_starts: tuple[int, ...] = ()


def _article(text: str, published_at: datetime | date | None, title: str | None,
             source: str | None = None) -> Article:
    prior: Counter[str] = article_prior(title or "", text)
    published = published_at.date() if isinstance(published_at, datetime) else published_at
    subject = article_subject(text, title, source)
    places, collectives = find_places(text, prior), find_collectives(text, subject)
    return Article(subject, places, collectives, reference_year(text, published_at), published,
                   tuple(m.start for m in places), tuple(m.start for m in collectives))


def _within(mentions: list[Mention], starts: tuple[int, ...], sent: Span) -> list[Mention]:
    """The mentions standing inside ``sent`` (``mentions`` sorted by start)."""
    lo = bisect_left(starts, sent.start)
    if lo == len(starts) or starts[lo] >= sent.end:
        return []  # most sentences name none
    hi = bisect_left(starts, sent.end, lo)
    return [m for m in mentions[lo:hi] if m.end <= sent.end]


# words a place heading its clause may stand behind (前三季度，全市累计…)
_HEAD_WORDS = re.compile(r"[\s·“”\"]|累计|其中|目前|同时|今年以来|以来")
_TOWN_HEAD_WORDS = re.compile(r"[\s·“”\"]|其中|同时")


class _Scope(NamedTuple):
    pos: int  # offset in the sentence where the scope starts to apply
    region: str


def _scope_regions(sent: Span, hits: list[Hit], markers: list[Marker], art: Article,
                   heads: dict[int, int] | None = None) -> list[_Scope]:
    """Regions written in the sentence that set the place of the figures after them.

    A name counts when it heads its clause (after a period word) or stands
    right before an indicator (``市中区GDP``, ``成都电子信息产业营收``: ``heads``
    maps a hit's index to where its words begin when they begin before it), and
    not when it is a base of comparison (高出全市), a ranking (全省第一), or part
    of an organisation's name (枣庄市委, 山东泉为新能源科技有限公司).
    """
    s = sent.text
    candidates = _within(art.places, art.place_starts, sent) + _within(art.collectives, art.collective_starts, sent)
    has_town = "镇" in s or "乡" in s or "街道" in s
    if not candidates and not has_town:
        return []  # most sentences name no place
    out: list[_Scope] = []
    heads = heads or {}
    for m in sorted(candidates, key=lambda m: (m.start, m.end)) if len(candidates) > 1 else candidates:
        if m.organisation:
            continue
        start, end = m.start - sent.start, m.end - sent.start
        if _REGION_BEFORE_BAD.search(s[max(0, start - 3):start]) or _REGION_AFTER_BAD.match(s, end):
            continue
        c_start = _clause_start(s, start)
        head = s[c_start:start]
        for mk in markers:
            if c_start <= mk.start and mk.end <= start:
                head = head.replace(s[mk.start:mk.end], "")
        head = _HEAD_WORDS.sub("", head) if head else head
        before_term = any(0 <= heads.get(k, h.start) - end <= 2 for k, h in enumerate(hits))
        if len(head) > 2 and not before_term:
            continue
        if m.place and not before_term and not _FULL_NAME.search(s[start:end]):
            continue  # a bare 枣庄 heading a clause is as often a company's (枣庄金正)
        if m.collective:
            bare_zone = m.collective.endswith(ZONE_SUFFIXES)
            region = (resolve_bare_zone if bare_zone else resolve_collective)(m.collective, art.subject)
            if not region and not bare_zone:
                # 钦州市商务局介绍，…全市…: the body that speaks says which city 全市 is when the article does not
                region = next((r for o in candidates if o.place and o.end <= m.start
                               for r in (resolve_collective(m.collective, o.place),) if r), None)
        else:
            region = m.place.canonical if m.place else None
        if region or m.collective:
            # a 全市 the article does not say which city it is: no place to give
            out.append(_Scope(start, region or ""))
    # a town counts only before an indicator: a sentence without one names none
    towns = _TOWN.finditer(s) if has_town and hits else ()
    clauses = clause_bounds(s) if towns else []
    for m in towns:
        c_start, c_end = enclosing(clauses, m.start())
        head = s[c_start:m.start()]
        if _TOWN_NOT.match(m.group()) or not _is_filler(_TOWN_HEAD_WORDS.sub("", head)):
            continue
        # the town is what the clause is about: an indicator follows it (龙泉镇实现地区生产总值)
        term = next((h for h in hits if m.end() <= h.start <= c_end), None)
        if term is None or not _is_filler(_strip_markers(s, m.end(), term.start, markers)):
            continue
        county = art.subject.canonical if art.subject and art.subject.level == "county" else ""
        out.append(_Scope(m.start(), county + m.group()))
    return sorted(out)


def _clause_start(s: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts: ``enclosing(clause_bounds(s), pos)[0]``,
    read off the last separator before it when no bracket or comma (9,210.4) can
    make one no cut.

        >>> s = "前三季度，全区GDP增长6.2%；全市增长5%"
        >>> [_clause_start(s, p) == enclosing(clause_bounds(s), p)[0] for p in (0, 4, 5, 12, 17, len(s))]
        [True, True, True, True, True, True]
    """
    if "（" in s or "(" in s or "," in s:
        return enclosing(clause_bounds(s), pos)[0]
    return max(s.rfind("，", 0, pos), s.rfind("；", 0, pos), s.rfind(";", 0, pos), s.rfind("：", 0, pos),
               s.rfind(":", 0, pos)) + 1


def _strip_markers(s: str, start: int, end: int, markers: list[Marker]) -> str:
    """``s[start:end]`` without the period words in it."""
    out = s[start:end]
    for mk in markers:
        if start <= mk.start and mk.end <= end:
            out = out.replace(s[mk.start:mk.end], "")
    return out


def _qualifier_at(s: str, pos: int, markers: list[Marker], positions: tuple[int, ...] = (),
                  opening: int | None = None) -> str | None:
    """预计 → estimate, 计划/拟 → plan, 目标/力争 → target: the last such word
    before ``pos`` in the sentence; a target year (到2025年) also makes a target.

    ``positions`` are the offsets of the figure's words (its indicator and its
    amount) whose clauses a plan or target word may stand in.  ``opening`` is
    where the sentence's first figure is named: an estimate word after it
    (``…增长9.8%，全年有望突破4000亿元；集成电路产业营收…``) speaks of its own
    part of the sentence (up to ；), not of the figures listed after it.

        >>> _qualifier_at("预计全年GDP增长6%，投资增长5%", 15, [])
        'estimate'
        >>> _qualifier_at("加快建设新城，努力打造高地，全年谋划项目78个", 20, [], (18, 20)) is None
        True
        >>> _qualifier_at("力争全年GDP增长7%，投资增长10%", 16, [], (13, 16))
        'target'
        >>> _qualifier_at("营收9亿元，全年有望突破20亿元；电子产业营收8亿元", 25, [], (20, 25), 0) is None
        True

    """
    if not _QUAL_CORE.search(s, 0, pos) and not any(mk.future for mk in markers):
        return None  # most figures: no such word before them, no target year
    found = None
    where = -1
    clauses = clause_bounds(s)
    here = {enclosing(clauses, p) for p in positions}
    for m in _QUAL_WORDS.finditer(s, 0, pos):
        # 预计 heads all that follows in the sentence; a plan or target word
        # only its own clause, or the whole sentence when it opens it
        clause = enclosing(clauses, m.start())
        heading = s[clause[1]:clause[1] + 1] in ("：", ":")  # 主要目标是：GDP增长6%
        if m.lastgroup == "estimate" and opening is not None and m.start() > opening and \
                _part_start(s, m.start()) != _part_start(s, pos):
            continue
        if m.lastgroup == "estimate" or clause in here or m.start() <= 2 or heading:
            found, where = m.lastgroup, m.start()
    for mk in markers:
        if mk.future and mk.end <= pos and mk.start > where and not (
                opening is not None and mk.start > opening and _part_start(s, mk.start) != _part_start(s, pos)):
            found = "target"
    return found


def _part_start(s: str, pos: int) -> int:
    """Where the part of the sentence (between ；) holding ``pos`` starts."""
    return max(s.rfind("；", 0, pos), s.rfind(";", 0, pos)) + 1


class _Fact(NamedTuple):
    code: str
    pos: int
    quantity: Quantity | None
    growth: Growth | None = None
    region: str | None = None  # a place of its own (东台市、大丰区分别增长…)
    year: int | None = None  # a year of its own (2022年、2023年…分别增长5.3%和4.6%)
    level: str | None = None  # whose list it is (29个省重点项目: 省), maybe a part of a total
    months: tuple[int, int] | None = None  # a quarter of its own (一、二、三季度分别增长…), in the figure's year


# 分地区看 / 分县区看 / 分市州看: the places named next speak of the figure before
_BY_PLACE = re.compile(r"\s*(?:从|按)?分?(?:地区|区域|县区|区县|县市区|县（市、区）|县\(市、区\)|市州|市县|"
                       r"镇街|镇（街道）|板块|园区)(?:来)?看[，,：:]")
_PLACE_JOINER = re.compile(r"\s*[、和与及]\s*")


def _place_rates(s: str, places: list[tuple[int, int, str]], start: int, end: int,
                 skip: tuple[int, int] | None = None, growths: list[Growth] | None = None) -> list[tuple[str, Growth]]:
    """Growth rates given place by place: ``东台市、大丰区分别增长10.2%、9.1%，建湖县增长7.8%``.

    ``places`` are (start, end, region) in the sentence; a run of them joined by
    、/和 takes as many rates after 分别 as it has places, one place the rate
    right after it.  ``skip`` is an indicator's words standing between the places
    and the rates (遵义市、毕节市地区生产总值分别增长5.6%和5.2%); ``growths`` those of
    ``s`` when already found.

        >>> s = "分地区看，东台市、大丰区分别增长10.2%、9.1%，建湖县增长7.8%"
        >>> [(r, g.pct) for r, g in _place_rates(s, [(5, 8, "甲"), (9, 12, "乙"), (27, 30, "丙")], 0, len(s))]
        [('甲', 10.2), ('乙', 9.1), ('丙', 7.8)]
    """
    out: list[tuple[str, Growth]] = []
    places = [p for p in places if start <= p[0] and p[1] <= end]
    if not places:
        return out  # most figures are followed by no place
    growths = find_growths(s) if growths is None else growths
    clauses = clause_bounds(s)
    run: list[tuple[int, int, str]] = []
    for k, p in enumerate(places):
        run.append(p)
        nxt = places[k + 1] if k + 1 < len(places) else None
        if nxt is not None and _PLACE_JOINER.fullmatch(s, p[1], nxt[0]):
            continue
        after = p[1]
        if skip is not None and skip[0] - after <= 0 <= skip[1] - after:
            after = skip[1]
        head = _RESPECTIVELY_LEAD.match(s, after)
        lead_end = head.end() if head else after
        lead_end = _GROWTH_LEAD.match(s, lead_end).end()
        g = next((g for g in growths if g.verb_start == lead_end), None)
        group, run = run, []
        if g is None:
            continue
        _, c_end = enclosing(clauses, g.verb_start)
        rates = _bare_rates(s, g, c_end) if head and len(group) > 1 else [g]
        if len(rates) == len(group):
            out += [(place[2], rate) for place, rate in zip(group, rates, strict=True)]
    return out


_AMOUNTS_LEAD = re.compile(r"\s*(?:同比|全年)?分别(?:为|是|达到|达|实现|完成)?\s*")


def _place_amounts(s: str, places: list[tuple[int, int, str]], hit: Hit, seg_end: int,
                   quantities: list[Quantity], growths: list[Growth]) -> list[_Fact]:
    """``高新区、武侯区地区生产总值分别为2165.3亿元、1098.6亿元，分别增长7.2%、5.1%``:
    a list of places before the figure, as many amounts after 分别 (and as many
    rates in the clause after them, when there is one): each place's own figure.

        >>> s = "甲区、乙区地区生产总值分别为2165.3亿元、1098.6亿元，分别增长7.2%、5.1%"
        >>> [(f.region, f.quantity.value, f.growth.pct) for f in _place_amounts(
        ...     s, [(0, 2, "甲区"), (3, 5, "乙区")], find_terms(s)[0], len(s), find_quantities(s), find_growths(s))]
        [('甲区', 2165.3, 7.2), ('乙区', 1098.6, 5.1)]
    """
    run: list[tuple[int, int, str]] = []
    for p in reversed([p for p in places if p[1] <= hit.start]):
        gap = s[p[1]:run[0][0]] if run else s[p[1]:hit.start]
        if not (_PLACE_JOINER.fullmatch(gap) if run else re.fullmatch(r"\s*的?", gap)):
            break
        run.insert(0, p)
    lead = _AMOUNTS_LEAD.match(s, hit.end)
    if len(run) < 2 or lead is None:
        return []
    want = "count" if hit.term.kind in ("count", "new_count") else hit.term.kind
    amounts: list[Quantity] = []
    at = lead.end()
    for q in quantities:
        if q.start < at:
            continue
        if q.start >= seg_end or q.threshold or q.kind != want or (amounts and not _JOINER.fullmatch(s, at, q.start)) \
                or (not amounts and q.start != at):
            break
        amounts.append(q)
        at = q.end
    if len(amounts) != len(run):
        return []
    rates: list[Growth] = []
    after = re.compile(r"[，,]?\s*(?:同比|比上年|较上年)?分别\s*").match(s, at)
    if after:
        g = next((g for g in growths if g.verb_start == after.end()), None)
        if g is not None:
            rates = [r for r in _bare_rates(s, g, enclosing(clause_bounds(s), g.verb_start)[1])]
    if len(rates) != len(run):
        rates = []
    return [_Fact(hit.term.code, q.start, q, rates[k] if rates else None, p[2])
            for k, (p, q) in enumerate(zip(run, amounts, strict=True))]


# 规上工业增加值方面，甲区、乙区分别增长…: the figure named as a topic, the places after it
_TOPIC_AFTER = re.compile(r"\s*(?:方面|来看|增速)?\s*[，,：:]\s*")


def _topic_place_rates(s: str, hit: Hit, seg_end: int, places: list[tuple[int, int, str]],
                       growths: list[Growth]) -> list[_Fact]:
    """``规模以上工业增加值方面，新都区、郫都区分别增长9.8%和8.7%``: a figure
    named as the topic, then places and their rates (the figure has none of its own).

        >>> s = "规模以上工业增加值方面，甲区、乙区分别增长9.8%和8.7%"
        >>> places = [(12, 14, "甲区"), (15, 17, "乙区")]
        >>> [(f.region, f.growth.pct) for f in _topic_place_rates(s, find_terms(s)[0], len(s), places, find_growths(s))]
        [('甲区', 9.8), ('乙区', 8.7)]
    """
    topic = _TOPIC_AFTER.match(s, hit.end)
    if topic is None or not any(p[0] == topic.end() for p in places):
        return []
    return [_Fact(hit.term.code, g.start, None, g, region)
            for region, g in _place_rates(s, places, topic.end(), seg_end, None, growths)]


def _growth_for(s: str, hit: Hit, seg_end: int, growths: list[Growth], subs: list[tuple[int, int]]) -> Growth | None:
    """The growth rate of the figure named at ``hit``: in its own clause piece,
    or in a following piece that says nothing but the growth.

    A rate over a named base year (``比2022年增长21.4%``) is taken only when no
    year-on-year rate follows it (``，同比增长9.7%``); whether that base year is
    last year is judged with the figure's period (:func:`_base_year_ok`).

        >>> s = "进出口总额812.6亿元，比2022年增长21.4%，同比增长9.7%"
        >>> _growth_for(s, find_terms(s)[0], len(s), find_growths(s), subclause_bounds(s)).pct
        9.7
    """
    own = enclosing(subs, hit.start)
    fallback = None
    for g in growths:
        if not hit.end <= g.verb_start < seg_end:
            continue
        sub_start, _ = enclosing(subs, g.verb_start)
        lead = s[sub_start:g.verb_start]
        if sub_start <= own[0] or (len(lead) <= _MAX_LEAD and _GROWTH_LEAD.fullmatch(lead)):
            if _BASE_YEAR.search(s, sub_start, g.verb_start) is None:
                return g
            fallback = fallback or g
        elif fallback is not None:
            break  # the piece after the base-year rate is about something else
    return fallback


def _more_periods(s: str, hit: Hit, first: Growth, seg_end: int, growths: list[Growth],
                  clauses: list[tuple[int, int]], markers: list[Marker]) -> list[_Fact]:
    """``10月份，规上工业增加值增长5.2%；1-10月累计增长6.1%``: a later clause
    that names only another period and a rate goes on with the same figure.

        >>> s = "10月份，规上工业增加值增长5.2%；1-10月累计增长6.1%"
        >>> [f.growth.pct for f in _more_periods(s, find_terms(s)[0], find_growths(s)[0], len(s),
        ...                                      find_growths(s), clause_bounds(s), find_markers(s, 2023))]
        [6.1]
    """
    out = []
    for g in growths:
        if not first.verb_start < g.verb_start < seg_end:
            continue
        c_start, _ = enclosing(clauses, g.verb_start)
        if any(c_start <= mk.start < g.verb_start for mk in markers) and \
                re.fullmatch(r"\s*(?:累计|同比|按年|全年|共|整体|总体|合计)*\s*",
                             _strip_markers(s, c_start, g.verb_start, markers)):
            out.append(_Fact(hit.term.code, g.start, None, g))
    return out


def _part_period_rate(s: str, hit: Hit, at: int, markers: list[Marker], growths: list[Growth]) -> list[_Fact]:
    """``…增加值比上年同期增长3.2%，其中第三季度增长6.8%``: after 其中 a period
    that is part of the figure's (one quarter, one month) and a bare rate: that
    period's rate of the same figure.

        >>> s = "一至三季度，规模以上工业增加值增长3.2%，其中第三季度增长6.8%，较二季度加快4.1个百分点"
        >>> [f.growth.pct for f in _part_period_rate(s, find_terms(s)[0], s.index("其中"),
        ...                                          find_markers(s, 2024), find_growths(s))]
        [6.8]
    """
    head = re.compile(r"其中[，,]?\s*").match(s, at)
    if head is None:
        return []
    mk = next((mk for mk in markers if mk.start == head.end() and mk.kind == "months"), None)
    lead = _PERIOD_RATE_LEAD.match(s, mk.end) if mk is not None else None
    g = next((g for g in growths if lead is not None and g.verb_start == lead.end()), None)
    return [_Fact(hit.term.code, g.start, None, g)] if g is not None else []


def _base_year_ok(s: str, g: Growth, subs: list[tuple[int, int]], year: int | None) -> bool:
    """比2019年增长 is growth over two or more years unless 2019 is last year."""
    sub_start, _ = enclosing(subs, g.verb_start)
    m = _BASE_YEAR.search(s, sub_start, g.verb_start)
    return m is None or (year is not None and int(m.group(1)) == year - 1)


# 1265.3亿元的固定资产投资 / 218.7亿元的工业技改投资: an amount, 的 and the figure's name (a few words may head it)
_AMOUNT_OF_NEXT = re.compile(r"\s*的[\u4e00-\u9fff]{0,4}")


def _plain_facts(s: str, hit: Hit, seg_end: int, quantities: list[Quantity],
                 subs: list[tuple[int, int]], clauses: list[tuple[int, int]]) -> list[_Fact]:
    """The amounts of the figure named at ``hit``: written behind it (after a few
    filler words), or before it and tied by 的 (``完成1265.3亿元的固定资产投资``);
    an amount tied by 的 to the next figure is that one's.

        >>> s = "全市完成1265.3亿元的固定资产投资，同比增长5.2%；完成218.7亿元的工业技改投资，增长12.4%"
        >>> hits, qs, subs, clauses = find_terms(s), find_quantities(s), subclause_bounds(s), clause_bounds(s)
        >>> [[f.quantity.value for f in _plain_facts(s, h, e, qs, subs, clauses)]
        ...  for h, e in ((hits[0], hits[1].start), (hits[1], len(s)))]
        [[1265.3], [218.7]]
    """
    kind = hit.term.kind
    want = kind if kind in ("money", "measure") else "count"
    own_sub = enclosing(subs, hit.start)
    facts: list[_Fact] = []
    prev_end = hit.end
    for q in quantities:
        if not hit.end <= q.start < seg_end or q.threshold or q.kind != want:
            continue
        if seg_end < len(s) and _AMOUNT_OF_NEXT.fullmatch(s, q.end, seg_end):
            break  # 完成218.7亿元的工业技改投资: the amount of the figure named after it
        sub_start, _ = enclosing(subs, q.start)
        lead_from = prev_end if sub_start <= prev_end else sub_start
        lead = s[lead_from:q.start]
        # an amount in a later clause piece must be tied to the figure by a
        # word (、总数达457家); a bare 115家 there is about something else
        later = sub_start > prev_end
        if kind == "count" and later and facts and _NEW_AFTER.fullmatch(lead):
            facts.append(_Fact("new_" + hit.term.code, q.start, q))
            prev_end = q.end
            continue
        if not _is_filler(lead) or (later and not _CONTINUES.match(lead)):
            if facts:
                break
            continue
        code = hit.term.code
        if kind == "count":
            context = s[own_sub[0]:q.start] if sub_start <= hit.start else s[sub_start:q.start]
            if _COMPARE_WORDS.search(lead):
                continue
            if not _STOCK_WORDS.search(s[sub_start:q.start] if sub_start > hit.start else lead) \
                    and _DELTA_WORDS.search(context):
                code = "new_" + code
        facts.append(_Fact(code, q.start, q))
        prev_end = q.end
    if not facts and kind in ("money", "measure"):
        # the amount before the name, tied by 的: 累计完成1265.3亿元的固定资产投资
        c_start, _ = enclosing(clauses, hit.start)
        pre = next((q for q in quantities if c_start <= q.start and q.kind == want and not q.threshold
                    and _AMOUNT_OF_NEXT.fullmatch(s, q.end, hit.start)), None)
        if pre is not None and _is_filler(_NOT_MODIFIER.sub("", s[c_start:pre.start])):
            facts.append(_Fact(hit.term.code, pre.start, pre))
    if not facts and kind == "count":
        # a count before the name: 120家高新技术企业
        c_start, _ = enclosing(clauses, hit.start)
        head = s[c_start:hit.start]
        m = re.search(r"(\d+(?:\.\d+)?)\s*(余|多)?\s*家([^，；。,;\d]{0,6})$", head)
        if m and not _COMPARE_WORDS.search(m.group(3)):
            pre = [q for q in quantities if q.start == c_start + m.start(1) and q.kind == "count"]
            if pre:
                code = ("new_" if _DELTA_WORDS.search(head) else "") + hit.term.code
                facts.append(_Fact(code, pre[0].start, pre[0]))
    return facts


def _level_list(s: str, start: int) -> str | None:
    """省重点项目 / 市级重点项目: one government's list; the level word, or None.

        >>> _level_list("29个省重点项目", 4), _level_list("94个省市区三级重点项目", 8), _level_list("全市重点项目", 2)
        ('省', None, None)
        >>> _level_list("省重点项目9个、市重点项目32个", 9), _level_list("省、市重点项目", 3)
        ('市', None)
    """
    m = _LEVEL_LIST.search(s[max(0, start - 3):start])
    return m.group()[0] if m else None


def _own_list(level: str, subject: Place | None) -> bool:
    """Whether a list of ``level`` (省, 市, 区, 县, 国) is the subject's own: a
    city's 市级重点项目 are its key projects, a province's list is only the part
    of them located in the city.

        >>> city = Place("孝感市", "prefecture", "地级市", None, "湖北省")
        >>> _own_list("市", city), _own_list("省", city)
        (True, False)
    """
    if subject is None:
        return False
    if level == "省":
        return subject.level == "province"
    if level == "市":
        return subject.level == "prefecture" or (subject.level == "county" and subject.name.endswith("市"))
    if level in ("区", "县"):
        return subject.level == "zone" or (subject.level == "county" and subject.name.endswith(level))
    return False


def _project_facts(s: str, hit: Hit, seg_end: int, quantities: list[Quantity],
                   clauses: list[tuple[int, int]], growths: list[Growth] = ()) -> list[_Fact]:
    """The number of projects (``N个``) and their total investment (``总投资X亿元``,
    ``协议引资X亿元，同比增长Y%`` with its rate) named with a project word.

        >>> s = "1—5月新签约亿元以上项目52个，协议引资486.2亿元，同比增长23.6%"
        >>> [(f.code, f.quantity.value, f.growth and f.growth.pct)
        ...  for f in _project_facts(s, find_terms(s)[0], len(s), find_quantities(s), clause_bounds(s),
        ...                          find_growths(s))]
        [('signed_projects', 52.0, None), ('signed_projects_investment', 486.2, 23.6)]
    """
    code = hit.term.code
    level = code == "key_projects" and _level_list(s, hit.start)
    c_start, _ = enclosing(clauses, hit.start)
    facts: list[_Fact] = []
    count: Quantity | None = None
    invest: Quantity | None = None
    prev_end = hit.end
    for q in quantities:
        if not hit.end <= q.start < seg_end or q.threshold:
            continue
        lead = s[prev_end:q.start]
        lead = re.sub(r"^[\s，,、；;]+", "", lead)
        if q.kind == "count" and q.unit in ("个", "项") and count is None and (
                _is_filler(lead) or (len(lead) <= _MAX_LEAD and _LIST_LEAD.fullmatch(lead))):
            count, prev_end = q, q.end
        elif q.kind == "money" and invest is None and len(lead) <= _MAX_LEAD and _INVEST_LEAD.fullmatch(lead):
            invest, prev_end = q, q.end
        elif q.kind == "money" or q.kind == "count":
            break
    head = s[c_start:hit.start]
    if count is None:
        m = re.search(r"(\d+)\s*(?:余|多)?\s*[个项]([^，；。,;\d]{0,10})$", head)
        if m:
            count = next((q for q in quantities if q.start == c_start + m.start(1)), None)
    if count is None:
        # 签约甲、乙、丙3个项目: the count inside the words that name the projects
        m = re.search(r"(\d+)\s*(?:余|多)?\s*[个项][^，；。,;\d、]{0,8}$", s[hit.start:hit.end])
        if m:
            count = next((q for q in quantities if q.start == hit.start + m.start(1) and q.kind == "count"), None)
    if invest is None:
        m = re.search(r"总投资(?:额)?(?:达到?|为|约|超过?|近)?", head)
        if m:
            invest = next((q for q in quantities if q.start == c_start + m.end() and q.kind == "money"), None)
    if count is not None:
        facts.append(_Fact(code, count.start, count, level=level))
    if invest is not None:
        lead = _GROWTH_LEAD.match(s, invest.end + (1 if s[invest.end:invest.end + 1] in "，,、" else 0))
        rate = next((g for g in growths if g.verb_start == lead.end()), None)
        facts.append(_Fact(code + "_investment", invest.start, invest, rate, level=level))
    return facts


_PARTNER_BEFORE = re.compile(r"对(?!外)[^，。；、,;：:]{1,12}$")
_SECTOR_BEFORE = re.compile(r"(?:[\u4e00-\u9fff]业|产品|商品|民间|限上|限额以上|国有|外资|内资|高技术|战略性新兴|"
                            r"全部|镇村|乡村|城镇)$")


def _is_component(s: str, hits: list[Hit], n: int, said: frozenset[str] = frozenset()) -> bool:
    """A part of a figure, not the figure: ``其中制造业实际使用外资增长10%``
    (a figure already named, again after 其中) or a sector's share of it
    (``民间固定资产投资``, ``限上社会消费品零售额``).

        >>> s = "实际使用外资增长3.9%，其中制造业实际使用外资增长10%"
        >>> [_is_component(s, find_terms(s), n) for n in range(2)]
        [False, True]
        >>> s = "其中，对东盟进出口增长8%，出口增长5%"
        >>> [_is_component(s, find_terms(s), n) for n in range(2)], _is_component(s, find_terms(s), 1, {"exports"})
        ([True, False], True)
        >>> s = "进出口总额812.6亿元，增长9.7%，跨境电商进出口额增长38.5%；8月当月进出口总额98亿元"
        >>> [_is_component(s, find_terms(s), n) for n in range(3)]
        [False, True, False]
    """
    hit = hits[n]
    if _SECTOR_BEFORE.search(s[max(0, hit.start - 5):hit.start]):
        return True
    before = hits[n - 1].end if n else 0
    if _PARTNER_BEFORE.search(s, max(before, hit.start - 14), hit.start):
        return True  # 对东盟进出口: trade with one partner
    if hit.term.code in said:
        return True  # the sentence opens with 其中 after one that named this figure
    same = [k for k in range(n) if hits[k].term.code == hit.term.code]
    if not same:
        return False
    if "其中" in s[before:hit.start]:
        return True
    # named again, after its own figure, behind words of its own (…进出口总额812.6亿元，
    # 跨境电商进出口额增长38.5%): a kind of it.  Lists of projects have levels of their own (省/市),
    # and each industry's figure its industry's name (物联网产业营收…；集成电路产业营收…)
    if hit.term.kind == "projects" or hit.term.code in INDUSTRY_CODES or \
            not _NUMERAL_DIGIT.search(s, hits[same[0]].end, hit.start):
        return False
    if _exceeds(s, hits, same[0], n):
        return False  # a part cannot exceed its whole: 突破50万户，实有市场主体51.2万户 is the exact figure
    head = s[max(before, max(s.rfind(ch, 0, hit.start) for ch in "，,；;：:、") + 1):hit.start]
    return re.search(r"[\u4e00-\u9fff]{2}", _NOT_MODIFIER.sub("", head)) is not None


def _exceeds(s: str, hits: list[Hit], first: int, n: int) -> bool:
    """Whether the amount after ``hits[n]`` is larger than the one after
    ``hits[first]`` (same kind of amount): then it is no part of that figure.

        >>> s = "市场主体突破50万户，实有市场主体51.2万户"
        >>> _exceeds(s, find_terms(s), 0, 1)
        True
        >>> s = "进出口总额512.6亿元，跨境电商进出口额86.2亿元"
        >>> _exceeds(s, find_terms(s), 0, 1)
        False
    """
    def amount(k: int) -> Quantity | None:
        end = hits[k + 1].start if k + 1 < len(hits) else len(s)
        return next((q for q in find_quantities(s[:end]) if q.start >= hits[k].end and not q.threshold), None)

    whole, part = amount(first), amount(n)
    return whole is not None and part is not None and whole.kind == part.kind and part.base > whole.base


_NUMERAL_DIGIT = re.compile(r"\d")


# what may stand before a figure named again without making it a kind of it: 全市, a period, 当月,
# a stock as it stands (实有市场主体, 登记在册经营主体)
_NOT_MODIFIER = re.compile(r"[全本我该][区市县省国]|全年|累计|完成|实现|同比|当月|单月|当季|单季|单看|"
                           r"实有|现有|在册|登记|[\d\s“”\"一二三四五六七八九十]|[年月份季度前首上下半至到以来今去本]")


_RESPECTIVELY = re.compile(r"\s*(?:同比|比上年|较上年|全年)?(?:分别)")
_JOINER = re.compile(r"\s*[、和与及]\s*")


def _bare_rates(s: str, first: Growth, end: int) -> list[Growth]:
    """``分别增长8.1%、10.2%和-0.3%``: the first rate with its verb, then the
    bare rates after it, signed like the first unless written with a sign."""
    out = [first]
    for m in re.finditer(r"(?<![\d.])([-－]?)(\d+(?:\.\d+)?)\s*[%％]", s[:end]):
        if m.start() >= first.end:
            pct = float(m.group(2))
            pct = -pct if m.group(1) else pct * (1 if first.pct >= 0 else -1)
            out.append(Growth(pct, m.start(), m.end(), m.start()))
    return out


_RESPECTIVELY_LEAD = re.compile(r"\s*(?:同比|比上年|较上年|与上年相比|全年)?分别\s*")


def _respectively_after(s: str, hits: list[Hit], growths: list[Growth]) -> tuple[dict[int, Growth], set[int]]:
    """``其中出口1960亿元、进口910亿元，分别增长8.1%和-0.3%``: a clause of rates
    after figures named with their amounts.  The k rates go to the last k
    figures named since the clause group began (at ；or the sentence start);
    when there are fewer figures, to none.  Returns (figure index → rate, the
    offsets of the rates so handled).

        >>> s = "进出口总额2870亿元，其中出口1960亿元、进口910亿元，分别增长5.2%、8.1%和-0.3%"
        >>> mapped, used = _respectively_after(s, find_terms(s), find_growths(s))
        >>> [(find_terms(s)[k].term.code, g.pct) for k, g in sorted(mapped.items())]
        [('foreign_trade', 5.2), ('exports', 8.1), ('imports', -0.3)]
    """
    mapped: dict[int, Growth] = {}
    used: set[int] = set()
    if "分别" not in s:
        return mapped, used  # _RESPECTIVELY_LEAD needs it
    clauses = clause_bounds(s)
    for g in growths:
        c_start, c_end = enclosing(clauses, g.verb_start)
        if not _RESPECTIVELY_LEAD.fullmatch(s, c_start, g.verb_start):
            continue
        rates = [r for r in _bare_rates(s, g, c_end) if r.start < c_end]
        if len(rates) < 2:
            continue
        used.add(g.verb_start)
        group_start = max(s.rfind(ch, 0, c_start) for ch in "；;。") + 1
        named = [k for k, h in enumerate(hits) if group_start <= h.start and h.end <= c_start]
        if len(named) >= len(rates):
            mapped.update(zip(named[-len(rates):], rates, strict=True))
    return mapped, used


def _year_run(s: str, markers: list[Marker], before: int) -> list[int]:
    """The years of a list heading the sentence before ``before``:
    ``2022年、2023年，…`` or ``2022年和2023年…`` (two or more, none a target).

        >>> s = "2022年、2023年，全市GDP分别增长5.3%和4.6%"
        >>> _year_run(s, find_markers(s, 2024), len(s))
        [2022, 2023]
    """
    run: list[Marker] = []
    for mk in markers:
        if mk.end > before:
            break
        if mk.kind != "year" or mk.year is None or mk.future or not re.fullmatch(r"\d{4}\s*年", s[mk.start:mk.end]):
            run = []
            continue
        if run and not _JOINER.fullmatch(s[run[-1].end:mk.start]):
            run = []
        run.append(mk)
    return [mk.year for mk in run if mk.year is not None] if len(run) >= 2 else []


def _respectively(s: str, hits: list[Hit], quantities: list[Quantity], growths: list[Growth],
                  markers: list[Marker] = ()) -> dict[int, list[_Fact]]:
    """``规上工业增加值、固定资产投资分别增长8.1%、10.2%``: the n-th rate is
    the n-th figure's; without this the last figure would take the first rate.
    One figure with as many rates as the years listed before it
    (``2022年、2023年，GDP分别增长5.3%和4.6%``) has a rate for each year.

        >>> s = "规上工业增加值、固定资产投资分别增长8.1%、10.2%"
        >>> out = _respectively(s, find_terms(s), find_quantities(s), find_growths(s))
        >>> [(f.code, f.growth.pct) for n in sorted(out) for f in out[n]]
        [('industrial_value_added', 8.1), ('fixed_asset_investment', 10.2)]
        >>> s = "2022年、2023年，全市GDP分别增长5.3%和4.6%"
        >>> out = _respectively(s, find_terms(s), find_quantities(s), find_growths(s), find_markers(s, 2024))
        >>> [(f.year, f.growth.pct) for f in out[0]]
        [(2022, 5.3), (2023, 4.6)]
    """
    out: dict[int, list[_Fact]] = {}
    if "分别" not in s:
        return out  # _RESPECTIVELY needs it
    first = 0
    for n in range(len(hits)):
        nxt = hits[n + 1] if n + 1 < len(hits) else None
        if nxt is not None and _JOINER.fullmatch(s[hits[n].end:nxt.start]):
            continue
        group = list(range(first, n + 1))
        first = n + 1
        head = _RESPECTIVELY.match(s, hits[n].end)
        if head is None or any(hits[k].term.kind == "projects" for k in group):
            continue
        seg_end = nxt.start if nxt else len(s)
        rates = [g for g in growths if head.end() <= g.verb_start < seg_end]
        amounts = [q for q in quantities if head.end() <= q.start < seg_end and not q.threshold]
        # 分别增长8.1%、10.2%: one verb, then bare rates
        if len(rates) == 1:
            rates = _bare_rates(s, rates[0], seg_end)
        if len(group) == 1:
            # 近三年GDP分别增长…: several rates of one figure; whose years only a
            # list of years before it says (2022年、2023年，)
            years = _year_run(s, markers, hits[n].start)
            out[n] = [_Fact(hits[n].term.code, (q or g).start, q, g, year=y)
                      for y, q, g in zip(years, amounts if len(amounts) == len(years) else [None] * len(years),
                                         rates if len(rates) == len(years) else [None] * len(years), strict=True)
                      if q is not None or g is not None] if years else []
            continue
        for pos, k in enumerate(group):
            facts: list[_Fact] = []
            q = amounts[pos] if len(amounts) == len(group) else None
            g = rates[pos] if len(rates) == len(group) else None
            if q is not None or g is not None:
                facts.append(_Fact(hits[k].term.code, (q or g).start, q, g))
            out[k] = facts
    return out


def _sentence_places(sent: Span, art: Article) -> list[tuple[int, int, str]]:
    """The places the sentence names, as (start, end, region) in the sentence;
    not those that are a base of comparison (高于全省) or part of a body's name."""
    s = sent.text
    out = []
    for m in _within(art.places, art.place_starts, sent):
        if m.place and not m.organisation:
            start, end = m.start - sent.start, m.end - sent.start
            if not _REGION_BEFORE_BAD.search(s[max(0, start - 3):start]):
                out.append((start, end, m.place.canonical))
    if "区" in s:
        # a bare 高新区 in a list of the city's districts is the city's own zone
        for m in _within(art.collectives, art.collective_starts, sent):
            region = resolve_bare_zone(m.collective, art.subject) if m.collective.endswith(ZONE_SUFFIXES) else None
            start, end = m.start - sent.start, m.end - sent.start
            if region and not _REGION_BEFORE_BAD.search(s[max(0, start - 3):start]):
                out.append((start, end, region))
        out.sort()
    return out


def _sentence_spans(sent: Span, art: Article) -> list[tuple[int, int]]:
    """Where the sentence names a place or a collective word (全市), in the sentence."""
    found = _within(art.places, art.place_starts, sent) + _within(art.collectives, art.collective_starts, sent)
    return [(m.start - sent.start, m.end - sent.start) for m in found]


def _by_place_rows(sent: Span, art: Article, clock: Clock, code: str, markers: list[Marker]) -> list[IndicatorRow]:
    """``分地区看，东台市、大丰区分别增长10.2%、9.1%``: rates place by place of
    the one figure the sentence before spoke of."""
    s = sent.text
    rows = []
    period = resolve(markers, clock)
    for region, g in _place_rates(s, _sentence_places(sent, art), 0, len(s)):
        rows.append(IndicatorRow(region, period.start if period else None, period.end if period else None, code,
                                 None, None, None, g.pct, None, s, sent.start, sent.end))
    return rows


# 分季度看 / 分月看: the periods named next break down the figure the sentence before spoke of
_BY_PERIOD = re.compile(r"\s*(?:从|按)?分(?:季度|季|月份?)(?:来)?看[，,：:]")
_PERIOD_RATE_LEAD = re.compile(r"\s*(?:当季|单季|当月|单月)?\s*(?:同比|比上年同期|较上年同期)?\s*")


def _quarter_rates(s: str, start: int, end: int, growths: list[Growth]) -> list[tuple[tuple[int, int], Growth]]:
    """``一、二、三季度分别增长5.2%、5.9%和6.1%``: each quarter of a list with its rate
    (as many rates as quarters, else none).

        >>> s = "一、二、三季度分别增长5.2%、5.9%和6.1%"
        >>> [(m, g.pct) for m, g in _quarter_rates(s, 0, len(s), find_growths(s))]
        [((1, 3), 5.2), ((4, 6), 5.9), ((7, 9), 6.1)]
    """
    out: list[tuple[tuple[int, int], Growth]] = []
    if "季度" not in s[start:end]:
        return out
    for q_start, q_end, quarters in find_quarter_lists(s[:end]):
        lead = _RESPECTIVELY_LEAD.match(s, q_end)
        if q_start < start or lead is None:
            continue
        g = next((g for g in growths if g.verb_start == lead.end()), None)
        if g is None:
            continue
        rates = _bare_rates(s, g, enclosing(clause_bounds(s), g.verb_start)[1])
        if len(rates) == len(quarters):
            out += list(zip(quarters, rates, strict=True))
    return out


def _opens_with_period(s: str, markers: list[Marker]) -> bool:
    """A sentence that opens with a part of a year (二季度增长6.1% · 11月当月增长8.9% ·
    一季度、二季度…分别增长…) and names no figure goes on with the figure before it,
    as one that opens with 分季度看 does.

        >>> s = "二季度增长6.1%，比一季度加快0.6个百分点。"
        >>> t = "全年增长5%"
        >>> _opens_with_period(s, find_markers(s, 2024)), _opens_with_period(t, find_markers(t, 2024))
        (True, False)
    """
    head = len(s) - len(s.lstrip())
    if not markers or markers[0].start != head or markers[0].kind != "months":
        return False
    lead = _PERIOD_RATE_LEAD.match(s, markers[0].end)
    return lead is not None and _PERIOD_OPENER_VERB.match(s, lead.end()) is not None


# a rate's verb, or the rest of a list of periods before 分别
_PERIOD_OPENER_VERB = re.compile(r"增长|下降|增速|增幅|回落|减少|[、和与及][^，。；]*?分别")


def _by_period_rows(sent: Span, region: str | None, clock: Clock, code: str,
                    markers: list[Marker]) -> list[IndicatorRow]:
    """``分季度看，一季度增长4.9%，二季度增长5.3%``: each period's own rate of the
    one figure the sentence before spoke of, in that figure's year (a 2024
    bulletin published in March 2025 means 2024's first quarter, not 2025's)
    and of its ``region``.

        >>> s = "分季度看，一季度增长4.9%，二季度增长5.3%"
        >>> clock = Clock(2025, date(2025, 3, 20), 2024, Period(date(2024, 1, 1), date(2024, 12, 31)))
        >>> [(str(r.period_start), str(r.period_end), r.yoy_pct)
        ...  for r in _by_period_rows(split_sentences(s)[0], "甲市", clock, "gdp", find_markers(s, 2025))]
        [('2024-01-01', '2024-03-31', 4.9), ('2024-04-01', '2024-06-30', 5.3)]
    """
    s = sent.text
    rows = []
    growths = find_growths(s)
    if clock.last is not None:  # 分季度看，一、二、三、四季度分别增长…
        year = clock.last.end.year
        rows += [IndicatorRow(region, date(year, m1, 1), month_end(year, m2), code, None, None, None, g.pct, None,
                              s, sent.start, sent.end) for (m1, m2), g in _quarter_rates(s, 0, len(s), growths)]
    for g in growths:
        mk = next((mk for mk in reversed(markers) if mk.end <= g.verb_start), None)
        if mk is None or mk.kind != "months" or not _PERIOD_RATE_LEAD.fullmatch(s, mk.end, g.verb_start):
            continue  # a rate with no period of its own before it
        year = mk.year or (clock.last.end.year if clock.last else None)
        if year is None or mk.m1 is None or mk.m2 is None:
            continue
        rows.append(IndicatorRow(region, date(year, mk.m1, 1), month_end(year, mk.m2), code, None, None, None,
                                 g.pct, None, s, sent.start, sent.end))
    return rows


# Words that may open the stretch before an industry's name without being part of it
_INDUSTRY_LEAD = re.compile(r"(?:其中|此外|另外|同时|分产业看|从产业看|分行业看|全年|规上|规模以上|全部|[\s“”\"])")
_INDUSTRY_CORE = re.compile(r".*?业(?:集群|链)?")


def _industry_names(s: str, hits: list[Hit], markers: list[Marker],
                    spans: list[tuple[int, int]]) -> dict[int, tuple[int, str]]:
    """The industry each per-industry figure names, and where its name starts:
    hit index → (start, name).

    Why: ``industry_revenue`` alone does not say which industry; the name is the
    run of words before 产业 (``物联网产业``, ``（IC）产业``), less the period,
    place and lead words that may head it (``上半年全市``, ``其中，``, ``成都``);
    ``spans`` are the places and 全市-like words of the sentence.

        >>> s = "上半年，全市高端装备产业集群实现营业收入2680亿元，成都电子信息产业前3季营收8126亿元"
        >>> sorted(_industry_names(s, find_terms(s), find_markers(s, 2024), [(4, 6), (27, 29)]).values())
        [(6, '高端装备产业集群'), (29, '电子信息产业')]
    """
    out: dict[int, tuple[int, str]] = {}
    for k, hit in enumerate(hits):
        if hit.term.code not in INDUSTRY_CODES:
            continue
        core = _INDUSTRY_CORE.match(s, hit.start, hit.end)
        end = core.end() if core else hit.end
        i = hit.start
        while i > 0:  # back over the name: letters, digits, Chinese, a bracket (集成电路（IC）)
            ch = s[i - 1]
            if ch in "）)":
                j = max(s.rfind("（", 0, i - 1), s.rfind("(", 0, i - 1))
                if j < 0:
                    break
                i = j
            elif ch == "的" or not ch.isalnum():
                break
            else:
                i -= 1
        pos, moved = i, True
        while moved and pos < hit.start:
            moved = False
            for a, b in [(mk.start, mk.end) for mk in markers] + spans:
                if a == pos < b <= hit.start:
                    pos, moved = b, True
            lead = _INDUSTRY_LEAD.match(s, pos)
            if lead and lead.end() > pos:
                pos, moved = lead.end(), True
        if pos < hit.start or not s.startswith(("产业", "行业"), hit.start):
            out[k] = (pos, s[pos:end])
    return out


def _sentence_rows(sent: Span, art: Article, clock: Clock, para_region: str | None,
                   hits: list[Hit], markers: list[Marker], scopes: list[_Scope],
                   said: frozenset[str] = frozenset(), level_rows: set[IndicatorRow] | None = None,
                   names: dict[int, tuple[int, str]] | None = None) -> list[IndicatorRow]:
    s = sent.text
    names = names or {}
    if not hits or not _NUMERAL.search(s):
        return []  # every figure has an amount or a rate, and both are written with numerals
    quantities = find_quantities(s)
    growths = find_growths(s)
    if not quantities and not growths:
        return []  # every row has an amount or a rate (see the facts below)
    subs, clauses = subclause_bounds(s), clause_bounds(s)
    rows: list[IndicatorRow] = []
    places = _sentence_places(sent, art)
    shared = _respectively(s, hits, quantities, growths, markers)
    after_rates, used_rates = _respectively_after(s, hits, growths)
    for n, hit in enumerate(hits):
        seg_end = hits[n + 1].start if n + 1 < len(hits) else len(s)
        cut = _SEGMENT_CUT.search(s, hit.end, seg_end)
        seg_end = cut.start() if cut else seg_end
        growth = None
        # a part named with its own place (其中，龙泉镇GDP…) is that place's figure
        placed = any(sc.pos <= hit.start for sc in scopes)
        # …，其中松山湖高新区规上工业增加值增长12.6%: after 其中 a figure named
        # again with a place of its own is that place's, not a part of the first
        own_place = n > 0 and any(hits[n - 1].end <= sc.pos <= hit.start and sc.region for sc in scopes)
        if not own_place and _is_component(s, hits, n, frozenset() if placed else said):
            continue
        if n in shared:
            facts = shared[n]
            if not facts and hit.term.kind != "projects":
                # 遵义市、毕节市地区生产总值分别增长5.6%和5.2%: a rate for each place
                # 江阴市、宜兴市的高端装备产业营收分别增长…: the industry's name and 的 stand between
                head = names[n][0] if n in names else hit.start
                head -= 1 if s[head - 1:head] == "的" else 0
                facts = [_Fact(hit.term.code, g.start, None, g, region)
                         for region, g in _place_rates(s, places, 0, seg_end, (head, hit.end), growths)
                         if g.verb_start > hit.end] or _place_amounts(s, places, hit, seg_end, quantities, growths)
        elif hit.term.kind == "projects":
            facts = _project_facts(s, hit, seg_end, quantities, clauses, growths)
        else:
            facts = _plain_facts(s, hit, seg_end, quantities, subs, clauses)
            growth = _growth_for(s, hit, seg_end, growths, subs)
            if growth is not None and hit.term.kind in ("count", "new_count") and not facts and \
                    not _is_filler(re.sub(r"[，,、\s]", "", _strip_markers(s, hit.end, growth.verb_start, markers))):
                growth = None  # 规上工业企业实现营业收入1580亿元，增长4.6%: the rate of another noun
            if growth is not None and growth.verb_start in used_rates:
                growth = None  # one of several rates said 分别: its figure is found below, or none
            growth = after_rates.get(n, growth)
            if not facts and growth is None:
                facts = _topic_place_rates(s, hit, seg_end, places, growths)
            if growth is not None:
                facts += _more_periods(s, hit, growth, seg_end, growths, clauses, markers)
                if cut is not None:
                    facts += _part_period_rate(s, hit, cut.start(), markers, growths)
        if growth is not None:
            # the rate belongs to the amount written before it: in
            # "2022年…4000亿元，2023年达到4300亿元，增长5%" to 2023's
            owners = [k for k, f in enumerate(facts) if f.code == hit.term.code and f.pos <= growth.verb_start]
            later = [k for k, f in enumerate(facts) if f.code == hit.term.code and f.pos > growth.verb_start
                     and not any(growth.end <= mk.start < f.pos for mk in markers)]
            if owners:
                facts[owners[-1]] = facts[owners[-1]]._replace(growth=growth)
            elif later:
                # 增长6%，达到3200亿元: the rate said first, then the amount of the same period
                facts[later[0]] = facts[later[0]]._replace(growth=growth)
            else:
                facts.insert(0, _Fact(hit.term.code, growth.start, None, growth))
            if hit.term.kind != "projects":
                # 德州市GDP增长5.2%，滨州市增长4.9%: a clause of a place and a rate goes on with the figure
                # …年增3.4%；其中深圳年增5.7%: the places after 其中 are parts of the figure by place
                place_end = hits[n + 1].start if n + 1 < len(hits) else len(s)
                facts += [_Fact(hit.term.code, g.start, None, g, region)
                          for region, g in _place_rates(s, places, growth.end, place_end, None, growths)]
                # …增长5.8%，一、二、三季度分别增长5.2%、5.9%和6.1%: each quarter's own rate
                facts += [_Fact(hit.term.code, g.start, None, g, months=months)
                          for months, g in _quarter_rates(s, growth.end, place_end, growths)]
        seen_periods: dict[tuple, int] = {}
        for fact in facts:
            if fact.level and not _own_list(fact.level, art.subject):
                continue  # 21个省重点项目 in a city: the part of the province's list located there
            pos = fact.pos
            qualifier = _qualifier_at(s, pos, markers, (hit.start, pos), hits[0].start) or hit.term.qualifier
            if fact.growth is not None and fact.growth.target:
                qualifier = "target"  # 增长目标为5%左右
            # a forecast's year said after a figure (…，全年有望突破4000亿元；) is that part's own
            part = _part_start(s, hit.start)
            period = resolve([mk for mk in markers if mk.end <= max(pos, hit.start) and not (
                mk.future and mk.end <= part and mk.start > hits[0].start)], clock,
                planned=qualifier in ("plan", "target"))
            if fact.year is not None:
                period = Period(date(fact.year, 1, 1), date(fact.year, 12, 31))
            if fact.months is not None and period is not None:
                year = period.end.year
                period = Period(date(year, fact.months[0], 1), month_end(year, fact.months[1]))
            key = (fact.code, period, fact.region)
            if key in seen_periods:
                # a second amount for the same figure and period is a detail, not
                # a fact — unless the first was a round milestone (首次突破千亿元，达到1023.6亿元)
                k, q = seen_periods[key], fact.quantity
                if k >= 0 and q is not None and q.qualifier is None and rows[k].value is not None \
                        and rows[k].qualifier in ("at_least", "approx"):
                    rows[k] = rows[k]._replace(value=q.value, unit=q.unit, value_base=q.base, qualifier=None)
                    g = fact.growth
                    if rows[k].yoy_pct is None and g is not None and period is not None and \
                            period.start.year == period.end.year and _base_year_ok(s, g, subs, period.end.year):
                        rows[k] = rows[k]._replace(yoy_pct=g.pct)  # 突破千亿元，达到1023.6亿元，增长6.7%
                continue
            seen_periods[key] = -1
            growth = fact.growth
            if growth is not None and not _base_year_ok(s, growth, subs, period.end.year if period else None):
                growth = None
            if growth is not None and period is not None and period.start.year != period.end.year:
                growth = None  # a change over several years is no year-on-year rate
            q = fact.quantity
            if q is None and growth is None:
                continue
            region_scope = [sc.region for sc in scopes if sc.pos <= hit.start]
            region = fact.region or (region_scope[-1] if region_scope else (
                para_region or (art.subject.canonical if art.subject else None)))
            if region == "":
                continue  # named, but not resolvable: better no row than one with the wrong place
            qualifier = qualifier or (q.qualifier if q else None)
            seen_periods[key] = len(rows)
            rows.append(IndicatorRow(
                region, period.start if period else None, period.end if period else None, fact.code,
                q.value if q else None, q.unit if q else None, q.base if q else None,
                growth.pct if growth else None, qualifier, s, sent.start, sent.end,
                names[n][1] if n in names else None))
            if fact.level and level_rows is not None:
                level_rows.add(rows[-1])
    return rows


_UNIT_IN = re.compile(r"[（(]\s*(?:单位[：:]\s*)?([万亿千百]*(?:美元|元|家|个|户|项|人))\s*[)）]")
_GROWTH_HEAD = re.compile(r"增长|增速|增幅|同比|比上年|比去年|±|[%％]")
_UNIT_HEAD = re.compile(r"^(?:计量)?单位$")
_ROW_LEAD = re.compile(r"^(?:[#＃*\s]|其中[：:]?|[一二三四五六七八九十]+、|\d+[.、])*")
_MISSING = re.compile(r"^(?:[-—–－/／…]+|)$")


def _cell_number(text: str) -> float | None:
    """``3398.6``, ``-3.5``, ``1,286.3``, ``9.4%``; ``—`` and empty cells are no number."""
    t = text.replace(",", "").replace("，", "").replace("％", "%").rstrip("%").strip()
    t = t.replace("－", "-").replace("—", "-").replace("–", "-")
    if _MISSING.match(text.strip()):
        return None
    try:
        return float(t)
    except ValueError:
        return None


def _table_rows(text: str, table: Table, art: Article, clock: Clock, context: Span | None,
                default_region: str | None) -> list[IndicatorRow]:
    """Figures of a table of indicators: one row per indicator, columns of
    amounts (their period in the header, else the sentence before the table:
    ``2024年1—9月，全市主要经济指标如下：``) and a column of growth rates.

    The unit is the row's (``地区生产总值（亿元）``), a 单位 column's, or the
    column header's; a row whose label starts with anything but an indicator
    (``限额以上汽车类零售额``) is left alone, like a sector in a sentence.
    """
    headers = [c.text for c in table.header.cells]
    ctx_markers = find_markers(context.text, clock.ref_year) if context else []
    ctx_markers += find_markers(headers[0], clock.ref_year)
    ctx_period = resolve(ctx_markers, clock)
    region = default_region
    if context is not None:
        scopes = _scope_regions(context, find_terms(context.text), ctx_markers, art)
        region = scopes[-1].region if scopes else region
    qualifier = _qualifier_at(context.text, len(context.text), ctx_markers) if context else None
    value_cols: list[tuple[int, Period | None, str | None]] = []
    growth_col = unit_col = None
    for j, head in enumerate(headers[1:], 1):
        unit = _UNIT_IN.search(head)
        if _UNIT_HEAD.match(head):
            unit_col = j
        elif "百分点" in head:
            continue
        elif _GROWTH_HEAD.search(head) and not unit:
            growth_col = j if growth_col is None else growth_col
        else:
            markers = find_markers(head, clock.ref_year)
            value_cols.append((j, resolve(markers, clock) if markers else ctx_period, unit.group(1) if unit else None))
    out: list[IndicatorRow] = []
    for row in table.rows:
        cells = row.cells
        label = _ROW_LEAD.sub("", cells[0].text)
        hits = find_terms(label)
        if not hits or hits[0].start != 0 or hits[0].term.kind == "projects":
            continue
        term = hits[0].term
        row_unit = _UNIT_IN.search(cells[0].text)
        growth = _cell_number(cells[growth_col].text) if growth_col is not None and growth_col < len(cells) else None
        facts: list[tuple[Period | None, float | None, str | None, float | None]] = []
        for k, (j, period, col_unit) in enumerate(value_cols):
            unit = (row_unit.group(1) if row_unit else None) or \
                (cells[unit_col].text if unit_col is not None and unit_col < len(cells) else None) or col_unit
            value = _cell_number(cells[j].text) if j < len(cells) else None
            scale = unit_scale(unit) if unit else None
            want = term.kind if term.kind in ("money", "measure") else "count"
            if scale is None or scale[1] != want:
                value = None
            last = k == len(value_cols) - 1 and (growth_col is None or growth_col > j)
            g = growth if last else None
            if value is None and g is None:
                continue
            facts.append((period, value, unit if value is not None else None,
                          round(value * scale[0], 4) if value is not None and scale else None, g))
        if not value_cols and growth is not None:
            facts.append((ctx_period, None, None, None, growth))
        for period, value, unit, base, g in facts:
            out.append(IndicatorRow(region, period.start if period else None, period.end if period else None, term.code,
                                    value, unit, base, g, qualifier or term.qualifier,
                                    text[row.start:row.end], row.start, row.end))
    return out


def extract_indicators(text: str, published_at: datetime | date | None = None,
                       title: str | None = None, source: str | None = None) -> list[IndicatorRow]:
    """Every economic figure stated in ``text`` (simplified script), in order.

    ``source`` is the article's source name (simplified), the last resort for
    the place an article is about when neither its title nor its body names one.

        >>> rows = extract_indicators("前三季度，全区GDP同比增长6.2%，高出全市2个百分点。",
        ...                           datetime(2021, 11, 5), "临沂高新区经济稳中向好")
        >>> [(r.region, str(r.period_start), str(r.period_end), r.indicator, r.yoy_pct) for r in rows]
        [('临沂高新区', '2021-01-01', '2021-09-30', 'gdp', 6.2)]
    """
    art = _article(text, published_at, title, source)
    rows: list[IndicatorRow] = []
    reported = year_context = title_year(title, art.published)  # 大同市2023年…统计公报: the year it reports
    para, para_region = -1, None
    last: Period | None = None  # the last flow period the text named (同期)
    prev: Period | None = None  # the one of the sentence before, in the same paragraph
    para_period: Period | None = None  # the last one named in this paragraph
    tables = find_tables(text)
    level_rows: set[IndicatorRow] = set()
    before: Span | None = None
    prev_codes: frozenset[str] = frozenset()
    sents = split_sentences(text)
    for sent, terms in zip(sents, _sentence_terms(text, sents), strict=True):
        if sent.para != para:
            para, para_region, prev, para_period = sent.para, None, None, None
        clock = Clock(art.ref_year, art.published, year_context, last)
        table = next((t for t in tables if t.start <= sent.start < t.end), None) if tables else None
        if table is not None:
            if sent.start == table.start:
                # the sentence just before a table says what it is about
                context = before if before is not None and not text[before.end:table.start].strip() else None
                default = para_region or (art.subject.canonical if art.subject else None)
                rows += _table_rows(text, table, art, clock, context, default)
            continue
        before = sent
        hits = _merge_repeats(terms, sent.text) if len(terms) > 1 else terms
        markers = find_markers(sent.text, art.ref_year)
        said: frozenset[str] = frozenset()
        if prev is not None and _CONTINUES_SENTENCE.match(sent.text) and \
                not any(mk.start < hits[0].start for mk in markers[:1] if hits):
            # 其中，规上工业增加值增长5%: a sentence that goes on with the one
            # before speaks of its period; after 其中 what it already named
            # comes back only as a part (其中，对东盟进出口…)
            markers = [Marker("same", 0, 0), *markers]
            clock = Clock(art.ref_year, art.published, year_context, prev)
            # 此外/另外/同时 add a figure of their own; only 其中 opens the parts
            said = prev_codes if sent.text.lstrip().startswith("其中") else frozenset()
        elif (para_period or last) is not None and (not markers or (hits and hits[0].end <= markers[0].start)):
            # a paragraph speaks of one period: 首三季，工业增长5.1%。投资年减2.6%。
            # — a sentence naming none goes on with the one named before it, in
            # its paragraph or else in the article; so do the figures a sentence
            # names before its first period word (物联网产业营收2156亿元，全年有望…)
            markers = [Marker("same", 0, 0), *markers]
            clock = Clock(art.ref_year, art.published, year_context, para_period or last)
        names = _industry_names(sent.text, hits, markers, _sentence_spans(sent, art)) \
            if hits and any(h.term.code in INDUSTRY_CODES for h in hits) else {}
        scopes = _scope_regions(sent, hits, markers, art, {k: v[0] for k, v in names.items()} if names else None)
        if not hits and len(prev_codes) == 1 and (
                _BY_PERIOD.match(sent.text) or _opens_with_period(sent.text, markers)):
            code = next(iter(prev_codes))
            region = next((r.region for r in reversed(rows) if r.indicator == code),
                          para_region or (art.subject.canonical if art.subject else None))
            rows += _by_period_rows(sent, region, clock, code, markers)
            continue  # the topic goes on: prev_codes and periods stay
        if not hits and len(prev_codes) == 1 and _BY_PLACE.match(sent.text):
            rows += _by_place_rows(sent, art, clock, next(iter(prev_codes)), markers)
            continue  # the topic goes on: prev_codes and periods stay
        if hits:
            rows += _sentence_rows(sent, art, clock, para_region, hits, markers, scopes, said, level_rows, names)
        prev_codes = frozenset(h.term.code for h in hits) if hits else frozenset()
        if not markers:
            prev = None  # no period named, none carried (context_year and resolve need a marker)
            if scopes:
                para_region = scopes[-1].region
            continue
        # a title that names the year it reports keeps it: 2022年… in its body is a comparison or a note
        year_context = reported or context_year(markers, sent.text) or year_context
        flow = [mk for mk in markers if not mk.future and mk.kind in ("months", "ytd", "year", "same")]
        if flow:
            prev = resolve(flow, clock)
            if carries(prev, para_period or last, art.published, reported):
                last = para_period = prev
        else:
            prev = None
        if scopes:
            para_region = scopes[-1].region
    return _dedupe(_level_lists(rows, level_rows))


def _level_lists(rows: list[IndicatorRow], level_rows: set[IndicatorRow]) -> list[IndicatorRow]:
    """Key projects on the subject's own list (``市级重点项目326个`` of a city)
    are its key projects — unless the article also gives a total (``94个省市区
    三级重点项目``) or several such lists for one place and period: then each list
    is a part.

        >>> r = IndicatorRow("甲区", None, None, "key_projects", 78.0, "个", 78.0, None, None, "", 0, 1)
        >>> len(_level_lists([r], {r})), len(_level_lists([r, r._replace(value=94.0)], {r}))
        (1, 1)
        >>> len(_level_lists([r, r._replace(value=35.0)], {r, r._replace(value=35.0)}))
        0
    """
    if not level_rows:
        return rows
    totals = {(r.region, r.period_start, r.period_end) for r in rows
              if r.indicator == "key_projects" and r not in level_rows}
    lists = Counter((r.region, r.period_start, r.period_end) for r in level_rows if r.indicator == "key_projects")

    def part(r: IndicatorRow) -> bool:
        cell = (r.region, r.period_start, r.period_end)
        return bool(totals) or lists[cell] > 1

    return [r for r in rows if r not in level_rows or not part(r)]


def _dedupe(rows: list[IndicatorRow]) -> list[IndicatorRow]:
    """One row per fact: a figure restated with less (the amount again without
    its growth rate, a headline's rate without the amount) is the same fact.

        >>> r = IndicatorRow("甲市", None, None, "gdp", 5.0, "亿元", 5e8, 3.1, None, "", 0, 1)
        >>> [(x.value, x.yoy_pct) for x in _dedupe([r._replace(yoy_pct=None), r, r, r._replace(value=None,
        ...                                        value_base=None), r._replace(yoy_pct=2.0)])]
        [(5.0, 3.1), (5.0, 2.0)]
        >>> [(x.value, x.yoy_pct) for x in _dedupe([r._replace(yoy_pct=None), r._replace(value=None, value_base=None)])]
        [(5.0, 3.1)]
        >>> [(x.value, x.qualifier) for x in _dedupe([r._replace(value=4.0, value_base=4e8, qualifier="at_least"), r])]
        [(5.0, None)]
    """
    seen: set[tuple] = set()
    unique = []
    for r in rows:
        key = (r.region, r.period_start, r.period_end, r.indicator, r.industry, r.value_base, r.yoy_pct)
        if key not in seen:
            seen.add(key)
            unique.append(r)
    by_cell: dict[tuple, list[IndicatorRow]] = {}
    for r in unique:
        by_cell.setdefault((r.region, r.period_start, r.period_end, r.indicator, r.industry), []).append(r)

    def covered(r: IndicatorRow) -> bool:
        return any(o is not r and o.value_base is not None and o.yoy_pct is not None
                   and r.value_base in (None, o.value_base) and r.yoy_pct in (None, o.yoy_pct)
                   for o in by_cell[(r.region, r.period_start, r.period_end, r.indicator, r.industry)])

    def milestone(r: IndicatorRow) -> bool:
        # 突破百万户 beside 实有103.6万户 (title, lede or a later clause): a round mark the exact figure passed
        return r.qualifier == "at_least" and r.value_base is not None and any(
            o.qualifier is None and o.value_base is not None and o.value_base >= r.value_base
            for o in by_cell[(r.region, r.period_start, r.period_end, r.indicator, r.industry)])

    gone = {id(r) for r in unique if covered(r) or milestone(r)}
    # 增长到2023年的3850.7亿元，…；2023年地区生产总值比上年增长3.8%: the amount and the rate of
    # one figure, named twice in one sentence, are one row
    merged: dict[int, IndicatorRow] = {}
    for cell in by_cell.values():
        if len(cell) < 2:
            continue
        amounts = [r for r in cell if r.yoy_pct is None and r.value_base is not None and id(r) not in gone]
        rates = [r for r in cell if r.value_base is None and r.yoy_pct is not None and id(r) not in gone]
        if len(amounts) == 1 and len(rates) == 1 and amounts[0].char_start == rates[0].char_start:
            merged[id(amounts[0])] = amounts[0]._replace(yoy_pct=rates[0].yoy_pct)
            gone.add(id(rates[0]))
    return [merged.get(id(r), r) for r in unique if id(r) not in gone]
