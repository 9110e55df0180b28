"""Paragraph layout: one paragraph per line, headings on their own, broken sentences rejoined.

Output format (the project's decision): paragraphs are separated by exactly
**one** ``\\n``; there are no blank lines, no indentation, no trailing spaces,
and no newline at the very end. Sources disagree — some put a blank line
between paragraphs, some a single newline, some both within one article —
so a blank line carries no meaning of its own and is dropped. A heading is a
paragraph of its own.

The repairs, each with its tag in ``documents.repairs``:

``line_breaks``
    CR/CRLF and Unicode line separators become ``\\n``; blank lines,
    indentation and trailing spaces are removed (the detail says which).
``headings``
    Markdown heading marks are removed: ``## 标题`` → ``标题``.
``reflow``
    A paragraph broken mid-sentence — by a newspaper column, a copy-paste, a
    hard wrap — is joined to its continuation; and a *displaced column
    fragment* (a sentence start left at the end of the page, its tail printed
    elsewhere as a paragraph of its own) is moved to its tail and joined.

When is a break *mid-sentence*? The line before it must not end a sentence
(。！？…；： or a closing quote after one of them) and neither side may be a
heading or a list item. Then one of these must hold, strongest first:

* the next line starts with punctuation no sentence starts with (，。、）”%);
* the line ends with a comma, 顿号, opening quote or bracket, or a dash;
* a jieba dictionary word spans the break (``提速增|效`` → 增效; it never
  did across the 210 sentence and paragraph boundaries of the seed articles,
  and does at about half of random mid-sentence breaks);
* the line ends on a function word no sentence ends with (``……也是``,
  ``……位于``; listed in ``transforms/data/layout_unfinished_endings.txt``),
  or the next starts on a particle no sentence starts with (``的``, ``了``;
  ``layout_continuation_starts.txt``), or the line leaves a quote or bracket
  open that the next one closes (``“千企|万户”``);
* the document is hard-wrapped at a fixed width, the line fills it (and is
  not a two-part heading with a space inside), and the next line does not
  open like a paragraph (see below);
* the line is prose (a sentence end or two clauses inside, or a clause
  opening like a paragraph, ``今年以来，……``) that simply stops on a
  character, and the next line does not open the way paragraphs do
  (``今年以来``, ``据了解``, ``一是``, ``2024年是``… listed in
  ``transforms/data/layout_paragraph_openers.txt``).

The last rule is the brief's "clearly unfinished prose", and it cannot tell
a sentence cut by the layout from a paragraph that merely lacks its final
。: it also joins most of the latter. That is the cheaper mistake — a lost
full stop merges two sentences, while a missed join splits one, and with it
a figure from its subject — and edited news seldom drops a full stop.

Headings are short lines with no clause or sentence punctuation inside
(``聚焦主导产业``, ``回望2023：砥砺前行``…). A short line that does have a
comma inside but ends on a character is ambiguous — a heading like
``稳字当头，进字为先`` or half of a broken sentence — and is joined only on
word evidence (dictionary, function word) or punctuation. A label-like line
is taken for a broken sentence only on word evidence, and only when it has no
space inside (``产业升级 筑牢根基`` and ``记者 孙立`` are headings whatever
follows). Everything else stays as it was: the stage never joins two
headings, a heading to prose, or two list items.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from transforms import data_words
from transforms.lines import column_count
from transforms.repairs import Fixed, Repair
from transforms.script import to_simplified

HEADING_MAX_CHARS = 40  # a line at most this long without inner punctuation is a heading
WRAP_MIN_WIDTH = 20  # display columns (10 CJK characters): a narrow newspaper column
WRAP_TOLERANCE = 4  # a wrapped line may fall this many columns short (a CJK char is 2; kinsoku)

# Punctuation that ends a sentence (either width); ：and ；end a line that introduces a list.
_TERMINAL = set("。！？!?…；;：:.．")
_CLOSERS = set('”’"」』）)】]》〉')
_QUOTE_CLOSERS = set('”’"」』》〉')  # closers that may end a quoted term mid-sentence
# A line ending in these is unfinished: a heading never ends in a comma or an opening bracket.
_OPEN_ENDINGS = set("，,、“‘「『（(【[《〈—-－～~/·")
# No sentence or paragraph starts with these (the kinsoku rule of Chinese typesetting).
_CONTINUATION_STARTS = set("，,、。．；;：:！!？?）)」』”’》〉%％")
# Clause or sentence punctuation: its presence inside a line makes it prose, not a heading.
_CLAUSE_PUNCT = re.compile(r"[，,、；;。！？!?]")
_SENTENCE_END_INSIDE = re.compile(r"[。！？!?]")

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TRAILING_CJK = re.compile(f"[{_CJK}]{{1,6}}$")
_LEADING_CJK = re.compile(f"^[{_CJK}]{{1,6}}")

# Bullets and enumerations: such a line starts its own item and is never glued to the one before.
_LIST_START = re.compile(
    r"""^(?:
        [-*+•·●○◆◇■□▪►▶★☆|]\s*          # bullets, and table rows ("| 指标 | 数值 |")
      | \d{1,2}\s*[.、．)）](?!\d)          # 1. 1、 1)
      | [（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[）)]  # （一） (1)
      | [一二三四五六七八九十]{1,3}\s*[、．.]  # 一、
      | [①-⑳⑴-⒇]                         # circled and parenthesised numbers
      | 第[一二三四五六七八九十\d]{1,3}[章节条部篇]
    )""",
    re.VERBOSE,
)
_BULLET = re.compile(r"^[-*+•·●○◆◇■□▪►▶★☆|]")

# Markdown ATX heading marks; a "#话题#" hashtag is not a heading.
# After the marks: a space, or (sloppy Chinese Markdown) straight a character, never punctuation.
_ATX = re.compile(r"^#{1,6}(?:[ \t\u3000]+|(?=\w))(?P<title>.*?)(?:[ \t\u3000]+#+)?$")
_BARE_MARKS = re.compile(r"^#{1,6}$")
_HASHTAG = re.compile(r"^#[^#\s]+#")
_SETEXT_UNDERLINE = re.compile(r"^(?:=+|-+)$")

# A year opening a paragraph: "2024年是……", "2023年，……", "2023年以来".
_YEAR_OPENER = re.compile(r"^(?:19|20)\d{2}年(?:是|，|,|以来|上半年|前三季度|全年|底|末)")

_NEWLINES = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_INDENT = re.compile(r"^(?:[ \t\xa0]{2,}|[\u3000\t])")


@dataclass
class _Para:
    """A paragraph being rebuilt; ``last_width`` is the display width of its last source line."""

    text: str
    indented: bool = False
    marked: bool = False  # carried markdown heading marks: kept out of the wrap-width estimate
    last_width: int = 0


def display_width(line: str) -> int:
    """Columns ``line`` takes in a monospaced layout: CJK and full-width characters count 2.

    >>> display_width("枣庄GDP")
    7
    """
    if line.isascii():
        return len(line)
    wide, astral = _wide_patterns()
    if astral.search(line):  # beyond the BMP (rare in an article): one character at a time
        return sum(map(_WIDTHS.__getitem__, line))
    # Wide characters count twice: the length plus the length of the wide runs (found in C).
    return len(line) + sum(map(len, wide.findall(line)))


@cache
def _wide_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A pattern of runs of wide (``W``/``F``) BMP characters, and one of any character beyond the BMP.

    Built once per process from ``unicodedata`` (about 0.01 s), so it agrees with
    :func:`unicodedata.east_asian_width` whatever Unicode version Python ships.
    Only the BMP: ``re`` matches a BMP character class with a bitmap, a wider one range by range.
    """
    ranges: list[list[int]] = []
    for cp in range(0x10000):
        if unicodedata.east_asian_width(chr(cp)) in "WF":
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    wide = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" if a < b else re.escape(chr(a)) for a, b in ranges)
    return re.compile(f"[{wide}]+"), re.compile("[\U00010000-\U0010ffff]")


