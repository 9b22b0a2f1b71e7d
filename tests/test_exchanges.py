"""Questions and their answers (issue 23): the rules on small transcripts, the seeds counted
by hand, an English interview, the empty states, and the store's SQL against pandas."""

from pathlib import Path

import pandas as pd
import pytest

from analysis import schema as s
from analysis.config import load_themes
from analysis.measures.exchanges import (
    NO_QUESTIONER,
    NO_QUESTIONS,
    STORED_COLUMNS,
    asking_sentences,
    asks,
    common_words,
    exchange_comparison,
    find_exchanges,
    question_answered,
    question_type,
    sentences,
    why_no_exchanges,
)
from analysis.store import exchanges as x
from analysis.store.build import EXCHANGES, build_store, read_tables
from analysis.store.queries import ask, queries
from analysis.store.selection import Selection
from analysis.store.store import Store
from tests.conftest import make_turns
from tests.oracle import exchange_links, filter_turns, reference_of

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "articles"
A000, A001, A002, A003, A004 = (
    "000_88405d23da071c51",
    "001_3dda35de95eb172c",
    "002_44e89f23e9374fe1",
    "003_00fc6f42bdf96616",
    "004_7ad330722fb8ba49",
)


# ---------------------------------------------------------------- which turns ask, and how


@pytest.mark.parametrize(
    "text, kind",
    [
        ("你怎么看这个预测？", s.OPEN),
        ("你最尊敬的竞争对手是谁？为什么？", s.OPEN),
        ("那你呢？", s.OPEN),
        ("关于半导体供应链，你有多担忧？", s.OPEN),
        # A request to talk is open however it is put.
        ("可以具体谈谈这个测试框架吗？我们想跟上你的节奏。", s.OPEN),
        ("最后，给想做播客的新人一点建议吧。", s.OPEN),
        # A yes/no form makes the question words in it indefinites.
        ("你有什么可以分享的吗？", s.CLOSED),
        ("你现在还会去森林公园骑自行车吗？", s.CLOSED),
        ("这些变化是否让你意识到这里已经发展了很多？", s.CLOSED),
        ("你愿不愿意再回来？", s.CLOSED),
        ("OpenAI 的焦点会是较小的模型，还是更大的模型？", s.CLOSED),
        ("你觉得未来的工作会更像是爱好或者艺术？", s.CLOSED),
        # The most open sentence gives the question its type.
        ("焦点会是较小的模型，还是更大的模型？我们该如何看待这一点？", s.OPEN),
        ("我们的“免疫系统”将会被建立起来？", s.STATEMENT),
        ("我想知道你们是否有计划分享模型。因为很多用例需要本地版本。", s.CLOSED),
        ("我很好奇你们接下来的计划。", s.STATEMENT),
        ("Why build a company on open source at all?", s.OPEN),
        ("And how do you make money when the code is free?", s.OPEN),
        ("Maya, what would you tell a founder today?", s.OPEN),
        ("Was there ever a moment when you thought about changing the license?", s.CLOSED),
        ("When you started, did you expect this?", s.CLOSED),
        ("You said the license stayed open, is that right?", s.CLOSED),
        ("Can you tell us about the hosted service?", s.OPEN),
        ("You think regulation came too early?", s.STATEMENT),
        ("I'm curious about your plans.", s.STATEMENT),
        ("What do you think about that", s.OPEN),
    ],
)
def test_a_questioners_turn_asks_with_a_type(text, kind):
    assert asks(text)
    assert question_type(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "欢迎你，Sam Altman。",
        "我们稍后会谈谈人工智能，但先从你今天早上的活动开始吧。你似乎非常享受这个过程。",
        # A question word not in the last clause asks nothing.
        "从你们使用它的方式中学习，了解什么可能出错，我认为这是把事情做对的重要方法。",
        "我觉得我们可能还有时间再回答一两个问题。",
        "Thanks so much for doing this.",
        "When we launched, it was crazy.",
        "That's what I thought.",
        "",
    ],
)
def test_a_turn_without_a_question_mark_or_a_cue_asks_nothing(text):
    assert not asks(text)
    assert question_type(text) is None


def test_sentences_keep_their_marks_and_quotes_and_numbers_whole():
    assert sentences("他说：“是吗？”我不信。GPT-4.5 很好……真的？！") == [
        "他说：“是吗？”",
        "我不信。",
        "GPT-4.5 很好……",
        "真的？！",
    ]
    assert asking_sentences("大家好吗？我们开始吧。你怎么看？") == ["大家好吗？", "你怎么看？"]


