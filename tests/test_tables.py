"""Tables and language (issue 22): a CSV for every table with the headers on screen, role
labels in the interface's language, the theme editor's confirmation, what the article list
counts under a filter, and a session vocabulary that travels inside the link."""

from __future__ import annotations

import base64
import zlib

import pandas as pd
import pytest

from analysis import schema as s
from analysis.config import MAX_VOCABULARY_BYTES, ConfigError, Vocabulary, parse_vocabulary
from dashboard import limits, tables, view
from dashboard.charts.look import make_visual
from dashboard.texts import translator
from tests.test_pages import APP, PAGES, apply_vocabulary, run_page

SEED_002 = "002_44e89f23e9374fe1"  # Kevin Weil and Sam Altman at DevDay, with audience questions
SEED_003 = "003_00fc6f42bdf96616"  # a host with no name: 主持人


def seeds_visual(seeds, lang: str):
    talk = seeds.turns.groupby([s.ARTICLE_ID, s.SPEAKER, s.ROLE], observed=True)[s.CHARS].sum()
    return make_visual(
        seeds.articles, talk.reset_index(), frozenset({"主持人", "现场提问者"}), [], lang
    )


# ---------------------------------------------------------------- role labels


def test_role_labels_are_english_in_english_and_names_stay(seeds):
    vis = seeds_visual(seeds, "en")
    identities = set(vis.identity(seeds.turns))
    assert "Host · 003" in identities and "Audience member · 002" in identities
    assert "Sam Altman" in identities and "Kevin Weil" in identities
    assert not any("主持人" in who or "现场提问者" in who for who in identities)
    # Colours follow the names shown: every identity has its role family's colour.
    assert all(who in vis.speaker_colours for who in identities)


def test_role_labels_stay_as_written_in_chinese(seeds):
    vis = seeds_visual(seeds, "zh")
    assert vis.speaker("主持人") == "主持人" and "主持人 · 003" in set(vis.identity(seeds.turns))


def test_a_tools_speaker_tag_and_a_latin_role_label_follow_the_language():
    talk = pd.DataFrame(
        {
            s.ARTICLE_ID: ["a", "a", "b"],
            s.SPEAKER: ["说话人 1", "Host", "Speaker 2"],
            s.ROLE: [s.OTHER, s.HOST, s.OTHER],
            s.CHARS: [10, 10, 10],
        }
    )
    articles = pd.DataFrame({s.ARTICLE_ID: ["a", "b"], s.TITLE: ["A", "B"]})
    en = make_visual(articles, talk, frozenset({"Host"}), [], "en")
    zh = make_visual(articles, talk, frozenset({"Host"}), [], "zh")
    assert en.speaker("说话人 1") == "Speaker 1" and en.speaker("Host") == "Host"
    assert zh.speaker("Speaker 2") == "说话人 2" and zh.speaker("Host") == "主持人"


def test_a_tables_speakers_are_shown_in_the_interfaces_language(seeds):
    vis = seeds_visual(seeds, "en")
    frame = pd.DataFrame(
        {
            s.SPEAKER: ["主持人 · 003_00fc6f42bdf96616", "Sam Altman"],
            s.ANSWERERS: ["Sam Altman、主持人", ""],
        }
    )
    shown = tables.readable(frame, vis, translator("en"))
    assert shown[s.SPEAKER].tolist() == ["Host · 003_00fc6f42bdf96616", "Sam Altman"]
    assert shown[s.ANSWERERS].tolist() == ["Sam Altman、Host", ""]


# ---------------------------------------------------------------- CSV = the table on screen


def test_a_csvs_headers_are_the_screens_and_a_turn_carries_title_speaker_and_turn(seeds):
    from analysis.csv_safe import to_csv_bytes
    from analysis.text.kwic import kwic_lines

    lines = kwic_lines(seeds.turns, "智能体")
    lines.loc[lines.index[0], s.LEFT] = "=HYPERLINK(1)"  # the formula guard still holds
    for lang, want in (
        ("zh", ["标题", "发言人", "第几段"]),
        ("en", ["Title", "Speaker", "Turn"]),
    ):
        tr = translator(lang)
        vis = seeds_visual(seeds, lang)
        csv = tables.csv_table(lines, vis, tr)
        headers = [tables.header(s.TITLE if c == s.ARTICLE_ID else c, tr) for c in lines.columns]
        assert list(csv.columns) == headers and set(want) <= set(headers)
        # The article by its full title (the screen shows a short label).
        assert csv[want[0]].iloc[0] == vis.title(lines[s.ARTICLE_ID].iloc[0])
        text = to_csv_bytes(csv).decode("utf-8-sig")
        assert text.splitlines()[0].split(",") == headers
        assert "'=HYPERLINK(1)" in text


