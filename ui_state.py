"""The view: the global filters (one `Selection`), the other view settings, and the URL.

The filters live in one `analysis.store.selection.Selection` in `st.session_state`; the other view
settings (search, measure, language …) in `p_<name>` keys, described by the `PARAMS` table.
Widgets use `w_<name>` keys seeded from them, so a widget a page doesn't draw loses nothing.
At the end of each run the view is written to the query string in readable form
(`?article=002_…&theme=安全与对齐`), so the URL always reproduces it.

The sync with the URL is hand-written rather than Streamlit's `bind="query-params"`: a bound
widget drops a link's invalid values silently (the visitor must be told which were ignored),
checks them against its current options (the article picker shows only the matches of a
search), and can't hold values shared by a sidebar widget and chart clicks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlencode

import streamlit as st

from analysis import schema as s
from analysis.store.selection import DATE_NAMES, QUERY_NAMES, Selection
from ui_format import escape_markdown
from ui_text import t

MAX_VALUE_CHARS = 200  # longer URL values are hostile or broken; they are ignored
MAX_VALUES = 100
MAX_NOTED = 30  # ignored link values named one by one in the notice; the rest are counted

MEASURES = ("chars", "turns", "minutes")
LANGS = ("zh", "en")
# Link name -> Selection field, for the filters.
FILTERS = {**{q: f for f, q in QUERY_NAMES.items()}, **{q: f for f, q in DATE_NAMES.items()}}
SELECTION_KEY = "p_selection"


@dataclass
class Options:
    """What the current corpus offers, to check link values against."""

    articles: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=lambda: list(s.ROLES))
    themes: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    # Whether a turn exists (`hit=article:turn`); None: any well-formed turn id.
    has_turn: Callable[[str, int], bool] | None = None

    def options(self) -> dict[str, list[str]]:
        """As `Store.options()`, for `Selection.validate`."""
        return {
            "articles": self.articles,
            "speakers": self.speakers,
            "roles": self.roles,
            "themes": self.themes,
            "sections": self.sections,
        }


@dataclass(frozen=True)
class Param:
    """One view setting besides the filters that the URL carries."""

    name: str
    default: str = ""
    # Given the current options, whether a value is valid (None: any text within limits).
    valid: Callable[[Options, str], bool] | None = None


COLLOCATE_SCORES = ("g2", "mi")


def _whole(value: str, low: int, high: int) -> bool:
    """A whole number within bounds, written plainly (no sign, no leading zero)."""
    return (
        value.isascii()
        and value.isdigit()
        and str(int(value)) == value
        and low <= int(value) <= high
    )


def _is_turn(options: Options, value: str) -> bool:
    article, _, turn = value.rpartition(":")
    if not turn.isdigit() or article not in set(options.articles):
        return False
    return options.has_turn is None or options.has_turn(article, int(turn))


PARAMS: dict[str, Param] = {
    p.name: p
    for p in (
        Param("q"),
        Param("regex", "0", lambda o, v: v in ("0", "1")),
        # How the concordance matches (whole words, substring, regex) and sorts (AntConc's
        # L1, L2, R1, R2 or in order). `regex=1`, from older links, means match=regex.
        Param("match", "word", lambda o, v: v in ("word", "substring", "regex")),
        Param("sort", "order", lambda o, v: v in ("order", "L1", "L2", "R1", "R2")),
        Param("measure", "chars", lambda o, v: v in MEASURES),
        Param("lang", "zh", lambda o, v: v in LANGS),
        Param("group_a", "guest", lambda o, v: v in o.roles),
        Param("group_b", "host", lambda o, v: v in o.roles),
        Param("b", "", lambda o, v: v == REST),  # Terms page: A against the rest of the corpus
        Param("trend_terms", ""),  # Terms page: the terms followed over dates, comma-separated
        Param("trend_by", "month", lambda o, v: v in ("month", "article")),
        Param("themes_version", "", lambda o, v: bool(re.fullmatch(r"[0-9a-f]{8}", v))),
        Param("vocab_version", "", lambda o, v: bool(re.fullmatch(r"[0-9a-f]{8}", v))),
        Param("hit", "", _is_turn),  # the concordance hit being read
        Param("read", "", lambda o, v: v in set(o.articles)),  # the article in the reader
        Param("mark", "", lambda o, v: v in o.themes),  # the theme marked in it
        # The words page (collocates, co-occurrence network, n-grams).
        Param("colloc"),  # the term whose collocates are shown
        Param("span_left", "5", lambda o, v: _whole(v, 0, 10)),
        Param("span_right", "5", lambda o, v: _whole(v, 0, 10)),
        Param("colloc_min", "2", lambda o, v: _whole(v, 1, 1000)),
        Param("colloc_by", "g2", lambda o, v: v in COLLOCATE_SCORES),
        Param("net_terms", "60", lambda o, v: _whole(v, 10, 150)),
        Param("ngram_n", "2", lambda o, v: _whole(v, 2, 4)),
        Param("ngram_min", "2", lambda o, v: _whole(v, 1, 1000)),
    )
}
# The two selections the Terms page compares: the filters' link names with the side's
# prefix (`a_article=…&a_from=…&b_speaker=…`), read and written by `Selection` itself;
# `b=rest` compares A with the rest of the corpus.
COMPARE_SIDES = ("a", "b")
COMPARE_PARAMS = tuple(f"{side}_{name}" for side in COMPARE_SIDES for name in FILTERS)
REST = "rest"
# Every name a link may carry, filters first (the README documents each).
LINK_PARAMS = (*FILTERS, *PARAMS, *COMPARE_PARAMS)


def key(name: str) -> str:
    return f"p_{name}"


def get(name: str) -> str:
    """The current value of a view setting."""
    return st.session_state.get(key(name), PARAMS[name].default)


def put(name: str, value: str) -> None:
    """Set a view setting; usable in callbacks (chart clicks) and before widgets are drawn."""
    st.session_state[key(name)] = value


def selection() -> Selection:
    """The global filters in force."""
    return st.session_state.get(SELECTION_KEY) or Selection()


def set_selection(sel: Selection) -> None:
    st.session_state[SELECTION_KEY] = sel


def compared(side: str) -> Selection | None:
    """Side A or B of the Terms page's comparison as the visitor set it; None: the default."""
    return st.session_state.get(f"p_compare_{side}")


