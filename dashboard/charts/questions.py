"""How questions are asked and answered: answer length along each conversation and by the
question's theme, question types and follow-up rates per interviewer, and how often an answer
shares no theme or key term with its question. Each mark carries the Questions page's list
filters it stands for, so a click filters the list (`dashboard.clicks`)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis import schema as s
from analysis.store import exchanges as x
from dashboard.charts.base import (
    HOVER,
    Chart,
    base_layout,
    bold,
    category_axis,
    number,
    percent,
    tip,
)
from dashboard.charts.look import Visual
from dashboard.formatting import escape_plot
from dashboard.texts import translator

# One colour per question type: open, closed, statement.
TYPE_COLOURS = {s.OPEN: "#1c4e80", s.CLOSED: "#f2a104", s.STATEMENT: "#868e96"}
LINE_COLOUR = "#ced4da"  # the conversations' lines: behind the points, not competing
BAR_PX = 30  # per bar of a per-person or per-theme chart


def exchange_id(article_id: str, exchange: int) -> str:
    """The link value of one exchange (`qa_open`): `article:exchange`."""
    return f"{article_id}:{int(exchange)}"


def lengths_figure(lengths: pd.DataFrame, vis: Visual) -> Chart:
    """Answer length per question along each conversation: a point per question at its place
    in the conversation (share of the article's speech before it) and its answer's
    characters, coloured by type, each article's questions joined by a faint line. A click
    opens the question (`qa_open`)."""
    t = translator(vis.lang)
    fig = go.Figure()
    for article_id, rows in lengths.groupby(s.ARTICLE_ID, sort=False):
        fig.add_trace(
            go.Scatter(
                x=rows[s.POSITION],
                y=rows[s.ANSWER_CHARS],
                mode="lines",
                line={"color": LINE_COLOUR, "width": 1},
                hoverinfo="skip",
                showlegend=False,
                name=escape_plot(vis.article(article_id)),
            )
        )
    for kind in s.QUESTION_TYPES:
        rows = lengths[lengths[s.QUESTION_TYPE] == kind]
        if rows.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=rows[s.POSITION],
                y=rows[s.ANSWER_CHARS],
                mode="markers",
                name=t(f"qa_type_{kind}"),
                marker={"color": TYPE_COLOURS[kind], "size": 9, "line": {"width": 0}},
                customdata=[
                    [exchange_id(a, n)]
                    for a, n in zip(rows[s.ARTICLE_ID], rows[s.EXCHANGE], strict=True)
                ],
                hovertext=[
                    tip(
                        bold(vis.article(a)),
                        escape_plot(t("qa_tip_exchange").format(n=n) + " · " + asker),
                        f"{t('qa_axis_answer_chars')}: {number(chars)}",
                    )
                    for a, n, asker, chars in zip(
                        rows[s.ARTICLE_ID],
                        rows[s.EXCHANGE],
                        rows[s.ASKER],
                        rows[s.ANSWER_CHARS],
                        strict=True,
                    )
                ],
                hovertemplate=HOVER,
            )
        )
    base_layout(fig, height=360)
    fig.update_xaxes(title_text=t("qa_axis_position"), range=[-0.02, 1.02], tickformat=".0%")
    fig.update_yaxes(title_text=t("qa_axis_answer_chars"), rangemode="tozero")
    return Chart(fig, click=("qa_open",))


def by_theme_figure(by_theme: pd.DataFrame, vis: Visual) -> Chart:
    """The median answer (in characters) to questions touching each theme, a bar per theme
    in the themes file's order; a click lists those questions (`qa_theme`)."""
    t = translator(vis.lang)
    labels = [vis.theme(th) for th in by_theme[s.THEME]]
    fig = go.Figure(
        go.Bar(
            x=by_theme[x.MEDIAN_ANSWER_CHARS],
            y=[escape_plot(label) for label in labels],
            orientation="h",
            marker={"color": [vis.theme_colour(th) for th in by_theme[s.THEME]]},
            customdata=[[th] for th in by_theme[s.THEME]],
            hovertext=[
                tip(
                    bold(label),
                    f"{t('qa_axis_median_chars')}: {number(median)}",
                    escape_plot(t("qa_tip_mean").format(mean=number(mean))),
                    escape_plot(t("qa_tip_count").format(n=answered, unanswered=unanswered)),
                )
                for label, median, mean, answered, unanswered in zip(
                    labels,
                    by_theme[x.MEDIAN_ANSWER_CHARS],
                    by_theme[x.MEAN_ANSWER_CHARS],
                    by_theme[x.ANSWERED],
                    by_theme[x.UNANSWERED],
                    strict=True,
                )
            ],
            hovertemplate=HOVER,
        )
    )
    base_layout(fig, height=80 + BAR_PX * max(len(labels), 1), legend=False)
    category_axis(fig, "y", labels, reverse=True)
    fig.update_xaxes(title_text=t("qa_axis_median_chars"), rangemode="tozero")
    return Chart(fig, click=("qa_theme",))


def types_figure(types: pd.DataFrame, lang: str = "zh") -> Chart:
    """Questions of each type per interviewer, stacked, the most asking on top; a click on a
    segment lists that interviewer's questions of that type (`qa_asker`, `qa_type`)."""
    t = translator(lang)
    askers = list(dict.fromkeys(types[s.ASKER]))
    fig = go.Figure()
    for kind in s.QUESTION_TYPES:
        rows = types[types[s.QUESTION_TYPE] == kind]
        if rows.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=rows[x.EXCHANGES_COUNT],
                y=[escape_plot(a) for a in rows[s.ASKER]],
                orientation="h",
                name=t(f"qa_type_{kind}"),
                marker={"color": TYPE_COLOURS[kind]},
                customdata=[[a, kind] for a in rows[s.ASKER]],
                hovertext=[
                    tip(bold(a), f"{escape_plot(t(f'qa_type_{kind}'))}: {number(n)}")
                    for a, n in zip(rows[s.ASKER], rows[x.EXCHANGES_COUNT], strict=True)
                ],
                hovertemplate=HOVER,
            )
        )
    base_layout(fig, height=110 + BAR_PX * max(len(askers), 1))
    fig.update_layout(barmode="stack")
    category_axis(fig, "y", askers, reverse=True)
    fig.update_xaxes(title_text=t("qa_axis_questions"))
    return Chart(fig, click=("qa_asker", "qa_type"))


