"""Line-level helpers shared by the stages that take whole lines out of an article."""

from __future__ import annotations


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
