"""A visitor's heavy work on text in a worker process of its own, at a lower priority.

Reading an upload and segmenting a vocabulary's turns are Python and Rust (jieba) work that
holds the interpreter lock: done in the server's process, one visitor's 20 MB of uploads or
4 million characters of re-segmentation slow every other visitor's page (they share that
lock) and a single long turn stops the health check for as long as it is cut. Done here,
in a spawned process whose `nice` is raised, the server keeps its lock and the operating
system gives the other visitors' runs the processor first.

Small jobs stay in the run's thread (a worker takes seconds to start); a worker exits after
`IDLE_SECONDS` without work, so an idle server holds none. Spawned, never forked (the server
is threaded), with the dashboard's script kept out of the worker (`analysis.parallel`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from analysis.parallel import _bare_main

IDLE_SECONDS = 120.0
WORKERS = 2
NICENESS = 10
UPLOAD_BYTES = 1_000_000  # uploads of more bytes than this are read in a worker
SEGMENT_CHARS = 200_000  # turns of more characters than this are segmented in a worker

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_busy = 0
_idle_timer: threading.Timer | None = None


def _lower_priority() -> None:
    try:
        os.nice(NICENESS)
    except OSError:  # not allowed here: the worker still keeps the server's lock free
        pass


def _get_pool() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        import multiprocessing

        _pool = ProcessPoolExecutor(
            max_workers=WORKERS,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_lower_priority,
        )
    return _pool


def _shut_if_idle() -> None:
    global _pool
    with _lock:
        if _busy or _pool is None:
            return
        pool, _pool = _pool, None
    pool.shutdown(wait=False, cancel_futures=False)


def run(function: Callable, *args: Any) -> Any:
    """`function(*args)` in a worker process (both picklable), its answer returned; an
    exception it raises is raised here."""
    global _busy, _idle_timer, _pool
    with _lock:
        _busy += 1
        if _idle_timer is not None:
            _idle_timer.cancel()
        pool = _get_pool()
    try:
        with _bare_main():  # a worker may start now: it must not run the dashboard's script
            future = pool.submit(function, *args)
        return future.result()
    except BrokenProcessPool:
        with _lock:  # a worker died (killed, out of memory): the next job gets a new pool
            if _pool is pool:
                _pool = None
        raise
    finally:
        with _lock:
            _busy -= 1
            if not _busy:
                _idle_timer = threading.Timer(IDLE_SECONDS, _shut_if_idle)
                _idle_timer.daemon = True
                _idle_timer.start()


def read_tables_in_worker(files: list, themes: list, speakers) -> Any:
    """`build.read_tables(files, themes, speakers, reports=True)`: in a worker when the
    files are large, else here."""
    from analysis.store.build import read_tables

    if sum(len(data) for _, data in files) <= UPLOAD_BYTES:
        return read_tables(files, themes, speakers, reports=True)
    return run(_read_tables, files, themes, speakers)


def _read_tables(files: list, themes: list, speakers):
    from analysis.parallel import serial
    from analysis.store.build import read_tables

    with serial():
        return read_tables(files, themes, speakers, reports=True)


def segment_in_worker(texts: list[str], settings) -> Any:
    """`tokens.segment_rows(texts, settings)`: in a worker when the texts are long, else
    here (a vocabulary's re-segmentation hands its turns over a chunk at a time)."""
    from analysis.text.tokens import segment_rows

    if sum(len(text) for text in texts) <= SEGMENT_CHARS:
        return segment_rows(texts, settings)
    return run(segment_rows, texts, settings)
