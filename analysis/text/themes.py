"""Theme counts: which themes each turn touches, and tables over articles, speakers, time."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis import schema as s
from analysis.config import Theme
from analysis.text.folding import nfkc
from analysis.text.patterns import compile_regex, find_spans, theme_source

THEME_MAX_MATCH = 100  # characters: a theme hit is a word or phrase; bounds the scan per hit


def theme_regex(theme: Theme):
    """One linear-time (RE2) pattern for a theme's keywords and patterns, case-insensitive."""
    return compile_regex(theme_source(theme.keywords, theme.patterns))


def fold_text(turns: pd.DataFrame) -> pd.Series:
    """Each turn's text width- and case-folded, as Python strings: every theme searches them,
    and pandas would keep them in Arrow, to be converted again for each."""
    folded = [nfkc(text).casefold() for text in turns[s.TEXT].tolist()]
    return pd.Series(folded, index=turns.index, dtype=object)


def count_hits(texts: pd.Series, pattern, candidates: np.ndarray | None = None) -> np.ndarray:
    """Hits of `pattern` in each text; a theme hit is a word or phrase, so at most
    THEME_MAX_MATCH characters. Only the `candidates` (a mask) are searched; the rest count 0."""
    counts = np.zeros(len(texts), dtype="int64")
    where = np.arange(len(texts)) if candidates is None else np.flatnonzero(candidates)
    values = texts.to_numpy(dtype=object)
    for i in where:
        counts[i] = len(find_spans(values[i], pattern, max_match=THEME_MAX_MATCH))
    return counts


def touching(texts: pa.Array, source: str) -> np.ndarray | None:
    """Which texts contain a hit of the theme pattern `source`, tested by Arrow's RE2 over the
    whole column at once (linear time, no Python per text); None when Arrow refuses the pattern.

    Most turns touch few themes, so the per-text search (`count_hits`) then runs only where a
    hit is: at 200 synthetic articles 1.9 s -> see bench. Same RE2 syntax and case folding as
    `compile_regex`, so a text it passes over has no hit."""
    try:
        found = pc.match_substring_regex(texts, pattern=source, ignore_case=True)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return found.to_numpy(zero_copy_only=False)


def theme_hits(turns: pd.DataFrame, themes: list[Theme]) -> pd.DataFrame:
    """One row per (turn, theme) the turn touches, with the number of hits."""
    folded = fold_text(turns)
    column = pa.array(folded.tolist(), type=pa.large_string())
    frames = []
    for theme in themes:
        source = theme_source(theme.keywords, theme.patterns)
        counts = count_hits(folded, theme_regex(theme), touching(column, source))
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
