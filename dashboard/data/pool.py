"""The server's stores, kept while a live session uses them and freed by bytes after that.

`st.cache_resource` is not used for a store: a cache may drop an entry whenever it likes
(another visitor's entries push it out; a `clear_cache` message from any browser empties
every cache at once; a session's own entries go when its browser disconnects), and dropping
a store frees its DuckDB tables while a page may still be reading them. Here:

- every run says which stores it uses (`hold`); what a live session's last run held is never
  released, and a store another store is built on goes after it, never before;
- a store only one session may use (`owner`: their uploads) goes as soon as that session no
  longer holds it, or ends (`dashboard.data.sessions`);
- a shared store nobody holds stays for the next visitor while the unheld stores' bytes
  (`Store.held_bytes`) fit in the pool's cap, and the least recently used go first;
- a store that went is built again on demand, never an exception;
- nothing here listens to Streamlit's cache clearing, so `clear_cache` changes nothing.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dashboard.data import sessions
from dashboard.data.sessions import Session


def held_bytes(value: Any) -> int:
    """What a store's own tables hold in memory (0 for anything without them)."""
    measure = getattr(value, "held_bytes", None)
    return int(measure()) if callable(measure) else 0


def close(value: Any) -> None:
    value.close()


@dataclass(eq=False)
class _Entry:
    key: str
    value: Any
    release: Callable[[Any], None] | None
    depends: tuple[str, ...]
    owner: Session | None
    bytes: int = 0
    used: float = field(default_factory=time.monotonic)


@dataclass
class _Runs:
    """What a session's runs hold: the run going on, and the last one (until this ends)."""

    current: set[str] = field(default_factory=set)
    previous: set[str] = field(default_factory=set)
    ended: bool = True


