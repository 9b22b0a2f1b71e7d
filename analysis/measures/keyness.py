"""Which words one selection of turns (A) uses more than another (B): G², log ratio, p and
log-odds z, all from one table of per-term counts so every view scores terms the same way.

- G² (log-likelihood, Dunning 1993; as Rayson & Garside 2000 and AntConc compute it):
  2 Σ O ln(O / E) over A and B, E_A = N_A (a + b) / (N_A + N_B), E_B likewise; signed
  as AntConc shows it: positive when A uses the term at a higher rate than B (over-use),
  negative when less (under-use). Its p-value is chi²'s with one degree of freedom
  (|G²| 3.84 → p = 0.05, 6.63 → 0.01, 10.83 → 0.001, 15.13 → 0.0001).
- p adjusted (Bonferroni): p × the number of terms tested (those at or above the minimum
  frequency), at most 1.
- Log ratio (Hardie 2014): log2 of A's relative frequency over B's. A zero count would make
  it infinite, so a zero is replaced by 0.5 (half the smallest count that can occur), as
  Hardie suggests; +1 means A uses the term twice as often per word.
- Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
  eqs. 16 and 20), as a z-score: the prior is the terms' frequencies in A and B together
  (or a background corpus) scaled to `prior_size` pseudo-counts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema as s

SMOOTH = 0.5  # stands in for a zero count in the log ratio (Hardie 2014)
PER = 10_000  # rates are uses per 10,000 kept words
PRIOR_SIZE = 500.0  # pseudo-counts of the log-odds prior


def counts_of(group_a: pd.DataFrame, group_b: pd.DataFrame) -> pd.DataFrame:
    """Per term, its uses in tokens A and in tokens B (`term`, `count_a`, `count_b`)."""
    a = group_a[s.TOKEN].value_counts()
    b = group_b[s.TOKEN].value_counts()
    table = pd.concat([a.rename(s.COUNT_A), b.rename(s.COUNT_B)], axis=1).fillna(0)
    table.index = table.index.astype(str)
    table = table.astype("int64").rename_axis(s.TERM).reset_index()
    return table


def g2_scores(a, b, total_a: float, total_b: float) -> np.ndarray:
    """Signed log-likelihood G² of counts `a` (of `total_a` words) against `b` (of `total_b`)."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    total_a, total_b = max(float(total_a), 1.0), max(float(total_b), 1.0)
    expected_a = total_a * (a + b) / (total_a + total_b)
    expected_b = total_b * (a + b) / (total_a + total_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        term_a = np.where(a > 0, a * np.log(a / expected_a), 0.0)
        term_b = np.where(b > 0, b * np.log(b / expected_b), 0.0)
    g2 = np.maximum(2 * (term_a + term_b), 0.0)  # rounding can give -1e-16
    return np.where(a / total_a >= b / total_b, g2, -g2)


def log_ratios(a, b, total_a: float, total_b: float) -> np.ndarray:
    """Hardie's log ratio: log2((a / total_a) / (b / total_b)), 0.5 for a zero count."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    total_a, total_b = max(float(total_a), 1.0), max(float(total_b), 1.0)
    return np.log2((np.where(a > 0, a, SMOOTH) / total_a) / (np.where(b > 0, b, SMOOTH) / total_b))


def p_values(g2) -> np.ndarray:
    """The chance of a G² this large (either sign) if A and B used the term alike: chi²(1)."""
    # chdtrc is chi2.sf itself; scipy.stats, imported at start, took 1-4 s of the first page.
    from scipy.special import chdtrc

    return chdtrc(1, np.abs(np.asarray(g2, dtype=float)))


def log_odds_z(a, b, alpha) -> np.ndarray:
    """Monroe et al.'s z of the log-odds ratio, counts `a`, `b` and prior pseudo-counts
    `alpha` per term (all terms of the vocabulary: the totals are their sums)."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    alpha = np.asarray(alpha, dtype=float)
    n_a, n_b, a0 = a.sum(), b.sum(), alpha.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log((a + alpha) / (n_a + a0 - a - alpha)) - np.log(
            (b + alpha) / (n_b + a0 - b - alpha)
        )
        variance = 1 / (a + alpha) + 1 / (b + alpha)
        return np.nan_to_num(delta / np.sqrt(variance))


def compare_counts(
    counts: pd.DataFrame,
    total_a: int | None = None,
    total_b: int | None = None,
    min_count: int = 1,
    prior: pd.Series | None = None,
    prior_size: float = PRIOR_SIZE,
) -> pd.DataFrame:
    """Every score of each term of A against B (the `comparison` table), strongest for A first.

    `counts` has `term`, `count_a`, `count_b` for every term of A and B; the totals default
    to the sums of the counts (every kept word). Terms used fewer than `min_count` times in A
    and B together are dropped after the totals and the prior are taken, and the Bonferroni
    correction counts the terms kept. `prior`: a background frequency per term (indexed by
    term) instead of A and B together.
    """
    a = counts[s.COUNT_A].to_numpy(dtype="int64")
    b = counts[s.COUNT_B].to_numpy(dtype="int64")
    total_a = int(a.sum()) if total_a is None else int(total_a)
    total_b = int(b.sum()) if total_b is None else int(total_b)
    if prior is None:
        background = (a + b).astype(float)
    else:
        background = prior.reindex(counts[s.TERM]).fillna(0).to_numpy(dtype=float) + 1
    alpha = background / max(background.sum(), 1.0) * prior_size
    g2 = g2_scores(a, b, total_a, total_b)
    table = pd.DataFrame(
        {
            s.TERM: counts[s.TERM].astype(str).to_numpy(),
            s.COUNT_A: a,
            s.COUNT_B: b,
            s.RATE_A: a / max(total_a, 1) * PER,
            s.RATE_B: b / max(total_b, 1) * PER,
            s.G2: g2,
            s.LOG_RATIO: log_ratios(a, b, total_a, total_b),
            s.P_VALUE: p_values(g2),
            s.Z: log_odds_z(a, b, alpha),
        }
    )
    table = table[(table[s.COUNT_A] + table[s.COUNT_B]) >= min_count]
    table.insert(
        table.columns.get_loc(s.P_VALUE) + 1,
        s.P_ADJUSTED,
        np.minimum(table[s.P_VALUE] * len(table), 1.0),
    )
    return table.sort_values([s.G2, s.TERM], ascending=[False, True], ignore_index=True)[
        s.COMPARISON.names
    ]


def keyness(group_a: pd.DataFrame, group_b: pd.DataFrame, min_count: int = 1) -> pd.DataFrame:
    """G², log ratio and p-values of each term in tokens A against tokens B (the `keyness`
    table), strongest for A first; see the module's notes for the formulas."""
    table = compare_counts(counts_of(group_a, group_b), len(group_a), len(group_b), min_count)
    return table[s.KEYNESS.names]


def log_odds(
    group_a: pd.DataFrame,
    group_b: pd.DataFrame,
    prior: pd.DataFrame | None = None,
    prior_size: float = PRIOR_SIZE,
) -> pd.DataFrame:
    """Log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008), as z-scores.

    The prior is the term distribution of `prior` tokens (default: A and B together), scaled
    to `prior_size` pseudo-counts. z > 1.96: A uses the term notably more than B. Also gives
    each term's rate per 10,000 words in A and B, for a "who says what" scatter.
    """
    background = None if prior is None else prior[s.TOKEN].astype(str).value_counts()
    table = compare_counts(counts_of(group_a, group_b), prior=background, prior_size=prior_size)
    return table.sort_values([s.Z, s.TERM], ascending=[False, True], ignore_index=True)[
        s.LOG_ODDS.names
    ]
