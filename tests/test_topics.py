"""NMF topics: deterministic, shaped as documented, and honest about too little text."""

import pytest

from analysis import schema as s
from analysis.measures.topics import find_topics, topic_labels
from tests.conftest import make_tokens


def test_two_clear_topics_are_found():
    tokens = make_tokens(
        {
            "A": ["金融", "银行", "金融", "银行"],
            "B": ["银行", "金融", "信贷"],
            "C": ["学生", "学校", "学生"],
            "D": ["学校", "学生", "老师"],
        }
    )
    tokens[s.TURN] = range(len(tokens))
    tokens[s.TURN] = tokens.groupby(s.SPEAKER)[s.TURN].transform("min")
    words, per_turn = find_topics(tokens, k=2, min_df=1)
    tops = {frozenset(g.head(2)[s.WORD]) for _, g in words.groupby(s.TOPIC)}
    assert tops == {frozenset({"金融", "银行"}), frozenset({"学生", "学校"})}
    assert list(words.columns) == s.TOPIC_WORDS.names
    assert list(per_turn.columns) == s.TURN_TOPICS.names


def test_same_input_same_topics(seeds):
    from analysis.text.tokens import segment_turns

    tokens = segment_turns(seeds.turns)
    first, _ = find_topics(tokens, k=4)
    second, _ = find_topics(tokens, k=4)
    assert first.equals(second)
    assert len(topic_labels(first)) == 4


def test_too_little_text_says_so():
    with pytest.raises(ValueError, match="too little text"):
        find_topics(make_tokens({"A": ["模型"]}))
