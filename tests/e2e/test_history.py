"""The URL is the view: every change is one browser history entry, and Back and Forward step
through views, the address and what the page draws (the charts' plotted data) alike.

Each case changes the view one way (a chart click, a sidebar filter, a page change, the
comparison's A, a concordance search), then goes Back to the view before and Forward to the
changed one. Waits are on the app's state: the URL, the sidebar's links holding the URL's
view (`wait_for_view`), the run finished and every chart drawn.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from dashboard import session
from tests.e2e.conftest import (
    STATE_MS,
    go_to,
    open_app,
    open_tab,
    wait_for_app,
    wait_for_page,
    wait_for_query,
    wait_for_view,
)

pytestmark = pytest.mark.e2e

# A chart of the run before stays in the page, marked stale, until the new run replaces it.
NO_STALE_CHART = """() => !document.querySelector('[data-stale="true"] .js-plotly-plot')"""
PLOTTED = """() => [...document.querySelectorAll('[data-testid=stMain] .js-plotly-plot')]
    .filter(plot => !plot.closest('[data-stale="true"]')).map(
    plot => plot._fullData.map(trace => ({
        name: trace.name, x: Array.from(trace.x || []), y: Array.from(trace.y || []),
        customdata: trace.customdata})))"""
HITS = '[data-testid="stMain"] [data-testid="stCaptionContainer"]'


def plotted(page) -> list:
    """What every chart of the page plots (traces' names, x, y and custom data)."""
    return page.evaluate(PLOTTED)


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def metric(page, index: int):
    return page.locator('[data-testid="stMetricValue"]').nth(index)


def back(page) -> None:
    page.go_back()
    wait_for_view(page)
    page.wait_for_function(NO_STALE_CHART, timeout=STATE_MS)


def forward(page) -> None:
    page.go_forward()
    wait_for_view(page)
    page.wait_for_function(NO_STALE_CHART, timeout=STATE_MS)


def click_point(page, chart, selector: str = "g.point path", nth: int = 0) -> None:
    point = chart.locator(selector).nth(nth)
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.up()


def pick(page, widget, option: str) -> None:
    """Choose one option of a multiselect, as a person does. A rerun that lands as the list
    opens redraws the widget and closes the list: then it is opened again."""
    wait_for_app(page)
    choice = page.get_by_role("option", name=option, exact=True)
    for _ in range(5):
        expect(widget).to_be_visible()
        widget.click()
        try:
            expect(choice).to_be_visible(timeout=5_000)
            break
        except AssertionError:
            page.keyboard.press("Escape")
    choice.click()
    page.keyboard.press("Escape")


def test_a_chart_click_then_back_and_forward(page, server):
    open_app(page, server)
    before = plotted(page)
    assert query(page) == {}
    expect(metric(page, 0)).to_have_text("5")
    # "Who talks how much" (the first tab): a bar of the newest article.
    click_point(page, page.locator('[data-testid="stPlotlyChart"]').nth(0))
    wait_for_query(page, "article")
    article = query(page)["article"]
    filtered = plotted(page)
    assert len(article) == 1 and filtered != before
    expect(metric(page, 0)).to_have_text("1")

    back(page)
    assert query(page) == {}
    expect(metric(page, 0)).to_have_text("5")
    assert plotted(page) == before

    forward(page)
    assert query(page) == {"article": article}
    expect(metric(page, 0)).to_have_text("1")
    assert plotted(page) == filtered


def test_a_sidebar_filter_then_back_and_forward(page, server):
    open_app(page, server, "speakers?speakers_tab=strip")
    before = plotted(page)
    speakers = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has_text="发言人"
    )
    pick(page, speakers, "Sam Altman")
    wait_for_query(page, "speaker")
    filtered = plotted(page)
    assert query(page) == {"speaker": ["Sam Altman"], "speakers_tab": ["strip"]}
    # The strip: one trace per person, now only him.
    assert [trace["name"] for trace in filtered[0]] == ["Sam Altman"]

    back(page)
    assert query(page) == {"speakers_tab": ["strip"]}
    assert plotted(page) == before
    expect(speakers.locator("[data-tag]")).to_have_count(0)

    forward(page)
    assert query(page) == {"speaker": ["Sam Altman"], "speakers_tab": ["strip"]}
    assert plotted(page) == filtered
    expect(speakers.locator("[data-tag]")).to_have_count(1)


def test_a_page_change_then_back_and_forward(page, server):
    open_app(page, server, "?article=002_44e89f23e9374fe1&lang=en")
    overview = plotted(page)
    go_to(page, "speakers", "en")
    # The view travels with the page change: the same filter and language.
    assert query(page) == {"article": ["002_44e89f23e9374fe1"], "lang": ["en"]}
    speakers = plotted(page)
    assert speakers != overview

    page.go_back()
    wait_for_page(page, "overview", "en")
    assert query(page) == {"article": ["002_44e89f23e9374fe1"], "lang": ["en"]}
    expect(metric(page, 0)).to_have_text("1")
    assert plotted(page) == overview

    page.go_forward()
    wait_for_page(page, "speakers", "en")
    assert plotted(page) == speakers