class Pool:
    """Stores by key, held by sessions; see the module's docstring."""

    def __init__(self, cap_bytes: Callable[[], int], max_unheld: Callable[[], int]) -> None:
        # Read when used, so a test can lower the limits.
        self._cap_bytes = cap_bytes
        self._max_unheld = max_unheld  # entries without tables of their own count too
        self._lock = threading.RLock()
        self._entries: dict[str, _Entry] = {}
        self._runs: dict[Session, _Runs] = {}
        self._key_locks: dict[str, threading.Lock] = {}
        self.released: list[str] = []  # keys released, newest last (kept short: for tests)

    # ------------------------------------------------------------ a run's holdings

    def begin_run(self, session: Session | None = None) -> None:
        """A run starts: what the session's last finished run held stays held until
        `end_run`; a run stopped before it ended adds to that, never replaces it."""
        session = session or sessions.current()
        with self._lock:
            runs = self._runs.setdefault(session, _Runs())
            runs.previous = runs.current if runs.ended else runs.previous | runs.current
            runs.current = set()
            runs.ended = False

    def end_run(self, session: Session | None = None) -> None:
        """A run has everything it uses: the last run's other stores may go."""
        session = session or sessions.current()
        with self._lock:
            runs = self._runs.setdefault(session, _Runs())
            runs.previous = set()
            runs.ended = True
        self.trim()

    def get(
        self,
        key: str,
        build: Callable[[], Any],
        *,
        size: Callable[[Any], int] = held_bytes,
        release: Callable[[Any], None] | None = close,
        depends: tuple[str, ...] = (),
        owner: Session | None = None,
        session: Session | None = None,
    ) -> Any:
        """The store named `key`, built by `build()` when the pool has none, and held by this
        run's session (or `session`). `depends`: the keys of the stores it is built on (they
        stay while it does); `owner`: the one session that may use it."""
        session = session or sessions.current()
        with self._key_lock(key):
            with self._lock:
                entry = self._entries.get(key)
                if entry is not None:
                    entry.used = time.monotonic()
                    self._hold(session, key)
                    return entry.value
            value = build()
            entry = _Entry(key, value, release, tuple(depends), owner)
            entry.bytes = size(value)
            with self._lock:
                self._entries[key] = entry
                self._hold(session, key)
        self.trim()
        return value

    def _hold(self, session: Session, key: str) -> None:
        runs = self._runs.setdefault(session, _Runs(ended=False))
        runs.current.add(key)

    # ------------------------------------------------------------ letting go

    def held_keys(self) -> set[str]:
        """Keys a live session holds, and the keys those are built on."""
        with self._lock:
            held: set[str] = set()
            for session, runs in self._runs.items():
                if session.alive():
                    held |= runs.current | runs.previous
            stack = list(held)
            while stack:
                entry = self._entries.get(stack.pop())
                for parent in entry.depends if entry else ():
                    if parent not in held:
                        held.add(parent)
                        stack.append(parent)
            return held

    def trim(self) -> None:
        """Release what may go: stores of sessions that ended, a session's own stores it
        no longer holds, and unheld shared stores beyond the cap (least recently used)."""
        dead = sessions.forget_dead()
        with self._lock:
            for session in [s for s in self._runs if not s.alive()] + dead:
                self._runs.pop(session, None)
            rounds = len(self._entries) + 1
        # A store that went may let the one it was built on go too: a few rounds.
        for _ in range(rounds):
            victims = self._victims()
            if not victims:
                return
            for entry in victims:
                self._release(entry)

    def _victims(self) -> list[_Entry]:
        with self._lock:
            held = self.held_keys()
            needed = {parent for e in self._entries.values() for parent in e.depends}
            unheld = [e for e in self._entries.values() if e.key not in held]
            free = [e for e in unheld if e.key not in needed]
            victims = [e for e in free if e.owner is not None]
            total = sum(e.bytes for e in unheld) - sum(e.bytes for e in victims)
            count = len(unheld) - len(victims)
            cap_bytes, max_unheld = self._cap_bytes(), self._max_unheld()
            for entry in sorted((e for e in free if e.owner is None), key=lambda e: e.used):
                if total <= cap_bytes and count <= max_unheld:
                    break
                victims.append(entry)
                total -= entry.bytes
                count -= 1
            return victims

    def _release(self, entry: _Entry) -> None:
        # Under the key's lock, so nobody builds the same key while its tables are dropped;
        # and only if still unheld (a run may have taken it meanwhile).
        with self._key_lock(entry.key):
            with self._lock:
                if self._entries.get(entry.key) is not entry:
                    return
                if entry.key in self.held_keys() or any(
                    entry.key in other.depends for other in self._entries.values()
                ):
                    return
                del self._entries[entry.key]
                self.released = [*self.released[-63:], entry.key]
            if entry.release is not None:
                with contextlib.suppress(Exception):  # a release must not break a run
                    entry.release(entry.value)

    def _key_lock(self, key: str) -> threading.Lock:
        with self._lock:
            return self._key_locks.setdefault(key, threading.Lock())

    # ------------------------------------------------------------ for tests and benches

    def stats(self) -> dict[str, int]:
        """Entries and bytes in the pool, and those no live session holds."""
        with self._lock:
            held = self.held_keys()
            entries = list(self._entries.values())
        return {
            "entries": len(entries),
            "bytes": sum(e.bytes for e in entries),
            "unheld_entries": sum(e.key not in held for e in entries),
            "unheld_bytes": sum(e.bytes for e in entries if e.key not in held),
        }

    def keys(self) -> list[str]:
        with self._lock:
            return list(self._entries)


_sweeper_started = threading.Event()


def start_sweeper(pools: list[Pool], every_seconds: float = 30.0) -> None:
    """Once per server: a thread that frees what ended sessions held, even while nobody
    visits (a run would do it otherwise), and the files Streamlit kept for them."""
    if _sweeper_started.is_set():
        return
    _sweeper_started.set()

    def sweep() -> None:
        while True:
            time.sleep(every_seconds)
            for pool in pools:
                with contextlib.suppress(Exception):
                    pool.trim()
            with contextlib.suppress(Exception):
                sessions.sweep_uploads()

    threading.Thread(target=sweep, daemon=True, name="transcripts-sweeper").start()
