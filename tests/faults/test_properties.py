"""Properties of decoding and of the whole pipeline on any bytes (hypothesis, derandomised: same examples every run).

Inputs are built the way damaged articles are: fragments of Chinese news text
saved in the codecs articles come in, one codec per segment (mixed encodings),
then cut, truncated or salted with NULs, stray bytes and lone surrogates — and
plain random bytes besides.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from transforms.decode import Decoded, Rejected, decode_bytes
from transforms.layout import repair_layout
from transforms.pipeline import TEXT_REPAIRS, process

FRAGMENTS = [
    "芜湖市", "前三季度", "地区生产总值", "3520亿元", "同比增长6.1%", "綿陽市", "產業(yè)", "GDP", "gdp",
    "記者 王小明", "2024年1月", "新签约项目86个", "总投资720亿元", "来源：芜湖日报", "编辑：李华", "（记者 张三）",
    "𠀀", "䶮", "喆", "滘", "•", "一、", "1.", "##", "|", "---",
    "。", "，", "、", "；", "：", "？", "！", "“", "”", "（", "）", "——", "……",
    ",", ".", "?", "!", ";", ":", "(", ")", '"', "'", "%", "-", "*",
    "\n", "\n\n", "\r\n", " ", "  ", "\t", "\u3000", "\u00a0", "\ufeff", "\u200b", "\ufffd",
]  # fmt: skip
CODECS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5hkscs", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]
DAMAGE = [b"\x00", b"\xff", b"\x80", b"\xed\xa0\x80", b"\x00\xd8", b"\xdc\x00", b"\xe4\xb8", b"\x1b", b"\x0c"]

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=60).map("".join)


@st.composite
def damaged_articles(draw: st.DrawFn) -> bytes:
    """Segments of news text, each in its own codec, then one kind of damage."""
    raw = b"".join(
        draw(texts).encode(draw(st.sampled_from(CODECS)), errors="replace") for _ in range(draw(st.integers(1, 3)))
    )
    damage = draw(st.sampled_from(["none", "truncate", "cut", "insert"]))
    if raw and damage == "truncate":
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif raw and damage == "cut":
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + raw[at + 1 :]
    elif damage == "insert":
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.sampled_from(DAMAGE)) + raw[at:]
    return raw


any_bytes = st.one_of(damaged_articles(), st.binary(max_size=3000))
PROPERTY = settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


@PROPERTY
@given(any_bytes)
def test_decoding_never_raises_and_is_deterministic(raw: bytes) -> None:
    result = decode_bytes(raw)
    assert isinstance(result, Decoded | Rejected)
    assert result == decode_bytes(raw)
    if isinstance(result, Decoded):
        result.text.encode("utf-8")  # no lone surrogates: Arrow and DuckDB could not store them
        assert result.text.strip() and 0.0 <= result.confidence <= 1.0
    else:
        assert result.reason in {"empty", "binary", "undecodable"} and result.detail.endswith(".")


@PROPERTY
@given(any_bytes, st.sampled_from(["a.txt", "a", "报告.TXT"]))
def test_the_pipeline_never_raises_and_is_deterministic(raw: bytes, name: str) -> None:
    result = process(raw, name)
    assert (result.document is None) != (result.rejected is None)
    assert result == process(raw, name)
    if result.document is None:
        return
    doc = result.document
    for key in ("text_raw", "text", "text_simplified", "title", "source_name"):
        if doc[key] is not None:
            doc[key].encode("utf-8")
    assert len(doc["text_simplified"]) == len(doc["text"])
    for row in result.indicators + result.projects:
        assert 0 <= row["char_start"] < row["char_end"] <= len(doc["text"])
        assert doc["text_simplified"][row["char_start"] : row["char_end"]] == row["evidence"]


@PROPERTY
@given(texts)
@example("產業(yè)\n\n!!!")
@example("芜湖市——•;，\n\n，芜湖市'")
def test_text_repairs_leave_the_pipelines_output_alone(text: str) -> None:
    document = process(text.encode("utf-8"), "a.txt").document
    if document is None:
        return
    for repair in (*TEXT_REPAIRS, repair_layout):
        fixed = repair(document["text"])
        assert fixed.text == document["text"] and not fixed.repairs, (repair.__name__, fixed.repairs)


page_fragments = st.lists(
    st.one_of(
        st.sampled_from(["<html>", "<body>", "<p>", "</p>", "<div class='info'>", "</div>", "<h1>", "</h1>", "<br>"]),
        st.sampled_from(FRAGMENTS),
        st.sampled_from(["\x0b", "\x0c", "\x1f", "\x00", "&#12;"]),
    ),
    max_size=40,
).map(lambda parts: "<html><body>" + "".join(parts) + "</body></html>")


@PROPERTY
@given(page_fragments, st.sampled_from(["utf-8", "gb18030"]))
@example("<html><body><h1>芜湖经济</h1><p>地区生产总值3520亿元\x0b，同比增长6.1%。</p></body></html>", "utf-8")
def test_a_saved_web_page_never_makes_the_pipeline_raise(page: str, codec: str) -> None:
    result = process(page.encode(codec, errors="replace"), "page.html")
    assert (result.document is None) != (result.rejected is None)
