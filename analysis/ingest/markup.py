"""Removing the markdown of WeChat exports so that only the words remain."""

from __future__ import annotations

import re
import string
import unicodedata

# Alt text and targets stop at the next bracket, so a scan never runs past the next `[` or `(`:
# each character is scanned from one start only, and a line of `![![![` reads in linear time.
IMAGE = re.compile(r"!\[[^\[\]\n]{0,500}\]\([^()\n]{0,2000}\)")
LINK = re.compile(r"\[([^\[\]\n]{0,500})\]\([^()\n]{0,2000}\)")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'）)\]】，。]{1,2000}", re.IGNORECASE)
# Script and style elements go with their content: it is code, never speech.
SCRIPT_OPEN = re.compile(r"<(script|style)\b[^<>\n]{0,300}>", re.IGNORECASE)
SCRIPT_CLOSE = {
    "script": re.compile(r"</script\s*+>", re.IGNORECASE),
    "style": re.compile(r"</style\s*+>", re.IGNORECASE),
}
HTML_TAG = re.compile(r"</?[a-zA-Z][^<>\n]{0,300}>")
# Bold/italic markers, including the stray runs that WeChat exports leave around labels.
EMPHASIS = re.compile(r"\*{1,}|(?<![A-Za-z0-9])_{1,3}|_{1,3}(?![A-Za-z0-9])")
# A Markdown footnote marker in the text: [^1], [^note].
FOOTNOTE_REF = re.compile(r"\[\^[^\[\]\s]{1,20}\]")
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
LIST_MARK = re.compile(r"^\s*+(?:[-+•]\s++|\d{1,3}[.)]\s++|>\s*+)++")
HORIZONTAL_RULE = re.compile(r"^\s*+(?:[-*_]\s*+){3,}+$")
# Zero-width and bidirectional controls are invisible and break matching.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
SPACES = re.compile(r"[ \t\u00a0\u3000]+")
# The last character of a paragraph so far; a set, because a `…$` search would rescan the
# whole paragraph for every wrapped line joined to it.
LATIN_END_CHARS = frozenset(string.ascii_letters + string.digits + "%.,;:!?'\")]")
LATIN_START = re.compile(r"^[A-Za-z0-9(\"'\[]")


def is_image_line(line: str) -> bool:
    stripped = IMAGE.sub("", line).strip(" *_>")
    return bool(IMAGE.search(line)) and not stripped


# Picture captions and credits between paragraphs (`▲ 图：现场`, `图｜新华社`, `图片来源：网络`).
CAPTION = re.compile(
    r"^(?:[▲△↑⬆▼]|[图圖]源|[图圖]片[来來]源|[视視]频[来來]源|配[图圖]|[题題][图圖]|[头頭][图圖]|"
    r"封面[图圖]|[图圖][为為]|[图圖][注註]|[来來]源\s*+[:：]"
    r"|[图圖]片?\s*+\d*+\s*+[:：|｜丨/／]|(?:[摄攝]影|拍[摄攝]|供[图圖]|[摄攝])\s*+[:：|｜丨/／])"
)
# A credit anywhere in a short line: `王小川在发布会现场 摄影：李雷`.
CREDIT = re.compile(
    r"(?:[摄攝]影|拍[摄攝]|供[图圖]|[图圖]源|[图圖]片[来來]源|[视視]频[来來]源|[图圖]片提供)\s*+[:：|｜丨/／]"
)
CAPTION_MAX_CHARS = 60


def is_caption(line: str) -> bool:
    text = clean_inline(line)
    return len(text) <= CAPTION_MAX_CHARS and bool(CAPTION.match(text) or CREDIT.search(text))


def is_rule(line: str) -> bool:
    return bool(HORIZONTAL_RULE.match(line))


def drop_scripts(text: str) -> str:
    """Text without `<script>`/`<style>` elements and their content, in one pass."""
    kept, pos, unclosed = [], 0, set()
    for opening in SCRIPT_OPEN.finditer(text):
        name = opening.group(1).lower()
        if opening.start() < pos or name in unclosed:
            continue
        closing = SCRIPT_CLOSE[name].search(text, opening.end())
        if closing is None:
            # No closing tag after this one means none after any later one: never look again.
            unclosed.add(name)
            continue
        kept.append(text[pos : opening.start()])
        pos = closing.end()
    kept.append(text[pos:])
    return "".join(kept)


def clean_inline(text: str) -> str:
    """One line of markdown to plain text: no images, link targets, URLs or emphasis."""
    # Each pass runs only when its trigger is present: most lines are plain speech.
    text = INVISIBLE.sub("", text)
    if "[^" in text:
        text = FOOTNOTE_REF.sub("", text)
    if "](" in text:
        text = LINK.sub(r"\1", IMAGE.sub("", text))
    if "://" in text or ("." in text and "www." in text.casefold()):
        text = URL.sub("", text)
    if "<" in text:
        text = HTML_TAG.sub("", drop_scripts(text))
    if "\\" in text:
        text = ESCAPE.sub(r"\1", text)
    text = LIST_MARK.sub("", text)
    if "_" in text:
        text = EMPHASIS.sub("", text)
    elif "*" in text:
        # Without underscores EMPHASIS removes asterisks only, and its look-arounds, tried
        # at every character, cost ~9 µs a line (a label line has asterisks).
        text = text.replace("*", "")
    if "&nbsp;" in text:
        text = text.replace("&nbsp;", " ")
    if "  " in text or "\t" in text or "\u00a0" in text or "\u3000" in text:
        text = SPACES.sub(" ", text)  # single spaces, the common case, stay as they are
    return text.strip()


