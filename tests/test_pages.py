"""Every page under Streamlit's AppTest, in its default state and filtered."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import pages

APP = str(Path(__file__).resolve().parent.parent / "app.py")

PAGES = {page.name: page.script for page in pages.PAGES}
ARTICLE = "000_88405d23da071c51"


def run_page(page: str, **query) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=120)
    for name, value in query.items():
        app.query_params[name] = value
    app.run()
    if page != "overview":
        app.switch_page(PAGES[page]).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def shown(app: AppTest) -> list:
    """What a page shows, enough to tell two states apart: metrics, tables and charts."""
    charts = [chart.proto.spec for chart in app.get("plotly_chart")]
    tables = [frame.value.shape for frame in app.dataframe]
    return [[m.value for m in app.metric], tables, charts]


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_and_a_filter_changes_what_it_shows(page):
    default = run_page(page, q="模型")
    filtered = run_page(page, q="模型", article=ARTICLE)
    assert filtered.sidebar.multiselect[0].value == [ARTICLE]
    assert shown(default) != shown(filtered)


def test_overview_counts_follow_the_article_filter():
    app = run_page("overview", article=ARTICLE)
    # One article: its date first and last, its host and its guest.
    assert [m.value for m in app.metric][:4] == ["1", "2024-09-19", "2024-09-19", "2"]


def test_speaker_filter_from_the_sidebar_applies_to_every_page():
    app = run_page("speakers")
    app.sidebar.multiselect[1].set_value(["Sam Altman"]).run()
    assert app.query_params["speaker"] == "Sam Altman"
    app.switch_page(PAGES["terms"]).run()
    assert app.sidebar.multiselect[1].value == ["Sam Altman"]
    assert app.query_params["speaker"] == "Sam Altman"


def test_language_toggle_switches_labels_not_data():
    app = run_page("speakers", lang="en", speakers_tab="table")
    assert app.title[0].value == "Speakers"
    assert "Sam Altman" in str(app.dataframe[-1].value)


def test_a_bad_regex_in_the_concordance_gives_a_message():
    app = run_page("concordance", q="(", regex="1")
    assert "not a valid regular expression" in app.error[0].value


def test_theme_editor_applies_an_edited_theme_at_once():
    app = run_page("themes", themes_tab="edit")
    app.button(key="apply_themes").click().run()  # applying the unedited table changes nothing
    assert not app.exception and not app.error
    # Renaming through the session's theme text is what the Apply button does.
    from analysis.config import dump_themes, load_themes

    themes = load_themes()
    renamed = dump_themes(themes).replace('name = "金融"', 'name = "金融与银行"')
    app.session_state["themes_toml"] = renamed
    app.run()
    assert "金融与银行" in app.sidebar.multiselect[3].options
    assert "金融" not in app.sidebar.multiselect[3].options


def test_a_link_with_edited_themes_warns_a_receiver_without_them():
    app = run_page("themes", themes_version="deadbeef")
    assert any("deadbeef" in w.value for w in app.warning)


def test_a_link_opens_the_concordance_hit_and_the_article_being_read():
    from analysis.config import load_themes
    from analysis.ingest.reader import read_corpus
    from analysis.text.kwic import kwic_lines
    from dashboard.formatting import escape_markdown

    corpus = read_corpus(Path(APP).parent / "seeds")
    first = kwic_lines(corpus.turns, "智能体").iloc[0]
    hit = f"{first['article_id']}:{first['turn']}"
    theme = load_themes()[0].name
    app = run_page("concordance", q="智能体", hit=hit, read=ARTICLE, mark=theme)
    titles = dict(zip(corpus.articles["article_id"], corpus.articles["title"], strict=True))
    header = f"{escape_markdown(titles[first['article_id']])} · #{first['turn']}"
    assert any(header in block.value for block in app.markdown)  # the hit's turn, shown whole
    assert [box.value for box in app.selectbox][-2:] == [ARTICLE, theme]  # after the sort
    assert app.query_params["hit"] == hit and app.query_params["read"] == ARTICLE


def test_a_stale_hit_in_a_link_is_dropped_with_a_notice():
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params["hit"] = f"{ARTICLE}:9999"
    app.run()
    assert "hit" not in app.query_params
    from dashboard.formatting import escape_markdown

    # The notice shows the link's value as text, escaped for Markdown.
    assert any(escape_markdown(f"hit={ARTICLE}:9999") in block.value for block in app.warning)


@pytest.mark.parametrize("digits", ["²", "①", "５", "٢"])
def test_a_turn_written_in_other_digits_is_dropped_with_a_notice(digits):
    # int() refuses these though str.isdigit() accepts them: the link once broke the session.
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params["hit"] = f"002_44e89f23e9374fe1:{digits}"
    app.run()
    from dashboard.formatting import escape_markdown

    said = escape_markdown(f"hit=002_44e89f23e9374fe1:{digits}")
    assert any(said in w.value for w in app.warning), [w.value for w in app.warning]
    app.switch_page(PAGES["concordance"]).run()
    assert not app.exception, [e.value for e in app.exception]
    assert "hit" not in app.query_params
    app.run()  # the session goes on
    assert not app.exception


def test_cached_tables_follow_every_choice_they_depend_on():
    # The who-says-what scatter is cached per filters; the two compared roles are part of
    # its key, so changing one of them changes the chart.
    host_vs_guest = run_page("terms", terms_tab="compare")
    audience_vs_guest = run_page("terms", terms_tab="compare", group_b="audience")
    article_only = run_page("terms", terms_tab="compare", article="002_44e89f23e9374fe1")
    charts = [shown(app)[2] for app in (host_vs_guest, audience_vs_guest, article_only)]
    assert charts[0] != charts[1] and charts[0] != charts[2]
    assert shown(run_page("terms", terms_tab="compare"))[2] == charts[0]  # from the cache


def test_per_article_charts_show_the_most_recent_articles_of_a_large_selection(
    tmp_path, monkeypatch
):
    for day in range(1, 26):
        article = (
            f"# 第{day}期\n\n文章作者: 测试号\n发布时间: 2024-10-{day:02d}\n\n"
            "**主持人：** 安全怎么看？\n\n**Sam Altman：** 安全很重要。\n"
        )
        (tmp_path / f"a{day:02d}.md").write_text(article, encoding="utf-8")
    monkeypatch.setenv("TRANSCRIPTS_CORPUS", str(tmp_path))
    note = "20 most recent of 25"
    for page in ("overview", "speakers", "themes"):
        app = run_page(page, lang="en")
        assert sum(note in caption.value for caption in app.caption) == 1, page
    strip = chart(run_page("speakers", speakers_tab="strip"), "conversation_strip")
    labels = strip["layout"]["yaxis"]["ticktext"]  # rows are numbered, labelled on the axis
    # Labels are "a06 · 第6期"; the five oldest (a01-a05) are left out.
    assert sorted(label[:3] for label in labels) == [f"a{day:02d}" for day in range(6, 26)]
    drawn = {turn_id.split(":")[0] for trace in strip["data"] for turn_id in trace["ids"]}
    assert sorted(a[:3] for a in drawn) == [f"a{day:02d}" for day in range(6, 26)]
    assert run_page("overview").metric[0].value == "25"  # the summary still counts all


def strip_segments(app: AppTest) -> list[tuple[str, float, float]]:
    """The conversation strip's segments: (article:turn, start, width)."""
    spec = chart(app, "conversation_strip")
    return sorted(
        (turn_id, base, width)
        for trace in spec["data"]
        for turn_id, base, width in zip(
            trace["ids"], numbers(trace["base"]), numbers(trace["x"]), strict=True
        )
    )


