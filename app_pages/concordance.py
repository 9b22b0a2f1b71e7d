"""Concordance and reader: every hit of a term in context, and whole articles to read."""

import streamlit as st

import ui_data
import ui_state
import ui_visual as uv
from analysis import schema as s
from analysis.store.selection import Selection
from analysis.text.kwic import compile_pattern, match_spans
from analysis.text.themes import theme_regex
from ui_format import coloured, escape_markdown, highlight
from ui_text import t

MAX_HITS_SHOWN = 500  # hits listed in the table; the CSV has every one
MAX_READER_CHOICES = 50  # articles offered to read when none is filtered: the most recent

data = ui_data.current()
vis = uv.visual(data)
sel = ui_state.selection()

st.title(t("page_concordance"))
search_col, regex_col = st.columns([4, 1])
query = ui_state.text_input(
    "q", t("kwic_search"), container=search_col, placeholder="智能体 / AGI / 推理"
)
use_regex = ui_state.toggle("regex", t("kwic_regex"), container=regex_col)

lines = None
if query:
    try:
        lines = ui_data.ask("kwic", sel, pattern=query, regex=use_regex)
    except ValueError as error:
        st.error(f"{t('kwic_bad_pattern')}: {escape_markdown(error)}")

if lines is not None:
    n_turns = len(lines[[s.ARTICLE_ID, s.TURN]].drop_duplicates())
    st.caption(t("kwic_hits").format(n=len(lines), turns=n_turns))
    listed = lines.head(MAX_HITS_SHOWN)
    hit_ids = [
        ui_state.turn_id(a, n) for a, n in zip(listed[s.ARTICLE_ID], listed[s.TURN], strict=True)
    ]

    def read_hit() -> None:
        rows = st.session_state["kwic_table"].selection.rows
        ui_state.put("hit", hit_ids[rows[0]] if rows else "")

    # The hit's context first, so a phone shows it without scrolling sideways.
    in_context = [s.LEFT, s.MATCH, s.RIGHT, s.SPEAKER, s.ARTICLE_ID, s.TURN, s.SECTION]
    uv.table(
        listed[in_context],
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
    if len(lines) > MAX_HITS_SHOWN:
        st.caption(t("rows_shown").format(shown=MAX_HITS_SHOWN, total=f"{len(lines):,}"))
    uv.download_csv(lines, "kwic.csv")
    # The hit being read is in the URL, so a shared link opens the same turn.
    hit = ui_state.get("hit")
    if hit in hit_ids:
        hit_article, hit_turn = hit.rsplit(":", 1)
        article_turns = ui_data.ask("turns", Selection(articles=(hit_article,)))
        turn = article_turns[article_turns[s.TURN] == int(hit_turn)].iloc[0]
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
if not vis.titles:
    st.info(t("no_turns"))
    st.stop()
# The selected articles, or (none selected) the most recent ones and the one in the link.
choices = list(sel.articles) or list(vis.titles)
if len(choices) > MAX_READER_CHOICES:
    choices = ui_data.ask("recent_articles", Selection(), limit=MAX_READER_CHOICES)
if not sel.articles and ui_state.get("read") in vis.titles and ui_state.get("read") not in choices:
    choices = [ui_state.get("read"), *choices]
article_id = ui_state.selectbox("read", t("reader_article"), choices, format_func=vis.title)
article_turns = ui_data.ask("turns", Selection(articles=(article_id,)))
by_name = {th.name: th for th in data.themes}
theme = ui_state.selectbox(
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
