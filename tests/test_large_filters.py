"""Issue 21: a large corpus's speaker and section filters (the sidebar's and each comparison
side's) are searches, and the pages whose answers grew with the corpus ask the store for
bounded ones. The seeds are made "large" by lowering the limits."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import schema as s
from analysis.store.selection import Selection
from dashboard import limits
from dashboard.charts.reshape import busiest_people, person_rows, theme_counts_by_person
from dashboard.charts.talk import timeline_months_figure
from dashboard.charts.themes import theme_bars
from tests.test_clicks import store  # noqa: F401 (the store fixture)
from tests.test_pages import ARTICLE, run_page
from tests.test_visual import seeds_visual

LISTED = {"zh": "列出 {shown} 个（共 {total} 个）", "en": "Listing {shown} of {total};"}
HOST = {"zh": "主持人", "en": "Host"}


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(limits, "MAX_FILTER_LISTED", 2)
    monkeypatch.setattr(limits, "MAX_FILTER_CHOICES", 3)


def captions(app, container) -> list[str]:
    return [c.value for c in container.caption]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_speaker_filter_of_a_large_corpus_is_a_search(small_limits, lang):
    app = run_page("overview", lang=lang)
    speakers = app.sidebar.multiselect(key="w_speaker")
    # Nothing typed: the three speakers with most turns, role words in the interface's words.
    assert len(speakers.options) == 3 and "Sam Altman" in speakers.options
    assert HOST[lang] in speakers.options
    assert any(
        c.startswith(LISTED[lang].format(shown=3, total=5)) for c in captions(app, app.sidebar)
    )
    app.sidebar.text_input(key="w_speaker_search").input("KEVIN").run()
    assert app.sidebar.multiselect(key="w_speaker").options == ["Kevin Weil"]
    assert any(
        c.startswith(LISTED[lang].format(shown=1, total=5)) for c in captions(app, app.sidebar)
    )
    app.sidebar.multiselect(key="w_speaker").set_value(["Kevin Weil"]).run()
    assert app.query_params["speaker"] == "Kevin Weil"
    # A role word is found by the words the interface shows it in (Host in English).
    app.sidebar.text_input(key="w_speaker_search").input(HOST[lang].lower()).run()
    assert HOST[lang] in app.sidebar.multiselect(key="w_speaker").options
    # Another search: the chosen speaker is still offered and still chosen.
    app.sidebar.text_input(key="w_speaker_search").input("sam").run()
    picker = app.sidebar.multiselect(key="w_speaker")
    assert picker.options == ["Kevin Weil", "Sam Altman"] and picker.value == ["Kevin Weil"]
    # A plain substring, never a pattern: ".*" matches no speaker's name.
    app.sidebar.text_input(key="w_speaker_search").input(".*").run()
    assert not app.exception
    assert app.sidebar.multiselect(key="w_speaker").options == ["Kevin Weil"]
    assert app.query_params["speaker"] == "Kevin Weil"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_section_filter_of_a_large_corpus_is_a_search(small_limits, store, lang):  # noqa: F811
    every = store.options()["sections"]
    app = run_page("overview", lang=lang)
    assert len(app.sidebar.multiselect(key="w_section").options) == 3
    word = "教育"
    app.sidebar.text_input(key="w_section_search").input(word).run()
    offered = app.sidebar.multiselect(key="w_section").options
    matching = [x for x in every if word in x]
    assert offered and set(offered) == set(matching[:3])
    shown = LISTED[lang].format(shown=len(offered), total=len(every))
    assert any(c.startswith(shown) for c in captions(app, app.sidebar))
    app.sidebar.multiselect(key="w_section").set_value(offered[:1]).run()
    app.sidebar.text_input(key="w_section_search").input("zzz-none").run()
    assert app.sidebar.multiselect(key="w_section").options == offered[:1]
    assert app.sidebar.multiselect(key="w_section").value == offered[:1]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_comparison_side_searches_speakers_of_a_large_corpus(small_limits, lang):
    app = run_page("terms", terms_tab="compare", lang=lang)
    side = app.multiselect(key="w_cmp_a_speakers")
    assert len(side.options) == 3
    app.text_input(key="w_cmp_a_speakers_search").input("kevin").run()
    assert app.multiselect(key="w_cmp_a_speakers").options == ["Kevin Weil"]
    assert any(c.startswith(LISTED[lang].format(shown=1, total=5)) for c in captions(app, app))
    app.multiselect(key="w_cmp_a_speakers").set_value(["Kevin Weil"]).run()
    assert not app.exception
    app.text_input(key="w_cmp_a_speakers_search").input("sam").run()
    picker = app.multiselect(key="w_cmp_a_speakers")
    assert picker.options == ["Kevin Weil", "Sam Altman"] and picker.value == ["Kevin Weil"]
    # The sections search of the side is there too.
    assert app.text_input(key="w_cmp_a_sections_search") is not None


def test_a_small_corpus_lists_every_speaker_without_a_search():
    app = run_page("overview")
    assert len(app.sidebar.multiselect(key="w_speaker").options) == 5
    assert not [ti for ti in app.sidebar.text_input if ti.key == "w_speaker_search"]


SELECTIONS = {
    "everything": Selection(),
    "one article": Selection(articles=(ARTICLE,)),
    "a theme": Selection(themes=("教育",)),
    "hosts": Selection(roles=("host",)),
}


@pytest.mark.parametrize("name", SELECTIONS)
def test_the_sql_people_and_themes_by_person_equal_the_pandas_path(store, name):  # noqa: F811
    """The overview's speakers metric and the themes-by-speaker chart as they were computed
    before (pandas over corpus-sized rows) and now (SQL, bounded)."""
    vis = seeds_visual(store)
    sel = SELECTIONS[name]
    generic = tuple(sorted(vis.generic))
    before = vis.identity(store.turn_totals(sel, by=(s.ARTICLE_ID, s.SPEAKER))).nunique()
    assert store.people_count(sel, generic=generic) == before
    themes = [th.name for th in store.themes]
    old, old_who, old_people = busiest_people(
        theme_counts_by_person(store.theme_counts(sel, by=(s.ARTICLE_ID, s.SPEAKER)), vis), vis
    )
    rows = store.theme_counts_by_person(sel, generic=generic, top=limits.MAX_PEOPLE_CHARTED)
    new, new_who, _ = busiest_people(person_rows(rows, vis), vis)
    assert (int(rows["people"].iat[0]) if len(rows) else 0) == old_people
    assert new_who == old_who

    def rows_of(frame: pd.DataFrame) -> pd.DataFrame:
        # A named speaker's article is any of theirs (pandas: the theme's first, SQL: the
        # person's first); only a role word's, its one article, is in the click's data.
        named = ~frame[s.SPEAKER].isin(vis.generic)
        frame = frame.assign(**{s.ARTICLE_ID: frame[s.ARTICLE_ID].where(~named, "")})
        columns = ["_who", s.THEME, s.TURNS_COUNT, s.SPEAKER, s.ARTICLE_ID, "_click"]
        return frame[columns].sort_values(["_who", s.THEME]).reset_index(drop=True)

    pd.testing.assert_frame_equal(rows_of(old), rows_of(new), check_dtype=False)
    if len(old):
        drawn = [
            theme_bars(frame, vis, themes, "_who", vis.speaker_colours, who, click="speaker")
            for frame, who in ((old, old_who), (new, new_who))
        ]
        # The same bars (a trace's rows may come in another order) and the same layout.
        assert drawn[0].fig.layout == drawn[1].fig.layout
        assert [bars(trace) for trace in drawn[0].fig.data] == [
            bars(trace) for trace in drawn[1].fig.data
        ]


def bars(trace) -> tuple:
    """A bar trace as what it draws: its name and its (x, y, click data) marks."""
    custom = [list(c) for c in trace.customdata] if trace.customdata is not None else []
    marks = zip(trace.x, trace.y, custom or [None] * len(trace.x), strict=True)
    return trace.name, sorted(marks, key=repr)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_monthly_timeline_names_the_other_accounts(store, lang):  # noqa: F811
    months = store.article_months(accounts=1)
    assert months["account"].isna().any()  # the seeds have more than one account
    chart = timeline_months_figure(months, lang=lang)
    rows = list(chart.fig.data[0].y)
    assert {"zh": "其他公众号", "en": "Other accounts"}[lang] in rows
    assert not any(r in ("None", "<NA>", "nan") for r in rows)
    assert sum(months["articles"]) == len(store.articles().dropna(subset=[s.PUBLISHED]))


def test_a_person_preset_of_a_large_corpus_offers_the_busiest_people(small_limits, store):  # noqa: F811
    """A preset's person pickers offer the MAX_FILTER_CHOICES who talk most (and the chosen
    one), not every name of the corpus."""
    totals = store.turn_totals(by=(s.SPEAKER, s.ROLE))
    ranked = list(totals.sort_values(["chars", "speaker"], ascending=[False, True])["speaker"])
    app = run_page("terms", terms_tab="compare")
    app.selectbox(key="w_cmp_preset").set_value("person_person").run()
    assert not app.exception
    first = app.selectbox(key="w_cmp_preset_first")
    assert first.options == ranked[:3] and first.value == ranked[0]
    app.selectbox(key="w_cmp_preset").set_value("person_month").run()
    assert app.selectbox(key="w_cmp_preset_person").options == ranked[:3]
