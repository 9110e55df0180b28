"""The period a figure covers: 前三季度, 1-10月份, 上半年, 全年, 今年以来, 截至9月底 …

Reports rarely write the year next to the period.  Three years are in play:

* the *reference year* — the year the article speaks from (its publication
  date, or when there is none the latest year the text mentions that is not a
  plan: an annual review published in 2026 about 2025 says 2026 in its
  outlook, a 1月 article says 去年 for the year it reviews);
* the *context year* — the last year the text itself set (``回望2023年，``,
  ``过去的2024年``), which a following ``全年`` or an undated stock refers to;
* the year written in the sentence, which wins.

Relative words are resolved against the reference year: 今年 → it, 去年 → one
before.  A sub-year period without a year (前三季度) is the latest such period
that had ended when the article was published.  Words that only set a base of
comparison (较去年同期, 比上年) are no period at all.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from typing import NamedTuple

import cn2an


class Period(NamedTuple):
    """Start and end date of what a figure covers (equal for a point in time)."""

    start: date
    end: date


class Marker(NamedTuple):
    """A period expression found at ``text[start:end]``.

    ``kind`` is ``year`` (a calendar year; ``year`` None for a bare 全年),
    ``months`` (months ``m1..m2``; ``year`` None when unwritten), ``ytd``
    (今年以来), ``point`` (截至9月底, 年末, 目前; month None for 目前) or
    ``years`` (2021-2025年, 十四五) or ``same`` (同期: the period the text
    spoke of last).
    """

    kind: str
    start: int
    end: int
    year: int | None = None
    m1: int = 1
    m2: int = 12
    year2: int | None = None
    future: bool = False  # 到2025年, 力争2025年: a target year


_CN_MONTH = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "十": 10, "十一": 11, "十二": 12}
_QUARTERS = {"一": (1, 3), "1": (1, 3), "二": (4, 6), "2": (4, 6), "三": (7, 9), "3": (7, 9),
             "四": (10, 12), "4": (10, 12)}
_RELATIVE = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上年": -1, "上一年": -1, "前年": -2, "明年": 1}
# 到2025年 is a target year, but not 截至2025年 (as of) nor 增加到2025年的 (a value's year)
_PLAN_BEFORE = re.compile(r"(?:(?<![截加长高升大达])到|(?<![截加长高升大达])至|力争|争取|目标|展望|预计|计划|拟|"
                          r"将于|将在|将|有望|规划|预期)$")
_PLAN_AFTER = re.compile(r"\s*(?:有望|预计|可望|将|力争|争取)")
_COMPARE_BEFORE = re.compile(r"(?:比|较|与|同|和|超过|高于|低于)$")

_MARKERS = re.compile(
    # what every branch starts with, a little further than its first character:
    # a digit only before 年/月/季 or a range (most digits are amounts, 1603.62亿元),
    # 目 only as 目前 (not 项目), 同 only as 同期 (not 同比) — positions that cannot
    # start a marker are passed over at the cost of this one test
    r"(?=\d\d{0,3}\s*[年月季\-—–~～－至到]|[一二][〇零○]|[一二两三四五六七八九十][一二三四五六七八九十]?\s*[年月季\-—–~～－至到]"
    r"|十[一二三四五六]五|[“\"]十|[今本去明前]年|当[年前]|上(?:一?年|半年)|下半年|全年|年[度末底初]|[前首近截]"
    r"|到[\d一二三四五六七八九十]|第[一二三四1-4]|过去|最近|目前|现[有已]|同期)"
    r"(?:(?P<span>(?P<sy1>(?:19|20)\d\d)\s*年?\s*[-—–~～－至到]\s*(?P<sy2>(?:19|20)\d\d)\s*年)"
    r"|(?P<fyp>[“\"]?十[一二三四五六][五][”\"]?(?:期间|时期|以来))"
    # 二〇二三年: official documents write the year in Chinese numerals, 〇 (or 零) for zero
    r"|(?:(?P<year>(?:19|20)\d\d|(?:一九|二[〇零○])[〇零○一二三四五六七八九]{2})\s*年(?:度)?"
    r"|(?P<rel>今年|本年|当年|去年|上一年|上年|前年|明年))"
    r"(?P<full>全年|全年度)?(?P<since>以来)?(?P<yend>年底|年末|底|末)?"
    r"|(?P<recent>(?:近|过去|最近)(?P<rn>[两三四五六七八九十]|\d{1,2})年|(?P<rn2>[两三四五六七八九十]|\d{1,2})年来)"
    # 年度预算 / 年度计划 / 年度目标 is an annual budget or plan (完成年度预算的86.2%), no period
    r"|(?P<fullyear>全年|年度(?!预算|计划|目标|任务|考核|投资计划))"
    r"|(?P<yearend>年末|年底)"
    r"|(?P<ytd>年初以来)"
    r"|(?P<front>(?:前|首)(?P<fq>[一二三四1-4])(?:个)?季(?:度)?)"  # 首三季: Hong Kong usage
    r"|(?P<qspan>(?:第)?[一1]\s*[至到\-—–~～－]\s*(?P<q2>[二三四2-4])季度)"  # 一至三季度: January to September
    r"|(?P<firstq>首季(?:度)?)"
    r"|(?P<half>上半年|下半年)"
    r"|(?P<quarter>(?:第)?(?P<q>[一二三四1-4])季度|第(?P<q3>[一二三四1-4])季(?!度))"  # 第三季: Hong Kong, Taiwan
    # 前8个月, and Taiwan's 前8月 (not 前10名, nor 前8月份的 … — 月 right behind the number)
    r"|(?P<firstm>(?:前|首)(?P<fm>\d{1,2}|[一二两三四五六七八九十]{1,2})个?月(?:份)?)"
    r"|(?P<asof>截至|截止到?|到)?(?P<m1>\d{1,2}|[一二三四五六七八九十]{1,2})\s*(?:月份?)?\s*[-—–~～－至到]\s*"
    r"(?P<m2>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月(?:份)?(?P<mend>底|末)?(?![\d日号])"
    r"|(?P<asof1>截至|截止到?|到)?(?P<mo>(?<![\d\-—])\d{1,2}|[一二三四五六七八九十]{1,2})\s*月(?:份)?"
    r"(?P<mend1>底|末)?(?![\d日号])"
    r"|(?P<now>截至目前|目前|当前|现有|现已)"
    r"|(?P<same>(?<![上去今本当年])同期)(?![增下相比]))"
)


def _year_number(token: str) -> int:
    """``2023`` or ``二〇二三`` as a number (cn2an reads digit by digit; it knows
    〇 and 零 but not ○, the white circle some documents type for 〇).

        >>> _year_number("二〇二三"), _year_number("二零二四"), _year_number("二○二二"), _year_number("2025")
        (2023, 2024, 2022, 2025)
    """
    return int(token) if token.isdigit() else int(cn2an.cn2an(token.replace("○", "〇"), "normal"))


def _month(token: str) -> int | None:
    value = int(token) if token.isdigit() else _CN_MONTH.get(token)
    return value if value and 1 <= value <= 12 else None


def find_markers(text: str, ref_year: int | None) -> list[Marker]:
    """Period expressions in ``text`` with relative years resolved.

        >>> [(m.kind, m.year, m.m1, m.m2) for m in find_markers("2023年1—9月，今年以来，去年全年", 2024)]
        [('months', 2023, 1, 9), ('ytd', 2024, 1, 12), ('year', 2023, 1, 12)]
        >>> [(m.kind, m.m1, m.m2) for m in find_markers("前三季度，上半年，一季度，1-10月份", None)]
        [('months', 1, 9), ('months', 1, 6), ('months', 1, 3), ('months', 1, 10)]
        >>> [(m.kind, m.m2) for m in find_markers("截至9月底，目前", 2023)]
        [('point', 9), ('point', 0)]
        >>> [(m.kind, m.m1, m.m2) for m in find_markers("今年首三季，首季，首5个月，一至三季度，第3季", 2023)]
        [('months', 1, 9), ('months', 1, 3), ('months', 1, 5), ('months', 1, 9), ('months', 7, 9)]
        >>> [(m.kind, m.m1, m.m2) for m in find_markers("前8月進出口，前两个月", 2024)]
        [('months', 1, 8), ('months', 1, 2)]
        >>> find_markers("较去年同期增加83家，12月1日", 2022)
        []
        >>> [m.kind for m in find_markers("完成年度预算的86.2%，年度计划投资", 2024)]
        []
        >>> [(m.kind, m.future) for m in find_markers("全年有望突破4000亿元", 2024)]
        [('year', True)]
        >>> [(m.year, m.future) for m in find_markers("力争2025年", 2024)]
        [(2025, True)]
        >>> [m.kind for m in find_markers("同期，全市营收增长；比上年同期增长", 2024)]
        ['same']
        >>> [(m.kind, m.year, m.year2) for m in find_markers("2021年至2023年，2021—2023年", 2024)]
        [('years', 2021, 2023), ('years', 2021, 2023)]
    """
    out: list[Marker] = []
    for m in _MARKERS.finditer(text):
        start, end = m.start(), m.end()
        before = text[max(0, start - 4):start]
        after = text[end:end + 2]
        if _COMPARE_BEFORE.search(before) or after.startswith("同期"):
            continue  # a base of comparison, not the period of the figure
        future = bool(_PLAN_BEFORE.search(before))
        if m["span"]:
            out.append(Marker("years", start, end, int(m["sy1"]), year2=int(m["sy2"]), future=future))
        elif m["fyp"]:
            n = "一二三四五六".index(m["fyp"].strip("“\"")[1]) + 1  # 十一五 … 十六五
            first = 2006 + (n - 1) * 5
            out.append(Marker("years", start, end, first, year2=first + 4))
        elif m["year"] or m["rel"]:
            if m["year"]:
                year: int | None = _year_number(m["year"])
            else:
                year = None if ref_year is None else ref_year + _RELATIVE[m["rel"]]
            if m["since"]:
                out.append(Marker("ytd", start, end, year))
            elif m["yend"]:
                out.append(Marker("point", start, end, year, 12, 12, future=future))
            else:
                out.append(Marker("year", start, end, year, future=future))
        elif m["recent"]:
            n = _month(m["rn"] or m["rn2"])  # a small number: 两 … 十
            if n and ref_year:
                out.append(Marker("years", start, end, ref_year - n + 1, year2=ref_year))
        elif m["fullyear"]:
            # 全年有望突破4000亿元: a forecast's year (预计全年 is one too, but says so itself)
            out.append(Marker("year", start, end, None, future=_PLAN_AFTER.match(text, end) is not None))
        elif m["yearend"]:
            out.append(Marker("point", start, end, None, 12, 12))
        elif m["ytd"]:
            out.append(Marker("ytd", start, end, ref_year))
        elif m["front"]:
            out.append(Marker("months", start, end, None, 1, _QUARTERS[m["fq"]][1]))
        elif m["qspan"]:
            out.append(Marker("months", start, end, None, 1, _QUARTERS[m["q2"]][1]))
        elif m["firstq"]:
            out.append(Marker("months", start, end, None, 1, 3))
        elif m["half"]:
            m1, m2 = (1, 6) if m["half"] == "上半年" else (7, 12)
            out.append(Marker("months", start, end, None, m1, m2))
        elif m["quarter"]:
            m1, m2 = _QUARTERS[m["q"] or m["q3"]]
            out.append(Marker("months", start, end, None, m1, m2))
        elif m["firstm"]:
            n = _month(m["fm"])
            if n:
                out.append(Marker("months", start, end, None, 1, n))
        elif m["m1"]:
            m1, m2 = _month(m["m1"]), _month(m["m2"])
            if m1 and m2 and m1 <= m2:
                if m["asof"] or m["mend"]:
                    m1 = 1
                out.append(Marker("months", start, end, None, m1, m2))
        elif m["mo"]:
            mo = _month(m["mo"])
            if mo is None:
                continue
            if m["asof1"] or m["mend1"]:
                out.append(Marker("point", start, end, None, mo, mo))
            else:
                out.append(Marker("months", start, end, None, mo, mo))
        elif m["now"]:
            out.append(Marker("point", start, end, None, 0, 0))
        elif m["same"]:
            out.append(Marker("same", start, end))
    return _attach_years(out, text)


def _attach_years(markers: list[Marker], text: str) -> list[Marker]:
    """Give ``2023年1-9月`` / ``今年前三季度`` their year: a month marker right
    behind a year marker takes that year, and the pair counts as one."""
    out: list[Marker] = []
    for mk in markers:
        prev = out[-1] if out else None
        if (prev and prev.kind == "year" and prev.year is not None and mk.kind in ("months", "point")
                and mk.year is None and text[prev.end:mk.start].strip() in ("", "的")):
            out[-1] = mk._replace(start=prev.start, year=prev.year, future=prev.future)
            continue
        out.append(mk)
    return out


# 一、二、三季度 / 第一、二季度 / 一季度、二季度和三季度: several quarters, each its own period
_QUARTER_LIST = re.compile(r"第?[一二三四1-4](?:季度)?(?:\s*[、和与及]\s*第?[一二三四1-4](?:季度)?)+季度")
_QUARTER_NUMBER = re.compile(r"[一二三四1-4]")


def find_quarter_lists(text: str) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Lists of quarters, each as (start, end, [(first month, last month), …]).

        >>> [q for _, _, q in find_quarter_lists("一、二、三季度分别增长5.2%、5.9%和6.1%")]
        [[(1, 3), (4, 6), (7, 9)]]
        >>> [(a, b) for a, b, _ in find_quarter_lists("其中一季度、四季度分别增长")]
        [(2, 9)]
        >>> find_quarter_lists("前三季度增长5%，一季度增长4%")
        []
    """
    out = []
    for m in _QUARTER_LIST.finditer(text):
        if text[max(0, m.start() - 1):m.start()] in ("前", "首"):
            continue  # 前一、二季度 is no list of quarters
        quarters = ["一二三四".find(c) + 1 if not c.isdigit() else int(c) for c in _QUARTER_NUMBER.findall(m.group())]
        out.append((m.start(), m.end(), [(3 * q - 2, 3 * q) for q in quarters]))
    return out