@pytest.mark.parametrize(
    "most, note", [(90, "Drawn: 86 of 262, from the 2 most recent of 5"), (20, "Drawn: 20 of 262")]
)
def test_charts_with_a_mark_per_turn_draw_the_newest_conversations_that_fit(
    monkeypatch, most, note
):
    from dashboard import limits

    # The seeds, newest first: 001 (2024-12-21, 28 turns), 002 (12-18, 58), 004 (11-05, 88),
    # 000 (09-19, 8), 003 (09-15, 80): 262 turns. 90 marks fit 001 and 002 (86 turns);
    # 20 marks fit only the first 20 turns of 001.
    monkeypatch.setattr(limits, "MAX_MARKS", most)
    app = run_page("speakers", lang="en", speakers_tab="strip")
    segments = strip_segments(app)
    articles = sorted({turn_id.split(":")[0] for turn_id, _, _ in segments})
    if most == 90:
        assert articles == ["001_3dda35de95eb172c", "002_44e89f23e9374fe1"]
        assert len(segments) == 86
    else:
        assert articles == ["001_3dda35de95eb172c"] and len(segments) == 20
        # The conversation's start, without a gap: each segment begins where the last ended.
        spans = sorted((base, width) for _, base, width in segments)
        assert spans[0][0] == 0
        assert all(b == a + w for (a, w), (b, _) in zip(spans, spans[1:], strict=False))
    assert sum(note in c.value and f"at most {most} per chart" in c.value for c in app.caption) == 1
    # The theme flow (a mark per turn and theme) is bounded the same way.
    themes = run_page("themes", lang="en", themes_tab="flow")
    flow = chart(themes, "theme_flow")
    marks = [custom for trace in flow["data"] for custom in trace["customdata"]]
    assert 0 < len(marks) <= most
    assert {article for article, *_ in marks} <= set(articles)
    assert any("Drawn: " in c.value for c in themes.caption)


