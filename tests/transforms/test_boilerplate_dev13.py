"""Page furniture in the wordings samples/dev13 showed (issue 3): crumbs with any separator, foreign share
bars, previous/next links, disclaimers, account-post prompts, and a spam name with no digits.

Pages and sentences are written for these tests.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.boilerplate import strip_boilerplate

BODY = [
    "记者从市统计局获悉，今年前5个月，全市规上工业增加值同比增长7.6%，增速比一季度加快0.4个百分点。",
    "市统计局相关负责人表示，下一步将持续跟踪重点行业运行，推动经济持续回升向好。",
]


def _page(head: list[str], tail: list[str]) -> str:
    return "\n".join([*head, "全市工业经济运行稳中有升", "来源：某某日报", *BODY, *tail])


@pytest.mark.parametrize(
    "crumb",
    [
        "主页 > 新闻 > 本地经济",
        "主頁 › 新聞 › 財經",
        "首页→要闻→正文",
        "网站首页 >> 经济 >> 县区动态",
        "位置：首页 / 财经 / 产业观察",
        "Home > News > 正文",
        "经济 » 产业 » 正文",
        "政府信息公开 > 政策文件 >",  # a separator left hanging, section names of a government site
        "您的位置：专题专栏 › 营商环境",
    ],
)
def test_crumbs_in_any_wording_go(crumb: str) -> None:
    fixed = strip_boilerplate(_page([crumb], [])).fixed
    assert crumb not in fixed.text
    assert "全市工业经济运行稳中有升" in fixed.text
    assert all(line in fixed.text for line in BODY)
    assert "header" in fixed.repairs[0].detail


@pytest.mark.parametrize(
    "line",
    [
        "从“制造”→“智造”，产业转型提速",  # a headline with an arrow
        "从制造→智造→创造",  # arrows between words that name no section
        "数字化 > 网络化 > 智能化",
        "风电/光伏/储能",  # a list with slashes, no section name
        "2024/06/03 10:05",  # a date
    ],
)
def test_lines_like_crumbs_stay(line: str) -> None:
    page = "\n".join([line, *BODY])
    assert strip_boilerplate(page).fixed.text == page


@pytest.mark.parametrize(
    "tail",
    [
        ["分享：Facebook　Twitter　LINE"],
        ["分享 收藏 点赞 在看"],
        ["上一篇：某某区召开经济运行分析会", "下一篇：某某县农业园区建设提速"],
        ["免责声明：本文仅代表作者本人观点，与本网无关。"],
        ["网友评论仅供其表达个人看法，并不代表本站同意其观点。"],
        ["声明：转载文章仅代表作者个人观点，不代表本网立场，版权归原作者所有。"],
    ],
)
def test_tail_furniture_goes(tail: list[str]) -> None:
    fixed = strip_boilerplate(_page([], tail)).fixed
    assert all(line not in fixed.text for line in tail)
    assert fixed.text.endswith(BODY[-1])


def test_account_post_prompt_goes() -> None:
    fixed = strip_boilerplate(_page(["点击上方蓝字 关注我们"], [])).fixed
    assert "蓝字" not in fixed.text
    assert BODY[0] in fixed.text


def test_spam_name_without_digits_in_title_and_footer() -> None:
    page = "\n".join(["全市工业经济运行稳中有升-金沙娱乐场_手机版", *BODY, "金沙娱乐场 首存即送58元 www.js5858.net"])
    stripped = strip_boilerplate(page)
    assert stripped.text.split("\n")[0] == "全市工业经济运行稳中有升"
    assert "金沙" not in stripped.text and "js5858" not in stripped.text
    assert stripped.flags == ["seo_spam"]
    assert all(line in stripped.text for line in BODY)


def test_gambling_word_in_body_is_not_spam() -> None:
    lead = "今年以来，全省体育彩票销售额达到52亿元，同比增长12.4%，其中即开型彩票增长较快。"
    page = "\n".join(["体育彩票销量增长", lead, "体育彩票 版权所有"])
    stripped = strip_boilerplate(page)
    assert stripped.text == "体育彩票销量增长\n" + lead  # the footer goes, the lottery stays in title and body
    assert stripped.flags == []


def test_disclaimer_words_inside_prose_stay() -> None:
    # one footer word in a sentence of the body: prose, not a footer
    line = "会上，企业代表表示，这一成绩仅代表过去，下一步将继续加大研发投入，力争年内营收突破10亿元。"
    page = "\n".join([*BODY, line])
    assert strip_boilerplate(page).fixed.text == page


_PARAGRAPH = st.lists(st.sampled_from(["全市", "项目", "建设", "增长", "7.6%", "，", "企业", "首页", "分享", "网"]),
                      min_size=12, max_size=40).map(lambda xs: "".join(xs) + "。")


@settings(max_examples=150, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=5))
def test_prose_is_never_touched(paragraphs: list[str]) -> None:
    text = "\n".join(paragraphs)
    assert strip_boilerplate(text).fixed.text == text


# --- review of session 7 (item 4) -----------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "汽车/家电/手机",  # a slash list of topic nouns: a title, not a crumb
        "教育→就业→创业",  # arrows between topic nouns
        "科技/教育/文化",
        "房产\\财经\\民生",
    ],
)
def test_topic_lists_are_titles_not_crumbs(title: str) -> None:
    page = "\n".join([title, "2024-07-20 来源：江城日报", "", *BODY])
    assert strip_boilerplate(page).fixed.text.split("\n")[0] == title


@pytest.mark.parametrize("crumb", ["首页/新闻/本地", "当前位置：新闻 / 财经", "新闻/财经/", "新闻 > 财经 > 要闻"])
def test_slash_crumbs_with_a_sign_of_navigation_go(crumb: str) -> None:
    assert crumb not in strip_boilerplate(_page([crumb], [])).fixed.text


def test_gambling_offer_is_one_pattern_for_footer_and_spam_name() -> None:
    # boilerplate_offer.txt serves both: the offer line goes as a footer, and names the bare gambling word on it
    page = "\n".join(["全市工业经济运行稳中有升", *BODY, "新用户注册即送38元彩金"])
    assert strip_boilerplate(page).fixed.text == "\n".join(["全市工业经济运行稳中有升", *BODY])
    stripped = strip_boilerplate("\n".join([*BODY, "威尼斯人 充值即送"]))
    assert stripped.flags == ["seo_spam"] and "威尼斯人" not in stripped.text
