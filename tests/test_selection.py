"""Selection: the shared filters read from a link, checked, described and turned into SQL."""

from datetime import date

import duckdb
import pytest

from analysis.store.selection import Selection

INJECTION = "'; DROP TABLE turns; --"


def test_an_empty_selection_filters_nothing():
    selection = Selection()
    assert selection.is_empty_filter()
    assert selection.to_query() == {}
    params = []
    assert selection.where(params) == "TRUE"
    assert params == []


def test_lists_become_tuples_without_repeats():
    selection = Selection(articles=["b", "a", "b"], speakers="Sam Altman")
    assert selection.articles == ("b", "a")
    assert selection.speakers == ("Sam Altman",)
    assert hash(selection) == hash(Selection(articles=("b", "a"), speakers=("Sam Altman",)))


@pytest.mark.parametrize(
    "selection",
    [
        Selection(),
        Selection(articles=("002_44e89f23e9374fe1",)),
        Selection(speakers=("Sam Altman", "主持人"), themes=("AGI",)),
        Selection(roles=("guest",), sections=("关于AGI",)),
        Selection(date_from=date(2024, 10, 1)),
        Selection(date_from=date(2024, 10, 1), date_to=date(2024, 12, 31)),
        Selection(articles=(INJECTION,), speakers=("a&b=c", "空 格")),
    ],
)
def test_a_selection_round_trips_through_its_link(selection):
    query = selection.to_query()
    assert all(isinstance(v, list) and v for v in query.values())
    again, ignored = Selection.from_query(query)
    assert again == selection
    assert ignored == []


def test_link_names_are_the_documented_ones():
    query = Selection(
        articles=("a",),
        speakers=("s",),
        roles=("host",),
        themes=("t",),
        sections=("x",),
        date_from=date(2024, 1, 2),
        date_to=date(2024, 3, 4),
    ).to_query()
    assert query == {
        "article": ["a"],
        "speaker": ["s"],
        "role": ["host"],
        "theme": ["t"],
        "section": ["x"],
        "from": ["2024-01-02"],
        "to": ["2024-03-04"],
    }


def test_from_query_ignores_malformed_values_and_leaves_other_parameters_alone():
    selection, ignored = Selection.from_query(
        {
            "article": ["a", "", "x" * 201, "bad\u202evalue", "a"],
            "from": ["2024-13-01"],
            "to": ["2024-02-01", "2024-03-01"],
            "q": ["AGI"],
            "lang": ["en"],
        }
    )
    assert selection == Selection(articles=("a",), date_to=date(2024, 2, 1))
    assert any(note.startswith("article=xxx") for note in ignored)
    assert "article=badvalue" in ignored
    assert "from=2024-13-01" in ignored
    assert "to=2024-03-01" in ignored
    assert not any(note.startswith(("q", "lang")) for note in ignored)


def test_from_query_swaps_dates_given_the_wrong_way_round():
    selection, ignored = Selection.from_query({"from": ["2024-12-01"], "to": ["2024-01-01"]})
    assert (selection.date_from, selection.date_to) == (date(2024, 1, 1), date(2024, 12, 1))
    assert len(ignored) == 1 and "swapped" in ignored[0]


def test_from_query_caps_the_number_of_values():
    selection, ignored = Selection.from_query({"speaker": [f"s{i}" for i in range(150)]})
    assert len(selection.speakers) == 100
    assert ignored == ["speaker: 50 more values"]


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("zh", "发言人：Sam Altman；角色：嘉宾；日期：2024-10-01 至 2024-12-31"),
        ("en", "speakers: Sam Altman; roles: guest; dates: 2024-10-01 to 2024-12-31"),
    ],
)
def test_describe_says_the_filters_in_plain_words(lang, expected):
    selection = Selection(
        speakers=("Sam Altman",),
        roles=("guest",),
        date_from=date(2024, 10, 1),
        date_to=date(2024, 12, 31),
    )
    assert selection.describe(lang) == expected


def test_describe_names_three_values_then_counts_the_rest_and_uses_readable_names():
    selection = Selection(articles=("a1", "a2", "a3", "a4", "a5"))
    names = {"articles": {"a1": "第一篇", "a2": "第二篇"}}
    assert selection.describe("zh", names) == "文章：第一篇、第二篇、a3 等 2 项"
    assert selection.describe("en") == "articles: a1, a2, a3 and 2 more"
    assert Selection().describe("zh") == "全部文章"
    assert Selection().describe("en") == "all articles"
    assert Selection(date_to=date(2024, 5, 6)).describe("en") == "dates: until 2024-05-06"


