"""Shared fixtures: the seed corpus read once, and small hand-made transcripts."""

import re

import pandas as pd
import pytest

from analysis import schema as s
from analysis.ingest.reader import read_corpus


@pytest.fixture(scope="session")
def seeds():
    return read_corpus("seeds")


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory):
    """The seeds' store with the default themes, built once for the run. Tests only read it
    (with_themes, with_uploads and with_vocabulary leave it as it is)."""
    from analysis.config import load_themes
    from analysis.store.build import build_store
    from analysis.store.store import Store

    folder = tmp_path_factory.mktemp("seeds-store")
    build_store("seeds", folder, load_themes())
    store = Store.open(folder)
    yield store
    store.close()


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


def make_store(turns=None, tokens=None, hits=None, published: dict | None = None):
    """A store in memory over hand-made tables (`make_turns`, `make_tokens`, theme hits):
    the articles are the turns' articles, published on `published[article_id]` if given."""
    from analysis.store.build import Tables
    from analysis.store.store import Store

    if turns is None:  # one turn per token group, as make_tokens made them
        keys = [s.ARTICLE_ID, s.TURN, s.SPEAKER, s.ROLE, s.SECTION]
        turns = tokens[keys].drop_duplicates().assign(**{s.TEXT: "", s.CHARS: 0})
    turns = turns.reindex(columns=s.TURNS.names)
    turns[s.START_SECONDS] = pd.to_numeric(turns[s.START_SECONDS]).astype("float64")
    turns[s.DURATION_SECONDS] = pd.to_numeric(turns[s.DURATION_SECONDS]).astype("float64")
    ids = list(dict.fromkeys(turns[s.ARTICLE_ID]))
    published = published or {}
    articles = pd.DataFrame(
        {
            s.ARTICLE_ID: ids,
            s.FILE_NAME: [f"{i}.md" for i in ids],
            s.TITLE: ids,
            s.ACCOUNT: "",
            s.PUBLISHED: pd.to_datetime([published.get(i) for i in ids]),
            s.PLACE: "",
            s.URL: "",
            s.PARTICIPANTS: "",
            s.RECORDING_SECONDS: float("nan"),
            s.N_TURNS: [int((turns[s.ARTICLE_ID] == i).sum()) for i in ids],
            s.N_SPEAKERS: [turns.loc[turns[s.ARTICLE_ID] == i, s.SPEAKER].nunique() for i in ids],
            s.SPEECH_CHARS: [int(turns.loc[turns[s.ARTICLE_ID] == i, s.CHARS].sum()) for i in ids],
            s.EDITORIAL_CHARS: 0,
        }
    )
    if tokens is None:
        tokens = pd.DataFrame(columns=s.TOKENS.names)
    if hits is None:
        hits = pd.DataFrame(columns=s.THEME_HITS.names)
    tables = Tables(
        articles,
        turns,
        pd.DataFrame(columns=s.EDITORIAL.names),
        pd.DataFrame(columns=s.PROBLEMS.names),
        tokens,
        hits,
    )
    return Store.from_tables(tables, [])


def plain(markdown: str) -> str:
    """What a visitor reads of escaped Markdown: backslash escapes and invisible joiners gone."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")
