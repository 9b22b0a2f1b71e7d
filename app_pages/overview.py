"""Overview: the corpus at a glance; every chart is a way in."""

import streamlit as st

import app_state
import ui_visual as uv
from analysis import schema as s
from analysis.speakers import speaker_stats
from analysis.themes import theme_counts
from ui_text import t

analysis = app_state.data()
corpus = analysis.corpus
chosen = app_state.selection(analysis)
vis = uv.visual(analysis)
st.title(t("app_title"))

articles = corpus.articles
shown = articles[articles[s.ARTICLE_ID].isin(chosen.turns[s.ARTICLE_ID].unique())]
dates = shown[s.PUBLISHED].dropna()
columns = st.columns(5)
columns[0].metric(t("metric_articles"), len(shown))
# Two dates, not a range in one: a range doesn't fit a phone's width.
columns[1].metric(t("metric_first"), f"{dates.min():%Y-%m-%d}" if len(dates) else "—")
columns[2].metric(t("metric_last"), f"{dates.max():%Y-%m-%d}" if len(dates) else "—")
columns[3].metric(t("metric_speakers"), vis.identity(chosen.turns).nunique())
columns[4].metric(t("metric_tokens"), f"{len(chosen.tokens):,}")

if chosen.turns.empty:
    st.info(t("no_turns"))
    st.stop()

st.subheader(t("timeline"))
fig = uv.timeline_figure(shown, vis)
if fig is None:
    st.info(t("no_dates"))
else:
    app_state.plotly(fig, "timeline", {"article": 0})

# Newest first, at most MAX_ARTICLES_CHARTED: the rows of the per-article charts.
recent = app_state.recent_articles(shown, articles)
order = list(recent.sort_values([s.PUBLISHED, s.ARTICLE_ID], ascending=False)[s.ARTICLE_ID])

# Full width, one under the other: the grid needs every column, the bars every legend entry.
st.subheader(t("who_talks"))
stats = speaker_stats(chosen.turns)
stats = stats[stats[s.ARTICLE_ID].isin(order)]
fig = uv.speaker_bars(stats, vis, s.CHARS, t("unit_chars"), order)
app_state.plotly(fig, "who_talks", {"article": 0})
st.caption(t("click_article_hint"))

st.subheader(t("theme_heatmap"))
counts = theme_counts(chosen.theme_hits, chosen.turns, by=(s.ARTICLE_ID,))
themes = [th.name for th in analysis.themes]
fig = uv.grid_figure(counts, chosen.turns, themes, vis, order)
app_state.plotly(fig, "article_theme", {"article": 0, "theme": 1})
st.caption(t("click_cell_hint"))

st.subheader(t("articles_table"))
uv.table(
    shown[
        [
            s.TITLE,
            s.ACCOUNT,
            s.PUBLISHED,
            s.PLACE,
            s.N_TURNS,
            s.N_SPEAKERS,
            s.SPEECH_CHARS,
            s.URL,
        ]
    ],
    vis,
)
