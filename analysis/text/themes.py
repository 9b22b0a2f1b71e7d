"""Theme counts: which themes each turn touches, and tables over articles, speakers, time."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.config import Theme
from analysis.text.patterns import compile_regex, find_spans, theme_source

THEME_MAX_MATCH = 100  # characters: a theme hit is a word or phrase; bounds the scan per hit


def theme_regex(theme: Theme):
    """One linear-time (RE2) pattern for a theme's keywords and patterns, case-insensitive."""
    return compile_regex(theme_source(theme.keywords, theme.patterns))


def fold_text(turns: pd.DataFrame) -> pd.Series:
    return turns[s.TEXT].astype(object).str.normalize("NFKC").str.casefold()


def count_hits(texts: pd.Series, pattern) -> np.ndarray:
    """Hits of `pattern` in each text; a theme hit is a word or phrase, so at most THEME_MAX_MATCH characters."""
    return np.fromiter(
        (len(find_spans(text, pattern, max_match=THEME_MAX_MATCH)) for text in texts),
        dtype="int64",
        count=len(texts),
    )


def theme_hits(turns: pd.DataFrame, themes: list[Theme]) -> pd.DataFrame:
    """One row per (turn, theme) the turn touches, with the number of hits."""
    folded = fold_text(turns)
    frames = []
    for theme in themes:
        counts = count_hits(folded, theme_regex(theme))
        touched = counts > 0
        if touched.any():
            frames.append(
                pd.DataFrame(
                    {
                        s.ARTICLE_ID: turns.loc[touched, s.ARTICLE_ID].to_numpy(),
                        s.TURN: turns.loc[touched, s.TURN].to_numpy(),
                        s.THEME: theme.name,
                        s.HITS: counts[touched],
                    }
                )
            )
    if not frames:
        return pd.DataFrame(columns=s.THEME_HITS.names)
    return pd.concat(frames, ignore_index=True)


def _with_turns(hits: pd.DataFrame, turns: pd.DataFrame) -> pd.DataFrame:
    keys = [s.ARTICLE_ID, s.TURN]
    return hits.merge(turns[[*keys, s.SPEAKER, s.ROLE, s.SECTION, s.CHARS]], on=keys)


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


def speaker_theme_share(hits: pd.DataFrame, turns: pd.DataFrame) -> pd.DataFrame:
    """Each speaker's talk (characters) per theme: share of the speaker's talk, share of the theme's."""
    if hits.empty:
        return pd.DataFrame(columns=s.SPEAKER_THEME_SHARE.names)
    joined = _with_turns(hits, turns)
    talk = joined.groupby([s.SPEAKER, s.THEME], observed=True)[s.CHARS].sum().rename(s.CHARS)
    talk = talk.reset_index()
    speaker_total = turns.groupby(s.SPEAKER, observed=True)[s.CHARS].sum()
    talk[s.SHARE_OF_SPEAKER] = talk[s.CHARS] / talk[s.SPEAKER].map(speaker_total)
    talk[s.SHARE_OF_THEME] = talk[s.CHARS] / talk.groupby(s.THEME)[s.CHARS].transform("sum")
    return talk


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