def test_the_cue_words_are_found_in_linear_time_on_hostile_text():
    # No pattern engine: a long run of cue words and marks is read once.
    text = "是不是" * 30_000 + "吗" + "？" * 30_000 + "what do " * 10_000
    assert asks(text)
    assert question_type(text) == s.CLOSED  # the sentences ending in ？ decide


# ---------------------------------------------------------------- exchanges


def exchanges_of(rows: list[tuple]) -> pd.DataFrame:
    return find_exchanges(make_turns(rows)).rows


def test_a_run_of_questions_before_one_answer_is_one_exchange():
    table = exchanges_of(
        [
            ("主持人", s.HOST, "欢迎两位。"),
            ("嘉宾", s.GUEST, "谢谢。"),
            ("主持人", s.HOST, "你怎么看开源？"),
            ("副主持", s.HOST, "还有，你们会开源吗？"),
            ("嘉宾", s.GUEST, "会的。"),
            ("主持人", s.HOST, "好的。"),  # neither question nor answer
            ("嘉宾", s.GUEST, "还有一点补充。"),
            ("主持人", s.HOST, "为什么？"),
            ("嘉宾", s.GUEST, "因为成本。"),
        ]
    )
    assert table[s.TURN].tolist() == [3, 8]
    first = table.iloc[0]
    assert first[s.QUESTION_TURNS] == 2
    assert first[s.QUESTION_TEXT] == "你怎么看开源？\n还有，你们会开源吗？"
    assert first[s.QUESTION_TYPE] == s.OPEN
    assert (first[s.ANSWER_TURN], first[s.ANSWER_TURNS], first[s.ANSWER_CHARS]) == (5, 2, 3 + 7)
    # Position: characters of speech before the question / all of them.
    total = sum(len(t) for t in ["欢迎两位。", "谢谢。", "你怎么看开源？", "还有，你们会开源吗？"])
    total += sum(len(t) for t in ["会的。", "好的。", "还有一点补充。", "为什么？", "因为成本。"])
    assert first[s.POSITION] == pytest.approx(8 / total)


def test_hosts_answer_the_audience_and_a_guests_question_is_part_of_an_answer():
    table = exchanges_of(
        [
            ("主持人", s.HOST, "我们开始观众提问。"),
            ("观众", s.AUDIENCE, "你们会和政府合作吗？"),
            ("主持人", s.HOST, "你应该现在就开始，对吧？"),  # asks, but answers the audience
            ("嘉宾", s.GUEST, "是的。你觉得呢？"),
            ("主持人", s.HOST, "那下一个问题，你怎么看监管？"),  # a guest answered: a new one
            ("嘉宾", s.GUEST, "需要。"),
        ]
    )
    assert table[s.TURN].tolist() == [2, 5]
    assert table[s.ASKER_ROLE].tolist() == [s.AUDIENCE, s.HOST]
    assert table[s.ANSWERERS].tolist() == ["主持人、嘉宾", "嘉宾"]
    assert table[s.ANSWER_TURNS].tolist() == [2, 1]


def test_a_question_nobody_answers_has_no_answer():
    table = exchanges_of(
        [
            ("主持人", s.HOST, "你怎么看？"),
            ("观众", s.AUDIENCE, "我也想问：会开源吗？"),
            ("嘉宾", s.GUEST, "不会。"),
            ("主持人", s.HOST, "最后一个问题，你怕吗？"),
            ("主持人", s.HOST, "其实我替你回答：不怕。我们就到这里。"),
        ]
    )
    assert table[s.ANSWER_CHARS].tolist() == [0, 3, 0]
    assert table[s.ANSWER_TURNS].tolist() == [0, 1, 0]
    assert table[s.ANSWERERS].tolist() == ["", "嘉宾", ""]
    assert table[s.ANSWER_TURN].isna().tolist() == [True, False, True]
    assert table[s.QUESTION_TURNS].tolist() == [1, 1, 2]


def test_an_article_with_no_questioner_or_no_question_says_why():
    monologue = make_turns(
        [("讲者", s.GUEST, "今天讲三点。第一，什么是智能体？"), ("讲者", s.GUEST, "谢谢。")]
    )
    quiet = make_turns([("主持人", s.HOST, "欢迎。"), ("嘉宾", s.GUEST, "谢谢。")])
    assert why_no_exchanges(monologue) == NO_QUESTIONER
    assert why_no_exchanges(quiet) == NO_QUESTIONS
    assert find_exchanges(monologue).rows.empty
    assert list(find_exchanges(monologue).rows.columns) == STORED_COLUMNS
    assert why_no_exchanges(make_turns([("主持人", s.HOST, "你好吗？")])) is None


