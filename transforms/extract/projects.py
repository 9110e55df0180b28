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
    ("operating", re.compile(r"投产|投入使用|投用|运营|营业|开业|并网|达产")),
    ("completed", re.compile(r"竣工|建成|完工|落成")),
    ("started", re.compile(r"开工|动工|开建|破土")),
    ("under_construction", re.compile(r"在建|建设|推进|施工|实施|调试|聚集|封顶")),
    ("signed", re.compile(r"签约|签订|落户|落地")),
)
_LEAD_VERBS = re.compile(r"(?:签约|签订|引进|实施|推进|建设|加快|加速|开工|落地|启动|新建|续建|投产|竣工|完成|推动|"
                         r"培育|打造|谋划|规划|包括|支持|围绕|依托|其中|目前|同时|累计|新签约|如|投建|兴建)了?")
# a place and adverbs heading a clause before its verb: 武进区还将(加快推进)
_SUBJECT_LEAD = re.compile(r"(?:[\u4e00-\u9fff]{1,6}?(?:省|市|区|县|镇|我们))?"
                           r"(?:还|将|要|正在|正|也|全力|继续|持续|重点|着力|大力|积极|已|先后|共|今年|年内|现场|会上|"
                           r"当天|集中|成功|一次性)*")
_FUNCTION_WORDS = re.compile(r"坚持|将|把|围绕|聚焦|作为|通过|强化|深化|开展|抓|提升|推动|推进|实施|加快|加大|"
                             r"确保|全力|积极|着力|持续|不断|一批|各类|我们|他们|这|那|哪|其|及时|要|是|为|在|对|向|让|使")
_GENERIC = re.compile(r"重点|重大|产业类?|技改|优质|锂电|招商|签约|在建|新建|续建|实施类|省级?|市级?|区级?|县级?|以上|"
                      r"亿元|万元|过亿元|一批|类|工业|民生|基础设施|城建|配套|终端应用|高端引领|支撑|上述|多|余|"
                      r"大|好|新|[一二三四五六七八九十两]级|级|项目|棚改|改造|提升|\d+|个|的|、|“|”|\s|"
                      r"园区|产业园|工业园|基地|载体|平台|工程|总投资|投资")
# a count of projects (94个…), a section number (二、), an area or an amount is no name
_NOT_A_NAME = re.compile(r"\d+(?:余|多)?个|[一二三四五六七八九十]+、|.*(?:元的|平方米的|亩的|公顷的)|"
                         r"[一二三四五六七八九十百两几多]+(?:方面|件|项|类|大|批|个)")
_COMPANY_IN = re.compile(r"[\u4e00-\u9fffA-Za-z（）()]{2,30}?(?:股份有限公司|有限责任公司|有限公司|集团|公司)")
_CAPACITY = re.compile(r"(?:年产能?|年处理|年加工|年吞吐)?\s*\d+(?:\.\d+)?\s*(?:万|千|亿)?\s*"
                       r"(?:GWh|GW|MWh|MW|kWh|kW|万千瓦|千瓦|兆瓦|吨|套|辆|台|件|千升|片|只|块|组)(?![A-Za-z])")
_LIST_END = re.compile(r"等(?:\d+(?:余|多)?个|一批|多个|[一二三四五六七八九十]+个)?[^，。；,;！？]{0,14}?(?:项目|工程)")
_AMOUNT_OF = re.compile(r"(?:总投资|计划总投资|投资)?(?:达|为|约|超过?)?")
_NAME_THEN = re.compile(r"项目(?=位于|是|总投资|计划总投资|占地|由|建成|投产|开工|竣工|已|正|于|被|列入|入选|顺利|加快|"
                        r"加速|稳步|进展|一期|二期|[（(])")
_CAPACITY_LEAD = re.compile(r"年产能?|年处理|年加工|年吞吐|年出栏|年屠宰|年回收")
# trade words that end a maker's short name (嘉宏精密, 涪江光电) after a two-character brand
_TRADE_WORDS = re.compile(r"精密|精工|光电|微电子|电子|科技|新材料?|智能|智造|储能|新能源|能源|光伏|化工|医药|制药|"
                          r"生物|食品|机械|装备|电气|电器|汽车|动力|锂能|锂电|重工|钢铁|实业|纺织|服饰|家居|木业|瓷业|酒业|"
                          r"陶瓷|材料|芯材")
# public works are built by a government, not a company
_PUBLIC = re.compile(r"医院|学校|中学|小学|大学|学院|幼儿园|公园|体育馆|图书馆|博物馆|安置房|小区|道路|大桥")
# 茅台镇…, 坛厂街道…: a township's name heads the project, not a maker's
_TOWNSHIP = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:街道|镇|乡|村)")
_PHASE = re.compile(r"[一二三四五六七八九十\d]期(?:工程)?")
# what may stand between a name and the verb saying how far it is
_ADVERBS = re.compile(r"(?:正式|顺利|全面|加快|加速|稳步|已经?|正在|即将|成功|集中|主体|抓紧|加紧|全部|基本|"
                      r"将于?|于|在\S{1,6}?期间|(?:\d{1,2}|[一二三四五六七八九十]{1,2})月(?:份|初|底|中旬|上旬|下旬)?|"
                      r"今年|去年|年内|年底|[\s“”])*")
