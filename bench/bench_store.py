"""Benchmark: building the store, and page-type queries on it against pandas in memory.

In one run, on realistic text (bench/realistic.py; `--recombined` for the seeds' turns
recombined, `--corpus` for a folder):
- the build (`python -m analysis build`, a fresh process) against bare `jieba.lcut` and
  bare `rjieba.cut` over the same speech, serially in this process; peak memory of the
  build's whole process tree (polled from /proc); a second build of the unchanged files;
- page-type queries (one article and a speaker, top 50 terms, theme counts, speaker
  stats, a concordance) on the store against the same measures in pandas on the tables held
  in memory, and the peak memory of a process doing each.

Prints medians and ratios; nothing passes or fails.

    python3 tasks.py bench --only store
    .venv/bin/python bench/bench_store.py --articles 1000 --repeats 5
    .venv/bin/python bench/bench_store.py --corpus /work/corpora/real-10k --store /tmp/store-10k
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import schema as s  # noqa: E402
from analysis.store.selection import Selection  # noqa: E402
from analysis.store.store import Store  # noqa: E402
from bench import run_measured, timed  # noqa: E402
from bench.synth import REALISTIC, RECOMBINED, write_bench_corpus  # noqa: E402

# ---------------------------------------------------------------- build


def build_command(corpus: Path, store: Path) -> list[str]:
    return [sys.executable, "-m", "analysis", "build", str(corpus), "--store", str(store)]


def children_cpu() -> float:
    """User and system CPU seconds of this process's finished children (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_build(corpus: Path, stores: list[Path]) -> dict:
    """Fresh builds into each of `stores` (median), then repeat builds over the first."""
    times, peaks, cpus = [], [], []
    for store in stores:
        shutil.rmtree(store, ignore_errors=True)
        before = children_cpu()
        elapsed, peak, _ = run_measured(build_command(corpus, store))
        cpus.append(children_cpu() - before)
        times.append(elapsed)
        peaks.append(peak)
    store = stores[0]
    again = [run_measured(build_command(corpus, store))[0] for _ in range(max(len(stores), 3))]
    opened = Store.open(store)
    texts = opened.turns(columns=[s.TEXT])[s.TEXT].tolist()
    summary = opened.summary()
    words, terms = opened.query("SELECT COUNT(*), COUNT(DISTINCT token) FROM tokens").iloc[0]
    opened.close()
    repeats = len(stores)

    import jieba
    import rjieba

    jieba.initialize()
    tokenizer = rjieba.Jieba()
    tokenizer.cut("预热")

    def bare_jieba() -> None:
        for text in texts:
            jieba.lcut(text)

    def bare_rjieba() -> None:
        for text in texts:
            tokenizer.cut(text)

    started = time.process_time()
    bare_runs = 1 if summary.chars > 5_000_000 else repeats
    bare = timed(bare_jieba, bare_runs)
    bare_cpu = (time.process_time() - started) / bare_runs
    bare_rs = timed(bare_rjieba, repeats)
    build = statistics.median(times)
    return {
        "articles": summary.articles,
        "turns": summary.turns,
        "speech_chars": summary.chars,
        "speakers": summary.speakers,
        "words": int(words),
        "distinct_terms": int(terms),
        "cores": os.cpu_count(),
        "build_s": round(build, 2),
        "bare_jieba_lcut_s": round(bare, 2),
        "bare_rjieba_cut_s": round(bare_rs, 2),
        "build_to_bare_jieba": round(build / bare, 2),
        "build_to_bare_rjieba": round(build / bare_rs, 2),
        "build_peak_rss_mb": round(max(peaks), 1),
        # CPU seconds (the build's whole process tree): a figure other work on the machine
        # disturbs less than wall time, though the build's wall time is the goal.
        "build_cpu_s": round(statistics.median(cpus), 2),
        "bare_jieba_cpu_s": round(bare_cpu, 2),
        "build_cpu_to_bare_jieba_cpu": round(statistics.median(cpus) / bare_cpu, 2),
        "second_build_s": round(statistics.median(again), 2),
        "store_mb": round(sum(p.stat().st_size for p in store.rglob("*") if p.is_file()) / 1e6, 1),
    }


# ---------------------------------------------------------------- queries


