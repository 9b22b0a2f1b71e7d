"""The dashboard's shared state: filters and view settings, their sync with the URL, cached data.

Every page reads and writes view state through this module only. Canonical values live
in `st.session_state["p_<name>"]` (plain state survives page changes); widgets use
`w_<name>` keys seeded from them, so a widget that a page doesn't draw loses nothing.
At the end of each run the non-default values are written to the query string in
readable form (`?article=002_…&theme=安全与对齐`), so the URL always reproduces the view.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from analysis import schema as s
from analysis.cache import (
    DEFAULT_CACHE,
    Base,
    layer,
    load_base,
    load_theme_hits,
    read_sources,
    themes_key,
    with_problems,
)
from analysis.config import (
    DEFAULT_SPEAKERS,
    DEFAULT_THEMES,
    ConfigError,
    Theme,
    parse_themes,
)
from analysis.csv_safe import to_csv_bytes
from analysis.filters import filter_by_turns, filter_turns
from analysis.parallel import serial
from analysis.pipeline import Analysis
from analysis.reader import (
    BY_ARTICLE,
    BY_CONFIG,
    BY_CONVERSATION,
    BY_PREFIX,
    Corpus,
    speakers_or_defaults,
)
from analysis.reading_report import reading_report
from ui_format import escape_markdown
from ui_text import t

ROOT = Path(__file__).resolve().parent
CORPUS_ENV = "TRANSCRIPTS_CORPUS"
MAX_VALUE_CHARS = 200  # longer URL values are hostile or broken; they are ignored
MAX_VALUES = 100
MAX_NOTED = 30  # ignored link values named one by one in the notice; the rest are counted

MEASURES = ("chars", "turns", "minutes")
LANGS = ("zh", "en")


@dataclass(frozen=True)
class Param:
    """One piece of view state that the URL carries."""

    name: str
    many: bool = False
    default: object = None
    # Given the current options, which values are valid (None: any text within limits).
    options: Callable[[Options], Iterable[str]] | None = None


@dataclass
class Options:
    """What the current corpus offers, to check URL values against."""

    articles: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=lambda: list(s.ROLES))
    themes: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    turn_ids: list[str] = field(default_factory=list)  # "article_id:turn", see turn_id()


PARAMS: dict[str, Param] = {
    p.name: p
    for p in (
        Param("article", many=True, default=(), options=lambda o: o.articles),
        Param("speaker", many=True, default=(), options=lambda o: o.speakers),
        Param("role", many=True, default=(), options=lambda o: o.roles),
        Param("theme", many=True, default=(), options=lambda o: o.themes),
        Param("section", many=True, default=(), options=lambda o: o.sections),
        Param("from", default=""),
        Param("to", default=""),
        Param("q", default=""),
        Param("regex", default="0", options=lambda o: ("0", "1")),
        Param("measure", default="chars", options=lambda o: MEASURES),
        Param("lang", default="zh", options=lambda o: LANGS),
        Param("group_a", default="guest", options=lambda o: o.roles),
        Param("group_b", default="host", options=lambda o: o.roles),
        Param("themes_version", default=""),
        Param("hit", default="", options=lambda o: o.turn_ids),  # the concordance hit read
        Param("read", default="", options=lambda o: o.articles),  # the article in the reader
        Param("mark", default="", options=lambda o: o.themes),  # the theme marked in it
    )
}
DATE_PARAMS = ("from", "to")


def key(name: str) -> str:
    return f"p_{name}"


def get(name: str):
    """The current value of a view setting (a tuple for multi-valued ones)."""
    param = PARAMS[name]
    return st.session_state.get(key(name), param.default)


def put(name: str, value) -> None:
    """Set a view setting; usable in callbacks (chart clicks) and before widgets are drawn."""
    param = PARAMS[name]
    st.session_state[key(name)] = tuple(value) if param.many else value


# ---------------------------------------------------------------- URL -> state


def parse_query(query: dict[str, list[str]], options: Options) -> tuple[dict, list[str]]:
    """Valid view values from a query string, and a note for each value that was ignored."""
    values: dict = {}
    ignored: list[str] = []
    for name, raw_values in query.items():
        param = PARAMS.get(name)
        if param is None:
            ignored.append(_short(name))
            continue
        raw_values = [v for v in raw_values if v != ""]
        kept = []
        valid = set(param.options(options)) if param.options else None
        for value in raw_values[:MAX_VALUES]:
            if len(value) > MAX_VALUE_CHARS or not _clean_text(value):
                ignored.append(f"{name}={_short(value)}")
            elif name in FORMATS and not FORMATS[name].fullmatch(value):
                ignored.append(f"{name}={_short(value)}")
            elif valid is not None and value not in valid:
                ignored.append(f"{name}={_short(value)}")
            elif name in DATE_PARAMS and _as_date(value) is None:
                ignored.append(f"{name}={_short(value)}")
            elif value not in kept:
                kept.append(value)
        if len(raw_values) > MAX_VALUES:
            ignored.append(f"{name}: {len(raw_values) - MAX_VALUES} more values")
        if param.many:
            values[name] = tuple(kept)
        elif kept:
            values[name] = kept[0]
            ignored.extend(f"{name}={_short(extra)}" for extra in kept[1:])
    start, end = _as_date(values.get("from", "")), _as_date(values.get("to", ""))
    if start and end and start > end:
        values["from"], values["to"] = values["to"], values["from"]
        ignored.append(f"from={start}, to={end}: {t('dates_inverted')}")
    return values, ignored


# Values that must have a fixed form, whatever the corpus.
FORMATS = {"themes_version": re.compile(r"[0-9a-f]{8}")}


def _clean_text(value: str) -> bool:
    """False for text no person typed: a broken percent-escape (U+FFFD), control characters,
    or invisible direction overrides that make a link read differently from what it does."""
    return not any(
        ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") for ch in value
    )


def _short(text: str, limit: int = 40) -> str:
    """A value quoted back to the visitor: printable characters only, and cut short."""
    text = "".join(ch for ch in text if ch.isprintable() and unicodedata.category(ch) != "Cf")
    return text if len(text) <= limit else text[:limit] + "…"


def _as_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def query_for(state: dict) -> dict[str, list[str]]:
    """The query string for a view: only values that differ from the defaults."""
    query: dict[str, list[str]] = {}
    for name, param in PARAMS.items():
        value = state.get(name, param.default)
        if param.many:
            if value and tuple(value) != tuple(param.default):
                query[name] = [str(v) for v in value]
        elif value not in (None, "") and value != param.default:
            query[name] = [str(value)]
    return query


def restore_from_url(options: Options) -> None:
    """On a session's first run, take the view from the URL; note what had to be ignored."""
    if st.session_state.get("_restored"):
        return
    raw = {name: st.query_params.get_all(name) for name in st.query_params.keys()}
    values, ignored = parse_query(raw, options)
    for name, value in values.items():
        put(name, value)
    st.session_state["_ignored"] = ignored
    st.session_state["_restored"] = True


