"""Which words: the top terms, who says what (scattertext's axes), keyness of A against B,
and where a search's hits fall in each conversation (the dispersion plot)."""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis import schema as s
from dashboard import limits
from dashboard.charts.base import (
    HOVER,
    ROW_PX,
    Chart,
    base_layout,
    bold,
    category_axis,
    number,
    tip,
)
from dashboard.charts.look import (
    Visual,
    tint,
)
from dashboard.formatting import escape_plot, escape_template
from dashboard.texts import translator


def top_terms_figure(top: pd.DataFrame, lang: str = "zh") -> Chart:
    """The selection's most frequent terms as bars, the most frequent on top; each bar
    carries its term, so a click opens its concordance."""
    t = translator(lang)
    ranked = top.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=ranked[s.COUNT],
            y=[escape_plot(w) for w in ranked[s.TERM]],
            orientation="h",
            marker={"color": "#4c9be8"},
            customdata=[[w] for w in ranked[s.TERM]],
            hovertext=[
                tip(bold(w), f"{number(n)} {t('unit_times')} · {r:,.1f} {t('per_10k')}")
                for w, n, r in zip(ranked[s.TERM], ranked[s.COUNT], ranked[s.RATE], strict=True)
            ],
            hovertemplate=HOVER,
        )
    )
    base_layout(fig, height=640, legend=False)
    fig.update_layout(margin={"t": 36})  # the modebar's row, above the first bar
    fig.update_yaxes(type="category")
    fig.update_xaxes(title_text=t("col_count"))
    return Chart(fig, click=("q",), opens="concordance")


def dense_rank(values: pd.Series) -> pd.Series:
    """Dense rank scaled to 0-1, with 0 for a zero count (scattertext's axes): zero has room."""
    ranks = values.rank(method="dense")
    ranks = ranks - ranks.min()  # the smallest value (0 when a term is one-sided) sits at 0
    return ranks / max(ranks.max(), 1)


def pick_labels(x, y, texts, priority, width: float, height: float, font: int = 11) -> list[bool]:
    """Which points get a text label: by priority (negative: none), each label kept only if its
    box (estimated from its characters, above the point) overlaps no label already kept."""
    boxes: list[tuple[float, float, float, float]] = []
    keep = [False] * len(texts)
    priority = np.asarray(priority, dtype=float)
    for i in np.argsort(-priority, kind="stable"):
        if priority[i] < 0:  # not worth a label
            break
        text = str(texts[i])
        w = sum(font if ord(ch) > 0x2E7F else font * 0.6 for ch in text) + 4
        cx, cy = x[i] * width, y[i] * height + font  # label centred above its point
        box = (cx - w / 2, cy - font / 2 - 1, cx + w / 2, cy + font / 2 + 1)
        if box[0] < 0 or box[2] > width or box[3] > height:
            continue
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            continue
        boxes.append(box)
        keep[i] = True
    return keep


# The scatter's labels are placed for the narrowest plot (a phone); wider screens have room.
SCATTER_PLOT_PX = (300, 420)