def test_the_who_says_what_scatter_keeps_the_most_frequent_terms(monkeypatch):
    from dashboard import limits

    monkeypatch.setattr(limits, "MAX_SCATTER_TERMS", 50)
    app = run_page("terms", lang="en", terms_tab="compare")
    assert any("50 most frequent of" in caption.value for caption in app.caption)
    scatter = chart(app, "who_says_what")
    assert sum(len(trace["customdata"]) for trace in scatter["data"]) == 50  # one per term


# Links whose filters leave nothing, or leave turns whose derived tables are empty (the first
# keeps one host turn in one section: no theme trend to draw).
EMPTY_SELECTIONS = {
    "section_and_speaker": {"section": "OpenAI工作的要求", "speaker": "主持人"},
    "speaker_not_in_article": {"article": ARTICLE, "speaker": "Kevin Weil"},
    "dates_without_articles": {"from": "2024-10-01", "to": "2024-10-02"},
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("query", EMPTY_SELECTIONS.values(), ids=EMPTY_SELECTIONS)
def test_a_selection_that_leaves_little_or_nothing_gives_an_empty_state(page, query):
    app = run_page(page, lang="en", q="模型", **query)  # run_page fails on any exception
    nothing = "section" not in query
    if nothing and page != "concordance":
        assert any("No speech" in block.value for block in app.info)


def test_minutes_are_measured_where_an_article_has_time_stamps(tmp_path, monkeypatch):
    import shutil

    from tests.conftest import plain

    articles = Path(__file__).resolve().parent / "articles"
    shutil.copy(articles / "podcast_timestamps.md", tmp_path / "podcast.md")
    shutil.copy(articles / "qa_style.md", tmp_path / "qa.md")  # no time stamps
    monkeypatch.setenv("TRANSCRIPTS_CORPUS", str(tmp_path))
    app = run_page("speakers", measure="minutes", lang="en", speakers_tab="table")
    notes = [plain(c.value) for c in app.caption if "time stamps" in c.value]
    assert len(notes) == 1 and "1 articles have them" in notes[0], notes
    table = next(f.value for f in app.dataframe if "minutes_source" in f.value.columns)
    sources = dict(zip(table["speaker"], table["minutes_source"], strict=True))
    # The last stamped turn has no next stamp, so its speaker's minutes are partly estimated.
    stamped = {"measured from time stamps", "partly measured, partly estimated"}
    assert {sources["陈屹"], sources["江屿"]} <= stamped
    assert {v for k, v in sources.items() if k not in ("陈屹", "江屿")} == {
        "estimated from characters"
    }


def test_a_store_built_elsewhere_is_served_from_its_folder(tmp_path, monkeypatch):
    from analysis.config import load_themes
    from analysis.store.build import build_store

    build_store(Path(APP).parent / "seeds", tmp_path / "store", load_themes())
    monkeypatch.setenv("TRANSCRIPTS_STORE", str(tmp_path / "store"))
    app = run_page("overview", article=ARTICLE)
    assert [m.value for m in app.metric][:3] == ["1", "2024-09-19", "2024-09-19"]
    monkeypatch.setenv("TRANSCRIPTS_STORE", str(tmp_path / "nowhere"))
    broken = run_page("overview")
    assert any("is not a store" in e.value for e in broken.error)
    assert not any(str(tmp_path) in e.value for e in broken.error)  # no server path shown


def test_the_article_filter_of_a_large_corpus_is_a_search(monkeypatch):
    from dashboard import limits

    monkeypatch.setattr(limits, "MAX_ARTICLES_LISTED", 3)
    monkeypatch.setattr(limits, "MAX_ARTICLE_MATCHES", 2)
    app = run_page("overview", article=ARTICLE)
    picker = app.sidebar.multiselect[0]
    # The chosen article stays offered beside the two most recent.
    assert len(picker.options) == 3 and picker.value == [ARTICLE]
    app.sidebar.text_input(key="w_article_search").input("002").run()
    assert [o.split(" · ")[0] for o in app.sidebar.multiselect[0].options] == ["000", "002"]
    assert app.sidebar.multiselect[0].value == [ARTICLE]


# ---- Collocates & n-grams (the words page)


def chart_data(app: AppTest, index: int) -> list:
    """The traces a plotly chart of the page draws, as plotly objects."""
    import plotly.io

    return plotly.io.from_json(app.get("plotly_chart")[index].proto.spec).data


def numbers(values) -> list[float]:
    """A trace's numbers, whether plain or a typed array (`{"dtype", "bdata"}`)."""
    import base64

    import numpy as np

    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def table_with(app: AppTest, column: str):
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


def test_words_page_collocates_of_agi():
    app = run_page("words", colloc="AGI", span_left="3", span_right="3")
    # Read in the seeds: each speech turn naming 通用人工智能 writes AGI beside it, four turns.
    bars = chart_data(app, 0)[0]
    assert bars.type == "bar"
    assert list(bars.y)[-1] == "通用人工智能"  # the strongest collocate on top
    assert [row[0] for row in bars.customdata] == list(bars.y)  # a click gives the word
    collocates = table_with(app, "mi").set_index("term")
    assert collocates.loc["通用人工智能", "count"] == 4
    # MI ranks too; the link keeps the choice.
    app.selectbox(key="w_colloc_by").set_value("mi").run()
    assert app.query_params["colloc_by"] == "mi"
    scores = numbers(chart_data(app, 0)[0].x)
    assert scores == sorted(scores)  # drawn bottom up: the highest MI on top
    mi = table_with(app, "mi")["mi"].head(len(scores)).tolist()
    assert scores[::-1] == pytest.approx(mi)


def test_words_page_trigrams():
    app = run_page("words", words_tab="ngrams", ngram_n="3")
    runs = table_with(app, "ngram").set_index("ngram")
    assert set(runs["size"]) == {3}
    # Read in the seeds: Altman's 令人印象深刻 in three articles; 圣路易斯公共广播电台 twice in 003.
    assert runs.loc["令人印象深刻", "count"] == 3
    assert runs.loc["圣路易斯公共广播电台", "count"] == 2
    assert (runs["count"] >= 2).all()


def test_words_page_network_nodes_are_top_terms_in_communities():
    app = run_page("words", words_tab="network", net_terms="30")
    traces = chart_data(app, 0)
    nodes = [trace for trace in traces if trace.mode == "markers+text"]
    assert len(nodes) >= 2  # more than one community
    drawn = [row[0] for trace in nodes for row in trace.customdata]
    top = app.session_state["_data"].store.term_counts(top=30)["term"].tolist()
    assert set(drawn) <= set(top) and len(drawn) == len(set(drawn))


def test_words_page_says_when_a_term_is_not_there_and_ignores_bad_spans():
    app = run_page("words", colloc="不存在的词", span_left="99")
    assert any("不存在的词" in info.value for info in app.info)
    # The out-of-range span is ignored (the notice names it on the first page): the default.
    assert app.number_input(key="w_span_left").value == 5
    assert "span_left" not in app.query_params
    # Both spans at 0 is said, not drawn as "no collocates".
    app.number_input(key="w_span_left").set_value(0).run()
    app.number_input(key="w_span_right").set_value(0).run()
    assert any("至少一侧" in info.value for info in app.info)


# ---- The session's vocabulary (sidebar)


def top_term_counts(app: AppTest) -> dict[str, int]:
    """The Terms page's top-terms bars: term -> count, as drawn."""
    bars = json.loads(app.get("plotly_chart")[0].proto.spec)["data"][0]
    return dict(zip(bars["y"], (int(x) for x in numbers(bars["x"])), strict=True))


def apply_vocabulary(app: AppTest, text: str) -> AppTest:
    app.sidebar.text_area(key="w_vocab_text").set_value(text).run()
    return app.sidebar.button(key="apply_vocab").click().run()


def seed_occurrences(word: str) -> int:
    """How often the seeds' turns write `word` (read from the text, not the tokens)."""
    from analysis.ingest.reader import read_corpus

    return sum(text.count(word) for text in read_corpus("seeds").turns["text"])


def test_adding_a_dictionary_word_changes_the_terms_counts_and_the_link_names_it():
    from analysis.config import Vocabulary

    app = run_page("terms")
    before = top_term_counts(app)
    # jieba writes 这项技术 as 这项 / 技术: kept whole, each occurrence leaves 技术.
    joined = seed_occurrences("这项技术")
    assert joined == 9
    apply_vocabulary(app, "[add words]\n这项技术\n")
    assert not app.exception and not app.sidebar.error
    after = top_term_counts(app)
    assert after["技术"] == before["技术"] - joined
    version = Vocabulary(add_words=("这项技术",)).version()
    assert app.query_params["vocab_version"] == version
    exported = app.session_state["vocab_text"]

    # The link with the exported file imported reproduces the counts, without a notice.
    receiver = AppTest.from_file(APP, default_timeout=120)
    receiver.query_params["vocab_version"] = version
    receiver.session_state["vocab_text"] = exported
    receiver.run()
    receiver.switch_page(PAGES["terms"]).run()
    assert top_term_counts(receiver) == after
    assert not receiver.warning
    # Without the file, the receiver is told which vocabulary the link was made with.
    stranger = run_page("terms", vocab_version=version)
    assert top_term_counts(stranger) == before
    assert any(version in warning.value for warning in stranger.warning)


def test_a_removed_stopword_is_counted_and_bad_input_keeps_the_vocabulary():
    app = run_page("terms")
    assert "我们" not in top_term_counts(app)
    apply_vocabulary(app, "[remove stopwords]\n我们\n")
    counted = top_term_counts(app)
    # Every 我们 of the seeds' turns is a word of its own (none inside a longer word).
    assert counted["我们"] == seed_occurrences("我们") == 516
    version = app.query_params["vocab_version"]
    for bad, line in (
        ("[add words]\n算力\n图灵 测试\n", 3),
        ("[add stopwords]\n\u200b\n", 2),
        ("[add words]\n" + "\n".join(f"词语{n}" for n in range(10_000)), 502),
        ('[[theme]]\nname = "x"\n', 1),
    ):
        apply_vocabulary(app, bad)
        assert not app.exception
        assert f"第 {line} 行" in app.sidebar.error[0].value
        assert app.query_params["vocab_version"] == version
        assert top_term_counts(app) == counted


# ---------------------------------------------------------------- Terms: A against B (#14)

DECEMBER_VS_SEPTEMBER = {
    "a_speaker": "Sam Altman",
    "a_from": "2024-12-01",
    "a_to": "2024-12-31",
    "b_speaker": "Sam Altman",
    "b_from": "2024-09-01",
    "b_to": "2024-09-30",
}


def chart(app: AppTest, key: str) -> dict:
    """The plotly figure a page drew under `key`."""
    for element in app.get("plotly_chart"):
        if element.proto.id.endswith(key):
            return json.loads(element.proto.spec)
    raise AssertionError(f"no chart {key}")


def keyness_sides(app: AppTest) -> dict[str, list[str]]:
    """Terms of each side of the keyness chart by the side's name, strongest first. A side
    is two traces (significant or not: shade), named "<side> · <significance>"."""
    bars: dict[str, list[tuple[float, str]]] = {}
    for trace in chart(app, "keyness")["data"]:
        side = trace["name"].rsplit(" · ", 1)[0]
        bars.setdefault(side, []).extend(zip(numbers(trace["x"]), trace["y"], strict=True))
    return {
        side: [term for _, term in sorted(b, key=lambda p: -abs(p[0]))] for side, b in bars.items()
    }


def test_comparing_december_with_september_from_a_link():
    app = run_page("terms", lang="en", terms_tab="compare", **DECEMBER_VS_SEPTEMBER)
    sides = keyness_sides(app)
    # 答案 (answer): in his December talks, never in September's (checked in the files);
    # 圣路易斯 (St. Louis): only in the September interview in his home town.
    assert sides["A"][0] == "答案"
    assert "圣路易斯" in sides["B"][:3]
    assert app.dataframe[0].value.iloc[0]["term"] == "答案"
    assert any("A: 1,749 words; B: 1,738 words" in c.value for c in app.caption)
    assert dict(app.query_params).items() >= DECEMBER_VS_SEPTEMBER.items()


def test_a_comparison_set_in_the_page_is_in_the_link_and_reopens_the_same():
    # Chinese: AppTest formats a widget's value outside the run, in the default language.
    app = run_page("terms", terms_tab="compare")
    app.multiselect(key="w_cmp_a_speakers").set_value(["Sam Altman"]).run()
    app.multiselect(key="w_cmp_a_roles").set_value([]).run()
    app.checkbox(key="w_b_rest").check().run()
    assert app.query_params["a_speaker"] == "Sam Altman"
    assert app.query_params["b"] == "rest"
    assert "a_role" not in app.query_params
    link = {name: app.query_params[name] for name in app.query_params}
    shared = run_page("terms", **link)
    assert keyness_sides(shared) == keyness_sides(app)
    assert shared.multiselect(key="w_cmp_a_speakers").value == ["Sam Altman"]
    # Sam Altman against everyone else: the hosts call him Sam, he doesn't.
    assert "Sam" in keyness_sides(app)["A 以外的全部发言"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"a_from": "2030-01-01"}, "A holds no speech"),
        ({"b_speaker": "Kevin Weil", "b_from": "2024-09-01", "b_to": "2024-09-30"}, "B holds no"),
        ({"a_speaker": "Sam Altman", "b_speaker": "Sam Altman"}, "the same turns"),
        ({"a_speaker": "Sam Altman", "a_from": "2024-12-01", "b_role": "guest"}, "also in B"),
        ({"a_role": ["host", "guest", "audience", "other"], "b": "rest"}, "no rest of the"),
        ({"a_role": "guest"} | {"b": "rest", "role": "guest"}, None),
    ],
)
def test_a_comparison_that_cannot_be_made_is_said_in_words(query, message):
    app = run_page("terms", lang="en", terms_tab="compare", **query)
    keys = [element.proto.id for element in app.get("plotly_chart")]
    if message is None:  # a sane comparison for contrast: the chart is there
        assert any(key.endswith("keyness") for key in keys)
        return
    assert any(message in block.value for block in app.info)
    assert not any(key.endswith("keyness") or key.endswith("who_says_what") for key in keys)


