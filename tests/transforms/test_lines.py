"""Tests for transforms.lines.drop_lines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.lines import drop_lines


def _plain_drop(lines: list[str], remove: set[int]) -> str:
    """drop_lines as first written (strip() for every blank test, pop(0) at the head)."""
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


def test_a_removed_footer_leaves_no_gap() -> None:
    lines = ["标题", "", "正文第一段。", "", "正文第二段。", "", "责任编辑：李四", "", ""]
    assert drop_lines(lines, {6}) == "标题\n\n正文第一段。\n\n正文第二段。"


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["", " ", "\u3000", "\t", "正文。", "来源：某某网"]), max_size=10).flatmap(
        lambda lines: st.tuples(st.just(lines), st.sets(st.integers(0, max(len(lines) - 1, 0))))
    )
)
def test_same_as_stripping_every_line(case: tuple[list[str], set[int]]) -> None:
    lines, remove = case
    assert drop_lines(lines, remove) == _plain_drop(lines, remove)
