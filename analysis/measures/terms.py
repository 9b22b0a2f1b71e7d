"""Term frequencies and distinctive terms from the tokens table."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema as s

PER = 10_000  # rates are uses per 10,000 kept words


def count_terms(
    tokens: pd.DataFrame, by: tuple[str, ...] = (s.ARTICLE_ID, s.SPEAKER)
) -> pd.DataFrame:
    """How often each group used each term, and the rate per 10,000 kept words of that group."""
    if tokens.empty:
        return pd.DataFrame(columns=s.TERMS.names)
    by = list(by)
    counts = tokens.groupby([*by, s.TOKEN], observed=True, sort=False).size()
    counts = counts[counts > 0].rename(s.COUNT).reset_index().rename(columns={s.TOKEN: s.TERM})
    if by:
        totals = counts.groupby(by, observed=True)[s.COUNT].transform("sum")
    else:
        totals = counts[s.COUNT].sum()
    counts[s.RATE] = counts[s.COUNT] / totals * PER
    return counts.sort_values(
        [*by, s.COUNT], ascending=[True] * len(by) + [False], ignore_index=True
    )


def top_terms(tokens: pd.DataFrame, n: int = 30) -> pd.DataFrame:
    """The n most frequent terms of a selection, with count and rate."""
    counts = tokens[s.TOKEN].value_counts()
    total = counts.sum()
    top = counts.head(n)
    return pd.DataFrame(
        {
            s.TERM: top.index.astype(str),
            s.COUNT: top.to_numpy(),
            s.RATE: top.to_numpy() / max(total, 1) * PER,
        }
    )


def distinctive_terms(tokens: pd.DataFrame, top: int = 15, by: str = s.ARTICLE_ID) -> pd.DataFrame:
    """TF-IDF per group (each article is a document): the terms that set a group apart.

    tf = count / words in the group; idf = ln((1 + N) / (1 + df)) + 1 (scikit-learn's smooth idf).
    """
    if tokens.empty:
        return pd.DataFrame(columns=s.DISTINCTIVE.names)
    counts = tokens.groupby([by, s.TOKEN], observed=True).size().rename(s.COUNT).reset_index()
    counts = counts[counts[s.COUNT] > 0]
    n_docs = counts[by].nunique()
    df = counts.groupby(s.TOKEN, observed=True)[by].transform("nunique")
    tf = counts[s.COUNT] / counts.groupby(by, observed=True)[s.COUNT].transform("sum")
    counts[s.TFIDF] = tf * (np.log((1 + n_docs) / (1 + df)) + 1)
    counts = counts.rename(columns={s.TOKEN: s.TERM})
    ranked = counts.sort_values([by, s.TFIDF], ascending=[True, False])
    return ranked.groupby(by, observed=True).head(top).reset_index(drop=True)
