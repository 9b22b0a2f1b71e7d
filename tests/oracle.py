"""Plain-pandas definitions of the store's aggregates, for tests only.

The dashboard and the CLI ask DuckDB (`analysis.store`); these are the same measures written
as pandas group-bys, the way the project first computed them, so the tests can check the SQL
against an independent statement of each definition on real data. Nothing in `analysis/`
imports this module.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.config import Theme, load_themes
from analysis.ingest.reader import Corpus, read_corpus
from analysis.measures.talk import QUESTION_RUN, SpeechRate, minutes_source, turn_minutes
from analysis.measures.terms import PER
from analysis.text.themes import _with_turns, theme_hits
from analysis.text.tokens import segment_turns


@dataclass
class Reference:
    """A corpus with its words and theme hits, all in pandas."""

    corpus: Corpus
    tokens: pd.DataFrame
    themes: list[Theme]
    theme_hits: pd.DataFrame


def reference_of(source, themes: list[Theme] | None = None) -> Reference:
    corpus = read_corpus(source)
    themes = load_themes() if themes is None else themes
    return Reference(corpus, segment_turns(corpus.turns), themes, theme_hits(corpus.turns, themes))


def filter_turns(
    turns: pd.DataFrame,
    *,
    articles: Collection[str] | None = None,
    speakers: Collection[str] | None = None,
    roles: Collection[str] | None = None,
    sections: Collection[str] | None = None,
    themes: Collection[str] | None = None,
    theme_hits: pd.DataFrame | None = None,
    date_range: tuple[date | None, date | None] | None = None,
    articles_table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The turns that pass every given filter; None or empty means "no filter" for that one.

    Themes need `theme_hits` (a turn passes when it touches any chosen theme); dates need
    `articles_table` for the publish dates.
    """
    mask = pd.Series(True, index=turns.index)
    for column, wanted in (
        (s.ARTICLE_ID, articles),
        (s.SPEAKER, speakers),
        (s.ROLE, roles),
        (s.SECTION, sections),
    ):
        if wanted:
            mask &= turns[column].isin(list(wanted))
    if themes and theme_hits is not None:
        touched = theme_hits[theme_hits[s.THEME].isin(list(themes))][[s.ARTICLE_ID, s.TURN]]
        keys = pd.MultiIndex.from_frame(turns[[s.ARTICLE_ID, s.TURN]])
        mask &= keys.isin(pd.MultiIndex.from_frame(touched)) if len(touched) else False
    if date_range and articles_table is not None and any(date_range):
        start, end = date_range
        published = articles_table.set_index(s.ARTICLE_ID)[s.PUBLISHED]
        when = turns[s.ARTICLE_ID].map(published).dt.date
        if start:
            mask &= when >= start
        if end:
            mask &= when <= end
        mask &= when.notna()
    return turns[mask]


def filter_by_turns(table: pd.DataFrame, turns: pd.DataFrame) -> pd.DataFrame:
    """Rows of a per-turn table (tokens, theme hits) whose turn is among `turns`.

    Each (article, turn) becomes one integer, so the test is a single `isin` over the
    table: the tokens table has a row per word, over a million on a large corpus.
    """
    if table.empty or turns.empty:
        return table.iloc[0:0]
    articles = pd.Index(pd.unique(turns[s.ARTICLE_ID].astype(str)))
    column = table[s.ARTICLE_ID]
    if isinstance(column.dtype, pd.CategoricalDtype):
        by_category = articles.get_indexer(column.cat.categories.astype(str))
        codes = column.cat.codes.to_numpy()
        article_codes = np.where(codes >= 0, by_category[codes], -1)
    else:
        article_codes = articles.get_indexer(column.astype(str))
    stride = int(max(table[s.TURN].max(), turns[s.TURN].max())) + 1
    keys = article_codes.astype(np.int64) * stride + table[s.TURN].to_numpy(dtype=np.int64)
    wanted = articles.get_indexer(turns[s.ARTICLE_ID].astype(str)).astype(np.int64) * stride
    wanted += turns[s.TURN].to_numpy(dtype=np.int64)
    return table[(article_codes >= 0) & np.isin(keys, wanted)]


