"""Showing transcript text safely: it is untrusted, so it is escaped, never rendered as HTML."""

from __future__ import annotations

import re

import pandas as pd

# Everything Markdown (and Streamlit's :color[...] directives and $math$) gives meaning to.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'])")

SPEAKER_COLOURS = ("blue", "orange", "green", "violet", "red", "gray", "rainbow")


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as written: no links, images, HTML or formatting."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
    return escaped.replace("\n", "  \n")


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


def speaker_colours(speakers: pd.Series | list[str]) -> dict[str, str]:
    """A stable colour per speaker, in order of first appearance."""
    ordered = list(dict.fromkeys(speakers))
    return {name: SPEAKER_COLOURS[i % len(SPEAKER_COLOURS)] for i, name in enumerate(ordered)}
