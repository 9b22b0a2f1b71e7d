"""Who talks how much and when: the timeline, the speakers' bars and the conversation strip."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis import schema as s
from dashboard.charts.base import (
    HOVER,
    ROW_PX,
    Chart,
    article_rows,
    base_layout,
    bold,
    date_axis,
    number,
    numbered_rows,
    percent,
    start_at_zero,
    tip,
)
from dashboard.charts.look import (
    Visual,
    clip,
)
from dashboard.formatting import escape_plot
from dashboard.texts import translator


def timeline_figure(articles: pd.DataFrame, vis: Visual) -> Chart | None:
    """Articles on their publish dates, one row per account, size by speech; a click
    filters to the article."""
    t = translator(vis.lang)
    dated = articles.dropna(subset=[s.PUBLISHED])
    if dated.empty:
        return None
    accounts = [a or "—" for a in dated[s.ACCOUNT].astype(str)]
    sizes = dated[s.SPEECH_CHARS].astype(float)
    fig = go.Figure(
        go.Scatter(
            x=dated[s.PUBLISHED],
            y=[escape_plot(clip(a, 20)) for a in accounts],
            mode="markers",
            marker={
                "size": 12 + 26 * np.sqrt(sizes / max(sizes.max(), 1)),
                "color": "#4c9be8",
                "opacity": 0.75,
                "line": {"width": 1, "color": "#1c4e80"},
            },
            customdata=[[a] for a in dated[s.ARTICLE_ID]],
            hovertext=[
                tip(
                    bold(vis.title(a)),
                    f"{t('col_account')}: {escape_plot(acc)}",
                    f"{t('col_published')}: {p:%Y-%m-%d}",
                    f"{t('col_chars')}: {number(n)}",
                )
                for a, acc, p, n in zip(
                    dated[s.ARTICLE_ID], accounts, dated[s.PUBLISHED], sizes, strict=True
                )
            ],
            hovertemplate=HOVER,
        )
    )
    base_layout(fig, height=90 + 40 * len(set(accounts)), legend=False)
    date_axis(fig, dated[s.PUBLISHED])
    return Chart(fig, click=("article",))


def timeline_months_figure(months: pd.DataFrame, lang: str = "zh") -> Chart | None:
    """Articles per account and publish month, one bubble each, sized by speech: the
    timeline of a corpus too large to draw an article per mark. A click gives the month."""
    t = translator(lang)
    if months.empty:
        return None
    # A missing account (NA) is the other accounts summed (`article_months(accounts=)`).
    accounts = [
        t("timeline_other_accounts") if pd.isna(a) else (str(a) or "—") for a in months["account"]
    ]
    sizes = months[s.SPEECH_CHARS].astype(float)
    starts = months["month"].dt.strftime("%Y-%m-%d")
    ends = (months["month"] + pd.offsets.MonthEnd(0)).dt.strftime("%Y-%m-%d")
    # A template over numbers, not a tooltip string per mark: at 100,000 articles the
    # strings were most of the chart's 471 kB.
    fig = go.Figure(
        go.Scatter(
            x=months["month"].dt.strftime("%Y-%m").tolist(),
            y=[escape_plot(clip(a, 20)) for a in accounts],
            mode="markers",
            marker={
                "size": (10 + 30 * np.sqrt(sizes / max(sizes.max(), 1))).round(1),
                "color": "#4c9be8",
                "opacity": 0.75,
                "line": {"width": 1, "color": "#1c4e80"},
            },
            customdata=[
                [m, e, int(n), int(c)]
                for m, e, n, c in zip(starts, ends, months["articles"], sizes, strict=True)
            ],
            hovertemplate=(
                "<b>%{y}</b><br>%{x|%Y-%m}<br>"
                f"{t('col_articles')}: %{{customdata[2]:,}}<br>"
                f"{t('col_chars')}: %{{customdata[3]:,}}<extra></extra>"
            ),
        )
    )
    base_layout(fig, height=90 + 40 * len(set(accounts)), legend=False)
    fig.update_xaxes(type="date", tickformat="%Y-%m", hoverformat="%Y-%m")
    return Chart(fig, click=("from", "to"))


def speaker_bars(
    stats: pd.DataFrame,
    vis: Visual,
    column: str,
    unit: str,
    order: list[str],
    click: str = "article",
    relative: bool = False,
) -> Chart:
    """Per article (rows, in `order`), each speaker's amount of `column`, stacked, one colour each.

    `stats` is `speaker_stats` output. `relative`: each article's bar is 100% and every
    segment is the speaker's percentage of the article's `column`, written on it (Gong's
    talk ratio); otherwise the amounts. A click filters to the bar's article (`click=
    "article"`) or to its speaker (`"speaker"`: a role word with its article, one person).
    """
    t = translator(vis.lang)
    stats = stats.assign(_who=vis.identity(stats))
    totals = stats.groupby(s.ARTICLE_ID, sort=False)[column].transform("sum")
    stats = stats.assign(_pct=(stats[column] / totals.where(totals > 0)).fillna(0.0) * 100)
    amount = "{:,.1f}" if column in (s.EST_MINUTES, s.MINUTES) else "{:,.0f}"
    fig = go.Figure()
    people = dict(tuple(stats.groupby("_who", sort=False)))
    for who in vis.in_legend_order(people):
        rows = people[who]
        fig.add_trace(
            go.Bar(
                name=escape_plot(who),
                y=[escape_plot(vis.article(a)) for a in rows[s.ARTICLE_ID]],
                x=rows["_pct"] if relative else rows[column],
                orientation="h",
                marker={"color": vis.speaker_colour(who)},
                customdata=[
                    vis.click_speaker(sp, a) if click == "speaker" else [a]
                    for a, sp in zip(rows[s.ARTICLE_ID], rows[s.SPEAKER], strict=True)
                ],
                # The percentage on each segment in the 100% view; too narrow: hidden.
                text=[percent(p / 100) for p in rows["_pct"]] if relative else None,
                textposition="inside" if relative else "none",
                insidetextanchor="middle",
                textfont={"color": "white", "size": 10},
                hovertext=[
                    tip(
                        bold(who),
                        escape_plot(vis.title(a)),  # in full: the row's label is cut
                        f"{escape_plot(amount.format(n))} {escape_plot(unit)} · {percent(p / 100)}",
                        f"{t('col_turns')}: {number(turns)}",
                    )
                    for a, n, p, turns in zip(
                        rows[s.ARTICLE_ID],
                        rows[column],
                        rows["_pct"],
                        rows[s.TURNS_COUNT],
                        strict=True,
                    )
                ],  # fmt: skip
                hovertemplate=HOVER,
            )
        )
    labels = [vis.article(a) for a in order]
    base_layout(fig, height=110 + ROW_PX * len(labels))
    fig.update_layout(barmode="stack", uniformtext={"minsize": 8, "mode": "hide"})
    article_rows(fig, labels)
    if relative:
        fig.update_xaxes(range=[0, 100], autorange=False, ticksuffix="%", dtick=25)
        fig.update_xaxes(title_text=t("share_axis"))
    else:
        start_at_zero(fig, stats.groupby(s.ARTICLE_ID)[column].sum().max() if len(stats) else 1)
        fig.update_xaxes(title_text=unit, tickformat=",")
    return Chart(fig, click=("speaker", "article") if click == "speaker" else ("article",))


def strip_figure(turns: pd.DataFrame, vis: Visual, order: list[str]) -> Chart:
    """The conversation strip: per article, every turn in turn order, one segment per turn,
    width its characters, coloured by speaker. Segments sit at explicit offsets (`base`), so
    the order is the conversation's whatever the trace order.

    Bounded by the caller (`within_marks`). Per segment only numbers, its id and the click's
    custom data travel; the tooltip is a template over them (speaker, turn, characters)."""
    t = translator(vis.lang)
    turns = turns.sort_values([s.ARTICLE_ID, s.TURN])
    offsets = turns.groupby(s.ARTICLE_ID, observed=True)[s.CHARS].cumsum() - turns[s.CHARS]
    row = {a: len(order) - 1 - i for i, a in enumerate(order)}  # newest on top
    turns = turns.assign(_who=vis.identity(turns), _base=offsets, _row=turns[s.ARTICLE_ID].map(row))
    fig = go.Figure()
    people = dict(tuple(turns.groupby("_who", sort=False)))
    for who in vis.in_legend_order(people):
        rows = people[who]
        fig.add_trace(
            go.Bar(
                name=escape_plot(who),
                y=rows["_row"].to_numpy(),
                x=rows[s.CHARS].to_numpy(),
                base=rows["_base"].to_numpy(),
                ids=[f"{a}:{n}" for a, n in zip(rows[s.ARTICLE_ID], rows[s.TURN], strict=True)],
                orientation="h",
                marker={"color": vis.speaker_colour(who), "line": {"width": 0.5, "color": "white"}},
                customdata=[
                    vis.click_speaker(sp, a)
                    for a, sp in zip(rows[s.ARTICLE_ID], rows[s.SPEAKER], strict=True)
                ],
                text=[str(n) for n in rows[s.TURN]],
                textposition="none",
                meta=[bold(who)],
                hovertemplate=f"#%{{text}} · %{{meta[0]}}<br>%{{x:,}} {t('unit_chars')}"
                "<extra></extra>",
            )
        )
    base_layout(fig, height=110 + ROW_PX * len(order))
    fig.update_layout(barmode="overlay")
    numbered_rows(fig, [vis.article(a) for a in order])
    start_at_zero(fig, (turns["_base"] + turns[s.CHARS]).max() if len(turns) else 1)
    fig.update_xaxes(title_text=t("strip_axis"), tickformat=",")
    return Chart(fig, click=("speaker", "article"))
