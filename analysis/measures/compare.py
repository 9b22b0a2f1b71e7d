"""Two selections compared (keyness of A against B) and terms followed over publish dates.

A and B are `Selection`s: any mix of the global filters. B may also be "the rest of the
corpus": every turn A leaves out (`b=None`), computed as NOT A, never as the whole corpus.
The counts come from the store in one pass over the tokens (DuckDB groups them), so the
cost follows the vocabulary, not the corpus; the scores are `keyness.compare_counts`'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analysis import schema as s
from analysis.measures.keyness import PER, compare_counts
from analysis.store.selection import Selection

MIN_COUNT = 3  # terms used fewer times in A and B together are not scored (too little evidence)
BY_MONTH = "month"
BY_ARTICLE = "article"
TREND_PERIODS = (BY_MONTH, BY_ARTICLE)
MAX_TREND_ARTICLES = 200  # more articles than this are followed by month: a point each is noise

# What can be wrong with a comparison, for the page to say in words.
A_EMPTY = "a_empty"
B_EMPTY = "b_empty"
SAME = "same"  # A and B are the same turns
A_IN_B = "a_in_b"  # every turn of A is also in B
B_IN_A = "b_in_a"


@dataclass(frozen=True)
class Overlap:
    """How many turns and kept words A and B hold, and how many turns they share."""

    turns_a: int
    turns_b: int
    shared: int
    words_a: int
    words_b: int

    def problem(self) -> str | None:
        """Why A and B can't be compared (an empty side, or one inside the other), or None."""
        if self.words_a == 0:
            return A_EMPTY
        if self.words_b == 0:
            return B_EMPTY
        if self.shared == self.turns_a == self.turns_b:
            return SAME
        if self.shared == self.turns_a:
            return A_IN_B
        if self.shared == self.turns_b:
            return B_IN_A
        return None


def _flagged(table: str, columns: str, a: Selection, b: Selection | None) -> tuple[str, list]:
    """A query of `table`'s rows with `in_a` and `in_b` flags, and its parameters."""
    params: list = []
    in_a = f"COALESCE(({a.where(params)}), FALSE)"
    if b is None:
        # Rest of the corpus: computed from A's flag, so A's values are bound once.
        sql = f"SELECT *, NOT in_a AS in_b FROM (SELECT {columns}, {in_a} AS in_a FROM {table} t)"
    else:
        in_b = f"COALESCE(({b.where(params)}), FALSE)"
        sql = f"SELECT {columns}, {in_a} AS in_a, {in_b} AS in_b FROM {table} t"
    return sql, params


def _shared_turns(store, a: Selection, b: Selection | None) -> pd.Series:
    turns_sql, params = _flagged("turns", "t.article_id, t.turn", a, b)
    return store.query(
        "SELECT COUNT(*) FILTER (WHERE in_a) AS turns_a, COUNT(*) FILTER (WHERE in_b) AS turns_b, "
        f"COUNT(*) FILTER (WHERE in_a AND in_b) AS shared FROM ({turns_sql})",
        params,
    ).iloc[0]


def _overlap(turns: pd.Series, words_a: int, words_b: int) -> Overlap:
    return Overlap(
        int(turns["turns_a"]), int(turns["turns_b"]), int(turns["shared"]), words_a, words_b
    )


def overlap(store, a: Selection, b: Selection | None) -> Overlap:
    """Turns of A, of B and of both, and the kept words of each (B None: the rest)."""
    words_sql, params = _flagged("tokens", "t.token", a, b)
    words = store.query(
        "SELECT COUNT(*) FILTER (WHERE in_a) AS words_a, COUNT(*) FILTER (WHERE in_b) AS words_b "
        f"FROM ({words_sql})",
        params,
    ).iloc[0]
    return _overlap(_shared_turns(store, a, b), int(words["words_a"]), int(words["words_b"]))


