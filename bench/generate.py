"""Synthetic regional-economy articles for the benchmark: N files into a folder, deterministic by seed.

Every word comes from the templates and vocabularies below (written for the
benchmark; no seed or sample text). Each article is 3–10 KB of UTF-8 text and
is saved the ways real inputs arrive, in roughly the mix the project meets:

* encodings: UTF-8, UTF-8 with BOM, GB18030, Big5 (traditional articles),
  UTF-16 LE/BE with BOM and LE without, and whole-file mojibake (UTF-8 bytes
  read as GB18030 with replacement, saved again as UTF-8);
* damage: ASCII commas and colons, web-page boilerplate (SEO site name,
  来源/作者/time header, 编者按, footer), converter output (traditional with
  ``字(pīnyīn)`` readings and doubled punctuation ``,,`` ``,、`` ``,。``),
  paragraphs broken at a fixed width, one mojibake line, CRLF line ends.

Article ``i`` depends only on ``(seed, i)``, so the first 1,000 articles of a
10,000-article corpus are the 1,000-article corpus. ``manifest.tsv`` (beside
the folder, not in it) records each file's codec, style and damage.

    .venv/bin/python bench/generate.py 1000 /tmp/bench/inbox-1000 --seed 7
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

# --- vocabularies --------------------------------------------------------------
# fmt: off

# province → city → counties/districts. Real place names; everything said about them is invented.
PLACES: dict[str, dict[str, tuple[str, ...]]] = {
    "山东省": {"潍坊市": ("寿光市", "青州市", "诸城市"), "临沂市": ("兰山区", "沂水县", "费县"),
              "济宁市": ("邹城市", "曲阜市", "兖州区")},
    "江苏省": {"常州市": ("武进区", "溧阳市", "金坛区"), "南通市": ("海安市", "如皋市", "启东市"),
              "盐城市": ("东台市", "大丰区", "射阳县")},
    "浙江省": {"嘉兴市": ("桐乡市", "平湖市", "嘉善县"), "金华市": ("义乌市", "永康市", "东阳市"),
              "台州市": ("温岭市", "玉环市", "临海市")},
    "广东省": {"佛山市": ("南海区", "三水区", "高明区"), "惠州市": ("惠阳区", "博罗县", "惠东县"),
              "江门市": ("台山市", "鹤山市", "开平市")},
    "河南省": {"洛阳市": ("偃师区", "孟津区", "伊川县"), "新乡市": ("长垣市", "辉县市", "获嘉县"),
              "南阳市": ("邓州市", "镇平县", "方城县")},
    "湖北省": {"宜昌市": ("枝江市", "宜都市", "当阳市"), "孝感市": ("汉川市", "应城市", "安陆市")},
    "湖南省": {"岳阳市": ("汨罗市", "临湘市", "华容县"), "常德市": ("津市市", "澧县", "桃源县")},
    "四川省": {"德阳市": ("广汉市", "什邡市", "绵竹市"), "宜宾市": ("叙州区", "南溪区", "江安县")},
    "安徽省": {"滁州市": ("天长市", "明光市", "来安县"), "阜阳市": ("界首市", "太和县", "临泉县")},
    "福建省": {"泉州市": ("南安市", "石狮市", "惠安县"), "漳州市": ("龙海区", "漳浦县", "长泰区")},
    "江西省": {"赣州市": ("瑞金市", "龙南市", "信丰县"), "上饶市": ("德兴市", "玉山县", "广丰区")},
    "河北省": {"邢台市": ("沙河市", "南和区", "清河县"), "沧州市": ("任丘市", "黄骅市", "泊头市")},
    "陕西省": {"宝鸡市": ("凤翔区", "岐山县", "眉县"), "渭南市": ("韩城市", "华阴市", "蒲城县")},
    "广西壮族自治区": {"柳州市": ("柳江区", "鹿寨县", "融安县"), "玉林市": ("北流市", "容县", "博白县")},
    "云南省": {"曲靖市": ("宣威市", "陆良县", "富源县"), "玉溪市": ("澄江市", "通海县", "华宁县")},
    "辽宁省": {"鞍山市": ("海城市", "台安县", "岫岩满族自治县"), "营口市": ("盖州市", "大石桥市", "鲅鱼圈区")},
}

INDUSTRIES = (
    "新能源汽车", "动力电池", "锂电新材料", "光伏组件", "集成电路", "生物医药", "高端装备", "工业母机",
    "纺织服装", "绿色食品", "文化旅游", "现代物流", "数字经济", "先进储能", "氢能装备", "智能家电",
    "电子信息", "绿色建材", "跨境电商", "预制菜", "精细化工", "医疗器械", "特种钢材", "轨道交通装备",
)
PRODUCTS = (
    ("动力电池", "GWh"), ("储能电池", "GWh"), ("光伏组件", "GW"), ("电池隔膜", "亿平方米"),
    ("正极材料", "万吨"), ("负极材料", "万吨"), ("新能源汽车", "万辆"), ("工业机器人", "万台"),
    ("智能家电", "万台"), ("高性能纤维", "万吨"), ("特种钢材", "万吨"), ("预制菜", "万吨"),
    ("芯片封装测试", "亿颗"), ("医用耗材", "亿件"), ("风电整机", "台"), ("精密轴承", "万套"),
)
COMPANY_HEADS = (
    "华锐", "鼎盛", "恒通", "瑞丰", "中科", "远航", "金桥", "鸿达", "天合", "新泰", "宏远", "博创",
    "海川", "嘉盛", "润泽", "明德", "正阳", "聚能", "星宇", "立信", "众鑫", "长青", "云帆", "晟达",
)
COMPANY_TRADES = ("新能源", "科技", "新材料", "智能装备", "电子", "生物", "实业", "能源科技", "精密制造")
COMPANY_FORMS = ("有限公司", "股份有限公司", "集团有限公司")
STATUSES = ("签约", "开工", "开工建设", "竣工投产", "试生产", "主体完工", "落地", "加快建设")

# Indicators and how a figure of each is written.
INDICATORS = (
    ("地区生产总值", "亿元", (80, 3000)), ("规上工业增加值", None, None), ("固定资产投资", None, None),
    ("社会消费品零售总额", "亿元", (30, 1200)), ("一般公共预算收入", "亿元", (5, 300)),
    ("外贸进出口总额", "亿元", (10, 1500)), ("实际利用外资", "亿美元", (0.3, 20)),
    ("城镇居民人均可支配收入", "元", (28000, 72000)), ("农村居民人均可支配收入", "元", (15000, 42000)),
    ("工业投资", None, None), ("高新技术产业产值", "亿元", (50, 2000)), ("税收收入", "亿元", (4, 260)),
)
PERIODS = ("一季度", "上半年", "前三季度", "1-{m}月", "1至{m}月", "全年")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
GIVEN = "晓文华明丽志国建伟芳玉海军平红静涛宇欣然思远佳怡子涵浩博凯雪梅峰磊婷健嘉琳瑞祥"
NEWSPAPERS = ("日报", "晚报", "新闻网", "融媒体中心", "发布")
SPAM_WORDS = ("新全讯", "皇冠", "鑫宝", "彩乐", "金沙", "博乐")

OPENERS = (
    "今年以来，{place}坚持把发展经济的着力点放在实体经济上，",
    "近年来，{place}聚焦{industry}等主导产业，",
    "{period}，{place}经济运行稳中有进、进中向好，",
    "走进{place}{zone}，塔吊林立、机器轰鸣，",
    "{date}，记者从{place}{office}获悉，",
)
ZONES = ("经济开发区", "高新技术产业开发区", "产业园", "工业集中区", "综合保税区", "智能制造产业园")
OFFICES = ("统计局", "发展和改革局", "工业和信息化局", "商务局", "招商服务中心", "投资促进中心")
FILLERS = (
    "{place}坚持项目为王，以“一企一策”精准服务重点企业，持续优化营商环境，",
    "围绕{industry}产业链延链补链强链，{place}按图索骥开展精准招商，",
    "当地把科技创新摆在更加突出的位置，引导企业加大研发投入，",
    "一批技术改造项目陆续投产达效，为工业经济稳增长提供了有力支撑，",
    "{place}深入推进“放管服”改革，企业开办时间压缩至一个工作日以内，",
    "园区配套不断完善，标准厂房、人才公寓、物流通道同步建设，",
    "{place}积极培育专精特新企业，梯度培育体系日益健全，",
    "在{industry}领域，龙头企业带动上下游配套企业集聚发展，",
    "消费市场持续回暖，文旅、餐饮、住宿等接触型消费明显恢复，",
    "外贸企业积极开拓新兴市场，跨境电商等新业态快速发展，",
    "{place}统筹推进城乡融合发展，县域经济综合实力稳步提升，",
    "金融机构加大对制造业中长期贷款的投放力度，企业融资成本持续下降，",
    "数字化转型步伐加快，规上工业企业关键工序数控化率不断提高，",
    "绿色低碳转型扎实推进，单位地区生产总值能耗持续下降，",
)
# A filler sentence is also built from parts: who, what they do, to what end.
ACTORS = (
    "{place}", "当地", "{zone}", "{place}{office}", "园区管委会", "各乡镇（街道）", "相关部门", "{industry}企业",
    "重点企业", "市场主体", "{place}各级干部", "招商专班",
)
ACTIONS = (
    "聚焦{industry}建链延链", "实行“周调度、月通报、季观摩”", "开展“千企万户大走访”活动",
    "推行“拿地即开工”审批模式", "设立产业引导基金", "建设共享中试平台", "组建产业技术创新联盟",
    "落实减税降费政策", "推进“亩均论英雄”改革", "开通重点项目绿色通道", "实施新一轮技术改造",
    "举办{industry}专场推介会", "盘活闲置低效用地", "推动产学研深度合作", "完善企业服务专员制度",
    "扩大有效投资", "加快建设{industry}产业园", "引进高层次人才团队",
)
EFFECTS = (
    "为全年目标任务打下坚实基础", "企业获得感明显增强", "项目落地速度全面提升", "产业链韧性不断增强",
    "发展后劲持续积蓄", "新动能加快成长", "市场活力有效激发", "区域竞争力稳步提高", "要素保障更加有力",
    "一批“小巨人”企业脱颖而出", "集聚效应日益凸显", "经济发展质效持续提升",
)
CLOSERS = (
    "下一步，{place}将锚定全年目标任务，抓项目、稳投资、促消费，推动经济持续回升向好。",
    "{name}表示，将继续坚持稳中求进工作总基调，为高质量发展注入更多动能。",
    "据介绍，{place}将以更大力度推进{industry}产业集群建设，打造区域发展新的增长极。",
    "“我们对全年发展充满信心。”{place}{office}负责人{name}说。",
)
HEADINGS = (
    "项目建设跑出加速度", "产业集群蓄势成势", "创新驱动动能强劲", "营商环境持续优化", "开放合作迈出新步伐",
    "民生福祉不断增进", "招商引资成效显著", "绿色转型扎实推进", "消费市场活力迸发", "数字赋能提质增效",
)
NUMERALS = "一二三四五六七八九十"
FOOTERS = (
    "责任编辑：{name}", "编辑：{name}", "审核：{name}", "想爆料？请拨打热线电话0{d3}-{d8}", "网友评论",
    "版权所有 未经授权不得转载", "网站地图 | 联系我们 | 关于我们", "{prov}ICP备{d8}号", "相关阅读", "热点推荐",
)

# Characters an online converter annotates with their reading (chosen for the benchmark).
ANNOTATED = frozenset("業發區戰優監穩產設資項國營開經濟與運")
# fmt: on


# --- one article ------------------------------------------------------------------


@dataclass
class Spec:
    """How one article is written and saved; recorded in the manifest."""

    index: int
    codec: str  # the codec the saved bytes decode with ('mojibake' = UTF-8 misread as GB18030)
    style: str  # plain | web | newspaper | converter | traditional
    damage: list[str] = field(default_factory=list)
    newline: str = "lf"

    @property
    def suffix(self) -> str:
        return {
            "utf-8": "utf-8",
            "utf-8-sig": "utf-8-bom",
            "gb18030": "gb18030",
            "big5": "big5",
            "big5hkscs": "big5hkscs",  # a Big5 article holding a character only HKSCS has
            "utf-16-le-bom": "utf-16le-bom",
            "utf-16-be-bom": "utf-16be-bom",
            "utf-16-le": "utf-16le",
            "mojibake": "mojibake",
        }[self.codec]


# (codec, style, weight): the mix of encodings and kinds of article.
MIX = (
    ("utf-8", "web", 20),
    ("utf-8", "plain", 12),
    ("utf-8", "newspaper", 10),
    ("utf-8", "converter", 5),
    ("utf-8-sig", "plain", 10),
    ("gb18030", "web", 8),
    ("gb18030", "plain", 7),
    ("big5", "traditional", 10),
    ("utf-16-le-bom", "plain", 5),
    ("utf-16-be-bom", "plain", 3),
    ("utf-16-le", "plain", 4),
    ("mojibake", "plain", 3),
    ("utf-8", "plain-mojibake-line", 3),
)


class Writer:
    """Composes one article from the vocabularies with its own random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.province = rng.choice(list(PLACES))
        self.city = rng.choice(list(PLACES[self.province]))
        self.county = rng.choice(PLACES[self.province][self.city])
        self.place = rng.choice((self.county, self.city, self.county))
        self.industries = rng.sample(INDUSTRIES, 4)
        self.year = rng.randint(2019, 2025)
        self.month = rng.randint(1, 12)

    def pick(self, seq: tuple[str, ...] | str) -> str:
        return self.rng.choice(seq)

    def name(self) -> str:
        return self.pick(SURNAMES) + "".join(self.rng.choices(GIVEN, k=self.rng.choice((1, 2, 2))))

    def amount(self, low: float, high: float) -> str:
        value = self.rng.uniform(low, high)
        return f"{value:.0f}" if value >= 1000 else f"{value:.{self.rng.choice((1, 2))}f}"

    def growth(self) -> str:
        value = self.rng.uniform(-3.5, 28)
        return f"增长{value:.1f}%" if value >= 0 else f"下降{-value:.1f}%"

    def period(self) -> str:
        return self.pick(PERIODS).format(m=self.rng.randint(2, 11))

    def company(self) -> str:
        return self.pick(COMPANY_HEADS) + self.pick(COMPANY_TRADES) + self.pick(COMPANY_FORMS)

    def fill(self, template: str) -> str:
        return template.format(
            place=self.place,
            industry=self.pick(self.industries),
            period=self.period(),
            zone=self.pick(ZONES),
            office=self.pick(OFFICES),
            date=f"{self.month}月{self.rng.randint(1, 28)}日",
            name=self.name(),
        )

    def indicator_sentence(self) -> str:
        indicator, unit, bounds = self.rng.choice(INDICATORS)
        whole = {"市": "全市", "县": "全县", "区": "全区"}.get(self.place[-1], "全市")
        who = self.pick((self.place, whole, whole, self.city))
        period = self.period()
        if unit is None:  # a growth rate only
            extra = self.rng.random() < 0.4
            tail = f"，高出全省{self.rng.uniform(0.3, 9):.1f}个百分点" if extra else ""
            return f"{period}，{who}{indicator}同比{self.growth()}{tail}。"
        value = self.amount(*bounds)
        verb = self.pick(("完成", "实现", "达到", ""))
        return f"{period}，{who}{verb}{indicator}{value}{unit}，同比{self.growth()}。"

    def project_sentence(self) -> str:
        product, unit = self.rng.choice(PRODUCTS)
        size = self.rng.choice((2, 5, 10, 20, 30, 50, 100, 120))
        invest = self.amount(3, 180)
        status = self.pick(STATUSES)
        company = self.company()
        if self.rng.random() < 0.5:
            return f"由{company}投资建设的年产{size}{unit}{product}项目{status}，总投资{invest}亿元。"
        output = self.amount(5, 300)
        return f"总投资{invest}亿元的{company}{product}生产基地项目{status}，达产后可实现年产值{output}亿元。"

    def list_sentence(self) -> str:
        n, total = self.rng.randint(12, 160), self.amount(40, 1600)
        return (
            f"{self.year}年，{self.place}新签约亿元以上项目{n}个、总投资{total}亿元，"
            f"其中10亿元以上项目{self.rng.randint(2, 20)}个，{self.pick(self.industries)}项目占比"
            f"{self.rng.randint(15, 60)}%。"
        )

    def filler(self) -> str:
        if self.rng.random() < 0.3:
            return self.fill(self.pick(FILLERS)).rstrip("，") + "。"
        actions = "，".join(self.fill(a) for a in self.rng.sample(ACTIONS, self.rng.randint(1, 3)))
        return f"{self.fill(self.pick(ACTORS))}{actions}，{self.pick(EFFECTS)}。"

    def paragraph(self) -> str:
        parts = [self.filler()]
        for _ in range(self.rng.randint(2, 5)):
            roll = self.rng.random()
            if roll < 0.4:
                parts.append(self.indicator_sentence())
            elif roll < 0.65:
                parts.append(self.project_sentence())
            elif roll < 0.75:
                parts.append(self.list_sentence())
            else:
                parts.append(self.filler())
        return "".join(parts)

    def title(self) -> str:
        industry = self.pick(self.industries)
        return self.pick(
            (
                f"{self.place}：{industry}产业集群跑出发展“加速度”",
                f"{self.period()}{self.place}经济运行稳中向好",
                f"{self.place}{self.year}年重点项目建设综述",
                f"聚力{industry} {self.place}打造高质量发展新引擎",
                f"{self.city}{self.place}：项目为王 实干争先",
            )
        )

    def body(self, target_bytes: int, headings: bool) -> list[str]:
        paras = [self.fill(self.pick(OPENERS)) + self.paragraph()]
        n = 0
        while sum(len(p.encode("utf-8")) + 1 for p in paras) < target_bytes:
            if headings and self.rng.random() < 0.18:
                paras.append(f"{NUMERALS[n % 10]}、{self.pick(HEADINGS)}")
                n += 1
            paras.append(self.paragraph())
        paras.append(self.fill(self.pick(CLOSERS)))
        return paras

    def footer(self) -> list[str]:
        lines = [
            self.pick(FOOTERS).format(
                name=self.name(),
                d3=self.rng.randint(10, 999),
                d8=self.rng.randint(10**7, 10**8 - 1),
                prov=self.province[0],
            )
            for _ in range(self.rng.randint(2, 5))
        ]
        return list(dict.fromkeys(lines))


