"""Plain-pandas definitions of the store's aggregates, for tests only.

The dashboard and the CLI ask DuckDB (`analysis.store`); these are the same measures written
as pandas group-bys, the way the project first computed them, so the tests can check the SQL
against an independent statement of each definition on real data. Nothing in `analysis/`
imports this module.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.config import Theme, load_themes
from analysis.ingest.reader import Corpus, read_corpus
from analysis.measures.talk import QUESTION_RUN, SpeechRate, minutes_source, turn_minutes
from analysis.measures.terms import PER
from analysis.text.themes import _with_turns, theme_hits
from analysis.text.tokens import segment_turns


@dataclass
class Reference:
    """A corpus with its words and theme hits, all in pandas."""

    corpus: Corpus
    tokens: pd.DataFrame
    themes: list[Theme]
    theme_hits: pd.DataFrame


def reference_of(source, themes: list[Theme] | None = None) -> Reference:
    corpus = read_corpus(source)
    themes = load_themes() if themes is None else themes
    return Reference(corpus, segment_turns(corpus.turns), themes, theme_hits(corpus.turns, themes))


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


def count_terms(
    tokens: pd.DataFrame, by: tuple[str, ...] = (s.ARTICLE_ID, s.SPEAKER)
) -> pd.DataFrame:
    """How often each group used each term, and the rate per 10,000 kept words of that group."""
    if tokens.empty:
        return pd.DataFrame(columns=s.TERMS.names)
    by = list(by)
    counts = tokens.groupby([*by, s.TOKEN], observed=True, sort=False).size()
    counts = counts[counts > 0].rename(s.COUNT).reset_index().rename(columns={s.TOKEN: s.TERM})
    if by:
        totals = counts.groupby(by, observed=True)[s.COUNT].transform("sum")
    else:
        totals = counts[s.COUNT].sum()
    counts[s.RATE] = counts[s.COUNT] / totals * PER
    return counts.sort_values(
        [*by, s.COUNT], ascending=[True] * len(by) + [False], ignore_index=True
    )


def top_terms(tokens: pd.DataFrame, n: int = 30) -> pd.DataFrame:
    """The n most frequent terms of a selection, with count and rate."""
    counts = tokens[s.TOKEN].value_counts()
    total = counts.sum()
    top = counts.head(n)
    return pd.DataFrame(
        {
            s.TERM: top.index.astype(str),
            s.COUNT: top.to_numpy(),
            s.RATE: top.to_numpy() / max(total, 1) * PER,
        }
    )


def theme_counts(
    hits: pd.DataFrame, turns: pd.DataFrame, by: tuple[str, ...] = (s.ARTICLE_ID, s.SPEAKER)
) -> pd.DataFrame:
    """Turns touching each theme and hits, per group (`themes.csv`: article x speaker)."""
    if hits.empty:
        return pd.DataFrame(columns=s.THEME_COUNTS.names)
    joined = _with_turns(hits, turns)
    grouped = joined.groupby([*by, s.THEME], observed=True).agg(
        **{s.TURNS_COUNT: (s.TURN, "size"), s.HITS: (s.HITS, "sum")}
    )
    return grouped.reset_index()


def theme_flow(hits: pd.DataFrame, turns: pd.DataFrame) -> pd.DataFrame:
    """Where each theme comes up in its conversation: turn order scaled to 0-1 within the article."""
    if hits.empty:
        return pd.DataFrame(columns=s.THEME_FLOW.names)
    n_turns = turns.groupby(s.ARTICLE_ID, observed=True)[s.TURN].max()
    joined = _with_turns(hits, turns)
    last = joined[s.ARTICLE_ID].map(n_turns).astype(float)
    joined[s.POSITION] = np.where(last > 1, (joined[s.TURN] - 1) / (last - 1).clip(lower=1), 0.0)
    return joined[s.THEME_FLOW.names].sort_values([s.ARTICLE_ID, s.TURN], ignore_index=True)


def theme_trends(hits: pd.DataFrame, turns: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per article (in publish order) and theme: turns touching it and their share of the article."""
    if hits.empty:
        return pd.DataFrame(columns=s.THEME_TRENDS.names)
    per_article = hits.groupby([s.ARTICLE_ID, s.THEME], observed=True).size().rename(s.TURNS_COUNT)
    per_article = per_article.reset_index()
    totals = turns.groupby(s.ARTICLE_ID, observed=True).size()
    per_article[s.SHARE] = per_article[s.TURNS_COUNT] / per_article[s.ARTICLE_ID].map(totals)
    published = articles.set_index(s.ARTICLE_ID)[s.PUBLISHED]
    per_article[s.PUBLISHED] = per_article[s.ARTICLE_ID].map(published)
    return per_article[s.THEME_TRENDS.names].sort_values([s.PUBLISHED, s.THEME], ignore_index=True)


