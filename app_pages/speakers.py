"""Speakers: who talks how much, how the conversation alternates, the longest monologues."""

import streamlit as st

from analysis import schema as s
from analysis.store.selection import Selection
from dashboard import data, limits, notes, tables, tabs, view, widgets
from dashboard.charts.reshape import talk_ratios, within_marks
from dashboard.charts.talk import speaker_bars, strip_figure
from dashboard.clicks import plotly
from dashboard.texts import t


def measure_choice() -> tuple[str, str]:
    """The measure of talk (a view setting) and its column."""
    measure = widgets.radio(
        "measure",
        t("measure"),
        list(view.MEASURES),
        horizontal=True,
        format_func=lambda m: t(f"measure_{m}"),
    )
    # Minutes are measured from time stamps where an article has them, estimated elsewhere.
    return measure, {"chars": s.CHARS, "turns": s.TURNS_COUNT, "minutes": s.MINUTES}[measure]


def shares(sel: Selection) -> None:
    measure, column = measure_choice()
    shown = widgets.talk_view()
    newest, order = data.recent(sel)
    newest_stats = data.ask("speaker_stats", newest)
    st.subheader(t("shares_per_article"))
    fig = speaker_bars(
        newest_stats,
        vis,
        column,
        t(f"measure_{measure}"),
        order,
        click="speaker",
        relative=shown == "share",
    )
    plotly(fig, "speaker_shares")
    st.caption(t("click_speaker_hint"))
    notes.counted("counted_share")
    if measure == "minutes":
        notes.minutes_note(data.ask("timed_articles", sel), vis)


def strip(sel: Selection) -> None:
    st.subheader(t("conversation_strip"))
    newest, order = data.recent(sel)
    turns = data.ask(
        "turns", newest, columns=(s.ARTICLE_ID, s.TURN, s.SECTION, s.SPEAKER, s.ROLE, s.CHARS)
    )
    # One segment per turn: the newest conversations that fit in a bounded number of segments.
    drawn, shown = within_marks(turns, order)
    plotly(strip_figure(drawn, vis, shown), "conversation_strip")
    notes.marks_note(drawn, turns, shown, order)
    notes.counted("counted_strip")


def ratios_and_interactivity(sel: Selection) -> None:
    # A table of its own tab: a table costs the browser about what a small chart does.
    _, column = measure_choice()
    newest, order = data.recent(sel)
    st.subheader(t("talk_ratios"))
    ratios = talk_ratios(data.ask("speaker_stats", newest), vis, column, order)
    tables.top_table(ratios, vis, "talk_ratios.csv")
    st.caption(t("talk_ratios_help"))
    left, right = st.columns(2)
    with left:
        st.subheader(t("longest_monologues"))
        longest = data.ask("longest_turns", sel, n=10)
        longest = longest[[s.SPEAKER, s.CHARS, s.TEXT, s.ARTICLE_ID, s.TURN]]
        cut = longest.assign(**{s.TEXT: longest[s.TEXT].str.slice(0, 60) + "…"})
        tables.top_table(cut, vis, "longest_turns.csv", csv=longest)  # the CSV: whole turns
    with right:
        st.subheader(t("questions_interactivity"))
        dynamics = data.ask("article_dynamics", sel)
        questions = data.ask("turn_totals", sel, by=(s.ARTICLE_ID,))
        table = dynamics.merge(questions[[s.ARTICLE_ID, s.QUESTIONS]], on=s.ARTICLE_ID)
        tables.top_table(table, vis, "article_dynamics.csv")
        notes.counted("counted_switches")


def speaker_table(sel: Selection) -> None:
    st.subheader(t("speaker_table"))
    # The rows shown only, and their count: every article and speaker of a large corpus is
    # too large to keep between runs; the CSV of every row is made on its click.
    stats = data.ask("speaker_stats", sel, limit=limits.MAX_TABLE_ROWS)
    # Who and how much first: a phone shows the first columns.
    first = [s.SPEAKER, s.SHARE, s.CHARS, s.TURNS_COUNT, s.MINUTES, s.MINUTES_SOURCE, s.ARTICLE_ID]
    # One minutes column on screen (speaking minutes: measured where there are time stamps);
    # the CSV keeps the estimate too.
    tables.top_table(
        stats[first + [c for c in stats.columns if c not in first and c != s.EST_MINUTES]],
        vis,
        "speaker_stats.csv",
        total=data.ask("speaker_rows", sel),
        csv=data.later("speaker_stats", sel),
    )
    notes.minutes_note(data.ask("timed_articles", sel), vis)


corpus = data.current()
vis = data.visual(corpus)
sel = view.selection()
st.title(t("page_speakers"))
if data.ask("summary", sel).turns == 0:
    st.info(t("no_turns"))
    st.stop()

# One tab open, only its charts drawn: the browser draws what is looked at.
tabs.show(
    "speakers_tab",
    {
        "shares": lambda: shares(sel),
        "strip": lambda: strip(sel),
        "turns": lambda: ratios_and_interactivity(sel),
        "table": lambda: speaker_table(sel),
    },
)