# ---------------------------------------------------------------- the seeds, counted by hand


@pytest.fixture(scope="module")
def seed_exchanges(seeds):
    return find_exchanges(seeds.turns).rows


# Counted by reading the articles with the rules above (docs/analysis.md): every host or
# audience turn that asks opens an exchange, except a run of questions and a host's asking
# turn inside an audience question's answer (002 turns 44 and 48). Turns that ask nothing:
# 001 turn 1; 002 turns 13, 17, 19, 37 (the host's remarks, no ？, no cue in the last
# clause); 003 turns 1, 3, 19, 27, 79; 004 turns 1 and 87. 003 turn 21 asks by 什么 in its
# last clause ("你得告诉它你喜欢什么样的口味和风味").
EXCHANGES_PER_ARTICLE = {A000: 4, A001: 13, A002: 22, A003: 35, A004: 42}

# (question turn, answer turns, answer characters) of each article's longest and shortest
# answer. The short ones are counted by hand (白 space aside, marks count): "对，对的。" is 5,
# "可以，来吧。" 6, "这是最让你感到惊讶的事情吗？" 14 (Sam's own question, part of his
# answer); the long ones are sums of the turns' characters as the reader counts them:
# 002's exchange at turn 11 is answered by turns 12 and 14 (749 + 88; the host's remark at
# 13 is neither part), 003's at turn 25 by turns 26 and 28 ("是的。", 585 + 3).
LONGEST = {
    A000: (3, (4,), 785),
    A001: (7, (8,), 442),
    A002: (11, (12, 14), 837),
    A003: (25, (26, 28), 588),
    A004: (61, (62,), 393),
}
SHORTEST = {
    A000: (7, (8,), 233),
    A001: (19, (20,), 70),
    A002: (7, (8,), 14),
    A003: (21, (22,), 5),
    A004: (63, (64,), 6),
}


@pytest.mark.parametrize("article_id, count", EXCHANGES_PER_ARTICLE.items())
def test_the_seeds_exchanges_per_article(seed_exchanges, article_id, count):
    assert (seed_exchanges[s.ARTICLE_ID] == article_id).sum() == count


@pytest.mark.parametrize("article_id", list(LONGEST))
def test_the_seeds_longest_and_shortest_answers(seeds, seed_exchanges, article_id):
    chosen = seed_exchanges[seed_exchanges[s.ARTICLE_ID] == article_id]
    turns = seeds.turns[seeds.turns[s.ARTICLE_ID] == article_id].set_index(s.TURN)
    for expected, row in (
        (LONGEST[article_id], chosen.loc[chosen[s.ANSWER_CHARS].idxmax()]),
        (SHORTEST[article_id], chosen.loc[chosen[s.ANSWER_CHARS].idxmin()]),
    ):
        turn, answer_turns, chars = expected
        assert (row[s.TURN], row[s.ANSWER_CHARS]) == (turn, chars)
        assert row[s.ANSWER_TURN] == answer_turns[0]
        assert row[s.ANSWER_TURNS] == len(answer_turns)
        assert chars == sum(int(turns.loc[t, s.CHARS]) for t in answer_turns)


@pytest.mark.parametrize(
    "article_id, turn, text",
    [
        (A002, 8, "这是最让你感到惊讶的事情吗？"),
        (A003, 22, "对，对的。"),
        (A004, 64, "可以，来吧。"),
    ],
)
def test_the_shortest_answers_read_as_counted(seeds, article_id, turn, text):
    turns = seeds.turns[seeds.turns[s.ARTICLE_ID] == article_id].set_index(s.TURN)
    assert turns.loc[turn, s.TEXT] == text


def test_the_seeds_audience_exchanges_and_who_answered(seed_exchanges):
    audience = seed_exchanges[seed_exchanges[s.ASKER_ROLE] == s.AUDIENCE]
    assert audience[s.ARTICLE_ID].unique().tolist() == [A002]
    assert audience[s.TURN].tolist() == [38, 41, 43, 45, 47, 52, 55]
    assert audience[s.ANSWERERS].tolist() == [
        "Sam Altman、Kevin Weil",
        "Sam Altman",
        "Kevin Weil",  # turn 44 asks ("对吧？") but answers: no guest had answered yet
        "Sam Altman",
        "Kevin Weil、Sam Altman",
        "Sam Altman、Kevin Weil",
        "Kevin Weil、Sam Altman",
    ]