def compose(spec: Spec, rng: random.Random) -> str:
    """The article's text as the author's tools left it (before encoding)."""
    w = Writer(rng)
    target = int(rng.triangular(3000, 9600, 5200))  # UTF-8 bytes of the body, before damage
    title = w.title()
    reporter, helper = w.name(), w.name()
    outlet = w.city[:-1] + rng.choice(NEWSPAPERS)
    lines: list[str] = []
    body = w.body(target, headings=spec.style in ("web", "newspaper", "plain"))
    if spec.style == "web":
        spam = rng.choice(SPAM_WORDS) + str(rng.randint(1, 9)) + "网"
        lines += [
            f"{title}-{spam}",
            "",
            f"来源：{outlet}",
            "",
            f"作者：{reporter}",
            "",
            f"{w.year}-{w.month:02d}-{rng.randint(1, 28):02d} {rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}:"
            f"{rng.randint(0, 59):02d}",
            "",
        ]
        if rng.random() < 0.5:
            lines += ["编者按：" + w.paragraph(), ""]
        lines += ["\n\n".join(body), "", *w.footer(), f"{spam}版权所有"]
        spec.damage.append("boilerplate")
    elif spec.style == "newspaper":
        lines += [
            f"找记者 上{outlet}",
            f"读者热线：0{rng.randint(10, 999)}-{rng.randint(10**7, 10**8 - 1)}",
            f"{outlet} {w.year}.{w.month}.{rng.randint(1, 28)}",
            f"## {title}",
            f"本报记者 {reporter} 通讯员 {helper}",
            *body,
        ]
        spec.damage.append("boilerplate")
    elif spec.style in ("converter", "traditional"):
        lines += [title, *body]
        if rng.random() < 0.6:
            lines += [
                f"编辑：{w.name()}",
                "- 热点推荐",
                "- 相关阅读",
                f"{w.place}{rng.choice(HEADINGS)} {w.month:02d}-{rng.randint(1, 28):02d}",
            ]
            spec.damage.append("boilerplate")
    else:  # plain
        byline = rng.choice((f"本报讯（记者 {reporter} 通讯员 {helper}）", f"（记者 {reporter}）", ""))
        lines += [title, *([byline] if byline else []), *body, f"（来源：{outlet}）"]
    text = "\n".join(lines)

    if spec.style in ("converter", "traditional"):
        text = to_traditional(text)
    if spec.style == "converter":
        text = converter_damage(text, rng)
        spec.damage += ["pinyin", "doubled_punctuation"]
    if spec.style in ("web", "plain") and rng.random() < 0.45:
        text = ascii_punctuation(text)
        spec.damage.append("ascii_commas")
    if spec.style == "newspaper" or (spec.style == "plain" and rng.random() < 0.15):
        text = break_paragraphs(text, rng)
        spec.damage.append("broken_paragraphs")
    if spec.style == "plain-mojibake-line":
        text = mojibake_line(text, rng)
        spec.damage.append("mojibake_line")
    return text


