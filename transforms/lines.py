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
        if not line.strip() and (i - 1 in remove) and (not out or not out[-1].strip()):
            continue
        out.append(line)
    while out and not out[0].strip():
        out.pop(0)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out)