class _Widths(dict[str, int]):
    """Columns per character, looked up once per character met."""

    def __missing__(self, ch: str) -> int:
        width = self[ch] = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        return width


_WIDTHS = _Widths()


def strip_heading_mark(line: str) -> str | None:
    """The title of a markdown heading line, or ``None`` when ``line`` is not one.

    Why: articles copied from Markdown editors or converted from HTML keep
    ``##`` marks that are layout, not text. An empty heading gives ``""``.

    >>> strip_heading_mark("## 峄城区：石榴产业结出致富果")
    '峄城区：石榴产业结出致富果'
    >>> strip_heading_mark("###项目攻坚 跑出发展加速度 ###")
    '项目攻坚 跑出发展加速度'
    >>> strip_heading_mark("## ##")
    ''
    >>> strip_heading_mark("#峄城石榴# 今天发布了新政策。") is None
    True
    """
    if not line.startswith("#"):
        return None  # every pattern below starts with a mark: most lines are decided here
    if _BARE_MARKS.match(line):
        return ""
    if _HASHTAG.match(line):
        return None
    match = _ATX.match(line)
    if match is None:
        return None
    title = match.group("title").strip()
    if not title.strip("#"):
        return ""
    again = strip_heading_mark(title)  # "## ## 标题", marks doubled by a second conversion
    return title if again is None else again


