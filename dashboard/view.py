"""The view: what a visitor looks at, read from the URL on every run.

The URL is the view's one source of truth, as a request's query string is for datasette: every
run parses it into a `View` (the filters as one `analysis.store.selection.Selection`, the other
settings described by `PARAMS`, and the Terms page's two compared sides). Widgets and chart
clicks change the URL (`change`, `put`), which adds one browser history entry, so Back and
Forward step through views; a rerun that changes nothing writes nothing. Nothing of the view
is kept in the session: `current()` only remembers the parse of the query string it was given.

A link's invalid values (not well-formed, or not in this corpus) are named in a notice and
dropped: the run writes the cleaned URL once, and a clean URL parses back to itself, so
this never loops.

Streamlit's `bind="query-params"` is not used: a bound widget drops a link's invalid values
silently, checks them against its current options (the article picker shows only a search's
matches), and can't hold values shared by a sidebar widget and chart clicks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from analysis import schema as s
from analysis.store.exchanges import EITHER, IN_ORDER
from analysis.store.exchanges import ORDERS as QUESTION_ORDERS
from analysis.store.selection import (
    DATE_NAMES,
    QUERY_NAMES,
    Selection,
    as_date,
    link_values,
    quoted,
    turn_of,
    whole_number,
)
from dashboard import limits, session
from dashboard.formatting import escape_markdown
from dashboard.texts import LANGS, t

MEASURES = ("chars", "turns", "minutes")
TALK_VIEWS = ("share", "amount")  # Charts that read (issue 22)
COLLOCATE_SCORES = ("g2", "mi")
# Link name -> Selection field, for the filters.
FILTERS = {**{q: f for f, q in QUERY_NAMES.items()}, **{q: f for f, q in DATE_NAMES.items()}}


class Listed:
    """Filter values given as lists: what `Options` asks of a store, for a corpus known in
    full (a test's)."""

    def __init__(self, **lists: Sequence[str]):
        self._lists = {"roles": list(s.ROLES), **{name: list(v) for name, v in lists.items()}}

    def values(self, field: str) -> list[str]:
        return self._lists.get(field, [])

    def option_count(self, field: str) -> int:
        return len(self.values(field))

    def known(self, field: str, values) -> set[str]:
        return set(values) & set(self.values(field))


@dataclass(frozen=True)
class Options:
    """What the current corpus offers, to check link values against and fill widgets.
    Asked of `source` (an `analysis.store.store.Store`, or `Listed`) as needed: a large
    corpus's lists (100,000 articles, 238,000 sections) are read only where a widget lists
    them, never to check a link."""

    source: Any
    # Whether a turn exists (`hit=article:turn`); None: any well-formed turn id of a known
    # article.
    has_turn: Callable[[str, int], bool] | None = None

    def values(self, field: str) -> list[str]:
        return self.source.values(field)

    def count(self, field: str) -> int:
        return self.source.option_count(field)

    def known(self, field: str, values) -> set[str]:
        """Those of `values` the corpus has (`Selection.validate` asks this)."""
        return self.source.known(field, values)

    @property
    def roles(self) -> list[str]:
        return self.values("roles")

    @property
    def themes(self) -> list[str]:
        return self.values("themes")


@dataclass(frozen=True)
class Param:
    """One view setting besides the filters that the URL carries."""

    name: str
    default: str = ""
    # Given the current options, whether a value is valid (None: any text within limits).
    valid: Callable[[Options, str], bool] | None = None


def _whole(low: int, high: int) -> Callable[[Options, str], bool]:
    return lambda o, v: whole_number(v, low, high) is not None


def _has(options: Options, field: str, value: str) -> bool:
    return bool(options.known(field, [value]))


def _is_turn(options: Options, value: str) -> bool:
    turn = turn_of(value)
    if turn is None or not options.known("articles", [turn[0]]):
        return False
    return options.has_turn is None or options.has_turn(*turn)


def _is_packed(options: Options, value: str) -> bool:
    """A packed vocabulary's form: urlsafe base64, within the link's allowance."""
    return (
        len(value) <= limits.MAX_LINK_VOCAB_CHARS
        and re.fullmatch(r"[\w-]+", value, re.ASCII) is not None
    )


def _is_version(options: Options, value: str) -> bool:
    return re.fullmatch(r"[0-9a-f]{8}", value) is not None


REST = "rest"
# A side the visitor set to every turn (its filters all cleared) has no filter to write:
# `a=all` or `b=all` says it is theirs, not the default comparison of two roles.
ALL = "all"
# Pages' tabs (issue 21): only the open tab is drawn, so a page costs the browser its open
# charts. A view setting per page names the open tab by a stable id; the first is the default.
TABS: dict[str, tuple[str, ...]] = {
    "overview_tab": ("talk", "timeline", "themes", "articles"),
    "speakers_tab": ("shares", "strip", "turns", "table"),
    "terms_tab": ("top", "compare", "grid", "trends", "distinctive"),
    "themes_tab": ("articles", "people", "flow", "trends", "sections", "edit"),
    "questions_tab": ("themes", "lengths", "types", "follow", "shift", "compare"),
    "words_tab": ("collocates", "network", "ngrams"),
    "concordance_tab": ("lines", "dispersion"),
}
PARAMS: dict[str, Param] = {
    p.name: p
    for p in (
        Param("q"),
        # `regex=1`, from links made before the match modes, is read as match=regex.
        Param("regex", "0", lambda o, v: v in ("0", "1")),
        # How the concordance matches (whole words, substring, regex) and sorts (AntConc's
        # L1, L2, R1, R2 or in order).
        Param("match", "word", lambda o, v: v in ("word", "substring", "regex")),
        Param("sort", "order", lambda o, v: v in ("order", "L1", "L2", "R1", "R2")),
        Param("measure", "chars", lambda o, v: v in MEASURES),
        # Charts that read (issue 22): speakers' bars as 100% per article or as amounts; the
        # themes' trends as small multiples.
        Param("talk_view", "share", lambda o, v: v in TALK_VIEWS),
        Param("trend_split", "0", lambda o, v: v in ("0", "1")),
        Param("lang", "zh", lambda o, v: v in LANGS),
        Param("group_a", "guest", lambda o, v: v in o.roles),
        Param("group_b", "host", lambda o, v: v in o.roles),
        # Terms page: `a=all`, `b=all` (a side set to every turn), `b=rest` (A against the
        # rest of the corpus).
        Param("a", "", lambda o, v: v == ALL),
        Param("b", "", lambda o, v: v in (REST, ALL)),
        # Comparisons (issue 22): the sides' names as typed, shown as text only.
        Param("a_name", "", lambda o, v: len(v) <= limits.MAX_SIDE_NAME_CHARS),
        Param("b_name", "", lambda o, v: len(v) <= limits.MAX_SIDE_NAME_CHARS),
        Param("trend_terms", ""),  # Terms page: the terms followed over dates, comma-separated
        Param("trend_by", "month", lambda o, v: v in ("month", "article")),
        Param("themes_version", "", _is_version),
        Param("vocab_version", "", _is_version),
        # Tables and language (issue 22): the vocabulary itself, zlib + urlsafe base64
        # (dashboard.data.vocabulary.pack_vocabulary), when it is small enough.
        Param("vocab", "", _is_packed),
        Param("kwic_more", "0", lambda o, v: v in ("0", "1")),  # its table's longer list
        Param("hit", "", _is_turn),  # the concordance hit being read
        Param("read", "", lambda o, v: _has(o, "articles", v)),  # the article in the reader
        Param("mark", "", lambda o, v: v in o.themes),  # the theme marked in it
        # The words page (collocates, co-occurrence network, n-grams).
        Param("colloc"),  # the term whose collocates are shown
        Param("span_left", "5", _whole(0, 10)),
        Param("span_right", "5", _whole(0, 10)),
        Param("colloc_min", "2", _whole(1, 1000)),
        Param("colloc_by", "g2", lambda o, v: v in COLLOCATE_SCORES),
        Param("net_terms", "60", _whole(10, 150)),
        Param("ngram_n", "2", _whole(2, 4)),
        Param("ngram_min", "2", _whole(1, 1000)),
        # Questions page: the list's own filters (analysis.store.exchanges.ExchangeFilter),
        # its order, and the exchange opened under it (`article:exchange`).
        Param("qa_search"),
        Param("qa_term"),
        Param("qa_theme", "", lambda o, v: v in o.themes),
        Param("qa_asker", "", lambda o, v: _has(o, "speakers", v)),
        Param("qa_answerer", "", lambda o, v: _has(o, "speakers", v)),
        Param("qa_type", "", lambda o, v: v in s.QUESTION_TYPES),
        Param("qa_in", s.QUESTION, lambda o, v: v in (s.QUESTION, s.ANSWER, EITHER)),
        Param("qa_follow", "", lambda o, v: v in ("1", "0")),
        Param("qa_shift", "", lambda o, v: v in ("1", "0")),
        Param("qa_order", IN_ORDER, lambda o, v: v in QUESTION_ORDERS),
        Param(
            "qa_open",
            "",
            lambda o, v: turn_of(v) is not None and _has(o, "articles", turn_of(v)[0]),
        ),
        Param("qa_charts", "", lambda o, v: v in ("0", "1")),  # its charts' box: open, shut
        Param("qa_cmp_a", "", lambda o, v: v in o.themes),  # answers about theme A …
        Param("qa_cmp_b", "", lambda o, v: v in o.themes),  # … against theme B
        *(Param(name, ids[0], lambda o, v, ids=ids: v in ids) for name, ids in TABS.items()),
    )
}
# The two selections the Terms page compares: the filters' link names with the side's
# prefix (`a_article=…&a_from=…&b_speaker=…`), read and written by `Selection` itself;
# `b=rest` compares A with the rest of the corpus.
COMPARE_SIDES = ("a", "b")
COMPARE_PARAMS = tuple(f"{side}_{name}" for side in COMPARE_SIDES for name in FILTERS)
# Every name a link may carry, filters first (the README documents each).
LINK_PARAMS = (*FILTERS, *PARAMS, *COMPARE_PARAMS)


@dataclass(frozen=True)
class View:
    """One view: the filters, the settings off their defaults, the comparison's sides the
    visitor set, and what the link it came from held that had to be ignored."""

    selection: Selection = field(default_factory=Selection)
    values: Mapping[str, str] = field(default_factory=dict)
    sides: Mapping[str, Selection] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()

    def get(self, name: str) -> str:
        """A setting's value (its default when the link doesn't set it)."""
        return self.values.get(name, PARAMS[name].default)

    def compared(self, side: str) -> Selection | None:
        """Side `a` or `b` of the comparison as the visitor set it; None: the default."""
        return self.sides.get(side)

    def query(self) -> dict[str, list[str]]:
        """The query string of this view: the filters in use, the settings off their
        defaults, the compared sides; what a share link carries."""
        query = self.selection.to_query()
        for name, param in PARAMS.items():
            value = self.values.get(name, param.default)
            if value not in (None, "") and value != param.default:
                query[name] = [str(value)]
        for side in COMPARE_SIDES:
            if side in self.sides:
                own = {f"{side}_{k}": v for k, v in self.sides[side].to_query().items()}
                if not own and query.get(side) != [REST]:
                    own = {side: [ALL]}
                query.update(own)
        return query

    def changed(
        self,
        selection: Selection | None = None,
        sides: Mapping[str, Selection | None] | None = None,
        **values: str,
    ) -> View:
        """This view with other filters, sides or settings ("" or None: back to the default)."""
        settings = dict(self.values)
        for name, value in values.items():
            if value in (None, "") or str(value) == PARAMS[name].default:
                settings.pop(name, None)
            else:
                settings[name] = str(value)
        compared = dict(self.sides)
        for side, sel in (sides or {}).items():
            if sel is None:
                compared.pop(side, None)
            else:
                compared[side] = sel
        return View(
            selection=self.selection if selection is None else selection,
            values=settings,
            sides=compared,
        )


# ---------------------------------------------------------------- URL -> view


def parse(query: Mapping[str, list[str]], options: Options | None) -> View:
    """The view a query string gives, and a note for each value that was ignored (not
    well-formed, or, given `options`, not in this corpus). Pure: tested without Streamlit.
    Without `options`, only the form of each value is checked."""
    sel, ignored = Selection.from_query(query)
    if options is not None:
        sel, dropped = sel.validate(options)
        ignored += dropped
    values: dict[str, str] = {}
    for name, raw in query.items():
        if name in FILTERS or name in COMPARE_PARAMS:
            continue
        param = PARAMS.get(name)
        if param is None:
            ignored.append(quoted(name))
            continue
        kept, noted = link_values(name, raw)
        ignored += noted
        valid = [
            v for v in kept if options is None or param.valid is None or param.valid(options, v)
        ]
        ignored += [f"{name}={quoted(v)}" for v in kept if v not in valid]
        if valid:
            if valid[0] != param.default:
                values[name] = valid[0]
            ignored += [f"{name}={quoted(extra)}" for extra in valid[1:]]
    if values.pop("regex", "0") == "1":  # a link from before the match modes
        values.setdefault("match", "regex")
    sides: dict[str, Selection] = {}
    for side in COMPARE_SIDES:
        prefix = f"{side}_"
        own = {
            name.removeprefix(prefix): raw
            for name, raw in query.items()
            if name in COMPARE_PARAMS and name.startswith(prefix)
        }
        if own:
            side_sel, notes = Selection.from_query(own)
            if options is not None:
                side_sel, dropped = side_sel.validate(options)
                notes += dropped
            ignored += [prefix + note for note in notes]
            sides[side] = side_sel
        if values.get(side) == ALL:
            values.pop(side)
            sides.setdefault(side, Selection())
    return View(sel, values, sides, tuple(ignored))


def _dates_note(note: str) -> str:
    """Selection's note on swapped dates, in the interface's language."""
    suffix = ": swapped (from was after to)"
    return note.removesuffix(suffix) + f": {t('dates_inverted')}" if note.endswith(suffix) else note


def options_for(store) -> Options:
    """What a store (`analysis.store.store.Store`) offers, to check links and fill widgets."""
    return Options(store, has_turn=store.has_turn)


# ---------------------------------------------------------------- the run's URL


@dataclass(frozen=True)
class _Parsed:
    """The parse of one query string: a pure function's result, never written back. It
    holds nothing of the store (a store may be closed by the next run)."""

    key: tuple
    view: View


def _raw() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params.keys()}  # noqa: SIM118


