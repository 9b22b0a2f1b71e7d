"""Benchmark: the store built on a Dask cluster (`python -m analysis build --dask`).

A `dask.distributed.LocalCluster` stands in for a real one (one worker process per core,
one thread each), so the run measures the distributed path itself: files read, parsed and
segmented in partitions on the workers, Parquet written to a folder every worker sees.
Reports the build's time per 1,000 articles, against bare `jieba.lcut` over the speech of
the first 1,000 articles in the same run (timed here, serially; scaled per 1,000 articles),
the peak memory of this process and of the workers, the rows built, and the size of the task
graphs the client sent the scheduler (as Dask measures it for its large-graph warning). Nothing
passes or fails.

    .venv/bin/python bench/bench_cluster.py --articles 100000     # realistic text (bench/realistic.py)
    .venv/bin/python bench/bench_cluster.py --articles 10000 --recombined
    .venv/bin/python bench/bench_cluster.py --corpus /path/to/folder --store /path/to/store
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.config import load_themes  # noqa: E402
from analysis.ingest.reader import read_corpus  # noqa: E402
from analysis.store.build import build_store  # noqa: E402
from bench import PeakMemory  # noqa: E402
from bench.synth import REALISTIC, RECOMBINED, write_bench_corpus  # noqa: E402

SAMPLE = 1000  # articles whose speech bare jieba segments, for the reference rate
GRAPH_SIZE = re.compile(r"Sending large graph of size ([\d.]+ \w+)")


def bare_jieba_seconds(folder: Path) -> tuple[float, int, int]:
    """Seconds for bare jieba.lcut over the speech of the first SAMPLE articles; articles, chars."""
    import jieba

    files = sorted(p for p in folder.iterdir() if p.is_file())[:SAMPLE]
    corpus = read_corpus([(p.name, p.read_bytes()) for p in files])
    texts = corpus.turns["text"].tolist()
    jieba.initialize()
    started = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return time.perf_counter() - started, len(corpus.articles), sum(map(len, texts))


def graph_mb(caught: list) -> float:
    """MB of the graphs Dask warned about (the warning's threshold set to one byte)."""
    from dask.utils import parse_bytes

    sizes = [
        parse_bytes(match.group(1))
        for warning in caught
        if (match := GRAPH_SIZE.search(str(warning.message)))
    ]
    return round(sum(sizes) / 1e6, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000, help="generated corpus size")
    parser.add_argument(
        "--recombined", action="store_true", help="the seeds' turns recombined, not realistic text"
    )
    parser.add_argument("--corpus", help="an existing corpus folder instead")
    parser.add_argument("--store", help="store folder to build into (default: a temporary one)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    import dask
    from dask.distributed import Client, LocalCluster

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if args.corpus:
            corpus = Path(args.corpus)
        else:
            kind = RECOMBINED if args.recombined else REALISTIC
            corpus = write_bench_corpus(tmp / "corpus", args.articles, kind)
        store = Path(args.store) if args.store else tmp / "store"
        shutil.rmtree(store, ignore_errors=True)
        bare_s, sample_articles, sample_chars = bare_jieba_seconds(corpus)
        with (
            LocalCluster(
                n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=":0"
            ) as cluster,
            Client(cluster) as client,
            PeakMemory(os.getpid(), every=0.5) as sampler,
            dask.config.set({"distributed.admin.large-graph-warning-threshold": "1B"}),
            warnings.catch_warnings(record=True) as caught,
        ):
            warnings.simplefilter("always")
            started = time.perf_counter()
            result = build_store(corpus, store, load_themes(), client=client)
            seconds = time.perf_counter() - started
        per_1000 = seconds / max(result.articles, 1) * 1000
        bare_per_1000 = bare_s / max(sample_articles, 1) * 1000
        print(
            json.dumps(
                {
                    "articles": result.articles,
                    "turns": result.turns,
                    "tokens": result.tokens,
                    "workers": args.workers,
                    "build_s": round(seconds, 1),
                    "build_s_per_1000_articles": round(per_1000, 2),
                    "bare_jieba_s_per_1000_articles": round(bare_per_1000, 2),
                    "build_to_bare_jieba": round(per_1000 / bare_per_1000, 2),
                    "sample_chars": sample_chars,
                    "graphs_sent_mb": graph_mb(caught),
                    "peak_rss_tree_mb": round(sampler.peak, 1),
                    "this_process_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                    // 1024,
                    "store": str(store),
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
