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
growth over another base year, size classes (``亿元以上项目``).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from transforms.extract.numbers import Growth, Quantity, find_growths, find_quantities
from transforms.extract.periods import Clock, Marker, context_year, find_markers, reference_year, resolve
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
    literal = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return (re.compile(literal, re.IGNORECASE) if literal else None), phrases, patterns


def find_terms(sentence: str) -> list[Hit]:
    """Indicator mentions in a sentence, longest first where they overlap.

        >>> [h.term.code for h in find_terms("规上工业增加值增长，外贸进出口，出口额")]
        ['industrial_value_added', 'foreign_trade', 'exports']
        >>> [h.term.code for h in find_terms("新签约枣庄中环、鲁南超算等过亿元项目71个")]
        ['signed_projects']
    """
    literal, phrases, patterns = vocabulary()
    found: list[Hit] = []
    if literal is not None:
        for m in literal.finditer(sentence):
            key = m.group()
            found.append(Hit(phrases[key.upper() if key.isascii() else key], m.start(), m.end()))
    for rx, term in patterns:
        found += [Hit(term, m.start(), m.end()) for m in rx.finditer(sentence)]
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[Hit] = []
    for h in found:
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


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
    r"同比|累计|共计|合计|总计|总共|共|实现|完成|达到|达|为|是|总额|总值|总量|总数|总规模|规模|额|值|约|近|将近|接近|由|"
    r"大约|超过|超|逾|突破|有|在库|已|已经|分别|从|的|了|首次|再次|稳定在|保持在|增至|增加到|增长到|增长至|"
    r"提高到|提高至|上升到|上升至|下降到|下降至|减少到|减少至|到|至|预计|可望|有望|力争|争取)*"
)
_GROWTH_LEAD = re.compile(r"(?:\s|同比|比上年同期|较上年同期|比去年同期|较去年同期|比上年|较上年|比去年|较去年|"
                          r"与上年相比|与去年相比|(?:比|较)[^，。；,;\d]{0,6}?(?:19|20)\d\d年(?:同期)?|分别|其|增速|增幅|降幅|"
                          r"同口径|可比口径|按可比价格?计算|" + _YEARISH + r")*")
_INVEST_LEAD = re.compile(r"\s*(?:计划|累计|签约|协议|合同)?(?:总投资额?|投资总额|总额)"
                          r"(?:达到?|为|共|约|超过?|近|逾)?\s*")
_CONTINUES = re.compile(r"\s*(?:(?:19|20)\d\d年|今年|去年)?(?:总数|总量|总额|总值|总计|合计|累计|共|达|实现|完成|规模)")
_STOCK_WORDS = re.compile(r"总数|总量|总计|共有|在库|拥有|累计|实有|现有")
_DELTA_WORDS = re.compile(r"新增|净增|新认定|新培育|新入库|新引进|新登记|新设立|新晋|认定|申报|获批|培育")
_COMPARE_WORDS = re.compile(r"比|较|增加|减少|多出|高出")
_SEGMENT_CUT = re.compile(r"其中|此外|另外")
_BASE_YEAR = re.compile(r"(?:比|较|与)[^，。；,;\d]{0,6}?((?:19|20)\d\d)\s*年")
_QUAL_WORDS = re.compile(r"(?P<target>预期目标|目标|力争|争取|确保|努力)|(?P<estimate>预计|预期|有望|可望)|"
                         r"(?P<plan>(?<!年度)(?<!投资)(?<!行动)(?<!倍增)(?<!规划)计划(?!的)|拟)")
_REGION_BEFORE_BAD = re.compile(r"(?:高出|高于|低于|快于|慢于|领先|超过|比|较|占|居|位居|位列|列|在|于|对|向|与|和|同|"
                                r"至|到|赴|全国|全省)$")
_REGION_AFTER_BAD = re.compile(r"(?:首|第|前列|前\d|前[一二三四五六七八九十]|率先|唯一|排名|平均|范围|之|各|乃至|"
                               r"同类|层面|领先)")
_FULL_NAME = re.compile(r"(?:省|市|区|县|旗|州|盟|地区|" + "|".join(ZONE_SUFFIXES) + r")$")
_LEVEL_LIST = re.compile(r"(?<![全我本该省市区县、])(?:省|市|区|县|国家)(?:级)?$")


_MAX_LEAD = 24  # longer stretches are never fillers; the cap also bounds regex backtracking


def _is_filler(text: str) -> bool:
    return len(text) <= _MAX_LEAD and _FILLER.fullmatch(text) is not None


class Article(NamedTuple):
    """What every sentence of one article is read against."""

    subject: Place | None
    places: list[Mention]  # named places with offsets into the text
    collectives: list[Mention]
    ref_year: int | None
    published: date | None


