"""Entry point: shared filters in the sidebar, then the chosen page, then the URL is updated."""

import streamlit as st

import app_state
from analysis import schema as s
from ui_text import lang, t

st.set_page_config(page_title="访谈文本仪表盘 · Transcripts", page_icon="💬", layout="wide")

analysis = app_state.data()
corpus = analysis.corpus
options = app_state.options_for(corpus, [theme.name for theme in analysis.themes])
app_state.restore_from_url(options)
app_state.drop_stale(options)

with st.sidebar:
    app_state.radio(
        "lang",
        t("language"),
        list(app_state.LANGS),
        horizontal=True,
        format_func=lambda code: {"zh": "中文", "en": "English"}[code],
    )
    st.header(t("filters"))
    titles = dict(zip(corpus.articles[s.ARTICLE_ID], corpus.articles[s.TITLE], strict=True))
    app_state.multiselect(
        "article",
        t("filter_articles"),
        options.articles,
        format_func=lambda a: f"{a[:3]} · {titles.get(a, a)[:28]}",
    )
    app_state.multiselect("speaker", t("filter_speakers"), options.speakers)
    app_state.multiselect(
        "role", t("filter_roles"), options.roles, format_func=lambda r: t(f"role_{r}")
    )
    theme_labels = {  # label_en in English where the theme file has one
        th.name: th.label_en if lang() == "en" and th.label_en else th.name
        for th in analysis.themes
    }
    app_state.multiselect(
        "theme", t("filter_themes"), options.themes, format_func=lambda n: theme_labels.get(n, n)
    )
    app_state.multiselect("section", t("filter_sections"), options.sections)
    bounds = app_state.date_bounds(corpus)
    if bounds:
        app_state.date_range(bounds)
    roles = {r: t(f"role_{r}") for r in options.roles}
    app_state.filter_summary({"article": titles, "theme": theme_labels, "role": roles})
    app_state.upload_box()

pages = [
    st.Page(
        "app_pages/overview.py", title=t("page_overview"), icon=":material/dashboard:", default=True
    ),
    st.Page(
        "app_pages/speakers.py",
        title=t("page_speakers"),
        icon=":material/record_voice_over:",
        url_path="speakers",
    ),
    st.Page(
        "app_pages/terms.py", title=t("page_terms"), icon=":material/match_word:", url_path="terms"
    ),
    st.Page(
        "app_pages/themes.py", title=t("page_themes"), icon=":material/category:", url_path="themes"
    ),
    st.Page(
        "app_pages/concordance.py",
        title=t("page_concordance"),
        icon=":material/manage_search:",
        url_path="concordance",
    ),
]
page = st.navigation(pages)
app_state.notices(corpus)
app_state.check_themes_version()
page.run()
with st.sidebar:
    app_state.share_box()
app_state.write_url()
