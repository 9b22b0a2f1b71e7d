"""Chart clicks: a click on a bar, square or point sets the filter it stands for.

Each chart declares its click contract with its figure (`dashboard.charts.base.Chart`): the
link names its marks' custom data carry, and the page a click opens. A click becomes those
link values and one change of the URL: filters toggle (a second click on the only selected
value clears it), dates are set, other settings (`q`) are set. Kept apart from drawing so it
is unit-tested; AppTest cannot click a chart, the browser tests do.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard import pages, session, view
from dashboard.charts.base import Chart, plot_config


def clicked_points(chart_key: str) -> list[dict]:
    """The points of a plotly chart's current selection (clicks), as Streamlit reports them."""
    state = st.session_state.get(chart_key)
    if not state:
        return []
    selection = state.get("selection") if hasattr(state, "get") else None
    return list((selection or {}).get("points", []))


def values_of(point: dict, click: tuple[str, ...]) -> dict[str, str]:
    """The link values a clicked point stands for: its custom data, named by `click`."""
    custom = point.get("customdata")
    if custom is None:
        return {}
    if not isinstance(custom, list | tuple):
        custom = [custom]
    return {name: str(value) for name, value in zip(click, custom, strict=False)}


def clicked(current: view.View, values: dict[str, str]) -> view.View:
    """The view after a click on `values`: each filter toggled by its link name, the other
    settings set."""
    sel = current.selection
    settings = {}
    for name, value in values.items():
        if name in view.FILTERS:
            sel = view.toggled(sel, name, value)
        else:
            settings[name] = value
    return current.changed(sel, **settings)


def on_click(chart_key: str, chart: Chart) -> Callable[[], None]:
    """An on_select callback: the click's view goes into the URL, one history entry. A
    chart that opens another page leaves that to the page's next run (`follow`), as
    switching pages inside a callback is not allowed."""

    def apply() -> None:
        points = clicked_points(chart_key)
        if not points:
            return
        values = values_of(points[0], chart.click)
        if chart.opens:
            st.session_state[session.GOTO] = (chart.opens, values)
        else:
            view.write(clicked(view.current(), values))

    return apply


def follow() -> None:
    """Open the page a click asked for, the click's values in its URL: the page change and
    the click are one history entry."""
    target = st.session_state.pop(session.GOTO, None)
    if target:
        name, values = target
        query = clicked(view.current(), values).query()
        st.switch_page(pages.script(name), query_params=query)


def plotly(chart: Chart, chart_key: str) -> None:
    """Draw a chart whose clicks do what it declares."""
    st.plotly_chart(
        chart.fig,
        key=chart_key,
        on_select=on_click(chart_key, chart),
        selection_mode=("points",),
        config=plot_config(chart_key, view.get("lang")),
    )