# What the transcriber heard rather than what was said: （笑）, [掌声], (laughs). The
# look-behind starts a match only at the first of several spaces, so a run of them is
# scanned once, not once per space.
STAGE_DIRECTION = re.compile(
    r"(?<!\s)\s*+[（(\[［【]\s*+(?:笑|笑声|大笑|众笑|观众笑|全场笑|掌声|鼓掌|观众鼓掌|掌声雷动|音乐|"
    r"停顿|沉默|laughs?|laughter|applause|crosstalk|inaudible|听不清)\s*+[）)\]］】]",
    re.IGNORECASE,
)

# The editor's or translator's note, in any bracket: （编者注：o1 是推理模型）, [注：…], 【编者按】.
NOTE_OPENERS = "（(［[【〔〖"
NOTE_CLOSERS = "）)］]】〕〗"
_NOTE_WORD = (
    r"(?:[编編]者[注註按]|[编編][辑輯][注註]|[编編][注註按]|小[编編][注註]|作者[注註]|[记記]者[注註]|"
    r"[译譯]者[注註按]|[译譯][注註]|整理者[注註]|校者[注註]|[注註][释釋]|[注註]|按|"
    r"editor['’]?s\s++note|ed\.\s*+note|note)"
)
NOTE_HEAD = re.compile(rf"[{re.escape(NOTE_OPENERS)}]\s*+{_NOTE_WORD}\s*+[:：]", re.IGNORECASE)
BRACKET_CHAR = re.compile(f"[{re.escape(NOTE_OPENERS + NOTE_CLOSERS)}]")
# A whole paragraph of it: `编者注：…`, `注：…`, `【编者按】…` on its own line.
EDITOR_NOTE_LINE = re.compile(
    rf"^[{re.escape(NOTE_OPENERS)}]?\s*+{_NOTE_WORD}\s*+(?:[:：]|[{re.escape(NOTE_CLOSERS)}])",
    re.IGNORECASE,
)
# A paragraph wholly in brackets that speaks of the editing: （本文经受访者审阅，有删节）.
EDITING_WORDS = re.compile(
    r"整理|[删刪][节節减減]|[编編][辑輯者]|[审審][阅閱定]|校[对對]|[经經]受[访訪]者|有改[动動]|[注註][:：]"
)


def editor_note_spans(text: str) -> list[tuple[int, int]]:
    """Where the editor's bracketed notes are in a line: one pass over its brackets, so
    nested notes (（注：GPT-4o（o 指 omni）…）) close at the right bracket and a line of
    unclosed `（注：` costs no more than its length."""
    stack: list[int] = []
    spans: list[tuple[int, int]] = []
    for bracket in BRACKET_CHAR.finditer(text):
        if bracket.group() in NOTE_OPENERS:
            stack.append(bracket.start())
        elif stack:
            start = stack.pop()
            if NOTE_HEAD.match(text, start):
                while spans and spans[-1][0] >= start:  # an inner note inside this one
                    spans.pop()
                spans.append((start, bracket.end()))
    return spans


def split_editor_notes(text: str) -> tuple[str, list[str]]:
    """Speech without the editor's inline notes, and the notes (brackets removed)."""
    if not any(ch in text for ch in NOTE_OPENERS):
        return text, []
    spans = editor_note_spans(text)
    if not spans:
        return text, []
    kept, notes, pos = [], [], 0
    for start, end in spans:
        kept.append(text[pos:start].rstrip())
        notes.append(text[start + 1 : end - 1].strip())
        pos = end
    kept.append(text[pos:])
    return "".join(kept).strip(), notes


def is_editor_note(line: str) -> bool:
    text = clean_inline(line)
    if EDITOR_NOTE_LINE.match(text):
        return True
    # Wholly bracketed and about the editing.
    return (
        len(text) > 2
        and text[0] in NOTE_OPENERS
        and text[-1] in NOTE_CLOSERS
        and bool(EDITING_WORDS.search(text))
    )


def is_stage_direction(line: str) -> bool:
    """A line that is only stage directions: （笑）, [掌声]."""
    text = clean_inline(line)
    return bool(text) and not STAGE_DIRECTION.sub("", text).strip()


def join_wrapped(lines: list[str]) -> str:
    """Join the hard-wrapped lines of one paragraph: a space only between Latin words."""
    parts: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if parts and parts[-1][-1] in LATIN_END_CHARS and LATIN_START.match(line):
            parts.append(" ")
        parts.append(line)  # "T-\nMobile" joins without a space: "-" is not a word's end
    return "".join(parts)


def count_chars(text: str) -> int:
    """Characters of text, white space not counted."""
    return len("".join(text.split()))


def fold(text: str) -> str:
    """Width- and case-folded form used for matching names and markers."""
    return unicodedata.normalize("NFKC", text).casefold()
