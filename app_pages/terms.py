"""Terms: what they talk about, in which words; any two selections compared (keyness) and
terms over publish dates; clicking a term opens its concordance."""

import re

import plotly.graph_objects as go
import streamlit as st

import ui_compare
import ui_data
import ui_pages
import ui_state
import ui_visual as uv
from analysis import schema as s
from analysis.measures import compare
from analysis.measures.collocations import phrases
from analysis.measures.terms import distinctive_terms
from analysis.store.selection import Selection
from ui_clicks import follow_goto, plotly
from ui_format import escape_markdown, escape_plot
from ui_text import t

MAX_TREND_TERMS = 8  # lines a trend chart can tell apart
KEYNESS_ROWS = 40  # rows of the keyness table on the page; its CSV has every term
TERM_SEPARATORS = re.compile(r"[,，、;；\s]+")
CONCORDANCE = ui_pages.script("concordance")

follow_goto()
data = ui_data.current()
vis = uv.visual(data)
sel = ui_state.selection()
st.title(t("page_terms"))
if ui_data.ask("word_count", sel) == 0:
    st.info(t("no_turns"))
    st.stop()

top = ui_data.ask("term_counts", sel, top=30)
left, right = st.columns([2, 3])
with left:
    st.subheader(t("top_terms"))
    ranked = top.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=ranked[s.COUNT],
            y=[escape_plot(w) for w in ranked[s.TERM]],
            orientation="h",
            marker={"color": "#4c9be8"},
            customdata=[[w] for w in ranked[s.TERM]],
            hovertext=[
                uv.tip(uv.bold(w), f"{uv.number(n)} × · {r:,.1f} {t('per_10k')}")
                for w, n, r in zip(ranked[s.TERM], ranked[s.COUNT], ranked[s.RATE], strict=True)
            ],
            hovertemplate=uv.HOVER,
        )
    )
    uv.base_layout(fig, height=640, legend=False)
    fig.update_yaxes(type="category")
    fig.update_xaxes(title_text=t("col_count"))
    plotly(fig, "top_terms", {"q": 0}, goto=CONCORDANCE)
    uv.download_csv(top, "top_terms.csv")
with right:
    st.subheader(t("word_cloud"))
    cloud = ui_data.word_cloud(sel)
    if cloud is None:
        st.warning(t("no_font"))
        st.bar_chart(top.set_index(s.TERM)[s.COUNT])
    else:
        st.image(cloud.png, width="stretch")
        st.download_button(
            t("download_png"),
            cloud.png,
            file_name="wordcloud.png",
            mime="image/png",
            key="download_cloud",
        )

# The measures below read every word: of the most recent articles of a large selection.
measured = ui_data.bounded(sel)