def test_an_english_interview_gives_english_questions():
    data = (ARTICLES / "otter_founders_interview.txt").read_bytes()
    store = Store.from_sources([("otter_founders_interview.txt", data)], load_themes())
    try:
        table = x.exchanges(store)
    finally:
        store.close()
    # Read by hand: Tom asks at turns 3, 5, 7, 9 and 11; welcome and thanks ask nothing.
    assert table[s.TURN].tolist() == [3, 5, 7, 9, 11]
    assert table[s.QUESTION_TYPE].tolist() == [s.OPEN, s.OPEN, s.CLOSED, s.OPEN, s.OPEN]
    assert set(table[s.ASKER]) == {"Tom Becker"} and set(table[s.ANSWERERS]) == {"Maya Chen"}
    assert table[s.ANSWER_TURN].tolist() == [4, 6, 8, 10, 12]
    assert "license" in table.loc[table[s.TURN] == 7, s.QUESTION_TERMS].iat[0].split("、")


# ---------------------------------------------------------------- follow-ups, by hand


def test_the_follow_ups_of_one_article_and_the_terms_that_link_them(seeds_store):
    """000, read by hand: 预览 links the question at turn 3 to the first one ("你们发布了01
    模型和预览"); 客户 links the question at 7 to the answer at 6 ("为客户…带来更好体验").
    The question at 5 follows nothing: 解锁 is used in all four exchanges (turns 2, 4, 5
    and 7), so it is the article's background, and 价值 is one of jieba's common words. No
    question of 000 shares a theme with the exchange before it (only the one at 7 touches
    a theme, 智能体, which the exchange at 5 and 6 doesn't)."""
    table = x.exchanges(seeds_store, Selection(articles=(A000,)))
    assert table[s.FOLLOW_UP].tolist() == [False, True, False, True]
    assert table[s.FOLLOW_TERMS].tolist() == ["", "预览", "", "客户"]
    assert table[s.FOLLOW_THEMES].tolist() == ["", "", "", ""]
    assert table[s.QUESTION_THEMES].tolist() == ["", "", "", "智能体"]
    assert "价值" in common_words() and "解锁" not in common_words()
    # 003: "你现在还会去森林公园骑自行车吗？" follows "…骑着自行车在森林公园…".
    later = x.exchanges(seeds_store, Selection(articles=(A003,)))
    row = later[later[s.TURN] == 11].iloc[0]
    assert row[s.FOLLOW_UP] and row[s.FOLLOW_TERMS] == "森林公园、自行车"


# ---------------------------------------------------------------- the store, against pandas


@pytest.fixture(scope="module")
def reference():
    return reference_of("seeds")


@pytest.fixture(scope="module")
def expected(reference):
    found = find_exchanges(reference.corpus.turns)
    return exchange_links(
        found.rows,
        found.parts,
        reference.tokens,
        reference.theme_hits,
        common_words(),
    )


def parts_of(reference) -> pd.DataFrame:
    return find_exchanges(reference.corpus.turns).parts


def pairs_in(table: pd.DataFrame, keys: set) -> pd.Series:
    pairs = zip(table[s.ARTICLE_ID], table[s.EXCHANGE], strict=True)
    return pd.Series([pair in keys for pair in pairs], index=table.index)


def oracle_filter(reference, table, sel: Selection, filt: x.ExchangeFilter) -> pd.DataFrame:
    """The exchanges of `table` passing `sel` and `filt`, in pandas."""
    parts = parts_of(reference)
    keep = pd.Series(True, index=table.index)
    if not sel.is_empty_filter():
        turns = filter_turns(
            reference.corpus.turns,
            articles=sel.articles,
            speakers=sel.speakers,
            roles=sel.roles,
            sections=sel.sections,
            themes=sel.themes,
            theme_hits=reference.theme_hits,
            date_range=(sel.date_from, sel.date_to),
            articles_table=reference.corpus.articles,
        )
        chosen = parts.merge(turns[[s.ARTICLE_ID, s.TURN]], on=[s.ARTICLE_ID, s.TURN])
        keys = set(zip(chosen[s.ARTICLE_ID], chosen[s.EXCHANGE], strict=True))
        keep &= pairs_in(table, keys)
    if filt.askers:
        keep &= table[s.ASKER].isin(filt.askers)
    if filt.types:
        keep &= table[s.QUESTION_TYPE].isin(filt.types)
    if filt.search:
        keep &= table[s.QUESTION_TEXT].str.lower().str.contains(filt.search.lower(), regex=False)
    if filt.answerers:
        keep &= table[s.ANSWERERS].map(lambda a: bool(set(a.split("、")) & set(filt.answerers)))
    wanted = [s.QUESTION, s.ANSWER] if filt.part == x.EITHER else [filt.part]
    in_part = parts[parts[s.PART].isin(wanted)]
    if filt.themes:
        hit = reference.theme_hits[reference.theme_hits[s.THEME].isin(filt.themes)]
        found = in_part.merge(hit, on=[s.ARTICLE_ID, s.TURN])
        keys = set(zip(found[s.ARTICLE_ID], found[s.EXCHANGE], strict=True))
        keep &= pairs_in(table, keys)
    if filt.terms:
        tokens = reference.tokens[reference.tokens[s.TOKEN].str.lower().isin(filt.terms)]
        found = in_part.merge(tokens.astype({s.ARTICLE_ID: object}), on=[s.ARTICLE_ID, s.TURN])
        keys = set(zip(found[s.ARTICLE_ID], found[s.EXCHANGE], strict=True))
        keep &= pairs_in(table, keys)
    if filt.follow_up is not None:
        keep &= table[s.FOLLOW_UP] == filt.follow_up
    if filt.topic_shift is not None:
        keep &= table[s.TOPIC_SHIFT].map(lambda v: v is not None and bool(v) == filt.topic_shift)
    return table[keep.to_numpy(dtype=bool)]


