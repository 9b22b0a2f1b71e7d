"""Every table of the analysis layer from a store: what `python -m analysis export` writes.

A table a store query answers in one SELECT (the base tables and their aggregates) is written
by DuckDB's COPY straight from the store's Parquet files (`csv_safe.copy_csv`), so its rows
never come to Python; the measures that need every word or turn (TF-IDF, phrases, topics,
speaker summaries, the words page's tables) are computed from the selection's rows, only when
asked for, and written by the same COPY from pandas.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import schema as s
from analysis.csv_safe import copy_csv, copy_frame_csv
from analysis.ingest.reader import file_statuses
from analysis.measures.collocations import phrases
from analysis.measures.network import word_tables
from analysis.measures.talk import SpeechRate, speaker_summary
from analysis.measures.terms import distinctive_terms
from analysis.store.exchanges import exchanges
from analysis.store.selection import Selection
from analysis.store.store import EVERYTHING, Store
from analysis.text.themes import speaker_theme_share

# What `export` writes by default; `--all` adds every other table.
EXPORTED = (
    s.ARTICLES,
    s.TURNS,
    s.EDITORIAL,
    s.PROBLEMS,
    s.FILES,
    s.TERMS,
    s.THEME_COUNTS,
    s.SPEAKER_STATS,
    s.EXCHANGES,
)


@dataclass(frozen=True)
class Settings:
    """What the user can change that alters the exported numbers besides the corpus."""

    speech_rate: SpeechRate = field(default_factory=SpeechRate)
    topics_k: int = 8


Query = Callable[[Store, Selection, Settings], pd.DataFrame]
# Tables one store query answers, by schema name. Each is called with the store, or with a
# `_Statement` standing in for it to catch the SELECT the query runs.
STORE_QUERIES: dict[str, Query] = {
    s.ARTICLES.name: lambda store, sel, _: Store.articles(store, sel),
    s.TURNS.name: lambda store, sel, _: Store.turns(store, sel),
    s.EDITORIAL.name: lambda store, sel, _: Store.editorial(store, sel),
    s.PROBLEMS.name: lambda store, sel, _: Store.problems(store),
    s.TERMS.name: lambda store, sel, _: Store.term_counts(store, sel, by=(s.ARTICLE_ID, s.SPEAKER)),
    s.THEME_HITS.name: lambda store, sel, _: Store.theme_hits(store, sel),
    s.THEME_COUNTS.name: lambda store, sel, _: Store.theme_counts(store, sel),
    s.THEME_FLOW.name: lambda store, sel, _: Store.theme_flow(store, sel),
    s.THEME_TRENDS.name: lambda store, sel, _: Store.theme_trends(store, sel),
    s.SECTIONS.name: lambda store, sel, _: Store.section_counts(store, sel),
    s.SPEAKER_STATS.name: lambda store, sel, settings: Store.speaker_stats(
        store, sel, settings.speech_rate
    ),
    s.ARTICLE_DYNAMICS.name: lambda store, sel, _: Store.article_dynamics(store, sel),
    s.EXCHANGES.name: lambda store, sel, _: exchanges(store, sel),
}


class _Rows:
    """The selection's turns, tokens and theme hits, fetched once, when a measure needs them."""

    def __init__(self, store: Store, sel: Selection) -> None:
        self.store, self.sel = store, sel
        self._fetched: dict[str, pd.DataFrame] = {}

    def _get(self, name: str, fetch: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        if name not in self._fetched:
            self._fetched[name] = fetch()
        return self._fetched[name]

    @property
    def turns(self) -> pd.DataFrame:
        return self._get("turns", lambda: self.store.turns(self.sel))

    @property
    def tokens(self) -> pd.DataFrame:
        return self._get("tokens", lambda: self.store.tokens(self.sel))

    @property
    def hits(self) -> pd.DataFrame:
        return self._get("hits", lambda: self.store.theme_hits(self.sel))


def _topic_tables(tokens: pd.DataFrame, k: int) -> dict[str, pd.DataFrame]:
    # Imported when asked for: scikit-learn alone took 1-2 s of every export's start.
    from analysis.measures.topics import topic_tables

    return topic_tables(tokens, k)


Measure = Callable[[_Rows, Settings], dict[str, pd.DataFrame]]
# Tables measured in pandas from the selection's rows; a measure may give several tables.
MEASURES: dict[tuple[str, ...], Measure] = {
    # every file of the corpus, read or not, whatever the selection
    (s.FILES.name,): lambda rows, _: {
        s.FILES.name: file_statuses(rows.store.articles(), rows.store.problems())
    },
    (s.DISTINCTIVE.name,): lambda rows, _: {s.DISTINCTIVE.name: distinctive_terms(rows.tokens)},
    (s.PHRASES.name,): lambda rows, _: {s.PHRASES.name: phrases(rows.tokens)},
    (s.SPEAKER_THEME_SHARE.name,): lambda rows, _: {
        s.SPEAKER_THEME_SHARE.name: speaker_theme_share(rows.hits, rows.turns)
    },
    (s.SPEAKER_SUMMARY.name,): lambda rows, settings: {
        s.SPEAKER_SUMMARY.name: speaker_summary(rows.turns, settings.speech_rate)
    },
    (s.TOPIC_WORDS.name, s.TURN_TOPICS.name): lambda rows, settings: _topic_tables(
        rows.tokens, settings.topics_k
    ),
    # co-occurrence, network, n-grams: DuckDB aggregates of their own
    (s.COOCCURRENCE.name, s.NETWORK.name, s.NGRAMS.name): lambda rows, _: word_tables(
        rows.store, rows.sel
    ),
}
# Every table export can write, in the order `all_tables` gives them.
TABLE_NAMES = (
    *STORE_QUERIES,
    *(name for names in MEASURES for name in names),
)


def all_tables(
    store: Store, settings: Settings | None = None, sel: Selection = EVERYTHING
) -> dict[str, pd.DataFrame]:
    """Every table by its schema name, for the selection, as pandas tables."""
    return tables(store, TABLE_NAMES, settings, sel)


def tables(
    store: Store,
    names: Iterable[str],
    settings: Settings | None = None,
    sel: Selection = EVERYTHING,
) -> dict[str, pd.DataFrame]:
    """The tables named (schema names), for the selection: only those are computed."""
    settings = settings or Settings()
    wanted, rows, out = list(names), _Rows(store, sel), {}
    for name in wanted:
        if name in STORE_QUERIES:
            out[name] = STORE_QUERIES[name](store, sel, settings)
    for names_measured, measure in MEASURES.items():
        if any(name in wanted for name in names_measured):
            out.update(measure(rows, settings))
    return {name: out[name] for name in wanted}


class _Statement:
    """Stands in for a store inside one of its query methods: the method's other calls go to
    the store, and the SELECT it answers with (its last `query`) is kept instead of run."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.caught: tuple[str, list] | None = None

    def __getattr__(self, name: str):
        return getattr(self._store, name)

    def query(self, sql: str, params=()) -> pd.DataFrame:
        self.caught = (sql, list(params))
        return pd.DataFrame()


def statement_of(store: Store, name: str, sel: Selection, settings: Settings) -> tuple[str, list]:
    """The SELECT and parameters with which the store answers table `name`."""
    stand_in = _Statement(store)
    STORE_QUERIES[name](stand_in, sel, settings)  # type: ignore[arg-type]
    if stand_in.caught is None:
        raise RuntimeError(f"the store's query for {name} ran no SELECT")
    return stand_in.caught


def write_tables(
    store: Store,
    out: Path,
    names: Iterable[str] = tuple(t.name for t in EXPORTED),
    settings: Settings | None = None,
    sel: Selection = EVERYTHING,
) -> list[Path]:
    """Write the tables named as `out/NAME.csv` (UTF-8 with BOM, formula-like cells
    neutralised, as `csv_safe.write_csv`), DuckDB writing each; return the paths."""
    settings, out = settings or Settings(), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    wanted = list(names)
    paths = {}
    for name in wanted:
        if name in STORE_QUERIES:
            sql, params = statement_of(store, name, sel, settings)
            with store._cursor() as cursor:
                paths[name] = copy_csv(cursor, sql, params, out / f"{name}.csv")
    measured = [name for name in wanted if name not in STORE_QUERIES]
    for name, frame in tables(store, measured, settings, sel).items():
        paths[name] = copy_frame_csv(frame, out / f"{name}.csv")
    return [paths[name] for name in wanted]
