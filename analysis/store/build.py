"""Building a store: a corpus read, segmented and theme-matched once into Parquet files.

The work is cut into batches of files. Each batch is read, parsed, segmented and matched
against the themes on its own and writes its own part files (`turns/part-00003.parquet` …),
so batches run anywhere: in this process for a small corpus, in worker processes on one
machine, or on a Dask cluster (`client=`), whose workers must see the corpus and the store
folder at the same paths (a shared file system). The parent only ever holds one small
summary per file, never the text.

Article ids come from file names and must not depend on how the files were split: the
parent names every file before the batches start, as if all of them could be read, and in
the rare case a file then turns out unreadable (its name freed for a later file) the few
affected parts are rewritten with the ids `read_corpus` would give.

Layout of a store folder (see docs/analysis.md, "The store"):

    STORE/CURRENT                   {"build": KEY, "themes": THEMES_KEY}: what readers open
    STORE/file-hashes.json          each corpus file's hash under its stat signature
    STORE/KEY/manifest.json         what was built from what, and the row counts
    STORE/KEY/articles.parquet, problems.parquet
    STORE/KEY/turns/, editorial/, tokens/   part-NNNNN.parquet, one per batch
    STORE/KEY/themes-THEMES_KEY/    themes.toml and theme_hits part files

KEY covers every input byte, the speakers, the token settings and the analysis code (as
`cache.content_key` does), so an unchanged corpus is never rebuilt. The bytes are hashed
once: `STORE/file-hashes.json` keeps each file's hash under its size, times and inode
(`FileHashes`), and a repeat build reads only the files whose signature changed.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import math
import os
import re
import shutil
import stat
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis import schema as s
from analysis.config import SpeakerConfig, Theme, dump_themes, parse_themes
from analysis.ingest.reader import (
    FALLBACK_SPEAKERS,
    FOLDER_EMPTY,
    FOLDER_MISSING,
    SKIPPED,
    _problem,
    article_id_for,
    read_corpus,
    safe_file_name,
    speakers_or_defaults,
    suffix_list,
    unsupported_reason,
)
from analysis.keys import code_version, themes_key
from analysis.measures.exchanges import find_exchanges
from analysis.measures.talk import count_questions
from analysis.parallel import parallel_map, serial, worker_count
from analysis.text.folding import nfkc
from analysis.text.themes import theme_hits
from analysis.text.tokens import TokenSettings, segment_turns

FORMAT = 1  # bump when the layout changes; a store of another format is rebuilt
CURRENT = "CURRENT"
MANIFEST = "manifest.json"
PART = "part-{:05d}.parquet"
KEEP_BUILDS = 3  # older builds are removed; a replica may still read the previous one
# A build used (`mark_used`) this recently is never removed: another process (a second
# server, a replica, the test suite's AppTest beside a browser test's server) may read it.
KEEP_USED_SECONDS = 3600
BATCH_BYTES = 8_000_000  # a batch's files; bounds a worker's memory
PARALLEL_MIN_BYTES = 2_000_000  # below this, worker start-up costs more than it saves
ROOT = Path(__file__).resolve().parents[2]
# Where the dashboard and `export` keep the stores of corpus folders (TRANSCRIPTS_CACHE names
# the cache folder's `tables` entry, as before stores existed; the stores sit beside it).
STORE_CACHE = Path(os.environ.get("TRANSCRIPTS_CACHE", ROOT / ".cache" / "tables")).parent / "store"

# Columns the store keeps beside the schema's, for its own queries (never returned).
SEQ = "article_seq"  # the article's place in the corpus: queries return rows in corpus order
SEARCH_TEXT = "search_text"  # what the concordance searches (see search_text below)
QUESTIONS = s.QUESTIONS  # question sentences of the turn (speakers.count_questions)
# The exchanges (questions and answers) found at build time from the turns alone, and the
# question or answer turns of each, for the joins with theme hits and tokens at query time.
EXCHANGES = "exchanges"
EXCHANGE_TURNS = "exchange_turns"

# Types the tables' columns must have whatever pandas made of an empty batch.
_TYPES = {
    s.TURN: pa.int64(),
    s.POSITION: pa.int32(),
    s.HITS: pa.int64(),
    SEQ: pa.int64(),
    QUESTIONS: pa.int64(),
}
# Where a table's column differs from the name's type above (an exchange's position is a
# share of its article's speech, a token's a word index).
_TABLE_TYPES = {EXCHANGES: {s.POSITION: pa.float64()}}


@dataclass(frozen=True)
class Tables:
    """A corpus's base tables in memory, as a store holds them: for a few files (a visitor's
    uploads, tests) that are not worth a store on disk."""

    articles: pd.DataFrame
    turns: pd.DataFrame
    editorial: pd.DataFrame
    problems: pd.DataFrame
    tokens: pd.DataFrame
    theme_hits: pd.DataFrame
    reports: tuple = ()  # each file's ReadingReport, when read_tables was asked for them


def read_tables(
    sources: list,
    themes: list[Theme],
    speakers: SpeakerConfig | None = None,
    settings: TokenSettings | None = None,
    reports: bool = False,
) -> Tables:
    """Read, segment and theme-match `(name, bytes)` files in this process: a build in memory.
    `speakers` defaults to the speakers file (config/speakers.toml). With `reports`, each
    file's reading report comes from the same parse (`Tables.reports`, in file order)."""
    corpus = read_corpus(list(sources), speakers=speakers, reports=reports)
    tokens = segment_turns(corpus.turns, settings or TokenSettings())
    hits = theme_hits(corpus.turns, themes)
    return Tables(
        corpus.articles,
        corpus.turns,
        corpus.editorial,
        corpus.problems,
        tokens,
        hits,
        tuple(corpus.reports),
    )


