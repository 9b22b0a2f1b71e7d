"""Words together: a term's collocates and the co-occurrence network."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis import schema as s
from dashboard import limits
from dashboard.charts.base import (
    HOVER,
    Chart,
    base_layout,
    bold,
    number,
    tip,
)
from dashboard.charts.look import (
    THEME_COLOURS,
)
from dashboard.charts.terms import pick_labels
from dashboard.formatting import escape_plot
from dashboard.texts import translator


def collocates_figure(table: pd.DataFrame, score: str, lang: str = "zh") -> Chart:
    """The strongest collocates of a term as bars of `score` (s.G2 or s.MI), strongest on
    top; each bar carries its word, so a click opens that word's concordance."""
    t = translator(lang)
    ranked = table.head(limits.COLLOCATE_BARS).iloc[::-1]
    words = ranked[s.TERM].astype(str).tolist()
    fig = go.Figure(
        go.Bar(
            x=ranked[score],
            y=[escape_plot(w) for w in words],
            orientation="h",
            marker={"color": "#4c9be8" if score == s.G2 else "#0f8b8d"},
            customdata=[[w] for w in words],
            hovertext=[
                tip(
                    bold(w),
                    f"O = {number(o)} · f = {number(f)}",
                    f"G² = {g:,.2f} · {t('col_mi')} = {m:,.2f}",
                )
                for w, o, f, g, m in zip(
                    words, ranked[s.COUNT], ranked[s.FREQ], ranked[s.G2], ranked[s.MI], strict=True
                )
            ],
            hovertemplate=HOVER,
        )
    )
    base_layout(fig, height=max(240, 22 * len(words) + 60), legend=False)
    fig.update_yaxes(type="category")
    fig.update_xaxes(title_text=t("score_g2" if score == s.G2 else "score_mi"))
    return Chart(fig, click=("q",), opens="concordance")


NETWORK_PLOT_PX = (520, 560)  # the plot area labels are placed for (a narrow desktop column)


def _labelled(nodes: pd.DataFrame) -> list[bool]:
    """Which nodes get a text label: by degree (then frequency), none overlapping."""
    if nodes.empty:
        return []
    x, y = nodes[s.NODE_X].astype(float), nodes[s.NODE_Y].astype(float)
    # The axes autorange with a margin; a small inset keeps the estimate on the safe side.
    scale_x = (x - x.min()) / max(x.max() - x.min(), 1e-9) * 0.9 + 0.05
    scale_y = (y - y.min()) / max(y.max() - y.min(), 1e-9) * 0.9 + 0.05
    priority = nodes[s.DEGREE].astype(float) + nodes[s.COUNT].rank(pct=True) * 0.5
    return pick_labels(
        scale_x.to_numpy(), scale_y.to_numpy(), nodes[s.TERM].astype(str).tolist(),
        priority.to_numpy(), *NETWORK_PLOT_PX, font=12,
    )  # fmt: skip


def network_figure(nodes: pd.DataFrame, edges: pd.DataFrame, lang: str = "zh") -> Chart:
    """The co-occurrence network: grey edges (thicker for a higher Jaccard), one trace of
    nodes per community (its colour, named in the legend), nodes sized by frequency and
    carrying their word, so a click opens its concordance."""
    t = translator(lang)
    where = {
        str(term): (x, y)
        for term, x, y in zip(nodes[s.TERM], nodes[s.NODE_X], nodes[s.NODE_Y], strict=True)
    }
    fig = go.Figure()
    strongest = float(edges[s.JACCARD].max()) if len(edges) else 1.0
    # Three widths, one trace each: a trace has one line width.
    bands = np.minimum((edges[s.JACCARD].to_numpy() / strongest * 3).astype(int), 2)
    for band in range(3):
        xs: list = []
        ys: list = []
        for a, b in zip(
            edges[s.TERM_A][bands == band], edges[s.TERM_B][bands == band], strict=True
        ):
            if str(a) in where and str(b) in where:
                xs += [where[str(a)][0], where[str(b)][0], None]
                ys += [where[str(a)][1], where[str(b)][1], None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"width": 0.8 + 1.6 * band, "color": "#adb5bd"},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    largest = float(nodes[s.COUNT].max()) if len(nodes) else 1.0
    # Labels where they don't overlap: the best-connected words first, each label kept only
    # if its box is clear of those kept (the others are named by their tooltips).
    labelled = dict(zip(nodes[s.TERM].astype(str), _labelled(nodes), strict=True))
    for community, members in nodes.groupby(s.COMMUNITY, sort=True):
        words = members[s.TERM].astype(str).tolist()
        fig.add_trace(
            go.Scatter(
                x=members[s.NODE_X],
                y=members[s.NODE_Y],
                mode="markers+text",
                name=t("community").format(n=int(community)),
                text=[escape_plot(w) if labelled[w] else "" for w in words],
                textposition="top center",
                textfont={"size": 12},
                marker={
                    "size": [
                        8 + 22 * np.sqrt(max(c, 0) / max(largest, 1)) for c in members[s.COUNT]
                    ],
                    "color": THEME_COLOURS[(int(community) - 1) % len(THEME_COLOURS)],
                    "line": {"width": 0.5, "color": "#343a40"},
                    "opacity": 0.9,
                },
                customdata=[[w] for w in words],
                hovertext=[
                    tip(
                        bold(w),
                        f"{number(c)} {t('unit_times')} · {t('col_degree')}: {number(d)}",
                    )
                    for w, c, d in zip(words, members[s.COUNT], members[s.DEGREE], strict=True)
                ],
                hovertemplate=HOVER,
            )
        )
    base_layout(fig, height=600)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return Chart(fig, click=("q",), opens="concordance")
