"""Every question a page, the CLI or a test may ask a store, by name: one registry.

    from analysis.store.queries import ask, queries
    ask(store, "theme_counts", sel, by=("article_id",))

Each query is registered with its name, the function that answers it (store first) and the
tables its answer depends on (`reads`), in the manner of spaCy's registries:

    @queries.register("collocates", reads=(TURNS, TOKENS))
    def collocates(store, term, ...): ...

`reads` is what lets a cache share answers safely: an answer that reads only the turns is
the same whatever vocabulary or themes a visitor applied, one that reads the tokens changes
with the vocabulary, and `answer_key` names exactly that content (see `Store.table_keys`).
A selection that filters by theme also reads the theme hits, whatever the query.

The registry holds no cache and no Streamlit: the dashboard decides what to keep and for
whom (`dashboard.data.answers`). The SQL behind every query is in this package.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, is_dataclass

from analysis.store.selection import Selection
from analysis.store.store import Store

# The store's tables as an answer depends on them (see `Store.table_keys`).
TURNS = "turns"  # articles, turns, editorial and problems: the corpus as read
TOKENS = "tokens"  # the kept words: change with a visitor's vocabulary
THEME_HITS = "theme_hits"  # change with a visitor's themes
TABLES = (TURNS, TOKENS, THEME_HITS)


class UnknownQuery(KeyError):
    """A query name nobody registered, with the names that are."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Query:
    """A named question: `function(store, *args, **kwargs)` and the tables it reads."""

    name: str
    function: Callable
    reads: frozenset[str]
    implements: Callable | None = None  # the public function it answers, if another

    @property
    def doc(self) -> str:
        """The first line of the function's docstring: what the query answers."""
        return (inspect.getdoc(self.function) or "").split("\n", 1)[0]


class Registry:
    """Queries by name; `register` adds one (as a decorator or a call), `get` finds one."""

    def __init__(self) -> None:
        self._queries: dict[str, Query] = {}

    def register(
        self,
        name: str,
        function: Callable | None = None,
        *,
        reads: Iterable[str],
        implements: Callable | None = None,
    ):
        """Register `function` under `name`; without `function`, a decorator that does."""
        reads = frozenset(reads) | {TURNS}  # every answer depends on the corpus
        unknown = reads - set(TABLES)
        if unknown:
            raise ValueError(f"query {name!r} reads unknown tables {sorted(unknown)}")

        def add(function: Callable) -> Callable:
            if name in self._queries and self._queries[name].function is not function:
                raise ValueError(f"a query named {name!r} is registered already")
            self._queries[name] = Query(name, function, reads, implements)
            return function

        return add if function is None else add(function)

    def get(self, name: str) -> Query:
        try:
            return self._queries[name]
        except KeyError:
            known = ", ".join(sorted(self._queries))
            raise UnknownQuery(f"no query is named {name!r}; the store answers: {known}") from None

    def implementing(self, function: Callable) -> Query:
        """The query that answers `function` (a measure's public function or its own)."""
        for query in self._queries.values():
            if function in (query.function, query.implements):
                return query
        name = getattr(function, "__qualname__", repr(function))
        raise UnknownQuery(f"no query answers {name}; register one in analysis.store.queries")

    def names(self) -> list[str]:
        return sorted(self._queries)

    def __contains__(self, name: str) -> bool:
        return name in self._queries

    def __iter__(self):
        return iter(self._queries.values())


queries = Registry()


def ask(store, name: str, *args, **kwargs):
    """The answer of query `name` for `store` (the function run, nothing kept)."""
    return queries.get(name).function(store, *args, **kwargs)


def reads_of(query: Query, args: tuple = (), kwargs: dict | None = None) -> frozenset[str]:
    """The tables an answer depends on: the query's, and the theme hits when one of its
    selections filters by theme."""
    values = [*args, *(kwargs or {}).values()]
    if any(isinstance(value, Selection) and value.themes for value in values):
        return query.reads | {THEME_HITS}
    return query.reads


def answer_key(store, query: Query, args: tuple = (), kwargs: dict | None = None) -> str:
    """A key naming one answer: the query, the content of the tables it reads, and its
    arguments. Equal keys give equal answers, whichever store (or visitor) asked."""
    kwargs = kwargs or {}
    keys = table_keys(store)
    content = ";".join(f"{table}={keys[table]}" for table in sorted(reads_of(query, args, kwargs)))
    arguments = ",".join(
        [*map(_key_of, args), *(f"{k}={_key_of(v)}" for k, v in sorted(kwargs.items()))]
    )
    return f"{query.name}|{content}|{arguments}"


def table_keys(store) -> dict[str, str]:
    """Each table's content key (a store without `table_keys` has one key for all)."""
    keys = getattr(store, "table_keys", None)
    return dict(keys) if keys else dict.fromkeys(TABLES, store.key)


def _key_of(value) -> str:
    # repr of the values pages pass (selections, str, numbers, tuples, None) is exact and
    # stable; a function or another object would be named by its address, so refuse it.
    if isinstance(value, (str, int, float, bool, type(None), Selection)):
        return repr(value)
    if isinstance(value, (tuple, list, frozenset)):
        return type(value).__name__ + "(" + ",".join(map(_key_of, value)) + ")"
    if is_dataclass(value) and type(value).__dataclass_params__.frozen:
        return repr(value)
    raise TypeError(f"a query's argument must be a plain value, not {type(value).__name__}")


