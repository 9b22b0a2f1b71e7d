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
