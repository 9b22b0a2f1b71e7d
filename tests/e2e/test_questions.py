"""The Questions page in a browser: a question filtered by theme opens its answer in the
reader, the charts' box opens on a click (and Back shuts it), a chart click filters the
list, and a shared link reopens the same list.

The list is drawn on a canvas, so what it holds is read from its CSV download (the rows
listed) and its count; waits are on the URL and the app's run, never on time."""

from __future__ import annotations

import io
from urllib.parse import quote

import pandas as pd
import pytest
from playwright.sync_api import expect

from dashboard.texts import text
from tests.e2e.conftest import (
    STATE_MS,
    download,
    new_visitor,
    open_app,
    open_tab,
    wait_for_app,
    wait_for_page,
    wait_for_query,
)
from tests.e2e.test_history import NO_STALE_CHART, click_point, plotted, query

pytestmark = pytest.mark.e2e

SAFETY = "安全与对齐"
MAIN = '[data-testid="stMain"]'
PLOTTED_COUNT = f"document.querySelectorAll('{MAIN} .js-plotly-plot').length"
# A chart that is not stale and has traces: one the browser has finished plotting.
ONE_PLOT_DRAWN = f"""() => [...document.querySelectorAll('{MAIN} .js-plotly-plot')]
    .some(plot => !plot.closest('[data-stale="true"]') && (plot._fullData || []).length > 0)"""
CSV_BUTTON = f'{MAIN} [data-testid="stDownloadButton"] button'


def listed(page) -> pd.DataFrame:
    """The questions the list holds, from its CSV (headed as on screen)."""
    return pd.read_csv(io.BytesIO(download(page, page.locator(CSV_BUTTON).first)))


def count_line(page) -> str:
    return page.locator(f"{MAIN} [data-testid='stCaptionContainer']").nth(1).inner_text()


