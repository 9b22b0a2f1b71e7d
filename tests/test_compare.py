"""Comparing two selections and following terms over dates, on the store of small
transcripts whose counts are stated by hand and on the seeds (checked against the files)."""

from datetime import date

import pandas as pd
import pytest

from analysis import schema as s
from analysis.config import load_themes
from analysis.measures import compare as c
from analysis.store.build import build_store
from analysis.store.selection import Selection
from analysis.store.store import Store

SEPTEMBER = Selection(date_from=date(2024, 9, 1), date_to=date(2024, 9, 30))
DECEMBER = Selection(date_from=date(2024, 12, 1), date_to=date(2024, 12, 31))

# Two short interviews: the guest talks about 能源 in September, about 芯片 in December.
# Words are separated by "，" so jieba keeps each one whole.
ARTICLES = {
    "sep.md": "# 九月\n发布时间: 2024-09-10 10:00\n\n"
    "**主持人：** 能源，芯片\n\n**Sam Altman：** 能源，能源，能源，电网\n",
    "dec.md": "# 十二月\n发布时间: 2024-12-10 10:00\n\n"
    "**主持人：** 芯片\n\n**Sam Altman：** 芯片，芯片，能源，电网\n",
}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    target = tmp_path_factory.mktemp("small-store")
    build_store(folder, target, load_themes())
    store = Store.open(target)
    yield store
    store.close()


@pytest.fixture
def seeds(seeds_store):
    return seeds_store


def test_the_small_store_holds_the_words_as_written(small):
    counted = small.term_counts().set_index(s.TERM)[s.COUNT].to_dict()
    assert counted == {"能源": 5, "芯片": 4, "电网": 2}


def test_december_against_september_counted_by_hand(small):
    table = c.compare(small, DECEMBER, SEPTEMBER, min_count=1).set_index(s.TERM)
    # December: 芯片 3, 能源 1, 电网 1 (5 words); September: 能源 4, 芯片 1, 电网 1 (6 words).
    assert table.loc["芯片", [s.COUNT_A, s.COUNT_B]].tolist() == [3, 1]
    assert table.loc["能源", [s.COUNT_A, s.COUNT_B]].tolist() == [1, 4]
    assert table.loc["芯片", s.G2] > 0 > table.loc["能源", s.G2]
    # log2((3/5) / (1/6)) = log2(3.6)
    assert table.loc["芯片", s.LOG_RATIO] == pytest.approx(1.847997, abs=1e-6)


def test_the_rest_of_the_corpus_is_every_turn_a_leaves_out(small):
    guest_in_december = Selection(speakers=("Sam Altman",), date_from=date(2024, 12, 1))
    table = c.compare(small, guest_in_december, None, min_count=1).set_index(s.TERM)
    # The rest: both host turns and the guest's September turn (能源 4, 芯片 2, 电网 1).
    assert table.loc["芯片", [s.COUNT_A, s.COUNT_B]].tolist() == [2, 2]
    assert table.loc["能源", [s.COUNT_A, s.COUNT_B]].tolist() == [1, 4]
    assert table.loc["电网", [s.COUNT_A, s.COUNT_B]].tolist() == [1, 1]


@pytest.mark.parametrize(
    ("a", "b", "problem"),
    [
        (DECEMBER, SEPTEMBER, None),
        (Selection(date_from=date(2025, 1, 1)), SEPTEMBER, c.A_EMPTY),
        (DECEMBER, Selection(speakers=("nobody",)), c.B_EMPTY),
        (DECEMBER, DECEMBER, c.SAME),
        (DECEMBER, Selection(), c.A_IN_B),
        (Selection(), SEPTEMBER, c.B_IN_A),
        (Selection(), None, c.B_EMPTY),  # A is everything: no rest
    ],
)
def test_what_can_be_wrong_with_a_comparison(small, a, b, problem):
    assert c.overlap(small, a, b).problem() == problem


