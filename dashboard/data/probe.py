"""A memory probe for bench/bench_memory.py, started only when TRANSCRIPTS_MEMORY_PROBE names
a file: it reports how many analysis tables and stores are alive in this server."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from analysis import schema as s
from analysis.store.store import Store
from dashboard.data import caches
from dashboard.data.stores import STORES

PROBE_ENV = "TRANSCRIPTS_MEMORY_PROBE"  # a file path; only bench/ sets it


_started: set[str] = set()


def _memory_probe(path: str) -> None:
    """For bench/bench_memory.py: when `<path>.ask` appears, write how many analysis tables
    are alive in this server to `<path>` (JSON), so a benchmark can tell copies from reuse."""
    import gc
    import json
    import threading
    import time

    if path in _started:  # once per server (a module-level set: no cache can clear it)
        return
    _started.add(path)

    def answer() -> None:
        ask_file = Path(path + ".ask")
        while True:
            if ask_file.exists():
                gc.collect()
                frames = [o for o in gc.get_objects() if isinstance(o, pd.DataFrame)]
                token_tables = [f for f in frames if s.TOKEN in f.columns and s.POSITION in f]
                stores = [o for o in gc.get_objects() if isinstance(o, Store)]
                counts = {
                    # The dashboard's data lives in DuckDB behind Store objects: one per
                    # corpus and theme set, plus one per session with uploads.
                    "stores": len(stores),
                    "upload_stores": sum(bool(getattr(o, "owns_uploads", False)) for o in stores),
                    "token_tables": len(token_tables),
                    "token_rows": int(sum(len(f) for f in token_tables)),
                    **{f"pool_{k}": v for k, v in STORES.stats().items()},
                    **caches.stats(),
                }
                Path(path).write_text(json.dumps(counts))
                ask_file.unlink(missing_ok=True)
            time.sleep(0.2)  # polling a file: the probe must not cost the server anything

    threading.Thread(target=answer, daemon=True, name="memory-probe").start()


def start_if_asked() -> None:
    """Start the probe when the benchmark's environment variable names a file."""
    if os.environ.get(PROBE_ENV):
        _memory_probe(os.environ[PROBE_ENV])
