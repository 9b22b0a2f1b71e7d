"""Keyness: G², log ratio and log-odds z computed by hand."""

import math

import pytest

from analysis import schema as s
from analysis.measures.keyness import keyness, log_odds
from tests.conftest import make_tokens


@pytest.fixture
def groups():
    tokens = make_tokens(
        {"A": ["模型", "模型", "安全"], "B": ["模型", "安全", "安全", "安全", "能源"]}
    )
    return tokens[tokens[s.SPEAKER] == "A"], tokens[tokens[s.SPEAKER] == "B"]


def test_log_likelihood_and_log_ratio(groups):
    table = keyness(*groups).set_index(s.TERM)
    # 模型: a=2 of 3, b=1 of 5; E_a = 3*3/8, E_b = 5*3/8
    g2 = 2 * (2 * math.log(2 / (9 / 8)) + 1 * math.log(1 / (15 / 8)))
    assert table.loc["模型", s.G2] == pytest.approx(g2)
    assert table.loc["模型", s.LOG_RATIO] == pytest.approx(math.log2((2 / 3) / (1 / 5)))


def test_a_term_missing_from_one_group_uses_half_a_count(groups):
    table = keyness(*groups).set_index(s.TERM)
    assert table.loc["能源", s.COUNT_A] == 0
    assert table.loc["能源", s.LOG_RATIO] == pytest.approx(math.log2((0.5 / 3) / (1 / 5)))


def test_log_odds_z_sign_follows_the_group_that_uses_a_term_more(groups):
    table = log_odds(*groups).set_index(s.TERM)
    assert table.loc["模型", s.Z] > 0 > table.loc["安全", s.Z]
    assert table.loc["模型", s.RATE_A] == pytest.approx(2 / 3 * 10_000)


def test_guest_against_host_on_the_seeds(seeds):
    from analysis.text.tokens import segment_turns

    tokens = segment_turns(seeds.turns)
    table = keyness(tokens[tokens[s.ROLE] == "guest"], tokens[tokens[s.ROLE] == "host"])
    hosts_words = table[table[s.LOG_RATIO] < 0].head(5)[s.TERM].tolist()
    # Hosts address their guest by name; the guest never says "Sam" of himself.
    assert "Sam" in hosts_words