def end_class(line: str) -> str:
    """How ``line`` ends: ``terminal``, ``open`` (comma, bracket…), ``closer`` or ``word``.

    A closing quote or bracket right after sentence-final punctuation ends the
    sentence with it (``……”。`` and ``……。”`` alike).

    >>> [end_class(s) for s in ("增长6%。", "他说：“很好。”", "电池", "链长制”", "引擎，", "(来源：鲁南日报)")]
    ['terminal', 'terminal', 'word', 'closer', 'open', 'closer']
    """
    stripped = line.rstrip()
    if not stripped:
        return "terminal"
    last = stripped[-1]
    if last in _TERMINAL:
        return "terminal"
    if last in _CLOSERS:
        core = stripped.rstrip("".join(_CLOSERS))
        return "terminal" if core and core[-1] in _TERMINAL else "closer"
    if last in _OPEN_ENDINGS:
        return "open"
    return "word"


def is_heading(line: str) -> bool:
    """Whether ``line`` reads as a heading, byline or label rather than prose.

    Short (at most :data:`HEADING_MAX_CHARS` characters), not ending a
    sentence, and with no clause or sentence punctuation inside: headings in
    Chinese news separate their halves with a space or a colon
    (``产业发展 坚持“制造强区”不放松``). Lines that do carry a comma are judged
    by :func:`line_kind`.

    >>> is_heading("聚焦主导产业")
    True
    >>> is_heading("回望2023：砥砺前行 硕果盈枝")
    True
    >>> is_heading("今年以来，薛城区有序推进项目建设。")
    False
    """
    return line_kind(line) == "heading"


def line_kind(line: str) -> str:
    """Classify a line: ``list``, ``heading``, ``short`` (a comma-bearing fragment) or ``prose``.

    >>> [line_kind(s) for s in ("- 推荐阅读", "聚焦主导产业", "稳字当头，进字为先",
    ...                         "一、聚焦项目建设，全力稳住投资。")]
    ['list', 'heading', 'short', 'list']
    >>> line_kind("今年以来，薛城区有序推进项目建设。")
    'prose'
    """
    if _LIST_START.match(line):
        return "list"
    end = end_class(line)
    if end == "terminal" or _SENTENCE_END_INSIDE.search(line):
        return "prose"
    clauses = len(_CLAUSE_PUNCT.findall(line))
    if clauses >= 2:  # a heading may pair two phrases with a comma, never three
        return "prose"
    if len(line) <= HEADING_MAX_CHARS:
        return "short" if clauses or end == "open" else "heading"
    # A long line without any punctuation is a caption or label, not a broken sentence.
    return "prose" if _CLAUSE_PUNCT.search(line) else "heading"


@lru_cache(maxsize=16384)  # the ends of a line are looked at by several tests
def _simplified_window(piece: str) -> str:
    """``piece`` in simplified characters for a dictionary lookup, when conversion keeps its length."""
    converted = to_simplified(piece)
    return converted if len(converted) == len(piece) else piece


# What jieba's own tokenizer reads as Chinese: a window of only these is cut the same by jieba-rs.
_JIEBA_HAN = re.compile("[\u4e00-\u9fd5]+")
_JIEBA_HAN_BLOCKS = re.compile("([\u4e00-\u9fd5]+)")


