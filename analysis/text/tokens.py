"""Segmenting turns into words with jieba, once per turn, into the tokens table.

Every counter downstream (terms, keyness, collocations, topics) works on this one table,
so segmentation, the costly step, happens exactly once per turn.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jieba
import numpy as np
import pandas as pd
import re2

from analysis import schema as s
from analysis.config import (
    DEFAULT_STOPWORDS,
    DEFAULT_USERDICT,
    Vocabulary,
    fold_word,
    load_stopwords,
    load_userdict,
)
from analysis.parallel import parallel_map, worker_count
from analysis.text.folding import nfkc
from analysis.text.patterns import SPACE

try:
    import rjieba
except ImportError:  # optional: jieba is the reference and always works
    rjieba = None

jieba.setLogLevel(logging.WARNING)
USER_WORD_FREQ = 200_000  # high enough that a dictionary word is never split

HAN_WORD = re.compile(r"[\u4e00-\u9fd5]+")
NUMBER = re.compile(r"^[\d.,%+\-×x/]+$|^[零一二三四五六七八九十百千万亿两]+$")


@dataclass(frozen=True)
class TokenSettings:
    """What segmentation keeps. Files are user-editable; the switches are per call."""

    userdict: Path | None = DEFAULT_USERDICT
    stopwords: Path | None = DEFAULT_STOPWORDS
    maintained_stopwords: bool = True  # add the stopwords-iso zh/en lists
    drop_stopwords: bool = True
    drop_numbers: bool = True
    drop_punctuation: bool = True
    drop_single_chars: bool = True
    extra_stopwords: frozenset[str] = field(default_factory=frozenset)
    # "jieba" (the reference), "rjieba" (jieba-rs: the same algorithm and dictionary, many
    # times faster) or "auto": rjieba when it is installed.
    segmenter: str = "auto"
    # A session's own words and stopwords (see `analysis.config.Vocabulary`).
    vocabulary: Vocabulary = field(default_factory=Vocabulary)

    def engine(self) -> str:
        """The segmenter that will actually run."""
        if self.segmenter == "auto":
            return "rjieba" if rjieba is not None else "jieba"
        if self.segmenter == "rjieba" and rjieba is None:
            raise ValueError("the rjieba segmenter is not installed (pip install rjieba)")
        return self.segmenter

    def fingerprint(self) -> str:
        """Changes whenever anything that affects the tokens changes (files included)."""
        described = repr(self)
        if self.vocabulary.is_empty():
            # As before vocabularies existed, so stores built then keep their key.
            described = described.replace(f", vocabulary={self.vocabulary!r}", "")
        digest = hashlib.sha256((described + self.engine()).encode())
        for path in (self.userdict, self.stopwords):
            if path and Path(path).exists():
                digest.update(Path(path).read_bytes())
        return digest.hexdigest()[:16]


def normalise(text: str) -> str:
    """Width- and case-folded text: ＡＧＩ, AGI and agi are one word."""
    return nfkc(text).casefold()


# Stands for `_` in the text RE2 scans: RE2's \b counts `_` as a letter, a Latin term's edge
# must not. NFKC maps this character (OHM SIGN) to Ω, so folded text never holds it, and one
# character for one keeps every offset.
UNDERSCORE_STAND_IN = "\u2126"
# RE2's budget for one dictionary's program and DFA cache, filled lazily. Text crafted from
# prefixes of 500 random 30-character words makes the DFA hold ~25 MB (measured RSS); with a
# budget of 16-32 MB it keeps discarding its cache, and 2 MB of that text take 2-3 s instead
# of 0.1-0.2 s. Ordinary text fills far less.
PROTECTED_MAX_MEM = 64 << 20


def _re2_literal(part: str) -> str:
    """`part` as RE2 syntax matching exactly it: letters and digits as they are, every other
    character as its code point (so nothing in a term is ever syntax)."""
    return "".join(ch if ch.isalnum() else f"\\x{{{ord(ch):x}}}" for ch in part)


class ProtectedTerms:
    """Where a dictionary's protected terms stand in folded text, in one RE2 scan.

    Same hits as the Python alternation it replaces, which was one regex call holding the
    interpreter for 72 s on a hyphenated run against 500 hyphenated words: at the leftmost
    place any term fits, the longest term (the dictionary's order among equals) that fits
    there; white space of any length between a term's parts; a term starting or ending with
    a Latin letter or digit not inside a longer Latin word; hits never overlap. RE2 runs a
    DFA (time linear in the text, whatever the terms) and releases the interpreter while
    it scans. `terms` are folded (`normalise`).
    """

    def __init__(self, terms: Iterable[str]) -> None:
        terms = [term for term in terms if term.strip()]
        # Python's sort is stable: equal lengths keep the dictionary's order, as before.
        terms.sort(key=len, reverse=True)
        alternatives = []
        for term in terms:
            term = term.replace("_", UNDERSCORE_STAND_IN)
            body = f"{SPACE}*".join(_re2_literal(part) for part in term.split())
            # The text is folded, so ASCII \w is [a-z0-9_], `_` excepted by the stand-in.
            left = r"\b" if term[0].isascii() and term[0].isalnum() else ""
            right = r"\b" if term[-1].isascii() and term[-1].isalnum() else ""
            alternatives.append(f"{left}{body}{right}")
        options = re2.Options()
        options.log_errors = False
        options.max_mem = PROTECTED_MAX_MEM
        options.never_capture = True
        self.terms = tuple(terms)
        self.regex = re2.compile("|".join(alternatives), options) if alternatives else None

    def spans(self, text: str) -> Iterable[tuple[int, int]]:
        """Character spans of the hits in `text` (folded), in order."""
        if self.regex is None:
            return
        # re2 encodes the text once and counts characters forward: linear in the text.
        for match in self.regex.finditer(text.replace("_", UNDERSCORE_STAND_IN)):
            yield match.span()


class Segmenter:
    """jieba with a domain dictionary; terms jieba would split are matched before it runs.

    Each instance has its own tokenizer (never jieba's global one), set up before anyone
    uses it: two sessions with different vocabularies segment at once without a lock.
    `removed` are taken out of the dictionary (jieba's del_word: frequency 0), so jieba
    may split them.
    """

    def __init__(
        self, terms: tuple[str, ...], engine: str = "jieba", removed: tuple[str, ...] = ()
    ) -> None:
        self.engine = engine
        self.removed = tuple(removed)
        if engine == "rjieba":
            # jieba-rs ships jieba's own dictionary and reads user words the same way.
            tokenizer = rjieba.Jieba()
            self.cut = tokenizer.cut

            def add_word(word: str, freq: int = USER_WORD_FREQ) -> None:
                tokenizer.add_word(word, freq, None)
        else:
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            self.cut = tokenizer.lcut

            def add_word(word: str, freq: int = USER_WORD_FREQ) -> None:
                tokenizer.add_word(word, freq=freq)

        protected = []
        for term in terms:
            folded = normalise(term)
            if HAN_WORD.fullmatch(folded):
                # Han-only terms are safe in jieba's dictionary; Latin ones there would also
                # match inside longer Latin words (pro1 -> pr + o1), so those are matched first.
                add_word(folded)
            else:
                protected.append(folded)
        for word in removed:
            add_word(normalise(word), 0)  # = del_word, in both engines
        # Terms with spaces or other marks (Sam Altman, 萨姆·奥特曼) jieba would split: matched
        # first, in one linear-time scan (see ProtectedTerms).
        self.protected = ProtectedTerms(protected) if protected else None

    def words(self, text: str) -> list[str]:
        """All words of a text in order (folded), protected terms whole, white space dropped."""
        text = normalise(text)
        out: list[str] = []
        last = 0
        if self.protected is not None:
            for start, end in self.protected.spans(text):
                if start > last:
                    out.extend(self.cut(text[last:start]))
                out.append(" ".join(text[start:end].split()))
                last = end
        if last < len(text):
            out.extend(self.cut(text[last:]))
        return list(filter(str.strip, out))  # white space dropped, in C


# Segmenters by engine and dictionary, the least recently used dropped first: each holds a
# whole dictionary (tens of MB with Python jieba), and every session vocabulary makes one.
MAX_SEGMENTERS = 6
_SEGMENTERS: OrderedDict[str, Segmenter] = OrderedDict()
_SEGMENTERS_LOCK = threading.Lock()


def segmenter_for(
    terms: tuple[str, ...], engine: str = "jieba", removed: tuple[str, ...] = ()
) -> Segmenter:
    """One private instance per engine and dictionary content; jieba's global state is never
    touched."""
    content = "\n".join(terms) + "\0" + "\n".join(sorted(removed))
    key = engine + hashlib.sha256(content.encode()).hexdigest()
    with _SEGMENTERS_LOCK:
        if key in _SEGMENTERS:
            _SEGMENTERS.move_to_end(key)
            return _SEGMENTERS[key]
    segmenter = Segmenter(terms, engine, removed)  # outside the lock: loading takes a second
    with _SEGMENTERS_LOCK:
        segmenter = _SEGMENTERS.setdefault(key, segmenter)
        while len(_SEGMENTERS) > MAX_SEGMENTERS:
            _SEGMENTERS.popitem(last=False)
    return segmenter


def dictionary_terms(settings: TokenSettings) -> tuple[str, ...]:
    """The user dictionary with the vocabulary's changes: its words added, removed ones out."""
    terms = load_userdict(settings.userdict) if settings.userdict else ()
    vocabulary = settings.vocabulary
    removed = vocabulary.folded("remove_words")
    kept = [term for term in terms if fold_word(term) not in removed]
    return tuple(dict.fromkeys([*kept, *vocabulary.add_words]))


def resegmented_words(vocabulary: Vocabulary) -> tuple[str, ...]:
    """Words (folded) whose turns a vocabulary segments differently: added and removed
    dictionary words, and stopwords counted again (the stored tokens lack them). Only the
    turns containing one of them need segmenting again; added stopwords are only filtered."""
    return tuple(
        sorted(
            vocabulary.folded("add_words")
            | vocabulary.folded("remove_words")
            | vocabulary.folded("remove_stopwords")
        )
    )


def containing_pattern(words: Iterable[str]) -> str:
    """An RE2 pattern (case-insensitive flag set by the caller) matching a turn's search text
    wherever its folded text contains one of `words`: a full-width Latin letter or digit
    (ＡＧＩ) matches its ASCII form, as folding would make it. For the store's prefilter;
    the folded text is checked again in Python."""

    def char(ch: str) -> str:
        if ch.isascii() and ch.isalnum():
            return f"[{ch}{chr(ord(ch.lower()) + 0xFEE0)}{chr(ord(ch.upper()) + 0xFEE0)}]"
        return re.escape(ch) if ch != " " else r"\s+"

    return "|".join("".join(char(ch) for ch in word) for word in words)


class _Filter:
    """Decides once per distinct word whether it is kept."""

    def __init__(self, settings: TokenSettings) -> None:
        self.settings = settings
        stop = set()
        if settings.drop_stopwords:
            if settings.stopwords:
                stop |= load_stopwords(settings.stopwords, maintained=settings.maintained_stopwords)
            stop |= {normalise(w) for w in settings.extra_stopwords}
        vocabulary = settings.vocabulary
        self.kept = vocabulary.folded("remove_stopwords")
        self.stopwords = (stop - self.kept) | vocabulary.folded("add_stopwords")
        self.decided: dict[str, bool] = {}

    def keep(self, word: str) -> bool:
        decision = self.decided.get(word)
        if decision is None:
            decision = self.decided[word] = self._decide(word)
        return decision

    def _decide(self, word: str) -> bool:
        settings = self.settings
        # Most words are all letters (Han count as letters): no scan of their characters.
        if settings.drop_punctuation and not (word.isalnum() or any(map(str.isalnum, word))):
            return False
        if word in self.kept:  # a stopword the visitor counts again, even one character
            return True
        if settings.drop_numbers and NUMBER.match(word):
            return False
        if settings.drop_single_chars and len(word) == 1:
            return False
        return word not in self.stopwords


@dataclass(frozen=True)
class KeptWords:
    """The kept words of some texts: for each, the text's index (`rows`), its place among
    the text's words before dropping (`positions`) and the word as shown (`words`)."""

    rows: np.ndarray  # int64
    positions: np.ndarray  # int32
    words: list[str]


_UNSEEN = object()
SEGMENT_CHUNK = 2_000  # turns whose words are decided together: bounds the chunk's arrays


def segment_rows(texts: list[str], settings: TokenSettings | None = None) -> KeptWords:
    """The kept words of `texts`, in order, as compact arrays (see `segment_turns`)."""
    settings = settings or TokenSettings()
    terms = dictionary_terms(settings)
    segmenter = segmenter_for(terms, settings.engine(), settings.vocabulary.remove_words)
    keep = _Filter(settings).keep
    # Words are compared folded (openai = OpenAI) but shown as the dictionary spells them.
    spelled = {normalise(term): term for term in reversed(terms)}
    # Peak memory stays a small multiple of the text: turns are segmented a chunk at a time
    # (serially), numbers go to compact arrays, and each distinct word is decided (kept and
    # spelled, or dropped) and stored once. Words are looked up per distinct word of a chunk
    # (pandas hashes them), not per word: the per-word loop was a tenth of a build.
    shown: dict[str, str | None] = {}
    rows: list[np.ndarray] = []
    positions: list[np.ndarray] = []
    words: list[str] = []
    turns = iter(segment_texts(texts, terms, segmenter))
    start = 0
    while chunk := list(itertools.islice(turns, SEGMENT_CHUNK)):
        lengths = np.fromiter(map(len, chunk), dtype=np.int64, count=len(chunk))
        flat = np.empty(int(lengths.sum()), dtype=object)
        flat[:] = list(itertools.chain.from_iterable(chunk))
        codes, distinct = pd.factorize(flat)
        decided = np.empty(len(distinct), dtype=object)
        for i, word in enumerate(distinct.tolist()):
            kept = shown.get(word, _UNSEEN)
            if kept is _UNSEEN:
                kept = shown[word] = spelled.get(word, word) if keep(word) else None
            decided[i] = kept
        chosen = np.flatnonzero(np.not_equal(decided, None)[codes])
        firsts = np.repeat(np.cumsum(lengths) - lengths, lengths)
        rows.append(np.repeat(np.arange(start, start + len(chunk)), lengths)[chosen])
        positions.append((np.arange(len(flat)) - firsts)[chosen].astype(np.int32))
        words.extend(decided[codes[chosen]].tolist())
        start += len(chunk)
    return KeptWords(
        rows=np.concatenate(rows) if rows else np.array([], dtype=np.int64),
        positions=np.concatenate(positions) if positions else np.array([], dtype=np.int32),
        words=words,
    )


def segment_turns(turns: pd.DataFrame, settings: TokenSettings | None = None) -> pd.DataFrame:
    """The tokens table: one row per kept word of every turn, with the turn's speaker and section."""
    kept = segment_rows(turns[s.TEXT].tolist(), settings)
    index = kept.rows
    tokens = pd.DataFrame(
        {
            column: _categorical_rows(turns[column], index)
            for column in (s.ARTICLE_ID, s.SPEAKER, s.ROLE, s.SECTION)
        }
    )
    tokens.insert(1, s.TURN, turns[s.TURN].to_numpy()[index] if len(turns) else np.array([], int))
    tokens[s.POSITION] = kept.positions
    tokens[s.TOKEN] = pd.Series(kept.words, dtype="object")
    return tokens[s.TOKENS.names]


PARALLEL_MIN_CHARS = 1_000_000  # below this, starting worker processes costs more than it saves


def _segment_chunk(
    terms: tuple[str, ...], removed: tuple[str, ...], texts: list[str]
) -> list[list[str]]:
    segmenter = segmenter_for(terms, "jieba", removed)
    return [segmenter.words(text) for text in texts]


def segment_texts(
    texts: list[str], terms: tuple[str, ...], segmenter: Segmenter
) -> Iterable[list[str]]:
    """Words of each text, in order; with Python jieba, large corpora are split over the
    machine's cores, each worker with its own instance (rjieba is faster than starting
    workers). Serially, one text's words exist at a time."""
    workers = worker_count()
    serial = segmenter.engine == "rjieba" or workers < 2
    if serial or sum(map(len, texts)) < PARALLEL_MIN_CHARS:
        return (segmenter.words(text) for text in texts)
    size = -(-len(texts) // (workers * 4))
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    removed = [segmenter.removed] * len(chunks)
    results = parallel_map(_segment_chunk, [terms] * len(chunks), removed, chunks)
    return [words for chunk in results for words in chunk]


def _categorical_rows(column: pd.Series, index: np.ndarray) -> pd.Categorical:
    """`column`'s values at `index` as pd.Categorical makes them (sorted categories, only
    those used), coded once per turn rather than once per word: 4x faster."""
    per_turn = pd.Categorical(np.asarray(column.to_numpy(), dtype=object))
    codes = per_turn.codes[index]
    return pd.Categorical.from_codes(codes, dtype=per_turn.dtype).remove_unused_categories()
