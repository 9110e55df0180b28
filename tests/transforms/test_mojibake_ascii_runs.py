"""Mojibake with long ASCII runs between its damaged pieces: times, dates, URLs and Latin words.

A reversal is judged by how much better the characters it changes read; the
ASCII both readings keep once diluted that gain below the threshold, and a line
like ``2024/10/21 18:42¡]10/21 19:05 §ó·s¡^`` (Big5 read as Latin-1) stayed
damaged in a document whose other lines proved the damage.
"""

from __future__ import annotations

import pytest

from transforms.mojibake import repair_mojibake

# Lines written for these tests, in the style of Taiwan and Hong Kong news pages.
BODY = [
    "經濟部今日公布最新統計，前三季外銷訂單金額較去年同期增加百分之六點二。",
    "記者林佳蓉／台北報導",
]
ASCII_HEAVY = [
    "2024/10/21 18:42（10/21 19:05 更新）",
    "發布時間：2023-11-08 09:15:42 最後更新：2023-11-08 10:03:17",
    "原文網址：https://news.example.com.tw/article/20231108/5521387 請見官網",
    "2024/05/02 07:30 中央社 CNA 英文版 Focus Taiwan 同步刊出",
    "資料來源：Bloomberg、Reuters 及 IMF World Economic Outlook 2024 報告",
    "（2024-03-15 14:20 UTC+8 更新）",
]


def _big5_as(wrong: str, text: str) -> str:
    return text.encode("big5").decode(wrong)


@pytest.mark.parametrize("wrong", ["latin-1", "cp1252"])
@pytest.mark.parametrize("line", ASCII_HEAVY)
def test_line_with_long_ascii_runs_repaired_beside_proven_damage(line: str, wrong: str) -> None:
    document = "\n".join([BODY[0], line, BODY[1]])
    damaged = _big5_as(wrong, document)
    fixed = repair_mojibake(damaged)
    assert fixed.text == document
    assert fixed.repairs[0].tag in ("mojibake:big5/latin-1", "mojibake:big5/cp1252")


def test_alone_a_line_must_read_better_as_a_whole() -> None:
    """With no neighbour to prove the damage, the ASCII a line keeps counts: two ideographs among
    twenty-odd digits are not evidence enough (a Latin name like Íñigo would pass otherwise)."""
    damaged = _big5_as("latin-1", ASCII_HEAVY[0])
    assert repair_mojibake(damaged).text == damaged
    assert repair_mojibake("No.1 / Íñigo Íñigo").text == "No.1 / Íñigo Íñigo"


@pytest.mark.parametrize("line", ASCII_HEAVY)
def test_gbk_read_as_latin1_with_long_ascii_runs(line: str) -> None:
    simplified = line.replace("發布時間", "发布时间").replace("最後更新", "最后更新").replace("資料來源", "资料来源")
    try:
        damaged = "\n".join([BODY[0], simplified]).encode("gbk").decode("latin-1")
    except UnicodeEncodeError:
        pytest.skip("not writable in GBK")
    assert repair_mojibake(damaged).text.split("\n")[1] == simplified


CLEAN_LATIN = [
    "2024/10/21 18:42 Zürich, Genève & Malmö — ©2024 Reuters",
    "Ålesund Ärger Ångström Øresund 18:42 https://example.com/ÄÖÜ",
    "CEO José Peña 與 Søren Kierkegaard 基金會 2023-11-08 09:15",
    "¥1,200 £35 €40 ±0.5 °C ×2 ÷3 §3.1 ¶ · ¼ ½ ¾",
    "GDP, AI, Íñigo Méndez, Þórður Ærøskøbing",
]


@pytest.mark.parametrize("line", CLEAN_LATIN)
def test_clean_latin1_lines_with_long_ascii_runs_unchanged(line: str) -> None:
    assert repair_mojibake(line) == (line, [])
    assert repair_mojibake("\n".join([BODY[0], line])) == ("\n".join([BODY[0], line]), [])