def _key(query: Mapping[str, list[str]]) -> tuple:
    return tuple(sorted((name, tuple(values)) for name, values in query.items()))


def _write(query: dict[str, list[str]]) -> None:
    """Set the URL's query string: the browser adds a history entry when it changed."""
    if _key(query) != _key(_raw()):
        st.query_params.from_dict(query)


def read(options: Options) -> View:
    """This run's view, parsed from the URL at the start of the run and checked against the
    corpus; a URL with values that had to be dropped is replaced by the clean one."""
    raw = _raw()
    view = parse(raw, options)
    clean = view.query()
    _write(clean)
    # Keyed by the query string now in the URL, so `current()` gives this view (and its
    # notice) until a widget or a click changes the URL.
    st.session_state[session.VIEW] = _Parsed(_key(clean), view)
    return view


def current() -> View:
    """The view the URL holds now: as `read` parsed it at the start of the run, or, once a
    widget or a click changed the URL since, parsed again (its form only: the next run's
    `read` checks it against the corpus)."""
    parsed = st.session_state.get(session.VIEW)
    raw = _raw()
    if parsed is not None and parsed.key == _key(raw):
        return parsed.view
    view = parse(raw, None)
    st.session_state[session.VIEW] = _Parsed(_key(raw), view)
    return view


