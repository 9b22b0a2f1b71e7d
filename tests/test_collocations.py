"""Collocates, co-occurrence, n-grams and phrases on hand-made token tables and the seeds."""

import math

import pandas as pd
import pytest

from analysis import schema as s
from analysis.measures.collocations import (
    collocates,
    cooccurrence,
    join_words,
    ngrams,
    phrases,
)
from analysis.store.selection import Selection
from tests.conftest import make_tokens


@pytest.fixture
def store(seeds_store):
    return seeds_store


# ---- collocates: counts, MI and G², worked by hand

MODEL_TURN = {"A": ["推理", "模型", "安全", "能源", "推理", "模型"]}


def test_collocates_within_one_word_each_side():
    table = collocates(make_tokens(MODEL_TURN), "模型", left=1, min_count=1).set_index(s.TERM)
    # 模型 stands at positions 1 and 5. Its windows hold 推理@0, 安全@2 and 推理@4;
    # 能源@3 is two away from both.
    assert table[s.COUNT].to_dict() == {"推理": 2, "安全": 1}
    assert table[s.FREQ].to_dict() == {"推理": 2, "安全": 1}


def test_collocate_mi_counts_the_span_in_the_expected_count():
    table = collocates(make_tokens(MODEL_TURN), "模型", left=1, min_count=1).set_index(s.TERM)
    # Church & Hanks: E = f(node) × f(word) × span / N.
    # 推理: O = 2, E = 2 × 2 × (1 + 1) / 6 = 1.333…, MI = log2(2 / 1.333…) = log2(1.5) = 0.585
    assert table.loc["推理", s.MI] == pytest.approx(math.log2(1.5))
    assert table.loc["推理", s.MI] == pytest.approx(0.5850, abs=1e-4)
    # 安全: O = 1, E = 2 × 1 × 2 / 6 = 0.667, MI = log2(1.5) too.
    assert table.loc["安全", s.MI] == pytest.approx(0.5850, abs=1e-4)


def test_collocate_g2_from_the_window_contingency_table():
    table = collocates(make_tokens(MODEL_TURN), "模型", left=1, min_count=1).set_index(s.TERM)
    # Evert (2008): R1 = 3 words inside the windows, N = 6, 推理: f = 2, O = 2.
    #            word   other
    # inside  O11=2   O12=1     R1=3      E11 = 3×2/6 = 1   E12 = 3×4/6 = 2
    # outside O21=0   O22=3     R2=3      E21 = 3×2/6 = 1   E22 = 3×4/6 = 2
    # G² = 2 (2 ln(2/1) + 1 ln(1/2) + 0 + 3 ln(3/2)) = 2 × 1.9095 = 3.8191
    assert table.loc["推理", s.G2] == pytest.approx(3.8191, abs=1e-4)
    # 安全: f = 1, O = 1: O11=1 O12=2 O21=0 O22=3; E11=0.5 E12=2.5 E21=0.5 E22=2.5
    # G² = 2 (1 ln 2 + 2 ln 0.8 + 3 ln 1.2) = 2 × 0.7938 = 1.5876
    assert table.loc["安全", s.G2] == pytest.approx(1.5876, abs=1e-4)
    assert list(table.index) == ["推理", "安全"]  # strongest first


def test_a_word_rarer_near_the_term_than_elsewhere_has_a_negative_g2():
    words = ["甲", "模型", "乙", "乙", "乙", "乙", "乙", "乙", "甲", "乙"]
    table = collocates(make_tokens({"A": words}), "模型", left=1, min_count=1).set_index(s.TERM)
    # Windows: 甲@0, 乙@2, so R1 = 2, N = 10. 乙: f = 7, O = 1, E11 = 2×7/10 = 1.4 > O.
    # O11=1 O12=1 O21=6 O22=2; E11=1.4 E12=0.6 E21=5.6 E22=2.4
    # G² = 2 (ln(1/1.4) + ln(1/0.6) + 6 ln(6/5.6) + 2 ln(2/2.4)) = 0.4474, given as -0.4474.
    assert table.loc["乙", s.G2] == pytest.approx(-0.4474, abs=1e-4)
    # 甲: f = 2, O = 1, E11 = 0.4 < O: positive.
    assert table.loc["甲", s.G2] > 0


def test_left_and_right_spans_are_separate():
    tokens = make_tokens(MODEL_TURN)
    after = collocates(tokens, "模型", left=0, right=1, min_count=1)
    before = collocates(tokens, "模型", left=1, right=0, min_count=1)
    assert after[s.TERM].tolist() == ["安全"]  # the second 模型 ends the turn
    assert before[[s.TERM, s.COUNT]].values.tolist() == [["推理", 2]]


