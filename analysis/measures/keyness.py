"""Which words one group of turns uses more than another: G², log ratio and log-odds z."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema as s

SMOOTH = 0.5  # added to zero counts before taking the log ratio (Hardie 2014)


def _frequencies(group_a: pd.DataFrame, group_b: pd.DataFrame) -> pd.DataFrame:
    a = group_a[s.TOKEN].value_counts()
    b = group_b[s.TOKEN].value_counts()
    table = pd.concat([a.rename(s.COUNT_A), b.rename(s.COUNT_B)], axis=1).fillna(0)
    table.index = table.index.astype(str)
    return table.astype("int64")


def keyness(group_a: pd.DataFrame, group_b: pd.DataFrame, min_count: int = 1) -> pd.DataFrame:
    """Log-likelihood G² (Rayson & Garside) and log ratio of each term in tokens A against B.

    G² = 2 Σ O ln(O/E) over the two groups, E = total_group × (a + b) / (total_a + total_b);
    log ratio = log2((a / total_a) / (b / total_b)) with 0.5 for a zero count.
    Positive log ratio: more typical of A.
    """
    table = _frequencies(group_a, group_b)
    table = table[(table[s.COUNT_A] + table[s.COUNT_B]) >= min_count]
    a = table[s.COUNT_A].to_numpy(float)
    b = table[s.COUNT_B].to_numpy(float)
    total_a, total_b = max(len(group_a), 1), max(len(group_b), 1)
    expected_a = total_a * (a + b) / (total_a + total_b)
    expected_b = total_b * (a + b) / (total_a + total_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        term_a = np.where(a > 0, a * np.log(a / expected_a), 0.0)
        term_b = np.where(b > 0, b * np.log(b / expected_b), 0.0)
    result = pd.DataFrame(
        {
            s.TERM: table.index,
            s.COUNT_A: a.astype("int64"),
            s.COUNT_B: b.astype("int64"),
            s.G2: 2 * (term_a + term_b),
            s.LOG_RATIO: np.log2(
                (np.where(a > 0, a, SMOOTH) / total_a) / (np.where(b > 0, b, SMOOTH) / total_b)
            ),
        }
    )
    return result.sort_values(s.G2, ascending=False, ignore_index=True)


def log_odds(
    group_a: pd.DataFrame,
    group_b: pd.DataFrame,
    prior: pd.DataFrame | None = None,
    prior_size: float = 500.0,
) -> pd.DataFrame:
    """Log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008), as z-scores.

    The prior is the term distribution of `prior` (default: A and B together), scaled to
    `prior_size` pseudo-counts. z > 1.96: A uses the term notably more than B.
    Also gives each term's rate per 10,000 words in A and B, for a "who says what" scatter.
    """
    table = _frequencies(group_a, group_b)
    if prior is None:
        background = table[s.COUNT_A] + table[s.COUNT_B]
    else:
        background = prior[s.TOKEN].value_counts().reindex(table.index, fill_value=0) + 1
    alpha = background / background.sum() * prior_size
    a, b = table[s.COUNT_A], table[s.COUNT_B]
    n_a, n_b, a0 = a.sum(), b.sum(), alpha.sum()
    delta = np.log((a + alpha) / (n_a + a0 - a - alpha)) - np.log(
        (b + alpha) / (n_b + a0 - b - alpha)
    )
    variance = 1 / (a + alpha) + 1 / (b + alpha)
    result = pd.DataFrame(
        {
            s.TERM: table.index,
            s.COUNT_A: a.to_numpy(),
            s.COUNT_B: b.to_numpy(),
            s.RATE_A: (a / max(n_a, 1) * 10_000).to_numpy(),
            s.RATE_B: (b / max(n_b, 1) * 10_000).to_numpy(),
            s.Z: (delta / np.sqrt(variance)).to_numpy(),
        }
    )
    return result.sort_values(s.Z, ascending=False, ignore_index=True)