CASES = {
    "everything": (Selection(), x.ExchangeFilter()),
    "one article": (Selection(articles=(A002,)), x.ExchangeFilter()),
    "speaker": (Selection(speakers=("Kevin Weil",)), x.ExchangeFilter()),
    "audience and a theme": (
        Selection(roles=(s.AUDIENCE,), themes=("语音与多模态",)),
        x.ExchangeFilter(),
    ),
    "dates": (Selection(date_from=pd.Timestamp("2024-10-01").date()), x.ExchangeFilter()),
    "asked about safety": (Selection(), x.ExchangeFilter(themes=("安全与对齐",))),
    "answers about agents": (
        Selection(),
        x.ExchangeFilter(themes=("智能体",), part=s.ANSWER, types=(s.OPEN,)),
    ),
    "a term either side": (Selection(), x.ExchangeFilter(terms=("AGI",), part=x.EITHER)),
    "askers and answerers": (
        Selection(),
        x.ExchangeFilter(askers=("现场提问者", "主持人"), answerers=("Kevin Weil",)),
    ),
    "search": (Selection(), x.ExchangeFilter(search="chatgpt")),
    "follow-ups": (Selection(), x.ExchangeFilter(follow_up=True)),
    "no follow-ups of one article": (
        Selection(articles=(A004,)),
        x.ExchangeFilter(follow_up=False),
    ),
    "topic shifts": (Selection(), x.ExchangeFilter(topic_shift=True)),
    "injection": (
        Selection(speakers=("'; DROP TABLE exchanges; --",)),
        x.ExchangeFilter(askers=("'); --",), search="%' OR 1=1 --"),
    ),
}


