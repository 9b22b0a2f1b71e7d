"""Whole articles in other accounts' formats, counted by hand: the reader's rules are general.

The seeds come from one account; these follow three other common layouts (LatePost-style bold
questions, numbered Q&A, a plain-text panel) with their furniture (captions, stage directions,
follow prompts, link lists).
"""

from pathlib import Path

import pandas as pd
import pytest

from analysis import schema as s
from analysis.reader import read_corpus

ARTICLES = Path(__file__).parent / "articles"


@pytest.fixture(scope="module")
def corpus():
    return read_corpus(ARTICLES)


def turns_of(corpus, article_id: str) -> pd.DataFrame:
    return corpus.turns[corpus.turns[s.ARTICLE_ID] == article_id]


def test_every_file_reads_without_problems(corpus):
    assert sorted(corpus.articles[s.ARTICLE_ID]) == ["latepost_style", "panel_style", "qa_style"]
    assert corpus.problems.empty


def test_bold_questions_sections_captions_and_stage_directions(corpus):
    turns = turns_of(corpus, "latepost_style")
    assert list(turns[s.SPEAKER]) == ["晚点", "王小川"] * 4
    assert list(turns[s.ROLE]) == ["host", "guest"] * 4
    assert list(turns[s.SECTION]) == ["一、为什么是医疗"] * 4 + ["二、关于 AGI"] * 4
    assert list(turns[s.TEXT])[:2] == [
        "你们为什么选择医疗？",
        "医疗是一个最需要智能的行业。我们判断，大模型首先会改变看病这件事。\n"
        "而且，这个方向和我们的长期目标一致。",
    ]
    assert (
        turns[s.TEXT].iloc[5]
        == "我觉得 AGI 是能够像医生一样思考的系统。\n比如：它需要推理，也需要记忆。"
    )
    assert turns[s.TEXT].iloc[-1] == "我估计五年之内。"
    article = corpus.articles.set_index(s.ARTICLE_ID).loc["latepost_style"]
    assert (article[s.ACCOUNT], article[s.PLACE]) == ("晚点LatePost", "北京")
    assert article[s.PUBLISHED] == pd.Timestamp("2024-10-15 09:30")
    editorial = corpus.editorial[corpus.editorial[s.ARTICLE_ID] == "latepost_style"]
    assert list(zip(editorial[s.KIND], editorial[s.TEXT], strict=True)) == [
        ("intro", "导读： 王小川认为，医疗是大模型最重要的落地场景。"),
        ("intro", "本文约 3000 字，阅读需要 8 分钟。"),
        ("caption", "▲ 王小川在发布会现场"),
    ]


def test_numbered_questions_and_answers(corpus):
    turns = turns_of(corpus, "qa_style")
    # The introduction names the one person interviewed (我们采访了李明): A is 李明.
    assert list(turns[s.SPEAKER]) == ["Q", "李明"] * 3
    assert list(turns[s.ROLE]) == ["host", "guest"] * 3
    assert list(turns[s.TEXT]) == [
        "你们的产品是什么？",
        "我们做的是智能体平台，帮助企业自动化流程。",
        "和 ChatGPT 有什么不同？",
        "ChatGPT 是通用助手，我们专注在企业。",
        "最大的挑战是什么？",
        "数据。企业的数据很分散。",
    ]
    article = corpus.articles.set_index(s.ARTICLE_ID).loc["qa_style"]
    assert article[s.PUBLISHED] == pd.Timestamp("2024-11-02 18:00")


def test_a_plain_text_panel(corpus):
    turns = turns_of(corpus, "panel_style")
    assert list(turns[s.SPEAKER]) == ["主持人", "张三", "李四", "主持人", "张三", "李四", "主持人"]
    assert list(turns[s.ROLE]) == ["host", "guest", "guest", "host", "guest", "guest", "host"]
    assert turns[s.TEXT].iloc[4] == "开源的成本更低。\n比如：训练一次只要几百万。"
    assert turns[s.TEXT].iloc[-1] == "谢谢两位。"