def set_compared(side: str, sel: Selection | None) -> None:
    st.session_state[f"p_compare_{side}"] = sel


def compared_from_query(
    query: dict[str, list[str]], options: Options
) -> tuple[dict[str, Selection], list[str]]:
    """The compared selections a link sets (`a_…`, `b_…`), and a note for each value ignored."""
    sides: dict[str, Selection] = {}
    ignored: list[str] = []
    for side in COMPARE_SIDES:
        prefix = f"{side}_"
        own = {
            name.removeprefix(prefix): values
            for name, values in query.items()
            if name in COMPARE_PARAMS and name.startswith(prefix)
        }
        if own:
            sel, notes = Selection.from_query(own)
            sel, dropped = sel.validate(options)
            ignored += [prefix + _dates_note(note) for note in notes + dropped]
            sides[side] = sel
    return sides, ignored


def compared_query() -> dict[str, list[str]]:
    """The link parameters of the compared selections the visitor set."""
    query: dict[str, list[str]] = {}
    for side in COMPARE_SIDES:
        sel = compared(side)
        if sel is not None:
            query.update({f"{side}_{name}": v for name, v in sel.to_query().items()})
    return query


def toggle_filter(name: str, value: str) -> None:
    """A chart click on a filter value: filter to it, or clear it when it is the only one."""
    sel = selection()
    field_name = FILTERS[name]
    if field_name in DATE_NAMES:
        set_selection(replace(sel, **{field_name: _as_date(value)}))
        return
    current = getattr(sel, field_name)
    set_selection(replace(sel, **{field_name: () if current == (value,) else (value,)}))


