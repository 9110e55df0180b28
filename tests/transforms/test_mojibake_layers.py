"""Two rounds of lossy mojibake: a hole of the first round inside a hole of the second.

UTF-8 read as GBK twice: where the first round lost a byte (U+FFFD), the
second writes that U+FFFD as EF BF BD and may lose a byte of it too.  Undone,
the inner hole reads either as a real U+FFFD (one byte lost in the first
round) or as a GBK character (two bytes): the outer hole stands for byte
patterns of two lengths, and the joint reading weighs both.
"""

from __future__ import annotations

from transforms.mojibake import _Hole, _hole_patterns, repair_mojibake


def _twice_as_gbk(text: str) -> str:
    for _ in range(2):
        text = text.encode("utf-8").decode("gbk", errors="replace")
    return text


def test_an_inner_hole_stands_for_patterns_of_two_lengths() -> None:
    # E8 BE ?? (达 = E8 BE BE, its last byte lost before a digit), then that U+FFFD cut again.
    inner = _Hole((b"\xef\xbf", 1), b"50", "utf-8", ("gbk", "gb18030"))
    outer = _Hole((b"\xe8\xbe", (inner, "gbk", 1)), b"50", "utf-8", ("gbk", "gb18030"))
    lengths = sorted(len(pattern) for pattern in _hole_patterns(outer))
    assert lengths == [3, 4]  # a real U+FFFD (one lost byte) or a two-byte GBK character


def test_a_character_lost_in_both_rounds_is_read_back() -> None:
    text = "据介绍，项目总投资20亿元，建成后年产值可达50亿元。"
    damaged = _twice_as_gbk(text)
    assert "\ufffd" in damaged
    fixed = repair_mojibake(damaged)
    assert fixed.text == text
    assert fixed.repairs[-1].tag == "mojibake_lossy"


def test_what_the_patterns_leave_open_stays_open() -> None:
    # 元） before " |": ）= EF BC 89 lost its last byte, then the U+FFFD it left was cut again.  Under the
    # bigram model 元， is likelier than 元）, and neither holds most of the probability: U+FFFD, not a guess.
    fixed = repair_mojibake(_twice_as_gbk("| 地区生产总值（亿元） | 3398.6 |"))
    assert fixed.text.startswith("| 地区生产总值（亿元")
    assert "，" not in fixed.text
