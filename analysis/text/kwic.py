"""Keyword in context: every hit of a term or pattern in the turns, with what surrounds it.

Three ways to match, as concordancers offer them: whole words (the default), any substring,
or a regular expression. A whole-word hit starts and ends on a word boundary of jieba's
segmentation of its turn, so 智能体 does not hit inside 智能体验 (智能 + 体验), while a term
jieba splits (图灵测试 = 图灵 + 测试) still hits where its edges are boundaries. Each line also
carries the two words on either side of the hit (AntConc's L2, L1, R1, R2), to sort by.
"""

from __future__ import annotations

import bisect
import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

import pandas as pd

from analysis import schema as s
from analysis.config import DEFAULT_USERDICT, load_userdict
from analysis.text.folding import nfkc
from analysis.text.patterns import compile_pattern as compile_user_pattern
from analysis.text.patterns import compile_regex, find_spans, literal_source
from analysis.text.tokens import TokenSettings
from analysis.text.tokens import dictionary_terms as tokens_dictionary

MAX_PATTERN = 200  # longer patterns are refused: nobody types them, attackers do
MAX_HITS = 5_000  # enough to read; more says "too broad", and bounds the work of a bad pattern

WORD, SUBSTRING, REGEX = "word", "substring", "regex"
MODES = (WORD, SUBSTRING, REGEX)
IN_ORDER = "order"
# AntConc's KWIC sort: by a word left or right of the hit, the next word out breaking ties.
SORTS: dict[str, tuple[str, ...]] = {
    IN_ORDER: (),
    "L1": (s.L1, s.L2),
    "L2": (s.L2, s.L1),
    "R1": (s.R1, s.R2),
    "R2": (s.R2, s.R1),
}
HAN_ONLY = re.compile(r"[\u4e00-\u9fd5]+")


def mode_of(regex: bool = False, mode: str | None = None) -> str:
    """The match mode: `mode` when given, else a regular expression or (default) whole words."""
    if mode is None:
        return REGEX if regex else WORD
    if mode not in MODES:
        raise ValueError(f"unknown match mode {mode!r} (one of {', '.join(MODES)})")
    return mode


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


def _folded(text: str) -> str:
    """Width-folded text with the same offsets (NFKC unless it changes the length)."""
    folded = nfkc(text)
    # NFKC changed lengths (rare ligatures): use the original so offsets stay true.
    return folded if len(folded) == len(text) else text


def match_spans(text: str, compiled, limit: int = MAX_HITS) -> list[tuple[int, int]]:
    """Character spans of the hits in one text (width-folded the same way as the search)."""
    return find_spans(_folded(text), compiled, limit)


# ---------------------------------------------------------------- words around a hit


@lru_cache(maxsize=4)
def _cutter(terms: tuple[str, ...]) -> Callable[[str], list[str]]:
    """jieba (rjieba when installed: the same algorithm, faster) with the domain dictionary's
    words at jieba's own suggested frequency. Not the tokens table's forced frequency, which
    keeps 智能体 whole even in 智能体验: a word boundary must be where a reader puts it, and
    at a natural frequency jieba reads 智能体验 as 智能 + 体验 and 智能体都 as 智能体 + 都."""
    han = [t for t in terms if HAN_ONLY.fullmatch(t)]  # Latin words are cut at their edges anyway
    try:
        import rjieba

        tokenizer = rjieba.Jieba()
        for term in han:
            tokenizer.add_word(term, None, None)
        return tokenizer.cut
    except ImportError:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        for term in han:
            tokenizer.add_word(term)
        return tokenizer.lcut


def dictionary_terms(path=DEFAULT_USERDICT) -> tuple[str, ...]:
    """The domain dictionary's words (config/userdict.txt by default)."""
    return tuple(load_userdict(path)) if path else ()


def dictionary_with(vocabulary) -> tuple[str, ...] | None:
    """The dictionary words under a session's vocabulary (`config.Vocabulary`): its added
    words in, its removed words out; None (the dictionary as is) for an empty one."""
    if vocabulary is None or vocabulary.is_empty():
        return None
    return tokens_dictionary(TokenSettings(vocabulary=vocabulary))


def word_spans(text: str, terms: Sequence[str] | None = None) -> list[tuple[int, int]]:
    """Start and end of every word of a text as jieba cuts it (white space left out)."""
    return _spans_of(_folded(text), tuple(dictionary_terms() if terms is None else terms))