def month_end(year: int, month: int) -> date:
    """The last day of a month.

        >>> month_end(2024, 2)
        datetime.date(2024, 2, 29)
    """
    return date(year, month, calendar.monthrange(year, month)[1])


class Clock(NamedTuple):
    """What relative periods are resolved against."""

    ref_year: int | None
    published: date | None
    context_year: int | None
    last: Period | None = None  # the period the text spoke of last (what 同期 means)

    def default_year(self, planned: bool = False) -> int | None:
        """The year of 全年 or of a figure without a period word.

        The text's own context year; else the reference year — except that a
        January or February article reporting (not planning) a whole year
        speaks of the year just ended.
        """
        if self.context_year:
            return self.context_year
        if self.published and self.published.month <= 2 and not planned and self.ref_year:
            return self.ref_year - 1
        return self.ref_year

    def sub_year(self, end_month: int) -> int | None:
        """The year of a sub-year period written without one (前三季度).

        With a publication date: the latest such period that had begun by
        then (an article of 2023-01 speaking of 前三季度 means 2022's).
        """
        if self.published:
            year = self.published.year
            return year if date(year, end_month, 1) <= self.published else year - 1
        return self.ref_year or self.context_year


def resolve(markers: list[Marker], clock: Clock, planned: bool = False) -> Period | None:
    """The period set by the last marker of ``markers`` (those before a figure).

        >>> c = Clock(2022, date(2022, 12, 1), 2022)
        >>> resolve(find_markers("前三季度", 2022), c)
        Period(start=datetime.date(2022, 1, 1), end=datetime.date(2022, 9, 30))
        >>> resolve(find_markers("目前", 2022), c)
        Period(start=datetime.date(2022, 12, 1), end=datetime.date(2022, 12, 1))
        >>> resolve(find_markers("去年全年", 2024), Clock(2024, None, 2024)).start
        datetime.date(2023, 1, 1)
        >>> resolve([], Clock(None, None, 2023))
        Period(start=datetime.date(2023, 1, 1), end=datetime.date(2023, 12, 31))
        >>> resolve(find_markers("同期", 2022), c._replace(last=Period(date(2022, 1, 1), date(2022, 10, 31)))).end
        datetime.date(2022, 10, 31)
        >>> resolve(find_markers("今年以来", 2022), c._replace(last=Period(date(2022, 1, 1), date(2022, 8, 31))))
        Period(start=datetime.date(2022, 1, 1), end=datetime.date(2022, 8, 31))
        >>> jan = Clock(2024, date(2024, 1, 20), None)
        >>> resolve(find_markers("全年", 2024), jan).start, resolve(find_markers("全年", 2024), jan, True).start
        (datetime.date(2023, 1, 1), datetime.date(2024, 1, 1))
    """
    if not markers:
        year = clock.default_year(planned)
        return Period(date(year, 1, 1), date(year, 12, 31)) if year else None
    mk = markers[-1]
    if mk.kind == "same":
        return clock.last if clock.last else resolve(markers[:-1], clock, planned)
    earlier_years = [m.year for m in markers[:-1] if m.kind == "year" and m.year is not None]
    if mk.kind == "years" and mk.year and mk.year2:
        return Period(date(mk.year, 1, 1), date(mk.year2, 12, 31))
    if mk.kind == "year":
        year = mk.year or (earlier_years[-1] if earlier_years else clock.default_year(planned))
        return Period(date(year, 1, 1), date(year, 12, 31)) if year else None
    if mk.kind == "ytd":
        year = mk.year or clock.ref_year
        if not year:
            return None
        last = clock.last
        if last is not None and last.start == date(year, 1, 1) and last.end.year == year and \
                (clock.published is None or last.end <= clock.published):
            return last  # 1-8月份，… 今年以来，…: the year to date the article reports is its data period
        if clock.published and clock.published.year == year:
            return Period(date(year, 1, 1), clock.published)
        return Period(date(year, 1, 1), date(year, 12, 31))
    if mk.kind == "point" and mk.m2 == 0:  # 目前: the day of publication
        if clock.published:
            return Period(clock.published, clock.published)
        year = earlier_years[-1] if earlier_years else clock.default_year(planned)
        return Period(date(year, 1, 1), date(year, 12, 31)) if year else None
    year = mk.year or (earlier_years[-1] if earlier_years else clock.sub_year(mk.m2))
    if not year:
        return None
    if mk.kind == "point":
        end = month_end(year, mk.m2)
        return Period(end, end)
    return Period(date(year, mk.m1, 1), month_end(year, mk.m2))


