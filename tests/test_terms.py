"""Term frequencies (the store's `term_counts`) and TF-IDF on small token tables with answers
worked out by hand."""

import math

import pytest

from analysis import schema as s
from analysis.measures.terms import distinctive_terms
from tests.conftest import make_store, make_tokens


def test_counts_and_rates_per_speaker():
    tokens = make_tokens({"A": ["模型", "模型", "推理", "安全"], "B": ["模型"]})
    counted = make_store(tokens=tokens).term_counts(by=(s.ARTICLE_ID, s.SPEAKER))
    terms = counted.set_index([s.SPEAKER, s.TERM])
    assert terms.loc[("A", "模型"), s.COUNT] == 2
    assert terms.loc[("A", "模型"), s.RATE] == pytest.approx(2 / 4 * 10_000)
    assert terms.loc[("B", "模型"), s.RATE] == pytest.approx(10_000)
    assert list(counted.columns) == s.TERMS.names


def test_top_terms_of_a_selection():
    tokens = make_tokens({"A": ["模型", "模型", "推理"]})
    top = make_store(tokens=tokens).term_counts(top=1)
    assert top[[s.TERM, s.COUNT]].values.tolist() == [["模型", 2]]


def test_tfidf_favours_terms_only_one_article_uses():
    tokens = make_tokens({"A": ["模型", "金融"], "B": ["模型", "教育"]})
    tokens[s.ARTICLE_ID] = tokens[s.SPEAKER]
    table = distinctive_terms(tokens).set_index([s.ARTICLE_ID, s.TERM])[s.TFIDF]
    # tf = 1/2; idf(金融) = ln(3/2) + 1; idf(模型) = ln(3/3) + 1 = 1
    assert table[("A", "金融")] == pytest.approx(0.5 * (math.log(3 / 2) + 1))
    assert table[("A", "模型")] == pytest.approx(0.5)