def test_an_old_role_link_is_the_default_comparison():
    app = run_page("terms", lang="en", terms_tab="compare", group_a="host", group_b="guest")
    assert set(keyness_sides(app)) == {"host", "guest"}
    assert "Sam" in keyness_sides(app)["host"][:5]


def test_term_trends_follow_the_chosen_terms_per_article():
    app = run_page(
        "terms",
        lang="en",
        terms_tab="trends",
        trend_terms="智能体，AGI,未见过的词",
        trend_by="article",
    )
    trends = chart(app, "term_trends")
    assert [trace["name"] for trace in trends["data"]] == ["智能体", "AGI"]
    # Five dated articles, one point each; 智能体 is used in 000_ and 002_ only.
    assert all(len(trace["customdata"]) == 5 for trace in trends["data"])
    assert any("未见过的词" in c.value for c in app.caption)


# ---- Concordance, dispersion and reading a turn

SEED_002 = "002_44e89f23e9374fe1"
# The word just left of each whole-word 智能体 in the seeds' speech, read in the articles
# (智能体验 in 000 is 智能 + 体验, not the word), in Unicode order: AntConc's L1 sort.
LEFT_OF_AGENT = [
    *("一个", "一些", "像", "关注", "应用程序", "是"),
    *("的", "表示", "计算机控制", "赋予", "进入"),
]