def default_store_dir(corpus: str | Path) -> Path:
    """The store folder of a corpus folder under `STORE_CACHE`: one per folder path."""
    name = hashlib.sha256(str(Path(corpus).resolve()).encode()).hexdigest()[:16]
    return STORE_CACHE / name


def _arrow_type(dtype) -> pa.DataType:
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return pa.timestamp("us")
    if pd.api.types.is_bool_dtype(dtype):
        return pa.bool_()
    if pd.api.types.is_integer_dtype(dtype):
        return pa.int64()
    if pd.api.types.is_float_dtype(dtype):
        return pa.float64()
    return pa.string()


@functools.cache
def arrow_schemas() -> dict[str, pa.Schema]:
    """The Parquet schema of each stored table: the reader's tables as `read_corpus` types
    them (so a column added there is stored too), plus the store's own columns."""
    empty = read_corpus([], speakers=FALLBACK_SPEAKERS)
    frames = {
        "articles": (empty.articles, [SEQ]),
        "turns": (empty.turns, [SEQ, QUESTIONS, SEARCH_TEXT]),
        "editorial": (empty.editorial, [SEQ]),
        "problems": (empty.problems, []),
        "tokens": (pd.DataFrame(columns=s.TOKENS.names), []),
        "theme_hits": (pd.DataFrame(columns=s.THEME_HITS.names), []),
        EXCHANGES: (find_exchanges(empty.turns).rows, [SEQ]),
        EXCHANGE_TURNS: (find_exchanges(empty.turns).parts, []),
    }
    schemas = {}
    for name, (frame, extra) in frames.items():
        types = {**_TYPES, **_TABLE_TYPES.get(name, {})}
        fields = [(c, types.get(c) or _arrow_type(frame[c].dtype)) for c in frame.columns]
        fields += [(c, _TYPES.get(c, pa.string())) for c in extra]
        schemas[name] = pa.schema(fields)
    return schemas


@dataclass(frozen=True)
class FileEntry:
    """One corpus file as the parent sees it: no text, only where it is and its hash."""

    index: int
    path: str
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class BatchTask:
    """What one worker builds: these files, named with the parent's ids, into `folder`."""

    number: int
    files: tuple[FileEntry, ...]
    ids: tuple[str, ...]
    folder: str
    themes_dir: str
    config: SpeakerConfig
    settings: TokenSettings
    themes: tuple[Theme, ...]


@dataclass
class FileSummary:
    """What came of one file, all small: its article row (without the id; None when it
    was skipped) and its problem rows, as `read_corpus` made them."""

    index: int
    name: str
    batch: int
    article: dict | None = None
    problems: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class BuildResult:
    """Where a build went and what it holds."""

    folder: Path
    key: str
    themes_key: str
    reused: bool
    files: int  # every file of the folder, read or not (unsupported ones too)
    articles: int
    turns: int
    tokens: int
    seconds: float