def carries(period: Period | None, current: Period | None, published: date | None,
            reported: int | None = None) -> bool:
    """Whether a period a sentence names becomes the one the sentences after it speak of.

    Why: a cumulative report (1至8月, 一至三季度) names a part of its period in
    passing — 8月份，…增长11.4% or 其中，第三季度…增长5.6% — and then goes on
    with the whole; and it names the ongoing year for a programme or a plan
    (今年共实施重点项目63个, 为全年目标打下基础), whose figures are not yet in.
    Either applies to its own sentence; ``current`` (the period spoken of so
    far) stays.  So does another year in an article whose title names the year
    it reports (``reported``: a 2023 bulletin's 2022年…为1802.5亿元 is a note).
    Anything else — a new cumulative period, another year — is what follows
    speaks of.

        >>> d = date
        >>> jan_aug = Period(d(2024, 1, 1), d(2024, 8, 31))
        >>> carries(Period(d(2024, 8, 1), d(2024, 8, 31)), jan_aug, d(2024, 9, 25))
        False
        >>> carries(Period(d(2024, 1, 1), d(2024, 12, 31)), jan_aug, d(2024, 9, 25))
        False
        >>> carries(Period(d(2024, 1, 1), d(2024, 9, 30)), jan_aug, d(2024, 10, 20))
        True
        >>> carries(Period(d(2025, 1, 1), d(2025, 12, 31)), Period(d(2024, 1, 1), d(2024, 12, 31)), d(2025, 1, 10))
        True
        >>> carries(Period(d(2022, 1, 1), d(2022, 12, 31)), None, d(2024, 3, 20), 2023)
        False
    """
    if period is not None and reported is not None and period.start.year == period.end.year != reported:
        return False
    if period is None or current is None:
        return True
    if current.start < period.start and period.end <= current.end:
        return False  # a part of the period spoken of: 8月份 in 1至8月
    ongoing = published is not None and period.end > published
    return not (ongoing and period.start <= current.start and current.end <= period.end
                and current.start.year == period.start.year and current.end < period.end)


