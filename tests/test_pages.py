"""Every page under Streamlit's AppTest, in its default state and filtered."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import ui_pages

APP = str(Path(__file__).resolve().parent.parent / "app.py")

PAGES = {page.name: page.script for page in ui_pages.PAGES}
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
    app = run_page("speakers", lang="en")
    assert app.title[0].value == "Speakers"
    assert "Sam Altman" in str(app.dataframe[-1].value)


def test_a_bad_regex_in_the_concordance_gives_a_message():
    app = run_page("concordance", q="(", regex="1")
    assert "not a valid regular expression" in app.error[0].value


def test_theme_editor_applies_an_edited_theme_at_once():
    app = run_page("themes")
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
    from ui_format import escape_markdown

    corpus = read_corpus(Path(APP).parent / "seeds")
    first = kwic_lines(corpus.turns, "智能体").iloc[0]
    hit = f"{first['article_id']}:{first['turn']}"
    theme = load_themes()[0].name
    app = run_page("concordance", q="智能体", hit=hit, read=ARTICLE, mark=theme)
    titles = dict(zip(corpus.articles["article_id"], corpus.articles["title"], strict=True))
    header = f"{escape_markdown(titles[first['article_id']])} · #{first['turn']}"
    assert any(header in block.value for block in app.markdown)  # the hit's turn, shown whole
    assert [box.value for box in app.selectbox] == [ARTICLE, theme]
    assert app.query_params["hit"] == hit and app.query_params["read"] == ARTICLE


def test_a_stale_hit_in_a_link_is_dropped_with_a_notice():
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params["hit"] = f"{ARTICLE}:9999"
    app.run()
    assert "hit" not in app.query_params
    from ui_format import escape_markdown

    # The notice shows the link's value as text, escaped for Markdown.
    assert any(escape_markdown(f"hit={ARTICLE}:9999") in block.value for block in app.warning)


def test_cached_tables_follow_every_choice_they_depend_on():
    # The who-says-what scatter is cached per filters; the two compared roles are part of
    # its key, so changing one of them changes the chart.
    host_vs_guest = run_page("terms")
    audience_vs_guest = run_page("terms", group_b="audience")
    article_only = run_page("terms", article="002_44e89f23e9374fe1")
    charts = [shown(app)[2] for app in (host_vs_guest, audience_vs_guest, article_only)]
    assert charts[0] != charts[1] and charts[0] != charts[2]
    assert shown(run_page("terms"))[2] == charts[0]  # from the cache: the same chart


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
    strip = json.loads(run_page("speakers").get("plotly_chart")[1].proto.spec)
    labels = {y for trace in strip["data"] for y in trace["y"]}
    # Labels are "a06 · 第6期"; the five oldest (a01-a05) are left out.
    assert sorted(label[:3] for label in labels) == [f"a{day:02d}" for day in range(6, 26)]
    assert run_page("overview").metric[0].value == "25"  # the summary still counts all


def test_the_who_says_what_scatter_keeps_the_most_frequent_terms(monkeypatch):
    import ui_data

    monkeypatch.setattr(ui_data, "MAX_SCATTER_TERMS", 50)
    app = run_page("terms", lang="en")
    assert any("50 most frequent of" in caption.value for caption in app.caption)
    scatter = json.loads(app.get("plotly_chart")[1].proto.spec)
    assert sum(len(trace["hovertext"]) for trace in scatter["data"]) == 50  # one per term


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
    app = run_page("speakers", measure="minutes", lang="en")
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
    import ui_sidebar

    monkeypatch.setattr(ui_sidebar, "MAX_ARTICLES_LISTED", 3)
    monkeypatch.setattr(ui_sidebar, "MAX_ARTICLE_MATCHES", 2)
    app = run_page("overview", article=ARTICLE)
    picker = app.sidebar.multiselect[0]
    # The chosen article stays offered beside the two most recent.
    assert len(picker.options) == 3 and picker.value == [ARTICLE]
    app.sidebar.text_input(key="w_article_search").input("002").run()
    assert [o.split(" · ")[0] for o in app.sidebar.multiselect[0].options] == ["000", "002"]
    assert app.sidebar.multiselect[0].value == [ARTICLE]
