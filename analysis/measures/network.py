"""The co-occurrence network of a selection's top terms (KH Coder's): which terms are said
together, laid out and grouped into communities by networkx.

Edges are the `collocations.cooccurrence` pairs (turns using both, Jaccard weight, the
strongest few); nodes are their terms, sized by frequency. The layout is networkx's spring
layout with a fixed seed, so the same selection always draws the same picture; communities
are greedy modularity (Clauset, Newman & Moore 2004) on the Jaccard weights, deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.measures.collocations import EVERYTHING, MAX_NGRAM, cooccurrence, ngrams
from analysis.store.selection import Selection

SEED = 14  # the layout's seed: a fixed picture for a fixed selection
TOP_TERMS = 60
TOP_EDGES = 60  # KH Coder's default: the 60 strongest edges
RING = 1.15  # separate groups sit this many times the main group's radius from its centre


@dataclass(frozen=True)
class Network:
    """Nodes (the network table) and edges (the cooccurrence table) of one selection."""

    nodes: pd.DataFrame
    edges: pd.DataFrame


def network_nodes(edges: pd.DataFrame, counts: dict[str, int], seed: int = SEED) -> pd.DataFrame:
    """Each term of `edges` with its count, community, degree and layout position.

    Communities are numbered from 1, the largest (ties: the one whose first term sorts first),
    so numbers, and the colours drawn from them, stay put between runs.
    """
    if edges.empty:
        return pd.DataFrame(columns=s.NETWORK.names)
    import networkx as nx  # here: 0.2 s of every server's first page, which has no network

    graph = nx.Graph()
    for a, b, weight in zip(edges[s.TERM_A], edges[s.TERM_B], edges[s.JACCARD], strict=True):
        graph.add_edge(str(a), str(b), weight=float(weight))
    # Sorted nodes: the layout depends on insertion order, and the seed alone doesn't fix it.
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes))
    ordered.add_edges_from(sorted(graph.edges(data=True)))
    found = nx.community.greedy_modularity_communities(ordered, weight="weight")
    groups = sorted((sorted(group) for group in found), key=lambda g: (-len(g), g[0]))
    community = {term: number for number, group in enumerate(groups, start=1) for term in group}
    # A longer ideal edge than networkx's 1/sqrt(n): labelled nodes need room.
    spacing = 2.5 / max(ordered.number_of_nodes(), 1) ** 0.5
    position = nx.spring_layout(
        ordered, k=spacing, weight="weight", seed=seed, iterations=200, method="force"
    )
    position = _pull_in(position, list(nx.connected_components(ordered)))
    terms = list(ordered.nodes)
    nodes = pd.DataFrame(
        {
            s.TERM: terms,
            s.COUNT: [int(counts.get(term, 0)) for term in terms],
            s.COMMUNITY: [community[term] for term in terms],
            s.DEGREE: [ordered.degree(term) for term in terms],
            s.NODE_X: [float(position[term][0]) for term in terms],
            s.NODE_Y: [float(position[term][1]) for term in terms],
        }
    )
    return nodes.sort_values(
        [s.COMMUNITY, s.COUNT, s.TERM], ascending=[True, False, True], ignore_index=True
    )[s.NETWORK.names]


def _pull_in(position: dict, components: list[set]) -> dict:
    """The layout with each small separate group moved, along its own direction, onto a
    ring just outside the largest one: the spring layout pushes unconnected groups to the far edges
    and leaves the main cluster cramped. (networkx's energy method has gravity for this, but
    takes seconds where this takes microseconds.)"""
    if len(components) < 2:
        return position
    components = sorted(components, key=lambda c: (-len(c), min(c)))
    main = np.array([position[term] for term in components[0]])
    centre = main.mean(axis=0)
    reach = float(np.linalg.norm(main - centre, axis=1).max()) or 1.0
    moved = dict(position)
    for group in components[1:]:
        points = np.array([position[term] for term in group])
        middle = points.mean(axis=0)
        direction = middle - centre
        distance = float(np.linalg.norm(direction)) or 1.0
        target = centre + direction / distance * reach * RING
        for term in group:
            moved[term] = position[term] - middle + target
    return moved


def word_network(
    store,
    sel: Selection = EVERYTHING,
    top_terms: int = TOP_TERMS,
    top_edges: int = TOP_EDGES,
    min_count: int = 2,
    seed: int = SEED,
) -> Network:
    """The co-occurrence network of a store's selection: its `top_terms` most frequent terms,
    the `top_edges` pairs with the highest Jaccard among those said together in at least
    `min_count` turns. DuckDB counts; networkx only sees the few terms drawn."""
    edges = cooccurrence(store, top_terms, min_count, top_edges, sel=sel)
    counts = store.term_counts(sel, top=max(int(top_terms), 1))
    frequency = dict(zip(counts[s.TERM].astype(str), counts[s.COUNT], strict=True))
    return Network(network_nodes(edges, frequency, seed), edges)


def word_tables(store, sel: Selection = EVERYTHING, min_count: int = 2) -> dict[str, pd.DataFrame]:
    """The words page's tables for `python -m analysis export`: the co-occurrence pairs and
    network nodes of the top terms, and the n-grams of every length (at least `min_count`
    times each), by schema name."""
    network = word_network(store, sel, min_count=min_count)
    runs = [ngrams(store, n, min_count, sel=sel) for n in range(2, MAX_NGRAM + 1)]
    return {
        s.COOCCURRENCE.name: network.edges,
        s.NETWORK.name: network.nodes,
        s.NGRAMS.name: pd.concat(runs, ignore_index=True),
    }
