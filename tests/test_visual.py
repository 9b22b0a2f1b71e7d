"""The visual language (dashboard.charts) and the escapers (dashboard.formatting): colours,
names, charts' data."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import schema as s
from analysis.config import load_speakers, load_themes
from analysis.ingest.reader import read_corpus
from analysis.measures.talk import generic_speakers
from dashboard.charts.base import DAY_MS, date_axis
from dashboard.charts.look import ROLE_COLOURS
from dashboard.charts.reshape import within_marks
from dashboard.charts.talk import strip_figure
from dashboard.charts.terms import (
    SIDE_COLOURS,
    dense_rank,
    keyness_figure,
    pick_labels,
    who_says_what_figure,
)
from dashboard.charts.themes import grid_figure
from dashboard.charts.trends import term_trends_figure, theme_trends_figure
from dashboard.formatting import escape_markdown, escape_plot

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus():
    return read_corpus(ROOT / "seeds")


def seeds_visual(store):
    """The names and colours of a store's corpus, as the dashboard makes them."""
    from analysis.config import load_speakers
    from analysis.measures.talk import generic_speakers
    from dashboard.charts.look import make_visual

    generic = generic_speakers(store.options()["speakers"], load_speakers())
    talk = store.identity_talk(sorted(generic))
    return make_visual(store.titles(), talk, frozenset(generic), store.themes, "zh")


@pytest.fixture(scope="module")
def seeds_store():
    from analysis.store.store import Store

    seeds = [(p.name, p.read_bytes()) for p in sorted((ROOT / "seeds").iterdir())]
    return Store.from_sources(seeds, load_themes())


@pytest.fixture(scope="module")
def vis(seeds_store):
    return seeds_visual(seeds_store)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_visual_from_talk_per_person_equals_one_from_every_turns_talk(seeds_store, lang):
    """The dashboard makes names and colours from `identity_talk` (a fifth of the rows at
    100,000 articles); they are those of every article, speaker and role's talk."""
    from dashboard.charts.look import make_visual

    store = seeds_store
    generic = frozenset(generic_speakers(store.options()["speakers"], load_speakers()))
    every = store.turn_totals(by=(s.ARTICLE_ID, s.SPEAKER, s.ROLE))
    grouped = store.identity_talk(sorted(generic))
    assert len(grouped) < len(every)
    assert grouped[s.CHARS].sum() == every[s.CHARS].sum()
    whole = make_visual(store.articles(), every, generic, store.themes, lang)
    small = make_visual(store.titles(), grouped, generic, store.themes, lang)
    assert small == whole
    assert list(small.speaker_colours) == list(whole.speaker_colours)  # legend order too


def lab_distance(a: str, b: str) -> float:
    """CIE76 ΔE between two hex colours."""

    def lab(colour):
        rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92 for c in rgb]
        x = (r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047
        y = r * 0.2126 + g * 0.7152 + b * 0.0722
        z = (r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883
        f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
        return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])

    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b), strict=True)) ** 0.5


def test_role_words_are_generic_and_named_people_are_not():
    generic = generic_speakers(
        ["主持人", "现场提问者", "问", "答", "Sam Altman", "Kevin Weil"], load_speakers()
    )
    assert generic == {"主持人", "现场提问者", "问", "答"}


def test_a_generic_speaker_is_a_different_person_in_each_article(vis, corpus):
    identities = set(vis.identity(corpus.turns))
    hosts = sorted(i for i in identities if i.startswith("主持人"))
    assert hosts == ["主持人 · 000", "主持人 · 003", "主持人 · 004"]
    assert "Sam Altman" in identities  # one person across all five articles


def test_every_speaker_has_its_own_colour_in_its_roles_family(vis, corpus):
    colours = vis.speaker_colours
    assert len(set(colours.values())) == len(colours)
    hosts = {
        who
        for who, role in zip(vis.identity(corpus.turns), corpus.turns[s.ROLE], strict=True)
        if role == s.HOST
    }
    assert {colours[who] for who in hosts} <= set(ROLE_COLOURS[s.HOST])
    assert colours["Sam Altman"] in ROLE_COLOURS[s.GUEST]


def test_no_two_themes_look_alike(vis):
    colours = list(vis.theme_colours.values())
    assert len(colours) == 13
    assert min(lab_distance(a, b) for a, b in itertools.combinations(colours, 2)) > 20


