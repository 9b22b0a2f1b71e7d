"""The view travels in the URL: parsing and writing the query string."""

import pytest

from analysis.store.selection import MAX_VALUE_CHARS, Selection
from dashboard.view import FILTERS, LINK_PARAMS, Listed, Options, View, parse


def split(view: dict) -> View:
    """A flat view (as `parsed` gives it) as a View: the selection and the other settings."""
    filters = {k: list(v) if isinstance(v, tuple) else [v] for k, v in view.items() if k in FILTERS}
    return View().changed(
        Selection.from_query(filters)[0], **{k: v for k, v in view.items() if k not in FILTERS}
    )


def parsed(query: dict) -> tuple[dict, list[str]]:
    """The view a link gives, filters and settings in one dict, and what was ignored."""
    view = parse(query, OPTIONS)
    sel = view.selection
    return {
        **{k: tuple(v) for k, v in sel.to_query().items() if k not in ("from", "to")},
        **{k: v[0] for k, v in sel.to_query().items() if k in ("from", "to")},
        **view.values,
    }, list(view.ignored)


OPTIONS = Options(
    Listed(
        articles=["000_a", "002_b"],
        speakers=["Sam Altman", "主持人"],
        themes=["安全与对齐", "智能体"],
        sections=["高中生活"],
    )
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
    query = split(
        {"article": ("002_b",), "theme": (), "measure": "chars", "lang": "en", "q": ""}
    ).query()
    assert query == {"article": ["002_b"], "lang": ["en"]}


def test_writing_then_reading_gives_the_same_view():
    view = {
        "article": ("000_a", "002_b"),
        "speaker": ("主持人",),
        "from": "2024-09-01",
        "q": "智能体",
        "match": "regex",
        "measure": "minutes",
        "theme": ("智能体",),
    }
    values, ignored = parsed(split(view).query())
    assert ignored == []
    assert values == view


def test_a_clean_link_parses_back_to_itself_so_cleaning_never_loops():
    dirty = {"article": ["002_b", "999_gone", "002_b"], "measure": ["chars"], "q": [""]}
    clean = parse(dirty, OPTIONS).query()
    assert clean == {"article": ["002_b"]}
    again = parse(clean, OPTIONS)
    assert again.query() == clean and again.ignored == ()


def test_an_older_regex_link_means_the_regex_match_mode():
    view = parse({"q": ["智能体|推理者"], "regex": ["1"]}, OPTIONS)
    assert view.get("match") == "regex" and view.query() == {
        "q": ["智能体|推理者"],
        "match": ["regex"],
    }


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

    query = {
        "a_speaker": ["Sam Altman"],
        "a_from": ["2024-12-01"],
        "b_article": ["000_a", "999_gone"],
        "b_to": ["not-a-date"],
        "b": ["rest"],
        "speaker": ["主持人"],
    }
    view = parse(query, OPTIONS)
    assert view.compared("a") == Selection(speakers=("Sam Altman",), date_from=date(2024, 12, 1))
    assert view.compared("b") == Selection(articles=("000_a",))
    assert sorted(view.ignored) == ["b_article=999_gone", "b_to=not-a-date"]
    # The filters and settings beside them: b=rest is valid.
    assert view.selection == Selection(speakers=("主持人",)) and view.values == {"b": "rest"}


def test_b_is_only_ever_the_rest():
    view = parse({"b": ["everything"]}, OPTIONS)
    assert view.values == {} and view.ignored == ("b=everything",)


# Digits `str.isdigit()` or `int()` accept that a link's numbers must not: superscripts,
# circled numbers, fullwidth, Arabic-Indic, Devanagari, mathematical bold, and mixes.
OTHER_DIGITS = ["²", "①", "５", "٣", "३", "𝟓", "1²", "0５", "１０", "⑩", "Ⅻ", "¹⁰"]
# The parameters that name a number, a turn or a date.
NUMBERS = {
    "span_left",
    "span_right",
    "colloc_min",
    "net_terms",
    "ngram_n",
    "ngram_min",
    "hit",
    "from",
    "to",
    *(f"{side}_{end}" for side in ("a", "b") for end in ("from", "to")),
}


@pytest.mark.parametrize("digits", OTHER_DIGITS)
@pytest.mark.parametrize("name", LINK_PARAMS)
def test_no_parameter_reads_a_number_written_in_other_digits(name, digits):
    values = [digits, f"000_a:{digits}", f"2024-09-{digits}", f"２０２４-０９-{digits}"]
    view = parse({name: values}, OPTIONS)  # never raises
    if name in NUMBERS:
        assert name not in view.query(), view.query()
        assert len(view.ignored) == len(values), view.ignored


def test_numbers_in_ascii_digits_within_range_are_read():
    view = parse(
        {"hit": ["000_a:12"], "span_left": ["10"], "ngram_n": ["3"], "from": ["2024-09-01"]},
        OPTIONS,
    )
    assert view.ignored == ()
    assert view.get("hit") == "000_a:12" and view.get("span_left") == "10"
    for value in ("11", "-1", "+3", "03", " 3", "3.0", "1_0", "1e1"):
        assert parse({"span_left": [value]}, OPTIONS).ignored == (f"span_left={value}",)
