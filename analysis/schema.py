"""The tables every step passes along: their names, columns and meaning, defined once.

Other modules import the column constants below instead of retyping strings, and
`docs/tables.md` documents every column listed in `TABLES` (a test checks that).
"""

from __future__ import annotations

from dataclasses import dataclass

# Column names shared by several tables.
ARTICLE_ID = "article_id"
TITLE = "title"
ACCOUNT = "account"
PUBLISHED = "published"
PLACE = "place"
URL = "url"
FILE_NAME = "file_name"
N_TURNS = "n_turns"
N_SPEAKERS = "n_speakers"
SPEECH_CHARS = "speech_chars"
EDITORIAL_CHARS = "editorial_chars"

TURN = "turn"
SECTION = "section"
SPEAKER = "speaker"
ROLE = "role"
TEXT = "text"
CHARS = "chars"
BLOCK = "block"

LEVEL = "level"
MESSAGE = "message"

# Roles a speaker can have.
HOST = "host"
GUEST = "guest"
AUDIENCE = "audience"
OTHER = "other"
ROLES = (HOST, GUEST, AUDIENCE, OTHER)

# Problem levels.
ERROR = "error"  # the file could not be read at all
WARNING = "warning"  # the file was read, but something in it was odd or missing


@dataclass(frozen=True)
class Table:
    """A named table with its documented columns, in order."""

    name: str
    doc: str
    columns: dict[str, str]

    @property
    def names(self) -> list[str]:
        return list(self.columns)


ARTICLES = Table(
    "articles",
    "One row per article that could be read.",
    {
        ARTICLE_ID: "Stable id from the file name (the stem, made URL-safe; duplicates get -2, -3).",
        FILE_NAME: "The file name as given (folder part removed).",
        TITLE: "The `# title` line; the file name when there is none.",
        ACCOUNT: "The WeChat account (`文章作者:`); empty when missing.",
        PUBLISHED: "Publish date and time (`发布时间:`) as a datetime; NaT when missing.",
        PLACE: "Where it was published (`发布地:`); empty when missing.",
        URL: "The source link (`原文链接:`); empty when missing.",
        N_TURNS: "Number of speaker turns in the transcript.",
        N_SPEAKERS: "Number of distinct canonical speakers.",
        SPEECH_CHARS: "Characters of speech over all turns (white space not counted).",
        EDITORIAL_CHARS: "Characters of the editor's text (intro, summary), kept apart from speech.",
    },
)

TURNS = Table(
    "turns",
    "One row per speaker turn, in conversation order. Only speech: no editor's text, ads or links.",
    {
        ARTICLE_ID: "The article the turn belongs to.",
        TURN: "Order in the conversation, 1 for the first turn of each article.",
        SECTION: "The nearest `##` heading inside the transcript above the turn; empty if none.",
        SPEAKER: "Canonical speaker name (aliases and role prefixes resolved).",
        ROLE: "host, guest, audience or other.",
        TEXT: "Clean text: no markdown markers, image lines or URLs; paragraphs joined by newlines.",
        CHARS: "Length of the text without white space.",
    },
)

EDITORIAL = Table(
    "editorial",
    "The editor's text before the transcript (intro, summary, highlights): nobody's speech.",
    {
        ARTICLE_ID: "The article the block belongs to.",
        BLOCK: "Order of the paragraph in the editor's text, from 1.",
        TEXT: "Clean text of the paragraph.",
        CHARS: "Length of the text without white space.",
    },
)

PROBLEMS = Table(
    "problems",
    "What went wrong or looked odd while reading, one row per message, in words for a user.",
    {
        FILE_NAME: "The file the message is about.",
        LEVEL: "error (the file was skipped) or warning (it was read as well as it could be).",
        MESSAGE: "What is wrong, in plain words.",
    },
)

# Later steps add their tables above this line and to this tuple.
TABLES: dict[str, Table] = {t.name: t for t in (ARTICLES, TURNS, EDITORIAL, PROBLEMS)}