def page_queries(store: Store) -> dict:
    """The selections a page asks for: an article and its guest, a speaker and a theme."""
    articles = store.options()["articles"]
    article = articles[len(articles) // 2]
    speakers = store.turns(Selection(articles=(article,)), columns=[s.SPEAKER])[s.SPEAKER]
    speaker = speakers.value_counts().index[0]
    theme = store.options()["themes"][0]
    return {
        "article_speaker": Selection(articles=(article,), speakers=(speaker,)),
        "speaker_theme": Selection(speakers=("Sam Altman",), themes=(theme,)),
    }


def store_queries(store: Store, selections: dict) -> dict:
    one = selections["article_speaker"]
    narrow = selections["speaker_theme"]
    return {
        "article+speaker turns": lambda: store.turns(one),
        "article+speaker stats": lambda: store.speaker_stats(one),
        "top 50 terms": lambda: store.term_counts(top=50),
        "top 50 terms, speaker+theme": lambda: store.term_counts(narrow, top=50),
        "theme counts by article": lambda: store.theme_counts(by=(s.ARTICLE_ID,)),
        "speaker stats": lambda: store.speaker_stats(),
        "kwic AGI": lambda: store.kwic(Selection(), "AGI"),
        "kwic 模型, article+speaker": lambda: store.kwic(one, "模型"),
    }


def pandas_queries(tables: dict, selections: dict) -> dict:
    # The pandas statements of the same measures (tests/oracle.py; the dashboard's old path).
    from analysis.text.kwic import kwic_lines
    from tests.oracle import (
        filter_by_turns,
        filter_turns,
        speaker_stats,
        theme_counts,
        top_terms,
    )

    turns, tokens, hits, articles = (tables[k] for k in ("turns", "tokens", "hits", "articles"))

    def pick(selection: Selection):
        chosen = filter_turns(
            turns,
            articles=selection.articles,
            speakers=selection.speakers,
            roles=selection.roles,
            sections=selection.sections,
            themes=selection.themes,
            theme_hits=hits,
            date_range=(selection.date_from, selection.date_to),
            articles_table=articles,
        )
        return chosen, filter_by_turns(tokens, chosen), filter_by_turns(hits, chosen)

    one = selections["article_speaker"]
    narrow = selections["speaker_theme"]
    return {
        "article+speaker turns": lambda: pick(one)[0],
        "article+speaker stats": lambda: speaker_stats(pick(one)[0]),
        "top 50 terms": lambda: top_terms(tokens, 50),
        "top 50 terms, speaker+theme": lambda: top_terms(pick(narrow)[1], 50),
        "theme counts by article": lambda: theme_counts(hits, turns, by=(s.ARTICLE_ID,)),
        "speaker stats": lambda: speaker_stats(turns),
        "kwic AGI": lambda: kwic_lines(turns, "AGI"),
        "kwic 模型, article+speaker": lambda: kwic_lines(pick(one)[0], "模型"),
    }


def load_pandas(store: Store) -> dict:
    """The tables as the dashboard holds them today: whole, in pandas."""
    tokens = store.tokens()
    for column in (s.ARTICLE_ID, s.SPEAKER, s.ROLE, s.SECTION):
        tokens[column] = tokens[column].astype("category")
    return {
        "turns": store.turns(),
        "tokens": tokens,
        "hits": store.theme_hits(),
        "articles": store.articles(),
    }


def child(kind: str, store_dir: str, repeats: int) -> None:
    """Run every query in this fresh process; print medians and peak memory as JSON."""
    store = Store.open(store_dir)
    selections = page_queries(store)
    if kind == "store":
        queries = store_queries(store, selections)
    else:
        queries = pandas_queries(load_pandas(store), selections)
    times = {name: timed(query, repeats) for name, query in queries.items()}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"times": times, "peak_rss_mb": peak}))


def bench_queries(store_dir: Path, repeats: int) -> dict:
    results = {}
    for kind in ("store", "pandas"):
        command = [sys.executable, __file__, "--child", kind, str(store_dir), str(repeats)]
        out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
        results[kind] = json.loads(out.stdout.strip().splitlines()[-1])
    rows = {}
    for name, store_time in results["store"]["times"].items():
        pandas_time = results["pandas"]["times"][name]
        rows[name] = {
            "store_ms": round(store_time * 1000, 1),
            "pandas_ms": round(pandas_time * 1000, 1),
            "pandas_to_store": round(pandas_time / store_time, 2),
        }
    return {
        "queries": rows,
        "store_process_peak_rss_mb": round(results["store"]["peak_rss_mb"], 1),
        "pandas_process_peak_rss_mb": round(results["pandas"]["peak_rss_mb"], 1),
    }


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000, help="size of the generated corpus")
    parser.add_argument(
        "--recombined", action="store_true", help="the seeds' turns recombined, not realistic text"
    )
    parser.add_argument("--repeats", type=int, default=5, help="runs per query (median)")
    parser.add_argument("--build-repeats", type=int, default=1, help="fresh builds (median)")
    parser.add_argument("--corpus", help="an existing corpus folder instead of a generated one")
    parser.add_argument("--store", help="build the (first) store here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.corpus:
            corpus = Path(args.corpus)
        else:
            started = time.perf_counter()
            kind = RECOMBINED if args.recombined else REALISTIC
            corpus = write_bench_corpus(work / "corpus", args.articles, kind)
            print(f"wrote {args.articles} {kind} articles in {time.perf_counter() - started:.1f} s")
        stores = [work / f"store-{number}" for number in range(args.build_repeats)]
        if args.store:
            stores[0] = Path(args.store)
        build = bench_build(corpus, stores)
        print(json.dumps({"build": build}, ensure_ascii=False), flush=True)
        queries = bench_queries(stores[0], args.repeats)
        print(json.dumps(queries, ensure_ascii=False, indent=1), flush=True)
        shutil.rmtree(work / "corpus", ignore_errors=True)


if __name__ == "__main__":
    main()