def comparable(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reset_index(drop=True).copy()
    frame[s.ANSWER_TURN] = frame[s.ANSWER_TURN].astype("Float64")
    frame[s.TOPIC_SHIFT] = (
        frame[s.TOPIC_SHIFT].astype(object).where(frame[s.TOPIC_SHIFT].notna(), None)
    )
    frame[s.TOPIC_SHIFT] = frame[s.TOPIC_SHIFT].map(lambda v: None if v is None else bool(v))
    for column in frame.columns:
        if frame[column].dtype == object or str(frame[column].dtype).startswith("str"):
            frame[column] = frame[column].astype(object)
    return frame


@pytest.mark.parametrize("case", list(CASES))
def test_the_exchanges_table_is_the_pandas_definition(seeds_store, reference, expected, case):
    sel, filt = CASES[case]
    got = x.exchanges(seeds_store, sel, filt)
    want = oracle_filter(reference, expected, sel, filt)
    assert list(got.columns) == s.EXCHANGES.names
    pd.testing.assert_frame_equal(comparable(got), comparable(want), check_dtype=False)


def test_a_page_of_the_list_is_the_same_rows_with_their_links(seeds_store, expected):
    whole = x.exchanges(seeds_store, order=x.SHORTEST)
    page = x.exchanges(seeds_store, order=x.SHORTEST, limit=7, offset=3)
    pd.testing.assert_frame_equal(comparable(page), comparable(whole.iloc[3:10]), check_dtype=False)
    assert whole[s.ANSWER_CHARS].is_monotonic_increasing
    longest = x.exchanges(seeds_store, order=x.LONGEST, limit=1)
    assert longest[s.ANSWER_CHARS].iat[0] == expected[s.ANSWER_CHARS].max()
    with pytest.raises(ValueError, match="order"):
        x.exchanges(seeds_store, order="random")


@pytest.mark.parametrize("case", ["everything", "speaker", "asked about safety", "follow-ups"])
def test_the_charts_are_the_pandas_definitions(seeds_store, reference, expected, case):
    sel, filt = CASES[case]
    rows = oracle_filter(reference, expected, sel, filt)

    types = x.question_types(seeds_store, sel, filt, top=2)
    counted = rows.groupby([s.ASKER, s.QUESTION_TYPE]).size()
    askers = rows[s.ASKER].value_counts()
    top = sorted(askers.index, key=lambda a: (-askers[a], a))[:2]
    assert sorted(types[s.ASKER].unique()) == sorted(top)
    for row in types.itertuples(index=False):
        assert row.exchanges == counted[(row.asker, row.question_type)]

    rates = x.follow_up_rates(seeds_store, sel, filt)
    for row in rates.itertuples(index=False):
        mine = rows[rows[s.ASKER] == row.asker]
        assert (row.exchanges, row.follow_ups) == (len(mine), int(mine[s.FOLLOW_UP].sum()))
        assert row.rate == pytest.approx(mine[s.FOLLOW_UP].mean())

    shifts = x.topic_shift_rates(seeds_store, sel, filt)
    answered = rows[rows[s.ANSWER_TURNS] > 0]
    per = answered.assign(answerer=answered[s.ANSWERERS].str.split("、")).explode("answerer")
    for row in shifts.itertuples(index=False):
        mine = per[per["answerer"] == row.answerer]
        assert (row.answered, row.shifts) == (len(mine), int(mine[s.TOPIC_SHIFT].sum()))
    assert shifts[x.ANSWERED].sum() == len(per)

    by_theme = x.answer_length_by_theme(seeds_store, sel, filt)
    parts = parts_of(reference)
    asked = (
        parts[parts[s.PART] == s.QUESTION]
        .merge(reference.theme_hits, on=[s.ARTICLE_ID, s.TURN])[[s.ARTICLE_ID, s.EXCHANGE, s.THEME]]
        .drop_duplicates()
    )
    asked = asked.merge(rows, on=[s.ARTICLE_ID, s.EXCHANGE])
    for row in by_theme.itertuples(index=False):
        mine = asked[asked[s.THEME] == row.theme]
        assert row.exchanges == len(mine)
        assert row.median_answer_chars == pytest.approx(mine[s.ANSWER_CHARS].median())
        assert row.mean_answer_chars == pytest.approx(mine[s.ANSWER_CHARS].mean())
    assert sorted(by_theme[s.THEME]) == sorted(asked[s.THEME].unique())


def test_answer_lengths_follow_the_newest_conversations(seeds_store, reference, expected):
    lengths = x.answer_lengths(seeds_store, max_articles=2)
    articles = reference.corpus.articles.sort_values(s.PUBLISHED, ascending=False)
    newest = articles[s.ARTICLE_ID].head(2).tolist()
    assert set(lengths[s.ARTICLE_ID]) == set(newest)
    want = expected[expected[s.ARTICLE_ID].isin(newest)]
    assert lengths[s.ANSWER_CHARS].tolist() == want[s.ANSWER_CHARS].tolist()
    assert lengths[s.TURN].tolist() == want[s.TURN].tolist()
    assert lengths[s.POSITION].between(0, 1).all()


def test_one_exchange_opens_with_its_question_and_answer_turns(seeds_store):
    turns = x.exchange_text(seeds_store, A002, 6)
    assert turns[s.TURN].tolist() == [11, 12, 14]
    assert turns[s.PART].tolist() == [s.QUESTION, s.ANSWER, s.ANSWER]
    assert x.exchange_text(seeds_store, A002, 999).empty


def test_asking_by_name_gives_what_the_functions_give(seeds_store):
    filt = x.ExchangeFilter(themes=("安全与对齐",))
    pd.testing.assert_frame_equal(
        ask(seeds_store, "exchanges", Selection(), filt, limit=5),
        x.exchanges(seeds_store, Selection(), filt, limit=5),
    )
    assert queries.get("exchanges").reads == {"turns", "tokens", "theme_hits"}
    assert queries.get("exchange_text").reads == {"turns"}
    for name in ("answer_lengths", "question_types", "follow_up_rates", "topic_shift_rates"):
        assert name in queries


# ---------------------------------------------------------------- empty states and bad input


def test_empty_states_say_why(seeds_store):
    assert x.exchange_summary(seeds_store) == x.ExchangeSummary(116, 5, 116, None)
    assert x.exchange_summary(seeds_store, Selection(speakers=("nobody",))).reason == x.NO_SPEECH
    none = x.exchange_summary(seeds_store, filt=x.ExchangeFilter(search="zzzz"))
    assert none.reason == x.NO_MATCH and none.exchanges == 0
    files = [
        ("talk.md", "# 一场演讲\n\n**讲者：** 今天讲三点。什么是智能体？\n\n**讲者：** 谢谢。\n"),
        ("chat.md", "# 闲聊\n\n**主持人：** 欢迎。\n\n**嘉宾：** 谢谢。\n\n**主持人：** 再见。\n"),
        ("monologue.md", "# 独白\n\n**主持人：** 你怎么看？\n\n**主持人：** 我来回答：很好。\n"),
    ]
    store = Store.from_sources([(n, t.encode()) for n, t in files], load_themes())
    try:
        reasons = {
            article: x.exchange_summary(store, Selection(articles=(article,))).reason
            for article in store.options()["articles"]
        }
        assert reasons == {"talk": NO_QUESTIONER, "chat": NO_QUESTIONS, "monologue": None}
        lonely = x.exchanges(store, Selection(articles=("monologue",)))
        assert lonely[s.ANSWER_CHARS].tolist() == [0]
        assert lonely[s.TOPIC_SHIFT].isna().all() and lonely[s.ANSWER_TURN].isna().all()
        assert x.question_types(store)[x.EXCHANGES_COUNT].sum() == 1
        assert x.topic_shift_rates(store).empty
    finally:
        store.close()


def test_a_store_built_before_exchanges_says_so(tmp_path):
    import shutil

    build_store(ROOT / "seeds", tmp_path, load_themes())
    folder = next(p for p in tmp_path.iterdir() if (p / "manifest.json").exists())
    for name in (EXCHANGES, "exchange_turns"):
        shutil.rmtree(folder / name)
    store = Store.open(tmp_path)
    try:
        assert not store.exchanges_built
        assert x.exchanges(store).empty
        assert x.exchange_summary(store).reason == x.NOT_BUILT
    finally:
        store.close()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"part": "title"}, "part"),
        ({"types": ("rhetorical",)}, "question types"),
        ({"follow_up": "yes"}, "follow_up"),
    ],
)
def test_a_bad_filter_is_refused_in_words(fields, message):
    with pytest.raises(ValueError, match=message):
        x.ExchangeFilter(**fields)


