"""The store answers every query exactly as the pandas functions do, built locally or on Dask."""

import shutil
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis import schema as s
from analysis.cli import write_tables
from analysis.config import Theme, load_themes
from analysis.ingest.reader import read_corpus
from analysis.store import store as store_module
from analysis.store.build import CURRENT, build_store, read_json, read_tables
from analysis.store.export import EXPORTED, all_tables
from analysis.store.selection import Selection
from analysis.store.store import Store, StoreError
from analysis.text.kwic import MAX_HITS, kwic_lines
from analysis.text.themes import theme_hits
from analysis.text.tokens import segment_turns
from tests.conftest import make_store, make_turns
from tests.oracle import (
    article_dynamics,
    count_terms,
    filter_by_turns,
    filter_turns,
    reference_of,
    section_counts,
    speaker_stats,
    theme_counts,
    theme_flow,
    theme_trends,
    top_terms,
)

ROOT = Path(__file__).resolve().parent.parent
INJECTION = "'; DROP TABLE turns; --"

SELECTIONS = {
    "everything": Selection(),
    "one article": Selection(articles=("002_44e89f23e9374fe1",)),
    "speaker and theme": Selection(speakers=("Sam Altman",), themes=("智能体",)),
    "dates": Selection(date_from=date(2024, 9, 16), date_to=date(2024, 12, 18)),
    "role and section": Selection(roles=("host",), sections=("高中生活", "7、快速问答")),
    "nothing": Selection(articles=("000_88405d23da071c51",), speakers=("Kevin Weil",)),
    "injection": Selection(speakers=(INJECTION, "Sam Altman"), themes=(INJECTION,)),
}


@pytest.fixture(scope="module")
def reference():
    """The seeds in pandas, to check the store's SQL against (tests/oracle.py)."""
    return reference_of("seeds")


@pytest.fixture
def store(seeds_store):
    return seeds_store


def chosen(analysis, selection: Selection):
    """What a page gets today: the filtered turns, their tokens and theme hits."""
    turns = filter_turns(
        analysis.corpus.turns,
        articles=selection.articles,
        speakers=selection.speakers,
        roles=selection.roles,
        sections=selection.sections,
        themes=selection.themes,
        theme_hits=analysis.theme_hits,
        date_range=(selection.date_from, selection.date_to),
        articles_table=analysis.corpus.articles,
    )
    return (
        turns,
        filter_by_turns(analysis.tokens, turns),
        filter_by_turns(analysis.theme_hits, turns),
    )


