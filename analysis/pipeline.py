"""The whole analysis as one call: corpus -> tokens and theme hits -> every table.

The CLI, the benchmark and the dashboard call these; the dashboard caches the results.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis import schema as s
from analysis.config import Theme, load_themes
from analysis.ingest.reader import Corpus
from analysis.measures.collocations import cooccurrence, phrases
from analysis.measures.talk import SpeechRate, article_dynamics, speaker_stats, speaker_summary
from analysis.measures.terms import count_terms, distinctive_terms
from analysis.measures.topics import find_topics
from analysis.text.themes import (
    section_counts,
    speaker_theme_share,
    theme_counts,
    theme_flow,
    theme_hits,
    theme_trends,
)
from analysis.text.tokens import TokenSettings, segment_turns


@dataclass(frozen=True)
class Settings:
    """Everything the user can change that alters the numbers."""

    tokens: TokenSettings = field(default_factory=TokenSettings)
    speech_rate: SpeechRate = field(default_factory=SpeechRate)
    topics_k: int = 8


@dataclass
class Analysis:
    """The corpus with its segmented words and theme hits: the base every table is counted from."""

    corpus: Corpus
    tokens: pd.DataFrame
    themes: list[Theme]
    theme_hits: pd.DataFrame


def analyse(
    corpus: Corpus,
    themes: list[Theme] | None = None,
    settings: Settings | None = None,
    tokens: pd.DataFrame | None = None,
) -> Analysis:
    """Segment every turn once and find its themes. Pass `tokens` when they are cached."""
    settings = settings or Settings()
    themes = load_themes() if themes is None else themes
    if tokens is None:
        tokens = segment_turns(corpus.turns, settings.tokens)
    return Analysis(corpus, tokens, themes, theme_hits(corpus.turns, themes))


def all_tables(analysis: Analysis, settings: Settings | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the analysis layer, by its schema name (what `export` writes)."""
    settings = settings or Settings()
    corpus, tokens, hits = analysis.corpus, analysis.tokens, analysis.theme_hits
    turns = corpus.turns
    tables = {
        s.ARTICLES.name: corpus.articles,
        s.TURNS.name: turns,
        s.EDITORIAL.name: corpus.editorial,
        s.PROBLEMS.name: corpus.problems,
        s.TERMS.name: count_terms(tokens)[s.TERMS.names],
        s.DISTINCTIVE.name: distinctive_terms(tokens),
        s.PHRASES.name: phrases(tokens),
        s.COOCCURRENCE.name: cooccurrence(tokens),
        s.THEME_HITS.name: hits,
        s.THEME_COUNTS.name: theme_counts(hits, turns)[s.THEME_COUNTS.names],
        s.SPEAKER_THEME_SHARE.name: speaker_theme_share(hits, turns),
        s.THEME_FLOW.name: theme_flow(hits, turns),
        s.THEME_TRENDS.name: theme_trends(hits, turns, corpus.articles),
        s.SECTIONS.name: section_counts(turns),
        s.SPEAKER_STATS.name: speaker_stats(turns, settings.speech_rate),
        s.ARTICLE_DYNAMICS.name: article_dynamics(turns),
        s.SPEAKER_SUMMARY.name: speaker_summary(turns, settings.speech_rate),
    }
    tables.update(topic_tables(tokens, settings.topics_k))
    return tables


def topic_tables(tokens: pd.DataFrame, k: int) -> dict[str, pd.DataFrame]:
    """The NMF topic tables, empty (with their columns) when the text is too small."""
    try:
        topic_words, turn_topics = find_topics(tokens, k=k)
    except ValueError:
        topic_words = pd.DataFrame(columns=s.TOPIC_WORDS.names)
        turn_topics = pd.DataFrame(columns=s.TURN_TOPICS.names)
    return {s.TOPIC_WORDS.name: topic_words, s.TURN_TOPICS.name: turn_topics}