def _article(text: str, published_at: datetime | date | None, title: str | None) -> Article:
    prior: Counter[str] = article_prior((title or "") + "\n" + text)
    published = published_at.date() if isinstance(published_at, datetime) else published_at
    return Article(article_subject(text, title), find_places(text, prior), find_collectives(text),
                   reference_year(text, published_at), published)


class _Scope(NamedTuple):
    pos: int  # offset in the sentence where the scope starts to apply
    region: str


def _scope_regions(sent: Span, hits: list[Hit], markers: list[Marker], art: Article) -> list[_Scope]:
    """Regions written in the sentence that set the place of the figures after them.

    A name counts when it heads its clause (after a period word) or stands
    right before an indicator (``市中区GDP``), and not when it is a base of
    comparison (高出全市), a ranking (全省第一), or part of an organisation's
    name (枣庄市委, 山东泉为新能源科技有限公司).
    """
    s = sent.text
    clauses = clause_bounds(s)
    out: list[_Scope] = []
    candidates = [m for m in art.places if sent.start <= m.start and m.end <= sent.end]
    candidates += [m for m in art.collectives if sent.start <= m.start and m.end <= sent.end]
    for m in sorted(candidates):
        if m.organisation:
            continue
        start, end = m.start - sent.start, m.end - sent.start
        if _REGION_BEFORE_BAD.search(s[max(0, start - 3):start]) or _REGION_AFTER_BAD.match(s, end):
            continue
        c_start, _ = enclosing(clauses, start)
        head = s[c_start:start]
        for mk in markers:
            if c_start <= mk.start and mk.end <= start:
                head = head.replace(s[mk.start:mk.end], "")
        head = re.sub(r"[\s·“”\"]|累计|其中|目前|同时|今年以来|以来", "", head)
        before_term = any(0 <= h.start - end <= 2 for h in hits)
        if len(head) > 2 and not before_term:
            continue
        if m.place and not before_term and not _FULL_NAME.search(s[start:end]):
            continue  # a bare 枣庄 heading a clause is as often a company's (枣庄金正)
        if m.collective:
            bare_zone = m.collective.endswith(("高新区", "经开区", "开发区"))
            region = (resolve_bare_zone if bare_zone else resolve_collective)(m.collective, art.subject)
        else:
            region = m.place.canonical if m.place else None
        if region:
            out.append(_Scope(start, region))
    return out


def _qualifier_at(s: str, pos: int, markers: list[Marker], positions: tuple[int, ...] = ()) -> str | None:
    """预计 → estimate, 计划/拟 → plan, 目标/力争 → target: the last such word
    before ``pos`` in the sentence; a target year (到2025年) also makes a target.

    ``positions`` are the offsets of the figure's words (its indicator and its
    amount) whose clauses a plan or target word may stand in.

        >>> _qualifier_at("预计全年GDP增长6%，投资增长5%", 15, [])
        'estimate'
        >>> _qualifier_at("加快建设新城，努力打造高地，全年谋划项目78个", 20, [], (18, 20)) is None
        True
        >>> _qualifier_at("力争全年GDP增长7%，投资增长10%", 16, [], (13, 16))
        'target'

    """
    found = None
    where = -1
    clauses = clause_bounds(s)
    here = {enclosing(clauses, p) for p in positions}
    for m in _QUAL_WORDS.finditer(s, 0, pos):
        # 预计 heads all that follows in the sentence; a plan or target word
        # only its own clause, or the whole sentence when it opens it
        clause = enclosing(clauses, m.start())
        heading = s[clause[1]:clause[1] + 1] in ("：", ":")  # 主要目标是：GDP增长6%
        if m.lastgroup == "estimate" or clause in here or m.start() <= 2 or heading:
            found, where = m.lastgroup, m.start()
    for mk in markers:
        if mk.future and mk.end <= pos and mk.start > where:
            found = "target"
    return found


class _Fact(NamedTuple):
    code: str
    pos: int
    quantity: Quantity | None
    growth: Growth | None = None


def _growth_for(s: str, hit: Hit, seg_end: int, growths: list[Growth], subs: list[tuple[int, int]]) -> Growth | None:
    """The growth rate of the figure named at ``hit``: in its own clause piece,
    or in a following piece that says nothing but the growth."""
    own = enclosing(subs, hit.start)
    for g in growths:
        if not hit.end <= g.verb_start < seg_end:
            continue
        sub_start, _ = enclosing(subs, g.verb_start)
        lead = s[sub_start:g.verb_start]
        if sub_start <= own[0] or (len(lead) <= _MAX_LEAD and _GROWTH_LEAD.fullmatch(lead)):
            return g
    return None


def _base_year_ok(s: str, g: Growth, subs: list[tuple[int, int]], year: int | None) -> bool:
    """比2019年增长 is growth over two or more years unless 2019 is last year."""
    sub_start, _ = enclosing(subs, g.verb_start)
    m = _BASE_YEAR.search(s, sub_start, g.verb_start)
    return m is None or (year is not None and int(m.group(1)) == year - 1)