def test_december_against_september_on_the_seeds(seeds):
    altman = ("Sam Altman",)
    december = Selection(speakers=altman, date_from=date(2024, 12, 1), date_to=date(2024, 12, 31))
    september = Selection(speakers=altman, date_from=date(2024, 9, 1), date_to=date(2024, 9, 30))
    table = c.compare(seeds, december, september).set_index(s.TERM)
    # 圣路易斯 (St. Louis, his home town) is in the 2024-09-15 interview only (grep: 22 lines
    # of 003_…, none in the December files 001_… and 002_…).
    assert table.loc["圣路易斯", s.COUNT_A] == 0
    assert table.loc["圣路易斯", s.COUNT_B] > 0 > table.loc["圣路易斯", s.G2]
    # 答案 (answer): 7 lines of 001_… and 3 of 002_… in December, none in 003_… and one, in
    # the editor's introduction, of 000_….
    assert table.loc["答案", s.COUNT_B] == 0 < table.loc["答案", s.COUNT_A]
    assert table.index[0] == "答案"  # his most telling December word
    assert (table[s.COUNT_A] + table[s.COUNT_B] >= c.MIN_COUNT).all()
    assert (table[s.P_ADJUSTED] >= table[s.P_VALUE]).all()


def test_a_against_the_rest_adds_up_to_the_corpus_on_the_seeds(seeds):
    december = Selection(date_from=date(2024, 12, 1))
    table = c.compare(seeds, december, None, min_count=1).set_index(s.TERM)
    corpus = seeds.term_counts().set_index(s.TERM)[s.COUNT]
    together = table[s.COUNT_A] + table[s.COUNT_B]
    assert together.sort_index().to_dict() == corpus.sort_index().to_dict()
    assert table.loc["圣路易斯", s.COUNT_A] == 0


def test_trends_per_month_give_rates_per_10k_words_with_zeros(small):
    trends = c.term_trends(small, Selection(), ["芯片", "能源", "未见"], by=c.BY_MONTH)
    rows = trends.set_index([trends[s.PERIOD].dt.strftime("%Y-%m"), s.TERM])
    assert rows.loc[("2024-09", "能源"), [s.COUNT, s.WORDS]].tolist() == [4, 6]
    assert rows.loc[("2024-09", "能源"), s.RATE] == pytest.approx(4 / 6 * 10_000)
    assert rows.loc[("2024-12", "芯片"), s.COUNT] == 3
    assert rows.loc[("2024-12", "未见"), s.COUNT] == 0  # a word never used: a line at zero
    assert list(trends.columns) == s.TERM_TRENDS.names


def test_trends_per_article_and_top_terms_by_default(small):
    trends = c.term_trends(small, Selection(speakers=("Sam Altman",)), by=c.BY_ARTICLE, top=1)
    # The guest's most frequent word is 能源: 3 of his 4 words in September, 1 of 4 in December.
    assert trends[[s.ARTICLE_ID, s.TERM, s.COUNT, s.WORDS]].values.tolist() == [
        ["sep", "能源", 3, 4],
        ["dec", "能源", 1, 4],
    ]
    assert trends[s.RATE].tolist() == [7500.0, 2500.0]


def test_trends_refuse_an_unknown_period(small):
    with pytest.raises(ValueError, match="month or article"):
        c.term_trends(small, Selection(), ["芯片"], by="week")


@pytest.mark.parametrize(
    ("a", "b"),
    [(DECEMBER, SEPTEMBER), (DECEMBER, None), (DECEMBER, DECEMBER)],
    ids=["september", "rest", "same"],
)
def test_comparison_is_overlap_and_compare_in_one(small, a, b):
    sizes, table = c.comparison(small, a, b, min_count=1)
    assert sizes == c.overlap(small, a, b)
    if sizes.problem() is None:
        assert table.equals(c.compare(small, a, b, min_count=1))
    else:
        assert table.empty and list(table.columns) == s.COMPARISON.names