def _spans_of(folded: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    spans, at = [], 0
    for word in _cutter(terms)(folded):
        end = at + len(word)
        if folded.startswith(word, at):
            if not word.isspace():
                spans.append((at, end))
            at = end
        else:  # a segmenter that altered text: find the word onwards rather than drift
            found = folded.find(word, at)
            if found < 0:
                continue
            spans.append((found, found + len(word)))
            at = found + len(word)
    return spans


class WordsAround:
    """The words of one text, to find the two left and right of each hit by bisection
    (punctuation skipped): a turn with thousands of hits costs little more than one."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.spans = spans
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def _word(self, index: int) -> str | None:
        a, b = self.spans[index]
        word = self.text[a:b]
        return word.casefold() if any(ch.isalnum() for ch in word) else None

    def around(self, start: int, end: int) -> tuple[str, str, str, str]:
        """L2, L1, R1, R2 of the hit at `start:end` ("" where there is none)."""
        before: list[str] = []
        index = bisect.bisect_right(self.ends, start) - 1  # the last word ending by the hit
        while index >= 0 and len(before) < 2:
            word = self._word(index)
            if word is not None:
                before.append(word)
            index -= 1
        after: list[str] = []
        index = bisect.bisect_left(self.starts, end)  # the first word starting after it
        while index < len(self.spans) and len(after) < 2:
            word = self._word(index)
            if word is not None:
                after.append(word)
            index += 1
        before += [""] * (2 - len(before))
        after += [""] * (2 - len(after))
        return before[1], before[0], after[0], after[1]


def context_words(
    text: str, spans: list[tuple[int, int]], start: int, end: int
) -> tuple[str, str, str, str]:
    """L2, L1, R1, R2: the words (not punctuation) wholly left and right of a hit, folded."""
    return WordsAround(text, spans).around(start, end)


# ---------------------------------------------------------------- the lines


def kwic_lines(
    turns: pd.DataFrame,
    pattern: str,
    regex: bool = False,
    width: int = 30,
    mode: str | None = None,
    terms: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Every hit with `width` characters of left and right context, in corpus order.

    `mode` is whole words (default), substrings or a regular expression (`regex=True` is
    the older way to ask for one); `terms` is the domain dictionary jieba cuts words with
    (None: config/userdict.txt).
    """
    mode = mode_of(regex, mode)
    compiled = compile_pattern(pattern, mode == REGEX)
    terms = tuple(dictionary_terms() if terms is None else terms)
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
        folded = _folded(flat)
        # A whole-word search may pass over hits inside words: look a little further.
        limit = MAX_HITS - len(rows)
        spans = find_spans(folded, compiled, limit if mode != WORD else MAX_HITS)
        if not spans:
            continue
        words = _spans_of(folded, terms)
        if mode == WORD:
            edges = {a for a, _ in words} | {b for _, b in words}
            spans = [(a, b) for a, b in spans if a in edges and b in edges][:limit]
        around = WordsAround(folded, words).around
        for start, end in spans:
            l2, l1, r1, r2 = around(start, end)
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
                    s.L2: l2,
                    s.L1: l1,
                    s.R1: r1,
                    s.R2: r2,
                }
            )
        if len(rows) >= MAX_HITS:
            break
    return pd.DataFrame(rows, columns=s.KWIC.names)


def sort_lines(lines: pd.DataFrame, by: str = IN_ORDER) -> pd.DataFrame:
    """The lines sorted as AntConc sorts a KWIC: by L1, L2, R1 or R2 (the next word out
    breaking ties, then corpus order), or in corpus order. Lines without that word go last."""
    if by not in SORTS:
        raise ValueError(f"unknown sort {by!r} (one of {', '.join(SORTS)})")
    keys = SORTS[by]
    if not keys or lines.empty:
        return lines
    ordered = lines.assign(
        **{f"_empty_{k}": lines[k].fillna("").eq("") for k in keys},
        _order=range(len(lines)),
    )
    columns = [c for k in keys for c in (f"_empty_{k}", k)] + ["_order"]
    ordered = ordered.sort_values(columns, kind="stable")
    return ordered[lines.columns].reset_index(drop=True)


# ---------------------------------------------------------------- reading a hit


def hit_spans(lines: pd.DataFrame, article_id: str, turn: int) -> list[tuple[int, int]]:
    """Where the concordance's hits fall in one turn's text, to highlight them there."""
    here = lines[(lines[s.ARTICLE_ID] == article_id) & (lines[s.TURN] == turn)]
    return [(o, o + len(m)) for o, m in zip(here[s.OFFSET], here[s.MATCH], strict=True)]
