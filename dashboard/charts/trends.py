"""Terms and themes over publish dates: one line per series, by month or by article."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis import schema as s
from dashboard.charts.base import (
    HOVER,
    Chart,
    base_layout,
    bold,
    number,
    percent,
    tip,
)
from dashboard.charts.look import (
    THEME_COLOURS,
    Visual,
)
from dashboard.formatting import escape_plot
from dashboard.texts import translator

SPLIT_FROM = 6  # series: from this many, small multiples read better than one tangle


def _months(periods: pd.Series) -> pd.DatetimeIndex:
    """Every month from the first period's to the last's (month starts)."""
    low, high = periods.min().to_period("M"), periods.max().to_period("M")
    return pd.period_range(low, high, freq="M").to_timestamp()


@dataclass(frozen=True)
class MonthTip:
    """A monthly trend's tooltip as a plotly template: `%{meta[0]}` is the series' name
    (escaped), `%{customdata[1]}`… the whole-number `columns` in order, `%{y}` the value."""

    template: str
    columns: tuple[str, ...] = ()


def lines_over_dates(
    frame: pd.DataFrame,
    series: str,
    value: str,
    names: dict[str, str],
    colours: dict[str, str],
    tips: list[str] | MonthTip,
    monthly: bool,
    labels: dict[str, str] | None = None,
    split: bool = False,
    lang: str = "zh",
) -> go.Figure:
    """One line per series (a term, a theme) over `period`, with markers to click; each
    mark's tooltip is given (escaped) and its custom data is its series: the one form of
    every trend chart.

    `monthly`: a date axis with one tick per month and each point on its month's tick; a
    month without articles is a gap in every line, named in a note under the plot, not a
    line drawn through it. Otherwise one tick per article (`labels`: article id -> label), in
    date order. `split`: small multiples, one plot per series, sharing the x axis. `tips`
    may be a `MonthTip` when `monthly`: a template over numbers instead of a string a mark.
    """
    t = translator(lang)
    template = tips if isinstance(tips, MonthTip) else None
    frame = frame.assign(_tip="" if template else tips).sort_values(
        [s.PERIOD, s.ARTICLE_ID] if not monthly else s.PERIOD
    )
    keys = [key for key in names if (frame[series] == key).any()]
    empty: list[pd.Timestamp] = []
    if monthly and len(frame):
        frame = frame.assign(**{s.PERIOD: frame[s.PERIOD].dt.to_period("M").dt.to_timestamp()})
        months = _months(frame[s.PERIOD])
        present = set(frame[s.PERIOD])  # once, not per month
        empty = [m for m in months if m not in present]
        axis = list(months)
    else:
        labels = labels or {}
        ids = frame[s.ARTICLE_ID].astype(str) if s.ARTICLE_ID in frame else frame[s.PERIOD]
        frame = frame.assign(
            _x=[
                escape_plot(labels.get(a, f"{p:%Y-%m-%d}"))
                for a, p in zip(ids, frame[s.PERIOD], strict=True)
            ]
        )
        axis = list(dict.fromkeys(frame["_x"]))
    fig = make_subplots(
        rows=len(keys) if split and keys else 1,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.04 if split else 0.0,
        subplot_titles=[escape_plot(names[k]) for k in keys] if split and keys else None,
    )
    for i, key in enumerate(keys):
        rows = frame[frame[series] == key]
        if monthly:
            # A gap (None) at each month without articles: the line breaks there.
            rows = rows.set_index(s.PERIOD).reindex(pd.DatetimeIndex(axis, name=s.PERIOD))
            x, y = list(rows.index), [None if pd.isna(v) else float(v) for v in rows[value]]
            hover = ["" if pd.isna(h) else h for h in rows["_tip"]]
        else:
            x, y, hover = rows["_x"].tolist(), rows[value].tolist(), rows["_tip"].tolist()
        if template and monthly:
            # Dates as days and numbers only: a string per mark was most of a 100,000-article
            # corpus's 274 kB trend.
            x = [f"{m:%Y-%m-%d}" for m in x]
            numbers = [rows[c].fillna(0).astype("int64").tolist() for c in template.columns]
            hovering = {
                "customdata": [[key, *values] for values in zip(*numbers, strict=True)]
                if numbers
                else [[key] for _ in x],
                "meta": [escape_plot(names[key])],
                "hovertemplate": template.template,
            }
        else:
            hovering = {
                "customdata": [[key] for _ in range(len(x))],
                "hovertext": hover,
                "hovertemplate": HOVER,
            }
        fig.add_trace(
            go.Scatter(
                name=escape_plot(names[key]),
                x=x,
                y=y,
                mode="lines+markers",
                connectgaps=False,
                line={"color": colours[key], "width": 2},
                marker={"size": 8},
                showlegend=not split,
                **hovering,
            ),
            row=i + 1 if split else 1,
            col=1,
        )
    height = 90 + 110 * len(keys) if split else 420
    base_layout(fig, height=max(height, 240))
    if split:
        fig.update_annotations(font={"size": 12}, xanchor="left", x=0)
    if monthly:
        fig.update_xaxes(
            type="date",
            tickformat="%Y-%m",
            hoverformat="%Y-%m",
            dtick="M1",
            tick0=axis[0] if axis else None,
            ticklabelmode="instant",  # the label on the tick, where the month's point is
            range=[axis[0] - pd.Timedelta(days=12), axis[-1] + pd.Timedelta(days=12)]
            if axis
            else None,
        )
        if empty:
            note = t("trend_gap").format(months="、".join(f"{m:%Y-%m}" for m in empty))
            fig.add_annotation(
                text=escape_plot(note),
                xref="paper",
                yref="paper",
                x=1,
                y=1.0,
                xanchor="right",
                yanchor="bottom",
                showarrow=False,
                font={"size": 11, "color": "#6c757d"},
            )
    else:
        fig.update_xaxes(type="category", categoryorder="array", categoryarray=axis, tickangle=-30)
    fig.update_yaxes(rangemode="tozero")
    return fig


def article_ticks(vis: Visual, trends: pd.DataFrame) -> dict[str, str]:
    """The tick of each article on a per-article trend: its date and tag (the title is in
    the tooltip)."""
    if s.ARTICLE_ID not in trends or s.PERIOD not in trends:
        return {}
    firsts = trends.drop_duplicates(s.ARTICLE_ID)
    return {
        str(a): f"{p:%Y-%m-%d} · {vis.tags.get(str(a), str(a))}"
        for a, p in zip(firsts[s.ARTICLE_ID], firsts[s.PERIOD], strict=True)
    }


def term_trends_figure(
    trends: pd.DataFrame, vis: Visual, terms: list[str], monthly: bool, split: bool | None = None
) -> Chart:
    """Each term's rate per 10,000 words per month or per article (the `term_trends`
    table), counts in the tooltip: Voyant's Trends. `split` (default: from SPLIT_FROM
    terms): one small plot per term."""
    t = translator(vis.lang)
    colours = {w: THEME_COLOURS[i % len(THEME_COLOURS)] for i, w in enumerate(terms)}
    tips = MonthTip(
        "<b>%{meta[0]}</b><br>%{x|%Y-%m}<br>"
        + t("trend_term_tip").format(
            count="%{customdata[1]:,}", words="%{customdata[2]:,}", rate="%{y:,.1f}"
        )
        + "<extra></extra>",
        (s.COUNT, s.WORDS),
    ) if monthly else [
        tip(
            bold(w),
            f"{escape_plot(vis.title(a))} · {p:%Y-%m-%d}",
            t("trend_term_tip").format(count=number(n), words=number(total), rate=f"{r:,.1f}"),
        )
        for w, p, a, n, total, r in zip(
            trends[s.TERM], trends[s.PERIOD], trends[s.ARTICLE_ID], trends[s.COUNT],
            trends[s.WORDS], trends[s.RATE], strict=True,
        )
    ]  # fmt: skip
    split = len(terms) >= SPLIT_FROM if split is None else split
    fig = lines_over_dates(
        trends, s.TERM, s.RATE, {w: w for w in terms}, colours, tips, monthly,
        labels=article_ticks(vis, trends), split=split, lang=vis.lang,
    )  # fmt: skip
    if not split:
        fig.update_yaxes(title_text=t("per_10k"))
    return Chart(fig, click=("q",), opens="concordance")


def theme_trends_figure(
    trends: pd.DataFrame, vis: Visual, themes: list[str], monthly: bool, split: bool = False
) -> Chart:
    """Each theme's share of the selected turns per month (`theme_trends_monthly`) or per
    article (`theme_trends`), in the same form as the terms' trends; `split`: one small
    plot per theme."""
    t = translator(vis.lang)
    trends = trends.dropna(subset=[s.PUBLISHED] if not monthly else []).rename(
        columns={"month" if monthly else s.PUBLISHED: s.PERIOD}
    )
    if not monthly:
        trends = trends.assign(**{s.PERIOD: trends[s.PERIOD].dt.normalize()})
    # Every theme at every period, zero where it is not touched (as the terms' trends): a
    # line that skips a period would read as if the theme were there all along.
    keys = [s.PERIOD] if monthly else [s.PERIOD, s.ARTICLE_ID]
    grid = trends[keys].drop_duplicates().merge(pd.DataFrame({s.THEME: themes}), how="cross")
    trends = grid.merge(trends, on=[*keys, s.THEME], how="left")
    trends = trends.fillna({s.SHARE: 0.0, s.TURNS_COUNT: 0})
    tips = MonthTip(
        "<b>%{meta[0]}</b><br>%{x|%Y-%m}<br>"
        + t("trend_tip").format(share="%{y:.1%}", n="%{customdata[1]:,}")
        + "<extra></extra>",
        (s.TURNS_COUNT,),
    ) if monthly else [
        tip(
            bold(vis.theme(theme)),
            f"{escape_plot(vis.title(a))} · {p:%Y-%m-%d}",
            t("trend_tip").format(share=percent(sh), n=number(n)),
        )
        for theme, p, a, sh, n in zip(
            trends[s.THEME], trends[s.PERIOD],
            trends[s.ARTICLE_ID] if not monthly else [""] * len(trends),
            trends[s.SHARE], trends[s.TURNS_COUNT], strict=True,
        )
    ]  # fmt: skip
    names = {theme: vis.theme(theme) for theme in themes}
    colours = {theme: vis.theme_colour(theme) for theme in themes}
    fig = lines_over_dates(
        trends, s.THEME, s.SHARE, names, colours, tips, monthly,
        labels=article_ticks(vis, trends), split=split, lang=vis.lang,
    )  # fmt: skip
    fig.update_yaxes(tickformat=".0%")
    return Chart(fig, click=("theme",))
