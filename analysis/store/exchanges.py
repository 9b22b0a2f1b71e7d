"""The SQL of exchanges: every question with its answer, and what the Questions page draws.

The build finds the exchanges from the turns alone (`analysis.measures.exchanges`) and the
store keeps them in two tables of its own: `exchanges` (one row each: asker, question text,
type, answer length and answerers, position) and `exchange_turns` (each question or answer
turn: article, turn, exchange, part). What depends on a visitor's themes and vocabulary is
joined here, at query time, from `theme_hits` and `tokens`: the themes and top words of each
part, the follow-up links (a question sharing a theme or a key term with the previous
exchange of its article, question or answer) and the topic shifts (an answer sharing no
theme and no key term with its question).

A **key term** of a question or an answer is a kept word of two characters or more that is
not a common word (one of the 2,000 most frequent of jieba's dictionary, such as 希望, 时间,
使用, or a word of asking, such as 看法, 问题: `measures.exchanges.common_words`; the themes
link the topical common words, such as 安全), not a speaker's name or a word of one
(addressing "Sam" links nothing), and not part of its article's background: a word used in
more than half of the article's exchanges (question or answer), and in more than three,
links nothing ("模型" in an interview about models).

Every query takes the shared `Selection` (an exchange passes when one of its question or
answer turns does) and the page's own `ExchangeFilter`; values travel as parameters, never
as SQL text, and each answer is no larger than what a page draws (top-N and grouping in SQL).
The links read every word of the articles concerned: a page of the list reads only its
rows' articles, and a selection naming its articles (as the dashboard's bounded selections
do) reads only theirs, the rest of the tokens left unread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import pandas as pd

from analysis import schema as s
from analysis.measures.exchanges import (
    NO_QUESTIONER,
    NO_QUESTIONS,
    QUESTIONERS,
    SEPARATOR,
    common_words,
)
from analysis.store.build import SEQ
from analysis.store.selection import Selection

EVERYTHING = Selection()
EITHER = "either"
PARTS = (s.QUESTION, s.ANSWER, EITHER)  # where a filter's terms and themes are looked for
TOP_TERMS = 5  # kept words shown per question and per answer
BACKGROUND_SHARE = 0.5  # a word in more than this share of its article's exchanges …
BACKGROUND_MIN = 3  # … and in more than this many of them is background, not a key term
KEY_TERM_MIN_CHARS = 2
PRUNE_MAX_ARTICLES = 2_000  # up to this many articles are named to the scans (files skipped)

# The orders a list of exchanges can come in.
IN_ORDER = "conversation"  # corpus order, then the order of the conversation
SHORTEST = "shortest"  # shortest answer first (unanswered ones first of all)
LONGEST = "longest"
ORDERS = (IN_ORDER, SHORTEST, LONGEST)
MAX_LIST = 10_000  # rows one page of the list may ask for

# What the per-person rates are grouped by.
BY_ASKER = s.ASKER
BY_ANSWERER = "answerer"
BY_ARTICLE = s.ARTICLE_ID
RATE_GROUPS = (BY_ASKER, BY_ANSWERER, BY_ARTICLE)

# Why there are no exchanges to show, for the page to say in words.
NOT_BUILT = "not_built"  # the store was built before exchanges were found
NO_SPEECH = "no_speech"  # the selection holds no turn at all
NO_MATCH = "no_match"  # there are exchanges, but none passes the filters
EMPTY_REASONS = (NOT_BUILT, NO_SPEECH, NO_QUESTIONER, NO_QUESTIONS, NO_MATCH)

# Columns of the aggregates (besides the schema's).
EXCHANGES_COUNT = "exchanges"
ANSWERED = "answered"
UNANSWERED = "unanswered"
FOLLOW_UPS = "follow_ups"
SHIFTS = "shifts"
RATE = "rate"
MEDIAN_ANSWER_CHARS = "median_answer_chars"
MEAN_ANSWER_CHARS = "mean_answer_chars"
ANSWERER = BY_ANSWERER


@dataclass(frozen=True)
class ExchangeFilter:
    """The Questions page's own filters, on top of the shared `Selection`; an empty field
    filters nothing. An exchange passes when its question (or answer, or either: `part`)
    uses one of `terms` (kept words, case ignored) and touches one of `themes`, one
    of `askers` asked it, one of `answerers` answered, its type is one of `types`, its
    question contains `search` (ignoring case), and it is (or, False, is not) a follow-up
    and its answer a topic shift, when `follow_up` and `topic_shift` are set."""

    terms: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    askers: tuple[str, ...] = ()
    answerers: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    part: str = s.QUESTION
    search: str = ""
    follow_up: bool | None = None
    topic_shift: bool | None = None

    def __post_init__(self) -> None:
        for name in ("terms", "themes", "askers", "answerers", "types"):
            values = getattr(self, name)
            if isinstance(values, str):
                values = (values,)
            values = tuple(dict.fromkeys(str(v).strip() for v in values or () if str(v).strip()))
            object.__setattr__(self, name, values)
        object.__setattr__(self, "terms", tuple(dict.fromkeys(t.lower() for t in self.terms)))
        object.__setattr__(self, "search", str(self.search or "").strip())
        if self.part not in PARTS:
            raise ValueError(f"part is one of {', '.join(PARTS)}, not {self.part!r}")
        unknown = [t for t in self.types if t not in s.QUESTION_TYPES]
        if unknown:
            raise ValueError(
                f"question types are {', '.join(s.QUESTION_TYPES)}; {unknown[0]!r} is not one"
            )
        for flag in ("follow_up", "topic_shift"):
            value = getattr(self, flag)
            if value is not None and not isinstance(value, bool):
                raise ValueError(f"{flag} is True, False or None, not {value!r}")

    def is_empty(self) -> bool:
        """True when the filter lets every exchange through."""
        return all(
            getattr(self, f.name) in ((), "", None) for f in fields(self) if f.name != "part"
        )

    def needs_links(self) -> bool:
        return self.follow_up is not None or self.topic_shift is not None


NO_FILTER = ExchangeFilter()


@dataclass(frozen=True)
class ExchangeSide:
    """One side of a comparison: the words of the `part` turns (answers, by default) of the
    exchanges that pass `sel` and `filt`, e.g. "answers to questions about theme X"."""

    sel: Selection = EVERYTHING
    filt: ExchangeFilter = NO_FILTER
    part: str = s.ANSWER

    def __post_init__(self) -> None:
        if self.part not in (s.QUESTION, s.ANSWER):
            raise ValueError(f"a side's part is question or answer, not {self.part!r}")


@dataclass(frozen=True)
class ExchangeSummary:
    """How many exchanges pass, in how many articles, how many were answered; when none
    pass, `reason` says why (one of EMPTY_REASONS), else None."""

    exchanges: int
    articles: int
    answered: int
    reason: str | None


# ---------------------------------------------------------------- picking exchanges


def _in(values: Sequence, params: list) -> str:
    params.extend(values)
    return ", ".join("?" * len(values))


def _parts_of(part: str) -> list[str]:
    return [s.QUESTION, s.ANSWER] if part == EITHER else [part]


def _by_article_only(sel: Selection) -> bool:
    return not (sel.speakers or sel.roles or sel.themes or sel.sections)


def _where(sel: Selection, filt: ExchangeFilter, params: list, alias: str = "e") -> str:
    """The condition on an exchange (the stored table, as `alias`) for `sel` and `filt`,
    but the follow-up and topic-shift flags, which need the links."""
    e = alias
    clauses = []
    if sel.articles:
        clauses.append(f"{e}.article_id IN ({_in(sel.articles, params)})")
    if sel.date_from or sel.date_to:
        dated = Selection(date_from=sel.date_from, date_to=sel.date_to)
        inner: list = []
        condition = dated.where(inner).replace("t.article_id", f"{e}.article_id")
        clauses.append(condition)
        params.extend(inner)
    if not _by_article_only(sel):
        inner = []
        where = Selection(
            speakers=sel.speakers, roles=sel.roles, themes=sel.themes, sections=sel.sections
        ).where(inner)
        clauses.append(
            "EXISTS (SELECT 1 FROM exchange_turns x JOIN turns_all t "
            "ON t.article_id = x.article_id AND t.turn = x.turn "
            f"WHERE x.article_id = {e}.article_id AND x.exchange = {e}.exchange AND {where})"
        )
        params.extend(inner)
    if filt.askers:
        clauses.append(f"{e}.asker IN ({_in(filt.askers, params)})")
    if filt.types:
        clauses.append(f"{e}.question_type IN ({_in(filt.types, params)})")
    if filt.search:
        clauses.append(f"contains(lower({e}.question), lower(?))")
        params.append(filt.search)
    if filt.answerers:
        clauses.append(
            f"list_has_any(string_split({e}.answerers, '{SEPARATOR}'), "
            f"[{_in(filt.answerers, params)}])"
        )
    parts = _parts_of(filt.part)
    if filt.themes:
        clauses.append(
            "EXISTS (SELECT 1 FROM exchange_turns x JOIN theme_hits h "
            "ON h.article_id = x.article_id AND h.turn = x.turn "
            f"WHERE x.article_id = {e}.article_id AND x.exchange = {e}.exchange "
            f"AND x.part IN ({_in(parts, params)}) AND h.theme IN ({_in(filt.themes, params)}))"
        )
    if filt.terms:
        clauses.append(
            "EXISTS (SELECT 1 FROM exchange_turns x JOIN tokens k "
            "ON k.article_id = x.article_id AND k.turn = x.turn "
            f"WHERE x.article_id = {e}.article_id AND x.exchange = {e}.exchange "
            f"AND x.part IN ({_in(parts, params)}) "
            f"AND lower(k.token) IN ({_in(filt.terms, params)}))"
        )
    return " AND ".join(clauses) if clauses else "TRUE"


def _picked(sel: Selection, filt: ExchangeFilter, params: list) -> str:
    """A SELECT of the stored exchanges passing `sel` and `filt` (but the link flags)."""
    return f"SELECT e.* FROM exchanges e WHERE {_where(sel, filt, params)}"


# ---------------------------------------------------------------- links


class _Scope:
    """The articles whose words are read: named (the scans skip the files without them)
    or, past PRUNE_MAX_ARTICLES or unknown, those of the CTE `scope`."""

    def __init__(self, ids: Sequence[str] | None) -> None:
        ids = None if ids is None else list(dict.fromkeys(ids))
        self.ids = ids if ids is not None and len(ids) <= PRUNE_MAX_ARTICLES else None

    def within(self, params: list) -> str:
        if self.ids is None:
            return "IN (SELECT article_id FROM scope)"
        if not self.ids:
            return "IN (SELECT NULL WHERE FALSE)"
        return f"IN ({_in(self.ids, params)})"


def _links(scope: _Scope, params: list) -> str:
    """CTEs over the exchanges of the scope's articles: `part_themes` and `part_words` (each
    part's themes and words), `themes_of` and `terms_of` (their lists per exchange),
    `follow_themes`, `follow_terms` and `kept` (for `_link_columns`). Parameters are
    appended to `params` in the order they appear."""
    within = [scope.within(params) for _ in range(3)]
    params.append(list(common_words()))
    first_key = "p.turn * 1000000 + k.position"
    return (
        "scoped AS MATERIALIZED (SELECT x.article_id, x.turn, x.exchange, x.part "
        f"FROM exchange_turns x WHERE x.article_id {within[0]}), "
        "part_themes AS MATERIALIZED (SELECT p.article_id, p.exchange, p.part, h.theme, "
        "SUM(h.hits) AS hits FROM scoped p JOIN theme_hits h "
        "ON h.article_id = p.article_id AND h.turn = p.turn GROUP BY ALL), "
        "part_words AS MATERIALIZED (SELECT p.article_id, p.exchange, p.part, k.token, "
        f"COUNT(*) AS uses, MIN({first_key}) AS first FROM scoped p "
        f"JOIN (SELECT * FROM tokens WHERE article_id {within[1]}) k "
        "ON k.article_id = p.article_id AND k.turn = p.turn GROUP BY ALL), "
        "sizes AS (SELECT article_id, COUNT(*) AS n FROM exchanges "
        f"WHERE article_id {within[2]} GROUP BY ALL), "
        # Who takes part: addressing the guest by name links nothing.
        "people AS (SELECT DISTINCT article_id, lower(asker) AS name FROM exchanges "
        "WHERE article_id IN (SELECT article_id FROM sizes) UNION "
        f"SELECT DISTINCT article_id, lower(UNNEST(string_split(answerers, '{SEPARATOR}'))) "
        "FROM exchanges WHERE article_id IN (SELECT article_id FROM sizes)), "
        "named AS (SELECT article_id, name FROM people UNION "
        "SELECT article_id, UNNEST(string_split(name, ' ')) FROM people), "
        # Only words a question uses can link anything: the rest of the answers' words
        # are left out before counting where each word is used.
        "asked AS (SELECT DISTINCT article_id, token FROM part_words "
        f"WHERE part = 'question' AND length(token) >= {KEY_TERM_MIN_CHARS} "
        "AND lower(token) NOT IN (SELECT UNNEST(?::VARCHAR[]))), "
        "candidates AS MATERIALIZED (SELECT w.article_id, w.exchange, w.part, w.token, "
        "w.uses, w.first FROM part_words w SEMI JOIN asked a "
        "ON a.article_id = w.article_id AND a.token = w.token "
        "ANTI JOIN named n ON n.article_id = w.article_id AND n.name = lower(w.token)), "
        "spread AS (SELECT article_id, token, COUNT(DISTINCT exchange) AS used_in "
        "FROM candidates GROUP BY ALL), "
        "key_terms AS MATERIALIZED (SELECT c.* FROM candidates c "
        "JOIN spread d ON d.article_id = c.article_id AND d.token = c.token "
        "JOIN sizes z ON z.article_id = c.article_id "
        f"WHERE NOT (d.used_in > {BACKGROUND_MIN} AND d.used_in > z.n * {BACKGROUND_SHARE})), "
        # The previous exchange's themes and key terms, either part.
        "follow_themes AS (SELECT q.article_id, q.exchange, "
        f"string_agg(q.theme, '{SEPARATOR}' ORDER BY q.hits DESC, q.theme) AS themes "
        "FROM part_themes q SEMI JOIN part_themes b ON b.article_id = q.article_id "
        "AND b.exchange = q.exchange - 1 AND b.theme = q.theme "
        "WHERE q.part = 'question' GROUP BY ALL), "
        "follow_terms AS (SELECT q.article_id, q.exchange, "
        f"string_agg(q.token, '{SEPARATOR}' ORDER BY q.uses DESC, q.first) AS terms "
        "FROM key_terms q SEMI JOIN key_terms b ON b.article_id = q.article_id "
        "AND b.exchange = q.exchange - 1 AND b.token = q.token "
        "WHERE q.part = 'question' GROUP BY ALL), "
        "kept AS (SELECT DISTINCT q.article_id, q.exchange FROM part_themes q "
        "SEMI JOIN part_themes a ON a.article_id = q.article_id AND a.exchange = q.exchange "
        "AND a.theme = q.theme AND a.part = 'answer' WHERE q.part = 'question' UNION "
        "SELECT DISTINCT q.article_id, q.exchange FROM key_terms q "
        "SEMI JOIN key_terms a ON a.article_id = q.article_id AND a.exchange = q.exchange "
        "AND a.token = q.token AND a.part = 'answer' WHERE q.part = 'question'), "
        "themes_of AS (SELECT article_id, exchange, "
        f"string_agg(theme, '{SEPARATOR}' ORDER BY hits DESC, theme) "
        "FILTER (WHERE part = 'question') AS question_themes, "
        f"string_agg(theme, '{SEPARATOR}' ORDER BY hits DESC, theme) "
        "FILTER (WHERE part = 'answer') AS answer_themes FROM part_themes GROUP BY ALL), "
        # Top words by uses, then first use: max_by keeps the n best without sorting all.
        "top_words AS (SELECT article_id, exchange, part, "
        f"max_by(token, uses * 1000000000000 - first, {TOP_TERMS}) AS top "
        "FROM part_words GROUP BY ALL), "
        "terms_of AS (SELECT article_id, exchange, "
        f"array_to_string(any_value(top) FILTER (WHERE part = 'question'), '{SEPARATOR}') "
        "AS question_terms, "
        f"array_to_string(any_value(top) FILTER (WHERE part = 'answer'), '{SEPARATOR}') "
        "AS answer_terms FROM top_words GROUP BY ALL)"
    )


def _link_columns(alias: str) -> str:
    """The link columns of exchange `alias`, from the CTEs of `_links` joined by
    `_link_joins`."""
    return (
        "COALESCE(ft.themes IS NOT NULL OR fw.terms IS NOT NULL, FALSE) AS follow_up, "
        "COALESCE(ft.themes, '') AS follow_themes, COALESCE(fw.terms, '') AS follow_terms, "
        f"CASE WHEN {alias}.answer_turns = 0 THEN NULL "
        "ELSE kp.exchange IS NULL END AS topic_shift"
    )


def _link_joins(alias: str) -> str:
    def on(other: str) -> str:
        return f"ON {other}.article_id = {alias}.article_id AND {other}.exchange = {alias}.exchange"

    return (
        f"LEFT JOIN follow_themes ft {on('ft')} "
        f"LEFT JOIN follow_terms fw {on('fw')} "
        f"LEFT JOIN kept kp {on('kp')} "
    )


def _flag_filter(filt: ExchangeFilter, params: list) -> str:
    clauses = []
    if filt.follow_up is not None:
        clauses.append("follow_up = ?")
        params.append(bool(filt.follow_up))
    if filt.topic_shift is not None:
        clauses.append("topic_shift IS NOT NULL AND topic_shift = ?")
        params.append(bool(filt.topic_shift))
    return " AND ".join(clauses) if clauses else "TRUE"


def _order(order: str, alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    keys = f"{prefix}{SEQ}, {prefix}exchange"
    if order == IN_ORDER:
        return keys
    if order == SHORTEST:
        return f"{prefix}answer_chars, {keys}"
    if order == LONGEST:
        return f"{prefix}answer_chars DESC, {keys}"
    raise ValueError(f"exchanges come in order {', '.join(ORDERS)}, not {order!r}")


def _linked(
    sel: Selection,
    filt: ExchangeFilter,
    params: list,
    scope: _Scope,
    page: str = "",
    paging: tuple = (),
) -> str:
    """CTEs ending in `rows`: the exchanges passing `sel` and `filt` (the link flags too),
    every stored column and the link columns, cut to `page` (ORDER BY … LIMIT …, or
    nothing; `paging` its parameters), and the CTEs of `_links` for the scope's articles.
    Without a flag to filter on, the page is cut before the words are read."""
    picked = _picked(sel, filt, params)
    if filt.needs_links():
        links = _links(scope, params)
        flags = _flag_filter(filt, params)
        params += paging
        return (
            f"WITH picked AS ({picked}), scope AS (SELECT DISTINCT article_id FROM picked), "
            f"{links}, "
            f"linked AS (SELECT e.*, {_link_columns('e')} FROM picked e {_link_joins('e')}), "
            f"rows AS (SELECT * FROM linked WHERE {flags} {page})"
        )
    params += paging
    links = _links(scope, params)
    return (
        f"WITH picked AS ({picked} {page}), scope AS (SELECT DISTINCT article_id FROM picked), "
        f"{links}, "
        f"rows AS (SELECT e.*, {_link_columns('e')} FROM picked e {_link_joins('e')})"
    )


def _scope_of(store, sel: Selection, filt: ExchangeFilter, page: str, paging: tuple) -> _Scope:
    """Which articles' words a query reads: the selection's own articles when it names them,
    else (for a page of the list) the articles of the page's rows, found first."""
    if sel.articles:
        return _Scope(sel.articles)
    if paging and not filt.needs_links():
        params: list = []
        picked = _picked(sel, filt, params)
        ids = store.query(
            f"SELECT DISTINCT article_id FROM ({picked} {page}) AS page", [*params, *paging]
        )
        return _Scope(ids[s.ARTICLE_ID].tolist())
    return _Scope(None)


