"""Words together: a term's collocates, the co-occurrence network of the top terms, and
n-grams; clicking a collocate or a node opens its concordance."""

import streamlit as st

from analysis import schema as s
from analysis.measures.collocations import MAX_SPAN
from analysis.measures.network import TOP_EDGES
from dashboard import data, notes, tables, tabs, view, widgets
from dashboard.charts.words import collocates_figure, network_figure
from dashboard.clicks import follow, plotly
from dashboard.formatting import escape_markdown
from dashboard.texts import t

NETWORK_MIN_TOGETHER = 2  # turns a pair must share to be an edge


def collocates() -> None:
    """Collocates of a term, in the selection or, for a large one, its most recent articles."""
    st.subheader(t("colloc_heading"))
    # Windows read every word of the selection (12 GB and 141 s for a common word over
    # 100,000 articles): a large selection is measured on its most recent articles, as the
    # network and the n-grams are (a note says so).
    measured = data.bounded(sel)
    top_terms = data.ask("term_counts", measured, top=1)
    # No term chosen yet: the concordance's search, else the selection's most frequent word.
    fallback = view.get("q") or (str(top_terms[s.TERM].iat[0]) if len(top_terms) else "")
    term_col, left_col, right_col, min_col, score_col = st.columns([3, 2, 2, 2, 2])
    term = widgets.text_input(
        "colloc", t("colloc_term"), container=term_col, default=fallback, help=t("colloc_term_help")
    ).strip()
    left = widgets.number_input("span_left", t("colloc_left"), 0, MAX_SPAN, left_col)
    right = widgets.number_input("span_right", t("colloc_right"), 0, MAX_SPAN, right_col)
    min_count = widgets.number_input("colloc_min", t("colloc_min"), 1, 1000, min_col)
    score = widgets.selectbox(
        "colloc_by",
        t("colloc_score"),
        view.COLLOCATE_SCORES,
        container=score_col,
        format_func=lambda v: t(f"score_{v}"),
    )
    if not term:
        st.info(t("colloc_pick"))
    elif left + right == 0:
        st.info(t("colloc_no_span"))
    else:
        found = data.ask(
            "collocates", term=term, left=left, right=right, min_count=min_count, sel=measured
        )
        if found.empty:
            present = data.ask(
                "collocates", term=term, left=left, right=right, min_count=1, sel=measured
            )
            message = "colloc_none" if len(present) else "colloc_absent"
            st.info(t(message).format(term=escape_markdown(term), min=min_count))
        else:
            column = s.G2 if score == "g2" else s.MI
            ranked = found.sort_values([column, s.COUNT], ascending=False, ignore_index=True)
            plotly(
                collocates_figure(ranked, column, lang=vis.lang),
                "collocates",
            )
            notes.counted("counted_colloc", left=left, right=right)
            tables.top_table(ranked, vis, "collocates.csv", always_csv=True)


def network() -> None:
    """Co-occurrence network of the top terms. It and the n-grams read every word of every
    turn, so a large selection is measured on its most recent articles (a note says so)."""
    measured = data.bounded(sel)
    st.subheader(t("network_heading"))
    net_terms = int(
        widgets.selectbox("net_terms", t("network_terms"), ["30", "60", "100", "150"])
        or view.PARAMS["net_terms"].default
    )
    graph = data.ask(
        "word_network",
        measured,
        top_terms=net_terms,
        top_edges=TOP_EDGES,
        min_count=NETWORK_MIN_TOGETHER,
    )
    if graph.nodes.empty:
        st.info(t("network_none"))
    else:
        figure = network_figure(graph.nodes, graph.edges, lang=vis.lang)
        plotly(figure, "network")
        notes.counted("counted_network", terms=net_terms, edges=TOP_EDGES, min=NETWORK_MIN_TOGETHER)
        edges_col, nodes_col = st.columns(2)
        with edges_col:
            tables.top_table(graph.edges, vis, "cooccurrence.csv", always_csv=True)
        with nodes_col:
            shown = graph.nodes[[s.TERM, s.COUNT, s.COMMUNITY, s.DEGREE]]
            tables.top_table(shown, vis, "graph.csv", always_csv=True, csv=graph.nodes)


def ngrams() -> None:
    """n-grams, measured as the network is."""
    measured = data.bounded(sel)
    st.subheader(t("ngram_heading"))
    n_col, n_min_col = st.columns(2)
    n = int(
        widgets.radio("ngram_n", t("ngram_n"), ["2", "3", "4"], container=n_col, horizontal=True)
    )
    n_min = widgets.number_input("ngram_min", t("ngram_min"), 1, 1000, n_min_col)
    runs = data.ask("ngrams", n=n, min_count=n_min, sel=measured)
    if runs.empty:
        st.info(t("ngram_none").format(n=n, min=n_min))
    else:
        tables.top_table(runs, vis, "ngrams.csv", always_csv=True)
    notes.counted("counted_ngram", n=n)


TABS = {"collocates": collocates, "network": network, "ngrams": ngrams}
follow()  # a term's click opened the concordance
corpus = data.current()
vis = data.visual(corpus)
sel = view.selection()
st.title(t("page_words"))
if data.ask("word_count", sel) == 0:
    st.info(t("no_turns"))
    st.stop()
# One tab at a time, only the open one drawn (issue 21): the collocates first.
tabs.show("words_tab", TABS)