# ---------------------------------------------------------------- the store's own queries

_STORE_READS = {
    "options": (THEME_HITS,),
    "values": (THEME_HITS,),
    "option_count": (THEME_HITS,),
    "known": (THEME_HITS,),
    "summary": (),
    "articles": (),
    "turns": (),
    "tokens": (TOKENS,),
    "theme_hits": (THEME_HITS,),
    "editorial": (),
    "problems": (),
    "term_counts": (TOKENS,),
    "theme_counts": (THEME_HITS,),
    "theme_counts_by_person": (THEME_HITS,),
    "people_count": (),
    "filter_choices": (),
    "speaker_stats": (),
    "speaker_rows": (),
    "timed_articles": (),
    "article_dynamics": (),
    "theme_trends": (THEME_HITS,),
    "theme_flow": (THEME_HITS,),
    "section_counts": (),
    "word_count": (TOKENS,),
    "turn_totals": (),
    "identity_talk": (),
    "titles": (),
    "recent_articles": (),
    "longest_turns": (),
    "has_turn": (),
    "article_months": (),
    "theme_trends_monthly": (THEME_HITS,),
    "kwic": (),
    "speech_offsets": (),
}
for _name, _reads in _STORE_READS.items():
    queries.register(_name, getattr(Store, _name), reads=_reads)


# ---------------------------------------------------------------- measures over the store


def _register_measures() -> None:
    from analysis.measures import collocations, compare, network
    from analysis.measures.terms import distinctive_terms
    from analysis.measures.topics import find_topics
    from analysis.store.suggest import SuggestSettings, suggest_terms

    both = (TURNS, TOKENS)
    queries.register("comparison", compare.comparison, reads=both)
    queries.register("drawn_comparison", compare.drawn_comparison, reads=both)
    queries.register("term_trends", compare.term_trends, reads=both)
    queries.register("collocates", collocations.collocates, reads=both)
    queries.register("cooccurrence", collocations.cooccurrence, reads=both)
    queries.register("ngrams", collocations.ngrams, reads=both)
    queries.register("word_network", network.word_network, reads=both)
    # Comparisons (issue 22): why a side is empty; terms by article × speaker.
    from analysis.store.term_grid import term_grid

    queries.register("why_empty", compare.why_empty, reads=both)
    queries.register("term_grid", term_grid, reads=both)

    # Measures of every word of a selection (keep it bounded): the tokens, then pandas.
    @queries.register("distinctive_terms", reads=both, implements=distinctive_terms)
    def _distinctive(store, sel: Selection, top: int = 15, by: str = "article_id"):
        """TF-IDF per group of the selection's tokens (`measures.terms.distinctive_terms`)."""
        return distinctive_terms(store.tokens(sel), top=top, by=by)

    @queries.register("phrases", reads=both, implements=collocations.phrases)
    def _phrases(store, sel: Selection, sizes: tuple = (2, 3), min_count: int = 3):
        """Frequent 2- and 3-word phrases of the selection (`collocations.phrases`)."""
        return collocations.phrases(store.tokens(sel), sizes=tuple(sizes), min_count=min_count)

    @queries.register("topics", reads=both, implements=find_topics)
    def _topics(store, sel: Selection, k: int = 8, top_words: int = 10, min_df: int = 2):
        """NMF topics of the selection's turns (`measures.topics.find_topics`)."""
        return find_topics(store.tokens(sel), k=k, top_words=top_words, min_df=min_df)

    @queries.register("suggestions", reads=both, implements=suggest_terms)
    def _suggestions(store, sel: Selection, min_count: int = 3, top: int = 20, exclude=()):
        """Suggested dictionary words of the selection (`analysis.store.suggest`)."""
        settings = SuggestSettings(min_count=int(min_count), top=int(top))
        return suggest_terms(store, sel, settings, tuple(exclude))


_register_measures()


def _register_exchanges() -> None:
    """The exchanges' queries (`analysis.store.exchanges`): the list, the empty state, one
    exchange's turns, the Questions page's charts, and keyness on two sides of exchanges.
    Themes and words are joined at query time, so most read the hits and the tokens."""
    from analysis.measures.exchanges import exchange_comparison
    from analysis.store import exchanges as x

    every = (TURNS, TOKENS, THEME_HITS)
    queries.register("exchanges", x.exchanges, reads=every)
    queries.register("exchange_summary", x.exchange_summary, reads=every)
    queries.register("exchange_text", x.exchange_text, reads=())
    queries.register("answer_lengths", x.answer_lengths, reads=every)
    queries.register("answer_length_by_theme", x.answer_length_by_theme, reads=every)
    queries.register("question_types", x.question_types, reads=every)
    queries.register("follow_up_rates", x.follow_up_rates, reads=every)
    queries.register("topic_shift_rates", x.topic_shift_rates, reads=every)
    queries.register("exchange_comparison", exchange_comparison, reads=every)


_register_exchanges()
