"""Chart clicks: a click on a bar, square or point sets the filter it stands for.

The charts carry their own ids in `customdata`; `fields` names which link parameter each
position sets. Filters toggle (a second click on the only selected value clears it), dates
are set, other view settings (`q`) are set. Kept apart from drawing so it is unit-tested.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

import ui_state


def clicked_points(chart_key: str) -> list[dict]:
    """The points of a plotly chart's current selection (clicks), as Streamlit reports them."""
    state = st.session_state.get(chart_key)
    if not state:
        return []
    selection = state.get("selection") if hasattr(state, "get") else None
    return list((selection or {}).get("points", []))


def filters_from_point(point: dict, fields: dict[str, int]) -> dict[str, str]:
    """Which link values a clicked point stands for, from its custom data."""
    custom = point.get("customdata")
    if custom is None:
        return {}
    if not isinstance(custom, list | tuple):
        custom = [custom]
    return {name: str(custom[index]) for name, index in fields.items() if index < len(custom)}


def apply_values(values: dict[str, str]) -> None:
    """Set what a click stands for: filters toggle or are set, other settings are set."""
    for name, value in values.items():
        if name in ui_state.FILTERS:
            ui_state.toggle_filter(name, value)
        else:
            ui_state.put(name, value)


def click_to_filter(
    chart_key: str, fields: dict[str, int], goto: str | None = None
) -> Callable[[], None]:
    """An on_select callback: a click filters to what the clicked element stands for.

    `goto` names a page script to open afterwards (a term's concordance).
    """

    def apply() -> None:
        points = clicked_points(chart_key)
        if not points:
            return
        apply_values(filters_from_point(points[0], fields))
        if goto:
            st.session_state["_goto"] = goto

    return apply


def follow_goto() -> None:
    """Open the page a click asked for (switching pages inside a callback is not allowed)."""
    target = st.session_state.pop("_goto", None)
    if target:
        st.switch_page(target)


def plotly(fig, chart_key: str, fields: dict[str, int], goto: str | None = None) -> None:
    """Draw a clickable plotly chart whose clicks set filters."""
    st.plotly_chart(
        fig,
        key=chart_key,
        on_select=click_to_filter(chart_key, fields, goto),
        selection_mode=("points",),
        # Only plotly's own PNG button: drawn by the browser, with its CJK font.
        config={
            "displaylogo": False,
            "displayModeBar": True,
            "modeBarButtons": [["toImage"]],
            "toImageButtonOptions": {"format": "png", "filename": chart_key, "scale": 2},
        },
    )
