"""Golden checks on the five seed articles, counted by hand from the files in seeds/."""

import pandas as pd
import pytest

from analysis import schema as s
from analysis.ingest.reader import read_corpus

SEEDS = {
    # article id: (account, published, place, {speaker: (role, turns)}, sections in order,
    #              (first turn starts, ends), (last speaker, last turn starts, ends))
    "000_88405d23da071c51": (
        "AI寒武纪",
        "2024-09-19 12:20",
        "江苏",
        {"主持人": ("host", 4), "Sam Altman": ("guest", 4)},
        [],
        ("好的，那么在我们深入探讨我们与T-Mobile的合作之前", "因为它们真的非常棒。"),
        (
            "Sam Altman",
            "是的，我们对这一代新模型最兴奋的事情之一",
            "我可以想象这些模型在那里可以做些什么",
        ),
    ),
    "001_3dda35de95eb172c": (
        "AI深度研究员",
        "2024-12-21 04:51",
        "上海",
        {"Melissa Koide": ("host", 14), "Sam Altman": ("guest", 14)},
        ["关于o1 模型的设计逻辑", "关于AI和场景应用", "关于O3模型未来"],
        ("Sam，欢迎来到 Kennedy Center Reach", "我想你无需多做介绍了。"),
        ("Sam Altman", "我不认为它是一个完全的解决方案", "也不认为它能替代其他一切。"),
    ),
    "002_44e89f23e9374fe1": (
        "瓜哥AI新知",
        "2024-12-18 09:27",
        "浙江",
        {"Kevin Weil": ("host", 26), "Sam Altman": ("guest", 25), "现场提问者": ("audience", 7)},
        [],
        ("大家好吗？很高兴见到大家", "萨姆，我们离AGI还有多远？"),
        ("Kevin Weil", "太棒了。谢谢。", "我们迫不及待地想看看大家构建的东西。"),
    ),
    "003_00fc6f42bdf96616": (
        "AI深度研究员",
        "2024-09-15 08:04",
        "上海",
        {"主持人": ("host", 40), "Sam Altman": ("guest", 40)},
        [
            "高中生活",
            "程序员生涯",
            "o1模型新范式",
            "AI和教育行业",
            "OpenAI工作的要求",
            "各国AI竞赛",
        ],
        ("这里是圣路易斯公共广播电台的节目《St. Louis on the Air》", "欢迎你，Sam Altman。"),
        ("Sam Altman", "谢谢你邀请我。", "谢谢你邀请我。"),
    ),
    "004_7ad330722fb8ba49": (
        "AI深度研究员",
        "2024-11-05 07:07",
        "上海",
        {"主持人": ("host", 44), "Sam Altman": ("guest", 44)},
        [
            "1、OpenAI 未来计划",
            "2、AI的技术革命",
            "3、AI代理",
            "4、推理和多模态",
            "5、关于公司管理",
            "6、模型的扩展定律",
            "7、快速问答",
        ],
        ("大家好，欢迎来到 OpenAI 开发者日。", "欢迎你，Sam。"),
        ("Sam Altman", "谢谢大家。", "谢谢大家。"),
    ),
}


@pytest.fixture(scope="module")
def corpus():
    return read_corpus("seeds")


def test_all_seeds_read_without_problems(corpus):
    assert sorted(corpus.articles[s.ARTICLE_ID]) == sorted(SEEDS)
    assert corpus.problems.empty


@pytest.mark.parametrize("article_id", sorted(SEEDS))
def test_metadata(corpus, article_id):
    account, published, place, *_ = SEEDS[article_id]
    row = corpus.articles.set_index(s.ARTICLE_ID).loc[article_id]
    assert row[s.ACCOUNT] == account
    assert row[s.PUBLISHED] == pd.Timestamp(published)
    assert row[s.PLACE] == place
    assert row[s.URL].startswith("http://mp.weixin.qq.com/s?__biz=")
    assert row[s.TITLE] and not row[s.TITLE].startswith("#")


@pytest.mark.parametrize("article_id", sorted(SEEDS))
def test_turns_per_speaker_and_role(corpus, article_id):
    expected = SEEDS[article_id][3]
    turns = corpus.turns[corpus.turns[s.ARTICLE_ID] == article_id]
    counted = turns.groupby([s.SPEAKER, s.ROLE]).size().to_dict()
    assert counted == {(who, role): n for who, (role, n) in expected.items()}
    row = corpus.articles.set_index(s.ARTICLE_ID).loc[article_id]
    assert row[s.N_TURNS] == sum(n for _, n in expected.values())
    assert row[s.N_SPEAKERS] == len(expected)
    assert list(turns[s.TURN]) == list(range(1, len(turns) + 1))


@pytest.mark.parametrize("article_id", sorted(SEEDS))
def test_first_and_last_turn(corpus, article_id):
    *_, (first_start, first_end), (last_speaker, last_start, last_end) = SEEDS[article_id]
    turns = corpus.turns[corpus.turns[s.ARTICLE_ID] == article_id]
    first, last = turns.iloc[0], turns.iloc[-1]
    assert first[s.TEXT].startswith(first_start)
    assert first[s.TEXT].endswith(first_end)
    assert last[s.SPEAKER] == last_speaker
    assert last[s.TEXT].startswith(last_start)
    assert last[s.TEXT].endswith(last_end)


@pytest.mark.parametrize("article_id", sorted(SEEDS))
def test_sections_in_order(corpus, article_id):
    sections = SEEDS[article_id][4]
    turns = corpus.turns[corpus.turns[s.ARTICLE_ID] == article_id]
    named = [x for x in dict.fromkeys(turns[s.SECTION]) if x]
    assert named == sections


def test_speech_is_clean_text(corpus):
    text = corpus.turns[s.TEXT]
    assert not text.str.contains(r"\*\*|https?://|!\[|\]\(", regex=True).any()
    assert (corpus.turns[s.CHARS] > 0).all()


def test_editor_text_is_not_speech(corpus):
    # The highlights above 000's transcript are bold lines with a colon, like labels.
    editorial = corpus.editorial[corpus.editorial[s.ARTICLE_ID] == "000_88405d23da071c51"]
    assert editorial[s.TEXT].str.startswith("o1：AI 推理能力的重大突破！").any()
    assert not corpus.turns[s.TEXT].str.contains("照例先给大家划划重点").any()


def test_footers_and_link_lists_are_dropped(corpus):
    everything = pd.concat([corpus.turns[s.TEXT], corpus.editorial[s.TEXT]])
    for furniture in (
        "往期回顾",
        "往期精选",
        "END",
        "素材来源",
        "星标AI寒武纪",
        "Milo-1101",
        "黄仁勋专访",
    ):
        assert not everything.str.contains(furniture, regex=False).any(), furniture


def test_bold_emphasis_inside_speech_stays_with_its_speaker(corpus):
    # 002: a bold paragraph inside Kevin Weil's answer about internal use of models.
    hit = corpus.turns[corpus.turns[s.TEXT].str.contains("重要的是要理解，我们在内部使用模型")]
    assert list(hit[s.SPEAKER]) == ["Kevin Weil"]
