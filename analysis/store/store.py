"""The store: a corpus's base tables in DuckDB, asked for small aggregates by every page.

DuckDB reads the Parquet files `analysis.store.build` wrote (or, for a handful of uploaded files
or tests, pandas tables copied into it) and runs the filters and group-bys next to the
data, so memory is bounded by the result rather than the corpus: a page asks for "top 50
terms of this speaker" and gets 50 rows, never the million-row tokens table. Each query
method returns the same columns (and, sorted, the same rows and numbers) as the pandas
function it replaces: `term_counts` = `terms.count_terms`, `speaker_stats` =
`speakers.speaker_stats`, and so on.

A `Store` holds one DuckDB connection over read-only data; each call runs on its own cursor,
so one store serves every session of a threaded server. Filters come from a
`Selection`, whose values always travel as query parameters, never as SQL text.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import duckdb
import numpy as np
import pandas as pd
import re2

from analysis import schema as s
from analysis.config import MAX_RESEGMENTED_CHARS, SpeakerConfig, Theme, VocabularyCostError
from analysis.ingest.reader import article_id_for
from analysis.measures.talk import SpeechRate
from analysis.measures.terms import PER
from analysis.store.build import (
    CURRENT,
    EXCHANGE_TURNS,
    EXCHANGES,
    MANIFEST,
    QUESTIONS,
    SEARCH_TEXT,
    SEQ,
    Tables,
    arrow_schemas,
    exchange_tables,
    read_json,
    read_tables,
    themes_key,
    themes_of,
    with_store_columns,
)
from analysis.store.selection import Selection
from analysis.text.kwic import MAX_HITS, REGEX, compile_pattern, kwic_lines, mode_of
from analysis.text.themes import theme_hits as find_theme_hits

# Columns a result may be grouped by (names go into SQL text, so only these are accepted).
GROUPS = (s.ARTICLE_ID, s.SPEAKER, s.ROLE, s.SECTION, s.TURN)
# A regular expression with an anchor or a word boundary may match inside the concordance's
# scan window but not in the whole text, so such searches skip the SQL prefilter.
ASSERTIONS = re.compile(r"[\^$]|\\[bBAzZ]")
KWIC_CHUNK = 2_000  # turns handed to kwic_lines at a time
EVERYTHING = Selection()  # no filter: the default of every query


class StoreError(RuntimeError):
    """A store folder that cannot be opened, with the reason in words."""


@dataclass(frozen=True)
class Summary:
    """The size of a selection, for a page's headline numbers."""

    articles: int
    turns: int
    speakers: int
    chars: int
    first: pd.Timestamp | None
    last: pd.Timestamp | None


def _columns(wanted: Iterable[str] | None, table: s.Table) -> list[str]:
    columns = table.names if wanted is None else list(wanted)
    unknown = [c for c in columns if c not in table.names]
    if unknown:
        raise ValueError(f"the {table.name} table has no column {unknown[0]!r}")
    return columns


def _group(by: Sequence[str]) -> list[str]:
    by = [by] if isinstance(by, str) else list(by)
    unknown = [c for c in by if c not in GROUPS]
    if unknown:
        raise ValueError(f"cannot group by {unknown[0]!r}; choose from {', '.join(GROUPS)}")
    return by


