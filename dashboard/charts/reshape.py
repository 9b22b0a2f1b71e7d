"""Rows cut to what a chart can draw: the newest conversations that fit in a number of marks,
the busiest people, theme counts per person. Pure pandas."""

from __future__ import annotations

import pandas as pd

from analysis import schema as s
from dashboard import limits
from dashboard.charts.look import Visual


def within_marks(
    rows: pd.DataFrame, order: list[str], most: int | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """The rows of the leading articles of `order` (newest first) that fit in `most` marks
    (MAX_MARKS) together, and those articles; when the first alone has more, its first `most`
    rows (by turn). A chart with a mark per turn then stays bounded however long the
    conversations."""
    most = limits.MAX_MARKS if most is None else most
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


def busiest_people(
    by_person: pd.DataFrame, vis: Visual, most: int | None = None
) -> tuple[pd.DataFrame, list[str], int]:
    """The rows of the `most` (MAX_PEOPLE_CHARTED) people with the most theme turns, with
    the custom data a click filters to (`_click`), those people in legend order, and how
    many people there were: a chart of bar groups per person stays readable (and small)
    however many people the selection holds. People are cut before anything per row is
    built: 10,000 articles hold some 100,000 person-theme rows."""
    most = limits.MAX_PEOPLE_CHARTED if most is None else most
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


def person_rows(rows: pd.DataFrame, vis: Visual) -> pd.DataFrame:
    """`Store.theme_counts_by_person` rows as `theme_counts_by_person` gives them (a
    person's `_who`, turns in `turns_count`), for `busiest_people`."""
    rows = rows.rename(columns={"turns": s.TURNS_COUNT}).drop(columns=["people"])
    return rows.assign(_who=vis.identity(rows) if len(rows) else [])


def most_used_terms(scores: pd.DataFrame, most: int | None = None) -> pd.DataFrame:
    """The `most` (MAX_SCATTER_TERMS) terms of a comparison used most by A and B together:
    more marks would turn plotly to WebGL and the page sluggish."""
    most = limits.MAX_SCATTER_TERMS if most is None else most
    if len(scores) <= most:
        return scores
    total = scores[s.COUNT_A] + scores[s.COUNT_B]
    return scores.loc[total.nlargest(most).index]


# The talk-ratio table's own columns (a table made for the screen, not an analysis table).
GUEST = "guest"
GUEST_SHARE = "guest_share"
HOSTS_SHARE = "hosts_share"
HOSTS = "hosts"
OTHERS_SHARE = "others_share"
GUEST_PER_HOST = "guest_per_host"


def talk_ratios(stats: pd.DataFrame, vis: Visual, column: str, order: list[str]) -> pd.DataFrame:
    """One row per article (in `order`): the guest (several guests together) against each
    interviewer, as shares of the article's `column` (0-1), and the guest's amount over
    all interviewers' (Gong's talk ratio as a table). `stats` is `speaker_stats` output."""
    columns = [s.ARTICLE_ID, GUEST, GUEST_SHARE, HOSTS_SHARE, HOSTS, OTHERS_SHARE, GUEST_PER_HOST]
    if stats.empty:
        return pd.DataFrame(columns=columns)
    stats = stats.assign(_amount=stats[column].astype(float).fillna(0.0))
    rows = []
    for article in [a for a in order if a in set(stats[s.ARTICLE_ID])]:
        talk = stats[stats[s.ARTICLE_ID] == article].sort_values("_amount", ascending=False)
        total = talk["_amount"].sum()
        share = talk["_amount"] / total if total > 0 else talk["_amount"] * 0.0
        guests, hosts = talk[s.ROLE] == s.GUEST, talk[s.ROLE] == s.HOST
        guest_amount, host_amount = (
            talk.loc[guests, "_amount"].sum(),
            talk.loc[hosts, "_amount"].sum(),
        )
        rows.append(
            {
                s.ARTICLE_ID: article,
                GUEST: "、".join(talk.loc[guests, s.SPEAKER].astype(str)) or "—",
                GUEST_SHARE: float(share[guests].sum()),
                HOSTS_SHARE: float(share[hosts].sum()),
                HOSTS: " · ".join(
                    f"{who} {p:.1%}"
                    for who, p in zip(talk.loc[hosts, s.SPEAKER], share[hosts], strict=True)
                )
                or "—",
                OTHERS_SHARE: float(share[~(guests | hosts)].sum()),
                GUEST_PER_HOST: guest_amount / host_amount if host_amount > 0 else None,
            }
        )
    return pd.DataFrame(rows, columns=columns)
