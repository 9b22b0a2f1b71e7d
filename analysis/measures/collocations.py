"""What goes with what: collocates of a term, co-occurring pairs, n-grams and phrases.

Collocates, pairs and n-grams are counted by DuckDB next to the data (the SQL is in
`analysis.store.neighbours`) and return small tables, so they work on a 10,000-article store
as well as on a tokens DataFrame (tests, the export of a few files): each takes a `Store`
and a `Selection`, or a tokens table.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.store import neighbours
from analysis.store.selection import Selection
from analysis.text.tokens import normalise

MAX_SPAN = 10  # words each side of the node a window may reach
MAX_NGRAM = 4
MAX_NGRAMS = 1_000  # most frequent n-grams returned: a page or a CSV, not the corpus's long tail
EVERYTHING = Selection()
LATIN_EDGE = re.compile(r"[a-z0-9]", re.IGNORECASE)


def collocates(
    source,
    term: str,
    left: int = 5,
    right: int | None = None,
    min_count: int = 2,
    sel: Selection = EVERYTHING,
) -> pd.DataFrame:
    """Words within `left` words before and `right` words after `term` in the same turn,
    scored by G² and MI: which words keep its company more than chance would have it.

    The window counts the turn's words before stopwords and punctuation were dropped
    (the tokens' `position`); only kept words are collocates. `right` defaults to `left`.

    - MI = log2(O / E), E = f(node) × f(word) × span / N with span = left + right
      (Church & Hanks 1990, "Word association norms, mutual information, and
      lexicography": the span enters E because each node offers that many slots).
    - G² is the log-likelihood ratio of the contingency table of surface (window)
      co-occurrence in Evert (2008), "Corpora and collocations": O11 = O, row 1 the
      R1 words inside the windows (each counted once, nodes excluded), column 1 the word's
      f uses, N every kept word; G² = 2 Σ Oij ln(Oij / Eij), Eij = Ri × Cj / N, given the
      sign of O11 - E11 (negative: rarer near the term than elsewhere).

    `source` is a `Store` (with `sel`) or a tokens DataFrame. Most associated first.
    """
    right = left if right is None else right
    left, right = _span(left), _span(right)
    node = normalise(term).strip()
    if not node or left + right == 0:
        return pd.DataFrame(columns=s.COLLOCATES.names)
    found = neighbours.window_counts(source, sel, node, left, right, min_count)
    if found.empty:
        return pd.DataFrame(columns=s.COLLOCATES.names)
    o = found[s.COUNT].to_numpy(float)
    f = found["freq"].to_numpy(float)
    n, f_node, r1 = (float(found[c].iat[0]) for c in ("n", "f_node", "r1"))
    expected_mi = f_node * f * (left + right) / n
    result = pd.DataFrame(
        {
            s.TERM: found[s.TERM].astype(str),
            s.COUNT: found[s.COUNT].astype("int64"),
            s.FREQ: found["freq"].astype("int64"),
            s.G2: window_g2(o, f, r1, n),
            s.MI: np.log2(o / expected_mi),
        }
    )
    return result.sort_values(
        [s.G2, s.COUNT, s.TERM], ascending=[False, False, True], ignore_index=True
    )[s.COLLOCATES.names]


def window_g2(o: np.ndarray, f: np.ndarray, r1: float, n: float) -> np.ndarray:
    """Signed G² of each word's 2×2 table: inside/outside the windows × the word/others."""
    observed = np.stack([o, r1 - o, f - o, n - r1 - f + o])
    expected = np.stack([r1 * f, r1 * (n - f), (n - r1) * f, (n - r1) * (n - f)]) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    g2 = 2 * terms.sum(axis=0)
    return np.where(o >= expected[0], g2, -g2)


def _span(words: int) -> int:
    return max(0, min(int(words), MAX_SPAN))


def cooccurrence(
    source,
    top_terms: int = 60,
    min_count: int = 2,
    top_edges: int | None = None,
    sel: Selection = EVERYTHING,
) -> pd.DataFrame:
    """Pairs of the `top_terms` most frequent terms used in the same turn, with the Jaccard
    coefficient (turns with both / turns with either), the edge weight of KH Coder's
    co-occurrence network; at least `min_count` turns together, the `top_edges` strongest.

    `source` is a `Store` (with `sel`) or a tokens DataFrame.
    """
    pairs = neighbours.turn_pairs(source, sel, top_terms, min_count, top_edges)
    if pairs.empty:
        return pd.DataFrame(columns=s.COOCCURRENCE.names)
    return pairs.astype({s.TOGETHER: "int64"})[s.COOCCURRENCE.names]


def join_words(words) -> str:
    """An n-gram as it is written: Chinese words run together, two Latin words (or digits)
    keep a space between them (语音模式, sam altman, ai安全)."""
    text = ""
    for word in words:
        if text and LATIN_EDGE.fullmatch(text[-1]) and LATIN_EDGE.fullmatch(word[:1]):
            text += " "
        text += word
    return text


def ngrams(
    source,
    n: int = 2,
    min_count: int = 2,
    sel: Selection = EVERYTHING,
    limit: int = MAX_NGRAMS,
) -> pd.DataFrame:
    """Runs of `n` kept words that stand next to each other in a turn, counted: a stopword
    or a punctuation mark between two words breaks the run (their positions are not
    consecutive). At most `limit`, most frequent first; `ngram` is the run as written
    (see `join_words`). `source` is a `Store` (with `sel`) or a tokens DataFrame."""
    n = max(2, min(int(n), MAX_NGRAM))
    ahead = range(1, n)
    found = neighbours.word_runs(source, sel, n, min_count, limit)
    if found.empty:
        return pd.DataFrame(columns=s.NGRAMS.names)
    columns = ["token", *(f"w{k}" for k in ahead)]
    result = pd.DataFrame(
        {
            s.NGRAM: [join_words(row) for row in found[columns].astype(str).to_numpy()],
            s.SIZE: n,
            s.COUNT: found[s.COUNT].astype("int64"),
            s.ARTICLES_COUNT: found["articles"].astype("int64"),
        }
    )
    return result[s.NGRAMS.names]


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
            joined = joined + "\x1f" + pd.Series(words[k : len(words) - n + 1 + k])
        counts = joined[keep].value_counts()
        # Written as the n-grams are (`join_words`): 这项技术, sam altman; the one rule for
        # every page. Counted on the words first, so two splits of one text add up.
        counts = counts.groupby([join_words(run.split("\x1f")) for run in counts.index]).sum()
        counts = counts[counts >= min_count].sort_values(ascending=False)
        frames.append(pd.DataFrame({s.PHRASE: counts.index, s.SIZE: n, s.COUNT: counts.to_numpy()}))
    if not frames:
        return pd.DataFrame(columns=s.PHRASES.names)
    return pd.concat(frames, ignore_index=True).sort_values(
        s.COUNT, ascending=False, ignore_index=True
    )
