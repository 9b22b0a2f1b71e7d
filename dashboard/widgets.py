"""Widgets bound to the view: each is seeded from the URL's view on every run and writes a
change back to the URL (`dashboard.view.change`), never to a copy of its own.

Seeding the widget's key before it is drawn is what makes Back and Forward work: the rerun
they start draws every widget from the URL it lands on. A widget a page doesn't draw loses
nothing, since its value is in the URL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

import streamlit as st

from analysis.store.selection import MAX_VALUE_CHARS
from dashboard import session, view
from dashboard.texts import t


def filter_multiselect(name: str, label: str, options: list[str], container=st, **kwargs):
    """A multiselect over one filter of the selection (`name`: its link name)."""
    field_name = view.FILTERS[name]
    key = session.view_widget(name)
    allowed = set(options)
    chosen = getattr(view.selection(), field_name)
    st.session_state[key] = [v for v in chosen if v in allowed]

    def write() -> None:
        sel = view.selection()
        hidden = [v for v in getattr(sel, field_name) if v not in allowed]  # kept: not shown
        picked = tuple(st.session_state[key])
        view.change(selection=replace(sel, **{field_name: (*picked, *hidden)}))

    kwargs.setdefault("placeholder", t("choose_all"))
    container.multiselect(label, options, key=key, on_change=write, **kwargs)
    return chosen


def date_range(bounds: tuple[date, date], container=st) -> None:
    """The publish-date filter as a from/to pair clipped to the corpus's dates; the ends of
    the picker are no filter."""
    low, high = bounds
    sel = view.selection()
    start, end = sel.date_from or low, sel.date_to or high
    key = session.view_widget("dates")
    st.session_state[key] = (max(low, min(start, high)), min(high, max(end, low)))

    def write() -> None:
        picked = st.session_state[key]
        if isinstance(picked, tuple | list) and len(picked) == 2:
            view.change(
                selection=replace(
                    view.selection(),
                    date_from=None if picked[0] == low else picked[0],
                    date_to=None if picked[1] == high else picked[1],
                )
            )

    container.date_input(
        t("filter_dates"),
        min_value=low,
        max_value=high,
        key=key,
        on_change=write,
        format="YYYY-MM-DD",
    )


def _writer(name: str, form=str):
    key = session.view_widget(name)
    return lambda: view.put(name, form(st.session_state[key]))


def expander(name: str, label: str, key: str, unsaid: bool = False, **kwargs):
    """An expander whose open state is view setting `name` (`1` open, `0` shut; `unsaid`
    when the link doesn't say), so Back and Forward open and shut it. Draw into it only
    while `.open`: a closed expander's content is still drawn by the browser."""
    said = view.get(name)
    st.session_state[key] = said == "1" if said else unsaid

    def write() -> None:
        view.put(name, "1" if st.session_state[key] else "0")

    return st.expander(label, key=key, on_change=write, **kwargs)


def radio(name: str, label: str, options: list[str], container=st, **kwargs) -> str:
    """A radio over a view setting; the first option when the view's value isn't offered."""
    value = view.get(name)
    value = value if value in options else options[0]
    st.session_state[session.view_widget(name)] = value
    container.radio(
        label, options, key=session.view_widget(name), on_change=_writer(name), **kwargs
    )
    return value


def selectbox(
    name: str, label: str, options: Iterable[str], container=st, default: str = "", **kwargs
) -> str | None:
    """A selectbox over a view setting; `default` (else the first option) when the view's
    value isn't offered, shown without being written to the URL."""
    options = list(options)
    value = view.get(name)
    if value not in options:
        value = default if default in options else (options[0] if options else None)
    st.session_state[session.view_widget(name)] = value
    container.selectbox(
        label, options, key=session.view_widget(name), on_change=_writer(name), **kwargs
    )
    return value


def text_input(name: str, label: str, container=st, default: str = "", **kwargs) -> str:
    """A text box over a view setting; `default` shown while the view has none."""
    value = view.get(name) or default
    st.session_state[session.view_widget(name)] = value
    container.text_input(
        label,
        key=session.view_widget(name),
        on_change=_writer(name),
        max_chars=MAX_VALUE_CHARS,
        **kwargs,
    )
    return value


def number_input(name: str, label: str, low: int, high: int, container=st, **kwargs) -> int:
    """A whole-number view setting (its Param validates the link's value) as a number box."""
    value = int(view.get(name))
    st.session_state[session.view_widget(name)] = value
    container.number_input(
        label,
        min_value=low,
        max_value=high,
        step=1,
        key=session.view_widget(name),
        on_change=_writer(name, lambda n: str(int(n))),
        **kwargs,
    )
    return value


def toggle(name: str, label: str, container=st, **kwargs) -> bool:
    value = view.get(name) == "1"
    st.session_state[session.view_widget(name)] = value
    container.toggle(
        label,
        key=session.view_widget(name),
        on_change=_writer(name, lambda on: "1" if on else "0"),
        **kwargs,
    )
    return value


def talk_view() -> str:
    """Talk per article as 100% shares or as amounts (a view setting)."""
    return radio(
        "talk_view",
        t("talk_view"),
        list(view.TALK_VIEWS),
        horizontal=True,
        # Labels made now, in this run's language: a format function called later (AppTest,
        # another page) would read the language again.
        format_func={v: t(f"talk_view_{v}") for v in view.TALK_VIEWS}.get,
    )