def drop_stale(options: Options) -> None:
    """Forget selected values the corpus no longer has (a file removed, a theme renamed)."""
    for name, param in PARAMS.items():
        if not param.many or param.options is None or key(name) not in st.session_state:
            continue
        valid = set(param.options(options))
        current = get(name)
        kept = tuple(v for v in current if v in valid)
        if kept != tuple(current):
            put(name, kept)
            gone = [v for v in current if v not in valid]
            st.session_state.setdefault("_ignored", []).extend(f"{name}={_short(v)}" for v in gone)


def current_state() -> dict:
    return {name: get(name) for name in PARAMS}


def write_url() -> None:
    """Write the current view into the query string (only when it changed)."""
    wanted = query_for(current_state())
    have = {name: st.query_params.get_all(name) for name in st.query_params.keys()}
    if have != wanted:
        st.query_params.from_dict(wanted)


def share_link() -> str:
    base = st.context.url or ""
    query = urlencode(query_for(current_state()), doseq=True)
    return f"{base}?{query}" if query else base


# ---------------------------------------------------------------- widgets bound to state


def _seed(name: str) -> str:
    widget_key = f"w_{name}"
    value = get(name)
    st.session_state[widget_key] = list(value) if PARAMS[name].many else value
    return widget_key


def _copy_back(name: str) -> Callable[[], None]:
    def copy() -> None:
        put(name, st.session_state[f"w_{name}"])

    return copy