def clear_filters() -> None:
    set_selection(Selection())


# ---------------------------------------------------------------- URL -> state


def parse_query(
    query: dict[str, list[str]], options: Options
) -> tuple[Selection, dict[str, str], list[str]]:
    """The filters and the other view values of a query string, and a note for each value
    that was ignored (not well-formed, or not in this corpus)."""
    sel, ignored = Selection.from_query(query)
    ignored = [_dates_note(note) for note in ignored]
    sel, dropped = sel.validate(options)
    ignored += dropped
    values: dict[str, str] = {}
    for name, raw_values in query.items():
        if name in FILTERS or name in COMPARE_PARAMS:
            continue
        param = PARAMS.get(name)
        if param is None:
            ignored.append(_short(name))
            continue
        kept: list[str] = []
        raw_values = [v for v in raw_values if v != ""]
        for value in raw_values[:MAX_VALUES]:
            if len(value) > MAX_VALUE_CHARS or not _clean_text(value):
                ignored.append(f"{name}={_short(value)}")
            elif param.valid is not None and not param.valid(options, value):
                ignored.append(f"{name}={_short(value)}")
            elif value not in kept:
                kept.append(value)
        if len(raw_values) > MAX_VALUES:
            ignored.append(f"{name}: {len(raw_values) - MAX_VALUES} more values")
        if kept:
            values[name] = kept[0]
            ignored.extend(f"{name}={_short(extra)}" for extra in kept[1:])
    return sel, values, ignored


def _dates_note(note: str) -> str:
    """Selection's note on swapped dates, in the interface's language."""
    suffix = ": swapped (from was after to)"
    return note.removesuffix(suffix) + f": {t('dates_inverted')}" if note.endswith(suffix) else note


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


def _as_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return None


def query_for(sel: Selection, values: dict[str, str]) -> dict[str, list[str]]:
    """The query string for a view: the filters in use and the settings off their defaults."""
    query = sel.to_query()
    for name, param in PARAMS.items():
        value = values.get(name, param.default)
        if value not in (None, "") and value != param.default:
            query[name] = [str(value)]
    return query


def restore_from_url(options: Options) -> None:
    """On a session's first run, take the view from the URL; note what had to be ignored."""
    if st.session_state.get("_restored"):
        return
    raw = {name: st.query_params.get_all(name) for name in st.query_params.keys()}
    sel, values, ignored = parse_query(raw, options)
    set_selection(sel)
    for name, value in values.items():
        put(name, value)
    sides, noted = compared_from_query(raw, options)
    for side, compared_sel in sides.items():
        set_compared(side, compared_sel)
    st.session_state["_ignored"] = ignored + noted
    st.session_state["_restored"] = True


def drop_stale(options: Options) -> None:
    """Forget filter values the corpus no longer has (a file removed, a theme renamed)."""
    sel, dropped = selection().validate(options)
    if dropped:
        set_selection(sel)
        st.session_state.setdefault("_ignored", []).extend(dropped)


def current_values() -> dict[str, str]:
    return {name: get(name) for name in PARAMS}


def write_url() -> None:
    """Write the current view into the query string (only when it changed)."""
    wanted = {**query_for(selection(), current_values()), **compared_query()}
    have = {name: st.query_params.get_all(name) for name in st.query_params.keys()}
    if have != wanted:
        st.query_params.from_dict(wanted)


def share_link() -> str:
    base = st.context.url or ""
    query = urlencode({**query_for(selection(), current_values()), **compared_query()}, doseq=True)
    return f"{base}?{query}" if query else base


def ignored_notice() -> None:
    """Name the link values that were ignored, once, as text."""
    ignored = st.session_state.get("_ignored") or []
    if ignored:
        named = "，".join(escape_markdown(value) for value in ignored[:MAX_NOTED])
        more = f" (+{len(ignored) - MAX_NOTED})" if len(ignored) > MAX_NOTED else ""
        st.warning(t("ignored_link_values") + named + more, icon="🔗")
        st.session_state["_ignored"] = []


