"""The data behind every page: one `analysis.store.store.Store` per server, themes and uploads per session.

Folder mode (`TRANSCRIPTS_CORPUS`, or `seeds/`): the folder's store is built with
`analysis.store.build.build_store` under the table cache's folder (`.cache/store`), content-keyed
and so reused across restarts, and opened once per server. The folder is identified by a
cheap fingerprint (names, sizes, times): no file is read while it is unchanged, and an edit
or a removal shows at the next interaction. `TRANSCRIPTS_STORE=DIR`: a store built elsewhere,
opened read-only and reopened when its `CURRENT` pointer changes.

Edited themes make `store.with_themes` (one per theme set, shared by the sessions using it);
uploads make `store.with_uploads`, held in the session only and freed when it ends. Pages get
the run's `Data` from `current()` and ask its store through `dashboard.data.answers`.

Every store is kept in `STORES` (`dashboard.data.pool`), not in Streamlit's caches: what a
live session's run uses is never freed under it, whoever else visits or clears caches, and
a store that was freed is built again when asked for.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis import schema as s
from analysis.config import Theme
from analysis.ingest.reader import (
    ARTICLE_SUFFIXES,
    SKIPPED,
    safe_file_name,
    speakers_or_defaults,
    unsupported_reason,
)
from analysis.keys import themes_key
from analysis.store.build import (
    FOLDER_MESSAGES,
    STORE_CACHE,
    build_store,
    default_store_dir,
    mark_used,
    recently_used,
)
from analysis.store.store import Store, StoreError, served_memory_limit
from dashboard import limits, session
from dashboard.data import sessions, worker
from dashboard.data.caches import answer, remember
from dashboard.data.files import (
    corpus_folder,
    file_stamp,
    folder_listing,
    folder_stamp,
    hide_paths,
    speakers_file,
    store_folder,
)
from dashboard.data.pool import Pool
from dashboard.data.themes import current_themes, file_themes
from dashboard.data.uploads import accepted_uploads, upload_files, upload_key
from dashboard.data.vocabulary import with_vocabulary
from dashboard.texts import t


@dataclass(frozen=True)
class Data:
    """What a run reads: this visitor's store (corpus, themes in force, uploads, vocabulary)
    and the problems to show; `private` when it holds uploads (results then stay in the
    session)."""

    store: Store
    problems: pd.DataFrame
    private: bool
    base: Store | None = None  # the store before the session's vocabulary
    reports: dict = field(default_factory=dict)  # upload file id -> its ReadingReport

    @property
    def key(self) -> str:
        return self.store.key

    @property
    def themes(self) -> list[Theme]:
        return self.store.themes


def prune_folder_stores(root: Path = STORE_CACHE, keep: int | None = None) -> None:
    """Keep the stores of the `keep` most recently used folders (each keeps its last builds),
    and any used in the last hour, which a run here or another process may be reading."""
    keep = limits.MAX_FOLDER_STORES if keep is None else keep
    try:
        stores = sorted(
            (p for p in root.iterdir() if p.is_dir()),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
    except OSError:
        return
    for stale in stores[keep:]:
        if not recently_used(stale):
            shutil.rmtree(stale, ignore_errors=True)


_marked: dict[Path, float] = {}
_marked_lock = threading.Lock()


def _mark_in_use(store: Store) -> None:
    """Touch the store's folder and build (at most once a minute each), so pruning, here or
    in another process, leaves what a live server reads."""
    build = getattr(store, "folder", None)
    if build is None:
        return
    now = time.monotonic()
    for path in (Path(build), Path(build).parent):
        with _marked_lock:
            if now - _marked.get(path, -60.0) < 60.0:
                continue
            _marked[path] = now
        mark_used(path)


STORES = Pool(lambda: limits.UNHELD_TABLE_BYTES, lambda: limits.MAX_UNHELD_STORES)


def _folder_store(
    folder: str, stamp: str, speakers_stamp: str, themes: str, _themes: tuple
) -> tuple[str, Store]:
    """One store per folder content, speakers and server themes, shared by every visitor:
    DuckDB over the Parquet files, so a run holds only what it asks for."""
    key = f"folder:{folder}:{stamp}:{speakers_stamp}:{themes}"

    def build() -> Store:
        target = default_store_dir(folder)
        build_store(folder, target, list(_themes), speakers_path=speakers_file())
        os.utime(target)  # used now: pruning keeps it
        prune_folder_stores()
        return Store.open(target, memory_limit=served_memory_limit())

    store = STORES.get(key, build)
    _mark_in_use(store)
    return key, store


def _opened_store(folder: str, current_stamp: str) -> tuple[str, Store]:
    key = f"opened:{folder}:{current_stamp}"
    store = STORES.get(key, lambda: Store.open(folder, memory_limit=served_memory_limit()))
    _mark_in_use(store)
    return key, store


def _themed(parent: str, store: Store, themes: list[Theme]) -> tuple[str, Store]:
    """Other themes over a shared store: once per theme set, whoever uses it; its hits are
    freed when no session uses it and the pool needs the room."""
    key = f"{parent}|themes:{themes_key(themes)}"
    build = lambda: store.with_themes(themes, own=True)  # noqa: E731
    return key, STORES.get(key, build, depends=(parent,))


def _with_uploads(parent: str, store: Store, uploads: list) -> tuple[str, Store]:
    """A visitor's uploads layered over the shared store: theirs alone, freed when their
    session ends or other uploads replace them. Each file is read once: its reading report
    comes from the parse that made its tables (`Store.reports`)."""
    owner = sessions.current()
    key = f"{parent}|uploads:{owner.token}:{upload_key()}"

    def build() -> Store:
        speakers, _ = speakers_or_defaults(speakers_file())
        files = [(name, data) for _, name, data in uploads]
        extra = worker.read_tables_in_worker(files, store.themes, speakers)
        return store.with_uploads(extra)

    return key, STORES.get(key, build, depends=(parent,), owner=owner, release=_release)


def _release(store: Store) -> None:
    if store.owns_uploads:  # never the shared store, which an empty upload returns
        store.close()


def _problems(store: Store, private: bool) -> pd.DataFrame:
    return answer(store, private, "problems")


def _shared_store() -> tuple[str, Store | None, list[dict]]:
    """The server's store (and its key in the pool), and problems outside it (a store that
    can't be opened)."""
    published = store_folder()
    if published is not None:
        try:
            return *_opened_store(str(published), file_stamp(published / "CURRENT")), []
        except StoreError as error:
            message = {s.FILE_NAME: published.name, s.LEVEL: s.ERROR, s.MESSAGE: str(error)}
            return "", None, [message]
    folder = corpus_folder()
    themes = file_themes()
    key, store = _folder_store(
        str(folder),
        folder_stamp(folder),
        file_stamp(speakers_file()),
        themes_key(themes),
        tuple(themes),
    )
    return key, store, []