def test_terms_by_use_lists_used_terms_most_used_first():
    trends = pd.DataFrame(
        {s.TERM: ["模型", "芯片", "模型", "芯片", "能源"], s.COUNT: [1, 2, 3, 0, 0]}
    )
    # 模型 4 uses, 芯片 2, 能源 none (drawn nowhere, so not listed).
    assert c.terms_by_use(trends) == ["模型", "芯片"]


# ---------------------------------------------------------------- Comparisons (issue 22)


@pytest.mark.parametrize(
    ("sel", "field", "alone"),
    [
        # Sam Altman is the guest: the default B's role, host, leaves nothing of him.
        (Selection(speakers=("Sam Altman",), roles=("host",)), "roles", False),
        # No article was published in 2030, whoever speaks.
        (Selection(speakers=("Sam Altman",), date_from=date(2030, 1, 1)), c.DATES, True),
        # Kevin Weil speaks only in December (002), not in September.
        (Selection(speakers=("Kevin Weil",), date_to=date(2024, 9, 30)), c.DATES, False),
    ],
)
def test_why_empty_names_the_filter_that_emptied_a_selection(seeds, sel, field, alone):
    emptied = c.why_empty(seeds, sel)
    assert (emptied.field, emptied.alone) == (field, alone)
    assert emptied.rest == c.without(sel, field)
    assert seeds.word_count(emptied.rest) > 0


def test_why_empty_is_none_for_a_selection_with_speech(seeds):
    assert c.why_empty(seeds, Selection(speakers=("Sam Altman",), roles=("guest",))) is None


def test_the_term_grid_counts_the_top_terms_per_article_and_speaker(seeds):
    from analysis.store.queries import ask

    grid = ask(seeds, "term_grid", Selection(), terms=5, groups=4)
    # The four largest article × speaker groups by kept words, each with the same five terms.
    tokens = seeds.tokens()
    sizes = tokens.groupby([s.ARTICLE_ID, s.SPEAKER]).size().nlargest(4)
    assert set(grid.groupby([s.ARTICLE_ID, s.SPEAKER]).size().index) == set(sizes.index)
    top = tokens[s.TOKEN].value_counts()
    top = top[top >= top.iloc[4]].index
    assert set(grid[s.TERM]) <= set(top) and grid[s.TERM].nunique() == 5
    for (article, speaker), cells in grid.groupby([s.ARTICLE_ID, s.SPEAKER]):
        mine = tokens[(tokens[s.ARTICLE_ID] == article) & (tokens[s.SPEAKER] == speaker)]
        counted = mine[s.TOKEN].value_counts()
        for term, count, words in zip(cells[s.TERM], cells[s.COUNT], cells[s.WORDS], strict=True):
            assert count == counted.get(term, 0) and words == len(mine)


def test_the_drawn_comparison_keeps_what_the_page_draws_of_the_whole_table(seeds):
    """Guest against the rest on the seeds: a few hundred scored terms, of which the page
    draws the first rows, each side's strongest bars and the most used terms."""
    guest = Selection(roles=("guest",))
    whole = c.compare(seeds, guest, None)
    sizes, drawn, scored = c.drawn_comparison(seeds, guest, None, rows=10, bars=5, most_used=20)
    assert scored == len(whole) > 100
    assert sizes == c.overlap(seeds, guest, None)
    # Rows of the whole table, unchanged and in its order (strongest for A first).
    pd.testing.assert_frame_equal(drawn, whole.loc[drawn.index])
    assert drawn.index.is_monotonic_increasing
    kept = set(drawn[s.TERM])
    assert set(whole[s.TERM].head(10)) <= kept
    assert set(whole[whole[s.G2] < 0].nsmallest(5, s.G2)[s.TERM]) <= kept
    used = whole[s.COUNT_A] + whole[s.COUNT_B]
    assert set(whole.loc[used.nlargest(20).index, s.TERM]) <= kept
    assert len(drawn) <= 10 + 5 + 20 < len(whole)
