"""The app's one stylesheet: Streamlit's own words in its file uploaders, in the interface's
language (issue 22 item 4).

Streamlit 1.67 writes them in English whatever the page's language ("Upload", "Drag and drop
files here", "10MB per file • TXT"), with no parameter or setting to change them. The
stylesheet hides those words and draws the interface's own in their place with CSS
`content:`, which a browser draws as text, never as markup.

This is the only module that may draw raw HTML (tests/test_hosting.py): one `<style>` built
from the texts of `dashboard.texts`, the limits of `dashboard.limits`, the reader's kinds of
file and the uploaders' widget keys. Nothing from a link, an upload or a file goes into it:
the language picks one of the two sets of texts, and is checked to be one of them.
"""

from __future__ import annotations

import streamlit as st

from analysis.ingest.reader import ARTICLE_SUFFIXES
from dashboard import limits, session
from dashboard.texts import LANGS, lang, text

# Each uploader's per-file limit (MB) and the kinds of file it takes, as it is drawn (the
# browser test checks them against the words Streamlit itself writes for it): the articles'
# (any kind is taken, the reader reads these), the vocabulary's and the themes' (the server's
# limit, `.streamlit/config.toml`'s maxUploadSize, which equals the articles' per-file one).
UPLOADERS: dict[str, tuple[int, tuple[str, ...]]] = {
    session.UPLOAD: (limits.MAX_UPLOAD_FILE_BYTES // 10**6, ARTICLE_SUFFIXES),
    session.VOCAB_IMPORT: (limits.MAX_VOCAB_IMPORT_MB, (".txt",)),
    session.THEME_IMPORT: (limits.MAX_UPLOAD_FILE_BYTES // 10**6, (".toml",)),
}

ZONE = '.stFileUploader [data-testid="stFileUploaderDropzone"]'
# The button's words (its icon stays), the overlay shown while a file is dragged over the
# zone, and the line of limits under the button.
BUTTON_WORDS = f'{ZONE} > span > button [data-testid="stMarkdownContainer"]'
# (the one plain div of the zone holding a lone span: the file list's div holds none)
DRAG_OVERLAY = f"{ZONE} > div:not([data-testid]):has(> span:only-child)"
LIMITS_LINE = '[data-testid="stFileUploaderDropzoneInstructions"] > div'


def css_string(value: str) -> str:
    """`value` as a CSS string literal: quotes and backslashes escaped, and line breaks and
    angle brackets as CSS escapes, so nothing can end the string, the rule or the <style>."""
    escaped = []
    for char in value:
        if char in '"\\':
            escaped.append("\\" + char)
        elif char in "<>\n\r\f" or ord(char) < 0x20:
            escaped.append(f"\\{ord(char):X} ")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def limits_line(key: str, language: str) -> str:
    """What an uploader's line of limits says, in `language`."""
    mb, suffixes = UPLOADERS[key]
    return " · ".join(
        (
            text("uploader_limit", language).format(mb=mb),
            text("uploader_types", language).format(suffixes=" / ".join(suffixes)),
        )
    )


def uploader_css(language: str) -> str:
    """The stylesheet for `language` ("zh" or "en"; anything else is Chinese, the default)."""
    if language not in LANGS:
        language = LANGS[0]
    rules = [
        f"{BUTTON_WORDS} p {{ display: none; }}",
        f"{BUTTON_WORDS}::after {{ content: {css_string(text('uploader_button', language))}; }}",
        f"{DRAG_OVERLAY} > span {{ display: none; }}",
        f"{DRAG_OVERLAY}::after {{ content: {css_string(text('uploader_drop', language))}; "
        "font-size: 0.875rem; font-weight: 800; }",
    ]
    for key in UPLOADERS:
        line = f".st-key-{key} {LIMITS_LINE}"
        # Streamlit's line keeps to one row (cut with an ellipsis); the interface's may wrap.
        rules += [
            f"{line} > span {{ display: none; }}",
            f"{line}::after {{ content: {css_string(limits_line(key, language))}; "
            "font-size: 0.875rem; opacity: 0.7; white-space: normal; }",
        ]
    return "\n".join(rules)


def draw() -> None:
    """Draw the stylesheet for the run's language (it takes no room on the page)."""
    st.html(f"<style>\n{uploader_css(lang())}\n</style>")
