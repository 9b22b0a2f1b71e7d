"""What the Concordance page sends the browser stays small (#21): the table lists its first
lines and a toggle lists more; the dispersion plot's speakers beyond its legend share one
trace, each tick still in its speaker's colour and named in its tooltip."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.config import load_themes
from analysis.measures.dispersion import articles_to_plot, dispersion
from analysis.store.selection import Selection
from dashboard import limits
from dashboard.charts.terms import dispersion_figure
from tests.test_pages import run_page
from tests.test_visual import seeds_visual

ROOT = Path(__file__).resolve().parent.parent


def kwic_table(app):
    return next(frame.value for frame in app.dataframe if "left" in frame.value.columns)


def test_a_search_with_many_hits_lists_its_first_lines_and_a_toggle_lists_more():
    # "的" as a substring: the seeds' speech has it well over 500 times.
    app = run_page("concordance", q="的", match="substring")
    assert len(kwic_table(app)) == limits.MAX_TABLE_ROWS
    hits = int(app.caption[0].value.split(" ")[0])
    assert hits > limits.MAX_HITS_SHOWN
    notes = [c.value for c in app.caption]
    assert any(f"显示前 {limits.MAX_TABLE_ROWS} 行（共 {hits:,} 行）" in n for n in notes)
    more = app.toggle(key="w_kwic_more")
    assert more.label == f"列出前 {limits.MAX_HITS_SHOWN} 行"
    more.set_value(True).run()
    assert len(kwic_table(app)) == limits.MAX_HITS_SHOWN
    notes = [c.value for c in app.caption]
    assert any(f"显示前 {limits.MAX_HITS_SHOWN} 行（共 {hits:,} 行）" in n for n in notes)
    assert app.query_params["kwic_more"] == "1"  # the link keeps the longer list


def test_a_link_with_the_longer_list_opens_it():
    app = run_page("concordance", q="的", match="substring", kwic_more="1")
    assert len(kwic_table(app)) == limits.MAX_HITS_SHOWN
    assert app.toggle(key="w_kwic_more").value is True


def test_a_search_with_fewer_hits_than_the_longer_list_offers_them_all():
    app = run_page("concordance", q="AI", match="substring")
    hits = int(app.caption[0].value.split(" ")[0])
    assert limits.MAX_TABLE_ROWS < hits <= limits.MAX_HITS_SHOWN  # 124 in the seeds
    assert len(kwic_table(app)) == limits.MAX_TABLE_ROWS
    app.toggle(key="w_kwic_more").set_value(True).run()
    assert app.toggle(key="w_kwic_more").label == f"列出全部 {hits} 行"
    assert len(kwic_table(app)) == hits


def test_a_search_with_few_hits_lists_them_all_without_a_toggle():
    app = run_page("concordance", q="智能体")
    assert len(kwic_table(app)) == 11  # the seeds' whole-word 智能体
    assert not [w for w in app.toggle if w.key == "w_kwic_more"]


@pytest.fixture(scope="module")
def store():
    from analysis.store.store import Store

    seeds = [(p.name, p.read_bytes()) for p in sorted((ROOT / "seeds").iterdir())]
    return Store.from_sources(seeds, load_themes())


def test_the_speakers_beyond_the_legend_share_one_trace_in_their_own_colours(store):
    vis = seeds_visual(store)
    hits = store.kwic(Selection(), "的", mode="substring")
    articles = articles_to_plot(hits)
    ticks = dispersion(hits, store.speech_offsets(Selection(articles=tuple(articles))), articles)
    who = vis.identity(ticks)
    most = who.value_counts()
    assert len(most) > 3  # hosts are one person per article: more than the legend's two

    traces = dispersion_figure(ticks, vis, articles, speakers=2).fig.data
    assert len(traces) == 3
    assert {trace.name for trace in traces[:2]} == set(most.index[:2])
    shared = traces[2]
    assert shared.name == f"其他 {len(most) - 2} 位发言人"
    # Each shared tick names its speaker and wears their colour; no tick is lost.
    named = [custom[3] for custom in shared.customdata]
    assert sorted(named) == sorted(who[~who.isin(most.index[:2])])
    assert list(shared.marker.color) == [vis.speaker_colour(w) for w in named]
    assert "%{customdata[3]}" in shared.hovertemplate
    assert sum(len(trace.customdata) for trace in traces) == len(ticks)
    # Every speaker in the legend: one trace each, as before.
    alone = dispersion_figure(ticks, vis, articles).fig.data
    assert sorted(trace.name for trace in alone) == sorted(most.index)
    assert all(isinstance(trace.marker.color, str) for trace in alone)
