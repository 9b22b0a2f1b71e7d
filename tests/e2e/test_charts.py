"""Charts that tell the truth: what the browser plots, read from the page, against the tables."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard import view
from tests.e2e.conftest import ROOT, open_app

pytestmark = pytest.mark.e2e

PAGES = ("speakers", "terms", "themes")  # the pages with tabs, besides the overview
# The Questions page with a question opened (its article and turns shown above the reader's
# button) and two themes compared, so that every part of it is drawn; its list stays above
# each tab.
QUESTIONS = "questions?qa_open=002_44e89f23e9374fe1:3&qa_cmp_a=智能体&qa_cmp_b=安全与对齐&"
ID_PATTERN = re.compile(r"\d{3}_[0-9a-f]{8,}")
PLOTTED = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => ({
    traces: plot.data.map(t => ({
        name: t.name, type: t.type, x: t.x, y: t.y, base: t.base, ids: t.ids,
        customdata: t.customdata, hovertext: t.hovertext, text: t.text,
        hovertemplate: t.hovertemplate, color: t.marker && t.marker.color,
        linecolor: t.line && t.line.color})),
    yticks: (plot.layout.yaxis || {}).ticktext, xticks: (plot.layout.xaxis || {}).ticktext,
}))"""


def plotted(page) -> list[dict]:
    return page.evaluate(PLOTTED)


@pytest.fixture(scope="module")
def seeds():
    """The seed corpus and its analysis, as the dashboard computes them."""
    from analysis.config import load_speakers
    from analysis.ingest.reader import read_corpus
    from analysis.measures.talk import generic_speakers
    from tests.oracle import reference_of

    corpus = read_corpus(ROOT / "seeds")
    analysis = reference_of(ROOT / "seeds")
    generic = generic_speakers(corpus.turns["speaker"].unique(), load_speakers())
    return analysis, generic


def person(speaker: str, article_id: str, generic: set[str]) -> str:
    """Who a speaker is across articles, written by hand: a role word gets its article's tag."""
    return f"{speaker} · {article_id.split('_')[0]}" if speaker in generic else speaker