def _sql_list(columns: Iterable[str], alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    return ", ".join(f"{prefix}{column}" for column in columns)


# Text folded for a search, the same way on both sides: lower() and what casefold() does
# beyond it in German and Greek (Straße is found by "strasse", ΟΔΟΣ by "οδος").
_FOLD = "replace(replace(lower({}), 'ß', 'ss'), 'ς', 'σ')"
OPTION_FIELDS = ("articles", "speakers", "roles", "themes", "sections")
# Where a listed filter field's values are: table, column, which rows, order of the list.
_OPTION_SQL = {
    "articles": ("articles_all", "article_id", "TRUE", SEQ),
    "speakers": ("turns", "speaker", "TRUE", "speaker"),
    "sections": ("turns", "section", "section <> ''", "section"),
}


class Store:
    """Query methods over one corpus's tables; see docs/analysis.md, "The store"."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, themes: list[Theme], key: str):
        self._connection = connection
        self._lock = threading.Lock()
        self._options: dict = {}  # values and counts of filter fields, read once
        self._schema: str | None = None  # other themes' hits or uploads (see _derived)
        self._owns_schema = False
        self._root = True  # opened the connection (not made by with_themes/with_uploads)
        self._held_bytes: int | None = None
        self._owns_uploads = False
        self.themes = list(themes)
        self.key = key  # changes whenever the data changes: a cache key for derived results
        # The content of each table an answer may read (`analysis.store.queries`): the
        # corpus as read (turns), its words (tokens) and its themes' hits. A vocabulary
        # changes only the tokens' key, other themes only the hits', uploads all three.
        self.table_keys = {"turns": key, "tokens": key, "theme_hits": key}
        # The uploads' reading reports, from the parse that made their tables (with_uploads
        # of `build.read_tables(..., reports=True)`), in file order.
        self.reports: tuple = ()
        # False for a store built before exchanges were found (its exchange tables are
        # empty until it is built again): an empty state can say so.
        self.exchanges_built = True

    # ------------------------------------------------------------ opening

    @classmethod
    def open(
        cls, path: str | Path, *, threads: int | None = None, memory_limit: str | None = None
    ) -> Store:
        """The store `python -m analysis build` wrote: `path` is the store folder (its
        CURRENT build is opened) or one build's folder.

        With `memory_limit` its queries work within it, spilling to a temporary folder
        beyond it (a server sharing the store: `served_memory_limit()`); without, DuckDB's
        own default (80% of the machine's memory, no spill folder) is what a command on
        one's own machine wants: an export's ordered COPY needs more than 1 GB at 10k."""
        path = Path(path)
        current = read_json(path / CURRENT)
        if current is not None:
            folder, themes_dir = path / current["build"], f"themes-{current['themes']}"
        elif (path / MANIFEST).exists():
            folder = path
            dirs = sorted(p.name for p in path.glob("themes-*") if (p / "themes.toml").exists())
            if not dirs:
                raise StoreError(f"{path} has no theme hits")
            themes_dir = dirs[0]
        else:
            raise StoreError(f"{path} is not a store (build one with `python -m analysis build`)")
        if not (folder / MANIFEST).exists() or not (folder / themes_dir).is_dir():
            raise StoreError(f"{folder} is incomplete; build it again")
        connection = _connect(threads, memory_limit)
        for name, files in (
            ("articles_all", [folder / "articles.parquet"]),
            ("problems", [folder / "problems.parquet"]),
            ("turns_all", sorted((folder / "turns").glob("part-*.parquet"))),
            ("editorial_all", sorted((folder / "editorial").glob("part-*.parquet"))),
            ("tokens", sorted((folder / "tokens").glob("part-*.parquet"))),
            ("theme_hits", sorted((folder / themes_dir).glob("part-*.parquet"))),
        ):
            if not files:
                raise StoreError(f"{folder} has no {name.removesuffix('_all')} files")
            # A relation, not SQL text: the path never becomes part of a statement.
            connection.read_parquet([str(f) for f in files]).create_view(name)
        exchange_parts = {
            name: sorted((folder / name).glob("part-*.parquet"))
            for name in (EXCHANGES, EXCHANGE_TURNS)
        }
        built = all(exchange_parts.values())
        for name, files in exchange_parts.items():
            if built:
                connection.read_parquet([str(f) for f in files]).create_view(name)
            else:
                connection.from_arrow(arrow_schemas()[name].empty_table()).create(name)
        _public_views(connection)
        store = cls(connection, themes_of(folder, themes_dir), f"{folder.name}-{themes_dir}")
        store.folder = folder
        store.exchanges_built = built
        return store

    @classmethod
    def from_tables(cls, tables: Tables, themes: list[Theme], key: str = "memory") -> Store:
        """A store in memory over tables already made (`build.read_tables`)."""
        articles, turns, editorial = tables.articles, tables.turns, tables.editorial
        seq = dict(zip(articles[s.ARTICLE_ID], range(len(articles)), strict=True))
        turns = with_store_columns(turns, turns[s.ARTICLE_ID].astype(object).map(seq))
        frames = {
            "articles_all": articles.assign(**{SEQ: range(len(articles))}),
            "turns_all": turns,
            "editorial_all": editorial.assign(
                **{SEQ: editorial[s.ARTICLE_ID].astype(object).map(seq).astype("int64")}
            ),
            "problems": tables.problems,
            "tokens": tables.tokens,
            "theme_hits": tables.theme_hits,
            **exchange_tables(tables.turns, turns[SEQ]),
        }
        connection = _connect(None, None)
        for name, frame in frames.items():
            _copy_frame(connection, name, frame)
        _public_views(connection)
        return cls(connection, themes, key)

    @classmethod
    def from_sources(
        cls,
        sources: list,
        themes: list[Theme],
        speakers: SpeakerConfig | None = None,
        key: str = "memory",
    ) -> Store:
        """A store in memory over `(name, bytes)` files, read and segmented in this process
        (`speakers` defaults to the speakers file)."""
        return cls.from_tables(read_tables(sources, themes, speakers), themes, key)

    def with_themes(self, themes: list[Theme], own: bool = False) -> Store:
        """This corpus with other themes (a visitor's edited theme file). The theme hits are
        found anew over every turn, a few thousand turns at a time, and kept in memory in a
        schema named by the themes' content, so visitors with the same themes share them;
        the base tables are shared, not copied. Apply before `with_uploads`. `own`: the
        returned store's `close()` frees the hits (for a cache that decides when no one uses
        them any more); what they hold: `held_bytes()`."""
        schema = f"themes_{themes_key(themes)}"  # hex digits: safe as a name
        exists = self.query(
            "SELECT COUNT(*) AS n FROM information_schema.tables "
            "WHERE table_schema = ? AND table_name = 'theme_hits'",
            [schema],
        )["n"].iat[0]
        if not exists:
            frames = []
            with self._cursor() as cursor:
                cursor.execute(
                    f"SELECT {_sql_list(s.TURNS.names)} FROM turns_all ORDER BY {SEQ}, turn"
                )
                while True:
                    chunk = cursor.fetch_df_chunk(8)
                    if chunk.empty:
                        break
                    frames.append(find_theme_hits(chunk, themes))
            hits = _typed_hits(pd.concat([pd.DataFrame(), *frames], ignore_index=True))
            with self._lock:
                self._connection.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
                _copy_frame(self._connection, f"{schema}.theme_hits", hits, if_missing=True)
        store = self._derived(themes, f"{self.key}-{schema}", schema, changes=("theme_hits",))
        store._owns_schema = own
        return store

    def with_vocabulary(
        self,
        vocabulary,
        settings=None,
        own: bool = False,
        max_chars: int = MAX_RESEGMENTED_CHARS,
        segment=None,
    ) -> Store:
        """This corpus with a visitor's vocabulary (`config.Vocabulary`: dictionary words and
        stopwords added or removed), counted by every query that reads the tokens.

        Only the turns whose text contains an added or removed word, or a stopword counted
        again, are segmented again (with a segmenter of the vocabulary's own); every other
        turn keeps its stored tokens, less the added stopwords, through a view. The new
        tokens are kept in memory in a schema named by the vocabulary and this store's
        content, so visitors with the same vocabulary (and themes) share them; the stored
        tables are neither copied nor changed. `settings` are the token settings the store
        was built with (the defaults, as the dashboard builds). `own`: the new tables belong
        to the returned store alone (over a session's uploads), and its `close()` frees them.

        A vocabulary whose turns hold more than `max_chars` characters
        (`config.MAX_RESEGMENTED_CHARS`) raises `config.VocabularyCostError`, before any
        work, with the numbers and the words that cost most (`vocabulary_cost` tells the
        cost beforehand). What the new tables hold: `held_bytes()`. `segment(texts,
        settings)` cuts the turns (`tokens.segment_rows` by default; the dashboard passes one
        that works in another process).
        """
        if vocabulary.is_empty():
            return self
        parent = self._schema or "main"
        schema = f"vocab_{vocabulary.key()}_{_key_digest(self.key)}"  # hex digits: safe
        with _building(schema):
            if not _has_relation(self, schema, "tokens"):
                self.refuse_costly_vocabulary(vocabulary, max_chars)
                _build_vocabulary_schema(self, schema, parent, vocabulary, settings, segment)
        store = self._derived(self.themes, f"{self.key}-{schema}", schema, changes=("tokens",))
        store._owns_schema = own
        return store

    def refuse_costly_vocabulary(self, vocabulary, max_chars: int = MAX_RESEGMENTED_CHARS) -> None:
        """Raise `config.VocabularyCostError` (its numbers and costliest words) when
        `vocabulary` would send more than `max_chars` characters back to the segmenter on
        this store, as `with_vocabulary` would; nothing is segmented to find out."""
        cost = self.vocabulary_cost(vocabulary)
        if cost.chars > max_chars:
            raise VocabularyCostError(
                cost.turns, cost.chars, max_chars, _costliest_words(self, vocabulary)
            )

    def vocabulary_cost(self, vocabulary) -> VocabularyCost:
        """What applying `vocabulary` would send back to the segmenter: the turns whose text
        may hold one of its changed words (the same RE2 test `with_vocabulary` starts from,
        case- and width-insensitive, so at most a few more than it segments) and their
        characters; one scan of the turns in DuckDB, nothing segmented."""
        from analysis.text.tokens import resegmented_words

        words = resegmented_words(vocabulary)
        if not words:
            return VocabularyCost(turns=0, chars=0)
        with self._cursor() as cursor:
            cursor.execute("SET VARIABLE vocabulary_pattern = ?", [_containing(words)])
            turns, chars = cursor.execute(
                "SELECT COUNT(*), COALESCE(SUM(length(t.text)), 0) FROM turns_all t "
                f"WHERE {_CONTAINS_CHANGED}"
            ).fetchone()
        return VocabularyCost(turns=int(turns), chars=int(chars))

    def held_bytes(self) -> int:
        """Bytes of memory this store's own tables hold: a vocabulary's segmented turns, a
        theme set's hits or a session's uploads (`with_vocabulary`, `with_themes`,
        `with_uploads`); 0 for the stored corpus, which is read from its files. Estimated
        as DuckDB lays the tables out in memory (16 bytes a string, plus the characters of
        those longer than 12 bytes; fixed widths for numbers), within a few percent of what
        DuckDB reports for large tables. For a cache to count its entries by size: the tables never change,
        so the number is computed once."""
        if self._held_bytes is None:
            self._held_bytes = _schema_bytes(self, self._schema) if self._schema else 0
        return self._held_bytes

    def with_uploads(self, uploads: Tables) -> Store:
        """A visitor's uploaded articles over this corpus: one store for their session.

        `uploads` are the uploaded files' tables (`build.read_tables` with this store's themes;
        with `reports=True` the new store keeps each file's reading report, `reports`).
        Their rows are kept in memory in a schema of the session's own and joined to the
        shared tables by views; the shared ones are neither copied nor changed. An uploaded
        article whose id the corpus has gets a new one (`-2`, `-3`), as `cache.layer` does.
        `close()` frees the uploads.
        """
        corpus = uploads
        if corpus.articles.empty and corpus.problems.empty:
            return self
        taken = set(self.values("articles"))
        renamed = {}
        for article_id, file_name in zip(
            corpus.articles[s.ARTICLE_ID], corpus.articles[s.FILE_NAME], strict=True
        ):
            if article_id in taken:
                renamed[article_id] = article_id_for(str(PurePosixPath(file_name).stem), taken)
            else:
                taken.add(article_id)

        def reid(frame: pd.DataFrame) -> pd.DataFrame:
            ids = frame[s.ARTICLE_ID].astype(object).map(lambda a: renamed.get(a, a))
            return frame.assign(**{s.ARTICLE_ID: ids})

        first = int(
            self.query(f"SELECT COALESCE(MAX({SEQ}), -1) + 1 AS n FROM articles_all")["n"].iat[0]
        )
        articles = reid(corpus.articles)
        seq = dict(zip(articles[s.ARTICLE_ID], range(first, first + len(articles)), strict=True))
        turns = reid(corpus.turns)
        editorial = reid(corpus.editorial)
        extra = {
            "articles_all": articles.assign(**{SEQ: articles[s.ARTICLE_ID].map(seq)}),
            "turns_all": with_store_columns(turns, turns[s.ARTICLE_ID].map(seq)),
            "editorial_all": editorial.assign(**{SEQ: editorial[s.ARTICLE_ID].map(seq)}),
            "problems": corpus.problems,
            "tokens": reid(uploads.tokens),
            "theme_hits": _typed_hits(reid(uploads.theme_hits)),
            **exchange_tables(turns, turns[s.ARTICLE_ID].map(seq)),
        }
        schema = f"uploads_{uuid.uuid4().hex}"
        hits_source = f"{self._schema}.theme_hits" if self._schema else "main.theme_hits"
        with self._lock:
            connection = self._connection
            connection.execute(f"CREATE SCHEMA {schema}")
            for name, frame in extra.items():
                _copy_frame(connection, f"{schema}.{name}_extra", frame)
                shared = hits_source if name == "theme_hits" else f"main.{name}"
                connection.execute(
                    f"CREATE VIEW {schema}.{name} AS SELECT * FROM {shared} "
                    f"UNION ALL BY NAME SELECT * FROM {schema}.{name}_extra"
                )
            _public_views(connection, schema)
        store = self._derived(
            self.themes, f"{self.key}-{schema}", schema, changes=tuple(self.table_keys)
        )
        store._owns_schema = True
        store._owns_uploads = True
        store.reports = tuple(uploads.reports)
        return store

    def _derived(
        self, themes: list[Theme], key: str, schema: str, changes: tuple[str, ...]
    ) -> Store:
        """A store over the same connection whose unqualified names look in `schema` first;
        the tables in `changes` are its own (their content key is the new store's)."""
        store = type(self)(self._connection, themes, key)
        store._lock = self._lock
        store._schema = schema
        store._root = False
        store.exchanges_built = self.exchanges_built
        store.table_keys = {
            table: key if table in changes else parent_key
            for table, parent_key in self.table_keys.items()
        }
        return store

    @property
    def owns_uploads(self) -> bool:
        """True for a store `with_uploads` made: closing it frees the uploads."""
        return self._owns_uploads

    def close(self) -> None:
        """Free the store: its own tables (a session's uploads, or a theme set or vocabulary
        made with `own=True`), or (for the store that opened it) the connection; other
        stores made by with_themes or with_vocabulary share it and need no closing."""
        if self._owns_schema:
            with self._lock:
                self._connection.execute(f"DROP SCHEMA IF EXISTS {self._schema} CASCADE")
        elif self._root:
            self._connection.close()

    # ------------------------------------------------------------ plumbing

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:  # creating cursors is not thread-safe; using them is
            cursor = self._connection.cursor()
        if self._schema is not None:
            # Unqualified `theme_hits` is then this store's own.
            cursor.execute(f"SET search_path = '{self._schema},main'")
        return cursor

    def query(self, sql: str, params: Sequence = ()) -> pd.DataFrame:
        """Run one SELECT on a cursor of its own; values only through `params`."""
        with self._cursor() as cursor:
            return cursor.execute(sql, list(params)).df()

    def _relation(self, name: str):
        return self._connection.table(name)

    # ------------------------------------------------------------ what is there

    def options(self) -> dict[str, list[str]]:
        """Every value each filter can take: article ids (corpus order), speakers, roles,
        themes (file order) and sections (sorted); to fill widgets of a small corpus. A
        large one's lists are long (100,000 articles, 238,000 sections): links are checked
        with `known` and widgets sized with `option_count` instead."""
        return {field: self.values(field) for field in OPTION_FIELDS}

    def values(self, field: str) -> list[str]:
        """Every value of one filter field (`options`), read once per store."""
        if field not in self._options:
            if field == "roles":
                found = list(s.ROLES)
            elif field == "themes":
                found = [theme.name for theme in self.themes]
            else:
                table, column, condition, order = _OPTION_SQL[field]
                found = self.query(
                    f"SELECT {'' if field == 'articles' else 'DISTINCT '}{column} AS value "
                    f"FROM {table} WHERE {condition} ORDER BY {order}"
                )["value"].tolist()
            self._options[field] = found
        return self._options[field]

    def option_count(self, field: str) -> int:
        """How many values a filter field has, without listing them."""
        key = f"count:{field}"
        if key not in self._options:
            if field in self._options or field in ("roles", "themes"):
                count = len(self.values(field))
            else:
                table, column, condition, _ = _OPTION_SQL[field]
                count = int(
                    self.query(
                        f"SELECT COUNT(DISTINCT {column}) AS n FROM {table} WHERE {condition}"
                    )["n"].iloc[0]
                )
            self._options[key] = count
        return self._options[key]

    def known(self, field: str, values: Iterable[str]) -> set[str]:
        """Those of `values` the field has (a link's filter values): asked of the tables,
        so checking a link never lists a large corpus's values."""
        wanted = list(dict.fromkeys(str(v) for v in values))
        if not wanted:
            return set()
        if field in self._options or field in ("roles", "themes"):
            return set(wanted) & set(self.values(field))
        table, column, condition, _ = _OPTION_SQL[field]
        return set(
            self.query(
                f"SELECT DISTINCT {column} AS value FROM {table} "
                f"WHERE {condition} AND list_contains(?::VARCHAR[], {column})",
                [wanted],
            )["value"].tolist()
        )

    def filter_choices(self, column: str, search: str = "", limit: int = 50) -> list[str]:
        """Values of a speaker or section filter to offer: those containing `search`
        (case-folded on both sides, `_FOLD`; a plain substring: never a pattern), the ones
        with the most turns first (ties by value), at most `limit`. A corpus of 10,000 articles has 24,000
        sections and 5,700 speakers: a widget listing every one ships them on every page."""
        if column not in (s.SPEAKER, s.SECTION):
            raise ValueError(f"choices are offered for speaker or section, not {column!r}")
        needle = " ".join(str(search).split())
        return self.query(
            f"SELECT {column} AS value FROM turns_all WHERE {column} <> '' "
            f"AND (? = '' OR contains({_FOLD.format(column)}, {_FOLD.format('?')})) "
            f"GROUP BY {column} ORDER BY COUNT(*) DESC, {column} LIMIT ?",
            [needle, needle, int(limit)],
        )["value"].tolist()

    def summary(self, sel: Selection = EVERYTHING) -> Summary:
        """Articles, turns, speakers and characters of the selection, first and last date."""
        params: list = []
        where = sel.where(params)
        row = self.query(
            "SELECT COUNT(DISTINCT t.article_id) AS articles, COUNT(*) AS turns, "
            "COUNT(DISTINCT t.speaker) AS speakers, COALESCE(SUM(t.chars), 0)::BIGINT AS chars, "
            "MIN(a.published) AS first, MAX(a.published) AS last "
            f"FROM turns t JOIN articles a USING (article_id) WHERE {where}",
            params,
        ).iloc[0]

        def when(value):
            return None if pd.isna(value) else pd.Timestamp(value)

        return Summary(
            int(row["articles"]),
            int(row["turns"]),
            int(row["speakers"]),
            int(row["chars"]),
            when(row["first"]),
            when(row["last"]),
        )

    # ------------------------------------------------------------ rows

    def articles(self, sel: Selection = EVERYTHING) -> pd.DataFrame:
        """The articles table: every article when nothing is filtered, otherwise the
        articles with at least one turn in the selection; corpus order."""
        if sel.is_empty_filter():
            return self.query(
                f"SELECT {_sql_list(s.ARTICLES.names)} FROM articles_all ORDER BY {SEQ}"
            )
        params: list = []
        where = sel.where(params)
        return self.query(
            f"SELECT {_sql_list(s.ARTICLES.names, 'a')} FROM articles_all a "
            f"WHERE a.article_id IN (SELECT t.article_id FROM turns t WHERE {where}) "
            f"ORDER BY a.{SEQ}",
            params,
        )

    def turns(
        self,
        sel: Selection = EVERYTHING,
        columns: Iterable[str] | None = None,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Turns of the selection in corpus order (the turns table's columns, or some)."""
        columns = _columns(columns, s.TURNS)
        params: list = []
        where = sel.where(params)
        sql = f"SELECT {_sql_list(columns, 't')} FROM turns_all t WHERE {where} ORDER BY t.{SEQ}, t.turn"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self.query(sql, params)

    def tokens(
        self, sel: Selection = EVERYTHING, columns: Iterable[str] | None = None
    ) -> pd.DataFrame:
        """Tokens of the selected turns, for the few measures that need every word (keyness,
        collocations, topics): bounded by the selection, so keep it narrow on a large corpus."""
        columns = _columns(columns, s.TOKENS)
        params: list = []
        where = sel.where(params)
        return self.query(
            f"SELECT {_sql_list(columns, 't')} FROM tokens t "
            f"JOIN articles_all a USING (article_id) WHERE {where} "
            f"ORDER BY a.{SEQ}, t.turn, t.position",
            params,
        )

    def theme_hits(self, sel: Selection = EVERYTHING) -> pd.DataFrame:
        """Theme hits of the selected turns (every theme they touch), in corpus order."""
        params: list = []
        where = sel.where(params)
        return self.query(
            f"SELECT {_sql_list(s.THEME_HITS.names, 'h')} FROM theme_hits h "
            "JOIN turns_all t ON h.article_id = t.article_id AND h.turn = t.turn "
            f"WHERE {where} ORDER BY t.{SEQ}, h.turn, h.theme",
            params,
        )

    def editorial(self, sel: Selection = EVERYTHING) -> pd.DataFrame:
        """The editor's text of the selection's articles."""
        ids = self.articles(sel)[s.ARTICLE_ID].tolist()
        if sel.is_empty_filter():
            return self.query(
                f"SELECT {_sql_list(s.EDITORIAL.names)} FROM editorial_all ORDER BY {SEQ}, block"
            )
        if not ids:
            return self.query(f"SELECT {_sql_list(s.EDITORIAL.names)} FROM editorial_all LIMIT 0")
        return self.query(
            f"SELECT {_sql_list(s.EDITORIAL.names)} FROM editorial_all "
            f"WHERE article_id IN (SELECT UNNEST(?)) ORDER BY {SEQ}, block",
            [ids],
        )

    def problems(self) -> pd.DataFrame:
        """What went wrong or looked odd while reading the corpus."""
        return self.query(f"SELECT {_sql_list(s.PROBLEMS.names)} FROM problems")

    # ------------------------------------------------------------ counts

    def term_counts(
        self,
        sel: Selection = EVERYTHING,
        by: Sequence[str] = (),
        top: int | None = None,
        min_count: int = 1,
    ) -> pd.DataFrame:
        """Count and rate (per 10,000 kept words of the group) of each term per group.

        `by=()` counts the whole selection (= `terms.top_terms`), `by=(article_id, speaker)`
        is the exported terms table (= `terms.count_terms`). `top` keeps the most frequent
        terms of each group (ties by term), `min_count` drops rarer ones; rates still count
        every word of the group. Groups in order, most frequent first.
        """
        by = _group(by)
        params: list = []
        where = sel.where(params)
        keys = _sql_list(by)
        partition = f"PARTITION BY {keys}" if by else ""
        order = f"{keys}, count DESC, term" if by else "count DESC, term"
        sql = (
            f"WITH counted AS (SELECT {_sql_list(by, 't') + ', ' if by else ''}t.token AS term, "
            f"COUNT(*) AS count FROM tokens t WHERE {where} GROUP BY ALL), "
            "ranked AS (SELECT *, "
            f"count::DOUBLE / (SUM(count) OVER ({partition}))::DOUBLE * {PER} AS rate, "
            f"ROW_NUMBER() OVER ({partition} ORDER BY count DESC, term) AS rank FROM counted) "
            f"SELECT {keys + ', ' if by else ''}term, count, rate FROM ranked WHERE count >= ?"
        )
        params.append(int(min_count))
        if top is not None:
            sql += " AND rank <= ?"
            params.append(int(top))
        return self.query(sql + f" ORDER BY {order}", params)

    def theme_counts(
        self, sel: Selection = EVERYTHING, by: Sequence[str] = (s.ARTICLE_ID, s.SPEAKER)
    ) -> pd.DataFrame:
        """Turns touching each theme and their hits, per group (= `themes.theme_counts`):
        every theme the selected turns touch, whatever the theme filter."""
        by = _group(by)
        params: list = []
        where = sel.where(params)
        keys = _sql_list(by, "t")
        if sel.is_empty_filter() and set(by) <= {s.ARTICLE_ID, s.TURN}:
            # The hits carry these columns themselves: no join with the turns.
            keys = _sql_list(by, "h")
            return self.query(
                f"SELECT {keys + ', ' if by else ''}h.theme, COUNT(*) AS turns, "
                "SUM(h.hits)::BIGINT AS hits FROM theme_hits h "
                f"GROUP BY ALL ORDER BY {keys + ', ' if by else ''}h.theme"
            )
        return self.query(
            f"SELECT {keys + ', ' if by else ''}h.theme, COUNT(*) AS turns, "
            "SUM(h.hits)::BIGINT AS hits FROM theme_hits h "
            "JOIN turns t ON h.article_id = t.article_id AND h.turn = t.turn "
            f"WHERE {where} GROUP BY ALL ORDER BY {keys + ', ' if by else ''}h.theme",
            params,
        )

    def theme_counts_by_person(
        self, sel: Selection = EVERYTHING, generic: Sequence[str] = (), top: int | None = None
    ) -> pd.DataFrame:
        """Turns touching each theme per person, in SQL: a named speaker is one person across
        articles, a role word in `generic` (主持人) a different person in each article. Rows:
        `speaker`, `article_id` (the person's article for a role word, else the first article
        the person has hits in), `theme`, `turns`, and `people`, how many people the
        selection holds. `top`: only the `top` people with the most theme turns (ties by
        article, then name), so the answer is bounded by what a chart of people draws, not
        the corpus (`theme_counts` by article and speaker is millions of rows at 100k)."""
        params: list = []
        where = sel.where(params)
        params.append([str(g) for g in generic])  # after the selection's, as in the text
        sql = (
            "WITH hits AS (SELECT t.speaker, t.article_id, h.theme FROM theme_hits h "
            "JOIN turns t ON h.article_id = t.article_id AND h.turn = t.turn "
            f"WHERE {where}), "
            "keyed AS (SELECT speaker, article_id, theme, CASE WHEN list_contains(?::VARCHAR[], "
            "speaker) THEN article_id END AS own FROM hits), "
            "people AS (SELECT speaker, own, MIN(article_id) AS article_id, COUNT(*) AS total "
            "FROM keyed GROUP BY speaker, own), "
            "ranked AS (SELECT *, ROW_NUMBER() OVER (ORDER BY total DESC, article_id, speaker) "
            "AS rank, COUNT(*) OVER () AS people FROM people) "
            "SELECT r.speaker, r.article_id, k.theme, COUNT(*) AS turns, r.people "
            "FROM keyed k JOIN ranked r ON k.speaker = r.speaker "
            "AND k.own IS NOT DISTINCT FROM r.own "
        )
        if top is not None:
            sql += "WHERE r.rank <= ? "
            params.append(int(top))
        sql += (
            "GROUP BY r.speaker, r.article_id, k.theme, r.people, r.rank ORDER BY r.rank, k.theme"
        )
        return self.query(sql, params)

    def people_count(self, sel: Selection = EVERYTHING, generic: Sequence[str] = ()) -> int:
        """People who speak in the selection: a named speaker once across articles, a role
        word in `generic` once per article (what `Visual.identity` tells apart)."""
        params: list = [[str(g) for g in generic]]
        where = sel.where(params)
        return int(
            self.query(
                "SELECT COUNT(DISTINCT (t.speaker, CASE WHEN list_contains(?::VARCHAR[], "
                f"t.speaker) THEN t.article_id END)) AS n FROM turns t WHERE {where}",
                params,
            )["n"].iat[0]
        )

    def identity_talk(self, generic: Sequence[str] = ()) -> pd.DataFrame:
        """Characters of the whole corpus per person and role: a named speaker once across
        articles (`article_id` empty), a role word in `generic` once per article (what
        `Visual.identity` tells apart); most talk first. What a corpus's names and colours
        need, in a fifth of the rows of every article and speaker pair."""
        return self.query(
            "SELECT speaker, role, CASE WHEN list_contains(?::VARCHAR[], speaker) "
            "THEN article_id ELSE '' END AS article_id, "
            "COALESCE(SUM(chars), 0)::BIGINT AS chars FROM turns_all GROUP BY ALL "
            "ORDER BY chars DESC, speaker, role, article_id",
            [[str(g) for g in generic]],
        )

    def titles(self) -> pd.DataFrame:
        """Id and title of every article, corpus order (names for charts, without the rest
        of the articles table: 0.5 s at 100,000 articles)."""
        return self.query(f"SELECT article_id, title FROM articles_all ORDER BY {SEQ}")

    def speaker_stats(
        self, sel: Selection = EVERYTHING, rate: SpeechRate | None = None, limit: int | None = None
    ) -> pd.DataFrame:
        """Per article and speaker: turns, characters, shares, minutes, longest turn,
        questions (= `speakers.speaker_stats`), in corpus order; `limit`: the first rows only
        (a page's table: 300,000 rows at 100,000 articles; `speaker_rows` counts them)."""
        rate = rate or SpeechRate()
        params: list = [float(rate.chars_per_minute)]
        where = sel.where(params)
        # Each column's expression over the per-speaker groups, selected in the schema's
        # order (a column added to the schema without one here fails loudly).
        columns = {
            s.ARTICLE_ID: "article_id",
            s.SPEAKER: "speaker",
            s.ROLE: "role",
            s.TURNS_COUNT: "turns",
            s.CHARS: "chars",
            s.SHARE: "chars::DOUBLE / (SUM(chars) OVER (PARTITION BY article_id))::DOUBLE",
            s.EST_MINUTES: "chars / ?",
            s.MINUTES: "minutes",
            s.MINUTES_SOURCE: f"CASE WHEN timed = 0 THEN '{s.ESTIMATED}' "
            f"WHEN timed = turns THEN '{s.MEASURED}' ELSE '{s.MIXED}' END",
            s.LONGEST_TURN_CHARS: "longest_turn_chars",
            s.QUESTIONS: "questions",
            s.TURN_SHARE: "turns::DOUBLE / (SUM(turns) OVER (PARTITION BY article_id))::DOUBLE",
            s.MEAN_TURN_CHARS: "mean_turn_chars",
            s.LONGEST_TURN: "longest_turn",
        }
        select = ", ".join(f"{columns[name]} AS {name}" for name in s.SPEAKER_STATS.names)
        sql = (
            # Plain aggregates only: ordered ones (first(x ORDER BY y)) sort every group.
            "WITH grouped AS (SELECT t.article_id, t.speaker, "
            "arg_min(t.role, t.turn) AS role, COUNT(*) AS turns, "
            "SUM(t.chars)::BIGINT AS chars, MAX(t.chars) AS longest_turn_chars, "
            "SUM(t.chars)::DOUBLE / COUNT(*) AS mean_turn_chars, "
            f"SUM(t.{QUESTIONS})::BIGINT AS questions, "
            # The longest turn, the first of equally long ones (turns are below a million).
            "arg_max(t.turn, t.chars * 1000000 - t.turn) AS longest_turn, "
            # Measured where time stamps give a duration, else estimated; fsum (compensated)
            # so the order rows come in barely matters.
            "fsum(COALESCE(t.duration_seconds / 60, t.chars / ?)) AS minutes, "
            "COUNT(t.duration_seconds) AS timed, "
            f"MIN(t.{SEQ}) AS seq, MIN(t.turn) AS first_turn "
            f"FROM turns_all t WHERE {where} GROUP BY t.article_id, t.speaker) "
            f"SELECT {select} FROM grouped ORDER BY seq, first_turn"
        )
        params.append(float(rate.chars_per_minute))
        if limit is not None:
            sql += f" LIMIT {max(int(limit), 0)}"
        return self.query(sql, params)

    def speaker_rows(self, sel: Selection = EVERYTHING) -> int:
        """How many rows `speaker_stats` has: the selection's article and speaker pairs."""
        params: list = []
        where = sel.where(params)
        return int(
            self.query(
                "SELECT COUNT(*) AS n FROM (SELECT DISTINCT t.article_id, t.speaker "
                f"FROM turns_all t WHERE {where})",
                params,
            )["n"].iat[0]
        )

    def timed_articles(self, sel: Selection = EVERYTHING, limit: int = 5) -> pd.DataFrame:
        """The selection's articles whose turns carry time stamps (minutes measured, not
        estimated), the first `limit` in corpus order, and how many there are (`n`)."""
        params: list = []
        where = sel.where(params)
        return self.query(
            "SELECT article_id, COUNT(*) OVER () AS n FROM (SELECT t.article_id, "
            f"MIN(t.{SEQ}) AS seq FROM turns_all t WHERE {where} "
            "AND t.duration_seconds IS NOT NULL GROUP BY t.article_id) "
            f"ORDER BY seq LIMIT {max(int(limit), 0)}",
            params,
        )

    def article_dynamics(self, sel: Selection = EVERYTHING) -> pd.DataFrame:
        """Per article: host-to-guest talk ratio and speaker switches per 1,000 characters
        (= `speakers.article_dynamics`)."""
        params: list = []
        where = sel.where(params)
        return self.query(
            "WITH picked AS (SELECT t.article_id, t.turn, t.speaker, t.role, t.chars, "
            f"t.{SEQ} AS seq, COALESCE(t.speaker <> LAG(t.speaker) OVER "
            "(PARTITION BY t.article_id ORDER BY t.turn), FALSE) AS switched "
            f"FROM turns_all t WHERE {where}) "
            "SELECT article_id, COUNT(*) AS turns, SUM(chars)::BIGINT AS chars, "
            "COALESCE(SUM(chars) FILTER (WHERE role = 'host'), 0)::DOUBLE / "
            "NULLIF(COALESCE(SUM(chars) FILTER (WHERE role = 'guest'), 0), 0)::DOUBLE "
            "AS host_guest_ratio, "
            "SUM(switched::INT)::DOUBLE / SUM(chars)::DOUBLE * 1000 AS switches_per_1k "
            "FROM picked GROUP BY article_id ORDER BY article_id",
            params,
        )

    def theme_trends(self, sel: Selection = EVERYTHING) -> pd.DataFrame:
        """Per article and theme: turns touching it and their share of the article's selected
        turns, in publish order (= `themes.theme_trends`)."""
        params: list = []
        where = sel.where(params)
        return self.query(
            f"WITH picked AS (SELECT t.article_id, t.turn FROM turns t WHERE {where}), "
            "totals AS (SELECT article_id, COUNT(*) AS n FROM picked GROUP BY article_id), "
            "touched AS (SELECT h.article_id, h.theme, COUNT(*) AS turns FROM theme_hits h "
            "JOIN picked p ON h.article_id = p.article_id AND h.turn = p.turn GROUP BY ALL) "
            "SELECT a.published, x.article_id, x.theme, x.turns, "
            "x.turns::DOUBLE / n.n::DOUBLE AS share FROM touched x "
            "JOIN totals n USING (article_id) JOIN articles a USING (article_id) "
            "ORDER BY a.published NULLS LAST, x.theme, x.article_id",
            params,
        )

    def theme_flow(self, sel: Selection = EVERYTHING) -> pd.DataFrame:
        """Where each theme comes up: turn order scaled 0-1 over the article's selected
        turns (= `themes.theme_flow`)."""
        params: list = []
        where = sel.where(params)
        return self.query(
            f"WITH picked AS (SELECT t.article_id, t.turn, t.speaker, t.{SEQ} AS seq "
            f"FROM turns_all t WHERE {where}), "
            "last AS (SELECT article_id, MAX(turn) AS last FROM picked GROUP BY article_id) "
            "SELECT h.article_id, h.turn, CASE WHEN l.last > 1 THEN (h.turn - 1)::DOUBLE / "
            "GREATEST(l.last - 1, 1)::DOUBLE ELSE 0.0 END AS position, h.theme, h.hits, "
            "p.speaker FROM theme_hits h "
            "JOIN picked p ON h.article_id = p.article_id AND h.turn = p.turn "
            "JOIN last l ON l.article_id = h.article_id "
            "ORDER BY p.seq, h.turn, h.theme",
            params,
        )

    def section_counts(self, sel: Selection = EVERYTHING) -> pd.DataFrame:
        """The editor's headings: turns and talk per heading and speaker (=
        `themes.section_counts`)."""
        params: list = []
        where = sel.where(params)
        return self.query(
            "SELECT t.article_id, t.section, t.speaker, COUNT(*) AS turns, "
            "SUM(t.chars)::BIGINT AS chars, MIN(t.turn) AS first_turn "
            f"FROM turns_all t WHERE {where} AND t.section <> '' "
            f"GROUP BY t.article_id, t.section, t.speaker ORDER BY MIN(t.{SEQ}), first_turn",
            params,
        )

    # ------------------------------------------------------------ for the dashboard

    def word_count(self, sel: Selection = EVERYTHING) -> int:
        """Kept words of the selection (= the length of its tokens table)."""
        params: list = []
        where = sel.where(params)
        return int(
            self.query(f"SELECT COUNT(*) AS n FROM tokens t WHERE {where}", params)["n"].iat[0]
        )

    def turn_totals(
        self, sel: Selection = EVERYTHING, by: Sequence[str] = (s.ARTICLE_ID,)
    ) -> pd.DataFrame:
        """Turns, characters and question sentences of the selection per group, groups in
        corpus order (by their first turn)."""
        by = _group(by)
        params: list = []
        where = sel.where(params)
        keys = _sql_list(by, "t")
        order = "MIN(t.article_seq), MIN(t.turn)" if by else "1"
        return self.query(
            f"SELECT {keys + ', ' if by else ''}COUNT(*) AS turns, "
            f"COALESCE(SUM(t.chars), 0)::BIGINT AS chars, "
            f"COALESCE(SUM(t.{QUESTIONS}), 0)::BIGINT AS questions "
            f"FROM turns_all t WHERE {where} {'GROUP BY ' + keys if by else ''} ORDER BY {order}",
            params,
        )

    def recent_articles(self, sel: Selection = EVERYTHING, limit: int | None = None) -> list[str]:
        """Ids of the selection's articles, newest first (undated last, then by id, newest
        id first), at most `limit`: the rows of per-article charts."""
        params: list = []
        where = sel.where(params)
        sql = (
            "SELECT a.article_id FROM articles_all a WHERE a.article_id IN "
            f"(SELECT t.article_id FROM turns t WHERE {where}) "
            "ORDER BY a.published DESC NULLS LAST, a.article_id DESC"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self.query(sql, params)[s.ARTICLE_ID].tolist()

    def longest_turns(self, sel: Selection = EVERYTHING, n: int = 10) -> pd.DataFrame:
        """The `n` longest turns of the selection (= `turns.nlargest(n, chars)`: equally long
        ones in corpus order)."""
        params: list = []
        where = sel.where(params)
        params.append(int(n))
        return self.query(
            f"SELECT {_sql_list(s.TURNS.names, 't')} FROM turns_all t WHERE {where} "
            f"ORDER BY t.chars DESC, t.{SEQ}, t.turn LIMIT ?",
            params,
        )

    def has_turn(self, article_id: str, turn: int) -> bool:
        """Whether the corpus has this turn (a link's `hit`)."""
        found = self.query(
            "SELECT COUNT(*) AS n FROM turns WHERE article_id = ? AND turn = ?",
            [str(article_id), int(turn)],
        )
        return bool(found["n"].iat[0])

    def article_months(
        self, sel: Selection = EVERYTHING, accounts: int | None = None
    ) -> pd.DataFrame:
        """Dated articles of the selection per account and publish month: `month` (its first
        day), `articles`, `speech_chars`; the timeline of a large corpus. `accounts`: at most
        this many accounts by name, those with the most dated articles in the selection (ties
        by name); the other accounts' articles are summed per month in rows whose account is
        missing (NA), so the answer and the chart's rows stay bounded whatever the corpus."""
        params: list = []
        where = sel.where(params)
        dated = (
            "SELECT COALESCE(a.account, '') AS account, "
            "CAST(date_trunc('month', a.published) AS TIMESTAMP) AS month, a.speech_chars "
            "FROM articles_all a WHERE a.published IS NOT NULL AND a.article_id IN "
            f"(SELECT t.article_id FROM turns t WHERE {where})"
        )
        if accounts is None:
            return self.query(
                "SELECT account, month, COUNT(*) AS articles, "
                "COALESCE(SUM(speech_chars), 0)::BIGINT AS speech_chars "
                f"FROM ({dated}) GROUP BY ALL ORDER BY month, account",
                params,
            )
        params.append(int(accounts))
        return self.query(
            f"WITH dated AS ({dated}), "
            "ranked AS (SELECT account, ROW_NUMBER() OVER (ORDER BY COUNT(*) DESC, account) "
            "AS rank FROM dated GROUP BY account) "
            "SELECT CASE WHEN r.rank <= ? THEN d.account END AS account, d.month, "
            "COUNT(*) AS articles, COALESCE(SUM(d.speech_chars), 0)::BIGINT AS speech_chars "
            "FROM dated d JOIN ranked r USING (account) "
            "GROUP BY ALL ORDER BY month, account NULLS LAST",
            params,
        )

    def theme_trends_monthly(self, sel: Selection = EVERYTHING) -> pd.DataFrame:
        """Per publish month and theme: turns touching it, their share of the month's selected
        turns and the articles they are in; theme trends of many dates."""
        params: list = []
        where = sel.where(params)
        return self.query(
            "WITH picked AS (SELECT t.article_id, t.turn, "
            "CAST(date_trunc('month', a.published) AS TIMESTAMP) AS month FROM turns t "
            f"JOIN articles a USING (article_id) WHERE a.published IS NOT NULL AND {where}), "
            "totals AS (SELECT month, COUNT(*) AS n FROM picked GROUP BY month), "
            "touched AS (SELECT p.month, h.theme, COUNT(*) AS turns, "
            "COUNT(DISTINCT p.article_id) AS articles FROM theme_hits h "
            "JOIN picked p ON h.article_id = p.article_id AND h.turn = p.turn GROUP BY ALL) "
            "SELECT x.month, x.theme, x.turns, x.turns::DOUBLE / n.n::DOUBLE AS share, "
            "x.articles FROM touched x JOIN totals n USING (month) ORDER BY x.month, x.theme",
            params,
        )

    # ------------------------------------------------------------ concordance

    def kwic(
        self,
        sel: Selection,
        pattern: str,
        regex: bool = False,
        width: int = 30,
        mode: str | None = None,
        terms: tuple[str, ...] | None = None,
    ) -> pd.DataFrame:
        """Every hit with its context (= `kwic.kwic_lines` over the selected turns).

        DuckDB first keeps the turns whose search text matches (the same RE2 pattern, so
        the same turns), then `kwic_lines` cuts the lines, segmenting only those turns for
        whole-word matching and the words around each hit; at most `kwic.MAX_HITS`.
        `mode`: whole words (default), substring or regex (`regex=True` = regex).
        A bad pattern raises ValueError in words.
        """
        mode = mode_of(regex, mode)
        regex = mode == REGEX
        compiled = compile_pattern(pattern, regex)  # refuses bad or over-long patterns
        source = compiled.pattern
        params: list = []
        where = sel.where(params)
        sql = (
            "SELECT t.article_id, t.turn, t.speaker, t.section, t.text FROM turns_all t "
            f"WHERE {where}"
        )
        variable = None
        literal = unicode_literal(pattern) if not regex else None
        if literal is not None:
            # Text without case or spaces: a plain substring test, much faster than a regex.
            sql += f" AND contains(COALESCE(t.{SEARCH_TEXT}, t.text), ?)"
            params.append(literal)
        elif not (regex and ASSERTIONS.search(source)):
            # A variable is constant while the statement binds, so RE2 compiles it once.
            variable = source
            sql += f" AND regexp_matches(COALESCE(t.{SEARCH_TEXT}, t.text), getvariable('kwic_pattern'), 'i')"
        sql += f" ORDER BY t.{SEQ}, t.turn"
        lines, found = [], 0
        with self._cursor() as cursor:
            if variable is not None:
                cursor.execute("SET VARIABLE kwic_pattern = ?", [variable])
            cursor.execute(sql, params)
            while found < MAX_HITS:
                chunk = cursor.fetch_df_chunk(1)
                if chunk.empty:
                    break
                for start in range(0, len(chunk), KWIC_CHUNK):
                    part = kwic_lines(
                        chunk.iloc[start : start + KWIC_CHUNK],
                        pattern,
                        width=width,
                        mode=mode,
                        terms=terms,
                    )
                    lines.append(part)
                    found += len(part)
                    if found >= MAX_HITS:
                        break
        if not lines:
            return pd.DataFrame(columns=s.KWIC.names)
        return pd.concat(lines, ignore_index=True).head(MAX_HITS)

    def speech_offsets(self, sel: Selection) -> pd.DataFrame:
        """Where each turn of the selected articles starts in its article's speech, in
        characters of the turn texts as the concordance counts them (`offset`), and the
        article's speech length (`chars`): what a hit's place along its conversation is
        measured in. Every turn of those articles counts, whoever speaks (only `sel`'s
        articles and dates narrow it), so a place is along the whole conversation."""
        articles = Selection(articles=sel.articles, date_from=sel.date_from, date_to=sel.date_to)
        params: list = []
        where = articles.where(params)
        return self.query(
            "SELECT t.article_id, t.turn, "
            "(SUM(length(t.text)) OVER w - length(t.text))::BIGINT AS offset, "
            "(SUM(length(t.text)) OVER (PARTITION BY t.article_id))::BIGINT AS chars "
            f"FROM turns t WHERE {where} "
            "WINDOW w AS (PARTITION BY t.article_id ORDER BY t.turn "
            "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) ORDER BY t.article_id, t.turn",
            params,
        )


def unicode_literal(pattern: str) -> str | None:
    """The searched text when a literal search is a plain substring test on the search
    text: no white space and no character with case (Chinese, digits, punctuation)."""
    import unicodedata

    text = unicodedata.normalize("NFKC", pattern or "").strip()
    if not text or any(ch.isspace() or ch.lower() != ch.upper() for ch in text):
        return None
    return text


MEMORY_LIMIT = "1GB"  # a served store's queries (TRANSCRIPTS_DUCKDB_MEMORY overrides it)
SPILL_LIMIT = "20GB"  # what they may write to disk beyond it (TRANSCRIPTS_DUCKDB_SPILL)


def served_memory_limit() -> str:
    """What a server's stores may use: one visitor's query over every word of 100,000
    articles took 12 GB under DuckDB's default."""
    return os.environ.get("TRANSCRIPTS_DUCKDB_MEMORY") or MEMORY_LIMIT


def _spill_folder() -> str:
    """A folder of this connection's own (DuckDB's spill files of two databases in one
    folder would collide), in a folder of this process's, removed when it exits."""
    global _SPILL_ROOT
    with _SPILL_LOCK:
        if _SPILL_ROOT is None:
            _SPILL_ROOT = tempfile.mkdtemp(prefix="transcripts-duckdb-")
            atexit.register(shutil.rmtree, _SPILL_ROOT, True)
    return tempfile.mkdtemp(dir=_SPILL_ROOT)


_SPILL_ROOT: str | None = None
_SPILL_LOCK = threading.Lock()


def _connect(threads: int | None, memory_limit: str | None) -> duckdb.DuckDBPyConnection:
    config = {}
    if threads:
        config["threads"] = int(threads)
    if memory_limit:
        # Beyond the limit a join or an aggregate spills to disk rather than failing: an in
        # -memory database has no spill folder unless it is given one.
        config["memory_limit"] = str(memory_limit)
        config["temp_directory"] = _spill_folder()
        config["max_temp_directory_size"] = (
            os.environ.get("TRANSCRIPTS_DUCKDB_SPILL") or SPILL_LIMIT
        )
    # A build's Parquet files never change (a new build is a new folder): their footers are
    # read once, not on every query (364 files a table at 100,000 articles; queries 20-35%
    # faster).
    connection = duckdb.connect(":memory:", config=config)
    connection.execute("SET parquet_metadata_cache = true")  # not as config: parquet loads later
    return connection


def _copy_frame(
    connection: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame, if_missing=False
) -> None:
    """A table in DuckDB with the frame's rows (categories as plain text)."""
    frame = frame.copy()
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.CategoricalDtype):
            frame[column] = frame[column].astype(object)
    relation = connection.from_df(frame)
    if if_missing:
        # Another session may have made the same table meanwhile: theirs is as good.
        relation.create_view("_incoming", replace=True)
        connection.execute(f"CREATE TABLE IF NOT EXISTS {name} AS SELECT * FROM _incoming")
        connection.execute("DROP VIEW _incoming")
    else:
        relation.create(name)


def _typed_hits(hits: pd.DataFrame) -> pd.DataFrame:
    """Theme hits with their columns' types even when there are none."""
    if hits.empty:
        hits = pd.DataFrame({name: [] for name in s.THEME_HITS.names})
    return hits[s.THEME_HITS.names].astype(
        {s.ARTICLE_ID: str, s.TURN: "int64", s.THEME: str, s.HITS: "int64"}
    )


def _public_views(connection: duckdb.DuckDBPyConnection, schema: str = "main") -> None:
    """The schema's tables over the stored ones (which keep some columns of their own)."""
    for view, table, source in (
        ("articles", s.ARTICLES, "articles_all"),
        ("turns", s.TURNS, "turns_all"),
        ("editorial", s.EDITORIAL, "editorial_all"),
    ):
        connection.execute(
            f"CREATE VIEW {schema}.{view} AS SELECT {_sql_list(table.names)} FROM {schema}.{source}"
        )


# ---------------------------------------------------------------- a session's vocabulary


def _key_digest(key: str) -> str:
    import hashlib

    return hashlib.sha256(key.encode()).hexdigest()[:12]


def _has_relation(store: Store, schema: str, name: str) -> bool:
    found = store.query(
        "SELECT COUNT(*) AS n FROM information_schema.tables "
        "WHERE table_schema = ? AND table_name = ?",
        [schema, name],
    )
    return bool(found["n"].iat[0])


# Turns that may contain a changed word: RE2 over the search text (see `vocabulary_cost`).
_CONTAINS_CHANGED = (
    f"regexp_matches(COALESCE(t.{SEARCH_TEXT}, t.text), getvariable('vocabulary_pattern'), 'i')"
)
_BUILD_LOCKS: dict[str, list] = {}  # schema -> [lock, holders and waiters]
_BUILD_LOCKS_LOCK = threading.Lock()


@dataclass(frozen=True)
class VocabularyCost:
    """What a vocabulary sends back to the segmenter on one store (`Store.vocabulary_cost`):
    the turns holding one of its changed words and their characters of speech."""

    turns: int
    chars: int

    def within(self, max_chars: int = MAX_RESEGMENTED_CHARS) -> bool:
        return self.chars <= max_chars


@contextmanager
def _building(schema: str):
    """One builder per vocabulary schema at a time: a second session asking for the same
    vocabulary waits for the first and then shares its tables instead of segmenting again.
    The lock lives while someone holds or waits for it."""
    with _BUILD_LOCKS_LOCK:
        entry = _BUILD_LOCKS.setdefault(schema, [threading.Lock(), 0])
        entry[1] += 1
    try:
        with entry[0]:
            yield
    finally:
        with _BUILD_LOCKS_LOCK:
            entry[1] -= 1
            if not entry[1]:
                del _BUILD_LOCKS[schema]


def _containing(words) -> str:
    from analysis.text.tokens import containing_pattern

    return containing_pattern(words)


COST_SAMPLE_TURNS = 5_000  # turns a refusal ranks the changed words in


def _costliest_words(store: Store, vocabulary, n: int = 5) -> list[str]:
    """The changed words found in the most turns (of the first COST_SAMPLE_TURNS holding
    one, in corpus order; folded as tokens are), for a refusal to name: ranking them over a
    large corpus would cost seconds."""
    from analysis.config import fold_word
    from analysis.text.tokens import resegmented_words

    # Longest first: at 我们 the pattern then finds 我们, not 我.
    words = sorted(resegmented_words(vocabulary), key=len, reverse=True)
    with store._cursor() as cursor:
        cursor.execute("SET VARIABLE vocabulary_pattern = ?", [_containing(words)])
        found = cursor.execute(
            "SELECT hit, COUNT(*) FROM (SELECT UNNEST(list_distinct(regexp_extract_all("
            f"COALESCE(t.{SEARCH_TEXT}, t.text), getvariable('vocabulary_pattern'), 0, 'i'))) "
            f"AS hit FROM (SELECT * FROM turns_all t WHERE {_CONTAINS_CHANGED} "
            f"ORDER BY t.{SEQ}, t.turn LIMIT {COST_SAMPLE_TURNS}) t) GROUP BY hit"
        ).fetchall()
    turns: dict[str, int] = {}
    for hit, count in found:
        word = fold_word(hit)
        turns[word] = turns.get(word, 0) + int(count)
    return sorted(turns, key=lambda word: (-turns[word], word))[:n]


RESEGMENT_CHUNK = 2  # DuckDB vectors (2,048 turns each) segmented and written at a time


def _build_vocabulary_schema(
    store: Store, schema: str, parent: str, vocabulary, settings, segment=None
) -> None:
    """The vocabulary's schema: the turns it segments differently (`changed_turns`, one row
    each) and their new words (`changed_tokens`: turn index, position, word; the turn's
    article, speaker, role and section are joined from `changed_turns`, so each word costs
    ~24 bytes instead of ~100), written a chunk at a time as they are segmented, so memory
    peaks at one chunk. A `tokens` view puts them in place of the parent's tokens for those
    turns (added stopwords left out) and a view of each other table of the parent schema
    lets the store's search path find them all here. The view is made last: a schema
    without it is unfinished, and one that fails is dropped."""
    from dataclasses import replace

    from analysis.config import fold_word
    from analysis.text.tokens import TokenSettings, normalise, resegmented_words

    settings = replace(settings or TokenSettings(), vocabulary=vocabulary)
    words = resegmented_words(vocabulary)
    # The search text is only width-folded: the turns it passes are checked on the text
    # folded as tokens are (case too), in one RE2 scan each.
    confirm = re2.compile(_containing(words)) if words else None
    with store._cursor() as writer:
        writer.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        writer.execute(f"CREATE SCHEMA {schema}")
        try:
            writer.execute(
                f"CREATE TABLE {schema}.changed_turns (turn_index INTEGER, article_id VARCHAR, "
                "turn BIGINT, speaker VARCHAR, role VARCHAR, section VARCHAR)"
            )
            writer.execute(
                f"CREATE TABLE {schema}.changed_tokens "
                "(turn_index INTEGER, position INTEGER, token VARCHAR)"
            )
            if words:
                _write_resegmented(
                    store, writer, schema, words, confirm, settings, normalise, segment
                )
            stopped = sorted({fold_word(word) for word in vocabulary.add_stopwords})
            writer.execute(f"CREATE TABLE {schema}.stopped (word VARCHAR)")
            if stopped:
                writer.executemany(
                    f"INSERT INTO {schema}.stopped VALUES (?)", [[w] for w in stopped]
                )
            _vocabulary_views(writer, schema, parent, bool(stopped))
        except BaseException:
            writer.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            raise


def _write_resegmented(
    store, writer, schema, words, confirm, settings, normalise, segment=None
) -> None:
    """Segment the turns holding a changed word and append them to the schema's tables
    (`segment(texts, settings)`, `tokens.segment_rows` by default, cuts each chunk)."""
    from analysis.text.tokens import segment_rows

    segment = segment or segment_rows

    columns = [s.ARTICLE_ID, s.TURN, s.SPEAKER, s.ROLE, s.SECTION, s.TEXT]
    written = 0
    with store._cursor() as reader:
        reader.execute("SET VARIABLE vocabulary_pattern = ?", [_containing(words)])
        reader.execute(
            f"SELECT {_sql_list(columns, 't')} FROM turns_all t WHERE {_CONTAINS_CHANGED} "
            f"ORDER BY t.{SEQ}, t.turn"
        )
        while True:
            chunk = reader.fetch_df_chunk(RESEGMENT_CHUNK)
            if chunk.empty:
                break
            keep = [confirm.search(normalise(text)) is not None for text in chunk[s.TEXT]]
            chunk = chunk[keep].reset_index(drop=True)
            if chunk.empty:
                continue
            kept = segment(chunk[s.TEXT].tolist(), settings)
            index = np.arange(written, written + len(chunk), dtype=np.int32)
            changed_turns = pd.DataFrame(
                {
                    "turn_index": index,
                    s.ARTICLE_ID: chunk[s.ARTICLE_ID].astype(str).to_numpy(),
                    s.TURN: chunk[s.TURN].to_numpy(dtype="int64"),
                    s.SPEAKER: chunk[s.SPEAKER].astype(str).to_numpy(),
                    s.ROLE: chunk[s.ROLE].astype(str).to_numpy(),
                    s.SECTION: chunk[s.SECTION].astype(str).to_numpy(),
                }
            )
            changed_tokens = pd.DataFrame(
                {
                    "turn_index": index[kept.rows] if len(kept.rows) else index[:0],
                    s.POSITION: kept.positions,
                    s.TOKEN: pd.Series(kept.words, dtype=object),
                }
            )
            writer.from_df(changed_turns).insert_into(f"{schema}.changed_turns")
            writer.from_df(changed_tokens).insert_into(f"{schema}.changed_tokens")
            written += len(chunk)


def _vocabulary_views(writer, schema: str, parent: str, stopped: bool) -> None:
    inherited = []
    if parent != "main":
        inherited = [
            name
            for (name,) in writer.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
                [parent],
            ).fetchall()
        ]
    source = f"{parent}.tokens" if "tokens" in inherited else "main.tokens"
    kept = _sql_list(s.TOKENS.names, "t")
    where = f"lower(t.token) NOT IN (SELECT word FROM {schema}.stopped)" if stopped else "TRUE"
    for name in inherited:
        if name != "tokens":
            writer.execute(f"CREATE VIEW {schema}.{name} AS SELECT * FROM {parent}.{name}")
    writer.execute(
        f"CREATE VIEW {schema}.tokens AS SELECT {kept} FROM {source} t "
        f"ANTI JOIN {schema}.changed_turns c ON t.article_id = c.article_id AND t.turn = c.turn "
        f"WHERE {where} UNION ALL "
        "SELECT c.article_id, c.turn, c.speaker, c.role, c.section, k.position, k.token "
        f"FROM {schema}.changed_tokens k JOIN {schema}.changed_turns c USING (turn_index)"
    )


# DuckDB's smallest allocations: a table of a few thousand rows takes ~30-90 KB a column
# more than its values.
_COLUMN_FLOOR = 32 * 1024


def _schema_bytes(store: Store, schema: str) -> int:
    """The memory a schema's tables take in DuckDB, estimated from their rows: fixed-width
    columns at their width, strings at 16 bytes plus the bytes of those over 12 (DuckDB
    keeps shorter ones inline), a bit a value for validity and _COLUMN_FLOOR a column."""
    columns = store.query(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = ? AND table_name IN (SELECT table_name FROM "
        "information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE') "
        "ORDER BY table_name, ordinal_position",
        [schema, schema],
    )
    total = 0
    for table, group in columns.groupby("table_name", sort=False):
        parts = ["COUNT(*)"]
        for column, kind in zip(group["column_name"], group["data_type"], strict=True):
            if kind == "VARCHAR":
                length = f'strlen("{column}")'
                parts.append(f"COALESCE(SUM(CASE WHEN {length} > 12 THEN {length} END), 0)")
        values = store.query(f'SELECT {", ".join(parts)} FROM {schema}."{table}"').iloc[0].tolist()
        rows, heap = int(values[0]), sum(int(v) for v in values[1:])
        width = sum(_WIDTHS.get(kind, 16) for kind in group["data_type"])
        total += rows * width + heap + rows * len(group) // 8 + len(group) * _COLUMN_FLOOR
    return total


_WIDTHS = {
    "BOOLEAN": 1,
    "TINYINT": 1,
    "SMALLINT": 2,
    "INTEGER": 4,
    "BIGINT": 8,
    "DOUBLE": 8,
    "FLOAT": 4,
    "DATE": 4,
    "TIMESTAMP": 8,
    "VARCHAR": 16,
}
