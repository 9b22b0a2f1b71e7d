"""A disk cache of the costly tables (read corpus, tokens, theme hits), keyed by content.

The key covers every input byte, the settings and the code that produces the tables, so a
stale entry can never be served; when nothing changed a second load reads Parquet files
instead of parsing and segmenting again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pandas as pd

from analysis import schema as s
from analysis.config import Theme, dump_themes
from analysis.pipeline import Analysis, Settings, analyse
from analysis.reader import Corpus, Source, read_corpus, read_folder, speakers_or_defaults
from analysis.themes import theme_hits

ANALYSIS_DIR = Path(__file__).resolve().parent
DEFAULT_CACHE = Path(os.environ.get("TRANSCRIPTS_CACHE", ANALYSIS_DIR.parent / ".cache" / "tables"))
TABLES = ("articles", "turns", "editorial", "problems")


def code_version() -> str:
    """Changes whenever the analysis code changes, so old entries are never reused."""
    digest = hashlib.sha256()
    for path in sorted(ANALYSIS_DIR.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def content_key(sources: list[Source], settings: Settings, extra: bytes = b"") -> str:
    digest = hashlib.sha256()
    for name, data in sources:
        digest.update(name.encode("utf-8", "replace") + b"\0" + hashlib.sha256(data).digest())
    digest.update(settings.tokens.fingerprint().encode())
    digest.update(code_version().encode() + extra)
    return digest.hexdigest()[:24]


def _write(folder: Path, frames: dict[str, pd.DataFrame]) -> None:
    tmp = folder.with_suffix(".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name, frame in frames.items():
        frame.to_parquet(tmp / f"{name}.parquet", index=False)
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)  # atomic: a half-written entry is never read


def _read(folder: Path, names) -> dict[str, pd.DataFrame] | None:
    try:
        return {name: pd.read_parquet(folder / f"{name}.parquet") for name in names}
    except (OSError, ValueError):
        return None


def load_analysis(
    source: str | Path | list[Source],
    themes: list[Theme],
    settings: Settings | None = None,
    speakers_path: Path | None = None,
    cache_dir: Path | None = DEFAULT_CACHE,
) -> Analysis:
    """Read, segment and find themes, or load all of that from the cache when nothing changed."""
    settings = settings or Settings()
    folder_problems: list[dict] = []
    if isinstance(source, str | Path):
        sources, folder_problems = read_folder(source)
    else:
        sources = list(source)
    speakers, speaker_problems = speakers_or_defaults(speakers_path)
    folder_problems += speaker_problems
    if cache_dir is None:
        corpus = read_corpus(sources, speakers=speakers)
        return with_problems(analyse(corpus, themes, settings), folder_problems)
    key = content_key(sources, settings, repr(speakers).encode())
    base = Path(cache_dir) / key
    frames = _read(base, (*TABLES, "tokens"))
    if frames is None:
        corpus = read_corpus(sources, speakers=speakers)
        tokens = analyse(corpus, [], settings).tokens
        _write(base, {**dict(zip(TABLES, _corpus_frames(corpus), strict=True)), "tokens": tokens})
    else:
        corpus = Corpus(*(frames[name] for name in TABLES))
        tokens = frames["tokens"]
    themes_key = hashlib.sha256(dump_themes(themes).encode()).hexdigest()[:16]
    cached_hits = _read(base / f"themes-{themes_key}", ("theme_hits",))
    if cached_hits is None:
        hits = theme_hits(corpus.turns, themes)
        _write(base / f"themes-{themes_key}", {"theme_hits": hits})
    else:
        hits = cached_hits["theme_hits"]
    return with_problems(Analysis(corpus, tokens, themes, hits), folder_problems)


def with_problems(analysis: Analysis, problems: list[dict]) -> Analysis:
    """The analysis with problems found outside the articles (folder, speakers file) first."""
    if not problems:
        return analysis
    corpus = analysis.corpus
    table = pd.concat([pd.DataFrame(problems), corpus.problems], ignore_index=True)
    corpus = Corpus(corpus.articles, corpus.turns, corpus.editorial, table)
    return Analysis(corpus, analysis.tokens, analysis.themes, analysis.theme_hits)


def _corpus_frames(corpus: Corpus) -> tuple[pd.DataFrame, ...]:
    articles = corpus.articles.copy()
    articles[s.PUBLISHED] = pd.to_datetime(articles[s.PUBLISHED])
    return articles, corpus.turns, corpus.editorial, corpus.problems
