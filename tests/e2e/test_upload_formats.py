"""A caption file uploaded in a real browser: its speakers drawn, a PDF beside it listed with
why (not refused by Streamlit in English), and the uploader's words in Chinese where Streamlit
lets them be (issue 19 items 3 and 8, issue 22 item 4)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from analysis.ingest.reader import ARTICLE_SUFFIXES
from tests.e2e.conftest import (
    ROOT,
    UPLOAD_BOX,
    UPLOAD_INPUT,
    close_popovers,
    open_app,
    open_uploader,
    wait_for_app,
)
from tests.e2e.test_uploader_language import DRAWN_WORDS

pytestmark = pytest.mark.e2e

VTT = ROOT / "tests" / "articles" / "2025-06-12_platform_sync.vtt"
PDF = ROOT / "tests" / "articles" / "采访提纲.pdf"
UPLOADER = ".st-key-w_upload"
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Streamlit's own words in the uploader (the button, "10MB per file") are drawn in the
# interface's language by dashboard.styles: only units, which read the same in both, are Latin
# (the limits' MB, the files' sizes).
UNITS = {"MB", "KB"}
SUFFIX_WORDS = {suffix.lstrip(".") for suffix in ARTICLE_SUFFIXES}
# The share of each speaker's characters in the .vtt (272, 277 and 316 of 865 characters, as
# the reader's golden tests count them), in percent as the talk chart draws them.
SHARES = {"Priya Raman": 31.4, "Marcus Lee": 32.0, "Elena Novak": 36.5}
TALK_TRACES = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot =>
    plot.data.map(t => ({name: t.name,
        x: t.x && t.x._inputArray ? Array.from(t.x._inputArray) : t.x})))"""


def drawn_words(locator) -> str:
    """The words an element draws (icons and screen-reader-only text left out, CSS content
    put in): what a visitor reads."""
    return locator.evaluate(DRAWN_WORDS)


def english_words(text: str, names: tuple[str, ...] = ()) -> set[str]:
    for name in names:
        text = text.replace(name, "")
    return set(LATIN_WORD.findall(text)) - SUFFIX_WORDS


def test_a_vtt_upload_draws_its_speakers_and_a_pdf_is_listed_in_chinese(page, server):
    open_app(page, server)
    box = page.locator(f'{UPLOAD_BOX} [data-testid="stPopoverButton"]')
    expect(box).to_contain_text("上传文字稿")
    expect(box).not_to_contain_text("（")  # no file yet: no count
    body = open_uploader(page)
    uploader = page.locator(UPLOADER)
    # Before any file: the label, help, button, limits and caption are Chinese.
    assert english_words(drawn_words(uploader)) <= UNITS
    limits = body.get_by_text("可读取 .txt")
    expect(limits).to_contain_text("每个文件不超过 10 MB")
    files = [
        {"name": path.name, "mimeType": "application/octet-stream", "buffer": path.read_bytes()}
        for path in (VTT, PDF)
    ]
    page.locator(UPLOAD_INPUT).set_input_files(files=files)
    said = page.locator('[data-testid="stSidebar"]').get_by_text("已上传 2 个文件")
    expect(said).to_contain_text("1 个已读取，1 个未读取")
    wait_for_app(page)
    # Streamlit took the PDF (no "files are not allowed"); the app says why it is not read.
    expect(
        uploader.locator('[data-testid="stFileChipName"]').filter(has_text=PDF.name)
    ).to_be_visible()
    assert "not allowed" not in uploader.inner_text()
    chips = tuple(uploader.locator('[data-testid="stFileChipName"]').all_inner_texts())
    assert english_words(drawn_words(uploader), chips) <= UNITS
    # The popover's button counts the files; it stayed open through the run its label changed.
    expect(box).to_contain_text("上传文字稿（2）")
    close_popovers(page)
    page.locator('[data-testid="stMain"] [data-testid="stExpander"] summary').first.click()
    expect(page.get_by_text(f"{PDF.name}: 不支持的文件类型（'.pdf'）")).to_be_visible()
    # The talk chart draws the three people of the caption file with their shares.
    traces: dict = {}
    for trace in page.evaluate(TALK_TRACES):  # the first chart naming them: the talk chart
        traces.setdefault(trace["name"], trace["x"])
    for speaker, share in SHARES.items():
        drawn = [x for x in traces[speaker] if x is not None]
        assert [round(x, 1) for x in drawn] == [share], (speaker, drawn)