# ---------------------------------------------------------------- widgets bound to state


def filter_multiselect(name: str, label: str, options: list[str], container=st, **kwargs):
    """A sidebar multiselect over one filter of the selection (`name`: its link name)."""
    field_name = FILTERS[name]
    widget_key = f"w_{name}"
    allowed = set(options)
    st.session_state[widget_key] = [v for v in getattr(selection(), field_name) if v in allowed]

    def copy() -> None:
        sel = selection()
        hidden = [v for v in getattr(sel, field_name) if v not in allowed]  # kept: not shown
        chosen = tuple(st.session_state[widget_key])
        set_selection(replace(sel, **{field_name: (*chosen, *hidden)}))

    kwargs.setdefault("placeholder", t("choose_all"))
    container.multiselect(label, options, key=widget_key, on_change=copy, **kwargs)
    return getattr(selection(), field_name)


def date_range(bounds: tuple[date, date], container=st) -> None:
    """The publish-date filter as a from/to pair clipped to the corpus's dates."""
    low, high = bounds
    sel = selection()
    start, end = sel.date_from or low, sel.date_to or high
    start, end = max(low, min(start, high)), min(high, max(end, low))
    widget_key = "w_dates"
    st.session_state[widget_key] = (start, end)

    def copy() -> None:
        picked = st.session_state[widget_key]
        if isinstance(picked, tuple | list) and len(picked) == 2:
            set_selection(
                replace(
                    selection(),
                    date_from=None if picked[0] == low else picked[0],
                    date_to=None if picked[1] == high else picked[1],
                )
            )

    container.date_input(
        t("filter_dates"),
        min_value=low,
        max_value=high,
        key=widget_key,
        on_change=copy,
        format="YYYY-MM-DD",
    )


def _seed(name: str) -> str:
    widget_key = f"w_{name}"
    st.session_state[widget_key] = get(name)
    return widget_key


def _copy_back(name: str) -> Callable[[], None]:
    def copy() -> None:
        put(name, st.session_state[f"w_{name}"])

    return copy


def radio(name: str, label: str, options: list[str], container=st, **kwargs) -> str:
    widget_key = _seed(name)
    if st.session_state[widget_key] not in options:
        st.session_state[widget_key] = options[0]
    container.radio(label, options, key=widget_key, on_change=_copy_back(name), **kwargs)
    return get(name)


def selectbox(name: str, label: str, options: Iterable[str], container=st, **kwargs) -> str:
    options = list(options)
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


def number_input(name: str, label: str, low: int, high: int, container=st, **kwargs) -> int:
    """A whole-number view setting (its Param validates the link's value) as a number box."""
    widget_key = f"w_{name}"
    st.session_state[widget_key] = int(get(name))

    def copy() -> None:
        put(name, str(int(st.session_state[widget_key])))

    container.number_input(
        label, min_value=low, max_value=high, step=1, key=widget_key, on_change=copy, **kwargs
    )
    return int(get(name))


def toggle(name: str, label: str, container=st, **kwargs) -> bool:
    widget_key = f"w_{name}"
    st.session_state[widget_key] = get(name) == "1"

    def copy() -> None:
        put(name, "1" if st.session_state[widget_key] else "0")

    container.toggle(label, key=widget_key, on_change=copy, **kwargs)
    return get(name) == "1"


def turn_id(article_id: str, turn: int) -> str:
    """One turn's name in a link: `003:12`."""
    return f"{article_id}:{int(turn)}"


def options_for(store) -> Options:
    """What a store (`analysis.store.store.Store`) offers, to check links and fill widgets."""
    offered = store.options()
    return Options(
        articles=offered["articles"],
        speakers=offered["speakers"],
        roles=offered["roles"],
        themes=offered["themes"],
        sections=offered["sections"],
        has_turn=store.has_turn,
    )
