"""Benchmark: a visitor's vocabulary against hostile text and a large corpus (issue 18).

1. The protected-term scan (`tokens.ProtectedTerms`, RE2) against the Python `re` alternation
   it replaced, on the issue's attack: one long hyphenated Latin run (1 MB and 9.9 MB) and a
   vocabulary of 500 thirty-character hyphenated words. Besides the medians it prints the
   longest pause a second Python thread saw while the scan ran: what every other visitor
   of the server waits.
2. `Store.with_vocabulary` on a bench corpus (bench/synth.py; 1,000 recombined articles by
   default) with the issue's heaviest valid vocabulary (250 added words and 246 single
   characters counted again), each run in a fresh process: CPU (DuckDB's threads too), wall
   time, memory growth, DuckDB's in-memory tables, `held_bytes` and a term count after;
   before (store.py from git history), after without a budget, and after with the default
   budget (`config.MAX_RESEGMENTED_CHARS`, which refuses it). `--ten` applies ten such
   vocabularies in turn in one process, as one visitor could.

Prints medians and ratios; nothing here passes or fails.

    .venv/bin/python bench/bench_vocabulary.py [--part scan|store] [--repeats 3] [--ten]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import timed  # noqa: E402

# The old scan, as it was in analysis/text/tokens.py (Segmenter.__init__ and words).
BEFORE = """
import re, sys, time
sys.path.insert(0, {root!r})
from bench.bench_vocabulary import attack
terms, text = attack({size})
protected = sorted(terms, key=len, reverse=True)
alternatives = [
    (r"(?<![a-z0-9])" if p[0].isascii() and p[0].isalnum() else "")
    + r"\\s*".join(re.escape(part) for part in p.split())
    + (r"(?![a-z0-9])" if p[-1].isascii() and p[-1].isalnum() else "")
    for p in protected
]
first = "".join(sorted({{re.escape(p[0]) for p in protected}}))
pattern = re.compile(f"(?=[{{first}}])(?:{{'|'.join(alternatives)}})")
start = time.perf_counter()
hits = sum(1 for _ in pattern.finditer(text))
print(time.perf_counter() - start, hits)
"""


def attack(size: int) -> tuple[list[str], str]:
    """The issue's attack: 500 hyphenated 30-character words that all start like the text,
    one hyphenated Latin run of `size` characters, and one of the words at its end."""
    words = [f"{'a-' * 13}q{number:03d}" for number in range(500)]
    run = "a-" * ((size - 4) // 2)
    return words, run + "q250"


class LongestPause:
    """A thread that ticks every millisecond; `.longest` is the longest gap between ticks
    while the `with` block ran (how long the interpreter was held from other threads)."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._tick, daemon=True)

    def _tick(self) -> None:
        last = time.perf_counter()
        while not self._stop.is_set():
            time.sleep(0.001)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last)
            last = now

    def __enter__(self) -> LongestPause:
        self._thread.start()
        time.sleep(0.01)
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def before(size: int, timeout: float) -> str:
    """Seconds the old scan took in a child process, or 'killed after N s'."""
    code = BEFORE.format(root=str(ROOT), size=size)
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return f"killed after {timeout:.0f} s"
    seconds, hits = done.stdout.split()
    return f"{float(seconds):.2f} s ({hits} hits)"


