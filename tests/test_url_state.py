"""The view travels in the URL: parsing and writing the query string."""

import pytest

from analysis.store.selection import Selection
from ui_state import FILTERS, MAX_VALUE_CHARS, Options, parse_query, query_for


def split(view: dict) -> tuple[Selection, dict]:
    """A flat view (as `parsed` gives it) as the selection and the other settings."""
    filters = {k: list(v) if isinstance(v, tuple) else [v] for k, v in view.items() if k in FILTERS}
    return Selection.from_query(filters)[0], {k: v for k, v in view.items() if k not in FILTERS}


def parsed(query: dict) -> tuple[dict, list[str]]:
    """The view a link gives, filters and settings in one dict, and what was ignored."""
    sel, values, ignored = parse_query(query, OPTIONS)
    return {
        **{k: tuple(v) for k, v in sel.to_query().items() if k not in ("from", "to")},
        **{k: v[0] for k, v in sel.to_query().items() if k in ("from", "to")},
        **values,
    }, ignored


OPTIONS = Options(
    articles=["000_a", "002_b"],
    speakers=["Sam Altman", "主持人"],
    themes=["安全与对齐", "智能体"],
    sections=["高中生活"],
)


def test_valid_values_are_kept_in_order():
    values, ignored = parsed(
        {"article": ["002_b", "000_a"], "theme": ["安全与对齐"], "measure": ["turns"]}
    )
    assert values == {"article": ("002_b", "000_a"), "theme": ("安全与对齐",), "measure": "turns"}
    assert ignored == []


@pytest.mark.parametrize(
    "query, note",
    [
        ({"article": ["999_gone"]}, "article=999_gone"),
        ({"theme": ["改名前的主题"]}, "theme=改名前的主题"),
        ({"from": ["not-a-date"]}, "from=not-a-date"),
        ({"measure": ["<script>"]}, "measure=<script>"),
        ({"lang": ["fr"]}, "lang=fr"),
        ({"bogus": ["1"]}, "bogus"),
        ({"q": ["x" * (MAX_VALUE_CHARS + 1)]}, "q=" + "x" * 40 + "…"),
        ({"group_a": ["zzz"]}, "group_a=zzz"),
        ({"q": ["\u202egnp.exe"]}, "q=gnp.exe"),
        ({"q": ["abc\ufffd"]}, "q=abc\ufffd"),
        (
            {"themes_version": ["[请先登录 Log in](http://x)"]},
            "themes_version=[请先登录 Log in](http://x)",
        ),
        ({"speaker": ["主持人\x07"]}, "speaker=主持人"),
    ],
    ids=[
        "stale article",
        "renamed theme",
        "bad date",
        "hostile measure",
        "unknown language",
        "unknown key",
        "huge value",
        "role that doesn't exist",
        "right-to-left override",
        "broken percent-escape",
        "phishing link as a themes version",
        "control character",
    ],
)
def test_invalid_values_are_dropped_and_named(query, note):
    values, ignored = parsed(query)
    assert ignored == [note]
    assert all(v in ((), None) for v in values.values()) or values == {}


def test_a_mix_keeps_the_good_values_beside_the_bad():
    values, ignored = parsed({"article": ["000_a", "nope"], "speaker": ["Sam Altman"]})
    assert values == {"article": ("000_a",), "speaker": ("Sam Altman",)}
    assert ignored == ["article=nope"]


def test_too_many_values_are_cut():
    values, ignored = parsed({"article": ["000_a"] * 500})
    assert values["article"] == ("000_a",)
    assert ignored == ["article: 400 more values"]


def test_only_non_default_values_are_written():
    query = query_for(
        *split({"article": ("002_b",), "theme": (), "measure": "chars", "lang": "en", "q": ""})
    )
    assert query == {"article": ["002_b"], "lang": ["en"]}


def test_writing_then_reading_gives_the_same_view():
    view = {
        "article": ("000_a", "002_b"),
        "speaker": ("主持人",),
        "from": "2024-09-01",
        "q": "智能体",
        "regex": "1",
        "measure": "minutes",
        "theme": ("智能体",),
    }
    values, ignored = parsed(query_for(*split(view)))
    assert ignored == []
    assert values == view


def test_a_themes_version_must_look_like_one():
    values, ignored = parsed({"themes_version": ["0badc0de"]})
    assert values == {"themes_version": "0badc0de"} and ignored == []


def test_inverted_dates_are_swapped_and_said():
    values, ignored = parsed({"from": ["2024-12-01"], "to": ["2024-09-01"]})
    assert (values["from"], values["to"]) == ("2024-09-01", "2024-12-01")
    assert len(ignored) == 1 and "2024-12-01" in ignored[0]


def test_a_repeated_single_value_keeps_the_first_and_names_the_rest():
    values, ignored = parsed({"measure": ["turns", "chars"]})
    assert values == {"measure": "turns"} and ignored == ["measure=chars"]


def test_the_compared_selections_are_read_with_their_prefix_and_checked():
    from datetime import date

    from ui_state import compared_from_query

    query = {
        "a_speaker": ["Sam Altman"],
        "a_from": ["2024-12-01"],
        "b_article": ["000_a", "999_gone"],
        "b_to": ["not-a-date"],
        "b": ["rest"],
        "speaker": ["主持人"],
    }
    sides, ignored = compared_from_query(query, OPTIONS)
    assert sides["a"] == Selection(speakers=("Sam Altman",), date_from=date(2024, 12, 1))
    assert sides["b"] == Selection(articles=("000_a",))
    assert sorted(ignored) == ["b_article=999_gone", "b_to=not-a-date"]
    # The page's own parser leaves them to it: not "unknown parameters", and b=rest is valid.
    sel, values, noted = parse_query(query, OPTIONS)
    assert sel == Selection(speakers=("主持人",)) and values == {"b": "rest"} and noted == []


def test_b_is_only_ever_the_rest():
    _, values, noted = parse_query({"b": ["everything"]}, OPTIONS)
    assert values == {} and noted == ["b=everything"]
