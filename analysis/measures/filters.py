"""Selecting turns by article, speaker, role, section, theme and publish date."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

import numpy as np
import pandas as pd

from analysis import schema as s


def filter_turns(
    turns: pd.DataFrame,
    *,
    articles: Collection[str] | None = None,
    speakers: Collection[str] | None = None,
    roles: Collection[str] | None = None,
    sections: Collection[str] | None = None,
    themes: Collection[str] | None = None,
    theme_hits: pd.DataFrame | None = None,
    date_range: tuple[date | None, date | None] | None = None,
    articles_table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The turns that pass every given filter; None or empty means "no filter" for that one.

    Themes need `theme_hits` (a turn passes when it touches any chosen theme); dates need
    `articles_table` for the publish dates.
    """
    mask = pd.Series(True, index=turns.index)
    for column, wanted in (
        (s.ARTICLE_ID, articles),
        (s.SPEAKER, speakers),
        (s.ROLE, roles),
        (s.SECTION, sections),
    ):
        if wanted:
            mask &= turns[column].isin(list(wanted))
    if themes and theme_hits is not None:
        touched = theme_hits[theme_hits[s.THEME].isin(list(themes))][[s.ARTICLE_ID, s.TURN]]
        keys = pd.MultiIndex.from_frame(turns[[s.ARTICLE_ID, s.TURN]])
        mask &= keys.isin(pd.MultiIndex.from_frame(touched)) if len(touched) else False
    if date_range and articles_table is not None and any(date_range):
        start, end = date_range
        published = articles_table.set_index(s.ARTICLE_ID)[s.PUBLISHED]
        when = turns[s.ARTICLE_ID].map(published).dt.date
        if start:
            mask &= when >= start
        if end:
            mask &= when <= end
        mask &= when.notna()
    return turns[mask]


def filter_by_turns(table: pd.DataFrame, turns: pd.DataFrame) -> pd.DataFrame:
    """Rows of a per-turn table (tokens, theme hits) whose turn is among `turns`.

    Each (article, turn) becomes one integer, so the test is a single `isin` over the
    table: the tokens table has a row per word, over a million on a large corpus.
    """
    if table.empty or turns.empty:
        return table.iloc[0:0]
    articles = pd.Index(pd.unique(turns[s.ARTICLE_ID].astype(str)))
    column = table[s.ARTICLE_ID]
    if isinstance(column.dtype, pd.CategoricalDtype):
        by_category = articles.get_indexer(column.cat.categories.astype(str))
        codes = column.cat.codes.to_numpy()
        article_codes = np.where(codes >= 0, by_category[codes], -1)
    else:
        article_codes = articles.get_indexer(column.astype(str))
    stride = int(max(table[s.TURN].max(), turns[s.TURN].max())) + 1
    keys = article_codes.astype(np.int64) * stride + table[s.TURN].to_numpy(dtype=np.int64)
    wanted = articles.get_indexer(turns[s.ARTICLE_ID].astype(str)).astype(np.int64) * stride
    wanted += turns[s.TURN].to_numpy(dtype=np.int64)
    return table[(article_codes >= 0) & np.isin(keys, wanted)]
