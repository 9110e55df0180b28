"""Every supported encoding decodes to the exact original text; bad bytes are rejected with a reason."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.decode import Decoded, Rejected, decode_bytes

SIMPLIFIED = (
    "今年以来，襄阳市坚持制造业立市，经济运行稳中有进。\n"
    "前三季度，全市地区生产总值3986.5亿元，同比增长5.8%；规上工业增加值增长7.1%。\n"
    "总投资52亿元的锂电池隔膜项目于9月开工建设。"
)
TRADITIONAL = (
    "今年以來，綿陽市堅持科技立市，經濟運行穩中向好。\n"
    "前三季度，全市地區生產總值2810億元，同比增長6.3%；固定資產投資增長9.4%。\n"
    "總投資30億元的顯示面板項目已竣工投產。"
)
SHORT = "经济发展"

# (text, codec the file is saved with, codec name the decoder must report)
CASES = [
    (SIMPLIFIED, "utf-8", "utf-8"),
    (SIMPLIFIED, "utf-8-sig", "utf-8-sig"),
    (SIMPLIFIED, "gb18030", "gb18030"),
    (SIMPLIFIED, "gbk", "gb18030"),
    (SIMPLIFIED, "gb2312", "gb18030"),
    (SHORT, "gb2312", "gb18030"),
    (TRADITIONAL, "big5", "big5hkscs"),
    (TRADITIONAL, "big5hkscs", "big5hkscs"),
    (TRADITIONAL, "gb18030", "gb18030"),
    (TRADITIONAL, "utf-8", "utf-8"),
    (SIMPLIFIED, "utf-16", "utf-16"),  # with BOM
    (SIMPLIFIED, "utf-16-le", "utf-16-le"),  # without BOM
    (SIMPLIFIED, "utf-16-be", "utf-16-be"),
    (TRADITIONAL, "utf-16-le", "utf-16-le"),
    (SIMPLIFIED, "utf-32", "utf-32"),
]


@pytest.mark.parametrize(("text", "saved_as", "reported"), CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_decodes_exactly(text: str, saved_as: str, reported: str) -> None:
    result = decode_bytes(text.encode(saved_as))
    assert isinstance(result, Decoded), result
    assert result.text == text
    assert result.encoding == reported
    assert 0.0 <= result.confidence <= 1.0
    assert result.replaced == 0


def test_utf16_with_bom_big_endian() -> None:
    raw = codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be")
    assert decode_bytes(raw).text == SIMPLIFIED


def test_html_meta_charset_is_evidence_checked_against_bytes() -> None:
    page = f'<html><head><meta charset="gb2312"><title>襄阳</title></head><body><p>{SIMPLIFIED}</p></body></html>'
    result = decode_bytes(page.encode("gb2312"))
    assert result.text == page and result.encoding == "gb18030"
    assert result.evidence.startswith("declared")


def test_stale_declared_charset_loses_to_the_bytes() -> None:
    # The page says GB2312 but was re-saved as Big5: the bytes win.
    page = f'<html><head><meta charset="gb2312"></head><body><p>{TRADITIONAL}</p></body></html>'
    result = decode_bytes(page.encode("big5"))
    assert result.text == page and result.encoding == "big5hkscs"


def test_xml_declaration() -> None:
    feed = f'<?xml version="1.0" encoding="big5"?><rss><item><description>{TRADITIONAL}</description></item></rss>'
    assert decode_bytes(feed.encode("big5")).text == feed


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b" \r\n\t \n", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary"),
        (b"%PDF-1.7\n" + bytes(range(256)), "binary"),
        (b"PK\x03\x04" + bytes(range(256)), "binary"),
        (bytes([0, 1, 2, 3, 0, 0, 7, 0xFF]) * 50, "binary"),
        (bytes(range(128, 256)) * 8, "undecodable"),
    ],
    ids=["empty", "whitespace", "png", "pdf", "zip", "nul-binary", "undecodable"],
)
def test_rejects_with_actionable_detail(raw: bytes, reason: str) -> None:
    result = decode_bytes(raw)
    assert isinstance(result, Rejected)
    assert result.reason == reason
    assert len(result.detail) > 30 and result.detail.endswith(".")


def test_truncated_last_character_is_kept_with_a_replacement() -> None:
    raw = SIMPLIFIED.encode("gb18030")[:-1]  # the final 。 lost its second byte
    result = decode_bytes(raw)
    assert isinstance(result, Decoded)
    assert result.text[:-1] == SIMPLIFIED[:-1] and result.replaced == 1


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_never_raises_on_any_bytes(raw: bytes) -> None:
    assert isinstance(decode_bytes(raw), Decoded | Rejected)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_deterministic(raw: bytes) -> None:
    assert decode_bytes(raw) == decode_bytes(raw)


def _sample_manifest() -> list[dict[str, str]]:
    import csv

    from tests.conftest import SAMPLES

    with open(SAMPLES / "manifest.tsv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.mark.parametrize("row", _sample_manifest(), ids=lambda row: row["inbox_path"])
def test_sample_inbox_decodes_to_its_article(row: dict[str, str]) -> None:
    from tests.conftest import SAMPLES

    result = decode_bytes((SAMPLES / "inbox" / row["inbox_path"]).read_bytes())
    if row["expected"] == "quarantine":
        assert isinstance(result, Rejected) and result.reason == row["damage"]
        return
    assert isinstance(result, Decoded), result
    if row["damage"] != "none":  # damaged in the text itself: decodes, and the repair stage takes over
        return
    article = next((SAMPLES / "articles").glob(row["article_stem"] + ".*")).read_text(encoding="utf-8")
    if row["newline"] == "crlf":
        article = article.replace("\n", "\r\n")
    assert result.text == article
    assert codec_family(result.encoding) == codec_family(row["codec"])


def codec_family(codec: str) -> str:
    """Codecs that decode the same bytes identically (GB2312 ⊂ GBK ⊂ GB18030; Big5 ⊂ Big5-HKSCS)."""
    return {"gb2312": "gb", "gbk": "gb", "gb18030": "gb", "big5": "big5", "big5hkscs": "big5"}.get(codec, codec)