def test_describe_has_no_markup():
    text = Selection(speakers=("**粗体**", "[link](x)")).describe("en")
    assert text == "speakers: **粗体**, [link](x)"  # plain text: escaping is the page's job


@pytest.fixture()
def tiny():
    """Three turns, two theme hits and two dated articles in DuckDB."""
    connection = duckdb.connect()
    connection.execute(
        "CREATE TABLE turns AS SELECT * FROM (VALUES "
        "('a', 1, 'Host', 'host', ''), ('a', 2, 'Sam', 'guest', 'S1'), "
        "('b', 1, 'Sam', 'guest', '')) v(article_id, turn, speaker, role, section)"
    )
    connection.execute(
        "CREATE TABLE theme_hits AS SELECT * FROM (VALUES ('a', 2, 'AGI', 3), ('b', 1, 'Chips', 1))"
        " v(article_id, turn, theme, hits)"
    )
    connection.execute(
        "CREATE TABLE articles AS SELECT * FROM (VALUES "
        "('a', TIMESTAMP '2024-09-15 08:00'), ('b', NULL)) v(article_id, published)"
    )
    return connection


def selected(connection, selection: Selection) -> list[tuple]:
    params: list = []
    where = selection.where(params)
    sql = f"SELECT t.article_id, t.turn FROM turns t WHERE {where} ORDER BY 1, 2"
    return connection.execute(sql, params).fetchall()


@pytest.mark.parametrize(
    "selection, expected",
    [
        (Selection(), [("a", 1), ("a", 2), ("b", 1)]),
        (Selection(articles=("a",)), [("a", 1), ("a", 2)]),
        (Selection(speakers=("Sam",), roles=("guest",)), [("a", 2), ("b", 1)]),
        (Selection(sections=("S1",)), [("a", 2)]),
        (Selection(themes=("AGI", "Chips")), [("a", 2), ("b", 1)]),
        (Selection(themes=("AGI",), speakers=("Sam",)), [("a", 2)]),
        (Selection(date_from=date(2024, 9, 15)), [("a", 1), ("a", 2)]),
        (Selection(date_to=date(2024, 9, 14)), []),
        (Selection(date_from=date(2024, 9, 15), date_to=date(2024, 9, 15)), [("a", 1), ("a", 2)]),
        (Selection(speakers=("Nobody",)), []),
    ],
)
def test_where_selects_the_turns_that_pass_every_filter(tiny, selection, expected):
    assert selected(tiny, selection) == expected


@pytest.mark.parametrize(
    "value", [INJECTION, "a' OR '1'='1", 'a" OR 1=1 --', "a); DELETE FROM turns; --", "?", "\\"]
)
def test_values_that_look_like_sql_are_only_values(tiny, value):
    selection = Selection(
        articles=(value,), speakers=(value,), roles=(value,), themes=(value,), sections=(value,)
    )
    params: list = []
    where = selection.where(params)
    plain = Selection(
        articles=("x",), speakers=("x",), roles=("x",), themes=("x",), sections=("x",)
    )
    assert where == plain.where([])  # the SQL text never depends on a value
    assert params.count(value) == 5
    assert selected(tiny, selection) == []
    assert selected(tiny, Selection(speakers=("Sam", value))) == [("a", 2), ("b", 1)]
    assert tiny.execute("SELECT COUNT(*) FROM turns").fetchone() == (3,)


def test_validate_keeps_what_the_store_has_and_names_what_it_drops():
    offered = {
        "articles": ["a", "b"],
        "speakers": ["Sam"],
        "roles": ["host", "guest", "audience", "other"],
        "themes": ["AGI"],
        "sections": [],
    }

    class Options:
        def known(self, field, values):
            return set(values) & set(offered[field])

    selection = Selection(
        articles=("a", "gone"),
        speakers=("Sam", INJECTION),
        roles=("boss",),
        themes=("AGI", "Old theme"),
        sections=("S9",),
        date_from=date(2024, 1, 1),
    )
    valid, dropped = selection.validate(Options())
    assert valid == Selection(
        articles=("a",), speakers=("Sam",), themes=("AGI",), date_from=date(2024, 1, 1)
    )
    assert dropped == [
        "article=gone",
        f"speaker={INJECTION}",
        "role=boss",
        "theme=Old theme",
        "section=S9",
    ]
