"""Keyness: G², log ratio, p-values and log-odds z against cases computed by hand."""

import math

import pytest

from analysis import schema as s
from analysis.measures.keyness import (
    compare_counts,
    g2_scores,
    keyness,
    log_odds,
    log_ratios,
    p_values,
)
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
    # Signed G²: the most negative are the hosts' (B's) words.
    hosts_words = table.nsmallest(5, s.G2)[s.TERM].tolist()
    # Hosts address their guest by name; the guest never says "Sam" of himself.
    assert "Sam" in hosts_words


# ---------------------------------------------------------------- scores on hand-computed counts


def counts(rows):
    import pandas as pd

    return pd.DataFrame(rows, columns=[s.TERM, s.COUNT_A, s.COUNT_B])


def test_g2_of_a_two_by_two_table_worked_by_hand():
    # 20 uses in 1,000 words of A, 5 in 1,000 of B: E_A = E_B = 1000 × 25 / 2000 = 12.5;
    # G² = 2 (20 ln(20/12.5) + 5 ln(5/12.5)) = 2 (20 × 0.470004 - 5 × 0.916291) = 9.63724.
    assert g2_scores([20], [5], 1000, 1000)[0] == pytest.approx(9.63724, abs=1e-5)
    # log ratio = log2((20/1000) / (5/1000)) = log2(4) = 2: A uses it four times as often.
    assert log_ratios([20], [5], 1000, 1000)[0] == pytest.approx(2.0)


def test_g2_is_negative_when_a_uses_a_term_less():
    # The same table seen from B: same size, opposite sign (AntConc's negative keywords).
    assert g2_scores([5], [20], 1000, 1000)[0] == pytest.approx(-9.63724, abs=1e-5)
    assert log_ratios([5], [20], 1000, 1000)[0] == pytest.approx(-2.0)


def test_a_term_b_never_uses():
    # 10 of 1,000 words of A, 0 of 2,000 of B: E_A = 1000 × 10 / 3000 = 10/3;
    # G² = 2 × 10 ln(10 / (10/3)) = 20 ln 3 = 21.97225 (B's zero adds nothing).
    assert g2_scores([10], [0], 1000, 2000)[0] == pytest.approx(20 * math.log(3))
    # B's zero counts as 0.5: log2((10/1000) / (0.5/2000)) = log2(40) = 5.32193.
    assert log_ratios([10], [0], 1000, 2000)[0] == pytest.approx(5.32193, abs=1e-5)


def test_equal_rates_score_zero():
    # 4 in 1,000 and 8 in 2,000: the same rate, so O = E on both sides.
    assert g2_scores([4], [8], 1000, 2000)[0] == pytest.approx(0.0, abs=1e-12)
    assert log_ratios([4], [8], 1000, 2000)[0] == pytest.approx(0.0)


@pytest.mark.parametrize(
    ("g2", "p"),
    # Rayson's critical values of log-likelihood (chi², one degree of freedom), as the
    # Lancaster log-likelihood wizard and AntConc list them.
    [(3.84, 0.05), (6.63, 0.01), (10.83, 0.001), (15.13, 0.0001), (-3.84, 0.05)],
)
def test_p_values_at_the_published_critical_values(g2, p):
    assert p_values([g2])[0] == pytest.approx(p, rel=0.01)


def test_bonferroni_multiplies_p_by_the_terms_tested_and_min_count_drops_rare_terms():
    table = compare_counts(
        counts([("常", 20, 5), ("同", 4, 4), ("稀", 1, 0)]), 1000, 1000, min_count=2
    ).set_index(s.TERM)
    assert "稀" not in table.index  # 1 use in A and B together, below 2
    # Two terms tested: p adjusted = 2 p, at most 1.
    assert table.loc["常", s.P_ADJUSTED] == pytest.approx(2 * table.loc["常", s.P_VALUE])
    assert table.loc["同", s.P_ADJUSTED] == 1.0
    assert table.loc["常", s.RATE_A] == pytest.approx(200.0)  # 20 per 1,000 = 200 per 10,000


def test_log_odds_with_an_informative_dirichlet_prior_worked_by_hand():
    # Monroe et al. (2008), eqs. 16 and 20. A says x 3 times and y once; B the reverse.
    # The prior is A and B together (x 4, y 4) scaled to 8 pseudo-counts: α_x = α_y = 4, α0 = 8.
    # δ_x = ln((3+4)/(4+8-3-4)) - ln((1+4)/(4+8-1-4)) = ln(7/5) - ln(5/7) = 0.672944
    # σ²_x = 1/(3+4) + 1/(1+4) = 0.342857; z_x = 0.672944 / 0.585540 = 1.149271
    table = compare_counts(counts([("x", 3, 1), ("y", 1, 3)]), prior_size=8).set_index(s.TERM)
    assert table.loc["x", s.Z] == pytest.approx(1.149271, abs=1e-5)
    assert table.loc["y", s.Z] == pytest.approx(-1.149271, abs=1e-5)


def test_log_odds_shrinks_a_rare_term_more_than_a_frequent_one():
    # Same ratio (3:1), ten times the evidence: a larger z (the prior matters less).
    table = compare_counts(
        counts([("rare", 3, 1), ("common", 30, 10), ("rest", 100, 100)])
    ).set_index(s.TERM)
    assert table.loc["common", s.Z] > table.loc["rare", s.Z] > 0


def test_p_values_are_the_chi_square_tail_with_one_degree_of_freedom():
    import numpy as np
    from scipy.stats import chi2

    g2 = np.array([0.0, 0.5, 3.841459, 6.634897, 10.83, 50.0, 400.0, -3.841459])
    np.testing.assert_allclose(p_values(g2), chi2.sf(np.abs(g2), df=1), rtol=1e-12)
    np.testing.assert_allclose(p_values(g2)[[2, 3]], [0.05, 0.01], rtol=1e-5)