def test_the_window_counts_dropped_words():
    tokens = make_tokens({"A": ["模型", "推理"], "B": ["模型", "推理"]})
    # In turn B a stopword stood between them (positions 0 and 2): two words away.
    tokens.loc[tokens.index[-1], s.POSITION] = 2
    assert collocates(tokens, "模型", left=1, min_count=1)[s.COUNT].tolist() == [1]
    assert collocates(tokens, "模型", left=2, min_count=1)[s.COUNT].tolist() == [2]


def test_windows_stop_at_the_turn():
    tokens = make_tokens({"A": ["推理", "模型"], "B": ["安全", "能源"]})
    assert collocates(tokens, "模型", left=5, min_count=1)[s.TERM].tolist() == ["推理"]


def test_minimum_count_and_the_term_typed_in_any_case():
    tokens = make_tokens({"A": ["OpenAI", "模型", "OpenAI", "推理"]})
    table = collocates(tokens, "openai", left=1, min_count=2)
    # 模型 sits between the two OpenAIs: one position, counted once.
    assert table.empty
    assert set(collocates(tokens, "OPENAI", left=1, min_count=1)[s.TERM]) == {"模型", "推理"}


def test_no_collocates_for_an_absent_term():
    assert collocates(make_tokens({"A": ["模型"]}), "能源").empty
    assert list(collocates(make_tokens({"A": ["模型"]}), "").columns) == s.COLLOCATES.names


def test_collocates_of_agi_in_the_seeds(store):
    # Read in the seeds: every speech turn that says 通用人工智能 writes it beside AGI, as
    # “通用人工智能（AGI）” or “AGI（通用人工智能）”: four turns (articles 001 twice, 002, 003).
    table = collocates(store, "AGI", left=3, right=3).set_index(s.TERM)
    assert table.loc["通用人工智能", s.COUNT] == 4
    assert table.index[0] == "通用人工智能"


def test_collocates_follow_the_selection(store):
    # Only Sam Altman's turns: article 001's turn 18 and 003's turn 66 (the other two are
    # questions from a host and from the audience).
    altman = Selection(speakers=("Sam Altman",))
    table = collocates(store, "AGI", left=3, sel=altman).set_index(s.TERM)
    assert table.loc["通用人工智能", s.COUNT] == 2


def test_collocates_of_a_store_and_of_its_tokens_agree(store):
    sel = Selection(articles=("003_00fc6f42bdf96616",))
    from_store = collocates(store, "模型", left=4, right=2, sel=sel)
    from_frame = collocates(store.tokens(sel), "模型", left=4, right=2)
    pd.testing.assert_frame_equal(from_store, from_frame)


# ---- co-occurrence


def test_cooccurring_pairs_with_jaccard():
    tokens = make_tokens({"A": ["模型", "安全"], "B": ["模型", "安全"], "C": ["模型"]})
    table = cooccurrence(tokens, min_count=1)
    # Both in turns A and B; 模型 also in C: Jaccard = 2 / (3 + 2 - 2) = 2/3.
    assert table[[s.TERM_A, s.TERM_B, s.TOGETHER]].values.tolist() == [["安全", "模型", 2]]
    assert table[s.JACCARD].iloc[0] == pytest.approx(2 / 3)


def test_cooccurrence_keeps_the_top_terms_and_the_strongest_edges():
    tokens = make_tokens(
        {"A": ["模型", "安全", "能源"], "B": ["模型", "安全"], "C": ["模型", "能源", "芯片"]}
    )
    # Top 2 terms: 模型 (3) and 安全 / 能源 (2 each; 安全 sorts first). 芯片 is left out.
    assert cooccurrence(tokens, top_terms=2, min_count=1)[s.TERM_B].tolist() == ["模型"]
    # Jaccard: 安全-模型 2/3, 模型-能源 2/3, 安全-能源 1/3, 芯片 pairs: 1/3 and 1/2 (能源).
    strongest = cooccurrence(tokens, min_count=1, top_edges=2)
    assert strongest[[s.TERM_A, s.TERM_B]].values.tolist() == [["安全", "模型"], ["模型", "能源"]]


# ---- n-grams