def term_frequencies(store, a: Selection, b: Selection | None) -> pd.DataFrame:
    """Per term, its uses in A and in B (`term`, `count_a`, `count_b`); B None: the rest.
    A turn in both selections counts on both sides."""
    sql, params = _flagged("tokens", "t.token", a, b)
    return store.query(
        "SELECT token AS term, COUNT(*) FILTER (WHERE in_a) AS count_a, "
        f"COUNT(*) FILTER (WHERE in_b) AS count_b FROM ({sql}) WHERE in_a OR in_b "
        "GROUP BY token ORDER BY token",
        params,
    )


def compare(store, a: Selection, b: Selection | None, min_count: int = MIN_COUNT) -> pd.DataFrame:
    """The `comparison` table of A against B (B None: the rest of the corpus): G², log
    ratio, p and Bonferroni-adjusted p, log-odds z, strongest for A first."""
    counts = term_frequencies(store, a, b)
    return compare_counts(counts, min_count=min_count)


def comparison(
    store, a: Selection, b: Selection | None, min_count: int = MIN_COUNT
) -> tuple[Overlap, pd.DataFrame]:
    """`overlap` and `compare` in two queries (the words of each side are the sums of its
    term counts): what the Terms page asks when A or B changes. The table is empty when the
    comparison can't be made."""
    counts = term_frequencies(store, a, b)
    sizes = _overlap(
        _shared_turns(store, a, b), int(counts[s.COUNT_A].sum()), int(counts[s.COUNT_B].sum())
    )
    if sizes.problem() is not None:
        return sizes, pd.DataFrame(columns=s.COMPARISON.names)
    return sizes, compare_counts(counts, min_count=min_count)


def term_trends(
    store,
    sel: Selection,
    terms: Sequence[str] = (),
    by: str = BY_MONTH,
    top: int = 5,
) -> pd.DataFrame:
    """The `term_trends` table: each term's uses and rate per 10,000 kept words per publish
    month or per article of the selection, zeros included (a line that drops to nothing
    shows it). Without `terms`, the selection's `top` most frequent. Undated articles are
    left out (they have no place on a date axis)."""
    if by not in TREND_PERIODS:
        raise ValueError(f"trends go by {' or '.join(TREND_PERIODS)}, not {by!r}")
    terms = list(dict.fromkeys(str(term) for term in terms if str(term).strip()))
    if not terms:
        terms = store.term_counts(sel, top=top)[s.TERM].tolist()
    if not terms:
        return pd.DataFrame(columns=s.TERM_TRENDS.names)
    if by == BY_MONTH:
        period = "CAST(date_trunc('month', a.published) AS TIMESTAMP)"
        article = "''"
    else:
        period = "CAST(a.published AS TIMESTAMP)"
        article = "t.article_id"
    params: list = []
    where = sel.where(params)
    params += [terms, terms]
    return store.query(
        f"WITH picked AS (SELECT {period} AS period, {article} AS article_id, t.token "
        "FROM tokens t JOIN articles a ON a.article_id = t.article_id "
        f"WHERE a.published IS NOT NULL AND {where}), "
        "words AS (SELECT period, article_id, COUNT(*) AS words FROM picked GROUP BY ALL), "
        "hits AS (SELECT period, article_id, token AS term, COUNT(*) AS count FROM picked "
        "WHERE token IN (SELECT UNNEST(?)) GROUP BY ALL), "
        "wanted AS (SELECT UNNEST(?) AS term) "
        "SELECT w.period, w.article_id, x.term, COALESCE(h.count, 0)::BIGINT AS count, "
        f"w.words::BIGINT AS words, COALESCE(h.count, 0)::DOUBLE / w.words * {PER} AS rate "
        "FROM words w CROSS JOIN wanted x "
        "LEFT JOIN hits h ON h.period = w.period AND h.article_id = w.article_id "
        "AND h.term = x.term ORDER BY w.period, w.article_id, x.term",
        params,
    )[s.TERM_TRENDS.names]


def terms_by_use(trends: pd.DataFrame) -> list[str]:
    """The terms of a `term_trends` table that are used at all, most used first (ties in the
    table's order): what a trend chart can draw."""
    used = trends.groupby(s.TERM, sort=False)[s.COUNT].sum()
    return used[used > 0].sort_values(ascending=False, kind="stable").index.tolist()
