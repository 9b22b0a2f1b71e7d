"""Segmentation: domain terms stay whole, forms are unified, noise is dropped."""

import pytest

from analysis import schema as s
from analysis.config import load_userdict
from analysis.text.tokens import TokenSettings, segment_turns, segmenter_for
from tests.conftest import make_turns


@pytest.fixture(scope="module")
def words():
    return segmenter_for(load_userdict()).words


@pytest.mark.parametrize(
    "text, term",
    [
        ("我和Sam Altman聊天", "sam altman"),
        ("T-Mobile的客户", "t-mobile"),
        ("GPT-4这样的模型", "gpt-4"),
        ("萨姆·奥特曼说", "萨姆·奥特曼"),
        ("我们的智能体很强", "智能体"),
        ("通用人工智能来了", "通用人工智能"),
        ("Kevin Weil提问", "kevin weil"),
    ],
)
def test_mixed_script_and_domain_terms_stay_whole(words, text, term):
    assert term in words(text)


def test_latin_is_case_folded_and_full_width_unified(words):
    assert words("O1和o1").count("o1") == 2
    assert "agi" in words("ＡＧＩ的定义")


def test_tokens_are_shown_as_the_dictionary_spells_them():
    turns = make_turns([("Sam Altman", "guest", "openai、OPENAI 和 ＡＧＩ，还有 O1 与 Gemini")])
    tokens = list(segment_turns(turns)[s.TOKEN])
    assert tokens.count("OpenAI") == 2 and "AGI" in tokens and "o1" in tokens
    assert "gemini" in tokens  # not in the dictionary: folded


def test_a_short_term_does_not_match_inside_a_longer_word(words):
    assert "o1" not in words("pro1 模型")


def test_stopwords_numbers_punctuation_and_single_characters_are_dropped():
    turns = make_turns([("A", "guest", "我们认为，2024年的模型非常强大！")])
    kept = list(segment_turns(turns)[s.TOKEN])
    assert kept == ["模型", "强大"]


def test_switches_keep_what_is_dropped_by_default():
    turns = make_turns([("A", "guest", "我们认为模型很好")])
    settings = TokenSettings(drop_stopwords=False, drop_single_chars=False)
    assert list(segment_turns(turns, settings)[s.TOKEN]) == ["我们", "认为", "模型", "很", "好"]


def test_extra_stopwords_come_from_arguments():
    turns = make_turns([("A", "guest", "模型和算力都重要")])
    settings = TokenSettings(extra_stopwords=frozenset({"算力"}))
    assert "算力" not in list(segment_turns(turns, settings)[s.TOKEN])


def test_a_user_dictionary_file_keeps_new_terms_whole(tmp_path):
    userdict = tmp_path / "userdict.txt"
    userdict.write_text("# comment\n量子纠缠网络\nFoo Bar-9\n", encoding="utf-8")
    turns = make_turns([("A", "guest", "量子纠缠网络和foo bar-9都是新词")])
    tokens = list(segment_turns(turns, TokenSettings(userdict=userdict))[s.TOKEN])
    assert "量子纠缠网络" in tokens and "Foo Bar-9" in tokens  # whole, spelled as listed


def test_tokens_carry_their_turn_speaker_and_position():
    turns = make_turns(
        [("主持人", "host", "模型", "第一节"), ("Sam Altman", "guest", "我们的模型")]
    )
    tokens = segment_turns(turns)
    assert tokens[[s.TURN, s.SPEAKER, s.SECTION, s.POSITION]].values.tolist() == [
        [1, "主持人", "第一节", 0],
        [2, "Sam Altman", "", 2],
    ]


def test_seed_article_keeps_zhinengti_whole(seeds):
    # 002 (DevDay) says 智能体 many times; none may be split into 智能 + 体.
    turns = seeds.turns[seeds.turns[s.ARTICLE_ID] == "002_44e89f23e9374fe1"]
    tokens = segment_turns(turns)
    assert (tokens[s.TOKEN] == "智能体").sum() == turns[s.TEXT].str.count("智能体").sum() > 5


def test_parallel_segmentation_gives_the_same_tokens(seeds, monkeypatch):
    import analysis.text.tokens as tokens_module

    sequential = segment_turns(seeds.turns)
    monkeypatch.setattr(tokens_module, "PARALLEL_MIN_CHARS", 0)
    parallel = segment_turns(seeds.turns)
    assert parallel.equals(sequential)


