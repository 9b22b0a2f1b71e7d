"""The Terms page's two compared selections, A and B: what each is, and the widgets that set them.

Left alone, A and B are the page's old comparison of two roles (`group_a`, `group_b`, guest
and host by default) within the sidebar's filters, so older links keep their meaning. Once
the visitor changes a side's filters, that side is a `Selection` of its own, kept by
`ui_state.compared` and carried in the link with the side's prefix (`a_speaker=…`);
`b=rest` makes B every turn that A leaves out.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

import ui_state
from analysis.store.selection import Selection
from ui_format import escape_markdown
from ui_text import lang, t

MAX_ARTICLES_OFFERED = 200  # a larger corpus offers its most recent articles and the chosen
FIELDS = ("articles", "speakers", "roles", "themes", "sections")
GROUP_PARAMS = {"a": "group_a", "b": "group_b"}


def is_rest() -> bool:
    """Whether B is the rest of the corpus (every turn not in A)."""
    return ui_state.get("b") == ui_state.REST


def default(side: str, base: Selection) -> Selection:
    """A side before the visitor sets it: the sidebar's filters narrowed to the side's role."""
    return replace(base, roles=(ui_state.get(GROUP_PARAMS[side]),))


def side_selection(side: str, base: Selection) -> Selection | None:
    """The selection of side `a` or `b`; None for B when B is the rest of the corpus."""
    if side == "b" and is_rest():
        return None
    return ui_state.compared(side) or default(side, base)


def side_name(side: str) -> str:
    """How charts name a side: its role while it is the default, else A or B."""
    if side == "b" and is_rest():
        return t("compare_rest_named")
    if ui_state.compared(side) is None:
        return t(f"role_{ui_state.get(GROUP_PARAMS[side])}")
    return side.upper()


def describe(sel: Selection | None, vis) -> str:
    """A side's filters in words (titles and theme labels, not ids), escaped for markdown."""
    if sel is None:
        return escape_markdown(t("compare_rest_named"))
    names = {
        "articles": {a: vis.title(a) for a in sel.articles},
        "themes": {theme: vis.theme(theme) for theme in sel.themes},
    }
    return escape_markdown(sel.describe(lang(), names))


def _key(side: str, field: str) -> str:
    return f"w_cmp_{side}_{field}"


def _from_widgets(side: str, bounds: tuple[date, date] | None) -> Selection:
    """The side's selection as its widgets now hold it."""
    values = {field: tuple(st.session_state.get(_key(side, field)) or ()) for field in FIELDS}
    picked = st.session_state.get(_key(side, "dates"))
    start = end = None
    if bounds is not None and isinstance(picked, tuple | list) and len(picked) == 2:
        start = None if picked[0] == bounds[0] else picked[0]
        end = None if picked[1] == bounds[1] else picked[1]
    return Selection(**values, date_from=start, date_to=end)


def editor(side: str, base: Selection, options, vis, bounds: tuple[date, date] | None) -> None:
    """The filters of one side in an expander, seeded from its selection; a change makes
    the side the visitor's own."""
    sel = side_selection(side, base) or Selection()

    def copy() -> None:
        ui_state.set_compared(side, _from_widgets(side, bounds))

    articles = options.articles
    if len(articles) > MAX_ARTICLES_OFFERED:
        articles = list(dict.fromkeys([*sel.articles, *articles[-MAX_ARTICLES_OFFERED:]]))
    choices = {
        "articles": (t("filter_articles"), articles, lambda a: f"{a[:3]} · {vis.title(a)[:28]}"),
        "speakers": (t("filter_speakers"), options.speakers, str),
        "roles": (t("filter_roles"), options.roles, lambda r: t(f"role_{r}")),
        "themes": (t("filter_themes"), options.themes, vis.theme),
        "sections": (t("filter_sections"), options.sections, str),
    }
    with st.expander(t("compare_side").format(side=side.upper())):
        for field, (label, offered, name) in choices.items():
            allowed = set(offered)
            st.session_state[_key(side, field)] = [v for v in getattr(sel, field) if v in allowed]
            st.multiselect(
                label,
                offered,
                key=_key(side, field),
                on_change=copy,
                format_func=name,
                placeholder=t("choose_all"),
            )
        if bounds is not None:
            low, high = bounds
            start = max(low, min(sel.date_from or low, high))
            end = min(high, max(sel.date_to or high, low))
            st.session_state[_key(side, "dates")] = (start, end)
            st.date_input(
                t("compare_dates"),
                min_value=low,
                max_value=high,
                key=_key(side, "dates"),
                on_change=copy,
                format="YYYY-MM-DD",
            )


def rest_toggle(container=st) -> bool:
    """The switch that makes B the rest of the corpus."""
    widget_key = "w_b_rest"
    st.session_state[widget_key] = is_rest()

    def copy() -> None:
        ui_state.put("b", ui_state.REST if st.session_state[widget_key] else "")

    container.checkbox(t("compare_rest"), key=widget_key, on_change=copy)
    return is_rest()


def reset() -> None:
    """Back to the default comparison: the two roles, B not the rest."""
    for side in ui_state.COMPARE_SIDES:
        ui_state.set_compared(side, None)
    ui_state.put("b", "")