def load() -> Data:
    """This visitor's data for this run: the shared store with their themes and uploads.

    Held once per server (and per session for uploads), never copied per run; the run's
    pages get it from `current()`. The stores this run uses are held for this session until
    its next run has its own (`dashboard.data.pool`).
    """
    STORES.begin_run()
    key, store, problems = _shared_store()
    if store is None:  # a published store that can't be opened: an empty one, said why
        key, store = "empty", STORES.get("empty", _empty_store)
    themes = current_themes()
    if themes_key(themes) != themes_key(store.themes):
        key, store = _themed(key, store, themes)
    private = False
    reports: dict = {}
    if upload_key():
        uploads, upload_problems = accepted_uploads()
        problems += upload_problems
        if uploads:
            key, store = _with_uploads(key, store, uploads)
            private = store.owns_uploads
            # No reports when nothing at all was read (the shared store came back).
            ids = [file_id for file_id, _, _ in uploads]
            reports = dict(zip(ids, store.reports, strict=False))
    base = store
    store, private, vocab_problems = with_vocabulary(STORES, key, store, private)
    problems += vocab_problems
    stored = _problems(store, private)
    if store_folder() is None:
        # The folder's and the speakers file's problems as they are now; a reused build
        # keeps the ones of whichever run built it.
        folder = corpus_folder()
        stamp, articles, names = folder_listing(folder)
        problems = _folder_problems(folder, stamp, articles) + problems
        problems = _speakers_problems(str(speakers_file()), file_stamp(speakers_file())) + problems
        problems += _removed_files(names)
        problems += _unread_entries(str(folder), stamp)
        uploaded = {safe_file_name(str(f.name)) for f in upload_files()}
        # The listing's own problems are this run's (above): a build is reused by its
        # articles' content, so it may hold another listing's (a PDF added since, or
        # another empty folder's entries).
        listed = stored[s.MESSAGE].astype(str)
        listing = listed.str.startswith(SKIPPED) | listed.isin(FOLDER_MESSAGES)
        mine = stored[s.FILE_NAME].isin(uploaded)
        stored = stored[(mine | ~listing) & stored[s.FILE_NAME].isin(names | uploaded)]
    table = pd.concat([pd.DataFrame(problems, columns=s.PROBLEMS.names), stored], ignore_index=True)
    table[s.FILE_NAME] = table[s.FILE_NAME].astype(str).map(hide_paths)
    table[s.MESSAGE] = table[s.MESSAGE].astype(str).map(hide_paths)
    data = Data(store, table, private, base, reports)
    st.session_state[session.DATA] = data
    STORES.end_run()
    return data


