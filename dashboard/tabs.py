"""A page's tabs as a view setting: the open tab is in the URL like every other setting, and
only its content runs and is drawn.

Each plotly chart on a page costs the browser about 0.3-0.5 s of CPU to draw, whether or not
it is scrolled into view (issue 21): a page drawing only its open tab costs what its open
charts cost. Streamlit's stateful tabs (`on_change` set) say which tab is open (`.open`) and
send the others empty.

The tabs are a widget like those of `dashboard.widgets`: seeded from the URL on every run (so
Back and Forward open the tab the URL names) and writing a click back to the URL
(`view.put`). Tab ids are stable ASCII (`view.TABS`), labels are `t("<name>_<id>")`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from dashboard import session, view
from dashboard.texts import t


def draw(name: str):
    """The tabs of view setting `name` (e.g. `terms_tab`): the open tab's id and its
    container. Draw into that container only what that tab shows."""
    ids = view.TABS[name]
    labels = {tab_id: t(f"{name}_{tab_id}") for tab_id in ids}
    ids_of = {label: tab_id for tab_id, label in labels.items()}
    key = session.view_widget(name)
    wanted = view.get(name)
    st.session_state[key] = labels[wanted if wanted in labels else ids[0]]

    def write() -> None:
        view.put(name, ids_of.get(st.session_state[key], ids[0]))

    containers = st.tabs(list(labels.values()), key=key, on_change=write)
    opened = next((i for i, tab in enumerate(containers) if tab.open), 0)
    return ids[opened], containers[opened]


def show(name: str, sections: Mapping[str, Callable[[], None]]) -> None:
    """The tabs of view setting `name`, drawing into the open one its section (by tab id)."""
    tab, pane = draw(name)
    with pane:
        sections[tab]()
