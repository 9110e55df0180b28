"""Amounts with their units, and growth rates, as written in Chinese reports.

``1603.62亿元``, ``1.35亿美元``, ``1.68万户``, ``770余万元``, ``百亿元``,
``增长14.2%``, ``下降3.1%``, ``增长1.5倍``.  Chinese numerals go through
``cn2an`` (only whole numeral strings: its sentence mode reads ``1-9月`` as a
date).  Hedges around a number become a qualifier: 约/近/左右 → ``approx``,
超/余/多/以上/突破 → ``at_least`` — but the 约 of 签约 (to sign) is no hedge.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import cn2an

# Scale of the magnitude characters written between number and unit.
MAGNITUDE = {"": 1.0, "千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7,
             "亿": 1e8, "十亿": 1e9, "百亿": 1e10, "千亿": 1e11, "万亿": 1e12}
MONEY_UNITS = ("美元", "元")
COUNT_UNITS = ("家", "个", "户", "项", "人次", "人", "名")
# physical quantities (electricity, freight, containers): their base is the unit itself (kWh, t, TEU);
# 千瓦时 (energy) only: 万千瓦 is a capacity, no quantity of a period
MEASURE_UNITS = ("千瓦时", "吨", "标箱", "TEU")
_UNITS = "美元|元|家|个|户|项|人次|人|名|千瓦时|吨|标箱|TEU"

_CJK_DIGITS = "零〇一二两三四五六七八九十百千"
# 8,352.6 / 10,560: thousands separators as Hong Kong, Taiwan and wire copy write them
_GROUPED = r"\d{1,3}(?:,\d{3})+(?![\d,])(?:\.\d+)?"
NUM = rf"(?:{_GROUPED}|\d+(?:\.\d+)?|[{_CJK_DIGITS}]+(?:点[零〇一二三四五六七八九]+)?)"
_MAG = "万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千"
_QUANTITY = re.compile(
    # (the lookahead first: a position that holds no numeral fails one class test)
    rf"(?=[\d{_CJK_DIGITS}])(?<![\d.])(?P<num>{NUM})"
    rf"(?:\s*[-—–~～－至到]\s*(?P<num2>{NUM}))?"
    # text converted from PDF or Word often spaces a number from its unit (612.3 亿元)
    rf"[ \u3000\xa0]?(?P<more>余|多)?(?P<mag>{_MAG})?(?P<unit>{_UNITS})?"
    rf"(?P<after>以上|左右|上下|之多)?"
)
# Taiwan writes 兆 for 万亿 (1兆7,986亿元 = 17,986亿元); only before 元/美元 (兆瓦 is a megawatt)
_TRILLION = re.compile(rf"(?<![\d.])(?P<num>\d+(?:\.\d+)?)兆(?:(?P<rest>{NUM})亿)?(?P<unit>美元|元)")
_BEFORE_APPROX = re.compile(r"(?:大约|将近|接近|(?<![签合预节制条公])约|近)$")
_BEFORE_AT_LEAST = re.compile(r"(?:超过|超出|超|逾|突破|不少于|不低于|至少)$")


class Quantity(NamedTuple):
    """A number with its unit, as found at ``text[start:end]``."""

    value: float
    unit: str  # as written: 亿元, 万户, 家, 亿千瓦时, 亿 (bare magnitude means yuan)
    base: float  # value in yuan, US dollars, a plain count, or kWh / tonnes / TEU
    kind: str  # "money", "count" or "measure" (亿千瓦时, 万吨, 万标箱)
    qualifier: str | None  # approx, at_least, range
    start: int
    end: int
    threshold: bool = False  # 500万元以上项目: a size class, not a figure


_GROUPED_RE = re.compile(_GROUPED)


def parse_number(token: str) -> float | None:
    """Arabic or Chinese numerals to a float; ``None`` when it is no number.

        >>> parse_number("1603.62"), parse_number("五十"), parse_number("百")
        (1603.62, 50.0, 100.0)
        >>> parse_number("两千"), parse_number("零点五"), parse_number("批")
        (2000.0, 0.5, None)
        >>> parse_number("8,352.6")
        8352.6
    """
    if "," in token and _GROUPED_RE.fullmatch(token):
        token = token.replace(",", "")
    try:
        return float(token)
    except ValueError:
        pass
    if token and token[0] in "十百千":  # cn2an refuses a bare 百 or 千
        token = "一" + token
    try:
        return float(cn2an.cn2an(token, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


_UNIT = re.compile(rf"(?P<mag>{_MAG})?(?P<unit>{_UNITS})?")


def _unit_kind(unit: str) -> str:
    """money (元, 美元, or a bare magnitude), measure (千瓦时, 吨, 标箱) or count (家, 个, 人次 …)."""
    if not unit or unit in MONEY_UNITS:
        return "money"
    return "measure" if unit in MEASURE_UNITS else "count"


def unit_scale(unit: str) -> tuple[float, str] | None:
    """The base-unit factor and kind (money or count) of a unit written alone,
    as in a table header ``（亿元）``; ``None`` when it is no unit we know.

        >>> unit_scale("亿元"), unit_scale("万户"), unit_scale("亿"), unit_scale("万吨"), unit_scale("斤")
        ((100000000.0, 'money'), (10000.0, 'count'), (100000000.0, 'money'), (10000.0, 'measure'), None)
    """
    m = _UNIT.fullmatch(unit.strip())
    if m is None or not (m["mag"] or m["unit"]):
        return None
    return MAGNITUDE[m["mag"] or ""], _unit_kind(m["unit"] or "")


# the last characters of the hedges above: any other before a number is no hedge
_HEDGE_ENDS = frozenset("过出超逾破于少约近\n")  # (\n: ``$`` matches before a final line break)
_TENS = re.compile("[十百千]")


def _approx_before(text: str, start: int) -> str | None:
    head = text[max(0, start - 4):start]
    if not head or head[-1] not in _HEDGE_ENDS:
        return None
    if _BEFORE_AT_LEAST.search(head):
        return "at_least"
    if _BEFORE_APPROX.search(head):
        return "approx"
    return None


def find_quantities(text: str) -> list[Quantity]:
    """Every amount of money or count of things in ``text``, in order.

    A number needs a unit (or a magnitude like 亿 at the end of a clause) to be
    an amount; ``1-10月份`` and ``2022中国`` are not.

        >>> [(q.value, q.unit, q.base) for q in find_quantities("生产总值1603.62亿元，外资1.35亿美元")]
        [(1603.62, '亿元', 160362000000.0), (1.35, '亿美元', 135000000.0)]
        >>> [(q.value, q.unit, q.qualifier) for q in find_quantities("累计催缴770余万元，约14亿元")]
        [(770.0, '万元', 'at_least'), (14.0, '亿元', 'approx')]
        >>> [(q.value, q.qualifier) for q in find_quantities("新签约项目79个，营收突破350亿")]
        [(79.0, None), (350.0, 'at_least')]
        >>> [(q.value, q.unit, q.threshold) for q in find_quantities("500万元以上技改项目32个")]
        [(500.0, '万元', True), (32.0, '个', False)]
        >>> [(q.value, q.base, q.qualifier) for q in find_quantities("投资50-60亿元")]
        [(50.0, 5000000000.0, 'range')]
        >>> find_quantities("1-10月份，1—9月，2022中国，一体化，一个个，两家，十四五")
        []
        >>> [(q.value, q.unit) for q in find_quantities("达到一百二十家，共三十个")]
        [(120.0, '家'), (30.0, '个')]
        >>> [(q.value, q.unit) for q in find_quantities("总额9,860.5亿元，企业10,560家,增长6.3%,共12个")]
        [(9860.5, '亿元'), (10560.0, '家'), (12.0, '个')]
        >>> [(q.value, q.unit, q.end) for q in find_quantities("零售总额 612.3 亿元，2023 年")]
        [(612.3, '亿元', 13)]

    Electricity, freight and containers are measures in their own base unit
    (kWh, tonnes, TEU); visits (人次) are a count, not people (人):

        >>> [(q.unit, q.base, q.kind) for q in find_quantities("用电量668.3亿千瓦时，吞吐量2.41亿吨、281.6万标箱")]
        [('亿千瓦时', 66830000000.0, 'measure'), ('亿吨', 241000000.0, 'measure'), ('万标箱', 2816000.0, 'measure')]
        >>> [(q.unit, q.base, q.kind) for q in find_quantities("接待游客6112.8万人次，常住人口1000.2万人")]
        [('万人次', 61128000.0, 'count'), ('万人', 10002000.0, 'count')]
    """
    out: list[Quantity] = []
    trillions = _trillions(text) if "兆" in text else []
    out += trillions
    for m in _QUANTITY.finditer(text):
        if m.lastgroup in ("num", "num2", "more"):
            continue  # neither magnitude nor unit: 2023年, 一体化 (the groups match in this order)
        start, end = m.span()
        if trillions and any(q.start <= start < q.end for q in trillions):
            continue
        num, num2, more, mag, unit, after = m.groups()
        mag, unit = mag or "", unit or ""
        nxt = text[end:end + 1]
        # a bare magnitude (350亿) is money only at the end of a clause
        if not unit and (not mag or (nxt and "\u4e00" <= nxt <= "\u9fff") or nxt.isalnum()):
            continue
        value = parse_number(num)
        # Chinese numerals only with a magnitude or money (五十亿元, 百亿元), or
        # a count written with 十/百/千 (一百二十家): 一个个, 两家, 三级 and
        # 十四五 are words, not amounts
        if value is None or (num[0] in _CJK_DIGITS and not (
                mag or unit in MONEY_UNITS or (unit and _TENS.search(num) and len(num) >= 2))):
            continue
        written = mag + unit if unit else mag
        kind = _unit_kind(unit)
        qualifier = _approx_before(text, start)
        if num2 and parse_number(num2) is not None:
            qualifier = "range"
        if more or after in ("以上", "之多"):
            qualifier = "at_least"
        elif after in ("左右", "上下"):
            qualifier = "approx"
        # 500万元以上项目 / 亿元以上项目: a size class when a noun follows 以上
        threshold = after == "以上" and bool(nxt) and "\u4e00" <= nxt <= "\u9fff"
        out.append(Quantity(value, written, round(value * MAGNITUDE[mag], 4), kind, qualifier, start, end, threshold))
    return sorted(out, key=lambda q: q.start) if "兆" in text else out


def _trillions(text: str) -> list[Quantity]:
    """Amounts written with Taiwan's 兆 (10^12), as 万亿 amounts.

        >>> [(q.value, q.unit, q.base) for q in _trillions("达1兆7,986亿元人民币，约2.5兆元，3兆瓦")]
        [(1.7986, '万亿元', 1798600000000.0), (2.5, '万亿元', 2500000000000.0)]
    """
    out = []
    for m in _TRILLION.finditer(text):
        rest = parse_number(m["rest"]) if m["rest"] else 0.0
        if rest is None:
            continue
        value = round(float(m["num"]) + rest / 1e4, 8)
        unit = "万亿" + m["unit"]
        out.append(Quantity(value, unit, round(value * 1e12, 4), "money", _approx_before(text, m.start()),
                            m.start(), m.end()))
    return out


class Growth(NamedTuple):
    """A year-on-year change in percent found at ``text[start:end]``."""

    pct: float
    start: int
    end: int
    verb_start: int  # where the growth word (增长, 增速 …) begins
    target: bool = False  # 增长目标为6%: a growth aimed at, not one achieved


# 年增/年减 (Taiwan, Hong Kong: 年增5.1%) and a bare 增/减/降 right before the
# number (同比增5.1%) come last: the longer verbs win where both fit
# Taiwan copy says 成长 (grow) and 衰退 (shrink): 年成长5.2%, 年衰退1.8%
# Hong Kong copy says 上涨 / 下跌 (按年下跌9.5%)
# 增长目标为6%: a target (Growth.target); written out flat, as literals, so that the regex
# engine can still scan for the verbs' first characters
_UP = ("增长预期目标为|增长预期目标|增长目标为|增长目标是|增长目标|增速目标为|增速目标|成长目标为|成长目标|"
       "增\ufffd|增长率|增长|增加|提高|上升|提升|上涨|增速为|增速达到|增速达|增速|增幅为|增幅达到|增幅达|增幅|"
       "年增|年成长|成长|增")
_DOWN = ("下降|减少|降低|下滑|下跌|回落|负增长|降幅为|降幅达|降幅|跌幅|下\ufffd|降\ufffd|减\ufffd|年减|年衰退|衰退|"
         "减|降|跌")
_GROWTH = re.compile(
    rf"(?P<verb>{_DOWN}|{_UP})(?:了|为|达到|达)?\s*(?P<sign>[-－]?)(?P<num>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>%|％|个百分点|百分点|倍|成)(?:\s*[-—–~～－至到]\s*\d+(?:\.\d+)?\s*[%％])?"
)
# Growth that is not this period over the same period a year before.
_NOT_YOY_BEFORE = re.compile(r"(?:年均|年平均|平均|两年|三年|五年|复合|比[^，。；]{0,4}年初|较年初|环比|"
                             r"(?:比|较)(?:上月|上个月|上季度|上一季度|[一二三四]季度|上半年))\S{0,4}$")


def find_growths(text: str) -> list[Growth]:
    """Year-on-year growth rates in ``text``: 增长/增速/增幅 (+), 下降/减少 (−).

    Percentage-point gaps (高出全市20.8个百分点) and averages over several
    years (年均增长) are no year-on-year rate and are left out.

        >>> [g.pct for g in find_growths("同比增长4.5%，下降3.1%，增速106.8%")]
        [4.5, -3.1, 106.8]
        >>> [g.pct for g in find_growths("增长1.5倍，增幅高出全市2个百分点，提高0.5个百分点")]
        [150.0]
        >>> find_growths("十四五期间年均增长6.5%，两年平均增长5%，环比增长1.2%，比一季度增长3%")
        []
        >>> [g.pct for g in find_growths("增\ufffd6.2%，下\ufffd3.8%")]
        [6.2, -3.8]
        >>> [g.pct for g in find_growths("GDP年增5.1%，外贸年减3.4%，同比增2.5%，按年增长4.3%")]
        [5.1, -3.4, 2.5, 4.3]
        >>> [g.pct for g in find_growths("GDP年成长5.2%，投资年衰退1.8%，投资按年下跌9.5%，跌幅2%")]
        [5.2, -1.8, -9.5, -2.0]
        >>> [(g.pct, g.target) for g in find_growths("全年经济增长目标为5%左右")]
        [(5.0, True)]
    """
    out: list[Growth] = []
    for m in _GROWTH.finditer(text):
        unit = m["unit"]
        if "百分点" in unit:
            continue
        if _NOT_YOY_BEFORE.search(text[max(0, m.start() - 8):m.start()]):
            continue
        pct = float(m["num"])
        if unit == "倍":
            pct *= 100
        elif unit == "成":
            pct *= 10
        # a character lost in decoding (U+FFFD) after 增 / 下 still says which way
        down = m["verb"].startswith(("下降", "减少", "降低", "下滑", "回落", "负增长", "降幅", "下", "降", "减",
                                     "年减", "衰退", "年衰退", "跌"))
        if down or m["sign"]:
            pct = -pct
        out.append(Growth(pct, m.start(), m.end(), m.start("verb"), "目标" in m["verb"]))
    return out
