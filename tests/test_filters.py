"""Selecting turns, and the per-turn rows (tokens, theme hits) that belong to them."""

from datetime import date

import pandas as pd
import pytest

from analysis import schema as s
from analysis.measures.filters import filter_by_turns, filter_turns
from tests.conftest import make_turns

TURNS = pd.concat(
    [
        make_turns([("主持人", "host", "问？"), ("Sam Altman", "guest", "答。")], "a"),
        make_turns([("主持人", "host", "再问？"), ("Sam Altman", "guest", "再答。")], "b"),
    ],
    ignore_index=True,
)
ARTICLES = pd.DataFrame(
    {s.ARTICLE_ID: ["a", "b"], s.PUBLISHED: pd.to_datetime(["2024-09-01", "2024-12-01"])}
)
HITS = pd.DataFrame(
    {s.ARTICLE_ID: ["a", "b"], s.TURN: [2, 1], s.THEME: ["安全", "能源"], s.HITS: 1}
)


def keys(turns: pd.DataFrame) -> list[tuple]:
    return list(zip(turns[s.ARTICLE_ID], turns[s.TURN], strict=True))


def test_no_filter_keeps_every_turn():
    assert keys(filter_turns(TURNS)) == [("a", 1), ("a", 2), ("b", 1), ("b", 2)]


def test_filters_combine_with_and():
    chosen = filter_turns(TURNS, articles=["b"], roles=["guest"])
    assert keys(chosen) == [("b", 2)]


def test_a_theme_keeps_the_turns_that_touch_it():
    assert keys(filter_turns(TURNS, themes=["能源"], theme_hits=HITS)) == [("b", 1)]


def test_a_date_range_uses_the_articles_publish_dates():
    chosen = filter_turns(TURNS, date_range=(date(2024, 11, 1), None), articles_table=ARTICLES)
    assert keys(chosen) == [("b", 1), ("b", 2)]


@pytest.mark.parametrize("categorical", [False, True], ids=["text ids", "categorical ids"])
def test_per_turn_rows_follow_the_chosen_turns(categorical):
    tokens = pd.DataFrame(
        {
            s.ARTICLE_ID: ["a", "a", "a", "b", "b", "c"],
            s.TURN: [1, 2, 2, 1, 2, 1],
            s.TOKEN: ["问", "答", "案", "再问", "再答", "别的"],
        }
    )
    if categorical:
        tokens[s.ARTICLE_ID] = tokens[s.ARTICLE_ID].astype("category")
    chosen = filter_turns(TURNS, speakers=["Sam Altman"])
    assert list(filter_by_turns(tokens, chosen)[s.TOKEN]) == ["答", "案", "再答"]
    assert filter_by_turns(tokens, chosen.iloc[0:0]).empty
