"""Entry point: the run's data, its view (read from the URL), the shared sidebar, the page."""

import streamlit as st

from dashboard import data, pages, sidebar, styles, view

st.set_page_config(page_title="访谈文本仪表盘 · Transcripts", page_icon="💬", layout="wide")

corpus = data.load()
view.read(view.options_for(corpus.store))
styles.draw()
with st.sidebar:
    page = pages.navigation()
    sidebar.draw(corpus, data.visual(corpus))
sidebar.notices(corpus)
page.run()
