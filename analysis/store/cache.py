"""A disk cache of the costly tables (read corpus, tokens, theme hits), keyed by content.

The key covers every input byte, the settings and the code that produces the tables, so a
stale entry can never be served; when nothing changed a second load reads Parquet files
instead of parsing and segmenting again. The cache is bounded: least recently used entries
go first once it holds more than `MAX_CACHE_BYTES`, and each corpus keeps at most
`MAX_THEME_SETS` sets of theme hits (every imported theme file makes one).

The base (corpus and tokens) and the theme hits are loaded apart, so that other themes, or
a visitor's uploads layered over the shared corpus, never re-read or re-segment it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pandas as pd
from pandas.api.types import union_categoricals

from analysis import schema as s
from analysis.config import SpeakerConfig, Theme
from analysis.ingest.reader import (
    Corpus,
    Source,
    article_id_for,
    read_corpus,
    read_folder,
    speakers_or_defaults,
)
from analysis.keys import code_version, themes_key
from analysis.pipeline import Analysis, Settings, analyse
from analysis.text.themes import theme_hits
from analysis.text.tokens import segment_turns

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CACHE = Path(os.environ.get("TRANSCRIPTS_CACHE", ROOT / ".cache" / "tables"))
TABLES = ("articles", "turns", "editorial", "problems")
MAX_CACHE_BYTES = int(os.environ.get("TRANSCRIPTS_CACHE_MB", "2048")) * 1024 * 1024
MAX_THEME_SETS = 8  # per corpus: the server's themes plus a few visitors' imports


@dataclass(frozen=True)
class Base:
    """A corpus and its tokens: everything but the themes, keyed by content."""

    key: str
    corpus: Corpus
    tokens: pd.DataFrame


def content_key(sources: list[Source], settings: Settings, extra: bytes = b"") -> str:
    digest = hashlib.sha256()
    for name, data in sources:
        digest.update(name.encode("utf-8", "replace") + b"\0" + hashlib.sha256(data).digest())
    digest.update(settings.tokens.fingerprint().encode())
    digest.update(code_version().encode() + extra)
    return digest.hexdigest()[:24]


def _write(folder: Path, frames: dict[str, pd.DataFrame]) -> None:
    tmp = folder.with_name(f"{folder.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name, frame in frames.items():
        frame.to_parquet(tmp / f"{name}.parquet", index=False)
    shutil.rmtree(folder, ignore_errors=True)
    try:
        tmp.rename(folder)  # atomic: a half-written entry is never read
    except OSError:  # another process wrote the same entry first: theirs is as good
        shutil.rmtree(tmp, ignore_errors=True)


def _read(folder: Path, names) -> dict[str, pd.DataFrame] | None:
    try:
        frames = {name: pd.read_parquet(folder / f"{name}.parquet") for name in names}
    except (OSError, ValueError):
        return None
    _touch(folder)
    return frames


def _touch(folder: Path) -> None:
    """Mark an entry as used now, for the least-recently-used pruning."""
    try:
        os.utime(folder)
    except OSError:
        pass


def read_sources(
    source: str | Path | list[Source], speakers_path: Path | None
) -> tuple[list[Source], SpeakerConfig, list[dict]]:
    """The files, the speakers in force, and problems found outside the articles."""
    problems: list[dict] = []
    if isinstance(source, str | Path):
        sources, problems = read_folder(source)
    else:
        sources = list(source)
    speakers, speaker_problems = speakers_or_defaults(speakers_path)
    return sources, speakers, problems + speaker_problems


def load_base(
    sources: list[Source],
    speakers: SpeakerConfig,
    settings: Settings | None = None,
    cache_dir: Path | None = DEFAULT_CACHE,
) -> Base:
    """Read and segment the files, or load both from the cache when nothing changed."""
    settings = settings or Settings()
    key = content_key(sources, settings, repr(speakers).encode())
    if cache_dir is None:
        corpus = read_corpus(sources, speakers=speakers)
        return Base(key, corpus, segment_turns(corpus.turns, settings.tokens))
    folder = Path(cache_dir) / key
    frames = _read(folder, (*TABLES, "tokens"))
    if frames is not None:
        return Base(key, Corpus(*(frames[name] for name in TABLES)), frames["tokens"])
    corpus = read_corpus(sources, speakers=speakers)
    tokens = segment_turns(corpus.turns, settings.tokens)
    _write(folder, {**dict(zip(TABLES, _corpus_frames(corpus), strict=True)), "tokens": tokens})
    prune(Path(cache_dir))
    return Base(key, corpus, tokens)


def load_theme_hits(
    base: Base, themes: list[Theme], cache_dir: Path | None = DEFAULT_CACHE
) -> pd.DataFrame:
    """The base's theme hits for these themes, from the cache when they were found before."""
    if cache_dir is None:
        return theme_hits(base.corpus.turns, themes)
    folder = Path(cache_dir) / base.key / f"themes-{themes_key(themes)}"
    cached = _read(folder, ("theme_hits",))
    if cached is not None:
        return cached["theme_hits"]
    hits = theme_hits(base.corpus.turns, themes)
    _write(folder, {"theme_hits": hits})
    prune(Path(cache_dir))
    return hits


