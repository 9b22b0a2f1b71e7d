"""The disk cache serves the same tables, and never a stale entry."""

from pandas.testing import assert_frame_equal

from analysis import schema as s
from analysis.cache import load_analysis
from analysis.config import load_themes

GOOD = "**主持人：** 你好？\n\n**Sam Altman：** 模型会更安全。\n"


def test_a_second_load_gives_the_same_tables(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD, encoding="utf-8")
    themes = load_themes()
    first = load_analysis(corpus, themes, cache_dir=tmp_path / "cache")
    second = load_analysis(corpus, themes, cache_dir=tmp_path / "cache")
    assert_frame_equal(first.corpus.turns, second.corpus.turns, check_dtype=False)
    assert list(first.tokens[s.TOKEN]) == list(second.tokens[s.TOKEN])
    assert_frame_equal(first.theme_hits, second.theme_hits, check_dtype=False)


def test_a_changed_file_is_read_again(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD, encoding="utf-8")
    themes = load_themes()
    load_analysis(corpus, themes, cache_dir=tmp_path / "cache")
    (corpus / "a.txt").write_text(GOOD.replace("模型", "能源"), encoding="utf-8")
    again = load_analysis(corpus, themes, cache_dir=tmp_path / "cache")
    assert "能源" in set(again.tokens[s.TOKEN])
    assert "基础设施与能源" in set(again.theme_hits[s.THEME])
