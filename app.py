"""Entry point: the run's data and view, the shared sidebar, then the chosen page and the URL."""

import streamlit as st

import ui_data
import ui_pages
import ui_sidebar
import ui_state
import ui_visual as uv

st.set_page_config(page_title="访谈文本仪表盘 · Transcripts", page_icon="💬", layout="wide")

data = ui_data.load()
options = ui_state.options_for(data.store)
ui_state.restore_from_url(options)
ui_state.drop_stale(options)
with st.sidebar:
    ui_sidebar.draw(data, uv.visual(data))
page = ui_pages.navigation()
ui_sidebar.notices(data)
page.run()
with st.sidebar:
    ui_sidebar.share_box()
ui_state.write_url()
