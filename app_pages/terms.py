"""Terms: what they talk about, in which words; any two selections compared (keyness) and
terms over publish dates; clicking a term opens its concordance."""

import re

import streamlit as st

from analysis import schema as s
from analysis.measures import compare
from analysis.measures.collocations import phrases
from analysis.measures.terms import distinctive_terms
from analysis.store.selection import Selection
from dashboard import compare_widgets, data, limits, notes, session, tables, tabs, view, widgets
from dashboard.charts.pivot import term_grid_figure
from dashboard.charts.reshape import most_used_terms
from dashboard.charts.terms import keyness_figure, top_terms_figure, who_says_what_figure
from dashboard.charts.trends import term_trends_figure
from dashboard.clicks import follow, plotly
from dashboard.formatting import escape_markdown
from dashboard.texts import t

TERM_SEPARATORS = re.compile(r"[,，、;；\s]+")


def top_terms() -> None:
    top = data.ask("term_counts", sel, top=30)
    left, right = st.columns([2, 3])
    with left:
        st.subheader(t("top_terms"))
        fig = top_terms_figure(top, lang=vis.lang)
        plotly(fig, "top_terms")
        tables.download_csv(top, "top_terms.csv")
    with right:
        st.subheader(t("word_cloud"))
        cloud = data.word_cloud(sel)
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
                key=session.DOWNLOAD_CLOUD,
                on_click="ignore",
            )


# ---------------------------------------------------------------- A against B
def comparison() -> None:
    """A against B. Not a fragment: a fragment's rerun would leave the sidebar's page links
    and share link with the view before the change (the answers it asks are cached, so the
    whole page's rerun redraws more than it computes)."""
    st.subheader(t("compare_title"))
    st.caption(t("compare_help"))
    options = view.options_for(corpus.store)
    summary = data.ask("summary", Selection())
    bounds = (summary.first.date(), summary.last.date()) if summary.first is not None else None
    compare_widgets.presets(options)
    col_a, col_b = st.columns(2)
    with col_a:
        st.markdown(
            f"**A** · {compare_widgets.describe(compare_widgets.side_selection('a', sel), vis)}"
        )
        compare_widgets.name_box("a")
        compare_widgets.editor("a", sel, options, vis, bounds)
    with col_b:
        st.markdown(
            f"**B** · {compare_widgets.describe(compare_widgets.side_selection('b', sel), vis)}"
        )
        compare_widgets.name_box("b")
        if not compare_widgets.rest_toggle():
            compare_widgets.editor("b", sel, options, vis, bounds)
    st.button(t("compare_reset"), on_click=compare_widgets.reset, key=session.COMPARE_RESET)
    sel_a, sel_b = (
        compare_widgets.side_selection("a", sel),
        compare_widgets.side_selection("b", sel),
    )
    name_a, name_b = compare_widgets.side_name("a"), compare_widgets.side_name("b")
    # Only the rows drawn are asked and kept (every term of a large corpus's comparison is
    # too large to keep between runs); the CSV of every term is made on its click.
    sizes, scores, scored = data.ask(
        "drawn_comparison",
        sel_a,
        sel_b,
        min_count=compare.MIN_COUNT,
        rows=limits.KEYNESS_ROWS,
        bars=limits.KEYNESS_BARS,
        most_used=limits.MAX_SCATTER_TERMS,
    )
    problem = sizes.problem()
    if problem == compare.B_EMPTY and sel_b is None:
        st.info(t("compare_rest_empty"))
    elif problem == compare.A_EMPTY:
        compare_widgets.empty_side("a", sel_a, vis, bounds)
    elif problem == compare.B_EMPTY:
        compare_widgets.empty_side("b", sel_b, vis, bounds)
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
            title = t("who_says_what_named").format(a=name_a, b=name_b)
            st.markdown(f"**{escape_markdown(title)}**")
            scatter = most_used_terms(scores)
            if len(scatter) < scored:
                st.caption(t("most_frequent_terms").format(shown=len(scatter), total=scored))
            fig = who_says_what_figure(scatter, name_a, name_b, lang=vis.lang)
            plotly(fig, "who_says_what")
            notes.counted("counted_z", min=compare.MIN_COUNT)
            title = t("keyness_chart_named").format(a=name_a, b=name_b)
            st.markdown(f"**{escape_markdown(title)}**")
            plotly(
                keyness_figure(scores, name_a, name_b, lang=vis.lang),
                "keyness",
            )
            notes.counted(
                "counted_keyness",
                m=f"{scored:,}",
                min=compare.MIN_COUNT,
                n=limits.KEYNESS_BARS,
            )
            every_term = data.later("comparison", sel_a, sel_b, min_count=compare.MIN_COUNT)
            tables.top_table(
                scores,
                vis,
                "keyness.csv",
                rows=limits.KEYNESS_ROWS,
                total=scored,
                csv=lambda: every_term()[1],
                column_config=compare_widgets.named_columns(name_a, name_b),
            )