# ---------------------------------------------------------------- parts


def write_part(frame: pd.DataFrame, table: str, path: Path) -> None:
    """One Parquet file with the store's fixed column types (empty parts keep them too)."""
    schema = arrow_schemas()[table]
    columns = {}
    for name in schema.names:
        values = frame[name] if name in frame else pd.Series([], dtype=object)
        if isinstance(values.dtype, pd.CategoricalDtype):
            # Decoded by Arrow: twice as fast as making a Python string per row first.
            decoded = pa.array(values, from_pandas=True).dictionary_decode()
            columns[name] = decoded.cast(schema.field(name).type)
            continue
        columns[name] = pa.array(values, type=schema.field(name).type, from_pandas=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(columns, schema=schema), path, compression="zstd")


def search_text(text: str) -> str:
    """The text as the concordance searches it: lines joined by spaces, width-folded (NFKC)
    unless folding changes the length, when offsets would shift (as in `kwic.match_spans`)."""
    flat = text.replace("\n", " ")
    folded = nfkc(flat)
    return folded if len(folded) == len(flat) else flat


def exchange_tables(turns: pd.DataFrame, seq: pd.Series) -> dict[str, pd.DataFrame]:
    """The stored exchanges (with their articles' corpus order, `seq` per turn) and exchange
    turns of these turns (`measures.exchanges.find_exchanges`)."""
    found = find_exchanges(turns)
    order = dict(zip(turns[s.ARTICLE_ID].astype(object), seq.to_numpy(dtype="int64"), strict=True))
    rows = found.rows.assign(**{SEQ: found.rows[s.ARTICLE_ID].map(order).astype("int64")})
    return {EXCHANGES: rows, EXCHANGE_TURNS: found.parts}


def with_store_columns(turns: pd.DataFrame, seq: pd.Series) -> pd.DataFrame:
    """Turns with the store's own columns: corpus order, question count, search text."""
    texts = turns[s.TEXT].tolist()
    return turns.assign(
        **{
            SEQ: seq.to_numpy(dtype="int64"),
            QUESTIONS: [count_questions(text) for text in texts],
            SEARCH_TEXT: [search_text(text) for text in texts],
        }
    )


# The reader's note when an id differs from the file name; ids are named again centrally.
ID_NOTE = re.compile(r"its id is .* \(name made unique/safe\)")


def build_batch(task: BatchTask) -> list[FileSummary]:
    """Read, parse, segment and theme-match one batch of files; write its part files.

    Runs in a worker (a process, or a Dask worker): everything it needs is in `task`. The
    batch is read by `read_corpus` itself, then its ids become the parent's.
    """
    sources, unread = [], {}
    for entry in task.files:
        try:
            sources.append((entry.name, Path(entry.path).read_bytes()))
        except OSError as error:  # removed or locked since the parent listed it
            unread[entry.index] = f"skipped: could not be opened ({error.strerror})"
    with serial():  # this worker is one of many already: no nested pools
        corpus = read_corpus(sources, speakers=task.config)
    by_name = {safe_file_name(e.name): (e, i) for e, i in zip(task.files, task.ids, strict=True)}
    articles = corpus.articles.to_dict("records")
    local = {row[s.ARTICLE_ID]: by_name[row[s.FILE_NAME]] for row in articles}
    problems: dict[str, list[dict]] = {}
    for row in corpus.problems.to_dict("records"):
        if not (row[s.LEVEL] == s.WARNING and ID_NOTE.fullmatch(row[s.MESSAGE])):
            problems.setdefault(row[s.FILE_NAME], []).append(row)
    summaries = {}
    for entry in task.files:
        name = safe_file_name(entry.name)
        summary = FileSummary(entry.index, name, task.number, problems=problems.get(name, []))
        if entry.index in unread:
            summary.problems = [_problem(name, s.ERROR, unread[entry.index])]
        summaries[name] = summary
    for row in articles:
        row.pop(s.ARTICLE_ID)
        summaries[row[s.FILE_NAME]].article = row

    def reid(frame: pd.DataFrame) -> pd.DataFrame:
        ids = frame[s.ARTICLE_ID].map(lambda a: local[a][1])
        seq = frame[s.ARTICLE_ID].map(lambda a: local[a][0].index)
        return frame.assign(**{s.ARTICLE_ID: ids, SEQ: seq.astype("int64")})

    turns = reid(corpus.turns)
    with serial():
        tokens = segment_turns(turns[s.TURNS.names], task.settings)
    hits = theme_hits(turns[s.TURNS.names], list(task.themes))
    folder = Path(task.folder)
    part = PART.format(task.number)
    write_part(with_store_columns(turns, turns[SEQ]), "turns", folder / "turns" / part)
    write_part(reid(corpus.editorial), "editorial", folder / "editorial" / part)
    write_part(tokens, "tokens", folder / "tokens" / part)
    write_part(hits, "theme_hits", folder / task.themes_dir / part)
    for name, frame in exchange_tables(turns[s.TURNS.names], turns[SEQ]).items():
        write_part(frame, name, folder / name / part)
    return list(summaries.values())


