"""The SQL of words that stand near each other: the words in a window around a term, pairs
said in the same turn, and runs of adjacent words. DuckDB counts next to the data and
returns small tables; `analysis.measures.collocations` scores them.

Each function takes a `Store` and a `Selection`, or a tokens DataFrame (tests, the export of a
few files), which is counted by a DuckDB connection of its own.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis import schema as s
from analysis.store.selection import Selection


def run(source, sel: Selection, sql: str, params: list) -> pd.DataFrame:
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


def window_counts(
    source, sel: Selection, node: str, left: int, right: int, min_count: int
) -> pd.DataFrame:
    """Words within `left` words before and `right` after `node` (folded) in the same turn,
    each word position once: `term`, `count` (O, in the windows), `freq` (f, everywhere)
    and, repeated on every row, `n` (kept words), `f_node` (uses of the node) and `r1`
    (words inside the windows); only words seen at least `min_count` times near it."""
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
    return run(source, sel, sql, [node, left, right, node, max(int(min_count), 1)])


def turn_pairs(
    source, sel: Selection, top_terms: int, min_count: int, top_edges: int | None
) -> pd.DataFrame:
    """Pairs of the `top_terms` most frequent terms said in the same turn, at least
    `min_count` turns together, with their Jaccard coefficient; the `top_edges` strongest."""
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
    return run(source, sel, sql, params)


def word_runs(source, sel: Selection, n: int, min_count: int, limit: int) -> pd.DataFrame:
    """Runs of `n` kept words at consecutive positions of a turn, counted: columns `token`,
    `w1` … `w{n-1}`, `count` and `articles`; at most `limit`, most frequent first."""
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
    return run(source, sel, sql, [max(int(min_count), 1), max(int(limit), 0)])