def test_a_change_to_the_comparisons_a_then_back_and_forward(page, server):
    open_app(page, server, "terms?lang=en&terms_tab=compare")
    before = plotted(page)
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text("Filters of A", exact=True).click()
    speakers = main.locator('[data-testid="stMultiSelect"]').filter(has_text="Speakers").first
    pick(page, speakers, "Sam Altman")
    wait_for_query(page, "a_speaker")
    changed = plotted(page)
    assert query(page)["a_speaker"] == ["Sam Altman"]
    assert changed != before  # the comparison's charts: A is now the guest Sam Altman

    back(page)
    assert "a_speaker" not in query(page)
    assert plotted(page) == before

    forward(page)
    assert query(page)["a_speaker"] == ["Sam Altman"]
    assert plotted(page) == changed


def test_a_tab_click_then_back_and_forward(page, server):
    # Only the open tab is drawn (issue 21); which one is open is part of the view.
    open_app(page, server, "themes?lang=en")
    by_article = plotted(page)
    assert query(page) == {"lang": ["en"]} and len(by_article) == 1
    tab = open_tab(page, "Flow", "themes_tab", "flow")
    assert query(page) == {"lang": ["en"], "themes_tab": ["flow"]}
    expect(tab).to_have_attribute("aria-selected", "true")
    flow = plotted(page)
    assert len(flow) == 1 and flow != by_article

    back(page)
    assert query(page) == {"lang": ["en"]}
    expect(page.locator('[role="tab"]').filter(has_text="By article")).to_have_attribute(
        "aria-selected", "true"
    )
    assert plotted(page) == by_article

    forward(page)
    assert query(page) == {"lang": ["en"], "themes_tab": ["flow"]}
    expect(tab).to_have_attribute("aria-selected", "true")
    assert plotted(page) == flow


def test_the_theme_editor_is_a_tab_and_themes_applied_there_keep_it_open(page, server):
    from analysis.config import dump_themes, load_themes

    # The editor (a data editor and an uploader) is drawn only in its tab, like a chart.
    open_app(page, server, "themes?lang=en")
    editor = page.locator(f"[data-testid=stMain] .st-key-{session.THEME_EDITOR}")
    uploader = page.locator(f"[data-testid=stMain] .st-key-{session.THEME_IMPORT}")
    by_article = plotted(page)
    assert len(by_article) == 1
    expect(editor).to_have_count(0)
    expect(uploader).to_have_count(0)
    open_tab(page, "Edit themes", "themes_tab", "edit")
    expect(editor).to_be_visible()
    assert plotted(page) == []

    back(page)
    expect(editor).to_have_count(0)
    assert query(page) == {"lang": ["en"]} and plotted(page) == by_article
    forward(page)
    assert query(page) == {"lang": ["en"], "themes_tab": ["edit"]}
    expect(editor).to_be_visible()

    # A theme file imported there applies at once: the link carries the themes' version, the
    # editor's tab stays open and says what was applied, and the charts count the new theme.
    themes = load_themes()
    text = dump_themes(themes) + '\n[[theme]]\nname = "试验"\nkeywords = ["智能体"]\n'
    uploader.locator("input[type=file]").set_input_files(
        files=[{"name": "t.toml", "mimeType": "application/toml", "buffer": text.encode()}]
    )
    wait_for_query(page, "themes_version")
    expect(page.get_by_text(f"Applied {len(themes) + 1} themes.")).to_be_visible()
    assert query(page)["themes_tab"] == ["edit"]
    open_tab(page, "By article", "themes_tab", None)
    assert "试验" in {theme for trace in plotted(page)[0] for theme in trace["y"]}
    assert "themes_version" in query(page)


def test_a_concordance_search_then_back_and_forward(page, server):
    # On the dispersion plot's tab (the lines' tab draws a table, no chart).
    tab = {"concordance_tab": ["dispersion"]}
    open_app(page, server, "concordance?concordance_tab=dispersion")
    box = page.locator('[data-testid="stMain"] [data-testid="stTextInput"] input').first
    box.fill("智能体")
    box.press("Enter")
    wait_for_query(page, "q")
    hits = page.locator(HITS).filter(has_text="处命中")
    expect(hits).to_have_count(1)
    dispersion = plotted(page)
    assert dispersion and query(page) == {"q": ["智能体"], **tab}

    back(page)
    assert query(page) == tab
    expect(box).to_have_value("")
    expect(hits).to_have_count(0)
    assert plotted(page) == []

    forward(page)
    assert query(page) == {"q": ["智能体"], **tab}
    expect(box).to_have_value("智能体")
    expect(hits).to_have_count(1)
    assert plotted(page) == dispersion
