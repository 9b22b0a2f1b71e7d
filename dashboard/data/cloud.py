"""The word cloud: drawn on the server with a CJK font (none: the page shows bars instead)."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from analysis import schema as s
from analysis.store.selection import Selection
from dashboard.data.answers import ask
from dashboard.data.caches import remember
from dashboard.data.stores import current


@functools.cache
def cjk_font():
    from analysis.render.cloud import find_cjk_font

    return find_cjk_font()


def _cloud(frequency_items: tuple[tuple[str, int], ...], font_path: str):
    from analysis.render.cloud import FontChoice, render_cloud

    return render_cloud(dict(frequency_items), FontChoice(Path(font_path), "cached"))


def word_cloud(sel: Selection):
    """The selection's word cloud, or None when no CJK font is available (show bars instead)."""
    font = cjk_font()
    if font is None:
        return None
    counts = ask("term_counts", sel, top=150)
    items = tuple((str(w), int(n)) for w, n in zip(counts[s.TERM], counts[s.COUNT], strict=True))
    if not items:
        return None
    key = "cloud:" + hashlib.sha256(repr((items, str(font.path))).encode()).hexdigest()
    return remember(key, lambda: _cloud(items, str(font.path)), private=current().private)
