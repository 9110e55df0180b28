"""Line-level helpers shared by the stages that take whole lines out of an article."""

from __future__ import annotations

import re

# Aligned columns: a tab, a full-width space, or two or more spaces between cells.
COLUMN_GAP = re.compile(r"\t+|[ \u3000]{2,}|\u3000")


def column_count(line: str) -> int:
    """How many cells ``line`` splits into at column gaps: 1 for prose (an indent makes no cell).

        >>> column_count("序号\t项目名称\t总投资"), column_count("\u3000\u3000全年新签约项目41个。")
        (3, 1)
    """
    if "\t" not in line and "  " not in line and "\u3000" not in line:
        return 1
    return sum(1 for part in COLUMN_GAP.split(line) if part.strip())


def drop_lines(lines: list[str], remove: set[int]) -> str:
    """Join ``lines`` without the indices in ``remove``; a blank line a removed one leaves behind goes too.

    Leading and trailing blank lines go as well, so a removed header or footer leaves no gap.

        >>> drop_lines(["标题", "", "正文。", "", "责任编辑：李四"], {0, 4})
        '正文。'
    """
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in remove:
            continue
        if (i - 1 in remove) and _blank(line) and (not out or _blank(out[-1])):
            continue
        out.append(line)
    start, end = 0, len(out)
    while start < end and _blank(out[start]):
        start += 1
    while end > start and _blank(out[end - 1]):
        end -= 1
    return "\n".join(out[start:end])


def _blank(line: str) -> bool:
    """``not line.strip()``, without building the stripped copy."""
    return not line or line.isspace()