@lru_cache(maxsize=16384)
def _segment(text: str) -> tuple[str, ...]:
    """jieba's dictionary-only segmentation of a short window (cached: windows repeat).

    jieba-rs (``rjieba``, which ships jieba's dictionary) cuts a window of
    Chinese characters into the same words as jieba's ``cut(HMM=False)``, many
    times faster. A window may also hold ideographs jieba's tokenizer does not
    read as Chinese (extension A, compatibility forms): jieba cuts the blocks
    between them and gives each of them as a word of its own, and so does this,
    without loading jieba's Python tokenizer.

    >>> _segment("全年目标任务"), _segment("项目\u3400建设")
    (('全年', '目标', '任务'), ('项目', '\u3400', '建设'))
    """
    import rjieba  # its module-level tokenizer: jieba's dictionary, none of ours

    if _JIEBA_HAN.fullmatch(text):
        return tuple(rjieba.cut(text, False))
    words: list[str] = []
    for i, block in enumerate(_JIEBA_HAN_BLOCKS.split(text)):
        if i % 2:  # the split keeps the Han blocks at odd places
            words += rjieba.cut(block, False)
        else:
            words += block  # one word per character, as jieba yields what it cannot read
    return tuple(words)


def spanning_word(left: str, right: str) -> str | None:
    """The dictionary word jieba finds across the boundary of ``left`` + ``right``, if any.

    Only the CJK characters next to the break (up to six each side) are
    segmented, converted to simplified characters first because jieba's
    dictionary is simplified. ``HMM=False`` so only dictionary words count,
    never words jieba guesses.

    >>> spanning_word("各项经济指标完成良好，全年目标任", "务圆满完成")
    '任务'
    >>> spanning_word("全年目標任", "務圓滿完成")
    '任务'
    >>> spanning_word("加快培育新能源，电池", "材料产业加速集聚") is None
    True
    """
    tail = _TRAILING_CJK.search(left)
    head = _LEADING_CJK.match(right)
    if tail is None or head is None:
        return None
    left_part, right_part = _simplified_window(tail.group()), _simplified_window(head.group())
    boundary, start = len(left_part), 0
    for token in _segment(left_part + right_part):
        end = start + len(token)
        if start < boundary < end:
            return token
        if start >= boundary:
            break
        start = end
    return None


def _orphaned_edges(left: str, right: str) -> bool:
    """Whether the break leaves a lone character on *both* sides (``目标任`` | ``务圆满``).

    Why: a fragment cut from its sentence by the page layout ends in half a
    word (``目标任``) and its tail starts with the other half (``务圆满``); a
    genuine paragraph start seldom begins with a character jieba cannot place
    in a word.
    """
    tail = _TRAILING_CJK.search(left)
    head = _LEADING_CJK.match(right)
    if tail is None or head is None:
        return False
    left_tokens = _segment(_simplified_window(tail.group()))
    right_tokens = _segment(_simplified_window(head.group()))
    return len(left_tokens[-1]) == 1 and len(right_tokens[0]) == 1


@cache
def _paragraph_openers() -> tuple[str, ...]:
    """Words that open a paragraph (``今年以来``, ``据了解``, ``一是``…), from the bundled list."""
    return tuple(sorted(set(data_words("layout_paragraph_openers.txt")), key=len, reverse=True))


@cache
def _unfinished_endings() -> frozenset[str]:
    """Function words no sentence ends with (``的``, ``是``, ``在``, ``和``…), from the bundled list."""
    return frozenset(data_words("layout_unfinished_endings.txt"))


def ends_on_function_word(line: str) -> bool:
    """Whether the last word of ``line`` is a function word that cannot end a sentence.

    Why: ``……也是`` or ``……项目位于`` is unfinished whatever its length; a
    heading never ends on a preposition, a conjunction or ``的``. The last
    *word* is found with jieba, so ``协同`` does not count as ``同``.

    >>> ends_on_function_word("今年是项目建设攻坚之年，也是")
    True
    >>> ends_on_function_word("推动产业协同")
    False
    >>> ends_on_function_word("項目位於")
    True
    """
    tail = _TRAILING_CJK.search(line)
    if tail is None:
        return False
    tokens = _segment(_simplified_window(tail.group()))
    return bool(tokens) and tokens[-1] in _unfinished_endings()


@cache
def _continuation_words() -> frozenset[str]:
    """Particles and suffixes no sentence starts with (``的``, ``了``, ``们``…), from the bundled list."""
    return frozenset(data_words("layout_continuation_starts.txt"))


def starts_on_particle(line: str) -> bool:
    """Whether the first word of ``line`` is a particle or suffix that cannot start a sentence.

    >>> starts_on_particle("的重要引擎。")
    True
    >>> starts_on_particle("的确如此。")
    False
    >>> starts_on_particle("地区生产总值同比增长5.5%。")
    False
    """
    head = _LEADING_CJK.match(line)
    if head is None:
        return False
    tokens = _segment(_simplified_window(head.group()))
    return bool(tokens) and tokens[0] in _continuation_words()