def write(new: View) -> None:
    """Make `new` the view: the URL gets its query string (one history entry) when it differs."""
    _write(new.query())


def change(
    selection: Selection | None = None,
    sides: Mapping[str, Selection | None] | None = None,
    **values: str,
) -> None:
    """Change the view's filters, sides or settings (in the URL)."""
    write(current().changed(selection, sides, **values))


def get(name: str) -> str:
    """The current value of a view setting."""
    return current().get(name)


def put(name: str, value: str) -> None:
    """Set one view setting (in the URL); usable in callbacks and in a page's run."""
    change(**{name: value})


def selection() -> Selection:
    """The global filters in force."""
    return current().selection


def compared(side: str) -> Selection | None:
    """Side A or B of the Terms page's comparison as the visitor set it; None: the default."""
    return current().compared(side)


def toggled(sel: Selection, name: str, value: str) -> Selection:
    """`sel` after a click on a filter value (`name`: its link name): filtered to the value,
    or cleared when it is the only one; a date is set."""
    field_name = FILTERS[name]
    if field_name in DATE_NAMES:
        return replace(sel, **{field_name: as_date(value)})
    now = getattr(sel, field_name)
    return replace(sel, **{field_name: () if now == (value,) else (value,)})


def clear_filters() -> None:
    change(selection=Selection())


def share_link() -> str:
    base = st.context.url or ""
    query = urlencode(current().query(), doseq=True)
    return f"{base}?{query}" if query else base


def ignored_notice() -> None:
    """Name the link values this run's URL held that were ignored, as text."""
    ignored = current().ignored
    if ignored:
        shown = ignored[: limits.MAX_NOTED]
        named = "，".join(escape_markdown(_dates_note(value)) for value in shown)
        more = f" (+{len(ignored) - limits.MAX_NOTED})" if len(ignored) > limits.MAX_NOTED else ""
        st.warning(t("ignored_link_values") + named + more, icon="🔗")