def theme_batch(turns_part: str, out_part: str, themes: tuple[Theme, ...]) -> int:
    """Theme hits of one turns part (for themes other than the ones the base was built with)."""
    turns = pq.read_table(turns_part, columns=s.TURNS.names).to_pandas()
    hits = theme_hits(turns, list(themes))
    write_part(hits, "theme_hits", Path(out_part))
    return len(hits)


def _reid_part(path: str, table: str, renamed: dict[str, str]) -> None:
    frame = pq.read_table(path).to_pandas()
    ids = frame[s.ARTICLE_ID].astype(object)
    frame[s.ARTICLE_ID] = ids.map(lambda a: renamed.get(a, a))
    write_part(frame, table, Path(path))


# ---------------------------------------------------------------- running batches


def run_tasks(function, tasks: list, client=None, parallel: bool = True) -> list:
    """`function` over the tasks: on the Dask cluster behind `client`, in worker processes, or
    here. Results in task order."""
    if not tasks:
        return []
    if client is not None:
        # The tasks go straight to the workers (scatter), so the graph holds only their keys:
        # inside it, the file lists alone weighed 16.5 MB at 100,000 files, all of which the
        # scheduler received, unpacked and kept until the build ended.
        on_workers = client.scatter(tasks, hash=False)
        futures = client.map(function, on_workers, pure=False)
        return client.gather(futures)
    if parallel and len(tasks) > 1 and worker_count() > 1:
        return parallel_map(function, tasks)
    return [function(task) for task in tasks]


def _star(args: tuple):
    function, *rest = args
    return function(*rest)


# ---------------------------------------------------------------- the corpus


# STORE/file-hashes.json: each corpus file's hash under its stat signature (FileHashes).
HASHES = "file-hashes.json"
# A file changed this recently when listed is hashed again next time, its signature not kept:
# a second change within the file system's clock tick could leave size and times the same.
RACY_NS = 2_000_000_000


def _signature(info: os.stat_result) -> str | None:
    """What says a regular file is unchanged without reading it: its size, modification and
    change times and inode (as git's index does). None for anything else (a pipe, a device)."""
    if not stat.S_ISREG(info.st_mode):
        return None
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}:{info.st_dev}"


@dataclass
class FileHashes:
    """The sha256 of a corpus folder's files by name and stat signature, kept in the store so
    that a repeat build reads no file whose signature is unchanged: at 10,000 files, reading
    and hashing them (300 MB) was half of a repeat build, at 100,000 files (3 GB) most of it."""

    folder: str  # the corpus folder, resolved: a store built from another folder starts afresh
    known: dict[str, list] = field(default_factory=dict)  # name -> [signature, sha256], as saved
    found: dict[str, list] = field(default_factory=dict)  # the same for this listing

    @classmethod
    def load(cls, store: Path, folder: str | Path) -> FileHashes:
        folder = str(Path(folder).resolve())
        saved = read_json(store / HASHES) or {}
        known = saved.get("files") if saved.get("folder") == folder else None
        return cls(folder, known if isinstance(known, dict) else {})

    def sha256(self, item: os.DirEntry, path: str, started_ns: int) -> tuple[str, int]:
        """The file's hash and size: the kept hash if its signature is unchanged, else read."""
        info = item.stat()
        signature = _signature(info)
        kept = self.known.get(item.name)
        if (
            signature is not None
            and isinstance(kept, list)
            and len(kept) == 2
            and kept[0] == signature
            and isinstance(kept[1], str)
            and len(kept[1]) == 64
        ):
            self.found[item.name] = kept
            return kept[1], info.st_size
        data = Path(path).read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if signature is not None and max(info.st_mtime_ns, info.st_ctime_ns) < started_ns - RACY_NS:
            self.found[item.name] = [signature, digest]
        return digest, len(data)

    def save(self, store: Path) -> None:
        """Keep this listing's hashes, unless they are the ones kept already (no write then)."""
        if self.found != self.known:
            _write_json(store / HASHES, {"folder": self.folder, "files": self.found})


