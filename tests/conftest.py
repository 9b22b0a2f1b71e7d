"""Shared fixtures: the seed corpus read once, and small hand-made transcripts."""

import re

import pandas as pd
import pytest

from analysis import schema as s
from analysis.ingest.reader import read_corpus


@pytest.fixture(scope="session")
def seeds():
    return read_corpus("seeds")


def make_turns(rows: list[tuple], article_id: str = "a") -> pd.DataFrame:
    """Turns from (speaker, role, text) or (speaker, role, text, section) tuples."""
    records = []
    for number, row in enumerate(rows, start=1):
        speaker, role, text, *rest = row
        records.append(
            {
                s.ARTICLE_ID: article_id,
                s.TURN: number,
                s.SECTION: rest[0] if rest else "",
                s.SPEAKER: speaker,
                s.ROLE: role,
                s.TEXT: text,
                s.CHARS: sum(not ch.isspace() for ch in text),
            }
        )
    return pd.DataFrame(records, columns=s.TURNS.names)


def make_tokens(groups: dict[str, list[str]]) -> pd.DataFrame:
    """A tokens table with one turn per group name, the group as speaker."""
    records = []
    for number, (speaker, words) in enumerate(groups.items(), start=1):
        for position, word in enumerate(words):
            records.append(
                {
                    s.ARTICLE_ID: "a",
                    s.TURN: number,
                    s.SPEAKER: speaker,
                    s.ROLE: "guest",
                    s.SECTION: "",
                    s.POSITION: position,
                    s.TOKEN: word,
                }
            )
    return pd.DataFrame(records, columns=s.TOKENS.names)


def plain(markdown: str) -> str:
    """What a visitor reads of escaped Markdown: backslash escapes and invisible joiners gone."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")
