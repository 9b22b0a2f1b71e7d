"""YAML front matter, as web clippers write it (Obsidian Web Clipper, MarkDownload, Hugo/Jekyll
exports): the article's title, date, author and source, read with a safe loader.

`yaml.safe_load` builds only plain values (text, numbers, dates, lists, maps), never objects.
The block is bounded in size, only scalar values and short lists of them are used (an alias
"bomb" is never expanded into text), and anything that isn't a mapping of such values falls
back to the rest of the file with a note.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from analysis import schema as s
from analysis.ingest.dates import parse_date

MAX_FRONT_MATTER_CHARS = 64 * 1024
MAX_FRONT_MATTER_LINES = 400
MAX_LIST_ITEMS = 20
MAX_VALUE_CHARS = 500
FENCE = "---"
CLOSERS = ("---", "...")

# Keys by the column they fill, most specific first.
KEYS = {
    s.TITLE: ("title", "name", "headline"),
    s.PUBLISHED: ("published", "date", "pubdate", "date_published", "publish_date", "created"),
    s.ACCOUNT: ("author", "authors", "byline", "creator", "site", "site_name", "publisher"),
    s.URL: ("source", "url", "link", "original_url", "canonical_url", "canonical"),
    s.PARTICIPANTS: ("participants", "speakers", "attendees", "guests"),
}
# Obsidian writes people as wiki links: "[[Jane Doe]]".
WIKI_LINK = re.compile(r"\[\[([^\[\]|\n]{1,200})(?:\|[^\[\]\n]{0,200})?\]\]")


@dataclass
class FrontMatter:
    """What a file's front matter says, the line its body starts at, and notes."""

    meta: dict = field(default_factory=dict)
    body_start: int = 0  # index of the first line after the closing fence
    notes: list[str] = field(default_factory=list)


def _scalar(value) -> str | None:
    """A value as short text, or None for anything that is not a plain scalar."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int | float | dt.date):
        text = WIKI_LINK.sub(r"\1", str(value)).strip()
        return text[:MAX_VALUE_CHARS] or None
    return None


def _texts(value) -> list[str]:
    """A scalar, or a short list of scalars, as texts; containers inside are never expanded."""
    if isinstance(value, list):
        found = (_scalar(item) for item in value[:MAX_LIST_ITEMS])
        return [text for text in found if text]
    text = _scalar(value)
    return [text] if text else []


def _date(value) -> pd.Timestamp:
    if isinstance(value, dt.datetime):
        return pd.Timestamp(value.replace(tzinfo=None))
    if isinstance(value, dt.date):
        return pd.Timestamp(value)
    text = _scalar(value)
    return parse_date(text) if text else pd.NaT


def _load(block: str):
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(block, Loader=loader)  # noqa: S506 - a safe loader, never objects


def read_front_matter(lines: list[str]) -> FrontMatter:
    """The front matter opening the file (`---` … `---`); an empty FrontMatter when there is
    none. Invalid YAML, a block that is too long or one that is not a mapping gives a note."""
    found = FrontMatter()
    if not lines or lines[0].strip().lstrip("\ufeff") != FENCE:
        return found
    end = next(
        (
            i
            for i in range(1, min(len(lines), MAX_FRONT_MATTER_LINES + 2))
            if lines[i].rstrip() in CLOSERS
        ),
        None,
    )
    if end is None:
        return found  # no closing fence near the top: a rule, not front matter
    found.body_start = end + 1
    block = "\n".join(lines[1:end])
    if len(block) > MAX_FRONT_MATTER_CHARS:
        found.notes.append(
            f"its front matter is longer than {MAX_FRONT_MATTER_CHARS // 1024} KB and was not read; "
            "title and date come from the rest of the file"
        )
        return found
    try:
        data = _load(block)
    except Exception as error:  # yaml.YAMLError, and RecursionError on deep nesting
        where = getattr(getattr(error, "problem_mark", None), "line", None)
        at = f" (line {where + 2})" if isinstance(where, int) else ""
        found.notes.append(
            f"its front matter is not valid YAML{at}; title and date come from the rest of the file"
        )
        return found
    if data is None:
        return found
    if not isinstance(data, dict):
        found.notes.append(
            "its front matter is not a list of 'key: value' lines; title and date come from the "
            "rest of the file"
        )
        return found
    keys = {str(key).strip().lower(): value for key, value in data.items() if _scalar(key)}
    for column, names in KEYS.items():
        for name in names:
            if name not in keys:
                continue
            if column == s.PUBLISHED:
                stamp = _date(keys[name])
                if not pd.isna(stamp):
                    found.meta[column] = stamp
                    break
                continue
            texts = _texts(keys[name])
            if texts:
                found.meta[column] = (", " if column == s.ACCOUNT else "、").join(texts)
                if column in (s.TITLE, s.URL):
                    found.meta[column] = texts[0]
                break
    return found