def _is_dir(item: os.DirEntry) -> bool:
    try:
        return item.is_dir()
    except OSError:  # as Path.is_dir: an entry that can't be looked at is no folder
        return False


def list_corpus(
    folder: str | Path, hashes: FileHashes | None = None
) -> tuple[list[FileEntry], list[dict]]:
    """The corpus files in `read_folder`'s order with their hashes, and problems as it gives
    them: every other entry of the folder is listed with why it is not read. Files are hashed
    one at a time, so memory stays small whatever the corpus size; with `hashes`, only files
    whose stat signature differs from the one kept are read."""
    folder = Path(folder)
    if not folder.is_dir():
        return [], [_problem(str(folder), s.ERROR, FOLDER_MISSING)]
    root = str(folder.resolve())
    if hashes is None or hashes.folder != root:
        hashes = FileHashes(root)
    started_ns = time.time_ns()
    entries, problems = [], []
    with os.scandir(folder) as listing:
        # Path order, as `read_folder` sorts: its names, compared as the platform's paths are.
        items = sorted(listing, key=lambda item: os.path.normcase(item.name))
    for item in items:
        reason = unsupported_reason(item.name, folder=_is_dir(item))
        if reason:
            problems.append(_problem(item.name, s.ERROR, SKIPPED + reason))
            continue
        path = os.path.join(root, item.name)
        try:
            digest, size = hashes.sha256(item, path, started_ns)
        except OSError as error:
            problems.append(_problem(item.name, s.ERROR, f"could not be opened ({error.strerror})"))
            continue
        entries.append(FileEntry(len(entries), path, item.name, size, digest))
    if not entries:
        problems.append(_problem(str(folder), s.ERROR, FOLDER_EMPTY.format(suffixes=suffix_list())))
    return entries, problems


# What `list_corpus` says of the folder itself (not of one of its files).
FOLDER_MESSAGES = (FOLDER_MISSING, FOLDER_EMPTY.format(suffixes=suffix_list()))


def corpus_key(entries: list[FileEntry], settings: TokenSettings, config: SpeakerConfig) -> str:
    """The key `cache.content_key` gives these files, from their hashes alone."""
    digest = hashlib.sha256()
    for entry in entries:
        digest.update(entry.name.encode("utf-8", "replace") + b"\0" + bytes.fromhex(entry.sha256))
    digest.update(settings.fingerprint().encode())
    digest.update(code_version().encode() + repr(config).encode())
    return digest.hexdigest()[:24]


def _batches(entries: list[FileEntry], batch_files: int | None, client) -> list[list[FileEntry]]:
    total = sum(e.size for e in entries)
    if batch_files is None and client is None and total < PARALLEL_MIN_BYTES:
        batch_files = len(entries) or 1  # one batch, built in this process
    if batch_files is None:
        workers = 8 if client is not None else worker_count()
        count = max(workers * 4, math.ceil(total / BATCH_BYTES))
        batch_files = max(1, math.ceil(len(entries) / count))
    return [entries[i : i + batch_files] for i in range(0, len(entries), batch_files)] or [[]]


def _assign_ids(entries: list[FileEntry], readable=None) -> dict[int, str]:
    """Ids as `read_corpus` gives them: in corpus order, over the files it could read."""
    taken: set[str] = set()
    return {
        e.index: article_id_for(safe_file_name(e.name), taken)
        for e in entries
        if readable is None or e.index in readable
    }


def _write_json(path: Path, data: dict) -> None:
    tmp = path.with_name(f"{path.name}.tmp-{uuid.uuid4().hex}")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    os.replace(tmp, path)  # atomic: a reader sees the old file or the new one


