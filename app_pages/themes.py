"""Themes: what the conversations are about, where in each conversation, and over time."""

import pandas as pd
import streamlit as st

from analysis import schema as s
from analysis.measures.topics import find_topics, topic_labels
from analysis.store.selection import Selection
from dashboard import data, limits, notes, tables, tabs, theme_editor, view, widgets
from dashboard.charts.look import ARTICLE_COLOURS
from dashboard.charts.reshape import busiest_people, person_rows, within_marks
from dashboard.charts.themes import flow_figure, theme_bars
from dashboard.charts.trends import theme_trends_figure
from dashboard.clicks import plotly
from dashboard.texts import t


def by_article(sel: Selection) -> None:
    st.subheader(t("theme_by_article"))
    newest, order = data.recent(sel)
    counts = data.ask("theme_counts", newest, by=(s.ARTICLE_ID,))
    counts = counts.assign(label=counts[s.ARTICLE_ID].map(vis.article))
    # A colour-blind-safe qualitative palette, in the articles' order (newest first).
    n = len(ARTICLE_COLOURS)
    colours = {vis.article(a): ARTICLE_COLOURS[i % n] for i, a in enumerate(order)}
    fig = theme_bars(counts, vis, themes, "label", colours, list(colours))
    plotly(fig, "theme_by_article")


def by_person(sel: Selection) -> None:
    st.subheader(t("theme_by_speaker"))
    # One person across articles (a named speaker summed, a role word per article), the
    # busiest MAX_PEOPLE_CHARTED only, in SQL: the answer is bounded by the chart.
    rows = data.ask(
        "theme_counts_by_person",
        sel,
        generic=tuple(sorted(vis.generic)),
        top=limits.MAX_PEOPLE_CHARTED,
    )
    people = int(rows["people"].iat[0]) if len(rows) else 0
    by_speaker, speakers, _ = busiest_people(person_rows(rows, vis), vis)
    if len(speakers) < people:
        st.caption(t("most_active_people").format(shown=len(speakers), total=people))
    fig = theme_bars(
        by_speaker, vis, themes, "_who", vis.speaker_colours, speakers, click="speaker"
    )
    plotly(fig, "theme_by_speaker")


def flow(sel: Selection) -> None:
    st.subheader(t("theme_flow"))
    newest, order = data.recent(sel)
    marks = data.ask("theme_flow", newest)
    # One mark per turn and theme: the newest conversations that fit in a bounded number.
    drawn, shown = within_marks(marks, order)
    plotly(flow_figure(drawn, vis, themes, shown), "theme_flow")
    notes.marks_note(drawn, marks, shown, order)


def trends(sel: Selection) -> None:
    st.subheader(t("theme_trends"))
    split = widgets.toggle("trend_split", t("trend_split"))
    # Decided on the selection's size, so a large corpus never fetches a row per article.
    size = data.ask("summary", sel)
    if size.first is None:
        st.info(t("no_dates"))
    elif size.articles > limits.MAX_TREND_ARTICLES:
        monthly = data.ask("theme_trends_monthly", sel)
        fig = theme_trends_figure(monthly, vis, themes, monthly=True, split=split)  # as terms'
        plotly(fig, "theme_trends")
        notes.counted("trends_by_month")
    else:
        shares = data.ask("theme_trends", sel)
        fig = theme_trends_figure(shares, vis, themes, monthly=False, split=split)
        plotly(fig, "theme_trends")
        notes.counted("counted_trends")


def sections_and_topics(sel: Selection) -> None:
    left, right = st.columns(2)
    with left:
        st.subheader(t("sections"))
        # A row per article, heading and speaker: the newest articles' only (a note says so).
        sections = data.ask("section_counts", data.bounded(sel)).drop(columns=[s.FIRST_TURN])
        tables.top_table(sections, vis, "sections.csv")
    with right:
        st.subheader(t("topics"))
        try:
            words, _ = data.measure(find_topics, data.bounded(sel), k=6)
            labels = topic_labels(words, n=8)
            tables.top_table(pd.DataFrame({s.TOPIC: list(labels.values())}), vis, "topics.csv")
        except ValueError:
            st.info(t("no_topics"))


def editor() -> None:
    st.subheader(t("theme_editor"))
    st.caption(t("theme_editor_help"))
    theme_editor.draw(corpus.themes)


def charted(section):
    """A chart tab's section, or in words why there is nothing to chart: no speech, or no
    theme hits (the editor, a tab away, is where themes that find nothing are mended)."""

    def draw() -> None:
        if data.ask("summary", sel).turns == 0:
            st.info(t("no_turns"))
        elif data.ask("theme_counts", sel, by=()).empty:
            st.info(t("no_theme_hits"))
        else:
            section(sel)

    return draw


corpus = data.current()
vis = data.visual(corpus)
sel = view.selection()
themes = [th.name for th in corpus.themes]
st.title(t("page_themes"))

# One chart per tab, only the open one drawn: the browser draws what is looked at. The
# editor (a data editor and an uploader) is the last tab, drawn only for whoever opens it.
tabs.show(
    "themes_tab",
    {
        "articles": charted(by_article),
        "people": charted(by_person),
        "flow": charted(flow),
        "trends": charted(trends),
        "sections": charted(sections_and_topics),
        "edit": editor,
    },
)
