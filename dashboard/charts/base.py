"""What every chart shares: layout (CJK font, legend below, no drag-zoom), tooltip pieces
and axes (dates, categories, articles as rows)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import timedelta

import pandas as pd
import plotly.graph_objects as go

from dashboard.formatting import escape_plot

FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"


DAY_MS = 86_400_000

LEGEND_BELOW = {
    "orientation": "h",
    "x": 0,
    "xanchor": "left",
    "yref": "container",
    "yanchor": "bottom",
    "y": 0,
    "title": {"text": ""},
    "traceorder": "normal",  # stacked bars would list them reversed
}


@dataclass(frozen=True)
class Chart:
    """A figure and its click contract: the link names its marks' custom data carry, in
    order (`click`), and the page a click opens (`opens`, a name in dashboard.pages; None:
    the click filters the page it is on). A mark's custom data may be shorter than `click`
    (a named speaker carries no article): the names past its end are not set."""

    fig: go.Figure
    click: tuple[str, ...] = ()
    opens: str | None = None


PHONE_PX = 330  # a phone's plot width (390 px less the page's padding)
LEGEND_ROW_PX = 20


def text_px(text: str, size: int = 12) -> float:
    """The width a text takes: Han characters a full em, others about 0.6 of one."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.6 for ch in text)


def legend_rows(fig: go.Figure, width: float) -> int:
    """The rows a horizontal legend wraps into at `width` px: plotly lines its items up in
    columns as wide as the widest item (a 40-px symbol and the name)."""
    names = [str(trace.name) for trace in fig.data if trace.name and trace.showlegend is not False]
    if not names:
        return 0
    widest = max(40 + text_px(html.unescape(name)) + 10 for name in names)
    per_row = max(int(width // widest), 1)
    return -(-len(names) // per_row)


def base_layout(fig: go.Figure, height: int, legend: bool = True) -> go.Figure:
    """Layout every chart shares: font with CJK, legend below the plot (phones have no room
    beside it, and above it a wrapped legend covers the first row's label), room at the top
    for plotly's modebar, no drag-zoom (it fights with scrolling on touch screens)."""
    if legend:
        # The legend takes its rows from the plot's height: room for the rows it wraps
        # into on a phone, so the rows keep their height there.
        height += legend_rows(fig, PHONE_PX) * LEGEND_ROW_PX
    fig.update_layout(
        height=height,
        margin={"t": 30, "b": 10, "l": 10, "r": 10},
        font={"family": FONT, "size": 12},
        hoverlabel={"font": {"family": FONT}, "align": "left"},
        showlegend=legend,
        # At the bottom of the whole figure (container), under the axis title: the margin
        # grows with the rows a narrow screen wraps it into, so it never covers a mark.
        legend=LEGEND_BELOW,
        separators=".,",  # 12,000.5 in both languages (Streamlit's theme would give 12.000)
        dragmode=False,
    )
    fig.update_xaxes(automargin=True, fixedrange=True)
    fig.update_yaxes(automargin=True, fixedrange=True)
    return fig


HOVER = "%{hovertext}<extra></extra>"  # tooltips are formatted in Python, escaped, per mark


def tip(*lines: str) -> str:
    """A tooltip from lines that are already escaped."""
    return "<br>".join(line for line in lines if line)


def bold(text: str) -> str:
    return f"<b>{escape_plot(text)}</b>"


def number(value: float) -> str:
    return f"{value:,.0f}"


def percent(value: float) -> str:
    return f"{value:.1%}"


def date_axis(fig: go.Figure, dates: pd.Series, axis: str = "x") -> None:
    """A date axis that shows days at any selection size, a single date included."""
    dates = pd.to_datetime(dates).dropna()
    if dates.empty:
        return
    low, high = dates.min().normalize(), dates.max().normalize()
    pad = max((high - low) * 0.06, timedelta(days=2))
    settings = {
        "type": "date",
        "tickformat": "%Y-%m-%d",
        "range": [low - pad, high + pad + timedelta(days=1)],
        "hoverformat": "%Y-%m-%d",
    }
    if (high - low) <= timedelta(days=14):
        settings["dtick"] = DAY_MS * max(1, (high - low).days // 5 or 1)
        settings["tick0"] = low
    (fig.update_xaxes if axis == "x" else fig.update_yaxes)(**settings)


def category_axis(fig: go.Figure, axis: str, labels: list[str], reverse: bool = False) -> None:
    """A category axis with every label, in a fixed order (so grids line up)."""
    escaped = [escape_plot(label) for label in labels]
    settings = {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": escaped[::-1] if reverse else escaped,
        "tickmode": "array",
        "tickvals": escaped,
        "ticktext": escaped,
    }
    (fig.update_xaxes if axis == "x" else fig.update_yaxes)(**settings)


def article_rows(fig: go.Figure, labels: list[str]) -> None:
    """Articles as rows, newest on top, each label written above its row inside the plot:
    labels beside the rows would take a third of a phone's width."""
    category_axis(fig, "y", labels, reverse=True)
    fig.update_yaxes(ticklabelposition="inside top", ticks="", showgrid=False)
    # "inside top" draws a label just above its row's centre: the bars sit just below it.
    fig.update_traces(width=0.42, offset=-0.4, selector={"type": "bar"})


def numbered_rows(fig: go.Figure, labels: list[str]) -> None:
    """Articles as rows 0..n-1 from the bottom (newest, the first label, on top), each label
    written above its row inside the plot; numbers rather than categories, so each mark
    carries a small integer instead of its article's label."""
    fig.update_yaxes(
        tickmode="array",
        tickvals=list(range(len(labels) - 1, -1, -1)),
        ticktext=[escape_plot(label) for label in labels],
        ticklabelposition="inside top",
        ticks="",
        range=[-0.6, len(labels) - 0.4],
        zeroline=False,
        showgrid=False,
    )
    # "inside top" draws a label just above its row's centre: the bars sit just below it.
    fig.update_traces(width=0.42, offset=-0.4, selector={"type": "bar"})


def start_at_zero(fig: go.Figure, longest: float) -> None:
    """A fixed x range from 0: autorange would pad the left to make room for inside labels."""
    fig.update_xaxes(range=[0, max(float(longest), 1.0) * 1.03], autorange=False)


ROW_PX = 46  # per article row, label above the bar included


# plotly.js's own strings (the modebar's and its notices), in Chinese: plotly reads a
# locale's dictionary from the config itself (`locales`), so no locale bundle is loaded.
MODEBAR_ZH = {
    "Download plot as a PNG": "下载为 PNG 图片",
    "Download plot": "下载图片",
    "Preparing image - this may take a few seconds": "正在生成图片，请稍候",
    "Image download succeeded": "图片已下载",
    "Sorry, there was a problem downloading your image!": "抱歉，图片下载失败。",
}


def plot_config(file_name: str, lang: str = "zh") -> dict:
    """plotly's config for every chart: only the PNG button (drawn by the browser, with its
    CJK font), shown while the pointer is on the chart (in the top margin `base_layout`
    keeps, so it covers no mark), its texts in the interface's language."""
    config = {
        "displaylogo": False,
        "displayModeBar": "hover",
        "modeBarButtons": [["toImage"]],
        "toImageButtonOptions": {"format": "png", "filename": file_name, "scale": 2},
    }
    if lang == "zh":
        config["locale"] = "zh-CN"
        config["locales"] = {"zh-CN": {"dictionary": MODEBAR_ZH}}
    return config