def read_json(path: Path) -> dict | None:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def build_store(
    corpus: str | Path,
    store: str | Path,
    themes: list[Theme],
    speakers_path: str | Path | None = None,
    settings: TokenSettings | None = None,
    client=None,
    batch_files: int | None = None,
) -> BuildResult:
    """Build (or reuse) the store of a corpus folder, and make it the one `STORE` serves.

    `client` is a `dask.distributed.Client`: the batches then run on its cluster. Without
    it, they run in worker processes on this machine (in this process for small corpora).
    """
    started = time.perf_counter()
    settings = settings or TokenSettings()
    store = Path(store)
    store.mkdir(parents=True, exist_ok=True)
    config, problems = speakers_or_defaults(speakers_path)
    hashes = FileHashes.load(store, corpus)
    entries, folder_problems = list_corpus(corpus, hashes)
    hashes.save(store)
    problems += folder_problems
    # Every file of the folder counts, the ones of a kind the reader doesn't take too.
    not_taken = sum(1 for p in folder_problems if p[s.MESSAGE] not in FOLDER_MESSAGES)
    key = corpus_key(entries, settings, config)
    tkey = themes_key(themes)
    themes_dir = f"themes-{tkey}"
    folder = store / key
    manifest = read_json(folder / MANIFEST)
    reused = manifest is not None and manifest.get("format") == FORMAT
    if not reused:
        manifest = _build_base(
            entries, problems, folder, themes_dir, themes, config, settings, client, batch_files
        )
    if not (folder / themes_dir / "themes.toml").exists():
        _build_theme_hits(folder, themes_dir, themes, client)
    current = {"build": key, "themes": tkey}
    if read_json(store / CURRENT) != current:
        # Not rewritten when it says the same: a server reopens its store when the file changes.
        _write_json(store / CURRENT, current)
    prune_builds(store)
    counts = manifest["rows"]
    return BuildResult(
        folder,
        key,
        tkey,
        reused,
        len(entries) + not_taken,
        counts["articles"],
        counts["turns"],
        counts["tokens"],
        time.perf_counter() - started,
    )


def _build_base(
    entries, problems, folder, themes_dir, themes, config, settings, client, batch_files
) -> dict:
    tmp = folder.with_name(f"{folder.name}.tmp-{uuid.uuid4().hex[:12]}")
    tmp.mkdir(parents=True)
    try:
        provisional = _assign_ids(entries)
        batches = _batches(entries, batch_files, client)
        tasks = [
            BatchTask(
                number,
                tuple(batch),
                tuple(provisional[e.index] for e in batch),
                str(tmp),
                themes_dir,
                config,
                settings,
                tuple(themes),
            )
            for number, batch in enumerate(batches)
        ]
        total = sum(e.size for e in entries)
        results = run_tasks(build_batch, tasks, client, parallel=total >= PARALLEL_MIN_BYTES)
        summaries = sorted((x for batch in results for x in batch), key=lambda x: x.index)
        ids = _assign_ids(entries, {x.index for x in summaries if x.article is not None})
        renamed = {
            provisional[i]: article_id
            for i, article_id in ids.items()
            if provisional[i] != article_id
        }
        if renamed:
            _reid(tmp, themes_dir, summaries, provisional, ids, renamed, client)
        articles, problems = _articles_and_problems(summaries, ids, problems)
        write_part(articles, "articles", tmp / "articles.parquet")
        write_part(problems, "problems", tmp / "problems.parquet")
        (tmp / themes_dir / "themes.toml").write_text(dump_themes(themes), encoding="utf-8")
        rows = {
            "articles": len(articles),
            "turns": _rows(tmp / "turns"),
            "tokens": _rows(tmp / "tokens"),
            "problems": len(problems),
            EXCHANGES: _rows(tmp / EXCHANGES),
        }
        manifest = {
            "format": FORMAT,
            "key": folder.name,
            "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "code_version": code_version(),
            "token_settings": settings.fingerprint(),
            "files": len(entries),
            "parts": len(tasks),
            "rows": rows,
            "engine": "dask" if client is not None else "local",
        }
        _write_json(tmp / MANIFEST, manifest)
        shutil.rmtree(folder, ignore_errors=True)  # an older, incomplete format
        try:
            tmp.rename(folder)  # atomic: a half-built store is never opened
        except OSError:  # another build of the same files finished first: theirs is as good
            shutil.rmtree(tmp, ignore_errors=True)
        return manifest
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _reid(tmp: Path, themes_dir, summaries, provisional, ids, renamed, client) -> None:
    """Rewrite the parts holding articles whose provisional id an unreadable file freed."""
    batches = sorted(
        {
            x.batch
            for x in summaries
            if x.article is not None and provisional[x.index] != ids[x.index]
        }
    )
    jobs = [
        (_reid_part, str(tmp / sub / PART.format(number)), table, renamed)
        for number in batches
        for sub, table in (
            ("turns", "turns"),
            ("editorial", "editorial"),
            ("tokens", "tokens"),
            (themes_dir, "theme_hits"),
            (EXCHANGES, EXCHANGES),
            (EXCHANGE_TURNS, EXCHANGE_TURNS),
        )
    ]
    run_tasks(_star, jobs, client, parallel=False)