def bench_scan(repeats: int, before_repeats: int, timeout: float) -> None:
    from analysis.text.tokens import ProtectedTerms, segmenter_for

    print("== protected-term scan: 500 hyphenated 30-character words, one hyphenated run")
    for size in (1_000_000, 9_900_000):
        terms, text = attack(size)
        protected = ProtectedTerms(terms)
        after = timed(lambda: sum(1 for _ in protected.spans(text)), repeats)  # noqa: B023
        with LongestPause() as pause:
            hits = sum(1 for _ in protected.spans(text))
        segmenter = segmenter_for(tuple(terms), "rjieba" if _has_rjieba() else "jieba")
        words = timed(lambda: segmenter.words(text), repeats)  # noqa: B023
        olds = [before(size, timeout) for _ in range(before_repeats)]
        seconds = [float(o.split()[0]) for o in olds if not o.startswith("killed")]
        ratio = f"{statistics.median(seconds) / after:,.0f}x faster" if seconds else "-"
        print(
            f"{size / 1e6:.1f} MB: before (Python re) {', '.join(olds)}; "
            f"after (RE2) median {after:.3f} s, {hits} hit; {ratio}; "
            f"longest pause of another thread during the RE2 scan {pause.longest * 1000:.0f} ms; "
            f"Segmenter.words (scan + jieba) median {words:.2f} s"
        )


def _has_rjieba() -> bool:
    try:
        import rjieba  # noqa: F401
    except ImportError:
        return False
    return True


def heaviest_vocabulary():
    """The issue's heaviest valid vocabulary: 250 added words (two-character Han words cut
    from the seeds' text) and 246 single characters taken off the stopwords (Han first)."""
    from analysis.config import DEFAULT_STOPWORDS, Vocabulary, load_stopwords

    singles = [w for w in load_stopwords(DEFAULT_STOPWORDS) if len(w) == 1 and w.isalnum()]
    singles.sort(key=lambda w: (not "\u4e00" <= w <= "\u9fff", w))
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").iterdir()))
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    pairs = (a + b for a, b in zip(han, han[1:], strict=False))
    added = [w for w in dict.fromkeys(pairs) if not set(w) & set(singles)][:250]
    return Vocabulary(add_words=tuple(added), remove_stopwords=tuple(singles[:246]))


# One application of a vocabulary in a fresh process: CPU of the whole process (DuckDB's
# threads too), wall time, the growth of its peak memory, DuckDB's in-memory tables and a
# term count afterwards. "before" loads store.py as it was (BEFORE_STORE, from git history).
BEFORE_STORE = "7e7f948"
APPLY = """
import importlib.util, json, os, resource, sys, time
sys.path.insert(0, {root!r})
from bench.bench_vocabulary import heaviest_vocabulary, variant
from analysis.config import VocabularyCostError
if {before!r}:
    spec = importlib.util.spec_from_file_location("before_store", {before!r})
    module = importlib.util.module_from_spec(spec)
    sys.modules["before_store"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    Store = module.Store
else:
    from analysis.store.store import Store
store = Store.open({store!r})
store.term_counts()
def rss():
    for line in open(f"/proc/{{os.getpid()}}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
def tables():
    return store.query("SELECT memory_usage_bytes FROM duckdb_memory() "
                       "WHERE tag = 'IN_MEMORY_TABLE'").iat[0, 0] / 1e6
out = []
for n in range({count}):
    vocabulary = variant(heaviest_vocabulary(), n)
    rss0, tables0 = rss(), tables()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    try:
        tuned = store.with_vocabulary(vocabulary, **{options})
        outcome = "applied"
    except VocabularyCostError as error:
        tuned, outcome = None, "refused: " + error.values["words"]
    result = dict(cpu=time.process_time() - cpu0, wall=time.perf_counter() - wall0,
                  outcome=outcome, tables=tables() - tables0, rss=rss() - rss0)
    if tuned is not None:
        start = time.perf_counter()
        tuned.term_counts()
        result["term_counts"] = time.perf_counter() - start
        result["held"] = tuned.held_bytes() / 1e6 if hasattr(tuned, "held_bytes") else None
    out.append(result)
print(json.dumps(dict(runs=out, peak=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      end=rss())))
"""


def variant(vocabulary, n: int):
    """The vocabulary with its n-th stopword left out (n = 0: as it is): ten variants are
    ten vocabularies of the same weight, as one visitor could apply them."""
    from dataclasses import replace

    if not n:
        return vocabulary
    kept = vocabulary.remove_stopwords[: n - 1] + vocabulary.remove_stopwords[n:]
    return replace(vocabulary, remove_stopwords=kept)


