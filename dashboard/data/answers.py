"""Asking for data: `ask("theme_counts", sel, by=...)` runs a query of the store's registry
(`analysis.store.queries`) on this visitor's store, kept by the one cache policy
(`dashboard.data.caches`): per content of the tables it reads, its arguments, and for whom.

`measure` and `compute`, the two older ways to ask, are thin wrappers over `ask` (each finds
the registered query that answers its function) until the pages call `ask` themselves.
Also the bounds on what a page measures or draws (`recent`, `bounded`) and the suggested
dictionary words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis.store.queries import queries
from analysis.store.selection import Selection
from dashboard import limits
from dashboard.data.caches import answer
from dashboard.data.stores import current
from dashboard.data.vocabulary import current_vocabulary
from dashboard.texts import t


def ask(name: str, *args, **kwargs):
    """The answer of query `name` (`analysis.store.queries`) for this visitor's store, e.g.
    `ask("theme_counts", sel, by=("article_id",))`: computed once per content of the tables
    it reads and arguments, so a rerun that changes none of them only draws."""
    data = current()
    return answer(data.store, data.private, name, *args, **kwargs)


def later(name: str, *args, **kwargs) -> Callable:
    """Query `name` on this visitor's store when called, not kept: for what a click makes
    (a download of a table too large to keep between runs, e.g. every term of a comparison
    at 100,000 articles, made from the same store the page drew)."""
    store, query = current().store, queries.get(name)
    return lambda: query.function(store, *args, **kwargs)


def measure(function: Callable, sel: Selection, columns=None, **kwargs):
    """Older form of `ask` for a measure of a selection's tokens (distinctive terms,
    phrases, topics): `function`'s registered query. Keep `sel` bounded (see `bounded`)."""
    return ask(queries.implementing(function).name, sel, **kwargs)


def compute(function: Callable, *args, **kwargs):
    """Older form of `ask` for a function of the store (comparison, trends, collocates,
    n-grams, the word network): `function(store, *args, **kwargs)`'s registered query."""
    return ask(queries.implementing(function).name, *args, **kwargs)


def suggestions(sel: Selection, min_count: int) -> pd.DataFrame:
    """Suggested dictionary words in the selection's most recent articles (see
    `analysis.store.suggest`), less the words this visitor took out of the dictionary."""
    return ask(
        "suggestions",
        bounded(sel),
        min_count=int(min_count),
        top=limits.SUGGESTIONS_SHOWN,
        exclude=tuple(sorted(current_vocabulary().remove_words)),
    )


def _newest(sel: Selection, most: int, note: str) -> tuple[Selection, list[str]]:
    # The newest `most` ids only, and the count from the summary: never a list of every
    # article of the corpus (100,000 ids, copied on every run) to keep a few of them.
    # Asked as the sidebar's article picker asks it, when the limits differ: one query.
    ids = ask("recent_articles", sel, limit=max(most, limits.MAX_ARTICLE_MATCHES))[:most]
    total = len(ids) if len(ids) < most else ask("summary", sel).articles
    if total <= most:
        return sel, ids
    st.caption(t(note).format(shown=most, total=f"{total:,}"))
    return replace(sel, articles=tuple(ids)), ids


def recent(sel: Selection) -> tuple[Selection, list[str]]:
    """The selection narrowed to its most recent `limits.MAX_ARTICLES_CHARTED` articles (a note says
    so when that leaves some out), and those articles newest first: per-article charts' rows."""
    return _newest(sel, limits.MAX_ARTICLES_CHARTED, "most_recent_articles")


def bounded(sel: Selection) -> Selection:
    """The selection narrowed to its most recent `limits.MAX_ARTICLES_MEASURED` articles (said in a
    note), for measures that read every word: their cost follows this, not the corpus."""
    return _newest(sel, limits.MAX_ARTICLES_MEASURED, "measured_on_recent")[0]