def _articles_and_problems(summaries, ids, problems) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The articles and problems tables, in corpus order, exactly as `read_corpus` makes them."""
    articles, problems = [], list(problems)
    for summary in summaries:
        if summary.article is None:
            problems.extend(summary.problems)
            continue
        article_id = ids[summary.index]
        if article_id != PurePosixPath(summary.name).stem:
            problems.append(
                _problem(
                    summary.name, s.WARNING, f"its id is {article_id!r} (name made unique/safe)"
                )
            )
        problems.extend(summary.problems)
        articles.append({s.ARTICLE_ID: article_id, **summary.article, SEQ: summary.index})
    columns = arrow_schemas()["articles"].names
    table = pd.DataFrame(articles, columns=columns)
    table[s.PUBLISHED] = pd.to_datetime(table[s.PUBLISHED])
    return table, pd.DataFrame(problems, columns=s.PROBLEMS.names)


def _rows(folder: Path) -> int:
    return sum(pq.read_metadata(path).num_rows for path in sorted(folder.glob("part-*.parquet")))


def _build_theme_hits(folder: Path, themes_dir: str, themes: list[Theme], client) -> None:
    """Theme hits for themes the base was not built with, one task per turns part."""
    tmp = folder / f"{themes_dir}.tmp-{uuid.uuid4().hex[:12]}"
    tmp.mkdir(parents=True)
    try:
        parts = sorted((folder / "turns").glob("part-*.parquet"))
        jobs = [(theme_batch, str(p), str(tmp / p.name), tuple(themes)) for p in parts]
        total = sum(p.stat().st_size for p in parts)
        run_tasks(_star, jobs, client, parallel=total >= PARALLEL_MIN_BYTES)
        (tmp / "themes.toml").write_text(dump_themes(themes), encoding="utf-8")
        target = folder / themes_dir
        shutil.rmtree(target, ignore_errors=True)
        try:
            tmp.rename(target)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def mark_used(path: Path) -> None:
    """Say a store folder or build is in use now (its time), so no pruning takes it."""
    with contextlib.suppress(OSError):
        os.utime(path)


def recently_used(path: Path, seconds: float = KEEP_USED_SECONDS) -> bool:
    try:
        return time.time() - path.stat().st_mtime < seconds
    except OSError:
        return False


def prune_builds(store: Path, keep: int = KEEP_BUILDS) -> None:
    """Remove all but the `keep` most recently built corpora (never the current one, nor one
    used in the last `KEEP_USED_SECONDS`), and temporary folders a build that died left behind."""
    current = (read_json(store / CURRENT) or {}).get("build")
    builds = sorted(
        (p for p in store.iterdir() if p.is_dir() and (p / MANIFEST).exists()),
        key=lambda p: (p / MANIFEST).stat().st_mtime,
        reverse=True,
    )
    for stale in builds[keep:]:
        if stale.name != current and not recently_used(stale):
            shutil.rmtree(stale, ignore_errors=True)
    for tmp in store.glob("*.tmp-*"):
        if time.time() - tmp.stat().st_mtime > 3600:
            shutil.rmtree(tmp, ignore_errors=True)


def themes_of(folder: Path, themes_dir: str) -> list[Theme]:
    """The themes a build's theme hits were found with."""
    path = folder / themes_dir / "themes.toml"
    return parse_themes(path.read_text(encoding="utf-8"), str(path))
