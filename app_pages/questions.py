"""Questions and answers: every question with its answer as one row, filtered by term, theme,
asker, answerer and type; a row opens its answer, and the reader at that turn. Below, in tabs
(only the open one drawn), how each interviewer asks and how the answers run, each chart a way
into the list."""

import streamlit as st

from analysis import schema as s
from analysis.measures.exchanges import SEPARATOR
from analysis.store import exchanges as x
from analysis.store.exchanges import ExchangeFilter
from analysis.store.selection import turn_id, turn_of
from dashboard import data, limits, notes, session, tables, tabs, view, widgets
from dashboard.charts.look import clip
from dashboard.charts.questions import (
    by_theme_figure,
    exchange_id,
    lengths_figure,
    rate_figure,
    types_figure,
)
from dashboard.charts.terms import keyness_figure
from dashboard.clicks import follow, plotly
from dashboard.formatting import coloured, escape_markdown
from dashboard.texts import t

# The list's own filters in the URL (dashboard/view.py PARAMS), cleared together.
FILTER_PARAMS = (
    *("qa_search", "qa_term", "qa_theme", "qa_asker", "qa_answerer", "qa_type"),
    *("qa_in", "qa_follow", "qa_shift"),
)
FLAGS = {"": None, "1": True, "0": False}
QUESTION_SHOWN = 100  # characters of a question in the list (a medium column shows ~40)
EMPTY = {
    x.NOT_BUILT: "qa_not_built",
    x.NO_SPEECH: "no_turns",
    x.NO_QUESTIONER: "qa_no_questioner",
    x.NO_QUESTIONS: "qa_no_questions",
}

follow()  # "open in the reader" asked for the concordance
corpus = data.current()
vis = data.visual(corpus)
sel = view.selection()
st.title(t("page_questions"))
st.caption(t("qa_intro"))

# Nothing to list at all: say why, in words (no questioner, no question, no speech).
whole = data.ask("exchange_summary", sel)
if whole.exchanges == 0:
    st.info(t(EMPTY.get(whole.reason, "qa_no_questions")))
    st.stop()


def clear_filters() -> None:
    view.change(**dict.fromkeys(FILTER_PARAMS, ""))


# ---- The list's filters
themes = [th.name for th in corpus.themes]
askers = list(
    dict.fromkeys(data.ask("question_types", sel, top=limits.MAX_PEOPLE_OFFERED)[s.ASKER])
)
talkers = data.ask("turn_totals", sel, by=(s.SPEAKER, s.ROLE))
talkers = talkers[~talkers[s.ROLE].isin((s.HOST, s.AUDIENCE))].sort_values(s.CHARS, ascending=False)
answerers = list(dict.fromkeys(talkers[s.SPEAKER].head(limits.MAX_PEOPLE_OFFERED)))
for name, offered in (("qa_asker", askers), ("qa_answerer", answerers)):
    chosen = view.get(name)  # a link's person beyond the most active is still offered
    if chosen and chosen not in offered:
        offered.append(chosen)


def anyone(value: str) -> str:
    return value or t("qa_any")


