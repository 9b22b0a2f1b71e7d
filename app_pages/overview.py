"""Overview: the corpus at a glance; every chart is a way in."""

import plotly.express as px
import streamlit as st

import app_state
from analysis import schema as s
from analysis.speakers import speaker_stats
from analysis.themes import theme_counts
from ui_text import t

analysis = app_state.data()
corpus = analysis.corpus
chosen = app_state.selection(analysis)
st.title(t("app_title"))

articles = corpus.articles
shown = articles[articles[s.ARTICLE_ID].isin(chosen.turns[s.ARTICLE_ID].unique())]
dates = shown[s.PUBLISHED].dropna()
columns = st.columns([1, 2, 1, 1])  # the date range needs the room
columns[0].metric(t("metric_articles"), len(shown))
columns[1].metric(
    t("metric_dates"), f"{dates.min():%Y-%m-%d} – {dates.max():%Y-%m-%d}" if len(dates) else "—"
)
columns[2].metric(t("metric_speakers"), chosen.turns[s.SPEAKER].nunique())
columns[3].metric(t("metric_tokens"), f"{len(chosen.tokens):,}")

if chosen.turns.empty:
    st.info(t("no_turns"))
    st.stop()

short = app_state.short_titles(articles)

st.subheader(t("timeline"))
timeline = shown.assign(label=shown[s.ARTICLE_ID].map(short))
fig = px.scatter(
    timeline,
    x=s.PUBLISHED,
    y=s.ACCOUNT,
    size=s.SPEECH_CHARS,
    color=s.ACCOUNT,
    hover_name=s.TITLE,
    custom_data=[s.ARTICLE_ID],
    size_max=40,
    labels={s.PUBLISHED: t("col_published"), s.ACCOUNT: t("col_account")},
)
fig.update_layout(height=260, showlegend=False, margin={"t": 10, "b": 10})
app_state.plotly(fig, "timeline", {"article": 0})

left, right = st.columns(2)
with left:
    st.subheader(t("who_talks"))
    stats = speaker_stats(chosen.turns)
    stats = stats.assign(label=stats[s.ARTICLE_ID].map(short))
    fig = px.bar(
        app_state.recent_articles(stats, articles),
        y="label",
        x=s.CHARS,
        color=s.SPEAKER,
        orientation="h",
        custom_data=[s.ARTICLE_ID, s.SPEAKER],
        hover_data=[s.SHARE, s.TURNS_COUNT],
        labels={"label": "", s.CHARS: t("col_chars")},
    )
    fig.update_layout(height=360, margin={"t": 10, "b": 10}, legend_title_text="")
    app_state.plotly(fig, "who_talks", {"article": 0})
    st.caption(t("click_article_hint"))
with right:
    st.subheader(t("theme_heatmap"))
    counts = theme_counts(chosen.theme_hits, chosen.turns, by=(s.ARTICLE_ID,))
    counts = app_state.recent_articles(counts, articles)
    counts = counts.assign(label=counts[s.ARTICLE_ID].map(short))
    # A scatter of squares, not a heatmap: plotly heatmaps report no clicks.
    fig = px.scatter(
        counts,
        x=s.THEME,
        y="label",
        color=s.TURNS_COUNT,
        custom_data=[s.ARTICLE_ID, s.THEME],
        color_continuous_scale="Blues",
        labels={"label": "", s.THEME: "", s.TURNS_COUNT: t("col_turns")},
    )
    fig.update_traces(
        marker={"symbol": "square", "size": 22, "line": {"width": 1, "color": "#bbb"}}
    )
    fig.update_layout(height=420, margin={"t": 10, "b": 10}, xaxis_tickangle=-45)
    app_state.plotly(fig, "article_theme", {"article": 0, "theme": 1})
    st.caption(t("click_cell_hint"))

st.subheader(t("articles_table"))
st.dataframe(
    shown[
        [
            s.ARTICLE_ID,
            s.TITLE,
            s.ACCOUNT,
            s.PUBLISHED,
            s.PLACE,
            s.N_TURNS,
            s.N_SPEAKERS,
            s.SPEECH_CHARS,
        ]
    ],
    hide_index=True,
    column_config={s.URL: st.column_config.LinkColumn()},
)