def who_says_what_figure(scores: pd.DataFrame, name_a: str, name_b: str, lang: str = "zh") -> Chart:
    """Every term of two groups on dense-rank axes (zero included), coloured by log-odds z;
    a click on a term opens its concordance."""
    t = translator(lang)
    x, y = dense_rank(scores[s.COUNT_B]), dense_rank(scores[s.COUNT_A])
    # Equal counts share a rank; a small fixed offset per term lets stacked points show.
    jitter = np.array([(zlib.crc32(str(w).encode()) % 1000) / 1000 - 0.5 for w in scores[s.TERM]])
    step_x = 1 / max(scores[s.COUNT_B].nunique(), 2)
    step_y = 1 / max(scores[s.COUNT_A].nunique(), 2)
    px_ = (x + jitter * step_x * 0.6).to_numpy()
    py_ = (y + np.roll(jitter, 1) * step_y * 0.6).to_numpy()
    terms = scores[s.TERM].astype(str).to_list()
    z = scores[s.Z].to_numpy()
    keep = pick_labels(
        (px_ + 0.03) / 1.06, (py_ + 0.03) / 1.06, terms, np.where(np.abs(z) > 1.96, np.abs(z), -1),
        *SCATTER_PLOT_PX,
    )  # fmt: skip
    limit = float(np.nanmax(np.abs(z))) if len(z) else 1.0
    fig = go.Figure(
        go.Scatter(
            x=px_,
            y=py_,
            mode="markers+text",
            text=[escape_plot(w) if k else "" for w, k in zip(terms, keep, strict=True)],
            textposition="top center",
            textfont={"size": 11},
            marker={
                "size": 7,
                "color": z,
                "colorscale": "RdBu_r",
                "cmin": -limit,
                "cmax": limit,
                "line": {"width": 0.3, "color": "#495057"},
                "colorbar": {"title": {"text": "z"}, "thickness": 10, "len": 0.6},
            },
            # The term (for the click), then what the tooltip's template shows: the term
            # escaped, counts, rates and z. A template over numbers instead of a string per
            # term: a third of the bytes at 1,000 terms.
            customdata=[
                [w, escape_plot(w), int(ca), int(cb), round(ra, 2), round(rb, 2), round(zz, 3)]
                for w, ca, cb, ra, rb, zz in zip(
                    terms,
                    scores[s.COUNT_A],
                    scores[s.COUNT_B],
                    scores[s.RATE_A],
                    scores[s.RATE_B],
                    z,
                    strict=True,
                )
            ],
            hovertemplate=(
                "<b>%{customdata[1]}</b><br>"
                f"{escape_template(name_a)}: %{{customdata[2]:,}} (%{{customdata[4]:,.1f}} "
                f"{t('per_10k')})<br>"
                f"{escape_template(name_b)}: %{{customdata[3]:,}} (%{{customdata[5]:,.1f}} "
                f"{t('per_10k')})<br>z = %{{customdata[6]:+.2f}}<extra></extra>"
            ),
        )
    )
    base_layout(fig, height=520, legend=False)
    for axis, counts, rates, name in (
        ("x", scores[s.COUNT_B], scores[s.RATE_B], name_b),
        ("y", scores[s.COUNT_A], scores[s.RATE_A], name_a),
    ):
        ranks = dense_rank(counts)
        marks = pd.DataFrame({"rank": ranks, "rate": rates}).groupby("rank")["rate"].first()
        chosen = marks.iloc[np.unique(np.linspace(0, len(marks) - 1, 5).round().astype(int))]
        (fig.update_xaxes if axis == "x" else fig.update_yaxes)(
            range=[-0.03, 1.03],
            tickvals=list(chosen.index),
            ticktext=[f"{r:,.1f}" for r in chosen],
            title_text=t("rank_axis").format(group=escape_plot(name)),
            zeroline=False,
        )
    return Chart(fig, click=("q",), opens="concordance")


SIDE_COLOURS = {"a": "#e8590c", "b": "#1c4e80"}  # A warm, B cool, as guests and hosts


SIGNIFICANT = 0.05  # adjusted p below this: a dark bar


def keyness_figure(
    table: pd.DataFrame, name_a: str, name_b: str, most: int | None = None, lang: str = "zh"
) -> Chart:
    """The terms most typical of A (G² > 0) and of B (G² < 0), one bar each by signed G²,
    A's strongest at the top and B's at the bottom; dark when the Bonferroni-adjusted p is
    below 0.05. Each bar carries its term, so a click opens its concordance."""
    t = translator(lang)
    most = limits.KEYNESS_BARS if most is None else most
    sides = (
        ("b", name_b, table[table[s.G2] < 0].nsmallest(most, s.G2)),
        ("a", name_a, table[table[s.G2] > 0].nlargest(most, s.G2)),
    )
    fig = go.Figure()
    order: list[str] = []
    for side, name, rows in sides:
        rows = rows.sort_values(s.G2, key=abs, ascending=side == "a")
        order += rows[s.TERM].astype(str).tolist()
        colour = SIDE_COLOURS[side]
        # Colour is the side, shade the significance: two traces per side, so the legend
        # names both ("A · p < 0.05", "A · not significant").
        for significant in (True, False):
            part = rows[(rows[s.P_ADJUSTED] < SIGNIFICANT) == significant]
            if part.empty:
                continue
            terms = part[s.TERM].astype(str).tolist()
            label = t("keyness_significant" if significant else "keyness_not_significant")
            fig.add_trace(
                go.Bar(
                    name=f"{escape_plot(name)} · {label}",
                    legendgroup=side,
                    # A's entries first, as on the page; significant before not.
                    legendrank=(1 if side == "a" else 3) + (0 if significant else 1),
                    x=part[s.G2],
                    y=[escape_plot(w) for w in terms],
                    orientation="h",
                    marker={
                        "color": colour if significant else tint(colour, 3),
                        "line": {"width": 1, "color": colour},
                    },
                    customdata=[[w] for w in terms],
                    hovertext=[
                        tip(
                            bold(w),
                            f"{escape_plot(name_a)}: {number(ca)} {t('unit_times')} "
                            f"({ra:,.1f} {t('per_10k')})",
                            f"{escape_plot(name_b)}: {number(cb)} {t('unit_times')} "
                            f"({rb:,.1f} {t('per_10k')})",
                            f"G² = {g2:+.2f} · {t('col_log_ratio')} {lr:+.2f}",
                            f"p = {p:.2g} · {t('col_p_adjusted')} {pa:.2g}",
                        )
                        for w, ca, cb, ra, rb, g2, lr, p, pa in zip(
                            terms,
                            part[s.COUNT_A],
                            part[s.COUNT_B],
                            part[s.RATE_A],
                            part[s.RATE_B],
                            part[s.G2],
                            part[s.LOG_RATIO],
                            part[s.P_VALUE],
                            part[s.P_ADJUSTED],
                            strict=True,
                        )
                    ],
                    hovertemplate=HOVER,
                )
            )
    base_layout(fig, height=120 + 22 * max(len(order), 1))
    fig.update_layout(barmode="overlay")  # one bar per term: no room kept for the others
    # Bottom to top: B's strongest first, A's strongest last (at the top).
    category_axis(fig, "y", order)
    fig.update_xaxes(title_text=t("keyness_axis"), zeroline=True, zerolinecolor="#495057")
    return Chart(fig, click=("q",), opens="concordance")


