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


# --- damage: a little is kept (U+FFFD, counted), never traded for another codec's gibberish -------------

BRIEF = (
    "株洲市经济运行简报\n"
    "前三季度，全市实现地区生产总值2760亿元，同比增长5.9%。\n"
    "规模以上工业增加值增长7.4%，新开工亿元以上项目58个。"
)


_U8, _U16, _U16LE = BRIEF.encode("utf-8"), BRIEF.encode("utf-16"), BRIEF.encode("utf-16-le")
_END = "新开工亿元以上项目"
# (bytes, codec, U+FFFD expected, text that must survive)
DAMAGED = {
    # cut inside the last character: odd and even lengths alike
    "utf8-cut-1": (_U8[:-1], "utf-8", 1, _END),
    "utf8-cut-2": (_U8[:-2], "utf-8", 1, _END),
    "utf8-cut-odd": ((BRIEF + "。").encode("utf-8")[:-1], "utf-8", 1, _END),
    "utf8-0xff": (_U8 + b"\xff", "utf-8", 1, _END),
    "utf8-cesu": (_U8 + b"\xed\xa0\x80", "utf-8", 3, _END),  # an encoded lone surrogate: one spot, 3 U+FFFD
    "utf8-two-spots": (_U8[:-12] + b"\x80" + _U8[-12:-1], "utf-8", 2, "规模以上工业增加值"),
    "gb18030-0xff": (BRIEF.encode("gb18030") + b"\xff", "gb18030", 1, _END),
    "big5-cut": (TRADITIONAL.encode("big5")[:-1], "big5hkscs", 1, "顯示面板項目"),
    "utf16le-odd": (_U16LE[:-1], "utf-16-le", 1, _END),
    "utf16be-odd": (BRIEF.encode("utf-16-be")[:-1], "utf-16-be", 1, _END),
    "utf16le-lone-surrogate": (_U16LE[:30] + b"\x00\xdc" + _U16LE[30:], "utf-16-le", 1, _END),
    "utf16-bom-lone-surrogate": (_U16[:30] + b"\x00\xd8" + _U16[30:], "utf-16", 1, _END),
    "utf16-bom-odd": (_U16[:-1], "utf-16", 1, _END),
    # Chinese only: no NUL byte says UTF-16, the language signal does
    "utf16le-cjk-only-odd": (
        "经济运行稳中向好，前三季度地区生产总值增长".encode("utf-16-le")[:-1],
        "utf-16-le",
        1,
        "前三季度",
    ),
}


@pytest.mark.parametrize(("raw", "codec", "replaced", "kept"), DAMAGED.values(), ids=DAMAGED.keys())
def test_small_damage_is_kept_in_the_right_codec(raw: bytes, codec: str, replaced: int, kept: str) -> None:
    result = decode_bytes(raw)
    assert isinstance(result, Decoded), result
    assert (result.encoding, result.replaced) == (codec, replaced), result.evidence
    assert result.text.count("\ufffd") == replaced
    assert kept in result.text


def test_damage_beyond_a_small_share_is_not_kept() -> None:
    raw = b"".join(line.encode("utf-8") + b"\xff\n" for line in BRIEF.splitlines())  # a spot on every line
    result = decode_bytes(raw)
    assert not (isinstance(result, Decoded) and result.replaced)


def test_undamaged_files_report_no_replacements() -> None:
    for raw in (BRIEF.encode("utf-8"), BRIEF.encode("gb18030"), BRIEF.encode("utf-16-le"), BRIEF.encode("utf-16")):
        result = decode_bytes(raw)
        assert isinstance(result, Decoded) and result.replaced == 0 and result.text == BRIEF


# --- NUL bytes and other controls -------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
def test_a_stray_nul_byte_does_not_make_a_short_article_binary(codec: str) -> None:
    text = BRIEF.replace("，", "，\x00", 1)
    result = decode_bytes(text.encode(codec))
    assert isinstance(result, Decoded), result
    assert result.text == text and result.encoding == codec  # text_raw keeps it; cleaning drops it


def test_nul_bytes_in_the_utf16_pattern_are_utf16_not_stray() -> None:
    ascii_heavy = "GDP 2760 (+5.9%), CPI 101.2, PMI 50.4\n" * 3 + BRIEF
    result = decode_bytes(ascii_heavy.encode("utf-16-le"))  # valid UTF-8 too: every byte pair of ASCII is
    assert isinstance(result, Decoded) and result.encoding == "utf-16-le" and result.text == ascii_heavy


@pytest.mark.parametrize(
    "raw",
    [bytes([0, 1, 2, 3, 0, 0, 7, 0x41]) * 50, b"\x00\x00\x00\x01\x00\x00\x00\x02" * 64, b"\x1b\x00\x7f\x01" * 100],
    ids=["controls", "nul-runs", "control-mix"],
)
def test_control_characters_beyond_a_couple_are_binary(raw: bytes) -> None:
    result = decode_bytes(raw)
    assert isinstance(result, Rejected) and result.reason == "binary", result


# --- mixed encodings ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("second", ["gbk", "big5"])
def test_lines_in_two_codecs_are_decoded_each_in_its_own(second: str) -> None:
    first = "武进区前三季度实现地区生产总值1148亿元，同比增长5.4%。\n"
    other = "晋江市前三季度实现地区生产总值2236亿元，同比增长6.1%。\n" if second == "gbk" else TRADITIONAL + "\n"
    result = decode_bytes(first.encode("utf-8") + other.encode(second))
    assert isinstance(result, Decoded), result
    assert result.text == first + other and result.replaced == 0
    assert set(result.segments) == {"utf-8", codec_family_name(second)}
    reverse = decode_bytes(other.encode(second) + first.encode("utf-8"))
    assert isinstance(reverse, Decoded) and reverse.text == other + first


def codec_family_name(codec: str) -> str:
    return {"gbk": "gb18030", "big5": "big5hkscs"}[codec]


def test_one_codec_files_have_no_segments() -> None:
    for codec in ("utf-8", "gb18030", "big5hkscs"):
        result = decode_bytes(TRADITIONAL.encode(codec))
        assert isinstance(result, Decoded) and result.segments == ()
