"""The company behind a project: a registered name, or the brand a project's name begins with.

Two signals, strongest first:

* a **registered name** ends in a legal form (``有限公司``, ``股份有限公司``,
  ``有限责任公司``, ``集团``…): ``山东泉为新能源科技有限公司``.  It begins after
  a break — punctuation, 的, 由, 与/和, 是 — and after the verbs that open a
  clause (签约, 引进 …), so ``总投资52亿元的合肥晶曜新能源科技有限公司`` gives
  the company, not the amount before it;
* a **brand** (字号) heads a project's name and stops at the first word that
  says what is built (``蓉航|航空维修基地``, ``海王|健康产业生产基地``).  Those
  words are a curated list (``transforms/data/extract_project_words.txt``) and,
  for a long head the list leaves, jieba's dictionary: a brand is a coined name
  (out of the dictionary, or a proper noun), an industry word is a common noun.
  A two-character brand keeps its trade word (``嘉宏精密``, ``鲁东重工``).

A place alone (``乌兰察布``, ``嵊州``), a direction (``西南``), a township or a
public body (医院, 学校) is no company.
"""

from __future__ import annotations

import re
from functools import lru_cache

from transforms import data_words
from transforms.extract.regions import gazetteer

# (株式会社: a Japanese company's form; 控股: how Hong Kong names a listed holding company, 汇峰控股)
_LEGAL_FORM = (r"(?:集团股份有限公司|集团有限公司|股份有限公司|有限责任公司|有限公司|集团公司|股份公司|集团|公司|"
               r"株式会社|控股(?!股东|子公司|权|比例))")
# a registered name: Han, Latin letters and bracketed places (（重庆）) up to a legal form
# (not a subsidiary's word: 透过子公司乙有限公司 — 子公司 names no company)
_LEGAL_END = re.compile(r"(?<!子)" + _LEGAL_FORM + r"(?![\u4e00-\u9fff]{0,2}公司)")
# what a registered name cannot contain: it begins after the last of these (园区内浙江甲有限公司: a place's 内)
# (a description of a company before its name: 香港上市公司汇峰控股)
_NAME_BREAK = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9（）()]|[的由与和及是]|(?<=[区园县市省])内|上市公司|子公司|"
                         r"\d+(?:\.\d+)?\s*(?:万|亿)?元")
# a conjunction that may be part of a name (香港信和能源有限公司): only a break when a brand stands after it
_SOFT_BREAK = "与和及"
# who owns a company, said before its name (港资企业恒兴集团, 旗下乙有限公司)
OWNERSHIP = re.compile(r"^(?:(?:(?:港|台|澳|外|侨|日|韩|美|欧|民|国)资|外商独资|中外合资|民营|国有)企业|台商|港商|外商|"
                       r"(?:台|港|澳|外|央|国|民)企|"
                       r"旗下|(?:全资|控股)?子公司)+")
# verbs and adverbs that open a clause before a company's name (引进山东…有限公司)
_OPENERS = re.compile(r"^(?:(?:新|累计|成功|集中|正式|现场)?(?:签约|签订|引进|引入|落户|落地|携手|联合|依托|支持|推动|"
                      r"吸引|由|与|和|及|其中|此外|同时|还有|包括|如|是|为|对|同|向|在|经|据|以|旗下|"
                      r"将|拟|透过|通过))+")
# trade words that end a maker's short name (嘉宏精密, 涪江光电) after a two-character brand
_TRADE_WORDS = re.compile(r"精密|精工|精机|光电|微电子|电子|科技|新材料?|智能|智造|储能|新能源|能源|光伏|化工|化学|"
                          r"医药|制药|药业|"
                          r"生物|食品|机械|装备|电气|电器|汽车|动力|锂能|锂电|重工|钢铁|实业|纺织|服饰|家居|木业|瓷业|酒业|"
                          r"陶瓷|材料|芯材|包装|半导体|啤酒|乳业|铜业|铝业|矿业|煤业")
