"""A session's vocabulary: the file format and its bad input, segmentation with it, and a
store that counts with it (only the turns holding a changed word are segmented again)."""

from __future__ import annotations

import re
import threading

import jieba
import pandas as pd
import pytest

from analysis import schema as s
from analysis.config import (
    MAX_VOCABULARY_WORDS,
    ConfigError,
    Vocabulary,
    dump_vocabulary,
    parse_vocabulary,
    userdict_term,
)
from analysis.store.selection import Selection
from analysis.text.tokens import TokenSettings, segment_turns
from tests.conftest import make_turns
from tests.hostile import ADVERSARIAL_LINES
from tests.test_linear_patterns import LINEAR_LIMIT, worst_growth

# ---------------------------------------------------------------- the file

GOOD = """# my words
[add words]
图灵测试
GPT-4o
萨姆·奥特曼

[remove words]
人工智能

[add stopwords]
想法
sam  altman

[remove stopwords]
我们
"""


def test_a_vocabulary_file_reads_and_writes_back_the_same():
    vocabulary = parse_vocabulary(GOOD)
    assert vocabulary == Vocabulary(
        add_words=("图灵测试", "GPT-4o", "萨姆·奥特曼"),
        remove_words=("人工智能",),
        add_stopwords=("想法", "sam altman"),
        remove_stopwords=("我们",),
    )
    assert parse_vocabulary(dump_vocabulary(vocabulary)) == vocabulary
    assert re.fullmatch(r"[0-9a-f]{8}", vocabulary.version())
    assert Vocabulary().version() == ""


def test_the_version_ignores_order_case_width_and_repeats():
    one = parse_vocabulary("[add words]\nGPT-4o\n图灵测试\n")
    other = parse_vocabulary("[add words]\n图灵测试\nｇｐｔ-4O\n图灵测试\n")
    assert one.version() == other.version()
    assert one.version() != parse_vocabulary("[add stopwords]\n图灵测试\nGPT-4o\n").version()


TEN_THOUSAND = "[add words]\n" + "\n".join(f"词语{n}" for n in range(10_000))


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("[add words]\n图灵 测试\n", 2, "has a space"),
        ("[add words]\n算力\nC++\n", 3, "has a symbol"),
        ("[add words]\n<script>\n", 2, "has a symbol"),
        ("[add stopwords]\n然后\n\u200b\u200b\n", 3, "an empty word"),
        ("[add words]\n" + "长" * 31 + "\n", 2, "31 characters"),
        ("[add words]\n力\n", 2, "one character"),
        (TEN_THOUSAND, 2 + MAX_VOCABULARY_WORDS, f"more than {MAX_VOCABULARY_WORDS} words"),
        ('[[theme]]\nname = "AI"\n', 1, "is not a section"),
        ("图灵测试\n", 1, "before any section"),
        ("[add words]\n算力\n[remove words]\n算力\n", 4, "also in [add words] (line 2)"),
        ("[add words]\n" + "x" * 200_000, 1, "at most 128 KB"),
    ],
)
def test_bad_vocabulary_text_is_refused_naming_its_line(text, line, says):
    with pytest.raises(ConfigError) as refused:
        parse_vocabulary(text, "mine.txt")
    message = str(refused.value)
    assert message.startswith(f"mine.txt: line {line}: "), message
    assert says in message


def test_a_file_that_is_not_text_is_refused_naming_its_line():
    from analysis.config import VocabularyError, decode_vocabulary

    with pytest.raises(VocabularyError) as refused:
        decode_vocabulary("[add words]\n算力\n".encode() + b"\xff\xfe\x00", "v.txt")
    assert str(refused.value) == "v.txt: line 3: not UTF-8 text"
    assert (refused.value.line, refused.value.reason) == (3, "not_utf8")
    assert decode_vocabulary("\ufeff[add words]\n算力\n".encode()).add_words == ("算力",)


def test_a_user_dictionary_line_keeps_its_term_without_freq_and_tag():
    assert userdict_term("Sam Altman") == "Sam Altman"
    assert userdict_term("Sam Altman 100") == "Sam Altman"
    assert userdict_term("图灵测试 5 n") == "图灵测试"
    assert userdict_term("GPT 4") == "GPT"  # jieba's format: a trailing number is a frequency
    assert userdict_term("x 12 a-b") == "x 12 a-b"  # a tag is one word


