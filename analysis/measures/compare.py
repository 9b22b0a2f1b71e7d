"""Two selections compared (keyness of A against B) and terms followed over publish dates.

A and B are `Selection`s: any mix of the global filters. B may also be "the rest of the
corpus": every turn A leaves out (`b=None`), computed as NOT A, never as the whole corpus.
The counts come from the store in one pass over the tokens (DuckDB groups them, in
`analysis.store.comparison`), so the cost follows the vocabulary, not the corpus; the scores
are `keyness.compare_counts`'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd

from analysis import schema as s
from analysis.measures.keyness import compare_counts
from analysis.store import comparison as sql
from analysis.store.comparison import BY_ARTICLE as BY_ARTICLE
from analysis.store.comparison import BY_MONTH, TREND_PERIODS
from analysis.store.selection import Selection

MIN_COUNT = 3  # terms used fewer times in A and B together are not scored (too little evidence)

# What can be wrong with a comparison, for the page to say in words.
A_EMPTY = "a_empty"
B_EMPTY = "b_empty"
SAME = "same"  # A and B are the same turns
A_IN_B = "a_in_b"  # every turn of A is also in B
B_IN_A = "b_in_a"


@dataclass(frozen=True)
class Overlap:
    """How many turns and kept words A and B hold, and how many turns they share."""

    turns_a: int
    turns_b: int
    shared: int
    words_a: int
    words_b: int

    def problem(self) -> str | None:
        """Why A and B can't be compared (an empty side, or one inside the other), or None."""
        if self.words_a == 0:
            return A_EMPTY
        if self.words_b == 0:
            return B_EMPTY
        if self.shared == self.turns_a == self.turns_b:
            return SAME
        if self.shared == self.turns_a:
            return A_IN_B
        if self.shared == self.turns_b:
            return B_IN_A
        return None


def _overlap(turns: pd.Series, words_a: int, words_b: int) -> Overlap:
    return Overlap(
        int(turns["turns_a"]), int(turns["turns_b"]), int(turns["shared"]), words_a, words_b
    )


def overlap(store, a: Selection, b: Selection | None) -> Overlap:
    """Turns of A, of B and of both, and the kept words of each (B None: the rest)."""
    words = sql.words_of_sides(store, a, b)
    return _overlap(sql.turns_of_sides(store, a, b), int(words["words_a"]), int(words["words_b"]))


def term_frequencies(store, a: Selection, b: Selection | None) -> pd.DataFrame:
    """Per term, its uses in A and in B (`term`, `count_a`, `count_b`); B None: the rest.
    A turn in both selections counts on both sides."""
    return sql.term_frequencies(store, a, b)


def compare(store, a: Selection, b: Selection | None, min_count: int = MIN_COUNT) -> pd.DataFrame:
    """The `comparison` table of A against B (B None: the rest of the corpus): G², log
    ratio, p and Bonferroni-adjusted p, log-odds z, strongest for A first."""
    counts = term_frequencies(store, a, b)
    return compare_counts(counts, min_count=min_count)


def comparison(
    store, a: Selection, b: Selection | None, min_count: int = MIN_COUNT
) -> tuple[Overlap, pd.DataFrame]:
    """`overlap` and `compare` in two queries (the words of each side are the sums of its
    term counts): what the Terms page asks when A or B changes. The table is empty when the
    comparison can't be made."""
    counts = term_frequencies(store, a, b)
    sizes = _overlap(
        sql.turns_of_sides(store, a, b), int(counts[s.COUNT_A].sum()), int(counts[s.COUNT_B].sum())
    )
    if sizes.problem() is not None:
        return sizes, pd.DataFrame(columns=s.COMPARISON.names)
    return sizes, compare_counts(counts, min_count=min_count)


def drawn_rows(scores: pd.DataFrame, rows: int, bars: int, most_used: int) -> pd.DataFrame:
    """The rows of a `compare` table that a page draws, in the table's order: its first
    `rows`, the `bars` strongest terms of each side and the `most_used` terms used most by A
    and B together. At 100,000 articles the whole table is hundreds of thousands of terms."""
    if scores.empty:  # no comparison: its empty table has no numeric columns to rank
        return scores
    strongest_b = scores[scores[s.G2] < 0].nsmallest(bars, s.G2).index
    used = (scores[s.COUNT_A] + scores[s.COUNT_B]).nlargest(most_used).index
    keep = scores.index[:rows].union(scores.index[:bars]).union(strongest_b).union(used)
    return scores.loc[keep.sort_values()]