TRADE_WORDS = _TRADE_WORDS  # (public: projects.py reads a maker's name ending in one)
# the trade words that end a registered short name after a place and a brand
# (诸暨兰亭药业); 智能, 新能源 … there begin what is built (枣庄中环|智能制造)
_MAKER_WORDS = re.compile(r"药业|制药|医药|食品|科技|精密|精工|重工|微电子|电子|光电|化工|化学|实业|纺织|电气|电器|"
                          r"钢铁|机械|"
                          r"酒业|乳业|啤酒|陶瓷|包装|铜业|铝业|矿业|煤业")
_CAPACITY_LEAD = re.compile(r"年产能?|年处理|年加工|年吞吐|年出栏|年屠宰|年回收")
# public works are built by a government, not a company
# (and a street's works: 济川东路快速化改造工程, 铜冠路东延工程)
_PUBLIC = re.compile(r"医院|学校|中学|小学|大学|学院|幼儿园|公园|体育馆|图书馆|博物馆|安置房|小区|道路|大桥|"
                     r"(?:路|街|大道)(?:快速化|[东西南北]延|拓宽|延伸|改扩建|工程$)|"
                     # (a city's utilities and venues: 城南污水处理厂, 市体育中心)
                     r"污水|垃圾|供水|排水|供热|体育中心|体育场|会展中心|市民中心|"
                     r"铁路|公路|快速路|通道|隧道|管廊|航站楼|机场|水库|水利|生态修复|港区|"
                     # (health centres, interchanges and links, public housing: 妇幼保健院迁建工程, 互通立交,
                     # 保障性租赁住房)
                     r"保健院|卫生院|疗养院|立交|互通|联络线|保障性|租赁住房|保障房|"
                     r"[一二三四五六七八九十\d]+中(?![心国华])|校区|[南北东西]校")
# 茅台镇…, 坛厂街道…: a township's name heads the project, not a maker's
_TOWNSHIP = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:街道|镇|乡|村)")
# a district or a zone heading a project's name says where it is, not who builds it
_ZONE_HEAD = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:高新区|经开区|开发区|新区|示范区|自贸区|产业园区)")
_COUNTY_HEAD = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:省|市|县|区|旗)")
# a route between two places (上饶至景德镇高速公路), province abbreviations alone (粤澳|跨境金融中心) or a
# region (长三角, 鲁南): a public line or a regional programme, not a maker (鲁川重工 is one)
_ROUTE = re.compile(r".+[至到].+|[京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀贵黔云滇藏陕甘陇港澳台]{2,3}$|"
                    r"长三角|珠三角|京津冀|大湾区|成渝|"
                    r"[京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀贵黔云滇藏陕甘陇港澳台]"
                    r"(?:东北|东南|西北|西南|[东南西北中])(?:部|地区)?$")
_DIRECTION = re.compile(r"(?:东|西|南|北|中|华东|华南|华北|华中|西南|西北|东南|东北)(?:部|方|区)?$")
# parts of speech of a coined or proper name in jieba's dictionary: persons,
# places, organisations, other proper nouns, abbreviations, Latin words
_PROPER_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "j", "eng", "x"})
_MIN_COMMON = 5  # a dictionary word seen fewer times than this is as good as coined


@lru_cache(maxsize=1)
def descriptors() -> re.Pattern[str]:
    """The words that say what a project makes or is (one regex, longest first)."""
    words = data_words("extract_project_words.txt")
    # a Latin word (IC, OLED) only as a word of its own: not the IC of SMIC
    return re.compile("|".join(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])" if w.isascii() else re.escape(w)
                               for w in sorted(words, key=len, reverse=True)))


