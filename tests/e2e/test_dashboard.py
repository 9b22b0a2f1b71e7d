"""What only a browser shows: pages drawn, chart clicks applied, shared links, downloads."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from playwright.sync_api import expect

from analysis import schema as s
from tests.e2e.conftest import (
    ROOT,
    download,
    open_app,
    open_tab,
    wait_for_app,
    wait_for_query,
)

pytestmark = pytest.mark.e2e

PAGES = ["", "speakers", "terms", "themes", "concordance"]


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def chart(page, index: int = 0):
    return page.locator('[data-testid="stPlotlyChart"]').nth(index)


def click_point(page, chart_locator, selector: str = "g.point path", nth: int = 0) -> None:
    """Click one bar or marker the way a person does: move there, press, release."""
    point = chart_locator.locator(selector).nth(nth)
    expect(point).to_be_attached()
    point.scroll_into_view_if_needed()  # the mouse only reaches what the viewport shows
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.up()


def metric(page, index: int) -> str:
    return page.locator('[data-testid="stMetricValue"]').nth(index).inner_text()


def sidebar_selection(page, label: str) -> list[str]:
    widget = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has_text=label
    )
    return widget.locator("[data-tag] span[title]").all_inner_texts()


@pytest.mark.parametrize("path", PAGES, ids=[p or "overview" for p in PAGES])
def test_every_page_draws_without_errors(page, server, path):
    open_app(page, server, path)
    expect(page.locator("h1")).to_have_count(1)
    if path != "concordance":  # the open tab's charts (dashboard/tabs.py)
        assert page.locator('[data-testid="stPlotlyChart"]').count() >= 1


def test_clicking_an_articles_bar_filters_every_chart(page, server):
    open_app(page, server)
    assert metric(page, 0) == "5"  # articles before the click
    click_point(page, chart(page, 0))  # "who talks how much": a bar of the first article
    wait_for_query(page, "article")
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("1")
    article = query(page)["article"]
    assert len(article) == 1
    assert [tag.split(" · ")[0] for tag in sidebar_selection(page, "文章")] == [article[0][:3]]
    open_tab(page, "文章 × 主题", "overview_tab", "themes")
    assert chart(page, 0).locator(".points path.point").count() < 5 * 13  # the grid shrank
    # Clicking the same element again clears the filter.
    open_tab(page, "谁说了多少", "overview_tab", None)
    click_point(page, chart(page, 0))
    wait_for_query(page, "article", present=False)
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("5")


def test_clicking_a_speaker_segment_filters_to_that_speaker(page, server):
    open_app(page, server, "speakers?speakers_tab=strip")
    # Seven people in the strip: three hosts named only 主持人 are one per article.
    assert chart(page, 0).locator("g.trace.bars").count() == 7
    open_tab(page, "发言占比", "speakers_tab", None)
    click_point(page, chart(page, 0))
    wait_for_query(page, "speaker")
    speaker = query(page)["speaker"]
    assert sidebar_selection(page, "发言人") == speaker
    open_tab(page, "对话条", "speakers_tab", "strip")
    expect(chart(page, 0).locator("g.trace.bars")).to_have_count(1)


def test_clicking_an_article_theme_square_filters_both(page, server):
    open_app(page, server, "?overview_tab=themes")
    click_point(page, chart(page, 0), selector=".points path.point")
    wait_for_query(page, "theme")
    params = query(page)
    assert len(params["article"]) == 1 and len(params["theme"]) == 1
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("1")


def test_clicking_a_term_opens_its_concordance(page, server):
    open_app(page, server, "terms")
    click_point(page, chart(page, 0), nth=29)  # bars are drawn bottom-up: the last is the top term
    page.wait_for_function("location.pathname.endsWith('/concordance')")
    wait_for_query(page, "q")
    term = query(page)["q"][0]
    expect(page.locator('[data-testid="stTextInput"] input')).to_have_value(term)
    expect(page.get_by_text("处命中")).to_be_visible()


def test_word_cloud_is_an_image_with_a_png_download(page, server):
    open_app(page, server, "terms")
    image = page.locator('[data-testid="stImage"] img')
    expect(image).to_be_visible()
    assert image.evaluate("img => img.naturalWidth") > 100
    png = download(page, page.get_by_role("button", name="下载 PNG"))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_csv_download_of_a_table(page, server):
    from dashboard import session
    from dashboard.tables import header
    from dashboard.texts import translator

    open_app(page, server, "speakers?speakers_tab=table")
    # Every table has its CSV: the per-speaker table's is the one keyed by its file.
    key = session.download("speaker_stats.csv").removesuffix(".csv")  # the class has no dot
    table = page.locator(f'[class*="st-key-{key}"]')
    raw = download(page, table.get_by_role("button", name="下载 CSV"))
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel on Chinese Windows reads it
    text = raw.decode("utf-8-sig")
    # Headed as on screen, in the interface's language (标题,发言人,角色,…): the article
    # by its title.
    zh = translator("zh")
    columns = ("title", "speaker", "role", "turns", "chars", "share")
    assert text.splitlines()[0].startswith(",".join(header(c, zh) for c in columns))
    assert "Sam Altman" in text


def test_a_shared_link_reproduces_the_view_in_a_new_browser(page, server, browser):
    open_app(page, server, "speakers")
    page.locator('[data-testid="stRadio"]').get_by_text("分钟", exact=True).click()  # measure
    wait_for_query(page, "measure")
    click_point(page, chart(page, 0))  # a speaker segment
    wait_for_query(page, "speaker")
    link = page.url
    assert "measure=minutes" in link and "speaker=" in link
    shown = chart(page, 0).locator("g.point").count()

    other = browser.new_context(viewport={"width": 1400, "height": 1000})
    fresh = other.new_page()
    fresh.goto(link)
    wait_for_app(fresh)
    assert sidebar_selection(fresh, "发言人") == query(page)["speaker"]
    expect(
        fresh.locator('[data-testid="stRadio"]').filter(has_text="分钟").locator("input:checked")
    ).to_have_count(1)
    assert chart(fresh, 0).locator("g.point").count() == shown
    assert urlparse(fresh.url).path.endswith("/speakers")
    other.close()


def test_the_concordance_hit_being_read_travels_with_the_link(page, server, browser):
    open_app(page, server, "concordance?q=智能体")
    grid = page.locator('[data-testid=stMain] [data-testid="stDataFrame"]').first.bounding_box()
    # The table is drawn on a canvas: its row-selection column is at the left edge, and the
    # first row sits below the 35 px header.
    page.mouse.click(grid["x"] + 15, grid["y"] + 35 + 17)
    wait_for_query(page, "hit")
    article, turn = query(page)["hit"][0].rsplit(":", 1)
    from analysis.ingest.reader import read_corpus

    articles = read_corpus(ROOT / "seeds").articles.set_index("article_id")
    header = f"{articles.loc[article, 'title']} · #{turn}"  # the title, not the id
    expect(page.get_by_text(header)).to_be_visible()

    other = browser.new_context(viewport={"width": 1400, "height": 1000})
    fresh = other.new_page()
    fresh.goto(page.url)
    wait_for_app(fresh)
    expect(fresh.get_by_text(header)).to_be_visible()
    other.close()


def test_hostile_and_stale_links_give_a_notice_and_a_working_page(page, server):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = (
        "?article=999_gone&article=000_88405d23da071c51&theme=改名的主题&from=not-a-date"
        "&measure=%3Cscript%3Ealert(1)%3C/script%3E&q=" + "x" * 300 + "&lang=en"
    )
    open_app(page, server, hostile)
    notice = page.locator('[data-testid="stAlert"]').filter(has_text="ignored")
    expect(notice).to_contain_text("article=999_gone")
    expect(notice).to_contain_text("theme=改名的主题")
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("1")
    assert query(page)["article"] == ["000_88405d23da071c51"]
    assert dialogs == []
    assert page.locator("script:text('alert(1)')").count() == 0


def test_after_a_server_restart_the_link_still_restores_the_view(page):
    from tests.e2e.conftest import Server

    first = Server()
    try:
        open_app(page, first, "themes?article=002_44e89f23e9374fe1&theme=智能体&lang=en")
        link = page.url
        charts_before = chart(page, 0).locator("g.point").count()
    finally:
        first.stop()
    second = Server(port=first.port)
    try:
        page.goto(link)
        wait_for_app(page)
        assert query(page)["article"] == ["002_44e89f23e9374fe1"]
        assert query(page)["theme"] == ["智能体"]
        expect(page.locator("h1")).to_have_text("Themes")
        assert chart(page, 0).locator("g.point").count() == charts_before
    finally:
        second.stop()


def test_a_corpus_large_enough_for_worker_processes_loads(page, tmp_path):
    from analysis.ingest.reader import PARALLEL_MIN_BYTES
    from bench.synth import write_synthetic_corpus
    from tests.e2e.conftest import Server

    folder = write_synthetic_corpus(ROOT / "seeds", tmp_path / "large", 120)
    assert sum(f.stat().st_size for f in folder.iterdir()) > PARALLEL_MIN_BYTES
    large = Server(env={"TRANSCRIPTS_CORPUS": str(folder)})
    try:
        page.set_default_timeout(120_000)
        open_app(page, large)
        assert metric(page, 0) == "120"
    finally:
        large.stop()


def csv_rows(page, file_name: str) -> pd.DataFrame:
    from dashboard import session

    key = session.download(file_name).removesuffix(".csv")
    button = page.locator(f'[class*="st-key-{key}"]').get_by_role("button")
    return pd.read_csv(io.BytesIO(download(page, button)), encoding="utf-8-sig")


def test_the_csv_of_a_table_shown_in_part_holds_every_row(page, server, seeds_store):
    """The page keeps only the rows it shows (a large corpus's whole table is too large to
    keep between runs); the CSV is made on the click and holds every row."""
    from analysis.measures import compare
    from analysis.store.selection import Selection

    open_app(page, server, "terms?terms_tab=compare&a_speaker=Sam+Altman&b=rest")
    every_term = compare.compare(seeds_store, Selection(speakers=("Sam Altman",)), None)
    assert len(every_term) > 40  # more than the table shows
    keyness = csv_rows(page, "keyness.csv")
    assert len(keyness) == len(every_term)
    assert keyness.iloc[:, 0].tolist() == every_term[s.TERM].tolist()  # strongest for A first
    open_app(page, server, "speakers?speakers_tab=table")
    assert len(csv_rows(page, "speaker_stats.csv")) == seeds_store.speaker_rows()
