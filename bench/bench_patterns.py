"""Benchmark: concordance and theme patterns on RE2 (now) against Python's re (before).

Prints medians, the growth from n to 4n characters (linear work gives about 4x), and whether
another thread runs while RE2 scans. "Before" runs the old code (re.compile + finditer, or
str.count for themes) in a child process killed after --timeout seconds, because on the
hostile patterns it would never return. Nothing here passes or fails.

    python3 tasks.py bench --only patterns
    .venv/bin/python bench/bench_patterns.py --repeats 5 --timeout 5
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.config import Theme  # noqa: E402
from analysis.ingest.reader import read_corpus  # noqa: E402
from analysis.text.kwic import compile_pattern, kwic_lines, match_spans  # noqa: E402
from analysis.text.themes import theme_hits  # noqa: E402
from bench import timed  # noqa: E402
from tests.conftest import make_turns  # noqa: E402

SEARCHES = {"literal": ("智能体", False), "regex": (r"智能.|AG.", True)}
# "hit everywhere" stops at MAX_HITS (5,000) hits, so its time does not grow with the text.
HOSTILE = {"nested star": "(.*)*x", "nested plus": "([^x]+)+x", "hit everywhere": "a.*z|a"}

# The code before RE2, as it was in analysis/kwic.py and analysis/themes.py.
BEFORE = """
import re, sys, time, unicodedata
sys.path.insert(0, {root!r})
from analysis.ingest.reader import read_corpus
kind, pattern, text = {kind!r}, {pattern!r}, {text!r}
texts = [text] if text else list(read_corpus({seeds!r}).turns["text"])
compiled = re.compile(pattern, re.IGNORECASE)
start = time.perf_counter()
for t in texts:
    if kind == "kwic":
        for n, _ in enumerate(compiled.finditer(unicodedata.normalize("NFKC", t).replace("\\n", " "))):
            if n >= 5000:
                break
    else:
        len(compiled.findall(unicodedata.normalize("NFKC", t).casefold()))
print(time.perf_counter() - start)
"""


def before(kind: str, pattern: str, timeout: float, text: str = "") -> str:
    """Seconds the old Python-re code took, or 'killed after N s'."""
    code = BEFORE.format(
        root=str(ROOT), kind=kind, pattern=pattern, text=text, seeds=str(ROOT / "seeds")
    )
    try:
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return f"killed after {timeout:g} s"
    return f"{float(out.stdout.strip().splitlines()[-1]):.4f} s"


def progress_while(scan, seconds: float) -> float:
    """How far a pure-Python thread counts while `scan` runs over and over, against idle."""
    counted, stop = [0], [False]

    def spin():
        while not stop[0]:
            counted[0] += 1

    thread = threading.Thread(target=spin)
    thread.start()
    before_idle = counted[0]
    time.sleep(seconds)
    idle = counted[0] - before_idle
    before_scan, start = counted[0], time.perf_counter()
    while time.perf_counter() - start < seconds:
        scan()
    scanning = counted[0] - before_scan
    stop[0] = True
    thread.join()
    return round(scanning / max(idle, 1), 2)


def gil_check(seconds: float = 1.0) -> dict:
    """Does another Python thread (another visitor's session) run while a pattern scans?

    Near 1: the engine lets go of the interpreter while it scans; near 0: it holds it, as
    Python's re does. Other load on the machine adds noise, so both are measured side by side.
    """
    compiled = compile_pattern("(?:a.*z|a.*y)+q", regex=True)
    data = b"a" * 20_000_000  # bytes, so the time is RE2's scan, not Python's encoding
    python_re = re.compile("[ab]*q")  # quadratic in re: about a second in one call
    text = "a" * 30_000
    return {
        "other_thread_progress_during_re2_scan": progress_while(
            lambda: compiled.search(data), seconds
        ),
        "other_thread_progress_during_python_re_scan": progress_while(
            lambda: python_re.search(text), seconds
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--timeout", type=float, default=10, help="seconds before 'before' dies")
    args, _ = parser.parse_known_args()  # tasks.py passes every bench the same arguments
    turns = read_corpus(ROOT / "seeds").turns

    for name, (pattern, regex) in {
        **SEARCHES,
        **{k: (v, True) for k, v in HOSTILE.items()},
    }.items():
        after = timed(lambda p=pattern, r=regex: kwic_lines(turns, p, r), args.repeats)
        old = before("kwic", pattern if regex else re.escape(pattern), args.timeout)
        print(
            json.dumps(
                {
                    "concordance on seeds": name,
                    "pattern": pattern,
                    "before": old,
                    "after_median_s": round(after, 4),
                },
                ensure_ascii=False,
            ),
            flush=True,
        )

    for name, pattern in HOSTILE.items():
        compiled = compile_pattern(pattern, regex=True)
        sizes = {n: ("a" * (n // 2) + "的" * (n // 2)) for n in (25_000, 100_000)}
        times = {
            n: timed(lambda t=text, c=compiled: match_spans(t, c), args.repeats)
            for n, text in sizes.items()
        }
        old = before("kwic", pattern, args.timeout, text="a" * 30)
        print(
            json.dumps(
                {
                    "one text": name,
                    "after_25k_s": round(times[25_000], 4),
                    "after_100k_s": round(times[100_000], 4),
                    "ratio_4n_to_n": round(times[100_000] / max(times[25_000], 1e-9), 2),
                    "before_on_30_chars": old,
                },
                ensure_ascii=False,
            ),
            flush=True,
        )

    theme = Theme("x", ("智能体",), ("(.*)*x",))
    after = timed(lambda: theme_hits(turns, [theme]), args.repeats)
    old = before("theme", "(?=[智])(?:智能体)|(?:(.*)*x)", args.timeout)
    print(
        json.dumps(
            {"theme file (.*)*x on seeds": "", "before": old, "after_median_s": round(after, 4)},
            ensure_ascii=False,
        ),
        flush=True,
    )

    big = make_turns([("A", "guest", "a" * 100_000)])
    after = timed(lambda: theme_hits(big, [Theme("x", (), ("a.*z|a",))]), args.repeats)
    print(json.dumps({"theme a.*z|a, 100k hits in one turn": round(after, 4)}), flush=True)
    print(json.dumps(gil_check()), flush=True)


if __name__ == "__main__":
    main()