@pytest.mark.parametrize(
    "hostile",
    [":red[x]", ":material/home:", ":smile:", "www.example.com", "a@b.com", "http://x.org",
     "$x^2$", "![](http://127.0.0.1/x.png)", "<b>x</b>", "[a](javascript:alert(1))", "    code"],
)  # fmt: skip
def test_markdown_escaping_breaks_every_construct(hostile):
    escaped = escape_markdown(hostile)
    for construct in (":red[", ":material/", ":smile:", "www.", "a@", "http:/", "<b>", "]("):
        assert construct not in escaped
    assert not re.search(r"(?<!\\)[$<\[]", escaped)  # every $, < and [ is escaped
    assert not escaped.startswith("    ")


def test_plot_escaping_leaves_no_tag():
    assert escape_plot("<b style=font-size:120px>x</b> & y") == (
        "&lt;b style=font-size:120px&gt;x&lt;/b&gt; &amp; y"
    )


def test_the_strip_holds_every_turn_in_conversation_order(vis, corpus):
    order = list(corpus.articles[s.ARTICLE_ID])
    fig = strip_figure(corpus.turns, vis, order).fig
    segments = [
        (turn_id, base, trace.name)
        for trace in fig.data
        for turn_id, base in zip(trace.ids, trace.base, strict=True)
    ]
    assert len(segments) == len(corpus.turns)
    for article in order:
        drawn = sorted((b, name) for i, b, name in segments if i.startswith(article + ":"))
        turns = corpus.turns[corpus.turns[s.ARTICLE_ID] == article].sort_values(s.TURN)
        assert [name for _, name in drawn] == list(vis.identity(turns))


def test_a_chart_of_marks_keeps_the_newest_articles_that_fit():
    rows = pd.DataFrame(
        {s.ARTICLE_ID: ["a"] * 3 + ["b"] * 2 + ["c"] * 4, s.TURN: [3, 1, 2, 1, 2, 1, 2, 3, 4]}
    )
    order = ["a", "b", "c"]  # newest first
    drawn, shown = within_marks(rows, order, most=5)
    assert shown == ["a", "b"] and len(drawn) == 5
    drawn, shown = within_marks(rows, order, most=4)  # b's two would make six
    assert shown == ["a"] and len(drawn) == 3
    drawn, shown = within_marks(rows, order, most=2)  # the first alone is over: its start
    assert shown == ["a"] and list(drawn[s.TURN]) == [1, 2]
    drawn, shown = within_marks(rows, order, most=100)
    assert shown == order and len(drawn) == 9


def test_the_grid_has_a_cell_for_every_article_and_theme(vis, corpus):
    themes = load_themes()
    from analysis.text.themes import theme_hits
    from tests.oracle import theme_counts

    counts = theme_counts(theme_hits(corpus.turns, themes), corpus.turns, by=(s.ARTICLE_ID,))
    order = list(corpus.articles[s.ARTICLE_ID])
    totals = corpus.turns.groupby(s.ARTICLE_ID).size().rename(s.TURNS_COUNT).reset_index()
    fig = grid_figure(counts, totals, [th.name for th in themes], vis, order).fig
    cells = {tuple(c) for c in fig.data[0].customdata}
    assert cells == {(a, th.name) for a in order for th in themes}
    assert list(fig.layout.yaxis.ticktext) == [th.name for th in themes]


def test_dense_ranks_give_zero_its_own_place():
    ranks = dense_rank(pd.Series([0, 0, 3, 7, 7, 40]))
    assert list(ranks) == [0, 0, 1 / 3, 2 / 3, 2 / 3, 1]


def test_labels_that_would_overlap_are_left_out():
    keep = pick_labels(
        [0.5, 0.5, 0.9], [0.5, 0.51, 0.1], ["模型", "技术", "AGI"], [3, 2, 1], 300, 400
    )
    assert keep == [True, False, True]


