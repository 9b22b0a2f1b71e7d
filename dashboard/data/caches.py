"""Answers kept for the next run that asks them: one cache policy, bounded by bytes.

- **Shared or private, decided here only** (`cache_for`): answers about the shared corpus
  (whatever themes or vocabulary) are kept once for every visitor; answers about a visitor's
  uploads are kept in that visitor's session only, and go when it ends.
- **Bounded by bytes**, not entries: each cache keeps the most recently used answers whose
  sizes (a table's memory, deep) fit its cap (`limits.SHARED_ANSWER_BYTES`,
  `limits.SESSION_ANSWER_BYTES`); an answer larger than a quarter of the cap is computed
  and handed out but not kept, so one huge answer never flushes the rest.
- **A corpus's own answers** (its `Visual`: a name and colour per article and person) grow
  with the corpus, not with what a page shows, and every run needs them: they are kept
  outside the byte cap, the `limits.CORPUS_ANSWERS_KEPT` most recent per cache (at 100,000
  articles a Visual is 45 MB, past the shared cap's quarter, and was built again every run).
- **Computed once**: two runs asking the same answer at once wait for one computation.
- **Handed out as copies**, as `st.cache_data` does, so a page may change what it got: a
  table as a shallow copy where pandas copies on write (pandas 3: a column is copied when
  first written, so a rerun that only draws copies nothing), anything else deep; what a
  caller never changes (a corpus's `Visual`) is handed out as kept (`read_only`).
- Nothing here listens to Streamlit's cache clearing: a `clear_cache` message from a
  browser changes nothing, and there is nothing a visitor could drop from under another.
"""

from __future__ import annotations

import copy
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.store.queries import answer_key, queries
from dashboard import limits
from dashboard.data import sessions
from dashboard.data.sessions import Session


def size_of(answer: Any) -> int:
    """Bytes an answer holds in memory (tables deep: their strings too)."""
    if isinstance(answer, pd.DataFrame):
        return int(answer.memory_usage(index=True, deep=True).sum())
    if isinstance(answer, pd.Series):
        return int(answer.memory_usage(index=True, deep=True))
    if isinstance(answer, np.ndarray):
        return int(answer.nbytes)
    if isinstance(answer, (str, bytes, bytearray)):
        return sys.getsizeof(answer)
    if isinstance(answer, (list, tuple, set, frozenset)):
        return sys.getsizeof(answer) + sum(size_of(item) for item in answer)
    if isinstance(answer, dict):
        return sys.getsizeof(answer) + sum(size_of(k) + size_of(v) for k, v in answer.items())
    if is_dataclass(answer) and not isinstance(answer, type):
        return sys.getsizeof(answer) + sum(size_of(getattr(answer, f.name)) for f in fields(answer))
    return sys.getsizeof(answer)


# pandas 3 always copies on write: a shallow copy of a kept table is then as safe as a deep one.
COPY_ON_WRITE = int(pd.__version__.split(".", 1)[0]) >= 3


def handed_out(answer: Any) -> Any:
    """A copy of a kept answer that its caller may change without changing the kept one."""
    if COPY_ON_WRITE and isinstance(answer, (pd.DataFrame, pd.Series)):
        return answer.copy(deep=False)
    if type(answer) is tuple:  # (sizes, scores) and the like
        return tuple(handed_out(item) for item in answer)
    if isinstance(answer, (str, bytes, int, float, bool, type(None))):
        return answer
    return copy.deepcopy(answer)