# ---------------------------------------------------------------- terms by article × speaker
def term_grid() -> None:
    st.subheader(t("term_grid"))
    grid = data.ask("term_grid", sel, terms=limits.GRID_TERMS, groups=limits.GRID_GROUPS)
    if not grid.empty:
        plotly(term_grid_figure(grid, vis), "term_grid")
        pairs = data.ask("turn_totals", sel, by=(s.ARTICLE_ID, s.SPEAKER))
        notes.counted(
            "counted_term_grid",
            groups=limits.GRID_GROUPS,
            total=f"{len(pairs):,}",
            terms=limits.GRID_TERMS,
        )
        tables.download_csv(grid, "term_grid.csv", vis)


# ---------------------------------------------------------------- trends
def term_trends() -> None:
    st.subheader(t("term_trends"))
    col_terms, col_by = st.columns([3, 1])
    typed = widgets.text_input("trend_terms", t("trend_terms"), container=col_terms)
    by = widgets.radio(
        "trend_by",
        t("trend_by"),
        list(compare.TREND_PERIODS),
        container=col_by,
        horizontal=True,
        format_func={v: t(f"trend_by_{v}") for v in compare.TREND_PERIODS}.get,
    )
    chosen = [w for w in dict.fromkeys(TERM_SEPARATORS.split(typed)) if w]
    if len(chosen) > limits.MAX_TREND_TERMS:
        st.caption(t("trend_too_many").format(n=limits.MAX_TREND_TERMS))
        chosen = chosen[: limits.MAX_TREND_TERMS]
    # Decided on the selection's size, as on Themes: a large corpus never lists its articles.
    most = limits.MAX_TREND_ARTICLES
    if by == compare.BY_ARTICLE and data.ask("summary", sel).articles > most:
        st.caption(t("trend_by_month_instead").format(most=most))
        by = compare.BY_MONTH
    trends = data.compute(compare.term_trends, sel, tuple(chosen), by=by)
    if trends.empty:
        st.info(t("trend_undated"))
    else:
        used = compare.terms_by_use(trends)
        unused = [w for w in chosen if w not in used]
        if unused:
            st.caption(t("trend_unused").format(terms=escape_markdown("、".join(unused))))
        followed = [w for w in chosen if w in used] if chosen else used
        if followed:
            fig = term_trends_figure(trends, vis, followed, monthly=by == compare.BY_MONTH)
            plotly(fig, "term_trends")
        notes.counted("counted_term_trends")
        tables.download_csv(trends, "term_trends.csv")


def distinctive_and_phrases() -> None:
    # These measures read every word: of the most recent articles of a large selection.
    measured = data.bounded(sel)
    left, right = st.columns(2)
    with left:
        st.subheader(t("distinctive"))
        distinct = data.measure(distinctive_terms, measured, top=10)
        tables.top_table(distinct, vis, "distinctive_terms.csv", always_csv=True)
        notes.counted("counted_tfidf")
    with right:
        st.subheader(t("phrases"))
        frequent = data.measure(phrases, measured, min_count=2).head(40)
        tables.table(frequent, vis)
        tables.download_csv(frequent, "phrases.csv")


follow()  # a term's click opened the concordance
corpus = data.current()
vis = data.visual(corpus)
sel = view.selection()
st.title(t("page_terms"))
if data.ask("word_count", sel) == 0:
    st.info(t("no_turns"))
    st.stop()

# One tab open, only its charts drawn: the browser draws what is looked at.
tabs.show(
    "terms_tab",
    {
        "top": top_terms,
        "compare": comparison,
        "grid": term_grid,
        "trends": term_trends,
        "distinctive": distinctive_and_phrases,
    },
)
