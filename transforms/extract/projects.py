"""Named investment projects → rows of the ``projects`` table.

Reports name projects in three shapes:

* an amount and its project — ``总投资200亿元的欣旺达30GWh动力电池及配套生产基地、
  50亿元的吉利欣旺达年产80万套动力电池`` (the 总投资 governs the whole list);
* a list closed by 等 — ``江河绿色智能制造中心一期、济南能源集团智造生产基地等38个
  产业类项目建成投产``;
* a name followed by 项目 and what it does — ``华润雪花啤酒项目位于章丘区``.

The status is the most advanced stage the sentence says after the names
(签约 → ``signed``, 开工 → ``started``, 建设/推进 → ``under_construction``,
竣工/建成 → ``completed``, 投产/运营 → ``operating``, 谋划/洽谈 → ``planned``);
the company is the part of the name before the first descriptive word
(``transforms/data/extract_project_words.txt``), or the 公司/集团 the name or
the sentence carries; the capacity is ``30GWh`` / ``年产80万套`` in the name.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from transforms.extract.numbers import find_quantities
from transforms.extract.regions import article_prior, article_subject, find_places, gazetteer
from transforms.extract.sentences import Span, split_sentences


class ProjectRow(NamedTuple):
    """One row of the ``projects`` table, without ``doc_id``."""

    name: str
    company: str | None
    investment_base: float | None
    capacity: str | None
    status: str | None
    region: str | None
    evidence: str
    char_start: int
    char_end: int


@lru_cache(maxsize=1)
def _descriptors() -> re.Pattern[str]:
    text = resources.files("transforms").joinpath("data/extract_project_words.txt").read_text("utf-8")
    words = [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


_STATUS = (  # most advanced first
    ("planned", re.compile(r"洽谈|谋划|储备|前期工作")),
    ("operating", re.compile(r"投产|投入使用|投用|运营|营业|开业")),
    ("completed", re.compile(r"竣工|建成|完工|落成")),
    ("started", re.compile(r"开工")),
    ("under_construction", re.compile(r"在建|建设|推进|施工|实施|调试|聚集")),
    ("signed", re.compile(r"签约|签订|落户|落地")),
)
_LEAD_VERBS = re.compile(r"签约|签订|引进|实施|推进|建设|加快|加速|开工|落地|启动|新建|续建|投产|竣工|完成|推动|"
                         r"培育|打造|谋划|规划|包括|支持|围绕|依托|其中|目前|同时|累计|新签约|如")
_FUNCTION_WORDS = re.compile(r"坚持|将|把|围绕|聚焦|作为|通过|强化|深化|开展|抓|提升|推动|推进|实施|加快|加大|"
                             r"确保|全力|积极|着力|持续|不断|一批|各类|我们|他们|这|那|哪|其|及时|要|是|为|在|对|向|让|使")
_GENERIC = re.compile(r"重点|重大|产业类?|技改|优质|锂电|招商|签约|在建|新建|续建|实施类|省级?|市级?|区级?|县级?|以上|"
                      r"亿元|万元|过亿元|一批|类|工业|民生|基础设施|城建|配套|终端应用|高端引领|支撑|上述|多|余|"
                      r"大|好|新|[一二三四五六七八九十两]级|级|项目|棚改|改造|提升|\d+|个|的|、|“|”|\s")
# a count of projects (94个…), a section number (二、), an area or an amount is no name
_NOT_A_NAME = re.compile(r"\d+(?:余|多)?个|[一二三四五六七八九十]+、|.*(?:元的|平方米的|亩的|公顷的)")
_COMPANY_IN = re.compile(r"[\u4e00-\u9fffA-Za-z（）()]{2,30}?(?:股份有限公司|有限责任公司|有限公司|集团|公司)")
_CAPACITY = re.compile(r"(?:年产能?|年处理|年加工|年吞吐)?\s*\d+(?:\.\d+)?\s*(?:万|千|亿)?\s*"
                       r"(?:GWh|GW|MWh|MW|kWh|kW|吨|套|辆|台|件|千升|片|只|块|组)(?![A-Za-z])")
_LIST_END = re.compile(r"等(?:\d+(?:余|多)?个|一批|多个|[一二三四五六七八九十]+个)?[^，。；,;！？]{0,14}?项目")
_AMOUNT_OF = re.compile(r"(?:总投资|计划总投资|投资)?(?:达|为|约|超过?)?")
_NAME_THEN = re.compile(r"项目(?=位于|是|总投资|计划总投资|占地|建成|投产|开工|竣工|已|正|于|被|列入|入选|顺利|加快|"
                        r"加速|稳步|进展|一期|二期|[（(])")


def _clean_name(name: str) -> str:
    """Trim a name: punctuation around it, anything from 等 on, and a quote
    mark left without its partner.

        >>> _clean_name("“零碳智谷”欣旺达共享储能"), _clean_name("速博达新能源等一批")
        ('“零碳智谷”欣旺达共享储能', '速博达新能源')
        >>> _clean_name("源网荷储”一体化")
        '源网荷储一体化'
    """
    name = name.split("等", 1)[0].strip(" \t，,、；;：:")
    if name.count("“") != name.count("”"):
        name = name.replace("“", "").replace("”", "")
    return name.strip()


def _is_generic(name: str) -> bool:
    """A name that says only what kind of project it is (重点项目, 亿元以上) is no name.

        >>> _is_generic("省市区三级重点"), _is_generic("欣旺达30GWh动力电池"), _is_generic("坚持将重大")
        (True, False, True)
    """
    if len(name) < 2 or len(name) > 60 or _FUNCTION_WORDS.search(name) or _NOT_A_NAME.match(name):
        return True
    return len(_GENERIC.sub("", name)) < 2


def company_of(name: str, sentence_head: str = "") -> str | None:
    """The company a project's name begins with, or that the sentence names.

        >>> company_of("海王健康产业生产基地及健康小镇"), company_of("吉利欣旺达年产80万套动力电池")
        ('海王', '吉利欣旺达')
        >>> company_of("济南能源集团智造生产基地"), company_of("年产15万辆新能源专用车")
        ('济南能源集团', None)
        >>> company_of("年产15GW电池", "山东泉为新能源科技有限公司组织建设")
        '山东泉为新能源科技有限公司'
        >>> company_of("青岛啤酒智能工厂")
        '青岛啤酒'
    """
    m = _COMPANY_IN.search(name)
    if m and m.start() == 0:
        return m.group()
    m = _COMPANY_IN.search(sentence_head)
    if m:
        return m.group()
    stem = re.sub(r"^[“\"][^”\"]*[”\"]", "", name)  # “零碳智谷”欣旺达共享储能
    cut = len(stem)
    for rx in (re.compile(r"\d|[“\"（(]"), _descriptors()):
        hit = rx.search(stem)
        if hit:
            cut = min(cut, hit.start())
    company = stem[:cut]
    if company in gazetteer()[0]:  # 青岛啤酒: a place name alone is no company, the brand goes on
        more = _descriptors().match(stem, cut)
        company = stem[:more.end()] if more else company
    return company if 2 <= len(company) <= 8 and not _is_generic(company) else None


def _status(text: str) -> str | None:
    for status, rx in _STATUS:
        if rx.search(text):
            return status
    return None


def _capacity(name: str, after: str) -> str | None:
    m = _CAPACITY.search(name) or _CAPACITY.match(after.lstrip("，, "))
    return re.sub(r"\s+", "", m.group()) if m else None


class _Found(NamedTuple):
    name: str
    start: int  # where the name starts in the sentence
    name_end: int  # where it ends
    span_end: int  # where the list or phrase it stands in ends
    investment: float | None
    head: str  # the clause text before the name (a company may be named there)


def _boundary(s: str, clause_start: int, name_start: int) -> int:
    """Where a name begins: after the last lead verb (新签约, 建设 …) of its clause.

        >>> s = "山东泉为公司组织建设年产5GW电池"
        >>> s[_boundary(s, 0, len(s)):]
        '年产5GW电池'
    """
    pos = clause_start
    for m in _LEAD_VERBS.finditer(s, clause_start, name_start):
        pos = m.end()
    return pos


def _list_start(s: str, clause_start: int, name_start: int) -> int:
    """Where a list of names begins: after the verbs that open its clause
    (累计新签约, 加快实施), not after a verb inside a name (锂离子启动电池).

        >>> s = "累计新签约甲产业园、乙中心"
        >>> s[_list_start(s, 0, len(s)):]
        '甲产业园、乙中心'
        >>> s = "星恒电源锂离子启动电池"
        >>> s[_list_start(s, 0, len(s)):]
        '星恒电源锂离子启动电池'
    """
    pos = clause_start
    while True:
        m = _LEAD_VERBS.search(s, pos, name_start)
        if m is None or m.start() - pos > 3:
            return pos
        pos = m.end()


def _clause_start(s: str, pos: int) -> int:
    return max(s.rfind(c, 0, pos) for c in "，,；;：:。") + 1


def _amount_lists(s: str) -> list[_Found]:
    """``总投资200亿元的A、50亿元的B…``: each amount with the project after it."""
    out: list[_Found] = []
    prev_end = -1
    for q in find_quantities(s):
        if q.kind != "money" or not s.startswith("的", q.end):
            continue
        lead = s[max(0, q.start - 5):q.start]
        continues = prev_end >= 0 and s[prev_end:q.start].strip() in ("、", "，", ",")
        if not (re.search(r"投资(?:额)?(?:达|为|约|超过?)?$", lead) or continues):
            continue
        m = re.compile(r"[^、，。；,;！？]+").match(s, q.end + 1)
        if not m:
            continue
        name = _clean_name(m.group())
        if not _is_generic(name):
            c = _clause_start(s, q.start)
            start = q.end + 1 + m.group().find(name)
            out.append(_Found(name, start, start + len(name), m.end(), q.base, s[c:q.start]))
        prev_end = m.end()
    return out


def _enumerations(s: str, taken: list[tuple[int, int]]) -> list[_Found]:
    """``A、B、C等N个…项目``: the listed names."""
    out: list[_Found] = []
    for m in _LIST_END.finditer(s):
        if any(a <= m.start() < b for a, b in taken):
            continue
        c = _clause_start(s, m.start())
        start = _list_start(s, c, m.start())
        items = s[start:m.start()]
        pos = start
        for item in items.split("、"):
            name = _clean_name(item)
            if name and not _is_generic(name) and "元的" not in item:
                at = pos + item.find(name)
                out.append(_Found(name, at, at + len(name), m.end(), None, s[c:start]))
            pos += len(item) + 1
    return out


def _named(s: str, taken: list[tuple[int, int]]) -> list[_Found]:
    """``华润雪花啤酒项目位于…``: a name right before 项目 and a description."""
    out: list[_Found] = []
    for m in _NAME_THEN.finditer(s):
        if any(a <= m.start() < b for a, b in taken):
            continue
        c = _clause_start(s, m.start())
        start = _boundary(s, c, m.start())
        name = _clean_name(s[start:m.start()])
        if _is_generic(name) or "项目" in name:
            continue
        after = s[m.end():]
        inv = re.match(r"[，,]?\s*(?:计划)?总投资(?:约|达|为)?", after)
        investment = None
        if inv:
            qs = [q for q in find_quantities(after) if q.start == inv.end() and q.kind == "money"]
            investment = qs[0].base if qs else None
        at = s.find(name, start)
        out.append(_Found(name, at, at + len(name), m.end(), investment, s[c:start]))
    return out


def _sentence_projects(sent: Span, region: str | None) -> list[ProjectRow]:
    s = sent.text
    if "项目" not in s and "亿元的" not in s and "万元的" not in s:
        return []
    found = _amount_lists(s)
    taken = [(f.start, f.span_end) for f in found]
    found += _enumerations(s, taken)
    taken = [(f.start, f.span_end) for f in found]
    found += _named(s, taken)
    found.sort(key=lambda f: f.start)
    if len(found) == 1 and found[0].investment is None:
        # one project in the sentence: its 总投资 may come after a description
        m = re.compile(r"(?:计划)?总投资(?:额)?(?:约|达|为)?").search(s, found[0].name_end)
        qs = [q for q in find_quantities(s) if m and q.start == m.end() and q.kind == "money"]
        if qs:
            found[0] = found[0]._replace(investment=qs[0].base)
    rows = []
    for n, f in enumerate(found):
        # the status written after a list belongs to every name in it: look up
        # to the next name that stands beyond a clause break
        brk = re.compile(r"[，,；;。]").search(s, f.span_end)
        nxt = next((g.start for g in found[n + 1:]
                    if g.start >= f.name_end and re.search(r"[，,；;]", s[f.name_end:g.start])), len(s))
        nxt = min(nxt, brk.start() if brk else len(s))
        status = _status(s[f.name_end:nxt]) or _status(f.head)
        rows.append(ProjectRow(f.name, company_of(f.name, f.head), f.investment,
                               _capacity(f.name, s[f.name_end:nxt]), status, region, s, sent.start, sent.end))
    return rows


def _key(name: str) -> str:
    return re.sub(r"[\s“”\"'（）()]", "", name)


def extract_projects(text: str, published_at: datetime | date | None = None,
                     title: str | None = None) -> list[ProjectRow]:
    """Every named investment project in ``text``, merged by name.

        >>> rows = extract_projects("总投资80亿元的宁德时代20GWh储能电池基地、30亿元的恩捷隔膜产业园等项目加快建设。")
        >>> [(r.name, r.company, r.investment_base, r.capacity, r.status) for r in rows]
        [('宁德时代20GWh储能电池基地', '宁德时代', 8000000000.0, '20GWh', 'under_construction'), \
('恩捷隔膜产业园', '恩捷隔膜', 3000000000.0, None, 'under_construction')]
    """
    subject = article_subject(text, title)
    default_region = subject.canonical if subject else None
    prior = article_prior((title or "") + "\n" + text)
    # where a project is: a district, county or zone written in full in its
    # sentence (位于章丘区枣园街道); a bare 济南 is too often a company's name
    places = [m for m in find_places(text, prior) if not m.organisation and m.place
              and m.place.level in ("county", "zone", "prefecture")
              and re.search(r"[市区县旗州盟]$", text[m.start:m.end])]
    merged: dict[str, ProjectRow] = {}
    for sent in split_sentences(text):
        inside = [m.place.canonical for m in places if sent.start <= m.start < sent.end]
        region = inside[0] if inside else default_region
        for row in _sentence_projects(sent, region):
            key = _key(row.name)
            old = merged.get(key)
            if old is None:
                merged[key] = row
            else:
                merged[key] = old._replace(
                    company=old.company or row.company,
                    investment_base=old.investment_base or row.investment_base,
                    capacity=old.capacity or row.capacity, status=old.status or row.status)
    return list(merged.values())
