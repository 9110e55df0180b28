"""Metadata shapes met in samples/dev14 (session 7), each tested with sentences written for this file."""

from __future__ import annotations

from datetime import datetime

import pytest

from transforms.metadata import extract_metadata, is_metadata_line


def test_bracketed_labels_in_a_row_end_each_value_at_its_bracket() -> None:
    """【来源：X】【作者：Y】: the source is X, not ``X】【``."""
    head = "泉州鞋服产业稳中有进\n【来源：泉州晚报】【作者：蔡雅琳】【发布时间：2024-05-12】\n\n"
    page = head + "全市鞋服产业运行平稳，产值增长百分之六。"
    meta, fixed = extract_metadata(page)
    assert meta.source_name == "泉州晚报"
    assert meta.authors == ["蔡雅琳"]
    assert meta.published_at == datetime(2024, 5, 12)
    assert "来源" not in fixed.text


@pytest.mark.parametrize(
    ("line", "account"),
    [
        ("来源：微信公众号“漳州发布”", "漳州发布"),
        ("来源：公众号「温州统计」", "温州统计"),
        ("来源：微信号：南通工信", "南通工信"),
    ],
)
def test_a_wechat_account_named_as_the_source_is_the_source(line: str, account: str) -> None:
    meta, _ = extract_metadata(f"南通船舶产业订单饱满\n{line}\n\n今年以来，全市造船完工量同比增长百分之十二。")
    assert meta.source_name == account


def test_a_day_without_its_year_before_its_weekday_is_metadata() -> None:
    assert is_metadata_line("5月13日　星期一　来源：宁波日报　作者：应晓丽")
    assert not is_metadata_line("5月13日，全市召开项目推进会。")  # a sentence that opens with a day


def test_the_year_in_the_title_dates_a_yearless_head_line_when_the_weekday_agrees() -> None:
    body = "\n\n全市一季度外贸进出口增长百分之九，增速高于全省平均水平。"
    meta, _ = extract_metadata("2024年宁波外贸开局良好\n5月13日　星期一　来源：宁波日报" + body)
    assert (meta.published_at, meta.published_precision) == (datetime(2024, 5, 13), "day")
    assert meta.source_name == "宁波日报"
    # 2023-05-13 was a Saturday: the title's year is not the page's, so no date is made up
    meta, _ = extract_metadata("2023年宁波外贸回顾\n5月13日　星期一　来源：宁波日报" + body)
    assert meta.published_at is None


def test_a_short_last_paragraph_closed_by_its_byline_gives_the_byline() -> None:
    page = (
        "绍兴纺织业加快转型\n来源：绍兴日报\n\n"
        "今年以来，绍兴纺织印染企业加快技术改造，一季度行业产值增长百分之七点二，利润增长百分之十一。\n\n"
        "业内人士认为，印染集聚区建设成效初显。（记者 钱佳宁）\n\n2024年05月14日"
    )
    meta, fixed = extract_metadata(page)
    assert meta.authors == ["钱佳宁"]
    assert meta.published_at == datetime(2024, 5, 14)
    assert "钱佳宁" not in fixed.text and fixed.text.rstrip().endswith("成效初显。")


def test_a_broadcaster_short_name_signs_its_reporters() -> None:
    """央视记者 X Y: 央视 (no outlet suffix) is an outlet of the bundled list, the names are authors."""
    page = "无锡物联网产业规模扩大\n央视记者 顾立群 蒋涛\n\n无锡物联网产业营收一季度增长百分之十五。"
    meta, _ = extract_metadata(page)
    assert meta.authors == ["顾立群", "蒋涛"]
