"""Term frequencies and distinctive terms from the tokens table."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema as s

PER = 10_000  # rates are uses per 10,000 kept words


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