def test_the_concordance_sorts_by_the_word_left_of_the_hit():
    assert LEFT_OF_AGENT == sorted(LEFT_OF_AGENT)
    app = run_page("concordance", q="智能体", sort="L1")
    lines = table_with(app, "left")
    assert list(lines.columns[:3]) == ["left", "match", "right"]  # the hit in the middle
    assert set(lines["match"]) == {"智能体"}
    lefts = [left.rstrip("、，。 ") for left in lines["left"]]
    assert len(lefts) == len(LEFT_OF_AGENT)
    assert all(left.endswith(word) for left, word in zip(lefts, LEFT_OF_AGENT, strict=True))
    assert "title" in lines.columns and "article_id" not in lines.columns


def test_a_substring_search_also_hits_inside_longer_words():
    app = run_page("concordance", q="智能体", match="substring")
    lines = table_with(app, "left")
    assert len(lines) == len(LEFT_OF_AGENT) + 1
    assert [right[0] for right in lines["right"] if right.startswith("验")] == ["验"]


def test_an_older_regex_link_opens_as_a_regular_expression():
    app = run_page("concordance", q="智能体|推理者", regex="1")
    assert app.radio[0].value == "regex"
    assert app.query_params["match"] == "regex" and "regex" not in app.query_params
    assert set(table_with(app, "left")["match"]) == {"智能体", "推理者"}


