"""Overview: the corpus at a glance; every chart is a way in."""

import streamlit as st

from analysis import schema as s
from analysis.store.selection import Selection
from dashboard import data, limits, tables, tabs, view, widgets
from dashboard.charts.talk import speaker_bars, timeline_figure, timeline_months_figure
from dashboard.charts.themes import grid_figure
from dashboard.clicks import plotly
from dashboard.texts import t


def timeline(sel: Selection, summary) -> None:
    st.subheader(t("timeline"))
    if summary.articles > limits.MAX_TIMELINE_ARTICLES:
        months = data.ask("article_months", sel, accounts=limits.MAX_TIMELINE_ACCOUNTS)
        figure = timeline_months_figure(months, lang=vis.lang)
    else:
        figure = timeline_figure(data.ask("articles", sel), vis)
    if figure is None:
        st.info(t("no_dates"))
    else:
        plotly(figure, "timeline")
        if "from" in figure.click:
            st.caption(t("timeline_by_month"))


def who_talks(sel: Selection) -> None:
    st.subheader(t("who_talks"))
    # Newest first, at most limits.MAX_ARTICLES_CHARTED: the chart's rows.
    newest, order = data.recent(sel)
    stats = data.ask("speaker_stats", newest)
    shown = widgets.talk_view()
    chart = speaker_bars(stats, vis, s.CHARS, t("unit_chars"), order, relative=shown == "share")
    plotly(chart, "who_talks")
    st.caption(t("click_article_hint"))


def theme_grid(sel: Selection) -> None:
    st.subheader(t("theme_heatmap"))
    newest, order = data.recent(sel)
    counts = data.ask("theme_counts", newest, by=(s.ARTICLE_ID,))
    totals = data.ask("turn_totals", newest, by=(s.ARTICLE_ID,))
    themes = [th.name for th in corpus.themes]
    plotly(grid_figure(counts, totals, themes, vis, order), "article_theme")
    st.caption(t("click_cell_hint"))


def article_table(sel: Selection) -> None:
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

# One chart per tab, only the open one drawn: the browser draws what is looked at. Who talks
# first: a bar per article, the overview's way in.
tabs.show(
    "overview_tab",
    {
        "talk": lambda: who_talks(sel),
        "timeline": lambda: timeline(sel, summary),
        "themes": lambda: theme_grid(sel),
        "articles": lambda: article_table(sel),
    },
)
