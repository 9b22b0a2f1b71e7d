"""Terms: what they talk about, in which words; clicking a term opens its concordance."""

from dataclasses import replace

import plotly.graph_objects as go
import streamlit as st

import ui_data
import ui_pages
import ui_state
import ui_visual as uv
from analysis import schema as s
from analysis.measures.collocations import phrases
from analysis.measures.keyness import keyness, log_odds
from analysis.measures.terms import distinctive_terms
from ui_clicks import follow_goto, plotly
from ui_format import escape_plot
from ui_text import t

MIN_COUNT = 3  # terms used fewer times in the two groups together are noise in the scatter
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
st.subheader(t("who_says_what"))
roles = list(ui_state.options_for(data.store).roles)
col_a, col_b = st.columns(2)
group_a = ui_state.selectbox(
    "group_a", t("group_a"), roles, container=col_a, format_func=lambda r: t(f"role_{r}")
)
group_b = ui_state.selectbox(
    "group_b", t("group_b"), roles, container=col_b, format_func=lambda r: t(f"role_{r}")
)


def role_scores(tokens, measure: str, group_a: str, group_b: str, **kwargs):
    """Log-odds or keyness of group A's words against group B's, from both roles' tokens."""
    function = {"log_odds": log_odds, "keyness": keyness}[measure]
    a, b = tokens[tokens[s.ROLE] == group_a], tokens[tokens[s.ROLE] == group_b]
    return function(a, b, **kwargs)


def of_role(role: str):
    """The measured selection narrowed to one role (nothing when the filter excludes it)."""
    if measured.roles and role not in measured.roles:
        return None
    return replace(measured, roles=(role,))


sel_a, sel_b = of_role(group_a), of_role(group_b)
empty = (
    sel_a is None
    or sel_b is None
    or group_a == group_b
    or ui_data.ask("word_count", sel_a) == 0
    or ui_data.ask("word_count", sel_b) == 0
)
if empty:
    st.info(t("pick_two_groups"))
else:
    both = replace(measured, roles=(group_a, group_b))
    columns = (s.ROLE, s.TOKEN)
    scores = ui_data.measure(
        role_scores, both, columns, measure="log_odds", group_a=group_a, group_b=group_b
    )
    total = scores[s.COUNT_A] + scores[s.COUNT_B]
    scores = scores[total >= MIN_COUNT]
    most = ui_data.MAX_SCATTER_TERMS
    if len(scores) > most:
        st.caption(t("most_frequent_terms").format(shown=most, total=len(scores)))
        scores = scores.loc[total[scores.index].nlargest(most).index]
    fig = uv.who_says_what_figure(scores, t("role_" + group_a), t("role_" + group_b))
    plotly(fig, "who_says_what", {"q": 0}, goto=CONCORDANCE)
    uv.counted("counted_z", min=MIN_COUNT)
    keyed = ui_data.measure(
        role_scores,
        both,
        columns,
        measure="keyness",
        group_a=group_a,
        group_b=group_b,
        min_count=MIN_COUNT,
    )
    uv.table(keyed.head(40), vis)
    uv.counted("counted_g2")
    uv.download_csv(keyed, "keyness.csv")

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