# ---------------------------------------------------------------- protected terms, linear time


def python_re_spans(terms: list[str], text: str) -> list[tuple[int, int]]:
    """The protected-term scan as it was, on Python's re (backtracking): the oracle."""
    import re

    protected = sorted(terms, key=len, reverse=True)
    alternatives = [
        (r"(?<![a-z0-9])" if p[0].isascii() and p[0].isalnum() else "")
        + r"\s*".join(re.escape(part) for part in p.split())
        + (r"(?![a-z0-9])" if p[-1].isascii() and p[-1].isalnum() else "")
        for p in protected
    ]
    first = "".join(sorted({re.escape(p[0]) for p in protected}))
    pattern = re.compile(f"(?=[{first}])(?:{'|'.join(alternatives)})")
    return [match.span() for match in pattern.finditer(text)]


def test_protected_terms_hit_where_the_python_alternation_did():
    """Random small dictionaries and texts over the characters that matter (Latin edges, `_`,
    spaces between parts, marks, Han): the same hits as the old scan, in the same order."""
    import random

    from analysis.text.tokens import ProtectedTerms

    rng = random.Random(18)
    letters = "ab1-_.·é萨"
    spaces = [" ", "  ", "\t", "\n", "\u3000", ""]
    for _ in range(3000):
        terms = []
        for _ in range(rng.randint(1, 6)):
            parts = ["".join(rng.choices(letters, k=rng.randint(1, 4))) for _ in range(3)]
            terms.append(" ".join(parts[: rng.randint(1, 3)]))
        text = "".join(
            rng.choice(letters) if rng.random() < 0.8 else rng.choice(spaces)
            for _ in range(rng.randint(0, 40))
        )
        found = list(ProtectedTerms(terms).spans(text))
        assert found == python_re_spans(terms, text), (terms, text)


def test_longest_protected_term_wins_and_latin_edges_are_whole_words():
    from analysis.text.tokens import ProtectedTerms

    protected = ProtectedTerms(["gpt-4", "gpt-4o", "sam altman", "ab-c", "ab"])
    spans = lambda text: [text[a:b] for a, b in protected.spans(text)]  # noqa: E731
    assert spans("用gpt-4o和gpt-4") == ["gpt-4o", "gpt-4"]
    assert spans("gpt-4ox") == []  # neither ends on a word's edge
    assert spans("ab-cd") == ["ab"]  # ab-c would end inside cd; ab ends before -
    assert spans("_ab_") == ["ab"]  # `_` is not a Latin letter or digit
    assert spans("sam\n\n  altman") == ["sam\n\n  altman"]
    assert spans("xsam altman") == []


def hyphenated_vocabulary(count: int = 500) -> list[str]:
    """`count` 30-character hyphenated words sharing a 26-character prefix (a-a-…-a-q000),
    as the issue's attack had: every place in a hyphenated a-run starts them all."""
    return [f"{'a-' * 13}q{number:03d}" for number in range(count)]


def test_a_long_hyphenated_run_against_many_long_words_finds_exactly_the_words():
    from analysis.config import Vocabulary

    vocabulary = hyphenated_vocabulary()
    assert {len(word) for word in vocabulary} == {30}
    settings = TokenSettings(vocabulary=Vocabulary(add_words=tuple(vocabulary)))
    segmenter = segmenter_for(tuple(vocabulary), settings.engine())
    run = "a-" * 500_000  # 1 MB: the old scan took 6-7 s here, 72 s at 9.9 MB
    text = f"{run}q250 then {run}q2501 and z{'a-' * 13}q007 but {'a-' * 13}q499。"
    words = segmenter.words(text)
    # q250 closes the first run; q2501 runs on past the word's end, za- starts inside a word.
    assert words.count(vocabulary[250]) == 1
    assert words.count(vocabulary[499]) == 1
    assert not {vocabulary[7], "a-a-a-a-a-a-a-a-a-a-a-a-a-q2501"} & set(words)
    assert sum(word in set(vocabulary) for word in words) == 2


def test_every_one_of_many_long_words_is_kept_whole_in_one_text():
    vocabulary = [f"w{n:03d}-" + "-".join(["xy"] * 8) for n in range(500)]  # 29 characters
    segmenter = segmenter_for(tuple(vocabulary), "jieba")
    text = "，".join(f"说{word}了" for word in reversed(vocabulary))
    words = segmenter.words(text)
    assert [w for w in words if w.startswith("w")] == list(reversed(vocabulary))
