"""Where a search's hits fall along each conversation (AntConc's concordance Plot).

A hit's place is measured in characters of speech: the characters of the article's turns
before it, over all the article's speech. Turn numbers would mislead: a one-line "对" and a
ten-minute answer would weigh the same, so hits inside a long monologue would look spread
out and a quick exchange would look long.
"""

from __future__ import annotations

import pandas as pd

from analysis import schema as s

MAX_ARTICLES = 40  # rows of the plot: readable at a glance
MAX_TICKS = 1_500  # ticks sent to the browser (each carries its speaker and words)


def articles_to_plot(
    hits: pd.DataFrame, max_articles: int = MAX_ARTICLES, max_ticks: int = MAX_TICKS
) -> list[str]:
    """The articles a dispersion plot shows, in corpus order: those with most hits (ties:
    the earlier in the corpus), as many as fit in `max_articles` rows and `max_ticks`
    ticks (always at least the first)."""
    if hits.empty:
        return []
    in_order = list(dict.fromkeys(hits[s.ARTICLE_ID]))
    counts = hits[s.ARTICLE_ID].value_counts()
    rank = {a: i for i, a in enumerate(in_order)}
    chosen, ticks = set(), 0
    for article in sorted(in_order, key=lambda a: (-counts[a], rank[a])):
        if len(chosen) >= max_articles or (chosen and ticks + counts[article] > max_ticks):
            break
        chosen.add(article)
        ticks += int(counts[article])
    return [a for a in in_order if a in chosen]


def dispersion(hits: pd.DataFrame, offsets: pd.DataFrame, articles: list[str]) -> pd.DataFrame:
    """The dispersion table: each hit of `articles` at its place along its conversation.

    `hits` are concordance lines (the kwic table); `offsets` is `Store.speech_offsets` of
    those articles: per turn, the speech characters before it (`offset`) and the
    article's speech characters (`chars`).
    """
    picked = hits[hits[s.ARTICLE_ID].isin(articles)]
    if picked.empty:
        return pd.DataFrame(columns=s.DISPERSION.names)
    columns = [s.ARTICLE_ID, s.TURN, s.SPEAKER, s.OFFSET, s.LEFT, s.MATCH, s.RIGHT]
    placed = picked[columns].merge(
        offsets[[s.ARTICLE_ID, s.TURN, s.OFFSET, s.CHARS]].rename(columns={s.OFFSET: "_before"}),
        on=[s.ARTICLE_ID, s.TURN],
        how="inner",
        validate="many_to_one",
    )
    placed[s.OFFSET] = (placed["_before"] + placed[s.OFFSET]).astype("int64")
    placed[s.POSITION] = placed[s.OFFSET] / placed[s.CHARS].clip(lower=1)
    return placed[s.DISPERSION.names].reset_index(drop=True)