search_col, theme_col, asker_col, answerer_col, type_col = st.columns(5)
search = widgets.text_input("qa_search", t("qa_search"), container=search_col).strip()
theme = widgets.selectbox(
    "qa_theme",
    t("qa_theme"),
    ["", *themes],
    container=theme_col,
    format_func=lambda v: vis.theme(v) if v else t("qa_any"),
)
asker = widgets.selectbox(
    "qa_asker", t("qa_asker"), ["", *askers], container=asker_col, format_func=anyone
)
answerer = widgets.selectbox(
    "qa_answerer", t("qa_answerer"), ["", *answerers], container=answerer_col, format_func=anyone
)
kind = widgets.selectbox(
    "qa_type",
    t("qa_type"),
    ["", *s.QUESTION_TYPES],
    container=type_col,
    format_func=lambda v: t(f"qa_type_{v}") if v else t("qa_any"),
)
more = any(view.get(name) != view.PARAMS[name].default for name in FILTER_PARAMS[6:])
box = st.expander(
    t("qa_more_filters"),
    expanded=more or bool(view.get("qa_term")),
    key=session.QA_MORE_FILTERS,
    on_change="rerun",
)
# Drawn only while open: the browser draws a closed expander's widgets too (issue 21).
# Closed, the settings are the view's, as the widgets would give them.
term, part = view.get("qa_term").strip(), view.get("qa_in")
follow_up, shift = view.get("qa_follow"), view.get("qa_shift")
if box.open:
    with box:
        term_col, part_col, follow_col, shift_col = st.columns(4)
        term = widgets.text_input(
            "qa_term", t("qa_term"), container=term_col, help=t("qa_term_help")
        ).strip()
        part = widgets.selectbox(
            "qa_in",
            t("qa_in"),
            list(x.PARTS),
            container=part_col,
            format_func=lambda v: t(f"qa_in_{v}"),
        )
        flag_names = {"": t("qa_any"), "1": t("qa_only"), "0": t("qa_not")}
        follow_up = widgets.selectbox(
            "qa_follow",
            t("qa_follow"),
            list(FLAGS),
            container=follow_col,
            format_func=flag_names.get,
        )
        shift = widgets.selectbox(
            "qa_shift", t("qa_shift"), list(FLAGS), container=shift_col, format_func=flag_names.get
        )
filt = ExchangeFilter(
    terms=(term,) if term else (),
    themes=(theme,) if theme else (),
    askers=(asker,) if asker else (),
    answerers=(answerer,) if answerer else (),
    types=(kind,) if kind else (),
    part=part or s.QUESTION,
    search=search,
    follow_up=FLAGS.get(follow_up or ""),
    topic_shift=FLAGS.get(shift or ""),
)
if not filt.is_empty():
    st.button(t("qa_clear"), on_click=clear_filters, key=session.CLEAR_QUESTION_FILTERS)

# Follow-ups and topic shifts read every word of the exchanges' articles: at scale they are
# found in the selection's most recent articles (a note says so), as the rate charts are.
measured = data.bounded(sel)
listed_sel = measured if filt.needs_links() else sel

# ---- The list
st.subheader(t("qa_list_heading"))
summary = data.ask("exchange_summary", listed_sel, filt)
if summary.exchanges == 0:
    st.info(t("qa_no_match"))
else:
    st.caption(
        t("qa_count").format(
            n=f"{summary.exchanges:,}", articles=summary.articles, answered=summary.answered
        )
    )
    # Three orders: a radio, one click (and lighter in the browser than a select box).
    order = widgets.radio(
        "qa_order",
        t("qa_order"),
        list(x.ORDERS),
        horizontal=True,
        format_func=lambda v: t(f"qa_order_{v}"),
    )
    listed = data.ask("exchanges", listed_sel, filt, order=order, limit=limits.QUESTIONS_LISTED)
    row_ids = [
        exchange_id(a, n) for a, n in zip(listed[s.ARTICLE_ID], listed[s.EXCHANGE], strict=True)
    ]

    def open_row() -> None:
        rows = st.session_state[session.QUESTIONS_TABLE].selection.rows
        view.put("qa_open", row_ids[rows[0]] if rows else "")

    shown = listed[
        [
            s.ARTICLE_ID,
            s.ASKER,
            s.QUESTION_TEXT,
            s.ANSWERERS,
            s.ANSWER_CHARS,
            s.QUESTION_TYPE,
            s.QUESTION_THEMES,
            s.FOLLOW_UP,
            s.TOPIC_SHIFT,
        ]
    ].assign(
        **{
            s.QUESTION_TYPE: listed[s.QUESTION_TYPE].map(lambda v: t(f"qa_type_{v}")),
            # As much as the column shows: the opened row and the CSV have all of it.
            s.QUESTION_TEXT: listed[s.QUESTION_TEXT].map(lambda q: clip(q, QUESTION_SHOWN)),
            s.QUESTION_THEMES: listed[s.QUESTION_THEMES].map(
                lambda v: SEPARATOR.join(vis.theme(th) for th in str(v).split(SEPARATOR) if th)
            ),
        }
    )
    tables.table(
        shown,
        vis,
        on_select=open_row,
        selection_mode="single-row",
        key=session.QUESTIONS_TABLE,
        column_config={
            s.ASKER: st.column_config.TextColumn(t("col_asker")),
            # Medium: a long question is read when its row is opened; the answer's length must
            # stay in view beside it (it was off-screen at 1,400 px).
            s.QUESTION_TEXT: st.column_config.TextColumn(t("col_question"), width="medium"),
            s.QUESTION_TYPE: st.column_config.TextColumn(t("col_question_type")),
            s.ANSWERERS: st.column_config.TextColumn(t("col_answerers")),
            s.ANSWER_CHARS: st.column_config.NumberColumn(
                t("col_answer_chars"), format="localized"
            ),
            s.QUESTION_THEMES: st.column_config.TextColumn(t("col_question_themes")),
            s.FOLLOW_UP: st.column_config.CheckboxColumn(t("col_follow_up")),
            s.TOPIC_SHIFT: st.column_config.CheckboxColumn(t("col_topic_shift")),
        },
    )
    if summary.exchanges > len(listed):
        st.caption(t("qa_listed").format(shown=len(listed), total=f"{summary.exchanges:,}"))
    tables.download_csv(listed, "questions.csv")

