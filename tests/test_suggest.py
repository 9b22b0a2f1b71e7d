"""Suggested words: association (PMI, G²) and boundary entropy on tiny corpora whose answers
are worked out by hand below, then on the seeds."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import schema as s
from analysis.store.suggest import (
    G2,
    LEFT_ENTROPY,
    PMI,
    RIGHT_ENTROPY,
    SuggestSettings,
    suggest_from_tokens,
)


def tokens_of(*turns: list) -> pd.DataFrame:
    """One turn per list; a word is (word, position) or a plain word at the next position."""
    rows = []
    for number, words in enumerate(turns, start=1):
        position = 0
        for item in words:
            word, position = item if isinstance(item, tuple) else (item, position)
            rows.append({s.ARTICLE_ID: "a", s.TURN: number, s.POSITION: position, s.TOKEN: word})
            position += 1
    return pd.DataFrame(rows)


LOOSE = SuggestSettings(min_count=1, min_pmi=-100, min_entropy=0, top=100)


def row_of(found: pd.DataFrame, term: str) -> pd.Series:
    rows = found[found[s.TERM] == term]
    assert len(rows) == 1, found
    return rows.iloc[0]


def test_a_pair_written_together_among_varied_neighbours_is_suggested():
    # Adjacent pairs: (机器 图灵) (图灵 测试) (测试 通过) | (人类 图灵) (图灵 测试) (测试 未来)
    # | (图灵 测试) | (通过 人类): P = 8 pairs; 图灵 starts 3, 测试 ends 3, together 3.
    tokens = tokens_of(
        ["机器", "图灵", "测试", "通过"],
        ["人类", "图灵", "测试", "未来"],
        ["图灵", "测试"],
        ["通过", "人类"],
    )
    found = suggest_from_tokens(tokens, SuggestSettings(min_count=3, min_pmi=1, min_entropy=1))
    assert found[s.TERM].tolist() == ["图灵测试"]
    row = found.iloc[0]
    assert row[s.COUNT] == 3
    # PMI = log2(3 * 8 / (3 * 3)) = log2(8/3)
    assert row[PMI] == pytest.approx(math.log2(8 / 3))
    # 2x2 table: O11 = 3, O12 = O21 = 0, O22 = 5; E11 = 9/8, E22 = 25/8
    assert row[G2] == pytest.approx(2 * (3 * math.log(8 / 3) + 5 * math.log(8 / 5)))
    # Left: 机器, 人类 and the turn's edge (a free boundary); right: 通过, 未来, the edge.
    assert row[LEFT_ENTROPY] == pytest.approx(math.log2(3))
    assert row[RIGHT_ENTROPY] == pytest.approx(math.log2(3))


def test_repeated_neighbours_lower_the_boundary_entropy():
    # Left neighbours a, a, b, b: 1 bit; right neighbours c, c, c, d: 0.811 bits.
    tokens = tokens_of(
        ["甲甲", "图灵", "测试", "丙丙"],
        ["甲甲", "图灵", "测试", "丙丙"],
        ["乙乙", "图灵", "测试", "丙丙"],
        ["乙乙", "图灵", "测试", "丁丁"],
    )
    row = row_of(suggest_from_tokens(tokens, LOOSE), "图灵测试")
    assert row[LEFT_ENTROPY] == pytest.approx(1.0)
    assert row[RIGHT_ENTROPY] == pytest.approx(-(0.75 * math.log2(0.75) + 0.25 * math.log2(0.25)))


def test_a_fragment_of_a_longer_unit_is_not_suggested():
    # 人工 智能 助手 always together: 人工智能 always has 助手 on its right (entropy 0) and
    # 智能助手 always 人工 on its left, so neither half is a word of its own.
    tokens = tokens_of(
        ["我们", "人工", "智能", "助手", "很好"],
        ["他们", "人工", "智能", "助手", "不错"],
        ["你们", "人工", "智能", "助手", "可以"],
    )
    assert suggest_from_tokens(tokens, SuggestSettings(min_count=3, min_pmi=0)).empty
    found = suggest_from_tokens(tokens, LOOSE)
    assert row_of(found, "人工智能")[RIGHT_ENTROPY] == pytest.approx(0.0)
    assert row_of(found, "智能助手")[LEFT_ENTROPY] == pytest.approx(0.0)


def test_words_with_a_dropped_word_between_them_are_not_neighbours():
    # Position 1 was dropped (a stopword): 图灵 and 测试 are not adjacent.
    tokens = tokens_of([("图灵", 0), ("测试", 2)], [("图灵", 0), ("测试", 2)])
    assert suggest_from_tokens(tokens, LOOSE).empty


def test_only_han_words_are_joined_and_min_count_and_exclusions_apply():
    tokens = tokens_of(["open", "ai", "图灵", "测试"], ["open", "ai", "图灵", "测试"])
    found = suggest_from_tokens(tokens, LOOSE)
    assert "openai" not in found[s.TERM].tolist()  # Latin words would need their space
    assert "图灵测试" in found[s.TERM].tolist()
    assert suggest_from_tokens(tokens, SuggestSettings(min_count=3, min_pmi=-100)).empty
    assert (
        "图灵测试" not in suggest_from_tokens(tokens, LOOSE, exclude=["图灵测试"])[s.TERM].tolist()
    )


def test_the_seeds_suggest_a_split_term_that_adding_it_removes(tmp_path):
    from analysis.config import Vocabulary, load_themes
    from analysis.store.build import build_store
    from analysis.store.selection import Selection
    from analysis.store.store import Store
    from analysis.store.suggest import suggest_terms

    build_store("seeds", tmp_path / "store", load_themes())
    store = Store.open(tmp_path / "store")
    settings = SuggestSettings(min_count=2, top=200)
    found = suggest_terms(store, Selection(), settings)
    # jieba splits 图灵测试 (图灵 / 测试); the seeds' turns write it twice, among other words.
    turns = store.turns(columns=[s.TEXT])[s.TEXT]
    assert row_of(found, "图灵测试")[s.COUNT] == sum(text.count("图灵测试") for text in turns) == 2
    joined = store.with_vocabulary(Vocabulary(add_words=("图灵测试",)))
    assert "图灵测试" not in suggest_terms(joined, Selection(), settings)[s.TERM].tolist()
