"""Normalise control characters, character width, punctuation and lower-cased acronyms.

The project writes Chinese the way GB/T 15834 does: in Chinese context the
punctuation is full-width (，。、；：？！（）“”), while digits, Latin letters,
``%``, decimal points and punctuation between digits or Latin stay ASCII.
Sources break this both ways, so four small fixes bring every article to the
same form and the extractors need to learn one spelling only:

* :func:`strip_controls` — control characters out (a vertical tab or form
  feed becomes a line break), so ``text`` never holds one;
* :func:`normalize_width` — full-width letters, digits and symbols → ASCII;
* :func:`restore_acronyms` — ``gdp`` → ``GDP``, ``30gwh`` → ``30GWh`` from the
  vocabulary in ``data/normalize_acronyms.tsv``;
* :func:`canonicalize_punctuation` — ASCII ``, : ; ? ! ( ) "`` → full-width
  in Chinese context, ``.`` at the end of a Chinese line → ``。``.

:func:`normalize_text` runs them in that order. Each is idempotent.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from transforms.repairs import Fixed, Repair

__all__ = ["canonicalize_punctuation", "normalize_text", "normalize_width", "restore_acronyms", "strip_controls"]

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Characters that make their neighbourhood "Chinese": Han, kana, CJK symbols
# and punctuation (incl. 《》「」、。 and the ideographic space), full-width
# forms, and the curly double quotes Chinese text uses.
_CJK = _HAN + "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\ufe30-\ufe4f\uff01-\uff60\u201c\u201d"
_CJK_RE = re.compile(f"[{_CJK}]")
_HAN_RE = re.compile(f"[{_HAN}]")


def _is_cjk(ch: str | None) -> bool:
    return ch is not None and _CJK_RE.match(ch) is not None


# --- control characters -----------------------------------------------------------

# C0 controls but tab and the newlines, DEL, and the C1 controls. The pipeline runs
# this after the mojibake repair, which reads C1 controls as the bytes of a wrong
# decode: whatever is left of them here was not mojibake that could be undone.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = "\x0b\x0c"  # vertical tab (Word's manual line break) and form feed (a page break)


def strip_controls(text: str) -> Fixed:
    """Remove control characters; a vertical tab or form feed becomes a line break.

    Why: a stray NUL byte, an ESC from a terminal capture, or Word's ``\\v`` and
    a PDF export's ``\\f`` page breaks mean nothing to a reader, break search
    and display, and are refused by XML tools. ``text_raw`` keeps them as
    received; the clean text never holds one. Tab, ``\\n`` and ``\\r`` stay.

        >>> strip_controls("前三季度\\x00增长\\x0c第二页\\x1b").text
        '前三季度增长\\n第二页'
        >>> strip_controls("前三季度\\x00增长").repairs
        [Repair(tag='control_characters', detail='removed 1 control character (U+0000 ×1)')]
        >>> strip_controls("无控制符\\t\\r\\n").repairs
        []
    """
    found = Counter(_CONTROL_RE.findall(text))
    if not found:
        return Fixed(text, [])
    new = _CONTROL_RE.sub(lambda m: "\n" if m.group() in _LINE_BREAKS else "", text)
    total = sum(found.values())
    noun = "control character" if total == 1 else "control characters"
    breaks = sum(found[ch] for ch in _LINE_BREAKS)
    verb = f"made {breaks} a line break, removed {total - breaks}" if breaks else f"removed {total}"
    top = ", ".join(f"U+{ord(ch):04X} ×{n}" for ch, n in sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:4])
    return Fixed(new, [Repair("control_characters", f"{verb} {noun} ({top})")])


# --- width -------------------------------------------------------------------------

# Full-width forms that *are* the canonical Chinese punctuation and keep their
# width: ！（），：；？［］｛｝～ and ｟｠. ``．`` is handled by context below.
_KEEP_FULLWIDTH = set("！（），：；？［］｛｝～｟｠．")


def _build_width_table() -> dict[int, str]:
    """Map full-width ASCII variants (U+FF01–FF5E) to ASCII, minus the kept marks.

    Also the four half-width CJK marks (｡｢｣､) to their full-width forms, as NFKC does.
    """
    table = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F) if chr(cp) not in _KEEP_FULLWIDTH}
    table.update({ord("｡"): "。", ord("｢"): "「", ord("｣"): "」", ord("､"): "、"})
    return table


_WIDTH_TABLE = _build_width_table()
# Any character the table maps, or a full-width full stop: text without one has nothing to narrow,
# and this search (in C) is far cheaper than ``str.translate`` with a dict, which looks up every character.
_WIDE_RE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_WIDTH_TABLE)) + "．]")
# A full-width full stop between ASCII letters/digits is a decimal point or a
# domain dot (３．５, ｗｗｗ．ｘｘ．ｃｎ) once the neighbours are ASCII.
_FW_DOT_RE = re.compile(r"(?<=[A-Za-z0-9])．(?=[A-Za-z0-9])")


def normalize_width(text: str) -> Fixed:
    """Turn full-width letters, digits and symbols into ASCII.

    Why: ``２０２５年``, ``ＧＤＰ`` and ``５．２％`` must read like ``2025年``,
    ``GDP`` and ``5.2%`` for search and number extraction. This is NFKC for the
    full-width ASCII block only; the full-width *punctuation* Chinese uses
    (，：；？！（）［］｛｝～) keeps its width, and ``．`` becomes ``.`` only between
    letters or digits. The ideographic space U+3000 is left alone on purpose:
    it marks paragraph indents and headline gaps, which the layout stage reads.

        >>> normalize_width("２０２５年ＧＤＰ增长５．２％，好！").text
        '2025年GDP增长5.2%，好！'
        >>> normalize_width("　　已经是半角 2023").repairs
        []
    """
    if _WIDE_RE.search(text) is None:
        return Fixed(text, [])  # fast path: nothing full-width to narrow
    new = _FW_DOT_RE.sub(".", text.translate(_WIDTH_TABLE))
    if new == text:
        return Fixed(text, [])
    changed = sum(a != b for a, b in zip(text, new, strict=True))
    noun = "character" if changed == 1 else "characters"
    return Fixed(new, [Repair("width", f"{changed} full-width {noun} made ASCII")])


# --- acronyms ------------------------------------------------------------------------


class _Entry(NamedTuple):
    canonical: str
    always: bool  # False: only in lower-cased sources, next to Chinese (or glued, see ``glued``)
    unit: bool  # may follow a number directly: 30gwh
    glued: bool = False  # also restored in any document when written right before a Chinese word: ic设计


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, _Entry]:
    """Read ``data/normalize_acronyms.tsv`` once (lower form → entry)."""
    raw = resources.files("transforms").joinpath("data/normalize_acronyms.tsv").read_text("utf-8")
    vocab: dict[str, _Entry] = {}
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lower, canonical, when, *rest = line.split("\t")
        # A canonical form must differ from its lower-case form, or restoring
        # would not be idempotent (and would be pointless).
        assert canonical.lower() == lower and canonical != lower, line
        assert when in ("always", "glued", "lowercased"), line
        vocab[lower] = _Entry(canonical, when == "always", rest == ["unit"], when == "glued")
    return vocab


_LOWER_LETTERS_RE = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def _vocabulary_letters() -> frozenset[str]:
    """Every run of lower-case letters in a vocabulary entry: a text with none of them needs no restoring."""
    return frozenset(piece for key in _vocabulary() for piece in _LOWER_LETTERS_RE.findall(key))


# A run of ASCII "words" separated by single spaces. URL, e-mail and path
# characters are part of the run so that ``www.gdp.cn`` is one token that no
# rule accepts, rather than three words. ``:`` and ``?`` are not: they are
# prose punctuation that canonicalize_punctuation may widen (``gdp:1603``), and
# a URL still holds a ``/`` that no token accepts.
_RUN_RE = re.compile(r"[\w.'’&@/+%#=~\-]+(?: [\w.'’&@/+%#=~\-]+)*", re.ASCII)
# A number, or a word with a number before it (30gwh) or after it (gdp312.8): the word decides.
# The word ends in a letter (its trailing digits are the number): a lazy word before an optional number
# would try every split of ``a111…1x`` again, quadratic in the run's length.
_TOKEN_RE = re.compile(
    r"(?P<num>\d+(?:\.\d+)?%?)|(?P<lead>\d+(?:\.\d+)?)?(?P<word>[a-z](?:[a-z0-9]*[a-z])?)(?P<tail>\d+(?:\.\d+)?)?"
)
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
# An entry shaped like a number and a unit (5g = 5 grams, m2 = square metres) is a measurement right
# after a number (5000 m2) or after a word that weighs or doses (添加5g白糖, 每片含4g, 约5g): not 5G or M2.
_MEASURE_RE = re.compile(r"\d[a-z]|[a-z]\d")
_LIST_ON_RE = re.compile(f"[{_HAN}]{{0,6}}[，、,和及]")
_WEIGHED_RE = re.compile(r"(?:每[份包袋片粒支瓶勺]?|约|含有?|添加|加入|放入|净重|净含量|用量)$")
# ``ar/vr`` is two entries; a slash inside a URL or path never is (its other words are unknown).
_SEP_RE = re.compile(r"([ \-/])")

_MAX_PHRASE = 3
# Looked past when deciding whether a run stands next to Chinese: spaces and
# exactly the marks canonicalize_punctuation rewrites, in either width, so the
# answer is the same before and after it.
_NOT_WORDS = frozenset(' \t.,;:?!()"，；：？！（）“”。')


def _neighbour(text: str, index: int, step: int, skip: str | frozenset[str] = " \t") -> str | None:
    """The nearest character from ``index`` in direction ``step`` that is not in ``skip``."""
    while 0 <= index < len(text) and text[index] in skip:
        index += step
    return text[index] if 0 <= index < len(text) else None


class _Context(NamedTuple):
    """What the text around a run allows, beyond the ``always`` entries."""

    lowercased: bool  # a lower-cased source, and the run stands next to Chinese: every entry
    glued: bool  # the run is written right before a Chinese word (ic设计, 5g基站): ``glued`` entries
    beside_chinese: bool  # a number with a unit next to Chinese (68gw，): any unit entry
    titlecase: bool  # the document lower-cased other acronyms: ``Gdp`` of an ``always`` entry too
    weighed: bool = False  # the run follows a word that weighs (添加5g白糖): 5g is grams


def _entry(word: str, ctx: _Context) -> _Entry | None:
    """The vocabulary entry ``word`` may be restored to here, or ``None``."""
    vocab = _vocabulary()
    entry = vocab.get(word)
    if entry is None and ctx.titlecase and len(word) > 1 and word == word.capitalize():
        entry = vocab.get(word.lower())  # Gdp, Cpi: only entries that are never a word of their own
        if entry is None or not entry.always:
            return None
    if entry is None or not (entry.always or ctx.lowercased or (entry.glued and ctx.glued)):
        return None
    return entry


def _restore_word(word: str, ctx: _Context) -> str | None:
    """One word restored (``gdp``, ``30gwh``, ``gdp312.8``, ``5g+``), itself if a number, ``None`` if unknown."""
    if not word:
        return None  # a slash at an end (``/ai``): a path, not two words
    entry = _entry(word, ctx)
    if entry is not None:
        return entry.canonical
    if word.endswith("+") and len(word) > 1:
        # 5G+工业互联网, AI+制造: the "X plus" construction of a technology term (never ``aa+``, a rating)
        entry = _entry(word[:-1], ctx)
        return entry.canonical + "+" if entry is not None and (entry.glued or entry.always) else None
    m = _TOKEN_RE.fullmatch(word if word.islower() or not ctx.titlecase else word[0].lower() + word[1:])
    if m is None:
        # 150Gwh: a number before a title-cased unit
        lead = re.fullmatch(r"(\d+(?:\.\d+)?)([A-Z][a-z]+)", word) if ctx.titlecase else None
        unit = _entry(lead[2], ctx) if lead else None
        return lead[1] + unit.canonical if lead and unit is not None and unit.unit else None
    if m["num"]:
        return word
    key = word[m.start("word") : m.end("word")]
    entry = _entry(key, ctx)
    if entry is None and m["lead"] and ctx.beside_chinese:
        unit = _vocabulary().get(key)  # 68gw，860mw、220kv变电站: a number and a unit, beside Chinese
        entry = unit if unit is not None and unit.unit else None
    if entry is None or (m["lead"] and not entry.unit) or (m["tail"] and (entry.unit or m["lead"])):
        return None
    return (m["lead"] or "") + entry.canonical + (m["tail"] or "")


def _restore_run(run: str, ctx: _Context) -> str | None:
    """The run with its acronyms restored, or ``None`` when any token is not known.

    Every token must be a number, a vocabulary entry (or phrase), a number
    followed by a unit, or an entry followed by a number (``gdp312.8``); one
    unknown word means the run is English or a model number, and then nothing
    in it is touched.
    """
    parts = _SEP_RE.split(run)  # word, sep, word, sep, …
    words, seps = parts[0::2], parts[1::2]

    out: list[str] = []
    changed = False
    i = 0
    while i < len(words):
        # Longest phrase first (``micro led`` before ``led``).
        for n in range(min(_MAX_PHRASE, len(words) - i), 1, -1):
            entry = _entry(" ".join(words[i : i + n]), ctx)
            if entry is not None:
                pieces = entry.canonical.split(" ")
                out.append("".join(p + s for p, s in zip(pieces, [*seps[i : i + n - 1], ""], strict=True)))
                changed = True
                i += n
                break
        else:
            after_number = i > 0 and seps[i - 1] == " " and _NUMBER_RE.fullmatch(words[i - 1]) is not None
            if (after_number or (i == 0 and ctx.weighed)) and _MEASURE_RE.fullmatch(words[i].rstrip("+")):
                restored = words[i]  # 5000 m2, 120 5g: a number and its unit, not M2 or 5G
            else:
                restored = _restore_word(words[i], ctx)
            if restored is None:
                return None
            changed = changed or restored != words[i]
            out.append(restored)
            i += 1
        if i < len(words):
            out.append(seps[i - 1])
    return "".join(out) if changed else None


def _glued(text: str, end: int) -> bool:
    """Whether a Chinese word follows right after ``end`` (no space): ``ic设计``, ``5g+工业``."""
    return end < len(text) and _HAN_RE.match(text, end) is not None


def restore_acronyms(text: str) -> Fixed:
    """Put back the capitals of acronyms and units a source lower-cased.

    Why: some sites lower-case the whole article, so ``GDP`` arrives as ``gdp``
    and ``30GWh`` as ``30gwh``; the indicator extractor and any reader expect
    the usual spelling. The vocabulary lives in ``data/normalize_acronyms.tsv``.
    A run of ASCII words (``8gwh pack``) is restored only when *every* word in
    it is a number, a known acronym or a number with a known unit, so English
    (``some rights reserved``), model numbers (``xyz100``), URLs and e-mail
    addresses never change.

    How sure each entry is decides where it is restored:

    * ``always`` entries are never a word of their own (gdp, cpi, gwh, lng);
    * ``glued`` entries (ic, ai, 5g, eda) in any document when written right
      before a Chinese word (``ic设计``, ``ai芯片``, ``5g+工业``): glued to
      Chinese they are a term, never English — a page may lower-case its
      article and still write ``iPhone`` or ``ICP备`` in its frame;
    * an entry shaped like a measurement (``5g`` = 5 grams, ``m2``) never
      right after a number (``5000 m2``) or a word that weighs (``添加5g白糖``);
    * a number with a unit (``68gw``, ``220kv``) whenever it stands next to
      Chinese;
    * everything else (``it``, ``pack``, ``led``) only in a document with no
      upper-case ASCII at all, next to Chinese text;
    * a title-cased ``always`` entry (``Gdp``, ``150Gwh``) only in a document
      that also lower-cased an acronym: alone, a capital may be on purpose.

        >>> restore_acronyms("上半年全省(gdp)增长，新建20gwh电池").text
        '上半年全省(GDP)增长，新建20GWh电池'
        >>> restore_acronyms("新增8gwh pack、micro led、xyz100").text
        '新增8GWh PACK、Micro LED、xyz100'
        >>> restore_acronyms("IT行业的pack, www.gdp.cn, the gdp grew").text
        'IT行业的pack, www.gdp.cn, the gdp grew'
        >>> restore_acronyms("iPhone芯片，ic设计、ar/vr眼镜，gdp312.8亿元，Cpi上涨").text
        'iPhone芯片，IC设计、AR/VR眼镜，GDP312.8亿元，CPI上涨'
    """
    if not _vocabulary_letters().intersection(_LOWER_LETTERS_RE.findall(text)):
        return Fixed(text, [])  # no vocabulary word can be here: skip the run-by-run check
    lowercased_source = re.search(r"[A-Z]", text) is None
    fixed = _restore_runs(text, lowercased_source, titlecase=False)
    if fixed.repairs and not lowercased_source:
        # The document lower-cased acronyms: its title-cased ones (Gdp) are damage of the same kind.
        fixed = _restore_runs(text, lowercased_source, titlecase=True)
    return fixed


def _restore_runs(text: str, lowercased_source: bool, titlecase: bool) -> Fixed:
    """Every run of ``text`` restored as :func:`restore_acronyms` says."""
    examples: Counter[str] = Counter()
    out: list[str] = []
    last = 0
    measured = -1  # where the last measurement (添加5g) ended
    for m in _RUN_RE.finditer(text):
        # Prose punctuation around the run is not part of it (``'gdp'``, ``gdp.``).
        run = m.group(0).strip(".'’")
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip(".'’"))
        end = start + len(run)
        if not run:
            continue
        left, right = _neighbour(text, start - 1, -1, _NOT_WORDS), _neighbour(text, end, 1, _NOT_WORDS)
        beside_chinese = _is_cjk(left) or _is_cjk(right)
        weighed = _WEIGHED_RE.search(text, max(0, start - 3), start) is not None  # a word of at most 3
        # the list goes on weighing: 添加5g白糖，4g蛋白质 / 含糖5g、盐2g
        weighed = weighed or (measured >= 0 and _LIST_ON_RE.fullmatch(text, measured, start) is not None)
        if weighed and _MEASURE_RE.fullmatch(run.split(" ")[0].rstrip("+")):
            measured = end
        ctx = _Context(lowercased_source and beside_chinese, _glued(text, end), beside_chinese, titlecase, weighed)
        restored = _restore_run(run, ctx)
        if restored is None or restored == run:
            continue
        out.append(text[last:start])
        out.append(restored)
        last = end
        examples[f"{run}→{restored}"] += 1
    if not examples:
        return Fixed(text, [])
    out.append(text[last:])
    total = sum(examples.values())
    top = ", ".join(f"{k} ×{n}" for k, n in examples.most_common(4))
    noun = "acronym run" if total == 1 else "acronym runs"
    return Fixed("".join(out), [Repair("acronyms", f"restored {total} {noun}: {top}")])


# --- punctuation -----------------------------------------------------------------------

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_FULL_TABLE = str.maketrans(_FULL)
# Text whose punctuation is not prose: links, e-mail addresses, HTML entities.
_PROTECTED_RE = re.compile(
    r"(?:https?|ftp)://[\x21-\x7e]+|www\.[\x21-\x7e]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|&#?\w+;", re.ASCII
)
# Numbers say nothing about the language around them: ``增幅8.1%;1至5月`` is
# Chinese, so the context search looks past them (but not past Latin letters).
# It also looks past other ASCII marks, so that marks next to each other are
# judged alike and a second pass changes nothing.
_NUMERIC = frozenset(" \t0123456789０１２３４５６７８９.%‰-–—,;:?!")
# Runs of ASCII marks (``?!``, ``,,``) are judged as one, with their spaces.
_MARKS_RE = re.compile(r"(?P<lead>[ \t]*)(?P<marks>[,;:?!]+)[ \t]*")
_SENTENCE_DOT_RE = re.compile(f"(?<=[{_HAN}])\\.(?=[”’」』）)]*[ \\t\\r]*$)", re.MULTILINE)
# Full-width marks inside numbers, made ASCII: 1，000 / 10：30 / 3．5.
_FW_THOUSANDS_RE = re.compile(r"(?<![\d.,，])(\d{1,3})((?:，\d{3})+)(?![\d，])")
_FW_CLOCK_RE = re.compile(r"(?<![\d:：])(\d{1,2})：(\d{2})(?![\d:：])")
_FW_DECIMAL_RE = re.compile(r"(?<=\d)．(?=\d)")


# A line without any of these is left as it is by every fix below (none of them makes one of
# these characters out of nothing): ASCII quotes, marks, parentheses and dots, or a full-width mark
# between digits. One search (in C) spares the line-by-line work on most lines.
_PUNCTUATION_WORK_RE = re.compile(r'[",;:?!().]|\d[，：．]\d')


def _protected(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PROTECTED_RE.finditer(text)]


def _inside(spans: list[tuple[int, int]], index: int) -> bool:
    return any(a <= index < b for a, b in spans)


def _curl_quotes(line: str, counts: Counter[str]) -> str:
    """Straight double quotes in a Chinese line → “ ”, when they pair up.

    Curly quotes already in the line count as opened/closed, so a mixed
    ``“项目"`` is closed correctly; a line whose quotes do not balance is left
    alone rather than guessed.
    """
    if '"' not in line or not _HAN_RE.search(line):
        return line
    chars = list(line)
    opened = False
    for i, ch in enumerate(chars):
        if ch == "“" or (ch == '"' and not opened):
            if opened:
                return line
            opened = True
            if ch == '"':
                chars[i] = "“"
        elif ch == "”" or (ch == '"' and opened):
            if not opened:
                return line
            opened = False
            if ch == '"':
                chars[i] = "”"
    if opened:
        return line
    counts['"'] += line.count('"')
    return "".join(chars)


_NO_MARKS = str.maketrans("", "", "，；：？！")


def _widen_parentheses(line: str, spans: list[tuple[int, int]], counts: Counter[str]) -> str:
    """ASCII parentheses around non-ASCII content → （）; ``(GDP)`` and ``(1)`` stay.

    Only matched pairs on one line change; an unmatched parenthesis is left as
    it is, since guessing its partner could pair across sentences.
    """
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    for i, ch in enumerate(line):
        if ch in "(（":
            stack.append(i)
        elif ch in ")）" and stack:
            pairs.append((stack.pop(), i))
    chars = list(line)
    for a, b in pairs:
        if "(" not in (line[a], line[b]) and ")" not in (line[a], line[b]):
            continue
        # Marks inside do not count: they may be widened later in this pass.
        if _inside(spans, a) or _inside(spans, b) or line[a + 1 : b].translate(_NO_MARKS).isascii():
            continue
        chars[a], chars[b] = "（", "）"
        counts["()"] += 1
    return "".join(chars)


def _widen_marks(line: str, spans: list[tuple[int, int]], counts: Counter[str]) -> str:
    """ASCII ``, ; : ? !`` next to Chinese → full-width, dropping spaces around them.

    Between two digits (``1,000``, ``10:30``, ``1:1``) or two Latin words a mark
    stays ASCII. Full-width punctuation carries its own spacing, so the spaces
    around a widened mark go (except an indent at the start of the line).
    """

    def widen(m: re.Match[str]) -> str:
        start, end = m.span("marks")
        before = line[start - 1] if start else ""
        after = line[end] if end < len(line) else ""
        if (before.isdigit() and after.isdigit() and (before + after).isascii()) or (spans and _inside(spans, start)):
            return m.group(0)
        if not (_is_cjk(_neighbour(line, start - 1, -1, _NUMERIC)) or _is_cjk(_neighbour(line, end, 1, _NUMERIC))):
            return m.group(0)
        marks = m["marks"]
        counts[marks[0]] += len(marks)
        indent = m["lead"] if m.start() == 0 else ""
        return indent + marks.translate(_FULL_TABLE)

    return _MARKS_RE.sub(widen, line)


def _narrow_numbers(line: str, counts: Counter[str]) -> str:
    """Full-width marks inside numbers → ASCII: ``1，000``, ``10：30``, ``3．5``."""
    new = _FW_THOUSANDS_RE.sub(lambda m: m[1] + m[2].replace("，", ","), line)
    new = _FW_CLOCK_RE.sub(r"\1:\2", new)
    new = _FW_DECIMAL_RE.sub(".", new)
    if new != line:
        counts["number"] += sum(a != b for a, b in zip(line, new, strict=True))
    return new


_ASCII_MARK_RE = re.compile("[,;:?!]")
_FW_IN_NUMBER_RE = re.compile(r"\d[，：．]\d")


def _canonical_line(line: str, counts: Counter[str]) -> str:
    """One line through the punctuation fixes, each tried only when its characters are there."""
    line = _curl_quotes(line, counts)
    parens = "(" in line or ")" in line
    marks = _ASCII_MARK_RE.search(line) is not None
    if parens or marks:
        spans = _protected(line)
        if parens:
            line = _widen_parentheses(line, spans, counts)
        if marks:
            line = _widen_marks(line, spans, counts)
    dots = 0
    if "." in line:
        line, dots = _SENTENCE_DOT_RE.subn("。", line)
    counts["."] += dots
    return _narrow_numbers(line, counts) if _FW_IN_NUMBER_RE.search(line) else line


def canonicalize_punctuation(text: str) -> Fixed:
    """Write punctuation the GB/T 15834 way: full-width in Chinese context.

    Why: sources mix ``增长6%,高出`` with ``增长6%，高出``; one spelling lets
    sentence splitting, evidence spans and patterns work on every article.

    * ``, ; : ? !`` become ``，；：？！`` when the nearest character on either
      side, looking past numbers, is Chinese; between digits (``1,000``,
      ``10:30``) or between Latin words they stay ASCII, as do marks inside
      URLs, e-mail addresses and HTML entities. Spaces around a widened mark go.
    * ASCII parentheses become ``（）`` when what they enclose holds anything
      non-ASCII (``青島(黃島)`` → ``青島（黃島）``); parentheses whose content is all
      ASCII (``(GDP)``, ``(HJT)``, ``(1)``) keep their width, whichever it is.
    * Straight double quotes in a line with Chinese become ``“”`` when they
      pair up (with any curly quotes already there); single quotes are left,
      since ``'`` is also an apostrophe.
    * ``.`` right after a Han character at the end of a line (before any
      closing quote or bracket) is a sentence end and becomes ``。``; a ``.``
      between Han characters may be a name separator (约翰.史密斯) and stays.
    * Full-width marks inside numbers become ASCII: ``1，000`` ``10：30`` ``3．5``.

        >>> canonicalize_punctuation('上涨4.7%,新增1,000户;他说:"好"').text
        '上涨4.7%，新增1,000户；他说：“好”'
        >>> canonicalize_punctuation("青岛(黄岛)港区 (GDP) 10:30 https://a.cn/?x=1,2 完成.").text
        '青岛（黄岛）港区 (GDP) 10:30 https://a.cn/?x=1,2 完成。'
        >>> canonicalize_punctuation("GDP, CPI and PPI: all up!").repairs
        []
    """
    if _PUNCTUATION_WORK_RE.search(text) is None:
        return Fixed(text, [])  # fast path: no mark that any of the fixes would change
    counts: Counter[str] = Counter()
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if line.isascii():
            continue  # no Chinese neighbour possible
        if _PUNCTUATION_WORK_RE.search(line) is not None:
            lines[n] = _canonical_line(line, counts)
        elif "." not in counts:
            # Where counting full stops starts (as if the line had been worked on), so the detail
            # lists equal counts in the same order whichever lines were skipped.
            counts["."] = 0
    new = "\n".join(lines)
    if new == text:
        return Fixed(text, [])
    top = ", ".join(f"{k} ×{v}" for k, v in counts.most_common() if v)
    return Fixed(new, [Repair("punctuation", f"canonical Chinese punctuation: {top}")])


def normalize_text(text: str) -> Fixed:
    """Run the four normalisations: controls, width, then acronyms, then punctuation.

    Controls go first, since a form feed becomes a line break and the other
    fixes work line by line; width next so ``ｇｄｐ`` is seen as ``gdp``;
    punctuation last so the acronym runs are still delimited by the source's
    own marks.

        >>> normalize_text("ｇｄｐ增长５％,好.").text
        'GDP增长5%，好。'
    """
    repairs: list[Repair] = []
    for fix in (strip_controls, normalize_width, restore_acronyms, canonicalize_punctuation):
        text, done = fix(text)
        repairs.extend(done)
    return Fixed(text, repairs)