def multiselect(name: str, label: str, options: list[str], container=st, **kwargs) -> tuple:
    widget_key = _seed(name)
    allowed = set(options)
    st.session_state[widget_key] = [v for v in st.session_state[widget_key] if v in allowed]
    kwargs.setdefault("placeholder", t("choose_all"))
    container.multiselect(label, options, key=widget_key, on_change=_copy_back(name), **kwargs)
    return get(name)


def radio(name: str, label: str, options: list[str], container=st, **kwargs) -> str:
    widget_key = _seed(name)
    if st.session_state[widget_key] not in options:
        st.session_state[widget_key] = options[0]
    container.radio(label, options, key=widget_key, on_change=_copy_back(name), **kwargs)
    return get(name)


def selectbox(name: str, label: str, options: list[str], container=st, **kwargs) -> str:
    widget_key = _seed(name)
    if st.session_state[widget_key] not in options:
        st.session_state[widget_key] = options[0] if options else None
    container.selectbox(label, options, key=widget_key, on_change=_copy_back(name), **kwargs)
    return st.session_state[widget_key]


def text_input(name: str, label: str, container=st, **kwargs) -> str:
    widget_key = _seed(name)
    container.text_input(
        label, key=widget_key, on_change=_copy_back(name), max_chars=MAX_VALUE_CHARS, **kwargs
    )
    return get(name)


def toggle(name: str, label: str, container=st, **kwargs) -> bool:
    widget_key = f"w_{name}"
    st.session_state[widget_key] = get(name) == "1"

    def copy() -> None:
        put(name, "1" if st.session_state[widget_key] else "0")

    container.toggle(label, key=widget_key, on_change=copy, **kwargs)
    return get(name) == "1"


def date_range(bounds: tuple[date, date], container=st) -> tuple[date, date]:
    """The publish-date filter as a from/to pair clipped to the corpus's dates."""
    low, high = bounds
    start = _as_date(get("from")) or low
    end = _as_date(get("to")) or high
    start, end = max(low, min(start, high)), min(high, max(end, low))
    widget_key = "w_dates"
    st.session_state[widget_key] = (start, end)

    def copy() -> None:
        picked = st.session_state[widget_key]
        if isinstance(picked, tuple | list) and len(picked) == 2:
            put("from", "" if picked[0] == low else picked[0].isoformat())
            put("to", "" if picked[1] == high else picked[1].isoformat())

    container.date_input(
        t("filter_dates"),
        min_value=low,
        max_value=high,
        key=widget_key,
        on_change=copy,
        format="YYYY-MM-DD",
    )
    return start, end


# ---------------------------------------------------------------- filters


GLOBAL_FILTERS = ("article", "speaker", "role", "theme", "section", "from", "to")


def active_filters() -> dict:
    return {name: get(name) for name in GLOBAL_FILTERS if get(name) not in ((), "", None)}


def clear_filters() -> None:
    for name in GLOBAL_FILTERS:
        put(name, PARAMS[name].default)


def toggle_value(name: str, value: str) -> None:
    """A click on a chart element: select it, or clear it when it is the only selection."""
    current = tuple(get(name))
    put(name, () if current == (value,) else (value,))


# ---------------------------------------------------------------- corpus and uploads

# Per-session total of uploaded bytes, and per file (the reader's own limit is the same).
# Stated in the README; the uploader refuses larger files itself (`max_upload_size`).
MAX_UPLOAD_FILE_BYTES = 10_000_000
MAX_UPLOAD_SESSION_BYTES = 20_000_000
MAX_UPLOAD_FILES = 50


def corpus_folder() -> Path:
    folder = Path(os.environ.get(CORPUS_ENV, "seeds"))
    return folder if folder.is_absolute() else ROOT / folder


