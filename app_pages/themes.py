"""Themes: what the conversations are about, where in each conversation, and over time."""

import pandas as pd
import streamlit as st

import app_state
import ui_visual as uv
from analysis import schema as s
from analysis.config import ConfigError, Theme, dump_themes, parse_themes
from analysis.themes import section_counts, theme_counts, theme_flow, theme_trends
from analysis.topics import find_topics, topic_labels
from ui_text import t

analysis = app_state.data()
chosen = app_state.selection(analysis)
vis = uv.visual(analysis)
articles = analysis.corpus.articles
themes = [th.name for th in analysis.themes]
st.title(t("page_themes"))

if chosen.turns.empty:
    st.info(t("no_turns"))
elif chosen.theme_hits.empty:
    st.info(t("no_theme_hits"))
else:
    shown = articles[articles[s.ARTICLE_ID].isin(chosen.turns[s.ARTICLE_ID].unique())]
    recent = app_state.recent_articles(shown, articles)
    order = list(recent.sort_values([s.PUBLISHED, s.ARTICLE_ID], ascending=False)[s.ARTICLE_ID])
    left, right = st.columns(2)
    with left:
        st.subheader(t("theme_by_article"))
        by_article = theme_counts(chosen.theme_hits, chosen.turns, by=(s.ARTICLE_ID,))
        by_article = by_article[by_article[s.ARTICLE_ID].isin(order)]
        by_article = by_article.assign(
            label=by_article[s.ARTICLE_ID].map(vis.article),
            _click=[[a] for a in by_article[s.ARTICLE_ID]],
        )
        # Articles in greys: colour means a speaker or a theme everywhere else.
        greys = {vis.article(a): uv.ARTICLE_COLOURS[i % 5] for i, a in enumerate(order)}
        fig = uv.theme_bars(by_article, vis, themes, "label", greys, list(greys))
        app_state.plotly(fig, "theme_by_article", {"theme": 0})
    with right:
        st.subheader(t("theme_by_speaker"))
        keys = (s.ARTICLE_ID, s.SPEAKER)
        by_speaker = theme_counts(chosen.theme_hits, chosen.turns, by=keys)
        by_speaker = by_speaker.assign(_who=vis.identity(by_speaker))
        # One person across articles: a named speaker summed, a role word per article.
        by_speaker = (
            by_speaker.groupby(["_who", s.THEME], sort=False)
            .agg(
                **{
                    s.TURNS_COUNT: (s.TURNS_COUNT, "sum"),
                    s.SPEAKER: (s.SPEAKER, "first"),
                    s.ARTICLE_ID: (s.ARTICLE_ID, "first"),
                }
            )
            .reset_index()
        )
        by_speaker["_click"] = [
            vis.click_speaker(sp, a)
            for sp, a in zip(by_speaker[s.SPEAKER], by_speaker[s.ARTICLE_ID], strict=True)
        ]
        speakers = vis.in_legend_order(by_speaker["_who"])
        fig = uv.theme_bars(by_speaker, vis, themes, "_who", vis.speaker_colours, speakers)
        app_state.plotly(fig, "theme_by_speaker", {"speaker": 1, "article": 2})

    st.subheader(t("theme_flow"))
    flow = theme_flow(chosen.theme_hits, chosen.turns)
    flow = flow[flow[s.ARTICLE_ID].isin(order)]
    fig = uv.flow_figure(flow, vis, themes, order)
    app_state.plotly(fig, "theme_flow", {"article": 0, "theme": 1})

    st.subheader(t("theme_trends"))
    trends = theme_trends(chosen.theme_hits, chosen.turns, articles)
    if trends.empty:
        st.info(t("no_theme_hits"))
    elif trends[s.PUBLISHED].isna().all():
        st.info(t("no_dates"))
    else:
        fig = uv.trends_figure(trends, vis, themes)
        app_state.plotly(fig, "theme_trends", {"theme": 0})
        uv.counted("counted_trends")

    left, right = st.columns(2)
    with left:
        st.subheader(t("sections"))
        uv.table(section_counts(chosen.turns).drop(columns=[s.FIRST_TURN]), vis)
    with right:
        st.subheader(t("topics"))
        try:
            words, _ = app_state.derived(find_topics, chosen.tokens, k=6)
            labels = topic_labels(words, n=8)
            uv.table(pd.DataFrame({s.TOPIC: list(labels.values())}), vis)
        except ValueError:
            st.info(t("no_topics"))

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
    table,
    num_rows="dynamic",
    hide_index=True,
    key="w_theme_editor",
    width="stretch",
    column_config=uv.column_config(table),
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