def rate_figure(rates: pd.DataFrame, by: str, count: str, total: str, lang: str = "zh") -> Chart:
    """A rate per person (`by`: the asker's follow-ups or the answerer's answers that share
    nothing with their question), `count` of `total` in the tooltip, most exchanges on top;
    a click lists those exchanges (`qa_asker` and `qa_follow=1`, or `qa_answerer` and
    `qa_shift=1`)."""
    t = translator(lang)
    people = [str(p) for p in rates[by]]
    click = ("qa_asker", "qa_follow") if by == s.ASKER else ("qa_answerer", "qa_shift")
    colour = "#4c9be8" if by == s.ASKER else "#e8590c"
    fig = go.Figure(
        go.Bar(
            x=rates[x.RATE],
            y=[escape_plot(p) for p in people],
            orientation="h",
            marker={"color": colour},
            customdata=[[p, "1"] for p in people],
            text=[percent(r) for r in rates[x.RATE]],
            textposition="auto",
            hovertext=[
                tip(
                    bold(p),
                    f"{percent(r)} ({escape_plot(t('qa_tip_rate').format(count=c, total=n))})",
                )
                for p, r, c, n in zip(
                    people, rates[x.RATE], rates[count], rates[total], strict=True
                )
            ],
            hovertemplate=HOVER,
        )
    )
    base_layout(fig, height=80 + BAR_PX * max(len(people), 1), legend=False)
    category_axis(fig, "y", people, reverse=True)
    fig.update_xaxes(title_text=t("qa_axis_rate"), tickformat=".0%", range=[0, 1.05])
    return Chart(fig, click=click)
