"""Overview: the corpus at a glance; every chart is a way in."""

import streamlit as st

from analysis import schema as s
from dashboard import data, limits, tables, view, widgets
from dashboard.charts.talk import speaker_bars, timeline_figure, timeline_months_figure
from dashboard.charts.themes import grid_figure
from dashboard.clicks import plotly
from dashboard.texts import t

corpus = data.current()
vis = data.visual(corpus)
sel = view.selection()
st.title(t("app_title"))

summary = data.ask("summary", sel)
# A named speaker is one person, a role word (主持人) one per article: counted in SQL.
people = data.ask("people_count", sel, generic=tuple(sorted(vis.generic)))
columns = st.columns(5)
columns[0].metric(t("metric_articles"), summary.articles)
# Two dates, not a range in one: a range doesn't fit a phone's width.
columns[1].metric(t("metric_first"), f"{summary.first:%Y-%m-%d}" if summary.first else "—")
columns[2].metric(t("metric_last"), f"{summary.last:%Y-%m-%d}" if summary.last else "—")
columns[3].metric(t("metric_speakers"), people)
columns[4].metric(t("metric_tokens"), f"{data.ask('word_count', sel):,}")

if summary.turns == 0:
    st.info(t("no_turns"))
    st.stop()

st.subheader(t("timeline"))
if summary.articles > limits.MAX_TIMELINE_ARTICLES:
    months = data.ask("article_months", sel, accounts=limits.MAX_TIMELINE_ACCOUNTS)
    timeline = timeline_months_figure(months, lang=vis.lang)
else:
    timeline = timeline_figure(data.ask("articles", sel), vis)
if timeline is None:
    st.info(t("no_dates"))
else:
    plotly(timeline, "timeline")
    if "from" in timeline.click:
        st.caption(t("timeline_by_month"))

# Newest first, at most limits.MAX_ARTICLES_CHARTED: the rows of the per-article charts.
newest, order = data.recent(sel)

# Full width, one under the other: the grid needs every column, the bars every legend entry.
st.subheader(t("who_talks"))
stats = data.ask("speaker_stats", newest)
shown = widgets.radio(
    "talk_view",
    t("talk_view"),
    list(view.TALK_VIEWS),
    horizontal=True,
    # Labels made now, in this run's language: a format function called later (AppTest,
    # another page) would read the language again.
    format_func={v: t(f"talk_view_{v}") for v in view.TALK_VIEWS}.get,
)
chart = speaker_bars(stats, vis, s.CHARS, t("unit_chars"), order, relative=shown == "share")
plotly(chart, "who_talks")
st.caption(t("click_article_hint"))

st.subheader(t("theme_heatmap"))
counts = data.ask("theme_counts", newest, by=(s.ARTICLE_ID,))
totals = data.ask("turn_totals", newest, by=(s.ARTICLE_ID,))
themes = [th.name for th in corpus.themes]
fig = grid_figure(counts, totals, themes, vis, order)
plotly(fig, "article_theme")
st.caption(t("click_cell_hint"))

st.subheader(t("articles_table"))
articles = data.ask("articles", sel)
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
tables.top_table(articles[columns], vis, "articles.csv")
