"""The SQL of term frequencies by article × speaker (issue 22, feature row 6): the
selection's most frequent terms counted in each of its largest article × speaker groups,
zeros included, bounded on both axes so the answer's size never follows the corpus."""

from __future__ import annotations

import pandas as pd

from analysis import schema as s
from analysis.store.build import SEQ
from analysis.store.comparison import PER
from analysis.store.selection import Selection

COLUMNS = (s.ARTICLE_ID, s.SPEAKER, s.TERM, s.COUNT, s.WORDS, s.RATE)


def term_grid(store, sel: Selection, terms: int = 15, groups: int = 20) -> pd.DataFrame:
    """The selection's `terms` most frequent terms (ties by term) in each of its `groups`
    article × speaker groups with the most kept words: `article_id`, `speaker`, `term`,
    `count`, `words` (the group's kept words) and `rate` per 10,000 of them. Rows come in
    corpus order of the articles, then by the group's words, then by the term's rank."""
    params: list = []
    where = sel.where(params)
    params += [int(groups), int(terms)]
    frame = store.query(
        f"WITH picked AS (SELECT t.article_id, t.speaker, t.token FROM tokens t WHERE {where}), "
        "grouped AS (SELECT article_id, speaker, COUNT(*) AS words FROM picked GROUP BY ALL "
        "ORDER BY words DESC, article_id, speaker LIMIT ?), "
        "top AS (SELECT token AS term, COUNT(*) AS total FROM picked GROUP BY token "
        "ORDER BY total DESC, term LIMIT ?), "
        "cells AS (SELECT p.article_id, p.speaker, p.token AS term, COUNT(*) AS count "
        "FROM picked p JOIN grouped g USING (article_id, speaker) "
        "WHERE p.token IN (SELECT term FROM top) GROUP BY ALL) "
        "SELECT g.article_id, g.speaker, x.term, COALESCE(c.count, 0)::BIGINT AS count, "
        f"g.words::BIGINT AS words, COALESCE(c.count, 0)::DOUBLE / g.words * {PER} AS rate "
        "FROM grouped g CROSS JOIN top x "
        "JOIN articles_all a ON a.article_id = g.article_id "
        "LEFT JOIN cells c ON c.article_id = g.article_id AND c.speaker = g.speaker "
        "AND c.term = x.term "
        f"ORDER BY a.{SEQ}, g.words DESC, g.speaker, x.total DESC, x.term",
        params,
    )
    return frame[list(COLUMNS)]
