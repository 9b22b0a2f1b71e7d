"""Streamlit's own words in the file uploaders, in the interface's language (issue 22 item
4): the button, the line of limits and the drop zone's words while a file is dragged over it
are Chinese in the Chinese interface and English in the English one, on a desktop and on a
phone, drawn by dashboard.styles' one stylesheet (CSS `content:`, never markup). The line of
limits states the figures Streamlit itself enforces (the words it writes, hidden, are read
back), and the button keeps a name a screen reader reads in the same language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard import limits
from dashboard.texts import text
from tests.e2e.conftest import STATE_MS, UPLOAD_BOX, open_app, open_uploader, open_vocabulary

pytestmark = pytest.mark.e2e

# Inside the checkout (ignored by git), like the other browser tests' screenshots.
SHOTS = Path(__file__).resolve().parents[2] / ".cache" / "screenshots"
SIDEBAR = '[data-testid="stSidebar"]'
ZONE = '.st-key-w_upload [data-testid="stFileUploaderDropzone"]'
CJK = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Notation that reads the same in both languages: the unit, and the kinds of file the
# reader takes, written as their suffixes.
SHARED = {"MB", "txt", "md", "markdown", "docx", "vtt", "srt", "toml"}

# The words an element draws: its text nodes that take room on the screen, outside what is
# drawn as an icon (a Material icon is a ligature such as "upload") and outside the text kept
# for screen readers only (clipped to a pixel), and the CSS `content` of its elements'
# ::before and ::after, in the order they come.
DRAWN_WORDS = """zone => {
    const words = [];
    const pseudo = (el, which) => {
        const content = getComputedStyle(el, which).content;
        if (content && content !== 'none' && content !== 'normal') words.push(JSON.parse(content));
    };
    const visit = node => {
        if (node.nodeType === Node.TEXT_NODE) {
            const box = node.parentElement.getBoundingClientRect();
            if (node.data.trim() && box.width > 1 && box.height > 1) words.push(node.data.trim());
            return;
        }
        if (node.nodeType !== Node.ELEMENT_NODE || node.dataset.testid === 'stIconMaterial') return;
        if (getComputedStyle(node).display === 'none') return;
        pseudo(node, '::before');
        node.childNodes.forEach(visit);
        pseudo(node, '::after');
    };
    visit(zone);
    return words.join(' ');
}"""
# What Streamlit writes in the line of limits (hidden by the stylesheet, still in the page).
STREAMLIT_LIMITS = """zone => zone.querySelector(
    '[data-testid="stFileUploaderDropzoneInstructions"] span').textContent"""
# A file dragged over the zone, as a browser reports it, to show the drop zone's words.
DRAG_A_FILE = """zone => {
    const files = new DataTransfer();
    files.items.add(new File(['主持人：你好'], 'a.txt', {type: 'text/plain'}));
    zone.dispatchEvent(new DragEvent('dragenter', {dataTransfer: files, bubbles: true}));
}"""
# The drop zone's overlay while a file is dragged over it (a native query: `:has(> …)`).
OVERLAY = f"{ZONE} > div:not([data-testid]):has(> span:only-child)"


def english_words(words: str) -> set[str]:
    return set(LATIN_WORD.findall(words)) - SHARED


def open_sidebar(page) -> None:
    """On a phone the sidebar starts closed: open it as a visitor does, then the uploader's
    popover (its button in the sidebar, named in the interface's language)."""
    sidebar = page.locator(SIDEBAR)
    if sidebar.get_attribute("data-collapsed") == "true":
        page.locator('[data-testid="stExpandSidebarButton"]').click()
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    open_uploader(page)
    zone = page.locator(ZONE)
    zone.scroll_into_view_if_needed()
    expect(zone).to_be_in_viewport()


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_uploader_speaks_the_interface_language(browser, server, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.set_default_timeout(STATE_MS)
    try:
        open_app(page, server, f"?lang={lang}")
        expect(page.locator(UPLOAD_BOX)).to_contain_text(text("upload_box", lang))
        open_sidebar(page)
        zone = page.locator(ZONE)
        button = zone.get_by_role("button", name=text("uploader_button", lang), exact=True)
        expect(button).to_be_visible()
        drawn = zone.evaluate(DRAWN_WORDS)
        mb = limits.MAX_UPLOAD_FILE_BYTES // 10**6
        line = text("uploader_limit", lang).format(mb=mb)
        assert drawn.startswith(text("uploader_button", lang)), drawn
        assert line in drawn and ".txt / .md / .markdown / .docx / .vtt / .srt" in drawn, drawn
        # The figure is the one Streamlit enforces (its own words, hidden: "10MB per file").
        assert zone.evaluate(STREAMLIT_LIMITS) == f"{mb}MB per file"
        # inner_text, what a copy or a screen reader's reading of the text gets, has none of
        # Streamlit's English words left either (only the icon's ligature, drawn as an icon).
        assert set(LATIN_WORD.findall(zone.inner_text())) <= {"upload"}, zone.inner_text()
        if lang == "zh":
            assert english_words(drawn) == set(), drawn
            assert CJK.search(drawn)
        else:
            assert not CJK.search(drawn), drawn
        # The button's line and the line of limits sit inside the zone, not cut off.
        box = zone.bounding_box()
        limits_box = zone.locator('[data-testid="stFileUploaderDropzoneInstructions"]')
        for part in (button.bounding_box(), limits_box.bounding_box()):
            assert box["x"] <= part["x"] and part["x"] + part["width"] <= box["x"] + box["width"]
        if width == 390:
            page.locator(ZONE).screenshot(path=f"{SHOTS}/uploader_zone_{lang}.png")
            page.screenshot(path=f"{SHOTS}/uploader_{lang}.png")
        # A file dragged over the zone: "drop files here" in the interface's language.
        zone.evaluate(DRAG_A_FILE)
        page.wait_for_function(f"document.querySelector({OVERLAY!r})")
        assert text("uploader_drop", lang) in zone.evaluate(DRAWN_WORDS)
        if width == 390:
            zone.screenshot(path=f"{SHOTS}/uploader_drag_{lang}.png")
        # Streamlit's "Drag and drop files here" is hidden (copied or read, as seen).
        assert page.locator(OVERLAY).inner_text() == ""
    finally:
        context.close()


def test_the_other_uploaders_state_their_own_limits(page, server):
    """The vocabulary's uploader (sidebar) takes a 1 MB .txt: its line says so in Chinese."""
    open_app(page, server)
    zone = page.locator('.st-key-w_vocab_import [data-testid="stFileUploaderDropzone"]')
    # In a closed popover the browser draws none of it: it is there once the popover opens.
    expect(zone).to_have_count(0)
    open_vocabulary(page)
    expect(zone).to_be_visible()
    assert zone.evaluate(STREAMLIT_LIMITS) == f"{limits.MAX_VOCAB_IMPORT_MB}MB per file • TXT"
    drawn = zone.evaluate(DRAWN_WORDS)
    assert f"每个文件不超过 {limits.MAX_VOCAB_IMPORT_MB} MB · 可读取 .txt" in drawn, drawn
    assert english_words(drawn) == set(), drawn


def test_the_themes_uploader_states_its_limits_in_english(page, server):
    """The themes page's uploader takes a .toml under the server's limit: its line says so,
    in English in the English interface, with the figures Streamlit enforces."""
    open_app(page, server, "themes?lang=en&themes_tab=edit")
    zone = page.locator('.st-key-w_import_themes [data-testid="stFileUploaderDropzone"]')
    zone.scroll_into_view_if_needed()
    expect(zone).to_be_visible()
    mb = limits.MAX_UPLOAD_FILE_BYTES // 10**6
    assert zone.evaluate(STREAMLIT_LIMITS) == f"{mb}MB per file • TOML"
    drawn = zone.evaluate(DRAWN_WORDS)
    assert drawn == f"Upload files Up to {mb} MB per file · reads .toml", drawn
