"""Which Chinese script an article is written in, and its simplified form.

``documents.script`` says whether an article is ``simplified``, ``traditional``
or ``mixed``; ``documents.text_simplified`` is the body converted with
OpenCC's ``t2s``, so that extraction and search see one script while ``text``
stays as written.

How the script is told: OpenCC converts in both directions with phrase
context, so a character that *changes* under ``t2s`` is written in traditional
form, and one that changes under ``s2t`` is written in simplified form.
Characters both scripts share (人, 大, 工业 → 工業 changes only 业) are no
evidence either way. The share of traditional evidence decides:

* ``>= 0.75`` traditional, ``<= 0.25`` simplified, anything between mixed.
  Traditional text produced by a naive one-to-one converter keeps a few
  one-to-many simplified characters (制/製, 干/幹, 于/於, 游/遊): about 4 % of
  the evidence in such articles, far from the 25 % line; a simplified report
  quoting a few traditional names (臺灣, 香港鐵路) stays well under it too.
* ``mixed`` also needs at least :data:`MIN_MIXED_EVIDENCE` characters of the
  minority script, so two stray characters in a short note do not make it
  mixed; below that the majority wins (a tie, or no evidence at all, counts
  as simplified — the project's working script).

The converters are built lazily, once per process, and never pickled: a
worker process (fork or spawn) builds its own on first use.
"""

from __future__ import annotations

import difflib
import operator
from functools import cache

import opencc

TRADITIONAL_SHARE = 0.75  # share of traditional evidence at or above which an article is traditional
SIMPLIFIED_SHARE = 0.25  # share at or below which it is simplified
MIN_MIXED_EVIDENCE = 3  # characters of the minority script needed before calling an article mixed


@cache
def _converter(config: str) -> opencc.OpenCC:
    """One OpenCC converter per configuration and process (they are not picklable)."""
    return opencc.OpenCC(config)


def _changed_chars(text: str, config: str) -> int:
    """How many characters of ``text`` OpenCC's ``config`` would change.

    ``t2s``/``s2t`` map character for character almost always; where a phrase
    rule changes the length the strings are aligned instead of zipped.
    """
    converted = _converter(config).convert(text)
    if len(converted) == len(text):
        return 0 if converted == text else sum(map(operator.ne, text, converted))
    matcher = difflib.SequenceMatcher(None, text, converted, autojunk=False)
    return sum(i2 - i1 for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal")


def script_evidence(text: str) -> tuple[int, int]:
    """Count ``(traditional, simplified)`` characters: those ``t2s`` resp. ``s2t`` would change.

    >>> script_evidence("產業發展")
    (3, 0)
    >>> script_evidence("产业发展")
    (0, 3)
    >>> script_evidence("GDP 257")
    (0, 0)
    """
    return _changed_chars(text, "t2s"), _changed_chars(text, "s2t")


def detect_script(text: str) -> str:
    """Say whether ``text`` is ``simplified``, ``traditional`` or ``mixed``.

    Why: ``documents.script`` lets analysts find articles kept in their
    original traditional form, and ``mixed`` points at pages stitched from
    sources in both scripts. Thresholds are in the module docstring.

    >>> detect_script("上半年，薛城区GDP完成168亿元、增长5.8%。")
    'simplified'
    >>> detect_script("上半年，薛城區GDP完成168億元、增長5.8%。")
    'traditional'
    >>> detect_script("台儿庄区文旅产业持续升温。臺兒莊區文旅產業持續升溫。")
    'mixed'
    >>> detect_script("")
    'simplified'
    """
    traditional = _changed_chars(text, "t2s")
    if traditional == 0:  # no evidence at all, or a share of 0: s2t need not run
        return "simplified"
    simplified = _changed_chars(text, "s2t")
    share = traditional / (traditional + simplified)
    if share >= TRADITIONAL_SHARE:
        return "traditional"
    if share <= SIMPLIFIED_SHARE:
        return "simplified"
    if min(traditional, simplified) >= MIN_MIXED_EVIDENCE:
        return "mixed"
    return "traditional" if traditional > simplified else "simplified"


def to_simplified(text: str) -> str:
    """Convert ``text`` to simplified characters with OpenCC ``t2s`` (phrase-aware).

    Why: extraction, keywords and the ``region`` column work in simplified
    characters; ``documents.text`` keeps the article's own script.

    >>> to_simplified("棗莊市薛城區GDP完成168億元")
    '枣庄市薛城区GDP完成168亿元'
    >>> to_simplified("已是简体，不变。")
    '已是简体，不变。'
    """
    return _converter("t2s").convert(text)