def select_first_row(page) -> None:
    """Select the list's first row: the grid is a canvas, its selection column at the left
    edge and the first row below the 35 px header."""
    grid = page.locator(f'{MAIN} [data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 17)
    wait_for_query(page, "qa_open")


def choose(page, label: str, option: str) -> None:
    """Choose an option of the selectbox labelled `label`, as a person does."""
    wait_for_app(page)
    label_only = page.get_by_text(label, exact=True)
    box = page.locator(f'{MAIN} [data-testid="stSelectbox"]').filter(has=label_only)
    box.click()
    page.get_by_role("option", name=option, exact=True).click()


def test_a_question_filtered_by_theme_opens_its_answer_in_the_reader(page, server, seeds_store):
    from analysis.store import exchanges as x

    open_app(page, server, "questions")
    choose(page, "主题", SAFETY)
    wait_for_query(page, "qa_theme")
    assert query(page)["qa_theme"] == [SAFETY]
    first = x.exchanges(seeds_store, filt=x.ExchangeFilter(themes=(SAFETY,))).iloc[0]
    select_first_row(page)
    assert query(page)["qa_open"] == [f"{first['article_id']}:{first['exchange']}"]
    turns = x.exchange_text(seeds_store, first["article_id"], int(first["exchange"]))
    question = turns[turns["part"] == "question"].iloc[0]
    answer = turns[turns["part"] == "answer"].iloc[0]
    opened = page.locator(".st-key-qa_exchange")
    expect(opened).to_contain_text(question["text"][:30])
    expect(opened).to_contain_text(answer["text"][:30])

    page.get_by_role("button", name="在阅读器中打开").click()
    wait_for_page(page, "concordance")
    assert query(page)["hit"] == [f"{first['article_id']}:{answer['turn']}"]
    # The reader shows the answer, and above it the question it answers.
    reading = page.locator(".st-key-read_turn")
    expect(reading).to_contain_text(f"#{answer['turn']}")
    expect(reading).to_contain_text(answer["text"][:30])
    expect(reading).to_contain_text(question["text"][:30])


def test_the_charts_box_opens_with_a_click_and_shuts_with_back(page, server):
    # A visit for the list draws no chart (issue 21); a click on the box draws the first
    # tab's, writes the box's state to the URL, and Back shuts it again.
    open_app(page, server, "questions?lang=en")
    assert page.evaluate(PLOTTED_COUNT) == 0
    box = page.locator(f"{MAIN} .st-key-qa_charts_box summary")
    expect(box).to_contain_text(text("qa_charts_heading", "en"))
    box.click()
    wait_for_query(page, "qa_charts")
    assert query(page)["qa_charts"] == ["1"]
    page.wait_for_function(ONE_PLOT_DRAWN, timeout=STATE_MS)
    expect(page.get_by_text(text("qa_by_theme_heading", "en"), exact=True)).to_be_visible()
    page.go_back()
    wait_for_query(page, "qa_charts", present=False)
    wait_for_app(page)
    page.wait_for_function(f"() => ({PLOTTED_COUNT}) === 0", timeout=STATE_MS)


def test_a_chart_click_filters_the_list(page, server):
    open_app(page, server, "questions?qa_charts=1")
    everything = listed(page)
    # Read the chart once the browser has plotted it (its SVG comes before its traces).
    wait_for_app(page)
    page.wait_for_function(ONE_PLOT_DRAWN, timeout=STATE_MS)
    # The first chart: the median answer per theme of the question, a bar per theme.
    bars = plotted(page)[0][0]
    themes = [custom[0] for custom in bars["customdata"]]
    chart = page.locator(f'{MAIN} [data-testid="stPlotlyChart"]').first
    click_point(page, chart, nth=themes.index(SAFETY))
    wait_for_query(page, "qa_theme")
    assert query(page)["qa_theme"] == [SAFETY]
    about_safety = listed(page)
    assert 0 < len(about_safety) < len(everything)
    assert about_safety[text("col_question_themes", "zh")].str.contains(SAFETY).all()
    expect(page.locator(f"{MAIN} [data-testid='stCaptionContainer']").nth(1)).to_contain_text(
        f"{len(about_safety)} 个问题"
    )
    # The chart itself still shows the whole selection: every theme (read once it is drawn).
    wait_for_app(page)
    page.wait_for_function(NO_STALE_CHART, timeout=STATE_MS)
    assert [custom[0] for custom in plotted(page)[0][0]["customdata"]] == themes


def test_a_shared_link_reopens_the_same_list(page, server, browser):
    theme, order = quote(SAFETY), "shortest"
    open_app(page, server, f"questions?qa_theme={theme}&qa_order={order}&lang=en")
    mine = listed(page)  # before a row is selected: the selection's rerun replaces the button
    assert mine[text("col_answer_chars", "en")].is_monotonic_increasing
    select_first_row(page)
    link = page.url
    expect(page.locator(".st-key-qa_exchange")).to_be_visible()
    opened = page.locator(".st-key-qa_exchange").inner_text()

    other = new_visitor(browser)
    try:
        other.goto(link)
        wait_for_app(other)
        assert query(other) == query(page)
        assert listed(other).equals(mine)
        expect(other.locator(".st-key-qa_exchange")).to_be_visible()
        assert other.locator(".st-key-qa_exchange").inner_text() == opened
        assert count_line(other) == count_line(page)
    finally:
        other.context.close()


def test_a_tab_click_draws_its_chart_under_the_same_list(page, server):
    # Only the open tab's chart is drawn (issue 21); the list above stays as it was.
    one_chart = f"() => ({PLOTTED_COUNT}) === 1"
    open_app(page, server, "questions?lang=en&qa_charts=1")
    everything = listed(page)
    page.wait_for_function(one_chart, timeout=STATE_MS)
    tab = open_tab(page, text("questions_tab_types", "en"), "questions_tab", "types")
    expect(tab).to_have_attribute("aria-selected", "true")
    expect(page.get_by_text(text("qa_types_heading", "en"), exact=True)).to_be_visible()
    page.wait_for_function(NO_STALE_CHART, timeout=STATE_MS)
    page.wait_for_function(one_chart, timeout=STATE_MS)
    assert listed(page).equals(everything)
