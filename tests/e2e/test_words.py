"""The words page in a browser: the collocates and network charts as plotted, and their clicks
into the concordance."""

from __future__ import annotations

import os
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_app, wait_for_query

pytestmark = pytest.mark.e2e

PLOTTED = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot =>
    plot.data.map(t => ({type: t.type, mode: t.mode, name: t.name, x: t.x, y: t.y,
                         customdata: t.customdata, hovertext: t.hovertext})))"""
AGI_LINK = "words?colloc=AGI&span_left=3&span_right=3"


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def chart(page, index: int):
    return page.locator('[data-testid="stPlotlyChart"]').nth(index)


def click(page, mark) -> None:
    """Click a bar or marker the way a person does: move there, press, release."""
    expect(mark).to_be_attached()
    mark.scroll_into_view_if_needed()
    box = mark.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.up()


def test_collocates_chart_plots_the_table_and_a_bar_opens_the_concordance(page, server):
    open_app(page, server, AGI_LINK)
    bars = page.evaluate(PLOTTED)[0][0]
    assert bars["type"] == "bar"
    # Read in the seeds: 通用人工智能 stands beside AGI in every turn that names it.
    assert bars["y"][-1] == "通用人工智能"
    assert [row[0] for row in bars["customdata"]] == bars["y"]
    assert "O = 4" in bars["hovertext"][-1]
    shot = os.environ.get("WORDS_SCREENSHOT", "/tmp/words.png")
    page.screenshot(path=shot, full_page=True)
    # Bars are drawn bottom up: the last one is the top collocate.
    click(page, chart(page, 0).locator("g.point path").nth(len(bars["y"]) - 1))
    page.wait_for_function("location.pathname.endsWith('/concordance')")
    wait_for_query(page, "q")
    assert query(page)["q"] == ["通用人工智能"]
    expect(page.locator('[data-testid="stMain"] [data-testid="stTextInput"] input')).to_have_value(
        "通用人工智能"
    )


def test_clicking_a_network_node_opens_its_concordance(page, server):
    # Only the open tab is drawn (issue 21): the link opens the network's.
    open_app(page, server, "words?words_tab=network&net_terms=30")
    assert len(page.evaluate(PLOTTED)) == 1
    traces = page.evaluate(PLOTTED)[0]
    nodes = [row[0] for t in traces if t["mode"] == "markers+text" for row in t["customdata"]]
    assert len(nodes) >= 5 and len(set(nodes)) == len(nodes)
    assert len({t["name"] for t in traces if t["mode"] == "markers+text"}) >= 2  # communities
    # The first marker of the first community trace (edge traces have no markers).
    click(page, chart(page, 0).locator("g.points path.point").first)
    page.wait_for_function("location.pathname.endsWith('/concordance')")
    wait_for_query(page, "q")
    assert query(page)["q"] == [nodes[0]]