# ---- The question opened (`qa_open=article:exchange`): its turns, and the reader at its answer
opened = turn_of(view.get("qa_open"))
if opened:
    article_id, number = opened
    turns = data.ask("exchange_text", article_id, number)
    st.subheader(t("qa_opened"))
    if turns.empty:
        st.info(t("qa_gone"))
    else:
        answer = turns[turns[s.PART] == s.ANSWER]
        colours = vis.identity(turns.assign(**{s.ARTICLE_ID: article_id})).map(vis.speaker_colour)
        with st.container(border=True, key="qa_exchange"):
            st.markdown(
                f"{escape_markdown(vis.title(article_id))} · "
                f"{escape_markdown(t('qa_tip_exchange').format(n=number))}"
            )
            for row, colour in zip(turns.itertuples(index=False), colours, strict=True):
                st.markdown(
                    f"#{getattr(row, s.TURN)} {coloured(getattr(row, s.SPEAKER), colour)}　"
                    f"{escape_markdown(getattr(row, s.TEXT))}"
                )
            if answer.empty:
                st.caption(t("qa_unanswered"))
            else:
                st.caption(f"{t('col_answer_chars')}: {int(answer[s.CHARS].sum()):,}")
        # The reader opens at the answer's first turn, the question shown above it.
        at = int(answer[s.TURN].iat[0]) if not answer.empty else int(turns[s.TURN].iat[0])
        goto = ("concordance", {"hit": turn_id(article_id, at), "read": article_id})

        def read_answer() -> None:
            st.session_state[session.GOTO] = goto  # followed by the next run (`follow`)

        read_col, close_col = st.columns(2)
        read_col.button(
            t("qa_read"), key=session.READ_EXCHANGE, on_click=read_answer, type="primary"
        )
        close_col.button(
            t("qa_close"), key=session.CLOSE_EXCHANGE, on_click=view.put, args=("qa_open", "")
        )

# ---- Charts of the whole selection (the list's filters left out): a click filters the list.
# One chart per tab, only the open one drawn (issue 21): the list above stays in view.


def by_theme_chart() -> None:
    st.subheader(t("qa_by_theme_heading"))
    by_theme = data.ask("answer_length_by_theme", sel)
    if by_theme.empty:
        st.info(t("qa_no_rates"))
    else:
        plotly(by_theme_figure(by_theme, vis), "answers_by_theme")
        notes.counted("counted_qa_by_theme")