def legal_names(text: str) -> list[str]:
    """Registered company names in ``text``, in order.

        >>> legal_names("总投资52亿元的合肥晶曜新能源科技有限公司年产10GW电池组件")
        ['合肥晶曜新能源科技有限公司']
        >>> legal_names("引进山东泉为新能源科技有限公司，与济南能源集团合作")
        ['山东泉为新能源科技有限公司', '济南能源集团']
        >>> legal_names("渝芯（重庆）存储科技有限公司"), legal_names("各类公司")
        (['渝芯（重庆）存储科技有限公司'], [])
        >>> legal_names("香港信和能源有限公司将投资"), legal_names("港资企业恒兴集团投资的")
        (['香港信和能源有限公司'], ['恒兴集团'])
        >>> legal_names("园区内浙江湾芯热管理系统有限公司年产300万套")
        ['浙江湾芯热管理系统有限公司']
        >>> legal_names("香港上市公司汇峰控股旗下的"), legal_names("日本东和精机株式会社将在")
        (['汇峰控股'], ['日本东和精机株式会社'])
        >>> legal_names("将透过子公司联泰材料（重庆）有限公司增资")
        ['联泰材料（重庆）有限公司']
        >>> legal_names("董事会通过透过子公司宏硕半导体（南京）有限公司增资")
        ['宏硕半导体（南京）有限公司']
    """
    out = []
    for m in _LEGAL_END.finditer(text):
        window = max(0, m.start() - 30)
        breaks = list(_NAME_BREAK.finditer(text, window, m.start()))
        start = breaks[-1].end() if breaks else window
        if len(breaks) >= 1 and breaks[-1].group() in _SOFT_BREAK and \
                _TRADE_WORDS.fullmatch(text, start, m.start()):
            # 信和|能源有限公司: nothing but a trade word after the 和, so the 和 is the brand's
            start = breaks[-2].end() if len(breaks) >= 2 else window
        name = OWNERSHIP.sub("", _OPENERS.sub("", text[start:m.end()]))
        if len(name) - len(m.group()) >= 2 and not re.match(r"各|该|本|这|相关|一批|多家|其他|其它", name) \
                and not name.endswith("上市公司"):  # 香港上市公司: what a company is, not its name
            out.append(name)
    return out


def maker_before(head: str) -> str | None:
    """The maker a clause names right before a project with 的 (芯源微电子的OLED蒸镀设备项目): a
    registered name, or a brand of two to six characters ending in a maker's trade word.

        >>> maker_before("园区内，芯源微电子的"), maker_before("浙江甲乙科技有限公司的")
        ('芯源微电子', '浙江甲乙科技有限公司')
        >>> maker_before("位于经开区的"), maker_before("全市电子的"), maker_before("投资5亿元的")
        (None, None, None)
    """
    m = re.search(r"([\u4e00-\u9fffA-Za-z（）()]{2,30})的$", head)
    if m is None:
        return None
    text = OWNERSHIP.sub("", _OPENERS.sub("", m.group(1)))
    legal = legal_names(text)
    if legal and text.endswith(legal[-1]):
        return legal[-1]
    trade = None
    for trade in _MAKER_WORDS.finditer(text):  # noqa: B007 — the last one ends the name
        pass
    brand = text[:trade.start()] if trade and trade.end() == len(text) else ""
    if not 2 <= len(brand) <= 4 or _place_only(brand) or _NAME_BREAK.search(brand) or _common_words(brand) \
            or re.match(r"全|本|该|各|我|这", brand):
        return None
    return text


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, int], dict[str, str]]:
    """jieba's word frequencies and parts of speech (loaded once, lazily: only
    a long head needs them)."""
    from transforms.dictionary import frequencies, parts_of_speech

    return frequencies(), parts_of_speech()


def _common_word_at(head: str) -> int | None:
    """Where the first common dictionary word after the brand's first two
    characters starts in ``head`` (蓉航|航空维修 → 2), or None.

        >>> _common_word_at("蓉航航空维修"), _common_word_at("龙电华鑫")
        (2, None)
    """
    import rjieba

    freq, tags = _dictionary()
    pos = 0
    for word in rjieba.cut(head, False):
        if pos >= 2 and len(word) >= 2 and (freq.get(word) or 0) >= _MIN_COMMON and \
                tags.get(word, "n") not in _PROPER_TAGS:
            return pos
        pos += len(word)
    return None


