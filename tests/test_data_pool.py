"""The dashboard's stores and answers kept by what live sessions use, and by bytes: nothing is
freed under a page that uses it, everything freed is rebuilt on demand, and what no one
uses is bounded (dashboard/data/pool.py, caches.py)."""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from dashboard.data.caches import AnswerCache, size_of
from dashboard.data.pool import Pool
from dashboard.data.sessions import Session


class Table:
    """A stand-in for a store with tables of its own: its bytes, and whether it was freed."""

    def __init__(self, name: str, size: int) -> None:
        self.name, self.size, self.closed = name, size, False

    def held_bytes(self) -> int:
        return self.size

    def close(self) -> None:
        self.closed = True


class Visitor(Session):
    """A session whose end the test decides."""

    def __init__(self, name: str) -> None:
        super().__init__(name, name)
        self.ended = False

    def alive(self) -> bool:
        return not self.ended


def run(pool: Pool, visitor: Visitor, *stores: tuple) -> list[Table]:
    """One run of `visitor` that uses `stores` ((key, size[, depends[, owner]]) each)."""
    pool.begin_run(visitor)
    got = []
    for key, size, *rest in stores:
        depends = rest[0] if rest else ()
        owner = rest[1] if len(rest) > 1 else None
        got.append(
            pool.get(
                key,
                lambda key=key, size=size: Table(key, size),
                depends=depends,
                owner=owner,
                session=visitor,
            )
        )
    pool.end_run(visitor)
    return got


def test_what_a_live_session_holds_is_never_freed_whatever_others_do():
    pool = Pool(lambda: 100, lambda: 2)
    v, h = Visitor("v"), Visitor("h")
    (mine,) = run(pool, v, ("vocab-v", 80))
    for number in range(9):  # another visitor applies nine vocabularies, one after another
        run(pool, h, (f"vocab-h{number}", 80))
    assert not mine.closed
    assert "vocab-v" in pool.keys()
    # The other visitor's earlier ones went (beyond the cap), its last one is held.
    assert "vocab-h8" in pool.keys() and "vocab-h0" not in pool.keys()
    assert pool.stats()["unheld_bytes"] <= 100


def test_a_store_nobody_holds_stays_within_the_cap_and_is_rebuilt_when_asked_for():
    pool = Pool(lambda: 100, lambda: 16)
    v = Visitor("v")
    (first,) = run(pool, v, ("themes-a", 60))
    run(pool, v, ("themes-b", 60))  # a is no longer held: kept while it fits
    assert not first.closed
    run(pool, v, ("themes-c", 60))  # a and b unheld: 120 > 100, the older goes
    assert first.closed and "themes-a" not in pool.keys()
    (again,) = run(pool, v, ("themes-a", 60))
    assert again is not first and not again.closed


def test_a_sessions_own_store_goes_as_soon_as_it_no_longer_holds_it():
    pool = Pool(lambda: 10**9, lambda: 16)
    v = Visitor("v")
    (uploads,) = run(pool, v, ("base", 0), ("uploads-1", 5, ("base",), v))[1:]
    run(pool, v, ("base", 0), ("uploads-2", 5, ("base",), v))
    assert uploads.closed


def test_a_session_that_ended_lets_go_of_everything_it_held():
    pool = Pool(lambda: 0, lambda: 0)
    v = Visitor("v")
    base, uploads = run(pool, v, ("base", 0), ("uploads", 5, ("base",), v))
    assert not uploads.closed
    v.ended = True
    pool.trim()
    assert uploads.closed and base.closed
    assert pool.keys() == []


def test_a_store_others_are_built_on_goes_after_them_never_before():
    pool = Pool(lambda: 0, lambda: 0)
    v, h = Visitor("v"), Visitor("h")
    base, themed = run(pool, v, ("base", 0), ("themed", 10, ("base",)))
    run(pool, h, ("base", 0), ("themed", 10, ("base",)), ("vocab", 10, ("themed",)))
    order = []
    for table in pool._entries.values():
        table.value.close = lambda table=table: order.append(table.key)
    v.ended = h.ended = True
    pool.trim()
    assert order == ["vocab", "themed", "base"]


def test_a_run_stopped_before_it_ended_keeps_what_the_last_full_run_held():
    pool = Pool(lambda: 0, lambda: 0)
    v = Visitor("v")
    (uploads,) = run(pool, v, ("uploads", 5, (), v))
    pool.begin_run(v)  # a run that is stopped before it asks for its uploads
    pool.begin_run(v)
    pool.trim()
    assert not uploads.closed


def test_two_runs_asking_for_the_same_store_build_it_once():
    pool = Pool(lambda: 10**9, lambda: 16)
    built = []
    gate = threading.Event()

    def build():
        gate.wait(5)
        built.append(1)
        return Table("x", 1)

    visitors = [Visitor(f"v{i}") for i in range(4)]
    got = []
    threads = [
        threading.Thread(target=lambda v=v: got.append(pool.get("x", build, session=v)))
        for v in visitors
    ]
    for thread in threads:
        thread.start()
    gate.set()
    for thread in threads:
        thread.join()
    assert len(built) == 1 and len({id(t) for t in got}) == 1


