"""The filters every page shares, as one value: read from a link, checked, described, queried.

A `Selection` is what the sidebar and the chart clicks set (articles, speakers, roles, themes,
sections, publish dates). It parses a query string without looking at the data
(`from_query`), keeps only what a store holds (`validate`), says itself in words (`describe`),
writes itself back (`to_query`) and becomes the WHERE clause of the store's queries (`where`).
Values never enter SQL text: `where` adds them to the parameter list and writes `?`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date

from analysis import schema as s

# Field of Selection -> its name in a link (as the README documents them).
QUERY_NAMES = {
    "articles": "article",
    "speakers": "speaker",
    "roles": "role",
    "themes": "theme",
    "sections": "section",
}
DATE_NAMES = {"date_from": "from", "date_to": "to"}
MAX_VALUES = 100  # per name; a link with more is broken or hostile
MAX_VALUE_CHARS = 200

# Per-turn columns each filter tests (the turns and tokens tables both have them).
COLUMNS = {
    "articles": s.ARTICLE_ID,
    "speakers": s.SPEAKER,
    "roles": s.ROLE,
    "sections": s.SECTION,
}

_WORDS = {
    "zh": {
        "all": "全部文章",
        "articles": "文章",
        "speakers": "发言人",
        "roles": "角色",
        "themes": "主题",
        "sections": "章节",
        "dates": "日期",
        "from": "{start} 起",
        "to": "至 {end}",
        "between": "{start} 至 {end}",
        "sep": "；",
        "list": "、",
        "more": " 等 {n} 项",
        s.HOST: "主持人",
        s.GUEST: "嘉宾",
        s.AUDIENCE: "观众",
        s.OTHER: "其他",
    },
    "en": {
        "all": "all articles",
        "articles": "articles",
        "speakers": "speakers",
        "roles": "roles",
        "themes": "themes",
        "sections": "sections",
        "dates": "dates",
        "from": "from {start}",
        "to": "until {end}",
        "between": "{start} to {end}",
        "sep": "; ",
        "list": ", ",
        "more": " and {n} more",
        s.HOST: "host",
        s.GUEST: "guest",
        s.AUDIENCE: "audience",
        s.OTHER: "other",
    },
}


# ---------------------------------------------------------------- reading a link's values
# The one parser of link values: `Selection.from_query` and the dashboard's view settings
# (dashboard/view.py) both read theirs through these functions.

DATE_FORM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
WHOLE_FORM = re.compile(r"0|[1-9][0-9]*")


def clean_text(value: str) -> bool:
    """False for text no person typed: a broken escape (U+FFFD), control or invisible
    direction characters that make a link read differently from what it does."""
    return not any(
        ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") for ch in value
    )


def quoted(text: str, limit: int = 40) -> str:
    """A value quoted back to a person: printable characters only, cut short."""
    text = "".join(ch for ch in text if ch.isprintable() and unicodedata.category(ch) != "Cf")
    return text if len(text) <= limit else text[:limit] + "…"


def whole_number(text: str, low: int, high: int) -> int | None:
    """A whole number written plainly in ASCII digits (no sign, space, leading zero, or the
    other digits `int()` accepts: ２, ², ①, ٣), within `low`..`high`; None otherwise.

    Every link value that names a number or a turn is read through here."""
    if not (isinstance(text, str) and len(text) <= 12 and WHOLE_FORM.fullmatch(text)):
        return None
    number = int(text)
    return number if low <= number <= high else None


def as_date(text: str) -> date | None:
    """A calendar date written as YYYY-MM-DD in ASCII digits; None otherwise (Python's own
    parser also takes 20240901, week dates and other digits)."""
    if not (isinstance(text, str) and DATE_FORM.fullmatch(text)):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


MAX_TURN = 10**9


def turn_of(value: str) -> tuple[str, int] | None:
    """A turn named in a link (`article:turn`, e.g. `003_ab12:14`): its article and number,
    or None when it isn't one."""
    article, colon, turn = value.rpartition(":")
    number = whole_number(turn, 0, MAX_TURN)
    if not (colon and article) or number is None:
        return None
    return article, number


def turn_id(article_id: str, turn: int) -> str:
    """One turn's name in a link: `003:12`."""
    return f"{article_id}:{int(turn)}"


def link_values(name: str, raw) -> tuple[list[str], list[str]]:
    """The well-formed values of link parameter `name`, repeats dropped, in first-seen order,
    and a note (`name=value`) for each value ignored: too long, invisible characters, or
    beyond the first MAX_VALUES. Empty values are no value. Whether a value makes sense is
    the caller's to check (a date, a number, an article of the corpus)."""
    if raw is None:
        return [], []
    if isinstance(raw, str):
        raw = [raw]
    raw = [str(v) for v in raw if v != ""]
    kept: list[str] = []
    ignored: list[str] = []
    for value in raw[:MAX_VALUES]:
        if len(value) > MAX_VALUE_CHARS or not clean_text(value):
            ignored.append(f"{name}={quoted(value)}")
        elif value not in kept:
            kept.append(value)
    if len(raw) > MAX_VALUES:
        ignored.append(f"{name}: {len(raw) - MAX_VALUES} more values")
    return kept, ignored


