"""The Terms page's comparison under AppTest, on the seeds (issue 22 item 2 and 10d): presets
that set both sides in one link change, names carried by the link into every place a side is
named, a person picked without the side's preset role, an empty side that names the filter
that emptied it, date pickers that take any date, and the clickable terms grid.

Expected values are computed here from the seeds' store (`seeds_store`), not copied from
the page. Widgets are set in Chinese: AppTest formats a widget's value outside the run, in
the default language.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from analysis import schema as s
from analysis.measures import compare
from analysis.store.queries import ask
from analysis.store.selection import Selection
from dashboard import limits
from tests.test_pages import chart, numbers, run_page

SAM = "Sam Altman"
DECEMBER = Selection(speakers=(SAM,), date_from=date(2024, 12, 1), date_to=date(2024, 12, 31))
SEPTEMBER = Selection(speakers=(SAM,), date_from=date(2024, 9, 1), date_to=date(2024, 9, 30))
DEC_VS_SEP = {
    "a_speaker": SAM,
    "a_from": "2024-12-01",
    "a_to": "2024-12-31",
    "b_speaker": SAM,
    "b_from": "2024-09-01",
    "b_to": "2024-09-30",
}


def link(app) -> dict[str, str]:
    """The link's parameters, the open tab aside (these tests open the comparison's)."""
    return {name: app.query_params[name] for name in app.query_params if name != "terms_tab"}


def keyness_terms(app) -> dict[str, set[str]]:
    """The keyness chart's terms per side: A's bars are positive, B's negative."""
    sides: dict[str, set[str]] = {"a": set(), "b": set()}
    for trace in chart(app, "keyness")["data"]:
        for g2, term in zip(numbers(trace["x"]), trace["y"], strict=True):
            sides["a" if g2 > 0 else "b"].add(term)
    return sides


def strongest(table, most: int = limits.KEYNESS_BARS) -> dict[str, set[str]]:
    return {
        "a": set(table[table[s.G2] > 0].nlargest(most, s.G2)[s.TERM]),
        "b": set(table[table[s.G2] < 0].nsmallest(most, s.G2)[s.TERM]),
    }


def infos(app) -> list[str]:
    return [block.value for block in app.info]


# ---------------------------------------------------------------- presets


def test_december_against_september_in_two_steps(seeds_store):
    app = run_page("terms", terms_tab="compare")
    app.selectbox(key="w_cmp_preset").set_value("person_month").run()  # step 1
    # The person who talks most, in his latest month, against the months before.
    assert link(app) == {
        "a_speaker": SAM,
        "a_from": "2024-12-01",
        "a_to": "2024-12-31",
        "b_speaker": SAM,
        "b_to": "2024-11-30",
        "a_name": "Sam Altman · 2024-12",
        "b_name": "Sam Altman · 2024-12 之前",
    }
    app.selectbox(key="w_cmp_preset_second").set_value("2024-09").run()  # step 2
    assert not app.exception
    assert link(app) == DEC_VS_SEP | {
        "a_name": "Sam Altman · 2024-12",
        "b_name": "Sam Altman · 2024-09",
    }
    assert keyness_terms(app) == strongest(compare.compare(seeds_store, DECEMBER, SEPTEMBER))
    # The link read back is the same preset with the same choices.
    assert app.selectbox(key="w_cmp_preset").value == "person_month"
    assert [
        app.selectbox(key=f"w_cmp_preset_{c}").value for c in ("person", "first", "second")
    ] == [
        SAM,
        "2024-12",
        "2024-09",
    ]


def test_person_against_person_and_role_against_role(seeds_store):
    turns = seeds_store.turns()
    chars = turns.groupby([s.SPEAKER, s.ROLE])[s.CHARS].sum().sort_values(ascending=False)
    (first, role), _ = next(iter(chars.items()))
    other = next(who for (who, r) in chars.index if r != role)
    app = run_page("terms", terms_tab="compare")
    app.selectbox(key="w_cmp_preset").set_value("person_person").run()
    assert link(app) == {"a_speaker": first, "b_speaker": other, "a_name": first, "b_name": other}
    assert keyness_terms(app) == strongest(
        compare.compare(seeds_store, Selection(speakers=(first,)), Selection(speakers=(other,)))
    )
    app.selectbox(key="w_cmp_preset").set_value("role_role").run()
    assert link(app) == {}  # the default comparison: guest against host
    app.selectbox(key="w_cmp_preset_second").set_value("audience").run()
    assert link(app) == {"group_b": "audience"}
    guest, audience = Selection(roles=("guest",)), Selection(roles=("audience",))
    assert keyness_terms(app) == strongest(compare.compare(seeds_store, guest, audience))