def _plain_facts(s: str, hit: Hit, seg_end: int, quantities: list[Quantity],
                 subs: list[tuple[int, int]], clauses: list[tuple[int, int]]) -> list[_Fact]:
    kind = hit.term.kind
    want = "money" if kind == "money" else "count"
    own_sub = enclosing(subs, hit.start)
    facts: list[_Fact] = []
    prev_end = hit.end
    for q in quantities:
        if not hit.end <= q.start < seg_end or q.threshold or q.kind != want:
            continue
        sub_start, _ = enclosing(subs, q.start)
        lead_from = prev_end if sub_start <= prev_end else sub_start
        lead = s[lead_from:q.start]
        # an amount in a later clause piece must be tied to the figure by a
        # word (、总数达457家); a bare 115家 there is about something else
        later = sub_start > prev_end
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


def _level_list(s: str, start: int) -> bool:
    """省重点项目 / 市重点项目: one government's list, a part of the whole.

        >>> _level_list("29个省重点项目", 4), _level_list("94个省市区三级重点项目", 8), _level_list("全市重点项目", 2)
        (True, False, False)
    """
    return bool(_LEVEL_LIST.search(s[max(0, start - 3):start]))


def _project_facts(s: str, hit: Hit, seg_end: int, quantities: list[Quantity],
                   clauses: list[tuple[int, int]]) -> list[_Fact]:
    code = hit.term.code
    if code == "key_projects" and _level_list(s, hit.start):
        return []
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
        if q.kind == "count" and q.unit in ("个", "项") and count is None and _is_filler(lead):
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
    if invest is None:
        m = re.search(r"总投资(?:额)?(?:达到?|为|约|超过?|近)?", head)
        if m:
            invest = next((q for q in quantities if q.start == c_start + m.end() and q.kind == "money"), None)
    if count is not None:
        facts.append(_Fact(code, count.start, count))
    if invest is not None:
        facts.append(_Fact(code + "_investment", invest.start, invest))
    return facts


_SECTOR_BEFORE = re.compile(r"(?:[\u4e00-\u9fff]业|产品|商品|民间|限上|限额以上|国有|外资|内资|高技术|战略性新兴|"
                            r"全部|镇村|乡村|城镇)$")


def _is_component(s: str, hits: list[Hit], n: int) -> bool:
    """A part of a figure, not the figure: ``其中制造业实际使用外资增长10%``
    (a figure already named, again after 其中) or a sector's share of it
    (``民间固定资产投资``, ``限上社会消费品零售额``).

        >>> s = "实际使用外资增长3.9%，其中制造业实际使用外资增长10%"
        >>> [_is_component(s, find_terms(s), n) for n in range(2)]
        [False, True]
    """
    hit = hits[n]
    if _SECTOR_BEFORE.search(s[max(0, hit.start - 5):hit.start]):
        return True
    before = hits[n - 1].end if n else 0
    return "其中" in s[before:hit.start] and any(h.term.code == hit.term.code for h in hits[:n])


_RESPECTIVELY = re.compile(r"\s*(?:同比|比上年|较上年|全年)?(?:分别)")
_JOINER = re.compile(r"\s*[、和与及]\s*")


def _respectively(s: str, hits: list[Hit], quantities: list[Quantity], growths: list[Growth]
                  ) -> dict[int, list[_Fact]]:
    """``规上工业增加值、固定资产投资分别增长8.1%、10.2%``: the n-th rate is
    the n-th figure's; without this the last figure would take the first rate.

        >>> s = "规上工业增加值、固定资产投资分别增长8.1%、10.2%"
        >>> out = _respectively(s, find_terms(s), find_quantities(s), find_growths(s))
        >>> [(f.code, f.growth.pct) for n in sorted(out) for f in out[n]]
        [('industrial_value_added', 8.1), ('fixed_asset_investment', 10.2)]
    """
    out: dict[int, list[_Fact]] = {}
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
        if len(group) == 1:
            out[n] = []  # 近三年GDP分别增长…: several rates of one figure, years unknown
            continue
        seg_end = nxt.start if nxt else len(s)
        rates = [g for g in growths if head.end() <= g.verb_start < seg_end]
        amounts = [q for q in quantities if head.end() <= q.start < seg_end and not q.threshold]
        # 分别增长8.1%、10.2%: one verb, then bare rates
        if len(rates) == 1:
            rates = [rates[0]] + [Growth(float(m.group(1)) * (1 if rates[0].pct >= 0 else -1), m.start(),
                                         m.end(), m.start())
                                  for m in re.finditer(r"(\d+(?:\.\d+)?)\s*[%％]", s[:seg_end])
                                  if m.start() >= rates[0].end]
        for pos, k in enumerate(group):
            facts: list[_Fact] = []
            q = amounts[pos] if len(amounts) == len(group) else None
            g = rates[pos] if len(rates) == len(group) else None
            if q is not None or g is not None:
                facts.append(_Fact(hits[k].term.code, (q or g).start, q, g))
            out[k] = facts
    return out


