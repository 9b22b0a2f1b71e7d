"""Words together: a term's collocates, the co-occurrence network of the top terms, and
n-grams; clicking a collocate or a node opens its concordance."""

import streamlit as st

import ui_data
import ui_pages
import ui_state
import ui_visual as uv
from analysis import schema as s
from analysis.measures.collocations import MAX_SPAN, collocates, ngrams
from analysis.measures.network import TOP_EDGES, word_network
from ui_clicks import follow_goto, plotly
from ui_format import escape_markdown
from ui_text import t

CONCORDANCE = ui_pages.script("concordance")
NETWORK_MIN_TOGETHER = 2  # turns a pair must share to be an edge

follow_goto()
data = ui_data.current()
vis = uv.visual(data)
sel = ui_state.selection()
st.title(t("page_words"))
if ui_data.ask("word_count", sel) == 0:
    st.info(t("no_turns"))
    st.stop()

# ---- Collocates of a term
st.subheader(t("colloc_heading"))
top_terms = ui_data.ask("term_counts", sel, top=1)
# No term chosen yet: the concordance's search, else the selection's most frequent word.
fallback = ui_state.get("q") or (str(top_terms[s.TERM].iat[0]) if len(top_terms) else "")
if not ui_state.get("colloc"):
    ui_state.put("colloc", fallback)
term_col, left_col, right_col, min_col, score_col = st.columns([3, 2, 2, 2, 2])
term = ui_state.text_input(
    "colloc", t("colloc_term"), container=term_col, help=t("colloc_term_help")
).strip()
left = ui_state.number_input("span_left", t("colloc_left"), 0, MAX_SPAN, left_col)
right = ui_state.number_input("span_right", t("colloc_right"), 0, MAX_SPAN, right_col)
min_count = ui_state.number_input("colloc_min", t("colloc_min"), 1, 1000, min_col)
score = ui_state.selectbox(
    "colloc_by",
    t("colloc_score"),
    ui_state.COLLOCATE_SCORES,
    container=score_col,
    format_func=lambda v: t(f"score_{v}"),
)
if not term:
    st.info(t("colloc_pick"))
elif left + right == 0:
    st.info(t("colloc_no_span"))
else:
    # Each asks DuckDB for a small table (ui_data.compute caches it), so a large corpus costs
    # a query, not its words.
    found = ui_data.compute(
        collocates, term=term, left=left, right=right, min_count=min_count, sel=sel
    )
    if found.empty:
        present = ui_data.compute(
            collocates, term=term, left=left, right=right, min_count=1, sel=sel
        )
        message = "colloc_none" if len(present) else "colloc_absent"
        st.info(t(message).format(term=escape_markdown(term), min=min_count))
    else:
        column = s.G2 if score == "g2" else s.MI
        ranked = found.sort_values([column, s.COUNT], ascending=False, ignore_index=True)
        plotly(uv.collocates_figure(ranked, column), "collocates", {"q": 0}, goto=CONCORDANCE)
        uv.counted("counted_colloc", left=left, right=right)
        uv.top_table(ranked, vis, "collocates.csv", always_csv=True)

# ---- Co-occurrence network of the top terms and n-grams: they read every word of every
# turn, so a large selection is measured on its most recent articles (a note says so).
st.subheader(t("network_heading"))
measured = ui_data.bounded(sel)
net_terms = int(
    ui_state.selectbox("net_terms", t("network_terms"), ["30", "60", "100", "150"])
    or ui_state.PARAMS["net_terms"].default
)
network = ui_data.compute(
    word_network, measured, top_terms=net_terms, top_edges=TOP_EDGES, min_count=NETWORK_MIN_TOGETHER
)
if network.nodes.empty:
    st.info(t("network_none"))
else:
    figure = uv.network_figure(network.nodes, network.edges)
    plotly(figure, "network", {"q": 0}, goto=CONCORDANCE)
    uv.counted("counted_network", terms=net_terms, edges=TOP_EDGES, min=NETWORK_MIN_TOGETHER)
    edges_col, nodes_col = st.columns(2)
    with edges_col:
        uv.top_table(network.edges, vis, "cooccurrence.csv", always_csv=True)
    with nodes_col:
        shown = network.nodes[[s.TERM, s.COUNT, s.COMMUNITY, s.DEGREE]]
        uv.top_table(shown, vis, "network.csv", always_csv=True, csv=network.nodes)

# ---- n-grams
st.subheader(t("ngram_heading"))
n_col, n_min_col = st.columns(2)
n = int(ui_state.radio("ngram_n", t("ngram_n"), ["2", "3", "4"], container=n_col, horizontal=True))
n_min = ui_state.number_input("ngram_min", t("ngram_min"), 1, 1000, n_min_col)
runs = ui_data.compute(ngrams, n=n, min_count=n_min, sel=measured)
if runs.empty:
    st.info(t("ngram_none").format(n=n, min=n_min))
else:
    uv.top_table(runs, vis, "ngrams.csv", always_csv=True)
uv.counted("counted_ngram", n=n)
