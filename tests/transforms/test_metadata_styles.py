"""Metadata of wire, Hong Kong and Taiwan copy and of government work reports;
texts written for the test."""

from __future__ import annotations

from transforms.metadata import extract_metadata


def test_hong_kong_bracketed_outlet_and_byline_glued_to_report():
    lead = "【香港文匯報訊】（記者 黃志明報道）佛山市統計局公布，今年首三季經濟穩定增長。"
    meta, _ = extract_metadata("标题一行\n\n" + lead)
    assert meta.source_name == "香港文匯報"
    assert meta.authors == ["黃志明"]


def test_taiwan_wire_bracket_names_and_place():
    meta, _ = extract_metadata("標題\n\n（中央社記者陳怡君北京5日專電）大陸統計局公布，今年經濟年增5%。")
    assert meta.source_name == "中央社"
    assert meta.authors == ["陳怡君"]


def test_wire_story_code_after_editor_line_goes():
    meta, fixed = extract_metadata("正文第一段，寫得很長很長。\n（編輯：林大明）1121105")
    assert "1121105" not in fixed.text and "林大明" in meta.authors


def test_work_report_title_and_delivery_date():
    text = ("2023年嘉兴市政府工作报告\n\n——2023年1月10日在嘉兴市第九届人民代表大会第二次会议上\n\n"
            "各位代表：\n\n现在，我代表市人民政府向大会报告工作，请予审议。")
    meta, fixed = extract_metadata(text)
    assert meta.title == "2023年嘉兴市政府工作报告"
    assert str(meta.published_at)[:10] == "2023-01-10"
    assert "各位代表" in fixed.text