def test_the_dispersion_plot_places_each_hit_along_its_conversation(seeds):
    app = run_page("concordance", q="智能体", concordance_tab="dispersion")
    traces = chart(app, "dispersion")["data"]
    ticks = [
        (custom[0], x)
        for trace in traces
        for custom, x in zip(trace["customdata"], numbers(trace["x"]), strict=True)
    ]
    assert len(ticks) == len(LEFT_OF_AGENT)
    kevin = next(tr for tr in traces if tr["name"] == "Kevin Weil")
    assert sorted(cd[0] for cd in kevin["customdata"]) == [
        f"{SEED_002}:19",
        f"{SEED_002}:21",
        f"{SEED_002}:21",
    ]
    # Turn 22's hit: the speech before it over all the article's speech, counted here.
    turns = seeds.turns[seeds.turns["article_id"] == SEED_002]
    before = turns[turns["turn"] < 22]["text"].str.len().sum()
    text = turns[turns["turn"] == 22]["text"].iat[0]
    place = (before + text.index("智能体")) / turns["text"].str.len().sum()
    assert [x for hit, x in ticks if hit == f"{SEED_002}:22"] == pytest.approx([place])


def test_the_dispersion_rows_keep_corpus_order_whatever_the_table_sort():
    rows = {}
    for sort in ("order", "L1"):
        app = run_page("concordance", q="智能体", sort=sort, concordance_tab="dispersion")
        rows[sort] = chart(app, "dispersion")["layout"]["yaxis"]["ticktext"]
    assert rows["order"] == rows["L1"]
    assert [label.split(" ")[0] for label in rows["L1"]] == ["000", "002"]


