"""Where the server's files are: the corpus folder or a published store, the themes and
speakers files (each from its environment variable), cheap fingerprints of them, and messages
with the server's paths hidden."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from analysis.config import DEFAULT_SPEAKERS, DEFAULT_THEMES
from analysis.ingest.reader import ARTICLE_SUFFIXES

ROOT = Path(__file__).resolve().parents[2]
CORPUS_ENV = "TRANSCRIPTS_CORPUS"
STORE_ENV = "TRANSCRIPTS_STORE"
THEMES_ENV = "TRANSCRIPTS_THEMES"
SPEAKERS_ENV = "TRANSCRIPTS_SPEAKERS"


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


def folder_listing(folder: Path) -> tuple[str, frozenset[str], frozenset[str]]:
    """A cheap fingerprint of the folder's entries (names, sizes, times: no file is read),
    the names of its article files, and the names of all its entries (the reader lists
    every other one with why it was not read)."""
    digest = hashlib.sha256()
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return "missing", frozenset(), frozenset()
    articles, names = [], []
    for entry in entries:
        try:
            info = entry.stat()
        except OSError:
            continue
        digest.update(
            f"{entry.name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode("utf-8", "replace")
        )
        names.append(entry.name)
        if entry.is_file() and Path(entry.name).suffix.lower() in ARTICLE_SUFFIXES:
            articles.append(entry.name)
    return digest.hexdigest()[:16], frozenset(articles), frozenset(names)


def folder_stamp(folder: Path) -> str:
    return folder_listing(folder)[0]


def file_stamp(path: Path) -> str:
    try:
        info = path.stat()
    except OSError:
        return "missing"
    return f"{info.st_size}-{info.st_mtime_ns}"


def hide_paths(message: str) -> str:
    """A message without the server's folders (a visitor needs only the file's name)."""
    paths = [themes_file(), speakers_file(), corpus_folder()]
    if store_folder() is not None:
        paths.append(store_folder())
    for path in paths:
        message = message.replace(str(path), path.name or "corpus")
    return message.replace(str(ROOT) + os.sep, "")