def test_uploads_bring_their_exchanges(seeds_store):
    data = (ARTICLES / "panel_moderator.md").read_bytes()
    store = seeds_store.with_uploads(read_tables([("panel.md", data)], seeds_store.themes))
    try:
        table = x.exchanges(store, Selection(articles=("panel",)))
        assert table[s.TURN].tolist() == [1, 5, 8, 12]
        assert x.exchange_summary(store).exchanges == 116 + 4
    finally:
        store.close()
    assert x.exchange_summary(seeds_store).exchanges == 116


# ---------------------------------------------------------------- comparisons on exchanges


def test_answers_about_one_theme_against_another_by_keyness(seeds_store, reference):
    safety = x.ExchangeSide(filt=x.ExchangeFilter(themes=("安全与对齐",)))
    business = x.ExchangeSide(filt=x.ExchangeFilter(themes=("商业与创业",)))
    sizes, table = exchange_comparison(seeds_store, safety, business, min_count=1)
    # The same counts in pandas: the answer turns of each side's exchanges.
    parts = parts_of(reference)
    hits = reference.theme_hits
    tokens = reference.tokens.astype({s.ARTICLE_ID: object})

    def answer_words(theme):
        asked = (
            parts[parts[s.PART] == s.QUESTION]
            .merge(hits[hits[s.THEME] == theme], on=[s.ARTICLE_ID, s.TURN])[
                [s.ARTICLE_ID, s.EXCHANGE]
            ]
            .drop_duplicates()
        )
        answers = parts[parts[s.PART] == s.ANSWER].merge(asked, on=[s.ARTICLE_ID, s.EXCHANGE])
        return tokens.merge(answers[[s.ARTICLE_ID, s.TURN]], on=[s.ARTICLE_ID, s.TURN])

    a, b = answer_words("安全与对齐"), answer_words("商业与创业")
    assert (sizes.words_a, sizes.words_b) == (len(a), len(b))
    counts = table.set_index(s.TERM)
    assert counts.loc["安全", s.COUNT_A] == (a[s.TOKEN] == "安全").sum()
    assert counts.loc["安全", s.COUNT_B] == (b[s.TOKEN] == "安全").sum()
    assert counts.loc["安全", s.G2] > 0
    rest, _ = exchange_comparison(seeds_store, safety, None)
    assert rest.shared == 0 and rest.turns_a + rest.turns_b == (parts[s.PART] == s.ANSWER).sum()
    same, empty = exchange_comparison(seeds_store, safety, safety)
    assert same.problem() == "same" and empty.empty


