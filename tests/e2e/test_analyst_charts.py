"""Charts that read (issue 22): what the browser draws, read from each plot's `_fullData` and
`_fullLayout`, in both languages and on a phone (390 px). Waits are on the app's state."""

from __future__ import annotations

from collections import defaultdict

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import STATE_MS, open_app, wait_for_query

pytestmark = pytest.mark.e2e

DRAWN = """key => {
    const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    const axis = plot._fullLayout.xaxis;
    return {
        traces: plot._fullData.map(t => ({
            name: t.name, x: Array.from(t.x || []), y: Array.from(t.y || []), text: t.text,
            legendgroup: t.legendgroup, color: t.marker && t.marker.color,
            visible: t.visible, showlegend: t.showlegend})),
        xaxis: {type: axis.type, range: axis.range, dtick: axis.dtick,
                ticks: [...plot.querySelectorAll('.xaxislayer-above text')].map(e => e.textContent)},
        legend: plot._fullLayout.showlegend ? {
            orientation: plot._fullLayout.legend.orientation, yref: plot._fullLayout.legend.yref,
            y: plot._fullLayout.legend.y} : null,
        locale: plot._context.locale, modebar: plot._context.displayModeBar,
    };
}"""

# Where each box sits on screen: a label under the legend would overlap it.
BOXES = """key => {
    const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    const box = e => { const r = e.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
    return {
        legend: plot.querySelector('.legend') && box(plot.querySelector('.legend')),
        bars: [...plot.querySelectorAll('.bars path')].map(box).filter(b => b.bottom > b.top),
        labels: [...plot.querySelectorAll('.ytick text')].map(e => ({
            text: e.textContent, ...box(e), shown: getComputedStyle(e).display !== 'none'})),
        plot: box(plot),
    };
}"""


def drawn(page, key: str) -> dict:
    return page.evaluate(DRAWN, key)


def rows_of(chart: dict) -> dict[str, float]:
    """The total a stacked bar chart draws per row (article)."""
    totals: dict[str, float] = defaultdict(float)
    for trace in chart["traces"]:
        for label, x in zip(trace["y"], trace["x"], strict=True):
            totals[label] += x
    return totals


def test_the_talk_ratio_is_100_percent_per_article_and_the_toggle_goes_in_the_url(page, server):
    open_app(page, server, "?lang=zh")
    chart = drawn(page, "who_talks")
    totals = rows_of(chart)
    assert len(totals) == 5 and all(t == pytest.approx(100.0) for t in totals.values())
    texts = [text for trace in chart["traces"] for text in trace["text"]]
    assert all(text.endswith("%") and "." in text for text in texts)  # "32.0%"
    assert chart["xaxis"]["range"] == [0, 100]
    # plotly's modebar: on hover only, its texts in Chinese (the inline locale dictionary).
    assert (chart["locale"], chart["modebar"]) == ("zh-CN", "hover")
    page.locator(".st-key-who_talks .js-plotly-plot").hover()
    button = page.locator(".st-key-who_talks .modebar-btn").first
    expect(button).to_have_attribute("data-title", "下载为 PNG 图片")
    # The absolute view: one click, kept in the link.
    page.locator(".st-key-w_talk_view").get_by_text("数量", exact=True).click()
    wait_for_query(page, "talk_view")
    amounts = rows_of(drawn(page, "who_talks"))
    assert sum(amounts.values()) > 10_000  # characters, no longer percentages


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    opened = context.new_page()
    opened.set_default_timeout(STATE_MS)
    yield opened
    context.close()


def test_on_a_phone_legends_sit_below_the_plot_and_hide_no_label(phone, server):
    open_app(phone, server, "speakers?lang=en")
    chart = drawn(phone, "speaker_shares")
    assert chart["legend"] == {"orientation": "h", "yref": "container", "y": 0}
    assert chart["locale"] == "en-US"  # English: plotly's own texts
    boxes = phone.evaluate(BOXES, "speaker_shares")
    legend = boxes["legend"]
    labels = [label for label in boxes["labels"] if label["shown"]]
    assert len(labels) == 5  # every article's label drawn, the first one included
    assert all(label["bottom"] <= legend["top"] for label in labels)
    assert all(bar["bottom"] <= legend["top"] + 1 for bar in boxes["bars"])
    # The percentages fit on the segments even at this width.
    shown = phone.evaluate(
        """() => [...document.querySelectorAll('.st-key-speaker_shares text.bartext')]
            .filter(e => e.style.display !== 'none').map(e => e.textContent)"""
    )
    assert len(shown) >= 5 and all(text.endswith("%") for text in shown), shown


def test_trends_have_a_tick_per_month_and_keyness_names_sides_and_significance(page, server):
    # Terms page, English: the trend by month, and the keyness chart of the default sides
    # (each in its tab).
    open_app(page, server, "terms?lang=en&terms_tab=trends")
    trend = drawn(page, "term_trends")
    ticks = trend["xaxis"]["ticks"]
    assert ticks == ["2024-09", "2024-10", "2024-11", "2024-12"]  # one each, in order
    assert trend["xaxis"]["dtick"] == "M1"
    for line in (t for t in trend["traces"] if t["y"]):
        assert [x[:10] for x in line["x"]] == [
            "2024-09-01", "2024-10-01", "2024-11-01", "2024-12-01",
        ]  # fmt: skip
        assert line["y"][1] is None  # no article in October: a gap
    open_app(page, server, "terms?lang=en&terms_tab=compare")
    keyness = drawn(page, "keyness")
    names = {trace["name"] for trace in keyness["traces"]}
    assert names and all(
        name.endswith((" · adjusted p < 0.05", " · not significant")) for name in names
    )
    assert {trace["legendgroup"] for trace in keyness["traces"]} == {"a", "b"}
    # Themes page: articles in colours told apart, the trend a tick per article.
    open_app(page, server, "themes?lang=en")
    by_article = drawn(page, "theme_by_article")
    colours = [trace["color"] for trace in by_article["traces"]]
    assert len(set(colours)) == len(colours) == 5
    open_app(page, server, "themes?lang=en&themes_tab=trends")
    trend = drawn(page, "theme_trends")
    assert trend["xaxis"]["type"] == "category"
    assert len(trend["xaxis"]["ticks"]) == len(set(trend["xaxis"]["ticks"])) == 5
