"""Keyword in context on hand-made turns."""

import re
import unicodedata

import pytest
import re2

from analysis import schema as s
from analysis.config import Vocabulary
from analysis.text.kwic import (
    MAX_HITS,
    MAX_PATTERN,
    compile_pattern,
    context_words,
    dictionary_with,
    hit_spans,
    kwic_lines,
    match_spans,
    mode_of,
    sort_lines,
    word_spans,
)
from analysis.text.patterns import MAX_MATCH
from tests.conftest import make_turns
from tests.hostile import HOSTILE_PATTERNS, HOSTILE_TEXT, REFUSED_PATTERNS

TURNS = make_turns(
    [
        ("主持人", "host", "你怎么看智能体？", "开场"),
        ("Sam Altman", "guest", "智能体都会改变世界。AGI也是。"),
    ]
)


def test_every_hit_with_its_context_and_place():
    lines = kwic_lines(TURNS, "智能体", width=3)
    assert lines[[s.SPEAKER, s.LEFT, s.MATCH, s.RIGHT, s.OFFSET, s.SECTION]].values.tolist() == [
        ["主持人", "怎么看", "智能体", "？", 4, "开场"],
        ["Sam Altman", "", "智能体", "都会改", 0, ""],
    ]


# Whole words (the default), substrings, regular expressions.

WORDS = make_turns(
    [
        ("主持人", "host", "你怎么看智能体？"),  # 你 怎么 看 智能体 ？
        ("Sam Altman", "guest", "最终能够启用的智能体验将非常好。"),  # 智能 体验: not the word
        ("Sam Altman", "guest", "即使是图灵测试，我也不在乎。"),  # 图灵 测试: two words
        ("Sam Altman", "guest", "用AI做事，不是 said 或 AIs"),
    ]
)


def test_whole_words_do_not_hit_inside_a_longer_word():
    lines = kwic_lines(WORDS, "智能体")
    assert lines[s.TURN].tolist() == [1]


def test_a_substring_hits_inside_words_too():
    lines = kwic_lines(WORDS, "智能体", mode="substring")
    assert lines[[s.TURN, s.OFFSET]].values.tolist() == [[1, 4], [2, 7]]


def test_a_term_jieba_splits_still_hits_on_its_outer_edges():
    lines = kwic_lines(WORDS, "图灵测试")
    assert lines[[s.TURN, s.OFFSET]].values.tolist() == [[3, 3]]


def test_latin_whole_words_are_latin_words():
    # AI, not the ai in said or the AI of AIs; the substring search finds all three.
    assert kwic_lines(WORDS, "ai")[s.MATCH].tolist() == ["AI"]
    assert kwic_lines(WORDS, "ai", mode="substring")[s.MATCH].tolist() == ["AI", "ai", "AI"]


def test_a_session_word_moves_the_word_boundaries():
    # jieba reads 智能体验 as 智能 + 体验; with 智能体验 added it is one word.
    turns = make_turns([("A", "guest", "智能体验很好")])
    assert kwic_lines(turns, "体验")[s.OFFSET].tolist() == [2]
    terms = dictionary_with(Vocabulary(add_words=("智能体验",)))
    assert kwic_lines(turns, "体验", terms=terms).empty
    assert dictionary_with(Vocabulary()) is None


def test_words_of_a_text_cover_it_without_white_space():
    text = "用AI做事，不是 said"
    assert [text[a:b] for a, b in word_spans(text)] == ["用", "AI", "做事", "，", "不是", "said"]


def test_the_mode_comes_from_the_regex_switch_when_not_named():
    assert mode_of() == "word"
    assert mode_of(regex=True) == "regex"
    assert mode_of(regex=True, mode="substring") == "substring"
    with pytest.raises(ValueError, match="unknown match mode"):
        mode_of(mode="fuzzy")


# The words around a hit, and sorting by them (AntConc's L1, L2, R1, R2).


def test_the_words_around_a_hit_skip_punctuation():
    text = "你怎么看智能体？它们来了"
    spans = word_spans(text)
    assert context_words(text, spans, 4, 7) == ("怎么", "看", "它们", "来")


def test_a_hit_at_the_edge_has_no_words_beyond_it():
    text = "智能体。"
    assert context_words(text, word_spans(text), 0, 3) == ("", "", "", "")


SORTABLE = make_turns(
    [
        ("A", "guest", "我们喜欢智能体。"),  # L1 喜欢 (U+559C), R1 none
        ("A", "guest", "他们讨厌智能体吗"),  # L1 讨厌 (U+8BA8), R1 吗 (U+5417)
        ("A", "guest", "大家研究智能体的未来"),  # L1 研究 (U+7814), R1 的 (U+7684), R2 未来
        ("A", "guest", "大家研究智能体方面"),  # L1 研究, R1 方面 (U+65B9)
    ]
)


@pytest.mark.parametrize(
    "by, turns",
    [
        ("order", [1, 2, 3, 4]),
        # Words in Unicode order, which keeps each word's lines together.
        ("L1", [1, 3, 4, 2]),
        ("L2", [2, 3, 4, 1]),  # 他们 (U+4ED6) < 大家 (U+5927) < 我们 (U+6211); ties by L1, order
        # No word to the right goes last.
        ("R1", [2, 4, 3, 1]),
        # Only turn 3 has an R2 (未来); the others follow by R1: 吗 < 方面 < none.
        ("R2", [3, 2, 4, 1]),
    ],
)
def test_lines_sort_by_the_words_around_the_hit(by, turns):
    lines = sort_lines(kwic_lines(SORTABLE, "智能体"), by)
    assert lines[s.TURN].tolist() == turns


def test_an_unknown_sort_is_refused_in_words():
    with pytest.raises(ValueError, match="unknown sort"):
        sort_lines(kwic_lines(SORTABLE, "智能体"), "L9")


def test_hit_spans_are_where_the_hits_are_in_the_turn():
    lines = kwic_lines(WORDS, "ai", mode="substring")
    assert hit_spans(lines, "a", 4) == [(1, 3), (10, 12), (16, 18)]


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