_PAIRS = {"“": "”", "（": "）", "(": ")", "《": "》", "「": "」", "『": "』", "【": "】", "‘": "’"}
_OPENER = re.compile("[" + re.escape("".join(_PAIRS)) + "]")


def unclosed_pair(prev: str, nxt: str) -> bool:
    """Whether ``prev`` leaves a quote or bracket open that ``nxt`` closes.

    Why: a sentence cut inside ``“千企万户”`` or ``（记者 孙立）`` leaves the
    opening mark on one line and the closing one on the next.

    >>> unclosed_pair("全区开展“千企", "万户大走访”活动，收集问题120条。")
    True
    >>> unclosed_pair("推行“链长制”", "精准招商。")
    False
    """
    if _OPENER.search(prev) is None:
        return False  # nothing opened: the common case, decided in one search
    for opener, closer in _PAIRS.items():
        if prev.count(opener) > prev.count(closer):
            head = nxt.split(opener, 1)[0]
            if closer in head:
                return True
    return False


def opens_paragraph(line: str) -> bool:
    """Whether ``line`` starts the way a new paragraph typically does.

    Why: a paragraph that lacks its final 。 looks just like one broken
    mid-sentence; when the next line opens with ``今年以来`` or ``2024年是``, the
    missing full stop is the likelier story. Only the weakest evidence for a
    join (a long line stopping on a character) yields to this.

    >>> opens_paragraph("今年以來，薛城區持續加大項目投資力度。")
    True
    >>> opens_paragraph("2023年是全区项目建设提速之年。")
    True
    >>> opens_paragraph("材料产业园入选省级化工园区。")
    False
    """
    head = _simplified_window(line[:12])
    return head.startswith(_paragraph_openers()) or bool(_YEAR_OPENER.match(head))


def continuation_reason(
    prev: str, nxt: str, *, prev_fills_wrap: bool = False, next_indented: bool = False
) -> str | None:
    """Why ``nxt`` continues the sentence ``prev`` breaks off, or ``None`` if it does not.

    The evidence and the guards are listed in the module docstring. The
    keyword flags carry what only the whole document shows: whether it is
    hard-wrapped and ``prev`` fills the wrap width, and whether
    ``nxt`` is indented where indentation marks paragraph starts.

    >>> continuation_reason("围绕主导产业招大引强，培育壮大新能源、新材料等产业，电池", "材料产业园建成投用。")
    'unfinished'
    >>> continuation_reason("作为市级重点项目，鲁南智造装备有限公司", "，年产5万台农机项目开工。")
    'punctuation'
    >>> continuation_reason("项目攻坚 跑出发展加速度", "过去一年，台儿庄区项目建设提速。") is None
    True
    >>> continuation_reason("聚焦主导产业", "培育发展新动能") is None
    True
    >>> continuation_reason("全年新签约项目41个。", "总投资186.3亿元。") is None
    True
    >>> continuation_reason("1\u3000产业园\u3000估算投资5亿元\u3000建设", "2\u3000学校\u3000概算投资8000万元") is None
    True
    """
    # Most breaks follow a finished sentence: that is decided before either line is classified.
    prev_end = end_class(prev)
    if prev_end == "terminal" or _BULLET.match(prev):
        return None
    if column_count(prev) >= 3 and column_count(nxt) >= 3:
        return None  # two rows of a table laid out in columns: a row ends where its line does
    if nxt[:1] in _CONTINUATION_STARTS:
        return "punctuation"
    next_kind = line_kind(nxt)
    if next_kind == "list" or next_indented:
        return None
    if unclosed_pair(prev, nxt):
        return "unclosed"
    prev_kind = line_kind(prev)
    if prev_fills_wrap and not opens_paragraph(nxt) and not (prev_kind == "heading" and re.search(r"\s", prev)):
        # The next line may be short and bare (the tail of a wrapped heading); a full-width line
        # with a space inside is a two-part heading, complete as it is.
        return "wrap"
    if next_kind == "heading":
        return None
    if prev_kind == "list" and _is_numbered_heading(prev):
        return None  # 一、2023年工作回顾: words across the break ("回顾|过去") prove nothing here
    if prev_end == "word" and starts_on_particle(nxt):
        return "particle"
    if prev_kind == "heading":
        # A label-like line (no punctuation) is a heading unless the words prove otherwise: a
        # dictionary word across the break, or a function word at its end; never with a space
        # inside (two-part headings, bylines).
        if re.search(r"\s", prev) or next_kind != "prose" or prev_end != "word":
            return None
        if spanning_word(prev, nxt):
            return "dictionary"
        if ends_on_function_word(prev) and not opens_paragraph(nxt):
            return "function_word"
        return None
    if prev_end == "open" and (prev_kind != "short" or next_kind == "prose"):
        return "open"
    if prev_end in ("word", "closer") and spanning_word(prev, nxt):
        return "dictionary"
    if prev_end == "word" and ends_on_function_word(prev) and not opens_paragraph(nxt):
        return "function_word"
    # Prose: two clauses or more, a long enumerated item, or a clause opening like a paragraph
    # ("今年以来，……" is no heading).
    long_prose = (
        prev_kind == "prose"
        or (prev_kind == "list" and len(prev) > HEADING_MAX_CHARS)
        or (prev_kind == "short" and opens_paragraph(prev))
    )
    if long_prose and (prev_end == "word" or prev[-1] in _QUOTE_CLOSERS) and not opens_paragraph(nxt):
        return "unfinished"
    return None


