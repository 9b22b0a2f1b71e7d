"""Issue 22's question "What did he talk about in December but not in September?" walked in a
browser, in Chinese, as a person does it (two choices), and the comparison at a phone's width
(390 px): read from what the charts plot, against the store's own answer."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from playwright.sync_api import expect

from dashboard.texts import text
from tests.e2e.conftest import ROOT, STATE_MS, open_app, wait_for_query

pytestmark = pytest.mark.e2e

SAM = "Sam Altman"
DEC_VS_SEP = {
    "a_speaker": SAM,
    "a_from": "2024-12-01",
    "a_to": "2024-12-31",
    "b_speaker": SAM,
    "b_from": "2024-09-01",
    "b_to": "2024-09-30",
    "a_name": "Sam Altman · 2024-12",
    "b_name": "Sam Altman · 2024-09",
}
# A chart's plotted traces, found by its Streamlit key (`st-key-…` wraps each keyed element).
PLOTTED = """key => {
    const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    return plot && plot._fullData.map(t => ({name: t.name, x: Array.from(t.x || []),
        y: Array.from(t.y || []), customdata: t.customdata}));
}"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from analysis.config import load_themes
    from analysis.store.build import build_store
    from analysis.store.store import Store

    folder = tmp_path_factory.mktemp("store")
    build_store(ROOT / "seeds", folder, load_themes())
    opened = Store.open(folder)
    yield opened
    opened.close()


def expected_sides(store) -> dict[str, set[str]]:
    """The keyness chart's terms per side, from the store's comparison table."""
    from analysis.measures.compare import compare
    from analysis.store.selection import Selection
    from dashboard import limits

    december = Selection(speakers=(SAM,), date_from=date(2024, 12, 1), date_to=date(2024, 12, 31))
    september = Selection(speakers=(SAM,), date_from=date(2024, 9, 1), date_to=date(2024, 9, 30))
    table = compare(store, december, september)
    most = limits.KEYNESS_BARS
    return {
        "a": set(table[table["g2"] > 0].nlargest(most, "g2")["term"]),
        "b": set(table[table["g2"] < 0].nsmallest(most, "g2")["term"]),
    }


def plotted(page, key: str) -> list[dict]:
    page.wait_for_function(f"({PLOTTED})({key!r}) !== null", timeout=STATE_MS)
    return page.evaluate(PLOTTED, key)


def keyness_sides(page) -> dict[str, set[str]]:
    sides: dict[str, set[str]] = {"a": set(), "b": set()}
    for trace in plotted(page, "keyness"):
        for g2, term in zip(trace["x"], trace["y"], strict=True):
            sides["a" if g2 > 0 else "b"].add(term)
    return sides


def choose(page, label: str, option: str) -> None:
    """Pick an option of the main area's selectbox labelled `label`, as a person does."""
    box = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').filter(has_text=label)
    choice = page.get_by_role("option", name=option, exact=True)
    for _ in range(5):  # a rerun landing as the list opens closes it: open it again
        expect(box).to_be_visible()
        box.locator("input").click()
        try:
            expect(choice).to_be_visible(timeout=5_000)
            break
        except AssertionError:
            page.keyboard.press("Escape")
    choice.click()


def query(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def test_december_but_not_september_in_two_choices_in_chinese(page, server, store):
    open_app(page, server, "terms?terms_tab=compare")
    choose(page, text("compare_preset", "zh"), text("preset_person_month", "zh"))  # step 1
    wait_for_query(page, "a_speaker")
    assert query(page)["b_to"] == "2024-11-30"
    choose(page, text("preset_against", "zh"), "2024-09")  # step 2: against September
    wait_for_query(page, "b_from")
    assert query(page) == DEC_VS_SEP | {"terms_tab": "compare"}
    assert keyness_sides(page) == expected_sides(store)
    names = {trace["name"].split(" · ")[:2][-1] for trace in plotted(page, "keyness")}
    assert names == {"2024-12", "2024-09"}  # the legend names the months, not A and B
    main = page.locator('[data-testid="stMain"]')
    title = text("keyness_chart_named", "zh").format(a=DEC_VS_SEP["a_name"], b=DEC_VS_SEP["b_name"])
    expect(main.get_by_text(title, exact=True)).to_be_visible()


def test_the_comparison_and_the_term_grid_at_phone_width(browser, server, store):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(STATE_MS)
    try:
        link = {**DEC_VS_SEP, "lang": "en"}
        open_app(page, server, "terms?" + urlencode({**link, "terms_tab": "compare"}))
        assert keyness_sides(page) == expected_sides(store)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        open_app(page, server, "terms?" + urlencode({**link, "terms_tab": "grid"}))
        grid = plotted(page, "term_grid")[0]
        tokens = store.tokens()
        pairs = tokens.groupby(["article_id", "speaker"]).size()
        assert len(set(grid["y"])) == len(pairs)  # every article × speaker pair of the seeds
        # Nothing runs off a phone's screen sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
