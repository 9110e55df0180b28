"""The pipeline as the flows see it: invariants that hold across all stages, on every sample file."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLES
from transforms.layout import repair_layout
from transforms.pipeline import TEXT_REPAIRS, process

SAMPLE_FILES = sorted(p for p in (SAMPLES / "inbox").rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def processed() -> dict[str, object]:
    return {p.name: process(p.read_bytes(), p.name) for p in SAMPLE_FILES}


def test_every_sample_file_loads_or_is_rejected(processed: dict) -> None:
    for name, result in processed.items():
        assert (result.document is None) == (result.rejected is not None), name


def test_evidence_offsets_point_into_text(processed: dict) -> None:
    checked = 0
    for name, result in processed.items():
        if result.document is None:
            continue
        text = result.document["text"]
        simplified = result.document["text_simplified"]
        assert len(simplified) == len(text), name
        for row in result.indicators + result.projects:
            assert simplified[row["char_start"] : row["char_end"]] == row["evidence"], (name, row)
            assert 0 <= row["char_start"] < row["char_end"] <= len(text)
            checked += 1
        for cell in result.table_cells:
            assert simplified[cell["char_start"] : cell["char_end"]] == cell["cell"], (name, cell)
            checked += 1
    assert checked > 50
    assert any(result.table_cells for result in processed.values())  # the sample with a Markdown table


def test_processing_is_deterministic() -> None:
    path = next(p for p in SAMPLE_FILES if "gb18030" in p.name)
    assert process(path.read_bytes(), path.name) == process(path.read_bytes(), path.name)


def test_text_repairs_leave_clean_output_alone(processed: dict) -> None:
    # Metadata extraction is one-shot by nature (a second pass would read the first
    # sub-heading as a title); every text repair must find nothing left to do.
    for name, result in processed.items():
        if result.document is None:
            continue
        text = result.document["text"]
        for repair in (*TEXT_REPAIRS, repair_layout):
            fixed = repair(text)
            assert fixed.text == text and not fixed.repairs, (name, repair.__name__, fixed.repairs)


def test_saved_page_reads_metadata_from_its_info_bar() -> None:
    page = (
        "<html><head><meta charset='utf-8'><title>某某区一季度经济开门红_某某新闻网</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> | <a href='/jj'>经济</a></div>"
        "<h1>某某区一季度经济开门红</h1>"
        "<div class='info'><span>来源：某某日报</span>&nbsp;&nbsp;<span>作者：王小明</span>"
        "&nbsp;&nbsp;<span>2024-04-18 09:05</span></div>"
        "<div class='content'><p>一季度，某某区实现地区生产总值312.5亿元，同比增长6.1%，增速居全市第二位。</p>"
        "<p>其中，规上工业增加值增长8.3%，固定资产投资增长10.2%，社会消费品零售总额增长7.4%。</p></div>"
        "<div class='footer'>版权所有 某某新闻网</div></body></html>"
    )
    result = process(page.encode("utf-8"), "page.html")
    doc = result.document
    assert doc["source_name"] == "某某日报" and doc["authors"] == ["王小明"]
    assert str(doc["published_at"]) == "2024-04-18 09:05:00"
    assert "html" in doc["repairs"] and "版权所有" not in doc["text"] and "首页" not in doc["text"]
    assert doc["text_raw"] == page


def test_a_saved_page_takes_its_title_from_the_markup_not_its_first_heading() -> None:
    """The body of a bulletin page opens with a section heading; the page says what the article is called."""
    page = (
        "<html><head><meta charset='utf-8'><title>某某市2024年国民经济和社会发展统计公报_某某市统计局</title></head>"
        "<body><div class='nav'><a href='/'>首页</a> &gt; <a href='/tjgb'>统计公报</a></div>"
        "<h1>某某市2024年国民经济和社会发展统计公报</h1>"
        "<div class='content'><p>一、综合</p>"
        "<p>初步核算，全年全市地区生产总值2456.7亿元，比上年增长5.6%。</p>"
        "<p>二、农业</p><p>全年粮食总产量123.4万吨，比上年增长1.2%。</p></div></body></html>"
    )
    doc = process(page.encode("utf-8"), "bulletin.html").document
    assert doc["title"] == "某某市2024年国民经济和社会发展统计公报"


def _lossless_forms(article: str) -> dict[str, bytes]:
    """The article saved in every encoding it fits, and damaged in every way that loses nothing."""
    forms = {
        "utf-8": article.encode("utf-8"),
        "utf-8-sig": article.encode("utf-8-sig"),
        "utf-16": article.encode("utf-16"),
    }
    forms["utf-16-le"] = article.encode("utf-16-le")
    for codec in ("gb18030", "big5hkscs"):
        try:
            forms[codec] = article.encode(codec)
        except UnicodeEncodeError:
            continue
        # Bytes of this codec read as Latin-1, then saved as UTF-8: mojibake that loses nothing.
        forms[f"mojibake:{codec}/latin-1"] = article.encode(codec).decode("latin-1").encode("utf-8")
    forms["mojibake:utf-8/latin-1"] = article.encode("utf-8").decode("latin-1").encode("utf-8")
    return forms


@pytest.mark.parametrize("stem", ["hubei-xiangyang", "zhejiang-haining", "henan-changge", "shaanxi-shenmu"])
def test_same_article_in_any_encoding_or_lossless_damage_gives_the_same_text(stem: str) -> None:
    article = (SAMPLES / "articles" / f"{stem}.txt").read_text(encoding="utf-8")
    results = {form: process(raw, f"{stem}.txt").document for form, raw in _lossless_forms(article).items()}
    reference = results["utf-8"]
    assert len(results) >= 6
    for form, document in results.items():
        assert document["text"] == reference["text"], form
        assert (document["title"], document["authors"]) == (reference["title"], reference["authors"]), form
        if form.startswith("mojibake"):
            assert any(tag.startswith("mojibake:") for tag in document["repairs"]), form


def test_text_repairs_run_again_where_layout_joined_lines() -> None:
    # The join makes "，，" across the break: the second pass collapses it, recorded once under its own tag.
    doc = process("今年以来，全市经济运行稳中有进，\n，前三季度地区生产总值增长5.9%。".encode(), "a.txt").document
    assert doc["text"] == "今年以来，全市经济运行稳中有进，前三季度地区生产总值增长5.9%。"
    assert doc["repairs"].count("doubled_punctuation") == 1
    assert any(d.startswith("doubled_punctuation: second pass:") for d in doc["repair_details"])
    for repair in (*TEXT_REPAIRS, repair_layout):
        assert repair(doc["text"]).repairs == [], repair.__name__


def test_control_characters_stay_in_text_raw_only() -> None:
    raw = "前三季度，\x00全市地区生产总值增长5.9%。\x0c规上工业增加值增长7.2%。\x1b\n固定资产投资增长9.1%。"
    doc = process(raw.encode(), "a.txt").document
    assert doc["text_raw"] == raw
    assert doc["text"] == "前三季度，全市地区生产总值增长5.9%。\n规上工业增加值增长7.2%。\n固定资产投资增长9.1%。"
    assert "control_characters" in doc["repairs"]


def test_damaged_and_mixed_files_are_flagged() -> None:
    brief = "武进区前三季度实现地区生产总值1148亿元，同比增长5.4%。\n规上工业增加值增长7.2%。\n"
    cut = process(brief.encode("utf-8")[:-2], "a.txt").document
    assert cut["flags"] == ["decode_errors"] and "decode_errors" in cut["repairs"]
    other = "晋江市前三季度实现地区生产总值2236亿元，同比增长6.1%。\n"
    mixed = process(brief.encode("utf-8") + other.encode("gbk"), "a.txt").document
    assert mixed["text"] == (brief + other).strip()
    assert mixed["flags"] == ["mixed_encoding"] and "mixed_encoding" in mixed["repairs"]