@cache
def _s2t():  # an OpenCC converter, built once
    import opencc

    return opencc.OpenCC("s2tw")


def to_traditional(text: str) -> str:
    return _s2t().convert(text)


def converter_damage(text: str, rng: random.Random) -> str:
    """What an online simplified→traditional converter leaves: readings in brackets and doubled marks."""
    from pypinyin import Style, pinyin

    out = []
    for ch in text:
        out.append(ch)
        if ch in ANNOTATED and rng.random() < 0.85:
            reading = pinyin(ch, style=Style.TONE)[0][0]
            if reading and reading != ch:
                out.append(f"({reading})")
    text = "".join(out).replace("，", ",,").replace("、", ",、")
    return "\n".join(
        line[:-1] + ",。" if line.endswith("。") and rng.random() < 0.3 else line for line in text.split("\n")
    )


def ascii_punctuation(text: str) -> str:
    """A scraper's output: ASCII commas, colons and brackets in Chinese text."""
    return text.translate(str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")", "；": ";"}))


def break_paragraphs(text: str, rng: random.Random) -> str:
    """Text copied from a newspaper page: long paragraphs hard-wrapped at a fixed width."""
    width = rng.randint(18, 36)
    out = []
    for line in text.split("\n"):
        if len(line) <= width * 1.5:
            out.append(line)
            continue
        out += [line[i : i + width] for i in range(0, len(line), width)]
    return "\n".join(out)


