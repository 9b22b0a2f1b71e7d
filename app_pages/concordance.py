"""Concordance and reader: every hit of a term in context, where it falls in each
conversation, and the turn or whole article to read."""

import streamlit as st

from analysis import schema as s
from analysis.measures.dispersion import articles_to_plot, dispersion
from analysis.measures.exchanges import question_answered
from analysis.store.selection import Selection, turn_id, turn_of
from analysis.text.kwic import (
    MODES,
    SORTS,
    dictionary_with,
    hit_spans,
    match_spans,
    sort_lines,
)
from analysis.text.themes import theme_regex
from dashboard import clicks, data, limits, notes, session, tables, tabs, view, widgets
from dashboard.charts.terms import dispersion_figure
from dashboard.formatting import coloured, escape_markdown, highlight
from dashboard.texts import t

corpus = data.current()
vis = data.visual(corpus)
sel = view.selection()


def read(hit: str) -> None:
    """Open a turn (`article:turn`) in the reader: the turn, and its article below."""
    if hit:
        view.change(hit=hit, read=turn_of(hit)[0])
    else:
        view.put("hit", "")


st.title(t("page_concordance"))
search_col, mode_col, sort_col = st.columns([3, 3, 2], vertical_alignment="bottom")
query = widgets.text_input(
    "q", t("kwic_search"), container=search_col, placeholder="智能体 / AGI / 推理"
)
mode = widgets.radio(
    "match",
    t("kwic_mode"),
    list(MODES),
    container=mode_col,
    horizontal=True,
    format_func=lambda m: t(f"kwic_mode_{m}"),
    help=t("kwic_mode_note"),
)
order = widgets.selectbox(
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
        terms = dictionary_with(data.current_vocabulary())
        found = data.ask("kwic", sel, pattern=query, mode=mode, terms=terms)
        lines = sort_lines(found, order)
    except ValueError as error:
        st.error(f"{t('kwic_bad_pattern')}: {escape_markdown(error)}")


def kwic_table(lines) -> None:
    """The hits in context: the first lines, a toggle lists more; a row opens its turn."""
    # The first lines on the first draw, a toggle below lists up to MAX_HITS_SHOWN: the
    # table's bytes are its rows, 140 kB for 500 at 10,000 articles (#21). The CSV has all.
    table_box = st.container()
    most = min(len(lines), limits.MAX_HITS_SHOWN)
    more = len(lines) > limits.MAX_TABLE_ROWS and widgets.toggle(
        "kwic_more",  # a view setting: a link opens the list it was made from
        t("kwic_list_all" if most == len(lines) else "kwic_list_more").format(n=f"{most:,}"),
    )
    listed = lines.head(most if more else limits.MAX_TABLE_ROWS)
    hit_ids = [turn_id(a, n) for a, n in zip(listed[s.ARTICLE_ID], listed[s.TURN], strict=True)]

    def read_row() -> None:
        rows = st.session_state[session.KWIC_TABLE].selection.rows
        read(hit_ids[rows[0]] if rows else "")

    # Key in the middle: the left context right-aligned against the hit, the right after it.
    in_context = listed.assign(**{s.TITLE: listed[s.ARTICLE_ID].map(vis.title)})[
        [s.LEFT, s.MATCH, s.RIGHT, s.SPEAKER, s.TITLE, s.TURN]
    ]
    # The CSV: every hit (not only those listed), each with its speaker, title and turn.
    with table_box:
        tables.top_table(
            in_context,
            vis,
            "kwic.csv",
            rows=len(in_context),
            total=len(lines),
            csv=lines,
            on_select=read_row,
            selection_mode="single-row",
            key=session.KWIC_TABLE,
            column_config={
                # 200 + 80 px: the left context and the hit fit a phone's width.
                s.LEFT: st.column_config.TextColumn(t("kwic_left"), width=200, alignment="right"),
                s.MATCH: st.column_config.TextColumn(t("kwic_match"), width=80, alignment="center"),
                s.RIGHT: st.column_config.TextColumn(t("kwic_right"), width=300),
            },
        )


def where_it_falls(found, lines) -> None:
    """Each hit as a tick at its place in its conversation; a tick opens its turn."""
    st.subheader(t("dispersion"))
    if lines.empty:
        return
    plotted = articles_to_plot(found)  # in corpus order, whatever the table's sort
    offsets = data.ask("speech_offsets", Selection(articles=tuple(plotted)))
    ticks = dispersion(found, offsets, plotted)
    with_hits = lines[s.ARTICLE_ID].nunique()
    if len(plotted) < with_hits:
        st.caption(t("dispersion_cut").format(shown=len(plotted), total=with_hits))
    clicks.plotly(dispersion_figure(ticks, vis, plotted), "dispersion")
    notes.counted("counted_dispersion")


if lines is not None:
    n_turns = len(lines[[s.ARTICLE_ID, s.TURN]].drop_duplicates())
    st.caption(t("kwic_hits").format(n=len(lines), turns=n_turns))
    # The lines and the plot in tabs, only the open one drawn (each costs the browser
    # a second at 100,000 articles); the open tab is in the link.
    tabs.show(
        "concordance_tab",
        {"lines": lambda: kwic_table(lines), "dispersion": lambda: where_it_falls(found, lines)},
    )

# The turn being read is in the URL (`hit=article:turn`): a shared link opens it too.
hit = view.get("hit")
hit_article, hit_turn = turn_of(hit) or ("", 0)
if hit:
    article_turns = data.ask("turns", Selection(articles=(hit_article,)))
    here = article_turns[article_turns[s.TURN] == hit_turn]
    if not here.empty:
        turn = here.iloc[0]
        before = question_answered(article_turns, hit_turn)
        st.subheader(t("read_turn"))
        with st.container(border=True, key="read_turn"):
            st.markdown(
                f"{escape_markdown(vis.title(hit_article))} · #{hit_turn} "
                f"{escape_markdown(turn[s.SECTION])}"
            )
            if before is None:
                st.caption(t("read_turn_no_question"))
            else:
                who = vis.identity(before.to_frame().T).iloc[0]
                st.markdown(
                    f"{t('read_turn_before')} · #{int(before[s.TURN])} "
                    f"{coloured(vis.speaker(before[s.SPEAKER]), vis.speaker_colour(who))}　"
                    f"{escape_markdown(before[s.TEXT])}"
                )
            spans = [] if lines is None else hit_spans(lines, hit_article, hit_turn)
            who = vis.identity(here).iloc[0]
            st.markdown(
                f"▶ #{hit_turn} {coloured(vis.speaker(turn[s.SPEAKER]), vis.speaker_colour(who))}　"
                + highlight(turn[s.TEXT], spans)
            )
        notes.counted("counted_read_turn")
        st.button(t("read_turn_close"), on_click=read, args=("",), key=session.CLOSE_TURN)

st.divider()
st.subheader(t("reader"))
if not vis.titles:
    st.info(t("no_turns"))
    st.stop()
# The selected articles, or (none selected) the most recent ones and the one in the link.
choices = list(sel.articles) or list(vis.titles)
if len(choices) > limits.MAX_READER_CHOICES:
    choices = data.ask("recent_articles", Selection(), limit=limits.MAX_READER_CHOICES)
# The article in the link, else the one of the turn being read.
reading = view.get("read") or hit_article
if reading in vis.titles and reading not in choices:
    choices = [reading, *choices]
article_id = widgets.selectbox(
    "read", t("reader_article"), choices, default=reading, format_func=vis.title
)
article_turns = data.ask("turns", Selection(articles=(article_id,)))
by_name = {th.name: th for th in corpus.themes}
theme = widgets.selectbox(
    "mark",
    t("reader_theme"),
    ["", *by_name],
    format_func=lambda x: vis.theme(x) if x else t("reader_no_theme"),
)
pattern = theme_regex(by_name[theme]) if theme else None
who = vis.identity(article_turns).map(vis.speaker_colour)
colours = dict(zip(article_turns[s.SPEAKER], who, strict=True))
marked = hit_turn if hit and hit_article == article_id else None
section = None
# The article as one Markdown element, not one per turn: the browser draws each element
# on its own (a seeds article has 150 turns), and every piece is escaped alike.
blocks = []
for row in article_turns.itertuples(index=False):
    if getattr(row, s.SECTION) != section:
        section = getattr(row, s.SECTION)
        if section:
            blocks.append(f"#### {escape_markdown(section)}")
    speaker = getattr(row, s.SPEAKER)
    text = getattr(row, s.TEXT)
    spans = match_spans(text.casefold(), pattern) if pattern else []
    mark = f"▶ **#{marked}** " if getattr(row, s.TURN) == marked else ""
    shown = coloured(vis.speaker(speaker), colours[speaker])
    blocks.append(mark + shown + "　" + highlight(text, spans))
with st.container(key="reader_text"):
    st.markdown("\n\n".join(blocks))