_YEAR_IN_TEXT = re.compile(r"(?<![\d.\-/:])((?:19|20)\d\d)(?![\d.%\-/:])"
                           r"(?=\s*(?:年|[^\d万亿千百元个家户项人名吨多余\s]))")


def reference_year(text: str, published_at: datetime | date | None) -> int | None:
    """The year the article speaks from.

    The publication year when known; otherwise the latest year mentioned
    that is not a plan or outlook (展望2025, 力争2025年, 将于2026年).

        >>> reference_year("回顾2024：成绩。展望2025：目标。", None)
        2024
        >>> reference_year("2023兽药创新论坛举办", None)
        2023
        >>> reference_year("全文", datetime(2022, 12, 1))
        2022
        >>> reference_year("没有年份", None) is None
        True
    """
    if published_at is not None:
        return published_at.year
    years = [int(m.group(1)) for m in _YEAR_IN_TEXT.finditer(text)
             if not _PLAN_BEFORE.search(text[max(0, m.start() - 4):m.start()])]
    return max(years) if years else None


def context_year(markers: list[Marker], text: str) -> int | None:
    """The year a sentence sets as context for the sentences after it.

    A calendar-year marker that is neither a target (到2025年) nor an event
    date (2023年5月开工) nor next year (明年).

        >>> context_year(find_markers("回望2023年，高新区加快发展", 2024), "回望2023年，高新区加快发展")
        2023
        >>> context_year(find_markers("于2023年5月建设", 2024), "于2023年5月建设") is None
        True
    """
    found = None
    for mk in markers:
        if mk.kind != "year" or mk.year is None or mk.future:
            continue
        if text[mk.start:mk.end] in ("明年",):
            continue
        found = mk.year
    return found


def title_year(title: str | None, published: date | None) -> int | None:
    """The past year a title says the article reviews (``2023年统计公报``
    published in 2024), which its undated figures belong to.

        >>> title_year("德阳市2023年国民经济和社会发展统计公报", date(2024, 3, 28))
        2023
        >>> title_year("2024年经济运行稳中向好", date(2024, 7, 2)), title_year("力争2025年产值翻番", None)
        (None, None)
    """
    if not title:
        return None
    for mk in find_markers(title, published.year if published else None):
        if mk.kind == "year" and mk.year and not mk.future and title[mk.start:mk.end][:2] not in _RELATIVE:
            return mk.year if published is None or mk.year < published.year else None
    return None