@pytest.mark.parametrize(
    ("words", "written"),
    [
        (["语音", "模式"], "语音模式"),
        (["sam", "altman"], "sam altman"),
        (["open", "source", "模型"], "open source模型"),
        (["ai", "安全"], "ai安全"),
        (["gpt", "4"], "gpt 4"),
        (["使用", "ChatGPT"], "使用ChatGPT"),
        (["Sam Altman", "认为"], "Sam Altman认为"),
    ],
)
def test_ngrams_are_written_without_spaces_except_between_latin_words(words, written):
    assert join_words(words) == written


def test_ngrams_are_adjacent_words_of_one_turn():
    tokens = make_tokens({"A": ["语音", "模式", "语音", "模式"], "B": ["模式", "语音", "模式"]})
    table = ngrams(tokens, n=2, min_count=1)
    assert table[[s.NGRAM, s.COUNT]].values.tolist() == [["语音模式", 3], ["模式语音", 2]]
    assert ngrams(tokens, n=3, min_count=2)[[s.NGRAM, s.SIZE, s.COUNT]].values.tolist() == [
        ["模式语音模式", 3, 2]
    ]


def test_a_dropped_word_breaks_an_ngram():
    tokens = make_tokens({"A": ["open", "source", "模型"], "B": ["open", "source", "模型"]})
    tokens.loc[tokens.index[-1], s.POSITION] = 5  # a stopword or comma stood before 模型 in B
    table = ngrams(tokens, n=3, min_count=1)
    assert table[[s.NGRAM, s.COUNT]].values.tolist() == [["open source模型", 1]]
    assert ngrams(tokens, n=2, min_count=2)[s.NGRAM].tolist() == ["open source"]


def test_ngrams_do_not_cross_turns():
    tokens = make_tokens({"A": ["语音"], "B": ["模式"]})
    assert ngrams(tokens, n=2, min_count=1).empty


def test_trigrams_of_the_seeds(store):
    # Read in the seeds: Altman says 令人印象深刻 once each in articles 001, 002 and 004 (001's
    # other one is in the editor's intro), and the host of 003 names 圣路易斯公共广播电台 twice
    # (the third mention is in the intro).
    table = ngrams(store, n=3, min_count=2).set_index(s.NGRAM)
    assert table.loc["令人印象深刻", s.COUNT] == 3
    assert table.loc["令人印象深刻", s.ARTICLES_COUNT] == 3
    assert table.loc["圣路易斯公共广播电台", s.COUNT] == 2


# ---- phrases (the Terms page's)


def test_phrases_are_adjacent_words_within_a_turn():
    tokens = make_tokens({"A": ["语音", "模式", "语音", "模式"], "B": ["语音", "模式"]})
    table = phrases(tokens, sizes=(2,), min_count=2)
    assert table[[s.PHRASE, s.COUNT]].values.tolist() == [["语音模式", 3]]


def test_phrases_are_written_as_the_ngrams_are_han_run_together_latin_spaced():
    tokens = make_tokens({"A": ["这项", "技术", "sam", "altman"], "B": ["这项", "技术"]})
    table = phrases(tokens, sizes=(2,), min_count=1).set_index(s.PHRASE)
    assert table.loc["这项技术", s.COUNT] == 2  # as on the Words page, not "这项 技术"
    assert table.loc["sam altman", s.COUNT] == 1
    assert table.loc["技术sam", s.COUNT] == 1


def test_a_dropped_word_between_two_words_breaks_the_phrase():
    tokens = make_tokens({"A": ["语音", "模式"], "B": ["语音", "模式"]})
    tokens.loc[tokens.index[-1], s.POSITION] = 5  # a stopword stood between them in turn B
    table = phrases(tokens, sizes=(2,), min_count=1)
    assert table[s.COUNT].tolist() == [1]


def test_phrases_of_an_empty_selection():
    assert phrases(pd.DataFrame(columns=s.TOKENS.names)).empty


# ---- the command line


def test_the_collocates_command_writes_the_pages_table(tmp_path, capfd):
    from analysis.cli import main

    code = main(["collocates", "seeds", "AGI", "--window", "3", "--csv", "--store", str(tmp_path)])
    out = capfd.readouterr().out.lstrip("\ufeff").splitlines()
    assert code == 0
    assert out[0] == "term,count,freq,g2,mi"
    assert out[1].startswith("通用人工智能,4,4,")


def test_the_collocates_command_refuses_a_window_out_of_range(tmp_path, capfd):
    from analysis.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["collocates", "seeds", "AGI", "--window", "0", "--store", str(tmp_path)])
    assert stopped.value.code == 2
    err = capfd.readouterr().err
    assert "--window" in err and "from 1 to 10" in err and "Traceback" not in err