def load_analysis(
    source: str | Path | list[Source],
    themes: list[Theme],
    settings: Settings | None = None,
    speakers_path: Path | None = None,
    cache_dir: Path | None = DEFAULT_CACHE,
) -> Analysis:
    """Read, segment and find themes, or load all of that from the cache when nothing changed."""
    sources, speakers, problems = read_sources(source, speakers_path)
    if cache_dir is None:
        corpus = read_corpus(sources, speakers=speakers)
        return with_problems(analyse(corpus, themes, settings), problems)
    base = load_base(sources, speakers, settings, cache_dir)
    hits = load_theme_hits(base, themes, cache_dir)
    return with_problems(Analysis(base.corpus, base.tokens, themes, hits), problems)


def with_problems(analysis: Analysis, problems: list[dict]) -> Analysis:
    """The analysis with problems found outside the articles (folder, speakers file) first."""
    if not problems:
        return analysis
    corpus = analysis.corpus
    table = pd.concat([pd.DataFrame(problems, columns=s.PROBLEMS.names), corpus.problems])
    corpus = Corpus(corpus.articles, corpus.turns, corpus.editorial, table.reset_index(drop=True))
    return Analysis(corpus, analysis.tokens, analysis.themes, analysis.theme_hits)


def layer(shared: Analysis, extra: Analysis) -> Analysis:
    """A visitor's uploads over the shared corpus: one analysis, the shared one untouched.

    Uploaded articles whose id the shared corpus already has get a new one (`-2`, `-3`),
    so a link or a filter never mixes the two.
    """
    if extra.corpus.articles.empty and extra.corpus.problems.empty:
        return shared
    taken = set(shared.corpus.articles[s.ARTICLE_ID])
    renamed = {}
    for article_id, file_name in zip(
        extra.corpus.articles[s.ARTICLE_ID], extra.corpus.articles[s.FILE_NAME], strict=True
    ):
        if article_id in taken:
            new_id = article_id_for(str(PurePosixPath(file_name).stem), taken)
            renamed[article_id] = new_id
        else:
            taken.add(article_id)

    def reid(frame: pd.DataFrame) -> pd.DataFrame:
        if not renamed or s.ARTICLE_ID not in frame:
            return frame
        ids = frame[s.ARTICLE_ID].astype(object)
        return frame.assign(**{s.ARTICLE_ID: ids.map(lambda a: renamed.get(a, a))})

    def stack(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
        if second.empty:
            return first
        if first.empty:
            return reid(second)
        return _concat(first, reid(second))

    a, b = shared.corpus, extra.corpus
    corpus = Corpus(
        stack(a.articles, b.articles),
        stack(a.turns, b.turns),
        stack(a.editorial, b.editorial),
        stack(a.problems, b.problems),
    )
    tokens = stack(shared.tokens, extra.tokens)
    hits = stack(shared.theme_hits, extra.theme_hits)
    return Analysis(corpus, tokens, shared.themes, hits)


def _concat(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """Rows of both; categorical columns stay categorical (a plain concat would make them
    objects and copy every string of the shared corpus)."""
    columns = {}
    for column in first.columns:
        a, b = first[column], second[column]
        if isinstance(a.dtype, pd.CategoricalDtype):
            values = b.astype(object)
            kinds = pd.Index(pd.unique(values), dtype=a.cat.categories.dtype)
            b = pd.Categorical(values, categories=kinds)
            columns[column] = union_categoricals([a.array, b], ignore_order=True)
        else:
            columns[column] = pd.concat([a, b], ignore_index=True)
    return pd.DataFrame(columns)[list(first.columns)]


def cache_entries(cache_dir: Path) -> list[tuple[float, int, Path]]:
    """(last used, bytes, folder) of each corpus entry."""
    entries = []
    for folder in Path(cache_dir).iterdir() if Path(cache_dir).is_dir() else []:
        if not folder.is_dir() or ".tmp" in folder.name:
            continue
        try:
            size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
            entries.append((folder.stat().st_mtime, size, folder))
        except OSError:  # removed meanwhile by another process
            continue
    return entries


def prune(cache_dir: Path, max_bytes: int | None = None, max_theme_sets: int = MAX_THEME_SETS):
    """Drop least recently used entries beyond the size cap, and surplus theme-hit sets."""
    max_bytes = MAX_CACHE_BYTES if max_bytes is None else max_bytes
    entries = sorted(cache_entries(cache_dir), reverse=True)
    for _, _, folder in entries:
        theme_sets = sorted(
            (p for p in folder.glob("themes-*") if p.is_dir() and ".tmp" not in p.name),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for stale in theme_sets[max_theme_sets:]:
            shutil.rmtree(stale, ignore_errors=True)
    total = 0
    for _, size, folder in entries:  # newest first: keep while under the cap
        total += size
        if total > max_bytes and folder != entries[0][2]:
            shutil.rmtree(folder, ignore_errors=True)
    # Temporary folders left by a process that died mid-write.
    for tmp in Path(cache_dir).glob("*.tmp-*") if Path(cache_dir).is_dir() else []:
        if time.time() - tmp.stat().st_mtime > 3600:
            shutil.rmtree(tmp, ignore_errors=True)


def _corpus_frames(corpus: Corpus) -> tuple[pd.DataFrame, ...]:
    articles = corpus.articles.copy()
    articles[s.PUBLISHED] = pd.to_datetime(articles[s.PUBLISHED])
    return articles, corpus.turns, corpus.editorial, corpus.problems