# ---------------------------------------------------------------- A against B
@st.fragment
def comparison() -> None:
    """A against B. A fragment: changing A or B reruns this part only, so a comparison
    is applied without redrawing the rest of the page."""
    follow_goto()  # a keyword's click asks for its concordance
    st.subheader(t("compare_title"))
    st.caption(t("compare_help"))
    options = ui_state.options_for(data.store)
    summary = ui_data.ask("summary", Selection())
    bounds = (summary.first.date(), summary.last.date()) if summary.first is not None else None
    col_a, col_b = st.columns(2)
    with col_a:
        st.markdown(f"**A** · {ui_compare.describe(ui_compare.side_selection('a', sel), vis)}")
        ui_compare.editor("a", sel, options, vis, bounds)
    with col_b:
        st.markdown(f"**B** · {ui_compare.describe(ui_compare.side_selection('b', sel), vis)}")
        if not ui_compare.rest_toggle():
            ui_compare.editor("b", sel, options, vis, bounds)
    st.button(t("compare_reset"), on_click=ui_compare.reset, key="compare_reset")
    sel_a, sel_b = ui_compare.side_selection("a", sel), ui_compare.side_selection("b", sel)
    name_a, name_b = ui_compare.side_name("a"), ui_compare.side_name("b")
    sizes, scores = ui_data.compute(compare.comparison, sel_a, sel_b, min_count=compare.MIN_COUNT)
    problem = sizes.problem()
    if problem == compare.B_EMPTY and sel_b is None:
        st.info(t("compare_rest_empty"))
    elif problem is not None:
        st.info(t(f"compare_{problem}"))
    else:
        st.caption(
            t("compare_sizes").format(
                a=escape_markdown(name_a),
                b=escape_markdown(name_b),
                wa=f"{sizes.words_a:,}",
                wb=f"{sizes.words_b:,}",
            )
        )
        if sizes.shared:
            st.caption(t("compare_shared").format(n=f"{sizes.shared:,}"))
        if scores.empty:
            st.info(t("keyness_none").format(min=compare.MIN_COUNT))
        else:
            st.markdown(f"**{t('who_says_what')}**")
            scatter = scores
            most = ui_data.MAX_SCATTER_TERMS
            if len(scatter) > most:
                st.caption(t("most_frequent_terms").format(shown=most, total=len(scatter)))
                total = scatter[s.COUNT_A] + scatter[s.COUNT_B]
                scatter = scatter.loc[total.nlargest(most).index]
            fig = uv.who_says_what_figure(scatter, name_a, name_b)
            plotly(fig, "who_says_what", {"q": 0}, goto=CONCORDANCE)
            uv.counted("counted_z", min=compare.MIN_COUNT)
            st.markdown(f"**{t('keyness_chart')}**")
            plotly(uv.keyness_figure(scores, name_a, name_b), "keyness", {"q": 0}, goto=CONCORDANCE)
            uv.counted(
                "counted_keyness", m=f"{len(scores):,}", min=compare.MIN_COUNT, n=uv.KEYNESS_BARS
            )
            uv.top_table(scores, vis, "keyness.csv", rows=KEYNESS_ROWS, always_csv=True)
    ui_state.write_url()  # a fragment's rerun skips the entry point's own call
    # The sidebar's share link is drawn by the whole page's run, which a change here skips:
    # the comparison's own link, always current, as the sidebar writes it.
    st.caption(t("compare_link"))
    st.markdown(f"`{ui_state.share_link().replace('`', '%60')}`")


comparison()

# ---------------------------------------------------------------- trends
st.subheader(t("term_trends"))
col_terms, col_by = st.columns([3, 1])
typed = ui_state.text_input("trend_terms", t("trend_terms"), container=col_terms)
by = ui_state.radio(
    "trend_by",
    t("trend_by"),
    list(compare.TREND_PERIODS),
    container=col_by,
    horizontal=True,
    format_func=lambda v: t(f"trend_by_{v}"),
)
chosen = [w for w in dict.fromkeys(TERM_SEPARATORS.split(typed)) if w]
if len(chosen) > MAX_TREND_TERMS:
    st.caption(t("trend_too_many").format(n=MAX_TREND_TERMS))
    chosen = chosen[:MAX_TREND_TERMS]
most = compare.MAX_TREND_ARTICLES
if by == compare.BY_ARTICLE and len(ui_data.ask("recent_articles", sel)) > most:
    st.caption(t("trend_by_month_instead").format(most=most))
    by = compare.BY_MONTH
trends = ui_data.compute(compare.term_trends, sel, tuple(chosen), by=by)
if trends.empty:
    st.info(t("trend_undated"))
else:
    used = compare.terms_by_use(trends)
    unused = [w for w in chosen if w not in used]
    if unused:
        st.caption(t("trend_unused").format(terms=escape_markdown("、".join(unused))))
    followed = [w for w in chosen if w in used] if chosen else used
    if followed:
        fig = uv.term_trends_figure(trends, vis, followed, monthly=by == compare.BY_MONTH)
        plotly(fig, "term_trends", {"q": 0}, goto=CONCORDANCE)
    uv.counted("counted_term_trends")
    uv.download_csv(trends, "term_trends.csv")

left, right = st.columns(2)
with left:
    st.subheader(t("distinctive"))
    distinct = ui_data.measure(distinctive_terms, measured, top=10)
    uv.top_table(distinct, vis, "distinctive_terms.csv", always_csv=True)
    uv.counted("counted_tfidf")
with right:
    st.subheader(t("phrases"))
    frequent = ui_data.measure(phrases, measured, min_count=2).head(40)
    uv.table(frequent, vis)
    uv.download_csv(frequent, "phrases.csv")