def folder_stamp(folder: Path) -> str:
    """A cheap fingerprint of the folder's files (names, sizes, times): no file is read."""
    digest = hashlib.sha256()
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return "missing"
    for entry in entries:
        try:
            info = entry.stat()
        except OSError:
            continue
        digest.update(
            f"{entry.name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode("utf-8", "replace")
        )
    return digest.hexdigest()[:16]


def _visitor_problems(problems: list[dict]) -> list[dict]:
    """Problems as a visitor may read them: the server's files are named, never their paths."""
    return [
        {
            **problem,
            s.FILE_NAME: _hide_paths(str(problem[s.FILE_NAME])),
            s.MESSAGE: _hide_paths(str(problem[s.MESSAGE])),
        }
        for problem in problems
    ]


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


THEMES_ENV = "TRANSCRIPTS_THEMES"


def themes_file() -> Path:
    """The server's themes file: TRANSCRIPTS_THEMES, or config/themes.toml."""
    return Path(os.environ.get(THEMES_ENV) or DEFAULT_THEMES)


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


MAX_THEME_CHANGES = 30  # per session: each new theme set is counted over the whole corpus


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


# The shipped file's last good themes, for when someone breaks the file while the server runs.
# Only the file's themes are kept here, never a visitor's edits (those stay in their session).
_LAST_GOOD_FILE_THEMES: list[Theme] = []


def _shipped_themes() -> list[Theme]:
    try:
        return parse_themes(DEFAULT_THEMES.read_text(encoding="utf-8-sig"), "themes.toml")
    except (ConfigError, OSError, UnicodeDecodeError):
        return []


def current_themes() -> list[Theme]:
    """The themes in force; a broken file gives a message and the last themes that worked
    (or the shipped ones when the server's file was broken from the start)."""
    edited = st.session_state.get("themes_toml")
    source = "themes.toml" if edited else themes_file().name
    try:
        themes = parse_themes(themes_text(), source)
    except ConfigError as error:
        st.session_state["_theme_error"] = _hide_paths(str(error))
        return list(_LAST_GOOD_FILE_THEMES) or _shipped_themes()
    except Exception:  # noqa: BLE001  a theme file must never break the page for everyone
        st.session_state["_theme_error"] = t("theme_file_unusable")
        return list(_LAST_GOOD_FILE_THEMES) or _shipped_themes()
    st.session_state.pop("_theme_error", None)
    if edited is None:
        _LAST_GOOD_FILE_THEMES[:] = themes
    return themes


def _hide_paths(message: str) -> str:
    """A message without the server's folders (a visitor needs only the file's name)."""
    for path in (themes_file(), speakers_file(), corpus_folder()):
        message = message.replace(str(path), path.name or "corpus")
    return message.replace(str(ROOT) + os.sep, "")


SPEAKERS_ENV = "TRANSCRIPTS_SPEAKERS"


def speakers_file() -> Path:
    """The server's speakers file: TRANSCRIPTS_SPEAKERS, or config/speakers.toml."""
    return Path(os.environ.get(SPEAKERS_ENV) or DEFAULT_SPEAKERS)


def _file_stamp(path: Path) -> str:
    try:
        info = path.stat()
    except OSError:
        return "missing"
    return f"{info.st_size}-{info.st_mtime_ns}"


# One copy of each analysis per server, shared by every visitor (never copied per run, so
# memory stays flat however many pages are loaded). Pages must not modify these tables.
@st.cache_resource(show_spinner=False, max_entries=2)
def _shared_base(folder: str, stamp: str, speakers_stamp: str) -> tuple[Base, tuple]:
    sources, speakers, problems = read_sources(Path(folder), speakers_file())
    base = load_base(sources, speakers, cache_dir=DEFAULT_CACHE)
    names = frozenset(name for name, _ in sources)
    del sources  # the bytes are not needed once read
    return base, (tuple(problems), names)


@st.cache_resource(show_spinner=False, max_entries=16)
def _shared_hits(base_key: str, themes_key: str, _base: Base, _themes: tuple) -> pd.DataFrame:
    return load_theme_hits(_base, list(_themes), cache_dir=DEFAULT_CACHE)


