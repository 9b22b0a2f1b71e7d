"""Two visitors in one server (two AppTest sessions share the process, as sessions of one
server do): what one visitor uses is never pulled from under their page by the other, nor by
clearing Streamlit's caches (what a `clear_cache` message does); what no one uses is freed
by bytes. The browser and the raw websocket message are in tests/e2e/test_attacks.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import limits, pages
from dashboard.data.stores import STORES

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = {page.name: page.script for page in pages.PAGES}
MINE = "[add words]\n这项技术\n"  # jieba writes it 这项 / 技术: 9 times in the seeds' turns
UPLOAD = (
    "# 我的采访\n\n**主持人：** 这项技术怎么样？\n\n**Sam Altman：** 秘密词语甲乙丙丁很好。\n"
).encode()


def visitor(page: str = "overview") -> AppTest:
    app = AppTest.from_file(APP, default_timeout=180)
    app.run()
    if page != "overview":
        app.switch_page(PAGES[page]).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def apply_vocabulary(app: AppTest, text: str) -> AppTest:
    app.sidebar.text_area(key="w_vocab_text").set_value(text).run()
    app.sidebar.button(key="apply_vocab").click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def top_terms(app: AppTest) -> dict[str, float]:
    bars = json.loads(app.get("plotly_chart")[0].proto.spec)["data"][0]
    return dict(zip(bars["y"], bars["x"] if isinstance(bars["x"], list) else [], strict=False))


@pytest.fixture
def nothing_kept_unheld(monkeypatch):
    """The pool keeps nothing no session holds: every store another visitor stops using
    goes at once, the harshest eviction there is."""
    monkeypatch.setattr(limits, "UNHELD_TABLE_BYTES", 0)
    monkeypatch.setattr(limits, "MAX_UNHELD_STORES", 0)
    # Earlier tests' AppTest sessions never end (there is no server to end them): they end
    # here, as those visitors' sessions would have, so only this test's visitors hold stores.
    with STORES._lock:
        STORES._runs.clear()
    STORES.trim()


def test_another_visitors_nine_vocabularies_never_drop_mine(nothing_kept_unheld):
    mine = apply_vocabulary(visitor("terms"), MINE)
    counted = top_terms(mine)
    other = visitor("terms")
    for number in range(9):
        apply_vocabulary(other, f"[add words]\n这项技术\n试验词语{number}\n")
    # My page reruns (a filter, a page change): my vocabulary's tables are still there.
    mine.run()
    assert not mine.exception, [e.value for e in mine.exception]
    assert top_terms(mine) == counted
    mine.switch_page(PAGES["words"]).run()
    assert not mine.exception, [e.value for e in mine.exception]
    # The other's earlier vocabularies went: only what someone uses is left.
    vocabularies = [key for key in STORES.keys() if "|vocab:" in key]
    assert len(vocabularies) == 2


def test_clearing_every_cache_takes_nothing_from_a_visitor(nothing_kept_unheld):
    app = visitor()
    app.sidebar.file_uploader(key="w_upload").set_value(("mine.txt", UPLOAD, "text/plain")).run()
    apply_vocabulary(app, MINE)
    articles = app.metric[0].value
    assert articles == "6"
    current = STORES.keys()[0].split(":")[1]
    from analysis.store.build import CURRENT, default_store_dir

    pointer = default_store_dir(current) / CURRENT
    written = pointer.stat().st_mtime_ns
    # What Streamlit's clear_cache message does to every visitor's caches.
    st.cache_data.clear()
    st.cache_resource.clear()
    for page in ("overview", "terms", "concordance"):
        app.switch_page(PAGES[page]).run()
        assert not app.exception, [e.value for e in app.exception]
    app.switch_page(PAGES["overview"]).run()
    assert app.metric[0].value == articles  # the upload is still read
    assert pointer.stat().st_mtime_ns == written  # nothing rebuilt, nothing written


def test_thirty_theme_sets_leave_only_the_one_in_use(nothing_kept_unheld):
    from analysis.config import dump_themes, load_themes

    app = visitor("themes")
    shipped = dump_themes(load_themes())
    for number in range(limits.MAX_THEME_CHANGES):
        # What the editor's Apply does: the session's themes become the edited text.
        extra = f'\n[[theme]]\nname = "试验{number}"\nkeywords = ["技术", "能源{number}"]\n'
        app.session_state["themes_toml"] = shipped + extra
        app.run()
        assert not app.exception, [e.value for e in app.exception]
        assert f"试验{number}" in app.sidebar.multiselect[3].options
    themed = [key for key in STORES.keys() if "|themes:" in key]
    assert len(themed) == 1  # the set in use; the 29 before it were freed
    assert STORES.stats()["unheld_bytes"] == 0
    # ...and their tables are gone from DuckDB, not only from the pool.
    base = next(key for key in STORES.keys() if key.startswith("folder:"))
    schemas = STORES._entries[base].value.query(
        "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'themes_%'"
    )
    assert len(schemas) == 1


def test_an_uploads_reading_report_comes_from_the_parse_that_read_it(monkeypatch):
    from analysis.store import build

    reads = []
    original = build.read_tables
    monkeypatch.setattr(
        build, "read_tables", lambda files, *a, **k: reads.append(k) or original(files, *a, **k)
    )
    app = visitor()
    app.sidebar.file_uploader(key="w_upload").set_value(("mine.txt", UPLOAD, "text/plain")).run()
    assert not app.exception, [e.value for e in app.exception]
    file_id = app.session_state["w_upload"][0].file_id
    report = app.session_state["_data"].reports[file_id]
    assert report.file_name == "mine.txt" and report.title == "我的采访"
    assert report.speakers["speaker"].tolist() == ["主持人", "Sam Altman"]
    app.run()  # another run (a filter, a page change) reads nothing again
    assert reads == [{"reports": True}]
    assert app.session_state["_data"].reports[file_id] is report
