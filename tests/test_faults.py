"""Faults while the server runs: files removed or changed, config files broken."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.conftest import plain

APP = str(Path(__file__).resolve().parent.parent / "app.py")
ARTICLE = "**主持人：** 你怎么看安全？\n\n**Sam Altman：** 安全和对齐很重要。\n"


def start(monkeypatch, folder: Path) -> AppTest:
    monkeypatch.setenv("TRANSCRIPTS_CORPUS", str(folder))
    app = AppTest.from_file(APP, default_timeout=120)
    app.run()
    assert not app.exception
    return app


def test_a_removed_file_disappears_with_a_message(tmp_path, monkeypatch):
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(ARTICLE.replace("安全", "能源"), encoding="utf-8")
    app = start(monkeypatch, tmp_path)
    assert len(app.sidebar.multiselect[0].options) == 2
    (tmp_path / "two.txt").unlink()
    app.run()
    assert [o.split(" · ")[0] for o in app.sidebar.multiselect[0].options] == ["one"]
    messages = [element.value for element in app.info]
    assert any("two.txt" in m and "removed" in m or "删除" in m for m in messages)


def test_a_changed_file_is_reflected_at_the_next_interaction(tmp_path, monkeypatch):
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    app = start(monkeypatch, tmp_path)
    words_before = words(app)
    (tmp_path / "one.txt").write_text(ARTICLE + "\n**主持人：** 能源和芯片呢？\n", encoding="utf-8")
    app.run()
    assert words(app) == words_before + 2  # 能源, 芯片


def words(app: AppTest) -> int:
    """The overview's count of words (its metric labelled 词数)."""
    (metric,) = [m for m in app.metric if m.label.startswith("词数")]
    return int(metric.value.replace(",", ""))


def start_with_config(monkeypatch, tmp_path, env: str, name: str, text: str):
    """The app on a one-article corpus, with a config file the test breaks later."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").write_text(ARTICLE, encoding="utf-8")
    config = tmp_path / name
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv(env, str(config))
    return start(monkeypatch, corpus), config


def test_a_broken_theme_file_gives_a_message_and_keeps_the_last_themes(tmp_path, monkeypatch):
    app, themes = start_with_config(
        monkeypatch,
        tmp_path,
        "TRANSCRIPTS_THEMES",
        "themes.toml",
        '[[theme]]\nname = "安全"\nkeywords = ["安全"]\n',
    )
    assert app.sidebar.multiselect[3].options == ["安全"]
    themes.write_text('[[theme]]\nname = "安全"\nkeywords = ["安全"\n', encoding="utf-8")
    app.run()
    assert not app.exception
    assert "themes.toml: line" in plain(app.error[0].value)
    assert str(tmp_path) not in plain(app.error[0].value)  # visitors never see server paths
    assert app.sidebar.multiselect[3].options == ["安全"]


def test_a_broken_speakers_file_gives_a_message_and_the_defaults(tmp_path, monkeypatch):
    app, speakers = start_with_config(
        monkeypatch,
        tmp_path,
        "TRANSCRIPTS_SPEAKERS",
        "speakers.toml",
        '[[person]]\nname = "Sam Altman"\nrole = "guest"\n',
    )
    speakers.write_text('[[person]]\nname = "Sam Altman\nrole = "guest"\n', encoding="utf-8")
    app.run()
    assert not app.exception
    messages = [plain(element.value) for element in [*app.warning, *app.error, *app.info]]
    assert any("speakers.toml" in m and "line 2" in m for m in messages), messages
    assert not any(str(tmp_path) in m for m in messages)
    # The defaults still read the article: the host and Sam Altman, with their roles.
    assert app.sidebar.multiselect[1].options == ["Sam Altman", "主持人"]


def test_a_server_theme_file_broken_from_the_start_gives_the_shipped_themes(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").write_text(ARTICLE, encoding="utf-8")
    deep = tmp_path / "themes.toml"
    deep.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    monkeypatch.setenv("TRANSCRIPTS_THEMES", str(deep))
    app = start(monkeypatch, corpus)
    assert app.error, "the visitor is told the server's theme file is broken"
    assert str(tmp_path) not in plain(app.error[0].value)
    assert "安全与对齐" in app.sidebar.multiselect[3].options  # the shipped themes


def test_a_missing_corpus_folder_is_named_without_its_path(tmp_path, monkeypatch):
    app = start(monkeypatch, tmp_path / "nowhere" / "articles")
    messages = [plain(m.value) for m in [*app.error, *app.info, *app.warning]]
    assert any("articles" in m and "此文件夹不存在" in m for m in messages), messages
    assert not any(str(tmp_path) in m for m in messages)