_STATUS_VERB = re.compile(r"签约|签订|落户|落地|开工|动工|开建|破土|在建|建设|施工|封顶|竣工|建成|完工|落成|投产|"
                          r"投用|投入使用|运营|营业|开业|达产|并网")
# what a sentence goes on to say about a project once named (备受关注, 成为…)
_PREDICATE = re.compile(r"备受|受到|成为|是|被|进入|实现|开始|带动|吸引|获得|荣获|入选|列入|标志着")
_BUILDS = re.compile(r"建设|新建|投建|兴建|实施|引进|签约|签订|落地|开工|推进|上马")
# 由中能建投资建设: the company behind the project
_BUILT_BY = re.compile(r"由([\u4e00-\u9fffA-Za-z（）()]{2,24}?)(?:投资|出资|承建|建设|实施|负责|牵头|打造)")
# a built place whose name, followed by how far it is, names a project
_FACILITY = re.compile(r"(?:产业园|产业基地|生产基地|基地|园区|工业园|物流园|工厂|产业城|中心)"
                       r"(?:[一二三四五六七八九十]期)?")


def _clean_name(name: str) -> str:
    """Trim a name: punctuation around it, anything from 等 on, and a quote
    mark left without its partner.

        >>> _clean_name("“零碳智谷”欣旺达共享储能"), _clean_name("速博达新能源等一批")
        ('“零碳智谷”欣旺达共享储能', '速博达新能源')
        >>> _clean_name("源网荷储”"), _clean_name("“源网荷储”一体化")
        ('源网荷储', '“源网荷储”一体化')
    """
    name = name.split("等", 1)[0].strip(" \t，,、；;：:")
    name = re.sub(r"^的", "", name)
    if name.count("“") != name.count("”"):
        # only at the ends: the name stays a slice of its sentence
        name = name.strip("“”")
    return name.strip()


def _trim_name(chunk: str) -> str:
    """The name at the head of ``chunk``: up to 项目 (with its phase), else up
    to the words that say how far it is (正式签约, 9月份开工).

        >>> _trim_name("恒通新材年产5万吨锂电隔膜项目正式开工"), _trim_name("鲁北化工二期项目一期建成")
        ('恒通新材年产5万吨锂电隔膜', '鲁北化工二期项目一期')
        >>> _trim_name("万华化学新材料产业园于6月开工建设"), _trim_name("欣达30GWh动力电池基地")
        ('万华化学新材料产业园', '欣达30GWh动力电池基地')
        >>> _trim_name("华泰汽车零部件产业园备受关注")
        '华泰汽车零部件产业园'

    """
    m = re.search("项目", chunk)
    if m:
        phase = _PHASE.match(chunk, m.end())
        return chunk[:phase.end()] if phase else chunk[:m.start()]
    verbs = sorted([*_STATUS_VERB.finditer(chunk), *_PREDICATE.finditer(chunk)], key=lambda v: v.start())
    for v in verbs:
        head = chunk[:v.start()]
        cut = len(head)
        for a in re.finditer(_ADVERBS.pattern + "$", head):
            cut = a.start()
            break
        if cut >= 2:
            return chunk[:cut]
    return chunk


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
        >>> company_of("青岛啤酒智能工厂"), company_of("嘉瑞精密新能源汽车压铸件"), company_of("长兴光电年产9万片芯片")
        ('青岛啤酒', '嘉瑞精密', '长兴光电')
        >>> company_of("第一人民医院新院区二期"), company_of("实验中学"), company_of("龙泉镇食品产业园")
        (None, None, None)
    """
    m = _COMPANY_IN.search(name)
    if m and m.start() == 0:
        return m.group()
    m = _COMPANY_IN.search(sentence_head)
    if m:
        return m.group()
    stem = re.sub(r"^[“\"][^”\"]*[”\"]", "", name)  # “零碳智谷”欣旺达共享储能
    full, weak = gazetteer()
    lead = _CAPACITY_LEAD.search(stem)
    if lead and 2 <= lead.start() <= 10:
        # 九洲电子年产500万台智能终端: what stands before the capacity is the maker
        company = stem[:lead.start()]
        if not _is_generic(company) and company not in full and company not in weak and not _PUBLIC.search(company):
            return company
    cut = len(stem)
    for rx in (re.compile(r"\d|[“\"（(]"), _descriptors()):
        hit = rx.search(stem)
        if hit:
            cut = min(cut, hit.start())
    if cut == len(stem):
        return None  # nothing in the name says what is built: no telling the maker from it
    company = stem[:cut]
    if company in weak:
        return None  # 武进绿色建筑产业园: a county's name, not a maker
    if company in full:  # 青岛啤酒: a place name alone is no company, the brand goes on
        more = _descriptors().match(stem, cut)
        company = stem[:more.end()] if more else company
    elif len(company) == 2:
        # 嘉宏精密新能源汽车压铸件: a two-character brand goes with its trade word
        trade = _TRADE_WORDS.match(stem, cut)
        if trade and trade.end() < len(stem):
            company = stem[:trade.end()]
    if _PUBLIC.search(company) or _TOWNSHIP.match(company):
        return None
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
        >>> s = "武进区还将加快推进甲产业园、乙中心"
        >>> s[_list_start(s, 0, len(s)):]
        '甲产业园、乙中心'
        >>> s = "星恒电源锂离子启动电池"
        >>> s[_list_start(s, 0, len(s)):]
        '星恒电源锂离子启动电池'
    """
    pos = clause_start
    while True:
        m = _LEAD_VERBS.search(s, pos, name_start)
        if m is None or (m.start() - pos > 3 and not _SUBJECT_LEAD.fullmatch(s, pos, m.start())):
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
        name = _clean_name(_trim_name(m.group()))
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
            name = _clean_name(_trim_name(item))
            if name and not _is_generic(name) and "元的" not in item:
                at = pos + item.find(name)
                out.append(_Found(name, at, at + len(name), m.end(), None, s[c:start]))
            pos += len(item) + 1
    return out