def test_the_strip_draws_every_turn_in_conversation_order(page, server, seeds):
    analysis, generic = seeds
    open_app(page, server, "speakers?speakers_tab=strip")
    strip = plotted(page)[0]
    segments = [
        (turn_id, base, trace["name"])
        for trace in strip["traces"]
        for turn_id, base in zip(trace["ids"], trace["base"], strict=True)
    ]
    turns = analysis.corpus.turns
    assert len(segments) == len(turns)
    for article, rows in turns.groupby("article_id"):
        drawn = sorted((base, turn_id, name) for turn_id, base, name in segments
                       if turn_id.split(":")[0] == article)  # fmt: skip
        rows = rows.sort_values("turn")
        assert [turn_id for _, turn_id, _ in drawn] == [f"{article}:{n}" for n in rows["turn"]]
        assert [name for _, _, name in drawn] == [
            person(sp, article, generic) for sp in rows["speaker"]
        ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_grid_has_one_labelled_cell_per_article_and_theme(page, server, seeds, lang):
    analysis, _ = seeds
    open_app(page, server, f"?lang={lang}&overview_tab=themes")
    grid = plotted(page)[0]
    cells = [tuple(c) for c in grid["traces"][0]["customdata"]]
    articles = list(analysis.corpus.articles["article_id"])
    themes = analysis.themes
    assert sorted(cells) == sorted((a, th.name) for a in articles for th in themes)
    names = [th.label_en if lang == "en" else th.name for th in themes]
    assert grid["yticks"] == names  # every theme labelled, in the file's order
    assert len(grid["xticks"]) == len(articles)
    # The tooltip is a template over each cell's article, theme, count and the article's
    # turns (`text`); hovering a cell shows them filled in.
    trace = grid["traces"][0]
    turns = analysis.corpus.turns.groupby("article_id").size()
    assert trace["text"] == [f"{turns[a]:,}" for a, _ in cells]
    plot = page.locator('[data-testid="stPlotlyChart"]').nth(0)
    for index in (0, len(cells) - 1):
        cell = plot.locator("path.point").nth(index)
        cell.scroll_into_view_if_needed()
        box = cell.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        tip = plot.locator(".hoverlayer .hovertext")
        expect(tip).to_have_count(1)
        shown = tip.text_content()
        article, theme = cells[index]
        name = names[[th.name for th in themes].index(theme)]
        count, total = trace["color"][index], turns[article]
        assert name in shown and article.split("_")[0] in shown
        assert f"{count:,} / {total:,}" in shown or f"{count:,} of {total:,}" in shown


def test_the_who_says_what_scatter_holds_every_eligible_term(page, server, seeds):
    from analysis.measures.keyness import log_odds

    analysis, _ = seeds
    tokens = analysis.tokens
    scores = log_odds(tokens[tokens["role"] == "guest"], tokens[tokens["role"] == "host"])
    eligible = set(scores[(scores["count_a"] + scores["count_b"]) >= 3]["term"])
    one_sided = {
        t for t in eligible if not scores.set_index("term").loc[t, ["count_a", "count_b"]].all()
    }
    open_app(page, server, "terms?terms_tab=compare")
    scatter = plotted(page)[0]["traces"][0]
    shown = {c[0] for c in scatter["customdata"]}
    assert shown == eligible
    assert one_sided and one_sided <= shown  # terms one side never uses are there too


def test_one_speaker_has_one_colour_on_every_page(page, server):
    colours = set()
    # Each chart that draws people, in its tab.
    for path in [
        *("", "speakers", "speakers?speakers_tab=strip", "themes?themes_tab=people"),
        *("?article=002_44e89f23e9374fe1", "speakers?role=guest"),
    ]:
        open_app(page, server, path)
        for chart in plotted(page):
            for trace in chart["traces"]:
                if trace["name"] == "Sam Altman":
                    colours.add(trace["color"] if isinstance(trace["color"], str) else None)
    open_app(page, server, "concordance?read=002_44e89f23e9374fe1")
    name = page.locator(".stMarkdownColoredText", has_text="Sam Altman").first
    expect(name).to_be_visible()
    rgb = name.evaluate("e => getComputedStyle(e).color")
    red, green, blue = (int(x) for x in re.findall(r"\d+", rgb)[:3])
    colours.add(f"#{red:02x}{green:02x}{blue:02x}")
    assert len(colours) == 1, colours


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_article_id_shows_where_a_title_exists(browser, server, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    query = f"lang={lang}&article=002_44e89f23e9374fe1&article=003_00fc6f42bdf96616&q=智能体"
    # Every tab of every page that names articles (only the open tab is drawn).
    paths = [
        f"{page_path}?{name}={tab}&"
        for page_path, name in (("", "overview_tab"), *((p, f"{p}_tab") for p in PAGES))
        for tab in view.TABS[name]
    ]
    questions = [f"{QUESTIONS}questions_tab={tab}&" for tab in view.TABS["questions_tab"]]
    concordance = [f"concordance?concordance_tab={tab}&" for tab in view.TABS["concordance_tab"]]
    for path in [*paths, *concordance, *questions]:
        open_app(page, server, f"{path}{query}")
        # Everything drawn as text (SVG chart text included), but the share links' addresses.
        text = page.evaluate(
            """() => { const main = document.querySelector('[data-testid=stApp]').cloneNode(true);
                main.querySelectorAll('[data-testid=stCode], code').forEach(
                    e => e.textContent.startsWith('http') && e.remove());
                return main.textContent; }"""
        )
        assert not ID_PATTERN.search(text), (path, ID_PATTERN.search(text).group())
        charts = plotted(page)
        for chart in charts:
            for trace in chart["traces"]:
                assert not ID_PATTERN.search(" ".join(map(str, trace["hovertext"] or [])))
        if path.startswith("questions"):
            # The list is read by the check (its rows name their articles by number and
            # title), and the open tab drew its chart.
            listed = page.locator(".st-key-questions_table")
            expect(listed.get_by_text("002 · ", exact=False).first).to_be_attached()
            assert len(charts) == 1, path
    context.close()


def test_every_chart_has_plotlys_png_button_and_nothing_else(page, server):
    open_app(page, server, "speakers")
    charts = page.locator('[data-testid="stPlotlyChart"]')
    for index in range(charts.count()):
        buttons = charts.nth(index).locator(".modebar-btn")
        expect(buttons).to_have_count(1)
        assert "png" in buttons.first.get_attribute("data-title").lower()
    charts.first.hover()
    with page.expect_download() as download:
        charts.first.locator(".modebar-btn").click()
    assert download.value.suggested_filename == "speaker_shares.png"
