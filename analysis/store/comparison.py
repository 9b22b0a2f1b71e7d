"""The SQL of comparisons: a term's uses in two selections A and B, the turns each holds and
shares, and terms counted per publish month or article (the `analysis.measures.compare`
scores and tables are built from these counts).

B is a `Selection` or None, "the rest of the corpus": every turn A leaves out, computed as
NOT A (A's values are bound once), never as the whole corpus.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.store.selection import Selection

BY_MONTH = "month"
BY_ARTICLE = "article"
TREND_PERIODS = (BY_MONTH, BY_ARTICLE)
PER = 10_000  # rates are uses per 10,000 kept words (as `measures.terms.PER`)


def _flagged(table: str, columns: str, a: Selection, b: Selection | None) -> tuple[str, list]:
    """A query of `table`'s rows with `in_a` and `in_b` flags, and its parameters."""
    params: list = []
    in_a = f"COALESCE(({a.where(params)}), FALSE)"
    if b is None:
        sql = f"SELECT *, NOT in_a AS in_b FROM (SELECT {columns}, {in_a} AS in_a FROM {table} t)"
    else:
        in_b = f"COALESCE(({b.where(params)}), FALSE)"
        sql = f"SELECT {columns}, {in_a} AS in_a, {in_b} AS in_b FROM {table} t"
    return sql, params


def turns_of_sides(store, a: Selection, b: Selection | None) -> pd.Series:
    """Turns of A (`turns_a`), of B (`turns_b`) and of both (`shared`)."""
    turns_sql, params = _flagged("turns", "t.article_id, t.turn", a, b)
    return store.query(
        "SELECT COUNT(*) FILTER (WHERE in_a) AS turns_a, COUNT(*) FILTER (WHERE in_b) AS turns_b, "
        f"COUNT(*) FILTER (WHERE in_a AND in_b) AS shared FROM ({turns_sql})",
        params,
    ).iloc[0]


def words_of_sides(store, a: Selection, b: Selection | None) -> pd.Series:
    """Kept words of A (`words_a`) and of B (`words_b`)."""
    words_sql, params = _flagged("tokens", "t.token", a, b)
    return store.query(
        "SELECT COUNT(*) FILTER (WHERE in_a) AS words_a, COUNT(*) FILTER (WHERE in_b) AS words_b "
        f"FROM ({words_sql})",
        params,
    ).iloc[0]


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


def term_period_counts(store, sel: Selection, terms: Sequence[str], by: str) -> pd.DataFrame:
    """Each of `terms`' uses, the kept words and the rate per 10,000 of them per publish
    month (`article_id` empty) or per article of the selection, zeros included; undated
    articles left out."""
    if by not in TREND_PERIODS:
        raise ValueError(f"trends go by {' or '.join(TREND_PERIODS)}, not {by!r}")
    if by == BY_MONTH:
        period = "CAST(date_trunc('month', a.published) AS TIMESTAMP)"
        article = "''"
    else:
        period = "CAST(a.published AS TIMESTAMP)"
        article = "t.article_id"
    params: list = []
    where = sel.where(params)
    params += [list(terms), list(terms)]
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
    )
