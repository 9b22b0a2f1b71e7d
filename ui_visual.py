"""The dashboard's one visual language: who a speaker is across articles, colours, labels, tooltips,
table headers and the charts themselves.

Every page draws through here, so a new chart gets the same speaker colour, the same article
label, the language's theme names and escaped data text without thinking about it. Colours are
derived from the whole corpus (never the filtered rows), so they stay put while filtering.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import schema as s
from analysis.config import ConfigError, Theme, load_speakers
from analysis.measures.talk import SpeechRate, generic_speakers
from ui_format import escape_markdown, escape_plot, escape_template
from ui_text import lang, t

# Roles in families: hosts blue-violet, guests orange-red, audience green, others grey.
ROLE_COLOURS = {
    s.HOST: ("#1c4e80", "#4c9be8", "#0f8b8d", "#6a51a3", "#9e9ac8", "#74c0c4"),
    s.GUEST: ("#e8590c", "#c92a2a", "#f2a104", "#d6336c", "#9c4a1a", "#ff8a65"),
    s.AUDIENCE: ("#2f9e44", "#82c91e", "#087f5b"),
    s.OTHER: ("#868e96", "#495057", "#adb5bd"),
}
# Themes: no two alike (tested by colour distance); more themes than colours get tints.
THEME_COLOURS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#0b1f65", "#ffd92f", "#7fe0a3", "#5c3a00", "#c5b0d5", "#9edae5",
)  # fmt: skip
ARTICLE_COLOURS = ("#495057", "#868e96", "#adb5bd", "#343a40", "#ced4da")  # greys: not a theme
FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
LABEL_CHARS = 12  # characters of a title in a chart label: readable at phone width
DAY_MS = 86_400_000


def tint(colour: str, step: int) -> str:
    """The colour mixed with white, lighter for each step: more speakers than a family has."""
    if step == 0:
        return colour
    mix = min(0.2 * step, 0.8)
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * mix):02x}" for c in rgb)


def clip(text: str, limit: int) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def article_tags(article_ids) -> dict[str, str]:
    """A short name per article for labels: the id's part before '_' (003) when that is unique."""
    ids = [str(a) for a in article_ids]
    heads = [a.split("_", 1)[0] or a for a in ids]
    counts = pd.Series(heads).value_counts()
    return {
        a: head if counts[head] == 1 and len(head) <= 10 else clip(a, 16)
        for a, head in zip(ids, heads, strict=True)
    }


@dataclass(frozen=True)
class Visual:
    """Names and colours for one corpus and language; pages get theirs from `visual()`."""

    titles: dict[str, str]  # article id -> title
    tags: dict[str, str]  # article id -> short tag (003)
    generic: frozenset[str]  # speaker names that are a role word: one person per article
    speaker_colours: dict[str, str]  # speaker identity -> colour
    theme_colours: dict[str, str]
    theme_labels: dict[str, str]  # theme name -> name in the interface's language

    # ------------------------------------------------------------ names a person reads

    def article(self, article_id: str) -> str:
        """Chart label of an article: its tag and the start of its title (plain text)."""
        tag = self.tags.get(article_id, article_id)
        return f"{tag} · {clip(self.titles.get(article_id, article_id), LABEL_CHARS)}"

    def title(self, article_id: str) -> str:
        return self.titles.get(article_id, article_id)

    def theme(self, name: str) -> str:
        return self.theme_labels.get(name, name)

    def identity(self, frame: pd.DataFrame) -> pd.Series:
        """Who each row's speaker is across articles: a named person is one speaker everywhere;
        a role word (主持人) is a different person per article, shown with it (主持人 · 003)."""
        speakers = frame[s.SPEAKER].astype(str)
        if frame.empty:
            return speakers
        tags = frame[s.ARTICLE_ID].astype(str).map(self.tags).fillna(frame[s.ARTICLE_ID])
        return speakers.where(~speakers.isin(self.generic), speakers + " · " + tags)

    def is_generic(self, speaker: str) -> bool:
        return speaker in self.generic

    def speaker_colour(self, identity: str) -> str:
        return self.speaker_colours.get(identity, ROLE_COLOURS[s.OTHER][0])

    def in_legend_order(self, identities) -> list[str]:
        """Speakers as legends list them: hosts, guests, audience, others; most talk first."""
        rank = {who: i for i, who in enumerate(self.speaker_colours)}
        return sorted(dict.fromkeys(identities), key=lambda who: (rank.get(who, len(rank)), who))

    def theme_colour(self, name: str) -> str:
        return self.theme_colours.get(name, ROLE_COLOURS[s.OTHER][0])

    def click_speaker(self, speaker: str, article_id: str) -> list[str]:
        """Custom data of a speaker's mark: the name, and for a role word also its article,
        so a click filters to that one person (see app_state.filters_from_point)."""
        return [speaker, article_id] if speaker in self.generic else [speaker]


