"""The co-occurrence network: communities and layout of small graphs whose answer is known."""

import pandas as pd
import pytest

from analysis import schema as s
from analysis.measures.network import network_nodes, word_network
from analysis.store.selection import Selection
from tests.conftest import make_tokens


def edges(*pairs: tuple[str, str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        [(a, b, 1, w) for a, b, w in pairs], columns=[s.TERM_A, s.TERM_B, s.TOGETHER, s.JACCARD]
    )


# Two triangles of strong ties (模型 推理 芯片 / 安全 对齐 风险) joined by one weak edge.
TWO_TRIANGLES = edges(
    ("推理", "模型", 0.9),
    ("模型", "芯片", 0.8),
    ("推理", "芯片", 0.7),
    ("安全", "对齐", 0.9),
    ("对齐", "风险", 0.8),
    ("安全", "风险", 0.7),
    ("芯片", "风险", 0.05),
)
COUNTS = {"模型": 50, "推理": 20, "芯片": 10, "安全": 30, "对齐": 8, "风险": 5}


def test_two_triangles_joined_by_a_weak_edge_are_two_communities():
    nodes = network_nodes(TWO_TRIANGLES, COUNTS).set_index(s.TERM)
    groups = nodes.groupby(s.COMMUNITY).groups
    assert sorted(sorted(members) for members in groups.values()) == [
        ["安全", "对齐", "风险"],
        ["推理", "模型", "芯片"],
    ]


def test_nodes_carry_count_and_degree():
    nodes = network_nodes(TWO_TRIANGLES, COUNTS).set_index(s.TERM)
    assert nodes[s.COUNT].to_dict() == COUNTS
    # Each triangle corner has two edges; 芯片 and 风险 have the bridge too.
    assert nodes[s.DEGREE].to_dict() == {
        "模型": 2, "推理": 2, "芯片": 3, "安全": 2, "对齐": 2, "风险": 3,
    }  # fmt: skip
    assert list(network_nodes(TWO_TRIANGLES, COUNTS).columns) == s.NETWORK.names


def test_communities_are_numbered_largest_first():
    bigger = pd.concat([TWO_TRIANGLES, edges(("安全", "监管", 0.6))], ignore_index=True)
    nodes = network_nodes(bigger, COUNTS).set_index(s.TERM)
    assert nodes.loc["监管", s.COMMUNITY] == 1  # the four-term community
    assert nodes.loc["模型", s.COMMUNITY] == 2


def test_the_layout_is_the_same_every_time_and_keeps_communities_apart():
    first = network_nodes(TWO_TRIANGLES, COUNTS)
    shuffled = network_nodes(TWO_TRIANGLES.iloc[::-1].reset_index(drop=True), COUNTS)
    pd.testing.assert_frame_equal(first, shuffled)
    nodes = first.set_index(s.TERM)

    def distance(a: str, b: str) -> float:
        dx = nodes.loc[a, s.NODE_X] - nodes.loc[b, s.NODE_X]
        dy = nodes.loc[a, s.NODE_Y] - nodes.loc[b, s.NODE_Y]
        return float((dx**2 + dy**2) ** 0.5)

    # Strongly tied terms are drawn closer than terms of the other community.
    assert distance("模型", "推理") < distance("模型", "对齐")
    assert distance("安全", "对齐") < distance("安全", "推理")


def test_a_separate_group_is_drawn_just_outside_the_main_one():
    from analysis.measures.network import RING

    apart = edges(
        ("推理", "模型", 0.9), ("模型", "芯片", 0.8), ("推理", "芯片", 0.7), ("安全", "对齐", 0.9)
    )
    nodes = network_nodes(apart, COUNTS).set_index(s.TERM)
    xy = nodes[[s.NODE_X, s.NODE_Y]].to_numpy()
    main, pair = (
        xy[nodes.index.isin(["推理", "模型", "芯片"])],
        xy[nodes.index.isin(["安全", "对齐"])],
    )
    centre = main.mean(axis=0)
    reach = max(((p - centre) ** 2).sum() ** 0.5 for p in main)
    assert ((pair.mean(axis=0) - centre) ** 2).sum() ** 0.5 == pytest.approx(reach * RING)


def test_no_edges_no_nodes():
    assert network_nodes(edges(), {}).empty


@pytest.fixture
def store(seeds_store):
    return seeds_store


def test_network_of_the_seeds_is_bounded_and_consistent(store):
    network = word_network(store, top_terms=30, top_edges=20)
    assert 0 < len(network.edges) <= 20
    drawn = set(network.edges[s.TERM_A]) | set(network.edges[s.TERM_B])
    assert set(network.nodes[s.TERM]) == drawn
    top = store.term_counts(top=30)
    assert drawn <= set(top[s.TERM])
    # Node sizes are the terms' counts in the selection.
    counts = dict(zip(top[s.TERM], top[s.COUNT], strict=True))
    assert all(counts[t] == c for t, c in network.nodes[[s.TERM, s.COUNT]].values)


def test_network_from_a_store_and_its_tokens_agree(store):
    from analysis.measures.collocations import cooccurrence

    sel = Selection(articles=("003_00fc6f42bdf96616",))
    from_store = word_network(store, sel, top_terms=40, top_edges=30).edges
    from_frame = cooccurrence(store.tokens(sel), 40, 2, 30)
    pd.testing.assert_frame_equal(from_store, from_frame)


def test_turns_are_the_unit_of_cooccurrence():
    from analysis.measures.collocations import cooccurrence

    # 模型 twice in one turn counts that turn once.
    tokens = make_tokens({"A": ["模型", "模型", "安全"], "B": ["安全"]})
    table = cooccurrence(tokens, min_count=1)
    assert table[[s.TOGETHER, s.JACCARD]].values.tolist() == [[1, 0.5]]


def test_the_export_tables_of_the_words_page(store):
    from analysis.measures.network import word_tables

    tables = word_tables(store)
    for table in (s.COOCCURRENCE, s.NETWORK, s.NGRAMS):
        assert list(tables[table.name].columns) == table.names
    # No run of four words comes twice in the seeds; pairs and triples do.
    assert set(tables[s.NGRAMS.name][s.SIZE]) == {2, 3}
    drawn = set(tables[s.COOCCURRENCE.name][s.TERM_A]) | set(tables[s.COOCCURRENCE.name][s.TERM_B])
    assert set(tables[s.NETWORK.name][s.TERM]) == drawn