# ---------------------------------------------------------------- the command line


def run_questions(*args, store=None):
    import subprocess
    import sys

    extra = ["--store", str(store)] if store is not None else []
    return subprocess.run(
        [sys.executable, "-m", "analysis", "questions", *args, *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_the_questions_command_lists_and_writes_the_exchanges(tmp_path):
    done = run_questions(
        "seeds", "--about", "安全与对齐", "--order", "longest", "--top", "3", store=tmp_path
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{A002}#11\tKevin Weil\tclosed\t837\tSam Altman\t")
    assert "10 exchanges in 4 articles, 10 answered; 3 shown" in done.stderr
    written = run_questions("seeds", "--filters", "role=audience", "--csv", store=tmp_path)
    assert written.returncode == 0, written.stderr
    from io import StringIO

    table = pd.read_csv(StringIO(written.stdout.lstrip("\ufeff")), keep_default_na=False)
    assert list(table.columns) == s.EXCHANGES.names
    assert table[s.TURN].tolist() == [38, 41, 43, 45, 47, 52, 55]


def test_the_questions_command_says_why_there_is_nothing(tmp_path):
    corpus = tmp_path / "talks"
    corpus.mkdir()
    (corpus / "talk.md").write_text(
        "# 演讲\n\n**讲者：** 今天讲三点。什么是智能体？\n\n**讲者：** 谢谢大家。\n",
        encoding="utf-8",
    )
    done = run_questions(str(corpus), store=tmp_path / "store")
    assert done.returncode == 1
    assert "no exchanges: nobody in these articles is a host or an audience member" in done.stderr
    assert "Traceback" not in done.stderr
    refused = run_questions("seeds", "--type", "rhetorical", store=tmp_path / "store")
    assert refused.returncode == 2 and "invalid choice: 'rhetorical'" in refused.stderr


def test_the_questions_command_compares_answers_by_theme(tmp_path):
    done = run_questions(
        "seeds", "--about", "安全与对齐", "--against", "商业与创业", "--top", "1", store=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\t")[:3] == ["安全", "9", "0"]


# The turn a concordance hit answers (issue 22 item 7): the nearest earlier question.

ANSWERING = make_turns(
    [
        ("主持人", "host", "欢迎。"),
        ("Sam Altman", "guest", "谢谢。"),
        ("主持人", "host", "你怎么看智能体？"),
        ("Kevin Weil", "host", "是的，这太神奇了。"),  # a co-host's remark, not a question
        ("Sam Altman", "guest", "它们会来。"),
        ("Sam Altman", "guest", "智能体会很有用。"),  # the same speaker goes on
    ]
)


def test_a_turn_answers_the_nearest_earlier_question_not_a_remark():
    assert question_answered(ANSWERING, 5)[s.TURN] == 3
    assert question_answered(ANSWERING, 6)[s.TURN] == 3


def test_a_guest_asking_back_is_no_question_a_host_answers():
    turns = make_turns(
        [
            ("主持人", "host", "你好。"),
            ("Sam Altman", "guest", "你觉得呢？"),
            ("主持人", "host", "好。"),
        ]
    )
    assert question_answered(turns, 3) is None


def test_no_question_before_a_turn_is_none():
    assert question_answered(ANSWERING, 1) is None
    assert question_answered(ANSWERING, 2) is None  # 欢迎 asks nothing
    assert question_answered(ANSWERING, 99) is None


def test_hits_of_agents_in_kevin_weils_article_answer_questions(seeds):
    article = seeds.turns[seeds.turns[s.ARTICLE_ID].str.startswith("002_")]
    hits = article[article[s.TEXT].str.contains("智能体") & (article[s.SPEAKER] == "Sam Altman")]
    answered = [question_answered(article, turn) for turn in hits[s.TURN]]
    assert len(answered) >= 4
    for question in answered:
        assert question[s.SPEAKER] != "Sam Altman" and asks(question[s.TEXT])
    # Turn 18's previous turn is Kevin Weil's remark (17); it answers his question at 15.
    by_turn = dict(zip(hits[s.TURN], answered, strict=True))
    assert by_turn[18][s.TURN] == 15 and by_turn[22][s.TURN] == 21