def _speaker_colours(turns: pd.DataFrame, partial: Visual) -> dict[str, str]:
    """Colours by role family; within a role the speakers who talk most get the first colours."""
    if turns.empty:
        return {}
    talk = (
        turns.assign(_who=partial.identity(turns))
        .groupby(["_who", s.ROLE], observed=True)[s.CHARS]
        .sum()
        .reset_index()
        .sort_values([s.CHARS, "_who"], ascending=[False, True])
    )
    main_role = talk.drop_duplicates("_who")  # a person's role where they talk most
    colours: dict[str, str] = {}
    roles = [r for r in s.ROLES if r in set(main_role[s.ROLE])]
    roles += sorted(set(main_role[s.ROLE]) - set(roles))
    for role in roles:  # hosts, then guests, audience, others: the order legends follow
        group = main_role[main_role[s.ROLE] == role]
        family = ROLE_COLOURS.get(role, ROLE_COLOURS[s.OTHER])
        for i, who in enumerate(group["_who"]):
            colours[who] = tint(family[i % len(family)], i // len(family))
    return colours


def _theme_colours(themes: list[Theme]) -> dict[str, str]:
    n = len(THEME_COLOURS)
    return {th.name: tint(THEME_COLOURS[i % n], i // n) for i, th in enumerate(themes)}


def speaker_config(path: str):
    try:
        return load_speakers(path)
    except (ConfigError, OSError):
        return load_speakers()  # the reader falls back the same way; its message says why


@st.cache_data(show_spinner=False, max_entries=16)
def _visual(data_key: str, language: str, speakers_path: str, _store) -> Visual:
    articles = _store.articles()
    ids = list(articles[s.ARTICLE_ID])
    english = language == "en"
    # Talk per speaker, article and role: enough to tell who is who and rank the colours.
    talk = _store.turn_totals(by=(s.ARTICLE_ID, s.SPEAKER, s.ROLE))
    partial = Visual(
        titles=dict(zip(ids, articles[s.TITLE].astype(str), strict=True)),
        tags=article_tags(ids),
        generic=frozenset(
            generic_speakers(_store.options()["speakers"], speaker_config(speakers_path))
        ),
        speaker_colours={},
        theme_colours=_theme_colours(_store.themes),
        theme_labels={
            th.name: (th.label_en if english and th.label_en else th.name) for th in _store.themes
        },
    )
    return Visual(**{**partial.__dict__, "speaker_colours": _speaker_colours(talk, partial)})


def visual(data) -> Visual:
    """The visual language for this visitor's corpus (all of it, not the filtered part)."""
    import ui_data

    return _visual(data.key, lang(), str(ui_data.speakers_file()), data.store)


# ---------------------------------------------------------------- figures: shared pieces


def base_layout(fig: go.Figure, height: int, legend: bool = True) -> go.Figure:
    """Layout every chart shares: font with CJK, legend below the plot (phones have no room
    beside it), no drag-zoom (it fights with scrolling on touch screens)."""
    fig.update_layout(
        height=height,
        margin={"t": 10, "b": 10, "l": 10, "r": 10},
        font={"family": FONT, "size": 12},
        hoverlabel={"font": {"family": FONT}, "align": "left"},
        showlegend=legend,
        # Above the plot: below it, it collides with the axis title.
        legend={
            "orientation": "h",
            "x": 0,
            "yanchor": "bottom",
            "y": 1.01,
            "title": {"text": ""},
            "traceorder": "normal",  # stacked bars would list them reversed
        },
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


def start_at_zero(fig: go.Figure, longest: float) -> None:
    """A fixed x range from 0: autorange would pad the left to make room for inside labels."""
    fig.update_xaxes(range=[0, max(float(longest), 1.0) * 1.03], autorange=False)


ROW_PX = 46  # per article row, label above the bar included


# ---------------------------------------------------------------- figures


def timeline_figure(articles: pd.DataFrame, vis: Visual) -> go.Figure | None:
    """Articles on their publish dates, one row per account, size by speech."""
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
    return fig


def speaker_bars(
    stats: pd.DataFrame, vis: Visual, column: str, unit: str, order: list[str]
) -> go.Figure:
    """Per article (rows, in `order`), each speaker's amount of `column`, stacked, one colour each.

    `stats` is `speaker_stats` output; custom data is [article, speaker(, article)] so a
    click can filter either way.
    """
    stats = stats.assign(_who=vis.identity(stats))
    amount = ",.1f" if column in (s.EST_MINUTES, s.MINUTES) else ",.0f"
    fig = go.Figure()
    people = dict(tuple(stats.groupby("_who", sort=False)))
    for who in vis.in_legend_order(people):
        rows = people[who]
        fig.add_trace(
            go.Bar(
                name=escape_plot(who),
                y=[escape_plot(vis.article(a)) for a in rows[s.ARTICLE_ID]],
                x=rows[column],
                orientation="h",
                marker={"color": vis.speaker_colour(who)},
                customdata=[
                    [a, *vis.click_speaker(sp, a)]
                    for a, sp in zip(rows[s.ARTICLE_ID], rows[s.SPEAKER], strict=True)
                ],
                # The tooltip is a template: the article is the row's label (%{y}), the
                # amount is x; share and turns ride in `text`, not shown on the bars.
                text=[
                    f"{t('col_share')}: {percent(sh)}<br>{t('col_turns')}: {number(n)}"
                    for sh, n in zip(rows[s.SHARE], rows[s.TURNS_COUNT], strict=True)
                ],
                textposition="none",
                meta=[bold(who)],
                hovertemplate=f"%{{meta[0]}}<br>%{{y}}<br>%{{x:{amount}}} {escape_plot(unit)}"
                "<br>%{text}<extra></extra>",
            )
        )
    labels = [vis.article(a) for a in order]
    base_layout(fig, height=110 + ROW_PX * len(labels))
    fig.update_layout(barmode="stack")
    article_rows(fig, labels)
    start_at_zero(fig, stats.groupby(s.ARTICLE_ID)[column].sum().max() if len(stats) else 1)
    fig.update_xaxes(title_text=unit, tickformat=",")
    return fig


MAX_MARKS = 1500  # marks of a chart with one per turn or hit: bytes and the browser's drawing


def within_marks(
    rows: pd.DataFrame, order: list[str], most: int | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """The rows of the leading articles of `order` (newest first) that fit in `most` marks
    (MAX_MARKS) together, and those articles; when the first alone has more, its first `most`
    rows (by turn). A chart with a mark per turn then stays bounded however long the
    conversations."""
    most = MAX_MARKS if most is None else most
    sizes = rows[s.ARTICLE_ID].value_counts()
    kept: list[str] = []
    total = 0
    for article in order:
        n = int(sizes.get(article, 0))
        if kept and total + n > most:
            break
        kept.append(article)
        total += n
    shown = rows[rows[s.ARTICLE_ID].isin(kept)]
    if len(shown) > most:
        shown = shown.sort_values([s.ARTICLE_ID, s.TURN]).head(most)
    return shown, kept


def marks_note(drawn: pd.DataFrame, rows: pd.DataFrame, shown: list[str], order: list[str]):
    """Say what a chart bounded by `within_marks` left out, when it left anything out."""
    if len(drawn) < len(rows):
        st.caption(
            t("marks_capped").format(
                marks=f"{len(drawn):,}",
                all=f"{len(rows):,}",
                shown=len(shown),
                total=len(order),
                most=f"{MAX_MARKS:,}",
            )
        )


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


def strip_figure(turns: pd.DataFrame, vis: Visual, order: list[str]) -> go.Figure:
    """The conversation strip: per article, every turn in turn order, one segment per turn,
    width its characters, coloured by speaker. Segments sit at explicit offsets (`base`), so
    the order is the conversation's whatever the trace order.

    Bounded by the caller (`within_marks`). Per segment only numbers, its id and the click's
    custom data travel; the tooltip is a template over them (speaker, turn, characters)."""
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
    return fig


def grid_figure(
    counts: pd.DataFrame, totals: pd.DataFrame, themes: list[str], vis: Visual, order: list[str]
) -> go.Figure:
    """Article × theme: one square per pair, every theme and article labelled, zero included.

    `totals` has the selected turns per article (`article_id`, `turns`). A scatter of squares
    on fixed category axes, not a heatmap: heatmaps report no clicks.
    """
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
    return fig


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


def who_says_what_figure(scores: pd.DataFrame, name_a: str, name_b: str) -> go.Figure:
    """Every term of two groups on dense-rank axes (zero included), coloured by log-odds z."""
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
    return fig


def flow_figure(flow: pd.DataFrame, vis: Visual, themes: list[str], order: list[str]) -> go.Figure:
    """Where each theme comes up: turn position 0-1 per article, one colour per theme.

    Rows are numbers, not categories, so the marks can sit just below each row's label.
    Bounded by the caller (`within_marks`); per mark only numbers and the click's custom data
    travel, and the tooltip is a template (theme, article tag and turn, hits).
    """
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
    return fig


def theme_bars(
    counts: pd.DataFrame,
    vis: Visual,
    themes: list[str],
    by: str,
    colours: dict[str, str],
    order: list[str],
) -> go.Figure:
    """Turns touching each theme (rows: every theme), one bar group per `by` value.

    `counts` has a `_click` column: the custom data after the theme (what a click filters to).
    """
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
                customdata=[
                    [th, *rest] for th, rest in zip(rows[s.THEME], rows["_click"], strict=True)
                ],
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
    return fig


# ---------------------------------------------------------------- tables

# Column -> (interface text key, kind). Kinds set the number format.
COLUMNS: dict[str, tuple[str, str]] = {
    s.ARTICLE_ID: ("col_article", "text"),
    s.TITLE: ("col_title", "text"),
    s.ACCOUNT: ("col_account", "text"),
    s.PUBLISHED: ("col_published", "date"),
    s.PLACE: ("col_place", "text"),
    s.URL: ("col_url", "link"),
    s.N_TURNS: ("col_turns", "int"),
    s.N_SPEAKERS: ("col_n_speakers", "int"),
    s.SPEECH_CHARS: ("col_chars", "int"),
    s.TURN: ("col_turn", "int"),
    s.SECTION: ("col_section", "text"),
    s.SPEAKER: ("col_speaker", "text"),
    s.ROLE: ("col_role", "text"),
    s.TEXT: ("col_text", "text"),
    s.CHARS: ("col_chars", "int"),
    s.TURNS_COUNT: ("col_turns", "int"),
    s.SHARE: ("col_share", "percent"),
    s.TURN_SHARE: ("col_turn_share", "percent"),
    s.EST_MINUTES: ("col_minutes", "float1"),
    s.MINUTES: ("col_speaking_minutes", "float1"),
    s.MINUTES_SOURCE: ("col_minutes_source", "text"),
    s.LONGEST_TURN_CHARS: ("col_longest_turn_chars", "int"),
    s.LONGEST_TURN: ("col_longest_turn", "int"),
    s.MEAN_TURN_CHARS: ("col_mean_turn_chars", "float0"),
    s.QUESTIONS: ("col_questions", "int"),
    s.HOST_GUEST_RATIO: ("col_host_guest_ratio", "float2"),
    s.SWITCHES_PER_1K: ("col_switches", "float2"),
    s.TERM: ("col_term", "text"),
    s.COUNT: ("col_count", "int"),
    s.RATE: ("col_rate", "float1"),
    s.TFIDF: ("col_tfidf", "float4"),
    s.COUNT_A: ("col_count_a", "int"),
    s.COUNT_B: ("col_count_b", "int"),
    s.G2: ("col_g2", "float1"),
    s.LOG_RATIO: ("col_log_ratio", "float2"),
    s.Z: ("col_z", "float2"),
    s.RATE_A: ("col_rate_a", "float1"),
    s.RATE_B: ("col_rate_b", "float1"),
    s.P_VALUE: ("col_p_value", "pvalue"),
    s.P_ADJUSTED: ("col_p_adjusted", "pvalue"),
    s.PERIOD: ("col_period", "date"),
    s.WORDS: ("col_words", "int"),
    s.PHRASE: ("col_phrase", "text"),
    s.FREQ: ("col_freq", "int"),
    s.MI: ("col_mi", "float2"),
    s.NGRAM: ("col_ngram", "text"),
    s.ARTICLES_COUNT: ("col_articles", "int"),
    s.TERM_A: ("col_term_a", "text"),
    s.TERM_B: ("col_term_b", "text"),
    s.TOGETHER: ("col_together", "int"),
    s.JACCARD: ("col_jaccard", "float2"),
    s.COMMUNITY: ("col_community", "int"),
    s.DEGREE: ("col_degree", "int"),
    s.SIZE: ("col_size", "int"),
    s.FIRST_TURN: ("col_first_turn", "int"),
    s.THEME: ("col_theme", "text"),
    s.HITS: ("col_hits", "int"),
    s.TOPIC: ("col_topic", "text"),
    s.LEFT: ("kwic_left", "text"),
    s.MATCH: ("kwic_match", "text"),
    s.RIGHT: ("kwic_right", "text"),
    s.OFFSET: ("col_offset", "int"),
    "name": ("col_theme_name", "text"),
    "label_en": ("col_label_en", "text"),
    "keywords": ("col_keywords", "text"),
    "patterns": ("col_patterns", "text"),
}
_FORMATS = {
    "float0": "%.0f",
    "float1": "%.1f",
    "float2": "%.2f",
    "float4": "%.4f",
    "pvalue": "%.2g",  # p-values span many orders of magnitude
}


def column_config(frame: pd.DataFrame, **overrides) -> dict:
    """Translated headers and number formats for every known column of a table."""
    config = {}
    for column in frame.columns:
        text_key, kind = COLUMNS.get(column, (None, "text"))
        label = t(text_key) if text_key else str(column)
        if kind == "int":
            config[column] = st.column_config.NumberColumn(label, format="localized")
        elif kind == "percent":
            config[column] = st.column_config.NumberColumn(label, format="percent")
        elif kind in _FORMATS:
            config[column] = st.column_config.NumberColumn(label, format=_FORMATS[kind])
        elif kind == "date":
            config[column] = st.column_config.DatetimeColumn(label, format="YYYY-MM-DD")
        elif kind == "link":
            config[column] = st.column_config.LinkColumn(label)
        else:
            config[column] = st.column_config.TextColumn(label)
    config.update(overrides)
    return config


def readable(frame: pd.DataFrame, vis: Visual) -> pd.DataFrame:
    """A table as a person reads it: titles for article ids, the language's theme and role names."""
    out = frame.copy()
    if s.ARTICLE_ID in out:  # the short label: a whole title fills a phone's width
        out[s.ARTICLE_ID] = out[s.ARTICLE_ID].map(vis.article)
    if s.THEME in out:
        out[s.THEME] = out[s.THEME].map(vis.theme)
    if s.ROLE in out:
        out[s.ROLE] = out[s.ROLE].map(lambda r: t(f"role_{r}") if r in s.ROLES else r)
    if s.MINUTES_SOURCE in out:
        sources = (s.MEASURED, s.ESTIMATED, s.MIXED)
        out[s.MINUTES_SOURCE] = out[s.MINUTES_SOURCE].map(
            lambda v: t(f"minutes_{v}") if v in sources else v
        )
    return out


def table(frame: pd.DataFrame, vis: Visual, **kwargs):
    """st.dataframe of a readable table with translated headers."""
    shown = readable(frame, vis)
    config = column_config(shown, **kwargs.pop("column_config", {}))
    return st.dataframe(shown, hide_index=True, column_config=config, **kwargs)


def counted(key: str, **values) -> None:
    """The short "how is this counted" line under a derived measure."""
    st.caption("ⓘ " + t(key).format(**values))


MINUTES_RATE = SpeechRate().chars_per_minute


def minutes_note(stats: pd.DataFrame, vis: Visual) -> None:
    """How minutes are counted in this selection: measured where articles carry time stamps
    (named), estimated from characters elsewhere."""
    timed = stats[stats[s.MINUTES_SOURCE] != s.ESTIMATED][s.ARTICLE_ID].unique()
    if len(timed) == 0:
        counted("counted_minutes", rate=MINUTES_RATE)
        return
    titles = "、".join(escape_markdown(vis.article(a)) for a in timed[:5])
    titles += "…" if len(timed) > 5 else ""
    counted("counted_measured_minutes", measured=len(timed), titles=titles, rate=MINUTES_RATE)


MAX_TABLE_ROWS = 100  # rows a table shows; the CSV download has them all


def download_csv(frame: pd.DataFrame, file_name: str) -> None:
    """A CSV download of the table behind a chart: UTF-8 with a byte-order mark (Excel on
    Chinese Windows reads it right) and formula-like cells neutralised (csv_safe). The bytes
    are made when the button is clicked, not on every run."""
    from analysis.csv_safe import to_csv_bytes

    st.download_button(
        t("download_csv"),
        lambda: to_csv_bytes(frame),
        file_name=file_name,
        mime="text/csv",
        key=f"download_{file_name}",
    )


def top_table(
    frame: pd.DataFrame,
    vis: Visual,
    file_name: str,
    rows: int = MAX_TABLE_ROWS,
    always_csv: bool = False,
    csv: pd.DataFrame | None = None,
):
    """The first `rows` rows of a table (a note says when there are more) and the whole
    table as a CSV download (only when rows were left out, unless `always_csv`): a large
    corpus's tables never go to the browser whole."""
    table(frame.head(rows), vis)
    cut = len(frame) > rows
    if cut:
        st.caption(t("rows_shown").format(shown=rows, total=f"{len(frame):,}"))
    if cut or always_csv:
        download_csv(frame if csv is None else csv, file_name)


def timeline_months_figure(months: pd.DataFrame) -> go.Figure | None:
    """Articles per account and publish month, one bubble each, sized by speech: the
    timeline of a corpus too large to draw an article per mark. A click gives the month."""
    if months.empty:
        return None
    accounts = [a or "—" for a in months["account"].astype(str)]
    sizes = months[s.SPEECH_CHARS].astype(float)
    ends = (months["month"] + pd.offsets.MonthEnd(0)).dt.strftime("%Y-%m-%d")
    fig = go.Figure(
        go.Scatter(
            x=months["month"],
            y=[escape_plot(clip(a, 20)) for a in accounts],
            mode="markers",
            marker={
                "size": 10 + 30 * np.sqrt(sizes / max(sizes.max(), 1)),
                "color": "#4c9be8",
                "opacity": 0.75,
                "line": {"width": 1, "color": "#1c4e80"},
            },
            customdata=[
                [m.strftime("%Y-%m-%d"), e] for m, e in zip(months["month"], ends, strict=True)
            ],
            hovertext=[
                tip(
                    bold(acc),
                    f"{m:%Y-%m}",
                    f"{t('col_articles')}: {number(n)}",
                    f"{t('col_chars')}: {number(c)}",
                )
                for acc, m, n, c in zip(
                    accounts, months["month"], months["articles"], sizes, strict=True
                )
            ],
            hovertemplate=HOVER,
        )
    )
    base_layout(fig, height=90 + 40 * len(set(accounts)), legend=False)
    fig.update_xaxes(type="date", tickformat="%Y-%m", hoverformat="%Y-%m")
    return fig


MAX_PEOPLE_CHARTED = 20  # bar groups of the themes-by-speaker chart


def busiest_people(
    by_person: pd.DataFrame, vis: Visual, most: int | None = None
) -> tuple[pd.DataFrame, list[str], int]:
    """The rows of the `most` (MAX_PEOPLE_CHARTED) people with the most theme turns, with
    the custom data a click filters to (`_click`), those people in legend order, and how
    many people there were: a chart of bar groups per person stays readable (and small)
    however many people the selection holds. People are cut before anything per row is
    built: 10,000 articles hold some 100,000 person-theme rows."""
    most = MAX_PEOPLE_CHARTED if most is None else most
    totals = by_person.groupby("_who", sort=False)[s.TURNS_COUNT].sum()
    if len(totals) > most:
        busiest = set(totals.nlargest(most).index)
        by_person = by_person[by_person["_who"].isin(busiest)]
    else:
        busiest = set(totals.index)
    kept = by_person.assign(
        _click=[
            vis.click_speaker(sp, a)
            for sp, a in zip(by_person[s.SPEAKER], by_person[s.ARTICLE_ID], strict=True)
        ]
    )
    return kept, vis.in_legend_order(busiest), len(totals)


def theme_counts_by_person(counts: pd.DataFrame, vis: Visual) -> pd.DataFrame:
    """Theme counts per article and speaker summed per person (a named speaker across
    articles, a role word per article); `busiest_people` adds the custom data for clicks."""
    if counts.empty:
        return counts.assign(_who=[])
    per_person = (
        counts.assign(_who=vis.identity(counts))
        .groupby(["_who", s.THEME], sort=False)
        .agg(
            **{
                s.TURNS_COUNT: (s.TURNS_COUNT, "sum"),
                s.SPEAKER: (s.SPEAKER, "first"),
                s.ARTICLE_ID: (s.ARTICLE_ID, "first"),
            }
        )
        .reset_index()
    )
    return per_person


def dispersion_figure(ticks: pd.DataFrame, vis: Visual, articles: list[str]) -> go.Figure:
    """AntConc's concordance Plot: one row per article, a tick at each hit's place along the
    conversation (share of the article's speech characters before it), coloured by
    speaker. Each tick's custom data is its turn (`hit`) and article (`read`)."""
    # Rows by number, not category: each row's ticks sit just below its label, which is
    # written inside the plot above the row (as `article_rows` does for bars).
    row_of = {a: i for i, a in enumerate(articles)}
    ticks = ticks.assign(_who=vis.identity(ticks))
    fig = go.Figure()
    for who in vis.in_legend_order(ticks["_who"]):
        rows = ticks[ticks["_who"] == who]
        fig.add_trace(
            go.Scatter(
                name=escape_plot(who),
                x=rows[s.POSITION],
                y=[row_of[a] + 0.2 for a in rows[s.ARTICLE_ID]],
                mode="markers",
                marker={
                    "symbol": "line-ns-open",
                    "size": 18,
                    "line": {"width": 3, "color": vis.speaker_colour(who)},
                    "color": vis.speaker_colour(who),
                },
                # The opened tick stands out, the others stay readable.
                unselected={"marker": {"opacity": 0.45}},
                customdata=[
                    [f"{a}:{int(n)}", a]
                    for a, n in zip(rows[s.ARTICLE_ID], rows[s.TURN], strict=True)
                ],
                # The context is in the table: a tooltip per tick stays small.
                hovertext=[
                    f"{bold(who)} · #{int(n)} · {percent(p)}"
                    for n, p in zip(rows[s.TURN], rows[s.POSITION], strict=True)
                ],
                hovertemplate=HOVER,
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
    return fig


# ---------------------------------------------------------------- words: collocates, network

COLLOCATE_BARS = 30  # bars of the collocates chart; the table and CSV have every collocate


def collocates_figure(table: pd.DataFrame, score: str) -> go.Figure:
    """The strongest collocates of a term as bars of `score` (s.G2 or s.MI), strongest on
    top; each bar carries its word, so a click opens that word's concordance."""
    ranked = table.head(COLLOCATE_BARS).iloc[::-1]
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
    return fig


def network_figure(nodes: pd.DataFrame, edges: pd.DataFrame) -> go.Figure:
    """The co-occurrence network: grey edges (thicker for a higher Jaccard), one trace of
    nodes per community (its colour, named in the legend), nodes sized by frequency and
    carrying their word, so a click opens its concordance."""
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
    for community, members in nodes.groupby(s.COMMUNITY, sort=True):
        words = members[s.TERM].astype(str).tolist()
        fig.add_trace(
            go.Scatter(
                x=members[s.NODE_X],
                y=members[s.NODE_Y],
                mode="markers+text",
                name=t("community").format(n=int(community)),
                text=[escape_plot(w) for w in words],
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
                    tip(bold(w), f"{number(c)} × · {t('col_degree')}: {number(d)}")
                    for w, c, d in zip(words, members[s.COUNT], members[s.DEGREE], strict=True)
                ],
                hovertemplate=HOVER,
            )
        )
    base_layout(fig, height=600)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


# ---------------------------------------------------------------- comparison and trends (#14)

KEYNESS_BARS = 15  # terms per side in the keyness chart; the table and CSV have them all
SIDE_COLOURS = {"a": "#e8590c", "b": "#1c4e80"}  # A warm, B cool, as guests and hosts
SIGNIFICANT = 0.05  # adjusted p below this: a dark bar


def keyness_figure(table: pd.DataFrame, name_a: str, name_b: str, most: int = KEYNESS_BARS):
    """The terms most typical of A (G² > 0) and of B (G² < 0), one bar each by signed G²,
    A's strongest at the top and B's at the bottom; dark when the Bonferroni-adjusted p is
    below 0.05. Each bar carries its term, so a click opens its concordance."""
    sides = (
        ("b", name_b, table[table[s.G2] < 0].nsmallest(most, s.G2)),
        ("a", name_a, table[table[s.G2] > 0].nlargest(most, s.G2)),
    )
    fig = go.Figure()
    order: list[str] = []
    for side, name, rows in sides:
        rows = rows.sort_values(s.G2, key=abs, ascending=side == "a")
        terms = rows[s.TERM].astype(str).tolist()
        order += terms
        colour = SIDE_COLOURS[side]
        fig.add_trace(
            go.Bar(
                name=escape_plot(name),
                x=rows[s.G2],
                y=[escape_plot(w) for w in terms],
                orientation="h",
                marker={
                    "color": [
                        colour if p < SIGNIFICANT else tint(colour, 3) for p in rows[s.P_ADJUSTED]
                    ]
                },
                customdata=[[w] for w in terms],
                hovertext=[
                    tip(
                        bold(w),
                        f"{escape_plot(name_a)}: {number(ca)} ({ra:,.1f} {t('per_10k')})",
                        f"{escape_plot(name_b)}: {number(cb)} ({rb:,.1f} {t('per_10k')})",
                        f"G² = {g2:+.2f} · {t('col_log_ratio')} {lr:+.2f}",
                        f"p = {p:.2g} · {t('col_p_adjusted')} {pa:.2g}",
                    )
                    for w, ca, cb, ra, rb, g2, lr, p, pa in zip(
                        terms,
                        rows[s.COUNT_A],
                        rows[s.COUNT_B],
                        rows[s.RATE_A],
                        rows[s.RATE_B],
                        rows[s.G2],
                        rows[s.LOG_RATIO],
                        rows[s.P_VALUE],
                        rows[s.P_ADJUSTED],
                        strict=True,
                    )
                ],
                hovertemplate=HOVER,
            )
        )
    base_layout(fig, height=120 + 22 * max(len(order), 1))
    fig.update_layout(legend={"traceorder": "reversed"})  # A first, as on the page
    # Bottom to top: B's strongest first, A's strongest last (at the top).
    category_axis(fig, "y", order)
    fig.update_xaxes(title_text=t("keyness_axis"), zeroline=True, zerolinecolor="#495057")
    return fig


def lines_over_dates(
    frame: pd.DataFrame,
    series: str,
    value: str,
    names: dict[str, str],
    colours: dict[str, str],
    tips: list[str],
    monthly: bool,
) -> go.Figure:
    """One line per series (a term, a theme) over `period` (months, or publish dates of
    articles), with markers to click; each mark's tooltip is given (escaped) and its custom
    data is its series: the one form of every trend chart."""
    fig = go.Figure()
    frame = frame.assign(_tip=tips).sort_values(s.PERIOD)
    for key in names:
        rows = frame[frame[series] == key]
        if rows.empty:
            continue
        fig.add_trace(
            go.Scatter(
                name=escape_plot(names[key]),
                x=rows[s.PERIOD],
                y=rows[value],
                mode="lines+markers",
                line={"color": colours[key], "width": 2},
                marker={"size": 8},
                customdata=[[key] for _ in range(len(rows))],
                hovertext=rows["_tip"].tolist(),
                hovertemplate=HOVER,
            )
        )
    base_layout(fig, height=420)
    if monthly:
        fig.update_xaxes(type="date", tickformat="%Y-%m", hoverformat="%Y-%m")
    else:
        date_axis(fig, frame[s.PERIOD])
    fig.update_yaxes(rangemode="tozero")
    return fig


def term_trends_figure(trends: pd.DataFrame, vis: Visual, terms: list[str], monthly: bool):
    """Each term's rate per 10,000 words per month or per article (the `term_trends`
    table), counts in the tooltip: Voyant's Trends."""
    colours = {w: THEME_COLOURS[i % len(THEME_COLOURS)] for i, w in enumerate(terms)}
    tips = [
        tip(
            bold(w),
            f"{p:%Y-%m}" if monthly else f"{escape_plot(vis.title(a))} · {p:%Y-%m-%d}",
            t("trend_term_tip").format(count=number(n), words=number(total), rate=f"{r:,.1f}"),
        )
        for w, p, a, n, total, r in zip(
            trends[s.TERM], trends[s.PERIOD], trends[s.ARTICLE_ID], trends[s.COUNT],
            trends[s.WORDS], trends[s.RATE], strict=True,
        )
    ]  # fmt: skip
    fig = lines_over_dates(trends, s.TERM, s.RATE, {w: w for w in terms}, colours, tips, monthly)
    fig.update_yaxes(title_text=t("per_10k"))
    return fig


def theme_trends_figure(trends: pd.DataFrame, vis: Visual, themes: list[str], monthly: bool):
    """Each theme's share of the selected turns per month (`theme_trends_monthly`) or per
    article (`theme_trends`), in the same form as the terms' trends."""
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
    tips = [
        tip(
            bold(vis.theme(theme)),
            f"{p:%Y-%m}" if monthly else f"{escape_plot(vis.title(a))} · {p:%Y-%m-%d}",
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
    fig = lines_over_dates(trends, s.THEME, s.SHARE, names, colours, tips, monthly)
    fig.update_yaxes(tickformat=".0%")
    return fig
