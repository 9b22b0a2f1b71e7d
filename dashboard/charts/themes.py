"""What the conversations are about: the article × theme grid, theme bars and the theme flow."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis import schema as s
from dashboard.charts.base import (
    ROW_PX,
    Chart,
    base_layout,
    bold,
    category_axis,
    number,
    numbered_rows,
)
from dashboard.charts.look import (
    LABEL_CHARS,
    ROLE_COLOURS,
    Visual,
)
from dashboard.formatting import escape_plot
from dashboard.texts import translator


def grid_figure(
    counts: pd.DataFrame, totals: pd.DataFrame, themes: list[str], vis: Visual, order: list[str]
) -> Chart:
    """Article × theme: one square per pair, every theme and article labelled, zero included.

    `totals` has the selected turns per article (`article_id`, `turns`). A scatter of squares
    on fixed category axes, not a heatmap: heatmaps report no clicks.
    """
    t = translator(vis.lang)
    per_article = dict(zip(totals[s.ARTICLE_ID], totals[s.TURNS_COUNT], strict=True))
    found = counts.set_index([s.ARTICLE_ID, s.THEME])[s.TURNS_COUNT].to_dict()
    cells = [(a, th, int(found.get((a, th), 0))) for a in order for th in themes]
    fig = go.Figure(
        go.Scatter(
            x=[escape_plot(vis.article(a)) for a, _, _ in cells],
            y=[escape_plot(vis.theme(th)) for _, th, _ in cells],
            mode="markers",
            marker={
                "symbol": "square",
                "size": max(10, min(22, 260 // max(len(order), 1))),
                "color": [n for _, _, n in cells],
                "colorscale": [[0, "#f8f9fa"], [0.0001, "#d0e2f5"], [1, "#0b3d91"]],
                "cmin": 0,
                "line": {"width": 1, "color": "#ced4da"},
                "colorbar": {"title": {"text": t("col_turns")}, "thickness": 10, "len": 0.6},
            },
            customdata=[[a, th] for a, th, _ in cells],
            # A template over the cell's labels (article %{x}, theme %{y}) and its count; the
            # article's selected turns ride in `text` (not drawn: the mode has no text).
            text=[number(per_article.get(a, 0)) for a, _, _ in cells],
            hovertemplate="<b>%{x}</b><br>"
            + f"{t('col_theme')}: %{{y}}<br>"
            + t("grid_tip").format(n="%{marker.color:,}", total="%{text}")
            + "<extra></extra>",
        )
    )
    base_layout(fig, height=80 + 26 * len(themes) + 12 * LABEL_CHARS, legend=False)
    category_axis(fig, "x", [vis.article(a) for a in order])
    category_axis(fig, "y", [vis.theme(th) for th in themes], reverse=True)
    fig.update_xaxes(tickangle=-50, showgrid=False)
    fig.update_yaxes(showgrid=False)
    return Chart(fig, click=("article", "theme"))


def flow_figure(flow: pd.DataFrame, vis: Visual, themes: list[str], order: list[str]) -> Chart:
    """Where each theme comes up: turn position 0-1 per article, one colour per theme.

    Rows are numbers, not categories, so the marks can sit just below each row's label.
    Bounded by the caller (`within_marks`); per mark only numbers and the click's custom data
    travel, and the tooltip is a template (theme, article tag and turn, hits).
    """
    t = translator(vis.lang)
    row = {a: len(order) - 1 - i for i, a in enumerate(order)}  # newest on top
    most = max(flow[s.HITS].max(), 1) if len(flow) else 1
    fig = go.Figure()
    for theme in themes:
        rows = flow[flow[s.THEME] == theme]
        if rows.empty:
            continue
        fig.add_trace(
            go.Scatter(
                name=escape_plot(vis.theme(theme)),
                x=rows[s.POSITION].to_numpy(dtype=np.float32),
                y=(rows[s.ARTICLE_ID].map(row) - 0.22).to_numpy(dtype=np.float32),
                mode="markers",
                marker={
                    "color": vis.theme_colour(theme),
                    "size": (6 + 8 * np.sqrt(rows[s.HITS] / most)).round().to_numpy(np.uint8),
                    "opacity": 0.8,
                },
                customdata=[
                    [a, theme, int(h)]
                    for a, h in zip(rows[s.ARTICLE_ID], rows[s.HITS], strict=True)
                ],
                text=[
                    f"{escape_plot(vis.tags.get(a, a))} · #{n}"
                    for a, n in zip(rows[s.ARTICLE_ID], rows[s.TURN], strict=True)
                ],
                meta=[bold(vis.theme(theme))],
                hovertemplate=f"%{{meta[0]}}<br>%{{text}}<br>{t('col_hits')}: %{{customdata[2]}}"
                "<extra></extra>",
            )
        )
    base_layout(fig, height=160 + ROW_PX * len(order))
    numbered_rows(fig, [vis.article(a) for a in order])
    fig.update_xaxes(range=[-0.03, 1.03], tickformat=".0%", title_text=t("flow_axis"))
    return Chart(fig, click=("article", "theme"))


def theme_bars(
    counts: pd.DataFrame,
    vis: Visual,
    themes: list[str],
    by: str,
    colours: dict[str, str],
    order: list[str],
    click: str = "theme",
) -> Chart:
    """Turns touching each theme (rows: every theme), one bar group per `by` value.

    A click filters to the bar's theme (`click="theme"`), or to its person (`"speaker"`:
    `counts` then has `busiest_people`'s `_click` column, a role word with its article).
    """
    t = translator(vis.lang)
    fig = go.Figure()
    groups = dict(tuple(counts.groupby(by, sort=False, observed=True)))
    for key in [k for k in order if k in groups]:
        rows = groups[key]
        fig.add_trace(
            go.Bar(
                name=escape_plot(key),
                y=[escape_plot(vis.theme(th)) for th in rows[s.THEME]],
                x=rows[s.TURNS_COUNT],
                orientation="h",
                marker={"color": colours.get(key, ROLE_COLOURS[s.OTHER][0])},
                customdata=(
                    list(rows["_click"]) if click == "speaker" else [[th] for th in rows[s.THEME]]
                ),
                # The tooltip is a template over the row's label (the theme) and the count.
                meta=[escape_plot(key)],
                hovertemplate=f"<b>%{{y}}</b><br>%{{meta[0]}}<br>{t('col_turns')}: %{{x:,}}"
                "<extra></extra>",
            )
        )
    base_layout(fig, height=160 + 30 * len(themes))
    fig.update_layout(barmode="group", bargap=0.25, bargroupgap=0.05)
    category_axis(fig, "y", [vis.theme(th) for th in themes], reverse=True)
    fig.update_xaxes(title_text=t("col_turns"))
    return Chart(fig, click=("speaker", "article") if click == "speaker" else ("theme",))
