"""What goes with what: collocates of a term, co-occurring pairs, frequent phrases."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema as s


def collocates(
    tokens: pd.DataFrame, term: str, window: int = 5, min_count: int = 2
) -> pd.DataFrame:
    """Words within ±window positions of `term` in the same turn, scored by G² and MI.

    MI = log2(O / E) with E = f(term) × f(word) × 2·window / N (Church & Hanks);
    G² compares the word's rate near the term with its rate elsewhere.
    """
    term = term.casefold()
    keys = [s.ARTICLE_ID, s.TURN]
    nodes = tokens.loc[tokens[s.TOKEN] == term, [*keys, s.POSITION]]
    columns = s.COLLOCATES.names
    if nodes.empty:
        return pd.DataFrame(columns=columns)
    pairs = tokens[[*keys, s.POSITION, s.TOKEN]].merge(nodes, on=keys, suffixes=("", "_node"))
    distance = (pairs[s.POSITION] - pairs[f"{s.POSITION}_node"]).abs()
    near = pairs[(distance > 0) & (distance <= window) & (pairs[s.TOKEN] != term)]
    # One hit per word position, even when two nodes are both within reach.
    near = near.drop_duplicates([*keys, s.POSITION])
    observed = near[s.TOKEN].value_counts()
    observed = observed[observed >= min_count]
    if observed.empty:
        return pd.DataFrame(columns=columns)
    total = len(tokens)
    freq = tokens[s.TOKEN].value_counts().reindex(observed.index).to_numpy(float)
    o = observed.to_numpy(float)
    n_node = len(nodes)
    expected = n_node * freq * 2 * window / total
    window_size = max(len(near), 1)
    rest = total - window_size
    a, b = o, freq - o  # inside and outside the windows
    e_a = window_size * freq / total
    e_b = rest * freq / total
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2 * (np.where(a > 0, a * np.log(a / e_a), 0) + np.where(b > 0, b * np.log(b / e_b), 0))
    result = pd.DataFrame(
        {
            s.TERM: observed.index.astype(str),
            s.COUNT: o.astype("int64"),
            s.G2: g2,
            s.MI: np.log2(o / expected),
        }
    )
    return result.sort_values(s.G2, ascending=False, ignore_index=True)


def cooccurrence(tokens: pd.DataFrame, top_terms: int = 60, min_count: int = 2) -> pd.DataFrame:
    """Pairs of frequent terms used in the same turn: turns together and Jaccard, for a network."""
    keys = [s.ARTICLE_ID, s.TURN]
    frequent = tokens[s.TOKEN].value_counts().head(top_terms).index
    present = tokens.loc[tokens[s.TOKEN].isin(frequent), [*keys, s.TOKEN]].drop_duplicates()
    present = present.assign(**{s.TOKEN: present[s.TOKEN].astype(str)})
    pairs = present.merge(present, on=keys, suffixes=("_a", "_b"))
    pairs = pairs[pairs[f"{s.TOKEN}_a"] < pairs[f"{s.TOKEN}_b"]]
    together = (
        pairs.groupby([f"{s.TOKEN}_a", f"{s.TOKEN}_b"]).size().rename(s.TOGETHER).reset_index()
    )
    together = together[together[s.TOGETHER] >= min_count]
    if together.empty:
        return pd.DataFrame(columns=s.COOCCURRENCE.names)
    turns_with = present.groupby(s.TOKEN).size()
    in_a = together[f"{s.TOKEN}_a"].map(turns_with)
    in_b = together[f"{s.TOKEN}_b"].map(turns_with)
    together[s.JACCARD] = together[s.TOGETHER] / (in_a + in_b - together[s.TOGETHER])
    together = together.rename(columns={f"{s.TOKEN}_a": s.TERM_A, f"{s.TOKEN}_b": s.TERM_B})
    return together.sort_values(s.JACCARD, ascending=False, ignore_index=True)[s.COOCCURRENCE.names]


def phrases(
    tokens: pd.DataFrame, sizes: tuple[int, ...] = (2, 3), min_count: int = 3
) -> pd.DataFrame:
    """Frequent 2- and 3-word phrases: kept words that stand next to each other in a turn."""
    ordered = tokens.sort_values([s.ARTICLE_ID, s.TURN, s.POSITION])
    words = ordered[s.TOKEN].astype(str).to_numpy()
    turn_key = (ordered[s.ARTICLE_ID].astype(str) + "\x00" + ordered[s.TURN].astype(str)).to_numpy()
    position = ordered[s.POSITION].to_numpy()
    frames = []
    for n in sizes:
        if len(words) < n:
            continue
        same_turn = np.ones(len(words) - n + 1, dtype=bool)
        adjacent = np.ones(len(words) - n + 1, dtype=bool)
        for k in range(1, n):
            same_turn &= turn_key[k : len(words) - n + 1 + k] == turn_key[: len(words) - n + 1]
            # Adjacent in the original text: a dropped stopword between them breaks the phrase.
            adjacent &= position[k : len(words) - n + 1 + k] == position[: len(words) - n + 1] + k
        keep = same_turn & adjacent
        joined = pd.Series(words[: len(words) - n + 1])
        for k in range(1, n):
            joined = joined + " " + pd.Series(words[k : len(words) - n + 1 + k])
        counts = joined[keep].value_counts()
        counts = counts[counts >= min_count]
        frames.append(pd.DataFrame({s.PHRASE: counts.index, s.SIZE: n, s.COUNT: counts.to_numpy()}))
    if not frames:
        return pd.DataFrame(columns=s.PHRASES.names)
    return pd.concat(frames, ignore_index=True).sort_values(
        s.COUNT, ascending=False, ignore_index=True
    )