def mojibake_line(text: str, rng: random.Random) -> str:
    """One paragraph pasted from a page that was read with the wrong codec."""
    lines = text.split("\n")
    candidates = [i for i, line in enumerate(lines) if len(line) > 40]
    i = rng.choice(candidates)
    lines[i] = lines[i].encode("utf-8").decode("gb18030", errors="replace")
    return "\n".join(lines)


def encode(spec: Spec, text: str) -> bytes:
    """The bytes the saving tool wrote; falls back to a codec that can hold every character."""
    if spec.newline == "crlf":
        text = text.replace("\n", "\r\n")
    if spec.codec == "mojibake":
        return text.encode("utf-8").decode("gb18030", errors="replace").encode("utf-8")
    if spec.codec == "utf-16-le-bom":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if spec.codec == "utf-16-be-bom":
        return b"\xfe\xff" + text.encode("utf-16-be")
    for codec in (spec.codec, "big5hkscs") if spec.codec == "big5" else (spec.codec,):
        try:
            data = text.encode(codec)
        except UnicodeEncodeError:
            continue
        spec.codec = codec
        return data
    spec.damage.append("unencodable_fallback_utf-8")
    spec.codec = "utf-8"
    return text.encode("utf-8")


def article(seed: int, index: int) -> tuple[Spec, bytes]:
    """Article ``index`` of the corpus ``seed``: its spec and its bytes."""
    rng = random.Random(f"jingji-bench:{seed}:{index}")
    codec, style, _ = rng.choices(MIX, weights=[m[2] for m in MIX])[0]
    spec = Spec(index=index, codec=codec, style=style)
    if codec not in ("utf-16-le-bom", "utf-16-be-bom", "utf-16-le") and rng.random() < 0.1:
        spec.newline = "crlf"
    text = compose(spec, rng)
    if style == "plain-mojibake-line":
        spec.style = "plain"
    return spec, encode(spec, text)


