"""Speakers: who talks how much, how the conversation alternates, the longest monologues."""

import streamlit as st

from analysis import schema as s
from dashboard import data, notes, tables, view, widgets
from dashboard.charts.reshape import talk_ratios, within_marks
from dashboard.charts.talk import speaker_bars, strip_figure
from dashboard.clicks import plotly
from dashboard.texts import t

corpus = data.current()
vis = data.visual(corpus)
sel = view.selection()
st.title(t("page_speakers"))
if data.ask("summary", sel).turns == 0:
    st.info(t("no_turns"))
    st.stop()

measure = widgets.radio(
    "measure",
    t("measure"),
    list(view.MEASURES),
    horizontal=True,
    format_func=lambda m: t(f"measure_{m}"),
)
# Minutes are measured from time stamps where an article has them, estimated elsewhere.
column = {"chars": s.CHARS, "turns": s.TURNS_COUNT, "minutes": s.MINUTES}[measure]

shown = widgets.radio(
    "talk_view",
    t("talk_view"),
    list(view.TALK_VIEWS),
    horizontal=True,
    # Labels made now, in this run's language: a format function called later (AppTest,
    # another page) would read the language again.
    format_func={v: t(f"talk_view_{v}") for v in view.TALK_VIEWS}.get,
)

newest, order = data.recent(sel)
stats = data.ask("speaker_stats", sel)
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
    notes.minutes_note(stats, vis)

st.subheader(t("talk_ratios"))
tables.top_table(talk_ratios(newest_stats, vis, column, order), vis, "talk_ratios.csv")
st.caption(t("talk_ratios_help"))

st.subheader(t("conversation_strip"))
strip = data.ask(
    "turns", newest, columns=(s.ARTICLE_ID, s.TURN, s.SECTION, s.SPEAKER, s.ROLE, s.CHARS)
)
# One segment per turn: the newest conversations that fit in a bounded number of segments.
drawn, shown = within_marks(strip, order)
plotly(strip_figure(drawn, vis, shown), "conversation_strip")
notes.marks_note(drawn, strip, shown, order)
notes.counted("counted_strip")

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

st.subheader(t("speaker_table"))
# Who and how much first: a phone shows the first columns.
first = [s.SPEAKER, s.SHARE, s.CHARS, s.TURNS_COUNT, s.MINUTES, s.MINUTES_SOURCE, s.ARTICLE_ID]
# One minutes column on screen (speaking minutes: measured where there are time stamps);
# the CSV keeps the estimate too.
tables.top_table(
    stats[first + [c for c in stats.columns if c not in first and c != s.EST_MINUTES]],
    vis,
    "speaker_stats.csv",
    always_csv=True,
    csv=stats,
)
if measure != "minutes":
    notes.minutes_note(stats, vis)