def count_terms(
    tokens: pd.DataFrame, by: tuple[str, ...] = (s.ARTICLE_ID, s.SPEAKER)
) -> pd.DataFrame:
    """How often each group used each term, and the rate per 10,000 kept words of that group."""
    if tokens.empty:
        return pd.DataFrame(columns=s.TERMS.names)
    by = list(by)
    counts = tokens.groupby([*by, s.TOKEN], observed=True, sort=False).size()
    counts = counts[counts > 0].rename(s.COUNT).reset_index().rename(columns={s.TOKEN: s.TERM})
    if by:
        totals = counts.groupby(by, observed=True)[s.COUNT].transform("sum")
    else:
        totals = counts[s.COUNT].sum()
    counts[s.RATE] = counts[s.COUNT] / totals * PER
    return counts.sort_values(
        [*by, s.COUNT], ascending=[True] * len(by) + [False], ignore_index=True
    )


def top_terms(tokens: pd.DataFrame, n: int = 30) -> pd.DataFrame:
    """The n most frequent terms of a selection, with count and rate."""
    counts = tokens[s.TOKEN].value_counts()
    total = counts.sum()
    top = counts.head(n)
    return pd.DataFrame(
        {
            s.TERM: top.index.astype(str),
            s.COUNT: top.to_numpy(),
            s.RATE: top.to_numpy() / max(total, 1) * PER,
        }
    )


def theme_counts(
    hits: pd.DataFrame, turns: pd.DataFrame, by: tuple[str, ...] = (s.ARTICLE_ID, s.SPEAKER)
) -> pd.DataFrame:
    """Turns touching each theme and hits, per group (`themes.csv`: article x speaker)."""
    if hits.empty:
        return pd.DataFrame(columns=s.THEME_COUNTS.names)
    joined = _with_turns(hits, turns)
    grouped = joined.groupby([*by, s.THEME], observed=True).agg(
        **{s.TURNS_COUNT: (s.TURN, "size"), s.HITS: (s.HITS, "sum")}
    )
    return grouped.reset_index()


def theme_flow(hits: pd.DataFrame, turns: pd.DataFrame) -> pd.DataFrame:
    """Where each theme comes up in its conversation: turn order scaled to 0-1 within the article."""
    if hits.empty:
        return pd.DataFrame(columns=s.THEME_FLOW.names)
    n_turns = turns.groupby(s.ARTICLE_ID, observed=True)[s.TURN].max()
    joined = _with_turns(hits, turns)
    last = joined[s.ARTICLE_ID].map(n_turns).astype(float)
    joined[s.POSITION] = np.where(last > 1, (joined[s.TURN] - 1) / (last - 1).clip(lower=1), 0.0)
    return joined[s.THEME_FLOW.names].sort_values([s.ARTICLE_ID, s.TURN], ignore_index=True)


