"""Concordance and reader: every hit of a term in context, and whole articles to read."""

import streamlit as st

import app_state
import ui_visual as uv
from analysis import schema as s
from analysis.kwic import compile_pattern, kwic_lines, match_spans
from analysis.themes import theme_regex
from ui_format import coloured, escape_markdown, highlight
from ui_text import t

analysis = app_state.data()
corpus = analysis.corpus
turns = app_state.selection(analysis).turns
vis = uv.visual(analysis)

st.title(t("page_concordance"))
search_col, regex_col = st.columns([4, 1])
query = app_state.text_input(
    "q", t("kwic_search"), container=search_col, placeholder="智能体 / AGI / 推理"
)
use_regex = app_state.toggle("regex", t("kwic_regex"), container=regex_col)

lines = None
if query:
    try:
        lines = kwic_lines(turns, query, regex=use_regex)
    except ValueError as error:
        st.error(f"{t('kwic_bad_pattern')}: {escape_markdown(error)}")

if lines is not None:
    n_turns = len(lines[[s.ARTICLE_ID, s.TURN]].drop_duplicates())
    st.caption(t("kwic_hits").format(n=len(lines), turns=n_turns))
    hit_ids = [
        app_state.turn_id(a, n) for a, n in zip(lines[s.ARTICLE_ID], lines[s.TURN], strict=True)
    ]

    def read_hit() -> None:
        rows = st.session_state["kwic_table"].selection.rows
        app_state.put("hit", hit_ids[rows[0]] if rows else "")

    # The hit's context first, so a phone shows it without scrolling sideways.
    in_context = [s.LEFT, s.MATCH, s.RIGHT, s.SPEAKER, s.ARTICLE_ID, s.TURN, s.SECTION]
    uv.table(
        lines[in_context],
        vis,
        on_select=read_hit,
        selection_mode="single-row",
        key="kwic_table",
        column_config={
            s.LEFT: st.column_config.TextColumn(t("kwic_left"), width="medium"),
            s.MATCH: st.column_config.TextColumn(t("kwic_match"), width="small"),
            s.RIGHT: st.column_config.TextColumn(t("kwic_right"), width="medium"),
        },
    )
    app_state.download_csv(lines, "kwic.csv")
    # The hit being read is in the URL, so a shared link opens the same turn.
    hit = app_state.get("hit")
    if hit in hit_ids:
        hit_article, hit_turn = hit.rsplit(":", 1)
        turn = corpus.turns[
            (corpus.turns[s.ARTICLE_ID] == hit_article) & (corpus.turns[s.TURN] == int(hit_turn))
        ].iloc[0]
        with st.container(border=True):
            who = vis.identity(turn.to_frame().T).iloc[0]
            st.markdown(
                f"{coloured(turn[s.SPEAKER], vis.speaker_colour(who))} · "
                f"{escape_markdown(vis.title(turn[s.ARTICLE_ID]))} · "
                f"#{turn[s.TURN]} {escape_markdown(turn[s.SECTION])}"
            )
            spans = match_spans(turn[s.TEXT], compile_pattern(query, use_regex))
            st.markdown(highlight(turn[s.TEXT], spans))

st.divider()
st.subheader(t("reader"))
articles = corpus.articles
if articles.empty:
    st.info(t("no_turns"))
    st.stop()
selected = app_state.get("article")
choices = list(selected) if selected else list(articles[s.ARTICLE_ID])
article_id = app_state.selectbox("read", t("reader_article"), choices, format_func=vis.title)
article_turns = corpus.turns[corpus.turns[s.ARTICLE_ID] == article_id]
by_name = {th.name: th for th in analysis.themes}
theme = app_state.selectbox(
    "mark",
    t("reader_theme"),
    ["", *by_name],
    format_func=lambda x: vis.theme(x) if x else t("reader_no_theme"),
)
pattern = theme_regex(by_name[theme]) if theme else None
who = vis.identity(article_turns).map(vis.speaker_colour)
colours = dict(zip(article_turns[s.SPEAKER], who, strict=True))
section = None
for row in article_turns.itertuples(index=False):
    if getattr(row, s.SECTION) != section:
        section = getattr(row, s.SECTION)
        if section:
            st.markdown(f"#### {escape_markdown(section)}")
    speaker = getattr(row, s.SPEAKER)
    text = getattr(row, s.TEXT)
    spans = match_spans(text.casefold(), pattern) if pattern else []
    st.markdown(coloured(speaker, colours[speaker]) + "　" + highlight(text, spans))
