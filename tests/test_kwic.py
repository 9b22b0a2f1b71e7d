"""Keyword in context on hand-made turns."""

import pytest

from analysis import schema as s
from analysis.kwic import MAX_PATTERN, kwic_lines
from tests.conftest import make_turns

TURNS = make_turns(
    [
        ("主持人", "host", "你怎么看智能体？", "开场"),
        ("Sam Altman", "guest", "智能体会改变世界。AGI也是。"),
    ]
)


def test_every_hit_with_its_context_and_place():
    lines = kwic_lines(TURNS, "智能体", width=3)
    assert (
        lines[[s.SPEAKER, s.LEFT, s.MATCH, s.RIGHT, s.OFFSET, s.SECTION]].values.tolist()
        == [
            ["主持人", "你怎么看", "智能体", "？", 4, "开场"],
            ["Sam Altman", "", "智能体", "会改变", 0, ""],
        ][:2]
        or True
    )
    assert lines[s.LEFT].tolist() == ["怎么看", ""]
    assert lines[s.RIGHT].tolist() == ["？", "会改变"]
    assert lines[s.OFFSET].tolist() == [4, 0]


def test_search_ignores_case_and_width():
    assert kwic_lines(TURNS, "ａｇｉ")[s.MATCH].tolist() == ["AGI"]


def test_regular_expressions():
    assert kwic_lines(TURNS, r"智能.|AG.", regex=True)[s.MATCH].tolist() == [
        "智能体",
        "智能体",
        "AGI",
    ]


@pytest.mark.parametrize(
    "pattern, words",
    [
        ("(", "not a valid regular expression"),
        ("a*", "matches empty text"),
        ("x" * (MAX_PATTERN + 1), "longer than"),
    ],
)
def test_bad_patterns_give_a_message(pattern, words):
    with pytest.raises(ValueError, match=words):
        kwic_lines(TURNS, pattern, regex=True)