def test_a_user_dictionary_line_is_cut_in_linear_time():
    # The old `re.split(r"\s+\d+(?:\s+\w+)?$", line)` retried at every space of a run.
    lines = {
        "spaces then a letter": lambda n: "词" + " " * n + "x",
        "spaces and digits": lambda n: "词" + " 1" * (n // 2) + " x",
        **ADVERSARIAL_LINES,
    }
    for family, make in lines.items():
        ratio = worst_growth(userdict_term, make)
        assert ratio < LINEAR_LIMIT, f"{family}: grows {ratio:.1f}x"


def test_parsing_a_vocabulary_is_linear_in_its_length():
    def words(n: int) -> str:
        return (
            "[add stopwords]\n"
            + "\n".join(f"词{k}" for k in range(min(n // 8, 400)))
            + ("\n#" + " " * n)
        )

    assert worst_growth(lambda text: parse_vocabulary(text), words) < LINEAR_LIMIT


# ---------------------------------------------------------------- segmentation

TURNS = make_turns(
    [
        ("主持人", "host", "图灵测试是什么？我们今天聊聊图灵测试。"),
        ("Sam Altman", "guest", "图灵测试是一个想法，然后我们谈到人工智能。"),
        ("主持人", "host", "谢谢你的分享。"),
    ]
)


def words(tokens: pd.DataFrame, turn: int | None = None) -> list[str]:
    if turn is not None:
        tokens = tokens[tokens[s.TURN] == turn]
    return tokens[s.TOKEN].tolist()


@pytest.mark.parametrize("engine", ["jieba", "rjieba"])
def test_an_added_word_becomes_a_token_and_a_removed_one_is_split(engine):
    base = segment_turns(TURNS, TokenSettings(segmenter=engine))
    # jieba's dictionary splits 图灵测试; 人工智能 is one of its words; 我们 a stopword.
    assert words(base).count("图灵") == 3 and "图灵测试" not in words(base)
    assert "人工智能" in words(base) and "我们" not in words(base)
    vocabulary = Vocabulary(
        add_words=("图灵测试",), remove_words=("人工智能",), remove_stopwords=("我们",)
    )
    tuned = segment_turns(TURNS, TokenSettings(segmenter=engine, vocabulary=vocabulary))
    assert words(tuned).count("图灵测试") == 3 and "图灵" not in words(tuned)
    assert "人工智能" not in words(tuned) and {"人工", "智能"} <= set(words(tuned))
    assert words(tuned).count("我们") == 2
    assert words(tuned, 3) == words(base, 3)  # a turn without a changed word: the same


def test_an_added_stopword_is_no_longer_counted():
    tuned = segment_turns(TURNS, TokenSettings(vocabulary=Vocabulary(add_stopwords=("想法",))))
    assert "想法" in words(segment_turns(TURNS)) and "想法" not in words(tuned)


def test_two_vocabularies_segment_at_once_without_touching_jieba():
    one = TokenSettings(vocabulary=Vocabulary(add_words=("图灵测试",)))
    two = TokenSettings(vocabulary=Vocabulary(remove_words=("人工智能",)))
    expected = {
        id(one): words(segment_turns(TURNS, one)),
        id(two): words(segment_turns(TURNS, two)),
    }
    wrong = []

    def segment(settings: TokenSettings) -> None:
        for _ in range(30):
            if words(segment_turns(TURNS, settings)) != expected[id(settings)]:
                wrong.append(settings)

    threads = [threading.Thread(target=segment, args=(x,)) for x in (one, two, one, two)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not wrong
    # jieba's global dictionary never learned the session's words.
    assert jieba.lcut("图灵测试") == ["图灵", "测试"]


# ---------------------------------------------------------------- the store

TRANSCRIPT = """# 图灵测试访谈

**主持人：** 图灵测试是什么？我们今天聊聊图灵测试。

**Sam Altman：** 图灵测试是一个想法，然后我们谈到人工智能。

**主持人：** 谢谢你的分享，人类的分享。
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from analysis.config import load_themes
    from analysis.store.build import build_store
    from analysis.store.store import Store

    folder = tmp_path_factory.mktemp("corpus")
    (folder / "001.md").write_text(TRANSCRIPT, encoding="utf-8")
    target = tmp_path_factory.mktemp("store")
    build_store(folder, target, load_themes())
    return Store.open(target)


def counts(store) -> dict[str, int]:
    table = store.term_counts(Selection())
    return dict(zip(table[s.TERM], table[s.COUNT], strict=True))


def test_a_store_with_a_vocabulary_counts_with_it(store):
    base = counts(store)
    assert base["图灵"] == 3 and base["分享"] == 2 and "我们" not in base
    tuned = store.with_vocabulary(
        Vocabulary(add_words=("图灵测试",), add_stopwords=("分享",), remove_stopwords=("我们",))
    )
    after = counts(tuned)
    assert after["图灵测试"] == 3 and "图灵" not in after and "测试" not in after
    assert after["我们"] == 2
    assert "分享" not in after  # filtered, the third turn not segmented again
    assert tuned.word_count() == store.word_count() - 6 + 3 - 2 + 2
    # Turn 3 has no changed word: only its stopword left, the rest as stored.
    kept = tuned.tokens(Selection(), columns=[s.TURN, s.POSITION, s.TOKEN])
    stored = store.tokens(Selection(), columns=[s.TURN, s.POSITION, s.TOKEN])
    assert (
        kept[kept[s.TURN] == 3]
        .reset_index(drop=True)
        .equals(stored[(stored[s.TURN] == 3) & (stored[s.TOKEN] != "分享")].reset_index(drop=True))
    )
    assert store.with_vocabulary(Vocabulary()) is store
    assert counts(store) == base  # the shared store is unchanged


def test_a_vocabulary_store_is_shared_and_keeps_edited_themes(store):
    from analysis.config import Theme

    vocabulary = Vocabulary(add_words=("图灵测试",))
    first, second = store.with_vocabulary(vocabulary), store.with_vocabulary(vocabulary)
    assert first.key == second.key
    themed = store.with_themes([Theme("对话", ("分享",))])
    tuned = themed.with_vocabulary(vocabulary)
    assert counts(tuned)["图灵测试"] == 3
    hits = tuned.theme_counts(Selection(), by=())
    assert hits[s.THEME].tolist() == ["对话"] and hits[s.HITS].tolist() == [2]


def test_a_vocabulary_over_uploads_counts_them_too_and_closing_frees_only_its_own(store):
    from analysis.config import load_themes
    from analysis.store.build import read_tables

    upload = "# 上传\n\n**主持人：** 图灵测试难吗？\n\n**嘉宾：** 图灵测试不难。\n".encode()
    uploaded = store.with_uploads(read_tables([("up.md", upload)], load_themes()))
    assert counts(uploaded)["图灵"] == 3 + 2
    tuned = uploaded.with_vocabulary(Vocabulary(add_words=("图灵测试",)), own=True)
    assert counts(tuned)["图灵测试"] == 3 + 2 and "图灵" not in counts(tuned)
    tuned.close()
    assert counts(uploaded)["图灵"] == 5  # the uploads and the shared store are untouched
    assert counts(store)["图灵"] == 3
    uploaded.close()


def test_a_vocabulary_changes_the_token_settings_fingerprint_and_none_keeps_it():
    plain = TokenSettings()
    tuned = TokenSettings(vocabulary=Vocabulary(add_words=("图灵测试",)))
    assert tuned.fingerprint() != plain.fingerprint()
    # No vocabulary: the repr stores were keyed by before the field existed.
    assert f"vocabulary={Vocabulary()!r}" in repr(plain)
    assert plain.fingerprint() == TokenSettings(vocabulary=Vocabulary()).fingerprint()


# ---------------------------------------------------------------- the bound and the size

# TRANSCRIPT's turns: 我们 is in the first two, 的 in the third, 图灵测试 in the first two.
TURN_CHARS = (19, 21, 13)  # 图灵测试是什么？我们今天聊聊图灵测试。 etc., counted by hand


def test_the_cost_of_a_vocabulary_is_the_turns_holding_its_changed_words(store):
    from analysis.store.store import VocabularyCost

    assert store.vocabulary_cost(Vocabulary(remove_stopwords=("我们",))) == VocabularyCost(2, 40)
    assert store.vocabulary_cost(Vocabulary(add_words=("图灵测试",), remove_stopwords=("的",))) == (
        VocabularyCost(3, sum(TURN_CHARS))
    )
    # An added stopword is only filtered: nothing is segmented again.
    assert store.vocabulary_cost(Vocabulary(add_stopwords=("分享",))) == VocabularyCost(0, 0)


def test_a_vocabulary_over_the_budget_is_refused_with_its_numbers_and_costliest_words(store):
    from analysis.config import VocabularyCostError

    vocabulary = Vocabulary(add_words=("图灵测试",), remove_stopwords=("我们", "的"))
    with pytest.raises(VocabularyCostError) as refused:
        store.with_vocabulary(vocabulary, max_chars=52)
    error = refused.value
    assert error.reason == "too_costly"
    assert error.values == {"turns": 3, "chars": 53, "most": 52, "words": "图灵测试, 我们, 的"}
    assert str(error) == (
        "this vocabulary would segment 3 turns again (53 characters of speech); a vocabulary "
        "may send at most 52 characters back to the segmenter. The changed words found in "
        "the most turns: 图灵测试, 我们, 的"
    )
    assert isinstance(error, ConfigError)
    # Nothing was made, and at the limit itself the vocabulary is taken.
    assert not store.query(
        "SELECT * FROM information_schema.schemata WHERE schema_name LIKE ?",
        [f"vocab_{vocabulary.key()}%"],
    ).shape[0]
    assert counts(store.with_vocabulary(vocabulary, max_chars=53))["图灵测试"] == 3


def test_the_budget_is_the_stated_limit():
    import inspect

    from analysis.config import MAX_RESEGMENTED_CHARS
    from analysis.store.store import Store

    assert MAX_RESEGMENTED_CHARS == 4_000_000
    default = inspect.signature(Store.with_vocabulary).parameters["max_chars"].default
    assert default == MAX_RESEGMENTED_CHARS


def test_a_vocabulary_store_holds_the_same_words_as_segmenting_with_it(store):
    """The compact tables (a turn's columns once, its words as turn index and position)
    give the tokens a fresh segmentation with the vocabulary gives, row for row."""
    vocabulary = Vocabulary(
        add_words=("图灵测试",), remove_words=("人工智能",), remove_stopwords=("我们", "的")
    )
    tuned = store.with_vocabulary(vocabulary)
    turns = store.turns(Selection())
    expected = segment_turns(turns, TokenSettings(vocabulary=vocabulary)).astype(
        {column: str for column in (s.ARTICLE_ID, s.SPEAKER, s.ROLE, s.SECTION)}
    )
    got = tuned.tokens(Selection())
    assert got.astype(expected.dtypes.to_dict()).reset_index(drop=True).equals(expected)
    assert "人工智能" not in set(got[s.TOKEN]) and {"我们", "的", "图灵测试"} <= set(got[s.TOKEN])


def long_transcript(pairs: int) -> bytes:
    turns = [
        f"**主持人：** 我们今天聊聊第{n}个话题，图灵测试和人工智能的未来怎么样？\n\n"
        f"**Sam Altman：** 我们认为OpenAI-{n}的模型会越来越好，这是一个很长的回答。\n"
        for n in range(pairs)
    ]
    return ("# 长访谈\n\n" + "\n".join(turns)).encode()


def test_held_bytes_is_what_the_vocabulary_tables_take_in_duckdb():
    from analysis.config import load_themes
    from analysis.store.store import Store

    corpus = Store.from_sources([("long.md", long_transcript(2_000))], load_themes())

    def in_memory_tables() -> int:
        return int(
            corpus.query(
                "SELECT memory_usage_bytes FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'"
            ).iat[0, 0]
        )

    before = in_memory_tables()
    tuned = corpus.with_vocabulary(Vocabulary(remove_stopwords=("我们", "的")), own=True)
    taken = in_memory_tables() - before
    assert corpus.held_bytes() == 0  # read from its own tables, holds nothing extra
    assert 0.6 < tuned.held_bytes() / taken < 1.4
    smaller = corpus.with_vocabulary(Vocabulary(add_words=("OpenAI-7",)), own=True)
    assert 0 < smaller.held_bytes() < tuned.held_bytes() / 3  # a few turns: the floor
    tuned.close()
    smaller.close()
    assert in_memory_tables() == before  # closing frees what held_bytes counted


def test_sessions_applying_one_vocabulary_at_once_all_get_it_right(store):
    vocabulary = Vocabulary(add_words=("图灵测试",), remove_stopwords=("我们",))
    results, errors = [], []

    def apply() -> None:
        try:
            results.append(counts(store.with_vocabulary(vocabulary)))
        except Exception as error:  # noqa: BLE001 - reported by the assert below
            errors.append(error)

    threads = [threading.Thread(target=apply) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert [(r["图灵测试"], r["我们"]) for r in results] == [(3, 2)] * 4