def _common_words(head: str) -> bool:
    """``head`` is nothing but common dictionary words of two characters or more
    (纺织|服装): an industry, not a coined brand (华舟|电机 has a single character).

        >>> _common_words("纺织服装"), _common_words("华舟电机"), _common_words("兰亭药业")
        (True, False, False)
    """
    import rjieba

    freq, tags = _dictionary()
    return all(len(w) >= 2 and (freq.get(w) or 0) >= _MIN_COMMON and tags.get(w, "n") not in _PROPER_TAGS
               for w in rjieba.cut(head, False))


def _place_only(name: str) -> bool:
    """A gazetteer name or a direction alone (乌兰察布, 西南).  A place with a
    word after it may well be a brand (宁德时代, 青岛啤酒)."""
    full, weak = gazetteer()
    return name in full or name in weak or bool(_DIRECTION.fullmatch(name))


def _township(name: str, full: dict, weak: dict) -> bool:
    """A township's name heads ``name`` (龙泉镇食品产业园) — not a place word
    that only begins with 镇/乡/村 (中石化镇海炼化: 镇海 is a district).

        >>> full, weak = gazetteer()
        >>> _township("龙泉镇食品产业园", full, weak), _township("中石化镇海炼化", full, weak)
        (True, False)
    """
    m = _TOWNSHIP.match(name)
    if m is None:
        return False
    word = name[m.end() - 1:m.end() + 1]
    return word not in full and word not in weak


def _place_prefix(name: str) -> int:
    """The length of a place name heading ``name`` (诸暨兰亭 → 2), else 0."""
    full, weak = gazetteer()
    for n in range(min(len(name) - 1, 6), 1, -1):
        if name[:n] in full or name[:n] in weak:
            return n
    return 0


def _without_place(name: str, full: dict) -> str:
    """``name`` without the district or zone it begins with, when a name is left.

        >>> full, weak = gazetteer()
        >>> _without_place("武进高新区精工智造机器人减速器", full), _without_place("夷陵区三峡云计算中心", full)
        ('精工智造机器人减速器', '三峡云计算中心')
        >>> _without_place("城市更新工程", full), _without_place("青岛啤酒智能工厂", full)
        ('城市更新工程', '青岛啤酒智能工厂')
    """
    m = _ZONE_HEAD.match(name)
    if m is None:
        m = _COUNTY_HEAD.match(name)
        m = m if m and m.group() in full else None
    return name[m.end():] if m and len(name) - m.end() >= 4 else name