def drawn_comparison(
    store,
    a: Selection,
    b: Selection | None,
    min_count: int = MIN_COUNT,
    rows: int = 40,
    bars: int = 15,
    most_used: int = 1000,
) -> tuple[Overlap, pd.DataFrame, int]:
    """`comparison` bounded by what the Terms page draws (`drawn_rows`), and how many terms
    were scored: an answer small enough to keep for the next run, whatever the corpus."""
    sizes, scores = comparison(store, a, b, min_count)
    return sizes, drawn_rows(scores, rows, bars, most_used), len(scores)


def term_trends(
    store,
    sel: Selection,
    terms: Sequence[str] = (),
    by: str = BY_MONTH,
    top: int = 5,
) -> pd.DataFrame:
    """The `term_trends` table: each term's uses and rate per 10,000 kept words per publish
    month or per article of the selection, zeros included (a line that drops to nothing
    shows it). Without `terms`, the selection's `top` most frequent. Undated articles are
    left out (they have no place on a date axis)."""
    if by not in TREND_PERIODS:
        raise ValueError(f"trends go by {' or '.join(TREND_PERIODS)}, not {by!r}")
    terms = list(dict.fromkeys(str(term) for term in terms if str(term).strip()))
    if not terms:
        terms = store.term_counts(sel, top=top)[s.TERM].tolist()
    if not terms:
        return pd.DataFrame(columns=s.TERM_TRENDS.names)
    return sql.term_period_counts(store, sel, terms, by)[s.TERM_TRENDS.names]


def terms_by_use(trends: pd.DataFrame) -> list[str]:
    """The terms of a `term_trends` table that are used at all, most used first (ties in the
    table's order): what a trend chart can draw."""
    used = trends.groupby(s.TERM, sort=False)[s.COUNT].sum()
    return used[used > 0].sort_values(ascending=False, kind="stable").index.tolist()


# ---------------------------------------------------------------- Comparisons (issue 22)
# Why a side holds no speech: the filter that emptied it, for the page to name.

DATES = "dates"  # both publish-date ends, one filter to a person
# Blame order: a role first (the default sides are roles, the usual trap once a person is
# picked), the person last (what a visitor most likely meant).
FILTER_FIELDS = ("roles", DATES, "themes", "sections", "articles", "speakers")


def _date_fields(field: str) -> tuple[str, ...]:
    return ("date_from", "date_to") if field == DATES else (field,)


def without(sel: Selection, field: str) -> Selection:
    """`sel` with one filter (a field of `Selection`, or `DATES`) cleared."""
    return replace(sel, **{name: None if field == DATES else () for name in _date_fields(field)})


def only(sel: Selection, field: str) -> Selection:
    """A selection of `sel`'s one filter `field` alone."""
    return Selection(**{name: getattr(sel, name) for name in _date_fields(field)})


def filters_in_use(sel: Selection) -> list[str]:
    """The filters `sel` sets, in blame order."""
    return [f for f in FILTER_FIELDS if any(getattr(sel, n) for n in _date_fields(f))]


@dataclass(frozen=True)
class Emptied:
    """Why a selection holds no kept word. `field` is the filter to clear (None: no one
    filter; they empty it together); `alone`: that filter holds no speech even by itself
    (dates no article was published in), else it excludes every turn of `rest`, the
    selection without it."""

    field: str | None
    alone: bool
    rest: Selection


def why_empty(store, sel: Selection) -> Emptied | None:
    """Why `sel` holds no speech (None: it holds some): first a filter that holds none by
    itself, else the first filter, in blame order, whose removal gives speech back. At most
    two queries per filter in use (six filters)."""
    if store.word_count(sel) > 0:
        return None
    used = filters_in_use(sel)
    for field in used:
        if store.word_count(only(sel, field)) == 0:
            return Emptied(field, True, without(sel, field))
    for field in used:
        rest = without(sel, field)
        if store.word_count(rest) > 0:
            return Emptied(field, False, rest)
    return Emptied(None, False, sel)
