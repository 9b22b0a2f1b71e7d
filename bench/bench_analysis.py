"""Benchmark: `export --all` (a fresh store build, then every table) against bare jieba
segmentation of the same speech, in the same run.

Prints medians over repeats, the ratio export/bare, peak memory of a fresh process doing it
on the large corpus, and the time of a second export over the unchanged store. Nothing
here passes or fails.

    python3 tasks.py bench --only analysis            # seeds + 1,000 synthetic articles
    .venv/bin/python bench/bench_analysis.py --articles 200 --repeats 3
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jieba  # noqa: E402

from analysis.config import load_themes  # noqa: E402
from analysis.ingest.reader import read_corpus  # noqa: E402
from analysis.store.build import build_store  # noqa: E402
from analysis.store.export import all_tables  # noqa: E402
from analysis.store.store import Store  # noqa: E402
from bench import timed  # noqa: E402
from bench.synth import write_synthetic_corpus  # noqa: E402


def bare_segmentation(texts: list[str]) -> None:
    for text in texts:
        jieba.lcut(text)


def export_tables(folder: Path, store_dir: Path) -> None:
    """What `export --all` does: build (or reuse) the store, then count every table."""
    build_store(folder, store_dir, load_themes())
    store = Store.open(store_dir)
    try:
        all_tables(store)
    finally:
        store.close()


def full_analysis(folder: Path) -> None:
    """Everything from the files, in a store of its own: read, segment, themes, every table."""
    with tempfile.TemporaryDirectory() as tmp:
        export_tables(folder, Path(tmp))


def peak_memory_mb(folder: Path) -> float:
    """Peak resident memory of a fresh process doing the full analysis."""
    code = (
        f"import resource, sys; sys.path.insert(0, {str(ROOT)!r});"
        "from bench.bench_analysis import full_analysis; from pathlib import Path;"
        f"full_analysis(Path({str(folder)!r}));"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def measure(name: str, folder: Path, repeats: int, cache_dir: Path) -> dict:
    corpus = read_corpus(folder)
    texts = corpus.turns["text"].tolist()
    jieba.initialize()
    full_analysis(folder)  # warm imports and the jieba instances for both sides
    bare = timed(lambda: bare_segmentation(texts), repeats)
    full = timed(lambda: full_analysis(folder), repeats)
    start = time.perf_counter()
    export_tables(folder, cache_dir)
    first_load = time.perf_counter() - start
    second_load = timed(lambda: export_tables(folder, cache_dir), repeats)
    result = {
        "corpus": name,
        "articles": len(corpus.articles),
        "turns": len(corpus.turns),
        "speech_chars": int(corpus.turns["chars"].sum()),
        "bare_jieba_s": round(bare, 3),
        "export_s": round(full, 3),
        "ratio_export_to_bare": round(full / bare, 2),
        "first_export_s": round(first_load, 3),
        "second_export_s": round(second_load, 3),
        "peak_memory_mb": round(peak_memory_mb(folder), 1),
    }
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000, help="size of the synthetic corpus")
    parser.add_argument("--repeats", type=int, default=3, help="runs per measurement (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        measure("seeds", ROOT / "seeds", max(args.repeats, 5), tmp / "cache-seeds")
        synthetic = write_synthetic_corpus(ROOT / "seeds", tmp / "synthetic", args.articles)
        measure(f"synthetic-{args.articles}", synthetic, args.repeats, tmp / "cache-synthetic")
    print("rss of this process (MB):", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)


if __name__ == "__main__":
    main()