# Every page in every tab (only the open tab is drawn).
PAGE_TABS = [
    (page, {f"{page}_tab": tab} if f"{page}_tab" in view.TABS else {})
    for page in PAGES
    for tab in view.TABS.get(f"{page}_tab", (None,))
]


@pytest.mark.parametrize(
    ("page", "tab"), PAGE_TABS, ids=[f"{p}-{'-'.join(t.values()) or 'page'}" for p, t in PAGE_TABS]
)
def test_every_table_on_every_page_has_a_csv_button(page, tab):
    app = run_page(page, q="智能体", hit=f"{SEED_002}:22", **tab)
    frames = [f for f in app.get("arrow_data_frame")]
    downloads = app.get("download_button")
    csvs = [d for d in downloads if str(d.proto.label) in ("下载 CSV",)]
    assert len(csvs) >= len(frames), (page, len(frames), len(csvs))


# ---------------------------------------------------------------- small states


@pytest.mark.parametrize(
    ("lang", "said"), [("zh", "已应用 {n} 个主题。"), ("en", "Applied {n} themes.")]
)
def test_the_theme_editor_confirms_what_it_applied(lang, said):
    from analysis.config import load_themes

    app = run_page("themes", lang=lang, themes_tab="edit")
    assert not app.success
    app.button(key="apply_themes").click().run()
    assert [m.value for m in app.success] == [said.format(n=len(load_themes()))]
    app.run()  # said once
    assert not app.success


def test_under_a_theme_filter_the_article_list_says_it_counts_whole_articles():
    from analysis.config import load_themes

    theme = load_themes()[0].name
    said = translator("en")("articles_whole_counts")
    listed = {"lang": "en", "overview_tab": "articles"}
    assert said not in [c.value for c in run_page("overview", **listed).caption]
    filtered = run_page("overview", **listed, theme=theme)
    assert said in [c.value for c in filtered.caption]


# ---------------------------------------------------------------- the vocabulary in the link


def pack(text: str) -> str:
    return base64.urlsafe_b64encode(zlib.compress(text.encode("utf-8"))).decode().rstrip("=")


def test_a_vocabulary_packs_into_a_link_and_back():
    from dashboard.data.vocabulary import pack_vocabulary, unpack_vocabulary

    vocabulary = Vocabulary(("算力", "图灵测试"), ("人工智能",), ("嗯",), ("我们",))
    packed = pack_vocabulary(vocabulary)
    assert 0 < len(packed) <= limits.MAX_LINK_VOCAB_CHARS
    assert parse_vocabulary(unpack_vocabulary(packed), "vocab").key() == vocabulary.key()
    assert pack_vocabulary(Vocabulary()) == ""


def test_a_vocabulary_too_large_for_a_link_is_named_by_its_version_only():
    from dashboard.data.vocabulary import pack_vocabulary

    words = tuple(f"词{i:03d}{chr(0x4E00 + i * 37)}{chr(0x5E00 + i * 11)}" for i in range(500))
    assert pack_vocabulary(Vocabulary(words)) == ""


@pytest.mark.parametrize(
    "packed",
    [
        pack("a" * (MAX_VOCABULARY_BYTES + 1)),  # inflates beyond the limit: a small bomb
        pack("[add words]\n算力\n")[:-6],  # cut short
        "not-base64-at-all!",
        base64.urlsafe_b64encode(b"plain text, not zlib").decode(),
        "A" * (limits.MAX_LINK_VOCAB_CHARS + 1),
    ],
)
def test_a_links_vocabulary_that_isnt_the_packed_form_is_refused(packed):
    from dashboard.data.vocabulary import unpack_vocabulary

    with pytest.raises(ConfigError):
        unpack_vocabulary(packed)


def test_the_link_alone_brings_the_vocabulary_to_another_visitor():
    from streamlit.testing.v1 import AppTest

    sender = run_page("overview")
    apply_vocabulary(sender, "[add words]\n算力\n图灵测试\n")
    link = dict(sender.query_params)
    assert link["vocab"] and link["vocab_version"]
    receiver = AppTest.from_file(APP, default_timeout=120)
    for name, value in link.items():
        receiver.query_params[name] = value
    receiver.run()
    assert not receiver.exception and not receiver.warning
    status = [c.value for c in receiver.sidebar.caption if "加词" in c.value]
    assert status and status[0].startswith("生效中：加词 2 个")
    assert "算力" in receiver.sidebar.text_area(key="w_vocab_text").value


@pytest.mark.parametrize(
    ("lang", "comment"),
    [("zh", "# 访谈文本仪表盘的词表"), ("en", "# Vocabulary for the transcripts dashboard")],
)
def test_the_vocabulary_files_comments_are_in_the_interfaces_language(lang, comment):
    app = run_page("overview", lang=lang)
    assert app.sidebar.text_area(key="w_vocab_text").value.startswith(comment)
