"""The short notes under a chart: how a measure is counted, what a bounded chart left out."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import schema as s
from analysis.measures.talk import SpeechRate
from dashboard import limits
from dashboard.charts.look import Visual
from dashboard.formatting import escape_markdown
from dashboard.texts import t


def counted(key: str, **values) -> None:
    """The short "how is this counted" line under a derived measure."""
    st.caption("ⓘ " + t(key).format(**values))


MINUTES_RATE = SpeechRate().chars_per_minute


def minutes_note(timed: pd.DataFrame, vis: Visual) -> None:
    """How minutes are counted in this selection: measured where articles carry time stamps
    (named; `timed` is the store's `timed_articles`), estimated from characters elsewhere."""
    if timed.empty:
        counted("counted_minutes", rate=MINUTES_RATE)
        return
    total = int(timed["n"].iat[0])
    titles = "、".join(escape_markdown(vis.article(a)) for a in timed[s.ARTICLE_ID].head(5))
    titles += "…" if total > 5 else ""
    counted("counted_measured_minutes", measured=total, titles=titles, rate=MINUTES_RATE)


def marks_note(drawn: pd.DataFrame, rows: pd.DataFrame, shown: list[str], order: list[str]):
    """Say what a chart bounded by `within_marks` left out, when it left anything out."""
    if len(drawn) < len(rows):
        st.caption(
            t("marks_capped").format(
                marks=f"{len(drawn):,}",
                all=f"{len(rows):,}",
                shown=len(shown),
                total=len(order),
                most=f"{limits.MAX_MARKS:,}",
            )
        )
