"""Keyword in context: every hit of a term or pattern in the turns, with what surrounds it."""

from __future__ import annotations

import unicodedata

import pandas as pd

from analysis import schema as s
from analysis.text.patterns import compile_pattern as compile_user_pattern
from analysis.text.patterns import compile_regex, find_spans, literal_source

MAX_PATTERN = 200  # longer patterns are refused: nobody types them, attackers do
MAX_HITS = 5_000  # enough to read; more says "too broad", and bounds the work of a bad pattern


def compile_pattern(pattern: str, regex: bool = False):
    """A case- and width-insensitive pattern on RE2 (linear time); a bad one raises ValueError in words."""
    pattern = unicodedata.normalize("NFKC", pattern or "").strip()
    if not pattern:
        raise ValueError("the search is empty")
    if len(pattern) > MAX_PATTERN:
        raise ValueError(f"the search is longer than {MAX_PATTERN} characters")
    if not regex:
        # Spaces in a phrase match any run of white space (wrapped lines were joined).
        return compile_regex(literal_source(pattern))
    return compile_user_pattern(pattern)  # PatternError is a ValueError with words


def match_spans(text: str, compiled, limit: int = MAX_HITS) -> list[tuple[int, int]]:
    """Character spans of the hits in one text (width-folded the same way as the search)."""
    folded = unicodedata.normalize("NFKC", text)
    if len(folded) != len(text):
        # NFKC changed lengths (rare ligatures): search the original so offsets stay true.
        folded = text
    return find_spans(folded, compiled, limit)


def kwic_lines(
    turns: pd.DataFrame, pattern: str, regex: bool = False, width: int = 30
) -> pd.DataFrame:
    """Every hit with `width` characters of left and right context, in corpus order."""
    compiled = compile_pattern(pattern, regex)
    rows = []
    for article_id, turn, speaker, section, text in zip(
        turns[s.ARTICLE_ID],
        turns[s.TURN],
        turns[s.SPEAKER],
        turns[s.SECTION],
        turns[s.TEXT],
        strict=True,
    ):
        flat = text.replace("\n", " ")
        for start, end in match_spans(flat, compiled, MAX_HITS - len(rows)):
            rows.append(
                {
                    s.ARTICLE_ID: article_id,
                    s.TURN: turn,
                    s.SPEAKER: speaker,
                    s.SECTION: section,
                    s.LEFT: flat[max(0, start - width) : start],
                    s.MATCH: flat[start:end],
                    s.RIGHT: flat[end : end + width],
                    s.OFFSET: start,
                }
            )
        if len(rows) >= MAX_HITS:
            break
    return pd.DataFrame(rows, columns=s.KWIC.names)
