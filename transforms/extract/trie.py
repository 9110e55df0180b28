"""One regular expression for many literal words, shaped as a trie.

Why: Python's ``re`` tries the branches of ``a|b|c…`` one by one at every
position, so an alternation of the 3,000-odd names of China's divisions (or
of the indicator vocabulary) costs thousands of comparisons per character.
Nested by common prefix (``枣(?:庄(?:市)?|阳市)``) the same words cost one
character-class test per position, and the longest word still wins because
every optional tail is greedy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def _node_regex(node: dict[str, dict], end: str) -> str:
    terminal = end in node
    branches = []
    singles = []
    for char in sorted(ch for ch in node if ch != end):
        child = node[char]
        if len(child) == 1 and end in child:
            singles.append(re.escape(char))
        else:
            branches.append(re.escape(char) + _node_regex(child, end))
    if singles:
        branches.append(singles[0] if len(singles) == 1 else "[" + "".join(singles) + "]")
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and not terminal else "(?:" + "|".join(branches) + ")"
    if terminal:
        body = (body if body.startswith("(?:") else "(?:" + body + ")") + "?"
    return body


def trie_regex(words: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    """A compiled pattern matching any of ``words``, the longest at a position.

        >>> rx = trie_regex(["枣庄", "枣庄市", "枣阳市", "济南"])
        >>> [m.group() for m in rx.finditer("枣庄市和枣阳市，枣庄，济南")]
        ['枣庄市', '枣阳市', '枣庄', '济南']
        >>> trie_regex([]).search("任何") is None
        True
    """
    end = "\0"
    root: dict[str, dict] = {}
    for word in words:
        if not word:
            continue
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[end] = {}
    if not root:
        return re.compile(r"(?!x)x")
    return re.compile(_node_regex(root, end), flags)
