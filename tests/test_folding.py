"""`folding.nfkc` gives exactly `unicodedata.normalize("NFKC", …)`, whatever the text."""

import random
import unicodedata

import pytest

from analysis.text.folding import nfkc


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain ASCII",
        "我们在做AGI。",  # NFKC already
        "我们，在做？AGI！",  # only the common marks
        "等等……　然后（笑）：100％；",
        "ＡＧＩ，模型",  # a fullwidth letter beside a common mark: the full path
        "，\u0301",  # a combining mark after a replaced mark
        "e\u0301，ｅ\u0301",  # composition beside a replaced mark and a fullwidth letter
        "ﬁ，㍿，①",  # ligature, square, circled: other compatibility forms
        "\u1100\u1161，",  # conjoining jamo compose into a syllable
    ],
)
def test_nfkc_matches_unicodedata(text):
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_nfkc_matches_unicodedata_on_random_mixtures():
    # The replaced marks beside characters that compose, decompose or reorder.
    pieces = list("，？！：；（）…％　中文aAｅＡ.,") + [
        "\u0301",
        "\u0323",
        "\u1100",
        "\u1161",
        "ﬁ",
        "Å",
    ]
    generator = random.Random(21)
    for _ in range(5000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 12)))
        assert nfkc(text) == unicodedata.normalize("NFKC", text), repr(text)