def file_name(spec: Spec) -> str:
    # 100 files per folder, as a year of downloads might be sorted
    return f"{spec.index // 100:04d}/article-{spec.index:06d}_{spec.suffix}.txt"


def generate(n: int, out: Path, seed: int = 7, start: int = 0) -> dict[str, int]:
    """Write articles ``start … start+n-1`` into ``out`` (emptied first) and ``<out>.manifest.tsv``."""
    if out.exists():
        shutil.rmtree(out)
    rows = ["path\tcodec\tstyle\tdamage\tnewline\tbytes"]
    stats: Counter[str] = Counter()
    for index in range(start, start + n):
        spec, data = article(seed, index)
        path = out / file_name(spec)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        rows.append(
            "\t".join(
                [file_name(spec), spec.codec, spec.style, ",".join(spec.damage) or "none", spec.newline, str(len(data))]
            )
        )
        stats["bytes"] += len(data)
        stats[f"codec:{spec.codec}"] += 1
    out.with_name(out.name + ".manifest.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    stats["files"] = n
    return dict(stats)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("out", type=Path, help="folder to (re)create")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--start", type=int, default=0, help="index of the first article (default 0)")
    args = parser.parse_args()
    stats = generate(args.n, args.out, args.seed, args.start)
    print(f"wrote {stats['files']} articles, {stats['bytes'] / 1e6:.2f} MB, into {args.out}")
    for key, value in sorted(stats.items()):
        if key.startswith("codec:"):
            print(f"  {key[6:]:12s} {value}")


if __name__ == "__main__":
    main()
