"""Keyword in context on hand-made turns."""

import re
import unicodedata

import pytest
import re2

from analysis import schema as s
from analysis.text.kwic import MAX_HITS, MAX_PATTERN, compile_pattern, kwic_lines, match_spans
from analysis.text.patterns import MAX_MATCH
from tests.conftest import make_turns
from tests.hostile import HOSTILE_PATTERNS, HOSTILE_TEXT, REFUSED_PATTERNS

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


# Hostile searches: each must run on the linear-time engine and finish on long text.


@pytest.mark.parametrize("pattern", list(HOSTILE_PATTERNS.values()), ids=list(HOSTILE_PATTERNS))
def test_hostile_patterns_compile_for_linear_time_search(pattern):
    assert isinstance(compile_pattern(pattern, regex=True), re2._Regexp)


@pytest.mark.parametrize("pattern", list(HOSTILE_PATTERNS.values()), ids=list(HOSTILE_PATTERNS))
def test_hostile_patterns_finish_on_100k_characters(pattern):
    turns = make_turns([("A", "guest", HOSTILE_TEXT), ("B", "guest", HOSTILE_TEXT[::-1])])
    lines = kwic_lines(turns, pattern, regex=True)
    assert len(lines) <= MAX_HITS


def test_a_pattern_that_hits_everywhere_stops_at_the_hit_cap():
    turns = make_turns([("A", "guest", "a" * 100_000)])
    assert len(kwic_lines(turns, "a.*z|a", regex=True)) == MAX_HITS


@pytest.mark.parametrize(
    "pattern, words", list(REFUSED_PATTERNS.values()), ids=list(REFUSED_PATTERNS)
)
def test_patterns_the_engine_cannot_take_are_refused_in_words(pattern, words):
    with pytest.raises(ValueError, match=words):
        kwic_lines(TURNS, pattern, regex=True)


def test_a_long_hit_is_cut_to_the_longest_that_fits():
    text = "始" + "中" * 5_000 + "终"
    spans = match_spans(text, compile_pattern("始.*", regex=True))
    assert len(spans) == 1 and spans[0][0] == 0 and MAX_MATCH <= spans[0][1] < len(text)


def test_hits_are_found_across_window_edges():
    text = ("中" * 997 + "智能体") * 50
    spans = match_spans(text, compile_pattern("智能体"))
    assert spans == [(i * 1000 + 997, i * 1000 + 1000) for i in range(50)]


@pytest.mark.parametrize(
    "pattern",
    [r"\w+智能", r"\d+", r"\s+", r"[\u4e00-\u9fff]{4}", r"sam\s*altman", "AG.", r"[^\s，。]+"],
)
def test_ordinary_patterns_find_what_python_re_finds(seeds, pattern):
    compiled = compile_pattern(pattern, regex=True)
    folded = unicodedata.normalize("NFKC", pattern)  # as the search folds it
    for text in seeds.turns[s.TEXT].head(60):
        text = unicodedata.normalize("NFKC", text)
        expected = [m.span() for m in re.finditer(folded, text, re.IGNORECASE)]
        assert match_spans(text, compiled, limit=10_000) == expected


def test_word_edges_are_latin_word_edges():
    # \b is the edge of a Latin word, also next to Chinese (Python's \b sees none in 用AI做).
    turns = make_turns([("A", "guest", "用AI做事，不是 said 或 AIs")])
    assert kwic_lines(turns, r"\bAI\b", regex=True)[s.MATCH].tolist() == ["AI"]


def test_a_global_flag_may_stand_anywhere():
    assert kwic_lines(TURNS, "智能体|(?i)agi", regex=True)[s.MATCH].tolist() == [
        "智能体",
        "智能体",
        "AGI",
    ]
