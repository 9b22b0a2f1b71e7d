"""Removing the markdown of WeChat exports so that only the words remain."""

from __future__ import annotations

import re
import unicodedata

IMAGE = re.compile(r"!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)")
LINK = re.compile(r"\[([^\]\n]{0,500})\]\((?:[^)\n]{0,2000})\)")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'）)\]】，。]{1,2000}", re.IGNORECASE)
# Script and style elements go with their content: it is code, never speech.
SCRIPT_BLOCK = re.compile(r"<(script|style)\b[^>\n]{0,300}>.{0,5000}?</\1\s*>", re.IGNORECASE)
HTML_TAG = re.compile(r"</?[a-zA-Z][^>\n]{0,300}>")
# Bold/italic markers, including the stray runs that WeChat exports leave around labels.
EMPHASIS = re.compile(r"\*{1,}|(?<![A-Za-z0-9])_{1,3}|_{1,3}(?![A-Za-z0-9])")
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
LIST_MARK = re.compile(r"^\s*(?:[-+•]\s+|\d{1,3}[.)]\s+|>\s*)+")
HORIZONTAL_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
# Zero-width and bidirectional controls are invisible and break matching.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
SPACES = re.compile(r"[ \t\u00a0\u3000]+")
LATIN_END = re.compile(r"[A-Za-z0-9%.,;:!?'\")\]]$")
LATIN_START = re.compile(r"^[A-Za-z0-9(\"'\[]")


def is_image_line(line: str) -> bool:
    stripped = IMAGE.sub("", line).strip(" *_>")
    return bool(IMAGE.search(line)) and not stripped


# Picture captions and credits between paragraphs (`▲ 图：现场`, `图片来源：网络`).
CAPTION = re.compile(r"^\s*(?:[▲△↑⬆]|图源|图片来源|图片\s*[:：]|配图|视频来源|图\s*\d*\s*[:：|丨])")
CAPTION_MAX_CHARS = 60


def is_caption(line: str) -> bool:
    text = clean_inline(line)
    return len(text) <= CAPTION_MAX_CHARS and bool(CAPTION.match(text))


def is_rule(line: str) -> bool:
    return bool(HORIZONTAL_RULE.match(line))


def clean_inline(text: str) -> str:
    """One line of markdown to plain text: no images, link targets, URLs or emphasis."""
    # Each pass runs only when its trigger is present: most lines are plain speech.
    text = INVISIBLE.sub("", text)
    if "](" in text:
        text = LINK.sub(r"\1", IMAGE.sub("", text))
    if "://" in text or "www." in text.casefold():
        text = URL.sub("", text)
    if "<" in text:
        text = HTML_TAG.sub("", SCRIPT_BLOCK.sub("", text))
    if "\\" in text:
        text = ESCAPE.sub(r"\1", text)
    text = LIST_MARK.sub("", text)
    if "*" in text or "_" in text:
        text = EMPHASIS.sub("", text)
    if "&nbsp;" in text:
        text = text.replace("&nbsp;", " ")
    return SPACES.sub(" ", text).strip()


# What the transcriber heard rather than what was said: （笑）, [掌声], (laughs).
STAGE_DIRECTION = re.compile(
    r"\s*[（(\[【]\s*(?:笑|笑声|大笑|众笑|观众笑|全场笑|掌声|鼓掌|观众鼓掌|掌声雷动|音乐|停顿|沉默|"
    r"laughs?|laughter|applause|crosstalk|inaudible|听不清)\s*[）)\]】]",
    re.IGNORECASE,
)


# The editor's or translator's note inside speech: （编者注：o1 是推理模型）.
EDITOR_NOTE = re.compile(
    r"\s*[（(\[【]\s*(?:编者注|编注|编者按|译者注|译注|注)\s*[:：][^）)\]】]*[）)\]】]"
)
# A whole paragraph of it: 编者注：… on its own line.
EDITOR_NOTE_LINE = re.compile(r"^\s*[（(\[【]?\s*(?:编者注|编注|编者按|译者注|译注)\s*[:：]")


def strip_stage_directions(text: str) -> str:
    """Speech without the transcriber's stage directions or the editor's inline notes."""
    if "笑" in text or "掌" in text or "(" in text or "（" in text or "[" in text or "【" in text:
        text = EDITOR_NOTE.sub("", STAGE_DIRECTION.sub("", text)).strip()
    return text


def is_editor_note(line: str) -> bool:
    return bool(EDITOR_NOTE_LINE.match(clean_inline(line)))


def join_wrapped(lines: list[str]) -> str:
    """Join the hard-wrapped lines of one paragraph: a space only between Latin words."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and LATIN_START.match(line):
            out += line  # "T-\nMobile"
        elif LATIN_END.search(out) and LATIN_START.match(line):
            out += " " + line
        else:
            out += line
    return out


def count_chars(text: str) -> int:
    """Characters of text, white space not counted."""
    return len("".join(text.split()))


def fold(text: str) -> str:
    """Width- and case-folded form used for matching names and markers."""
    return unicodedata.normalize("NFKC", text).casefold()