def apply_in_child(store: Path, before: str | None, count: int, bounded: bool) -> dict:
    options = "{}" if bounded or before else "{'max_chars': 10**12}"
    code = APPLY.format(
        root=str(ROOT), before=before or "", store=str(store), count=count, options=options
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if done.returncode != 0:
        return {"error": done.stderr.strip()[-300:]}
    return json.loads(done.stdout.strip().splitlines()[-1])  # after anything else printed


def old_store(folder: Path) -> str | None:
    try:
        source = subprocess.run(
            ["git", "show", f"{BEFORE_STORE}:analysis/store/store.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    path = folder / "before_store.py"
    path.write_text(source, encoding="utf-8")
    return str(path)


def describe(run: dict) -> str:
    text = (
        f"{run['outcome']}: CPU {run['cpu']:.1f} s, wall {run['wall']:.1f} s, "
        f"RSS +{run['rss']:,.0f} MB, DuckDB tables +{run['tables']:,.0f} MB"
    )
    if "term_counts" in run:
        text += f", term_counts after {run['term_counts']:.2f} s"
    if run.get("held") is not None:
        text += f", held_bytes {run['held']:,.0f} MB"
    return text


def bench_store(spec: str, repeats: int, ten: bool, before_ten: bool) -> None:
    from analysis.config import load_themes
    from analysis.store.build import build_store
    from bench.synth import corpus_folder

    vocabulary = heaviest_vocabulary()
    folder = corpus_folder(spec)
    store = folder.with_name(folder.name + "-store")
    build_store(folder, store, load_themes())
    print(
        f"== Store.with_vocabulary on {spec}: {len(vocabulary.add_words)} added words, "
        f"{len(vocabulary.remove_stopwords)} single characters counted again"
    )
    with tempfile.TemporaryDirectory() as tmp:
        before = old_store(Path(tmp))
        for label, path, bounded in (
            ("before", before, False),
            ("after, unbounded", None, False),
            ("after, the default budget", None, True),
        ):
            if label == "before" and path is None:
                print("(no git history: no before)")
                continue
            runs = [apply_in_child(store, path, 1, bounded) for _ in range(repeats)]
            if any("error" in r for r in runs):
                print(f"{label}: {next(r['error'] for r in runs if 'error' in r)}")
                continue
            middle = sorted(runs, key=lambda r: r["runs"][0]["cpu"])[len(runs) // 2]
            print(f"{label} (median CPU of {repeats}): {describe(middle['runs'][0])}")
        if ten:
            for label, path in (("before", before if before_ten else None), ("after", None)):
                if label == "before" and path is None:
                    continue
                result = apply_in_child(store, path, 10, True)
                if "error" in result:
                    print(f"ten, {label}: {result['error']}")
                    continue
                cpu = sum(r["cpu"] for r in result["runs"])
                print(
                    f"ten variants, {label}: CPU {cpu:.1f} s in all, process peak "
                    f"{result['peak']:,.0f} MB, {result['end']:,.0f} MB at the end; "
                    f"{sum(r['outcome'] == 'applied' for r in result['runs'])} applied"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("scan", "store"), help="run one part only")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--before-repeats", type=int, default=1, help="runs of the old scan")
    parser.add_argument("--timeout", type=float, default=150, help="seconds for the old scan")
    parser.add_argument(
        "--corpus", default="recombined:1000", help="a bench corpus spec (bench/synth.py)"
    )
    parser.add_argument("--ten", action="store_true", help="also apply ten variants in turn")
    parser.add_argument("--before-ten", action="store_true", help="…with the old code too")
    args, _ = parser.parse_known_args()  # `tasks.py bench` passes the same arguments to all
    if args.part in (None, "scan"):
        bench_scan(args.repeats, args.before_repeats, args.timeout)
    if args.part in (None, "store"):
        bench_store(args.corpus, args.repeats, args.ten, args.before_ten)


if __name__ == "__main__":
    main()