def test_a_hit_link_opens_the_turn_with_the_question_before_it():
    app = run_page("concordance", hit=f"{SEED_002}:22")
    shown = " ".join(m.value for m in app.markdown)
    # Read in the article: Kevin Weil asks (turn 21), Sam Altman answers (turn 22).
    question = "您认为目前计算机控制智能体面临的障碍是什么？"
    answer = "安全性和对齐。如果你真的要赋予"
    box = [m.value for m in app.markdown if question in m.value or answer in m.value]
    assert "Kevin Weil" in box[0] and "#21" in box[0]
    assert "Sam Altman" in box[1] and "▶ #22" in box[1]
    assert "▶ **#22**" in shown  # marked in the whole article below
    assert app.selectbox(key="w_read").value == SEED_002


def test_december_against_september_set_in_the_page_as_a_person_would():
    from datetime import date

    app = run_page("terms", terms_tab="compare")
    # A starts as the guest role: add the speaker and December (the picker ends at the last
    # publish date, 2024-12-21, and starts at the first, 2024-09-15).
    app.multiselect(key="w_cmp_a_speakers").set_value(["Sam Altman"]).run()
    app.date_input(key="w_cmp_a_dates").set_value((date(2024, 12, 1), date(2024, 12, 21))).run()
    # B starts as the host role: clear it, then the speaker and September.
    app.multiselect(key="w_cmp_b_roles").set_value([]).run()
    app.multiselect(key="w_cmp_b_speakers").set_value(["Sam Altman"]).run()
    app.date_input(key="w_cmp_b_dates").set_value((date(2024, 9, 15), date(2024, 9, 30))).run()
    assert not app.exception
    by_link = run_page("terms", terms_tab="compare", **DECEMBER_VS_SEPTEMBER)
    assert keyness_sides(app)["A"] == keyness_sides(by_link)["A"]
    assert keyness_sides(app)["A"][0] == "答案"
    # The ends of the picker are no filter: the link names only the other dates.
    assert app.query_params["a_from"] == "2024-12-01" and app.query_params["b_to"] == "2024-09-30"
    assert "a_to" not in app.query_params and "b_from" not in app.query_params


