"""Worker processes for large corpora, safe inside the dashboard's threaded server.

Workers are spawned, not forked: the server is multi-threaded, and a fork of a threaded
process can deadlock. A spawned worker first re-runs the parent's `__main__` file; under
`streamlit run` that file is the dashboard script, which would load the corpus again inside
every worker (and crash the pool). So `__main__` is swapped for a bare module while the
workers start, the way Streamlit itself swaps it for each script run.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import sys
import threading
import types
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

MAX_WORKERS = 8
_MAIN_SWAP = threading.Lock()
_LOCAL = threading.local()


def worker_count() -> int:
    if getattr(_LOCAL, "serial", False):
        return 1
    return min(os.cpu_count() or 1, MAX_WORKERS)


@contextmanager
def serial() -> Iterator[None]:
    """Work in this thread only, without worker processes: for a visitor's uploads, whose
    few megabytes don't repay starting workers, and which must never leave one running."""
    before = getattr(_LOCAL, "serial", False)
    _LOCAL.serial = True
    try:
        yield
    finally:
        _LOCAL.serial = before


@contextmanager
def _bare_main() -> Iterator[None]:
    with _MAIN_SWAP:
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            if main is not None:
                sys.modules["__main__"] = main


def _exit_without_teardown() -> None:
    # A worker's results are sent and its files closed when it is told to stop; tearing its
    # interpreter down (pandas, pyarrow, dictionaries) then took 0.3-0.7 s while the caller
    # waited. Handlers registered after this one (by modules the tasks import) still run.
    atexit.register(os._exit, 0)


def parallel_map(function: Callable, *iterables: Iterable, chunksize: int = 1) -> list:
    """`function` over the iterables in worker processes; results in input order."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=worker_count(), mp_context=context, initializer=_exit_without_teardown
    ) as pool:
        # Executor.map submits every task at once, so all workers start inside the swap.
        with _bare_main():
            results = pool.map(function, *iterables, chunksize=chunksize)
        return list(results)