# A visitor's uploads, layered over the shared analysis, live in their session only and
# are released when it ends. Only the latest set of uploads is kept.
@st.cache_resource(show_spinner=False, max_entries=1, scope="session")
def _with_uploads(shared_key: str, uploads_key: str, _shared: Analysis, _uploads: tuple):
    speakers, _ = speakers_or_defaults(speakers_file())
    with serial():
        extra = load_base(list(_uploads), speakers, cache_dir=None)
        hits = load_theme_hits(extra, _shared.themes, cache_dir=None)
    return layer(_shared, Analysis(extra.corpus, extra.tokens, _shared.themes, hits))


def data() -> Analysis:
    """The analysis of this visitor's corpus (folder + uploads) with the themes in force.

    Held once per server (and once per session for uploads), never unpickled per run.
    """
    folder = corpus_folder()
    speakers_stamp = _file_stamp(speakers_file())
    base, (folder_problems, names) = _shared_base(str(folder), folder_stamp(folder), speakers_stamp)
    themes = tuple(current_themes())
    hits_key = themes_key(list(themes))
    hits = _shared_hits(base.key, hits_key, base, themes)
    analysis = Analysis(base.corpus, base.tokens, list(themes), hits)
    problems = _visitor_problems(list(folder_problems)) + _removed_files(names)
    uploads_key = upload_key()
    if uploads_key:
        uploads, upload_problems = accepted_uploads()
        problems += upload_problems
        if uploads:
            shared_key = f"{base.key}-{hits_key}"
            analysis = _with_uploads(shared_key, uploads_key, analysis, tuple(uploads))
            del uploads
    st.session_state["_data_key"] = f"{base.key}-{hits_key}-{uploads_key}"
    return with_problems(analysis, problems)


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


def load_corpus() -> Corpus:
    return data().corpus


def options_for(corpus: Corpus, themes: Iterable[str] = ()) -> Options:
    turns = corpus.turns
    return Options(
        articles=list(corpus.articles[s.ARTICLE_ID]),
        speakers=sorted(set(turns[s.SPEAKER])),
        themes=list(themes),
        sections=sorted({x for x in turns[s.SECTION] if x}),
        turn_ids=[turn_id(a, n) for a, n in zip(turns[s.ARTICLE_ID], turns[s.TURN], strict=True)],
    )


def turn_id(article_id: str, turn: int) -> str:
    """One turn's name in a link: `003:12`."""
    return f"{article_id}:{int(turn)}"


@dataclass
class Selection:
    """What the global filters leave: turns, their tokens and theme hits."""

    turns: pd.DataFrame
    tokens: pd.DataFrame
    theme_hits: pd.DataFrame


def selection(analysis: Analysis) -> Selection:
    corpus = analysis.corpus
    turns = filter_turns(
        corpus.turns,
        articles=get("article"),
        speakers=get("speaker"),
        roles=get("role"),
        sections=get("section"),
        themes=get("theme"),
        theme_hits=analysis.theme_hits,
        date_range=(_as_date(get("from")), _as_date(get("to"))),
        articles_table=corpus.articles,
    )
    if len(turns) == len(corpus.turns):  # nothing filtered out: skip the per-word test
        return Selection(turns, analysis.tokens, analysis.theme_hits)
    return Selection(
        turns, filter_by_turns(analysis.tokens, turns), filter_by_turns(analysis.theme_hits, turns)
    )


SELECTION_PARAMS = ("article", "speaker", "role", "theme", "section", "from", "to")


@st.cache_data(show_spinner=False, max_entries=64)
def _derived(function_name: str, key: str, _function: Callable, _args: tuple, kwargs: tuple):
    return _function(*_args, **dict(kwargs))


# Tables derived from a visitor's uploads stay in their session and go when it ends.
@st.cache_data(show_spinner=False, max_entries=16, scope="session")
def _derived_private(
    function_name: str, key: str, _function: Callable, _args: tuple, kwargs: tuple
):
    return _function(*_args, **dict(kwargs))