def test_a_store_is_not_freed_while_a_run_takes_it():
    pool = Pool(lambda: 0, lambda: 0)
    v, h = Visitor("v"), Visitor("h")
    run(pool, v, ("shared", 10))
    v.ended = True
    # h takes the store before the trim that would free it: it stays.
    pool.begin_run(h)
    kept = pool.get("shared", lambda: Table("new", 10), session=h)
    pool.trim()
    assert not kept.closed and "shared" in pool.keys()


# ---------------------------------------------------------------- answers


def frame(rows: int) -> pd.DataFrame:
    return pd.DataFrame({"term": [f"词{i}" for i in range(rows)], "count": range(rows)})


def test_answers_are_bounded_by_bytes_the_least_recently_used_going_first():
    one = size_of(frame(100))
    cache = AnswerCache(lambda: 4 * one + one // 2)
    for name in "abcd":
        cache.get(name, lambda: frame(100))
    cache.get("a", lambda: pytest.fail("a is kept"))
    cache.get("e", lambda: frame(100))  # five do not fit: b (least recently used) goes
    assert len(cache) == 4 and cache.bytes <= cache.cap_bytes
    computed = []
    cache.get("b", lambda: computed.append(1) or frame(100))
    assert computed == [1]


def test_an_answer_larger_than_a_quarter_of_the_cap_is_given_but_not_kept():
    cache = AnswerCache(lambda: 10 * size_of(frame(50)))
    for name in "ab":
        cache.get(name, lambda: frame(50))
    big = cache.get("big", lambda: frame(1000))
    assert len(big) == 1000 and len(cache) == 2


def test_a_corpus_answer_is_kept_whatever_its_size_the_most_recent_few_by_count(monkeypatch):
    """A corpus's Visual grows with the corpus: kept past the byte cap, bounded by count."""
    from dashboard import limits

    monkeypatch.setattr(limits, "CORPUS_ANSWERS_KEPT", 2)
    cache = AnswerCache(lambda: 10 * size_of(frame(50)))
    cache.get("small", lambda: frame(50))
    for name in ("zh", "en"):
        assert len(cache.get(name, lambda: frame(1000), whole=True)) == 1000
    cache.get("zh", lambda: pytest.fail("zh is kept"), whole=True)
    cache.get("third", lambda: frame(1000), whole=True)  # en, least recently used, goes
    computed = []
    cache.get("en", lambda: computed.append(1) or frame(1000), whole=True)
    assert computed == [1]
    assert len(cache) == 1 and cache.bytes == size_of(frame(50))  # the byte cap's unchanged
    cache.get("small", lambda: pytest.fail("small is kept"))


def test_an_answer_is_handed_out_as_a_copy():
    cache = AnswerCache(lambda: 10**8)
    first = cache.get("a", lambda: frame(3))
    first.loc[0, "count"] = 99
    assert cache.get("a", lambda: frame(3)).loc[0, "count"] == 0


def test_the_size_of_an_answer_counts_its_strings():
    assert size_of(frame(1000)) > size_of(frame(10)) * 50
    assert size_of(("x" * 1000, frame(10))) > 1000


@pytest.mark.parametrize(
    "change",
    [
        lambda f: f.__setitem__("count", f["count"] * 2),
        lambda f: f.__delitem__("term"),
        lambda f: f.loc.__setitem__((0, "term"), "改"),
        lambda f: f.iloc.__setitem__((1, 1), -5),
        lambda f: f["term"].str.upper(),  # a read: nothing changes at all
    ],
    ids=["column", "del", "loc", "iloc", "read"],
)
def test_a_table_handed_out_may_be_changed_without_changing_the_kept_one(change):
    cache = AnswerCache(lambda: 10**8)
    change(cache.get("a", lambda: frame(3)))
    kept = cache.get("a", lambda: pytest.fail("a is kept"))
    pd.testing.assert_frame_equal(kept, frame(3))


def test_tables_in_a_tuple_are_handed_out_as_copies_too():
    cache = AnswerCache(lambda: 10**8)
    sizes, scores = cache.get("a", lambda: (frame(2), frame(3)))
    scores.loc[0, "term"] = "改"
    assert cache.get("a", lambda: None)[1].loc[0, "term"] == "词0"


def test_a_read_only_answer_is_handed_out_as_kept():
    cache = AnswerCache(lambda: 10**8)
    names = {"a": "甲"}
    assert cache.get("v", lambda: names, read_only=True) is names
    assert cache.get("v", lambda: pytest.fail("kept"), read_only=True) is names
    assert cache.get("v", lambda: pytest.fail("kept")) is not names  # others get copies
