"""Overview: the corpus at a glance; every chart is a way in."""

import streamlit as st

import ui_data
import ui_state
import ui_visual as uv
from analysis import schema as s
from ui_clicks import plotly
from ui_text import t

MAX_TIMELINE_ARTICLES = 200  # above this the timeline shows accounts per month

data = ui_data.current()
vis = uv.visual(data)
sel = ui_state.selection()
st.title(t("app_title"))

summary = ui_data.ask("summary", sel)
people = ui_data.ask("turn_totals", sel, by=(s.ARTICLE_ID, s.SPEAKER))
columns = st.columns(5)
columns[0].metric(t("metric_articles"), summary.articles)
# Two dates, not a range in one: a range doesn't fit a phone's width.
columns[1].metric(t("metric_first"), f"{summary.first:%Y-%m-%d}" if summary.first else "—")
columns[2].metric(t("metric_last"), f"{summary.last:%Y-%m-%d}" if summary.last else "—")
columns[3].metric(t("metric_speakers"), vis.identity(people).nunique())
columns[4].metric(t("metric_tokens"), f"{ui_data.ask('word_count', sel):,}")

if summary.turns == 0:
    st.info(t("no_turns"))
    st.stop()

st.subheader(t("timeline"))
if summary.articles > MAX_TIMELINE_ARTICLES:
    fig = uv.timeline_months_figure(ui_data.ask("article_months", sel))
    fields = {"from": 0, "to": 1}
else:
    fig = uv.timeline_figure(ui_data.ask("articles", sel), vis)
    fields = {"article": 0}
if fig is None:
    st.info(t("no_dates"))
else:
    plotly(fig, "timeline", fields)
    if "from" in fields:
        st.caption(t("timeline_by_month"))

# Newest first, at most MAX_ARTICLES_CHARTED: the rows of the per-article charts.
recent, order = ui_data.recent(sel)

# Full width, one under the other: the grid needs every column, the bars every legend entry.
st.subheader(t("who_talks"))
stats = ui_data.ask("speaker_stats", recent)
plotly(uv.speaker_bars(stats, vis, s.CHARS, t("unit_chars"), order), "who_talks", {"article": 0})
st.caption(t("click_article_hint"))

st.subheader(t("theme_heatmap"))
counts = ui_data.ask("theme_counts", recent, by=(s.ARTICLE_ID,))
totals = ui_data.ask("turn_totals", recent, by=(s.ARTICLE_ID,))
themes = [th.name for th in data.themes]
fig = uv.grid_figure(counts, totals, themes, vis, order)
plotly(fig, "article_theme", {"article": 0, "theme": 1})
st.caption(t("click_cell_hint"))

st.subheader(t("articles_table"))
articles = ui_data.ask("articles", sel)
columns = [
    s.TITLE,
    s.ACCOUNT,
    s.PUBLISHED,
    s.PLACE,
    s.N_TURNS,
    s.N_SPEAKERS,
    s.SPEECH_CHARS,
    s.URL,
]
uv.top_table(articles[columns], vis, "articles.csv")
