"""The data behind every page: one `analysis.store.store.Store` per server, themes and uploads per session.

Folder mode (`TRANSCRIPTS_CORPUS`, or `seeds/`): the folder's store is built with
`analysis.store.build.build_store` under the table cache's folder (`.cache/store`), content-keyed
and so reused across restarts, and opened once per server. The folder is identified by a
cheap fingerprint (names, sizes, times): no file is read while it is unchanged, and an edit
or a removal shows at the next interaction. `TRANSCRIPTS_STORE=DIR`: a store built elsewhere,
opened read-only and reopened when its `CURRENT` pointer changes.

Edited themes make `store.with_themes` (one per theme set, shared by the sessions using it);
uploads make `store.with_uploads`, held in the session only and freed when it ends. Pages get
the run's `Data` from `current()` and ask its store through `ask` and `measure`, which cache
results per store content, selection and arguments.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis import schema as s
from analysis.config import (
    DEFAULT_SPEAKERS,
    DEFAULT_THEMES,
    VOCABULARY_SECTIONS,
    ConfigError,
    Theme,
    Vocabulary,
    dump_vocabulary,
    parse_themes,
    parse_vocabulary,
)
from analysis.ingest.reader import TEXT_SUFFIXES, safe_file_name, speakers_or_defaults
from analysis.keys import themes_key
from analysis.parallel import serial
from analysis.store.build import STORE_CACHE, build_store, default_store_dir, read_tables
from analysis.store.selection import Selection
from analysis.store.store import Store, StoreError
from analysis.text.suggest import SuggestSettings, suggest_terms
from ui_format import escape_markdown
from ui_state import get, put
from ui_text import t

ROOT = Path(__file__).resolve().parent
CORPUS_ENV = "TRANSCRIPTS_CORPUS"
STORE_ENV = "TRANSCRIPTS_STORE"
THEMES_ENV = "TRANSCRIPTS_THEMES"
SPEAKERS_ENV = "TRANSCRIPTS_SPEAKERS"
# Stores of corpus folders (`build.STORE_CACHE`): the least recently used go first.
MAX_FOLDER_STORES = 8

# Per-session total of uploaded bytes, and per file (the reader's own limit is the same).
# Stated in the README; the uploader refuses larger files itself (`max_upload_size`).
MAX_UPLOAD_FILE_BYTES = 10_000_000
MAX_UPLOAD_SESSION_BYTES = 20_000_000
MAX_UPLOAD_FILES = 50
MAX_THEME_CHANGES = 30  # per session: each new theme set is counted over the whole corpus


@dataclass(frozen=True)
class Data:
    """What a run reads: this visitor's store (corpus, themes in force, uploads) and the
    problems to show; `private` when it holds uploads (results then stay in the session)."""

    store: Store
    problems: pd.DataFrame
    private: bool

    @property
    def key(self) -> str:
        return self.store.key

    @property
    def themes(self) -> list[Theme]:
        return self.store.themes


# ---------------------------------------------------------------- files and folders


def corpus_folder() -> Path:
    folder = Path(os.environ.get(CORPUS_ENV, "seeds"))
    return folder if folder.is_absolute() else ROOT / folder


def store_folder() -> Path | None:
    """The store built elsewhere that TRANSCRIPTS_STORE names, if any."""
    value = os.environ.get(STORE_ENV)
    if not value:
        return None
    folder = Path(value)
    return folder if folder.is_absolute() else ROOT / folder


def themes_file() -> Path:
    """The server's themes file: TRANSCRIPTS_THEMES, or config/themes.toml."""
    return Path(os.environ.get(THEMES_ENV) or DEFAULT_THEMES)


def speakers_file() -> Path:
    """The server's speakers file: TRANSCRIPTS_SPEAKERS, or config/speakers.toml."""
    return Path(os.environ.get(SPEAKERS_ENV) or DEFAULT_SPEAKERS)


def folder_listing(folder: Path) -> tuple[str, frozenset[str]]:
    """A cheap fingerprint of the folder's files (names, sizes, times: no file is read) and
    the names of its article files."""
    digest = hashlib.sha256()
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return "missing", frozenset()
    names = []
    for entry in entries:
        try:
            info = entry.stat()
        except OSError:
            continue
        digest.update(
            f"{entry.name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode("utf-8", "replace")
        )
        if entry.is_file() and Path(entry.name).suffix.lower() in TEXT_SUFFIXES:
            names.append(entry.name)
    return digest.hexdigest()[:16], frozenset(names)