def _sentence_rows(sent: Span, art: Article, clock: Clock, para_region: str | None) -> list[IndicatorRow]:
    s = sent.text
    hits = _merge_repeats(find_terms(s), s)
    if not hits:
        return []
    markers = find_markers(s, clock.ref_year)
    scopes = _scope_regions(sent, hits, markers, art)
    quantities = find_quantities(s)
    growths = find_growths(s)
    subs, clauses = subclause_bounds(s), clause_bounds(s)
    rows: list[IndicatorRow] = []
    shared = _respectively(s, hits, quantities, growths)
    for n, hit in enumerate(hits):
        seg_end = hits[n + 1].start if n + 1 < len(hits) else len(s)
        cut = _SEGMENT_CUT.search(s, hit.end, seg_end)
        seg_end = cut.start() if cut else seg_end
        growth = None
        if _is_component(s, hits, n):
            continue
        if n in shared:
            facts = shared[n]
        elif hit.term.kind == "projects":
            facts = _project_facts(s, hit, seg_end, quantities, clauses)
        else:
            facts = _plain_facts(s, hit, seg_end, quantities, subs, clauses)
            growth = _growth_for(s, hit, seg_end, growths, subs)
        if growth is not None:
            # the rate belongs to the amount written before it: in
            # "2022年…4000亿元，2023年达到4300亿元，增长5%" to 2023's
            owners = [k for k, f in enumerate(facts) if f.code == hit.term.code and f.pos <= growth.verb_start]
            if owners:
                facts[owners[-1]] = facts[owners[-1]]._replace(growth=growth)
            else:
                facts.insert(0, _Fact(hit.term.code, growth.start, None, growth))
        seen_periods = set()
        for fact in facts:
            pos = fact.pos
            qualifier = _qualifier_at(s, pos, markers, (hit.start, pos)) or hit.term.qualifier
            period = resolve([mk for mk in markers if mk.end <= max(pos, hit.start)], clock,
                             planned=qualifier in ("plan", "target"))
            key = (fact.code, period)
            if key in seen_periods:
                continue  # a second amount for the same figure and period: a detail, not a fact
            seen_periods.add(key)
            growth = fact.growth
            if growth is not None and not _base_year_ok(s, growth, subs, period.end.year if period else None):
                growth = None
            if growth is not None and period is not None and period.start.year != period.end.year:
                growth = None  # a change over several years is no year-on-year rate
            q = fact.quantity
            if q is None and growth is None:
                continue
            region_scope = [sc.region for sc in scopes if sc.pos <= hit.start]
            region = region_scope[-1] if region_scope else (para_region or
                                                            (art.subject.canonical if art.subject else None))
            qualifier = qualifier or (q.qualifier if q else None)
            rows.append(IndicatorRow(
                region, period.start if period else None, period.end if period else None, fact.code,
                q.value if q else None, q.unit if q else None, q.base if q else None,
                growth.pct if growth else None, qualifier, s, sent.start, sent.end))
    return rows


def extract_indicators(text: str, published_at: datetime | date | None = None,
                       title: str | None = None) -> list[IndicatorRow]:
    """Every economic figure stated in ``text`` (simplified script), in order.

        >>> rows = extract_indicators("前三季度，全区GDP同比增长6.2%，高出全市2个百分点。",
        ...                           datetime(2021, 11, 5), "临沂高新区经济稳中向好")
        >>> [(r.region, str(r.period_start), str(r.period_end), r.indicator, r.yoy_pct) for r in rows]
        [('临沂高新区', '2021-01-01', '2021-09-30', 'gdp', 6.2)]
    """
    art = _article(text, published_at, title)
    rows: list[IndicatorRow] = []
    year_context: int | None = None
    para, para_region = -1, None
    for sent in split_sentences(text):
        if sent.para != para:
            para, para_region = sent.para, None
        clock = Clock(art.ref_year, art.published, year_context)
        rows += _sentence_rows(sent, art, clock, para_region)
        markers = find_markers(sent.text, art.ref_year)
        year_context = context_year(markers, sent.text) or year_context
        scopes = _scope_regions(sent, find_terms(sent.text), markers, art)
        if scopes:
            para_region = scopes[-1].region
    return _dedupe(rows)


def _dedupe(rows: list[IndicatorRow]) -> list[IndicatorRow]:
    seen: set[tuple] = set()
    out = []
    for r in rows:
        key = (r.region, r.period_start, r.period_end, r.indicator, r.value_base, r.yoy_pct)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
