"""Pages' tabs (dashboard/tabs.py): only the open tab is drawn, and the open tab is a view
setting the link carries (issue 21)."""

from __future__ import annotations

import pytest

from dashboard import session, view
from dashboard.formatting import escape_markdown
from tests.test_pages import run_page

# What each tab draws: its charts' keys (a tab of tables draws none).
CHARTS = {
    "overview_tab": {
        "talk": ["who_talks"],
        "timeline": ["timeline"],
        "themes": ["article_theme"],
        "articles": [],
    },
    "speakers_tab": {
        "shares": ["speaker_shares"],
        "strip": ["conversation_strip"],
        "turns": [],
        "table": [],
    },
    "terms_tab": {
        "top": ["top_terms"],
        "compare": ["who_says_what", "keyness"],
        "grid": ["term_grid"],
        "trends": ["term_trends"],
        "distinctive": [],
    },
    "themes_tab": {
        "articles": ["theme_by_article"],
        "people": ["theme_by_speaker"],
        "flow": ["theme_flow"],
        "trends": ["theme_trends"],
        "sections": [],
        "edit": [],  # the theme editor: test_the_theme_editor_is_drawn_only_in_its_tab
    },
    "questions_tab": {
        "themes": ["answers_by_theme"],
        "lengths": ["answer_lengths"],
        "types": ["question_types"],
        "follow": ["follow_up_rates"],
        "shift": ["topic_shift_rates"],
        "compare": [],  # no two themes chosen yet: test_questions_page compares two
    },
    "words_tab": {
        "collocates": ["collocates"],
        "network": ["network"],
        "ngrams": [],
    },
    "concordance_tab": {
        "lines": [],
        "dispersion": ["dispersion"],
    },
}
# What a page needs in its link to draw its tabs: the concordance's are a search's, the
# Questions page's are in a box below its list.
SEARCH = {"concordance_tab": {"q": "智能体"}, "questions_tab": {"qa_charts": "1"}}
CASES = [(name, tab) for name, tabs in CHARTS.items() for tab in tabs]


def chart_keys(app) -> list[str]:
    return [element.proto.id.rsplit("-", 1)[-1] for element in app.get("plotly_chart")]


def test_every_tab_is_described():
    assert {name: tuple(tabs) for name, tabs in CHARTS.items()} == view.TABS


@pytest.mark.parametrize(("name", "tab"), CASES, ids=[f"{n}-{t}" for n, t in CASES])
def test_the_link_opens_a_tab_and_only_its_charts_are_drawn(name, tab):
    page = name.removesuffix("_tab")
    app = run_page(page, lang="en", **{name: tab}, **SEARCH.get(name, {}))
    assert chart_keys(app) == CHARTS[name][tab]
    labels = [block.label for block in app.get("tab")]
    assert len(labels) == len(view.TABS[name])
    # The tab widget holds the open tab's label; the link keeps its id (the default: none).
    assert app.session_state[session.view_widget(name)] == labels[view.TABS[name].index(tab)]
    assert app.query_params.get(name) == (None if tab == view.TABS[name][0] else tab)


@pytest.mark.parametrize("name", list(view.TABS))
def test_a_page_opens_on_its_first_tab(name):
    app = run_page(name.removesuffix("_tab"), **SEARCH.get(name, {}))
    first = view.TABS[name][0]
    assert chart_keys(app) == CHARTS[name][first]
    assert name not in app.query_params


def test_a_tab_the_page_does_not_have_is_dropped_with_a_notice():
    app = run_page("overview", lang="en", overview_tab="nonsense")
    assert "overview_tab" not in app.query_params
    said = escape_markdown("overview_tab=nonsense")  # the notice shows it as text
    assert any(said in warning.value for warning in app.warning)
    assert chart_keys(app) == CHARTS["overview_tab"]["talk"]


def editor_drawn(app) -> bool:
    """Whether the theme editor is drawn: its table, its buttons and its file's uploader."""
    table = any(frame.proto.id.endswith(session.THEME_EDITOR) for frame in app.dataframe)
    buttons = {session.APPLY_THEMES, session.RESET_THEMES} <= {b.key for b in app.button}
    uploader = any(u.key == session.THEME_IMPORT for u in app.get("file_uploader"))
    return table and buttons and uploader


@pytest.mark.parametrize("tab", view.TABS["themes_tab"])
def test_the_theme_editor_is_drawn_only_in_its_tab(tab):
    # The editor (a data editor, its buttons and the theme file's uploader) is bytes and
    # browser time a visitor who only reads the charts doesn't pay (issue 21).
    app = run_page("themes", lang="en", themes_tab=tab)
    assert editor_drawn(app) == (tab == "edit")


def test_themes_that_find_nothing_are_said_so_and_the_editor_stays_a_tab_away():
    from analysis.config import Theme, dump_themes

    app = run_page("themes", lang="en")
    app.session_state["themes_toml"] = dump_themes([Theme("无处", ("不存在的词语",))])
    app.run()
    assert [info.value for info in app.info] == ["No theme matches in the current selection."]
    assert chart_keys(app) == []
    app.query_params["themes_tab"] = "edit"
    app.run()
    assert editor_drawn(app) and not app.info
    assert list(app.dataframe[0].value["name"]) == ["无处"]  # the themes in force, to mend


def test_a_filter_keeps_the_open_tab():
    # A click on a tab is a browser's (AppTest can't click one): tests/e2e/test_history.py.
    app = run_page("themes", lang="en", themes_tab="flow")
    app.sidebar.multiselect[1].set_value(["Sam Altman"]).run()
    assert app.query_params["themes_tab"] == "flow" and chart_keys(app) == ["theme_flow"]


def test_the_open_tab_keeps_through_a_change_of_language():
    app = run_page("terms", terms_tab="trends")
    app.query_params["lang"] = "en"
    app.run()
    assert app.query_params["terms_tab"] == "trends"
    assert chart_keys(app) == ["term_trends"]
    assert app.session_state[session.view_widget("terms_tab")] == "Over publish dates"