@pytest.mark.parametrize(
    "dates", [["2024-09-19"], ["2024-09-19", "2024-09-21"], ["2024-09-15", "2024-12-21"]]
)
def test_date_axes_show_days_for_any_span(dates):
    import plotly.graph_objects as go

    fig = go.Figure()
    date_axis(fig, pd.Series(pd.to_datetime(dates)))
    axis = fig.layout.xaxis
    assert axis.type == "date" and axis.tickformat == "%Y-%m-%d"
    low, high = (pd.Timestamp(x) for x in axis.range)
    assert high - low >= pd.Timedelta(days=4)  # never a span of hours
    if len(set(dates)) == 1 or axis.dtick is not None:
        assert axis.dtick is None or axis.dtick >= DAY_MS


# ---------------------------------------------------------------- comparison and trends (#14)


def test_the_keyness_chart_puts_a_above_and_b_below_by_signed_g2():
    from analysis.measures.keyness import compare_counts

    counts = pd.DataFrame(
        [("甲", 50, 5), ("乙", 20, 2), ("丙", 3, 30), ("丁", 5, 5)],
        columns=[s.TERM, s.COUNT_A, s.COUNT_B],
    )
    table = compare_counts(counts, 1000, 1000)
    fig = keyness_figure(table, "十二月", "九月").fig
    side = {group: [trace for trace in fig.data if trace.legendgroup == group] for group in "ab"}
    a_terms = [w for trace in side["a"] for w in trace.y]
    b_terms = [w for trace in side["b"] for w in trace.y]
    # 丁 is used alike (G² = 0): on neither side.
    assert sorted(a_terms) == sorted(["乙", "甲"]) and b_terms == ["丙"]
    # Colour is the side, the trace (and its legend entry) names the side and the shade.
    assert all(trace.name.startswith("十二月 · ") for trace in side["a"])
    assert all(trace.name.startswith("九月 · ") for trace in side["b"])
    assert all(x > 0 for trace in side["a"] for x in trace.x)
    assert all(x < 0 for trace in side["b"] for x in trace.x)
    # Bottom to top: B's strongest, then A's from weakest to strongest (甲 on top).
    assert list(fig.layout.yaxis.categoryarray) == ["丙", "乙", "甲"]
    a_trace = next(trace for trace in side["a"] if "甲" in trace.y)
    # 甲: 50 vs 5 in 1,000 words each is significant even × 4 terms; colour and name say so.
    assert a_trace.marker.color == SIDE_COLOURS["a"]
    assert a_trace.name == "十二月 · 校正后 p < 0.05"
    i = list(a_trace.y).index("甲")
    assert a_trace.customdata[i][0] == "甲"  # a click gives the term
    assert "50 次" in a_trace.hovertext[i] and "5 次" in a_trace.hovertext[i]


def test_keyness_shades_terms_that_are_not_significant_in_the_sides_colour():
    from analysis.measures.keyness import compare_counts

    counts = pd.DataFrame([("甲", 50, 5), ("乙", 4, 2)], columns=[s.TERM, s.COUNT_A, s.COUNT_B])
    table = compare_counts(counts, 1000, 1000)
    fig = keyness_figure(table, "A", "B", lang="en").fig
    names = {trace.name: list(trace.y) for trace in fig.data}
    assert names == {"A · adjusted p < 0.05": ["甲"], "A · not significant": ["乙"]}
    shade = next(trace for trace in fig.data if trace.name.endswith("not significant"))
    assert shade.marker.color != SIDE_COLOURS["a"] and shade.marker.line.color == SIDE_COLOURS["a"]


def t_words(tooltip: str) -> list[str]:
    """The whole numbers of a tooltip's last line (uses and words)."""
    return re.findall(r"(?<![\d.,])\d+(?![\d.,])", tooltip.split("<br>")[-1])[:2]


