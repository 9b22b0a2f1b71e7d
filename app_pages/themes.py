"""Themes: what the conversations are about, where in each conversation, and over time."""

import pandas as pd
import streamlit as st

import ui_data
import ui_state
import ui_visual as uv
from analysis import schema as s
from analysis.config import ConfigError, Theme, dump_themes, parse_themes
from analysis.measures.topics import find_topics, topic_labels
from ui_clicks import plotly
from ui_text import t

MAX_TREND_ARTICLES = 60  # more articles than this: trends by month

data = ui_data.current()
vis = uv.visual(data)
sel = ui_state.selection()
themes = [th.name for th in data.themes]
st.title(t("page_themes"))

if ui_data.ask("summary", sel).turns == 0:
    st.info(t("no_turns"))
elif ui_data.ask("theme_counts", sel, by=()).empty:
    st.info(t("no_theme_hits"))
else:
    recent, order = ui_data.recent(sel)
    left, right = st.columns(2)
    with left:
        st.subheader(t("theme_by_article"))
        by_article = ui_data.ask("theme_counts", recent, by=(s.ARTICLE_ID,))
        by_article = by_article.assign(
            label=by_article[s.ARTICLE_ID].map(vis.article),
            _click=[[a] for a in by_article[s.ARTICLE_ID]],
        )
        # Articles in greys: colour means a speaker or a theme everywhere else.
        greys = {vis.article(a): uv.ARTICLE_COLOURS[i % 5] for i, a in enumerate(order)}
        fig = uv.theme_bars(by_article, vis, themes, "label", greys, list(greys))
        plotly(fig, "theme_by_article", {"theme": 0})
    with right:
        st.subheader(t("theme_by_speaker"))
        counts = ui_data.ask("theme_counts", sel, by=(s.ARTICLE_ID, s.SPEAKER))
        # One person across articles: a named speaker summed, a role word per article.
        by_speaker, speakers, people = uv.busiest_people(
            uv.theme_counts_by_person(counts, vis), vis
        )
        if len(speakers) < people:
            st.caption(t("most_active_people").format(shown=len(speakers), total=people))
        fig = uv.theme_bars(by_speaker, vis, themes, "_who", vis.speaker_colours, speakers)
        plotly(fig, "theme_by_speaker", {"speaker": 1, "article": 2})

    st.subheader(t("theme_flow"))
    flow = ui_data.ask("theme_flow", recent)
    # One mark per turn and theme: the newest conversations that fit in a bounded number.
    drawn, shown = uv.within_marks(flow, order)
    plotly(uv.flow_figure(drawn, vis, themes, shown), "theme_flow", {"article": 0, "theme": 1})
    uv.marks_note(drawn, flow, shown, order)

    st.subheader(t("theme_trends"))
    # Decided on the selection's size, so a large corpus never fetches a row per article.
    size = ui_data.ask("summary", sel)
    if size.first is None:
        st.info(t("no_dates"))
    elif size.articles > MAX_TREND_ARTICLES:
        monthly = ui_data.ask("theme_trends_monthly", sel)
        fig = uv.theme_trends_figure(monthly, vis, themes, monthly=True)  # as the terms' trends
        plotly(fig, "theme_trends", {"theme": 0})
        uv.counted("trends_by_month")
    else:
        trends = ui_data.ask("theme_trends", sel)
        fig = uv.theme_trends_figure(trends, vis, themes, monthly=False)
        plotly(fig, "theme_trends", {"theme": 0})
        uv.counted("counted_trends")

    left, right = st.columns(2)
    with left:
        st.subheader(t("sections"))
        # A row per article, heading and speaker: the newest articles' only (a note says so).
        sections = ui_data.ask("section_counts", ui_data.bounded(sel)).drop(columns=[s.FIRST_TURN])
        uv.top_table(sections, vis, "sections.csv")
    with right:
        st.subheader(t("topics"))
        try:
            words, _ = ui_data.measure(find_topics, ui_data.bounded(sel), k=6)
            labels = topic_labels(words, n=8)
            uv.table(pd.DataFrame({s.TOPIC: list(labels.values())}), vis)
        except ValueError:
            st.info(t("no_topics"))

st.divider()
st.subheader(t("theme_editor"))
st.caption(t("theme_editor_help"))
current = data.themes
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
        ui_data.set_themes(dump_themes(parse_themes(dump_themes(themes), "editor")))
        st.rerun()
    except ConfigError as error:
        st.error(str(error))
if col_reset.button(t("reset_themes"), key="reset_themes"):
    ui_data.set_themes(None)
    st.rerun()
col_export.download_button(
    t("export_themes"),
    ui_data.themes_text().encode("utf-8"),
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
        ui_data.set_themes(text)
        st.rerun()
    except (ConfigError, UnicodeDecodeError) as error:
        st.error(str(error))
