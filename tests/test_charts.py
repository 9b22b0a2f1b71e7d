"""The charts that read (issue 22): shares as ratios, trends on their ticks with gaps, names
cut at word boundaries, legends below, colours that say what they mean. The builders are pure
plotly, called with the seeds' data."""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd
import pytest

from analysis import schema as s
from analysis.config import load_themes
from analysis.measures.compare import BY_ARTICLE, BY_MONTH, term_trends
from analysis.measures.network import word_network
from dashboard.charts.base import LEGEND_BELOW, plot_config
from dashboard.charts.look import ARTICLE_COLOURS, clip
from dashboard.charts.reshape import GUEST_SHARE, HOSTS_SHARE, OTHERS_SHARE, talk_ratios
from dashboard.charts.talk import speaker_bars
from dashboard.charts.terms import pick_labels
from dashboard.charts.trends import term_trends_figure, theme_trends_figure
from dashboard.charts.words import NETWORK_PLOT_PX, network_figure
from tests.test_visual import lab_distance, seeds_visual

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def store():
    from analysis.store.store import Store

    seeds = [(p.name, p.read_bytes()) for p in sorted((ROOT / "seeds").iterdir())]
    return Store.from_sources(seeds, load_themes())


@pytest.fixture(scope="module")
def vis(store):
    return seeds_visual(store)


def newest_first(store) -> list[str]:
    return list(store.articles().sort_values(s.PUBLISHED, ascending=False)[s.ARTICLE_ID])


# ---------------------------------------------------------------- 1. shares as ratios


@pytest.mark.parametrize("column", [s.CHARS, s.TURNS_COUNT, s.MINUTES])
def test_the_100_percent_view_sums_to_100_per_article_with_the_percentage_on_each_segment(
    store, vis, column
):
    stats = store.speaker_stats()
    chart = speaker_bars(stats, vis, column, "字", newest_first(store), relative=True)
    per_row: dict[str, float] = {}
    for trace in chart.fig.data:
        for label, x, text in zip(trace.y, trace.x, trace.text, strict=True):
            per_row[label] = per_row.get(label, 0.0) + x
            assert text == f"{x / 100:.1%}"  # "32.0%": one format
    assert len(per_row) == stats[s.ARTICLE_ID].nunique()
    assert all(total == pytest.approx(100.0) for total in per_row.values())
    assert list(chart.fig.layout.xaxis.range) == [0, 100]


def test_the_absolute_view_draws_the_amounts(store, vis):
    stats = store.speaker_stats()
    chart = speaker_bars(stats, vis, s.CHARS, "字", newest_first(store))
    drawn = sum(x for trace in chart.fig.data for x in trace.x)
    assert drawn == stats[s.CHARS].sum()
    assert all(trace.text is None for trace in chart.fig.data)


def test_the_speaker_tooltip_gives_the_whole_title(store, vis):
    stats = store.speaker_stats()
    chart = speaker_bars(stats, vis, s.CHARS, "字", newest_first(store), relative=True)
    titles = set(store.articles()[s.TITLE])
    longest = max(titles, key=len)
    assert any(longest in tip for trace in chart.fig.data for tip in trace.hovertext)


def test_the_talk_ratio_table_has_a_row_per_article_guest_against_each_interviewer(store, vis):
    stats = store.speaker_stats()
    order = newest_first(store)
    table = talk_ratios(stats, vis, s.CHARS, order)
    assert list(table[s.ARTICLE_ID]) == order
    shares = table[GUEST_SHARE] + table[HOSTS_SHARE] + table[OTHERS_SHARE]
    assert shares.to_numpy() == pytest.approx([1.0] * len(order))
    # By hand from the speaker table: Sam Altman is the guest; each host is named with a share.
    for row in table.itertuples():
        own = stats[stats[s.ARTICLE_ID] == row.article_id]
        guest = own[own[s.ROLE] == s.GUEST]
        assert row.guest_share == pytest.approx(guest[s.CHARS].sum() / own[s.CHARS].sum())
        for name in own[own[s.ROLE] == s.HOST][s.SPEAKER]:
            assert name in row.hosts and "%" in row.hosts
    assert "Sam Altman" in set(table["guest"])


def test_an_article_without_an_interviewer_has_no_ratio(vis):
    stats = pd.DataFrame(
        {
            s.ARTICLE_ID: ["x", "x"],
            s.SPEAKER: ["Sam Altman", "观众"],
            s.ROLE: [s.GUEST, s.AUDIENCE],
            s.CHARS: [300, 100],
        }
    )
    row = talk_ratios(stats, vis, s.CHARS, ["x"]).iloc[0]
    assert row[GUEST_SHARE] == pytest.approx(0.75) and row[OTHERS_SHARE] == pytest.approx(0.25)
    assert pd.isna(row["guest_per_host"]) and row["hosts"] == "—"


# ---------------------------------------------------------------- 3. trends


