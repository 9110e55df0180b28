"""Metadata of Taiwan and Hong Kong bylines, wire update stamps, account posts and
statistical bulletins; texts written for the test."""

from __future__ import annotations

from transforms.metadata import extract_metadata

LEAD = "廣州市統計局日前公布，今年前三季廣州地區生產總值年增2.8%，其中工業投資年增9.1%。"


def test_taiwan_reporter_slash_place_in_lenticular_brackets():
    text = "廣州GDP年增2.8%\n\n工商時報 2024.10.30\n\n【記者林怡秀／台北報導】" + LEAD + "\n\n第二段寫得很長很長。"
    meta, fixed = extract_metadata(text)
    assert (meta.source_name, meta.authors) == ("工商時報", ["林怡秀"])
    assert fixed.text.startswith("【記者林怡秀／台北報導】")  # the byline opens the lead: kept, like 本报讯（记者…）
    assert "2024.10.30" not in fixed.text


def test_outlet_and_two_reporters_in_round_brackets():
    meta, _ = extract_metadata("標題一行\n\n（經濟日報記者王美琪、陳建宏／綜合報導）" + LEAD)
    assert (meta.source_name, meta.authors) == ("經濟日報", ["王美琪", "陳建宏"])


def test_tortoise_shell_brackets_and_a_composite_report():
    meta, _ = extract_metadata("標題一行\n\n2024/10/26 05:30\n\n〔記者張志豪／綜合報導〕" + LEAD)
    assert meta.authors == ["張志豪"]
    assert str(meta.published_at) == "2024-10-26 05:30:00"


def test_wire_time_with_an_update_stamp_is_a_date_line():
    text = "廣州經濟成長2.8%\n\n2024/10/21 18:42（10/21 19:05 更新）\n\n（中央社記者黃淑芬台北21日電）" + LEAD
    meta, fixed = extract_metadata(text)
    assert meta.title == "廣州經濟成長2.8%"
    assert str(meta.published_at) == "2024-10-21 18:42:00"
    assert "19:05" not in fixed.text and meta.authors == ["黃淑芬"]


def test_hong_kong_outlet_report_in_brackets():
    meta, _ = extract_metadata("標題一行\n\n【明報報道】" + LEAD)
    assert meta.source_name == "明報"


def test_account_post_exclaimed_title_and_sender_line_with_its_province():
    text = ("前三季度，湛江经济“成绩单”出炉！\n\n湛江发布 2024-10-29 18:05 广东\n\n"
            "近日，湛江市统计局发布前三季度全市经济运行情况。\n\n编辑：李明")
    meta, fixed = extract_metadata(text)
    assert meta.title == "前三季度，湛江经济“成绩单”出炉！"
    assert (meta.source_name, meta.authors, str(meta.published_at)) == ("湛江发布", ["李明"], "2024-10-29 18:05:00")
    assert fixed.text == "近日，湛江市统计局发布前三季度全市经济运行情况。"


def test_an_exclamation_that_is_prose_stays_in_the_body():
    meta, fixed = extract_metadata("加油干！今年全市经济稳中有进，地区生产总值增长5%。\n\n第二段也写得很长。")
    assert meta.title is None and fixed.text.startswith("加油干！")


def test_a_bulletin_issuer_under_its_title_is_its_source():
    text = ("运城市2023年国民经济和社会发展统计公报\n\n运城市统计局\n2024年3月20日\n\n"
            "初步核算，全年全市地区生产总值2300亿元。")
    meta, fixed = extract_metadata(text)
    assert (meta.title, meta.source_name) == ("运城市2023年国民经济和社会发展统计公报", "运城市统计局")
    assert fixed.text == "初步核算，全年全市地区生产总值2300亿元。"


def test_an_office_named_in_a_sentence_is_no_issuer_line():
    meta, fixed = extract_metadata("标题一行\n\n运城市统计局表示，全年经济运行平稳。")
    assert meta.source_name is None and "运城市统计局表示" in fixed.text


def test_a_bulletins_two_issuers_on_one_line():
    text = ("晋城市2023年统计公报\n\n晋城市统计局 国家统计局晋城调查队\n2024年3月28日\n\n"
            "初步核算，全年全市地区生产总值1924亿元。")
    meta, fixed = extract_metadata(text)
    assert meta.source_name == "晋城市统计局" and "调查队" not in fixed.text
