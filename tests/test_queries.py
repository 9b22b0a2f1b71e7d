"""The store's registry of queries: one way to ask for data, by name, with what each answer
depends on; and the SQL only in the store package."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from analysis.config import parse_vocabulary
from analysis.measures import collocations, compare
from analysis.measures.topics import find_topics
from analysis.store.queries import (
    THEME_HITS,
    TOKENS,
    TURNS,
    UnknownQuery,
    answer_key,
    ask,
    queries,
    reads_of,
)
from analysis.store.selection import Selection
from analysis.store.store import Store

ROOT = Path(__file__).resolve().parents[1]
GUEST = Selection(roles=("guest",))
DECEMBER = Selection(date_from=date(2024, 12, 1), date_to=date(2024, 12, 31))


def test_every_store_query_method_is_registered_by_its_name():
    # Store methods that answer a question about the corpus (not plumbing or layering).
    methods = {
        name
        for name in vars(Store)
        if not name.startswith("_")
        and callable(getattr(Store, name))
        and not name.startswith("with_")
        and name not in {"open", "from_tables", "from_sources", "close", "query", "held_bytes"}
        and name not in {"vocabulary_cost", "refuse_costly_vocabulary"}
    }
    assert methods <= set(queries.names())
    for name in methods:
        assert queries.get(name).function is getattr(Store, name)


def test_asking_by_name_gives_what_the_function_gives(seeds_store):
    assert ask(seeds_store, "summary", GUEST) == seeds_store.summary(GUEST)
    pd.testing.assert_frame_equal(
        ask(seeds_store, "term_counts", GUEST, top=10), seeds_store.term_counts(GUEST, top=10)
    )
    sizes, table = ask(seeds_store, "comparison", GUEST, None, min_count=3)
    assert (sizes, table.to_dict()) == (
        compare.comparison(seeds_store, GUEST, None, 3)[0],
        compare.comparison(seeds_store, GUEST, None, 3)[1].to_dict(),
    )
    pd.testing.assert_frame_equal(
        ask(seeds_store, "collocates", term="AGI", left=3, sel=GUEST),
        collocations.collocates(seeds_store, "AGI", left=3, sel=GUEST),
    )


def test_the_measures_of_every_word_are_registered_for_their_functions(seeds_store):
    assert queries.implementing(find_topics).name == "topics"
    assert queries.implementing(collocations.phrases).name == "phrases"
    assert queries.implementing(compare.term_trends).name == "term_trends"
    pd.testing.assert_frame_equal(
        ask(seeds_store, "phrases", DECEMBER, min_count=2),
        collocations.phrases(seeds_store.tokens(DECEMBER), min_count=2),
    )


def test_an_unknown_name_is_refused_with_the_names_there_are():
    with pytest.raises(UnknownQuery, match="no query is named 'theme_count'.*theme_counts"):
        queries.get("theme_count")
    with pytest.raises(UnknownQuery, match="register one"):
        queries.implementing(len)


def test_a_query_depends_on_the_tables_it_reads():
    assert queries.get("speaker_stats").reads == {TURNS}
    assert queries.get("term_counts").reads == {TURNS, TOKENS}
    assert queries.get("theme_counts").reads == {TURNS, THEME_HITS}
    # A selection that filters by theme reads the theme hits, whatever the query.
    query = queries.get("speaker_stats")
    assert reads_of(query, (Selection(themes=("AGI",)),)) == {TURNS, THEME_HITS}


def test_an_answer_about_the_turns_is_shared_across_vocabularies(seeds_store):
    vocabulary = parse_vocabulary("[add words]\n图灵测试\n", "vocabulary.txt")
    counted = seeds_store.with_vocabulary(vocabulary, own=True)
    try:
        turns_only = queries.get("speaker_stats")
        words = queries.get("term_counts")
        assert answer_key(seeds_store, turns_only, (GUEST,)) == answer_key(
            counted, turns_only, (GUEST,)
        )
        assert answer_key(seeds_store, words, (GUEST,)) != answer_key(counted, words, (GUEST,))
        # And the shared key is right: the vocabulary changes the words, not the turns.
        pd.testing.assert_frame_equal(
            seeds_store.speaker_stats(GUEST), counted.speaker_stats(GUEST)
        )
        assert not seeds_store.term_counts(GUEST).equals(counted.term_counts(GUEST))
    finally:
        counted.close()


def test_an_answer_about_theme_hits_follows_the_themes(seeds_store):
    from analysis.config import Theme

    themed = seeds_store.with_themes([Theme("能源", ("能源", "电力"), ())])
    query = queries.get("theme_counts")
    assert answer_key(seeds_store, query, (GUEST,)) != answer_key(themed, query, (GUEST,))
    turns_only = queries.get("turn_totals")
    assert answer_key(seeds_store, turns_only, (GUEST,)) == answer_key(themed, turns_only, (GUEST,))
    # ...unless the selection filters by theme.
    by_theme = Selection(themes=("能源",))
    assert answer_key(seeds_store, turns_only, (by_theme,)) != answer_key(
        themed, turns_only, (by_theme,)
    )


def test_arguments_name_the_answer_and_only_plain_values_are_taken(seeds_store):
    query = queries.get("term_counts")
    assert answer_key(seeds_store, query, (GUEST,), {"top": 5}) != answer_key(
        seeds_store, query, (GUEST,), {"top": 6}
    )
    with pytest.raises(TypeError, match="plain value"):
        answer_key(seeds_store, query, (GUEST,), {"top": object()})


def test_a_name_is_registered_once():
    with pytest.raises(ValueError, match="registered already"):
        queries.register("summary", lambda store, sel: None, reads=())
    with pytest.raises(ValueError, match="unknown tables"):
        queries.register("nothing", lambda store: None, reads=("speakers",))


SQL = re.compile(r"""["'](?:\s*)(SELECT|WITH|CREATE|DROP|INSERT|COPY)\s""")


def sql_outside_the_store() -> list[str]:
    found = []
    places = [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py")]
    places += (ROOT / "dashboard").rglob("*.py")
    for package in ("ingest", "text", "measures", "render"):
        places += (ROOT / "analysis" / package).rglob("*.py")
    for path in places:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SQL.search(line) or "import duckdb" in line:
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def test_sql_is_written_only_in_the_store_package():
    assert sql_outside_the_store() == []
