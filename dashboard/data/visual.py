"""The visual language of this visitor's corpus (names and colours; `dashboard.charts.look`),
built once per corpus content and language from the whole corpus, not the filtered part."""

from __future__ import annotations

from analysis.config import ConfigError, load_speakers
from analysis.measures.talk import generic_speakers
from analysis.store.queries import THEME_HITS, TURNS, table_keys
from dashboard.charts.look import Visual, make_visual
from dashboard.data.caches import remember
from dashboard.data.files import speakers_file
from dashboard.texts import lang


def speaker_config(path: str):
    try:
        return load_speakers(path)
    except (ConfigError, OSError):
        return load_speakers()  # the reader falls back the same way; its message says why


def _inputs(store, speakers_path: str):
    # Talk per person and role: enough to tell who is who and rank the colours. The same
    # in both languages: asked once (0.9 s of a first page at 100,000 articles).
    generic = frozenset(generic_speakers(store.values("speakers"), speaker_config(speakers_path)))
    return store.titles(), store.identity_talk(sorted(generic)), generic


def visual(data) -> Visual:
    """The visual language for this visitor's corpus (all of it, not the filtered part)."""
    keys = table_keys(data.store)  # the corpus and its themes: not the vocabulary
    corpus = f"{keys[TURNS]}:{keys[THEME_HITS]}:{speakers_file()}"

    def make() -> Visual:
        titles, talk, generic = remember(
            f"visual-inputs:{corpus}",
            lambda: _inputs(data.store, str(speakers_file())),
            private=data.private,
            read_only=True,
            whole=True,
        )
        return make_visual(titles, talk, generic, data.store.themes, lang())

    # Read only: no page changes a Visual (frozen), and copying its names and colours on
    # every run cost more than the page's queries at 10,000 articles.
    return remember(
        f"visual:{corpus}:{lang()}",
        make,
        private=data.private,
        read_only=True,
        whole=True,  # it grows with the corpus (45 MB at 100,000 articles): kept by count
    )