@dataclass(frozen=True)
class Selection:
    """Which turns a view looks at; an empty field means no filter on it.

    A turn passes when its article, speaker, role and section are among the chosen ones, it
    touches any chosen theme, and its article was published within the dates (both ends
    included; an article without a date fails any date filter).
    """

    articles: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None

    def __post_init__(self) -> None:
        # Lists from a widget become tuples (hashable, so a Selection can key a cache);
        # repeated values are kept once, in first-seen order.
        for name in QUERY_NAMES:
            values = getattr(self, name)
            if isinstance(values, str):
                values = (values,)
            object.__setattr__(self, name, tuple(dict.fromkeys(str(v) for v in values or ())))

    def is_empty_filter(self) -> bool:
        """True when nothing is filtered: every turn of the corpus is selected."""
        return not any(getattr(self, f.name) for f in fields(self))

    # ------------------------------------------------------------ links

    def to_query(self) -> dict[str, list[str]]:
        """The link parameters for this selection (only the filters in use)."""
        query = {QUERY_NAMES[name]: list(getattr(self, name)) for name in QUERY_NAMES}
        for name, param in DATE_NAMES.items():
            value = getattr(self, name)
            if value is not None:
                query[param] = [value.isoformat()]
        return {name: values for name, values in query.items() if values}

    @classmethod
    def from_query(cls, query: Mapping[str, list[str]]) -> tuple[Selection, list[str]]:
        """A selection from link parameters, and a note for each value that was ignored.

        Only the form is checked here (length, invisible characters, dates); whether the
        corpus has a value is `validate`'s job. Other parameters (`q`, `lang` …) are left alone.
        """
        values: dict = {}
        ignored: list[str] = []
        wanted = {**{q: f for f, q in QUERY_NAMES.items()}, **{q: f for f, q in DATE_NAMES.items()}}
        for param, field_name in wanted.items():
            kept, noted = link_values(param, query.get(param))
            ignored += noted
            if field_name in DATE_NAMES:
                dates = [d for d in map(as_date, kept) if d is not None]
                ignored += [f"{param}={quoted(v)}" for v in kept if as_date(v) is None]
                if dates:
                    values[field_name] = dates[0]
                    ignored += [f"{param}={d}" for d in dates[1:]]
            else:
                values[field_name] = tuple(kept)
        start, end = values.get("date_from"), values.get("date_to")
        if start and end and start > end:
            values["date_from"], values["date_to"] = end, start
            ignored.append(f"from={start}, to={end}: swapped (from was after to)")
        return cls(**values), ignored

    def validate(self, store) -> tuple[Selection, list[str]]:
        """This selection with only values the store has, and `name=value` for each dropped.

        `store` is an `analysis.store.store.Store` (anything with `known(field, values)`
        giving those of `values` a filter field has: articles, speakers, roles, themes,
        sections). A field with nothing chosen asks nothing.
        """
        kept: dict[str, tuple[str, ...]] = {}
        dropped: list[str] = []
        for name, param in QUERY_NAMES.items():
            values = getattr(self, name)
            valid = store.known(name, values) if values else set()
            kept[name] = tuple(v for v in values if v in valid)
            dropped.extend(f"{param}={quoted(v)}" for v in values if v not in valid)
        return replace(self, **kept), dropped

    # ------------------------------------------------------------ words

    def describe(
        self, lang: str = "zh", names: Mapping[str, Mapping[str, str]] | None = None
    ) -> str:
        """The active filters in plain words (no markup), e.g. `发言人：Sam Altman；主题：AGI`.

        `names` maps a field to readable names of its values (article id -> title, theme ->
        English label); at most three values of a field are named, then "+ n more".
        """
        words = _WORDS["en" if lang == "en" else "zh"]
        colon = "：" if lang != "en" else ": "
        if self.is_empty_filter():
            return words["all"]
        names = names or {}
        parts = []
        for name in QUERY_NAMES:
            values = getattr(self, name)
            if not values:
                continue
            readable = names.get(name, {})
            shown = [words.get(v, v) if name == "roles" else readable.get(v, v) for v in values[:3]]
            text = words["list"].join(shown)
            if len(values) > 3:
                text += words["more"].format(n=len(values) - 3)
            parts.append(f"{words[name]}{colon}{text}")
        start, end = self.date_from, self.date_to
        if start or end:
            if start and end:
                span = words["between"].format(start=start, end=end)
            elif start:
                span = words["from"].format(start=start)
            else:
                span = words["to"].format(end=end)
            parts.append(f"{words['dates']}{colon}{span}")
        return words["sep"].join(parts)

    # ------------------------------------------------------------ SQL

    def where(self, params: list) -> str:
        """A DuckDB condition on a per-turn table aliased `t` (turns or tokens), with `?` for
        each value, which is appended to `params` in order. `TRUE` when nothing is filtered.

        Themes test the `theme_hits` table (the turn touches any chosen theme), dates the
        `articles` table's publish time.
        """
        clauses = []
        for name, column in COLUMNS.items():
            values = getattr(self, name)
            if values:
                clauses.append(f"t.{column} IN ({', '.join('?' * len(values))})")
                params.extend(values)
        if self.themes:
            clauses.append(
                "EXISTS (SELECT 1 FROM theme_hits h WHERE h.article_id = t.article_id "
                f"AND h.turn = t.turn AND h.theme IN ({', '.join('?' * len(self.themes))}))"
            )
            params.extend(self.themes)
        if self.date_from or self.date_to:
            dated = ["a.published IS NOT NULL"]
            if self.date_from:
                dated.append("CAST(a.published AS DATE) >= ?")
                params.append(self.date_from)
            if self.date_to:
                dated.append("CAST(a.published AS DATE) <= ?")
                params.append(self.date_to)
            clauses.append(
                f"t.article_id IN (SELECT a.article_id FROM articles a WHERE {' AND '.join(dated)})"
            )
        return " AND ".join(clauses) if clauses else "TRUE"