def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows sorted by every column, categories as text, datetimes in one unit."""
    frame = frame.copy()
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.CategoricalDtype):
            frame[column] = frame[column].astype(object)
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].astype("datetime64[us]")
    if len(frame.columns):
        frame = frame.sort_values(list(frame.columns), na_position="last")
    return frame.reset_index(drop=True)


def rounded(frame: pd.DataFrame) -> pd.DataFrame:
    floats = frame.select_dtypes("float").columns
    return frame.assign(**{c: frame[c].map(lambda v: float(f"{v:.12g}")) for c in floats})


def assert_same(got: pd.DataFrame, expected: pd.DataFrame, ordered: bool = False) -> None:
    """Same columns, rows and numbers (exactly: the store computes them the same way)."""
    assert list(got.columns) == list(expected.columns)
    if len(got) and len(expected):
        for column in got.columns:
            kinds = got[column].dtype.kind, expected[column].dtype.kind
            if set(kinds) & set("iuf"):
                assert kinds[0] == kinds[1], (
                    f"{column}: {got[column].dtype} vs {expected[column].dtype}"
                )
    if ordered:
        got, expected = got.reset_index(drop=True), expected.reset_index(drop=True)
        got, expected = (
            canonical(got.assign(_i=range(len(got)))),
            canonical(expected.assign(_i=range(len(expected)))),
        )
    else:
        got, expected = canonical(got), canonical(expected)
    # Integers and text exactly; floats to 12 digits: a sum of fractions may differ in its
    # last bit (DuckDB's fsum is correctly rounded, pandas' grouped sum is not always).
    pd.testing.assert_frame_equal(got, expected, check_dtype=False, check_exact=False, rtol=1e-12)


names = pytest.mark.parametrize("name", list(SELECTIONS))


@names
def test_turns_are_the_filtered_turns_in_corpus_order(store, reference, name):
    turns, _, _ = chosen(reference, SELECTIONS[name])
    assert_same(store.turns(SELECTIONS[name]), turns, ordered=True)
    limited = store.turns(SELECTIONS[name], columns=(s.ARTICLE_ID, s.TURN), limit=3)
    assert_same(limited, turns[[s.ARTICLE_ID, s.TURN]].head(3), ordered=True)


@names
def test_tokens_and_theme_hits_are_those_of_the_selected_turns(store, reference, name):
    _, tokens, hits = chosen(reference, SELECTIONS[name])
    assert_same(store.tokens(SELECTIONS[name]), tokens, ordered=True)
    assert_same(store.theme_hits(SELECTIONS[name]), hits)


@names
@pytest.mark.parametrize("by", [(), (s.ARTICLE_ID, s.SPEAKER), (s.SPEAKER,), (s.ROLE, s.SECTION)])
def test_term_counts_equal_count_terms(store, reference, name, by):
    _, tokens, _ = chosen(reference, SELECTIONS[name])
    expected = count_terms(tokens, by=by)
    if tokens.empty:  # count_terms's empty frame has the default columns whatever `by`
        expected = pd.DataFrame(columns=[*by, s.TERM, s.COUNT, s.RATE])
    got = store.term_counts(SELECTIONS[name], by=by)
    assert_same(got, expected)
    # Groups in order, most frequent first, as count_terms sorts them.
    assert got[s.COUNT].tolist() == expected[s.COUNT].tolist()


@names
def test_top_terms_equal_top_terms(store, reference, name):
    _, tokens, _ = chosen(reference, SELECTIONS[name])
    expected = top_terms(tokens, n=50)
    got = store.term_counts(SELECTIONS[name], top=50)
    assert got[s.COUNT].tolist() == expected[s.COUNT].tolist()
    assert got[s.RATE].tolist() == expected[s.RATE].tolist()
    if len(got):  # equal counts may come in another order: below the last count, the same terms
        last = got[s.COUNT].min()
        assert set(got[got[s.COUNT] > last][s.TERM]) == set(
            expected[expected[s.COUNT] > last][s.TERM]
        )


def test_term_counts_top_and_min_count_work_per_group(store, reference):
    everything = count_terms(reference.tokens, by=(s.SPEAKER,))
    got = store.term_counts(by=(s.SPEAKER,), top=3, min_count=2)
    assert got.groupby(s.SPEAKER).size().max() <= 3
    assert got[s.COUNT].min() >= 2
    merged = got.merge(everything, on=[s.SPEAKER, s.TERM], suffixes=("", "_all"))
    assert len(merged) == len(got)
    assert (merged[s.RATE] == merged[f"{s.RATE}_all"]).all()  # rates count every word


@names
@pytest.mark.parametrize("by", [(s.ARTICLE_ID, s.SPEAKER), (s.ARTICLE_ID,), (s.SPEAKER,), ()])
def test_theme_counts_equal_theme_counts(store, reference, name, by):
    turns, _, hits = chosen(reference, SELECTIONS[name])
    expected = theme_counts(hits, turns, by=by)
    if hits.empty:
        expected = pd.DataFrame(columns=[*by, s.THEME, s.TURNS_COUNT, s.HITS])
    assert_same(store.theme_counts(SELECTIONS[name], by=by), expected)


@names
def test_speaker_stats_equal_speaker_stats_in_the_same_order(store, reference, name):
    turns, _, _ = chosen(reference, SELECTIONS[name])
    assert_same(store.speaker_stats(SELECTIONS[name]), speaker_stats(turns), ordered=True)


@names
def test_a_page_of_speaker_stats_its_row_count_and_timed_articles_equal_the_pandas_ones(
    store, reference, name
):
    turns, _, _ = chosen(reference, SELECTIONS[name])
    whole = speaker_stats(turns)
    assert_same(store.speaker_stats(SELECTIONS[name], limit=7), whole.head(7), ordered=True)
    assert store.speaker_rows(SELECTIONS[name]) == len(whole)
    timed = store.timed_articles(SELECTIONS[name], limit=2)
    expected = list(whole.loc[whole[s.MINUTES_SOURCE] != s.ESTIMATED, s.ARTICLE_ID].unique())
    assert list(timed[s.ARTICLE_ID]) == expected[:2]
    assert set(timed["n"]) <= {len(expected)}


@names
def test_theme_trends_flow_sections_and_dynamics_equal_the_pandas_ones(store, reference, name):
    selection = SELECTIONS[name]
    turns, _, hits = chosen(reference, selection)
    assert_same(store.theme_trends(selection), theme_trends(hits, turns, reference.corpus.articles))
    assert_same(store.theme_flow(selection), theme_flow(hits, turns))
    assert_same(store.section_counts(selection), section_counts(turns))
    assert_same(store.article_dynamics(selection), article_dynamics(turns))


@names
def test_articles_are_those_with_selected_turns(store, reference, name):
    selection = SELECTIONS[name]
    turns, _, _ = chosen(reference, selection)
    articles = reference.corpus.articles
    if not selection.is_empty_filter():
        articles = articles[articles[s.ARTICLE_ID].isin(turns[s.ARTICLE_ID])]
    assert_same(store.articles(selection), articles, ordered=True)
    editorial = reference.corpus.editorial
    editorial = editorial[editorial[s.ARTICLE_ID].isin(articles[s.ARTICLE_ID])]
    assert_same(store.editorial(selection), editorial, ordered=True)


@names
@pytest.mark.parametrize(
    "pattern, regex",
    [
        ("AGI", False),
        ("agi", False),
        ("ＡＧＩ", False),  # width-folded like the text
        ("模型", False),  # no case, no space: a substring test in SQL
        ("？", False),
        ("人工 智能", False),
        ("Sam Altman", False),
        (r"o\d|GPT-?\d", True),
        (r"\bAI\b", True),  # a word boundary: no SQL prefilter
        (r"^主持", True),
        (r"[？?]$", True),
        (".", True),  # more than MAX_HITS hits
        (INJECTION, False),
    ],
)
def test_kwic_equals_kwic_lines(store, reference, name, pattern, regex):
    turns, _, _ = chosen(reference, SELECTIONS[name])
    got = store.kwic(SELECTIONS[name], pattern, regex=regex, width=12)
    assert_same(got, kwic_lines(turns, pattern, regex=regex, width=12), ordered=True)


def test_kwic_in_small_pieces_stops_at_the_same_line(store, reference, monkeypatch):
    monkeypatch.setattr(store_module, "KWIC_CHUNK", 7)
    got = store.kwic(Selection(), "。", width=5)
    expected = kwic_lines(reference.corpus.turns, "。", width=5)
    assert_same(got, expected, ordered=True)
    assert len(store.kwic(Selection(), ".", regex=True)) == MAX_HITS


@pytest.mark.parametrize(
    "pattern, regex", [("", False), ("x" * 201, False), ("(a", True), ("a*", True)]
)
def test_kwic_refuses_bad_patterns_in_words(store, pattern, regex):
    with pytest.raises(ValueError):
        store.kwic(Selection(), pattern, regex=regex)


def test_grouping_by_an_unknown_column_is_refused(store):
    with pytest.raises(ValueError, match="cannot group by"):
        store.term_counts(by=("speaker; DROP TABLE turns",))
    with pytest.raises(ValueError, match="no column"):
        store.turns(columns=("text", "1; DROP TABLE turns"))


def test_injection_values_leave_the_store_intact(store):
    before = store.summary()
    assert store.turns(Selection(articles=(INJECTION,))).empty
    assert store.term_counts(Selection(speakers=(INJECTION,))).empty
    assert store.kwic(Selection(sections=(INJECTION,)), "AGI").empty
    assert store.summary() == before


def test_options_and_summary_describe_the_corpus(store, reference):
    options = store.options()
    turns = reference.corpus.turns
    assert options["articles"] == reference.corpus.articles[s.ARTICLE_ID].tolist()
    assert options["speakers"] == sorted(set(turns[s.SPEAKER]))
    assert options["themes"] == [theme.name for theme in load_themes()]
    assert options["sections"] == sorted({x for x in turns[s.SECTION] if x})
    summary = store.summary(Selection(articles=("002_44e89f23e9374fe1",)))
    in_article = turns[turns[s.ARTICLE_ID] == "002_44e89f23e9374fe1"]
    assert (summary.articles, summary.turns) == (1, len(in_article))
    assert summary.chars == in_article[s.CHARS].sum()
    assert summary.speakers == in_article[s.SPEAKER].nunique()
    assert store.summary(SELECTIONS["nothing"]).turns == 0


def test_counts_and_membership_agree_with_the_lists(store, reference):
    """A link is checked and a widget sized by queries that never list the values: they
    agree with the lists (and the lists with pandas) on every field."""
    turns = reference.corpus.turns
    fresh = store.with_themes(store.themes)  # nothing listed yet
    for field, values in store.options().items():
        assert fresh.option_count(field) == len(values)
        probe = [*values[:3], *values[-2:], "gone", INJECTION, ""]
        assert fresh.known(field, probe) == set(probe) & set(values)
    assert fresh.option_count("sections") == turns.loc[turns[s.SECTION] != "", s.SECTION].nunique()
    assert fresh.known("speakers", []) == set()


def test_validate_against_the_store(store):
    selection = Selection(articles=("002_44e89f23e9374fe1", "gone"), themes=("智能体", "旧主题"))
    valid, dropped = selection.validate(store)
    assert valid == Selection(articles=("002_44e89f23e9374fe1",), themes=("智能体",))
    assert dropped == ["article=gone", "theme=旧主题"]


def test_queries_from_many_threads_at_once_agree(store):
    expected = store.speaker_stats(SELECTIONS["one article"])
    results, errors = [], []

    def ask():
        try:
            for _ in range(5):
                results.append(store.speaker_stats(SELECTIONS["one article"]))
                store.kwic(Selection(), "AGI")
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(results) == 40
    for result in results:
        pd.testing.assert_frame_equal(result, expected)


def test_with_themes_finds_other_themes_over_the_same_turns(store, reference):
    themes = [Theme("芯片", keywords=("芯片", "GPU")), Theme("教育", keywords=("学校", "学生"))]
    other = store.with_themes(themes)
    assert other.options()["themes"] == ["芯片", "教育"]
    assert_same(other.theme_hits(), theme_hits(reference.corpus.turns, themes))
    selection = Selection(themes=("教育",))
    turns = filter_turns(
        reference.corpus.turns,
        themes=("教育",),
        theme_hits=theme_hits(reference.corpus.turns, themes),
    )
    assert_same(other.turns(selection), turns, ordered=True)
    # The original store still has its own themes.
    assert_same(store.theme_hits(), reference.theme_hits)


def test_every_exported_table_matches_its_pandas_definition(store, reference, tmp_path):
    """What `export --all` writes from the store, against tests/oracle.py's definitions.

    The tables the store counts in SQL are checked against the pandas statement of each; the
    others (TF-IDF, phrases, co-occurrence, topics, speaker summaries) are computed from the
    store's rows by the same functions either way. Before the pandas path left the code, this
    test compared both paths on the seeds, and a one-off run did so at 1,000 articles (every
    table equal); see the closing note of the store issue.
    """
    corpus, tokens, hits = reference.corpus, reference.tokens, reference.theme_hits
    turns = corpus.turns
    expected = {
        s.ARTICLES.name: corpus.articles,
        s.TURNS.name: turns,
        s.EDITORIAL.name: corpus.editorial,
        s.PROBLEMS.name: corpus.problems,
        s.TERMS.name: count_terms(tokens)[s.TERMS.names],
        s.THEME_HITS.name: hits,
        s.THEME_COUNTS.name: theme_counts(hits, turns)[s.THEME_COUNTS.names],
        s.THEME_FLOW.name: theme_flow(hits, turns),
        s.THEME_TRENDS.name: theme_trends(hits, turns, corpus.articles),
        s.SECTIONS.name: section_counts(turns),
        s.SPEAKER_STATS.name: speaker_stats(turns),
        s.ARTICLE_DYNAMICS.name: article_dynamics(turns),
    }
    tables = all_tables(store)
    assert set(expected) | {t.name for t in EXPORTED} <= set(tables)
    for name, frame in expected.items():
        assert_same(tables[name], frame)
    # The CSV files written from both, rows in one order, are byte for byte the same
    # (floats to 12 significant digits, as above).
    write_tables({n: rounded(canonical(f)) for n, f in expected.items()}, tmp_path / "pandas")
    write_tables({n: rounded(canonical(tables[n])) for n in expected}, tmp_path / "store")
    for path in sorted((tmp_path / "pandas").iterdir()):
        assert path.read_bytes() == (tmp_path / "store" / path.name).read_bytes(), path.name


# ---------------------------------------------------------------- the build


def base_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """The stored tables of a build, read straight from its Parquet files."""
    current = read_json(folder / CURRENT)
    build = folder / current["build"]
    tables = {}
    for name, path in (
        ("articles", build / "articles.parquet"),
        ("problems", build / "problems.parquet"),
        ("turns", build / "turns"),
        ("editorial", build / "editorial"),
        ("tokens", build / "tokens"),
        ("theme_hits", build / f"themes-{current['themes']}"),
    ):
        tables[name] = pq.read_table(path).to_pandas() if path.is_file() else _parts(path)
    return tables


def _parts(folder: Path) -> pd.DataFrame:
    return pd.concat(
        [pq.read_table(p).to_pandas() for p in sorted(folder.glob("part-*.parquet"))],
        ignore_index=True,
    )


def assert_builds_equal(a: Path, b: Path) -> None:
    tables_a, tables_b = base_tables(a), base_tables(b)
    for name in tables_a:
        assert_same(tables_a[name], tables_b[name])


@pytest.fixture(scope="module")
def mixed_corpus(tmp_path_factory):
    """The seeds, the test articles, and files whose ids collide or that cannot be read."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in [
        *sorted((ROOT / "seeds").iterdir()),
        *sorted((ROOT / "tests" / "articles").iterdir()),
    ]:
        shutil.copy(path, folder / path.name)
    # x.md cannot be read, so x.txt is "x" in read_corpus: the build names files before
    # it knows which can be read, and must end with the same ids.
    (folder / "x.md").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (folder / "x.txt").write_text("**主持人：** 问？\n\n**Sam Altman：** 答。\n", encoding="utf-8")
    (folder / "x.markdown").write_text("**主持人：** 第二？\n\n**嘉宾：** 好。\n", encoding="utf-8")
    (folder / "a b.txt").write_text(
        "# 标题\n\n**主持人：** 一？\n\n**Sam：** 二。\n", encoding="utf-8"
    )
    (folder / "a_b.txt").write_text("**主持人：** 三？\n\n**Sam：** 四。\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("batch_files", [None, 1, 3])
def test_the_build_holds_exactly_what_read_corpus_gives(mixed_corpus, tmp_path, batch_files):
    themes = load_themes()
    build_store(mixed_corpus, tmp_path, themes, batch_files=batch_files)
    corpus = read_corpus(mixed_corpus)
    stored = base_tables(tmp_path)
    assert_same(stored["articles"][s.ARTICLES.names], corpus.articles)
    assert_same(stored["turns"][s.TURNS.names], corpus.turns)
    assert_same(stored["editorial"][s.EDITORIAL.names], corpus.editorial)
    assert_same(stored["problems"], corpus.problems, ordered=True)
    assert_same(stored["tokens"], segment_turns(corpus.turns))
    assert_same(stored["theme_hits"], theme_hits(corpus.turns, themes))
    assert {"x", "x-2"} <= set(corpus.articles[s.ARTICLE_ID])


def test_a_second_build_of_unchanged_files_reuses_the_first(tmp_path):
    first = build_store("seeds", tmp_path, load_themes())
    written = {path: path.stat().st_mtime_ns for path in tmp_path.rglob("*") if path.is_file()}
    second = build_store("seeds", tmp_path, load_themes())
    assert (second.reused, second.key) == (True, first.key)
    assert not first.reused
    # Reused, not rebuilt: no table file is written again, none is added.
    parquet = {path: when for path, when in written.items() if path.suffix == ".parquet"}
    assert parquet
    now = {path: path.stat().st_mtime_ns for path in tmp_path.rglob("*.parquet")}
    assert now == parquet


def test_a_changed_file_makes_a_new_build_and_other_themes_reuse_the_base(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    store = tmp_path / "store"
    first = build_store(corpus, store, load_themes())
    themes = [Theme("芯片", keywords=("芯片", "GPU"))]
    second = build_store(corpus, store, themes)
    assert (second.reused, second.key) == (True, first.key)
    opened = Store.open(store)
    assert opened.options()["themes"] == ["芯片"]
    turns = read_corpus(corpus).turns
    assert_same(opened.theme_hits(), theme_hits(turns, themes))
    opened.close()
    path = corpus / "000_88405d23da071c51.txt"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n**主持人：** 再问一句？\n", encoding="utf-8"
    )
    third = build_store(corpus, store, themes)
    assert not third.reused and third.key != first.key
    assert Store.open(store).summary().turns == len(read_corpus(corpus).turns)


# Three million distinct words: about 200 MB of hash table, three times the limit below.
DISTINCT_WORDS = (
    "SELECT COUNT(*) AS n FROM (SELECT DISTINCT 'w' || i::VARCHAR FROM range(3000000) t(i))"
)


def test_a_served_store_works_within_its_memory_limit_and_spills_beyond_it(tmp_path, monkeypatch):
    from dashboard.data import stores

    build_store("seeds", tmp_path / "store", load_themes())
    # The dashboard opens a store within 1 GB, not DuckDB's 80% of the machine; a command
    # (an export) keeps DuckDB's default.
    _, served = stores._opened_store(str(tmp_path / "store"), "test")
    setting = "SELECT current_setting('memory_limit') AS m, current_setting('temp_directory') AS t"
    limit, folder = served.query(setting).iloc[0]
    assert limit == "953.6 MiB" and Path(folder).is_dir()  # 1GB, and a spill folder
    own = Store.open(tmp_path / "store")
    assert own.query(setting)["m"].iat[0] != limit
    monkeypatch.setenv("TRANSCRIPTS_DUCKDB_MEMORY", "64MB")
    small = Store.open(tmp_path / "store", memory_limit=store_module.served_memory_limit())
    assert Path(small.query(setting)["t"].iat[0]) != Path(folder)  # a spill folder each
    # Beyond the limit the query spills to its folder and answers, where DuckDB without a
    # spill folder refuses it.
    assert small.query(DISTINCT_WORDS)["n"].iat[0] == 3_000_000
    bare = duckdb.connect(":memory:", config={"memory_limit": "64MB", "temp_directory": ""})
    with pytest.raises(duckdb.OutOfMemoryException):
        bare.execute(DISTINCT_WORDS)
    # The store's own answers are the same as without the limit.
    assert_same(small.speaker_stats(), own.speaker_stats())
    small.close()
    own.close()


def test_opening_something_that_is_not_a_store_says_so(tmp_path):
    with pytest.raises(StoreError, match="not a store"):
        Store.open(tmp_path)


def test_an_empty_corpus_builds_an_empty_store(tmp_path):
    (tmp_path / "corpus").mkdir()
    result = build_store(tmp_path / "corpus", tmp_path / "store", load_themes())
    assert result.articles == 0
    store = Store.open(tmp_path / "store")
    assert store.turns().empty and list(store.turns().columns) == s.TURNS.names
    assert store.speaker_stats().empty
    assert list(store.speaker_stats().columns) == s.SPEAKER_STATS.names
    assert store.problems()[s.MESSAGE].tolist() == [
        "this folder has no files the reader takes (.txt, .md, .markdown, .docx, .vtt and .srt)"
    ]


def test_the_dask_build_equals_the_local_build(mixed_corpus, tmp_path):
    from dask.distributed import Client, LocalCluster

    build_store(mixed_corpus, tmp_path / "local", load_themes())
    with (
        LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        result = build_store(
            mixed_corpus, tmp_path / "dask", load_themes(), client=client, batch_files=4
        )
    assert result.files == len(list(mixed_corpus.iterdir()))
    manifest = read_json(result.folder / "manifest.json")
    assert manifest["engine"] == "dask" and manifest["parts"] > 1
    assert_builds_equal(tmp_path / "local", tmp_path / "dask")


def test_build_command_builds_then_reuses(tmp_path):
    command = [sys.executable, "-m", "analysis", "build", "seeds", "--store", str(tmp_path)]
    first = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert first.returncode == 0, first.stderr
    assert "(built): 5 articles of 5 files, 262 turns" in first.stdout
    second = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert second.returncode == 0 and "unchanged, reused" in second.stdout


def test_the_build_command_runs_on_a_dask_scheduler(tmp_path):
    from dask.distributed import LocalCluster

    with LocalCluster(
        n_workers=1, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        command = [sys.executable, "-m", "analysis", "build", "seeds", "--store", str(tmp_path)]
        result = subprocess.run(
            [*command, "--dask", cluster.scheduler_address],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
    assert result.returncode == 0, result.stderr
    assert "(built): 5 articles" in result.stdout
    build = tmp_path / read_json(tmp_path / CURRENT)["build"]
    assert read_json(build / "manifest.json")["engine"] == "dask"


STAMPED = """# 带时间的访谈

**主持人（00:00:10）：** 第一个问题？

**Sam Altman（00:01:10）：** 回答一。

**主持人（00:02:00）：** 第二个问题？真的？

**Sam Altman（00:02:30）：** 回答二，比较长的一段话。
"""


def test_minutes_from_time_stamps_are_the_same_from_the_store(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "stamped.txt").write_text(STAMPED, encoding="utf-8")
    shutil.copy(ROOT / "seeds" / "000_88405d23da071c51.txt", corpus)
    turns = read_corpus(corpus).turns
    assert turns[s.DURATION_SECONDS].notna().sum() == 3  # the last stamped turn has none
    build_store(corpus, tmp_path / "store", load_themes())
    store = Store.open(tmp_path / "store")
    got = store.speaker_stats()
    assert_same(got, speaker_stats(turns), ordered=True)
    sources = dict(
        zip(got[s.SPEAKER] + "@" + got[s.ARTICLE_ID], got[s.MINUTES_SOURCE], strict=True)
    )
    assert sources["主持人@stamped"] == s.MEASURED
    assert sources["Sam Altman@stamped"] == s.MIXED
    assert sources["Sam Altman@000_88405d23da071c51"] == s.ESTIMATED
    assert_same(store.turns(), turns, ordered=True)
    # The minutes note names the articles with time stamps without asking every row.
    timed = store.timed_articles(limit=5)
    assert list(timed[s.ARTICLE_ID]) == ["stamped"] and list(timed["n"]) == [1]
    assert store.timed_articles(Selection(articles=("000_88405d23da071c51",))).empty
    store.close()


def test_uploads_layer_over_the_shared_store_and_go_when_closed(store):
    seed = (ROOT / "seeds" / "002_44e89f23e9374fe1.txt").read_bytes()
    files = [
        ("002_44e89f23e9374fe1.txt", seed),
        ("new.txt", "**主持人：** 问芯片？\n\n**Sam Altman：** 答GPU。\n".encode()),
    ]
    before = store.summary()
    layered = store.with_uploads(read_tables(files, load_themes()))
    # The same as reading the seeds and the uploads as one corpus: a clashing id gets `-2`.
    seeds = [(p.name, p.read_bytes()) for p in sorted((ROOT / "seeds").iterdir())]
    both = reference_of(seeds + files)
    assert layered.options()["articles"] == both.corpus.articles[s.ARTICLE_ID].tolist()
    assert layered.options()["articles"][-2:] == ["002_44e89f23e9374fe1-2", "new"]
    assert_same(layered.articles(), both.corpus.articles, ordered=True)
    assert_same(layered.turns(), both.corpus.turns, ordered=True)
    assert_same(layered.speaker_stats(), speaker_stats(both.corpus.turns), ordered=True)
    assert_same(layered.term_counts(by=(s.SPEAKER,)), count_terms(both.tokens, by=(s.SPEAKER,)))
    assert_same(layered.theme_counts(), theme_counts(both.theme_hits, both.corpus.turns))
    new = Selection(articles=("new",))
    assert layered.kwic(new, "GPU")[s.SPEAKER].tolist() == ["Sam Altman"]
    assert_same(
        layered.theme_hits(Selection(themes=("基础设施与能源",), articles=("new",))),
        filter_by_turns(both.theme_hits, both.corpus.turns.query("article_id == 'new'")),
    )
    # The shared store is untouched, during and after.
    assert store.summary() == before
    assert store.turns(new).empty
    layered.close()
    assert store.summary() == before
    with pytest.raises(Exception, match="uploads_"):
        layered.turns()


# ---- queries the dashboard asks, each against the pandas it replaces


@names
@pytest.mark.parametrize("by", [(s.ARTICLE_ID,), (s.ARTICLE_ID, s.SPEAKER, s.ROLE), ()])
def test_turn_totals_equal_a_groupby_of_the_turns(store, reference, name, by):
    from analysis.measures.talk import count_questions

    turns, tokens, _ = chosen(reference, SELECTIONS[name])
    turns = turns.assign(questions=turns[s.TEXT].map(count_questions).astype("int64"))
    if by:
        expected = (
            turns.groupby(list(by), observed=True, sort=False)
            .agg(turns=(s.TURN, "size"), chars=(s.CHARS, "sum"), questions=("questions", "sum"))
            .reset_index()
        )
    else:
        expected = pd.DataFrame(
            {
                "turns": [len(turns)],
                "chars": [int(turns[s.CHARS].sum())],
                "questions": [int(turns["questions"].sum())],
            }
        )
    assert_same(
        store.turn_totals(SELECTIONS[name], by=by),
        expected.astype({"turns": "int64"}),
        ordered=True,
    )
    assert store.word_count(SELECTIONS[name]) == len(tokens)


@names
def test_recent_articles_and_longest_turns_equal_the_pandas_ones(store, reference, name):
    turns, _, _ = chosen(reference, SELECTIONS[name])
    articles = reference.corpus.articles
    present = articles[articles[s.ARTICLE_ID].isin(turns[s.ARTICLE_ID].unique())]
    newest = present.sort_values([s.PUBLISHED, s.ARTICLE_ID], ascending=False, na_position="last")[
        s.ARTICLE_ID
    ]
    assert store.recent_articles(SELECTIONS[name]) == newest.tolist()
    assert store.recent_articles(SELECTIONS[name], limit=2) == newest.head(2).tolist()
    expected = turns.nlargest(10, s.CHARS)
    assert_same(store.longest_turns(SELECTIONS[name], 10), expected, ordered=True)


@names
def test_article_months_and_monthly_trends_equal_the_pandas_ones(store, reference, name):
    turns, _, hits = chosen(reference, SELECTIONS[name])
    articles = reference.corpus.articles
    present = articles[articles[s.ARTICLE_ID].isin(turns[s.ARTICLE_ID].unique())]
    present = present.dropna(subset=[s.PUBLISHED])
    if present.empty:
        assert store.article_months(SELECTIONS[name]).empty
        assert store.theme_trends_monthly(SELECTIONS[name]).empty
        return
    months = (
        present.assign(
            account=present[s.ACCOUNT].fillna(""),
            month=present[s.PUBLISHED].dt.to_period("M").dt.to_timestamp(),
        )
        .groupby(["account", "month"])
        .agg(articles=(s.ARTICLE_ID, "size"), speech_chars=(s.SPEECH_CHARS, "sum"))
        .reset_index()[["account", "month", "articles", "speech_chars"]]
    )
    assert_same(store.article_months(SELECTIONS[name]), months)
    month_of = present.set_index(s.ARTICLE_ID)[s.PUBLISHED].dt.to_period("M").dt.to_timestamp()
    dated = turns[turns[s.ARTICLE_ID].isin(month_of.index)]
    dated = dated.assign(month=dated[s.ARTICLE_ID].map(month_of))
    totals = dated.groupby("month").size().rename("n")
    touched = hits.merge(dated[[s.ARTICLE_ID, s.TURN, "month"]], on=[s.ARTICLE_ID, s.TURN])
    expected = (
        touched.groupby(["month", s.THEME])
        .agg(turns=(s.TURN, "size"), articles=(s.ARTICLE_ID, "nunique"))
        .reset_index()
        .join(totals, on="month")
    )
    expected["share"] = expected["turns"] / expected["n"]
    expected = expected[["month", s.THEME, "turns", "share", "articles"]]
    assert_same(
        store.theme_trends_monthly(SELECTIONS[name]),
        expected.astype({"turns": "int64", "articles": "int64"}),
    )


def test_has_turn_knows_the_corpus_turns(store, reference):
    turns = reference.corpus.turns
    first = turns.iloc[0]
    assert store.has_turn(first[s.ARTICLE_ID], int(first[s.TURN]))
    assert not store.has_turn(first[s.ARTICLE_ID], 9999)
    assert not store.has_turn(INJECTION, 1)


@pytest.mark.parametrize("accounts", [0, 1, 2, 100])
def test_article_months_keep_the_busiest_accounts_and_sum_the_others(store, reference, accounts):
    articles = reference.corpus.articles.dropna(subset=[s.PUBLISHED])
    articles = articles.assign(
        account=articles[s.ACCOUNT].fillna(""),
        month=articles[s.PUBLISHED].dt.to_period("M").dt.to_timestamp(),
    )
    busiest = (
        articles.groupby("account")
        .size()
        .reset_index(name="n")
        .sort_values(["n", "account"], ascending=[False, True])["account"]
        .head(accounts)
    )
    named = articles["account"].where(articles["account"].isin(busiest))
    expected = (
        articles.assign(account=named)
        .groupby(["account", "month"], dropna=False)
        .agg(articles=(s.ARTICLE_ID, "size"), speech_chars=(s.SPEECH_CHARS, "sum"))
        .reset_index()[["account", "month", "articles", "speech_chars"]]
    )
    got = store.article_months(accounts=accounts)
    assert got["account"].dropna().nunique() == min(accounts, articles["account"].nunique())
    assert got["articles"].sum() == len(articles)  # every dated article counted once
    others = {"account": "<others>"}  # missing either way: None or NaN by the column's type
    assert_same(
        got.astype({"account": object}).fillna(others),
        expected.astype({"account": object}).fillna(others),
    )


GENERIC = ("主持人", "现场提问者")


def pandas_theme_counts_by_person(reference, sel: Selection) -> pd.DataFrame:
    """The oracle: theme counts per article and speaker summed per person in pandas, a role
    word one person per article (as `dashboard.charts.reshape.theme_counts_by_person`)."""
    turns, _, hits = chosen(reference, sel)
    rows = hits.merge(turns[[s.ARTICLE_ID, s.TURN, s.SPEAKER]], on=[s.ARTICLE_ID, s.TURN])
    own = rows[s.ARTICLE_ID].where(rows[s.SPEAKER].isin(GENERIC))
    rows = rows.assign(own=own.fillna("\0"))
    people = (
        rows.groupby([s.SPEAKER, "own"])
        .agg(article_id=(s.ARTICLE_ID, "min"), total=(s.TURN, "size"))
        .reset_index()
        .sort_values(["total", s.ARTICLE_ID, s.SPEAKER], ascending=[False, True, True])
    )
    people["rank"] = range(1, len(people) + 1)
    counted = (
        rows.groupby([s.SPEAKER, "own", s.THEME])
        .size()
        .rename("turns")
        .reset_index()
        .merge(people, on=[s.SPEAKER, "own"])
        .sort_values(["rank", s.THEME])
    )
    return counted.assign(people=len(people))


@names
@pytest.mark.parametrize("top", [None, 1, 3])
def test_theme_counts_by_person_equal_the_pandas_sums(store, reference, name, top):
    expected = pandas_theme_counts_by_person(reference, SELECTIONS[name])
    if top is not None:
        expected = expected[expected["rank"] <= top]
    got = store.theme_counts_by_person(SELECTIONS[name], generic=GENERIC, top=top)
    columns = [s.SPEAKER, s.ARTICLE_ID, s.THEME, "turns", "people"]
    assert_same(got, expected[columns].astype({"turns": "int64", "people": "int64"}), ordered=True)


@names
def test_people_count_tells_a_role_word_apart_per_article(store, reference, name):
    turns, _, _ = chosen(reference, SELECTIONS[name])
    own = turns[s.ARTICLE_ID].where(turns[s.SPEAKER].isin(GENERIC)).fillna("\0")
    expected = len(set(zip(turns[s.SPEAKER], own, strict=True)))
    assert store.people_count(SELECTIONS[name], generic=GENERIC) == expected
    assert store.people_count(SELECTIONS[name]) == turns[s.SPEAKER].nunique()


@pytest.mark.parametrize("column", [s.SPEAKER, s.SECTION])
@pytest.mark.parametrize("search", ["", "sam", "  SAM ", "的", "%", "no such value"])
def test_filter_choices_are_the_busiest_values_containing_the_search(
    store, reference, column, search
):
    turns = reference.corpus.turns
    turns = turns[turns[column].astype(str) != ""]
    counts = turns.groupby(column).size().reset_index(name="n")
    needle = " ".join(search.split()).casefold()
    # DuckDB's lower() and Python's casefold() agree on these values (Han and ASCII).
    counts = counts[counts[column].str.lower().str.contains(needle, regex=False)]
    expected = counts.sort_values(["n", column], ascending=[False, True])[column].tolist()
    assert store.filter_choices(column, search, limit=3) == expected[:3]
    assert store.filter_choices(column, search, limit=1000) == expected


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("strasse", "Weiß Straße"),
        ("STRASSE", "Weiß Straße"),
        ("Straße", "Weiß Straße"),
        ("weiss", "Weiß Straße"),
        ("οδυσσεας", "ΟΔΥΣΣΕΑΣ"),  # a final sigma typed in lower case
        ("ΟΔΥΣΣΕΑΣ", "ΟΔΥΣΣΕΑΣ"),
    ],
)
def test_filter_choices_fold_the_search_and_the_values_alike(search, found):
    turns = make_turns([(name, s.GUEST, "话") for name in ("Weiß Straße", "ΟΔΥΣΣΕΑΣ", "Sam")])
    store = make_store(turns)
    assert store.filter_choices(s.SPEAKER, search) == [found]
    assert store.filter_choices(s.SPEAKER, "sam") == ["Sam"]


def test_filter_choices_refuse_other_columns(store):
    with pytest.raises(ValueError, match="speaker or section"):
        store.filter_choices("text; DROP TABLE turns")
