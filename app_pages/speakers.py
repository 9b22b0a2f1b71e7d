"""Speakers: who talks how much, how the conversation alternates, the longest monologues."""

import streamlit as st

import ui_data
import ui_state
import ui_visual as uv
from analysis import schema as s
from ui_clicks import plotly
from ui_text import t

data = ui_data.current()
vis = uv.visual(data)
sel = ui_state.selection()
st.title(t("page_speakers"))
if ui_data.ask("summary", sel).turns == 0:
    st.info(t("no_turns"))
    st.stop()

measure = ui_state.radio(
    "measure",
    t("measure"),
    list(ui_state.MEASURES),
    horizontal=True,
    format_func=lambda m: t(f"measure_{m}"),
)
# Minutes are measured from time stamps where an article has them, estimated elsewhere.
column = {"chars": s.CHARS, "turns": s.TURNS_COUNT, "minutes": s.MINUTES}[measure]

recent, order = ui_data.recent(sel)
stats = ui_data.ask("speaker_stats", sel)
st.subheader(t("shares_per_article"))
fig = uv.speaker_bars(
    ui_data.ask("speaker_stats", recent), vis, column, t(f"measure_{measure}"), order
)
plotly(fig, "speaker_shares", {"speaker": 1, "article": 2})
st.caption(t("click_speaker_hint"))
uv.counted("counted_share")
if measure == "minutes":
    uv.minutes_note(stats, vis)

st.subheader(t("conversation_strip"))
strip = ui_data.ask(
    "turns", recent, columns=(s.ARTICLE_ID, s.TURN, s.SECTION, s.SPEAKER, s.ROLE, s.CHARS)
)
# One segment per turn: the newest conversations that fit in a bounded number of segments.
drawn, shown = uv.within_marks(strip, order)
plotly(uv.strip_figure(drawn, vis, shown), "conversation_strip", {"speaker": 0, "article": 1})
uv.marks_note(drawn, strip, shown, order)
uv.counted("counted_strip")

left, right = st.columns(2)
with left:
    st.subheader(t("longest_monologues"))
    longest = ui_data.ask("longest_turns", sel, n=10)
    longest = longest[[s.SPEAKER, s.CHARS, s.TEXT, s.ARTICLE_ID, s.TURN]]
    uv.table(longest.assign(**{s.TEXT: longest[s.TEXT].str.slice(0, 60) + "…"}), vis)
with right:
    st.subheader(t("questions_interactivity"))
    dynamics = ui_data.ask("article_dynamics", sel)
    questions = ui_data.ask("turn_totals", sel, by=(s.ARTICLE_ID,))
    table = dynamics.merge(questions[[s.ARTICLE_ID, s.QUESTIONS]], on=s.ARTICLE_ID)
    uv.top_table(table, vis, "article_dynamics.csv")
    uv.counted("counted_switches")

st.subheader(t("speaker_table"))
# Who and how much first: a phone shows the first columns.
first = [s.SPEAKER, s.SHARE, s.CHARS, s.TURNS_COUNT, s.MINUTES, s.MINUTES_SOURCE, s.ARTICLE_ID]
uv.top_table(
    stats[first + [c for c in stats.columns if c not in first]],
    vis,
    "speaker_stats.csv",
    always_csv=True,
    csv=stats,
)
if measure != "minutes":
    uv.minutes_note(stats, vis)