def folder_stamp(folder: Path) -> str:
    return folder_listing(folder)[0]


def _file_stamp(path: Path) -> str:
    try:
        info = path.stat()
    except OSError:
        return "missing"
    return f"{info.st_size}-{info.st_mtime_ns}"


def _hide_paths(message: str) -> str:
    """A message without the server's folders (a visitor needs only the file's name)."""
    paths = [themes_file(), speakers_file(), corpus_folder()]
    if store_folder() is not None:
        paths.append(store_folder())
    for path in paths:
        message = message.replace(str(path), path.name or "corpus")
    return message.replace(str(ROOT) + os.sep, "")


# ---------------------------------------------------------------- the shared stores


def prune_folder_stores(root: Path = STORE_CACHE, keep: int = MAX_FOLDER_STORES) -> None:
    """Keep the stores of the `keep` most recently used folders (each keeps its last builds)."""
    try:
        stores = sorted(
            (p for p in root.iterdir() if p.is_dir()),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
    except OSError:
        return
    for stale in stores[keep:]:
        shutil.rmtree(stale, ignore_errors=True)


# One store per folder content, speakers and server themes, shared by every visitor: DuckDB
# over the Parquet files, so a run holds only what it asks for.
@st.cache_resource(show_spinner=False, max_entries=4)
def _folder_store(
    folder: str, stamp: str, speakers_stamp: str, themes: str, _themes: tuple
) -> Store:
    target = default_store_dir(folder)
    build_store(folder, target, list(_themes), speakers_path=speakers_file())
    os.utime(target)  # used now: pruning keeps it
    prune_folder_stores()
    return Store.open(target)


@st.cache_resource(show_spinner=False, max_entries=2)
def _opened_store(folder: str, current_stamp: str) -> Store:
    return Store.open(folder)


# Other themes over a shared store: once per theme set, whoever uses it.
@st.cache_resource(show_spinner=False, max_entries=8)
def _themed(store_key: str, themes: str, _store: Store, _themes: tuple) -> Store:
    return _store.with_themes(list(_themes))


def _release(store: Store) -> None:
    if store.owns_uploads:  # never the shared store, which an empty upload returns
        store.close()


# A visitor's uploads, layered over the shared store, live in their session only and are
# freed when it ends (or when other uploads replace them).
@st.cache_resource(show_spinner=False, max_entries=1, scope="session", on_release=_release)
def _with_uploads(store_key: str, uploads_key: str, _store: Store, _uploads: tuple) -> Store:
    speakers, _ = speakers_or_defaults(speakers_file())
    with serial():
        extra = read_tables(list(_uploads), _store.themes, speakers)
    return _store.with_uploads(extra)


@st.cache_data(show_spinner=False, max_entries=16)
def _problems(store_key: str, _store: Store) -> pd.DataFrame:
    return _store.problems()


def _shared_store() -> tuple[Store | None, list[dict]]:
    """The server's store, and problems outside it (a store that can't be opened)."""
    published = store_folder()
    if published is not None:
        try:
            return _opened_store(str(published), _file_stamp(published / "CURRENT")), []
        except StoreError as error:
            message = {s.FILE_NAME: published.name, s.LEVEL: s.ERROR, s.MESSAGE: str(error)}
            return None, [message]
    folder = corpus_folder()
    themes = file_themes()
    return (
        _folder_store(
            str(folder),
            folder_stamp(folder),
            _file_stamp(speakers_file()),
            themes_key(themes),
            tuple(themes),
        ),
        [],
    )


def load() -> Data:
    """This visitor's data for this run: the shared store with their themes and uploads.

    Held once per server (and per session for uploads), never copied per run; the run's
    pages get it from `current()`.
    """
    store, problems = _shared_store()
    if store is None:  # a published store that can't be opened: an empty one, said why
        store = _empty_store()
    themes = current_themes()
    wanted = themes_key(themes)
    if wanted != themes_key(store.themes):
        store = _themed(store.key, wanted, store, tuple(themes))
    private = False
    if upload_key():
        uploads, upload_problems = accepted_uploads()
        problems += upload_problems
        if uploads:
            store = _with_uploads(store.key, upload_key(), store, tuple(uploads))
            private = store.owns_uploads
    store, private = with_vocabulary(store, private)
    stored = _problems(store.key, store)
    if store_folder() is None:
        # The folder's and the speakers file's problems as they are now; a reused build
        # keeps the ones of whichever run built it.
        folder = corpus_folder()
        stamp, names = folder_listing(folder)
        problems = _folder_problems(folder, stamp, names) + problems
        problems = _speakers_problems(str(speakers_file()), _file_stamp(speakers_file())) + problems
        problems += _removed_files(names)
        uploaded = {safe_file_name(str(f.name)) for f in upload_files()}
        stored = stored[stored[s.FILE_NAME].isin(names | uploaded)]
    table = pd.concat([pd.DataFrame(problems, columns=s.PROBLEMS.names), stored], ignore_index=True)
    table[s.FILE_NAME] = table[s.FILE_NAME].astype(str).map(_hide_paths)
    table[s.MESSAGE] = table[s.MESSAGE].astype(str).map(_hide_paths)
    data = Data(store, table, private)
    st.session_state["_data"] = data
    return data


def current() -> Data:
    """The data the entry point loaded for this run."""
    return st.session_state.get("_data") or load()


@st.cache_resource(show_spinner=False)
def _empty_store() -> Store:
    from analysis.ingest.reader import FALLBACK_SPEAKERS

    return Store.from_sources([], [], FALLBACK_SPEAKERS, key="empty")


@st.cache_data(show_spinner=False, max_entries=4)
def _speakers_problems(path: str, stamp: str) -> list[dict]:
    return speakers_or_defaults(Path(path))[1]


def _folder_problems(folder: Path, stamp: str, names: frozenset) -> list[dict]:
    if stamp == "missing":
        message = "this folder does not exist"
    elif not names:
        message = "this folder has no .txt or .md files"
    else:
        return []
    return [{s.FILE_NAME: str(folder), s.LEVEL: s.ERROR, s.MESSAGE: message}]


def _removed_files(names: frozenset) -> list[dict]:
    """A file that was in the folder earlier in this session and is gone now."""
    seen = st.session_state.get("_seen_files")
    st.session_state["_seen_files"] = frozenset(names | (seen or frozenset()))
    if not seen:
        return []
    return [
        {s.FILE_NAME: name, s.LEVEL: s.WARNING, s.MESSAGE: t("file_removed")}
        for name in sorted(seen - names)
    ]


# ---------------------------------------------------------------- asking the store


@st.cache_data(show_spinner=False, max_entries=256)
def _shared_answer(method: str, store_key: str, sel_key: str, args: tuple, _store, _sel):
    return getattr(_store, method)(_sel, **dict(args))


# Answers about a visitor's uploads stay in their session and go when it ends.
@st.cache_data(show_spinner=False, max_entries=64, scope="session")
def _private_answer(method: str, store_key: str, sel_key: str, args: tuple, _store, _sel):
    return getattr(_store, method)(_sel, **dict(args))


def ask(method: str, sel: Selection, **kwargs):
    """`store.<method>(sel, **kwargs)`, computed once per store content, selection and
    arguments, so a rerun that changes none of them only draws."""
    data = current()
    cached = _private_answer if data.private else _shared_answer
    return cached(method, data.key, repr(sel), tuple(sorted(kwargs.items())), data.store, sel)


def _measure_of(store: Store, sel: Selection, function: Callable, columns, kwargs):
    return function(store.tokens(sel, columns=columns), **dict(kwargs))


@st.cache_data(show_spinner=False, max_entries=64)
def _shared_measure(name: str, store_key: str, sel_key: str, args: tuple, _store, _sel, _f, _c):
    return _measure_of(_store, _sel, _f, _c, args)


@st.cache_data(show_spinner=False, max_entries=16, scope="session")
def _private_measure(name: str, store_key: str, sel_key: str, args: tuple, _store, _sel, _f, _c):
    return _measure_of(_store, _sel, _f, _c, args)


def measure(function: Callable, sel: Selection, columns=None, **kwargs):
    """`function(tokens of sel, **kwargs)` for the measures that need every word (keyness,
    phrases, topics, TF-IDF), cached like `ask`; keep `sel` bounded (see `bounded`)."""
    data = current()
    cached = _private_measure if data.private else _shared_measure
    name = f"{function.__module__}.{function.__qualname__}"
    args = tuple(sorted(kwargs.items()))
    return cached(name, data.key, repr(sel), args, data.store, sel, function, columns)


@st.cache_data(show_spinner=False, max_entries=64)
def _shared_computed(name: str, store_key: str, args_key: str, _store, _f, _args, _kwargs):
    return _f(_store, *_args, **_kwargs)


@st.cache_data(show_spinner=False, max_entries=16, scope="session")
def _private_computed(name: str, store_key: str, args_key: str, _store, _f, _args, _kwargs):
    return _f(_store, *_args, **_kwargs)


def compute(function: Callable, *args, **kwargs):
    """`function(store, *args, **kwargs)` for aggregates written beside the store (e.g.
    `analysis.measures.compare`, which asks it SQL of its own), cached like `ask`: per store
    content and arguments (selections and other values, by their repr)."""
    data = current()
    cached = _private_computed if data.private else _shared_computed
    name = f"{function.__module__}.{function.__qualname__}"
    args_key = repr((args, sorted(kwargs.items())))
    return cached(name, data.key, args_key, data.store, function, args, kwargs)


# ---------------------------------------------------------------- themes


def themes_text() -> str:
    """The themes in force for this visitor: edited in the page, or the server's file."""
    edited = st.session_state.get("themes_toml")
    return edited if edited is not None else _file_themes_text()


def _file_themes_text() -> str:
    try:
        return themes_file().read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return f"# {themes_file().name}: cannot be read ({type(error).__name__})"


def themes_version() -> str:
    """A short fingerprint of the themes in force; links carry it when themes were edited."""
    return hashlib.sha256(themes_text().encode()).hexdigest()[:8]


def set_themes(text: str | None) -> None:
    """Use edited themes (TOML text) for this session, or None to go back to the shipped file.

    Raises ConfigError, in words, once a session has changed its themes too often.
    """
    if text is not None:
        changes = st.session_state.get("_theme_changes", 0) + 1
        if changes > MAX_THEME_CHANGES:
            raise ConfigError(t("too_many_theme_changes").format(n=MAX_THEME_CHANGES))
        st.session_state["_theme_changes"] = changes
    st.session_state["themes_toml"] = None if text is None or text == _file_themes_text() else text
    put("themes_version", themes_version() if st.session_state["themes_toml"] else "")


def check_themes_version() -> None:
    """A link made with edited themes says so; warn a receiver whose themes differ."""
    wanted = get("themes_version")
    if wanted and wanted != themes_version():
        st.warning(t("themes_edited_notice").format(v=escape_markdown(wanted)), icon="🧭")


# The server file's last good themes, for when someone breaks the file while the server runs.
# Only the file's themes are kept here, never a visitor's edits (those stay in their session).
_LAST_GOOD_FILE_THEMES: list[Theme] = []


def _shipped_themes() -> list[Theme]:
    try:
        return parse_themes(DEFAULT_THEMES.read_text(encoding="utf-8-sig"), "themes.toml")
    except (ConfigError, OSError, UnicodeDecodeError):
        return []


def _parsed(text: str, source: str) -> list[Theme]:
    try:
        themes = parse_themes(text, source)
    except ConfigError as error:
        st.session_state["_theme_error"] = _hide_paths(str(error))
        return list(_LAST_GOOD_FILE_THEMES) or _shipped_themes()
    except Exception:  # noqa: BLE001  a theme file must never break the page for everyone
        st.session_state["_theme_error"] = t("theme_file_unusable")
        return list(_LAST_GOOD_FILE_THEMES) or _shipped_themes()
    st.session_state.pop("_theme_error", None)
    return themes


def file_themes() -> list[Theme]:
    """The server file's themes; a broken file gives a message and the last themes that
    worked (or the shipped ones when it was broken from the start)."""
    themes = _parsed(_file_themes_text(), themes_file().name)
    if "_theme_error" not in st.session_state:
        _LAST_GOOD_FILE_THEMES[:] = themes
    return themes


def current_themes() -> list[Theme]:
    """The themes in force for this visitor."""
    edited = st.session_state.get("themes_toml")
    return _parsed(edited, "themes.toml") if edited else file_themes()


# ---------------------------------------------------------------- vocabulary

MAX_VOCAB_CHANGES = 30  # per session: each new vocabulary segments its turns again
SUGGESTIONS_SHOWN = 15


def vocabulary_text() -> str:
    """The vocabulary in force for this visitor, as its file's text (empty sections when
    nothing was changed)."""
    return st.session_state.get("vocab_text") or dump_vocabulary(Vocabulary())


def current_vocabulary() -> Vocabulary:
    """This session's vocabulary: only text that parsed is ever kept, so this parses."""
    text = st.session_state.get("vocab_text")
    return parse_vocabulary(text, "vocabulary.txt") if text else Vocabulary()


def vocab_version() -> str:
    """8 hex digits naming the vocabulary in force; empty when it is the server's."""
    return current_vocabulary().version()


def set_vocabulary(text: str | None, source: str = "vocabulary.txt") -> None:
    """Use a vocabulary (its text) for this session, or None for the server's words.

    A text that doesn't parse raises ConfigError naming the line, and the vocabulary in
    force stays; so does one over the session's limit of changes.
    """
    if text is not None:
        vocabulary = parse_vocabulary(text, source)
        if vocabulary.key() == current_vocabulary().key():
            return
        changes = st.session_state.get("_vocab_changes", 0) + 1
        if changes > MAX_VOCAB_CHANGES:
            raise ConfigError(t("too_many_vocab_changes").format(n=MAX_VOCAB_CHANGES))
        st.session_state["_vocab_changes"] = changes
        text = None if vocabulary.is_empty() else dump_vocabulary(vocabulary)
    st.session_state["vocab_text"] = text
    put("vocab_version", vocab_version())


def add_to_vocabulary(word: str, section: str = "add words") -> None:
    """One word added to a list of the vocabulary in force (a suggestion's button)."""
    vocabulary = current_vocabulary()
    index = VOCABULARY_SECTIONS.index(section)
    lists = [list(words) for words in vocabulary.lists()]
    lists[index].append(word)
    set_vocabulary(dump_vocabulary(Vocabulary(*map(tuple, lists))))


def check_vocab_version() -> None:
    """A link made with another vocabulary says so; warn a receiver whose vocabulary differs."""
    wanted = get("vocab_version")
    if wanted and wanted != vocab_version():
        st.warning(t("vocab_edited_notice").format(v=escape_markdown(wanted)), icon="📖")


# The shared store with a vocabulary: once per vocabulary and theme set, whoever uses it.
# Its segmented turns are freed when it leaves the cache: at most 8 are held.
@st.cache_resource(show_spinner=False, max_entries=8, on_release=lambda store: store.close())
def _vocabulary_store(store_key: str, vocab_key: str, _store: Store, _vocab: Vocabulary) -> Store:
    return _store.with_vocabulary(_vocab, own=True)


# Over a visitor's uploads: their session only, freed with it.
@st.cache_resource(
    show_spinner=False, max_entries=1, scope="session", on_release=lambda s: s.close()
)
def _private_vocabulary_store(
    store_key: str, vocab_key: str, _store: Store, _vocab: Vocabulary
) -> Store:
    return _store.with_vocabulary(_vocab, own=True)


def with_vocabulary(store: Store, private: bool) -> tuple[Store, bool]:
    """The store with this session's vocabulary (itself when there is none)."""
    vocabulary = current_vocabulary()
    if vocabulary.is_empty():
        return store, private
    made = _private_vocabulary_store if private else _vocabulary_store
    with st.spinner(t("vocab_applying")):
        return made(store.key, vocabulary.key(), store, vocabulary), private


@st.cache_data(show_spinner=False, max_entries=32)
def _suggestions(store_key: str, sel_key: str, min_count: int, exclude: tuple, _store, _sel):
    settings = SuggestSettings(min_count=min_count, top=SUGGESTIONS_SHOWN)
    return suggest_terms(_store, _sel, settings, exclude)


def suggestions(sel: Selection, min_count: int) -> pd.DataFrame:
    """Suggested dictionary words in the selection's most recent articles (see
    `analysis.text.suggest`), cached per store content and selection."""
    data = current()
    bounded_sel = bounded(sel)
    exclude = current_vocabulary().remove_words
    if data.private:
        return suggest_terms(
            data.store,
            bounded_sel,
            SuggestSettings(min_count=min_count, top=SUGGESTIONS_SHOWN),
            exclude,
        )
    return _suggestions(data.key, repr(bounded_sel), min_count, exclude, data.store, bounded_sel)


# ---------------------------------------------------------------- uploads


def upload_files() -> list:
    """The files in this visitor's uploader (they live in their session only)."""
    return list(st.session_state.get("w_upload") or [])


def accepted_uploads() -> tuple[list[tuple[str, bytes]], list[dict]]:
    """The uploads within the per-file and per-session limits, and a problem for each other.

    Read from the widget's state, so the run that follows an upload already includes it.
    """
    kept, problems, total = [], [], 0
    for number, upload in enumerate(upload_files()):
        name, size = str(upload.name), int(upload.size)
        if number >= MAX_UPLOAD_FILES:
            problems.append(_upload_problem(name, t("upload_too_many").format(n=MAX_UPLOAD_FILES)))
        elif size > MAX_UPLOAD_FILE_BYTES:
            problems.append(
                _upload_problem(
                    name, t("upload_too_large").format(mb=MAX_UPLOAD_FILE_BYTES // 10**6)
                )
            )
        elif total + size > MAX_UPLOAD_SESSION_BYTES:
            problems.append(
                _upload_problem(
                    name, t("upload_session_full").format(mb=MAX_UPLOAD_SESSION_BYTES // 10**6)
                )
            )
        else:
            total += size
            kept.append((name, upload.getvalue()))
    return kept, problems


def _upload_problem(name: str, message: str) -> dict:
    return {s.FILE_NAME: name, s.LEVEL: s.ERROR, s.MESSAGE: message}


def upload_key() -> str:
    """Names the uploads without reading them: Streamlit gives each upload its own id."""
    parts = [f"{f.file_id}:{f.size}" for f in upload_files()]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16] if parts else ""


# ---------------------------------------------------------------- word cloud


@st.cache_resource(show_spinner=False)
def cjk_font():
    from analysis.render.cloud import find_cjk_font

    return find_cjk_font()


@st.cache_data(show_spinner=False, max_entries=32)
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
    return _cloud(items, str(font.path))


# ---------------------------------------------------------------- memory probe (benchmarks)

PROBE_ENV = "TRANSCRIPTS_MEMORY_PROBE"  # a file path; only bench/ sets it


@st.cache_resource(show_spinner=False)
def _memory_probe(path: str) -> None:
    """For bench/bench_memory.py: when `<path>.ask` appears, write how many analysis tables
    are alive in this server to `<path>` (JSON), so a benchmark can tell copies from reuse."""
    import gc
    import json
    import threading
    import time

    def answer() -> None:
        ask_file = Path(path + ".ask")
        while True:
            if ask_file.exists():
                gc.collect()
                frames = [o for o in gc.get_objects() if isinstance(o, pd.DataFrame)]
                token_tables = [f for f in frames if s.TOKEN in f.columns and s.POSITION in f]
                stores = [o for o in gc.get_objects() if isinstance(o, Store)]
                counts = {
                    # The dashboard's data lives in DuckDB behind Store objects: one per
                    # corpus and theme set, plus one per session with uploads.
                    "stores": len(stores),
                    "upload_stores": sum(bool(getattr(o, "owns_uploads", False)) for o in stores),
                    "token_tables": len(token_tables),
                    "token_rows": int(sum(len(f) for f in token_tables)),
                }
                Path(path).write_text(json.dumps(counts))
                ask_file.unlink(missing_ok=True)
            time.sleep(0.2)  # polling a file: the probe must not cost the server anything

    threading.Thread(target=answer, daemon=True, name="memory-probe").start()


if os.environ.get(PROBE_ENV):
    _memory_probe(os.environ[PROBE_ENV])


# ---------------------------------------------------------------- bounds on what is drawn

MAX_ARTICLES_CHARTED = 20  # per-article charts of more are unreadable and slow to draw
MAX_ARTICLES_MEASURED = 200  # measures over every word (phrases, topics …) of at most these
MAX_SCATTER_TERMS = 1000  # more marks turn plotly to WebGL and the page sluggish


def _newest(sel: Selection, most: int, note: str) -> tuple[Selection, list[str]]:
    ids = ask("recent_articles", sel)
    if len(ids) <= most:
        return sel, ids
    st.caption(t(note).format(shown=most, total=f"{len(ids):,}"))
    return replace(sel, articles=tuple(ids[:most])), ids[:most]


def recent(sel: Selection) -> tuple[Selection, list[str]]:
    """The selection narrowed to its most recent MAX_ARTICLES_CHARTED articles (a note says
    so when that leaves some out), and those articles newest first: per-article charts' rows."""
    return _newest(sel, MAX_ARTICLES_CHARTED, "most_recent_articles")


def bounded(sel: Selection) -> Selection:
    """The selection narrowed to its most recent MAX_ARTICLES_MEASURED articles (said in a
    note), for measures that read every word: their cost follows this, not the corpus."""
    return _newest(sel, MAX_ARTICLES_MEASURED, "measured_on_recent")[0]