# ---------------------------------------------------------------- the list


def exchanges(
    store,
    sel: Selection = EVERYTHING,
    filt: ExchangeFilter = NO_FILTER,
    order: str = IN_ORDER,
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    """The exchanges table (`schema.EXCHANGES`, every column) of the exchanges passing `sel`
    and `filt`, in `order` (the conversations', or shortest or longest answer first);
    `limit` rows from `offset` for a page of the list (at most MAX_LIST), whose words alone
    are read."""
    page = f"ORDER BY {_order(order)}"
    paging: tuple = ()
    if limit is not None:
        page += " LIMIT ? OFFSET ?"
        paging = (max(0, min(int(limit), MAX_LIST)), max(0, int(offset)))
    scope = _scope_of(store, sel, filt, page, paging)
    params: list = []
    sql = _linked(sel, filt, params, scope, page, paging)
    joined = {
        s.QUESTION_THEMES: "COALESCE(th.question_themes, '')",
        s.ANSWER_THEMES: "COALESCE(th.answer_themes, '')",
        s.QUESTION_TERMS: "COALESCE(tm.question_terms, '')",
        s.ANSWER_TERMS: "COALESCE(tm.answer_terms, '')",
    }
    select = ", ".join(f"{joined.get(name, 'r.' + name)} AS {name}" for name in s.EXCHANGES.names)
    sql += (
        f" SELECT {select} FROM rows r "
        "LEFT JOIN themes_of th ON th.article_id = r.article_id AND th.exchange = r.exchange "
        "LEFT JOIN terms_of tm ON tm.article_id = r.article_id AND tm.exchange = r.exchange "
        f"ORDER BY {_order(order, 'r')}"
    )
    return store.query(sql, params)


def exchange_text(store, article_id: str, exchange: int) -> pd.DataFrame:
    """The turns of one exchange, for a row of the list to open: `part` (question or
    answer), `turn`, `speaker`, `role`, `text`, `chars`, in conversation order; empty when
    there is no such exchange."""
    return store.query(
        "SELECT x.part, t.turn, t.speaker, t.role, t.text, t.chars FROM exchange_turns x "
        "JOIN turns_all t ON t.article_id = x.article_id AND t.turn = x.turn "
        "WHERE x.article_id = ? AND x.exchange = ? ORDER BY t.turn",
        [str(article_id), int(exchange)],
    )


def exchange_summary(
    store, sel: Selection = EVERYTHING, filt: ExchangeFilter = NO_FILTER
) -> ExchangeSummary:
    """How many exchanges pass `sel` and `filt`, in how many articles and how many were
    answered; with none, why: the store predates exchanges, the selection has no speech, no
    questioner speaks in it, none of them asks, or the filters leave none."""
    params: list = []
    if filt.needs_links():
        scope = _scope_of(store, sel, filt, "", ())
        sql = _linked(sel, filt, params, scope) + " SELECT "
        source = "rows"
    else:
        sql = f"WITH rows AS ({_picked(sel, filt, params)}) SELECT "
        source = "rows"
    row = store.query(
        sql + "COUNT(*) AS n, COUNT(DISTINCT article_id) AS articles, "
        f"COUNT(*) FILTER (WHERE answer_turns > 0) AS answered FROM {source}",
        params,
    ).iloc[0]
    count, articles, answered = int(row["n"]), int(row["articles"]), int(row["answered"])
    return ExchangeSummary(
        count, articles, answered, _why_empty(store, sel, filt) if count == 0 else None
    )


def _why_empty(store, sel: Selection, filt: ExchangeFilter) -> str:
    """Why no exchange passes: judged on the whole articles the selection touches."""
    if not getattr(store, "exchanges_built", True):
        return NOT_BUILT
    params: list = list(QUESTIONERS)
    marks = ", ".join("?" * len(QUESTIONERS))
    where = sel.where(params)
    found = store.query(
        f"WITH chosen AS (SELECT DISTINCT t.article_id FROM turns_all t WHERE {where}) "
        "SELECT (SELECT COUNT(*) FROM chosen) AS articles, "
        f"(SELECT COUNT(*) FROM turns_all a WHERE a.role IN ({marks}) "
        "AND a.article_id IN (SELECT article_id FROM chosen)) AS asking, "
        "(SELECT COUNT(*) FROM exchanges e "
        "WHERE e.article_id IN (SELECT article_id FROM chosen)) AS exchanges",
        [*params[len(QUESTIONERS) :], *QUESTIONERS],
    ).iloc[0]
    if int(found["articles"]) == 0:
        return NO_SPEECH
    if int(found["asking"]) == 0:
        return NO_QUESTIONER
    if int(found["exchanges"]) == 0:
        return NO_QUESTIONS
    return NO_MATCH


# ---------------------------------------------------------------- what the page draws


def answer_lengths(
    store,
    sel: Selection = EVERYTHING,
    filt: ExchangeFilter = NO_FILTER,
    max_articles: int = 20,
) -> pd.DataFrame:
    """Answer length per question along each conversation, for the `max_articles` newest
    articles with an exchange that passes (undated ones last): `article_id`, `exchange`,
    `turn`, `position`, `asker`, `question_type`, `answer_chars`, in conversation order."""
    params: list = []
    sql, source = _source(sel, filt, params)
    params.append(max(1, int(max_articles)))
    return store.query(
        f"{sql} newest AS (SELECT r.article_id FROM {source} r "
        "JOIN articles_all a ON a.article_id = r.article_id GROUP BY r.article_id "
        "ORDER BY any_value(a.published) DESC NULLS LAST, r.article_id DESC LIMIT ?) "
        "SELECT article_id, exchange, turn, position, asker, question_type, answer_chars "
        f"FROM {source} WHERE article_id IN (SELECT article_id FROM newest) "
        f"ORDER BY {SEQ}, exchange",
        params,
    )


def _source(sel: Selection, filt: ExchangeFilter, params: list) -> tuple[str, str]:
    """The start of a WITH … (ending in a comma) whose CTE (named second) holds the
    exchanges passing `sel` and `filt`, link flags too."""
    if filt.needs_links():
        params_scope = _Scope(sel.articles or None)
        return _linked(sel, filt, params, params_scope) + ",", "rows"
    return f"WITH rows AS ({_picked(sel, filt, params)}),", "rows"


def answer_length_by_theme(
    store, sel: Selection = EVERYTHING, filt: ExchangeFilter = NO_FILTER
) -> pd.DataFrame:
    """Per theme of the questions (an exchange counts under every theme its question
    touches): `theme`, `exchanges`, `answered`, `median_answer_chars` and
    `mean_answer_chars` of the answered ones, `unanswered`; themes in file order, then
    by name."""
    params: list = []
    sql, source = _source(sel, filt, params)
    order = [theme.name for theme in getattr(store, "themes", [])]
    params.append(order)
    return store.query(
        f"{sql} question_themes AS (SELECT DISTINCT r.article_id, r.exchange, r.answer_turns, "
        "r.answer_chars, h.theme FROM " + source + " r JOIN exchange_turns x "
        "ON x.article_id = r.article_id AND x.exchange = r.exchange AND x.part = 'question' "
        "JOIN theme_hits h ON h.article_id = x.article_id AND h.turn = x.turn) "
        "SELECT theme, COUNT(*) AS exchanges, "
        "COUNT(*) FILTER (WHERE answer_turns > 0) AS answered, "
        "COALESCE(median(answer_chars) FILTER (WHERE answer_turns > 0), 0)::DOUBLE "
        "AS median_answer_chars, "
        "COALESCE(avg(answer_chars) FILTER (WHERE answer_turns > 0), 0)::DOUBLE "
        "AS mean_answer_chars, COUNT(*) FILTER (WHERE answer_turns = 0) AS unanswered "
        "FROM question_themes GROUP BY theme "
        "ORDER BY COALESCE(list_position(?::VARCHAR[], theme), 1000000), theme",
        params,
    )


def question_types(
    store, sel: Selection = EVERYTHING, filt: ExchangeFilter = NO_FILTER, top: int = 20
) -> pd.DataFrame:
    """Question types per interviewer: `asker`, `asker_role`, `question_type`,
    `exchanges`, for the `top` askers with most exchanges (ties by name), most first."""
    params: list = []
    sql, source = _source(sel, filt, params)
    params.append(max(1, int(top)))
    return store.query(
        f"{sql} askers AS (SELECT asker, COUNT(*) AS n FROM {source} GROUP BY asker "
        "ORDER BY n DESC, asker LIMIT ?) "
        "SELECT r.asker, any_value(r.asker_role) AS asker_role, r.question_type, "
        f"COUNT(*) AS exchanges FROM {source} r JOIN askers k ON k.asker = r.asker "
        "GROUP BY r.asker, r.question_type "
        "ORDER BY any_value(k.n) DESC, r.asker, "
        "list_position(['open', 'closed', 'statement'], r.question_type)",
        params,
    )


def follow_up_rates(
    store, sel: Selection = EVERYTHING, filt: ExchangeFilter = NO_FILTER, top: int = 20
) -> pd.DataFrame:
    """Follow-up rate per interviewer: `asker`, `exchanges`, `follow_ups` (questions sharing
    a theme or key term with the previous exchange), `rate` (follow_ups / exchanges, first
    exchanges of a conversation included), for the `top` askers with most exchanges.
    Reads every word of the exchanges' articles: name them in `sel` to bound the cost."""
    params: list = []
    sql = _linked(sel, filt, params, _Scope(sel.articles or None))
    params.append(max(1, int(top)))
    return store.query(
        f"{sql} SELECT asker, COUNT(*) AS exchanges, "
        "COUNT(*) FILTER (WHERE follow_up) AS follow_ups, "
        "(COUNT(*) FILTER (WHERE follow_up))::DOUBLE / COUNT(*) AS rate "
        "FROM rows GROUP BY asker ORDER BY exchanges DESC, asker LIMIT ?",
        params,
    )


def topic_shift_rates(
    store,
    sel: Selection = EVERYTHING,
    filt: ExchangeFilter = NO_FILTER,
    by: str = BY_ANSWERER,
    top: int = 20,
) -> pd.DataFrame:
    """How often an answer shares no theme and no key term with its question, per answerer
    (an exchange counts for each of its answerers), asker or article: the group's column,
    `answered` (exchanges with an answer), `shifts`, `rate` (shifts / answered), for the
    `top` groups with most answered exchanges. What it counts, no more: an answer can
    share no word with its question and still answer it. Reads every word of the
    exchanges' articles: name them in `sel` to bound the cost."""
    if by not in RATE_GROUPS:
        raise ValueError(f"topic shifts go by {', '.join(RATE_GROUPS)}, not {by!r}")
    params: list = []
    sql = _linked(sel, filt, params, _Scope(sel.articles or None))
    params.append(max(1, int(top)))
    if by == BY_ANSWERER:
        groups = (
            "(SELECT UNNEST(string_split(answerers, '" + SEPARATOR + "')) AS answerer, "
            "topic_shift FROM rows WHERE answer_turns > 0)"
        )
    else:
        groups = f"(SELECT {by}, topic_shift FROM rows WHERE answer_turns > 0)"
    return store.query(
        f"{sql} SELECT {by}, COUNT(*) AS answered, "
        "COUNT(*) FILTER (WHERE topic_shift) AS shifts, "
        "(COUNT(*) FILTER (WHERE topic_shift))::DOUBLE / COUNT(*) AS rate "
        f"FROM {groups} GROUP BY {by} ORDER BY answered DESC, {by} LIMIT ?",
        params,
    )


# ---------------------------------------------------------------- comparisons


def _side_turns(side: ExchangeSide, params: list) -> str:
    """A SELECT of (article_id, turn) of the side's part turns."""
    return (
        f"SELECT x.article_id, x.turn FROM exchange_turns x WHERE x.part = '{side.part}' "
        f"AND EXISTS (SELECT 1 FROM ({_picked(side.sel, side.filt, params)}) e "
        "WHERE e.article_id = x.article_id AND e.exchange = x.exchange)"
    )


def _sides(a: ExchangeSide, b: ExchangeSide | None, params: list) -> str:
    """CTEs `side_a` and `side_b` (turns); B None: every other exchange's same part."""
    sql = f"side_a AS ({_side_turns(a, params)}), "
    if b is None:
        sql += (
            "side_b AS (SELECT x.article_id, x.turn FROM exchange_turns x "
            f"WHERE x.part = '{a.part}' AND NOT EXISTS (SELECT 1 FROM side_a s "
            "WHERE s.article_id = x.article_id AND s.turn = x.turn))"
        )
    else:
        sql += f"side_b AS ({_side_turns(b, params)})"
    return sql


def side_term_frequencies(store, a: ExchangeSide, b: ExchangeSide | None) -> pd.DataFrame:
    """Per term, its uses in side A's turns and in B's (`term`, `count_a`, `count_b`), as
    `comparison.term_frequencies` gives them for two selections of turns; B None: the same
    part of every other exchange. The sides' turns are flagged once and joined to the
    tokens (a hash join, one pass over the words)."""
    params: list = []
    return store.query(
        f"WITH {_sides(a, b, params)}, "
        "flags AS (SELECT article_id, turn, bool_or(in_a) AS in_a, bool_or(in_b) AS in_b "
        "FROM (SELECT article_id, turn, TRUE AS in_a, FALSE AS in_b FROM side_a UNION ALL "
        "SELECT article_id, turn, FALSE, TRUE FROM side_b) GROUP BY ALL) "
        "SELECT k.token AS term, COUNT(*) FILTER (WHERE f.in_a) AS count_a, "
        "COUNT(*) FILTER (WHERE f.in_b) AS count_b FROM tokens k "
        "JOIN flags f ON f.article_id = k.article_id AND f.turn = k.turn "
        "GROUP BY k.token ORDER BY k.token",
        params,
    )


def side_turn_counts(store, a: ExchangeSide, b: ExchangeSide | None) -> pd.Series:
    """Turns of A (`turns_a`), of B (`turns_b`) and of both (`shared`)."""
    params: list = []
    return store.query(
        f"WITH {_sides(a, b, params)} SELECT (SELECT COUNT(*) FROM side_a) AS turns_a, "
        "(SELECT COUNT(*) FROM side_b) AS turns_b, "
        "(SELECT COUNT(*) FROM side_a s SEMI JOIN side_b o "
        "ON o.article_id = s.article_id AND o.turn = s.turn) AS shared",
        params,
    ).iloc[0]
