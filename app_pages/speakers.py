"""Speakers: who talks how much, how the conversation alternates, the longest monologues."""

import plotly.express as px
import streamlit as st

import app_state
from analysis import schema as s
from analysis.speakers import article_dynamics, speaker_stats
from ui_text import t

analysis = app_state.data()
chosen = app_state.selection(analysis)
st.title(t("page_speakers"))
if chosen.turns.empty:
    st.info(t("no_turns"))
    st.stop()

articles = analysis.corpus.articles
short = app_state.short_titles(articles)
measure = app_state.radio(
    "measure",
    t("measure"),
    list(app_state.MEASURES),
    horizontal=True,
    format_func=lambda m: t(f"measure_{m}"),
)
column = {"chars": s.CHARS, "turns": s.TURNS_COUNT, "minutes": s.EST_MINUTES}[measure]

stats = speaker_stats(chosen.turns)
stats = stats.assign(label=stats[s.ARTICLE_ID].map(short))
st.subheader(t("shares_per_article"))
fig = px.bar(
    app_state.recent_articles(stats, articles),
    y="label",
    x=column,
    color=s.SPEAKER,
    orientation="h",
    custom_data=[s.ARTICLE_ID, s.SPEAKER],
    hover_data=[s.SHARE, s.TURN_SHARE, s.ROLE],
    labels={"label": "", column: t(f"measure_{measure}")},
)
fig.update_layout(height=340, margin={"t": 10, "b": 10}, legend_title_text="")
app_state.plotly(fig, "speaker_shares", {"speaker": 1})
st.caption(t("click_speaker_hint"))

st.subheader(t("conversation_strip"))
strip = app_state.recent_articles(chosen.turns, articles)
strip = strip[[s.ARTICLE_ID, s.TURN, s.SPEAKER, s.CHARS, s.SECTION]].copy()
strip["label"] = strip[s.ARTICLE_ID].map(short)
fig = px.bar(
    strip,
    y="label",
    x=s.CHARS,
    color=s.SPEAKER,
    orientation="h",
    custom_data=[s.ARTICLE_ID, s.SPEAKER, s.TURN],
    hover_data=[s.TURN, s.SECTION],
    labels={"label": "", s.CHARS: t("col_chars")},
)
fig.update_traces(marker_line_width=0.5, marker_line_color="white")
fig.update_layout(
    height=60 + 45 * strip["label"].nunique(),
    margin={"t": 10, "b": 10},
    legend_title_text="",
    bargap=0.25,
)
app_state.plotly(fig, "conversation_strip", {"speaker": 1})

left, right = st.columns(2)
with left:
    st.subheader(t("longest_monologues"))
    longest = chosen.turns.nlargest(10, s.CHARS)[[s.ARTICLE_ID, s.TURN, s.SPEAKER, s.CHARS, s.TEXT]]
    longest = longest.assign(**{s.TEXT: longest[s.TEXT].str.slice(0, 60) + "…"})
    st.dataframe(longest, hide_index=True)
with right:
    st.subheader(t("questions_interactivity"))
    dynamics = article_dynamics(chosen.turns)
    questions = stats.groupby(s.ARTICLE_ID)[s.QUESTIONS].sum().rename(s.QUESTIONS)
    st.dataframe(dynamics.merge(questions, on=s.ARTICLE_ID), hide_index=True)

st.subheader(t("speaker_table"))
table = stats.drop(columns="label")
st.dataframe(table, hide_index=True)
app_state.download_csv(table, "speaker_stats.csv")
