"""Concordance and reader: every hit of a term in context, where it falls in each
conversation, and the turn or whole article to read."""

import streamlit as st

import ui_clicks
import ui_data
import ui_state
import ui_visual as uv
from analysis import schema as s
from analysis.measures.dispersion import articles_to_plot, dispersion
from analysis.store.selection import Selection
from analysis.text.kwic import (
    MODES,
    REGEX,
    SORTS,
    dictionary_with,
    hit_spans,
    match_spans,
    question_before,
    sort_lines,
)
from analysis.text.themes import theme_regex
from ui_format import coloured, escape_markdown, highlight
from ui_text import t

MAX_HITS_SHOWN = 500  # hits listed in the table; the CSV has every one
MAX_READER_CHOICES = 50  # articles offered to read when none is filtered: the most recent

data = ui_data.current()
vis = uv.visual(data)
sel = ui_state.selection()
if ui_state.get("regex") == "1":  # a link from before the match modes
    ui_state.put("match", REGEX)
    ui_state.put("regex", "0")


def read(hit: str) -> None:
    """Open a turn (`article:turn`) in the reader: the turn, and its article below."""
    ui_state.put("hit", hit)
    if hit:
        ui_state.put("read", hit.rsplit(":", 1)[0])


st.title(t("page_concordance"))
search_col, mode_col, sort_col = st.columns([3, 3, 2], vertical_alignment="bottom")
query = ui_state.text_input(
    "q", t("kwic_search"), container=search_col, placeholder="智能体 / AGI / 推理"
)
mode = ui_state.radio(
    "match",
    t("kwic_mode"),
    list(MODES),
    container=mode_col,
    horizontal=True,
    format_func=lambda m: t(f"kwic_mode_{m}"),
    help=t("kwic_mode_note"),
)
order = ui_state.selectbox(
    "sort",
    t("kwic_sort"),
    list(SORTS),
    container=sort_col,
    format_func=lambda k: t(f"kwic_sort_{k}"),
)

lines = None
if query:
    try:
        # Word boundaries follow the session's vocabulary (words added in the sidebar).
        terms = dictionary_with(ui_data.current_vocabulary())
        found = ui_data.ask("kwic", sel, pattern=query, mode=mode, terms=terms)
        lines = sort_lines(found, order)
    except ValueError as error:
        st.error(f"{t('kwic_bad_pattern')}: {escape_markdown(error)}")

if lines is not None:
    n_turns = len(lines[[s.ARTICLE_ID, s.TURN]].drop_duplicates())
    st.caption(t("kwic_hits").format(n=len(lines), turns=n_turns))
    listed = lines.head(MAX_HITS_SHOWN)
    hit_ids = [
        ui_state.turn_id(a, n) for a, n in zip(listed[s.ARTICLE_ID], listed[s.TURN], strict=True)
    ]

    def read_row() -> None:
        rows = st.session_state["kwic_table"].selection.rows
        read(hit_ids[rows[0]] if rows else "")

    # Key in the middle: the left context right-aligned against the hit, the right after it.
    in_context = listed.assign(**{s.TITLE: listed[s.ARTICLE_ID].map(vis.title)})[
        [s.LEFT, s.MATCH, s.RIGHT, s.SPEAKER, s.TITLE, s.TURN]
    ]
    uv.table(
        in_context,
        vis,
        on_select=read_row,
        selection_mode="single-row",
        key="kwic_table",
        column_config={
            # 200 + 80 px: the left context and the hit fit a phone's width.
            s.LEFT: st.column_config.TextColumn(t("kwic_left"), width=200, alignment="right"),
            s.MATCH: st.column_config.TextColumn(t("kwic_match"), width=80, alignment="center"),
            s.RIGHT: st.column_config.TextColumn(t("kwic_right"), width=300),
        },
    )
    if len(lines) > MAX_HITS_SHOWN:
        st.caption(t("rows_shown").format(shown=MAX_HITS_SHOWN, total=f"{len(lines):,}"))
    uv.download_csv(lines, "kwic.csv")

    if not lines.empty:
        st.subheader(t("dispersion"))
        plotted = articles_to_plot(found)  # in corpus order, whatever the table's sort
        offsets = ui_data.ask("speech_offsets", Selection(articles=tuple(plotted)))
        ticks = dispersion(found, offsets, plotted)
        with_hits = lines[s.ARTICLE_ID].nunique()
        if len(plotted) < with_hits:
            st.caption(t("dispersion_cut").format(shown=len(plotted), total=with_hits))
        ui_clicks.plotly(
            uv.dispersion_figure(ticks, vis, plotted), "dispersion", {"hit": 0, "read": 1}
        )
        uv.counted("counted_dispersion")

# The turn being read is in the URL (`hit=article:turn`): a shared link opens it too.
hit = ui_state.get("hit")
if hit:
    hit_article, hit_turn = hit.rsplit(":", 1)
    article_turns = ui_data.ask("turns", Selection(articles=(hit_article,)))
    here = article_turns[article_turns[s.TURN] == int(hit_turn)]
    if not here.empty:
        turn = here.iloc[0]
        before = question_before(article_turns, int(hit_turn))
        st.subheader(t("read_turn"))
        with st.container(border=True, key="read_turn"):
            st.markdown(
                f"{escape_markdown(vis.title(hit_article))} · #{int(hit_turn)} "
                f"{escape_markdown(turn[s.SECTION])}"
            )
            if before is None:
                st.caption(t("read_turn_first"))
            else:
                who = vis.identity(before.to_frame().T).iloc[0]
                st.markdown(
                    f"{t('read_turn_before')} · #{int(before[s.TURN])} "
                    f"{coloured(before[s.SPEAKER], vis.speaker_colour(who))}　"
                    f"{escape_markdown(before[s.TEXT])}"
                )
            spans = [] if lines is None else hit_spans(lines, hit_article, int(hit_turn))
            who = vis.identity(here).iloc[0]
            st.markdown(
                f"▶ #{int(hit_turn)} {coloured(turn[s.SPEAKER], vis.speaker_colour(who))}　"
                + highlight(turn[s.TEXT], spans)
            )
        uv.counted("counted_read_turn")
        st.button(t("read_turn_close"), on_click=read, args=("",), key="close_turn")
        if not ui_state.get("read"):
            ui_state.put("read", hit_article)

st.divider()
st.subheader(t("reader"))
if not vis.titles:
    st.info(t("no_turns"))
    st.stop()
# The selected articles, or (none selected) the most recent ones and the one in the link.
choices = list(sel.articles) or list(vis.titles)
if len(choices) > MAX_READER_CHOICES:
    choices = ui_data.ask("recent_articles", Selection(), limit=MAX_READER_CHOICES)
if ui_state.get("read") in vis.titles and ui_state.get("read") not in choices:
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
marked = int(hit.rsplit(":", 1)[1]) if hit and hit.rsplit(":", 1)[0] == article_id else None
section = None
for row in article_turns.itertuples(index=False):
    if getattr(row, s.SECTION) != section:
        section = getattr(row, s.SECTION)
        if section:
            st.markdown(f"#### {escape_markdown(section)}")
    speaker = getattr(row, s.SPEAKER)
    text = getattr(row, s.TEXT)
    spans = match_spans(text.casefold(), pattern) if pattern else []
    mark = f"▶ **#{marked}** " if getattr(row, s.TURN) == marked else ""
    st.markdown(mark + coloured(speaker, colours[speaker]) + "　" + highlight(text, spans))