def section_counts(turns: pd.DataFrame) -> pd.DataFrame:
    """The editor's `##` headings as topics: turns and talk per heading and speaker."""
    if turns.empty:
        return pd.DataFrame(columns=s.SECTIONS.names)
    named = turns[turns[s.SECTION] != ""]
    if named.empty:
        return pd.DataFrame(columns=s.SECTIONS.names)
    grouped = named.groupby([s.ARTICLE_ID, s.SECTION, s.SPEAKER], observed=True, sort=False).agg(
        **{
            s.TURNS_COUNT: (s.TURN, "size"),
            s.CHARS: (s.CHARS, "sum"),
            s.FIRST_TURN: (s.TURN, "min"),
        }
    )
    return grouped.reset_index().sort_values([s.ARTICLE_ID, s.FIRST_TURN], ignore_index=True)


def speaker_stats(turns: pd.DataFrame, rate: SpeechRate | None = None) -> pd.DataFrame:
    """Per article and speaker: turns, characters, shares, minutes, longest turn, questions.

    Minutes are measured from time stamps for the turns that have a duration and estimated
    from characters for the rest; `minutes_source` says which.
    """
    rate = rate or SpeechRate()
    if turns.empty:
        return pd.DataFrame(columns=s.SPEAKER_STATS.names)
    work = turns[[s.ARTICLE_ID, s.SPEAKER, s.ROLE, s.TURN, s.CHARS, s.TEXT]].copy()
    work[s.QUESTIONS] = work[s.TEXT].astype(object).str.count(QUESTION_RUN)
    work[s.MINUTES], work["_timed"] = turn_minutes(turns, rate)
    keys = [s.ARTICLE_ID, s.SPEAKER]
    longest = work.loc[work.groupby(keys, observed=True)[s.CHARS].idxmax(), [*keys, s.TURN]]
    stats = (
        work.groupby(keys, observed=True, sort=False)
        .agg(
            **{
                s.ROLE: (s.ROLE, "first"),
                s.TURNS_COUNT: (s.TURN, "size"),
                s.CHARS: (s.CHARS, "sum"),
                s.LONGEST_TURN_CHARS: (s.CHARS, "max"),
                s.MEAN_TURN_CHARS: (s.CHARS, "mean"),
                s.QUESTIONS: (s.QUESTIONS, "sum"),
                s.MINUTES: (s.MINUTES, "sum"),
                "_timed": ("_timed", "sum"),
            }
        )
        .reset_index()
    )
    stats[s.MINUTES_SOURCE] = minutes_source(stats["_timed"], stats[s.TURNS_COUNT])
    stats = stats.merge(longest.rename(columns={s.TURN: s.LONGEST_TURN}), on=keys)
    by_article = stats.groupby(s.ARTICLE_ID, observed=True)
    stats[s.SHARE] = stats[s.CHARS] / by_article[s.CHARS].transform("sum")
    stats[s.TURN_SHARE] = stats[s.TURNS_COUNT] / by_article[s.TURNS_COUNT].transform("sum")
    stats[s.EST_MINUTES] = stats[s.CHARS] / rate.chars_per_minute
    return stats[s.SPEAKER_STATS.names]


def article_dynamics(turns: pd.DataFrame) -> pd.DataFrame:
    """Per article: host-to-guest talk ratio and speaker switches per 1,000 characters."""
    if turns.empty:
        return pd.DataFrame(columns=s.ARTICLE_DYNAMICS.names)
    ordered = turns.sort_values([s.ARTICLE_ID, s.TURN])
    same_article = ordered[s.ARTICLE_ID].eq(ordered[s.ARTICLE_ID].shift())
    switched = same_article & ordered[s.SPEAKER].ne(ordered[s.SPEAKER].shift())
    grouped = ordered.assign(_switch=switched).groupby(s.ARTICLE_ID, observed=True)
    chars = grouped[s.CHARS].sum()
    by_role = (
        ordered.pivot_table(
            index=s.ARTICLE_ID, columns=s.ROLE, values=s.CHARS, aggfunc="sum", observed=True
        )
        .reindex(columns=list(s.ROLES))
        .fillna(0)
    )
    result = pd.DataFrame(
        {
            s.TURNS_COUNT: grouped.size(),
            s.CHARS: chars,
            s.HOST_GUEST_RATIO: by_role[s.HOST] / by_role[s.GUEST].replace(0, np.nan),
            s.SWITCHES_PER_1K: grouped["_switch"].sum() / chars * 1000,
        }
    ).reset_index()
    return result[s.ARTICLE_DYNAMICS.names]
