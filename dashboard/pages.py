"""The dashboard's pages, in one list: the app's navigation, the page tests and the bench use it."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard import view
from dashboard.texts import TEXT, t


@dataclass(frozen=True)
class PageSpec:
    """One page: its name in tests and benches, script, title, icon and path in the URL."""

    name: str
    script: str
    title_key: str
    icon: str
    url_path: str  # "" for the default page, served at the root

    @property
    def title_zh(self) -> str:
        """The title as the Chinese interface (the default) shows it in the sidebar."""
        return TEXT[self.title_key][0]


PAGES = (
    PageSpec("overview", "app_pages/overview.py", "page_overview", ":material/dashboard:", ""),
    PageSpec(
        "speakers",
        "app_pages/speakers.py",
        "page_speakers",
        ":material/record_voice_over:",
        "speakers",
    ),
    PageSpec("terms", "app_pages/terms.py", "page_terms", ":material/match_word:", "terms"),
    PageSpec("themes", "app_pages/themes.py", "page_themes", ":material/category:", "themes"),
    PageSpec(
        "concordance",
        "app_pages/concordance.py",
        "page_concordance",
        ":material/manage_search:",
        "concordance",
    ),
    PageSpec("words", "app_pages/words.py", "page_words", ":material/hub:", "words"),
    PageSpec(
        "questions", "app_pages/questions.py", "page_questions", ":material/forum:", "questions"
    ),
)
BY_NAME = {page.name: page for page in PAGES}
NAV_KEY = "nav"  # the container of the page links (its CSS class: st-key-nav)


def script(name: str) -> str:
    """The script of a page, for st.switch_page and AppTest.switch_page."""
    return BY_NAME[name].script


def navigation():
    """The pages, in the interface's language: Streamlit routes the URL's path to one
    (returned, to run), and the sidebar lists them as links that carry the view's query
    string, so a page change keeps the filters and is one browser history entry.

    Streamlit's own page menu is hidden: its links drop the query string."""
    pages = [
        st.Page(
            p.script,
            title=t(p.title_key),
            icon=p.icon,
            default=not p.url_path,
            **({"url_path": p.url_path} if p.url_path else {}),
        )
        for p in PAGES
    ]
    chosen = st.navigation(pages, position="hidden")
    query = view.current().query()
    with st.container(key=NAV_KEY):
        for page in pages:
            st.page_link(page, query_params=query)
    return chosen
