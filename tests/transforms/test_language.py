"""The language signal ranks the true decode of Chinese bytes above every wrong one."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms import language
from transforms.language import MIN_SCORE, char_scores, cjk_ratio, looks_like_chinese, score_text

# Sentences written for these tests, in the style of regional economy news.
SIMPLIFIED = [
    "今年以来，临江市坚持把项目建设作为稳增长的主抓手，全市共谋划重点项目186个，总投资1250亿元。"
    "一季度，全市地区生产总值完成412.6亿元，同比增长5.8%，增速高于全省平均水平0.7个百分点。",
    "在开发区的智能制造产业园里，机器轰鸣、焊花飞溅，工人们正抓紧安装调试新生产线。"
    "“这条线投产后，每年可新增产值3亿元，带动就业600余人。”企业负责人王建国介绍说。",
    "近年来，该县依托特色农业资源，大力发展农产品精深加工，培育壮大了一批龙头企业。"
    "截至9月底，全县规模以上农产品加工企业达到47家，实现营业收入83.2亿元，同比增长11.4%。",
    "1—8月，全市社会消费品零售总额完成865.3亿元，同比增长6.2%；进出口总额完成312.7亿元，"
    "其中出口总额198.4亿元，增长9.6%。外贸企业新签订单持续增加，市场信心稳步回升。",
    "据统计，2023年该区共引进5G、AI及大数据项目23个，签约金额达到156亿元。其中，华信科技"
    "（Huaxin Tech）投资建设的数据中心项目已于10月正式运营，预计年营收超过20亿元。",
    "天气渐冷，但港口码头上依旧一派繁忙景象。满载集装箱的货轮缓缓靠岸，龙门吊来回穿梭……",
    "高新区：谱写创新发展新篇章",
    "记者 李明 通讯员 张华",
    "2024年3月15日 星期五",
]
TRADITIONAL = [
    "今年以來，該市圍繞「工業強市、產業興市」戰略，聚焦重點產業鏈，全力推進項目建設。前三季度，"
    "全市規模以上工業增加值增長8.3%，固定資產投資增長6.5%，經濟運行總體平穩、穩中向好。",
    "走進位於園區東側的新能源電池生產基地，一條條自動化生產線高速運轉，工人們正忙著趕製訂單。"
    "據介紹，該項目總投資52億元，全部達產後可實現年產值120億元，新增就業崗位1500個。",
    "與會代表認為，當前經濟發展面臨的外部環境依然複雜嚴峻，必須堅持穩中求進工作總基調，"
    "著力擴大有效需求，增強發展內生動力，推動經濟實現質的有效提升和量的合理增長。",
    "香港特區政府統計處公布，今年第二季度本地生產總值按年實質增長2.7%，私人消費開支回升。",
    "經濟日報記者 陳志明",
]

# Codecs a decoder arbitrates between for bytes with no BOM.
CANDIDATE_CODECS = ["gb18030", "big5hkscs", "utf-16-le", "utf-16-be", "utf-8"]
SAVED_AS_SIMPLIFIED = ["gb2312", "gbk", "gb18030", "utf-16-le", "utf-16-be", "utf-8"]
SAVED_AS_TRADITIONAL = ["big5", "big5hkscs", "gb18030", "utf-16-le", "utf-16-be", "utf-8"]
ARBITRATION = [
    pytest.param(text, codec, id=f"simplified{i}-{codec}")
    for i, text in enumerate(SIMPLIFIED)
    for codec in SAVED_AS_SIMPLIFIED
] + [
    pytest.param(text, codec, id=f"traditional{i}-{codec}")
    for i, text in enumerate(TRADITIONAL)
    for codec in SAVED_AS_TRADITIONAL
]


@pytest.mark.parametrize(("text", "saved_as"), ARBITRATION)
def test_true_decode_outranks_every_wrong_decode(text: str, saved_as: str) -> None:
    try:
        raw = text.encode(saved_as)
    except UnicodeEncodeError:
        pytest.skip(f"{saved_as} cannot hold this text")
    scores = {}
    for codec in CANDIDATE_CODECS:
        decoded = raw.decode(codec, errors="replace")
        scores[decoded] = max(scores.get(decoded, MIN_SCORE), score_text(decoded))
    best = max(scores, key=scores.__getitem__)
    assert best == text
    runner_up = max((s for decoded, s in scores.items() if decoded != text), default=MIN_SCORE)
    assert scores[text] - runner_up > 1.5  # a clear margin, not a coin toss


@pytest.mark.parametrize("text", SIMPLIFIED + TRADITIONAL, ids=lambda text: text[:6])
def test_clean_text_looks_chinese_and_its_mojibake_does_not(text: str) -> None:
    assert looks_like_chinese(text)
    for wrong in (
        text.encode("utf-8").decode("gbk", errors="replace"),
        text.encode("utf-8").decode("cp1252", errors="replace"),
        text.encode("gb18030").decode("latin-1"),
    ):
        assert score_text(wrong) < score_text(text) - 3
        assert not looks_like_chinese(wrong)


def test_traditional_scores_like_simplified() -> None:
    pairs = [("经济发展稳中向好", "經濟發展穩中向好"), ("项目建设", "項目建設"), ("产业园区", "產業園區")]
    for simplified, traditional in pairs:
        assert abs(score_text(simplified) - score_text(traditional)) < 0.5


def test_debris_of_wrong_decodes_is_penalised() -> None:
    clean = score_text("全市经济")
    for debris in ("全市\ufffd济", "全市\ue000济", "全市\x85济", "全市\uf900济", "全市é济", "全市\x00济"):
        assert score_text(debris) < clean - 2, debris
    # Latin-1 in CJK context is worse than the same letter in a Latin word.
    assert char_scores("全é市")[1] < char_scores("Café")[3]


def test_ordinary_article_symbols_score_like_text() -> None:
    for text in ("GDP增长6.2%——高于预期…", "江州·高新区", "“十四五”规划（2021—2025年）", "ＡＢＣ１２３，全角"):
        assert looks_like_chinese(text), text


def test_edge_values() -> None:
    assert score_text("") == MIN_SCORE
    assert cjk_ratio("") == 0.0
    assert not looks_like_chinese("")
    assert not looks_like_chinese("Hello, world. 2024-03-15")


def test_precomputed_table_matches_its_sources() -> None:
    table = Path(language.__file__).parent / "data" / "language_charfreq.tsv"
    rows = [line.split("\t") for line in table.read_text(encoding="utf-8").splitlines() if "\t" in line]
    stored = {ch: int(n) for ch, n in rows}
    built = language.build_charfreq()
    assert stored == built


def test_seeds_look_chinese(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert looks_like_chinese(text), path.name
        assert score_text(text) > -8.0, path.name


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_score_is_total_and_bounded(text: str) -> None:
    score = score_text(text)
    assert MIN_SCORE <= score <= 0