def brand_of(name: str) -> str | None:
    """The maker a project's name begins with, when it names one.

        >>> brand_of("海王健康产业生产基地"), brand_of("吉利欣旺达年产80万套动力电池")
        ('海王', '吉利欣旺达')
        >>> brand_of("青岛啤酒智能工厂"), brand_of("嘉瑞精密新能源汽车压铸件"), brand_of("长兴光电年产9万片芯片")
        ('青岛啤酒', '嘉瑞精密', '长兴光电')
        >>> brand_of("蓉航航空维修基地二期"), brand_of("鲁东重工智能装备制造基地"), brand_of("万华化学新材料产业园")
        ('蓉航', '鲁东重工', '万华化学')
        >>> brand_of("诸暨兰亭药业高端原料药"), brand_of("恒越新材料年产30万吨可降解塑料")
        ('诸暨兰亭药业', '恒越新材料')
        >>> brand_of("乌兰察布风电基地二期"), brand_of("西南零部件产业园"), brand_of("年产15万辆新能源专用车")
        (None, None, None)
        >>> brand_of("第一人民医院新院区二期"), brand_of("实验中学"), brand_of("龙泉镇食品产业园")
        (None, None, None)
        >>> brand_of("武进高新区精工智造机器人减速器"), brand_of("宁波前湾新区“甬芯未来”集成电路产业园")
        ('精工智造', None)
        >>> brand_of("抚州至吉安高速公路"), brand_of("粤澳跨境金融中心大楼"), brand_of("鲁川重工智能装备基地")
        (None, None, '鲁川重工')
        >>> brand_of("科睿达MEMS传感器产业园"), brand_of("IC设计产业园二期"), brand_of("思源微电子EDA研发中心")
        ('科睿达', None, '思源微电子')
        >>> brand_of("宁德时代厦门基地"), brand_of("比亚迪长沙基地二期")
        ('宁德时代', '比亚迪')
        >>> brand_of("济川东路快速化改造工程"), brand_of("城南污水处理厂扩建工程"), brand_of("市体育中心")
        (None, None, None)
    """
    from transforms.extract.projects import is_generic

    full, weak = gazetteer()
    stem = _without_place(name, full)
    stem = re.sub(r"^[“\"][^”\"]*[”\"]", "", stem)  # “零碳智谷”欣旺达共享储能
    if _PUBLIC.search(stem) or _township(stem, full, weak):
        return None
    lead = _CAPACITY_LEAD.search(stem)
    if lead and 2 <= lead.start() <= 10:
        # 九洲电子年产500万台智能终端: what stands before the capacity is the maker
        company = stem[:lead.start()]
        if not is_generic(company) and not _place_only(company) and not _PUBLIC.search(company):
            return company
    cut = len(stem)
    # a number (with a model's letters: 京东方B16), a bracket, or an acronym after the brand (科睿达MEMS传感器,
    # 瀚芯SiC) begins what is built
    for rx in (re.compile(r"(?:[A-Z]{1,3}(?=\d))?第?\d|[“\"（(]|(?<=[\u4e00-\u9fff])[A-Z][A-Za-z]{1,5}(?![a-z])"),
               descriptors()):
        hit = rx.search(stem)
        if hit:
            cut = min(cut, hit.start())
    if cut == len(stem):
        return None  # nothing in the name says what is built: no telling the maker from it
    for n in (3, 2):
        if cut - n >= 2 and stem[cut - n:cut] in full:
            cut -= n  # 宁德时代厦门基地, 比亚迪长沙基地: the brand, then the city its plant is in
            break
    if cut > 4:
        # a long head: the brand ends where the dictionary's common words begin
        cut = _common_word_at(stem[:cut]) or cut
    company = stem[:cut].strip()
    if re.fullmatch(r"[A-Za-z ]+", company) and not company.isupper():
        return None  # Micro LED…: a Latin word, not a brand (brands in Latin letters are written in capitals: OPPO)
    if company in weak:
        return None  # 武进绿色建筑产业园: a county's name, not a maker
    traded = False  # a short brand and its trade word (思源微电子): a maker's name, though each word is common
    if company in full:  # 青岛啤酒: a place name alone is no company; with a trade word it is a brand
        more = _TRADE_WORDS.match(stem, cut)
        company = stem[:more.end()] if more and more.end() < len(stem) else ""
    elif _place_only(company):
        return None  # 嵊州厨具…: a place and what is made there
    else:
        # 嘉宏精密新能源汽车压铸件, 诸暨兰亭药业: a two-character brand goes with its trade word
        place = _place_prefix(company)
        trade = (_MAKER_WORDS if place else _TRADE_WORDS).match(stem, cut)
        if trade and trade.end() < len(stem) and len(company) - place == 2:
            company, traded = stem[:trade.end()], True
    if not company or _PUBLIC.search(company) or _township(company, full, weak) or "区" in company \
            or _ROUTE.match(company) or (not traded and _common_words(company)):
        return None  # 西港区…, 起步区黄河…: a district or zone; 纺织服装…: an industry, said in common words
    return company if 2 <= len(company) <= 8 and not is_generic(company) else None
