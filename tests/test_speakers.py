"""Speaker-time shares and conversation dynamics on hand-made turns."""

import pandas as pd
import pytest

from analysis import schema as s
from analysis.measures.talk import SpeechRate, count_questions, speaker_summary
from tests.conftest import make_store, make_turns


def speaker_stats(turns, rate=None):
    """The store's speaker stats of these turns, in corpus order."""
    return make_store(turns).speaker_stats(rate=rate)


def article_dynamics(turns):
    return make_store(turns).article_dynamics()


TURNS = make_turns(
    [
        ("主持人", "host", "你好吗？今天聊什么？"),  # 10 chars, 2 questions
        ("Sam Altman", "guest", "我很好。聊聊模型的未来。"),  # 12 chars
        ("主持人", "host", "好。"),  # 2 chars
        ("Sam Altman", "guest", "模型会更好，也会更安全，谢谢大家。"),  # 17 chars
    ]
)


def test_shares_turns_and_longest_monologue():
    stats = speaker_stats(TURNS).set_index(s.SPEAKER)
    assert stats.loc["Sam Altman", s.CHARS] == 29
    assert stats.loc["Sam Altman", s.SHARE] == pytest.approx(29 / 41)
    assert stats.loc["主持人", s.TURN_SHARE] == pytest.approx(0.5)
    assert stats.loc["Sam Altman", s.LONGEST_TURN_CHARS] == 17
    assert stats.loc["Sam Altman", s.LONGEST_TURN] == 4
    assert stats.loc["主持人", s.QUESTIONS] == 2
    assert list(speaker_stats(TURNS).columns) == s.SPEAKER_STATS.names


def test_estimated_minutes_follow_the_speech_rate():
    stats = speaker_stats(TURNS, SpeechRate(chars_per_minute=10)).set_index(s.SPEAKER)
    assert stats.loc["Sam Altman", s.EST_MINUTES] == pytest.approx(2.9)


@pytest.mark.parametrize(
    "text, n", [("好吗？是吗?", 2), ("没有问题。", 0), ("真的？？", 1), ("", 0)]
)
def test_questions_are_sentences_ending_in_a_question_mark(text, n):
    assert count_questions(text) == n


def test_host_guest_ratio_and_switches_per_thousand_characters():
    row = article_dynamics(TURNS).iloc[0]
    assert row[s.HOST_GUEST_RATIO] == pytest.approx(12 / 29)
    assert row[s.SWITCHES_PER_1K] == pytest.approx(3 / 41 * 1000)


def test_editor_text_never_counts(seeds):
    stats = speaker_stats(seeds.turns)
    assert stats[s.CHARS].sum() == seeds.articles[s.SPEECH_CHARS].sum()
    assert stats.groupby(s.ARTICLE_ID)[s.SHARE].sum().round(9).eq(1).all()


def test_corpus_summary_per_speaker(seeds):
    summary = speaker_summary(seeds.turns).set_index(s.SPEAKER)
    assert summary.loc["Sam Altman", s.N_ARTICLES] == 5
    assert summary.loc["Sam Altman", s.TURNS_COUNT] == 4 + 14 + 25 + 40 + 44


def timed_turns(durations: list[float | None]):
    turns = make_turns(
        [
            ("陈屹", "host", "你好吗？"),
            ("江屿", "guest", "我很好，谢谢。"),
            ("陈屹", "host", "那说说你的播客？"),
            ("江屿", "guest", "好的，我们从头说起吧。"),
        ]
    )
    starts, clock = [], 0.0
    for duration in durations:
        starts.append(clock)
        clock += duration or 0
    turns[s.START_SECONDS] = starts
    turns[s.DURATION_SECONDS] = durations
    return turns


def test_minutes_are_measured_from_time_stamps_where_every_turn_has_a_duration():
    stats = speaker_stats(timed_turns([30.0, 90.0, 30.0, 60.0])).set_index(s.SPEAKER)
    assert stats.loc["陈屹", s.MINUTES] == pytest.approx(1.0)
    assert stats.loc["江屿", s.MINUTES] == pytest.approx(2.5)
    assert set(stats[s.MINUTES_SOURCE]) == {"measured"}
    # The estimate stays beside it: 4 + 10 host characters at 250 a minute.
    assert stats.loc["陈屹", s.EST_MINUTES] == pytest.approx(12 / 250)


def test_a_turn_without_a_duration_counts_its_estimate_and_says_mixed():
    stats = speaker_stats(timed_turns([30.0, 90.0, 30.0, None])).set_index(s.SPEAKER)
    assert stats.loc["江屿", s.MINUTES] == pytest.approx(1.5 + 11 / 250)
    assert stats.loc["江屿", s.MINUTES_SOURCE] == "mixed"
    assert stats.loc["陈屹", s.MINUTES_SOURCE] == "measured"


def test_articles_without_stamps_keep_estimated_minutes():
    stats = speaker_stats(TURNS).set_index(s.SPEAKER)
    assert set(stats[s.MINUTES_SOURCE]) == {"estimated"}
    assert (stats[s.MINUTES] == stats[s.EST_MINUTES]).all()


def test_the_corpus_summary_keeps_a_generic_label_apart_per_article():
    from tests.conftest import make_turns

    first = make_turns([("主持人", "host", "你好吗？"), ("Sam Altman", "guest", "很好。")], "a")
    second = make_turns([("主持人", "host", "最近忙吗？"), ("Sam Altman", "guest", "很忙。")], "b")
    summary = speaker_summary(pd.concat([first, second], ignore_index=True))
    rows = dict(zip(summary[s.SPEAKER], summary[s.N_ARTICLES], strict=True))
    # The host of a and the host of b are two people; Sam Altman is one person in both.
    assert rows == {"Sam Altman": 2, "主持人 · a": 1, "主持人 · b": 1}