def theme_trends(hits: pd.DataFrame, turns: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per article (in publish order) and theme: turns touching it and their share of the article."""
    if hits.empty:
        return pd.DataFrame(columns=s.THEME_TRENDS.names)
    per_article = hits.groupby([s.ARTICLE_ID, s.THEME], observed=True).size().rename(s.TURNS_COUNT)
    per_article = per_article.reset_index()
    totals = turns.groupby(s.ARTICLE_ID, observed=True).size()
    per_article[s.SHARE] = per_article[s.TURNS_COUNT] / per_article[s.ARTICLE_ID].map(totals)
    published = articles.set_index(s.ARTICLE_ID)[s.PUBLISHED]
    per_article[s.PUBLISHED] = per_article[s.ARTICLE_ID].map(published)
    return per_article[s.THEME_TRENDS.names].sort_values([s.PUBLISHED, s.THEME], ignore_index=True)


def section_counts(turns: pd.DataFrame) -> pd.DataFrame:
    """The editor's `##` headings as topics: turns and talk per heading and speaker."""
    if turns.empty:
        return pd.DataFrame(columns=s.SECTIONS.names)
    named = turns[turns[s.SECTION] != ""]
    if named.empty:
        return pd.DataFrame(columns=s.SECTIONS.names)
    grouped = named.groupby([s.ARTICLE_ID, s.SECTION, s.SPEAKER], observed=True, sort=False).agg(
        **{
            s.TURNS_COUNT: (s.TURN, "size"),
            s.CHARS: (s.CHARS, "sum"),
            s.FIRST_TURN: (s.TURN, "min"),
        }
    )
    return grouped.reset_index().sort_values([s.ARTICLE_ID, s.FIRST_TURN], ignore_index=True)


def speaker_stats(turns: pd.DataFrame, rate: SpeechRate | None = None) -> pd.DataFrame:
    """Per article and speaker: turns, characters, shares, minutes, longest turn, questions.

    Minutes are measured from time stamps for the turns that have a duration and estimated
    from characters for the rest; `minutes_source` says which.
    """
    rate = rate or SpeechRate()
    if turns.empty:
        return pd.DataFrame(columns=s.SPEAKER_STATS.names)
    work = turns[[s.ARTICLE_ID, s.SPEAKER, s.ROLE, s.TURN, s.CHARS, s.TEXT]].copy()
    work[s.QUESTIONS] = work[s.TEXT].astype(object).str.count(QUESTION_RUN)
    work[s.MINUTES], work["_timed"] = turn_minutes(turns, rate)
    keys = [s.ARTICLE_ID, s.SPEAKER]
    longest = work.loc[work.groupby(keys, observed=True)[s.CHARS].idxmax(), [*keys, s.TURN]]
    stats = (
        work.groupby(keys, observed=True, sort=False)
        .agg(
            **{
                s.ROLE: (s.ROLE, "first"),
                s.TURNS_COUNT: (s.TURN, "size"),
                s.CHARS: (s.CHARS, "sum"),
                s.LONGEST_TURN_CHARS: (s.CHARS, "max"),
                s.MEAN_TURN_CHARS: (s.CHARS, "mean"),
                s.QUESTIONS: (s.QUESTIONS, "sum"),
                s.MINUTES: (s.MINUTES, "sum"),
                "_timed": ("_timed", "sum"),
            }
        )
        .reset_index()
    )
    stats[s.MINUTES_SOURCE] = minutes_source(stats["_timed"], stats[s.TURNS_COUNT])
    stats = stats.merge(longest.rename(columns={s.TURN: s.LONGEST_TURN}), on=keys)
    by_article = stats.groupby(s.ARTICLE_ID, observed=True)
    stats[s.SHARE] = stats[s.CHARS] / by_article[s.CHARS].transform("sum")
    stats[s.TURN_SHARE] = stats[s.TURNS_COUNT] / by_article[s.TURNS_COUNT].transform("sum")
    stats[s.EST_MINUTES] = stats[s.CHARS] / rate.chars_per_minute
    return stats[s.SPEAKER_STATS.names]


def article_dynamics(turns: pd.DataFrame) -> pd.DataFrame:
    """Per article: host-to-guest talk ratio and speaker switches per 1,000 characters."""
    if turns.empty:
        return pd.DataFrame(columns=s.ARTICLE_DYNAMICS.names)
    ordered = turns.sort_values([s.ARTICLE_ID, s.TURN])
    same_article = ordered[s.ARTICLE_ID].eq(ordered[s.ARTICLE_ID].shift())
    switched = same_article & ordered[s.SPEAKER].ne(ordered[s.SPEAKER].shift())
    grouped = ordered.assign(_switch=switched).groupby(s.ARTICLE_ID, observed=True)
    chars = grouped[s.CHARS].sum()
    by_role = (
        ordered.pivot_table(
            index=s.ARTICLE_ID, columns=s.ROLE, values=s.CHARS, aggfunc="sum", observed=True
        )
        .reindex(columns=list(s.ROLES))
        .fillna(0)
    )
    result = pd.DataFrame(
        {
            s.TURNS_COUNT: grouped.size(),
            s.CHARS: chars,
            s.HOST_GUEST_RATIO: by_role[s.HOST] / by_role[s.GUEST].replace(0, np.nan),
            s.SWITCHES_PER_1K: grouped["_switch"].sum() / chars * 1000,
        }
    ).reset_index()
    return result[s.ARTICLE_DYNAMICS.names]


# ---------------------------------------------------------------- exchanges


def exchange_links(
    rows: pd.DataFrame,
    parts: pd.DataFrame,
    tokens: pd.DataFrame,
    hits: pd.DataFrame,
    common: Collection[str],
    top: int = 5,
) -> pd.DataFrame:
    """The exchanges table from the stored exchanges (`rows`, `parts`) of whole articles,
    their tokens and theme hits, as docs/analysis.md defines its joined columns.

    Themes and top words of each part; key terms (two characters or more, not common, not
    the name of someone who asks or answers in the article or a word of it, not used in
    more than half and more than three of the article's exchanges); a follow-up shares a
    theme or key term of its question with the previous exchange (either part); a topic
    shift is an answer sharing no theme and no key term with its question.
    """
    keys = [s.ARTICLE_ID, s.EXCHANGE, s.PART]
    words = tokens.astype({s.ARTICLE_ID: object}).merge(
        parts.astype({s.ARTICLE_ID: object}), on=[s.ARTICLE_ID, s.TURN]
    )
    words["first"] = words[s.TURN].astype("int64") * 1_000_000 + words[s.POSITION]
    words = (
        words.groupby([*keys, s.TOKEN])
        .agg(uses=(s.TOKEN, "size"), first=("first", "min"))
        .reset_index()
        .sort_values([*keys, "uses", "first"], ascending=[True, True, True, False, True])
    )
    themed = hits.astype({s.ARTICLE_ID: object}).merge(
        parts.astype({s.ARTICLE_ID: object}), on=[s.ARTICLE_ID, s.TURN]
    )
    themed = (
        themed.groupby([*keys, s.THEME])[s.HITS]
        .sum()
        .reset_index()
        .sort_values([*keys, s.HITS, s.THEME], ascending=[True, True, True, False, True])
    )

    names: dict[str, set[str]] = {}
    for row in rows.itertuples(index=False):
        people = {str(row.asker).lower()} | {
            who.lower() for who in str(row.answerers).split("、") if who
        }
        people |= {word for name in people for word in name.split(" ")}
        names.setdefault(row.article_id, set()).update(people)
    sizes = rows.groupby(s.ARTICLE_ID).size()
    used_in = words.groupby([s.ARTICLE_ID, s.TOKEN])[s.EXCHANGE].nunique()
    common = {word.lower() for word in common}

    def key(article_id, token) -> bool:
        spread = used_in[(article_id, token)]
        return (
            len(token) >= 2
            and token.lower() not in common
            and token.lower() not in names.get(article_id, set())
            and not (spread > 3 and spread > sizes[article_id] * 0.5)
        )

    words = words[[key(a, t) for a, t in zip(words[s.ARTICLE_ID], words[s.TOKEN], strict=True)]]
    key_sets = words.groupby(keys)[s.TOKEN].apply(list).to_dict()
    theme_sets = themed.groupby(keys)[s.THEME].apply(list).to_dict()

    def both(table, article_id, exchange):
        return set(table.get((article_id, exchange, s.QUESTION), [])) | set(
            table.get((article_id, exchange, s.ANSWER), [])
        )

    out = rows.copy()
    out[s.QUESTION_THEMES] = [
        "、".join(theme_sets.get((a, e, s.QUESTION), []))
        for a, e in zip(out[s.ARTICLE_ID], out[s.EXCHANGE], strict=True)
    ]
    out[s.ANSWER_THEMES] = [
        "、".join(theme_sets.get((a, e, s.ANSWER), []))
        for a, e in zip(out[s.ARTICLE_ID], out[s.EXCHANGE], strict=True)
    ]
    all_words = (
        tokens.astype({s.ARTICLE_ID: object})
        .merge(parts.astype({s.ARTICLE_ID: object}), on=[s.ARTICLE_ID, s.TURN])
        .assign(first=lambda f: f[s.TURN].astype("int64") * 1_000_000 + f[s.POSITION])
        .groupby([*keys, s.TOKEN])
        .agg(uses=(s.TOKEN, "size"), first=("first", "min"))
        .reset_index()
        .sort_values([*keys, "uses", "first"], ascending=[True, True, True, False, True])
    )
    top_sets = all_words.groupby(keys)[s.TOKEN].apply(lambda v: list(v)[:top]).to_dict()
    out[s.QUESTION_TERMS] = [
        "、".join(top_sets.get((a, e, s.QUESTION), []))
        for a, e in zip(out[s.ARTICLE_ID], out[s.EXCHANGE], strict=True)
    ]
    out[s.ANSWER_TERMS] = [
        "、".join(top_sets.get((a, e, s.ANSWER), []))
        for a, e in zip(out[s.ARTICLE_ID], out[s.EXCHANGE], strict=True)
    ]
    follow_themes, follow_terms, shifts = [], [], []
    for row in out.itertuples(index=False):
        a, e = row.article_id, row.exchange
        before_themes = both(theme_sets, a, e - 1)
        before_terms = both(key_sets, a, e - 1)
        asked_themes = theme_sets.get((a, e, s.QUESTION), [])
        asked_terms = key_sets.get((a, e, s.QUESTION), [])
        follow_themes.append("、".join(t for t in asked_themes if t in before_themes))
        follow_terms.append("、".join(t for t in asked_terms if t in before_terms))
        if row.answer_turns == 0:
            shifts.append(None)
        else:
            kept = set(asked_themes) & set(theme_sets.get((a, e, s.ANSWER), [])) or set(
                asked_terms
            ) & set(key_sets.get((a, e, s.ANSWER), []))
            shifts.append(not kept)
    out[s.FOLLOW_THEMES] = follow_themes
    out[s.FOLLOW_TERMS] = follow_terms
    out[s.FOLLOW_UP] = [bool(a or b) for a, b in zip(follow_themes, follow_terms, strict=True)]
    out[s.TOPIC_SHIFT] = shifts
    return out[s.EXCHANGES.names]
