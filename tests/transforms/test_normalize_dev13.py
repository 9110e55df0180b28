"""Acronym restoration on pages that lower-case their article but not their frame (issue 3, samples/dev13).

A page may write ``iPhone`` or ``ICP备`` in its frame and still lower-case the
article's acronyms (``ic设计``, ``ai芯片``); width damage (``ｌｎｇ``) and
title case (``Gdp``) come with it. The sentences here are written for these
tests, in the damage of those pages.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.normalize import normalize_text, restore_acronyms


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # glued before a Chinese word: restored though the page has capitals elsewhere
        ("Wi-Fi覆盖全区，ic封测企业增至30家", "Wi-Fi覆盖全区，IC封测企业增至30家"),
        ("iPad订单增长，ai算力中心投运", "iPad订单增长，AI算力中心投运"),
        ("QQ群通知：新建5g基站1200个", "QQ群通知：新建5G基站1200个"),
        ("ETC车道，mcu芯片、eda软件国产化", "ETC车道，MCU芯片、EDA软件国产化"),
        ("Apple推出xr头显，ev车型出口增长", "Apple推出XR头显，EV车型出口增长"),
        ("iOS版上线，ar/vr内容平台", "iOS版上线，AR/VR内容平台"),
        ("Wi-Fi 7，打造5g+智慧港口", "Wi-Fi 7，打造5G+智慧港口"),
        # a number with a unit beside Chinese
        ("LED照明，装机达到45gw，同比增长", "LED照明，装机达到45GW，同比增长"),
        ("Wi-Fi，新建110kv变电站2座", "Wi-Fi，新建110kV变电站2座"),
        # entries that are never a word: anywhere beside Chinese
        ("完成集装箱吞吐量12.5万teu，增长8%", "完成集装箱吞吐量12.5万TEU，增长8%"),
        ("新建lng储罐4座", "新建LNG储罐4座"),
        ("全市r&d投入强度3.1%", "全市R&D投入强度3.1%"),
        # an acronym with its figure glued after it
        ("一季度gdp856.2亿元", "一季度GDP856.2亿元"),
        # title case, in a document that lower-cased another acronym
        ("ppi下降，Cpi上涨0.2%", "PPI下降，CPI上涨0.2%"),
        ("新增12gwh，总产能达到80Gwh", "新增12GWh，总产能达到80GWh"),
    ],
)
def test_acronyms_restored(before: str, after: str) -> None:
    fixed = restore_acronyms(before)
    assert fixed.text == after
    assert [r.tag for r in fixed.repairs] == ["acronyms"]


def test_full_width_lower_case_acronym_restored() -> None:
    assert normalize_text("洋口港ｌｎｇ接卸量增长１２．５％").text == "洋口港LNG接卸量增长12.5%"


@pytest.mark.parametrize(
    "text",
    [
        "Gdp增长",  # title case alone: maybe written on purpose
        "GDP增长，电池pack环节",  # an English-word entry in a page with capitals
        "CPI篮子里每份5g，约合一勺",  # grams in a page with capitals: not glued to a Chinese word after it
        "取得aa+评级",  # a rating as written, not in the vocabulary
        "土壤pH值、mRNA疫苗、eVTOL航空器、e签宝、iPhone手机、5000mAh电池、每kWh电",  # Latin names kept
        "详见www.ic.gov.cn/ai/5g页面",  # a URL and a path
        "the ai model and the ev market",  # English
        "xyz100型设备、abc/def接口",  # unknown words
    ],
)
def test_left_alone(text: str) -> None:
    assert restore_acronyms(text) == (text, [])


_WORDS = st.sampled_from(
    ["ic", "ai", "5g", "Gdp", "gdp", "lng", "teu", "30gwh", "gdp12.5", "ar/vr", "5g+", "iPhone", "pH", "kWh", "e", "/"]
)
_HAN = st.sampled_from(["设计", "芯片", "，", "。", "增长", "万", "产业"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_WORDS, _HAN), max_size=20).map("".join))
def test_restoring_is_idempotent(text: str) -> None:
    once = restore_acronyms(text)
    assert restore_acronyms(once.text) == (once.text, [])
    assert bool(once.repairs) == (once.text != text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["IC设计", "AI芯片", "GDP", "LNG", "12.5万TEU", "30GWh", "iPhone", "，", "。", "增长"]),
                max_size=20).map("".join))
def test_canonical_text_is_unchanged(text: str) -> None:
    assert restore_acronyms(text) == (text, [])


# --- review of session 7 (items 6 and 7) ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # grams and square metres in a page that also writes capitals: measurements, not 5G / M2
        "一季度GDP增长，每包添加5g白糖，4g蛋白质",
        "GDP统计口径下，面积约5000 m2的厂房已封顶",
        "据CCTV报道，每片含4g膳食纤维，120 m2户型售罄",
    ],
)
def test_units_after_a_digit_are_measurements(text: str) -> None:
    assert restore_acronyms(text).text == text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("新建5g基站1200个，面积约5000 m2的机房", "新建5G基站1200个，面积约5000 m2的机房"),
        ("每包添加5g白糖，新建5g基站", "每包添加5g白糖，新建5G基站"),  # a lower-cased source
        ("4g用户下降，6g研发启动", "4G用户下降，6G研发启动"),
        ("m2余额增长8.3%", "M2余额增长8.3%"),
        ("据CCTV报道，全市增加5g基站800个，约3000 m2", "据CCTV报道，全市增加5G基站800个，约3000 m2"),  # capitals too
    ],
)
def test_network_acronyms_beside_measurements(before: str, after: str) -> None:
    assert restore_acronyms(before).text == after


@pytest.mark.parametrize(
    "text",
    ["中文gdp增长，a" + "1" * 20000 + "x中文", "中文gdp增长，b2" + "1" * 20000 + "b中文。", "gdp " + "k9" * 10000],
)
def test_a_long_letter_and_digit_run_is_linear(text: str) -> None:
    # one letter and 20k digits took 17 s with a lazy word before an optional number: now one pass
    assert restore_acronyms(text).text.endswith(text[-3:])