def _is_numbered_heading(line: str) -> bool:
    """A short numbered item with no clause punctuation after its number: a section heading.

    >>> _is_numbered_heading("一、2024年工作回顾"), _is_numbered_heading("（二）加快项目建设")
    (True, True)
    >>> _is_numbered_heading("1、全年新签约项目41个，总投资186亿元")
    False
    """
    start = _LIST_START.match(line)
    body = line[start.end() :] if start else line
    return len(line) <= HEADING_MAX_CHARS and not _CLAUSE_PUNCT.search(body) and line[:1] not in "-*+•·●○◆◇■□▪►▶★☆|"


def _wrap_width(paras: list[_Para]) -> int | None:
    """The width a hard-wrapped document was wrapped at, or ``None`` if it was not.

    Hard-wrapped text (a PDF or e-paper export, a fixed-width mail) has many
    lines of nearly the same width, none much wider, most of them ending
    mid-sentence, and they are prose (they carry commas), not a table.
    """
    widths = [p.last_width for p in paras if not p.marked]
    if len(widths) < 6:
        return None
    per_width = Counter(widths)
    # A window holds at most WRAP_TOLERANCE + 1 widths: when even the most frequent ones together fall
    # short, no width qualifies (most documents, whose paragraphs vary in width, end here).
    if sum(heapq.nlargest(WRAP_TOLERANCE + 1, per_width.values())) < max(4, 0.4 * len(widths)):
        return None
    best_width, best_count = 0, 0
    steps = sorted(per_width.items())
    low, count = 0, 0  # count: lines of width steps[low][0] … width (a sliding window)
    for width, n in steps:
        count += n
        while steps[low][0] < width - WRAP_TOLERANCE:
            count -= steps[low][1]
            low += 1
        if width < WRAP_MIN_WIDTH:
            continue
        if count >= best_count:
            best_width, best_count = width, count
    if best_count < 4 or best_count < 0.4 * len(widths):
        return None
    if sum(w > best_width + 2 for w in widths) > 0.05 * len(widths):
        return None
    full = [p.text for p in paras if best_width - WRAP_TOLERANCE <= p.last_width <= best_width]
    if sum(end_class(t) != "terminal" for t in full) < 0.5 * len(full):
        return None
    if sum(bool(_CLAUSE_PUNCT.search(t)) for t in full) < 0.5 * len(full):
        return None
    return best_width


_ENGLISH_TAIL = re.compile(r"[A-Za-z]+ [A-Za-z]+$")


def _join(left: str, right: str) -> str:
    """Concatenate two halves of a sentence.

    Chinese has no spaces, and a Latin acronym cut by a hard wrap (``GD|P``)
    joins without one; only a break inside English prose (``the|report``,
    spaced words before the break) gets its space back.

    >>> _join("市中区GD", "P完成257亿元")
    '市中区GDP完成257亿元'
    >>> _join("according to the", "report")
    'according to the report'
    """
    if _ENGLISH_TAIL.search(left) and right[:1].isascii() and right[:1].isalpha():
        return f"{left} {right}"
    return left + right


def _break_label(left: str, right: str) -> str:
    return f"{left[-4:]}|{right[:4]}"


