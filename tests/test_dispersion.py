"""The dispersion plot's data: where each hit falls along its conversation."""

import pandas as pd
import pytest

from analysis import schema as s
from analysis.config import load_themes
from analysis.measures.dispersion import articles_to_plot, dispersion
from analysis.store.build import build_store
from analysis.store.selection import Selection
from analysis.store.store import Store

# Four turns of 4, 7, 5 and 13 characters: they start at 0, 4, 11 and 16 of 29.
TALK = """# 一次访谈

**主持人：** 你好吗？

**Sam Altman：** 很好，谢谢你。

**主持人：** 智能体呢？

**Sam Altman：** 智能体会来，智能体都会来。
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "talk.md").write_text(TALK, encoding="utf-8")
    folder = tmp_path_factory.mktemp("store")
    build_store(corpus, folder, load_themes())
    opened = Store.open(folder)
    yield opened
    opened.close()


def test_turns_start_after_the_speech_before_them(store):
    offsets = store.speech_offsets(Selection())
    assert offsets[s.OFFSET].tolist() == [0, 4, 11, 16]
    assert offsets[s.CHARS].tolist() == [29] * 4


def test_a_speaker_filter_still_measures_along_the_whole_conversation(store):
    offsets = store.speech_offsets(Selection(speakers=("Sam Altman",)))
    assert offsets[s.TURN].tolist() == [1, 2, 3, 4]


def test_each_hit_sits_at_the_speech_before_it_over_all_speech(store):
    hits = store.kwic(Selection(), "智能体", mode="substring")
    articles = articles_to_plot(hits)
    ticks = dispersion(hits, store.speech_offsets(Selection(articles=tuple(articles))), articles)
    assert ticks[[s.TURN, s.SPEAKER, s.OFFSET]].values.tolist() == [
        [3, "主持人", 11],
        [4, "Sam Altman", 16],
        [4, "Sam Altman", 22],  # 智能体会来， is 6 characters
    ]
    assert ticks[s.POSITION].tolist() == pytest.approx([11 / 29, 16 / 29, 22 / 29])


def test_a_speaker_filter_keeps_only_their_hits_at_the_same_places(store):
    hits = store.kwic(Selection(speakers=("Sam Altman",)), "智能体", mode="substring")
    articles = articles_to_plot(hits)
    ticks = dispersion(hits, store.speech_offsets(Selection(articles=tuple(articles))), articles)
    assert ticks[s.POSITION].tolist() == pytest.approx([16 / 29, 22 / 29])


def lines(counts: dict[str, int]) -> pd.DataFrame:
    """Concordance lines: `counts[article]` hits in each article, in this order."""
    rows = [
        {s.ARTICLE_ID: article, s.TURN: 1, s.SPEAKER: "A", s.OFFSET: i}
        for article, n in counts.items()
        for i in range(n)
    ]
    return pd.DataFrame(rows).reindex(columns=s.KWIC.names)


def test_the_plot_shows_the_articles_with_most_hits_in_corpus_order():
    hits = lines({"a": 1, "b": 5, "c": 3, "d": 3})
    assert articles_to_plot(hits, max_articles=3) == ["b", "c", "d"]
    assert articles_to_plot(hits, max_articles=2) == ["b", "c"]  # c before d: earlier


def test_the_plot_stops_before_too_many_ticks_but_shows_one_article():
    hits = lines({"a": 1, "b": 5, "c": 3})
    assert articles_to_plot(hits, max_ticks=8) == ["b", "c"]
    assert articles_to_plot(hits, max_ticks=7) == ["b"]
    assert articles_to_plot(hits, max_ticks=2) == ["b"]


def test_no_hits_no_rows():
    hits = lines({})
    assert articles_to_plot(hits) == []
    assert dispersion(
        hits, pd.DataFrame(columns=[s.ARTICLE_ID, s.TURN, s.OFFSET, s.CHARS]), []
    ).empty
