"""Every table of the analysis layer from a store: what `python -m analysis export` writes."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis import schema as s
from analysis.measures.collocations import phrases
from analysis.measures.network import word_tables
from analysis.measures.talk import SpeechRate, speaker_summary
from analysis.measures.terms import distinctive_terms
from analysis.measures.topics import topic_tables
from analysis.store.selection import Selection
from analysis.store.store import EVERYTHING, Store
from analysis.text.themes import speaker_theme_share

# What `export` writes by default; `--all` adds every other table.
EXPORTED = (
    s.ARTICLES,
    s.TURNS,
    s.EDITORIAL,
    s.PROBLEMS,
    s.TERMS,
    s.THEME_COUNTS,
    s.SPEAKER_STATS,
)


@dataclass(frozen=True)
class Settings:
    """What the user can change that alters the exported numbers besides the corpus."""

    speech_rate: SpeechRate = field(default_factory=SpeechRate)
    topics_k: int = 8


def all_tables(
    store: Store, settings: Settings | None = None, sel: Selection = EVERYTHING
) -> dict[str, pd.DataFrame]:
    """Every table by its schema name, for the selection.

    Aggregates run in DuckDB (co-occurrence, the network and n-grams too); the measures
    that need every word or turn (TF-IDF, phrases, topics, speaker summaries) get the
    selection's rows from the store.
    """
    settings = settings or Settings()
    turns = store.turns(sel)
    tokens = store.tokens(sel)
    hits = store.theme_hits(sel)
    tables = {
        s.ARTICLES.name: store.articles(sel),
        s.TURNS.name: turns,
        s.EDITORIAL.name: store.editorial(sel),
        s.PROBLEMS.name: store.problems(),
        s.TERMS.name: store.term_counts(sel, by=(s.ARTICLE_ID, s.SPEAKER)),
        s.DISTINCTIVE.name: distinctive_terms(tokens),
        s.PHRASES.name: phrases(tokens),
        s.THEME_HITS.name: hits,
        s.THEME_COUNTS.name: store.theme_counts(sel),
        s.SPEAKER_THEME_SHARE.name: speaker_theme_share(hits, turns),
        s.THEME_FLOW.name: store.theme_flow(sel),
        s.THEME_TRENDS.name: store.theme_trends(sel),
        s.SECTIONS.name: store.section_counts(sel),
        s.SPEAKER_STATS.name: store.speaker_stats(sel, settings.speech_rate),
        s.ARTICLE_DYNAMICS.name: store.article_dynamics(sel),
        s.SPEAKER_SUMMARY.name: speaker_summary(turns, settings.speech_rate),
    }
    tables.update(topic_tables(tokens, settings.topics_k))
    tables.update(word_tables(store, sel))  # co-occurrence, network, n-grams (DuckDB)
    return tables
