"""The disk cache serves the same tables, and never a stale entry."""

from pandas.testing import assert_frame_equal

from analysis import schema as s
from analysis.config import load_themes
from analysis.store.cache import load_analysis

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


def test_uploads_layer_over_the_shared_corpus_without_changing_it(tmp_path):
    from analysis.ingest.reader import speakers_or_defaults
    from analysis.pipeline import Analysis
    from analysis.store.cache import layer, load_base, load_theme_hits

    speakers, _ = speakers_or_defaults(None)
    themes = load_themes()

    def analysed(sources):
        base = load_base(sources, speakers, cache_dir=tmp_path / "cache")
        return Analysis(base.corpus, base.tokens, themes, load_theme_hits(base, themes, None))

    shared = analysed([("a.txt", GOOD.encode())])
    before = shared.corpus.turns.copy()
    upload = analysed([("a.txt", GOOD.replace("模型", "能源").encode())])
    both = layer(shared, upload)
    assert list(both.corpus.articles[s.ARTICLE_ID]) == ["a", "a-2"]  # the upload is renamed
    assert set(both.tokens[s.ARTICLE_ID]) == {"a", "a-2"}
    assert "能源" in set(both.tokens.loc[both.tokens[s.ARTICLE_ID] == "a-2", s.TOKEN])
    assert both.tokens[s.SPEAKER].dtype == "category"
    assert set(both.theme_hits[s.ARTICLE_ID]) >= {"a-2"}
    assert_frame_equal(shared.corpus.turns, before)  # the shared tables are untouched


def test_the_cache_keeps_the_most_recent_entries_under_its_size_cap(tmp_path):
    import os

    from analysis.store.cache import prune

    cache = tmp_path / "cache"
    for age, name in enumerate(["old", "middle", "new"]):
        entry = cache / name
        (entry / "themes-x").mkdir(parents=True)
        (entry / "tokens.parquet").write_bytes(b"x" * 1000)
        for number in range(12):
            (entry / f"themes-{number}").mkdir()
            os.utime(entry / f"themes-{number}", (age * 100 + number,) * 2)
        os.utime(entry, (1_000_000 + age,) * 2)
    prune(cache, max_bytes=2500, max_theme_sets=8)
    assert sorted(p.name for p in cache.iterdir()) == ["middle", "new"]
    assert len(list((cache / "new").glob("themes-*"))) == 8