def current() -> Data:
    """The data the entry point loaded for this run."""
    return st.session_state.get(session.DATA) or load()


def reading_report(file_id: str):
    """How an uploaded file was read (`ingest.reading_report.ReadingReport`), from the parse
    that made its tables: None for a file this run did not read (beyond the limits)."""
    return current().reports.get(str(file_id))


def _empty_store() -> Store:
    from analysis.ingest.reader import FALLBACK_SPEAKERS

    return Store.from_sources([], [], FALLBACK_SPEAKERS, key="empty")


def _speakers_problems(path: str, stamp: str) -> list[dict]:
    return remember(f"speakers:{path}:{stamp}", lambda: speakers_or_defaults(Path(path))[1])


def folder_messages() -> tuple[str, str]:
    """What is said of a served folder that is missing, or holds no file the reader takes
    (in the interface's language; the suffixes are the reader's own list)."""
    return t("folder_missing"), t("folder_empty").format(suffixes=", ".join(ARTICLE_SUFFIXES))


def _folder_problems(folder: Path, stamp: str, names: frozenset) -> list[dict]:
    missing, empty = folder_messages()
    if stamp == "missing":
        message = missing
    elif not names:
        message = empty
    else:
        return []
    return [{s.FILE_NAME: str(folder), s.LEVEL: s.ERROR, s.MESSAGE: message}]


def _unread_entries(folder: str, stamp: str) -> list[dict]:
    """Each entry of the folder the reader does not take for its kind (a PDF, a folder),
    with why: from the names alone, once per listing."""

    def listed() -> list[dict]:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            return []
        problems = []
        for entry in entries:
            try:
                reason = unsupported_reason(entry.name, folder=entry.is_dir())
            except OSError:
                continue
            if reason:
                problems.append(
                    {s.FILE_NAME: entry.name, s.LEVEL: s.ERROR, s.MESSAGE: SKIPPED + reason}
                )
        return problems

    return remember(f"unread:{folder}:{stamp}", listed)


def _removed_files(names: frozenset) -> list[dict]:
    """A file that was in the folder earlier in this session and is gone now."""
    seen = st.session_state.get(session.SEEN_FILES)
    st.session_state[session.SEEN_FILES] = frozenset(names | (seen or frozenset()))
    if not seen:
        return []
    return [
        {s.FILE_NAME: name, s.LEVEL: s.WARNING, s.MESSAGE: t("file_removed")}
        for name in sorted(seen - names)
    ]