def derived(function: Callable, *selection_tables, depends_on: tuple = (), **kwargs):
    """`function(*selection_tables, **kwargs)`, computed once per corpus content, themes,
    filters and arguments, so a click that changes none of them reruns only the drawing.

    The tables are the current selection's (from `selection`) and are not hashed: whatever
    else narrowed them (a chosen role, say) must be named in `depends_on`.
    """
    filters = repr([(name, get(name)) for name in SELECTION_PARAMS])
    key = f"{st.session_state.get('_data_key')}|{filters}|{depends_on!r}"
    name = f"{function.__module__}.{function.__qualname__}"
    cached = _derived_private if upload_key() else _derived
    return cached(name, key, function, selection_tables, tuple(sorted(kwargs.items())))


MAX_ARTICLES_CHARTED = 20  # per-article charts of more are unreadable and slow to draw
MAX_SCATTER_TERMS = 1000  # more marks turn plotly to WebGL and the page sluggish


def recent_articles(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Rows of the most recent MAX_ARTICLES_CHARTED articles in `frame`, with a note if cut."""
    present = articles[articles[s.ARTICLE_ID].isin(frame[s.ARTICLE_ID].unique())]
    if len(present) <= MAX_ARTICLES_CHARTED:
        return frame
    recent = present.sort_values([s.PUBLISHED, s.ARTICLE_ID], ascending=False, na_position="last")
    kept = set(recent[s.ARTICLE_ID].head(MAX_ARTICLES_CHARTED))
    st.caption(t("most_recent_articles").format(shown=MAX_ARTICLES_CHARTED, total=len(present)))
    return frame[frame[s.ARTICLE_ID].isin(kept)]


# ---------------------------------------------------------------- shared sidebar pieces


def theme_names() -> list[str]:
    """Names of the themes in force for this session."""
    return [theme.name for theme in current_themes()]


def date_bounds(corpus: Corpus) -> tuple[date, date] | None:
    published = corpus.articles[s.PUBLISHED].dropna()
    if published.empty:
        return None
    return published.min().date(), published.max().date()


def filter_summary(names: dict[str, dict[str, str]] | None = None) -> None:
    """One line naming the active filters; `names` gives what a person reads for a value
    (titles for article ids, the language's theme and role names)."""
    active = active_filters()
    if not active:
        st.caption(t("no_filters"))
        return
    parts = [
        f"{t('filter_' + _FILTER_LABEL[name])}: {_describe(value, (names or {}).get(name, {}))}"
        for name, value in active.items()
    ]
    st.caption(f"{t('active_filters')} — " + "；".join(parts))
    st.button(t("clear_filters"), on_click=clear_filters, icon="✖️", key="clear_filters")


_FILTER_LABEL = {
    "article": "articles",
    "speaker": "speakers",
    "role": "roles",
    "theme": "themes",
    "section": "sections",
    "from": "dates",
    "to": "dates",
}


def _describe(value, names: dict[str, str]) -> str:
    if isinstance(value, tuple | list):
        shown = [escape_markdown(names.get(v, v)[:16]) for v in value[:3]]
        return "、".join(shown) + (f" +{len(value) - 3}" if len(value) > 3 else "")
    return escape_markdown(str(value))


def upload_box() -> None:
    st.file_uploader(
        t("upload"),
        type=["txt", "md", "docx"],
        accept_multiple_files=True,
        help=t("upload_help"),
        key="w_upload",
        max_upload_size=MAX_UPLOAD_FILE_BYTES // 10**6,
    )
    reading_reports_panel()


@st.cache_data(show_spinner=False, max_entries=MAX_UPLOAD_FILES, scope="session")
def _reading_report(file_id: str, name: str, _data: bytes):
    speakers, _ = speakers_or_defaults(speakers_file())
    with serial():
        return reading_report(name, _data, speakers)


def reading_reports_panel() -> None:
    """How each uploaded file was read (label styles, speakers and roles, what was not
    speech, what was unsure), so a misread file is obvious at once. Computed for the file
    chosen only; everything in it is the file's text, shown in elements that don't parse it."""
    files = upload_files()[:MAX_UPLOAD_FILES]
    if not files:
        return
    with st.expander(t("reading_report"), icon=":material/fact_check:"):
        names = {f.file_id: f.name for f in files}
        chosen = st.selectbox(
            t("reading_report_file"), list(names), format_func=names.get, key="w_report_file"
        )
        upload = next(f for f in files if f.file_id == chosen)
        if upload.size > MAX_UPLOAD_FILE_BYTES:
            st.caption(t("upload_too_large").format(mb=MAX_UPLOAD_FILE_BYTES // 10**6))
            return
        report = _reading_report(upload.file_id, upload.name, upload.getvalue())
        show_reading_report(report)


def show_reading_report(report) -> None:
    if report.error:
        st.error(escape_markdown(report.error))
        return
    role_from = {
        BY_CONFIG: t("role_from_config"),
        BY_PREFIX: t("role_from_prefix"),
        BY_ARTICLE: t("role_from_article"),
        BY_CONVERSATION: t("role_from_conversation"),
    }
    headers = {
        "description": t("col_label_style"),
        "labels": t("col_labels"),
        "example": t("col_example"),
        s.SPEAKER: t("col_speaker"),
        s.ROLE: t("col_role"),
        s.TURNS_COUNT: t("col_turns"),
        s.CHARS: t("col_chars"),
        "role_from": t("col_role_from"),
        "reason": t("col_reason"),
        s.TEXT: t("col_text"),
    }

    def shown(frame: pd.DataFrame) -> None:
        st.dataframe(frame.rename(columns=headers), hide_index=True, width="stretch")

    st.caption(t("reading_report_styles"))
    shown(report.label_styles.drop(columns=["style"]))
    st.caption(t("reading_report_speakers"))
    speakers = report.speakers.assign(
        **{
            s.ROLE: report.speakers[s.ROLE].map(lambda r: t(f"role_{r}")),
            "role_from": report.speakers["role_from"].map(lambda r: role_from.get(r, r)),
        }
    )
    shown(speakers)
    st.caption(t("reading_report_not_speech").format(n=len(report.non_speech)))
    if not report.non_speech.empty:
        reasons = report.non_speech.drop(columns=["description"])
        shown(reasons.assign(reason=reasons["reason"].map(lambda r: t(f"reason_{r}"))))
    st.caption(t("reading_report_unsure").format(n=len(report.unsure)))
    for note in report.unsure:
        st.text(note)


def notices(corpus: Corpus) -> None:
    # Everything quoted here came from a link, a file or a file name: shown as text only.
    if st.session_state.get("_theme_error"):
        message = escape_markdown(st.session_state["_theme_error"])
        st.error(f"{t('theme_file_broken')}: {message}", icon="🧭")
    ignored = st.session_state.get("_ignored") or []
    if ignored:
        named = "，".join(escape_markdown(value) for value in ignored[:MAX_NOTED])
        more = f" (+{len(ignored) - MAX_NOTED})" if len(ignored) > MAX_NOTED else ""
        st.warning(t("ignored_link_values") + named + more, icon="🔗")
        st.session_state["_ignored"] = []
    problems = corpus.problems
    if not problems.empty:
        with st.expander(f"⚠️ {t('file_problems')} ({len(problems)})"):
            for row in problems.itertuples(index=False):
                text = escape_markdown(f"{getattr(row, s.FILE_NAME)}: {getattr(row, s.MESSAGE)}")
                (st.error if getattr(row, s.LEVEL) == s.ERROR else st.info)(text)


def share_box() -> None:
    st.caption(t("share_link"))
    st.code(share_link(), language=None, wrap_lines=True)


# ---------------------------------------------------------------- small shared drawing helpers


def download_csv(frame: pd.DataFrame, file_name: str) -> None:
    """A CSV download of the table behind a chart: UTF-8 with a byte-order mark (Excel on
    Chinese Windows reads it right) and formula-like cells neutralised (csv_safe)."""
    st.download_button(
        t("download_csv"),
        to_csv_bytes(frame),
        file_name=file_name,
        mime="text/csv",
        key=f"download_{file_name}",
    )


def short_titles(articles: pd.DataFrame) -> dict[str, str]:
    """Chart labels for articles: the id's first characters and the title's start."""
    return {
        a: f"{a[:3]} · {title[:16]}"
        for a, title in zip(articles[s.ARTICLE_ID], articles[s.TITLE], strict=True)
    }


# ---------------------------------------------------------------- chart clicks


def clicked_points(chart_key: str) -> list[dict]:
    """The points of a plotly chart's current selection (clicks), as Streamlit reports them."""
    state = st.session_state.get(chart_key)
    if not state:
        return []
    selection = state.get("selection") if hasattr(state, "get") else None
    return list((selection or {}).get("points", []))


def filters_from_point(point: dict, fields: dict[str, int]) -> dict[str, str]:
    """Which filter values a clicked point stands for, from its custom data."""
    custom = point.get("customdata")
    if custom is None:
        return {}
    if not isinstance(custom, list | tuple):
        custom = [custom]
    return {name: str(custom[index]) for name, index in fields.items() if index < len(custom)}


def click_to_filter(
    chart_key: str, fields: dict[str, int], goto: str | None = None
) -> Callable[[], None]:
    """An on_select callback: a click filters to what the clicked element stands for.

    Clicking the element that is already the only selection clears that filter again.
    `goto` names a page to open afterwards (a term's concordance).
    """

    def apply() -> None:
        points = clicked_points(chart_key)
        if not points:
            return
        for name, value in filters_from_point(points[0], fields).items():
            if PARAMS[name].many:
                toggle_value(name, value)
            else:
                put(name, value)
        if goto:
            st.session_state["_goto"] = goto

    return apply


def follow_goto() -> None:
    """Open the page a click asked for (switching pages inside a callback is not allowed)."""
    target = st.session_state.pop("_goto", None)
    if target:
        st.switch_page(target)


def plotly(fig, chart_key: str, fields: dict[str, int], goto: str | None = None) -> None:
    """Draw a clickable plotly chart whose clicks set filters."""
    st.plotly_chart(
        fig,
        key=chart_key,
        on_select=click_to_filter(chart_key, fields, goto),
        selection_mode=("points",),
        # Only plotly's own PNG button: drawn by the browser, with its CJK font.
        config={
            "displaylogo": False,
            "displayModeBar": True,
            "modeBarButtons": [["toImage"]],
            "toImageButtonOptions": {"format": "png", "filename": chart_key, "scale": 2},
        },
    )


# ---------------------------------------------------------------- word cloud


@st.cache_resource(show_spinner=False)
def cjk_font():
    from analysis.cloud import find_cjk_font

    return find_cjk_font()


@st.cache_data(show_spinner=False, max_entries=32)
def _cloud(frequency_items: tuple[tuple[str, int], ...], font_path: str):
    from analysis.cloud import FontChoice, render_cloud

    return render_cloud(dict(frequency_items), FontChoice(Path(font_path), "cached"))


def word_cloud(tokens: pd.DataFrame):
    """The selection's word cloud, or None when no CJK font is available (show bars instead)."""
    font = cjk_font()
    if font is None:
        return None
    counts = tokens[s.TOKEN].value_counts().head(150)
    items = tuple((str(word), int(n)) for word, n in counts.items())
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
        ask = Path(path + ".ask")
        while True:
            if ask.exists():
                gc.collect()
                tokens = [o for o in gc.get_objects() if isinstance(o, pd.DataFrame)]
                token_tables = [f for f in tokens if s.TOKEN in f.columns and s.POSITION in f]
                counts = {
                    "analyses": sum(isinstance(o, Analysis) for o in gc.get_objects()),
                    "token_tables": len(token_tables),
                    "token_rows": int(sum(len(f) for f in token_tables)),
                }
                Path(path).write_text(json.dumps(counts))
                ask.unlink(missing_ok=True)
            time.sleep(0.2)  # polling a file: the probe must not cost the server anything

    threading.Thread(target=answer, daemon=True, name="memory-probe").start()


if os.environ.get(PROBE_ENV):
    _memory_probe(os.environ[PROBE_ENV])
