"""Concordance and reader: every hit of a term in context, and whole articles to read."""

import streamlit as st

import app_state
from analysis import schema as s
from analysis.kwic import compile_pattern, kwic_lines, match_spans
from analysis.themes import theme_regex
from ui_format import escape_markdown, highlight, speaker_colours
from ui_text import t

analysis = app_state.data()
corpus = analysis.corpus
turns = app_state.selection(analysis).turns

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
        st.error(f"{t('kwic_bad_pattern')}: {error}")

if lines is not None:
    n_turns = len(lines[[s.ARTICLE_ID, s.TURN]].drop_duplicates())
    st.caption(t("kwic_hits").format(n=len(lines), turns=n_turns))
    event = st.dataframe(
        lines,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key="kwic_table",
        column_config={
            "left": st.column_config.TextColumn(t("kwic_left"), width="medium"),
            "match": st.column_config.TextColumn(t("kwic_match"), width="small"),
            "right": st.column_config.TextColumn(t("kwic_right"), width="medium"),
        },
    )
    app_state.download_csv(lines, "kwic.csv")
    chosen = event.selection.rows if event and event.selection else []
    if chosen:
        hit = lines.iloc[chosen[0]]
        turn = corpus.turns[
            (corpus.turns[s.ARTICLE_ID] == hit[s.ARTICLE_ID])
            & (corpus.turns[s.TURN] == hit[s.TURN])
        ].iloc[0]
        with st.container(border=True):
            st.markdown(
                f"**{escape_markdown(turn[s.SPEAKER])}** · {escape_markdown(turn[s.ARTICLE_ID])} · "
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
titles = dict(zip(articles[s.ARTICLE_ID], articles[s.TITLE], strict=True))
selected = app_state.get("article")
choices = list(selected) if selected else list(articles[s.ARTICLE_ID])
article_id = st.selectbox(
    t("reader_article"), choices, format_func=lambda a: titles.get(a, a), key="w_reader_article"
)
article_turns = corpus.turns[corpus.turns[s.ARTICLE_ID] == article_id]
by_name = {th.name: th for th in analysis.themes}
theme = st.selectbox(
    t("reader_theme"),
    ["", *by_name],
    key="w_reader_theme",
    format_func=lambda x: x or t("reader_no_theme"),
)
pattern = theme_regex(by_name[theme]) if theme else None
colours = speaker_colours(article_turns[s.SPEAKER])
section = None
for row in article_turns.itertuples(index=False):
    if getattr(row, s.SECTION) != section:
        section = getattr(row, s.SECTION)
        if section:
            st.markdown(f"#### {escape_markdown(section)}")
    speaker = getattr(row, s.SPEAKER)
    text = getattr(row, s.TEXT)
    spans = match_spans(text.casefold(), pattern) if pattern else []
    st.markdown(f":{colours[speaker]}[**{escape_markdown(speaker)}**]　" + highlight(text, spans))
