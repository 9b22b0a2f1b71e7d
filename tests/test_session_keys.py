"""One module declares every session key (dashboard/session.py): the keys every page leaves in
the session, and every key written in the source, are declared there."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from dashboard import session, view
from tests.test_pages import APP, PAGES, run_page

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py"), *(ROOT / "dashboard").rglob("*.py")]
# Streamlit's elements whose `key` is a session key (a container's key only names it).
WIDGETS = {
    *("button", "download_button", "checkbox", "toggle", "radio", "selectbox", "multiselect"),
    *("text_input", "text_area", "number_input", "date_input", "file_uploader", "slider"),
    *("data_editor", "dataframe", "plotly_chart", "select_slider", "pills", "segmented_control"),
}


def keys_in_source(path: Path) -> list[tuple[str, str]]:
    """The session keys a file names literally: widget keys (`key="…"`, an f-string's
    leading text), `st.session_state[…]`, `.get(…)`, `.pop(…)`, and charts' keys
    (`plotly(chart, "…")`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            called = ast.unparse(node.func)
            widget = called.rsplit(".", 1)[-1] in WIDGETS
            for keyword in node.keywords if widget else ():
                if keyword.arg == "key" and isinstance(keyword.value, ast.Constant):
                    found.append((called, keyword.value.value))
                elif keyword.arg == "key" and isinstance(keyword.value, ast.JoinedStr):
                    first = keyword.value.values[0]
                    found.append((called, getattr(first, "value", "") + "…"))
            if called.endswith("session_state.get") or called.endswith("session_state.pop"):
                if node.args and isinstance(node.args[0], ast.Constant):
                    found.append((called, node.args[0].value))
            if called == "plotly" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                found.append((called, node.args[1].value))
        if isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("session_state"):
            if isinstance(node.slice, ast.Constant):
                found.append(("session_state[]", node.slice.value))
    return [(f"{path.relative_to(ROOT)}: {where}", key) for where, key in found]


def test_every_key_the_source_names_is_declared():
    named = [found for path in SOURCES for found in keys_in_source(path)]
    assert len(named) > 10  # the scan finds the keys still written literally
    undeclared = [
        (where, key)
        for where, key in named
        if isinstance(key, str) and not session.declared(key.removesuffix("…"))
    ]
    assert undeclared == []


def test_session_keys_are_not_written_in_the_pages():
    """Pages name session keys through dashboard.session, never as strings of their own."""
    literal = [
        (where, key)
        for path in [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py")]
        for where, key in keys_in_source(path)
        if not where.endswith("plotly")  # charts are named where they are drawn
    ]
    assert literal == []


@pytest.fixture(scope="module")
def used_keys() -> set[str]:
    """Every key left in the session by every page, in the states a visitor reaches."""
    from streamlit.testing.v1 import AppTest

    apps = [run_page(page, q="模型", hit="002_44e89f23e9374fe1:22") for page in PAGES]
    # Each tab's own widgets (only the open tab is drawn).
    apps += [
        run_page(name.removesuffix("_tab"), q="模型", **{name: tab})
        for name, tabs in view.TABS.items()
        for tab in tabs[1:]
    ]
    terms = run_page("terms", terms_tab="compare")
    terms.multiselect(key=session.compare_widget("a", "speakers")).set_value(["Sam Altman"]).run()
    terms.checkbox(key=session.B_REST).check().run()
    apps.append(terms)
    overview = run_page("overview")
    overview.sidebar.date_input(key=session.view_widget("dates")).set_value(
        (date(2024, 9, 15), date(2024, 12, 1))
    ).run()
    overview.sidebar.toggle(key=session.VOCAB_SUGGEST).set_value(True).run()
    apps.append(overview)
    uploads = AppTest.from_file(APP, default_timeout=120)
    uploads.run()
    text = "**主持人：** 你好？\n\n**Sam Altman：** 你好。\n".encode()
    uploads.sidebar.file_uploader(key=session.UPLOAD).set_value(("a.txt", text, "text/plain"))
    uploads.run()
    apps.append(uploads)
    for app in apps:
        assert not app.exception, [e.value for e in app.exception]
    return {key for app in apps for key in app.session_state.keys()}


def test_every_key_a_page_leaves_in_the_session_is_declared(used_keys):
    assert {session.VIEW, session.DATA, session.UPLOAD} <= used_keys
    assert {"dispersion", "kwic_table", session.view_widget("q")} <= used_keys
    assert sorted(key for key in used_keys if not session.declared(key)) == []
