"""Suggested dictionary words: pairs of adjacent words the corpus keeps writing together.

jieba splits words its dictionary lacks (图灵测试 -> 图灵 / 测试). Such a pair is found the
way new-word discovery does it (TermExtract, as KH Coder uses it; Sproat & Shih 1990 for the
association, Feng et al. 2004 / Jin & Tanaka-Ishii 2006 for branching entropy):

- **association** of the two words as neighbours, from the 2×2 table of adjacent pairs
  (first word x or not, second word y or not; Dunning 1993): pointwise mutual information
  PMI = log2(f(xy)·P / (f(x·)·f(·y))) and the log-likelihood G² = 2 Σ O·ln(O/E), where P is
  the number of adjacent pairs and f(x·), f(·y) how often x starts and y ends one;
- **boundary (branching) entropy** of the joined candidate: the entropy in bits of the word
  just before it (left) and just after it (right), H = -Σ p·log2 p. A real word stands
  among varied neighbours (high on both sides); a fragment of a longer unit has one
  neighbour it always leans on (entropy 0 on that side). A neighbour that is not a kept word
  (punctuation, a stopword, the turn's edge) counts as a different one each time: the
  candidate stands free there.

A candidate is two Han words next to each other (positions p and p + 1 of one turn's
tokens) used at least `min_count` times, with PMI and the smaller boundary entropy above
their minimums; sorted by G². Everything is aggregated in DuckDB (window functions over the
tokens of the selection, then group-bys), so memory follows the number of distinct pairs,
not the corpus; the dashboard asks for the selection's most recent 200 articles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import duckdb
import pandas as pd

from analysis import schema as s
from analysis.config import MAX_VOCABULARY_WORD_LENGTH, fold_word

# The suggestions table's columns (term, count from the schema; the rest its own).
FIRST = s.TERM_A
SECOND = s.TERM_B
PMI = s.MI
G2 = s.G2
LEFT_ENTROPY = "left_entropy"
RIGHT_ENTROPY = "right_entropy"
COLUMNS = [s.TERM, FIRST, SECOND, s.COUNT, PMI, G2, LEFT_ENTROPY, RIGHT_ENTROPY]


@dataclass(frozen=True)
class SuggestSettings:
    """What makes a pair a suggestion: minimum count, association and boundary entropy."""

    min_count: int = 3
    min_pmi: float = 3.0  # bits: together 8 times more often than chance
    min_entropy: float = 1.0  # bits, on the poorer side
    top: int = 20


def _suggest_sql(source: str, where: str) -> str:
    """The whole computation over `source` (a tokens table or view, alias t) filtered by
    `where`; parameters: min_count, max_length, min_pmi, min_entropy, top."""
    return f"""
    WITH picked AS (
        SELECT t.article_id, t.turn, t.position, t.token FROM {source} t WHERE {where}
    ), seq AS (
        SELECT token, position,
            LAG(token) OVER w AS prev_token, LAG(position) OVER w AS prev_pos,
            LEAD(token) OVER w AS next_token, LEAD(position) OVER w AS next_pos,
            LEAD(token, 2) OVER w AS next2_token, LEAD(position, 2) OVER w AS next2_pos
        FROM picked WINDOW w AS (PARTITION BY article_id, turn ORDER BY position)
    ), pairs AS (
        SELECT token AS first, next_token AS second,
            CASE WHEN prev_pos = position - 1 THEN prev_token END AS left_word,
            CASE WHEN next2_pos = position + 2 THEN next2_token END AS right_word
        FROM seq WHERE next_pos = position + 1
    ), total AS (
        SELECT COUNT(*)::DOUBLE AS p FROM pairs
    ), firsts AS (
        SELECT first, COUNT(*)::DOUBLE AS f1 FROM pairs GROUP BY first
    ), seconds AS (
        SELECT second, COUNT(*)::DOUBLE AS f2 FROM pairs GROUP BY second
    ), candidates AS (
        SELECT first, second, COUNT(*)::DOUBLE AS n FROM pairs
        WHERE regexp_full_match(first, '\\p{{Han}}+') AND regexp_full_match(second, '\\p{{Han}}+')
        GROUP BY first, second
        HAVING COUNT(*) >= ? AND length(first) + length(second) <= ?
    ), scored AS (
        SELECT c.first, c.second, c.n, f1, f2, p,
            log2(c.n * p / (f1 * f2)) AS pmi,
            -- the 2x2 table: O11 = n, O12 = f1 - n, O21 = f2 - n, O22 = p - f1 - f2 + n
            2 * (
                c.n * ln(c.n * p / (f1 * f2))
                + CASE WHEN f1 > c.n THEN (f1 - c.n) * ln((f1 - c.n) * p / (f1 * (p - f2)))
                  ELSE 0 END
                + CASE WHEN f2 > c.n THEN (f2 - c.n) * ln((f2 - c.n) * p / ((p - f1) * f2))
                  ELSE 0 END
                + CASE WHEN p - f1 - f2 + c.n > 0
                  THEN (p - f1 - f2 + c.n) * ln((p - f1 - f2 + c.n) * p / ((p - f1) * (p - f2)))
                  ELSE 0 END
            ) AS g2
        FROM candidates c JOIN firsts USING (first) JOIN seconds USING (second), total
    ), neighbours AS (
        -- sum of c·log2(c) over each side's neighbours; the unnamed ones are singletons (0)
        SELECT first, second, side, SUM(k * log2(k)) AS clogc FROM (
            SELECT x.first, x.second, 'left' AS side, COUNT(*)::DOUBLE AS k FROM pairs x
            SEMI JOIN candidates c ON x.first = c.first AND x.second = c.second
            WHERE x.left_word IS NOT NULL GROUP BY x.first, x.second, x.left_word
            UNION ALL
            SELECT x.first, x.second, 'right' AS side, COUNT(*)::DOUBLE AS k FROM pairs x
            SEMI JOIN candidates c ON x.first = c.first AND x.second = c.second
            WHERE x.right_word IS NOT NULL GROUP BY x.first, x.second, x.right_word
        ) GROUP BY first, second, side
    ), entropies AS (
        SELECT g.first, g.second, g.n, g.pmi, g.g2,
            log2(g.n) - COALESCE(l.clogc, 0) / g.n AS left_entropy,
            log2(g.n) - COALESCE(r.clogc, 0) / g.n AS right_entropy
        FROM scored g
        LEFT JOIN neighbours l ON l.first = g.first AND l.second = g.second AND l.side = 'left'
        LEFT JOIN neighbours r ON r.first = g.first AND r.second = g.second AND r.side = 'right'
    )
    SELECT first || second AS term, first AS {FIRST}, second AS {SECOND}, n::BIGINT AS count,
        pmi AS {PMI}, g2 AS {G2}, greatest(left_entropy, 0.0) AS {LEFT_ENTROPY},
        greatest(right_entropy, 0.0) AS {RIGHT_ENTROPY}
    FROM entropies
    WHERE pmi >= ? AND least(left_entropy, right_entropy) >= ? - 1e-9
    ORDER BY g2 DESC, count DESC, term
    LIMIT ?
    """


def _finish(found: pd.DataFrame, exclude: Iterable[str]) -> pd.DataFrame:
    excluded = {fold_word(word) for word in exclude}
    kept = found[found[s.TERM].map(lambda term: fold_word(term) not in excluded).astype(bool)]
    return kept[COLUMNS].reset_index(drop=True)


def _params(settings: SuggestSettings) -> list:
    return [
        int(settings.min_count),
        int(MAX_VOCABULARY_WORD_LENGTH),
        float(settings.min_pmi),
        float(settings.min_entropy),
    ]


def suggest_terms(
    store, sel, settings: SuggestSettings | None = None, exclude: Iterable[str] = ()
) -> pd.DataFrame:
    """Suggested words in a store's selection (`Store`, `Selection`), best first: `term`
    (the two words joined), the two words, `count`, `mi` (PMI, bits), `g2`, and the left
    and right boundary entropies (bits). `exclude`: words not to suggest (ones the visitor
    took out of the dictionary)."""
    settings = settings or SuggestSettings()
    params: list = []
    where = sel.where(params)
    found = store.query(
        _suggest_sql("tokens", where),
        [*params, *_params(settings), int(settings.top) + 20],
    )
    return _finish(found, exclude).head(settings.top)


def suggest_from_tokens(
    tokens: pd.DataFrame, settings: SuggestSettings | None = None, exclude: Iterable[str] = ()
) -> pd.DataFrame:
    """The same suggestions from a tokens table in memory (article_id, turn, position,
    token), e.g. a small inline corpus."""
    settings = settings or SuggestSettings()
    connection = duckdb.connect(":memory:")
    try:
        frame = tokens[[s.ARTICLE_ID, s.TURN, s.POSITION, s.TOKEN]].astype(
            {s.ARTICLE_ID: str, s.TOKEN: str}
        )
        connection.from_df(frame).create("tokens")
        found = connection.execute(
            _suggest_sql("tokens", "TRUE"), [*_params(settings), int(settings.top) + 20]
        ).df()
    finally:
        connection.close()
    return _finish(found, exclude).head(settings.top)
