"""Collocates, co-occurrence and phrases on hand-made token tables."""

import math

import pandas as pd
import pytest

from analysis import schema as s
from analysis.measures.collocations import collocates, cooccurrence, phrases
from tests.conftest import make_tokens


def test_collocates_within_the_window_with_mi():
    tokens = make_tokens({"A": ["推理", "模型", "安全", "能源", "推理", "模型"]})
    table = collocates(tokens, "模型", window=1, min_count=1).set_index(s.TERM)
    # 推理 stands right before both 模型s; 安全 right after the first; 能源 is two away.
    assert table[s.COUNT].to_dict() == {"推理": 2, "安全": 1}
    # MI = log2(O / E), E = f(node) * f(word) * 2 * window / N = 2 * 2 * 2 / 6
    assert table.loc["推理", s.MI] == pytest.approx(math.log2(2 / (2 * 2 * 2 / 6)))


def test_no_collocates_for_an_absent_term():
    assert collocates(make_tokens({"A": ["模型"]}), "能源").empty


def test_cooccurring_pairs_with_jaccard():
    tokens = make_tokens({"A": ["模型", "安全"], "B": ["模型", "安全"], "C": ["模型"]})
    table = cooccurrence(tokens, min_count=1)
    assert table[[s.TERM_A, s.TERM_B, s.TOGETHER]].values.tolist() == [["安全", "模型", 2]]
    assert table[s.JACCARD].iloc[0] == pytest.approx(2 / 3)


def test_phrases_are_adjacent_words_within_a_turn():
    tokens = make_tokens({"A": ["语音", "模式", "语音", "模式"], "B": ["语音", "模式"]})
    table = phrases(tokens, sizes=(2,), min_count=2)
    assert table[[s.PHRASE, s.COUNT]].values.tolist() == [["语音 模式", 3]]


def test_a_dropped_word_between_two_words_breaks_the_phrase():
    tokens = make_tokens({"A": ["语音", "模式"], "B": ["语音", "模式"]})
    tokens.loc[tokens.index[-1], s.POSITION] = 5  # a stopword stood between them in turn B
    table = phrases(tokens, sizes=(2,), min_count=1)
    assert table[s.COUNT].tolist() == [1]


def test_phrases_of_an_empty_selection():
    assert phrases(pd.DataFrame(columns=s.TOKENS.names)).empty