class AnswerCache:
    """Answers by key, least recently used first to go once their bytes pass `cap_bytes`."""

    def __init__(self, cap_bytes: Callable[[], int]) -> None:
        self._cap = cap_bytes  # read when used, so a test can lower the limit
        self._lock = threading.Lock()
        self._answers: OrderedDict[str, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._computing: dict[str, threading.Lock] = {}
        self._whole: OrderedDict[str, Any] = OrderedDict()  # a corpus's own answers, by count
        self.computed = 0  # answers computed (not found): for tests and benches

    def get(
        self, key: str, compute: Callable[[], Any], read_only: bool = False, whole: bool = False
    ) -> Any:
        """The answer for `key`: kept, or computed by `compute()` (once, whoever asks).
        `read_only`: the caller never changes it, so it is handed out as kept, not copied
        (a `Visual` of 10,000 articles took 0.2-1 s to deep-copy on every run). `whole`: a
        corpus's own answer, kept by count outside the byte cap (see the module's notes)."""
        out = (lambda kept: kept) if read_only else handed_out
        found = self._take(key)
        if found is not None:
            return out(found[0])
        with self._lock:
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            found = self._take(key)  # computed by another run while this one waited
            if found is None:
                answer = compute()
                self.computed += 1
                if whole:
                    self._keep_whole(key, answer)
                else:
                    self._keep(key, answer, size_of(answer))
            else:
                answer = found[0]
        with self._lock:
            if not computing.locked():
                self._computing.pop(key, None)
        return out(answer)

    def _take(self, key: str) -> tuple[Any, int] | None:
        with self._lock:
            if key in self._whole:
                self._whole.move_to_end(key)
                return self._whole[key], 0
            found = self._answers.get(key)
            if found is not None:
                self._answers.move_to_end(key)
            return found

    def _keep(self, key: str, answer: Any, size: int) -> None:
        cap = self.cap_bytes
        if size > cap // 4:
            return
        with self._lock:
            old = self._answers.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            self._answers[key] = (answer, size)
            self._bytes += size
            while self._bytes > cap and self._answers:
                _, (_, dropped) = self._answers.popitem(last=False)
                self._bytes -= dropped

    def _keep_whole(self, key: str, answer: Any) -> None:
        with self._lock:
            self._whole[key] = answer
            self._whole.move_to_end(key)
            while len(self._whole) > limits.CORPUS_ANSWERS_KEPT:
                self._whole.popitem(last=False)

    @property
    def cap_bytes(self) -> int:
        return int(self._cap())

    @property
    def bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._answers)


SHARED = AnswerCache(lambda: limits.SHARED_ANSWER_BYTES)
_private: dict[Session, AnswerCache] = {}
_private_lock = threading.Lock()


def private_cache(session: Session | None = None) -> AnswerCache:
    """The session's own answers (uploads), dropped with the session."""
    session = session or sessions.current()
    with _private_lock:
        for ended in [s for s in _private if not s.alive()]:
            del _private[ended]
        if session not in _private:
            _private[session] = AnswerCache(lambda: limits.SESSION_ANSWER_BYTES)
        return _private[session]


def cache_for(private: bool) -> AnswerCache:
    """The one cache policy: a visitor's uploads stay in their session, the rest is shared."""
    return private_cache() if private else SHARED


def answer(store, private: bool, name: str, *args, **kwargs):
    """Query `name` of the store's registry (`analysis.store.queries`) on `store`, kept by
    the policy per content of the tables it reads and its arguments (`private`: the store
    holds a visitor's uploads)."""
    query = queries.get(name)
    key = answer_key(store, query, args, kwargs)
    return cache_for(private).get(key, lambda: query.function(store, *args, **kwargs))


def remember(
    key: str,
    compute: Callable[[], Any],
    private: bool = False,
    read_only: bool = False,
    whole: bool = False,
) -> Any:
    """`compute()`, kept under `key` by the policy (for what is not a store query: a
    corpus's colours and names, a word cloud's picture); `read_only`, `whole`: see
    `AnswerCache.get`."""
    return cache_for(private).get(key, compute, read_only=read_only, whole=whole)


def stats() -> dict[str, int]:
    with _private_lock:
        private = list(_private.values())
    return {
        "shared_answers": len(SHARED),
        "shared_answer_bytes": SHARED.bytes,
        "sessions_with_answers": len(private),
        "private_answer_bytes": sum(c.bytes for c in private),
    }
