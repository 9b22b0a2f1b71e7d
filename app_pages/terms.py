"""Terms: what they talk about, in which words; clicking a term opens its concordance."""

import plotly.express as px
import streamlit as st

import app_state
from analysis import schema as s
from analysis.collocations import phrases
from analysis.keyness import keyness, log_odds
from analysis.terms import distinctive_terms, top_terms
from ui_text import t

app_state.follow_goto()
analysis = app_state.data()
chosen = app_state.selection(analysis)
st.title(t("page_terms"))
if chosen.tokens.empty:
    st.info(t("no_turns"))
    st.stop()

top = app_state.derived(top_terms, chosen.tokens, n=30)
left, right = st.columns([2, 3])
with left:
    st.subheader(t("top_terms"))
    fig = px.bar(
        top.iloc[::-1],
        x=s.COUNT,
        y=s.TERM,
        orientation="h",
        custom_data=[s.TERM],
        hover_data=[s.RATE],
        labels={s.TERM: "", s.COUNT: t("col_count")},
    )
    fig.update_layout(height=640, margin={"t": 10, "b": 10})
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
    scores = scores[total >= 3]
    most = app_state.MAX_SCATTER_TERMS
    if len(scores) > most:
        st.caption(t("most_frequent_terms").format(shown=most, total=len(scores)))
        scores = scores.loc[total[scores.index].nlargest(most).index]
    fig = px.scatter(
        scores,
        x=s.RATE_B,
        y=s.RATE_A,
        color=s.Z,
        hover_name=s.TERM,
        custom_data=[s.TERM],
        color_continuous_scale="RdBu_r",
        color_continuous_midpoint=0,
        log_x=True,
        log_y=True,
        text=scores[s.TERM].where(scores[s.Z].abs() > 1.96, ""),
        labels={s.RATE_A: f"{t('role_' + group_a)} /10k", s.RATE_B: f"{t('role_' + group_b)} /10k"},
    )
    fig.update_traces(textposition="top center", textfont_size=11)
    fig.update_layout(height=520, margin={"t": 10, "b": 10})
    app_state.plotly(fig, "who_says_what", {"q": 0}, goto="app_pages/concordance.py")
    keyed = app_state.derived(keyness, tokens_a, tokens_b, depends_on=groups, min_count=3)
    st.dataframe(keyed.head(40), hide_index=True)
    app_state.download_csv(keyed, "keyness.csv")

left, right = st.columns(2)
with left:
    st.subheader(t("distinctive"))
    distinct = app_state.derived(distinctive_terms, chosen.tokens, top=10)
    st.dataframe(distinct, hide_index=True)
    app_state.download_csv(distinct, "distinctive_terms.csv")
with right:
    st.subheader(t("phrases"))
    frequent = app_state.derived(phrases, chosen.tokens, min_count=2).head(40)
    st.dataframe(frequent, hide_index=True)
    app_state.download_csv(frequent, "phrases.csv")
