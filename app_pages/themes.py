"""Themes: what the conversations are about, where in each conversation, and over time."""

import pandas as pd
import plotly.express as px
import streamlit as st

import app_state
from analysis import schema as s
from analysis.config import ConfigError, Theme, dump_themes, parse_themes
from analysis.themes import section_counts, theme_counts, theme_flow, theme_trends
from analysis.topics import find_topics, topic_labels
from ui_text import t

analysis = app_state.data()
chosen = app_state.selection(analysis)
articles = analysis.corpus.articles
short = app_state.short_titles(articles)
st.title(t("page_themes"))

if chosen.turns.empty:
    st.info(t("no_turns"))
else:
    left, right = st.columns(2)
    with left:
        st.subheader(t("theme_by_article"))
        by_article = theme_counts(chosen.theme_hits, chosen.turns, by=(s.ARTICLE_ID,))
        by_article = app_state.recent_articles(by_article, articles)
        by_article = by_article.assign(label=by_article[s.ARTICLE_ID].map(short))
        fig = px.bar(
            by_article,
            x=s.TURNS_COUNT,
            y=s.THEME,
            color="label",
            orientation="h",
            custom_data=[s.THEME, s.ARTICLE_ID],
            labels={s.THEME: "", s.TURNS_COUNT: t("col_turns"), "label": ""},
        )
        fig.update_layout(
            height=460, margin={"t": 10, "b": 10}, legend={"orientation": "h", "y": -0.15}
        )
        app_state.plotly(fig, "theme_by_article", {"theme": 0})
    with right:
        st.subheader(t("theme_by_speaker"))
        by_speaker = theme_counts(chosen.theme_hits, chosen.turns, by=(s.SPEAKER,))
        fig = px.bar(
            by_speaker,
            x=s.TURNS_COUNT,
            y=s.THEME,
            color=s.SPEAKER,
            orientation="h",
            custom_data=[s.THEME, s.SPEAKER],
            barmode="group",
            labels={s.THEME: "", s.TURNS_COUNT: t("col_turns")},
        )
        fig.update_layout(height=460, margin={"t": 10, "b": 10}, legend_title_text="")
        app_state.plotly(fig, "theme_by_speaker", {"speaker": 1})

    st.subheader(t("theme_flow"))
    flow = app_state.recent_articles(theme_flow(chosen.theme_hits, chosen.turns), articles)
    flow = flow.assign(label=flow[s.ARTICLE_ID].map(short))
    fig = px.scatter(
        flow,
        x=s.POSITION,
        y="label",
        color=s.THEME,
        size=s.HITS,
        size_max=14,
        custom_data=[s.ARTICLE_ID, s.THEME, s.TURN],
        hover_data=[s.TURN, s.SPEAKER],
        labels={"label": "", s.POSITION: ""},
    )
    fig.update_layout(
        height=120 + 50 * flow["label"].nunique(),
        margin={"t": 10, "b": 10},
        xaxis={"range": [-0.03, 1.03]},
    )
    app_state.plotly(fig, "theme_flow", {"article": 0, "theme": 1})

    st.subheader(t("theme_trends"))
    trends = theme_trends(chosen.theme_hits, chosen.turns, articles)
    trends = trends.assign(date=trends[s.PUBLISHED].dt.strftime("%Y-%m-%d"))
    fig = px.line(
        trends.sort_values(s.PUBLISHED),
        x="date",
        y=s.SHARE,
        color=s.THEME,
        markers=True,
        custom_data=[s.THEME, s.ARTICLE_ID],
        labels={"date": t("col_published"), s.SHARE: ""},
    )
    fig.update_layout(height=380, margin={"t": 10, "b": 10}, yaxis_tickformat=".0%")
    app_state.plotly(fig, "theme_trends", {"theme": 0})

    left, right = st.columns(2)
    with left:
        st.subheader(t("sections"))
        sections = section_counts(chosen.turns)
        st.dataframe(sections, hide_index=True)
    with right:
        st.subheader(t("topics"))
        try:
            words, _ = app_state.derived(find_topics, chosen.tokens, k=6)
            labels = topic_labels(words, n=8)
            st.dataframe(pd.DataFrame({s.TOPIC: list(labels.values())}), hide_index=True)
        except ValueError as error:
            st.info(str(error))

st.divider()
st.subheader(t("theme_editor"))
st.caption(t("theme_editor_help"))
current = analysis.themes
table = pd.DataFrame(
    {
        "name": [th.name for th in current],
        "label_en": [th.label_en for th in current],
        "keywords": [", ".join(th.keywords) for th in current],
        "patterns": [", ".join(th.patterns) for th in current],
    }
)
edited = st.data_editor(
    table, num_rows="dynamic", hide_index=True, key="w_theme_editor", width="stretch"
)


def _split(value) -> tuple[str, ...]:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return tuple(part.strip() for part in text.replace("，", ",").split(",") if part.strip())


col_apply, col_reset, col_export = st.columns(3)
if col_apply.button(t("apply"), key="apply_themes", type="primary"):
    themes = [
        Theme(
            str(row["name"]).strip(),
            _split(row["keywords"]),
            _split(row["patterns"]),
            str(row["label_en"] or "").strip(),
        )
        for _, row in edited.iterrows()
        if str(row["name"] or "").strip() and str(row["name"]) != "nan"
    ]
    try:
        app_state.set_themes(dump_themes(parse_themes(dump_themes(themes), "editor")))
        st.rerun()
    except ConfigError as error:
        st.error(str(error))
if col_reset.button(t("reset_themes"), key="reset_themes"):
    app_state.set_themes(None)
    st.rerun()
col_export.download_button(
    t("export_themes"),
    app_state.themes_text().encode("utf-8"),
    file_name="themes.toml",
    mime="application/toml",
    key="export_themes",
)
imported = st.file_uploader(t("import_themes"), type=["toml"], key="w_import_themes")
if imported is not None and st.session_state.get("_imported_id") != imported.file_id:
    st.session_state["_imported_id"] = imported.file_id
    try:
        text = imported.getvalue().decode("utf-8-sig")
        parse_themes(text, imported.name)
        app_state.set_themes(text)
        st.rerun()
    except (ConfigError, UnicodeDecodeError) as error:
        st.error(str(error))
