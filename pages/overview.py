"""Overview: the corpus at a glance."""

import streamlit as st

import app_state
from analysis import schema as s
from ui_text import t

corpus = app_state.load_corpus()
st.title(t("app_title"))
st.subheader(t("articles_table"))
st.dataframe(
    corpus.articles[[s.ARTICLE_ID, s.TITLE, s.ACCOUNT, s.PUBLISHED, s.N_TURNS, s.N_SPEAKERS,
                     s.SPEECH_CHARS]],
    hide_index=True,
)
