"""Showing untrusted text safely: transcript text, titles, file names, link values and theme files
are shown as written, never interpreted as markup.

Two escapers, one per renderer: `escape_markdown` for Streamlit's Markdown (st.markdown, captions,
alerts) and `escape_plot` for plotly's HTML subset (chart labels, ticks, legends, tooltips).
"""

from __future__ import annotations

import html
import re

# Everything Markdown (and Streamlit's :color[...] directives and $math$) gives meaning to.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'^%])")
# Streamlit turns :name[..], :material/icon: and :emoji: into markup after escapes are undone,
# and GFM links www.…, http://… and a@b.c in plain text nodes. An invisible word joiner after
# each colon that a name or // follows, before each @ and after "www" breaks all of these and
# leaves the text readable (a colon before a space or the end, as in "file.txt: skipped",
# starts nothing, so it stays as typed and can be found with the browser's search).
WORD_JOINER = "\u2060"
_BREAK_AFTER = re.compile(r"(:(?=[\w/+\-])|(?i:www)(?=\.))")
_LEADING_SPACE = re.compile(r"^[ \t]+", re.MULTILINE)  # four spaces would make a code block


def escape_markdown(text: object) -> str:
    """Text that Streamlit's Markdown shows as written: no links, images, HTML, icons, emoji
    shortcodes, colour directives, math or formatting."""
    text = str(text)
    text = _BREAK_AFTER.sub(r"\1" + WORD_JOINER, text).replace("@", WORD_JOINER + "@")
    text = _LEADING_SPACE.sub(lambda m: "\u00a0" * len(m.group()), text)
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return escaped.replace("\r", "").replace("\n", "  \n")


def escape_plot(text: object) -> str:
    """Text that plotly shows as written: its labels and tooltips understand <b>, <br>, <a href>,
    <span style> and entities, so < > & become entities."""
    return html.escape(str(text), quote=False)


def escape_template(text: object) -> str:
    """Text written into a plotly hovertemplate as itself: `escape_plot`, and `%` as an entity,
    so a name holding `%{customdata[0]}` is shown, never filled in as a field."""
    return escape_plot(text).replace("%", "&#37;")


def highlight(text: str, spans: list[tuple[int, int]], colour: str = "orange") -> str:
    """Escaped text with the given character spans marked by a coloured background."""
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue
        out.append(escape_markdown(text[last:start]))
        out.append(f":{colour}-background[{escape_markdown(text[start:end])}]")
        last = end
    out.append(escape_markdown(text[last:]))
    return "".join(out)


def coloured(text: str, colour: str) -> str:
    """Escaped bold text in a hex colour (Streamlit's :color[..]{foreground=..} directive)."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        raise ValueError(f"not a hex colour: {colour!r}")
    return f':color[**{escape_markdown(text)}**]{{foreground="{colour}"}}'