def rejoin_broken_paragraphs(paras: list[_Para]) -> tuple[list[_Para], list[str]]:
    """Join every paragraph to the next one while :func:`continuation_reason` finds a reason.

    Returns the new paragraphs and, for the repair detail, one ``left|right (reason)``
    label per join.
    """
    if not paras:
        return paras, []
    wrap = _wrap_width(paras)
    indents_mark_paragraphs = sum(p.indented for p in paras) >= 3

    def fills(p: _Para) -> bool:
        return wrap is not None and wrap - WRAP_TOLERANCE <= p.last_width <= wrap + 2

    joins: list[str] = []
    while True:  # until nothing changes: a join can change how the joined line reads
        out: list[_Para] = [paras[0]]
        before = len(joins)
        for para in paras[1:]:
            prev = out[-1]
            if prev.text[-1:] in _TERMINAL:
                # A finished sentence: continuation_reason would say None first thing (most breaks).
                out.append(para)
                continue
            # A line that had "##" marks is judged by what it says, like any other: the marks are
            # gone from the output, and a second pass must come to the same result.
            reason = continuation_reason(
                prev.text,
                para.text,
                prev_fills_wrap=fills(prev),
                next_indented=indents_mark_paragraphs and para.indented,
            )
            if reason is None:
                out.append(para)
                continue
            joins.append(f"{_break_label(prev.text, para.text)} ({reason})")
            out[-1] = _Para(_join(prev.text, para.text), prev.indented, False, para.last_width)
        if len(joins) == before:
            return out, joins
        paras = out


def rejoin_displaced_fragments(paras: list[_Para]) -> tuple[list[_Para], list[str]]:
    """Move a sentence start stranded elsewhere to the paragraph that completes it.

    Why: in newspaper pages laid out in columns, the text extractor may emit
    a column's last lines after everything else, so an article ends with
    ``……确保项目早开工、早投`` while ``产，力争年内……`` stands alone
    further up. A fragment is moved only when (a) it stops mid-sentence with
    nothing after it that continues it (and is not a heading, unless it is
    the last line, without spaces — not a byline), (b) exactly one paragraph
    that starts after a finished sentence or a heading, and does not open
    like a paragraph (:func:`opens_paragraph`), completes it with a
    dictionary word across the join, and (c) both edges of the join are lone
    characters. A heading left with nothing under it once the fragment goes
    travels with the fragment.
    """
    used: set[int] = set()
    moves: list[tuple[int, int, bool]] = []  # (fragment, target, heading travels too)

    def fragment_like(fi: int) -> bool:
        # A comma-less sentence start reads like a heading; at the very end of the text it is taken
        # for a fragment too (the column tail the extractor emitted last), given the evidence below.
        frag = paras[fi]
        if frag.marked or end_class(frag.text) != "word":
            return False
        kind = line_kind(frag.text)
        return kind in ("short", "prose") or (
            kind == "heading" and fi == len(paras) - 1 and len(frag.text) >= 8 and not re.search(r"\s", frag.text)
        )

    # Most articles have no paragraph that stops on a character: then there is nothing to place.
    fragments = [fi for fi in range(len(paras)) if fragment_like(fi)]
    if not fragments:
        return paras, []
    kinds = [line_kind(p.text) for p in paras]
    headings = [p.marked or k == "heading" for p, k in zip(paras, kinds, strict=True)]
    # Where a continuation could stand: a paragraph of prose starting on a character that does not
    # open like a paragraph, right after a finished sentence or a heading (or first).
    candidates = [
        ti
        for ti, target in enumerate(paras)
        if not target.marked
        and kinds[ti] in ("short", "prose")
        and _LEADING_CJK.match(target.text)
        and (ti == 0 or headings[ti - 1] or end_class(paras[ti - 1].text) == "terminal")
        and not opens_paragraph(target.text)
    ]
    for fi in fragments:
        frag = paras[fi]
        targets = [
            ti
            for ti in candidates
            if ti not in (fi, fi + 1)
            and ti not in used
            and spanning_word(frag.text, paras[ti].text)
            and _orphaned_edges(frag.text, paras[ti].text)
        ]
        if len(targets) != 1:
            continue
        heading_before = fi > 0 and headings[fi - 1]
        orphaned = fi + 1 == len(paras) or headings[fi + 1]
        moves.append((fi, targets[0], heading_before and orphaned and fi - 1 not in used))
        used.update({fi, targets[0]})
    if not moves:
        return paras, []

    details: list[str] = []
    removed: set[int] = set()
    before_target: dict[int, list[_Para]] = {}
    joined: dict[int, _Para] = {}
    for fi, ti, with_heading in moves:
        frag, target = paras[fi], paras[ti]
        removed.add(fi)
        carried = []
        if with_heading:
            removed.add(fi - 1)
            carried.append(paras[fi - 1])
        before_target[ti] = carried
        joined[ti] = _Para(_join(frag.text, target.text), frag.indented, False, target.last_width)
        details.append(f"moved {_break_label(frag.text, target.text)}")
    out: list[_Para] = []
    for i, para in enumerate(paras):
        if i in removed:
            continue
        out.extend(before_target.get(i, []))
        out.append(joined.get(i, para))
    return out, details


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _split(text: str) -> tuple[list[_Para], list[str], list[str]]:
    """Lines of ``text`` as paragraphs, plus the line-break and heading-mark changes made."""
    changes: list[str] = []
    unified, newline_fixes = _NEWLINES.subn("\n", text)
    if newline_fixes:
        changes.append(f"{_plural(newline_fixes, 'CR/Unicode line separator')} became \\n")
    paras: list[_Para] = []
    marks = blank = indented = trailing = 0
    lines = unified.strip("\n").split("\n") if unified.strip("\n") else []
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            blank += 1
            continue
        if raw.rstrip() != raw:
            trailing += 1
        indent = bool(_INDENT.match(raw))
        indented += raw.lstrip() != raw
        if (
            _SETEXT_UNDERLINE.match(line)
            and len(line) >= 3
            and paras
            and i
            and lines[i - 1].strip()
            and line_kind(paras[-1].text) == "heading"
        ):
            # "标题\n====" is a setext heading: the underline is layout.
            paras[-1].marked = True
            marks += 1
            continue
        title = strip_heading_mark(line)
        if title is not None:
            marks += 1
            if not title:  # an empty heading: nothing but layout
                continue
            paras.append(_Para(title, indent, True, display_width(title)))
            continue
        paras.append(_Para(line, indent, False, display_width(line)))
    for count, noun, verb in (
        (blank, "blank line", "dropped"),
        (indented, "line", "unindented"),
        (trailing, "line", "stripped of trailing spaces"),
    ):
        if count:
            changes.append(f"{_plural(count, noun)} {verb}")
    return paras, changes, ([f"removed heading marks from {_plural(marks, 'line')}"] if marks else [])


