"""The whole analysis: every table exists with its documented columns, on any corpus size."""

import pytest

from analysis import schema as s
from analysis.ingest.reader import read_corpus
from analysis.pipeline import all_tables, analyse

TINY = [("tiny.txt", "**主持人：** 你好？\n\n**Sam Altman：** 你好。\n".encode())]
EMPTY = [("empty.txt", b"")]


@pytest.mark.parametrize("sources", [TINY, EMPTY], ids=["two turns", "no readable file"])
def test_every_table_is_made_even_for_tiny_corpora(sources):
    tables = all_tables(analyse(read_corpus(sources)))
    for name, frame in tables.items():
        assert list(frame.columns)[: len(s.TABLES[name].names)] == s.TABLES[name].names, name


def test_every_table_on_the_seeds_has_rows(seeds):
    tables = all_tables(analyse(seeds))
    empty = [name for name, frame in tables.items() if frame.empty and name != s.PROBLEMS.name]
    assert empty == []