# ---------------------------------------------------------------- a person without the role


@pytest.mark.parametrize(("side", "person"), [("b", SAM), ("a", "Kevin Weil")])
def test_picking_a_person_drops_the_sides_preset_role(seeds_store, side, person):
    # The default sides are guest (A) and host (B): Sam Altman is the guest, Kevin Weil a host.
    app = run_page("terms", terms_tab="compare")
    app.multiselect(key=f"w_cmp_{side}_speakers").set_value([person]).run()
    assert link(app) == {f"{side}_speaker": person}
    assert not any("中没有发言" in text for text in infos(app))
    mine = Selection(speakers=(person,))
    default = Selection(roles=("host" if side == "a" else "guest",))
    a, b = (mine, default) if side == "a" else (default, mine)
    if compare.overlap(seeds_store, a, b).problem() is None:
        assert keyness_terms(app) == strongest(compare.compare(seeds_store, a, b))


# ---------------------------------------------------------------- an empty side


@pytest.mark.parametrize(
    ("query", "said"),
    [
        (
            {"b_speaker": SAM, "b_role": "host", "lang": "en"},
            "B holds no speech: no turn of “speakers\\: Sam Altman” has “roles\\: host” — clear "
            "the role filter.",
        ),
        (
            {"b_speaker": SAM, "b_role": "host"},
            "B 中没有发言：「发言人：Sam Altman」中没有一段发言符合「角色：主持人」——请清除角色筛选。",
        ),
        (
            {"a_speaker": SAM, "a_from": "2030-01-01", "lang": "en"},
            "A holds no speech: no article was published from 2030\\-01\\-01 (the corpus runs "
            "from 2024-09-15 to 2024-12-21) — clear the date filter.",
        ),
        (
            {"b_speaker": "Kevin Weil", "b_to": "2024-09-30"},
            "B 中没有发言：「发言人：Kevin Weil」中没有一段发言符合「至 2024\\-09\\-30」——请清除日期筛选。",
        ),
    ],
)
def test_an_empty_side_names_the_filter_that_emptied_it(seeds_store, query, said):
    side = "a" if "a_speaker" in query else "b"
    app = run_page("terms", terms_tab="compare", **query)
    assert said in infos(app), infos(app)
    if "lang" in query:
        return  # AppTest formats widgets in Chinese outside the run: click in Chinese only
    # The button clears that filter, and only that one.
    app.button(key=f"cmp_clear_{side}").click().run()
    emptied = compare.why_empty(seeds_store, view_side(query, side))
    assert link(app) == {
        f"{side}_{name}": values[0] for name, values in emptied.rest.to_query().items()
    }
    assert not any("holds no speech" in text or "中没有发言" in text for text in infos(app))


def view_side(query: dict, side: str) -> Selection:
    prefix = f"{side}_"
    own = {k.removeprefix(prefix): [v] for k, v in query.items() if k.startswith(prefix)}
    return Selection.from_query(own)[0]


# ---------------------------------------------------------------- any date


def test_the_date_pickers_take_any_date_the_corpus_range_their_default(seeds_store):
    summary = seeds_store.summary()
    app = run_page(
        "terms", terms_tab="compare", **{k: v for k, v in DEC_VS_SEP.items() if "from" not in k}
    )
    picker = app.date_input(key="w_cmp_b_dates")
    assert (picker.min, picker.max) == (date(1900, 1, 1), date(2100, 12, 31))
    assert picker.value == (summary.first.date(), date(2024, 9, 30))
    # Before the corpus's first date (2024-09-15): kept, and the comparison is made.
    picker.set_value((date(2024, 9, 1), date(2024, 9, 30))).run()
    assert app.query_params["b_from"] == "2024-09-01"
    app.date_input(key="w_cmp_a_dates").set_value((date(2024, 12, 1), date(2024, 12, 31))).run()
    assert link(app) == DEC_VS_SEP
    assert keyness_terms(app) == strongest(compare.compare(seeds_store, DECEMBER, SEPTEMBER))


# ---------------------------------------------------------------- names


