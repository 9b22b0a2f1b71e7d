"""The concordance in a browser: the dispersion plot's ticks, and a click on one opening
that turn in the reader."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, open_app, open_tab, wait_for_query

pytestmark = pytest.mark.e2e

SHOTS = ROOT / ".cache" / "screenshots"
DISPERSION = """() => {
    const plot = document.querySelector('.js-plotly-plot');
    // _fullData: the numbers decoded (data may hold them base64-typed, as Python sent them).
    return plot._fullData.map(t => ({name: t.name, x: Array.from(t.x), customdata: t.customdata}));
}"""


@pytest.fixture(scope="module")
def turns():
    """The seeds' turns as the store holds them (the same reader built it)."""
    from analysis.ingest.reader import read_corpus

    return read_corpus(ROOT / "seeds").turns


def test_a_dispersion_tick_opens_its_turn_in_the_reader(page, server, turns):
    open_app(page, server, "concordance?q=智能体")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "concordance-table.png"))
    open_tab(page, "位置分布", "concordance_tab", "dispersion")  # the plot is a tab away
    traces = page.evaluate(DISPERSION)
    ticks = [
        (trace["name"], custom[0], x)
        for trace in traces
        for custom, x in zip(trace["customdata"], trace["x"], strict=True)
    ]
    # Whole words: the seeds' speech says 智能体 eleven times (智能体验 in 000 is not one).
    assert len(ticks) == 11
    assert all(0 <= x <= 1 for _, _, x in ticks)
    for name, hit, _ in ticks:  # each tick is coloured (named) by the speaker of its turn
        article, turn = hit.rsplit(":", 1)
        row = turns[(turns["article_id"] == article) & (turns["turn"] == int(turn))].iloc[0]
        assert row["speaker"] in name
    # Click Sam Altman's last tick: the answer about 智能体 taking over a computer.
    index = next(i for i, trace in enumerate(traces) if trace["name"] == "Sam Altman")
    chosen = traces[index]["customdata"][-1][0]
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    point = chart.locator("g.trace.scatter").nth(index).locator("path.point").last
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.up()
    wait_for_query(page, "hit")
    assert f"hit={chosen}" in page.url.replace("%3A", ":")
    article, turn = chosen.rsplit(":", 1)
    article_turns = turns[turns["article_id"] == article]
    row = article_turns[article_turns["turn"] == int(turn)].iloc[0]
    reading = page.locator(".st-key-read_turn")
    expect(reading).to_contain_text(f"#{turn}")
    expect(reading).to_contain_text("Sam Altman")
    expect(reading).to_contain_text(row["text"].split("\n")[0][:40])
    # The turn before it by another speaker is shown above it.
    before = article_turns[
        (article_turns["turn"] < int(turn)) & (article_turns["speaker"] != "Sam Altman")
    ].iloc[-1]
    expect(reading).to_contain_text(before["speaker"])
    expect(reading).to_contain_text(before["text"].split("\n")[0][:40])
    reading.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "concordance-read-turn.png"))
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "concordance-dispersion.png"))