def _named(s: str, taken: list[tuple[int, int]]) -> list[_Found]:
    """``华润雪花啤酒项目位于…``, ``甲项目正式签约``, ``乙产业园二期顺利封顶``: a name
    right before 项目 and a description, or before how far it has got."""
    out: list[_Found] = []
    spots = [(m.start(), m.end()) for m in re.finditer("项目", s)]
    spots += [(m.end(), m.end()) for m in _FACILITY.finditer(s)]
    for at, end in sorted(spots):
        if any(a <= at < b for a, b in taken) or any(f.start <= at <= f.span_end for f in out):
            continue
        after = s[end:]
        phase = _PHASE.match(after) if end > at else None
        rest = after[phase.end():] if phase else after
        adverbs = _ADVERBS.match(rest)
        verb = _STATUS_VERB.match(rest, adverbs.end() if adverbs else 0)
        if verb and verb.start() == 0 and verb.group() in ("建设", "施工", "在建"):
            verb = None  # 项目建设: the work of building projects, said of none in particular
        c = _clause_start(s, at)
        # 恒通公司投资30亿元建设年产5万吨隔膜项目。: what a building verb governs
        built = end > at and re.match(r"\s*(?:[，,。；;！!]|$)", rest) and _BUILDS.search(s, c, at)
        if not (verb or built or (end > at and _NAME_THEN.match(s, at))):
            continue
        start = _boundary(s, c, at)
        name = _clean_name(s[start:end + phase.end()] if phase else s[start:at])
        if end == at:  # a facility: its word is part of its name
            name = _clean_name(s[start:at] + (phase.group() if phase else ""))
        investment = None
        lead = re.match(r"(?:计划)?总投资(?:约|达|为)?", name)
        if lead:  # 总投资10亿元、年产20万套电机项目
            qs = [q for q in find_quantities(name) if q.start == lead.end() and q.kind == "money"]
            if qs and re.match(r"[、，,]", name[qs[0].end:]):
                investment, name = qs[0].base, name[qs[0].end + 1:]
        if _is_generic(name) or "的" in name or "项目" in name.replace(phase.group() if phase else "\0", ""):
            continue
        inv = re.match(r"[，,]?\s*(?:计划)?总投资(?:约|达|为)?", after)
        if inv:
            qs = [q for q in find_quantities(after) if q.start == inv.end() and q.kind == "money"]
            investment = qs[0].base if qs else investment
        elif investment is None and built:
            qs = [q for q in find_quantities(s[c:start]) if q.kind == "money" and not q.threshold
                  and re.search(r"投资(?:约|达|为|超过?)?$", s[c:c + q.start])]
            investment = qs[-1].base if qs else None
        first = s.find(name, start)
        if first < 0:
            continue
        out.append(_Found(name, first, first + len(name), end, investment, s[c:start]))
    return out


def _sentence_projects(sent: Span, region: str | None) -> list[ProjectRow]:
    s = sent.text
    if "项目" not in s and "元的" not in s and not _FACILITY.search(s):
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
        by = _BUILT_BY.search(f.head) or _BUILT_BY.match(s[f.name_end:nxt].lstrip("项目一二三期 "))
        company = company_of(f.name, f.head)
        if by and not (company and company in f.name[:len(company)] and _COMPANY_IN.match(company)):
            company = by.group(1)
        rows.append(ProjectRow(f.name, company, f.investment,
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
    prior = article_prior(title or "", text)
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
