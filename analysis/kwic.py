"""Keyword in context: every hit of a term or pattern in the turns, with what surrounds it."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from analysis import schema as s

MAX_PATTERN = 200  # longer patterns are refused: nobody types them, attackers do
MAX_HITS = 5_000  # enough to read; more says "too broad", and bounds the work of a bad pattern


def compile_pattern(pattern: str, regex: bool = False) -> re.Pattern:
    """A case- and width-insensitive pattern; a bad regular expression raises ValueError in words."""
    pattern = unicodedata.normalize("NFKC", pattern or "").strip()
    if not pattern:
        raise ValueError("the search is empty")
    if len(pattern) > MAX_PATTERN:
        raise ValueError(f"the search is longer than {MAX_PATTERN} characters")
    if not regex:
        # Spaces in a phrase match any run of white space (wrapped lines were joined).
        return re.compile(r"\s*".join(re.escape(part) for part in pattern.split()), re.IGNORECASE)
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise ValueError(
            f"not a valid regular expression ({error.msg} at position {error.pos})"
        ) from error
    if compiled.match(""):
        raise ValueError(
            "this pattern also matches empty text; make it match at least one character"
        )
    return compiled


def match_spans(text: str, compiled: re.Pattern, limit: int = MAX_HITS) -> list[tuple[int, int]]:
    """Character spans of the hits in one text (width-folded the same way as the search)."""
    folded = unicodedata.normalize("NFKC", text)
    if len(folded) != len(text):
        # NFKC changed lengths (rare ligatures): search the original so offsets stay true.
        folded = text
    spans = []
    for match in compiled.finditer(folded):
        spans.append(match.span())
        if len(spans) >= limit:
            break
    return spans


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
