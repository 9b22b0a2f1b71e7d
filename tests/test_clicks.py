"""Chart clicks: each chart declares the link names its marks carry (`Chart.click`), and a
click becomes one new view. AppTest cannot click a chart; the browser tests do."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from analysis import schema as s
from analysis.config import load_themes
from analysis.store.selection import Selection
from dashboard.charts.reshape import busiest_people, theme_counts_by_person
from dashboard.charts.talk import speaker_bars, strip_figure, timeline_figure
from dashboard.charts.terms import dispersion_figure, top_terms_figure
from dashboard.charts.themes import flow_figure, grid_figure, theme_bars
from dashboard.clicks import clicked, values_of
from dashboard.view import View
from tests.test_visual import seeds_visual

ROOT = Path(__file__).resolve().parent.parent
SEED_002 = "002_44e89f23e9374fe1"


@pytest.fixture(scope="module")
def store():
    from analysis.store.store import Store

    seeds = [(p.name, p.read_bytes()) for p in sorted((ROOT / "seeds").iterdir())]
    return Store.from_sources(seeds, load_themes())


@pytest.fixture(scope="module")
def vis(store):
    return seeds_visual(store)


def marks(chart) -> list[dict[str, str]]:
    """What a click on each mark of a chart stands for, by the chart's own contract."""
    return [
        values_of({"customdata": custom}, chart.click)
        for trace in chart.fig.data
        for custom in (trace.customdata if trace.customdata is not None else [])
    ]


def test_every_mark_of_each_chart_carries_what_its_chart_declares(store, vis):
    articles = set(vis.titles)
    themes = {th.name for th in store.themes}
    speakers = set(store.options()["speakers"])
    order = list(store.articles()[s.ARTICLE_ID])
    stats = store.speaker_stats()
    checks = {
        "article": articles.__contains__,
        "theme": themes.__contains__,
        "speaker": speakers.__contains__,
        "hit": lambda v: v.rsplit(":", 1)[0] in articles and v.rsplit(":", 1)[1].isdigit(),
        "read": articles.__contains__,
    }
    people, who, _ = busiest_people(
        theme_counts_by_person(store.theme_counts(by=(s.ARTICLE_ID, s.SPEAKER)), vis), vis
    )
    hits = pd.DataFrame(
        {s.ARTICLE_ID: [SEED_002], s.TURN: [22], s.SPEAKER: ["Sam Altman"], s.POSITION: [0.5]}
    )
    charts = {
        "timeline": timeline_figure(store.articles(), vis),
        "who talks": speaker_bars(stats, vis, s.CHARS, "字", order),
        "speaker shares": speaker_bars(stats, vis, s.CHARS, "字", order, click="speaker"),
        "strip": strip_figure(store.turns(), vis, order),
        "grid": grid_figure(
            store.theme_counts(by=(s.ARTICLE_ID,)),
            store.turn_totals(by=(s.ARTICLE_ID,)),
            sorted(themes),
            vis,
            order,
        ),
        "flow": flow_figure(store.theme_flow(), vis, sorted(themes), order),
        "themes by person": theme_bars(people, vis, sorted(themes), "_who", {}, who, "speaker"),
        "dispersion": dispersion_figure(hits, vis, [SEED_002]),
    }
    for name, chart in charts.items():
        clicks = marks(chart)
        assert clicks, name
        for values in clicks:
            # Every name a mark carries is one its chart declares, with a value that is one.
            assert set(values) <= set(chart.click), (name, values)
            for link, value in values.items():
                assert checks[link](value), (name, link, value)
            assert chart.click[0] in values, name
        assert chart.opens is None, name


def test_a_role_word_is_clicked_as_one_person_a_named_speaker_everywhere(store, vis):
    order = list(store.articles()[s.ARTICLE_ID])
    chart = speaker_bars(store.speaker_stats(), vis, s.CHARS, "字", order, click="speaker")
    hosts = [v for v in marks(chart) if v["speaker"] == "主持人"]
    altman = [v for v in marks(chart) if v["speaker"] == "Sam Altman"]
    assert hosts and all("article" in v for v in hosts)  # 主持人 of one article
    assert altman and all("article" not in v for v in altman)


def test_a_terms_click_opens_its_concordance_with_the_term():
    top = pd.DataFrame({s.TERM: ["模型", "智能体"], s.COUNT: [9, 4], s.RATE: [12.0, 5.0]})
    chart = top_terms_figure(top)
    assert chart.opens == "concordance" and chart.click == ("q",)
    assert {v["q"] for v in marks(chart)} == {"模型", "智能体"}


def test_a_click_filters_to_its_value_and_a_second_click_clears_it():
    start = View(selection=Selection(speakers=("Sam Altman",)), values={"lang": "en"})
    once = clicked(start, {"article": SEED_002})
    assert once.selection == Selection(articles=(SEED_002,), speakers=("Sam Altman",))
    assert once.values == {"lang": "en"}  # the rest of the view stays
    twice = clicked(once, {"article": SEED_002})
    assert twice.selection == start.selection
    # A click on another value replaces it; a cell sets both of its filters.
    cell = clicked(once, {"article": "000_88405d23da071c51", "theme": "智能体"})
    assert cell.selection.articles == ("000_88405d23da071c51",)
    assert cell.selection.themes == ("智能体",)


def test_a_month_click_sets_the_dates_and_a_term_click_the_search():
    month = clicked(View(), {"from": "2024-12-01", "to": "2024-12-31"})
    assert (month.selection.date_from, month.selection.date_to) == (
        date(2024, 12, 1),
        date(2024, 12, 31),
    )
    assert clicked(View(), {"q": "智能体"}).query() == {"q": ["智能体"]}
