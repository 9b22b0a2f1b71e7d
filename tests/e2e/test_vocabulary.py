"""The session's vocabulary in a real browser: a suggested word added in one click changes
the Terms page's counts, bad text is refused naming its line, and the exported file
reproduces the counts for whoever opens the link and imports it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    STATE_MS,
    VOCAB_BOX,
    VOCAB_TEXT,
    download,
    new_visitor,
    open_app,
    open_popover,
    wait_for_app,
    wait_for_query,
)

pytestmark = pytest.mark.e2e

SHOTS = Path(__file__).resolve().parents[2] / ".cache" / "screenshots"
TOP_TERMS = """() => {
    // _fullData: the numbers as plotted (data may hold them as a typed array's bytes)
    const bars = document.querySelector('[data-testid="stMain"] .js-plotly-plot')._fullData[0];
    return Object.fromEntries(Array.from(bars.y).map((term, i) => [term, Number(bars.x[i])]));
}"""


def top_terms(page) -> dict[str, int]:
    """The Terms page's top-terms bars as the browser plots them: term -> count."""
    return page.evaluate(TOP_TERMS)


def seed_occurrences(word: str) -> int:
    """How often the seeds' turns write `word` (read from the text, not the tokens)."""
    from analysis.ingest.reader import read_corpus

    return sum(text.count(word) for text in read_corpus("seeds").turns["text"])


def open_vocabulary(page):
    """Open the sidebar's vocabulary popover by its button (named in the sidebar) and return
    its body (drawn in a layer of its own, outside the sidebar)."""
    expect(page.locator(VOCAB_BOX)).to_contain_text("词表（本次会话）")
    panel = open_popover(page, VOCAB_BOX, VOCAB_TEXT)
    expect(panel.get_by_text("生效中")).to_be_visible()
    return panel


def show_suggestions(page, panel) -> None:
    """Turn the suggestions on, and wait for the run that lists them: a click landing while
    a run is being drawn can be lost, so the toggle is clicked until it reads on."""
    toggle = (
        panel.locator('[data-testid="stCheckbox"]').filter(has_text="推荐新词").locator("input")
    )
    for _ in range(3):
        wait_for_app(page)
        if toggle.is_checked():
            break
        panel.get_by_text("推荐新词").click()
    expect(toggle).to_be_checked()
    wait_for_app(page)


def test_a_suggested_word_added_in_one_click_changes_the_counts_and_travels(browser, server):
    page = new_visitor(browser)
    open_app(page, server, "terms")
    before = top_terms(page)
    panel = open_vocabulary(page)
    show_suggestions(page, panel)
    # jieba writes 这项技术 as 这项 / 技术, nine times in the seeds' turns: the first suggestion.
    suggestion = panel.get_by_role("button", name=re.compile("这项技术 · 9"))
    expect(suggestion).to_be_visible(timeout=STATE_MS)
    suggestion.click()
    wait_for_query(page, "vocab_version")
    after = top_terms(page)
    assert after["技术"] == before["技术"] - seed_occurrences("这项技术")
    expect(panel.get_by_text("生效中：加词 1 个")).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "vocabulary-added.png"), full_page=False)

    # Bad text is refused with its line named; the counts stay those of the vocabulary in force.
    panel.locator("textarea").fill("[add words]\n这项技术\n图灵 测试\n")
    panel.get_by_role("button", name="应用").click()
    wait_for_app(page)
    expect(panel.get_by_text("第 3 行")).to_be_visible()
    assert top_terms(page) == after
    panel.get_by_text("第 3 行").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "vocabulary-refused.png"), full_page=False)

    exported = download(page, panel.get_by_role("button", name="导出词表文件"))
    assert "这项技术" in exported.decode("utf-8")
    # A small vocabulary travels inside the link (`vocab`, test_one_language.py); a large
    # one by its version only: such a link, without `vocab`, is what this visitor opens.
    link = re.sub(r"&?vocab=[\w-]+", "", page.url)
    assert "vocab_version=" in link

    # Another visitor opens the link: told about the vocabulary, then imports the file.
    other = new_visitor(browser)
    other.goto(link)
    wait_for_app(other)
    version = link.split("vocab_version=")[1].split("&")[0]
    # The notice names the version (the comparison's own link on the page holds it too).
    notice = other.locator('[data-testid="stMain"]').get_by_text(f"版本 {version}")
    expect(notice).to_be_visible()
    assert top_terms(other) == before
    open_vocabulary(other).locator("input[type=file]").set_input_files(
        files=[{"name": "vocabulary.txt", "mimeType": "text/plain", "buffer": exported}]
    )
    expect(notice).to_have_count(0)
    wait_for_app(other)
    assert top_terms(other) == after
    other.context.close()
    page.context.close()