def lengths_chart() -> None:
    st.subheader(t("qa_lengths_heading"))
    lengths = data.ask("answer_lengths", sel, max_articles=limits.MAX_ARTICLES_CHARTED)
    if whole.articles > limits.MAX_ARTICLES_CHARTED:
        st.caption(
            t("most_recent_articles").format(
                shown=limits.MAX_ARTICLES_CHARTED, total=f"{whole.articles:,}"
            )
        )
    plotly(lengths_figure(lengths, vis), "answer_lengths")
    notes.counted("counted_qa_lengths")


def types_chart() -> None:
    st.subheader(t("qa_types_heading"))
    types = data.ask("question_types", sel, top=limits.MAX_ASKERS_CHARTED)
    plotly(types_figure(types, vis.lang), "question_types")
    notes.counted("counted_qa_types")


def follow_chart() -> None:
    st.subheader(t("qa_follow_heading"))
    follow_ups = data.ask("follow_up_rates", measured, top=limits.MAX_ASKERS_CHARTED)
    if follow_ups.empty:
        st.info(t("qa_no_rates"))
    else:
        figure = rate_figure(follow_ups, s.ASKER, x.FOLLOW_UPS, x.EXCHANGES_COUNT, vis.lang)
        plotly(figure, "follow_up_rates")
    notes.counted("counted_qa_follow")


def shift_chart() -> None:
    st.subheader(t("qa_shift_heading"))
    shifts = data.ask(
        "topic_shift_rates", measured, by=x.BY_ANSWERER, top=limits.MAX_ASKERS_CHARTED
    )
    if shifts.empty:
        st.info(t("qa_no_rates"))
    else:
        figure = rate_figure(shifts, x.BY_ANSWERER, x.SHIFTS, x.ANSWERED, vis.lang)
        plotly(figure, "topic_shift_rates")
    notes.counted("counted_qa_shift")


def compare_chart() -> None:
    """Answers to questions about theme A against theme B (the Terms page's keywords chart)."""
    st.subheader(t("qa_compare_heading"))
    a_col, b_col = st.columns(2)
    theme_name = lambda v: vis.theme(v) if v else t("qa_any")  # noqa: E731
    theme_a = widgets.selectbox(
        "qa_cmp_a", t("qa_compare_a"), ["", *themes], container=a_col, format_func=theme_name
    )
    theme_b = widgets.selectbox(
        "qa_cmp_b", t("qa_compare_b"), ["", *themes], container=b_col, format_func=theme_name
    )
    if not (theme_a and theme_b):
        st.caption(t("qa_compare_pick"))
    elif theme_a == theme_b:
        st.info(t("qa_compare_same"))
    else:
        # Keyness reads every word of both sides: the selection's most recent articles.
        side_a = x.ExchangeSide(sel=measured, filt=ExchangeFilter(themes=(theme_a,)))
        side_b = x.ExchangeSide(sel=measured, filt=ExchangeFilter(themes=(theme_b,)))
        sizes, keyness = data.ask("exchange_comparison", side_a, side_b)
        if keyness.empty:
            st.info(t("qa_compare_empty"))
        else:
            figure = keyness_figure(keyness, vis.theme(theme_a), vis.theme(theme_b), lang=vis.lang)
            plotly(figure, "qa_keyness")
            notes.counted("counted_qa_compare")


CHARTS = {
    "themes": by_theme_chart,
    "lengths": lengths_chart,
    "types": types_chart,
    "follow": follow_chart,
    "shift": shift_chart,
    "compare": compare_chart,
}


# Below the list, in a box drawn only while open: a chart costs the browser as much as the
# rest of this page (0.44x the yardstick at the seeds, issue 21), for a visitor who came
# for the list. A link from before the box opens it when it names a chart's setting.
legacy = view.get("questions_tab") != view.PARAMS["questions_tab"].default
charts_box = widgets.expander(
    "qa_charts",
    t("qa_charts_heading"),
    session.QA_CHARTS,
    unsaid=legacy or bool(view.get("qa_cmp_a") or view.get("qa_cmp_b")),
    icon=":material/bar_chart:",
)
if charts_box.open:
    with charts_box:
        st.caption(t("qa_charts_hint"))
        tabs.show("questions_tab", CHARTS)