def dispersion_figure(
    ticks: pd.DataFrame,
    vis: Visual,
    articles: list[str],
    speakers: int = limits.DISPERSION_SPEAKERS,
) -> Chart:
    """AntConc's concordance Plot: one row per article, a tick at each hit's place along the
    conversation (share of the article's speech characters before it), coloured by
    speaker, the `speakers` with most ticks in the legend and the others in one trace.
    Each tick's custom data is its turn (`hit`) and article (`read`)."""
    t = translator(vis.lang)
    # Rows by number, not category: each row's ticks sit just below its label, which is
    # written inside the plot above the row (as `article_rows` does for bars).
    row_of = {a: i for i, a in enumerate(articles)}
    ticks = ticks.assign(_who=vis.identity(ticks))
    counts = ticks["_who"].value_counts()
    in_order = vis.in_legend_order(ticks["_who"])
    most = sorted(in_order, key=lambda who: -counts[who])[:speakers]
    named = [who for who in in_order if who in most]
    rest = ticks[~ticks["_who"].isin(named)]
    fig = go.Figure()
    # (legend name, ticks, shared): a named speaker's own trace, then the shared one.
    groups = [(escape_plot(who), ticks[ticks["_who"] == who], False) for who in named]
    if not rest.empty:
        others = t("dispersion_other_speakers").format(n=rest["_who"].nunique())
        groups.append((others, rest, True))
    for name, rows, shared in groups:
        colours = [vis.speaker_colour(who) for who in rows["_who"]]
        colour = colours if shared else colours[0]
        custom = [
            [f"{a}:{int(n)}", a, int(n)]
            for a, n in zip(rows[s.ARTICLE_ID], rows[s.TURN], strict=True)
        ]
        if shared:  # the shared trace names each tick's speaker in its tooltip
            whos = [escape_plot(who) for who in rows["_who"]]
            custom = [[*c, who] for c, who in zip(custom, whos, strict=True)]
        fig.add_trace(
            go.Scatter(
                name=name,
                # Four bytes a place (not eight): a hundredth of a percent is more than enough.
                x=rows[s.POSITION].to_numpy(dtype="float32"),
                y=[row_of[a] + 0.2 for a in rows[s.ARTICLE_ID]],
                mode="markers",
                # An open symbol's stroke is its marker colour: one colour (array) a tick.
                marker={
                    "symbol": "line-ns-open",
                    "size": 18,
                    "line": {"width": 3},
                    "color": colour,
                },
                # The opened tick stands out, the others stay readable.
                unselected={"marker": {"opacity": 0.45}},
                customdata=custom,
                # The context is in the table: a tooltip per tick stays small, a template
                # over the tick's numbers (not a string a tick, repeating the speaker).
                meta=[name],
                hovertemplate=("<b>%{customdata[3]}</b>" if shared else "<b>%{meta[0]}</b>")
                + " · #%{customdata[2]} · %{x:.1%}<extra></extra>",
            )
        )
    labels = [escape_plot(vis.article(a)) for a in articles]
    base_layout(fig, height=110 + ROW_PX * len(labels))
    fig.update_layout(hovermode="closest", clickmode="event+select")
    fig.update_yaxes(
        range=[len(labels) - 0.4, -0.6],  # the first article on top
        tickmode="array",
        tickvals=list(range(len(labels))),
        ticktext=labels,
        ticklabelposition="inside top",
        ticks="",
        showgrid=False,
        zeroline=False,
    )
    fig.update_xaxes(title_text=t("dispersion_axis"), range=[-0.01, 1.01], tickformat=".0%")
    return Chart(fig, click=("hit", "read"))
