"""A visitor's heavy work done in a worker process gives what the server's own thread gives
(dashboard/data/worker.py): the uploads' tables and reports, a vocabulary's tokens."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.config import load_themes, parse_vocabulary
from analysis.store.build import read_tables
from dashboard.data import worker

ARTICLE = (
    "# 访谈\n\n**主持人：** 这项技术会改变什么？\n\n"
    "**Sam Altman：** 这项技术会改变我们工作的方式，图灵测试也不再重要。\n"
).encode()


@pytest.fixture
def always_in_a_worker(monkeypatch):
    monkeypatch.setattr(worker, "UPLOAD_BYTES", 0)
    monkeypatch.setattr(worker, "SEGMENT_CHARS", 0)


def test_uploads_read_in_a_worker_are_the_uploads_read_here(always_in_a_worker):
    files = [("a.txt", ARTICLE), ("b.txt", ARTICLE.replace("访谈".encode(), "对话".encode()))]
    here = read_tables(files, load_themes(), reports=True)
    there = worker.read_tables_in_worker(files, load_themes(), None)
    for name in ("articles", "turns", "tokens", "theme_hits", "problems"):
        pd.testing.assert_frame_equal(getattr(there, name), getattr(here, name))
    assert [r.summary for r in there.reports] == [r.summary for r in here.reports]


def test_a_vocabulary_segmented_in_a_worker_counts_what_one_segmented_here(
    seeds_store, always_in_a_worker
):
    vocabulary = parse_vocabulary("[add words]\n这项技术\n图灵测试\n", "vocabulary.txt")
    here = seeds_store.with_vocabulary(vocabulary, own=True)
    counted_here = here.term_counts()
    here.close()  # the same schema name: build it again, this time in a worker
    there = seeds_store.with_vocabulary(vocabulary, own=True, segment=worker.segment_in_worker)
    try:
        pd.testing.assert_frame_equal(there.term_counts(), counted_here)
        assert "这项技术" in set(counted_here["term"])
    finally:
        there.close()


def test_an_error_in_the_worker_is_raised_here(always_in_a_worker):
    with pytest.raises(ZeroDivisionError):
        worker.run(divmod, 1, 0)
