"""Old stores are pruned from disk, but never one a server is reading: a burst of other
folders' builds (or of one folder's builds) must not take the files from under a live page."""

from __future__ import annotations

import os
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from analysis.store.build import CURRENT, KEEP_USED_SECONDS, MANIFEST, prune_builds
from dashboard import pages
from dashboard.data.stores import prune_folder_stores

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = {page.name: page.script for page in pages.PAGES}


def _aged(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def _build(store: Path, name: str, built_ago: float, used_ago: float) -> Path:
    folder = store / name
    folder.mkdir(parents=True)
    (folder / MANIFEST).write_text("{}", encoding="utf-8")
    _aged(folder / MANIFEST, built_ago)
    _aged(folder, used_ago)
    return folder


def test_old_builds_go_but_not_the_current_one_nor_one_in_use(tmp_path):
    hour = KEEP_USED_SECONDS
    newest = [_build(tmp_path, f"new{i}", built_ago=i, used_ago=2 * hour) for i in range(3)]
    current = _build(tmp_path, "current", built_ago=10 * hour, used_ago=2 * hour)
    in_use = _build(tmp_path, "in-use", built_ago=11 * hour, used_ago=60)
    stale = _build(tmp_path, "stale", built_ago=12 * hour, used_ago=2 * hour)
    (tmp_path / CURRENT).write_text('{"build": "current", "themes": "x"}', encoding="utf-8")

    prune_builds(tmp_path, keep=3)

    assert all(p.exists() for p in newest)
    assert current.exists() and in_use.exists()
    assert not stale.exists()


def test_folder_stores_beyond_the_limit_go_unless_used_lately(tmp_path):
    recent = [tmp_path / "recent0", tmp_path / "recent1"]
    old = [tmp_path / f"old{i}" for i in range(3)]
    for path in [*recent, *old]:
        path.mkdir()
    _aged(recent[0], 60)
    _aged(recent[1], 120)
    for i, path in enumerate(old):
        _aged(path, KEEP_USED_SECONDS + 100 + i)

    prune_folder_stores(tmp_path, keep=1)

    assert all(p.exists() for p in recent)  # the one allowed, and one used lately
    assert not any(p.exists() for p in old)


def test_a_page_keeps_working_after_every_other_store_is_pruned():
    app = AppTest.from_file(APP, default_timeout=180)
    app.run()
    app.switch_page(PAGES["terms"]).run()
    assert not app.exception, [e.value for e in app.exception]
    # What a burst of other folders' builds does: prune down to none kept by count.
    prune_folder_stores(keep=0)
    app.run()
    app.switch_page(PAGES["words"]).run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.get("plotly_chart"), "the words page draws its charts from the store's files"
