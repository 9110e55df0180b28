"""Script detection and t2s conversion (transforms.script)."""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.script import detect_script, script_evidence, to_simplified

SEEDS = Path(__file__).resolve().parents[2] / "../shared/seeds"

# Written for these tests, in the style of the regional-economy reports.
SIMPLIFIED = (
    "今年以来，滕州市坚持稳中求进工作总基调，经济运行呈现稳中有进、进中向好的良好态势。"
    "前三季度，全市实现地区生产总值812.6亿元，同比增长6.1%；规上工业增加值增长9.3%，"
    "固定资产投资增长7.4%，社会消费品零售总额增长5.2%。"
)
TRADITIONAL = (
    "今年以來，滕州市堅持穩中求進工作總基調，經濟運行呈現穩中有進、進中向好的良好態勢。"
    "前三季度，全市實現地區生產總值812.6億元，同比增長6.1%；規上工業增加值增長9.3%，"
    "固定資產投資增長7.4%，社會消費品零售總額增長5.2%。"
)


def test_simplified_article() -> None:
    assert detect_script(SIMPLIFIED) == "simplified"


def test_traditional_article() -> None:
    assert detect_script(TRADITIONAL) == "traditional"


def test_simplified_article_quoting_traditional_names_stays_simplified() -> None:
    text = SIMPLIFIED + "台湾企业“鴻海精密”与香港“長江實業”也在洽谈合作。" + SIMPLIFIED
    traditional, _ = script_evidence(text)
    assert traditional > 0
    assert detect_script(text) == "simplified"


def test_traditional_article_with_naive_conversion_leftovers_stays_traditional() -> None:
    # A one-to-one converter leaves one-to-many characters (制造, 干部, 于) in simplified form.
    text = TRADITIONAL + "持續推進制造業高質量發展，幹部群眾幹勁十足，項目位于薛城區。"
    assert detect_script(text) == "traditional"


def test_half_and_half_is_mixed() -> None:
    assert detect_script(SIMPLIFIED + "\n" + TRADITIONAL) == "mixed"


def test_few_characters_do_not_make_mixed() -> None:
    # One simplified and one traditional character: not enough evidence for "mixed".
    assert detect_script("发展 發展") == "simplified"
    assert detect_script("GDP 257 %") == "simplified"


def test_to_simplified_converts_traditional_and_keeps_simplified() -> None:
    assert to_simplified(TRADITIONAL) == SIMPLIFIED
    assert to_simplified(SIMPLIFIED) == SIMPLIFIED


def test_to_simplified_keeps_length_and_ascii() -> None:
    out = to_simplified("棗莊市GDP完成257億元，增長6%（2023年）")
    assert out == "枣庄市GDP完成257亿元，增长6%（2023年）"


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_usable_from_worker_processes(method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"{method} not available")
    context = multiprocessing.get_context(method)
    to_simplified("預熱")  # the parent has a converter cached before forking
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        converted = list(pool.map(to_simplified, [TRADITIONAL, "棗莊"]))
        scripts = list(pool.map(detect_script, [TRADITIONAL, SIMPLIFIED]))
    assert converted == [SIMPLIFIED, "枣庄"]
    assert scripts == ["traditional", "simplified"]


def test_usable_from_threads() -> None:
    results: list[str] = []

    def work() -> None:
        for _ in range(20):
            results.append(to_simplified(TRADITIONAL))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [SIMPLIFIED] * 80


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("发展經濟产业產業区域區，。 GDP2024")), max_size=80))
def test_detect_script_is_total_and_conversion_idempotent(text: str) -> None:
    assert detect_script(text) in {"simplified", "traditional", "mixed"}
    once = to_simplified(text)
    assert to_simplified(once) == once
    assert detect_script(once) == "simplified"


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("000", "simplified"),
        ("001", "simplified"),
        ("002", "simplified"),
        ("003", "traditional"),
        ("004", "traditional"),
    ],
)
def test_seeds(prefix: str, expected: str) -> None:
    files = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip("seed articles not available")
    text = files[0].read_text(encoding="utf-8")
    assert detect_script(text) == expected
    if expected == "traditional":
        assert detect_script(to_simplified(text)) == "simplified"
