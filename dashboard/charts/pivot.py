"""Term frequencies by article × speaker (issue 22, feature row 6): one square per group and
term, its colour the rate, its count written in it; a click opens the term's concordance in
that article and speaker's turns."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis import schema as s
from dashboard.charts.base import Chart, base_layout, category_axis
from dashboard.charts.look import Visual, clip
from dashboard.formatting import escape_plot
from dashboard.texts import translator

SPEAKER_CHARS = 12  # a speaker's name in a row label: a phone's width holds the squares too
# Squares fit a phone: ~240 px of plot for the columns once the row labels have theirs.
COLUMNS_PX = 240


def group_label(article_id: str, speaker: str, vis: Visual) -> str:
    """A row's name: the article's tag and the speaker (`002 · Sam Altman`)."""
    return f"{vis.tags.get(article_id, article_id)} · {clip(vis.speaker(speaker), SPEAKER_CHARS)}"


def term_grid_figure(grid: pd.DataFrame, vis: Visual) -> Chart:
    """The `term_grid` answer as squares on fixed category axes (terms across, groups down,
    in the answer's order), not a heatmap: heatmaps report no clicks."""
    t = translator(vis.lang)
    groups = list(dict.fromkeys(zip(grid[s.ARTICLE_ID], grid[s.SPEAKER], strict=True)))
    terms = list(dict.fromkeys(grid[s.TERM].astype(str)))
    labels = {g: group_label(*g, vis) for g in groups}
    most = max(float(grid[s.RATE].max()), 1.0) if len(grid) else 1.0
    size = max(10, min(22, COLUMNS_PX // max(len(terms), 1)))
    fig = go.Figure(
        go.Scatter(
            x=[escape_plot(term) for term in grid[s.TERM].astype(str)],
            y=[
                escape_plot(labels[g])
                for g in zip(grid[s.ARTICLE_ID], grid[s.SPEAKER], strict=True)
            ],
            mode="markers+text",
            text=[str(n) if n else "" for n in grid[s.COUNT]],
            textfont={"size": 8, "color": "#212529"},
            marker={
                "symbol": "square",
                "size": size,
                "color": grid[s.RATE].round(1).tolist(),
                "colorscale": [[0, "#f8f9fa"], [0.0001, "#fde4cf"], [1, "#c2410c"]],
                "cmin": 0,
                "cmax": most,
                "line": {"width": 1, "color": "#ced4da"},
                # Below the squares: beside them it takes a phone's width.
                "colorbar": {
                    "title": {"text": t("per_10k"), "side": "right"},
                    "orientation": "h",
                    "thickness": 8,
                    "len": 0.6,
                    "x": 0.5,
                    "y": -0.02,
                    "yanchor": "top",
                    "tickangle": 0,
                },
            },
            # The click's term, article and speaker, then the tooltip's title and counts.
            customdata=[
                [term, article, speaker, escape_plot(vis.title(article)), int(n), int(words)]
                for term, article, speaker, n, words in zip(
                    grid[s.TERM].astype(str),
                    grid[s.ARTICLE_ID],
                    grid[s.SPEAKER],
                    grid[s.COUNT],
                    grid[s.WORDS],
                    strict=True,
                )
            ],
            hovertemplate="<b>%{x}</b> · %{y}<br>%{customdata[3]}<br>"
            + f"{t('col_count')}: %{{customdata[4]:,}} / %{{customdata[5]:,}} {t('col_words')}"
            + f"<br>%{{marker.color:,.1f}} {t('per_10k')}<extra></extra>",
        )
    )
    base_layout(fig, height=140 + (size + 6) * max(len(groups), 1), legend=False)
    category_axis(fig, "x", terms)
    category_axis(fig, "y", [labels[g] for g in groups], reverse=True)
    fig.update_xaxes(side="top", tickangle=-90, showgrid=False)  # upright: a phone has 16 px a term
    fig.update_yaxes(showgrid=False)
    return Chart(fig, click=("q", "article", "speaker"), opens="concordance")
