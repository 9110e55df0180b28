"""Named investment projects → rows of the ``projects`` table.

Reports name projects in these shapes:

* an amount and its project — ``总投资200亿元的欣旺达30GWh动力电池及配套生产基地、
  50亿元的吉利欣旺达年产80万套动力电池`` (the 总投资 governs the whole list;
  also ``逾百亿元的``, ``20亿元人民币的``);
* a list closed by 等 or a count — ``江河绿色智能制造中心一期、济南能源集团智造生产基地等38个
  产业类项目建成投产``, ``签约甲、乙、丙3个项目``;
* items each ending in 项目, a facility word or a phase — ``甲项目、乙物流园二期集中开工``;
* a name followed by 项目 and what it does — ``华润雪花啤酒项目位于章丘区``, or by its
  investment — ``一是甲公司年产5万吨负极材料项目，总投资32亿元``, ``（1）乙基地：总投资12亿元``;
* a built place (产业园, 基地, 工厂, 新厂, 综合体 …) and how far it has got, without 项目;
* a table with a 项目名称 column (and 建设单位, 总投资（亿元）, 建设性质 when it has them).

The status is the most advanced stage the sentence says after the names
(签约 → ``signed``, 开工 → ``started``, 建设/推进 → ``under_construction``,
竣工/建成 → ``completed``, 投产/运营 → ``operating``, 谋划/洽谈 → ``planned``); a
stage still to come (预计明年投产) is the one before it.  The company is a
registered name (…有限公司) in the name or the clause before it, else the brand
the name begins with (:mod:`transforms.extract.companies`) — or one said in a sentence
around: the subject of the sentence before (``甲有限公司是一家…。其年产…项目``), the speaker
after (``甲集团董事长某某表示…``), a short name given before (``永茂表示，…``); the capacity is
``30GWh`` / ``年产80万套`` in the name.  A short later mention (``晶曜新能源项目达产后``)
is merged into the project it names.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

from transforms.extract.companies import OWNERSHIP, TRADE_WORDS, brand_of, legal_names, maker_before
from transforms.extract.numbers import Quantity, find_quantities
from transforms.extract.regions import article_prior, article_subject, find_places
from transforms.extract.sentences import Span, split_sentences
from transforms.extract.tables import Table, find_tables


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


_STATUS = (  # most advanced first
    ("planned", re.compile(r"洽谈|谋划|储备|前期工作")),
    ("operating", re.compile(r"投产|投入使用|投用|投运|启用|开幕|通车|通航|运营|营业|开业|并网|达产|量产|满产|通水|"
                             r"(?<!试)运行|对外开放")),
    ("completed", re.compile(r"竣工|交工|建成|完工|落成|交付|入伙|试生产|试产|试运行|试车|(?<=[车片台辆])下线")),
    ("started", re.compile(r"开工|动工|开建|破土|动土|奠基")),
    ("under_construction", re.compile(r"在建|建设|推进|施工|实施|调试|聚集|封顶|平顶|上梁|合龙|贯通")),
    ("signed", re.compile(r"签约|签订|落户|落地")),
    # a filing or a public notice before building (完成备案, 环评公示, 获得核准) says planned only when no stage is
    # named: a works is filed again when done (竣工验收备案) and one may be approved and started in one breath
    ("planned", re.compile(r"备案|公示|核准|立项|(?:环评|能评|可研|初设|初步设计)(?:批复|获批)")),
)
_LEAD_VERBS = re.compile(r"(?:签约|签订|引进|实施|推进|建设|加快|加速|开工|落地|启动|新建|续建|投产|竣工|建成|"
                         r"完成|推动|储备|力争|确保|争取|设立|抓好|抓实|办好|建好|"
                         r"培育|打造|谋划|规划|包括|支持|围绕|依托|其中|目前|同时|累计|新签约|如|投建|兴建|另有|还有|"
                         r"(?<=[区县市园镇元])扩建|(?:另一|第[一二三四五六七八九十]|一)个(?:项目)?是|走进|来到|步入|走访|标志着|(?<![所现正实存])在(?!建)|(?<![\u4e00-\u9fff])以|(?<=[区园])内|"
                         # (its: the company named before — 其年产5万台减速器项目)
                         r"(?<![\u4e00-\u9fff])其(?![中他它余次实])(?:建设的|投资的|投建的)?|"
                         # (ours, in a manager's quote: “我们的光伏组件项目下个月投产”)
                         r"(?:我们|我司|本公司)(?:投资|建设)?的)了?")
# a place and adverbs heading a clause before its verb: 武进区还将(加快推进)
_SUBJECT_LEAD = re.compile(r"(?:[\u4e00-\u9fff]{1,6}?(?:省|市|区|县|镇|我们)|我们)?"
                           r"(?:还|将|要|正在|正|也|全力|继续|持续|重点|着力|大力|积极|已|先后|共|今年|年内|现场|会上|"
                           r"当天|集中|成功|一次性)*")
_FUNCTION_WORDS = re.compile(r"坚持|将|把|围绕|聚焦|作为|通过|强化|深化|开展|抓|推动|推进|实施|加快|加大|"
                             r"确保|全力|积极|着力|持续|不断|一批|各类|我们|他们|这|那|哪|^其|其[中他它余]|及时|要|是|为|"
                             r"在|对|向|让|使|举行|举办|召开|均有|都有|各地|各大|部分|个别|少数|多数|所有|有的|"
                             r"宣布|表示|介绍|指出|强调|要求|说")
_GENERIC = re.compile(r"重点|重大|产业类?|技改|优质|锂电|招商|签约|在建|新建|续建|实施类|省级?|市级?|区级?|县级?|以上|"
                      r"亿元|万元|过亿元|一批|类|工业|民生|基础设施|城建|配套|终端应用|高端引领|支撑|上述|多|余|"
                      r"大|好|新|[一二三四五六七八九十两]级|级|(?:[一二三四五六七八九十\d]|首)期|主体|项目|棚改|改造|提升|\d+|个|的|、|“|”|\s|"
                      r"园区|产业园|工业园|基地|载体|平台|工程|总投资|投资|[（）()]|入库|在库|储备|谋划|申报")
# a count of projects (94个…, 全县共有17个), a section number (二、), an area or an amount is no name;
# nor is a phase or a numbered line (一期5GWh生产线, 1号生产线): a part of a project named before
# (nor a back reference: 该产业园, 上述项目)
_NOT_A_NAME = re.compile(r"\d+(?:余|多)?[个栋幢座家处所]|.*\d+(?:余|多)?个$|[一二三四五六七八九十]+、|该|此|这|上述|"
                         r".*(?:元的|平方米的|亩的|公顷的)|"
                         r"[一二三四五六七八九十百两几多]+(?:方面|件|项|类|大|批|个)|"
                         r"[一二三四五六七八九十\d]期|\d+号|"
                         # (nor a count without a number, a routine or what follows a stage: 多个重大产业项目,
                         # 每月5日前报送项目进展, 投产后可就近服务华东车厂)
                         r".*(?:多个|若干|数个|几个)|每[月年季周天日]|(?:后|以后|之后)(?:可|将|能|即|再)")
_CAPACITY = re.compile(r"(?:年产能?|年处理|年加工|年吞吐)?\s*\d+(?:\.\d+)?\s*(?:万|千|亿)?\s*"
                       r"(?:GWh|GW|MWh|MW|kWh|kW|万千瓦|千瓦|兆瓦|吨|套|辆|台|件|千升|片|只|块|组)(?![A-Za-z])")
# (or 设施: 甲机场改扩建、乙高铁等重大基础设施建设)
# (not a list of fields: 科技创新、基础设施等领域项目86个)
_LIST_END = re.compile(r"(?:等|为代表的)(?!领域|方面|行业|板块)(?:\d+(?:余|多)?个|一批|多个|[一二三四五六七八九十]+个)?"
                       r"[^，。；,;！？]{0,14}?(?:项目|工程|设施)")
# 包括甲产业园、乙基地等。: a list of built places closed by 等 alone
_BARE_LIST_END = re.compile(r"(?<=" + r"[园地厂心体站场线城期目程）)桥库馆院校楼廊港道室所])等"
                            r"(?=[。；;，,]|$|(?:纳入|列入|入选|获批|相继|陆续|同步|均已|已经?)(?!\d))")
# 甲、乙、丙3个项目 (a count closes the list instead of 等)
# (or 三大项目: 甲产业园、乙中心、丙基地三大项目今年均已投产)
_COUNT_END = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z])(?:(?:\d+|[两三四五六七八九十]+)个|[两三四五六七八九十]大)"
                        r"[^，。；,;！？\d、]{0,8}?项目")
_AMOUNT_OF = re.compile(r"(?:总投资|计划总投资|投资)?(?:达|为|约|超过?)?")
_NAME_THEN = re.compile(r"(?:项目|(?:投资|扩建|扩产|建厂)案)(?:[，,](?=目前|现已|已经?|正在|今年以来|"
                        r"(?:投资|建设|业主)(?:方|单位)(?:为|是)))?"
                        r"(?=位于|是|总投资|计划总投资|预计总投资|计划投资|(?:追加|增加|新增)?投资\d|占地|由|建成|"
                        r"投产|开工|竣工|"
                        r"已|正|于|被|"
                        r"列入|入选|(?:建设|施工)?现场|累计|目前|今年|年内|"
                        r"顺利|加快|"
                        r"加速|稳步|进展|第?[一二三四五六七八九十]期|首期|[（(]|分(?:[两二三四]|\d)期|"
                        # what a report says of it next: 将聚焦…, 则传出好消息, 因用地未获批, 投资方乙公司表示
                        r"将|拟|则|也|亦|还|因|受|传来|传出|迎来|完成|新签约|(?:投资|建设|业主)(?:方|单位)|"
                        r"目前|现已|已经?|正在|今年以来|"
                        # a part of it and how far that is: 甲项目主厂房封顶, 乙项目首条产线投产
                        r"主厂房|主体|厂房|首[条台批套个片车辆座]|进入|"
                        # or after 的: 甲项目的主体厂房已经封顶, 乙项目的厂房内
                        r"的(?:主厂房|主体|厂房|车间|工地|生产线|(?:建设|施工)?现场))")
# 甲项目投资方乙有限公司: the company a project's investor field names
# (the words a project's owner is named by, said as a field or in prose: 项目业主为乙有限公司)
_OWNER_WORDS = r"(?:项目)?(?:投资方|建设方|业主单位|建设单位|投资主体|项目业主|运营方|实施主体)"
_INVESTOR = re.compile(_OWNER_WORDS + r"(?:为|是)?")
_PROGRESS_FIELD = re.compile(r"(?:最新)?进展(?:情况)?\s*[：:]")
# 项目, or Taiwan's word for one: 投资案 / 扩建案 (鸿海郑州新事业总部投资案已于日前动工)
_PROJECT_WORD = re.compile(r"项目|(?:投资|扩建|扩产|建厂)案")
_PHASE = re.compile(r"[（(](?:[一二三四五六七八九十\d]|首)期[）)]|"  # (a phase in brackets: 科技园（一期）)
                    r"(?:[一二三四五六七八九十\d]|首)期(?:工程)?")  # (首期: Hong Kong's 一期)
# what may stand between a name and the verb saying how far it is
_ADVERBS = re.compile(r"(?:正式|顺利|全面|加快|加速|稳步|已经?|正在|即将|成功|集中|主体|抓紧|加紧|全部|基本|"
                      r"正(?=加紧|加快|抓紧|全力|有序|稳步|加速|紧锣密鼓|如火如荼)|"
                      r"同步|同时|同期|同日|相继|先后|陆续|亦|通过|(?:完成|开始)(?=试产|试生产|试运行|试车)|尽快|早日|如期|按期|提前|昨天|昨日|今天|今日|当日|近期|本月|上月|举行|举办|实现|"
                      r"(?<!\d)\d{1,2}日|"
                      # (a capacity in brackets: 甲基地一期（10GWh）已投产)
                      r"[（(]\d+(?:\.\d+)?(?:万|千|亿)?(?:GWh|GW|MWh|MW|万千瓦|千瓦|万吨|吨|万辆|辆|万套|套)[）)]|"
                      r"也|还|均|都|日前|近日|目前|眼下|当前|现已|"
                      # (the part that reached it: 首台机组并网, 首片晶圆下线, 主桥合龙, 隧道全线贯通)
                      r"首[台批条套个片辆车座][\u4e00-\u9fff]{0,3}?(?=并网|下线|投产|点火|发电)|主桥|主塔|全线|"
                      r"将于?|于|则|预计|计划|力争|在\S{1,6}?期间|"
                      # (where it happens: 甲项目昨日在惠州仲恺高新区动工)
                      r"在[^，,；;。在]{2,12}?(?=(?:正式|顺利|集中)?(?:开工|动工|签约|落地|投产|竣工|开业|落成|完成|通过|取得|获得))|(?:\d{1,2}|[一二三四五六七八九十]{1,2})月(?:份|初|底|中旬|上旬|下旬)?|"
                      r"今年|去年|明年|年内|年底前?|年中|上半年|下半年|第?[一二三四1-4]季度?|下个?月|就能|就要|就将|"
                      r"[\s“”])*")
# (and a works' milestones: 奠基, 主桥合龙, 隧道贯通, 通水, 首车下线)
_STATUS_VERB = re.compile(r"签约|签订|落户|落地|开工|动工|开建|破土|动土|奠基|(?<!正)在建|建设|施工|封顶|平顶|上梁|"
                          r"合龙|贯通|通水|(?<=[车片台辆])下线|"
                          r"竣工|入伙|"
                          r"建成|完工|落成|投产|"
                          r"投用|投入使用|投入运营|投运|启用|开幕|通车|通航|运营|营业|开业|达产|并网|量产|满产|(?<!试)运行|交付|"
                          r"试生产|试产|试运行|(?:投料)?试车")
# what a report says of a project's progress other than its stage: 甲项目完成投资9亿元, 乙项目进展顺利,
# 丙产业园项目新签约入驻企业6家, 丁项目传来好消息, 戊基地二期通过竣工验收 — the name before it is a project's
_PROGRESS = re.compile(r"(?:累计|共|年内|全年)?完成(?:投资|年度|计划|主体|路基|设备|[\u4e00-\u9fff]{1,4}?工程量|"
                       r"\d+(?:\.\d+)?%)|"
                       r"进展顺利|传来|传出|迎来|新?签约入驻|新入驻|入驻企业|(?:(?:通过|完成)(?:竣工|交工)?|竣工|交工)验收|"
                       # (a filing or a notice: 完成备案, 完成环评公示, 取得核准)
                       r"(?:完成|取得|获得|通过)[\u4e00-\u9fff]{0,2}?(?:备案|公示|核准|立项|批复)|"
                       r"取得(?:新|重大|阶段性)|进入[\u4e00-\u9fff]{2,6}?阶段|"
                       r"建设(?:如火如荼|热火朝天|正酣|提速)")
_SPENDING = re.compile(r"(?:项目)?(?:已|累计|共|今年|全年)*完成"
                       r"(?:投资|主体|路基|[\u4e00-\u9fff]{1,4}?工程量|\d+(?:\.\d+)?%)")
# firms signing up to move into a park: the park's tenants, not the park's stage (新签约入驻企业6家)
_TENANTS = re.compile(r"新?签约入驻|入驻企业|签约企业")
# what a sentence goes on to say about a project once named (备受关注, 成为…)
_PREDICATE = re.compile(r"备受|受到|成为|是|被|进入|实现|开始|带动|吸引|获得|荣获|入选|列入|标志着")
# verbs that name the projects whose building they push: 推进甲、乙项目建设
_PUSHES = re.compile(r"推进|加快|推动|实施|启动|保障|服务")
_BUILDS = re.compile(r"建设|新建|投建|兴建|实施|引进|签约|签订|落地|开工|推进|上马")
# 由中能建投资建设: the company behind the project (由新鸿基地产发展的: Hong Kong's word for a developer's)
_BUILT_BY = re.compile(r"由([\u4e00-\u9fffA-Za-z（）()]{2,24}?)(?:合资|合作|共同|联合)?"
                       r"(?:投资|出资|承建|建设|实施|负责|牵头|打造|运营|(?:开发|发展)(?=的))")
def _builder(by: re.Match[str]) -> str:
    """The company a :data:`_BUILT_BY` match names: its registered name in full when the match stopped
    inside it at a verb (由乙产业投资集团有限公司建设 stops at 投资), else what it caught, without a
    description before (由港资背景的丙控股投资) or who owns it (澳资企业).

        >>> _builder(_BUILT_BY.search("由宜宾甲产业投资集团有限公司建设"))
        '宜宾甲产业投资集团有限公司'
        >>> _builder(_BUILT_BY.search("由港资背景的乙控股投资"))
        '乙控股'
    """
    who = OWNERSHIP.sub("", by.group(1).rsplit("的", 1)[-1])
    at = by.start(1) + len(by.group(1)) - len(who)
    full = by.string[at:at + 40]
    legal = [n for n in legal_names(full)[:1] if full.startswith(n)]
    return legal[0] if legal else who  # (not the verb's adverb: 由甲有限公司具体实施)


_STAGED_LEAD = re.compile(r"(?:开工建设|新开工|开工|建成|竣工|完成|投用|投产)(?:投用|投产|投运)?$")
# a built place whose name, followed by how far it is, names a project
# (the lookahead first: a position whose character begins none of the words fails one class test)
_FACILITY = re.compile(r"(?=[产生基园工物中综电风枢码泊铁公通大隧管航水商创科陆空轨地轻厂机标医院校学体图博职仓冷"
                       r"研实门住教行])"
                       r"(?:产业园|产业基地|生产基地|基地|园区|工业园|物流园|工厂|产业城|中心|综合体|电站|风电场|"
                       r"生产线|枢纽|码头|泊位|仓库|冷库|"
                       # public works: 城际铁路, 高速公路, 快速通道, 综合管廊, 航站楼, 电厂, 大楼
                       r"铁路|公路|通道|大桥|隧道|管廊|航站楼|水库|电厂|大楼|大厦|商贸城|(?:物流|创新|科创|陆|空)港|"
                       r"(?:轨道交通|地铁|轻轨)\d+号线|"
                       # 新厂, 二厂, and Taiwan's 南京厂 (a maker's plant in a city)
                       r"(?<=[\u4e00-\u9fff])厂(?!房|商|家|长|区内)|机场|标准厂房|"
                       # 科技园, 文创园: a park named by what it holds (not 园林, 园艺, 园长)
                       r"(?<=[\u4e00-\u9fff])园(?![区林艺长内])|"
                       # public buildings: 第三人民医院新院区, 职教城
                       r"医院|院区|校区|学校|体育馆|图书馆|博物馆|职教城|大学城|科技城|"
                       # (a building of a named hospital or school: 市第一人民医院门诊综合楼 — not 门诊医技楼 alone,
                       # a part of a project named before)
                       r"(?<=[院校])(?:门诊|住院|医技|教学|科研|综合|行政)[\u4e00-\u9fff]{0,3}?楼|"
                       # research buildings: 智能制造研究院, 先进材料实验室
                       r"研究院|研究所|实验室)"
                       # a phase, or a section of a line (遵义至毕节铁路遵义段)
                       r"(?:(?:[一二三四五六七八九十]|首)期(?:工程)?|[（(](?:[一二三四五六七八九十]|首)期[）)]|"
                       r"(?<=[路道桥廊])[\u4e00-\u9fff]{2,3}?段)?")
# 工程 ends a name as a facility word does (泊位工程, 滨水综合提升工程), a phase's 工程 aside
_WORKS = re.compile(r"(?<![期大项])工程")
# a quoted name: 「佳联光电智造园」总投资32亿元
_QUOTED = re.compile(r"[「“][^「“」”，,。；;]{2,30}[」”]"
                     r"(?=\s*(?:总投资|计划总投资|正式|顺利|开工|动工|签约|竣工|投产|已|正在|近日|日前|于|主体|"
                     r"完成|通过|进入|[一二三四五六七八九十首]期))")
# an estimate or a budget of a total (估算总投资, 概算投资 — government works are priced so)
_ESTIMATED = r"估算|概算|匡算|批复|核定"
# a list item's number: 一是 / （一） / 1. / 其一 / ①
_ITEM_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+是|其[一二三四五六七八九十]是?|[\u2460-\u2473\u2776-\u277f]|"
                          r"[（(][一二三四五六七八九十\d]+[）)]|"
                          r"\d{1,2}\s*[.、．]|[一二三四五六七八九十]+、)\s*")
# 项目，总投资32亿元: a name followed by its total investment
# (the currency may come first: 总投资额达人民币30亿元)
_INVEST_AFTER = re.compile(r"[，,：:（(]?\s*(?:计划|预计|协议|合同|签约|" + _ESTIMATED + r")?总?投资(?:额)?"
                           r"(?:约|达到?|为|超过?|逾|近)?\s*[：:]?\s*(?:人民币)?(?=\d|[一二三四五六七八九十百])")
# 该公司投资5亿元建设的甲项目: the amount invested, said in the words before the name
_INVESTED_HEAD = re.compile(r"(?:投资|斥资)(?:约|达|为|超过?)?(?:人民币)?[\d.]+(?:万|亿)?元(?:人民币)?"
                            r"(?:在[^，,；;。在]{2,12}?)?(?:建设|新建|兴建|打造|实施)?的?$")
_FUNDED_AFTER = re.compile(r"[，,]\s*由([^，,；;。]{2,24}?)(?:投资|出资|承建|投建|建设)")
# 华锐科技投资建设的年产20万吨再生铝项目: who invests, said before the name without 由
# (also where it invests: 蔚蓝动力在合肥新站高新区投资120亿元建设的甲项目, 乙在丙区投资1.5亿美元的丁项目)
_FUNDER_OF = re.compile(r"([\u4e00-\u9fffA-Za-z（）()]{2,20}?)(?:在[^，,；;。在]{2,16}?)?(?<!总)(?:投资|投建|出资)"
                        r"(?:建设|兴建)?(?:约|逾|超过?|近|达)?(?:人民币)?的?$|"
                        r"([\u4e00-\u9fffA-Za-z（）()]{2,20}?)(?:在[^，,；;。在]{2,16}?)?(?:将|拟|计划)?(?<!总)(?:投资|出资|斥资)"
                        r"(?:约|逾|超过?|近)?(?:人民币)?[\d.]*[百千]?(?:万|亿)?(?:美元|港元|港币|元)(?:人民币)?"
                        r"(?:(?:在[^，,；;。在]{2,12}?)?(?:建设|兴建|新建|投建|打造)的?|的)$")
_OPENING_VERBS = re.compile(r"^(?:" + _LEAD_VERBS.pattern + r")+")
# 投资20亿港元，在惠州港建设甲枢纽: an amount invested to build the place named next (a 总投资 describes the
# project named before it: 总投资28亿元，建设年产1万吨磁材生产线)
# (or 增资1,800万美元，于璧山兴建乙新厂, 斥资人民币5亿元在南昌设立丙基地, 投资45亿日元，建设丁基地)
_INVESTS_TO_BUILD = re.compile(r"(?<!总)(?:投资|增资|斥资|注资)(?:人民币|新台币|美元|港元|港币)?[\d.,]+(?:万|亿)?"
                               r"(?:美元|港元|港币|日元|欧元|英镑|新台币|元)(?:人民币)?[，,]?[^，,；;。]{0,12}?"
                               r"(?:建设|兴建|新建|投建|打造|设立|扩建)$")
# a project described field by field: 项目名称：甲项目，建设单位：乙公司，总投资：18亿元
_LABELLED = re.compile(r"项目名称\s*[：:]\s*(?P<name>[^，,；;。：:]{2,60}?)(?:项目)?(?=[，,；;。\s]|$)")
_LABELLED_COMPANY = re.compile(r"(?:建设单位|投资主体|业主单位|项目业主|实施主体|投资方|申报单位)\s*[：:]\s*"
                               r"(?P<company>[^，,；;。：:\s]{2,40})")
_LABELLED_STAGE = re.compile(r"(?:建设性质|项目性质|建设状态|进展情况|项目进度|项目进展)\s*[：:]\s*([^，,；;。]{1,20})")
_LABELLED_INVEST = re.compile(r"(?:计划|" + _ESTIMATED + r")?(?:总投资|投资总额)(?:额)?\s*[：:]\s*")
# 肥东县2024年第二季度重大项目: a kind of project at an event, no project's name
_KIND_END = re.compile(r"(?:重点|重大|重要|大型|招商|签约|新建|续建|在建)$|(?:19|20)\d\d年|季度")


# a list item's bullet (◆ 甲项目…), or an account post's emoji (✅ 甲产业园, 💰 总投资：55亿元): arrows,
# shapes, dingbats and pictographs, with their variation selector and joiner
_BULLET = re.compile(r"^[\s◆◇●○▲△★☆■□•·▶►※>\-—\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u2b00-\u2bff"
                     r"\U0001f000-\U0001faff\ufe0f\u200d]+")
# a wire dispatch's dateline and byline before the first sentence: 新华社南宁6月3日电（记者王某）, 【大公报讯】
_DATELINE = re.compile(r"[^，,。；;（(]{0,16}?\d{1,2}日电(?:[（(][^（）()]{0,20}[）)])?|"
                       r"[（(【][^（）()【】]{0,20}?(?:记者|报道|讯)[^（）()【】]{0,20}[）)】]")
# what stands before a name and ends in 的 without being part of it: where it is (位于蚌埠高新区的),
# who builds it (由鸿崴集团投资的), an amount in a currency of its own (投资85亿港元的)
_MODIFIER = re.compile(r"(?:(?:位于|地处|坐落于|落户|落户于)[^，,；;。的]{1,20}的|"
                       r"由[^，,；;。]{1,30}?(?:投资|出资|投建|建设|承建|打造|开发|发展)的|"
                       r"[^，,；;。]*?\d+(?:\.\d+)?\s*(?:万|亿)?(?:港元|港币|澳门元|澳元|欧元|日元|英镑|美元|元)(?:人民币)?的)")


def _clean_name(name: str) -> str:
    """Trim a name: punctuation around it, anything from 等 on, and a quote
    mark left without its partner.

        >>> _clean_name("“零碳智谷”欣旺达共享储能"), _clean_name("速博达新能源等一批")
        ('“零碳智谷”欣旺达共享储能', '速博达新能源')
        >>> _clean_name("源网荷储”"), _clean_name("“源网荷储”一体化"), _clean_name("二是沂水食品产业园一期")
        ('源网荷储', '“源网荷储”一体化', '沂水食品产业园一期')
        >>> _clean_name("◆ 禹泰食品预制菜生产基地"), _clean_name("「佳联光电智造园」")
        ('禹泰食品预制菜生产基地', '佳联光电智造园')
    """
    name = name.split("等", 1)[0].strip(" \t，,、；;：:")
    name = re.sub(r"^的", "", name)
    name = _BULLET.sub("", name)
    name = _ITEM_NUMBER.sub("", name)
    if name.count("“") != name.count("”"):
        # only at the ends: the name stays a slice of its sentence
        name = name.strip("“”")
    if re.fullmatch(r"「[^「」]+」|『[^『』]+』|“[^“”]+”", name):
        name = name[1:-1]  # 「佳联光电智造园」: the quotes mark the whole name
    return name.strip()


def _trim_name(chunk: str) -> str:
    """The name at the head of ``chunk``: up to 项目 (with its phase), else up
    to the words that say how far it is (正式签约, 9月份开工).

        >>> _trim_name("恒通新材年产5万吨锂电隔膜项目正式开工"), _trim_name("鲁北化工二期项目一期建成")
        ('恒通新材年产5万吨锂电隔膜', '鲁北化工二期项目一期')
        >>> _trim_name("万华化学新材料产业园于6月开工建设"), _trim_name("欣达30GWh动力电池基地")
        ('万华化学新材料产业园', '欣达30GWh动力电池基地')
        >>> _trim_name("华泰汽车零部件产业园备受关注"), _trim_name("中伟前驱体材料基地正在进行设备调试")
        ('华泰汽车零部件产业园', '中伟前驱体材料基地')

    """
    m = re.search("项目", chunk)
    if m:
        phase = _PHASE.match(chunk, m.end())
        return chunk[:phase.end()] if phase else chunk[:m.start()]
    verbs = sorted([*_STATUS_VERB.finditer(chunk), *_PREDICATE.finditer(chunk), *_PROGRESS.finditer(chunk)],
                   key=lambda v: v.start())
    for v in verbs:
        head = chunk[:v.start()]
        cut = len(head)
        for a in re.finditer(_ADVERBS.pattern + "$", head):
            cut = a.start()
            break
        if cut >= 2:
            return chunk[:cut]
    # 中伟新能源前驱体材料基地正在进行设备调试: no stage verb, but a built place ends the name
    facilities = list(_FACILITY.finditer(chunk))
    if facilities and _ADVERBS.match(chunk, facilities[-1].end()).end() > facilities[-1].end():
        return chunk[:facilities[-1].end()]
    return chunk


def is_generic(name: str) -> bool:
    """A name that says only what kind of project it is (重点项目, 亿元以上) is no name.

        >>> is_generic("省市区三级重点"), is_generic("欣旺达30GWh动力电池"), is_generic("坚持将重大")
        (True, False, True)
        >>> is_generic("肥东县2024年第二季度重大"), is_generic("沂水县第四季度重点")
        (True, True)

    A one-character function word counts only as a word of its own, not inside a brand (华为):

        >>> is_generic("华为终端总部二期"), is_generic("对企业")
        (False, True)
    """
    if len(name) < 2 or len(name) > 60 or _has_function_word(name) or _NOT_A_NAME.match(name) \
            or _KIND_END.search(name):
        return True
    return len(_GENERIC.sub("", name)) < 2


_PLACE_LEVEL = re.compile(r"[省市区县镇乡旗]")


def _has_function_word(name: str) -> bool:
    """``name`` holds one of :data:`_FUNCTION_WORDS`; a single character only where the
    dictionary's segmentation leaves it a word of its own (not 华为's 为, 中为's 为), and not
    inside a place's name before its level (高要区's 要).

        >>> _has_function_word("高要区第三中学扩建工程"), _has_function_word("要加快")
        (False, True)
    """
    hits = list(_FUNCTION_WORDS.finditer(name))
    if any(len(m.group()) > 1 for m in hits):
        return True
    # (nor a character of a place's name, inside it before its level: 高要区, 将乐县)
    hits = [m for m in hits if not (m.start() and _PLACE_LEVEL.match(name, m.end()))]
    if not hits:
        return False
    import rjieba  # only for the few names a single character hits

    starts, pos = set(), 0
    for word in rjieba.cut(name, False):
        if len(word) == 1:
            starts.add(pos)
        pos += len(word)
    return any(m.start() in starts for m in hits)


def company_of(name: str, sentence_head: str = "") -> str | None:
    """The company a project's name begins with, or that the sentence names
    before it (the nearest registered name).

        >>> company_of("济南能源集团智造生产基地"), company_of("年产15万辆新能源专用车")
        ('济南能源集团', None)
        >>> company_of("年产15GW电池", "山东泉为新能源科技有限公司组织建设")
        '山东泉为新能源科技有限公司'
        >>> company_of("钠离子电池正极材料", "总投资56亿元的安徽巨擎动力系统有限公司电驱动系统项目、总投资52亿元的")
        '安徽巨擎动力系统有限公司'
    """
    legal = legal_names(name)
    if legal and name.startswith(legal[0]):
        return legal[0]
    legal = legal_names(sentence_head)
    if legal:
        return legal[-1]
    return brand_of(name)


# a stage still to come: 预计明年投产, 计划6月开工, 力争年底前竣工
_FUTURE = re.compile(r"(?:预计|计划|拟|将|力争|争取|确保|有望|预期|年内|年底前|下个?月|就能|就要)[^，,；;。已]{0,8}$")
_NOT_YET = re.compile(r"(?:尚|还|仍|暂)?(?:未|没有?)$")
_FUTURE_STAGE = {"operating": "under_construction", "completed": "under_construction",
                 "started": "planned", "signed": "planned"}


def _status(text: str) -> str | None:
    """The most advanced stage ``text`` says a project has reached; a stage
    said to come later (预计明年投产) means the one before it.

        >>> _status("已竣工投产"), _status("预计明年投产"), _status("计划6月开工建设"), _status("完成签约")
        ('operating', 'under_construction', 'planned', 'signed')

    A stage said not yet reached (尚未开工) is the one before it too:

        >>> _status("因土地手续未完成，尚未开工"), _status("还没有投产")
        ('planned', 'under_construction')

    A filing is planned only when no stage is named beside it:

        >>> _status("已完成备案"), _status("已核准并开工"), _status("已完成竣工验收备案，正式投产")
        ('planned', 'started', 'operating')
    """
    for status, rx in _STATUS:
        m = rx.search(text)
        if m:
            later = _FUTURE.search(text, 0, m.start()) or _NOT_YET.search(text, 0, m.start())
            return _FUTURE_STAGE.get(status, status) if later else status
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
    company: str | None = None  # as a field of its own says it (建设单位：乙公司)
    stage: str | None = None  # as a field of its own says it (建设性质：新开工)
    fields: bool = False  # described field by field: only a stage field says how far it is


# what a verb opening a name may be followed by and still be the name's (城东实验学校新建工程)
_ONLY_PROJECT_WORD = re.compile(r"(?:工程|项目)?")


def _boundary(s: str, clause_start: int, name_start: int) -> int:
    """Where a name begins: after the last lead verb (新签约, 建设 …) of its clause — not a verb
    followed by nothing but the project's word, which is the name's last word (学校新建工程).

        >>> s = "山东泉为公司组织建设年产5GW电池"
        >>> s[_boundary(s, 0, len(s)):]
        '年产5GW电池'
        >>> s = "海陵区城东实验学校新建工程"
        >>> s[_boundary(s, 0, len(s)):]
        '海陵区城东实验学校新建工程'
    """
    pos = clause_start
    for m in _LEAD_VERBS.finditer(s, clause_start, name_start):
        if not _ONLY_PROJECT_WORD.fullmatch(s, m.end(), name_start):
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


# everything up to the last clause mark: its end is where the next clause begins
_LAST_MARK = re.compile(r".*[，,；;：:。]", re.S)


def _clause_start(s: str, pos: int) -> int:
    """Where the clause holding ``pos`` begins: after a mark, or after a double dash (一字 ``—`` joins
    two places of a route, 哈密—重庆).

        >>> s = "国家级重点项目——甲运河工程加快建设"
        >>> s[_clause_start(s, len(s)):]
        '甲运河工程加快建设'
        >>> s = "乙公司增资1,800万美元，于重庆璧山兴建丙新厂"
        >>> s[_clause_start(s, len(s)):], s[_clause_start(s, s.index("，")):s.index("，")]
        ('于重庆璧山兴建丙新厂', '乙公司增资1,800万美元')
    """
    dash = s.rfind("——", 0, pos)
    mark = _LAST_MARK.match(s, 0, pos)  # (one backtracking match, not seven rfinds)
    while mark and s[mark.end() - 1] in ",:" and s[mark.end() - 2:mark.end() - 1].isdigit() \
            and s[mark.end():mark.end() + 1].isdigit():
        mark = _LAST_MARK.match(s, 0, mark.end() - 1)  # not a comma or colon between digits: 增资1,800万美元
    return max(mark.end() if mark else 0, dash + 2 if dash >= 0 else 0)


# an amount in another currency is no investment in yuan (the contract's investment_base is yuan,
# and no exchange rate is known here): 投资20亿港元, 总投资9800万美元
_FOREIGN = re.compile(r"\s*(?:港元|港币|澳门元|澳元|欧元|日元|英镑|新台币|台币|韩元|新加坡元|美金)")


@lru_cache(maxsize=256)
def _quantities(text: str) -> tuple[Quantity, ...]:
    """:func:`find_quantities`, with amounts in a currency other than yuan of kind ``foreign``
    (remembered: a sentence's amounts are asked for by each reading of it).

        >>> [(q.value, q.kind) for q in _quantities("总投资9800万美元，总投资5.6亿元，投资5亿元港币")]
        [(9800.0, 'foreign'), (5.6, 'money'), (5.0, 'foreign')]
    """
    out = []
    for q in find_quantities(text):
        if q.kind == "money" and ("美元" in q.unit or _FOREIGN.match(text, q.end)):
            q = q._replace(kind="foreign")
        out.append(q)
    return tuple(out)


# the currency said after an amount: 50亿元人民币, 50亿元（人民币，下同）
_RMB = r"(?:人民币|[（(]人民币(?:[，,]下同)?[）)])?"
_OF = re.compile(_RMB + r"的")  # 50亿元（人民币，下同）的甲
_OF_AMOUNT = re.compile(r"元" + _RMB + r"的")  # 56亿元人民币的甲: an amount of a project
_ITEM_TEXT = re.compile(r"[^、，。；,;！？]+")
_SIGNED_LEAD = re.compile(r"(?:签约|签订|引进|落地|开工|建成|投产)了?$")
_AMOUNT_LEAD = re.compile(r"投资(?:额)?(?:达到?|为|约|超过?|逾|近|突破)?(?:人民币)?$")


# what ends an amount of money followed by _OF (元, a bare 亿 before （人民币）, 以上…): without it no amount
# is "of" a project, and the sentence's amounts need not be read
_AMOUNT_OF_CUE = re.compile(r"(?:元|[万亿千百十]|以上|左右|上下|之多)" + _RMB + r"的")


def _amount_lists(s: str) -> list[_Found]:
    """``总投资200亿元的A、50亿元的B…``: each amount with the project after it.

        >>> s = "总投资逾百亿元的甲汽车工厂二期、20亿元人民币的乙新厂已竣工"
        >>> [(f.name, f.investment) for f in _amount_lists(s)]
        [('甲汽车工厂二期', 10000000000.0), ('乙新厂', 2000000000.0)]
    """
    out: list[_Found] = []
    prev_end = -1
    if "的" not in s or not _AMOUNT_OF_CUE.search(s):
        return out  # no amount "of" a project
    for q in _quantities(s):
        of = _OF.match(s, q.end)
        if q.kind != "money" or not of:
            continue
        lead = s[max(0, q.start - 5):q.start]
        continues = prev_end >= 0 and s[prev_end:q.start].strip() in ("、", "，", ",")
        m = _ITEM_TEXT.match(s, of.end())
        if not m:
            continue
        # (签约了50亿元的甲项目: after a signing or building verb, an amount of what is named a project)
        signed = _SIGNED_LEAD.search(s, max(0, q.start - 4), q.start) and "项目" in m.group()
        if not (_AMOUNT_LEAD.search(lead) or continues or signed):
            continue
        name = _clean_name(_trim_name(m.group()))
        if not is_generic(name):
            # the clause before the amount, from where the list item before ended
            c = max(_clause_start(s, q.start), prev_end + 1)
            start = of.end() + m.group().find(name)
            out.append(_Found(name, start, start + len(name), m.end(), q.base, s[c:q.start]))
        prev_end = m.end()
    return out


def _labelled(s: str) -> list[_Found]:
    """``项目名称：甲项目，建设单位：乙公司，总投资：18亿元``: a project described field by field.

        >>> s = "项目名称：年产5万台机器人项目，建设单位：埃斯顿，总投资：18亿元"
        >>> [(f.name, f.company, f.investment) for f in _labelled(s)]
        [('年产5万台机器人', '埃斯顿', 1800000000.0)]
    """
    out: list[_Found] = []
    for m in _LABELLED.finditer(s):
        nxt = s.find("项目名称", m.end())
        end = nxt if nxt >= 0 else len(s)
        company = _LABELLED_COMPANY.search(s, m.end(), end)
        inv = _LABELLED_INVEST.search(s, m.end(), end)
        qs = [q for q in _quantities(s[:end]) if inv and q.start == inv.end() and q.kind == "money"]
        name = _clean_name(m["name"])
        stage = _LABELLED_STAGE.search(s, m.end(), end)
        if not is_generic(name):
            out.append(_Found(name, m.start("name"), m.start("name") + len(name), end, qs[0].base if qs else None,
                              "", company["company"] if company else None,
                              (_table_status(stage[1]) if stage else None), True))
    return out


_CLAUSE_END = re.compile(r"(?=[；;。，,]|$)")
# (a stage reached, not 推进/加快, which govern plans as often as works)
_BUILD_LEAD = re.compile(r"(?:开工建设|新开工|建成|竣工)(?:投用|投产|投运)?")
# 项目有：/ 主要包括： — a colon introducing a list of projects
_LIST_COLON = re.compile(r"(?:项目|工程|包括|包含|主要有|如下|名单|分别是|分别为)(?:有|为|是|包括)?[：:]$")
_INCLUDES = re.compile(r"包括|包含|涵盖|涉及|主要有|分别是|分别为|名单为|如下[：:]?|"
                       # a report's 开工建设甲工程、乙铁路。: the works a building verb names
                       r"(?:开工建设|新开工|建成|竣工|续建|新建|推进|加快|启动)(?:投用|投产|投运)?了?")
# what ends each item of such a list: 项目, 工程, a built place, a phase
_LISTED_END = re.compile(r"(?:项目|工程|" + _FACILITY.pattern + r")(?:[一二三四五六七八九十]期(?:工程)?|"
                         r"[（(][一二三四五六七八九十]期[）)])?$|"
                         r"[一二三四五六七八九十]期$")


def _included_start(s: str, end: int) -> int | None:
    """Where a list introduced by 包括 (涵盖, 主要有 …) and closed at ``end`` begins, when
    its clause is such a list of two or more items each ending in a project word.

        >>> s = "济南市入选项目包括甲智算中心项目、乙大道二期工程、丙装备产业园项目；"
        >>> s[_included_start(s, len(s) - 1):-1]
        '甲智算中心项目、乙大道二期工程、丙装备产业园项目'
        >>> _included_start("涵盖新能源汽车、电子信息、新材料等领域。", 19) is None
        True

    A colon may introduce it too (百亿元以上项目有：甲基地、乙基地。), and when the words before it
    say projects, the items need only name a maker's product:

        >>> s = "百亿元以上项目有：甲化学福建基地、乙时代济宁基地。"
        >>> s[_included_start(s, len(s) - 1):-1]
        '甲化学福建基地、乙时代济宁基地'
        >>> s = "建成投产的项目有：华锐钴业年产5万吨前驱体、天鸿集团锂电池。"
        >>> s[_included_start(s, len(s) - 1):-1]
        '华锐钴业年产5万吨前驱体、天鸿集团锂电池'
        >>> _included_start("重点项目包括新能源汽车、电子信息、生物医药。", 21) is None
        True
    """
    c = _clause_start(s, end)
    lead = None
    for lead in _INCLUDES.finditer(s, c, end):  # noqa: B007 — the last one introduces the list
        pass
    start = lead.end() if lead else c if c and _LIST_COLON.search(s, max(0, c - 8), c) else None
    if start is None or "、" not in s[start:end]:
        return None
    items = [_ITEM_NOTE.sub("", x.strip()) for x in _LIST_JOINER.split(s[start:end])]
    if all(_LISTED_END.search(x) for x in items):
        return start
    # 重点项目有：甲钴业年产5万吨三元前驱体、乙集团年产10GWh锂电池 — the lead says they are projects: each
    # item a maker's product (a brand, a registered name or a capacity) is one, whatever it ends in
    # (or a building verb introduces them: 建成投产甲能源年产10GW电池片、乙光能年产5GW组件)
    said = "项目" in s[max(0, start - 10):start] or (
        lead is not None and _BUILD_LEAD.fullmatch(lead.group().rstrip("了")))
    makers = all(not is_generic(x) and (_CAPACITY.search(x) or legal_names(x) or brand_of(x)) for x in items)
    return start if said and makers else None


def _enumerations(s: str, taken: list[tuple[int, int]]) -> list[_Found]:
    """``A、B、C等N个…项目`` or ``A、B、C 3个项目``: the listed names.

        >>> [f.name for f in _enumerations("本区成功签约美创智能装备、华腾汽车零部件3个项目，合计投资45亿元", [])]
        ['美创智能装备', '华腾汽车零部件']
        >>> [f.name for f in _enumerations("主要包括华峰新材料产业园、瑞康医药物流中心等。", [])]
        ['华峰新材料产业园', '瑞康医药物流中心']
        >>> [f.name for f in _enumerations("以远东电缆智慧工厂、中车装备基地为代表的一批重大项目加快建设", [])]
        ['远东电缆智慧工厂', '中车装备基地']
        >>> [f.name for f in _enumerations("青岛市入选项目包括海晶年产8万吨聚烯烃项目、临空综合保税区二期；", [])]
        ['海晶年产8万吨聚烯烃', '临空综合保税区二期']
    """
    out: list[_Found] = []
    if "、" not in s:  # (the cheap test first: only 等/为代表的 can close a list of one name)
        return _listed(s, taken, _LIST_END.finditer(s), out)
    counted = (m for m in _COUNT_END.finditer(s) if "、" in s[_clause_start(s, m.start()):m.start()])
    # 主要包括甲产业园、乙基地、丙中心等。 — every item a built place: the 等 alone closes it
    built = (m for m in _BARE_LIST_END.finditer(s)
             if all(_ITEM_END.search(x) for x in s[_clause_start(s, m.start()):m.start()].split("、")[1:]))
    # 济南市入选项目包括甲项目、乙二期工程、丙产业园项目； — every item a project: the clause's end closes it
    # (only a clause holding a 、 can be such a list: the cheap test first)
    clause_ends = list(_CLAUSE_END.finditer(s))
    included = (m for k, m in enumerate(clause_ends) if "、" in s[clause_ends[k - 1].start() if k else 0:m.start()]
                and _included_start(s, m.start()) is not None)
    return _listed(s, taken, [*_LIST_END.finditer(s), *counted, *built, *included], out)


def _listed(s: str, taken: list[tuple[int, int]], ends: Iterable[re.Match[str]], out: list[_Found]) -> list[_Found]:
    """The names of the lists :func:`_enumerations` found closed at ``ends``, added to ``out``."""
    for m in sorted(ends, key=lambda m: m.start()):
        if any(a <= m.start() < b for a, b in taken) or any(f.start <= m.start() < f.span_end for f in out):
            continue
        c = _clause_start(s, m.start())
        start = _list_start(s, c, m.start()) if m.re is not _CLAUSE_END else _included_start(s, m.start())
        items = s[start:m.start()]
        if m.re is _BARE_LIST_END and "、" not in items:
            continue
        cuts = [start, *(x for j in _LIST_JOINER.finditer(s, start, m.start()) for x in j.span()), m.start()]
        parts = [(cuts[k], s[cuts[k]:cuts[k + 1]]) for k in range(0, len(cuts), 2)]
        notes = [_ITEM_NOTE.search(item) for _, item in parts]
        names = [_clean_name(_trim_name(item[:note.start()] if note else item)) for (_, item), note in zip(
            parts, notes, strict=True)]
        if any(0 < len(name) <= 2 for name in names):
            continue  # 就业、教育、养老等十大民生工程: a list of fields of work, not of names
        for (pos, item), name, note in zip(parts, names, notes, strict=True):
            if name and not is_generic(name) and "元的" not in item and not _programme(name):
                at = pos + item.find(name)
                out.append(_Found(name, at, at + len(name), m.end(), _note_investment(note), s[c:start]))
    return out


# items of a list: 、 between any two, 和/及/与 after one ending in a built place's or project's word
# (甲产业园、乙数据中心和丙物流园)
_LIST_JOINER = re.compile(r"、|(?<=[园地心体站线纽头位路道桥廊楼港厂期目程])(?:以及|和|及|与)")
# a note in brackets after a list's item: its amount or investor (甲项目（投资20亿元）), not its phase (（二期）)
_ITEM_NOTE = re.compile(r"[（(](?![一二三四五六七八九十首]期[）)])[^（）()]*[）)]$")
_NOTE_INVEST = re.compile(r"(?:计划|预计|协议|合同|签约|" + _ESTIMATED + r")?总?投资(?:额)?(?:约|达|为|超过?|逾|近)?"
                          r"(?:人民币)?")


def _note_investment(note: re.Match[str] | None) -> float | None:
    """The amount a list item's note in brackets gives as its investment (（总投资32亿元，投资方：乙公司））.

        >>> _note_investment(_ITEM_NOTE.search("甲项目（投资20亿元）")), _note_investment(None)
        (2000000000.0, None)
    """
    lead = _NOTE_INVEST.search(note.group()) if note else None
    qs = [q for q in _quantities(note.group()) if q.start == lead.end() and q.kind == "money"] if lead else []
    return qs[0].base if qs else None


# what a programme of work is called when it names no built place: 老旧小区改造, 背街小巷整治, 城市更新,
# 雨污分流, 厕所革命 (a project's name ends in 项目, 工程 or what is built: 渌江大桥改扩建工程)
_PROGRAMME = re.compile(r"(?:改造|整治|更新|治理|分流|革命|提升|攻坚|行动|整改|创建|振兴|修复|提质)$")
# ... unless a named site is what the work is done to: 解放路改造, 滨江大道提升, 东湖片区更新
_NAMED_SITE = re.compile(r"[\u4e00-\u9fff]{2,}(?:路|街|大道|大街|桥|河|江|湖|渠|港|站|公园|广场|片区)$")


def _programme(name: str) -> bool:
    """A programme of work, not a project's name: 老旧小区改造, 雨污分流 — but 解放路改造 is a road's.

        >>> _programme("老旧小区改造"), _programme("背街小巷整治"), _programme("温泉大道改造"), _programme("甲大桥工程")
        (True, True, False, False)
    """
    m = _PROGRAMME.search(name)
    return m is not None and not _NAMED_SITE.search(name, 0, m.start())


def _named(s: str, taken: list[tuple[int, int]]) -> list[_Found]:
    """``华润雪花啤酒项目位于…``, ``甲项目正式签约``, ``乙产业园二期顺利封顶``: a name
    right before 项目 and a description, or before how far it has got."""
    out: list[_Found] = []
    spots = [(m.start(), m.end()) for m in _PROJECT_WORD.finditer(s)]
    spots += [(m.end(), m.end()) for m in _FACILITY.finditer(s)]
    spots += [(m.end(), m.end()) for m in _WORKS.finditer(s)]
    spots += [(m.end(), m.end()) for m in _QUOTED.finditer(s)]
    spots += [(m.end(), m.end()) for m in _BUILT_PLATFORM.finditer(s)] if "平台" in s else []
    # a phase ends a name in a list, or before how far it has got (确保甲光能二期年内建成投产)
    spots += [(m.end(), m.end()) for m in _PHASE.finditer(s) if not _PHASE.match(s, m.end()) and (
              "、" in s[_clause_start(s, m.start()):m.start()] or
              _STATUS_VERB.match(s, _ADVERBS.match(s, m.end()).end()) or
              _PROGRESS.match(s, _ADVERBS.match(s, m.end()).end()) or _priced(s[m.end():]))]
    for at, end in sorted(spots):
        # (a built place's word ending a list already read ends at that list's end)
        if any(a <= at < b or at == b == end for a, b in taken) or any(f.start <= at <= f.span_end for f in out):
            continue
        after = s[end:]
        phase = _PHASE.match(after) if end > at else None
        rest = after[phase.end():] if phase else after
        adverbs = _ADVERBS.match(rest)
        verb = _STATUS_VERB.match(rest, adverbs.end() if adverbs else 0)
        progress = _PROGRESS.match(rest, adverbs.end() if adverbs else 0)
        c = _clause_start(s, at)
        if verb and verb.start() == 0 and verb.group() in ("建设", "施工", "在建") and not _PUSHES.search(s, c, at):
            # 项目建设: the work of building projects, said of none in particular — unless a
            # verb before names them (推进甲、乙项目建设)
            verb = None
        # 恒通公司投资30亿元建设年产5万吨隔膜项目。: what a building verb governs
        # (or what a list's lead names, one item alone: 其中包括甲新能源汽车三期项目。)
        closes = re.match(r"\s*(?:[，,。；;！!]|$)", rest)
        built = closes and ((end > at and (_BUILDS.search(s, c, at) or _INCLUDES.search(s, c, at))) or
                            # (a built place or works alone, with a proper name: 其中包括甲港区10万吨级航道工程。,
                            # not a kind of place: 重点领域包括化工园区。)
                            (end == at and _INCLUDES_ONE.search(s, max(c, at - 40), at - 6) is not None))
        # 瑞科光电将投资8500万元建设甲生产线。: a built place an amount is invested in, closing its clause
        built = built or (end == at and re.match(r"\s*(?:[，,。；;！!]|$)", rest) and
                          _INVESTS_TO_BUILD.search(s, _clause_start(s, c - 1) if c else 0, _boundary(s, c, at)))
        # 兴建甲产业园三期，: a built place a verb of building anew governs, closing its clause (建设 and 新建
        # after a total say what the project named before builds: 总投资15亿元，新建研发用房)
        built = built or (end == at and re.match(r"\s*(?:[，,。；;！!]|$)", rest) and
                          re.search(r"(?:兴建|投建)$", s[c:_boundary(s, c, at)]) is not None)
        # 在甲产业园三期，工人们正在进行主体结构施工: a reporter's scene set at a built place being built
        scene = end == at and rest[:1] in "，," and _SCENE_LEAD.match(s, c) is not None and \
            _SCENE.search(rest, 0, (rest + "。").index("。")) is not None
        if not (verb or progress or built or scene or (end > at and _NAME_THEN.match(s, at)) or
                _funded_or_staged(s, c, at, end, rest) or _priced(rest)):
            continue
        start = _boundary(s, c, at)
        if end == at and s[at - 1] in "」”" and re.search(r"\s", s[start:at]):
            start = re.search(r"\S*$", s[start:at]).start() + start  # 台商加码昆山 「甲智造园」动工: a headline's words
        if _BECOMES.search(s, c, start):
            continue  # 集团将把固安基地建成北方最大的甲生产基地: what a place is to become, no project of its own
        bullet = _BULLET.match(s, start, at) or _DATELINE.match(s, start, at)
        start = bullet.end() if bullet else start
        mod = _MODIFIER.match(s, start, at)
        while mod and mod.end() > start:
            # 位于县产业集聚区的巨龙生物…项目: the name starts after what locates or funds it
            start = mod.end()
            mod = _MODIFIER.match(s, start, at)
        if at == 0 or s[at - 1] in "、，,；;：:。":
            continue  # 、项目入驻“零障碍”: 项目 with no name before it
        listed = "、" in s[start:at] or _AND_AFTER_ITEM.search(s, start, at)
        items = _items(s, start, at, end + (phase.end() if phase else 0), s[c:start]) if listed else []
        if items:
            # 甲项目、乙项目、丙产业园集中开工: every item of the list is a name
            out += items
            continue
        name = _clean_name(s[start:end + phase.end()] if phase else s[start:at])
        if end == at:  # a facility: its word is part of its name
            name = _clean_name(s[start:at] + (phase.group() if phase else ""))
        elif name.endswith("的") and _FACILITY.search(name, 0, len(name) - 1):
            name = name[:-1]  # 高雄路竹厂的扩产案: Taiwan's word for the project of a plant
        investment = None
        lead = re.match(r"(?:计划)?总投资(?:约|达|为)?", name)
        if lead:  # 总投资10亿元、年产20万套电机项目
            qs = [q for q in _quantities(name) if q.start == lead.end() and q.kind == "money"]
            if qs and re.match(r"[、，,]", name[qs[0].end:]):
                investment, name = qs[0].base, name[qs[0].end + 1:]
        after_de = name.rsplit("的", 1)[-1]
        if "的" in name and not is_generic(after_de) and (len(after_de) >= 4 or _FACILITY.search(after_de)):
            # 年产5万吨锂电池隔膜的星源材料(项目): what it makes, then its name (or a short place's: 友达旗下的昆山厂)
            name = _clean_name(after_de)
        # (a 、 inside a name only before a number: 9号、10号泊位, 15GW电池、15GW组件)
        if is_generic(name) or "的" in name or "项目" in name.replace("项目" + phase.group() if phase else "\0", "") \
                or re.search(r"、(?!\d)", name):
            continue
        inv = _INVEST_AFTER.match(rest)
        if inv and inv.end():
            qs = [q for q in _quantities(rest[:inv.end() + 20]) if q.start == inv.end() and q.kind == "money"]
            investment = qs[0].base if qs else investment
        elif investment is None and (built or _INVESTED_HEAD.search(s, c, start)):
            qs = [q for q in _quantities(s[c:start]) if q.kind == "money" and not q.threshold
                  and re.search(r"(?:投资|斥资|增资|注资)(?:约|达|为|超过?)?(?:人民币)?$", s[c:c + q.start])]
            investment = qs[-1].base if qs else None
        first = s.find(name, start)
        if first < 0:
            continue
        # the clause before the name, up to it: what was cut off with a 的 (甲公司投资的) says who builds it
        # 甲集团将投资25亿港元，在横琴建设乙中心: the clause of the amount says who builds it
        head = _clause_start(s, c - 1) if built and end == at and c and _INVESTS_TO_BUILD.search(
            s, _clause_start(s, c - 1), _boundary(s, c, at)) else c
        out.append(_Found(name, first, first + len(name), end, investment, s[head:first]))
    return out


_INCLUDES_ONE = re.compile(r"包括|包含")
_SCENE_LEAD = re.compile(r"在|走进|来到|步入|记者在")
_SCENE = re.compile(r"施工|安装|调试|作业|忙碌|塔吊|封顶|浇筑|吊装")
# 投资2.5亿元建设的甲工业互联网平台, 兴建乙算力平台，: a platform is a built thing only where it is said to be built
# (平台 alone is as often a programme: 招商平台, 服务平台)
_PLATFORM = re.compile(r"平台")  # (the cue for _BUILT_PLATFORM: one character test, not seven look-behinds)
_BUILT_PLATFORM = re.compile(r"(?:(?<=建设的)|(?<=打造的)|(?<=投建的)|(?<=兴建的)|(?<=兴建)|(?<=新建)|(?<=投建))"
                             r"[^，,；;。的、]{2,20}?平台(?=[，,；;。]|$)")
# 把甲基地建成…, 将乙园区打造成…: what the place before is to become
_BECOMES = re.compile(r"(?:把|将)[^，,；;。]{1,24}?(?:建成|建设成|打造成|打造为|建设为|培育成|发展成)为?$")


def _priced(rest: str) -> bool:
    """一是甲公司年产5万吨负极材料项目，总投资32亿元: a name and its investment (``rest`` follows the name)."""
    inv = _INVEST_AFTER.match(rest)
    return bool(inv) and inv.end() > 1 and \
        any(q.kind in ("money", "foreign") for q in _quantities(rest[:40]) if q.start == inv.end())


def _funded_or_staged(s: str, c: int, at: int, end: int, rest: str) -> bool:
    """What follows or governs a name (found at ``at``, its word ending at ``end``) says it is a project's."""
    # 一是甲项目，由乙公司投资，总投资20亿元: a name and who builds it (or 甲产业园，由乙公司投资建设)
    # (or with no comma: 北驰配套产业园由长春汇通实业有限公司建设)
    if _FUNDED_AFTER.match(rest) or _BUILT_BY.match(rest):
        return True
    # 开工建设甲轨道交通3号线。 / 全面完成乙改造工程。: a built place a stage verb governs, closing its clause
    # (not a capacity alone: 总投资18亿元，建成年产15万吨预制菜生产线 says what the project before builds)
    return bool(end == at and re.match(r"\s*(?:[，,。；;！!]|$)", rest) and
                _STAGED_LEAD.search(s, c, _boundary(s, c, at)) and not _CAPACITY.match(s, _boundary(s, c, at)))


# items of a list: 、 between any two, 和/及/与 after one that ends in 项目
# (or after the last character of a built place's word: 甲产业园和乙数据中心二期建设)
_ITEM_JOINER = re.compile(r"、|(?<=项目)(?:和|及|以及|与)|(?<=[园地心体站线纽头位路道桥廊楼港厂期])(?:和|及|以及|与)")
_AND_AFTER_ITEM = re.compile(r"(?:项目|[园地心体站线纽头位路道桥廊楼港厂期])(?:和|及|以及|与)")
# (a phase alone ends an item too: 甲光伏二期、乙产业园项目加快建设)
_ITEM_END = re.compile(r"(?:项目(?:[一二三四五六七八九十]期(?:工程)?|[（(][一二三四五六七八九十]期[）)])?|工程|" +
                       _FACILITY.pattern +
                       r"|[一二三四五六七八九十]期)$")


def _items(s: str, start: int, at: int, end: int, head: str) -> list[_Found]:
    """``甲项目、乙项目、丙产业园集中开工``: the names of a list whose items each end
    in 项目 or a facility word; none when an item is no such name (the list is
    then of something else: 甲、乙项目).

        >>> s = "恒泰电子项目、华宇物流园二期、鑫源食品项目集中开工"
        >>> [f.name for f in _items(s, 0, s.index("项目集中"), s.index("集中"), "")]
        ['恒泰电子', '华宇物流园二期', '鑫源食品']
        >>> s = "中晶半导体项目和天成储能电站项目已开工"
        >>> [f.name for f in _items(s, 0, s.index("项目已"), s.index("已"), "")]
        ['中晶半导体', '天成储能电站']
    """
    out: list[_Found] = []
    cuts = [start, *(x for m in _ITEM_JOINER.finditer(s, start, end) for x in (m.start(), m.end())), end]
    parts = [(cuts[k], s[cuts[k]:cuts[k + 1]]) for k in range(0, len(cuts), 2)]
    for k, (pos, item) in enumerate(parts):
        if k < len(parts) - 1 and not _ITEM_END.search(item):
            return []
        name = _clean_name(re.sub(r"项目(?=[一二三四五六七八九十]期(?:工程)?$)|项目$", "", item))
        if not name or is_generic(name) or "的" in name:
            return []
        at_name = pos + item.find(name)
        out.append(_Found(name, at_name, at_name + len(name), end, None, head))
    return out


# 协议投资3.6亿元: what a signed contract commits is the project's total
# (估算总投资, 概算投资: an estimate or a budget; 总投资：55亿元 / 总投资 28亿元: a field line's)
# (，投资额9.5亿元: a clause of its own after the name and who builds it)
_INVEST_LATER = re.compile(r"(?:(?:计划|预计|" + _ESTIMATED + r")?总投资|(?:协议|合同|签约)总?投资|(?<![年度])计划投资|"
                           r"(?:" + _ESTIMATED + r")投资|(?<=项目)投资|(?<=[，,])投资额|(?:(?<=该期)|(?<=本期))投资|"
                           # (，投资25亿元，新建厂房…: a clause of its own, not the amount of what is built next)
                           r"(?<=[，,])投资(?=(?:约|达)?[\d.]+(?:万|亿)?元(?:人民币)?"
                           r"(?:[。；;]|$|[，,](?!建设|兴建|投建|打造|用于|在))))"
                           r"(?:额)?(?:约|达到?|为)?\s*[：:]?\s*(?:人民币)?")
_INVEST_GAP = re.compile(r"(?:项目)?\s*[，,]?\s*"
                         r"(?:由[^，,；;。]{2,24}?(?:投资|出资|承建|投建|建设)[^，,；;。]{0,6}[，,]\s*)?(?:计划|预计)?")
_RESPECTIVE_INVEST = re.compile(r"\s*(?:项目)?[，,]?\s*(?:计划)?总?投资(?:额)?分别(?:为|是|达)?\s*")
_AMOUNT_JOINER = re.compile(r"\s*(?:、|和|及|与|，|,)\s*")


def _respective_investments(s: str, found: list[_Found]) -> list[_Found]:
    """``甲项目、乙项目、丙产业园项目总投资分别为22亿元、18.6亿元和12亿元``: the
    n-th amount is the n-th listed project's, when there are as many of each.

        >>> s = "甲公司电机项目、乙公司纤维项目总投资分别为22亿元和18.6亿元"
        >>> [f.investment for f in _respective_investments(s, _named(s, []))]
        [2200000000.0, 1860000000.0]
    """
    out = list(found)
    ends: dict[int, list[int]] = {}
    for k, f in enumerate(found):
        if f.investment is None:
            ends.setdefault(f.span_end, []).append(k)
    for end, group in ends.items():
        lead = _RESPECTIVE_INVEST.match(s, end)
        if len(group) < 2 or lead is None or "分别" not in lead.group():
            continue
        amounts, pos = [], lead.end()
        for q in _quantities(s[pos:]):
            joined = _AMOUNT_JOINER.fullmatch(s, pos + amounts[-1].end, pos + q.start) if amounts else q.start == 0
            if q.kind != "money" or not joined:
                break
            amounts.append(q)
        if len(amounts) == len(group):
            for k, q in zip(group, amounts, strict=True):
                out[k] = out[k]._replace(investment=q.base)
    return out


# who builds it and what it will build are no stage (由乙公司投资建设, 将建设1.5万个标准机柜)
_NO_STAGE = re.compile(r"由[^，,；;。]{2,24}?(?:投资|出资|投建)?(?:建设|承建|实施)|(?:建设|业主|实施)单位|"
                       r"(?:将|拟|计划)?(?:建设|新建)(?=[\d一二三四五六七八九十两百千万]|年产)")
# what a project will do once built is no stage (达产后可实现…, 建成后将…)
_STAGE_CLAUSE = re.compile(r"[^，,；;。]*(?:后|以后|之后)[^，,；;。]*")


# a heading's last word: what a project's name ends in
_HEADING_END = re.compile(r"(?:项目|工程|" + _FACILITY.pattern + r")(?:[一二三四五六七八九十]期(?:工程)?|"
                          r"[（(][一二三四五六七八九十]期[）)])?$")


def _heading(s: str) -> list[_Found]:
    """``（一）甲新能源年产20GWh锂离子电池项目。``: a numbered line that is a project's
    name and nothing else (what it is and costs follow in the next sentences).

        >>> [f.name for f in _heading("（一）甲新能源年产20GWh锂离子电池项目。")], _heading("二、坚定不移抓项目。")
        (['甲新能源年产20GWh锂离子电池'], [])
    """
    m = _ITEM_NUMBER.match(s) or _BULLET.match(s)
    body = s[m.end():].rstrip("。；;：: ") if m else ""
    if not body or re.search(r"[，,；;。：:！!？?]", body) or not _HEADING_END.search(body):
        return []
    name = _clean_name(re.sub(r"项目(?=[一二三四五六七八九十]期(?:工程)?$)|项目$", "", body))
    if is_generic(name):
        return []
    at = s.find(name)
    return [_Found(name, at, at + len(name), len(s), None, "")]


# a word without which a sentence names no project (项目, 元的, a built place, 工程, a quoted name, a phase),
# all tried in one pass over it
_CUE = re.compile("|".join(f"(?:{rx.pattern})"
                           for rx in (_PROJECT_WORD, _OF_AMOUNT, _FACILITY, _WORKS, _QUOTED, _PHASE, _PLATFORM)))


# 项目12个：, 项目有：, 重点项目如下： — a colon after words that say projects
_PROJECTS_COLON = re.compile(r"项目(?:\d+|[一二三四五六七八九十两]+)?个?(?:有|为|是|包括|如下)?[：:]")


def _semicolon_list(s: str) -> list[_Found]:
    """``全年共实施省重点项目12个：一是甲二期；二是乙扩产；三是丙枢纽。``: after a colon that says
    projects, one bare name per ``；``-separated part (none when a part says more than a name).

        >>> [f.name for f in _semicolon_list("实施省重点项目3个：一是甲新能源二期；二是乙玻璃扩产；三是丙综合枢纽。")]
        ['甲新能源二期', '乙玻璃扩产', '丙综合枢纽']
        >>> _semicolon_list("产业项目86个，主要有：甲项目、乙产业园；基础设施项目52个，主要有：丙枢纽")
        []
    """
    m = _PROJECTS_COLON.search(s)
    if m is None:
        return []
    parts = re.split(r"[；;]", s[m.end():].rstrip("。；; "))
    out: list[_Found] = []
    pos = m.end()
    for part in parts if len(parts) > 1 else []:
        name = _clean_name(part)
        if not name or len(name) > 30 or re.search(r"[，,、：:]", name) or is_generic(name) or _programme(name):
            return []
        at = s.find(name, pos)
        out.append(_Found(name, at, at + len(name), len(s), None, s[:m.start()]))
        pos += len(part) + 1
    return out


def _sentence_projects(sent: Span, region: str | None, places: tuple[tuple[int, str], ...] = ()) -> list[ProjectRow]:
    """The projects a sentence names; ``region`` is the sentence's, ``places`` the
    (offset in the sentence, region) written in it: a name after a place is there
    (济南市入选项目包括甲、乙；青岛市入选项目包括丙)."""
    s = sent.text
    if not _CUE.search(s) and not ("、" in s and _INCLUDES.search(s)):
        return []
    found = _heading(s)
    if found:
        return [ProjectRow(f.name, company_of(f.name), None, _capacity(f.name, ""), None, region, s,
                           sent.start, sent.end) for f in found]
    found = _labelled(s) or _semicolon_list(s)
    found += _amount_lists(s)
    taken = [(f.start, f.span_end) for f in found]
    found += _enumerations(s, taken)
    taken = [(f.start, f.span_end) for f in found]
    found += _named(s, taken)
    found.sort(key=lambda f: f.start)
    for n, f in enumerate(found):
        if f.investment is not None:
            continue
        # its 总投资 may come after a description: in the sentence when it names one project,
        # else in its own part (一是甲项目，由乙公司投资，总投资20亿元；二是…)
        limit = len(s)
        alone = False
        if len(found) > 1:
            part = re.compile(r"[；;。]").search(s, f.name_end)
            part_end = part.start() if part else len(s)
            limit = min([part_end, *(g.start for g in found[n + 1:])])
            # the only name of its ；-part (甲项目已完成投资31亿元，…，项目总投资80亿元；乙物流园…)
            part_start = max(s.rfind(mark, 0, f.start) for mark in "；;。") + 1
            alone = limit == part_end and not any(part_start <= g.start for g in found[:n])
        m = _INVEST_LATER.search(s, f.name_end, limit)
        if m and "等" in s[f.name_end:m.start()]:
            m = None  # 包括甲工程、乙大桥等，总投资约60亿元: the list's total, no item's own
        # the last name, standing apart from the one before (…也传来好消息：园区内甲项目已完成设备安装，
        # 项目总投资21.6亿元), is what a later 总投资 in its part is about
        apart = alone or (n == len(found) - 1 and re.search(r"[，,；;：:]", s[found[n - 1].span_end:f.start]))
        if m and len(found) > 1 and not apart and not _INVEST_GAP.fullmatch(s, f.span_end, m.start()):
            m = None  # among several names, only 总投资 right after this one (or after who builds it) is its own
        # 总投资26亿元的海昌光学…: the amount of the name after it
        qs = [q for q in _quantities(s) if q.start == m.end() and q.kind == "money"
              and not s.startswith("的", q.end)] if m else []
        if qs:
            found[n] = f._replace(investment=qs[0].base)
    found = _respective_investments(s, found)
    rows = []
    for n, f in enumerate(found):
        # the status written after a list belongs to every name in it: look up
        # to the next name that stands beyond a clause break
        brk = re.compile(r"[，,；;。]").search(s, f.span_end)
        nxt = next((g.start for g in found[n + 1:]
                    if g.start >= f.name_end and re.search(r"[，,；;]", s[f.name_end:g.start])), len(s))
        nxt = min(nxt, brk.start() if brk else len(s))
        # 甲公司投资5亿元建设乙: the building the money is for is no stage reached
        status = _status(_TENANTS.sub("", s[f.name_end:nxt])) or \
            (None if _INVESTS_TO_BUILD.search(f.head) else _status(f.head))
        if f.fields:  # 建设内容：建设铸造生产线 says what is built, not how far
            status = f.stage
        if status is None:
            # 1.总投资150亿元的甲项目，年内开工建设；: its stage said after a break, in its own part
            # (up to the next ；/。 or the next name, when the sentence names several)
            rest = _STAGE_CLAUSE.sub("", s[nxt:])
            if len(found) > 1:
                part = re.compile(r"[；;。]").search(s, nxt)
                stop = min([part.start() if part else len(s), *(g.start for g in found[n + 1:] if g.start >= nxt)])
                rest = _NO_STAGE.sub("", _TENANTS.sub("", _STAGE_CLAUSE.sub("", s[nxt:stop])))
            status = _status(rest)
        if status is None and _SPENDING.match(s, f.name_end):
            status = "under_construction"  # 甲项目累计完成投资9亿元, and nothing more: money still going in
        by = _BUILT_BY.search(f.head) or _BUILT_BY.match(s[f.name_end:nxt].lstrip("项目一二三期 ")) or \
            _FUNDED_AFTER.match(s, f.span_end)
        if by is None:
            # 甲项目正式开工，该项目由乙公司投资建设 (among several names, in its own part: up to the next ；/。
            # or name — 甲产业城总投资45亿元，由乙公司承建；)
            part = re.compile(r"[；;。]").search(s, f.span_end) if len(found) > 1 else None
            stop = min([part.start() if part else len(s), *(g.start for g in found[n + 1:] if g.start >= f.name_end)])
            by = _BUILT_BY.search(s, f.span_end) if len(found) == 1 else \
                _BUILT_BY.search(s, f.span_end, stop) if stop > f.span_end else None
            if by and s.startswith("的", by.end()):
                by = None  # 由乙集团投资的丙产业园: said of another project, named after it
        company = f.company or company_of(f.name, f.head)
        if not (company and legal_names(company)):
            # (the owner said with 旗下 beats a brand read off the name: 元件厂乙旗下的南京电感新厂)
            company = _owner(f.head) or company or maker_before(f.head) or _partner(s[:f.start]) or \
                _stock_listed(s[:f.start])
        if company is None and by is None and _SUBJECTLESS.match(s, _clause_start(s, f.start)):
            # 甲有限公司，早前已在横琴取得地块，兴建乙产业园三期: the sentence's subject builds it
            company = _subject_company(s[:_clause_start(s, f.start)])
        funder = _FUNDER_OF.search(f.head) if by is None else None
        # (not the verb opening the clause: 包括投资20亿元的甲项目)
        said = (funder.group(1) or funder.group(2)) if funder else ""
        who = _OPENING_VERBS.sub("", OWNERSHIP.sub("", said))
        if said.startswith("其") or _only_place(who):
            # 宁德时代表示，其在济宁投资建设的甲: 其 is the company (_its_company finds it), 济宁 where it invests
            who = ""
        # 甲投资的乙 names a company when nothing else does; 甲将投资5亿元建设乙 says outright who
        # invests, which beats a brand read off the name (not a registered name)
        # (甲在乙市投资的丙 says it outright too, as does 甲投资 before an amount: 甲投资逾百亿元的丙)
        outright = funder is not None and (funder.group(2) or not funder.group(0).endswith("的") or
                                           funder.group(0)[len(funder.group(1)):].startswith("在"))
        if len(who) >= 2 and not _FUNCTION_WORDS.search(who) and not re.match(r"[全本该我各总]|集团|公司|企业", who) \
                and not re.fullmatch(r"(?:股份)?(?:有限)?(?:责任)?(?:公司|集团)", who) and \
                (company is None or (outright and not legal_names(company))):
            company = who
        if by and not (company and company in f.name[:len(company)] and bool(legal_names(company))):
            # 由港资背景的汇港控股投资: the company, not its description (nor who owns it: 澳资企业)
            company = _builder(by) or company
        speaker = _announcer(s[:_clause_start(s, f.start)]) if by is None and _ANNOUNCE_CUE.search(s) else None
        if speaker and (company is None or not (legal_names(company) or outright)):
            company = speaker  # 被动元件厂信昌电子也公告，斥资5亿元设立甲基地: the maker announcing it
        investor = _INVESTOR.match(s, f.name_end)
        legal = legal_names(s[investor.end():investor.end() + 40]) if investor else []
        if legal and s.startswith(legal[0], investor.end()):
            company = legal[0]  # 甲产业园项目投资方乙重工有限公司表示: the registered investor
        elif not (company and legal_names(company)):
            # (later in its own part: 甲项目已完成环评公示，项目业主为乙有限公司；)
            part = re.compile(r"[；;。]").search(s, f.name_end)
            stop = min([part.start() if part else len(s), *(g.start for g in found[n + 1:] if g.start >= f.name_end)])
            company = next(iter(_said_owner(s, f.name_end, stop)), company)
        here = next((r for at, r in reversed(places) if at <= f.start), region)
        rows.append(ProjectRow(f.name, company, f.investment,
                               _capacity(f.name, s[f.name_end:nxt]), status, here, s, sent.start, sent.end))
    return rows


# (a speaker's name may end in a logistics or holding company's word too: 嘉里物流表示 — not a brand read off a
# project's name, 城南物流园)
_TRADE_WORD_END = re.compile(f"(?:{TRADE_WORDS.pattern}|物流|供应链|港务|航运|控股)$")
# 面板厂友达旗下的昆山厂: the owner of a plant named by its place (its trade before its name: 面板厂)
_OWNS = re.compile(r"([^厂商，,。；;]{2,8})旗下的?$")


def _owner(head: str) -> str | None:
    """The company whose plant the name after ``head`` is (友达旗下的 → 友达).

        >>> _owner("面板厂友达旗下的"), _owner("另外，友达旗下"), _owner("全市旗下的")
        ('友达', '友达', None)
    """
    m = _OWNS.search(head)
    who = m.group(1) if m else ""
    return who if who and not _FUNCTION_WORDS.search(who) and not re.match(r"[全本该我各总]|(?:集团|公司|企业)$", who) \
        else None
# 机壳厂鸿准（2354）: a listed company and its stock code (its trade before its name)
# (not a year in brackets: 全市（2024）)
_LISTED = re.compile(r"([^厂商，,。；;：:（()）\s\d]{2,8})[（(](?!(?:19|20)\d\d[）)])\d{4,6}(?:\.[A-Z]{2})?[）)]")


def _stock_listed(before: str) -> str | None:
    """The listed company the sentence is about, named with its stock code before the project.

        >>> _stock_listed("机壳厂鸿准（2354）今（18）日董事会通过两项投资案：一是透过子公司在郑州投资1.2亿美元兴建")
        '鸿准'
        >>> _stock_listed("全市（2024）年计划")
    """
    found = _LISTED.findall(before)
    return found[-1] if found and not _FUNCTION_WORDS.search(found[-1]) and \
        not re.match(r"[全本该我各总]", found[-1]) else None


_PARTNER = re.compile(r"与([^，,。；;与]{4,30}?)(?:签订|签署|签约)")


def _partner(before: str) -> str | None:
    """The registered company a zone signs with, said before the project (``before`` is the sentence up to it):
    甲开发区与乙有限公司签订投资协议，双方将合作建设丙项目.

        >>> _partner("古雷开发区与福建德润新材料有限公司签订投资协议，双方将合作建设"), _partner("与会嘉宾签约")
        ('福建德润新材料有限公司', None)
    """
    m = _PARTNER.search(before)
    legal = legal_names(m.group(1)) if m else []
    return legal[-1] if legal and m.group(1).endswith(legal[-1]) else None


# a speaker's verb closing a clause, after the adverbs it may take: 也公告，/ 同日宣布：
_SAYS = r"(?:也|亦|还|同时|同日|今日|昨日|日前)*(?:公告|公布|宣布|表示|透露|指出|介绍)[，,：:]$"
_ANNOUNCE_CUE = re.compile(r"公告|公布|宣布|表示|透露|指出|介绍")
# 被动元件厂信昌电子也公告，: a maker saying what it does next (its trade before its name: 元件厂, 材料商)
_ANNOUNCES = re.compile(r"(?:^|[，,。；;】\]])(?:[^，,。；;】\]]{0,12}?[厂商])?([^，,。；;】\]]{2,16}?)" + _SAYS)


# a clause going on with the subject of the one before: 与…签订, 并将…, 拟…
_GOES_ON = r"与|并|还|将|拟|计划|正|已|双方|同时"
_NO_SUBJECT = re.compile(_GOES_ON)


def _announcer(before: str) -> str | None:
    """The company whose announcement the clause before a project's is (``before`` ends at that clause):
    a registered name, or a name ending in a trade word (信昌电子) — not an official (负责人表示).

        >>> _announcer("同日，被动元件厂信昌电子也公告，"), _announcer("市发改委负责人表示，")
        ('信昌电子', None)
        >>> _announcer("另一家上市公司乙丙科技宣布，与丁高新区签订投资协议，")
        '乙丙科技'

    """
    m = _ANNOUNCES.search(before, max(0, len(before) - 32))  # (its last clause only)
    for _ in range(2):
        if m is not None:
            break
        # (or the one before a clause with no subject of its own: 乙科技宣布，与丙区签订投资协议，投资…)
        c = _clause_start(before, len(before) - 1)
        if not c or not _NO_SUBJECT.match(before, c):
            return None
        before = before[:c]
        m = _ANNOUNCES.search(before, max(0, len(before) - 32))
    if m is None:
        return None
    name = m.group(1)
    legal = legal_names(name)
    if legal and name.endswith(legal[-1]):
        return legal[-1]
    # (what the company is, said before its name: 另一家香港上市公司乙科技)
    name = re.sub(r"^[^，,。；;]*?(?:上市公司|企业|厂商)(?=[\u4e00-\u9fff]{2})", "", name)
    trade = _TRADE_WORD_END.search(name)
    return name if trade and len(name) - len(trade.group()) >= 2 and not _FUNCTION_WORDS.search(name) else None


# the project just named, taken up again: 该项目…, 项目位于…
# (or 3.甲产业园项目。总投资12亿元，…: a sentence opening with its total — not 总投资5亿元的乙, an amount of another)
# (or a field line under a bulleted name: 💰 总投资：55亿元 / 建设单位：乙有限公司)
_FOLLOW_UP = re.compile(r"(?:(?:据了解|据悉|据介绍|记者了解到|记者获悉|另据了解)[，,])?(?:"
                        r"(?:[^，,。；;]{0,12}[，,])?(?:该|此|这个|这一|上述)项目|"
                        r"(?:计划|预计|" + _ESTIMATED + r")?总投资(?![^，,。；;的]{0,12}?元" + _RMB + r"的)|"
                        r"(?:建设单位|投资方|投资主体|业主单位|项目业主)(?:\s*[：:]|\s+(?=\S))|(?:最新)?进展\s*[：:]|"
                        # (who builds it, as the next sentence's subject: 由乙公司投资，… / 乙有限公司投资，…)
                        r"由[^，,。；;]{2,30}?(?:投资|出资|承建|建设|运营|负责)(?:建设)?[，,]|"
                        r"(?:(?!项目|由)[^，,。；;]){2,30}?(?:有限公司|集团|株式会社)(?:投资|出资|承建|建设|运营)(?:建设)?[，,]|"
                        r"项目(?=位于|(?:计划|预计|" + _ESTIMATED + r")?总投资|(?:" + _ESTIMATED + r")投资|"
                        r"由|占地|规划|建设内容|建设单位|投资方|业主单位|主要|预计|建成|达产|分))")
_EVENT = re.compile(r"(?:集中|现场)(?:签约|开工|动工|竣工投产|竣工|投产)|(?:签约|开工|竣工|投产)(?:仪式|活动|大会)")
# a line of a project described field by field: 投资方：乙公司
_FIELD = re.compile(r"\s*[\u4e00-\u9fff]{2,6}\s*[：:]")


def _follow_up(row: ProjectRow, s: str) -> ProjectRow:
    """``row`` with what a sentence about it adds: its total investment, the company
    that builds it (a registered name beats a brand read off the project's name).

        >>> row = extract_projects("（一）甲新能源年产20GWh锂离子电池项目。")[0]
        >>> row = _follow_up(row, "项目总投资86亿元，由江西甲新能源科技有限公司投资建设。")
        >>> row.investment_base, row.company
        (8600000000.0, '江西甲新能源科技有限公司')

    A field line of a bulleted name says it too (建设单位 乙有限公司, 进展：已封顶):

        >>> row = _follow_up(extract_projects("✅ 甲锂电产业园")[0], "建设单位 四川甲锂新能源有限公司")
        >>> _follow_up(row, "进展：已完成投资16亿元，年内投产").company, _follow_up(row, "进展：主体已封顶").status
        ('四川甲锂新能源有限公司', 'under_construction')
    """
    if row.investment_base is None:
        # (the first 投资 followed by an amount: not 项目投资方为…)
        ends = {m.end() for m in _INVEST_LATER.finditer(s)}
        qs = [q for q in _quantities(s) if q.start in ends and q.kind == "money"]
        if qs:
            row = row._replace(investment_base=qs[0].base)
    by = _BUILT_BY.search(s)
    legal = [_builder(by)] if by and legal_names(_builder(by)) else []
    investor = _INVESTOR.match(s)  # 项目建设单位乙有限公司负责人介绍, 建设单位：乙有限公司
    if investor and not legal:
        named = s[investor.end():].lstrip(" \u3000：:")
        legal = [n for n in legal_names(named[:40]) if named.startswith(n)][:1]
    if not legal:
        # 乙有限公司投资，协议投资15.6亿元 / …，项目业主为乙有限公司: the registered builder said as the
        # sentence's subject, or named as its owner
        legal = _said_owner(s) or [n for n in legal_names(s[:40])[:1] if s.startswith(n)]
    if legal and (row.company is None or not legal_names(row.company)):
        row = row._replace(company=legal[-1])
    progress = _PROGRESS_FIELD.match(s)  # 最新进展：一期厂房已封顶
    if progress and row.status is None:
        row = row._replace(status=_status(_STAGE_CLAUSE.sub("", s[progress.end():])))
    return row


# …，项目业主为乙有限公司 / 建设单位为丙有限公司: the registered builder named as the project's owner
_OWNER_IS = re.compile(_OWNER_WORDS + r"(?:为|是)")


def _said_owner(s: str, start: int = 0, end: int | None = None) -> list[str]:
    """The registered company ``s[start:end]`` names as a project's owner (项目业主为乙有限公司), if any.

        >>> _said_owner("计划总投资12亿元，项目业主为楚甲再生资源有限公司"), _said_owner("建设单位为市住建局")
        (['楚甲再生资源有限公司'], [])
    """
    m = _OWNER_IS.search(s, start, len(s) if end is None else end)
    if m is None:
        return []
    named = s[m.end():m.end() + 40]
    return [n for n in legal_names(named)[:1] if named.startswith(n)]


def _field_blocks(spans: list[Span]) -> list[Span]:
    """Sentences, with a project's field lines (项目名称：甲 / 投资方：乙 / 总投资：18亿元) joined
    into one span, so that its name, company and amount are read together.

        >>> text = "项目名称：甲项目\\n投资方：乙有限公司\\n总投资：18亿元\\n今年以来"
        >>> [s.text for s in _field_blocks(split_sentences(text))]
        ['项目名称：甲项目，投资方：乙有限公司，总投资：18亿元', '今年以来']
    """
    out: list[Span] = []
    k = 0
    while k < len(spans):
        j = k + 1
        if _LABELLED.match(spans[k].text.strip()):
            while j < len(spans) and _FIELD.match(spans[j].text) and not _LABELLED.match(spans[j].text.strip()):
                j += 1
        if j > k + 1:
            joined = "，".join(x.text.strip().rstrip("。；;，,") for x in spans[k:j])
            out.append(Span(joined, spans[k].start, spans[j - 1].end, spans[k].para))
        else:
            out.append(spans[k])
        k = j
    return out


# 甲有限公司是一家…企业。/ 在乙区，甲有限公司去年落户。: a registered company opening a clause, as its subject
# (a description ending in 的 may stand before it: 由港澳资本合组的甲有限公司)
_SUBJECT = re.compile(r"(?:此外|另外|同时|据悉|据了解|目前)?[，,]?(?:[^，,。；;]{0,20}的)?")


_LEGAL_WORD = re.compile(r"公司|集团|控股|株式会社")


# a quote, or someone speaking: 甲中心已封顶。“建成后…” / 公司总经理王某表示，…
_ASIDE = re.compile(r"^\s*[“「『\"]|(?:表示|介绍|说|指出|强调|透露|坦言|告诉记者)[，,：:]")
# (but not one counting projects, after which a total is theirs: 今年全区计划实施重点项目86个 / 还有12个项目)
_COUNTS_PROJECTS = re.compile(r"(?:项目|工程)(?:\d+|[一二三四五六七八九十百两]+)(?:余|多)?[个项]|"
                              r"(?:\d+|[一二三四五六七八九十百两]+)(?:余|多)?[个项][^，,。；;]{0,8}?(?:项目|工程)")


def _only_place(name: str) -> bool:
    """Whether ``name`` is a place and nothing more (济宁, 鄂尔多斯): where money goes, not who spends it.

        >>> _only_place("济宁"), _only_place("宁德时代"), _only_place("华锐科技"), _only_place("")
        (True, False, False, False)
    """
    return bool(name) and any(m.start == 0 and m.end == len(name) and not m.organisation for m in find_places(name))


def _subject_company(s: str) -> str | None:
    """The registered company a sentence is about: the first one, opening a clause (its subject or speaker).

        >>> _subject_company("在丙区，甲精密机械有限公司去年落户。")
        '甲精密机械有限公司'
        >>> _subject_company("北乙集团董事长王某表示，集团将扩产。")
        '北乙集团'
        >>> _subject_company("项目由甲有限公司建设。") is None
        True
    """
    if not _LEGAL_WORD.search(s):
        return None  # (the cheap test first: most sentences name no company)
    for name in legal_names(s)[:1]:
        at = s.find(name)
        if at >= 0 and _SUBJECT.fullmatch(s, _clause_start(s, at) if at else 0, at) is not None:
            return name
    return None


def _shares_brand(name: str, company: str) -> bool:
    """A project's name begins with the company's first two characters, which are no place's
    (北辰氢能装备产业基地 of 北辰氢能集团).

        >>> _shares_brand("北辰氢能装备产业基地", "北辰氢能集团"), _shares_brand("廊坊物流园", "廊坊发展集团")
        (True, False)
    """
    return len(name) >= 4 and name[:2] == company[:2] and not find_places(name[:2])


# a clause that goes on with the sentence's subject: 兴建乙产业园, 投资…建设丙
_SUBJECTLESS = re.compile(r"(?:" + _GOES_ON + r")?(?:兴建|投建|新建|扩建|建设|投资|斥资)")


# 其建设的甲中心, 其年产5万台…项目, 公司投资建设的乙中心: the company said only as 其/公司 (the one named before)
_ITS = re.compile(r"[“\"]?(?:其|该公司|该企业|公司|企业|我们|我司|本公司)(?!他|它|中|余|次)")


def _its_company(row: ProjectRow, subject: str | None) -> ProjectRow:
    """``row`` with the company its clause says only as 其 or 公司: a registered name earlier in its
    sentence, else the company the sentence before was about (``subject``).

        >>> row = ProjectRow("星云智算中心", "星云智算", None, None, None, None, "其建设的星云智算中心已试运行", 0, 0)
        >>> _its_company(row, "甲星云科技有限公司").company
        '甲星云科技有限公司'
        >>> said = "乙丙冷链有限公司总经理表示，公司投资建设的星云智算中心已试运行"
        >>> _its_company(row._replace(evidence=said), None).company
        '乙丙冷链有限公司'
    """
    at = row.evidence.find(row.name)
    if at < 0:
        return row
    c = _clause_start(row.evidence, at)
    if not _ITS.match(row.evidence, c, at) or (row.company and legal_names(row.company)):
        return row  # (the cheap test first)
    before = legal_names(row.evidence[:c])
    who = before[-1] if before else subject
    return row._replace(company=who) if who else row


# 永茂表示，吉安厂二期扩建工程亦已动工: a company said by the short name it was given before
_SAID_BY = re.compile(r"(?:^|[，,。；;])([\u4e00-\u9fffA-Za-z]{2,6}?)" + _SAYS)


def _short_speaker(row: ProjectRow, seen: list[str]) -> str | None:
    """The company whose short name speaks in the clause before ``row``'s name, when a company named
    earlier in the article (``seen``) begins with it: not any speaker (市发改委表示).

        >>> row = ProjectRow("吉安厂二期", None, None, None, None, None, "永茂表示，吉安厂二期已动工。", 0, 0)
        >>> _short_speaker(row, ["永茂科技"]), _short_speaker(row, ["恒通电子"])
        ('永茂', None)
    """
    at = row.evidence.find(row.name)
    m = _SAID_BY.search(row.evidence, 0, _clause_start(row.evidence, at)) if at > 0 else None
    who = m.group(1) if m else ""
    return who if who and any(c.startswith(who) and c != who for c in seen) else None


def _key(name: str) -> str:
    return re.sub(r"[\s“”\"'（）()]", "", name)


# 集团早前投资8亿港元的甲仓库, 该公司还将投资…建设乙: a company named before, taken up again
_BACK_REFERENCE = re.compile(r"(?:^|[，,。；;])(?:该|这家|此|其)?(?:集团|公司|企业)"
                             r"(?:早前|此前|去年|今年|还将?|也|亦|已|同时|另外|将|拟)*(?:投资|斥资|投建|增资|旗下)")


_GROUP_WORD = re.compile(r"集团|公司|企业")


def _refers_back(row: ProjectRow) -> bool:
    """Whether the clause naming ``row`` says its builder only as 集团/该公司 (a company named before).

        >>> row = ProjectRow("甲仓库", None, None, None, None, None, "另外，集团早前投资8亿港元的甲仓库已落成。", 0, 0)
        >>> _refers_back(row), _refers_back(row._replace(evidence="全市投资的甲仓库"))
        (True, False)
        >>> _refers_back(row._replace(evidence="此外，集团旗下另一项目——甲仓库亦已动工。"))
        True
    """
    if not _GROUP_WORD.search(row.evidence):
        return False  # (the cheap test first)
    at = row.evidence.find(row.name)
    if at <= 0:
        return False
    start = _clause_start(row.evidence, at)  # (its clause, or the one before: 集团旗下另一项目——甲产业园)
    start = _clause_start(row.evidence, start - 1) if start else 0
    return _BACK_REFERENCE.search(row.evidence, max(0, start - 1), at) is not None


def _within(short: str, name: str) -> bool:
    """``short`` is ``name`` with words left out (恒升物流园 of 恒升国际物流园).

        >>> _within("恒升物流园", "恒升国际物流园"), _within("物流园恒升", "恒升国际物流园")
        (True, False)
    """
    rest = iter(name)
    return all(ch in rest for ch in short)


_TITLE_QUOTED = re.compile(r"[「“『]([^「“」”『』]{3,30})[」”』]")


def _title_projects(title: str, text: str, found: list[ProjectRow], region: str | None) -> list[ProjectRow]:
    """A quoted name in the headline that the body calls only by its last word (「晶华光电新厂」动工 …
    位于苏州的新厂正式动工): the headline's name, its stage as the headline says, and as evidence the
    first body sentence with that word (a name the body gives in full is the body's).

        >>> rows = _title_projects("台商加码 「晶华光电新厂」动工", "晶华今日宣布，位于苏州的新厂正式动工。", [], None)
        >>> [(r.name, r.company, r.status, r.evidence) for r in rows]
        [('晶华光电新厂', '晶华光电', 'started', '晶华今日宣布，位于苏州的新厂正式动工。')]
    """
    out: list[ProjectRow] = []
    for m in _TITLE_QUOTED.finditer(title):
        name = _clean_name(re.sub(r"项目$", "", m.group(1)))
        ends = list(_FACILITY.finditer(name))
        if not ends or ends[-1].end() != len(name) or is_generic(name) or _programme(name) or \
                any(_within(_key(name), _key(r.name)) or _key(r.name) in _key(name) for r in found):
            continue  # (「恒升物流园」 of the headline is the body's 恒升国际物流园)
        word = ends[-1].group() if len(ends[-1].group()) >= 2 else name[max(0, ends[-1].start() - 1):]
        at = text.find(word)
        if at < 0:
            continue
        sent = next((x for x in split_sentences(text) if x.start <= at < x.end), None)
        if sent is not None:
            out.append(ProjectRow(name, company_of(name), None, _capacity(name, ""), _status(title[m.end():]),
                                  region, text[sent.start:sent.end], sent.start, sent.end))
    return out


def extract_projects(text: str, published_at: datetime | date | None = None,
                     title: str | None = None, source: str | None = None) -> list[ProjectRow]:
    """Every named investment project in ``text``, merged by name (``source``:
    the article's source name, as for :func:`~transforms.extract.extract_indicators`).

        >>> rows = extract_projects("总投资80亿元的宁德时代20GWh储能电池基地、30亿元的恩捷隔膜产业园等项目加快建设。")
        >>> [(r.name, r.company, r.investment_base, r.capacity, r.status) for r in rows]
        [('宁德时代20GWh储能电池基地', '宁德时代', 8000000000.0, '20GWh', 'under_construction'), \
('恩捷隔膜产业园', '恩捷隔膜', 3000000000.0, None, 'under_construction')]
    """
    subject = article_subject(text, title, source)
    default_region = subject.canonical if subject else None
    prior = article_prior(title or "", text)
    # where a project is: a district, county or zone written in full in its
    # sentence (位于章丘区枣园街道); a bare 济南 is too often a company's name
    places = [m for m in find_places(text, prior) if not m.organisation and m.place
              and m.place.level in ("county", "zone", "prefecture")
              and re.search(r"[市区县旗州盟]$", text[m.start:m.end])]
    merged: dict[str, ProjectRow] = {}
    tables = find_tables(text)
    found: list[ProjectRow] = []
    for table in tables:
        found += _table_projects(text, table, default_region)
    starts = [m.start for m in places]
    last: list[ProjectRow] = []  # the projects the sentence before named
    para = last_para = -1
    subject: str | None = None  # the registered company the paragraph's sentence before was about
    for sent in _field_blocks(split_sentences(text)):
        if any(t.start <= sent.start < t.end for t in tables):
            continue
        if sent.para != para:
            para, subject = sent.para, None
        body = _BULLET.sub("", sent.text)  # (💰 总投资：55亿元: a field line under a bulleted name)
        if len(last) == 1 and _FOLLOW_UP.match(body):
            # 该项目总投资48亿元，由乙公司投资建设: more about the one project just named, no new one
            k = found.index(last[0])
            found[k] = last[0] = _follow_up(last[0], body)
            continue
        first = bisect_left(starts, sent.start)
        inside = first < len(places) and places[first].start < sent.end
        region = places[first].place.canonical if inside else default_region
        within = tuple((m.start - sent.start, m.place.canonical) for m in places[first:bisect_left(starts, sent.end)]
                       ) if inside and sent.text == text[sent.start:sent.end] else ()  # not a joined block
        rows = [_its_company(r._replace(evidence=text[r.char_start:r.char_end]), subject)
                for r in _sentence_projects(sent, region, within)]
        named = _subject_company(body)
        if named and not rows:
            # 北辰氢能集团董事长刘卫东表示…: the speaker's company is the one whose name the project before bears
            # (its registered name beats the brand read off the project's name)
            for k, row in enumerate(last):
                if (row.company is None or (not legal_names(row.company) and named.startswith(row.company))) \
                        and _shares_brand(row.name, named):
                    found[found.index(row)] = last[k] = row._replace(company=named)
        subject = named or subject
        # (a quote or a speaker's sentence naming none leaves the paragraph's project the one a later
        # 项目总投资… is about: 甲中心已封顶。“建成后…”据了解，项目总投资8.6亿元 — any other sentence is about
        # something else: 全区计划实施重点项目86个。总投资达到650亿元 is the district's)
        if rows or sent.para != last_para or not _ASIDE.search(body) or _COUNTS_PROJECTS.search(body):
            last, last_para = rows, sent.para
        found += rows
    found += _title_projects(title or "", text, found, default_region)
    # 集中签约活动, 集中开工: an article about an event, whose projects have reached its stage
    event = _EVENT.search(title or "")
    stage = _status(event.group()) if event else None
    found = [r if r.status or stage is None or any(t.start <= r.char_start < t.end for t in tables)
             else r._replace(status=stage) for r in found]
    known: str | None = None  # the company named last: what 集团早前投资的甲 refers back to
    seen: list[str] = []  # the companies named so far
    for row in sorted(found, key=lambda r: r.char_start):
        if known and _refers_back(row) and (row.company is None or not legal_names(row.company)):
            row = row._replace(company=known)
        if row.company is None:
            row = row._replace(company=_short_speaker(row, seen))
        known = row.company or known
        if row.company:
            seen.append(row.company)
        key = _key(row.name)
        if key not in merged and row.investment_base is None:
            # 晶曜新能源项目达产后…: a short back reference to a project named before
            key = next((k for k, old in merged.items() if len(key) >= 4 and key in k), key)
        elif key not in merged and len(key) >= 4:
            # 总投资约260亿元的晶圆生产线项目: a short back reference with the amount of the one project
            # named before whose name holds it (and that had none)
            fuller = [k for k in merged if key in k]
            if len(fuller) == 1 and merged[fuller[0]].investment_base is None:
                key = fuller[0]
        old = merged.get(key)
        if old is None:
            merged[key] = row
        else:
            merged[key] = old._replace(
                company=old.company or row.company,
                investment_base=old.investment_base or row.investment_base,
                capacity=old.capacity or row.capacity, status=old.status or row.status)
    # 走进钱塘微电子项目现场……总投资62亿元的钱塘微电子年产36万片晶圆项目: a short mention
    # before the full name is the same project
    for key, row in list(merged.items()):
        fuller = [k for k in merged if k != key and len(key) >= 4 and key in k]
        if row.investment_base is None and len(fuller) == 1:
            full = merged[fuller[0]]
            merged[fuller[0]] = full._replace(company=full.company or row.company, status=full.status or row.status)
            del merged[key]
    return list(merged.values())


_NAME_HEAD = re.compile(r"项目名称|^项目$|^名称$|建设项目")
_COMPANY_HEAD = re.compile(r"建设单位|业主单位|实施单位|责任单位|项目单位|投资主体|建设主体|实施主体|投资方|企业名称|"
                           r"^企业$|业主")
_INVEST_HEAD = re.compile(r"总投资|投资总额|计划投资|投资额|^投资(?:[（(]|$)")
_STATUS_HEAD = re.compile(r"建设性质|^性质$|项目性质|建设状态|状态|进度|类别|类型|阶段")
_UNIT_HEAD = re.compile(r"[（(]\s*(?:单位[：:]\s*)?([万亿]?元)\s*[)）]")
# a table's status words: 新开工 (started this year), 续建 (going on), 竣工投产, 前期 (preparing)
_TABLE_STATUS = (("started", re.compile(r"新开工|新建")), ("under_construction", re.compile(r"续建|在建")),
                 ("planned", re.compile(r"前期|预备|储备|谋划")))


def _table_status(cell: str) -> str | None:
    """The stage a table's cell (or a 建设性质 field) says: 新开工, 续建, 竣工投产, 前期.

        >>> _table_status("新开工"), _table_status("续建"), _table_status("竣工投产")
        ('started', 'under_construction', 'operating')
    """
    return next((st for st, rx in _TABLE_STATUS if rx.search(cell)), None) or _status(cell)


def _table_projects(text: str, table: Table, region: str | None) -> list[ProjectRow]:
    """A list of projects as a table: a 项目名称 column, and when there are
    ones, the builder (建设单位), the total investment (总投资（亿元）) and the
    kind of work this year (建设性质: 新开工, 续建, 竣工投产).

        >>> text = ("| 序号 | 项目名称 | 建设单位 | 总投资（亿元） | 建设性质 |\\n"
        ...         "| 1 | 甲储能年产5GWh电池项目 | 湖北甲储能科技有限公司 | 86.0 | 新开工 |")
        >>> rows = _table_projects(text, find_tables(text)[0], "孝感市")
        >>> [(r.name, r.company, r.investment_base, r.capacity, r.status) for r in rows]
        [('甲储能年产5GWh电池', '湖北甲储能科技有限公司', 8600000000.0, '年产5GWh', 'started')]
    """
    heads = [c.text for c in table.header.cells]

    def column(rx: re.Pattern[str]) -> int | None:
        return next((j for j, h in enumerate(heads) if rx.search(h)), None)

    name_col = column(_NAME_HEAD)
    if name_col is None:
        return []
    company_col, invest_col, status_col = column(_COMPANY_HEAD), column(_INVEST_HEAD), column(_STATUS_HEAD)
    unit = _UNIT_HEAD.search(heads[invest_col]) if invest_col is not None else None
    scale = {"元": 1.0, "万元": 1e4, "亿元": 1e8}[unit.group(1)] if unit else None
    out = []
    for row in table.rows:
        cells = [c.text for c in row.cells]
        if name_col >= len(cells):
            continue
        name = _clean_name(_trim_name(cells[name_col]))
        if is_generic(name):
            continue
        company = cells[company_col] if company_col is not None and company_col < len(cells) else None
        investment = None
        if invest_col is not None and invest_col < len(cells):
            q = _quantities(cells[invest_col])
            if q and q[0].kind == "money":
                investment = q[0].base
            elif scale is not None:
                try:
                    investment = round(float(cells[invest_col].replace(",", "")) * scale, 4)
                except ValueError:
                    investment = None
        status = None
        if status_col is not None and status_col < len(cells):
            status = _table_status(cells[status_col])
        out.append(ProjectRow(name, company or company_of(name), investment, _capacity(name, ""), status, region,
                              text[row.start:row.end], row.start, row.end))
    return out
