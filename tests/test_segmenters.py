"""jieba-rs (rjieba) as the fast segmenter: it must agree with jieba, the reference."""

from difflib import SequenceMatcher
from pathlib import Path

import pytest

from analysis import schema as s
from analysis.ingest.reader import read_corpus
from analysis.text.tokens import TokenSettings, rjieba, segment_turns

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(rjieba is None, reason="rjieba is not installed")


def corpus_turns():
    seeds = read_corpus(ROOT / "seeds").turns
    others = read_corpus(ROOT / "tests" / "articles").turns
    return [("seeds", seeds), ("tests/articles", others)]


def agreement(reference: list[str], other: list[str]) -> tuple[int, list[tuple[str, str]]]:
    """Tokens of `reference` that `other` has at the same place, and the differing runs."""
    matcher = SequenceMatcher(a=reference, b=other, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    differences = [
        ("".join(reference[i1:i2]), "".join(other[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
    return same, differences


@pytest.mark.parametrize("name, turns", corpus_turns(), ids=["seeds", "test articles"])
def test_rjieba_agrees_with_jieba_on_at_least_999_of_1000_tokens(name, turns):
    kept_all = TokenSettings(drop_stopwords=False, drop_single_chars=False)
    reference = segment_turns(turns, TokenSettings(**{**kept_all.__dict__, "segmenter": "jieba"}))
    fast = segment_turns(turns, TokenSettings(**{**kept_all.__dict__, "segmenter": "rjieba"}))
    same, total, differences = 0, 0, []
    for key, ref_turn in reference.groupby([s.ARTICLE_ID, s.TURN], observed=True):
        fast_turn = fast[(fast[s.ARTICLE_ID] == key[0]) & (fast[s.TURN] == key[1])]
        agreed, differ = agreement(list(ref_turn[s.TOKEN]), list(fast_turn[s.TOKEN]))
        same += agreed
        total += len(ref_turn)
        differences += differ
    share = same / total
    print(f"{name}: {share:.4%} of {total} tokens agree; differences: {differences[:20]}")
    assert share >= 0.999, differences[:20]


def test_auto_uses_rjieba_when_installed():
    assert TokenSettings().engine() == "rjieba"
    assert TokenSettings(segmenter="jieba").engine() == "jieba"