def test_a_refused_vocabulary_is_explained_in_the_interfaces_language():
    app = run_page("overview", lang="en")
    apply_vocabulary(app, "[add words]\n算力\n图灵 测试\n")
    said = app.sidebar.error[0].value
    assert said.startswith("Vocabulary not applied") and "line 3" in said and "has a space" in said


def test_words_page_shows_a_hostile_term_as_text():
    from tests.conftest import plain

    hostile = "[点我](javascript:alert(1))**粗**"
    app = run_page("words", colloc=hostile)
    message = next(info.value for info in app.info if "javascript" in info.value)
    assert "](" not in message.replace("\\](", "")  # no link: the brackets are escaped
    assert hostile in plain(message)  # and the visitor reads what they typed


def test_trends_of_many_articles_go_by_month(monkeypatch):
    from dashboard import limits

    monkeypatch.setattr(limits, "MAX_TREND_ARTICLES", 3)
    app = run_page("terms", lang="en", terms_tab="trends", trend_terms="模型", trend_by="article")
    assert any("More than 3 articles" in c.value for c in app.caption)
    trace = chart(app, "term_trends")["data"][0]
    # A tick per month from the first to the last; October has no article: a gap, no point.
    assert [x[:7] for x in trace["x"]] == ["2024-09", "2024-10", "2024-11", "2024-12"]
    assert [y is None for y in trace["y"]] == [False, True, False, False]
    assert trace["connectgaps"] is False


def test_both_languages_make_their_names_from_one_read_of_the_corpus(monkeypatch, tmp_path):
    """A corpus's names and colours are made per language from the same titles and talk,
    read once: the warm-up's second language asks the store nothing new."""
    from analysis.store.store import Store
    from dashboard.data import files

    # A speakers file of its own: names and colours made afresh for this test.
    speakers = tmp_path / "speakers.toml"
    speakers.write_bytes(files.speakers_file().read_bytes())
    monkeypatch.setenv(files.SPEAKERS_ENV, str(speakers))

    asked = []
    for name in ("titles", "identity_talk"):
        method = getattr(Store, name)
        monkeypatch.setattr(
            Store,
            name,
            lambda self, *a, _m=method, _n=name, **k: asked.append(_n) or _m(self, *a, **k),
        )
    zh = run_page("overview")
    en = run_page("overview", lang="en")
    assert not zh.exception and not en.exception
    assert asked.count("titles") == 1 and asked.count("identity_talk") == 1
    assert en.title[0].value != zh.title[0].value  # both languages did run
