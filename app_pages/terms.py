"""Terms: what they talk about, in which words; clicking a term opens its concordance."""

import plotly.graph_objects as go
import streamlit as st

import app_state
import ui_visual as uv
from analysis import schema as s
from analysis.collocations import phrases
from analysis.keyness import keyness, log_odds
from analysis.terms import distinctive_terms, top_terms
from ui_format import escape_plot
from ui_text import t

MIN_COUNT = 3  # terms used fewer times in the two groups together are noise in the scatter

app_state.follow_goto()
analysis = app_state.data()
chosen = app_state.selection(analysis)
vis = uv.visual(analysis)
st.title(t("page_terms"))
if chosen.tokens.empty:
    st.info(t("no_turns"))
    st.stop()

top = app_state.derived(top_terms, chosen.tokens, n=30)
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
    app_state.plotly(fig, "top_terms", {"q": 0}, goto="app_pages/concordance.py")
    app_state.download_csv(top, "top_terms.csv")
with right:
    st.subheader(t("word_cloud"))
    cloud = app_state.word_cloud(chosen.tokens)
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

st.subheader(t("who_says_what"))
roles = list(s.ROLES)
col_a, col_b = st.columns(2)
group_a = app_state.selectbox(
    "group_a", t("group_a"), roles, container=col_a, format_func=lambda r: t(f"role_{r}")
)
group_b = app_state.selectbox(
    "group_b", t("group_b"), roles, container=col_b, format_func=lambda r: t(f"role_{r}")
)
tokens_a = chosen.tokens[chosen.tokens[s.ROLE] == group_a]
tokens_b = chosen.tokens[chosen.tokens[s.ROLE] == group_b]
if tokens_a.empty or tokens_b.empty or group_a == group_b:
    st.info(t("pick_two_groups"))
else:
    groups = (group_a, group_b)
    scores = app_state.derived(log_odds, tokens_a, tokens_b, depends_on=groups)
    total = scores[s.COUNT_A] + scores[s.COUNT_B]
    scores = scores[total >= MIN_COUNT]
    most = app_state.MAX_SCATTER_TERMS
    if len(scores) > most:
        st.caption(t("most_frequent_terms").format(shown=most, total=len(scores)))
        scores = scores.loc[total[scores.index].nlargest(most).index]
    fig = uv.who_says_what_figure(scores, t("role_" + group_a), t("role_" + group_b))
    app_state.plotly(fig, "who_says_what", {"q": 0}, goto="app_pages/concordance.py")
    uv.counted("counted_z", min=MIN_COUNT)
    keyed = app_state.derived(keyness, tokens_a, tokens_b, depends_on=groups, min_count=MIN_COUNT)
    uv.table(keyed.head(40), vis)
    uv.counted("counted_g2")
    app_state.download_csv(keyed, "keyness.csv")

left, right = st.columns(2)
with left:
    st.subheader(t("distinctive"))
    distinct = app_state.derived(distinctive_terms, chosen.tokens, top=10)
    uv.table(distinct, vis)
    uv.counted("counted_tfidf")
    app_state.download_csv(distinct, "distinctive_terms.csv")
with right:
    st.subheader(t("phrases"))
    frequent = app_state.derived(phrases, chosen.tokens, min_count=2).head(40)
    uv.table(frequent, vis)
    app_state.download_csv(frequent, "phrases.csv")
