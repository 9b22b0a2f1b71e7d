"""Comparing two selections in the browser: a shared link draws the comparison it names,
and a click on a keyword opens its concordance."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, open_app, wait_for_query

pytestmark = pytest.mark.e2e

# What Sam Altman said in December (two talks) against what he said in September (two).
DECEMBER_VS_SEPTEMBER = {
    "a_speaker": "Sam Altman",
    "a_from": "2024-12-01",
    "a_to": "2024-12-31",
    "b_speaker": "Sam Altman",
    "b_from": "2024-09-01",
    "b_to": "2024-09-30",
}
KEYNESS = """() => {
    const plots = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')];
    const chart = plots.find(p => p.layout.xaxis && p.layout.xaxis.title
        && String(p.layout.xaxis.title.text).startsWith('G²'));
    // _fullData: numbers decoded (data may hold them base64-encoded).
    return chart._fullData.map(t => ({name: t.name, side: t.legendgroup, x: Array.from(t.x),
        y: Array.from(t.y), customdata: t.customdata, hovertext: t.hovertext}));
}"""


def sides(traces: list[dict]) -> tuple[dict, dict]:
    """A's and B's bars, each side's traces (significant or not) joined."""
    joined = {}
    for trace in traces:
        side = joined.setdefault(trace["side"], {"names": [], "x": [], "y": [], "hovertext": []})
        side["names"].append(trace["name"])
        for field in ("x", "y", "hovertext"):
            side[field] += list(trace[field])
    return joined["a"], joined["b"]


@pytest.fixture(scope="module")
def expected(tmp_path_factory):
    """The comparison the store gives for the same two selections."""
    from datetime import date

    from analysis.config import load_themes
    from analysis.measures.compare import compare
    from analysis.store.build import build_store
    from analysis.store.selection import Selection
    from analysis.store.store import Store

    folder = tmp_path_factory.mktemp("store")
    build_store(ROOT / "seeds", folder, load_themes())
    store = Store.open(folder)
    december = Selection(
        speakers=("Sam Altman",), date_from=date(2024, 12, 1), date_to=date(2024, 12, 31)
    )
    september = Selection(
        speakers=("Sam Altman",), date_from=date(2024, 9, 1), date_to=date(2024, 9, 30)
    )
    table = compare(store, december, september).set_index("term")
    store.close()
    return table


def test_a_comparison_link_draws_december_against_september(page, server, expected):
    link = {**DECEMBER_VS_SEPTEMBER, "lang": "en", "terms_tab": "compare"}
    open_app(page, server, "terms?" + urlencode(link))
    a_side, b_side = sides(page.evaluate(KEYNESS))
    # Colour is the side, shade the significance: each side's traces are named by both.
    assert all(name.startswith("A · ") for name in a_side["names"]), a_side["names"]
    assert all(name.startswith("B · ") for name in b_side["names"]), b_side["names"]
    # Top of the chart: 答案 (answer), in his December talks and never in September's.
    assert a_side["y"][a_side["x"].index(max(a_side["x"]))] == "答案"
    assert "圣路易斯" in b_side["y"]  # St. Louis: September, his home town
    # Each bar is the term's signed G² in the store's table, its counts in the tooltip.
    for side in (a_side, b_side):
        for term, g2, tip in zip(side["y"], side["x"], side["hovertext"], strict=True):
            assert g2 == pytest.approx(expected.loc[term, "g2"])
            assert f"A: {expected.loc[term, 'count_a']:,} times (" in tip
    assert all(g2 > 0 for g2 in a_side["x"]) and all(g2 < 0 for g2 in b_side["x"])
    strongest = expected[expected["g2"] > 0].nlargest(15, "g2").index
    assert set(a_side["y"]) == set(strongest)


def test_clicking_a_keyword_opens_its_concordance(page, server):
    open_app(page, server, "terms?" + urlencode({**DECEMBER_VS_SEPTEMBER, "terms_tab": "compare"}))
    chart = page.locator('[data-testid="stPlotlyChart"]').filter(
        has=page.locator("text=G²（正 = A 更常用")
    )
    bars = chart.locator("g.point path")
    expect(bars.first).to_be_attached()
    top = bars.nth(bars.count() - 1)  # A's trace comes last; its last bar is the top: 答案
    top.scroll_into_view_if_needed()
    box = top.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.up()
    page.wait_for_function("location.pathname.endsWith('/concordance')")
    wait_for_query(page, "q")
    assert parse_qs(urlparse(page.url).query)["q"] == ["答案"]
    expect(page.locator('[data-testid="stTextInput"] input').first).to_have_value("答案")
