"""What goes with what: collocates of a term, co-occurring pairs, n-grams and phrases.

Collocates, pairs and n-grams are counted by DuckDB next to the data and return small
tables, so they work on a 10,000-article store as well as on a tokens DataFrame (tests,
the export of a few files): each takes a `Store` and a `Selection`, or a tokens table.
"""

from __future__ import annotations

import re

import duckdb
import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.store.selection import Selection
from analysis.text.tokens import normalise

MAX_SPAN = 10  # words each side of the node a window may reach
MAX_NGRAM = 4
MAX_NGRAMS = 1_000  # most frequent n-grams returned: a page or a CSV, not the corpus's long tail
EVERYTHING = Selection()
LATIN_EDGE = re.compile(r"[a-z0-9]", re.IGNORECASE)


def _run(source, sel: Selection, sql: str, params: list) -> pd.DataFrame:
    """Run `sql`, whose `{picked}` is the selection's tokens (article_id, turn, position,
    token), over a `Store` (SQL in DuckDB beside its data) or a tokens DataFrame."""
    if isinstance(source, pd.DataFrame):
        connection = duckdb.connect(":memory:")
        try:
            frame = source[[s.ARTICLE_ID, s.TURN, s.POSITION, s.TOKEN]].astype(
                {s.ARTICLE_ID: str, s.TOKEN: str}
            )
            connection.register("token_frame", frame)
            picked = "SELECT article_id, turn, position, token FROM token_frame"
            return connection.execute(sql.format(picked=picked), params).df()
        finally:
            connection.close()
    where_params: list = []
    where = sel.where(where_params)
    picked = f"SELECT t.article_id, t.turn, t.position, t.token FROM tokens t WHERE {where}"
    return source.query(sql.format(picked=picked), where_params + params)


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
    sql = (
        "WITH picked AS ({picked}), "
        "nodes AS (SELECT article_id, turn, position FROM picked WHERE lower(token) = ?), "
        # Each word position once, even when two nodes reach it.
        "near AS (SELECT DISTINCT p.article_id, p.turn, p.position, p.token FROM picked p "
        "JOIN nodes n ON p.article_id = n.article_id AND p.turn = n.turn "
        "AND p.position BETWEEN n.position - ? AND n.position + ? WHERE lower(p.token) <> ?), "
        "observed AS (SELECT token, COUNT(*) AS o FROM near GROUP BY token HAVING COUNT(*) >= ?), "
        "freq AS (SELECT token, COUNT(*) AS f FROM picked "
        "WHERE token IN (SELECT token FROM observed) GROUP BY token) "
        "SELECT o.token AS term, o.o AS count, f.f AS freq, "
        "(SELECT COUNT(*) FROM picked) AS n, (SELECT COUNT(*) FROM nodes) AS f_node, "
        "(SELECT COUNT(*) FROM near) AS r1 FROM observed o JOIN freq f USING (token)"
    )
    found = _run(source, sel, sql, [node, left, right, node, max(int(min_count), 1)])
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
    sql = (
        "WITH picked AS ({picked}), "
        "top AS (SELECT token, COUNT(*) AS n FROM picked GROUP BY token "
        "ORDER BY n DESC, token LIMIT ?), "
        "present AS (SELECT DISTINCT p.article_id, p.turn, p.token FROM picked p "
        "WHERE p.token IN (SELECT token FROM top)), "
        "units AS (SELECT token, COUNT(*) AS turns FROM present GROUP BY token), "
        "pairs AS (SELECT a.token AS term_a, b.token AS term_b, COUNT(*) AS together "
        "FROM present a JOIN present b ON a.article_id = b.article_id AND a.turn = b.turn "
        "AND a.token < b.token GROUP BY ALL HAVING COUNT(*) >= ?) "
        "SELECT term_a, term_b, together, "
        "together::DOUBLE / (ua.turns + ub.turns - together)::DOUBLE AS jaccard FROM pairs "
        "JOIN units ua ON ua.token = term_a JOIN units ub ON ub.token = term_b "
        "ORDER BY jaccard DESC, together DESC, term_a, term_b"
    )
    params: list = [max(int(top_terms), 1), max(int(min_count), 1)]
    if top_edges is not None:
        sql += " LIMIT ?"
        params.append(max(int(top_edges), 0))
    pairs = _run(source, sel, sql, params)
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
    leads = ", ".join(
        f"LEAD(token, {k}) OVER w AS w{k}, LEAD(position, {k}) OVER w AS p{k}" for k in ahead
    )
    words = ", ".join(["token", *(f"w{k}" for k in ahead)])
    sql = (
        "WITH picked AS ({picked}), "
        f"runs AS (SELECT article_id, token, position, {leads} FROM picked "
        "WINDOW w AS (PARTITION BY article_id, turn ORDER BY position)) "
        f"SELECT {words}, COUNT(*) AS count, COUNT(DISTINCT article_id) AS articles FROM runs "
        f"WHERE {' AND '.join(f'p{k} = position + {k}' for k in ahead)} "
        f"GROUP BY {words} HAVING COUNT(*) >= ? ORDER BY count DESC, {words} LIMIT ?"
    )
    found = _run(source, sel, sql, [max(int(min_count), 1), max(int(limit), 0)])
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
            joined = joined + " " + pd.Series(words[k : len(words) - n + 1 + k])
        counts = joined[keep].value_counts()
        counts = counts[counts >= min_count]
        frames.append(pd.DataFrame({s.PHRASE: counts.index, s.SIZE: n, s.COUNT: counts.to_numpy()}))
    if not frames:
        return pd.DataFrame(columns=s.PHRASES.names)
    return pd.concat(frames, ignore_index=True).sort_values(
        s.COUNT, ascending=False, ignore_index=True
    )