def repair_layout(text: str) -> Fixed:
    """Rebuild ``text`` as one paragraph per line, with headings alone and broken sentences joined.

    Why: extraction reads a figure from its sentence, so a sentence split by
    the layout loses its subject or its number; and headings glued to prose
    make false sentences. See the module docstring for the rules.

    >>> fixed = repair_layout("## 招商引资\\r\\n\\r\\n今年以来，山亭区围绕主导产业，"
    ...                       "开展精准招商，新签约项目\\r\\n\\r\\n41个，总投资186.3亿元。\\r\\n")
    >>> print(fixed.text)
    招商引资
    今年以来，山亭区围绕主导产业，开展精准招商，新签约项目41个，总投资186.3亿元。
    >>> [r.tag for r in fixed.repairs]
    ['line_breaks', 'headings', 'reflow']
    >>> repair_layout("聚焦主导产业\\n培育发展新动能\\n今年以来，薛城区持续加大项目投资力度。").repairs
    []
    >>> repair_layout("")
    Fixed(text='', repairs=[])
    """
    paras, line_changes, heading_changes = _split(text)
    repairs: list[Repair] = []
    if line_changes:
        repairs.append(Repair("line_breaks", "; ".join(line_changes)))
    if heading_changes:
        repairs.append(Repair("headings", "; ".join(heading_changes)))
    paras, joins = rejoin_broken_paragraphs(paras)
    paras, moves = rejoin_displaced_fragments(paras)
    if joins or moves:
        parts = []
        if joins:
            parts.append(f"joined {_plural(len(joins), 'break')} mid-sentence: " + ", ".join(joins))
        if moves:
            parts.append(f"rejoined {_plural(len(moves), 'displaced fragment')}: " + ", ".join(moves))
        repairs.append(Repair("reflow", "; ".join(parts)))
    return Fixed("\n".join(p.text for p in paras), repairs)