def test_term_trends_draw_the_rate_with_counts_in_the_tooltip(vis):
    trends = pd.DataFrame(
        {
            s.PERIOD: pd.to_datetime(["2024-09-01", "2024-12-01", "2024-09-01", "2024-12-01"]),
            s.ARTICLE_ID: ["", "", "", ""],
            s.TERM: ["芯片", "芯片", "能源", "能源"],
            s.COUNT: [1, 3, 4, 0],
            s.WORDS: [6, 5, 6, 5],
            s.RATE: [1 / 6 * 1e4, 3 / 5 * 1e4, 4 / 6 * 1e4, 0.0],
        }
    )
    fig = term_trends_figure(trends, vis, ["芯片", "能源"], monthly=True).fig
    assert [trace.name for trace in fig.data] == ["芯片", "能源"]
    chips = fig.data[0]
    # October and November have no articles: gaps (None), not a line through them.
    assert list(chips.y) == [pytest.approx(1666.67, abs=0.01), None, None, 6000.0]
    # The tooltip: a template over each mark's numbers (3 uses in 5 words in 2024-12), not a
    # string per mark (most of a 100,000-article trend's bytes).
    assert list(chips.customdata[3]) == ["芯片", 3, 5] and chips.meta == ("芯片",)
    template = chips.hovertemplate
    assert "%{x|%Y-%m}" in template and "%{meta[0]}" in template
    assert template.index("%{customdata[1]:,}") < template.index("%{customdata[2]:,}")
    assert chips.hovertext is None
    assert list(fig.data[1].y) == [pytest.approx(4 / 6 * 1e4), None, None, 0.0]  # zero drawn
    assert fig.layout.xaxis.tickformat == "%Y-%m" and fig.layout.xaxis.dtick == "M1"
    assert "2024-10、2024-11" in fig.layout.annotations[0].text  # the gap is named


def test_theme_trends_take_the_same_form_per_article_and_per_month(vis):
    theme = load_themes()[0].name
    article = "000_88405d23da071c51"
    per_article = pd.DataFrame(
        {
            s.PUBLISHED: pd.to_datetime(["2024-09-19 12:20"]),
            s.ARTICLE_ID: [article],
            s.THEME: [theme],
            s.TURNS_COUNT: [3],
            s.SHARE: [0.25],
        }
    )
    fig = theme_trends_figure(per_article, vis, [theme], monthly=False).fig
    assert [list(fig.data[0].y), fig.data[0].mode] == [[0.25], "lines+markers"]
    assert fig.data[0].customdata[0][0] == theme  # a click filters to the theme
    assert "25.0%" in fig.data[0].hovertext[0]
    monthly = per_article.rename(columns={s.PUBLISHED: "month"}).drop(columns=s.ARTICLE_ID)
    monthly["month"] = pd.to_datetime(["2024-09-01"])
    fig = theme_trends_figure(monthly, vis, [theme], monthly=True).fig
    assert list(fig.data[0].y) == [0.25] and fig.layout.xaxis.tickformat == "%Y-%m"
    # A theme an article doesn't touch is drawn at zero there, as a term's trend is.
    other = load_themes()[1].name
    fig = theme_trends_figure(per_article, vis, [theme, other], monthly=False).fig
    assert [list(trace.y) for trace in fig.data] == [[0.25], [0.0]]


def test_the_who_says_what_tooltip_is_a_template_over_escaped_terms_and_numbers():
    from analysis.measures.keyness import compare_counts

    counts = pd.DataFrame(
        [("<b>模型</b>", 12, 3), ("安全", 2, 9)], columns=[s.TERM, s.COUNT_A, s.COUNT_B]
    )
    table = compare_counts(counts, 1000, 1000)
    trace = who_says_what_figure(table, "十二月", "九月").fig.data[0]
    row = list(trace.customdata[0])
    # The raw term first (a click searches it), then the term as the tooltip shows it.
    assert row[:4] == ["<b>模型</b>", escape_plot("<b>模型</b>"), 12, 3]
    assert row[4] == pytest.approx(120.0) and row[5] == pytest.approx(30.0)  # per 10,000
    assert "<b>" not in row[1]
    template = trace.hovertemplate
    assert "十二月: %{customdata[2]:,}" in template and "九月: %{customdata[3]:,}" in template
    assert trace.hovertext is None  # no string per term


def test_a_group_name_is_shown_in_the_who_says_what_template_never_filled_in():
    from analysis.measures.keyness import compare_counts

    counts = pd.DataFrame([("模型", 12, 3)], columns=[s.TERM, s.COUNT_A, s.COUNT_B])
    table = compare_counts(counts, 1000, 1000)
    # A speaker's name comes from an uploaded file: written into the template, a `%{…}`
    # in it would be replaced by the point's data.
    hostile = "主持人 %{customdata[0]} <b>"
    template = who_says_what_figure(table, hostile, "九月").fig.data[0].hovertemplate
    assert "主持人 &#37;{customdata[0]} &lt;b&gt;: %{customdata[2]:,}" in template
    assert template.count("%{") == 6  # the chart's own fields, none from the name
