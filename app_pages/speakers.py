"""Speakers: who talks how much, how the conversation alternates, the longest monologues."""

import streamlit as st

import app_state
import ui_visual as uv
from analysis import schema as s
from analysis.speakers import article_dynamics, speaker_stats
from ui_text import t

analysis = app_state.data()
chosen = app_state.selection(analysis)
vis = uv.visual(analysis)
st.title(t("page_speakers"))
if chosen.turns.empty:
    st.info(t("no_turns"))
    st.stop()

articles = analysis.corpus.articles
measure = app_state.radio(
    "measure",
    t("measure"),
    list(app_state.MEASURES),
    horizontal=True,
    format_func=lambda m: t(f"measure_{m}"),
)
# Minutes are measured from time stamps where an article has them, estimated elsewhere.
column = {"chars": s.CHARS, "turns": s.TURNS_COUNT, "minutes": s.MINUTES}[measure]

shown = articles[articles[s.ARTICLE_ID].isin(chosen.turns[s.ARTICLE_ID].unique())]
recent = app_state.recent_articles(shown, articles)
order = list(recent.sort_values([s.PUBLISHED, s.ARTICLE_ID], ascending=False)[s.ARTICLE_ID])

stats = speaker_stats(chosen.turns)
st.subheader(t("shares_per_article"))
fig = uv.speaker_bars(
    stats[stats[s.ARTICLE_ID].isin(order)], vis, column, t(f"measure_{measure}"), order
)
app_state.plotly(fig, "speaker_shares", {"speaker": 1, "article": 2})
st.caption(t("click_speaker_hint"))
uv.counted("counted_share")
if measure == "minutes":
    uv.minutes_note(stats, vis)

st.subheader(t("conversation_strip"))
strip = chosen.turns[chosen.turns[s.ARTICLE_ID].isin(order)]
fig = uv.strip_figure(strip, vis, order)
app_state.plotly(fig, "conversation_strip", {"speaker": 0, "article": 1})
uv.counted("counted_strip")

left, right = st.columns(2)
with left:
    st.subheader(t("longest_monologues"))
    longest = chosen.turns.nlargest(10, s.CHARS)[[s.SPEAKER, s.CHARS, s.TEXT, s.ARTICLE_ID, s.TURN]]
    longest = longest.assign(**{s.TEXT: longest[s.TEXT].str.slice(0, 60) + "…"})
    uv.table(longest, vis)
with right:
    st.subheader(t("questions_interactivity"))
    dynamics = article_dynamics(chosen.turns)
    questions = stats.groupby(s.ARTICLE_ID)[s.QUESTIONS].sum().rename(s.QUESTIONS)
    uv.table(dynamics.merge(questions, on=s.ARTICLE_ID), vis)
    uv.counted("counted_switches")

st.subheader(t("speaker_table"))
# Who and how much first: a phone shows the first columns.
first = [s.SPEAKER, s.SHARE, s.CHARS, s.TURNS_COUNT, s.MINUTES, s.MINUTES_SOURCE, s.ARTICLE_ID]
uv.table(stats[first + [c for c in stats.columns if c not in first]], vis)
if measure != "minutes":
    uv.minutes_note(stats, vis)
app_state.download_csv(stats, "speaker_stats.csv")
