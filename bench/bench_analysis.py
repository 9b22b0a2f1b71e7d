"""Benchmark: `export` from a built store against the build itself and bare jieba, in one run.

For the seeds and a generated corpus (realistic text by default, bench/realistic.py;
`--recombined` for the seeds' turns recombined; `--corpus` for a folder):
- the build (`python -m analysis build` into a fresh folder, a fresh process) and its peak
  memory with its worker processes, then the same command over the unchanged files; the
  store's words, distinct terms and size;
- bare `jieba.lcut` over the corpus's speech, serially in this process;
- `export` of the default tables and of every table (`--all`) from the built store, in this
  process; the command as a user runs it over unchanged files (a fresh process: the store's
  reuse check, then the default export) and its peak memory;
- with `--old-path`, the export as it was before #21 (every table computed in pandas, the
  default ones written by pandas), once, for a before/after in the same run.

Prints medians and the ratios export/build and export/bare jieba (the target: export at most
the build's time); nothing here passes or fails.

    python3 tasks.py bench --only analysis            # seeds + 1,000 realistic articles
    .venv/bin/python bench/bench_analysis.py --corpus /work/corpora/real-10k --repeats 3
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jieba  # noqa: E402

from analysis.store.export import EXPORTED, TABLE_NAMES, write_tables  # noqa: E402
from analysis.store.store import Store  # noqa: E402
from bench import run_measured, timed  # noqa: E402
from bench.synth import REALISTIC, RECOMBINED, write_bench_corpus  # noqa: E402

DEFAULT_TABLES = [t.name for t in EXPORTED]


def build(folder: Path, store_dir: Path) -> tuple[float, float]:
    """Seconds and peak memory (MB, with its workers) of `python -m analysis build` into a
    fresh folder, in a fresh process."""
    shutil.rmtree(store_dir, ignore_errors=True)
    command = [sys.executable, "-m", "analysis", "build", str(folder), "--store", str(store_dir)]
    seconds, peak, _ = run_measured(command)
    return seconds, peak


def bare_jieba_seconds(store_dir: Path, repeats: int) -> float:
    """Median seconds of bare `jieba.lcut` over the store's speech, serially here."""
    store = Store.open(store_dir)
    texts = store.turns(columns=["text"])["text"].tolist()
    store.close()
    jieba.initialize()

    def segment() -> None:
        for text in texts:
            jieba.lcut(text)

    return timed(segment, repeats)


def export(store_dir: Path, out: Path, names) -> None:
    store = Store.open(store_dir)
    try:
        write_tables(store, out, names)
    finally:
        store.close()


def export_old_path(store_dir: Path, out: Path) -> None:
    """The export before #21: every table computed, the default ones written by pandas."""
    from analysis.csv_safe import write_csv
    from analysis.store.export import all_tables

    store = Store.open(store_dir)
    try:
        tables = all_tables(store)
        out.mkdir(parents=True, exist_ok=True)
        for name in DEFAULT_TABLES:
            write_csv(tables[name], out / f"{name}.csv")
    finally:
        store.close()


def export_command(folder: Path, store_dir: Path, out: Path) -> tuple[float, float]:
    """`python -m analysis export` as a user runs it over unchanged files, in a fresh process:
    seconds and peak memory (MB)."""
    command = [sys.executable, "-m", "analysis", "export", str(folder), "--store", str(store_dir)]
    seconds, peak, _ = run_measured([*command, "--out", str(out)])
    return seconds, peak


def measure(name: str, folder: Path, args: argparse.Namespace, work: Path) -> dict:
    store_dir, out = work / f"store-{name}", work / f"out-{name}"
    if args.store and name != "seeds":
        store_dir = Path(args.store)
    builds = [build(folder, store_dir) for _ in range(args.build_repeats)]
    command = [sys.executable, "-m", "analysis", "build", str(folder), "--store", str(store_dir)]
    again = statistics.median(run_measured(command)[0] for _ in range(args.repeats))
    store = Store.open(store_dir)
    summary = store.summary()
    words, terms = store.query("SELECT COUNT(*), COUNT(DISTINCT token) FROM tokens").iloc[0]
    store_mb = sum(p.stat().st_size for p in store.folder.rglob("*") if p.is_file()) / 1e6
    store.close()
    bare = bare_jieba_seconds(store_dir, args.build_repeats)
    export_s = timed(lambda: export(store_dir, out, DEFAULT_TABLES), args.repeats)
    commands = [export_command(folder, store_dir, out / "cli") for _ in range(args.repeats)]
    build_s = statistics.median(seconds for seconds, _ in builds)
    command_s = statistics.median(seconds for seconds, _ in commands)
    result = {
        "corpus": name,
        "articles": summary.articles,
        "turns": summary.turns,
        "speech_chars": summary.chars,
        "speakers": summary.speakers,
        "words": int(words),
        "distinct_terms": int(terms),
        "store_mb": round(store_mb, 1),
        "bare_jieba_s": round(bare, 2),
        "build_s": round(build_s, 2),
        "build_to_bare_jieba": round(build_s / bare, 2),
        "repeat_build_unchanged_files_s": round(again, 2),
        "export_s": round(export_s, 2),
        "export_to_build": round(export_s / build_s, 2),
        "export_to_bare_jieba": round(export_s / bare, 2),
        "export_command_s": round(command_s, 2),
        "export_command_to_build": round(command_s / build_s, 2),
        "csv_mb": round(sum(p.stat().st_size for p in out.glob("*.csv")) / 1e6, 1),
        "build_peak_rss_mb": round(max(peak for _, peak in builds), 1),
        "export_command_peak_rss_mb": round(max(peak for _, peak in commands), 1),
    }
    if args.old_path:
        started = time.perf_counter()
        export_old_path(store_dir, out / "old")
        old = time.perf_counter() - started
        result["export_before_21_s"] = round(old, 2)
        result["export_before_21_to_build"] = round(old / build_s, 2)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    if args.all_repeats:  # last: its pandas measures hold every word (>12 GB at 10,000 articles)
        every = timed(lambda: export(store_dir, out / "all", TABLE_NAMES), args.all_repeats)
        result["export_all_s"] = round(every, 2)
        print(json.dumps({"corpus": name, "export_all_s": result["export_all_s"]}), flush=True)
    shutil.rmtree(out, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000, help="size of the generated corpus")
    parser.add_argument(
        "--recombined", action="store_true", help="the seeds' turns recombined, not realistic text"
    )
    parser.add_argument("--corpus", help="an existing corpus folder instead of a generated one")
    parser.add_argument("--repeats", type=int, default=3, help="exports per measurement (median)")
    parser.add_argument(
        "--all-repeats", type=int, default=1, help="exports of every table (0: none)"
    )
    parser.add_argument("--build-repeats", type=int, default=1, help="fresh builds (median)")
    parser.add_argument("--old-path", action="store_true", help="also the export before #21")
    parser.add_argument("--no-seeds", action="store_true", help="skip the seeds")
    parser.add_argument("--store", help="build the generated corpus's store here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if not args.no_seeds:
            measure("seeds", ROOT / "seeds", args, work)
        if args.corpus:
            folder, name = Path(args.corpus), Path(args.corpus).name
        else:
            kind = RECOMBINED if args.recombined else REALISTIC
            folder = write_bench_corpus(work / "corpus", args.articles, kind)
            name = f"{kind}-{args.articles}"
        measure(name, folder, args, work)
    print("rss of this process (MB):", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)


if __name__ == "__main__":
    main()