def test_monthly_trends_have_a_point_on_each_months_tick_and_a_gap_where_none_was_published(
    store, vis
):
    from analysis.store.selection import Selection

    trends = term_trends(store, Selection(), by=BY_MONTH, top=3)
    terms = list(dict.fromkeys(trends[s.TERM]))
    fig = term_trends_figure(trends, vis, terms, monthly=True).fig
    xaxis = fig.layout.xaxis
    assert (xaxis.dtick, xaxis.tickformat) == ("M1", "%Y-%m")
    # The seeds were published in September, November and December 2024: one point per
    # month start (on its tick), October a gap, named in a note.
    for trace in fig.data:
        months = [pd.Timestamp(x) for x in trace.x]
        assert months == list(pd.date_range("2024-09-01", "2024-12-01", freq="MS"))
        assert trace.y[1] is None and all(y is not None for y in (trace.y[0], *trace.y[2:]))
        assert trace.connectgaps is False
    assert "2024-10" in fig.layout.annotations[0].text


def test_trends_by_article_have_one_category_tick_per_article_in_date_order(store, vis):
    from analysis.store.selection import Selection

    trends = term_trends(store, Selection(), by=BY_ARTICLE, top=2)
    fig = term_trends_figure(trends, vis, list(dict.fromkeys(trends[s.TERM])), monthly=False).fig
    ticks = list(fig.layout.xaxis.categoryarray)
    assert fig.layout.xaxis.type == "category" and len(ticks) == len(set(ticks)) == 5
    assert ticks == sorted(ticks)  # each tick starts with its article's date
    assert all(list(trace.x) == ticks for trace in fig.data)


def test_many_terms_are_drawn_as_small_multiples(store, vis):
    from analysis.store.selection import Selection

    trends = term_trends(store, Selection(), by=BY_MONTH, top=6)
    terms = list(dict.fromkeys(trends[s.TERM]))
    fig = term_trends_figure(trends, vis, terms, monthly=True).fig
    axes = {trace.yaxis for trace in fig.data}
    assert len(axes) == len(terms) == 6  # a plot per term
    assert [a.text for a in fig.layout.annotations[: len(terms)]] == terms  # each named
    themes = [th.name for th in store.themes][:3]
    one = theme_trends_figure(store.theme_trends(), vis, themes, monthly=False).fig
    assert len({trace.yaxis for trace in one.data}) == 1  # themes: split only when asked


# ---------------------------------------------------------------- 6. names in full


@pytest.mark.parametrize(
    ("title", "limit", "shown"),
    [
        ("独家对话Sam Altman：解读未来", 28, "独家对话Sam Altman：解读未来"),
        ("独家对话Sam Altman：解读未来", 10, "独家对话Sam…"),  # never "独家对话Sam Al"
        ("独家对话Sam Altman：解读未来", 15, "独家对话Sam Altman…"),  # the colon dropped
        ("Sam Altman on the future of AI agents", 16, "Sam Altman on…"),
        ("这项技术改变了一切", 6, "这项技术改…"),  # any Han character is a boundary
        ("Supercalifragilistic", 8, "Superca…"),  # one long word: cut inside it
    ],
)
def test_titles_are_cut_at_a_character_or_word_boundary_with_an_ellipsis(title, limit, shown):
    assert clip(title, limit) == shown
    assert len(clip(title, limit)) <= limit


# ---------------------------------------------------------------- 8. phone


def test_every_legend_sits_below_the_plot(store, vis):
    stats = store.speaker_stats()
    fig = speaker_bars(stats, vis, s.CHARS, "字", newest_first(store)).fig
    legend = fig.layout.legend
    assert (legend.orientation, legend.yref, legend.y, legend.yanchor) == (
        "h", "container", 0, "bottom",
    )  # fmt: skip
    assert LEGEND_BELOW["orientation"] == "h"
    assert fig.layout.margin.t >= 30  # the modebar's row, above the first article's label


# ---------------------------------------------------------------- 9. colour and legends


def test_articles_are_told_apart_by_colour():
    for a, b in itertools.combinations(ARTICLE_COLOURS, 2):
        assert lab_distance(a, b) > 20, (a, b)


def test_network_labels_do_not_overlap_and_units_are_words(store):
    from analysis.store.selection import Selection

    net = word_network(store, Selection(), top_terms=60)
    fig = network_figure(net.nodes, net.edges, lang="zh").fig
    nodes = [trace for trace in fig.data if trace.mode == "markers+text"]
    shown = [t for trace in nodes for t in trace.text if t]
    assert 0 < len(shown) < len(net.nodes)  # the best connected are named
    best = net.nodes.sort_values([s.DEGREE, s.COUNT], ascending=False)[s.TERM].iloc[0]
    assert best in shown
    tips = [tip for trace in nodes for tip in trace.hovertext]
    assert all(" 次 · " in tip and "×" not in tip for tip in tips)
    en = network_figure(net.nodes, net.edges, lang="en").fig
    assert all(
        " times · " in tip for trace in en.data if trace.hovertext for tip in trace.hovertext
    )


def test_pick_labels_keeps_boxes_apart():
    keep = pick_labels(
        [0.5, 0.51, 0.9], [0.5, 0.5, 0.1], ["模型", "使用", "世界"], [3, 2, 1], *NETWORK_PLOT_PX
    )
    assert keep == [True, False, True]


@pytest.mark.parametrize(("lang", "locale"), [("zh", "zh-CN"), ("en", None)])
def test_the_modebar_is_shown_on_hover_in_the_interfaces_language(lang, locale):
    config = plot_config("who_talks", lang)
    assert config["displayModeBar"] == "hover" and config["modeBarButtons"] == [["toImage"]]
    assert config.get("locale") == locale
    if locale:
        words = config["locales"][locale]["dictionary"]
        assert words["Download plot as a PNG"] == "下载为 PNG 图片"