def test_names_travel_in_the_link_to_legends_titles_and_headers():
    hostile = "<b>十二月</b> [x](javascript:1)"
    app = run_page(
        "terms", terms_tab="compare", lang="en", **DEC_VS_SEP, a_name=hostile, b_name="September"
    )
    legend = [trace["name"] for trace in chart(app, "keyness")["data"]]
    escaped = "&lt;b&gt;十二月&lt;/b&gt; [x](javascript:1)"  # text, not markup
    assert any(name.startswith(escaped) for name in legend)
    assert any(name.startswith("September") for name in legend)
    scatter = chart(app, "who_says_what")["layout"]
    assert escaped in scatter["yaxis"]["title"]["text"]
    assert "September" in scatter["xaxis"]["title"]["text"]
    titles = [m.value for m in app.markdown if m.value.startswith("**")]
    assert any("Who says what" in m and "September" in m and "\\[x\\]" in m for m in titles)
    columns = json.loads(app.dataframe[0].proto.columns)
    assert columns[s.COUNT_A]["label"] == f"Count in {hostile}"
    assert columns[s.RATE_B]["label"] == "Per 10k words of September"
    assert app.query_params["a_name"] == hostile


def test_a_name_typed_is_bounded_and_one_too_long_in_a_link_is_dropped():
    app = run_page("terms", terms_tab="compare")
    from dashboard.compare_widgets import clean_name

    app.text_input(key="w_cmp_a_name").input("十二月\u202e的他\t 说了什么").run()
    assert app.query_params["a_name"] == "十二月的他 说了什么"  # printable, spaces collapsed
    assert clean_name("x" * 60) == "x" * limits.MAX_SIDE_NAME_CHARS
    too_long = "y" * (limits.MAX_SIDE_NAME_CHARS + 1)
    opened = run_page("overview", b_name=too_long)  # the first run names what it dropped
    assert "b_name" not in opened.query_params
    assert any("b\\_name\\=" in w.value for w in opened.warning)


def test_a_preset_name_goes_when_its_side_is_changed_by_hand():
    app = run_page(
        "terms", terms_tab="compare", **DEC_VS_SEP, a_name="Sam Altman · 2024-12", b_name="mine"
    )
    app.multiselect(key="w_cmp_a_roles").set_value(["guest"]).run()
    assert "a_name" not in app.query_params  # it named a preset A no longer is
    assert app.query_params["b_name"] == "mine"


# ---------------------------------------------------------------- terms by article × speaker


def test_the_term_grid_draws_the_top_terms_per_article_and_speaker(seeds_store):
    app = run_page("terms", terms_tab="grid", speaker=[SAM, "Kevin Weil"])
    trace = chart(app, "term_grid")["data"][0]
    sel = Selection(speakers=(SAM, "Kevin Weil"))
    tokens = seeds_store.tokens(sel)
    top = tokens[s.TOKEN].value_counts()
    terms = sorted(top.index, key=lambda w: (-top[w], w))[: limits.GRID_TERMS]
    groups = tokens.groupby([s.ARTICLE_ID, s.SPEAKER]).size()
    assert len(groups) <= limits.GRID_GROUPS  # every pair is drawn
    cells = {(cd[1], cd[2], cd[0]): cd[4] for cd in trace["customdata"]}
    assert len(cells) == len(groups) * len(terms)
    counted = tokens.groupby([s.ARTICLE_ID, s.SPEAKER, s.TOKEN]).size()
    for (article, speaker), _ in groups.items():
        for term in terms:
            assert cells[(article, speaker, term)] == counted.get((article, speaker, term), 0)
    assert ask(seeds_store, "term_grid", sel, terms=limits.GRID_TERMS)[s.TERM].nunique() == len(
        terms
    )


def test_a_term_grid_cell_opens_the_concordance_of_its_term_article_and_speaker(seeds_store):
    from dashboard import clicks, view
    from dashboard.charts.pivot import term_grid_figure
    from tests.test_visual import seeds_visual

    grid = ask(seeds_store, "term_grid", Selection(), terms=limits.GRID_TERMS)
    drawn = term_grid_figure(grid, seeds_visual(seeds_store))
    assert (drawn.click, drawn.opens) == (("q", "article", "speaker"), "concordance")
    # The page draws the same cells; its first one, clicked, opens the concordance.
    app = run_page("terms", terms_tab="grid")
    trace = chart(app, "term_grid")["data"][0]
    assert trace["customdata"] == [list(cd) for cd in drawn.fig.data[0].customdata]
    values = clicks.values_of({"customdata": trace["customdata"][0]}, drawn.click)
    query = {k: v[0] for k, v in clicks.clicked(view.View(), values).query().items()}
    term, article, speaker = trace["customdata"][0][:3]
    assert query == {"q": term, "article": article, "speaker": speaker}
    concordance = run_page("concordance", **query)
    hits = next(d.value for d in concordance.dataframe if "left" in d.value.columns)
    assert set(hits["match"]) == {term}
    turns = seeds_store.turns(Selection(articles=(article,), speakers=(speaker,)))
    expected = sum(text.count(term) for text in turns[s.TEXT])
    assert 0 < len(hits) <= expected  # whole words only: a substring may be inside another
